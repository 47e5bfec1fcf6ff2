"""The official formats, loaded from ``schemas/formats/*.yaml``: the single source of every label, of the known
versions and their years, and of what differs between formats (``checks``, ``fee_cell``).

Everything that needs a label, a row order, a merge, a version or a year's format (renderer, readers, UI, rules) asks
this module. A new national format is one more YAML file: ``schemas/formats/<version>.yaml``, or a file in the
directory named by ``NIANBAO_FORMATS_DIR`` (read when the program starts), which adds formats to the built-in ones.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.resources import data_dir, load_yaml

FORMATS_DIR_ENV = "NIANBAO_FORMATS_DIR"  # a directory of extra format files (<version>.yaml), beside the built-in ones
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
    # Per-format behaviour: the table 二 identities that apply, each with the rows it applies to (see the YAML).
    checks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fee_cell: str | None = None  # the cell of 本年收费金额 (万元), when the format has one
    labels: dict[str, str] = field(default_factory=dict)
    # the name of the format the notice issued, where no other format has it (2019: "…年度报告格式（试行）")
    basis_format: str | None = None

    def check_rows(self, check: str) -> tuple[str, ...]:
        """The table 二 rows a per-format identity applies to ("issued_within_stock" -> rules, normative_docs);
        empty when the format does not have it."""
        return self.checks.get(check, ())

    def table_labels(self) -> set[str]:
        """The labels that tell the formats' tables apart: table 二's captions, columns and rows, table 三's rows."""
        out = {b.caption for b in self.t2_blocks} | {c.label for b in self.t2_blocks for c in b.columns}
        out |= {r.label for b in self.t2_blocks for r in b.rows} | {r.label for r in self.t3_rows}
        return out

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


# The per-format identities a format's ``checks`` may list, with the table 二 columns each needs in its rows.
CHECK_COLUMNS: dict[str, tuple[str, ...]] = {
    "issued_within_stock": ("issued", "repealed", "in_force"),  # 本年制发件数 ≤ 现行有效件数＋本年废止件数 (A6)
    "stock_follows_last_year": ("issued", "repealed", "in_force"),  # 现行有效＝上年现行有效＋制发－废止 (X2)
    "new_within_published": ("new_published", "total_published"),  # 本年新公开数量 ≤ 对外公开总数量 (A7)
    "items_follow_last_year": ("prev_items", "change"),  # 上一年项目数量＝上年的上一年项目数量＋增/减 (X3)
}


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
        checks={name: tuple(rows) for name, rows in (raw.get("checks") or {}).items()},
        fee_cell=raw.get("fee_cell"),
        basis_format=raw["basis_notice"].get("format"),
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


def _problems(fmt: TableFormat, stem: str) -> list[str]:
    """What is wrong with one format file on its own (empty when nothing)."""
    out = []
    if str(fmt.version) != stem:
        out.append(f"文件名应为其年版 {fmt.version}.yaml")
    if not isinstance(fmt.year_from, int) or not (fmt.year_to is None or isinstance(fmt.year_to, int)):
        out.append("years 应写作 {from: 年份, to: 年份或 null}")
    elif fmt.year_to is not None and fmt.year_to < fmt.year_from:
        out.append(f"years.to（{fmt.year_to}）早于 years.from（{fmt.year_from}）")
    t2_columns = {row.key: {c.key for c in block.columns} for block in fmt.t2_blocks for row in block.rows}
    for name, rows in fmt.checks.items():
        if name not in CHECK_COLUMNS:
            out.append(f"checks 中的“{name}”不是已知的校核（应为 {'、'.join(CHECK_COLUMNS)} 之一）")
            continue
        for row in rows:
            lacking = [c for c in CHECK_COLUMNS[name] if c not in t2_columns.get(row, set())]
            if lacking:
                out.append(f"checks.{name}：表二的“{row}”行没有 {'、'.join(lacking)} 列")
    if fmt.fee_cell is not None and fmt.fee_cell not in fmt.labels:
        out.append(f"fee_cell“{fmt.fee_cell}”不是本格式表二的单元格")
    return out


def _load_file(path: Path) -> TableFormat:
    where = f"格式文件 {path}"
    try:
        raw = load_yaml(path)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{where}：无法读取（{exc.__class__.__name__}）") from exc
    except Exception as exc:  # yaml.YAMLError and its kin: the file is not YAML
        raise InputError(f"{where}：不是有效的 YAML") from exc
    try:
        fmt = _build(raw)
    except KeyError as exc:
        raise InputError(f"{where}：缺少字段 {exc.args[0]}（对照 schemas/formats/2021.yaml）") from exc
    except (TypeError, ValueError, AttributeError) as exc:
        raise InputError(f"{where}：字段的取值或结构不对（对照 schemas/formats/2021.yaml）") from exc
    problems = _problems(fmt, path.stem)
    if problems:
        raise InputError(f"{where} 有误", problems)
    return fmt


def _format_files() -> list[Path]:
    """The built-in format files, then those of ``NIANBAO_FORMATS_DIR`` when it is set."""
    files = sorted((data_dir("schemas") / "formats").glob("*.yaml"))
    extra = os.environ.get(FORMATS_DIR_ENV, "").strip()
    if extra:
        directory = Path(extra)
        if not directory.is_dir():
            raise InputError(f"环境变量 {FORMATS_DIR_ENV}：{extra} 不是目录")
        files += sorted(directory.glob("*.yaml"))
    return files


def _check_together(formats: list[TableFormat]) -> list[str]:
    """What is wrong with the formats as a set: one format for every year, the same six sections."""
    out = []
    for before, after in zip(formats, formats[1:], strict=False):
        if after.year_from == before.year_from:
            out.append(f"{before.version} 与 {after.version} 年版的 years.from 相同（{after.year_from}）")
        elif before.year_to is not None and before.year_to + 1 != after.year_from:
            out.append(f"{before.version} 年版适用至 {before.year_to} 年，{after.version} 年版却从 {after.year_from} 年起："
                       "年度之间不能有空缺或重叠")
    if formats and formats[-1].year_to is not None:
        out.append(f"最新的 {formats[-1].version} 年版应一直适用（years.to 为 null）")
    first = formats[0].sections if formats else ()
    for fmt in formats[1:]:
        if fmt.sections != first:
            out.append(f"{fmt.version} 年版的六个部分（sections）与 {formats[0].version} 年版不同：起草和读取按同一组部分进行")
    return out


@cache
def _catalogue() -> dict[int, TableFormat]:
    """Every known format by version, oldest first (by ``years.from``)."""
    formats: dict[int, TableFormat] = {}
    for path in _format_files():
        fmt = _load_file(path)
        if fmt.version in formats:
            raise InputError(f"格式文件 {path}：{fmt.version} 年版已有定义（每个年版只能有一个文件）")
        formats[fmt.version] = fmt
    ordered = sorted(formats.values(), key=lambda f: f.year_from)
    problems = _check_together(ordered)
    if problems:
        raise InputError("年报格式文件（schemas/formats/ 与 " + FORMATS_DIR_ENV + "）有误", problems)
    return {f.version: f for f in ordered}


def known_versions() -> tuple[int, ...]:
    """The versions of every known format, oldest first: (2019, 2021) with the built-in files."""
    return tuple(_catalogue())


def versions_text() -> str:
    """The known versions as a user reads them: "2019 或 2021", "2019、2021 或 2031"."""
    names = [str(v) for v in known_versions()]
    return names[0] if len(names) == 1 else f"{'、'.join(names[:-1])} 或 {names[-1]}"


def load_format(version: int) -> TableFormat:
    """The layout of one official format (a version of ``known_versions()``)."""
    formats = _catalogue()
    if version not in formats:
        raise ValueError(f"未知的年报格式：{version}（应为 {versions_text()}）")
    return formats[version]


def format_for_year(year: int) -> int:
    """The format a report for ``year`` must use: the one whose ``years: {from, to}`` hold it (an open ``to`` lasts
    until a later format begins). Years before the first format (an old report being read) take the first."""
    formats = list(_catalogue().values())
    holding = [f for f in formats if f.year_from <= year and (f.year_to is None or year <= f.year_to)]
    return max(holding, key=lambda f: f.year_from).version if holding else formats[0].version


def years_text(version: int, spaced: bool = False) -> str:
    """The years a format applies to, in words: "2020年及以前", "2021年起" (the newest), "2021—2030年"."""
    formats = list(_catalogue().values())
    fmt = load_format(version)
    at = formats.index(fmt)
    last = fmt.year_to if fmt.year_to is not None or at == len(formats) - 1 else formats[at + 1].year_from - 1
    year = " 年" if spaced else "年"
    if at == 0 and len(formats) > 1:
        return f"{last}{year}及以前"
    if last is None:
        return f"{fmt.year_from}{year}起"
    return f"{fmt.year_from}—{last}{year}"


def notice_short(version: int) -> str:
    """A format's notice number without its issuer: "〔2021〕30号"."""
    number = load_format(version).basis_number
    return number[number.find("〔"):]


def versions_with(check: str) -> str:
    """The formats in which a per-format identity of ``checks`` holds, for a rule's description: "2021"."""
    return "、".join(str(v) for v in known_versions() if load_format(v).check_rows(check))


def current_format() -> TableFormat:
    """The newest format: the one a report for this year and later uses."""
    return list(_catalogue().values())[-1]


def report_sections() -> tuple[Section, ...]:
    """The six sections of a report (number, key, title), the same in every format (checked when loading)."""
    return current_format().sections


def section_titles() -> tuple[str, ...]:
    """The six canonical section titles."""
    return tuple(s.title for s in report_sections())


def exclusive_labels(version: int) -> set[str]:
    """Table labels that appear only in this format (in no other): evidence that a table follows it."""
    others = [load_format(v).table_labels() for v in known_versions() if v != version]
    return load_format(version).table_labels().difference(*others)


def foreign_labels(version: int) -> set[str]:
    """Table labels of the other formats that this one lacks: a report in this format should not print them."""
    own = load_format(version).table_labels()
    return {label for v in known_versions() if v != version for label in load_format(v).table_labels() - own}


# The older name of ``known_versions()``, still imported by the workbook modules (to be replaced when they move).
