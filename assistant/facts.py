"""Report -> FactSheet: every figure named once, with its Chinese name, unit and phrasing.

Figure ids are cell paths (``t3.unable_not_held.total``) plus derived sums:
``t3.<group>.<col>`` for the result groups (granted_partial, deny, unable, not_processed, other_processing),
``t3.received.<col>`` (本年新收＋上年结转), ``t3.<row>.organizations`` (the 法人或其他组织 columns together),
``t4.suit.<col>`` (both litigation groups), and ``fee.processing`` (信息处理费, 元).

Each fact has a ``phrase``: how the figure is said in a report, derived from the table labels of
``schemas/formats/*.yaml`` (never retyped), e.g. ``t3.unable_not_held.total`` -> "因本机关不掌握相关政府信息无法提供1件".
Drafters write figures only through these; an LLM's placeholders are filled with ``FactSheet.fill``:
``〔F:id〕`` becomes the bare figure ("1"; the text writes the unit), ``〔P:id〕`` the whole phrase.
The claim rules compare the text against the same values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.formats import TABLE_NAMES, Block, Column, Row, TableFormat, known_versions, load_format
from assistant.model import Amount, Report
from assistant.numbering import LABEL_NUMBER_RE
from assistant.patterns import lazy_compile
from assistant.resources import schema_data

RESULT_GROUPS = ("deny", "unable", "not_processed", "other_processing")
MISSING = "〔待补〕"
FEE_FIGURE = "fee.processing"  # 信息处理费 (元), entered beside the tables
# Where a figure comes from, as a message names it ("表三“无法提供（总计）”", "填报的“信息处理费”").
FIGURE_SOURCES = {**TABLE_NAMES, "fee": "填报的"}
_PAREN = lazy_compile(r"（[^）]*）$")
# 〔F:t3.new_received.total〕 (the figure) and 〔P:…〕 (its phrase), tolerating the brackets and colons models substitute.
PLACEHOLDER_RE = lazy_compile(r"[〔\[【{（(]\s*([FP])\s*[:：]\s*([A-Za-z0-9_.]+?)\.?\s*[〕\]】}）)]")


def bare_label(label: str) -> str:
    """A label without its numbering: "（四）无法提供" -> "无法提供", "1.属于国家秘密" -> "属于国家秘密"."""
    return LABEL_NUMBER_RE.sub("", label)


def _plain(label: str) -> str:
    """A label without numbering, trailing parenthesis and 数量: "（二）部分公开（区分…）" -> "部分公开"."""
    text = _PAREN.sub("", bare_label(label))
    return text.removesuffix("数量")


def _merge(left: str, right: str) -> str:
    """Join two words, dropping a repeated overlap of 2+ characters: 政府集中采购 + 采购项目 -> 政府集中采购项目."""
    for size in range(min(len(left), len(right)), 1, -1):
        if left.endswith(right[:size]):
            return left + right[size:]
    return left + right


def format_value(value: Any) -> str:
    """A figure as written in the text, without its unit ("1", "0.5", "〔待补〕" for a blank)."""
    if value is None:
        return MISSING
    if isinstance(value, Amount):
        value = value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


@dataclass(frozen=True)
class Fact:
    id: str
    value: Any  # int, Amount, Decimal or None (blank)
    name: str  # Chinese name, e.g. "表三 无法提供（总计）"
    unit: str = "件"
    stem: str = ""  # the phrase without its figure, e.g. "因本机关不掌握相关政府信息无法提供"
    short: str = ""  # within a list under its group: "本机关不掌握相关政府信息" ("" when it is the stem)

    @property
    def shown(self) -> str:
        """The figure as written ("1"; "〔待补〕" when blank); a signed change without its sign."""
        value = self.value
        if isinstance(value, int) and value < 0:
            value = -value
        return format_value(value)

    @property
    def quantity(self) -> str:
        """Figure and unit: "1件", "0万元"; "〔待补〕" when blank."""
        return MISSING if self.value is None else f"{self.shown}{self.unit}"

    @property
    def phrase(self) -> str:
        """The figure as a report says it: "本年新收政府信息公开申请1件"."""
        return f"{self.stem}{self.quantity}"

    @property
    def short_phrase(self) -> str:
        """The figure as said in a list under its group ("无法提供3件，其中本机关不掌握相关政府信息2件、…")."""
        return f"{self.short or self.stem}{self.quantity}"


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

    def __iter__(self):  # noqa: ANN204 - Iterator[Fact]
        return iter(self.facts.values())

    def value(self, fid: str) -> Any:
        return self.facts[fid].value

    def count(self, fid: str) -> int:
        """A count, blank read as 0."""
        value = self.facts[fid].value
        return value if isinstance(value, int) else 0

    def phrase(self, fid: str) -> str:
        return self.facts[fid].phrase

    def quantity(self, fid: str) -> str:
        return self.facts[fid].quantity

    def fill(self, text: str) -> str:
        """Replace 〔F:id〕 with the figure and 〔P:id〕 with its phrase; an unknown id raises KeyError."""
        filled, unknown = self.fill_known(text)
        if unknown:
            raise KeyError(f"未知的数字编号：{unknown[0]}")
        return filled

    def fill_known(self, text: str) -> tuple[str, list[str]]:
        """Like ``fill``, but an unknown id is left in place (as 〔F:id〕) and returned in the list."""
        unknown: list[str] = []

        def replace(match: re.Match[str]) -> str:
            kind, fid = match.group(1), match.group(2)
            fact = self.facts.get(fid)
            if fact is None:
                unknown.append(fid)
                return f"〔{kind}:{fid}〕"
            return fact.shown if kind == "F" else fact.phrase

        return PLACEHOLDER_RE.sub(replace, text), unknown

    def _add(self, fid: str, value: Any, name: str, unit: str = "件", stem: str = "", short: str = "") -> None:
        self.facts[fid] = Fact(fid, value, name, unit, stem, short)

    # --- collection ---------------------------------------------------------------------------------
    def _collect(self) -> None:
        fmt, tables = self.fmt, self.report.tables
        for block, row, col in fmt.t2_cells():
            path = f"t2.{row.key}.{col.key}"
            value = tables.get(path)
            unit = (value.unit or "") if isinstance(value, Amount) else ("项" if "项目" in col.label or col.type == "signed" else "件")
            self._add(path, value, f"{row.label}（{col.label}）", unit, _t2_stem(fmt, block, row, col, value))
        cols = fmt.t3_columns
        application = _plain(fmt.t3_rows[0].label).removeprefix("本年新收")  # 政府信息公开申请
        for row in fmt.t3_rows:
            stem, short = _t3_stem(row, application)
            for col in cols:
                note = self._col_note(col)
                self._add(f"t3.{row.key}.{col.key}", tables.get(f"t3.{row.key}.{col.key}"),
                          f"{bare_label(row.label)}（{col.label}）", stem=stem + note, short=short and short + note)
        groups = ("granted_partial", *RESULT_GROUPS, "received")
        first, second = (_plain(fmt.t3_rows[i].label) for i in (0, 1))
        names = {"granted_partial": f"{_plain(fmt.t3_rows[2].label)}及{_plain(fmt.t3_rows[3].label)}",
                 "received": f"{first.removesuffix(application)}及{second.removesuffix(application)}"}
        for group in groups:
            name = names.get(group) or bare_label(fmt.t3_group_labels[group])
            stem = name + (application if group == "received" else "")
            for col in cols:
                self._add(f"t3.{group}.{col.key}", figure_value(self.report, f"t3.{group}.{col.key}"),
                          f"{name}（{col.label}）", stem=stem + self._col_note(col))
        for row in fmt.t3_rows:
            self._add(f"t3.{row.key}.organizations", figure_value(self.report, f"t3.{row.key}.organizations"),
                      f"{bare_label(row.label)}（{fmt.t3_org_group}）",
                      stem=_t3_stem(row, application)[0] + f"（{fmt.t3_org_group}）")
        for g in fmt.t4_groups:
            subject = f"{g['label']}的{g['parent']}" if g.get("parent") else g["label"]
            for col in fmt.t4_columns:
                self._add(f"t4.{g['key']}.{col.key}", tables.get(f"t4.{g['key']}.{col.key}"),
                          f"{g['label']}（{col.label}）", stem=subject + ("" if col.is_total else col.label))
        suit_label = next(g["parent"] for g in fmt.t4_groups if g.get("parent"))
        for col in fmt.t4_columns:
            self._add(f"t4.{SUIT}.{col.key}", figure_value(self.report, f"t4.{SUIT}.{col.key}"),
                      f"{suit_label}（{col.label}）", stem=suit_label + ("" if col.is_total else col.label))
        self._add(FEE_FIGURE, figure_value(self.report, FEE_FIGURE), "信息处理费", "元", "收取信息处理费")

    def _col_note(self, col: Column) -> str:
        """"" for the 总计 column, else the applicant type in brackets: "（自然人）", "（其他法人或其他组织）"."""
        if col.is_total:
            return ""
        label = col.label
        if col.group and label == "其他":
            label = f"其他{col.group}"
        return f"（{label}）"


def _t3_stem(row: Row, application: str) -> tuple[str, str]:
    """Phrase stem of a table 三 row from its label and group labels, and for a reason row its short form.

    The group's outcome ends the stem ("因重复申请不予处理"), so that the claim rules read the figure as the group's
    when it is the group's only reason; in a list under the group the short form names the reason alone.
    """
    label = _plain(row.label)
    if row.is_total:  # （七）总计: the applications handled this year
        return "办结" + application, ""
    if len(row.groups) < 2:  # 一、二、四 and （一）（二）, 2019's （六）其他处理
        return label, ""
    group = bare_label(row.groups[-1])
    if "、" in label:  # 2021 （六） 1./2.: "申请人…逾期不补正、行政机关不再处理其…申请": the cause is the reason
        cause = label.split("、", 1)[0]
        return f"因{cause}作{group}", cause
    if label == "其他":  # 2021 （六） 3.其他
        return f"因其他情形作{group}", "其他情形"
    return f"因{label}{group}", label


def _t2_stem(fmt: TableFormat, block: Block, row: Row, col: Column, value: Any) -> str:
    """Phrase stem of a table 二 cell: "本年制发行政规范性文件", "本年行政许可处理决定", "政府集中采购总金额"."""
    label = _PAREN.sub("", col.label)
    if col.type == "signed":  # 2019 本年增/减
        head, _, tail = label.partition("/")
        verb = head[-1] if head else ""
        when = head[:-1]
        if isinstance(value, int) and value < 0:
            return f"{row.label}{when}{tail}少"
        return f"{row.label}{when}{verb}加"
    base = label.removesuffix("件数").removesuffix("数量")
    if base.endswith("总"):
        return f"{base[:-1]}{row.label}总数"
    if block is fmt.t2_blocks[0]:  # documents: the column is a verb phrase
        return f"{base}{row.label}"
    for when in ("本年", "上一年"):
        if base.startswith(when):
            return when + _merge(row.label, base[len(when):])
    return _merge(row.label, base)


# ----------------------------------------------------------------------------------------------------------------
# The figure catalogue: which cells each figure id adds up, and which figures are parts of which. Claims, the
# FactSheet and the text rules all read figures through these.

_T3_PAIRS: dict[str, tuple[str, ...]] = {"granted_partial": ("granted", "partial"),
                                         "received": ("new_received", "carried_over")}
# Rows that count applications as a whole (办理结果总计, 收到 = 新收＋结转, 本年新收): every result row is a part.
_APPLICATION_TOTALS = ("result_total", "received", "new_received")
SUIT = "suit"  # 表四 行政诉讼: both litigation groups together
ORGANIZATIONS = "organizations"  # 表三: the 法人或其他组织 columns together


def t3_sum_rows(fmt: TableFormat, group: str) -> tuple[str, ...]:
    """The rows of 表三 that a group id adds up (granted_partial, received, a result group); () for any other."""
    if group in _T3_PAIRS:
        return _T3_PAIRS[group]
    return fmt.t3_group_rows(group) if group in RESULT_GROUPS else ()


def t4_suit_groups(fmt: TableFormat) -> tuple[str, ...]:
    """The 表四 groups that together are 行政诉讼 (未经复议直接起诉, 复议后起诉)."""
    return tuple(g["key"] for g in fmt.t4_groups if g.get("parent"))


def figure_cells(fmt: TableFormat, fid: str) -> tuple[str, ...] | None:
    """The table cells a figure id adds up (a cell is its own one); None for an id that names no table figure."""
    parts = fid.split(".")
    if len(parts) != 3:
        return None
    table, row, col = parts
    if table == "t3":
        rows = t3_sum_rows(fmt, row) or ((row,) if row in fmt.t3_row_keys else ())
        columns = fmt.org_keys if col == ORGANIZATIONS else (col,)
        if not rows or not all(c in fmt.applicant_keys or c == "total" for c in columns):
            return None
        return tuple(f"t3.{r}.{c}" for r in rows for c in columns)
    if table == "t4":
        groups = t4_suit_groups(fmt) if row == SUIT else ((row,) if row in fmt.t4_group_keys else ())
        return tuple(f"t4.{g}.{col}" for g in groups) or None
    if table == "t2":
        return (fid,) if any(r.key == row and c.key == col for _b, r, c in fmt.t2_cells()) else None
    return None


def figure_value(report: Report, fid: str) -> Any:
    """A figure by id, computed alone (the FactSheet's value, without building the FactSheet); None when blank or
    unknown. A sum is blank when any of its cells is."""
    if fid == FEE_FIGURE:
        return report.other_figures.processing_fee_yuan
    cells = figure_cells(report.fmt, fid)
    if cells is None:
        return None
    if cells == (fid,):
        return report.tables.get(fid)
    return _sum(report.tables.get(c) for c in cells)


def narrower_figures(fmt: TableFormat, fid: str) -> list[str]:
    """The parts of a figure a number may be written for by mistake: its rows, its applicant columns, both."""
    out: list[str] = []
    if fid.count(".") != 2:
        return out
    table, row, col = fid.split(".")
    if table == "t3":
        rows = tuple(r for r in t3_sum_rows(fmt, row) if r != row)
        columns = list(fmt.applicant_keys) if col == "total" else []
        out += [f"t3.{r}.{col}" for r in rows]
        out += [f"t3.{row}.{c}" for c in columns]
        out += [f"t3.{r}.{c}" for r in rows for c in columns]
    elif table == "t4":
        parts = [c.key for c in fmt.t4_columns if not c.is_total] if col == "total" else []
        if row == SUIT:
            out += [f"t4.{g}.{col}" for g in t4_suit_groups(fmt)]
        out += [f"t4.{row}.{c}" for c in parts]
    return out


def is_part_of(whole: str, part: str) -> bool:
    """Whether figure ``part`` can be an item of a 其中 breakdown of figure ``whole`` (in any format).

    Table 三: the columns of the same row; the results of the applications handled or received; the reasons
    of a group. Table 四: the outcomes of the same group (直接起诉、复议后起诉 within 诉讼). Table 二: the same row.
    """
    w, p = whole.split("."), part.split(".")
    if w[0] != p[0] or len(w) != 3 or len(p) != 3:
        return w[0] == p[0] and w[0] not in TABLE_NAMES
    wrow, prow = w[1], p[1]
    if wrow == prow:
        return True
    if w[0] == "t4":
        return wrow == SUIT and any(prow in t4_suit_groups(fmt) for fmt in _all_formats())
    if w[0] == "t2":
        return False
    if wrow in _APPLICATION_TOTALS:
        return prow not in _APPLICATION_TOTALS and (prow != "carried_over" or wrow == "received")
    return any(prow in t3_sum_rows(fmt, wrow) for fmt in _all_formats())


def overview_aspect_names() -> tuple[str, ...]:
    """The five aspects 一、总体情况 covers, in order (主动公开 … 监督保障; ``schemas/sections.yaml``)."""
    return tuple(aspect["name"] for aspect in schema_data("sections")["overview_aspects"])


def _all_formats() -> list[TableFormat]:
    return [load_format(version) for version in known_versions()]


def _sum(values: Any) -> int | None:
    """A sum of cells; blank (None) when any cell is."""
    values = list(values)
    return None if any(v is None for v in values) else sum(values)


__all__ = ["FEE_FIGURE", "FIGURE_SOURCES", "Fact", "FactSheet", "MISSING", "PLACEHOLDER_RE", "bare_label",
           "figure_cells", "figure_value", "format_value", "is_part_of", "narrower_figures", "overview_aspect_names",
           "t3_sum_rows", "t4_suit_groups"]
