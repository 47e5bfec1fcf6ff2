"""Chat with the model: revise a named section (checked and repaired like a draft), propose table cells."""

from __future__ import annotations

import json
from typing import Any

import pytest

from assistant.drafting.chat import ChatModelError, interpret, named_section, parse_changes, propose_cells, revise
from assistant.drafting.llm import prompt_hash
from assistant.drafting.template import TemplateDrafter
from assistant.model import Document, Report
from assistant.pipeline import check_document
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES
from tests.fake_llm_server import dead_endpoint, fake_llm_server, loopback_settings
from tests.scripted_model import Writer, with_count

ADDED = "我镇将继续提升政府信息公开质量。"


COUNT = "本年度共收到政府信息公开申请100件。"  # what the model writes when told to change the figure


pytestmark = pytest.mark.usefixtures("loopback_model_env")


@pytest.fixture
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


class Reviser(Writer):
    """Revises as asked: appends a sentence to the last paragraph; writes 100件 when told to change the figure."""

    stubborn = False  # also writes 100件 when asked to repair

    def __call__(self, body: dict[str, Any]) -> dict[str, Any]:
        user = body["messages"][-1]["content"]
        if "部分的现稿" not in user.splitlines()[0]:
            reply = super().__call__(body)
            if self.stubborn:
                repaired = json.loads(reply["content"])["paragraphs"]
                reply["content"] = json.dumps({"paragraphs": [with_count(p, COUNT) for p in repaired]}, ensure_ascii=False)
            return reply
        paragraphs = json.loads(super().__call__(body)["content"])["paragraphs"]
        if "100件" in user:  # 总体情况 tells no count of table 三 (it refers to 三): the model adds one
            paragraphs = [with_count(p, COUNT) for p in paragraphs]
        else:
            paragraphs[-1] += ADDED
        return {"content": json.dumps({"paragraphs": paragraphs}, ensure_ascii=False)}


@pytest.mark.parametrize(("message", "key"), [
    ("把总体情况写得更简洁一些", "overview"),
    ("第五部分补充一条改进措施", "problems"),
    ("五、再写具体些", "problems"),
    ("第6部分写得正式一点", "other"),
    ("开头加上联系电话", "preamble"),
    ("行政复议那部分换个说法", "appeals"),
    ("写得好一点", None),
])
def test_the_section_a_message_names(message: str, key: str | None) -> None:
    assert named_section(message) == key


def test_a_revision_changes_only_the_named_section(sample: Report) -> None:
    draft = TemplateDrafter().draft(sample)
    with fake_llm_server(Reviser([sample])) as (url, log):
        outcome = interpret(sample, draft, "第五部分最后补充一句表态", loopback_settings(url))
        assert log.chat_calls == 1
    assert outcome.text == "已按要求修改“五、存在的主要问题及改进情况”。"
    assert outcome.draft is not None and outcome.proposal is None
    revised = outcome.draft
    # the model wrote 我镇; this report's drafts say 本镇 (as the template's text around it): one form is saved
    assert revised.section("problems").paragraphs[-1] == draft.section("problems").paragraphs[-1] + "本镇将继续提升政府信息公开质量。"
    for key in ("overview", "proactive", "requests", "appeals", "other"):
        assert revised.section(key).paragraphs == draft.section(key).paragraphs
    assert revised.preamble == draft.preamble
    assert (revised.provenance.model, revised.provenance.prompt_hash) == ("fake-model", prompt_hash())
    assert [f for f in check_document(Document(report=sample, draft=revised)) if f.severity == "error"] == []


@pytest.mark.parametrize(("stubborn", "requests", "text"), [
    # the firewall refused 100件 (a number of the model's own); the repair restored the placeholder: nothing changed
    (False, 2, "模型的修改未通过校核，纠正后与原文相同，未保存，“一、总体情况”保持原样。"),
    (True, 3, "修改后的文字未通过校核，未保存，“一、总体情况”保持原样。"),  # 2 repair rounds failed
])
def test_a_revision_cannot_change_a_figure(sample: Report, stubborn: bool, requests: int, text: str) -> None:
    draft = TemplateDrafter().draft(sample)
    model = Reviser([sample])
    model.stubborn = stubborn
    with fake_llm_server(model) as (url, log):
        outcome = revise(sample, draft, "overview", "把收到的申请改成100件", loopback_settings(url))
        prompts = [r["body"]["messages"][-1]["content"] for r in log.requests]
    assert "把收到的申请改成100件" in prompts[0].split("<<<要求开始>>>")[1].split("<<<要求结束>>>")[0]
    assert len(prompts) == requests
    assert outcome.text == text
    assert outcome.draft is None  # nothing to save: the text did not change


def test_a_dead_endpoint_is_a_chat_error(sample: Report) -> None:
    draft = TemplateDrafter().draft(sample)
    with pytest.raises(ChatModelError, match="无法连接模型接口"):
        interpret(sample, draft, "把总体情况写得简洁些", loopback_settings(dead_endpoint()))


def test_messages_without_a_section_or_a_draft(sample: Report) -> None:
    draft = TemplateDrafter().draft(sample)
    url = dead_endpoint()  # no model call is needed for these answers
    assert interpret(sample, draft, "写得好一点", loopback_settings(url)).text.startswith("请说明要修改哪一部分")
    assert interpret(sample, None, "把总体情况写得简洁些", loopback_settings(url)).text == "请先起草正文，再对话修改。"


def test_figures_in_words_become_a_proposal(sample: Report) -> None:
    reply = {"changes": {"t3.new_received.natural_person": 10, "t3.new_received.total": 99, "t9.x.y": 1,
                         "t4.review.upheld": -1}}
    with fake_llm_server(lambda body: {"content": "```json\n" + json.dumps(reply) + "\n```"}) as (url, log):
        outcome = interpret(sample, None, "今年自然人申请一共10件", loopback_settings(url))
        prompt = log.requests[0]["body"]["messages"][-1]["content"]
    assert "今年自然人申请一共10件" in prompt.split("<<<说明开始>>>")[1]
    assert outcome.proposal == {"t3.new_received.natural_person": 10}
    assert outcome.draft is None
    assert outcome.text.splitlines() == [
        "拟修改以下单元格：",
        "表三 一、本年新收政府信息公开申请数量「自然人」：9 → 10",
        "以下内容无法对应到表格，已忽略：表三 一、本年新收政府信息公开申请数量「总计」：99（合计由各项相加得出，不能直接填写）"
        "、表格中没有的一项（1）、表四 行政复议「结果维持」：-1（不是有效的件数）",
    ]
    assert "t3." not in outcome.text and "t9." not in outcome.text  # no internal cell codes on screen


def test_replies_with_no_cells(sample: Report) -> None:
    with fake_llm_server(lambda body: {"content": '{"changes": {}}'}) as (url, _log):
        outcome = propose_cells(sample, "今年培训了3次", loopback_settings(url))
    assert outcome.proposal is None and outcome.text.startswith("没有从这段话中找到")
    with pytest.raises(ChatModelError, match="无法解析"):
        parse_changes("好的", sample)


@pytest.mark.parametrize("content", [
    '<think>先猜一个：{"changes": {"t3.new_received.natural_person": 999}}</think>\n'
    '**结果如下：**\n```json\n{"changes": {"t3.new_received.natural_person": 10}}\n```',
    '估计是999件吧 {"changes": {"t3.new_received.natural_person": 999}}\n</think>\n'
    '{"changes": {"t3.new_received.natural_person": 10}}',
])
def test_the_table_proposal_reads_past_reasoning_and_markdown(sample: Report, content: str) -> None:
    with fake_llm_server(lambda body: {"content": content}) as (url, _log):
        outcome = propose_cells(sample, "今年自然人申请一共10件", loopback_settings(url))
    assert outcome.proposal == {"t3.new_received.natural_person": 10}


def test_a_truncated_table_reply_is_not_used(sample: Report) -> None:
    replies = [{"content": '{"changes": {"t3.new_received.natural_person": 1', "finish_reason": "length"},
               {"content": '{"changes": {"t3.new_received.natural_person": 10}}'}]
    with fake_llm_server(lambda body: replies.pop(0)) as (url, log):
        outcome = propose_cells(sample, "今年自然人申请一共10件", loopback_settings(url))
        budgets = [r["body"]["max_tokens"] for r in log.requests]
    assert budgets == [1500, 3000]  # asked again with a larger budget
    assert outcome.proposal == {"t3.new_received.natural_person": 10}
