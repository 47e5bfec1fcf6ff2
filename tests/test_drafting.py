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


def test_complete_examples_miss_nothing() -> None:
    for name in ("zhuting-2020.yaml", "sample-town-2024.yaml"):
        report = load_report(EXAMPLES / name)
        assert missing_facts(report) == []
        assert missing_fact_findings(report) == []


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
        ("notes.measures", "notes.measures", "problems"),
        ("fee.processing", "other_figures.processing_fee_yuan", "other"),
    ]
    oversight = next(m for m in missing_facts(report) if m.key == "notes.oversight")
    assert oversight.placeholder == "〔待补：监督保障工作情况〕"
    finding = missing_fact_findings(report)[0]
    assert finding.message == "缺少电子版所在网站，正文中以“〔待补：电子版所在网站〕”标出，未作编造"
    assert finding.suggestion == "在输入文件的 meta.website 中填写后重新起草，或在定稿前补写"
    assert finding.location.section == "preamble" and finding.location.span is None


def test_the_fee_is_not_asked_before_2021() -> None:
    report = report_from_data({"meta": {"organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇", "year": 2020}})
    keys = [m.key for m in missing_facts(report)]
    assert "fee.processing" not in keys
    assert next(m for m in missing_facts(report) if m.key == "notes.oversight").what == (
        "监督保障工作情况（含工作考核、社会评议和责任追究结果）")
