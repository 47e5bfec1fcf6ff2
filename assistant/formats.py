"""The official table layouts, loaded from ``schemas/formats/*.yaml``: the single source of every label.

Everything that needs a label, a row order or a merge (renderer, readers, UI, rules) asks this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from assistant.resources import data_dir, load_yaml

FORMAT_VERSIONS = (2019, 2021)
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}  # how reports and messages name the tables


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = "count"  # count | signed | amount
    unit: str | None = None
    span: int = 1
    group: str | None = None
    is_total: bool = False


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    groups: tuple[str, ...] = ()
    result: bool = False
    is_total: bool = False


@dataclass(frozen=True)
class Block:
    caption: str
    header_label: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Section:
    number: int
    key: str
    title: str
    kind: str
    table: str | None = None


@dataclass(frozen=True)
class GridCell:
    """One cell of an official grid: its text or the path of the value it holds, and its merge."""

    row: int
    col: int
    text: str = ""
    path: str | None = None  # e.g. "t3.granted.natural_person" for a value cell
    rowspan: int = 1
    colspan: int = 1
    kind: str = "label"  # caption | header | label | value | note
    fill: str | None = None


@dataclass(frozen=True)
class TableFormat:
    version: int
    year_from: int
    year_to: int | None
    basis_number: str
    basis_title: str
    sections: tuple[Section, ...]
    t2_blocks: tuple[Block, ...]
    t2_grid_columns: int
    t2_caption_fill: str
    t3_note: str
    t3_header_group: str
    t3_org_group: str
    t3_columns: tuple[Column, ...]
    t3_rows: tuple[Row, ...]
    t3_group_labels: dict[str, str]
    t4_groups: tuple[dict[str, Any], ...]
    t4_columns: tuple[Column, ...]
    labels: dict[str, str] = field(default_factory=dict)

    # --- table 三 -------------------------------------------------------------------------------------
    @property
    def applicant_keys(self) -> tuple[str, ...]:
        """Columns that are applicant types (all but 总计)."""
        return tuple(c.key for c in self.t3_columns if not c.is_total)

    @property
    def org_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.t3_columns if c.group == self.t3_org_group)

    @property
    def t3_row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.t3_rows)

    @property
    def result_keys(self) -> tuple[str, ...]:
        """The result rows that （七）总计 adds up."""
        return tuple(r.key for r in self.t3_rows if r.result)

    def t3_group_rows(self, group: str) -> tuple[str, ...]:
        """Rows under a group cell, by group key ("unable") or label ("（四）无法提供").

        A group that is a single row in this format (2019's （六）其他处理) is that row.
        """
        label = self.t3_group_labels.get(group, group)
        rows = tuple(r.key for r in self.t3_rows if label in r.groups)
        return rows or tuple(r.key for r in self.t3_rows if r.label == label)

    @property
    def t3_result_groups(self) -> tuple[str, ...]:
        """The labels of the seven result groups （一）…（六） (the （七）总计 row excluded), in order."""
        out: list[str] = []
        for r in self.t3_rows:
            if not r.result:
                continue
            name = r.groups[1] if len(r.groups) > 1 else r.label
            if name not in out:
                out.append(name)
        return tuple(out)

    # --- table 二 -------------------------------------------------------------------------------------
    def t2_cells(self) -> list[tuple[Block, Row, Column]]:
        return [(b, r, c) for b in self.t2_blocks for r in b.rows for c in b.columns]

    # --- table 四 -------------------------------------------------------------------------------------
    @property
    def t4_group_keys(self) -> tuple[str, ...]:
        return tuple(g["key"] for g in self.t4_groups)

    @staticmethod
    def t4_group_name(group: dict[str, Any]) -> str:
        """A table 四 group as its labels name it: "行政诉讼（未经复议直接起诉）", "行政复议"."""
        return f"{group['parent']}（{group['label']}）" if group.get("parent") else group["label"]

    @property
    def t4_part_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.t4_columns if not c.is_total)

    # --- all tables ----------------------------------------------------------------------------------
    def cell_paths(self) -> list[str]:
        """Every cell path of tables 二, 三 and 四, in table order."""
        return ([f"t2.{r.key}.{c.key}" for _b, r, c in self.t2_cells()]
                + [f"t3.{r.key}.{c.key}" for r in self.t3_rows for c in self.t3_columns]
                + [f"t4.{g}.{c.key}" for g in self.t4_group_keys for c in self.t4_columns])

    def tables_data(self, values: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
        """Input-file tables (table -> row -> column) with every cell of this format: ``values`` by path, else None."""
        tables: dict[str, dict[str, dict[str, Any]]] = {"t2": {}, "t3": {}, "t4": {}}
        for path in self.cell_paths():
            table, row, col = path.split(".")
            tables[table].setdefault(row, {})[col] = values.get(path)
        return tables

    def label(self, path: str) -> str:
        """Chinese label of a cell path such as ``t3.unable_not_held.total``."""
        return self.labels.get(path) or path

    # --- grids ----------------------------------------------------------------------------------------
    def t2_grid(self) -> list[GridCell]:
        cells: list[GridCell] = []
        width = self.t2_grid_columns
        r = 0
        for block in self.t2_blocks:
            cells.append(GridCell(r, 0, block.caption, colspan=width, kind="caption", fill=self.t2_caption_fill))
            r += 1
            cells.append(GridCell(r, 0, block.header_label, kind="header"))
            col = 1
            for c in block.columns:
                cells.append(GridCell(r, col, c.label, colspan=c.span, kind="header"))
                col += c.span
            r += 1
            for row in block.rows:
                cells.append(GridCell(r, 0, row.label, kind="label"))
                col = 1
                for c in block.columns:
                    cells.append(GridCell(r, col, path=f"t2.{row.key}.{c.key}", colspan=c.span, kind="value"))
                    col += c.span
                r += 1
        return cells

    def t3_grid(self) -> list[GridCell]:
        """Table 三: 3 header rows, then one row per data row; label columns A–C, values D–J."""
        cells = [GridCell(0, 0, self.t3_note, rowspan=3, colspan=3, kind="note"),
                 GridCell(0, 3, self.t3_header_group, colspan=len(self.t3_columns), kind="header")]
        col = 3
        org_done = False
        for c in self.t3_columns:
            if c.group == self.t3_org_group:
                if not org_done:
                    cells.append(GridCell(1, col, self.t3_org_group, colspan=len(self.org_keys), kind="header"))
                    org_done = True
                cells.append(GridCell(2, col, c.label, kind="header"))
            else:
                cells.append(GridCell(1, col, c.label, rowspan=2, kind="header"))
            col += 1
        first = 3
        rows = self.t3_rows
        for i, row in enumerate(rows):
            r = first + i
            depth = len(row.groups)
            for level, group in enumerate(row.groups):
                if i > 0 and rows[i - 1].groups[: level + 1] == row.groups[: level + 1]:
                    continue  # merged into the cell above
                span = 1
                while i + span < len(rows) and rows[i + span].groups[: level + 1] == row.groups[: level + 1]:
                    span += 1
                cells.append(GridCell(r, level, group, rowspan=span, kind="label"))
            cells.append(GridCell(r, depth, row.label, colspan=3 - depth, kind="label"))
            for j, c in enumerate(self.t3_columns):
                cells.append(GridCell(r, 3 + j, path=f"t3.{row.key}.{c.key}", kind="value"))
        return cells

    def t4_grid(self) -> list[GridCell]:
        """Table 四: 行政复议 over 5, 行政诉讼 over 10 (each group over 5), then one row of 15 values."""
        n = len(self.t4_columns)
        cells: list[GridCell] = []
        col = 0
        parents_done: set[str] = set()
        for g in self.t4_groups:
            parent = g.get("parent")
            if parent is None:
                cells.append(GridCell(0, col, g["label"], colspan=n, kind="header"))
                for j, c in enumerate(self.t4_columns):
                    cells.append(GridCell(1, col + j, c.label, rowspan=2, kind="header"))
            else:
                if parent not in parents_done:
                    width = n * sum(1 for h in self.t4_groups if h.get("parent") == parent)
                    cells.append(GridCell(0, col, parent, colspan=width, kind="header"))
                    parents_done.add(parent)
                cells.append(GridCell(1, col, g["label"], colspan=n, kind="header"))
                for j, c in enumerate(self.t4_columns):
                    cells.append(GridCell(2, col + j, c.label, kind="header"))
            for j, c in enumerate(self.t4_columns):
                cells.append(GridCell(3, col + j, path=f"t4.{g['key']}.{c.key}", kind="value"))
            col += n
        return cells


def _build(raw: dict[str, Any]) -> TableFormat:
    def columns(items: list[dict[str, Any]]) -> tuple[Column, ...]:
        return tuple(Column(**c) for c in items)

    blocks = tuple(
        Block(b["caption"], b["header_label"], columns(b["columns"]),
              tuple(Row(r["key"], r["label"]) for r in b["rows"]))
        for b in raw["t2"]["blocks"]
    )
    t3_rows = tuple(
        Row(r["key"], r["label"], tuple(r.get("groups", ())), r.get("result", False), r.get("is_total", False))
        for r in raw["t3"]["rows"]
    )
    fmt = TableFormat(
        version=raw["version"],
        year_from=raw["years"]["from"],
        year_to=raw["years"]["to"],
        basis_number=raw["basis_notice"]["number"],
        basis_title=raw["basis_notice"]["title"],
        sections=tuple(Section(**s) for s in raw["sections"]),
        t2_blocks=blocks,
        t2_grid_columns=raw["t2"]["grid_columns"],
        t2_caption_fill=raw["t2"]["caption_fill"],
        t3_note=raw["t3"]["note_cell"],
        t3_header_group=raw["t3"]["header_group"],
        t3_org_group=raw["t3"]["org_group"],
        t3_columns=columns(raw["t3"]["columns"]),
        t3_rows=t3_rows,
        t3_group_labels=dict(raw["t3"]["group_keys"]),
        t4_groups=tuple(raw["t4"]["groups"]),
        t4_columns=columns(raw["t4"]["columns"]),
    )
    labels = fmt.labels
    for block, row, col in fmt.t2_cells():
        labels[f"t2.{row.key}.{col.key}"] = f"{TABLE_NAMES['t2']} {block.caption} {row.label}「{col.label}」"
    for row in t3_rows:
        for c in fmt.t3_columns:
            labels[f"t3.{row.key}.{c.key}"] = f"{TABLE_NAMES['t3']} {row.label}「{c.label}」"
    for g in fmt.t4_groups:
        for c in fmt.t4_columns:
            name = fmt.t4_group_name(g)
            labels[f"t4.{g['key']}.{c.key}"] = f"{TABLE_NAMES['t4']} {name}「{c.label}」"
    return fmt


@cache
def load_format(version: int) -> TableFormat:
    """The layout of one official format (2019 or 2021)."""
    if version not in FORMAT_VERSIONS:
        raise ValueError(f"未知的年报格式：{version}（应为 2019 或 2021）")
    return _build(load_yaml(data_dir("schemas") / "formats" / f"{version}.yaml"))


def format_for_year(year: int) -> int:
    """The format a report for ``year`` must use: 2019 for the 2019 and 2020 reports, 2021 from then on."""
    return 2019 if year <= 2020 else 2021


def section_titles() -> tuple[str, ...]:
    """The six canonical section titles (identical in both formats)."""
    return tuple(s.title for s in load_format(2021).sections)


def exclusive_labels(version: int) -> set[str]:
    """Table labels that appear only in this format: evidence that a table follows it."""
    own, other = load_format(version), load_format(2021 if version == 2019 else 2019)

    def all_labels(f: TableFormat) -> set[str]:
        out = {b.caption for b in f.t2_blocks} | {c.label for b in f.t2_blocks for c in b.columns}
        out |= {r.label for b in f.t2_blocks for r in b.rows} | {r.label for r in f.t3_rows}
        return out

    return all_labels(own) - all_labels(other)
