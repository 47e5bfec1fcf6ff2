"""Report -> FactSheet: every figure named once, with its Chinese name and unit.

Figure ids are cell paths (``t3.unable_not_held.total``) plus derived sums:
``t3.<group>.<col>`` for the result groups (granted_partial, deny, unable, not_processed, other_processing),
``t3.received.<col>`` (本年新收＋上年结转), ``t4.suit.<col>`` (both litigation groups),
and ``fee.processing`` (信息处理费, 元). The drafters fill text from here; the claim rules compare against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.formats import TableFormat
from assistant.model import Amount, Report

RESULT_GROUPS = ("deny", "unable", "not_processed", "other_processing")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])")


def bare_label(label: str) -> str:
    """A label without its numbering: "（四）无法提供" -> "无法提供", "1.属于国家秘密" -> "属于国家秘密"."""
    return _NUMBERING.sub("", label)


@dataclass(frozen=True)
class Fact:
    id: str
    value: Any  # int, Amount, Decimal or None (blank)
    name: str  # Chinese name, e.g. "表三 无法提供（总计）"
    unit: str = "件"


class FactSheet:
    """All figures of a report by id."""

    def __init__(self, report: Report):
        self.report = report
        self.fmt: TableFormat = report.fmt
        self.facts: dict[str, Fact] = {}
        self._collect()

    def __contains__(self, fid: str) -> bool:
        return fid in self.facts

    def __getitem__(self, fid: str) -> Fact:
        return self.facts[fid]

    def value(self, fid: str) -> Any:
        return self.facts[fid].value

    def _add(self, fid: str, value: Any, name: str, unit: str = "件") -> None:
        self.facts[fid] = Fact(fid, value, name, unit)

    def _collect(self) -> None:
        fmt, tables = self.fmt, self.report.tables
        for _block, row, col in fmt.t2_cells():
            path = f"t2.{row.key}.{col.key}"
            value = tables.get(path)
            unit = (value.unit or "") if isinstance(value, Amount) else ("件" if col.key != "decisions" else "")
            self._add(path, value, f"{row.label}（{col.label}）", unit)
        cols = fmt.t3_columns
        for row in fmt.t3_rows:
            for col in cols:
                self._add(f"t3.{row.key}.{col.key}", tables.get(f"t3.{row.key}.{col.key}"),
                          f"{bare_label(row.label)}（{col.label}）")
        groups: dict[str, tuple[str, ...]] = {"granted_partial": ("granted", "partial")}
        groups |= {g: fmt.t3_group_rows(g) for g in RESULT_GROUPS}
        groups["received"] = ("new_received", "carried_over")
        names = {"granted_partial": "予以公开及部分公开", "received": "本年新收及上年结转"}
        for group, rows in groups.items():
            name = names.get(group) or bare_label(fmt.t3_group_labels[group])
            for col in cols:
                self._add(f"t3.{group}.{col.key}", _sum(tables.get(f"t3.{r}.{col.key}") for r in rows),
                          f"{name}（{col.label}）")
        for g in fmt.t4_groups:
            for col in fmt.t4_columns:
                self._add(f"t4.{g['key']}.{col.key}", tables.get(f"t4.{g['key']}.{col.key}"),
                          f"{g['label']}（{col.label}）")
        suit_groups = [g["key"] for g in fmt.t4_groups if g.get("parent")]
        suit_label = next(g["parent"] for g in fmt.t4_groups if g.get("parent"))
        for col in fmt.t4_columns:
            self._add(f"t4.suit.{col.key}", _sum(tables.get(f"t4.{g}.{col.key}") for g in suit_groups),
                      f"{suit_label}（{col.label}）")
        fee = self.report.other_figures.processing_fee_yuan
        self._add("fee.processing", fee, "信息处理费", "元")


def _sum(values: Any) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


def fact_sheet(report: Report) -> FactSheet:
    return FactSheet(report)


__all__ = ["Fact", "FactSheet", "fact_sheet", "bare_label", "Decimal"]
