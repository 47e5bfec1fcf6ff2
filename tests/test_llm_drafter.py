"""The language-model drafter, through the real openai client and ChatOpenAI against a loopback server."""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from assistant.config import Settings, load_settings
from assistant.drafting import get_drafter
from assistant.drafting.llm import (
    LLMDrafter,
    Prompts,
    ReplyError,
    make_client,
    parse_paragraphs,
    prompt_hash,
    shape_section,
)
from assistant.drafting.template import ASPECT_HEADINGS, TemplateDrafter
from assistant.errors import InputError
from assistant.facts import FactSheet
from assistant.model import Document, Report
from assistant.pipeline import check_document
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import EXAMPLES
from tests.fake_llm_server import dead_endpoint, fake_llm_server, loopback_settings
from tests.scripted_model import Writer, request_kind

SENTINEL_KEY = "sk-SENTINEL-7f3a9c2e51d04b8e"
DRAFTED = ("preamble", "overview", "problems", "other")


pytestmark = pytest.mark.usefixtures("loopback_model_env")


@pytest.fixture
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def settings(url: str, **overrides: Any) -> Settings:
    return loopback_settings(url, **({"api_key": SENTINEL_KEY} | overrides))


def drafted_text(draft: Any, key: str) -> list[str]:
    return list(draft.preamble) if key == "preamble" else list(draft.section(key).paragraphs)


# --------------------------------------------------------------------------------------------------------------
# Replies, placeholders, prompts


@pytest.mark.parametrize("reply", [
    '{"paragraphs": ["第一段。", "第二段。"]}',
    '```json\n{"paragraphs": ["第一段。", "第二段。"]}\n```',
    '好的，以下是正文：\n```json\n{"paragraphs": ["第一段。", "第二段。"]}\n```\n如需修改请告诉我。',
    '根据要求，正文如下。{"paragraphs": ["第一段。", "第二段。"]}',
    '["第一段。", "第二段。"]',
    "第一段。\n\n第二段。",
    "## 五、存在的主要问题及改进情况\n第一段。\n- 第二段。",  # a markdown heading line is not text
    '<think>先想一想：要写两段。</think>\n{"paragraphs": ["第一段。", "第二段。"]}',
    '{"paragraphs": ["五、存在的主要问题及改进情况", "第一段。", "第二段。"]}',
])
def test_replies_are_parsed_robustly(reply: str, sample: Report) -> None:
    assert shape_section("problems", parse_paragraphs(reply), sample.meta) == ["第一段。", "第二段。"]


@pytest.mark.parametrize(("reply", "reason"), [
    ("", "模型返回了空回复"),
    ("   \n ", "模型返回了空回复"),
    (None, "模型返回了空回复"),
    ("抱歉，我无法完成这个请求。", "模型拒绝了起草请求"),
    ("I'm sorry, but I can't help with that.", "模型拒绝了起草请求"),
    ('{"paragraphs": ["第一段", ', "模型返回的 JSON 无法解析"),
    ("@@@ ### 12345", "模型回复中没有可用的正文"),
    ("<think>想了很久，还没想完", "模型只返回了思考过程，没有正文"),
    ('{"paragraphs": []}', "模型回复中没有可用的正文"),
])
def test_unusable_replies_are_refused(reply: Any, reason: str) -> None:
    with pytest.raises(ReplyError) as exc:
        parse_paragraphs(reply)
    assert str(exc.value) == reason


def test_placeholders_are_filled_from_the_fact_sheet(sample: Report) -> None:
    facts = FactSheet(sample)
    text, unknown = facts.fill_known(
        "共收到申请〔F:t3.new_received.total〕件，[F:t3.carried_over.total]件结转；〔P:t3.unable.total〕；"
        "驳回〔F：t3.rejected.total〕件。")
    assert text == ("共收到申请12件，1件结转；" + facts.phrase("t3.unable.total") + "；驳回〔F:t3.rejected.total〕件。")
    assert facts.phrase("t3.unable.total").endswith("无法提供3件")
    assert unknown == ["t3.rejected.total"]


def test_the_overview_is_laid_out_as_the_template_does(sample: Report) -> None:
    bodies = ["总述。", "（一）主动公开。甲。", "乙。", "（三）政府信息管理", "丙。", "丁。", "戊。"]
    shaped = shape_section("overview", bodies, sample.meta)
    assert shaped == ["总述。", ASPECT_HEADINGS[0], "甲。", ASPECT_HEADINGS[1], "乙。", ASPECT_HEADINGS[2], "丙。",
                      ASPECT_HEADINGS[3], "丁。", ASPECT_HEADINGS[4], "戊。"]
    assert shape_section("overview", ["只有一段。"], sample.meta) == ["只有一段。"]
    assert shape_section("preamble", ["前半。", "后半。"], sample.meta) == ["前半。后半。"]


def test_prompt_version_is_the_hash_of_the_prompt_files(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "prompts"
    digest = hashlib.sha256()
    for path in sorted(source.glob("*.j2")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    assert prompt_hash() == digest.hexdigest()[:12]
    copy = tmp_path / "prompts"
    copy.mkdir()
    for path in source.glob("*.j2"):
        (copy / path.name).write_bytes(path.read_bytes())
    assert Prompts(copy).hash == prompt_hash()
    (copy / "system.j2").write_text((source / "system.j2").read_text(encoding="utf-8") + "补充。", encoding="utf-8")
    assert Prompts(copy).hash != prompt_hash()


# --------------------------------------------------------------------------------------------------------------
# The factory


def test_factory_refuses_a_non_loopback_endpoint_under_test() -> None:
    with pytest.raises(RuntimeError, match="回环地址"):
        make_client(settings("https://api.deepseek.com"))
    with pytest.raises(RuntimeError, match="回环地址"):
        make_client(load_settings(model="gpt-4o-mini", api_key=SENTINEL_KEY))  # OpenAI's own endpoint
    client = make_client(settings("http://127.0.0.1:9/v1"))
    assert client.max_retries == 0  # ChatSession retries, within the section's deadline


def test_llm_drafter_needs_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InputError, match="NIANBAO_LLM_MODEL"):
        get_drafter("llm")
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "gpt-4o-mini")
    with pytest.raises(InputError, match="NIANBAO_LLM_API_KEY"):
        get_drafter("llm")  # OpenAI's endpoint needs a key


# --------------------------------------------------------------------------------------------------------------
# A well-behaved model


def test_one_call_per_drafted_section_and_none_with_the_cache_warm(sample: Report) -> None:
    writer = Writer([sample])
    with fake_llm_server(writer) as (url, log):
        drafter = LLMDrafter(settings(url))
        draft, stats = drafter.draft_with_stats(sample)
        assert log.chat_calls == 4
        assert sorted(request_kind(r["body"]["messages"][-1]["content"])[1] for r in log.requests) == sorted(DRAFTED)
        assert (stats.calls, stats.cache_hits, stats.clean, stats.repair_calls, stats.errors_left) == (4, 0, 4, 0, 0)
        again, warm = drafter.draft_with_stats(sample)
        assert log.chat_calls == 4  # nothing new reached the server
        assert (warm.calls, warm.cache_hits) == (0, 4)
    template = TemplateDrafter().draft(sample)
    assert draft.full_text() == template.full_text() == again.full_text()
    assert draft.provenance.drafter == "llm"
    assert draft.provenance.model == "fake-model"
    assert draft.provenance.prompt_hash == prompt_hash()
    assert draft.provenance.fallbacks == []
    request = log.requests[0]
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == f"Bearer {SENTINEL_KEY}"
    body = request["body"]
    assert body["model"] == "fake-model" and body["max_tokens"] == 1500 and "max_completion_tokens" not in body
    assert "enable_thinking" not in body
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    findings = check_document(Document(report=sample, draft=draft))
    assert [f for f in findings if f.severity == "error"] == []


def test_cache_is_keyed_by_report_and_model(sample: Report) -> None:
    other = report_from_data(json.loads(sample.model_dump_json()) | {"other_figures": {"processing_fee_yuan": 200}})
    writer = Writer([sample, other])
    with fake_llm_server(writer) as (url, log):
        LLMDrafter(settings(url)).draft(sample)
        LLMDrafter(settings(url)).draft(other)
        assert log.chat_calls == 8  # another report: a cold cache
        LLMDrafter(settings(url, model="other-model")).draft(sample)
        assert log.chat_calls == 12  # another model: a cold cache
        LLMDrafter(settings(url)).draft(sample)
        assert log.chat_calls == 12


def test_sections_are_drafted_concurrently_within_the_bound(sample: Report, tmp_path: Path) -> None:
    writer = Writer([sample])

    def slow(body: dict[str, Any]) -> dict[str, Any]:
        return {"sleep": 0.4, **writer(body)}  # long enough for the two workers to overlap on a busy machine

    with fake_llm_server(slow) as (url, log):
        LLMDrafter(settings(url, concurrency=2)).draft(sample)
        assert log.chat_calls == 4
        assert log.max_in_flight == 2
    with fake_llm_server(slow) as (url, log):
        LLMDrafter(settings(url, concurrency=1, cache_dir=tmp_path / "cold")).draft(sample)
        assert log.chat_calls == 4
        assert log.max_in_flight == 1


def test_tokens_are_approximated_when_usage_is_absent(sample: Report, tmp_path: Path) -> None:
    writer = Writer([sample])
    with fake_llm_server(lambda body: {**writer(body), "usage": False}) as (url, _log):
        _draft, stats = LLMDrafter(settings(url)).draft_with_stats(sample)
    assert stats.tokens_approximate is True
    assert stats.tokens_in > 1000 and stats.tokens_out > 100
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("", encoding="utf-8")  # an unusable cache does not stop drafting
    with fake_llm_server(writer) as (url, _log):
        _draft, stats = LLMDrafter(settings(url, cache_dir=blocked)).draft_with_stats(sample)
    assert (stats.tokens_approximate, stats.tokens_in, stats.tokens_out) == (False, 40, 80)


# --------------------------------------------------------------------------------------------------------------
# Faults: each ends in a finished document with the fallback marked


def assert_all_fell_back(report: Report, draft: Any, reason: str) -> None:
    template = TemplateDrafter().draft(report)
    assert draft.full_text() == template.full_text()
    assert [(f.section, f.paragraph) for f in draft.provenance.fallbacks] == [(k, None) for k in DRAFTED]
    for fb in draft.provenance.fallbacks:
        assert reason in fb.reason and fb.reason.endswith("改用模板文本")
    findings = check_document(Document(report=report, draft=draft))
    assert [f for f in findings if f.severity == "error"] == []
    marked = [f for f in findings if f.rule == "L1"]
    assert [(f.severity, f.location.section) for f in marked] == [("warning", k) for k in DRAFTED]


@pytest.mark.parametrize(("reply", "reason", "requests"), [
    ({"status": 429, "headers": {"Retry-After": "0.01"}}, "请求过于频繁（429）", 2),
    ({"status": 500}, "模型接口返回错误（500）", 2),
    ({"status": 503}, "模型接口返回错误（503）", 2),
    ({"status": 401}, "API Key 无效或未授权（401）", 1),
    ({"raw": b"<html>502 Bad Gateway</html>"}, "模型接口回复无法解析", 1),
])
def test_endpoint_errors_fall_back_to_the_template(sample: Report, reply: dict[str, Any], reason: str,
                                                   requests: int) -> None:
    with fake_llm_server(lambda body: reply) as (url, log):
        draft, stats = LLMDrafter(settings(url, retries=1, concurrency=1)).draft_with_stats(sample)
        # The client retried the first call (429 and 5xx only); then the circuit breaker spared the other sections.
        assert log.chat_calls == requests
    assert (stats.faulted, stats.fallback_sections) == (4, list(DRAFTED))
    assert_all_fell_back(sample, draft, reason)


def test_retry_after_is_honoured_and_the_retry_succeeds(sample: Report) -> None:
    writer = Writer([sample])
    seen: list[str] = []

    def once_limited(body: dict[str, Any]) -> dict[str, Any]:
        key = request_kind(body["messages"][-1]["content"])[1]
        if key == "overview" and key not in seen:
            seen.append(key)
            return {"status": 429, "headers": {"Retry-After": "0.05"}}
        return writer(body)

    with fake_llm_server(once_limited) as (url, log):
        draft, stats = LLMDrafter(settings(url, retries=1)).draft_with_stats(sample)
        assert log.chat_calls == 5
    assert (stats.clean, stats.faulted, draft.provenance.fallbacks) == (4, 0, [])


def test_a_timeout_falls_back(sample: Report) -> None:
    with fake_llm_server(lambda body: {"sleep": 1.0, "content": '{"paragraphs": ["迟到的正文。"]}'}) as (url, log):
        draft, stats = LLMDrafter(settings(url, timeout=0.2, concurrency=4)).draft_with_stats(sample)
    assert stats.faulted == 4
    assert_all_fell_back(sample, draft, "请求超时")


def test_a_dead_endpoint_falls_back(sample: Report) -> None:
    draft, stats = LLMDrafter(settings(dead_endpoint(), retries=1)).draft_with_stats(sample)
    assert stats.faulted == 4 and stats.calls == 0
    assert_all_fell_back(sample, draft, "无法连接模型接口")


@pytest.mark.parametrize(("content", "reason"), [
    ("", "模型返回了空回复"),
    ("@@@@ #### !!!!", "模型回复中没有可用的正文"),
    ("抱歉，我无法协助完成这个请求。", "模型拒绝了起草请求"),
    ('{"paragraphs": ["未完', "模型返回的 JSON 无法解析"),
])
def test_unusable_replies_are_retried_then_fall_back(sample: Report, content: str, reason: str) -> None:
    with fake_llm_server(lambda body: {"content": content}) as (url, log):
        draft, stats = LLMDrafter(settings(url, retries=2)).draft_with_stats(sample)
        assert log.chat_calls == 4 * 3  # each section: the call and 2 retries
    assert stats.faulted == 4
    assert_all_fell_back(sample, draft, reason)


def test_only_the_failing_section_falls_back(sample: Report) -> None:
    writer = Writer([sample])

    def broken_problems(body: dict[str, Any]) -> dict[str, Any]:
        if request_kind(body["messages"][-1]["content"])[1] == "problems":
            return {"content": "抱歉，我不能回答。"}
        return writer(body)

    with fake_llm_server(broken_problems) as (url, _log):
        draft, stats = LLMDrafter(settings(url)).draft_with_stats(sample)
    assert (stats.clean, stats.faulted, stats.fallback_sections) == (3, 1, ["problems"])
    assert [(f.section, f.paragraph) for f in draft.provenance.fallbacks] == [("problems", None)]
    assert draft.provenance.fallbacks[0].reason == "模型不可用（模型拒绝了起草请求），五、存在的主要问题及改进情况改用模板文本"


# --------------------------------------------------------------------------------------------------------------
# The key never shows


def test_the_key_never_appears_in_logs_outputs_or_messages(sample: Report, caplog: pytest.LogCaptureFixture,
                                                          tmp_path: Path) -> None:
    from assistant.pipeline import write_outputs

    caplog.set_level(logging.DEBUG)
    for name in ("openai", "httpx2", "httpcore2", "langchain_openai", "assistant"):
        caplog.set_level(logging.DEBUG, logger=name)  # the client's own debug logs (request options, headers)
    texts: list[str] = []
    for reply in ({"status": 401, "message": f"Incorrect API key provided: {SENTINEL_KEY}"}, {"status": 500},
                  {"content": "抱歉，我不能。"}):
        with fake_llm_server(lambda body, reply=reply: reply) as (url, _log):
            s = settings(url)
            drafter = LLMDrafter(s)
            draft = drafter.draft(sample)
        texts += [repr(s), str(s), s.model_dump_json(), repr(drafter.settings), draft.model_dump_json()]
        doc = Document(report=sample, draft=draft)
        findings = check_document(doc)
        texts += [f.model_dump_json() for f in findings]
        for path in write_outputs(doc, findings, tmp_path / "out", allow_errors=True, review_copy=True):
            texts.append(path.read_bytes().decode("utf-8", errors="replace"))
    texts.append(caplog.text)
    assert len(caplog.records) > 0
    assert all(SENTINEL_KEY not in t and SENTINEL_KEY[5:] not in t for t in texts)
    for cache_file in (tmp_path / "cache").rglob("*"):
        if cache_file.is_file():
            assert SENTINEL_KEY not in cache_file.read_text(encoding="utf-8")



# --------------------------------------------------------------------------------------------------------------
# The CLI: nianbao draft --drafter llm


def test_nianbao_draft_with_the_llm_drafter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app
    from assistant.render.docx import read_provenance

    source = EXAMPLES / "sample-town-2024.yaml"
    writer = Writer([load_report(source)])
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
    monkeypatch.setenv("NIANBAO_LLM_API_KEY", SENTINEL_KEY)
    monkeypatch.setenv("NIANBAO_LLM_RETRIES", "0")
    with fake_llm_server(writer) as (url, log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        result = CliRunner().invoke(app, ["draft", str(source), "--out", str(tmp_path / "ok"), "--drafter", "llm",
                                           "--provenance"])
        assert log.chat_calls == 4
    assert result.exit_code == 0, result.output
    assert "改用模板文本" not in result.output
    [docx] = list((tmp_path / "ok").glob("*.docx"))
    recorded = read_provenance(docx)
    assert recorded is not None
    assert (recorded.drafter, recorded.model, recorded.prompt_hash, recorded.fallbacks) == (
        "llm", "fake-model", prompt_hash(), [])
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", dead_endpoint())
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path / "cold"))  # the warm cache would answer without a call
    result = CliRunner().invoke(app, ["draft", str(source), "--out", str(tmp_path / "dead"), "--drafter", "llm",
                                           "--provenance"])
    assert result.exit_code == 0, result.output
    assert "以下部分未采用语言模型的文字，改用模板文本：" in result.output
    for name in ("开头", "一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        assert f"  {name}：模型不可用（无法连接模型接口），{name}改用模板文本" in result.output
    assert SENTINEL_KEY not in result.output
    for path in (tmp_path / "dead").iterdir():
        assert SENTINEL_KEY.encode() not in path.read_bytes()
    [docx] = list((tmp_path / "dead").glob("*.docx"))
    recorded = read_provenance(docx)
    assert recorded is not None and [(f.section, f.paragraph) for f in recorded.fallbacks] == [
        (k, None) for k in DRAFTED]


def test_nianbao_draft_llm_unconfigured_is_an_input_error(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from assistant.cli import app

    result = CliRunner().invoke(app, ["draft", str(EXAMPLES / "sample-town-2024.yaml"), "--out", str(tmp_path),
                                      "--drafter", "llm"])
    assert result.exit_code == 2
    assert "未配置语言模型" in result.output


def test_extra_body_reaches_the_request(sample: Report) -> None:
    writer = Writer([sample])
    with fake_llm_server(writer) as (url, log):
        LLMDrafter(settings(url, extra_body={"enable_thinking": False}, max_tokens=800)).draft(sample)
    body = log.requests[0]["body"]
    assert (body["enable_thinking"], body["max_tokens"]) == (False, 800)


def test_feedback_on_an_earlier_draft_reaches_the_section_prompts(sample: Report) -> None:
    from assistant.model import Finding, Location

    feedback = [Finding(rule="S5", category="completeness", severity="warning", message="总体情况未写平台建设",
                        location=Location(section="overview")),
                Finding(rule="W1", category="wording", severity="info", message="提示不转达",
                        location=Location(section="overview"))]
    with fake_llm_server(Writer([sample])) as (url, log):
        LLMDrafter(settings(url)).draft(sample, feedback=feedback)
        prompts = {request_kind(r["body"]["messages"][-1]["content"])[1]: r["body"]["messages"][-1]["content"]
                   for r in log.requests}
    assert "【上一稿经校核发现的问题】（本稿必须避免）\n- 总体情况未写平台建设" in prompts["overview"]
    assert "提示不转达" not in prompts["overview"]
    assert all("上一稿经校核发现的问题" not in prompts[k] for k in ("preamble", "problems", "other"))


def test_fallbacks_are_described_by_place() -> None:
    from assistant.drafting.llm import describe_fallbacks
    from assistant.model import Fallback

    draft = TemplateDrafter().draft(load_report(EXAMPLES / "zhuting-2020.yaml"))
    draft.provenance.fallbacks = [Fallback(section="overview", paragraph=4, reason="请求超时"),
                                  Fallback(section="preamble", reason="模型拒绝了起草请求")]
    assert describe_fallbacks(draft) == ["一、总体情况 第5段：请求超时", "开头：模型拒绝了起草请求"]
