"""The drafting eval (``nianbao eval drafting``) against the loopback server."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.drafting.evaluation import EXAMPLES, run
from assistant.readers.inputfile import load_report
from tests.fake_llm_server import fake_llm_server
from tests.scripted_model import NoisyWriter, Writer


@pytest.fixture(autouse=True)
def fake_model(loopback_model_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
    monkeypatch.setenv("NIANBAO_LLM_RETRIES", "0")


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def test_every_example_is_drafted_with_zero_errors_left(monkeypatch: pytest.MonkeyPatch) -> None:
    model = NoisyWriter([load_report(p) for p in examples()], noise=0.4, fix_rate=0.6, seed=3)
    with fake_llm_server(model) as (url, log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        result = run()
        requests = log.chat_calls
    assert [name for name, _stats in result.rows] == [p.stem for p in examples()]
    assert result.errors_left == 0
    for _name, s in result.rows:
        assert s.sections == 4
        assert s.clean + s.fixed_round1 + s.fixed_round2 + s.fell_back + s.faulted == 4
    assert sum(s.requests for _n, s in result.rows) == requests
    assert result.defects == 0
    for _name, s in result.rows:  # every paragraph of text is counted once, by where its final text came from
        assert s.paragraphs == s.from_model + s.repaired + s.fell_back_paragraphs > 0
        assert [r.key for r in s.section_rows] == ["preamble", "overview", "problems", "other"]
        assert sum(r.requests for r in s.section_rows) == s.requests
    lines = result.table().splitlines()
    assert lines[0].split("\t")[:8] == ["例子", "部分", "结果", "段落", "采用模型原文", "修改后采用", "退回模板", "终稿缺陷"]
    firsts = [line.split("\t")[0] for line in lines[1:-1] if "\t" in line]
    assert firsts == [name for p in examples() for name in [p.stem] * 5] + ["合计"]
    total = lines[-2].split("\t")
    t = result.totals()
    assert total[3:9] == [str(t["paragraphs"]), str(t["from_model"]), str(t["repaired"]),
                          str(t["fell_back_paragraphs"]), "0", str(requests)]
    assert t["repaired"] + t["fell_back_paragraphs"] > 0  # the noisy model needed the firewall


def test_nianbao_eval_drafting(monkeypatch: pytest.MonkeyPatch) -> None:
    with fake_llm_server(Writer([load_report(p) for p in examples()])) as (url, log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        result = CliRunner().invoke(app, ["eval", "drafting"])
        assert log.chat_calls == 4 * len(examples())
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    total = lines[-2].split("\t")
    paragraphs = int(total[3])
    # every paragraph the well-behaved model's text, 0 defects, one request per section
    assert total[:10] == ["合计", "", "", str(paragraphs), str(paragraphs), "0", "0", "0", str(4 * len(examples())), "0"]
    assert lines[-1] == f"模型文字采用率：{paragraphs}/{paragraphs}（100%）；终稿缺陷：0；正文规则剩余错误：0"


def test_nianbao_eval_drafting_needs_a_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NIANBAO_LLM_MODEL")
    result = CliRunner().invoke(app, ["eval", "drafting"])
    assert result.exit_code == 2
    assert "未配置语言模型" in result.output
