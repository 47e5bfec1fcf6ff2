"""Denials the staff's notes contradict (M19, ``assistant.drafting.denials``): a model paragraph that tells one note of
its aspect and denies another ("…考核，未开展社会评议。") or the rest ("…；其他方面无。", "除此之外未开展其他工作") is
rejected and falls back to the template's paragraph, which the final draft holds word for word. Denials of what the
notes do not tell (the tables' zeros; the rest, once every note is told) pass as the model wrote them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.denials import RULE_ID
from assistant.drafting.firewall import FirewallContext, check_paragraph, final_text_defects
from assistant.drafting.llm import DRAFTED_SECTIONS, LLMDrafter
from assistant.drafting.template import TemplateDrafter
from assistant.facts import FactSheet
from assistant.model import Draft, Report
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import EXAMPLES
from tests.fake_llm_server import fake_llm_server, loopback_settings
from tests.fake_modes import DENIAL_MODES, DENIALS, HONEST_DENIALS, HONEST_DENIALS_MODE, Mode

pytestmark = pytest.mark.usefixtures("loopback_model_env")

ROUNDS = "经2轮修改仍有错误（{}），本段改用模板文本"
DENIES = "模型文字称“{}”，但工作情况说明写了“{}”"
DENIES_THE_REST = "模型文字称“{}”，但工作情况说明还写了“{}”，这一段没有写出"
TRAINING = "组织政务公开业务培训2次"
REVIEW = "年末邀请村民代表和企业代表对政务公开工作进行评议，满意率为95%"
READING_POINT = "在便民服务中心设置政务公开查阅点"
PROPOSALS = "认真办理人大代表建议和政协委员提案，办理结果依法公开"

# mode -> (section, paragraph of the final draft, reason of its fallback)
EXPECTED: dict[str, tuple[str, int, str]] = {
    "oversight_one_duty": ("overview", 10, DENIES.format("未开展社会评议", REVIEW)),
    "oversight_rest_none": ("overview", 10, DENIES_THE_REST.format("其他方面无", TRAINING)),
    "oversight_nothing_else": ("overview", 10, DENIES_THE_REST.format("除此之外未开展其他工作", TRAINING)),
    "oversight_no_training": ("overview", 10, DENIES.format("没有组织政务公开业务培训", TRAINING)),
    "platform_no_reading_point": ("overview", 8, DENIES.format("未设置政务公开查阅点", READING_POINT)),
    "platform_no_other": ("overview", 8, DENIES_THE_REST.format("此外无其他平台", READING_POINT)),
    "management_no_cleanup": ("overview", 6, DENIES.format("未开展行政规范性文件清理工作",
                                                           "对镇政府行政规范性文件开展清理，废止1件")),
    "proactive_no_board": ("overview", 2, DENIES.format("未在村务公开栏公开信息", "在村务公开栏公开惠农补贴发放、低保评议等信息")),
    "other_no_proposals": ("other", 1, DENIES.format("本镇未办理人大代表建议和政协委员提案", PROPOSALS)),
    "other_nothing_to_report": ("other", 1, DENIES_THE_REST.format("本年度无其他需要报告的事项", PROPOSALS)),
}


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def draft_with(mode: Mode, report: Report, cache: Path) -> Draft:
    with fake_llm_server(mode.writer([report])) as (url, _log):
        return LLMDrafter(loopback_settings(url, cache_dir=str(cache))).draft(report)


def paragraphs_of(draft: Draft, key: str) -> list[str]:
    return list(draft.section(key).paragraphs)  # type: ignore[union-attr]


def test_every_denial_has_its_expectation() -> None:
    assert sorted(EXPECTED) == sorted(d.name for d in DENIALS) and len(DENIALS) >= 6


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_a_denial_of_what_the_notes_tell_falls_back_to_the_template(mode: str, sample: Report,
                                                                     tmp_path: Path) -> None:
    section, paragraph, reason = EXPECTED[mode]
    [denial] = [d for d in DENIALS if d.name == mode]
    draft = draft_with(DENIAL_MODES[mode], sample, tmp_path)
    assert [(f.section, f.paragraph, f.reason) for f in draft.provenance.fallbacks] == [
        (section, paragraph, ROUNDS.format(reason))]
    assert denial.said not in draft.full_text()
    template = TemplateDrafter().draft(sample)
    assert paragraphs_of(draft, section)[paragraph] == paragraphs_of(template, section)[paragraph]
    assert final_text_defects(sample, draft, DRAFTED_SECTIONS) == []


def test_denials_of_what_the_notes_do_not_tell_reach_the_final_draft(sample: Report, tmp_path: Path) -> None:
    """Seven true denials, one in each of seven paragraphs of one draft: none falls back, each is in the final draft as
    written (the template's paragraph with the model's change)."""
    draft = draft_with(HONEST_DENIALS_MODE, sample, tmp_path)
    assert draft.provenance.fallbacks == []
    template = TemplateDrafter().draft(sample)
    for denial in HONEST_DENIALS:
        place = denial.index * 2 if denial.key == "overview" else denial.index  # 一's bodies follow their headings
        expected = denial.write(paragraphs_of(template, denial.key)[place])
        assert denial.said in expected
        assert paragraphs_of(draft, denial.key)[place] == expected
    assert final_text_defects(sample, draft, DRAFTED_SECTIONS) == []


def without_note(report: Report, aspect: str, note: str) -> Report:
    kept = [n for n in getattr(report.notes, aspect) if n != note]
    assert len(kept) < len(getattr(report.notes, aspect))
    return report.model_copy(update={"notes": report.notes.model_copy(update={aspect: kept})})


def denial_findings(report: Report, section: str, text: str, aspect: str | None) -> list[str]:
    ctx = FirewallContext(report, FactSheet(report), section)
    return [f.message for f in check_paragraph(ctx, 0, text, aspect=aspect) if f.rule == RULE_ID]


@pytest.mark.parametrize(("section", "aspect", "text"), [
    # 追究 where no note tells of it
    ("overview", "oversight", "本镇将政务公开纳入对各村和镇直站所的年度考核，未发生政府信息公开工作责任追究情况。"),
    ("overview", "oversight", "本镇没有发生责任追究。"),
    # what the tables count as none, in words the template does not use
    ("overview", "proactive", "本年度，本镇没有作出行政强制决定。"),
    ("overview", None, "本年度，本镇未被申请行政复议，也未被提起行政诉讼。"),
    ("other", None, "本年度，本镇没有收取信息处理费。"),
    # the rest, once the paragraph told every note
    ("overview", "platform", "本镇维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算”等栏目，在便民服务中心设置政务公开查阅点，"
                             "除此之外无其他平台。"),
    ("other", None, "本镇认真办理人大代表建议和政协委员提案，办理结果依法公开。此外无其他需要报告的事项。"),
    # not this year's, not a denial, or a plan
    ("overview", "oversight", "上年度未开展社会评议，本年度邀请村民代表和企业代表进行评议。"),
    ("overview", "on_request", "对无正当理由逾期不补正的申请，本镇依法作其他处理，无法提供的说明理由。"),
    ("problems", None, "下一步，本镇将对未及时更新的栏目开展清理。"),
    # what went wrong, in words of lack: it is no work the notes tell was done
    ("problems", None, "部分村级公开内容没有及时更新，政策解读形式较为单一。"),
    ("overview", "platform", "本镇维护县政府门户网站镇级专栏，个别栏目没有及时更新。"),
])
def test_a_denial_of_what_no_note_tells_passes(section: str, aspect: str | None, text: str, sample: Report) -> None:
    report = without_note(sample, "oversight", "本年度未发生政府信息公开工作责任追究情况")
    assert denial_findings(report, section, text, aspect) == []


def test_no_applications_said_when_table_three_has_none(sample: Report) -> None:
    data = sample.model_dump(mode="json", exclude_none=True)
    data["tables"]["t3"] = {}
    report = report_from_data(data)
    assert FactSheet(report).value("t3.new_received.total") == 0
    assert denial_findings(report, "overview", "本年度，本镇未收到政府信息公开申请。", "on_request") == []


def test_no_accountability_said_when_a_note_tells_a_talk(sample: Report) -> None:
    """约谈 is a result of 责任追究 (the duties of schemas/sections.yaml): "未发生…责任追究" denies it."""
    talk = "对1个村进行约谈"
    report = without_note(sample, "oversight", "本年度未发生政府信息公开工作责任追究情况")
    report = report.model_copy(update={"notes": report.notes.model_copy(
        update={"oversight": [*report.notes.oversight, talk]})})
    assert denial_findings(report, "overview", "本镇未发生政府信息公开工作责任追究情况。", "oversight") == [
        DENIES.format("本镇未发生政府信息公开工作责任追究情况", talk)]
    assert denial_findings(report, "overview", "本镇政务公开工作未被考核扣分。", "oversight") == []


@pytest.mark.parametrize(("section", "aspect", "text", "message"), [
    ("overview", "oversight", "我镇开展了政府信息公开工作考核，未开展社会评议。", DENIES.format("未开展社会评议", REVIEW)),
    ("overview", "oversight", "社会评议工作暂无。", DENIES.format("社会评议工作暂无", REVIEW)),
    ("overview", "oversight", "本镇尚未组织群众评议。", DENIES.format("本镇尚未组织群众评议", REVIEW)),
    ("overview", None, "本镇将政务公开纳入年度考核，未开展业务培训和社会评议。", DENIES.format("未开展业务培训和社会评议", TRAINING)),
    ("other", None, "本镇无其他需要报告的事项。", DENIES_THE_REST.format("本镇无其他需要报告的事项", PROPOSALS)),
])
def test_a_denial_the_notes_contradict(section: str, aspect: str | None, text: str, message: str,
                                       sample: Report) -> None:
    assert denial_findings(sample, section, text, aspect) == [message]
