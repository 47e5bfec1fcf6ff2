"""Cross-year rules (format.md §3.2): this year's report against last year's of the same organ. All warnings.

They run only when ``Document.previous`` is set (``nianbao check FILE --previous LAST_YEAR``).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from assistant.formats import versions_with
from assistant.model import Amount, Document
from assistant.rules.figures import int_cell
from assistant.rules.registry import Hit, RuleRun, cell, rule


def _both(doc: Document, table: str, same_format: bool = False) -> Document | None:
    """Last year's document when both years' ``table`` can be read (and, if asked, both are in the same format)."""
    prev = doc.previous
    if prev is None or not doc.has(table) or not prev.has(table):
        return None
    if same_format and doc.report.table_format != prev.report.table_format:
        return None
    return prev


@rule("X0", "cross_year", "warning", "上年度报告应为同一机关的上一年度报告", scope="cross_year")
def previous_is_last_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = doc.previous
    if prev is None:
        return
    year, last = doc.report.meta.year, prev.report.meta.year
    if last != year - 1:
        yield Hit(message=f"作为上年度报告提供的是{last}年度报告，本报告为{year}年度，跨年度比对可能不适用",
                  expected=year - 1, found=last, suggestion="提供本机关上一年度的报告")
    name, last_name = doc.report.meta.organ_name, prev.report.meta.organ_name
    if name != last_name and name not in last_name and last_name not in name:
        yield Hit(message=f"上年度报告的机关为“{last_name}”，本报告为“{name}”",
                  expected=name, found=last_name, suggestion="确认两份报告属于同一机关")


@rule("X1", "cross_year", "warning", "本年“上年结转”应等于上年“结转下年度继续办理”（每列）", scope="cross_year",
      needs=("t3",))
def carried_over_matches_last_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = _both(doc, "t3")
    if prev is None:
        return
    fmt = doc.report.fmt
    for col in fmt.t3_columns:
        now = int_cell(doc, f"t3.carried_over.{col.key}")
        before = int_cell(prev, f"t3.carried_forward.{col.key}")
        if now is None or before is None or now == before:
            continue
        path = f"t3.carried_over.{col.key}"
        yield Hit(
            message=f"表三「{col.label}」列：本年上年结转{now}件，而上年度报告结转下年度继续办理{before}件",
            location=cell(path), expected=before, found=now,
            suggestion="核对结转件数；如因机构调整、申请人类别改变等原因不一致，请在正文中说明",
        )


@rule("X2", "cross_year", "warning",
      f"现行有效件数＝上年现行有效件数＋本年制发件数－本年废止件数（{versions_with('stock_follows_last_year')} 年版表二）",
      scope="cross_year", needs=("t2",))
def in_force_follows_last_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = _both(doc, "t2", same_format=True)
    if prev is None:
        return
    fmt = doc.report.fmt
    for row in fmt.check_rows("stock_follows_last_year"):  # the format's YAML says where this identity holds
        issued, repealed, in_force = (int_cell(doc, f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force"))
        last = int_cell(prev, f"t2.{row}.in_force")
        if None in (issued, repealed, in_force, last):
            continue
        expected = last + issued - repealed  # type: ignore[operator]
        if in_force != expected:
            path = f"t2.{row}.in_force"
            yield Hit(
                message=f"{fmt.label(path)}为{in_force}，而上年{last}＋本年制发{issued}－本年废止{repealed}＝{expected}",
                location=cell(path), expected=expected, found=in_force,
                suggestion="如有集中清理、修改计入制发等情况，请在正文中说明口径",
            )


@rule("X3", "cross_year", "warning",
      f"上一年项目数量＝上年报告的上一年项目数量＋本年增/减（{versions_with('items_follow_last_year')} 年版表二）",
      scope="cross_year", needs=("t2",))
def previous_items_follow(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = _both(doc, "t2", same_format=True)
    if prev is None:
        return
    fmt = doc.report.fmt
    for row in fmt.check_rows("items_follow_last_year"):
        now = int_cell(doc, f"t2.{row}.prev_items")
        last, change = int_cell(prev, f"t2.{row}.prev_items"), int_cell(prev, f"t2.{row}.change")
        if None in (now, last, change):
            continue
        expected = last + change  # type: ignore[operator]
        if now != expected:
            path = f"t2.{row}.prev_items"
            yield Hit(message=f"{fmt.label(path)}为{now}，而上年报告{last}＋增减{change:+d}＝{expected}",  # type: ignore[str-format]
                      location=cell(path), expected=expected, found=now)


@rule("X4", "cross_year", "info", "上年与本年表格格式不同（如跨 2019/2021 两版）时，现行有效件数无法与上年比对", scope="cross_year")
def format_boundary(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = doc.previous
    if prev is None or prev.report.table_format == doc.report.table_format:
        return
    yield Hit(message=f"上年度报告用{prev.report.table_format}年版表格，本年用{doc.report.table_format}年版："
                      "表二的件数与项目数无法逐项比对", status="not_assessable")


@rule("X5", "cross_year", "warning", "本年收费金额与上年相差百倍以上，可能是元与万元混用", scope="cross_year",
      needs=("t2",))
def fee_unit_jump(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = _both(doc, "t2")
    path = doc.report.fmt.fee_cell
    if prev is None or path is None:
        return
    now, last = doc.report.tables.get(path), prev.report.tables.get(path)
    if not isinstance(now, Amount) or not isinstance(last, Amount) or not now.value or not last.value:
        return
    ratio = now.value / last.value
    if ratio >= 100 or ratio <= Decimal("0.01"):
        yield Hit(
            message=f"{doc.report.fmt.label(path)}为{now}，上年为{last}，相差{_ratio(ratio)}倍",
            location=cell(path), expected=f"与上年{last}同一数量级", found=str(now),
            suggestion="核对单位：本栏单位为万元，按元填写会放大一万倍",
        )


def _ratio(ratio: Decimal) -> str:
    value = ratio if ratio >= 1 else 1 / ratio
    return f"{value:.0f}"
