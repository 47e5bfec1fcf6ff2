"""The template drafter after an outside reviewer's read of a county's drafts: one rule per finding.

- each count is told once: a table's figure is said in the part :mod:`assistant.drafting.section_figures` gives it
  (tables 二 and 三 in 总体情况's aspects, 四 in 四) and in no other, and a note's clause that repeats it is left out;
- one layout for every organ: what each section and paragraph holds does not vary across units, only the wording;
- 五 in the order 本年存在的问题 → 上年度问题改进情况 → 下一年度改进措施;
- no provision of the 条例 is quoted in the sections; 总体情况 is led into once;
- wording an outside reader marks as machine-made does not occur.
"""

from __future__ import annotations

import random
import re

from assistant.claims import draft_claims
from assistant.drafting.section_figures import section_fact_ids
from assistant.drafting.template import TemplateDrafter
from assistant.drafting.told_figures import without_table_figures
from assistant.drafting.unfit_notes import no_applications
from assistant.facts import FactSheet
from assistant.model import Draft, Report
from assistant.readers.inputfile import report_from_data
from tests.test_template_drafter import sample_data

# The part that tells the figures of each table in words (二 and 三 only lead into their tables).
OWNER = {"t2": "overview", "t3": "overview", "t4": "appeals"}


def towns() -> list[Report]:
    """13 townships of one county with the same notes, and the same 13 with notes of their own."""
    from evals.similarity import TOWNS, own_notes, township

    same = [township(i, town) for i, town in enumerate(TOWNS)]
    return same + [township(i, town, notes=own_notes(i)) for i, town in enumerate(TOWNS)]


def organs() -> list[Report]:
    """30 random consistent reports of townships, street offices, county and city governments and a department."""
    from evals.checker.drafts import random_report

    rng = random.Random(5)
    return [random_report(rng) for _ in range(30)]


def draft(report: Report) -> Draft:
    return TemplateDrafter().draft(report)


# --- each count told once --------------------------------------------------------------------------------------

def test_a_note_loses_the_clause_that_repeats_a_table_figure() -> None:
    facts = FactSheet(report_from_data(sample_data()))  # table 二: 废止行政规范性文件1件; 三: 收到申请12件
    assert without_table_figures("对镇政府行政规范性文件开展清理，废止1件", facts) == "对镇政府行政规范性文件开展清理"
    assert without_table_figures("废止行政规范性文件1件", facts) == ""
    # what is left refers back to the applications, whose count the drafter tells before it
    assert without_table_figures("全年共收到申请12件，均按时答复", facts) == "上述申请均按时答复"
    assert without_table_figures("2024年，本镇共收到申请12件，均按时答复", facts) == "上述申请均按时答复"  # not "2024年，均…"
    assert without_table_figures("组织政务公开业务培训2次", facts) == "组织政务公开业务培训2次"  # no table states it
    # a figure the table contradicts is kept, for the checker to report
    assert without_table_figures("对镇政府行政规范性文件开展清理，废止2件", facts) == "对镇政府行政规范性文件开展清理，废止2件"


def test_the_reviewers_case_repealed_one_is_told_once() -> None:
    text = draft(report_from_data(sample_data()))
    assert "对镇政府行政规范性文件开展清理。2024年度，本镇制发行政规范性文件2件，废止行政规范性文件1件，" in (
        text.section("overview").paragraphs[6])  # type: ignore[union-attr]  # 政府信息管理: the note, then the count
    assert "废止1件" not in text.full_text() and text.full_text().count("废止行政规范性文件1件") == 1


def test_no_count_of_a_table_is_told_outside_its_own_part() -> None:
    """The template tells each table count where the model drafter is offered it (one place: section_figures)."""
    for report in towns() + organs():
        text = draft(report)
        for paragraph, claims in draft_claims(text):
            offered = set(section_fact_ids(report.fmt, paragraph.section or ""))
            for claim in claims:
                if claim.kind != "number" or not claim.figures:
                    continue
                tables = [fid for fid in claim.figures if fid.split(".")[0] in OWNER]
                assert not tables or set(tables) & offered, (
                    report.meta.organ_name, paragraph.section, paragraph.text[claim.start - 10:claim.end])


def test_the_overview_tells_table_three_once_and_part_three_only_leads_into_it() -> None:
    for report in towns() + organs():
        text = draft(report)
        overview = "".join(text.section("overview").paragraphs)  # type: ignore[union-attr]
        requests = "".join(text.section("requests").paragraphs)  # type: ignore[union-attr]
        assert "第三部分" not in overview, report.meta.organ_name
        assert len(text.section("requests").paragraphs) == 1, report.meta.organ_name  # type: ignore[union-attr]
        assert not re.search(r"申请\d+件", requests), report.meta.organ_name
        received = FactSheet(report).value("t3.new_received.total")
        if received:
            assert len(re.findall(rf"(?:新收|收到|受理)政府信息公开申请{received}件", overview)) == 1, report.meta.organ_name
        elif no_applications(report):
            assert re.search("(?:未|没有)收到", overview), report.meta.organ_name


# --- one layout for every organ ----------------------------------------------------------------------------------

def layout(text: Draft) -> list[tuple[str, int, tuple[str, ...]]]:
    """Per section: its key, its number of paragraphs, and the tables whose counts it tells."""
    told: dict[str, set[str]] = {s.key: set() for s in text.sections}
    for paragraph, claims in draft_claims(text):
        for claim in claims:
            for fid in claim.figures:  # a count, or a zero in words (未发生…)
                if fid.split(".")[0] in OWNER and paragraph.section in told:
                    told[paragraph.section].add(fid.split(".")[0])
    return [(s.key, len(s.paragraphs), tuple(sorted(told[s.key]))) for s in text.sections]


def test_every_township_of_a_county_has_the_same_layout() -> None:
    from evals.similarity import TOWNS

    layouts = [layout(draft(report)) for report in towns()[:len(TOWNS)]]  # the same notes, their own figures
    assert {tuple((key, n) for key, n, _tables in found) for found in layouts} == {(
        ("overview", 11), ("proactive", 1), ("requests", 1), ("appeals", 1), ("problems", 3), ("other", 2))}
    # the figures of tables 二 and 三 in 总体情况, for every township (the reviewer found 行政许可 in 一（一） in one
    # township and in 二 in another); 四's zero sentences are not all read back as claims, so 四 is left out here
    assert {found[0][2] + found[1][2] + found[2][2] for found in layouts} == {("t2", "t3")}


def test_every_organ_puts_each_kind_of_fact_in_the_same_place() -> None:
    for report in towns() + organs():
        for key, _n, tables in layout(draft(report)):
            owned = {table for table, owner in OWNER.items() if owner == key}
            assert set(tables) <= owned, (report.meta.organ_name, key)


# --- 五 in its order ---------------------------------------------------------------------------------------------

def test_part_five_is_this_year_then_last_year_then_next_year() -> None:
    for report in towns() + organs():
        problems = draft(report).section("problems").paragraphs  # type: ignore[union-attr]
        assert len(problems) == 3, report.meta.organ_name
        assert "上年度" not in problems[0] and str(report.meta.year + 1) not in problems[0]
        assert "上年度" in problems[1] or problems[1] == "〔待补：上年度问题的改进情况〕"
        assert str(report.meta.year + 1) in problems[2] or problems[2] == "〔待补：下一步改进措施〕"


def test_the_reviewers_case_part_five_order() -> None:
    assert draft(report_from_data(sample_data())).section("problems").paragraphs == [  # type: ignore[union-attr]
        "本镇在政府信息公开工作中还存在以下问题：政策解读形式较为单一，图解、视频解读较少；部分村级公开内容更新不够及时。",
        "上年度问题的整改情况：本镇针对上年度栏目更新不及时的问题，建立专栏信息发布台账，每月核查一次。",
        "本镇将在2025年做好以下工作：一是丰富政策解读形式，重要政策同步发布图解解读；二是加强对村级公开栏的指导和督查。"]


# --- the 条例 and leads: no padding -------------------------------------------------------------------------------

def test_no_section_quotes_a_provision_of_the_law() -> None:
    for report in towns() + organs():
        for section in draft(report).sections:
            # no sentence whose subject is the 条例 ("《条例》规定，…"); "对照《条例》要求，…" and "依照《条例》开展…" are none
            assert not any(re.search(r"(?:^|[。；])《条例》", p) for p in section.paragraphs), (
                report.meta.organ_name, section.key)


def test_the_overview_is_led_into_once() -> None:
    for report in towns() + organs():
        overview = draft(report).section("overview").paragraphs  # type: ignore[union-attr]
        assert not any("如下" in p or "以下" in p for p in overview[1:]), report.meta.organ_name


# --- wording -----------------------------------------------------------------------------------------------------

MACHINE_MADE = (
    r"社会评议情况，", r"(?<!《)政府信息公开信息处理费(?!管理办法)", r"(?:是|在|于)一是", r"的规定和[^。]*的规定",
    r"^依申请公开办理中", r"。具体情况见第三部分", r"[，；：]。",
)


def test_no_machine_made_wording_in_thirty_drafts_of_different_organs() -> None:
    reports = organs()
    assert {r.meta.organ_kind for r in reports} == {"乡镇", "街道", "县级人民政府", "设区的市人民政府", "部门"}
    for report in reports + towns():
        for section in draft(report).sections:
            for paragraph in section.paragraphs:
                for pattern in MACHINE_MADE:
                    assert not re.search(pattern, paragraph), (report.meta.organ_name, pattern, paragraph)


# --- length from the notes ----------------------------------------------------------------------------------------

RICH_NOTES = {  # what an office that writes its notes out gives (the sample's aspects, each told in full)
    "proactive": ["通过县政府门户网站镇级专栏发布政府信息128条，其中政策文件21条、财政预决算信息12条、工作动态95条",
                  "通过“青石发布”微信公众号发布信息86条，对城乡居民医保缴费、耕地地力保护补贴等政策制作图解解读6期",
                  "在13个村的村务公开栏按季度公开惠农补贴发放、低保评议、集体资金使用等信息"],
    "on_request": ["明确党政综合办公室为依申请公开受理机构，在便民服务中心设置受理窗口",
                   "严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容"],
    "management": ["落实“三审三校”和保密审查制度，信息发布前由分管领导审签",
                   "对镇政府行政规范性文件开展清理，清理结果在专栏公布",
                   "建立政府信息公开台账，逐条登记信息名称、公开时间和公开方式"],
    "platform": ["维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算”“重点领域信息”等栏目",
                 "在便民服务中心设置政务公开查阅点，配备查阅电脑1台，全年接待群众查阅40余人次"],
    "oversight": ["将政务公开纳入对各村和镇直站所的年度考核，考核结果与评先评优挂钩",
                  "组织政务公开业务培训2次，参训人员56人次",
                  "年末邀请村民代表和企业代表对政务公开工作进行评议，满意率为95%",
                  "本年度未发生政府信息公开工作责任追究情况"],
}


def overview_of(notes: dict[str, list[str]]) -> str:
    data = sample_data()
    data["notes"].update(notes)
    return "".join(draft(report_from_data(data)).section("overview").paragraphs)  # type: ignore[union-attr]


def test_the_overview_is_as_long_as_the_notes_and_tables_make_it() -> None:
    """No filler to reach a length: 总体情况 is the opening, the office's notes and the figures of tables 二 and 三 in the
    aspects they belong to (told nowhere else). The sample's notes give 677 characters (453 while 二 and 三 told the
    figures); notes written out in full give 897 (本镇 before 未发生… in 监督保障)."""
    short, rich = overview_of({}), overview_of(RICH_NOTES)
    assert (len(short), len(rich)) == (677, 897)
    notes_chars = sum(len(n) for aspect in RICH_NOTES.values() for n in aspect)
    figures = re.search(r"2024年本镇新收.*结转下年度继续办理的申请有1件。", rich)  # table 三 in words, in 依申请公开
    assert figures is not None and len(figures.group(0)) == 178
    # headings, the opening, subjects, connectors and table 二's figures
    assert notes_chars == 467 and len(rich) - notes_chars - len(figures.group(0)) == 252


def test_the_model_drafter_is_offered_the_figures_the_template_tells_there() -> None:
    """Both drafters take a section's figures from section_figures: the model's 总体情况 gets tables 二 and 三 (it was
    offered table 四 too, which 四 tells, and the template told 二 and 三 elsewhere); 六 only the 信息处理费."""
    from assistant.drafting.llm import section_facts

    facts = FactSheet(report_from_data(sample_data()))
    offered = {key: {f["id"] for f in section_facts(facts, key)} for key in ("preamble", "overview", "problems", "other")}
    assert {"t2.admin_license.decisions", "t2.normative_docs.repealed", "t3.new_received.total",
            "t3.new_received.natural_person", "t3.unable_not_held.total", "t3.carried_forward.total"} <= offered["overview"]
    assert {fid.split(".")[0] for fid in offered["overview"]} == {"t2", "t3"}
    assert (offered["preamble"], offered["problems"], offered["other"]) == (set(), set(), {"fee.processing"})
