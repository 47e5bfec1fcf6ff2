"""Figure rules: the tables' 勾稽关系 (format.md §3.1), plausibility (§3.4), format and unit checks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.formats import TableFormat, format_for_year, load_format
from assistant.model import Amount, Document
from assistant.rules.registry import Hit, cell, rule


def int_cell(doc: Document, path: str) -> int | None:
    """A table cell's count, or None when blank or not a whole number (the cross-year rules read cells this way too)."""
    value = doc.report.tables.get(path)
    return value if isinstance(value, int) else None


def _sum_check(doc: Document, total_path: str, part_paths: list[str], what: str) -> Iterator[Hit]:
    total = int_cell(doc, total_path)
    parts = [int_cell(doc, p) for p in part_paths]
    if total is None or any(p is None for p in parts):
        return  # blank cells are reported by A5
    expected = sum(p for p in parts if p is not None)
    if total != expected:
        fmt = doc.report.fmt
        yield Hit(
            message=f"{fmt.label(total_path)}应等于{what}之和{expected}，实为{total}",
            location=cell(total_path), expected=expected, found=total,
            suggestion="核对各分项与合计，改正填错的单元格",
        )


@rule("A1", "arithmetic", "error", "表三每列：本年新收＋上年结转＝本年度办理结果＋结转下年度", needs=("t3",))
def t3_balance(doc: Document) -> Iterator[Hit]:
    fmt = doc.report.fmt
    for col in fmt.t3_columns:
        values = {r: int_cell(doc, f"t3.{r}.{col.key}") for r in ("new_received", "carried_over", "result_total",
                                                             "carried_forward")}
        if any(v is None for v in values.values()):
            continue
        left = values["new_received"] + values["carried_over"]  # type: ignore[operator]
        expected = left - values["carried_forward"]  # type: ignore[operator]
        if values["result_total"] != expected:
            path = f"t3.result_total.{col.key}"
            yield Hit(
                message=(f"表三「{col.label}」列：本年新收{values['new_received']}＋上年结转{values['carried_over']}"
                         f"＝{left}，而办理结果总计{values['result_total']}＋结转下年度{values['carried_forward']}"
                         f"＝{values['result_total'] + values['carried_forward']}"),  # type: ignore[operator]
                location=cell(path), expected=expected, found=values["result_total"],
                suggestion="第一项加第二项之和应等于第三项加第四项之和，核对这四个数",
            )


@rule("A2", "arithmetic", "error", "表三每列：（七）总计＝各项办理结果之和", needs=("t3",))
def t3_result_total(doc: Document) -> Iterator[Hit]:
    fmt = doc.report.fmt
    for col in fmt.t3_columns:
        yield from _sum_check(doc, f"t3.result_total.{col.key}",
                              [f"t3.{r}.{col.key}" for r in fmt.result_keys], "各项办理结果")


@rule("A3", "arithmetic", "error", "表三每行：总计＝各类申请人之和", needs=("t3",))
def t3_row_total(doc: Document) -> Iterator[Hit]:
    fmt = doc.report.fmt
    for row in fmt.t3_rows:
        yield from _sum_check(doc, f"t3.{row.key}.total",
                              [f"t3.{row.key}.{c}" for c in fmt.applicant_keys], "各类申请人")


@rule("A4", "arithmetic", "error", "表四每组：总计＝结果维持＋结果纠正＋其他结果＋尚未审结", needs=("t4",))
def t4_group_total(doc: Document) -> Iterator[Hit]:
    fmt = doc.report.fmt
    for group in fmt.t4_group_keys:
        yield from _sum_check(doc, f"t4.{group}.total", [f"t4.{group}.{c}" for c in fmt.t4_part_keys],
                              "维持、纠正、其他结果、尚未审结")


def _value_paths(doc: Document) -> Iterator[tuple[str, str]]:
    fmt = doc.report.fmt
    for table in ("t2", "t3", "t4"):
        if not doc.has(table):
            continue
        if table == "t2":
            yield from ((f"t2.{r.key}.{c.key}", c.type) for _b, r, c in fmt.t2_cells())
        elif table == "t3":
            yield from ((f"t3.{r.key}.{c.key}", "count") for r in fmt.t3_rows for c in fmt.t3_columns)
        else:
            yield from ((f"t4.{g}.{c.key}", "count") for g in fmt.t4_group_keys for c in fmt.t4_columns)


@rule("A5", "arithmetic", "error", "所有计数为非负整数，收费金额不为负数")
def non_negative(doc: Document) -> Iterator[Hit]:
    fmt = doc.report.fmt
    for path, kind in _value_paths(doc):
        value = doc.report.tables.get(path)
        if kind == "count" and isinstance(value, int) and value < 0:
            yield Hit(message=f"{fmt.label(path)}应为非负整数，实为{value}", location=cell(path),
                      expected="≥0", found=value)


def _total_parts(doc: Document, path: str) -> list[str]:
    """The cells a total cell adds up (empty for a cell that is not a total)."""
    fmt = doc.report.fmt
    table, row, col = path.split(".")
    if table == "t3" and col == "total":
        return [f"t3.{row}.{c}" for c in fmt.applicant_keys]
    if table == "t3" and row == "result_total":
        return [f"t3.{r}.{col}" for r in fmt.result_keys]
    if table == "t4" and col == "total":
        return [f"t4.{row}.{c}" for c in fmt.t4_part_keys]
    return []


@rule("A5.blank", "completeness", "warning", "表格单元格空白（空白不等于 0，应填写数字）")
def blank_cells(doc: Document) -> Iterator[Hit]:
    fmt = doc.report.fmt
    for path, _kind in _value_paths(doc):
        if doc.report.tables.get(path) is not None:
            continue
        if any(doc.report.tables.get(p) is None for p in _total_parts(doc, path)):
            continue  # a total over a blank cell: the blank part is what to fill in
        yield Hit(message=f"{fmt.label(path)}为空白", location=cell(path), expected="数字（无则填 0）",
                  found="空白", suggestion="填写 0 或实际数字")


def _t2_column_labels(fmt: TableFormat) -> dict[str, str]:
    """表二's column labels by key, as the format YAML writes them ("现行有效件数")."""
    return {c.key: c.label for b in fmt.t2_blocks for c in b.columns}


@rule("A6", "arithmetic", "warning", "表二（2021）：本年制发件数不超过现行有效件数＋本年废止件数", needs=("t2",))
def t2_issued_le_valid(doc: Document) -> Iterator[Hit]:
    if doc.report.table_format != 2021:
        return
    fmt = doc.report.fmt
    col = _t2_column_labels(fmt)
    for row in ("rules", "normative_docs"):
        issued, repealed, in_force = (int_cell(doc, f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force"))
        if None in (issued, repealed, in_force):
            continue
        if issued > in_force + repealed:  # type: ignore[operator]
            path = f"t2.{row}.issued"
            yield Hit(
                message=f"{fmt.label(path)}为{issued}，超过{col['in_force']}{in_force}与{col['repealed']}{repealed}之和",
                location=cell(path), expected=f"≤{in_force + repealed}", found=issued,  # type: ignore[operator]
                suggestion="本年制发的文件应仍现行有效或已于本年废止；如有修改计数口径请在正文说明",
            )


@rule("A7", "arithmetic", "warning", "表二（2019）：本年新公开数量不超过对外公开总数量", needs=("t2",))
def t2_published_le_total(doc: Document) -> Iterator[Hit]:
    if doc.report.table_format != 2019:
        return
    fmt = doc.report.fmt
    col = _t2_column_labels(fmt)
    for row in ("rules", "normative_docs"):
        new, total = int_cell(doc, f"t2.{row}.new_published"), int_cell(doc, f"t2.{row}.total_published")
        if new is not None and total is not None and new > total:
            path = f"t2.{row}.new_published"
            yield Hit(message=f"{fmt.label(path)}为{new}，超过{col['total_published']}{total}", location=cell(path),
                      expected=f"≤{total}", found=new)


RULE_MAKING_KINDS = ("设区的市人民政府", "省级人民政府")


def _general_office(name: str) -> bool:
    """A government's general office (市人民政府办公室, 省政府办公厅) reports its government's 规章."""
    return bool(re.search(r"(?:人民)?政府办公(?:室|厅)$", name))


@rule("P1", "plausibility", "error", "无规章制定权的机关（乡镇、街道、县级政府及部门）规章数应为 0", needs=("t2", "organ_kind"))
def rules_without_power(doc: Document) -> Iterator[Hit]:
    kind = doc.report.meta.organ_kind
    if kind in RULE_MAKING_KINDS or _general_office(doc.report.meta.organ_name):
        return
    fmt = doc.report.fmt
    block = next(b for b in fmt.t2_blocks if any(r.key == "rules" for r in b.rows))
    for col in block.columns:
        path = f"t2.rules.{col.key}"
        value = int_cell(doc, path)
        if value:
            yield Hit(
                message=f"{kind}无规章制定权，{fmt.label(path)}应为 0，实为{value}",
                location=cell(path), expected=0, found=value,
                severity="error" if kind in ("乡镇", "街道") else "warning",
                suggestion="规章只由国务院部门和省、设区的市人民政府制定；本机关的文件应计入（行政）规范性文件",
            )


@rule("F1", "format", "error", "表格格式与报告年度不符（2020 年及以前用 2019 格式，2021 年起用 2021 格式）",
      needs=("year",))
def wrong_format_for_year(doc: Document) -> Iterator[Hit]:
    meta = doc.report.meta
    expected = format_for_year(meta.year)
    for found, what in ((meta.format_version, "声明的表格格式"), (doc.report.table_format, "表格")):
        if found is not None and found != expected:
            yield Hit(
                message=f"{meta.year}年度报告应使用{expected}年版格式（{load_format(expected).basis_number}），"
                        f"{what}为{found}年版",
                location=cell("t2" if what == "表格" else "meta.format_version"),
                expected=expected, found=found,
                suggestion=f"按{load_format(expected).basis_number}的表格重新填报",
            )
            return


# Upper bounds (万元) above which a 行政事业性收费 amount is probably entered in 元.
FEE_CEILING_WAN = {"乡镇": Decimal(500), "街道": Decimal(500), "部门": Decimal(100000), "县级人民政府": Decimal(100000)}


@rule("U1", "plausibility", "warning", "金额单位可疑（如以元填入万元栏）", needs=("t2",))
def amount_unit_plausible(doc: Document) -> Iterator[Hit]:
    report = doc.report
    fmt = report.fmt
    for _block, row, col in fmt.t2_cells():
        if col.type != "amount":
            continue
        path = f"t2.{row.key}.{col.key}"
        amount = report.tables.get(path)
        if not isinstance(amount, Amount) or amount.value == 0:
            continue
        ceiling = FEE_CEILING_WAN.get(report.meta.organ_kind)
        if amount.unit == "万元" and ceiling is not None and amount.value > ceiling:
            yield Hit(
                message=f"{fmt.label(path)}为{amount}，对{report.meta.organ_kind}而言过大，可能误将“元”填作“万元”",
                location=cell(path), expected=f"≤{ceiling}万元", found=str(amount),
                suggestion=f"如实为{amount.value}元，应填{format((amount.value / 10000).normalize(), 'f')}万元",
            )
        elif amount.unit is None:
            yield Hit(
                message=f"{fmt.label(path)}为{amount.value}，未注明单位（元或万元）",
                location=cell(path), expected="注明单位", found=str(amount.value),
                suggestion="在金额后注明“元”或“万元”",
            )
