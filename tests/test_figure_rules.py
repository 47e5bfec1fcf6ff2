"""The figure rules (assistant/rules/figures.py): each fires on a minimal broken case and stays quiet on the examples."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from assistant.model import Document, Finding, Report
from assistant.pipeline import check_figures
from assistant.readers.inputfile import report_from_data
from assistant.rules import all_rules, run_rules
from tests.conftest import EXAMPLES

FIGURE_RULES = ("A1", "A2", "A3", "A4", "A5", "A5.blank", "A6", "A7", "F1", "P1", "U1")


def example(name: str) -> dict[str, Any]:
    return yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))


def sample() -> dict[str, Any]:
    return example("sample-town-2024.yaml")


def zhuting() -> dict[str, Any]:
    return example("zhuting-2020.yaml")


def check(data: dict[str, Any] | Report) -> list[Finding]:
    report = data if isinstance(data, Report) else report_from_data(data)
    return check_figures(Document(report=report))


def hits(findings: list[Finding], rule: str | None = None) -> list[tuple[str, str | None, Any, Any]]:
    """(rule, cell, expected, found) of the findings, optionally of one rule, sorted."""
    return sorted((f.rule, f.location.cell, f.expected, f.found) for f in findings if rule in (None, f.rule))


def rules_of(findings: list[Finding]) -> set[str]:
    return {f.rule for f in findings}


# --- the registry and the examples ---------------------------------------------------------------------------


def test_figure_rules_are_registered() -> None:
    registry = {r.id: r for r in all_rules()}
    assert set(FIGURE_RULES) <= set(registry)
    assert {r.id for r in all_rules() if r.scope == "figures"} >= set(FIGURE_RULES)
    assert [registry[i].severity for i in ("A1", "A2", "A3", "A4", "A5")] == ["error"] * 5
    assert [registry[i].severity for i in ("A5.blank", "A6", "A7", "U1")] == ["warning"] * 4
    assert registry["F1"].category == "format" and registry["P1"].category == "plausibility"


def test_sample_has_no_finding() -> None:
    assert check(sample()) == []


def test_zhuting_has_only_the_unitless_procurement_amount() -> None:
    # The original 2020 report prints 采购总金额 "1400000" without a unit: U1 says so, and nothing else fires.
    findings = check(zhuting())
    assert hits(findings) == [("U1", "t2.gov_central_procurement.amount", "注明单位", "1400000")]
    assert findings[0].severity == "warning"


# --- must show: （七）总计 1 -> 2 ----------------------------------------------------------------------------------


def test_zhuting_result_total_changed_gives_arithmetic_finding_on_that_cell() -> None:
    data = zhuting()
    data["tables"]["t3"]["result_total"]["total"] = 2
    findings = check(data)
    # the same cell breaks the column balance and its row sum too, but it is one mistake: one finding, at that cell
    assert hits(findings) == [("A2", "t3.result_total.total", 1, 2),
                              ("U1", "t2.gov_central_procurement.amount", "注明单位", "1400000")]
    a2 = next(f for f in findings if f.rule == "A2")
    assert (a2.category, a2.severity, a2.status) == ("arithmetic", "error", "fail")
    assert a2.message == "表三 （七）总计「总计」应等于各项办理结果之和1，实为2"


# --- one minimal broken case per rule ------------------------------------------------------------------------


def test_a1_balance() -> None:
    data = sample()
    data["tables"]["t3"]["carried_forward"] = {"natural_person": 2}  # 9 + 1 ≠ 9 + 2
    findings = check(data)
    # every total computed: any 自然人 cell could be the wrong one, so one finding for the column; it points at the
    # first typed cell of the balance (本年新收), not at the （七）总计 staff never typed (issue 11, item 5)
    assert hits(findings) == [("A1", "t3.new_received.natural_person", "10（本年新收＋上年结转）",
                               "11（各项办理结果＋结转下年度）")]
    assert findings[0].message == ("表三「自然人」列：本年新收9＋上年结转1＝10，而各项办理结果之和9＋结转下年度2＝11"
                                   "（（七）总计未填写，按各项办理结果之和计）")
    assert findings[0].suggestion == "核对本列本年新收、上年结转、各项办理结果和结转下年度，改正填错的单元格"


def test_a1_with_totals_left_out_does_not_point_at_the_computed_total() -> None:
    # issue 11, item 5: 予以公开「自然人」4 -> 5 with every total left out gave "（七）总计「自然人」 期望：9；实际：10",
    # a cell and two figures the clerk never typed
    data = sample()
    data["tables"]["t3"]["granted"]["natural_person"] = 5
    findings = check(data)
    assert hits(findings) == [("A1", "t3.new_received.natural_person", "10（本年新收＋上年结转）",
                               "11（各项办理结果＋结转下年度）")]
    assert findings[0].message == ("表三「自然人」列：本年新收9＋上年结转1＝10，而各项办理结果之和10＋结转下年度1＝11"
                                   "（（七）总计未填写，按各项办理结果之和计）")


def test_a1_with_totals_typed_still_points_at_the_typed_total() -> None:
    data = sample()
    t3 = data["tables"]["t3"]
    t3["result_total"] = {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1}
    t3["carried_forward"] = {"natural_person": 2}
    findings = check(data)
    assert hits(findings) == [("A1", "t3.result_total.natural_person", 8, 9)]
    assert findings[0].message == "表三「自然人」列：本年新收9＋上年结转1＝10，而办理结果总计9＋结转下年度2＝11"


def test_a1_balance_with_totals_written_points_at_the_wrong_cell() -> None:
    data = sample()
    t3 = data["tables"]["t3"]
    t3["carried_forward"] = {"natural_person": 2, "total": 1}  # the row total still says 1: 自然人 2 is the mistake
    findings = check(data)
    assert hits(findings) == [("A3", "t3.carried_forward.natural_person", 1, 2)]
    assert findings[0].message == (
        "表三 四、结转下年度继续办理「自然人」为2，与表三 四、结转下年度继续办理「总计」、"
        "表三「自然人」列的“本年新收＋上年结转＝办理结果总计＋结转下年度”都不符；改为1则全部相符")


def test_one_wrong_total_of_new_applications_gives_one_finding_on_it() -> None:
    # issue 11: 本年新收's total 13 written as 12 used to give a second error on （七）总计 ("期望 13 实际 12")
    data = sample()
    t3 = data["tables"]["t3"]
    for row in t3.values():
        row["total"] = sum(row.values())
    t3["result_total"] = {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1, "total": 12}
    t3["new_received"]["total"] = 11
    findings = check(data)
    assert hits(findings) == [("A3", "t3.new_received.total", 12, 11)]
    assert findings[0].message == "表三 一、本年新收政府信息公开申请数量「总计」应等于各类申请人之和12，实为11"


def test_a2_result_total() -> None:
    data = sample()
    t3 = data["tables"]["t3"]
    t3["result_total"] = {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1, "total": 12}
    t3["granted"]["natural_person"] = 5  # the result rows now add up to 10, the written （七）总计 stays 9
    findings = check(data)
    # the rows' totals are computed, so any 自然人 result cell could be the wrong one: one finding, at the column total
    assert hits(findings) == [("A2", "t3.result_total.natural_person", 10, 9)]
    assert findings[0].message == "表三 （七）总计「自然人」应等于各项办理结果之和10，实为9"


def test_a2_with_row_totals_written_points_at_the_wrong_cell() -> None:
    data = sample()
    t3 = data["tables"]["t3"]
    for row in t3.values():
        row["total"] = sum(row.values())
    t3["result_total"] = {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1, "total": 12}
    t3["granted"]["natural_person"] = 5  # its row total still says 5 (4 + 1)
    findings = check(data)
    assert hits(findings) == [("A2", "t3.granted.natural_person", 4, 5)]
    assert findings[0].message == ("表三 （一）予以公开「自然人」为5，与表三 （一）予以公开「总计」、表三 （七）总计「自然人」都不符；"
                                   "改为4则全部相符")


def test_a2_two_mistakes_in_one_column_are_reported_at_its_total() -> None:
    data = sample()
    t3 = data["tables"]["t3"]
    t3["result_total"] = {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1, "total": 12}
    t3["granted"]["natural_person"] = 5
    t3["partial"]["natural_person"] = 2  # two cells of the 自然人 column up by one each: no single cell explains it
    findings = check(data)
    assert hits(findings) == [("A2", "t3.result_total.natural_person", 11, 9)]


def test_two_mistakes_are_not_reported_again_at_a_computed_total() -> None:
    # （七）总计 typed per column, its 总计 left out: once both columns are reported, the computed 总计 follows the
    # corrected columns and gets no third finding (it used to: "（七）总计「总计」应等于各项办理结果之和14，实为12")
    data = sample()
    t3 = data["tables"]["t3"]
    t3["result_total"] = {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1}
    t3["granted"] = {"natural_person": 5, "commercial_enterprise": 2}
    findings = check(data)
    assert hits(findings) == [("A2", "t3.result_total.commercial_enterprise", 3, 2),
                              ("A2", "t3.result_total.natural_person", 10, 9)]


def test_a3_row_total() -> None:
    data = sample()
    data["tables"]["t3"]["np_repeat"]["total"] = 2  # 自然人 1, total written as 2
    findings = check(data)
    assert hits(findings, "A3") == [("A3", "t3.np_repeat.total", 1, 2)]
    msg = next(f for f in findings if f.rule == "A3").message
    assert msg == "表三 2.重复申请「总计」应等于各类申请人之和1，实为2"


def test_a4_t4_group_total() -> None:
    data = sample()
    data["tables"]["t4"]["suit_after_rev"] = {"corrected": 1, "pending": 2, "total": 4}
    findings = check(data)
    assert hits(findings) == [("A4", "t4.suit_after_rev.total", 3, 4)]


def test_a5_negative_count() -> None:
    # The input file refuses negatives; a reader that builds tables itself can still produce one.
    report = report_from_data(sample())
    report.tables.set("t4.review.other", -1)
    findings = check(report)
    assert hits(findings, "A5") == [("A5", "t4.review.other", "≥0", -1)]
    assert hits(findings, "A4") == [("A4", "t4.review.total", 0, 1)]


def test_a5_blank() -> None:
    data = sample()
    data["tables"]["t2"]["admin_penalty"] = {"decisions": None}
    findings = check(data)
    assert hits(findings) == [("A5.blank", "t2.admin_penalty.decisions", "数字（无则填 0）", "空白")]


def test_a6_issued_le_in_force_plus_repealed() -> None:
    data = sample()
    data["tables"]["t2"]["normative_docs"]["issued"] = 7  # in force 5 + repealed 1 = 6
    findings = check(data)
    assert hits(findings) == [("A6", "t2.normative_docs.issued", "≤6", 7)]
    assert findings[0].severity == "warning"


def test_a7_new_published_le_total() -> None:
    data = zhuting()
    data["tables"]["t2"]["normative_docs"] = {"new_made": 3, "new_published": 3, "total_published": 2}
    findings = check(data)
    assert hits(findings, "A7") == [("A7", "t2.normative_docs.new_published", "≤2", 3)]
    assert rules_of(findings) == {"A7", "U1"}


def test_a6_and_a7_apply_to_their_own_format_only() -> None:
    data = sample()
    data["tables"]["t2"]["normative_docs"] = {"issued": 1, "repealed": 0, "in_force": 1}
    assert check(data) == []
    data = zhuting()
    data["tables"]["t2"]["normative_docs"] = {"new_made": 5, "new_published": 5, "total_published": 9}
    assert rules_of(check(data)) == {"U1"}


@pytest.mark.parametrize(("kind", "severity"), [("乡镇", "error"), ("街道", "error"), ("部门", "warning"),
                                                ("县级人民政府", "warning"), ("设区的市人民政府", None),
                                                ("省级人民政府", None)])
def test_p1_rules_without_rule_making_power(kind: str, severity: str | None) -> None:
    data = sample()
    data["meta"]["organ_kind"] = kind
    data["tables"]["t2"]["rules"]["in_force"] = 2
    findings = check(data)
    if severity is None:
        assert findings == []
    else:
        assert hits(findings) == [("P1", "t2.rules.in_force", 0, 2)]
        assert findings[0].severity == severity


def test_f1_tables_of_the_wrong_format_for_the_year() -> None:
    data = sample()
    data["meta"]["year"] = 2020  # 2021-format tables in a 2020 report
    findings = [f for f in check(data) if f.rule == "F1"]  # (and Y7: the sample is signed 2025-01-20, late for 2020)
    assert hits(findings) == [("F1", "t2", 2019, 2021)]
    assert findings[0].message.startswith("2020年度报告应使用2019年版格式（国办公开办函〔2019〕60号）")
    data = zhuting()
    data["meta"]["year"] = 2022  # 2019-format tables (第二十条第（九）项 etc.) in a 2022 report
    assert hits(check(data), "F1") == [("F1", "t2", 2021, 2019)]


def test_f1_declared_format() -> None:
    data = sample()
    data["meta"]["format_version"] = 2019
    data["tables"] = {}  # tables that fit both formats follow the declaration
    assert hits(check(data)) == [("F1", "meta.format_version", 2021, 2019)]


def test_u1_amount_in_wrong_unit() -> None:
    data = sample()
    data["tables"]["t2"]["admin_fees"]["fee_amount"] = "1400000万元"  # a township's fees, really in 元
    findings = check(data)
    assert hits(findings) == [("U1", "t2.admin_fees.fee_amount", "≤500万元", "1400000万元")]
    assert findings[0].suggestion == "如实为1400000元，应填140万元"
    data["tables"]["t2"]["admin_fees"]["fee_amount"] = "300万元"
    assert check(data) == []
    data["meta"]["organ_kind"] = "设区的市人民政府"  # no ceiling for a city government
    data["tables"]["t2"]["admin_fees"]["fee_amount"] = "1400000万元"
    assert check(data) == []


def test_u1_missing_unit_and_zero() -> None:
    data = zhuting()
    data["tables"]["t2"]["gov_central_procurement"]["amount"] = "1400000元"
    assert check(data) == []
    data["tables"]["t2"]["gov_central_procurement"]["amount"] = 0
    assert check(data) == []


# --- parts missing -------------------------------------------------------------------------------------------


def test_missing_table_makes_its_rules_not_assessable() -> None:
    report = report_from_data(sample())
    findings = run_rules(Document(report=report, missing=["t3"]))
    na = [f for f in findings if f.status == "not_assessable"]
    assert sorted(f.rule for f in na) == ["A1", "A2", "A3"]
    assert all(f.severity == "info" and "缺少表三" in f.message for f in na)
    assert [f for f in findings if f.status == "fail"] == []


def test_blank_rule_skips_missing_tables() -> None:
    report = report_from_data(sample())
    report.tables.set("t3.granted.other_org", None)
    assert "A5.blank" in rules_of(run_rules(Document(report=report)))
    assert "A5.blank" not in rules_of(run_rules(Document(report=report, missing=["t3"])))


def test_a6_a7_messages_name_the_official_columns() -> None:
    data = sample()
    data["tables"]["t2"]["normative_docs"] = {"issued": 5, "repealed": 0, "in_force": 1}
    assert [f.message for f in check(data) if f.rule == "A6"] == [
        "表二 第二十条第（一）项 行政规范性文件「本年制发件数」为5，超过现行有效件数1与本年废止件数0之和"]
    data = zhuting()
    data["tables"]["t2"]["normative_docs"] = {"new_made": 5, "new_published": 10, "total_published": 9}
    assert [f.message for f in check(data) if f.rule == "A7"] == [
        "表二 第二十条第（一）项 规范性文件「本年新公开数量」为10，超过对外公开总数量9"]
