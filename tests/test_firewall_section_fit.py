"""An outside tester's leaks, each a mode of the fake model (tests/fake_modes.py): what the model says happened that the
tables say did not (M14), repetition (M15), a paragraph that leaves its aspect's figures out or repeats another
aspect's (M16), a 〔待补〕 where the input has the facts (M17), "XX镇". The final draft of the sample town holds none of
it, and the paragraph that fell back says exactly why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.firewall import final_text_defects
from assistant.drafting.llm import DRAFTED_SECTIONS, LLMDrafter
from assistant.drafting.repair import final_check
from assistant.drafting.section_fit import bare_denials
from assistant.drafting.template import TemplateDrafter
from assistant.model import Draft, Report
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES
from tests.fake_llm_server import fake_llm_server, loopback_settings
from tests.fake_modes import (
    ALL_DONE,
    EMPTY_SENTENCE,
    FEE_UNPAID,
    GAP_WITH_FACTS,
    INVENTED_FEE,
    INVENTED_LITIGATION,
    INVENTED_REVIEW,
    LOOPING_PHRASE,
    MISSING_NOTES_MODES,
    MODES,
)

ROUNDS = "经2轮修改仍有错误（{}），本段改用模板文本"
APPLICATIONS_LEFT_OUT = ("“（二）依申请公开”一段没有写出这一方面的表格数字：本年新收政府信息公开申请12件、上年结转政府信息公开"
                         "申请1件、予以公开5件、部分公开1件、办结政府信息公开申请12件、结转下年度继续办理1件等")

# mode -> (what must not reach the final draft, [(section, paragraph, reason of its fallback)])
EXPECTED: dict[str, tuple[str, list[tuple[str, int, str]]]] = {
    "invent_review": (INVENTED_REVIEW, [("overview", 4, ROUNDS.format(
        "模型文字称“复议被依法纠正”（复议或诉讼结果被纠正），但表格中行政复议（结果纠正）为0件"))]),
    "invent_litigation_words": (INVENTED_LITIGATION, [("overview", 4, ROUNDS.format(
        "模型文字称“提起行政诉讼”（提起行政诉讼），但表格中行政诉讼（总计）为0件"))]),
    "invent_fee": (INVENTED_FEE, [("other", 0, ROUNDS.format(
        "模型文字称“收取了信息处理费”（收取信息处理费），但表格中信息处理费为0元"))]),
    "fee_unpaid_words": (FEE_UNPAID, [("overview", 4, ROUNDS.format(
        "模型文字称“未按收费通知缴纳信息处理费”（申请人逾期未缴纳信息处理费），但表格中申请人逾期未按收费通知要求缴纳费用、"
        "行政机关不再处理其政府信息公开申请（总计）为0件"))]),
    "contradict_all_done": (ALL_DONE, [("overview", 4, ROUNDS.format(
        "模型文字称“所有申请均已在本年度内办结”（申请全部办结），但表格中结转下年度继续办理（总计）为1件"))]),
    # 平台建设's paragraph under （二）: first what it says that （二）'s notes do not give (M18 per aspect)
    "repair_swaps": ("", [("overview", 4, ROUNDS.format(
        "模型写了输入中没有的内容：词语“维护、县政府、镇级、便民服务、中心”；名称“政策文件”“财政预决算”"))]),
    "repair_deletes": (EMPTY_SENTENCE, [("overview", 4, ROUNDS.format(APPLICATIONS_LEFT_OUT))]),
    "truncated_at_comma": ("", [("overview", 4, ROUNDS.format(
        "“（二）依申请公开”一段没有写出这一方面的表格数字：上年结转政府信息公开申请1件、予以公开5件、部分公开1件、结转下年度继续"
        "办理1件、不予公开1件、不予处理1件等"))]),
    "repeat": ("查阅点。本镇维护", [("overview", 8, ROUNDS.format(
        "模型文字把“本镇维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算……”重复写了5次"))]),
    "repeat_phrase": (LOOPING_PHRASE * 2, [("overview", 8, ROUNDS.format(
        "模型文字把“持续做好信息公开工作”重复写了8次"))]),
    "gap_with_facts": (GAP_WITH_FACTS, [("overview", 8, ROUNDS.format(
        "模型写了“〔待补：政府信息公开平台建设情况〕”，但输入中有这方面的内容"))]),
    "placeholder_letters": ("XX", [("preamble", 0, ROUNDS.format("正文中有未填写的占位文字“XX”")),
                                   ("overview", 0, ROUNDS.format("正文中有未填写的占位文字“XX”"))]),
}


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def draft_with(mode: str, report: Report, cache: Path) -> Draft:
    writer = MODES[mode].writer([report])
    with fake_llm_server(writer) as (url, _log):
        return LLMDrafter(loopback_settings(url, cache_dir=str(cache))).draft(report)


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_the_leak_stays_out_of_the_final_draft(mode: str, sample: Report, tmp_path: Path) -> None:
    wrong, fallbacks = EXPECTED[mode]
    draft = draft_with(mode, sample, tmp_path)
    assert [(f.section, f.paragraph, f.reason) for f in draft.provenance.fallbacks] == fallbacks
    if wrong:
        assert wrong not in draft.full_text()
    template = TemplateDrafter().draft(sample)
    for section, paragraph, _reason in fallbacks:  # the template's paragraph of the same aspect
        got = draft.preamble if section == "preamble" else draft.section(section).paragraphs  # type: ignore[union-attr]
        base = template.preamble if section == "preamble" else template.section(section).paragraphs  # type: ignore[union-attr]
        assert got[paragraph] == base[paragraph]
    assert final_text_defects(sample, draft, DRAFTED_SECTIONS) == []
    assert final_check(sample, draft) == []
    assert "〔待补" not in draft.full_text()


def test_repair_prompt_counts_paragraphs_of_text_and_names_the_heading(sample: Report, tmp_path: Path) -> None:
    """（二）依申请公开's body is the third paragraph of text of 一 (after the lead and （一）'s), not the fifth."""
    writer = MODES["repair_swaps"].writer([sample])
    with fake_llm_server(writer) as (url, log):
        LLMDrafter(loopback_settings(url, cache_dir=str(tmp_path))).draft(sample)
    firsts = {r["body"]["messages"][-1]["content"].splitlines()[0] for r in log.requests}
    assert "下面是年度报告“一、总体情况”部分的第3段（小标题“（二）依申请公开”下的一段，只写这一方面）。校核发现其中有错误，请改正后重写这一段。" in firsts


@pytest.mark.parametrize("text", [
    "本年度未发生因政府信息公开申请行政复议、行政诉讼的情况。",
    "本年度未收取信息处理费。",
    "2024年度，本镇收取信息处理费0元。",
    "如申请人逾期未按收费通知缴纳信息处理费，本镇将不再处理其申请。",
    "上年结转的申请均已办结。",
    "本镇依法不收取信息处理费。",
    "本年度收取信息处理费共计0元。",
])
def test_what_did_not_happen_is_no_event(text: str, sample: Report) -> None:
    from assistant.drafting.table_events import contradicted_events
    from assistant.facts import FactSheet

    assert list(contradicted_events(text, FactSheet(sample))) == []


def test_honest_text_passes_the_new_checks(sample: Report, tmp_path: Path) -> None:
    draft = draft_with("well_behaved", sample, tmp_path)
    assert draft.provenance.fallbacks == []


@pytest.mark.parametrize(("mode", "said"), [("none_for_missing", "无。"),
                                            ("no_platform_work", "本镇本年度无政府信息公开平台建设情况。")])
def test_a_missing_fact_is_never_turned_into_none(mode: str, said: str, sample: Report, tmp_path: Path) -> None:
    """No notes on 平台建设: the template's paragraph is its 〔待补〕; the model's "无" may not replace the gap."""
    report = sample.model_copy(update={"notes": sample.notes.model_copy(update={"platform": []})})
    writer = MISSING_NOTES_MODES[mode].writer([report])
    with fake_llm_server(writer) as (url, _log):
        draft = LLMDrafter(loopback_settings(url, cache_dir=str(tmp_path))).draft(report)
    gap = "〔待补：政府信息公开平台建设情况"
    template = TemplateDrafter().draft(report).section("overview").paragraphs  # type: ignore[union-attr]
    assert [(f.section, f.paragraph, f.reason) for f in draft.provenance.fallbacks] == [("overview", 8, ROUNDS.format(
        f"输入中没有这方面的内容，模型却删去了“{template[8]}”（不能把缺少的内容写成“无”或自行编写）"))]
    overview = draft.section("overview").paragraphs  # type: ignore[union-attr]
    assert said not in overview
    assert overview[8] == template[8] and overview[8].startswith(gap)


@pytest.mark.parametrize(("mode", "said"), [("none_for_missing", "无。"),
                                            ("no_platform_work", "本镇本年度无政府信息公开平台建设情况。")])
def test_work_the_notes_tell_is_never_turned_into_none(mode: str, said: str, sample: Report, tmp_path: Path) -> None:
    """With notes on 平台建设 (the template tells the work), the model's "无" for that aspect is a false statement: the
    paragraph falls back to the template's (outside firewall re-test, session 9)."""
    writer = MISSING_NOTES_MODES[mode].writer([sample])
    with fake_llm_server(writer) as (url, _log):
        draft = LLMDrafter(loopback_settings(url, cache_dir=str(tmp_path))).draft(sample)
    template = TemplateDrafter().draft(sample).section("overview").paragraphs  # type: ignore[union-attr]
    assert [(f.section, f.paragraph, f.reason) for f in draft.provenance.fallbacks] == [("overview", 8, ROUNDS.format(
        "“（四）政府信息公开平台建设”一段写的是没有开展这方面工作，但工作情况说明写了做法"))]
    overview = draft.section("overview").paragraphs  # type: ignore[union-attr]
    assert said not in overview and overview[8] == template[8]


def test_a_note_of_six_is_never_turned_into_a_bare_none(sample: Report, tmp_path: Path) -> None:
    """六 of the sample: the fee sentence, then the office's note on 建议提案办理; the model writes "无。" for the note
    (outside firewall test, session 10: it reached the final document). The paragraph falls back to the template's."""
    writer = MISSING_NOTES_MODES["none_for_other_notes"].writer([sample])
    with fake_llm_server(writer) as (url, _log):
        draft = LLMDrafter(loopback_settings(url, cache_dir=str(tmp_path))).draft(sample)
    template = TemplateDrafter().draft(sample).section("other").paragraphs  # type: ignore[union-attr]
    assert [(f.section, f.paragraph, f.reason) for f in draft.provenance.fallbacks] == [("other", 1, ROUNDS.format(
        "第2段只写了“无”，但工作情况说明写了这一部分的内容"))]
    assert draft.section("other").paragraphs == template  # type: ignore[union-attr]


def test_a_bare_none_is_left_where_the_template_says_none_too() -> None:
    assert list(bare_denials("other", ["本年度未收取信息处理费。", "无。"], ["本年度未收取信息处理费。", "无。"])) == []
    assert list(bare_denials("other", ["无。"], ["〔待补：其他需要报告的事项〕"])) == []
    assert list(bare_denials("other", ["本年度未收取信息处理费。", "无。"],
                             ["本年度未收取信息处理费。", "认真办理人大代表建议和政协委员提案。"])) == [1]


@pytest.mark.parametrize("text", ["无。", "暂无。", "本镇本年度无政府信息公开平台建设情况。", "未开展相关工作。"])
def test_a_paragraph_of_nothing(text: str) -> None:
    from assistant.drafting.section_fit import says_only_nothing

    assert says_only_nothing(text)


@pytest.mark.parametrize("text", ["本镇维护县政府门户网站镇级专栏，更新“政策文件”等栏目。",
                                  "2024年本镇未收到政府信息公开申请，也无上年结转的申请。",
                                  "本镇未作出行政许可决定〔F:t2.permit.decisions〕件。"])
def test_a_paragraph_that_tells_something(text: str) -> None:
    from assistant.drafting.section_fit import says_only_nothing

    assert not says_only_nothing(text)
