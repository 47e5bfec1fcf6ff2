"""The Report model: defaults and computed totals, blank vs 0, the format by year, amounts, refused values."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
import yaml

from assistant.errors import InputError
from assistant.model import Amount, Document, Finding, Location, Report
from assistant.pipeline import check_figures
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import EXAMPLES

META = {"organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇", "year": 2024}


def sample_data() -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / "sample-town-2024.yaml").read_text(encoding="utf-8"))


def report(tables: dict[str, Any] | None = None, **meta: Any) -> Report:
    return report_from_data({"meta": {**META, **meta}, "tables": tables or {}})


def row(r: Report, key: str) -> list[int | None]:
    return [r.tables.get(f"t3.{key}.{c.key}") for c in r.fmt.t3_columns]


# --- defaults and totals -------------------------------------------------------------------------------------


def test_sample_cells_left_out_are_zero_and_totals_computed() -> None:
    r = load_report(EXAMPLES / "sample-town-2024.yaml")
    assert r.table_format == 2021
    assert row(r, "new_received") == [9, 2, 0, 0, 0, 1, 12]
    assert row(r, "granted") == [4, 1, 0, 0, 0, 0, 5]
    assert row(r, "deny_state_secret") == [0] * 7
    assert row(r, "oth_fee_unpaid") == [0] * 7
    assert row(r, "result_total") == [9, 2, 0, 0, 0, 1, 12]  # （七）总计 computed from the 21 result rows
    assert row(r, "carried_forward") == [1, 0, 0, 0, 0, 0, 1]
    assert r.tables.get("t4.review.total") == 1
    assert r.tables.get("t4.suit_direct.total") == 0
    assert r.tables.get("t2.rules.issued") == 0
    assert r.tables.get("t2.admin_coercion.decisions") == 0
    # 2021's 收费金额 column is in 万元: a bare number takes that unit
    assert r.tables.get("t2.admin_fees.fee_amount") == Amount(value=Decimal(0), unit="万元")
    assert r.tables.get("t3.other_handling.total") is None  # a 2019 row: not part of this format
    assert r.t3("unable_not_held") == 3
    assert r.t3_sum(["granted", "partial"]) == 6
    assert r.t4("review", "upheld") == 1


def test_empty_tables_are_all_zero() -> None:
    r = report()
    fmt = r.fmt
    assert all(r.tables.get(f"t3.{k}.{c.key}") == 0 for k in fmt.t3_row_keys for c in fmt.t3_columns)
    assert all(r.tables.get(f"t4.{g}.{c.key}") == 0 for g in fmt.t4_group_keys for c in fmt.t4_columns)
    assert check_figures(Document(report=r)) == []


def test_given_totals_are_kept_not_recomputed() -> None:
    r = report({"t3": {"granted": {"natural_person": 2, "total": 5}}, "t4": {"review": {"upheld": 1, "total": 3}}})
    assert r.tables.get("t3.granted.total") == 5
    assert r.tables.get("t3.result_total.natural_person") == 2
    assert r.tables.get("t3.result_total.total") == 2  # computed across the row, from the applicant columns
    assert r.tables.get("t4.review.total") == 3
    rules = sorted((f.rule, f.location.cell) for f in check_figures(Document(report=r)))
    assert ("A3", "t3.granted.total") in rules
    assert ("A4", "t4.review.total") in rules


def test_null_stays_blank_and_is_reported() -> None:
    data = sample_data()
    data["tables"]["t3"]["deny_process"] = {"natural_person": None}
    r = report_from_data(data)
    assert r.tables.get("t3.deny_process.natural_person") is None
    assert r.tables.get("t3.deny_process.commercial_enterprise") == 0
    assert r.tables.get("t3.deny_process.total") is None  # a total over a blank cell is not invented
    assert r.tables.get("t3.result_total.natural_person") is None
    assert r.t3("deny_process", "natural_person") == 0  # the convenience reader reads blank as 0
    findings = check_figures(Document(report=r))
    blank = [f for f in findings if f.rule == "A5.blank"]
    # only the cell left blank: not the totals that are blank because of it
    assert [f.location.cell for f in blank] == ["t3.deny_process.natural_person"]
    first = blank[0]
    assert (first.severity, first.category, first.found) == ("warning", "completeness", "空白")
    assert first.message == "表三 6.属于四类过程性信息「自然人」为空白"
    # blank is not 0: no arithmetic rule reads it
    assert not [f for f in findings if f.category == "arithmetic"]


def test_blank_t4_cell() -> None:
    r = report({"t4": {"suit_direct": {"pending": None}}})
    assert r.tables.get("t4.suit_direct.pending") is None
    assert r.tables.get("t4.suit_direct.total") is None
    cells = [f.location.cell for f in check_figures(Document(report=r)) if f.rule == "A5.blank"]
    assert cells == ["t4.suit_direct.pending"]


def test_blank_total_given_as_null_is_reported() -> None:
    r = report({"t3": {"granted": {"natural_person": 1, "total": None}}, "t4": {"review": {"total": None}}})
    cells = [f.location.cell for f in check_figures(Document(report=r)) if f.rule == "A5.blank"]
    assert cells == ["t3.granted.total", "t4.review.total"]


# --- format by year ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("year", "version"), [(2019, 2019), (2020, 2019), (2021, 2021), (2025, 2021)])
def test_format_derived_from_year(year: int, version: int) -> None:
    r = report(year=year)
    assert r.meta.expected_format == version
    assert r.meta.declared_format == version
    assert r.table_format == version
    assert len(r.tables.rows_present("t3")) == (25 if version == 2021 else 23)


def test_declared_format_wins_over_year_when_tables_fit_both() -> None:
    r = report(year=2022, format_version=2019)
    assert r.meta.expected_format == 2021
    assert r.table_format == 2019
    assert r.tables.get("t3.other_handling.total") == 0


def test_format_detected_from_rows() -> None:
    r = report({"t3": {"other_handling": {"natural_person": 1}}}, year=2023)  # a 2019-only row in a 2023 report
    assert r.table_format == 2019
    assert r.tables.get("t3.result_total.total") == 1
    r = report({"t2": {"normative_docs": {"issued": 1, "in_force": 1}}}, year=2020)
    assert r.table_format == 2021
    assert r.tables.get("t3.oth_other.total") == 0


def test_zhuting_is_2019_format() -> None:
    r = load_report(EXAMPLES / "zhuting-2020.yaml")
    assert (r.meta.year, r.table_format, r.meta.organ_kind) == (2020, 2019, "乡镇")
    assert row(r, "unable_not_held") == [1, 0, 0, 0, 0, 0, 1]
    assert row(r, "other_handling") == [0] * 7
    assert r.tables.get("t2.gov_central_procurement.items") == 9


# --- amounts and counts --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "value", "unit", "yuan"), [
    ("1400000", Decimal(1400000), None, None),
    ("3.2万元", Decimal("3.2"), "万元", Decimal(32000)),
    ("1,400,000元", Decimal(1400000), "元", Decimal(1400000)),
    (12.5, Decimal("12.5"), None, None),
    (7, Decimal(7), None, None),
    ({"value": "0.5", "unit": "万元"}, Decimal("0.5"), "万元", Decimal(5000)),
])
def test_amounts_parse(given: Any, value: Decimal, unit: str | None, yuan: Decimal | None) -> None:
    r = report({"t2": {"gov_central_procurement": {"amount": given}}}, year=2020)
    amount = r.tables.get("t2.gov_central_procurement.amount")
    assert amount == Amount(value=value, unit=unit)  # type: ignore[arg-type]
    assert amount.in_yuan() == yuan


def test_amount_text() -> None:
    assert str(Amount(value=Decimal("3.20"), unit="万元")) == "3.20万元"
    assert str(Amount(value=Decimal("1400000"))) == "1400000"
    assert str(Amount(value=Decimal("5.0"), unit="元")) == "5元"


def test_2021_fee_without_unit_is_in_wan() -> None:
    r = report({"t2": {"admin_fees": {"fee_amount": 12.5}}})
    assert r.tables.get("t2.admin_fees.fee_amount") == Amount(value=Decimal("12.5"), unit="万元")


def test_signed_change_in_2019() -> None:
    r = report({"t2": {"admin_license": {"prev_items": 10, "change": -3, "decisions": 4}}}, year=2020)
    assert r.tables.get("t2.admin_license.change") == -3


@pytest.mark.parametrize(("tables", "problem"), [
    ({"t3": {"granted": {"natural_person": -1}}}, "表格·表三 收到和处理政府信息公开申请情况·（一）予以公开·自然人：应为非负整数，实为 -1"),
    ({"t3": {"granted": {"natural_person": 1.5}}}, "表格·表三 收到和处理政府信息公开申请情况·（一）予以公开·自然人：应为非负整数，实为 1.5"),
    ({"t3": {"granted": {"natural_person": True}}}, "表格·表三 收到和处理政府信息公开申请情况·（一）予以公开·自然人：应为非负整数，实为 True"),
    ({"t3": {"granted": {"natural_person": "3"}}}, "表格·表三 收到和处理政府信息公开申请情况·（一）予以公开·自然人：应为非负整数，实为 “3”"),
    ({"t3": {"granted": {"person": 1}}}, "表格·表三 收到和处理政府信息公开申请情况·（一）予以公开·person：未知的字段（请检查拼写，或对照 nianbao schema）"),
    ({"t4": {"review": {"upheld": -2}}}, "表格·表四 政府信息公开行政复议、行政诉讼情况·行政复议·结果维持：应为非负整数，实为 -2"),
    ({"t2": {"admin_fees": {"fee_amount": "约3万"}}},
     "表格·表二 主动公开政府信息情况·行政事业性收费·本年收费金额（单位：万元）：应为金额（如 12.5 或 1400000元），实为“约3万”"),
    ({"t2": {"admin_fees": {"fee_amount": "-5"}}}, "表格·表二 主动公开政府信息情况·行政事业性收费·本年收费金额（单位：万元）·数额：应为非负数，实为 -5"),
    ({"t2": {"admin_fees": {"fee_amount": {"value": 1, "unit": "美元"}}}},
     "表格·表二 主动公开政府信息情况·行政事业性收费·本年收费金额（单位：万元）·单位：应为以下之一：元、万元，实为 “美元”"),
    ({"t3": "很多"}, "表格·表三 收到和处理政府信息公开申请情况：应为一组键值（映射），实为 “很多”"),
    ({"t3": [1, 2]}, "表格·表三 收到和处理政府信息公开申请情况：应为一组键值（映射），实为 一个列表"),
    ({"t3": {"granted": {5: 1}}}, "表格·表三 收到和处理政府信息公开申请情况·（一）予以公开·5：键应为英文字段名（如 natural_person），实为 5"),
    ({"t2": {"admin_fees": {"fee_amount": float("nan")}}}, "表格·表二 主动公开政府信息情况·行政事业性收费·本年收费金额（单位：万元）·数额：应为数字，实为 NaN"),
])
def test_bad_cells_are_refused_naming_the_field(tables: dict[str, Any], problem: str) -> None:
    with pytest.raises(InputError) as info:
        report(tables)
    assert info.value.problems == [problem]
    assert info.value.message == "输入：有 1 处填写错误"


@pytest.mark.parametrize(("meta", "problem"), [
    ({"year": 1999}, "基本信息·报告年度：年度应为 2019–2100 之间的整数，实为 1999"),
    ({"year": "2022"}, "基本信息·报告年度：年度应为 2019–2100 之间的整数，实为 “2022”"),
    ({"organ_name": "  "}, "基本信息·机关名称：机关名称不能为空"),
    ({"organ_kind": "村"}, "基本信息·机关类型：应为以下之一：乡镇、街道、县级人民政府、设区的市人民政府、省级人民政府、部门、其他，实为 “村”"),
    ({"format_version": 2020}, "基本信息·表格格式：应为以下之一：2019、2021，实为 2020"),
    ({"sign_date": "昨天"}, "基本信息·落款日期：应为日期（如 2021-01-20），实为 “昨天”"),
])
def test_bad_meta_is_refused(meta: dict[str, Any], problem: str) -> None:
    with pytest.raises(InputError) as info:
        report(**meta)
    assert info.value.problems == [problem]


def test_missing_meta_fields() -> None:
    with pytest.raises(InputError) as info:
        report_from_data({"meta": {"year": 2024}})
    assert info.value.problems == ["基本信息·机关名称：缺少必填项", "基本信息·机关类型：缺少必填项"]
    with pytest.raises(InputError, match="顶层应为一组键值"):
        report_from_data(["meta"])


def test_notes_accept_text_or_list() -> None:
    r = report_from_data({"meta": META, "notes": {"proactive": "第一条\n\n 第二条 ", "problems": ["甲"]}})
    assert r.notes.proactive == ["第一条", "第二条"]
    assert r.notes.problems == ["甲"]
    assert r.notes.measures == []


# --- helpers of the model ------------------------------------------------------------------------------------


def test_tables_set_creates_the_row() -> None:
    r = report()
    r.tables.t3.np_massive = None
    r.tables.set("t3.np_massive.other_org", 4)
    assert r.tables.get("t3.np_massive.other_org") == 4
    assert r.tables.get("t3.np_massive.total") is None
    assert r.tables.get("t3.no_such_row.total") is None


def test_content_hash_follows_content() -> None:
    data = sample_data()
    a, b = report_from_data(data), report_from_data(copy.deepcopy(data))
    assert a.content_hash() == b.content_hash()
    data["tables"]["t4"]["review"]["upheld"] = 2
    assert report_from_data(data).content_hash() != a.content_hash()


def test_finding_fingerprint_and_location() -> None:
    r = load_report(EXAMPLES / "zhuting-2020.yaml")
    f1 = Finding(rule="A2", category="arithmetic", severity="error", message="x",
                 location=Location(cell="t3.result_total.total"), expected=1, found=2)
    f2 = Finding(rule="A2", category="arithmetic", severity="error", message="另一说法",
                 location=Location(cell="t3.result_total.total"), expected=1, found=3)
    assert f1.fingerprint == f2.fingerprint and len(f1.fingerprint) == 12  # message and found are not identity
    assert f1.location.describe(r) == "表三 （七）总计「总计」"
    assert Location(section="problems", paragraph=1).describe() == "五、存在的主要问题及改进情况 第2段"
    assert Location(section="title").describe() == "标题"


def test_notes_of_only_punctuation_are_no_notes(sample_path):
    from assistant.model import Notes

    notes = Notes.model_validate({"measures": ["。。。", "  ", "加强培训。"], "problems": "；\n栏目更新不及时"})
    assert notes.measures == ["加强培训。"]
    assert notes.problems == ["栏目更新不及时"]
