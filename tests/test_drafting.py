"""The drafter protocol, the factory, and the list of missing facts."""

from __future__ import annotations

import pytest

from assistant.drafting import Drafter, get_drafter, missing_fact_findings, missing_facts
from assistant.drafting.template import TemplateDrafter
from assistant.errors import InputError
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import EXAMPLES


def test_template_is_the_default_drafter() -> None:
    drafter = get_drafter()
    assert isinstance(drafter, TemplateDrafter)
    assert isinstance(drafter, Drafter)
    assert drafter.name == "template"


def test_unknown_drafter_is_an_input_error() -> None:
    with pytest.raises(InputError, match="未知的起草方式：“gpt”（可选：template、llm）"):
        get_drafter("gpt")


def test_the_complete_example_misses_nothing() -> None:
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    assert missing_facts(report) == []
    assert missing_fact_findings(report) == []


def test_the_real_township_report_lacks_what_it_never_stated() -> None:
    # 竹亭镇's published report states no 工作考核 or 社会评议 results, only the rule "严肃追究责任" (no 责任追究 result),
    # no improvement of last year's problems and no signing date: the draft marks each, and never invents them.
    report = load_report(EXAMPLES / "zhuting-2020.yaml")
    assert [(m.key, m.placeholder) for m in missing_facts(report)] == [
        ("oversight.0", "〔待补：工作考核结果情况〕"), ("oversight.1", "〔待补：社会评议结果情况〕"),
        ("oversight.2", "〔待补：责任追究结果情况〕"),
        ("notes.last_year_improvements", "〔待补：上年度问题的改进情况〕"), ("sign_date", "〔待补：落款日期〕")]


def test_missing_facts_of_a_bare_report() -> None:
    report = report_from_data({"meta": {"organ_name": "示范区青石街道办事处", "organ_kind": "街道", "year": 2022}})
    assert [(m.key, m.field, m.section) for m in missing_facts(report)] == [
        ("website", "meta.website", "preamble"),
        ("contact.address", "meta.contact.address", "preamble"),
        ("contact.phone", "meta.contact.phone", "preamble"),
        ("notes.proactive", "notes.proactive", "overview"),
        ("notes.management", "notes.management", "overview"),
        ("notes.platform", "notes.platform", "overview"),
        ("notes.oversight", "notes.oversight", "overview"),  # a 街道 is not a 人民政府: no 考核 wording asked
        ("notes.problems", "notes.problems", "problems"),
        ("notes.last_year_improvements", "notes.last_year_improvements", "problems"),
        ("notes.measures", "notes.measures", "problems"),
        ("fee.processing", "other_figures.processing_fee_yuan", "other"),
        ("sign_date", "meta.sign_date", "closing"),
    ]
    oversight = next(m for m in missing_facts(report) if m.key == "notes.oversight")
    # the gap names what such a paragraph says in real reports, so the office knows what to write
    assert oversight.placeholder == "〔待补：监督保障工作情况，如工作考核、社会评议、责任追究、业务培训〕"
    finding = missing_fact_findings(report)[0]
    assert finding.message == "缺少电子版所在网站，正文中以“〔待补：电子版所在网站〕”标出，未作编造"
    assert finding.suggestion == "在输入文件的“基本信息·电子版所在网站”中填写后重新起草，或在定稿前补写"
    assert finding.location.section == "preamble" and finding.location.span is None


def test_a_note_too_short_to_report_its_aspect_asks_for_more() -> None:
    notes = {"proactive": ["发布信息"], "management": ["落实保密审查制度"], "platform": ["无"], "oversight": ["接受监督"]}
    report = report_from_data({"meta": {"organ_name": "示范区青石街道办事处", "organ_kind": "街道", "year": 2022},
                               "notes": notes})
    gaps = {m.key: m.placeholder for m in missing_facts(report) if m.section == "overview"}
    # four characters say too little; eight ("落实保密审查制度") are a statement; a bare 无 says nothing of the aspect
    assert gaps == {
        "notes.proactive.more": "〔待补：主动公开工作情况的具体内容，如公开渠道、发布数量和重点领域信息〕",
        "notes.platform": "〔待补：政府信息公开平台建设情况，如政府网站专栏、政务新媒体、公开栏的建设和更新〕",
        "notes.oversight.more": "〔待补：监督保障工作情况的具体内容，如工作考核、社会评议、责任追究、业务培训〕"}
    overview = TemplateDrafter().draft(report).section("overview").paragraphs  # type: ignore[union-attr]
    assert overview[2].startswith("2022年，本街道发布信息。〔待补：主动公开工作情况的具体内容，")  # the note, then the gap
    assert overview[8] == gaps["notes.platform"]  # was KeyError: the 无 had no gap to write
    assert overview[10].endswith("接受监督。" + gaps["notes.oversight.more"])



def test_the_fee_is_not_asked_before_2021() -> None:
    report = report_from_data({"meta": {"organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇", "year": 2020}})
    keys = [m.key for m in missing_facts(report)]
    assert "fee.processing" not in keys
    # a 人民政府: each of 工作考核、社会评议、责任追究 is a fact of its own
    assert [m.what for m in missing_facts(report) if m.field == "notes.oversight"] == [
        "工作考核结果情况", "社会评议结果情况", "责任追究结果情况"]


def test_a_duty_is_told_by_its_words() -> None:
    data = {"meta": {"organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇", "year": 2024},
            "notes": {"oversight": ["纳入年度绩效考评", "开展群众满意度测评", "组织培训2次"]}}
    keys = [m.key for m in missing_facts(report_from_data(data)) if m.field == "notes.oversight"]
    assert keys == ["oversight.1", "oversight.2"]  # 满意度测评 names the work, not its result; no 追究 at all
    data["notes"]["oversight"] = ["纳入年度绩效考评", "开展群众满意度测评，满意率为97%", "对1个单位进行约谈"]
    assert [m.key for m in missing_facts(report_from_data(data)) if m.field == "notes.oversight"] == []
