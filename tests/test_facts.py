"""FactSheet: figure ids, values and the Chinese phrasing derived from the format labels."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from assistant.facts import MISSING, FactSheet, bare_label, format_value
from assistant.formats import load_format
from assistant.model import Amount, Report
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def zhuting() -> FactSheet:
    return FactSheet(load_report(EXAMPLES / "zhuting-2020.yaml"))


@pytest.fixture(scope="module")
def sample() -> FactSheet:
    return FactSheet(load_report(EXAMPLES / "sample-town-2024.yaml"))


@pytest.mark.parametrize(("fid", "phrase"), [
    ("t3.new_received.total", "本年新收政府信息公开申请1件"),
    ("t3.carried_over.total", "上年结转政府信息公开申请0件"),
    ("t3.unable_not_held.total", "因本机关不掌握相关政府信息无法提供1件"),
    ("t3.unable_not_held.natural_person", "因本机关不掌握相关政府信息无法提供（自然人）1件"),
    ("t3.unable.total", "无法提供1件"),
    ("t3.result_total.total", "办结政府信息公开申请1件"),
    ("t3.carried_forward.total", "结转下年度继续办理0件"),
    ("t3.received.total", "本年新收及上年结转政府信息公开申请1件"),
    ("t3.other_handling.total", "其他处理0件"),
    ("t3.deny_state_secret.total", "因属于国家秘密不予公开0件"),
    ("t3.np_repeat.total", "因重复申请不予处理0件"),
    ("t4.review.total", "行政复议0件"),
    ("t4.review.upheld", "行政复议结果维持0件"),
    ("t4.suit_direct.total", "未经复议直接起诉的行政诉讼0件"),
    ("t4.suit.pending", "行政诉讼尚未审结0件"),
    ("t2.normative_docs.new_made", "本年新制作规范性文件0件"),
    ("t2.normative_docs.total_published", "对外公开规范性文件总数0件"),
    ("t2.admin_license.prev_items", "上一年行政许可项目0项"),
    ("t2.other_mgmt_services.decisions", "其他对外管理服务事项处理决定0件"),
    ("t2.gov_central_procurement.items", "政府集中采购项目9项"),
    ("t2.gov_central_procurement.amount", "政府集中采购总金额1400000"),  # the table states no unit
    ("fee.processing", "收取信息处理费〔待补〕"),  # not given for 2020
])
def test_zhuting_phrases(zhuting: FactSheet, fid: str, phrase: str) -> None:
    assert zhuting.phrase(fid) == phrase


@pytest.mark.parametrize(("fid", "value", "phrase"), [
    ("t3.new_received.total", 12, "本年新收政府信息公开申请12件"),
    ("t3.new_received.organizations", 3, "本年新收政府信息公开申请（法人或其他组织）3件"),
    ("t3.new_received.other_org", 1, "本年新收政府信息公开申请（其他法人或其他组织）1件"),
    ("t3.granted_partial.total", 6, "予以公开及部分公开6件"),
    ("t3.partial.total", 1, "部分公开1件"),
    ("t3.deny_third_party.total", 1, "因保护第三方合法权益不予公开1件"),
    ("t3.unable.total", 3, "无法提供3件"),
    ("t3.oth_no_correction.total", 1, "因申请人无正当理由逾期不补正作其他处理1件"),
    ("t3.oth_fee_unpaid.total", 0, "因申请人逾期未按收费通知要求缴纳费用作其他处理0件"),
    ("t3.oth_other.total", 0, "因其他情形作其他处理0件"),
    ("t3.other_processing.total", 1, "其他处理1件"),
    ("t3.result_total.total", 12, "办结政府信息公开申请12件"),
    ("t3.carried_forward.total", 1, "结转下年度继续办理1件"),
    ("t4.review.total", 1, "行政复议1件"),
    ("t2.normative_docs.issued", 2, "本年制发行政规范性文件2件"),
    ("t2.normative_docs.repealed", 1, "本年废止行政规范性文件1件"),
    ("t2.normative_docs.in_force", 5, "现行有效行政规范性文件5件"),
    ("t2.admin_license.decisions", 36, "本年行政许可处理决定36件"),
    ("t2.admin_penalty.decisions", 12, "本年行政处罚处理决定12件"),
    ("t2.admin_fees.fee_amount", Amount(value=Decimal(0), unit="万元"), "本年行政事业性收费金额0万元"),
    ("fee.processing", Decimal(0), "收取信息处理费0元"),
])
def test_sample_values_and_phrases(sample: FactSheet, fid: str, value: Any, phrase: str) -> None:
    assert sample.value(fid) == value
    assert sample.phrase(fid) == phrase


@pytest.mark.parametrize(("fid", "short"), [
    ("t3.unable_not_held.total", "本机关不掌握相关政府信息3件"),
    ("t3.unable_not_held.natural_person", "本机关不掌握相关政府信息（自然人）2件"),
    ("t3.deny_third_party.total", "保护第三方合法权益1件"),
    ("t3.np_repeat.total", "重复申请1件"),
    ("t3.oth_no_correction.total", "申请人无正当理由逾期不补正1件"),
    ("t3.oth_other.total", "其他情形0件"),
    ("t3.granted.total", "予以公开5件"),  # not a reason: the short form is the phrase
    ("t3.unable.total", "无法提供3件"),
])
def test_short_phrases_name_the_reason_alone(sample: FactSheet, fid: str, short: str) -> None:
    assert sample[fid].short_phrase == short


def test_existing_ids_and_names_are_kept(sample: FactSheet) -> None:
    assert sample["t3.unable.total"].name == "无法提供（总计）"
    assert sample["t3.received.total"].name == "本年新收及上年结转（总计）"
    assert sample["t4.suit.total"].name == "行政诉讼（总计）"
    assert sample["fee.processing"].unit == "元"
    assert sample.value("t3.received.total") == 13
    assert sample.value("t4.suit.total") == 0


def test_every_t3_row_and_column_has_a_fact(sample: FactSheet) -> None:
    fmt = load_format(2021)
    for row in fmt.t3_rows:
        for col in [*(c.key for c in fmt.t3_columns), "organizations"]:
            fact = sample[f"t3.{row.key}.{col}"]
            assert fact.phrase.endswith(fact.quantity)
            assert not fact.phrase.startswith(("一、", "（", "1."))


def test_phrases_are_derived_from_the_labels(sample: FactSheet) -> None:
    # Each reason row says its label (without numbering) and its group's outcome.
    fmt = load_format(2021)
    for row in fmt.t3_rows:
        if len(row.groups) == 2 and "、" not in row.label and bare_label(row.label) != "其他":
            stem = sample[f"t3.{row.key}.total"].stem
            assert stem == f"因{bare_label(row.label)}{bare_label(row.groups[1])}"


def test_signed_changes_are_said_with_their_direction() -> None:
    report = report_from_data({
        "meta": {"organ_name": "示范县人民政府", "organ_kind": "县级人民政府", "year": 2020},
        "tables": {"t2": {"admin_license": {"prev_items": 10, "change": -3, "decisions": 4},
                          "admin_penalty": {"prev_items": 5, "change": 2, "decisions": 0}}},
    })
    fs = FactSheet(report)
    assert fs.phrase("t2.admin_license.change") == "行政许可本年减少3项"
    assert fs.phrase("t2.admin_penalty.change") == "行政处罚本年增加2项"
    assert fs.value("t2.admin_license.change") == -3
    assert fs.phrase("t2.admin_license.decisions") == "行政许可处理决定4件"


def test_blank_cells_are_marked_not_invented() -> None:
    report = report_from_data({
        "meta": {"organ_name": "示范县人民政府", "organ_kind": "县级人民政府", "year": 2024},
        "tables": {"t3": {"granted": {"natural_person": None}}},
    })
    fs = FactSheet(report)
    assert fs.value("t3.granted.natural_person") is None
    assert fs.phrase("t3.granted.natural_person") == f"予以公开（自然人）{MISSING}"
    assert fs.value("t3.granted.total") is None  # a sum over a blank is blank
    assert fs.count("t3.granted.total") == 0


def test_fill_placeholders(sample: FactSheet) -> None:
    text = "共收到政府信息公开申请〔F:t3.new_received.total〕件，〔P:t3.unable.total〕。"
    assert sample.fill(text) == "共收到政府信息公开申请12件，无法提供3件。"
    with pytest.raises(KeyError, match="t3.nothing.total"):
        sample.fill("〔F:t3.nothing.total〕")


def test_format_value() -> None:
    assert format_value(Decimal("120.50")) == "120.5"
    assert format_value(Decimal("3E+2")) == "300"
    assert format_value(Amount(value=Decimal("96171.6"), unit="万元")) == "96171.6"
    assert format_value(None) == MISSING


def test_fact_sheet_of_a_report_without_tables_has_zero_counts() -> None:
    report = Report.model_validate({"meta": {"organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇",
                                             "year": 2024}})
    fs = FactSheet(report)
    assert fs.phrase("t3.new_received.total") == "本年新收政府信息公开申请0件"
    assert fs.phrase("fee.processing") == f"收取信息处理费{MISSING}"
