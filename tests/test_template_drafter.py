"""The template drafter: exact sentences on the examples, determinism, variation, 〔待补〕, and a property test."""

from __future__ import annotations

import copy
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import __version__
from assistant.drafting import missing_fact_findings
from assistant.drafting.missing import WORK_POINTS_KINDS
from assistant.drafting.template import TemplateDrafter, enumerate_items
from assistant.formats import load_format, section_titles
from assistant.model import GOVERNMENT_KINDS, Document, Draft, Report
from assistant.numbering import cn_numeral
from assistant.organ_words import conflicting_self_references
from assistant.pipeline import check_document
from assistant.readers.inputfile import load_data, load_report, report_from_data
from tests.conftest import EXAMPLES
from tests.test_properties import consistent_tables

FIXED = datetime(2025, 1, 20, 8, 0, tzinfo=UTC)


def draft_of(report: Report) -> Draft:
    return TemplateDrafter(now=lambda: FIXED).draft(report)


@pytest.fixture(scope="module")
def zhuting() -> tuple[Report, Draft]:
    report = load_report(EXAMPLES / "zhuting-2020.yaml")
    return report, draft_of(report)


@pytest.fixture(scope="module")
def sample() -> tuple[Report, Draft]:
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    return report, draft_of(report)


def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = load_data(EXAMPLES / "sample-town-2024.yaml")
    return data


# --- 竹亭镇 2020 (2019 format) ---------------------------------------------------------------------------

def test_zhuting_title_and_sections(zhuting: tuple[Report, Draft]) -> None:
    _report, draft = zhuting
    assert draft.title == "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告"
    assert [s.heading for s in draft.sections] == list(section_titles())
    assert [s.key for s in draft.sections] == [s.key for s in load_format(2019).sections]
    assert draft.closing == ["袁州区竹亭镇人民政府", "〔待补：落款日期〕"]  # no sign_date given: no date invented


def test_zhuting_preamble(zhuting: tuple[Report, Draft]) -> None:
    assert zhuting[1].preamble == [
        "本报告是根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）及《国务院办公厅政府信息与政务公开办公室"
        "关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，由竹亭镇人民政府编制的。数据统计时段为2020年1月1日至2020年12月31日。如对本报告有疑问，"
        "请与竹亭镇人民政府联系（地址：竹亭镇人民政府党政办，电话：0795-3648348）。本报告电子版可从袁州区人民政府网站"
        "（http://www.yzq.gov.cn/）下载。"
    ]


def test_zhuting_states_its_one_application_and_its_outcome(zhuting: tuple[Report, Draft]) -> None:
    overview = zhuting[1].section("overview")
    assert overview is not None
    i = overview.paragraphs.index("（二）依申请公开")
    # the counts of table 三 are told once, in 总体情况's 依申请公开 (no note on handling applications); 三 leads into
    # the table; one application: no 均; zeros in words
    assert overview.paragraphs[i + 1] == (
        "2020年度，本镇共收到政府信息公开申请1件，申请人为自然人，上年度无结转至本年的申请。本年度办结的申请中，因本机关不掌握相关政府信息无法提供1件，"
        "没有结转下年度继续办理的申请。")
    assert zhuting[1].section("requests").paragraphs == [  # type: ignore[union-attr]
        "2020年，本镇收到和处理政府信息公开申请情况如下表。"]
    assert overview.paragraphs[1::2] == ["（一）主动公开", "（二）依申请公开", "（三）政府信息管理",
                                       "（四）政府信息公开平台建设", "（五）监督保障"]
    # a 人民政府: 监督保障 reports 工作考核、社会评议、责任追究 each; "严肃追究责任" is a rule, not a result: three gaps
    # (the note of no duty first: "接受群众监督" was after the 责任追究 one)
    assert overview.paragraphs[-1] == ("本镇接受群众监督；对因未审查或审查不严导致不良"
                                       "影响或后果的，严肃追究责任。〔待补：工作考核结果情况〕"
                                       "〔待补：社会评议结果情况〕〔待补：责任追究结果情况〕")


def test_zhuting_says_wo_zhen_throughout(zhuting: tuple[Report, Draft]) -> None:
    report, draft = zhuting
    body = "\n".join(p for s in draft.sections for p in s.paragraphs)
    assert "街道" not in draft.full_text()
    assert body.count("本镇") == 12 and "我镇" not in body  # one form throughout
    assert not [w for w in conflicting_self_references(report.meta) if w in draft.full_text()]


def test_zhuting_dates_its_plans_2021(zhuting: tuple[Report, Draft]) -> None:
    problems = zhuting[1].section("problems")
    assert problems is not None
    assert problems.paragraphs == [  # the office's order: 加强业务学习 answers 认识不足, both first
        "回顾全年工作，本镇政府信息公开工作还存在以下不足：对信息公开工作认识不足，政府信息公开的尺度难以把握；"
        "信息内容的及时性、全面性、便民性以及公开形式、渠道等有待提高。",
        "〔待补：上年度问题的改进情况〕",  # 五 always reports last year's problems: the input has no note on them
        "为解决上述问题，本镇将在2021年采取以下措施：一是加强业务学习，加强信息员队伍建设，提高业务能力；二是拓宽宣传渠道，"
        "运用微博、微信等新媒体，加大信息公开力度；三是保证信息公开内容准确，重点公开群众普遍关心的热点。",
    ]
    assert "2020年，本镇将" not in zhuting[1].full_text()


def test_zhuting_tables_sections_and_other(zhuting: tuple[Report, Draft]) -> None:
    draft = zhuting[1]
    assert draft.section("appeals").paragraphs == [  # type: ignore[union-attr]
        "2020年度，没有申请人因本镇政府信息公开工作申请行政复议或提起行政诉讼。各项数据如下表。"]
    assert draft.section("other").paragraphs == ["无。"]  # type: ignore[union-attr]  # 2020: no fee
    assert draft.section("proactive").paragraphs == [  # type: ignore[union-attr]  # the lead into table 二
        "主动公开政府信息的具体数据如下。"]
    overview = draft.section("overview").paragraphs  # type: ignore[union-attr]  # zeros as 未…/无…, with a subject
    assert overview[2].endswith("本镇2020年政府集中采购项目9项，未作出行政许可、其他对外管理服务事项、行政处罚和行政强制决定。")
    assert overview[6].endswith("全年，本镇未新制作、新公开规范性文件，无对外公开的规范性文件。")


def test_zhuting_draft_has_no_error_finding_but_its_gaps(zhuting: tuple[Report, Draft]) -> None:
    report, draft = zhuting
    findings = check_document(Document(report=report, draft=draft))
    assert [(f.rule, f.found) for f in findings if f.severity == "error"] == [
        ("G1", "〔待补：工作考核结果情况〕"), ("G1", "〔待补：社会评议结果情况〕"), ("G1", "〔待补：责任追究结果情况〕"),
        ("G1", "〔待补：上年度问题的改进情况〕"), ("G1", "〔待补：落款日期〕")]
    assert [f.evidence for f in missing_fact_findings(report, draft)] == [
        "〔待补：工作考核结果情况〕", "〔待补：社会评议结果情况〕", "〔待补：责任追究结果情况〕", "〔待补：上年度问题的改进情况〕",
        "〔待补：落款日期〕"]


# --- 青石镇 2024 (2021 format) ---------------------------------------------------------------------------

def test_sample_requests_paragraph(sample: tuple[Report, Draft]) -> None:
    overview = sample[1].section("overview")
    assert overview is not None
    # reviewer's cases: no provision of the 条例 and no "…说明如下。" lead before the notes; the counts of table 三 once
    # (三 only leads into the table), before the note on how those applications were handled
    assert overview.paragraphs[4] == (
        "2024年本镇新收政府信息公开申请12件，按申请人类别分，自然人9件、法人或其他组织3件。此外，上年结转1件。"
        "本年度共办结政府信息公开申请12件，其中予以公开5件，部分公开1件，因保护第三方合法权益不予公开1件，"
        "因本机关不掌握相关政府信息无法提供3件，因重复申请不予处理1件，因申请人无正当理由逾期不补正作其他处理1件。"
        "年底结转下年度继续办理的申请有1件。"
        "在依申请公开办理中，本镇严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。")
    assert sample[1].section("requests").paragraphs == [  # type: ignore[union-attr]
        "依申请公开的数据统计如下表。"]
    # the note's "废止1件" is table 二's figure: left out of the note, told once after it; no lead into a list
    assert overview.paragraphs[6] == ("本年度，本镇落实“三审三校”和保密审查制度；同时，对镇政府行政规范性文件开展清理。"
                                      "2024年度，本镇制发行政规范性文件2件，废止行政规范性文件1件，现行有效的行政规范性文件共5件。")
    # for this organ table 二's decisions come before the notes (for others after them)
    assert overview.paragraphs[2].startswith("本年度，本镇办理行政许可36件，实施行政处罚12件，未作出行政强制决定。本镇通过")
    assert sample[1].section("proactive").paragraphs == [  # type: ignore[union-attr]  # the lead into table 二
        "本镇2024年主动公开政府信息的情况统计如下表。"]
    # 监督保障 of a 人民政府: the training first, then 工作考核、社会评议、责任追究 each, in the office's order of its
    # notes (no "社会评议情况，"; the training was between 考核 and 评议)
    assert overview.paragraphs[10] == (
        "2024年，本镇组织政务公开业务培训2次。就工作考核而言，本镇将政务公开纳入对各村和镇直站所的年度考核。在社会评议方面，年末邀请村民"
        "代表和企业代表对政务公开工作进行评议，满意率为95%。本镇未发生政府信息公开工作责任追究情况。"  # the note names its duty: no head
    )
    assert overview.paragraphs[0] == (  # the framing names the parent government and party committee of the input
        "示范县青石镇人民政府在中共示范县委、示范县人民政府的领导下，依照《条例》开展政府信息"
        "公开工作。"  # no lead "具体情况如下。" after it: the headings lead on
    )


def test_sample_preamble_cites_the_2021_notice(sample: tuple[Report, Draft]) -> None:
    preamble = sample[1].preamble[0]
    # (before: "…《条例》）的规定和年度报告格式（…）的要求", and with other openings "…的规定和…的规定和要求"; then a
    # description for the title, or the number run into the issuer: "…办公室国办公开办函〔2021〕30号文件")
    assert preamble.startswith("本报告由示范县青石镇人民政府党政综合办公室根据《中华人民共和国政府信息公开条例》（以下简称《条例》）"
                               "和国务院办公厅政府信息与政务公开办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
                               "（国办公开办函〔2021〕30号）要求编制。")
    assert "〔2019〕60号" not in preamble
    assert preamble.endswith("（通信地址：示范县青石镇人民政府党政综合办公室，邮政编码：336000，电话：0795-1234567，"
                             "电子邮箱：qingshizhen@example.gov.cn）。")
    assert "所列数据的统计区间为2024年1月1日至2024年12月31日。" in preamble
    # the full title of the 2021 notice, where an organ's preamble cites it so
    data = sample_data()
    data["meta"].update(organ_name="示范县南湖镇人民政府", short_name="南湖镇", compiler="示范县南湖镇人民政府")
    assert ("《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
            "（国办公开办函〔2021〕30号）") in draft_of(report_from_data(data)).preamble[0]


def test_sample_appeals_problems_other(sample: tuple[Report, Draft]) -> None:
    draft = sample[1]
    assert draft.section("appeals").paragraphs == [  # type: ignore[union-attr]  # no 其中 repeating the total
        "本年度，本镇因政府信息公开工作被申请行政复议1件（结果维持），未被提起行政诉讼。"]
    problems = draft.section("problems").paragraphs  # type: ignore[union-attr]
    assert problems[1] == "上年度问题的整改情况：本镇针对上年度栏目更新不及时的问题，建立专栏信息发布台账，每月核查一次。"
    assert problems[2].startswith("本镇将在2025年")  # not "下一步，…在2025年": the time once
    assert draft.section("other").paragraphs == [  # type: ignore[union-attr]  # the fee, then the item led in by its kind
        "2024年，本镇办理政府信息公开申请未收取信息处理费。", "关于建议提案办理，本镇认真办理人大代表建议和政协委员提案，办理结果依法公开。"]
    assert draft.closing == ["示范县青石镇人民政府", "2025年1月20日"]


def test_sample_draft_has_no_error_finding(sample: tuple[Report, Draft]) -> None:
    report, draft = sample
    assert [f for f in check_document(Document(report=report, draft=draft)) if f.severity == "error"] == []


def test_provenance(sample: tuple[Report, Draft]) -> None:
    provenance = sample[1].provenance
    assert (provenance.drafter, provenance.version, provenance.created) == ("template", __version__, FIXED)
    assert provenance.model is None


# --- determinism and variation ----------------------------------------------------------------------------

def narrative(draft: Draft) -> dict[str, Any]:
    return draft.model_dump(exclude={"provenance"})


def test_same_report_gives_the_same_draft() -> None:
    first = draft_of(load_report(EXAMPLES / "sample-town-2024.yaml"))
    second = TemplateDrafter().draft(load_report(EXAMPLES / "sample-town-2024.yaml"))
    assert narrative(first) == narrative(second)


def town(name: str) -> Report:
    data = sample_data()
    data["meta"].update(organ_name=f"示范县{name}人民政府", short_name=name, compiler=f"示范县{name}人民政府")
    return report_from_data(data)


def normalised(draft: Draft, report: Report) -> str:
    text = draft.full_text()
    for name in (report.meta.organ_name, report.meta.short_name or ""):
        text = text.replace(name, "〇")
    return text


def test_neighbouring_towns_with_the_same_figures_get_different_prose() -> None:
    names = ["青石镇", "白石镇", "东河镇", "西河镇", "南山镇", "北山镇", "杨林镇", "柳溪镇", "桃源镇", "梅岭镇"]
    texts = {name: normalised(draft_of(town(name)), town(name)) for name in names}
    assert len(set(texts.values())) == len(names)
    first, second = draft_of(town("东河镇")), draft_of(town("西河镇"))
    differing = [a for a, b in zip(first.section("overview").paragraphs,  # type: ignore[union-attr]
                                   second.section("overview").paragraphs, strict=True)
                 if a.replace("东河镇", "〇") != b.replace("西河镇", "〇")]
    assert differing  # not only the names differ
    # the figures themselves are the same, each stated once in the phrasing the claim rules read back
    for draft in (first, second):
        assert "政府信息公开申请12件" in draft.full_text() and "因重复申请不予处理1件" in draft.full_text()


# --- organ kinds ----------------------------------------------------------------------------------------

def test_a_street_office_says_wo_jiedao_and_no_assessment_wording() -> None:
    data = sample_data()
    data["meta"].update(organ_name="示范区青石街道办事处", organ_kind="街道", short_name="青石街道",
                        compiler="示范区青石街道办事处", website="https://www.shifan.gov.cn/",
                        contact={"address": "示范区青石街道办事处党政办公室", "phone": "0795-1234567"})
    data["notes"]["oversight"] = ["组织政务公开业务培训2次"]
    data["notes"]["management"] = ["落实保密审查制度"]
    # the sample town's notes name its 镇级专栏 (a 镇's word, an error in a street office's report)
    data["notes"]["proactive"] = ["通过区政府门户网站街道专栏发布政府信息128条，通过“青石发布”微信公众号发布信息86条"]
    data["notes"]["platform"] = ["维护区政府门户网站街道专栏，更新“政策文件”“财政预决算”等栏目"]
    report = report_from_data(data)
    draft = draft_of(report)
    text = draft.full_text()
    assert "本街道" in text and "我镇" not in text and "本镇" not in text  # its own word (我街道 or 本街道)
    overview = draft.section("overview").paragraphs  # type: ignore[union-attr]
    assert "责任追究" not in overview[-1]
    assert [f for f in check_document(Document(report=report, draft=draft)) if f.severity == "error"] == []


def test_a_department_says_wo_ju() -> None:
    data = sample_data()
    data["meta"].update(organ_name="示范县农业农村局", organ_kind="部门", short_name=None, compiler="示范县农业农村局")
    data["notes"]["management"] = ["落实保密审查制度"]
    draft = draft_of(report_from_data(data))
    assert "我局" in draft.full_text() and "我镇" not in draft.full_text() and "本镇" not in draft.full_text()


# --- missing facts ----------------------------------------------------------------------------------------

def test_missing_website_and_contact_become_placeholders_and_warnings() -> None:
    data = sample_data()
    data["meta"]["website"] = None
    data["meta"]["contact"] = {"address": "示范县青石镇人民政府党政综合办公室"}
    report = report_from_data(data)
    draft = draft_of(report)
    preamble = draft.preamble[0]
    assert "本报告电子版可在〔待补：电子版所在网站〕查阅。" in preamble
    assert preamble.endswith("联系（通信地址：示范县青石镇人民政府党政综合办公室，电话：〔待补：联系电话〕）。")
    findings = missing_fact_findings(report, draft)
    assert [(f.rule, f.severity, f.category, f.evidence) for f in findings] == [
        ("D.missing", "warning", "completeness", "〔待补：电子版所在网站〕"),
        ("D.missing", "warning", "completeness", "〔待补：联系电话〕"),
    ]
    website = findings[0]
    start = preamble.index("〔待补：电子版所在网站〕")
    assert (website.location.section, website.location.paragraph, website.location.span) == (
        "preamble", 0, (start, start + len("〔待补：电子版所在网站〕")))
    assert website.suggestion == "在输入文件的“基本信息·电子版所在网站”中填写后重新起草，或在定稿前补写"


def test_a_gap_filled_by_hand_is_no_longer_reported_missing() -> None:
    """Issue 16 retest: after the clerk replaced 〔待补：联系电话〕 in the text by hand, D.missing still said the text
    marked it. The drafter's findings follow the current text: a placeholder no longer there, no finding."""
    data = sample_data()
    data["meta"]["website"] = None
    data["meta"]["contact"] = {"address": "示范县青石镇人民政府党政综合办公室"}
    report = report_from_data(data)
    draft = draft_of(report)
    preamble = draft.preamble[0].replace("〔待补：联系电话〕", "0795-1234567")
    edited = draft.model_copy(update={"preamble": [preamble, *draft.preamble[1:]]})
    assert [f.evidence for f in missing_fact_findings(report, edited)] == ["〔待补：电子版所在网站〕"]
    assert [f.evidence for f in missing_fact_findings(report)] == ["〔待补：电子版所在网站〕", "〔待补：联系电话〕"]


def test_missing_notes_and_fee() -> None:
    data = sample_data()
    data["other_figures"] = {}
    data["notes"] = {"proactive": ["在村务公开栏公开惠农补贴发放信息"]}
    report = report_from_data(data)
    draft = draft_of(report)
    overview = draft.section("overview").paragraphs  # type: ignore[union-attr]
    # no lead into a gap; the gap names what such a paragraph says; table 二's documents follow it
    assert overview[6] == ("〔待补：政府信息管理工作情况，如发布审查、公开属性认定、文件清理、指南和目录更新〕"
                           "2024年度，本镇制发行政规范性文件2件，废止行政规范性文件1件，现行有效的行政规范性文件共5件。")
    assert overview[8] == "〔待补：政府信息公开平台建设情况，如政府网站专栏、政务新媒体、公开栏的建设和更新〕"
    # a 人民政府: one gap for each of 工作考核、社会评议、责任追究
    assert overview[10] == ("〔待补：工作考核结果情况〕〔待补：社会评议结果情况〕〔待补：责任追究结果情况〕")
    assert draft.section("problems").paragraphs == [  # type: ignore[union-attr]  # 五 keeps all three parts
        "〔待补：本年度存在的主要问题〕", "〔待补：上年度问题的改进情况〕", "〔待补：下一步改进措施〕"]
    assert draft.section("other").paragraphs == [  # type: ignore[union-attr]  # "除上述情况外" after the fee
        "〔待补：本年度信息处理费收取情况〕", "除上述情况外，无其他需要报告的事项。"]
    keys = [f.evidence for f in missing_fact_findings(report)]
    assert keys == ["〔待补：政府信息管理工作情况，如发布审查、公开属性认定、文件清理、指南和目录更新〕",
                    "〔待补：政府信息公开平台建设情况，如政府网站专栏、政务新媒体、公开栏的建设和更新〕", "〔待补：工作考核结果情况〕",
                    "〔待补：社会评议结果情况〕", "〔待补：责任追究结果情况〕", "〔待补：本年度存在的主要问题〕",
                    "〔待补：上年度问题的改进情况〕", "〔待补：下一步改进措施〕", "〔待补：本年度信息处理费收取情况〕"]
    # 依申请公开 with no note: the counts of table 三 in words (told nowhere else)
    assert overview[4].startswith("2024年本镇新收政府信息公开申请12件") and overview[4].count("新收") == 1


def test_a_processing_fee_is_stated_in_yuan() -> None:
    data = sample_data()
    data["other_figures"] = {"processing_fee_yuan": "120.50"}
    draft = draft_of(report_from_data(data))
    assert draft.section("other").paragraphs[0] == (  # type: ignore[union-attr]
        "2024年度，本镇收取信息处理费120.5元（依据《政府信息公开信息处理费管理办法》）。")


def test_no_applications() -> None:
    data = sample_data()
    data["tables"]["t3"] = {}
    draft = draft_of(report_from_data(data))
    assert draft.section("requests").paragraphs == [  # type: ignore[union-attr]
        "依申请公开的数据统计如下表。"]
    # the note on handling applications is left out (there were none): 总体情况 says there were none, zeros in words
    assert draft.section("overview").paragraphs[4] == (  # type: ignore[union-attr]
        "2024年本镇没有收到公众的政府信息公开申请，也无上年结转的申请。")


def test_group_with_several_reasons_lists_them() -> None:
    data = sample_data()
    t3 = data["tables"]["t3"]
    t3["unable_not_held"] = {"natural_person": 1, "other_org": 1}
    t3["unable_need_create"] = {"natural_person": 1}
    t3["oth_other"] = {"natural_person": 1}
    t3["carried_forward"] = {}
    report = report_from_data(data)
    draft = draft_of(report)
    assert draft.section("overview").paragraphs[4] == (  # type: ignore[union-attr]  # the counts, then the note
        "2024年本镇新收政府信息公开申请12件，按申请人类别分，自然人9件、法人或其他组织3件。此外，上年结转1件。"
        "本年度共办结政府信息公开申请13件，其中予以公开5件，部分公开1件，因保护第三方合法权益不予公开1件，无法提供3件，"
        "因重复申请不予处理1件，其他处理2件。无法提供的3件中，"
        "本机关不掌握相关政府信息2件、没有现成信息需要另行制作1件。其他处理的2件中，申请人无正当理由逾期不补正1件、其他"
        "情形1件。无结转下年度继续办理的申请。在依申请公开办理中，本镇严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。")
    assert draft.section("requests").paragraphs == [  # type: ignore[union-attr]
        "依申请公开的数据统计如下表。"]
    assert [f for f in check_document(Document(report=report, draft=draft)) if f.severity == "error"] == []


def test_a_single_group_with_several_reasons() -> None:
    data = sample_data()
    data["tables"]["t3"] = {"new_received": {"natural_person": 3}, "unable_not_held": {"natural_person": 2},
                            "unable_unclear": {"natural_person": 1}}
    draft = draft_of(report_from_data(data))
    assert draft.section("overview").paragraphs[4] == (  # type: ignore[union-attr]  # 均 for three, no 其中
        "2024年本镇共收到政府信息公开申请3件，均为自然人申请，上年度无结转至本年的申请。本年度办结的申请中，无法提供3件。"
        "无法提供的3件中，本机关不掌握相关政府信息2件、补正后申请内容仍不明确1件。无结转下年度继续办理的申请。"
        "在依申请公开办理中，本镇严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。")


def test_enumeration_helpers() -> None:
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]
    assert enumerate_items(["甲。", "乙；"]) == "一是甲；二是乙"
    assert enumerate_items(["只有一项。"]) == "只有一项"


# --- property: random valid reports of both formats draft with no error finding -------------------------

PLACES = "青石白河东西南北山水林安平兴和丰泰盛华新桃梅柳杨"
NOTE_POOL = {
    "proactive": ["通过门户网站专栏发布政府信息", "在公开栏公开惠民政策和补贴发放信息", "及时发布政策文件和工作动态"],
    "on_request": ["严格按照法定时限答复", "答复前与申请人沟通确认申请内容"],
    "management": ["落实保密审查制度", "规范政府信息发布审核流程", "建立政府信息公开台账"],
    "platform": ["维护门户网站信息公开专栏", "在便民服务中心设置政务公开查阅点"],
    "oversight": ["组织政务公开业务培训", "畅通群众监督渠道"],
    "problems": ["政策解读形式较为单一", "公开内容更新不够及时", "工作人员业务能力有待提高"],
    "last_year_improvements": ["建立信息发布台账，每月核查一次"],
    "measures": ["丰富政策解读形式", "加强信息发布审核", "加强业务培训"],
    "other": ["认真办理人大代表建议和政协委员提案，办理结果依法公开"],
}
OPTIONAL = ("on_request", "oversight", "other")
DUTIES = ["将政务公开纳入年度考核", "开展群众满意度评议，满意率为95%", "本年度未发生责任追究情况"]  # 工作考核、社会评议、责任追究


@st.composite
def organs(draw: st.DrawFn) -> dict[str, Any]:
    place = draw(st.text(PLACES, min_size=2, max_size=3))
    county = draw(st.sampled_from(["示范县", "平安县", "新华区", "长兴市"]))
    kind = draw(st.sampled_from(["乡镇", "街道", "县级人民政府", "设区的市人民政府", "省级人民政府", "部门", "其他"]))
    if kind == "乡镇":
        unit = draw(st.sampled_from(["镇", "乡"]))
        name, short = f"{county}{place}{unit}人民政府", f"{place}{unit}"
    elif kind == "街道":
        name, short = f"{county}{place}街道办事处", f"{place}街道"
    elif kind == "县级人民政府":
        short = f"{place}{draw(st.sampled_from(['县', '区', '市']))}"
        name = f"{short}人民政府"
    elif kind == "设区的市人民政府":
        name, short = f"{place}市人民政府", f"{place}市"
    elif kind == "省级人民政府":
        name, short = f"{place}省人民政府", f"{place}省"
    elif kind == "部门":
        name, short = f"{county}{draw(st.sampled_from(['农业农村局', '发展和改革委员会', '人民政府办公室', '档案馆']))}", None
    else:
        name, short = f"{county}{place}经济开发区管理委员会", None
    return {"organ_name": name, "organ_kind": kind, "short_name": short}


@st.composite
def reports(draw: st.DrawFn, version: int) -> Report:
    meta = draw(organs())
    year = draw(st.integers(2019, 2020) if version == 2019 else st.integers(2021, 2030))
    meta.update(year=year, website="https://www.example.gov.cn/", sign_date=f"{year + 1}-01-15",
                contact={"address": "人民路1号", "phone": "0795-1234567",
                         **({"email": "gk@example.gov.cn"} if draw(st.booleans()) else {})},
                compiler=draw(st.sampled_from([None, meta["organ_name"]])))
    tables = draw(consistent_tables(version))
    fmt = load_format(version)
    count = st.integers(0, 50)
    may_make_rules = meta["organ_kind"] in ("设区的市人民政府", "省级人民政府")
    t2: dict[str, dict[str, Any]] = {}
    for _block, row, col in fmt.t2_cells():
        if col.type == "amount":
            value: Any = str(draw(st.integers(0, 300)))
        elif col.type == "signed":
            value = draw(st.integers(-10, 10))
        else:
            value = draw(count) if (row.key != "rules" or may_make_rules) else 0
        t2.setdefault(row.key, {})[col.key] = value
    for row in ("rules", "normative_docs"):  # keep 表二 plausible (A6/A7)
        cells = t2[row]
        if version == 2021:
            cells["in_force"] = cells["in_force"] + cells["issued"]
        else:
            cells["total_published"] = cells["total_published"] + cells["new_published"]
    tables["t2"] = t2
    notes = {aspect: draw(st.lists(st.sampled_from(pool), min_size=0 if aspect in OPTIONAL else 1, max_size=3,
                                   unique=True))
             for aspect, pool in NOTE_POOL.items()}
    notes["oversight"] += DUTIES if meta["organ_kind"] in GOVERNMENT_KINDS or draw(st.booleans()) else DUTIES[:1]
    if meta["organ_kind"] in WORK_POINTS_KINDS:  # 六's 年度工作要点落实, or its gap
        notes["other"].append("落实上级年度政务公开工作要点，逐项明确责任单位和完成时限")
    fee = draw(st.sampled_from([Decimal(0), Decimal(0), Decimal("120"), Decimal("35.5")]))
    return report_from_data({"meta": meta, "tables": tables, "notes": notes,
                             "other_figures": {"processing_fee_yuan": str(fee)} if year >= 2021 else {}})


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_drafts_cleanly(report: Report) -> None:
    draft = draft_of(report)
    assert [s.heading for s in draft.sections] == list(section_titles())
    assert "〔待补" not in draft.full_text()
    assert missing_fact_findings(report, draft) == []
    errors = [f for f in check_document(Document(report=report, draft=draft)) if f.severity == "error"]
    assert errors == [], "\n".join(f"{f.rule} {f.message} «{f.evidence}»" for f in errors)
    body = draft.full_text()
    assert not [w for w in conflicting_self_references(report.meta) if re.search(w, body)]
    assert str(report.meta.year + 1) + "年" in draft.section("problems").text  # type: ignore[union-attr]


@PROPERTY
@given(reports(2021))
def test_random_2021_reports_draft_without_error_findings(report: Report) -> None:
    check_drafts_cleanly(report)


@PROPERTY
@given(reports(2019))
def test_random_2019_reports_draft_without_error_findings(report: Report) -> None:
    check_drafts_cleanly(report)


def test_copy_of_data_is_not_shared() -> None:
    # sample_data() returns a fresh dict each time, so the tests above cannot leak edits into each other
    first = sample_data()
    first["meta"]["organ_name"] = "改过的名字"
    assert sample_data()["meta"]["organ_name"] == "示范县青石镇人民政府"
    assert copy.deepcopy(first) == first


def test_notes_that_name_their_subject_get_no_second_one() -> None:
    data = sample_data()
    data["notes"]["platform"] = ["镇政府门户专栏运行平稳，全镇各村设置公开栏"]
    data["notes"]["management"] = ["本镇落实保密审查制度。"]
    overview = draft_of(report_from_data(data)).section("overview").paragraphs  # type: ignore[union-attr]
    assert overview[8] == "镇政府门户专栏运行平稳，全镇各村设置公开栏。"
    assert overview[6].startswith("本年度，本镇落实保密审查制度。2024年度，")  # the note's 本镇, once; then table 二's


def test_the_same_organ_words_next_year_differently() -> None:
    # Copying last year's report is a named fault (内容雷同): the boilerplate changes with the year too.
    texts = []
    for year in (2023, 2024):
        data = sample_data()
        data["meta"]["year"] = year
        data["meta"].pop("sign_date")
        texts.append(draft_of(report_from_data(data)).full_text().replace(str(year + 1), "Y+1").replace(str(year), "Y"))
    assert texts[0] != texts[1]


def test_a_blank_cell_is_written_as_missing_not_as_zero() -> None:
    data = sample_data()
    data["tables"]["t3"]["carried_over"] = {"natural_person": None}
    data["tables"]["t3"]["np_repeat"] = {"natural_person": None}
    data["tables"]["t4"] = {"review": {"upheld": None}}
    report = report_from_data(data)
    draft = draft_of(report)
    requests = draft.section("overview").paragraphs[4]  # type: ignore[union-attr]  # 依申请公开: table 三's figures
    assert "上年结转〔待补〕。" in requests
    assert "本年度共办结政府信息公开申请〔待补〕，其中" in requests and "不予处理〔待补〕" in requests
    assert "被申请行政复议〔待补〕" in draft.section("appeals").paragraphs[0]  # type: ignore[union-attr]
    # the gap rule keeps such a draft from being final
    assert [f.found for f in check_document(Document(report=report, draft=draft)) if f.severity == "error"] == [
        "〔待补〕"] * 4  # each blank cell once: 上年结转, 办结, 重复申请, 行政复议
    assert {f.rule for f in check_document(Document(report=report, draft=draft)) if f.severity == "error"} == {"G1"}


def test_a_bare_web_address_is_to_be_visited() -> None:
    data = sample_data()
    data["meta"]["website"] = "https://www.shifan.gov.cn/qsz/"
    preamble = draft_of(report_from_data(data)).preamble[0]
    assert "本报告电子版可登录https://www.shifan.gov.cn/qsz/查阅。" in preamble


def test_every_figure_in_the_requests_and_appeals_text_is_read_back_by_the_claims() -> None:
    from assistant.claims import draft_claims
    from assistant.facts import FactSheet

    data = sample_data()
    t3 = data["tables"]["t3"]
    t3["unable_not_held"] = {"natural_person": 1, "other_org": 1}
    t3["unable_need_create"] = {"natural_person": 1}
    t3["carried_forward"] = {}
    t3["oth_fee_unpaid"] = {"natural_person": 1}
    data["tables"]["t4"] = {"review": {"upheld": 2, "pending": 1}, "suit_direct": {"corrected": 1}}
    report = report_from_data(data)
    facts = FactSheet(report)
    read = []
    for para, claims in draft_claims(draft_of(report)):
        if (para.section, para.index) != ("overview", 4) and para.section not in ("requests", "appeals"):
            continue
        for claim in claims:
            if claim.kind == "number" and claim.unit == "件":
                assert claim.figures, f"“{claim.text}” in “{claim.subject}” is read as no figure"
                assert any(facts.value(f) == claim.value for f in claim.figures), claim
                read.append(claim.figures[0])
    assert "t3.unable_need_create.total" in read and "t3.oth_fee_unpaid.total" in read
    assert {"t4.review.upheld", "t4.review.pending", "t4.suit.total"} <= set(read)
    # a group with a single result says which, without a 其中 repeating its total
    assert draft_of(report).section("appeals").paragraphs == [  # type: ignore[union-attr]
        "本年度，本镇因政府信息公开工作被申请行政复议3件（其中结果维持2件、尚未审结1件）、被提起行政诉讼1件（结果纠正）。"]
