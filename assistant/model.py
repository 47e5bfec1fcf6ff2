"""The objects everything passes around: Report, Draft, Document, Finding.

A Report is what staff own (meta, the three tables, notes). A Draft is narrative. A Document is both: what a finished
report is, and what a reader makes of an existing one. Findings are what the rules say about a Document.
"""

from __future__ import annotations

import builtins
import hashlib
import re
import typing
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)

from assistant.formats import TABLE_NAMES, current_format, format_for_year, known_versions, load_format, report_sections
from assistant.names import control_characters, single_line_problem
from assistant.patterns import lazy_compile

OrganKind = Literal["乡镇", "街道", "县级人民政府", "设区的市人民政府", "省级人民政府", "部门", "其他"]
ORGAN_KINDS: tuple[str, ...] = OrganKind.__args__  # type: ignore[attr-defined]
GOVERNMENT_KINDS = ("乡镇", "县级人民政府", "设区的市人民政府", "省级人民政府")
MIN_YEAR = 2019  # the first report under the 2019 条例 and its formats
MAX_YEAR = 2100
if TYPE_CHECKING:
    FormatVersion = int
else:  # the versions of schemas/formats/*.yaml (and NIANBAO_FORMATS_DIR): a choice in the schema and in messages
    FormatVersion = Literal[known_versions()]

MAX_COUNT = 10**9  # no office handles a billion of anything in a year; larger figures are typing slips or attacks
MAX_AMOUNT = Decimal(10**12)  # yuan (or 万元): a trillion is beyond any information-processing fee
Count = Annotated[int, Field(ge=0, le=MAX_COUNT, strict=True)]
Signed = Annotated[int, Field(ge=-MAX_COUNT, le=MAX_COUNT, strict=True)]

_AMOUNT_RE = lazy_compile(r"^\s*([+-]?\d[\d,]*(?:\.\d+)?)\s*(万元|元)?\s*$")


UNKNOWN_ORGAN = "（未能识别的机关）"  # the organ name of an existing report whose organ could not be read

class Amount(BaseModel):
    """A money amount with its unit as written (None when the source states none)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    value: Decimal = Field(ge=0, le=MAX_AMOUNT, title="数额")
    unit: Literal["元", "万元"] | None = Field(None, title="单位")

    def __str__(self) -> str:
        text = format(self.value.normalize(), "f") if self.value == self.value.to_integral() else str(self.value)
        return f"{text}{self.unit or ''}"

    def in_yuan(self) -> Decimal | None:
        if self.unit == "万元":
            return self.value * 10000
        return self.value if self.unit == "元" else None


def _parse_amount(value: Any) -> Any:
    """Accept 12.5, "1,400,000元", "3.2万元" or {value, unit}."""
    if isinstance(value, bool):
        return value  # let validation reject it
    if isinstance(value, int | float | Decimal):
        return {"value": Decimal(str(value))}
    if isinstance(value, str):
        match = _AMOUNT_RE.match(value)
        if not match:
            raise ValueError(f"应为金额（如 12.5 或 1400000元），实为“{value}”")
        try:
            number = Decimal(match.group(1).replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
            raise ValueError(f"应为金额，实为“{value}”") from exc
        return {"value": number, "unit": match.group(2)}
    return value


AmountInput = Annotated[
    Amount,
    BeforeValidator(_parse_amount, json_schema_input_type=float | str | dict[str, Any]),
]


def empty_list() -> list[Any]:
    """The default of a list field: ``Field(default_factory=empty_list)``. Not ``list`` itself: pydantic reads each
    factory's signature when it builds a model, and a built-in's is parsed from its text (about 5 ms of every start
    for this module's list fields; issue 11)."""
    return []


# --------------------------------------------------------------------------------------------------------------
# Meta and notes


def _single_line(model: type[BaseModel], value: str | None, info: ValidationInfo) -> str | None:
    """A name field holds one line of visible text (see :mod:`assistant.names`); the message names the field."""
    problem = single_line_problem(value) if isinstance(value, str) else None
    if problem:
        title = model.model_fields[info.field_name or ""].title or info.field_name
        raise ValueError(f"{title}{problem}")
    return value


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    address: str | None = Field(None, title="地址")
    postcode: str | None = Field(None, title="邮编")
    phone: str | None = Field(None, title="电话")
    email: str | None = Field(None, title="电子邮箱")

    @field_validator("address", "postcode", "phone", "email")
    @classmethod
    def _one_line(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _single_line(cls, value, info)


REPORT_TITLE_TAIL = "政府信息公开工作年度报告"


class Meta(BaseModel):
    model_config = ConfigDict(extra="forbid")
    organ_name: str = Field(min_length=1, title="机关名称", description="如：袁州区竹亭镇人民政府")
    organ_kind: OrganKind = Field(title="机关类型")
    short_name: str | None = Field(None, title="简称", description="正文中的自称之外的简称，如：竹亭镇")
    parent_government: str | None = Field(None, title="上级人民政府")
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR, strict=True, title="报告年度")
    format_version: FormatVersion | None = Field(None, title="表格格式", description="缺省时按年度确定")
    website: str | None = Field(None, title="电子版所在网站")
    contact: Contact = Field(default_factory=Contact, title="联系方式")
    compiler: str | None = Field(None, title="编制单位")
    sign_date: date | None = Field(None, title="落款日期")
    parent_party: str | None = Field(None, title="上级党委", description="如：中共示范县委（写入总体情况的“在…领导下”）")

    @field_validator("organ_name")
    @classmethod
    def _strip_name(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("机关名称不能为空")
        return value

    @field_validator("organ_name", "short_name", "parent_government", "website", "compiler")
    @classmethod
    def _one_line(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _single_line(cls, value, info)

    @property
    def expected_format(self) -> int:
        return format_for_year(self.year)

    @property
    def declared_format(self) -> int:
        return self.format_version or self.expected_format

    @property
    def report_title(self) -> str:
        """The title of the report: "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告"."""
        return f"{self.organ_name}{self.year}年{REPORT_TITLE_TAIL}"




def _as_list(value: Any) -> Any:
    """Text or a list of lines -> the stripped lines that say something (lines of only punctuation are dropped)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if isinstance(value, list):
        return [item.strip() if isinstance(item, str) else item for item in value
                if not isinstance(item, str) or any(ch.isalnum() for ch in item)]
    return value


# What staff type at the start of a line to make it a list item (in a YAML literal block "proactive: |", or in the
# web UI's text areas): a bullet and a space, not part of the note.
NOTE_BULLET = re.compile(r"^[-－•·*] +")
# One half-width space between two CJK characters or CJK punctuation: where YAML folded a wrapped line of a note
# ("…等栏目 在便民服务中心…"), never meant in Chinese text.
_CJK = r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
FOLDED_SPACE = re.compile(rf"(?<={_CJK}) (?={_CJK})")


def _as_note_list(value: Any) -> Any:
    """As _as_list, and each note without a leading list bullet ("- ", "－ ", "• ", "· ", "* ") and without a single
    space between two CJK characters (the fold of a wrapped line)."""
    value = _as_list(value)
    if not isinstance(value, list):
        return value
    notes = [FOLDED_SPACE.sub("", NOTE_BULLET.sub("", item)) if isinstance(item, str) else item for item in value]
    return [note for note in notes if not isinstance(note, str) or any(ch.isalnum() for ch in note)]


MAX_NOTES_PER_ASPECT = 50  # lines of notes in one aspect; more is not a note but pasted text
NoteList = Annotated[list[str], BeforeValidator(_as_note_list), Field(max_length=MAX_NOTES_PER_ASPECT)]
# Paragraphs of one document we read (a long real report has a few hundred; reading takes ~1 ms each), so also the
# most one section or the opening may hold. readers.limits takes it from here.
MAX_PARAGRAPHS = 5_000
ParagraphList = Annotated[list[str], BeforeValidator(_as_list), Field(max_length=MAX_PARAGRAPHS)]


class Notes(BaseModel):
    """Short facts per aspect, written by staff; the drafter turns them into prose."""

    model_config = ConfigDict(extra="forbid")
    proactive: NoteList = Field(default_factory=empty_list, title="主动公开")
    on_request: NoteList = Field(default_factory=empty_list, title="依申请公开")
    management: NoteList = Field(default_factory=empty_list, title="政府信息管理")
    platform: NoteList = Field(default_factory=empty_list, title="平台建设")
    oversight: NoteList = Field(default_factory=empty_list, title="监督保障")
    problems: NoteList = Field(default_factory=empty_list, title="存在问题")
    last_year_improvements: NoteList = Field(default_factory=empty_list, title="上年度问题改进")
    measures: NoteList = Field(default_factory=empty_list, title="改进措施")
    other: NoteList = Field(default_factory=empty_list, title="其他事项")


NOTE_ASPECTS: dict[str, str] = {key: field.title or key for key, field in Notes.model_fields.items()}  # 主动公开 …


class OtherFigures(BaseModel):
    """Figures outside the three tables that the narrative must state."""

    model_config = ConfigDict(extra="forbid")
    processing_fee_yuan: Decimal | None = Field(
        None, ge=0, le=MAX_AMOUNT, title="本年收取信息处理费（元）", description="依《政府信息公开信息处理费管理办法》收取的金额，未收取填 0"
    )


# --------------------------------------------------------------------------------------------------------------
# Tables: rows and columns are generated from every known format, so keys are exactly those of the YAML.


def _value_type(column_type: str) -> Any:
    return {"count": Count | None, "signed": Signed | None, "amount": AmountInput | None}[column_type]


@cache
def _table_models() -> tuple[type[BaseModel], type[BaseModel], type[BaseModel]]:
    formats = [load_format(v) for v in known_versions()]
    strict = ConfigDict(extra="forbid")
    # Table 二: a row model per row key, with the union of its columns across formats.
    t2_rows: dict[str, dict[str, Any]] = {}
    t2_labels: dict[str, str] = {}
    for fmt in formats:
        for _block, row, col in fmt.t2_cells():
            t2_rows.setdefault(row.key, {})[col.key] = (_value_type(col.type), Field(None, title=col.label))
            t2_labels[row.key] = row.label
    t2_fields: dict[str, Any] = {
        key: (create_model(f"T2Row_{key}", __config__=strict, **cols) | None, Field(None, title=t2_labels[key]))
        for key, cols in t2_rows.items()
    }
    t2 = create_model("Table2", __config__=strict, **t2_fields)
    # Table 三: every row has the same columns (7 in the official formats; the union across formats).
    t3_row_fields: dict[str, Any] = {}
    for fmt in formats:
        for c in fmt.t3_columns:
            t3_row_fields.setdefault(c.key, (Count | None, Field(None, title=c.label)))
    t3_row = create_model("T3Row", __config__=strict, **t3_row_fields)
    t3_fields: dict[str, Any] = {}
    for fmt in formats:
        for row in fmt.t3_rows:
            t3_fields.setdefault(row.key, (t3_row | None, Field(None, title=row.label)))
    t3 = create_model("Table3", __config__=strict, **t3_fields)
    # Table 四: three groups of five (the union across formats).
    t4_group_fields: dict[str, Any] = {}
    for fmt in formats:
        for c in fmt.t4_columns:
            t4_group_fields.setdefault(c.key, (Count | None, Field(None, title=c.label)))
    t4_group = create_model("T4Group", __config__=strict, **t4_group_fields)
    t4_fields: dict[str, Any] = {}
    for fmt in formats:
        for g in fmt.t4_groups:
            t4_fields.setdefault(g["key"], (t4_group | None, Field(None, title=g["label"])))
    t4 = create_model("Table4", __config__=strict, **t4_fields)
    return t2, t3, t4


Table2, Table3, Table4 = _table_models()


class Tables(BaseModel):
    model_config = ConfigDict(extra="forbid")
    t2: Table2 = Field(default_factory=Table2, title="表二 主动公开政府信息情况")  # type: ignore[valid-type]
    t3: Table3 = Field(default_factory=Table3, title="表三 收到和处理政府信息公开申请情况")  # type: ignore[valid-type]
    t4: Table4 = Field(default_factory=Table4, title="表四 政府信息公开行政复议、行政诉讼情况")  # type: ignore[valid-type]

    def get(self, path: str) -> Any:
        """The value at a cell path such as ``t3.result_total.total`` (None when blank or absent)."""
        table, row, col = path.split(".")
        row_obj = getattr(getattr(self, table), row, None)
        return None if row_obj is None else getattr(row_obj, col, None)

    def set(self, path: str, value: Any) -> None:
        table, row, col = path.split(".")
        table_obj = getattr(self, table)
        row_obj = getattr(table_obj, row)
        if row_obj is None:
            row_obj = type(table_obj).model_fields[row].annotation.__args__[0]()  # the row model
            setattr(table_obj, row, row_obj)
        setattr(row_obj, col, value)

    def rows_present(self, table: str) -> builtins.set[str]:
        return {k for k, v in getattr(self, table) if v is not None}


def _table_format_of(tables: Tables) -> int | None:
    """Which format the given rows belong to (None when they fit both or neither)."""
    t2_rows = tables.rows_present("t2")
    t3_rows = tables.rows_present("t3")
    fits = []
    for version in known_versions():
        fmt = load_format(version)
        own_t2 = {(row.key, col.key) for _b, row, col in fmt.t2_cells()}
        given_t2 = {(row, col) for row in t2_rows for col in getattr(tables.t2, row).model_fields_set}
        if given_t2 <= own_t2 and t3_rows <= set(fmt.t3_row_keys):
            fits.append(version)
    return fits[0] if len(fits) == 1 else None


class Report(BaseModel):
    """What staff own: meta, the three tables, notes, and optionally the narrative as written."""

    model_config = ConfigDict(extra="forbid")
    meta: Meta = Field(title="基本信息")
    tables: Tables = Field(default_factory=Tables, title="表格")
    other_figures: OtherFigures = Field(default_factory=OtherFigures, title="其他数字")
    notes: Notes = Field(default_factory=Notes, title="简要情况")
    narrative: Draft | None = Field(None, title="已有正文", description="要校核的正文（标题、开头、各部分）")

    _detected_format: int | None = PrivateAttr(None)
    _computed_totals: frozenset[str] = PrivateAttr(frozenset())

    @model_validator(mode="before")
    @classmethod
    def _no_control_characters(cls, data: Any) -> Any:
        """Text with NUL or other control characters can't be written to Word or shown: name the field."""
        where = control_characters(data)
        if where is not None:
            raise ValueError(f"{where}：含有控制字符（如 NUL、\\x01）或文字方向控制符（如 U+202E），请删除后再试")
        return data

    @model_validator(mode="after")
    def _complete_tables(self) -> Report:
        self._detected_format = _table_format_of(self.tables)
        # pydantic runs this again when the instance is put into a Document: keep what the first run computed
        self._computed_totals |= fill_defaults(self.tables, self.table_format)
        return self

    @property
    def computed_totals(self) -> frozenset[str]:
        """The totals left out of the input and computed from their parts (not staff's figures)."""
        return self._computed_totals

    @property
    def table_format(self) -> int:
        """The format the tables follow: detected from the rows given, else the declared/derived one."""
        return self._detected_format or self.meta.declared_format

    @property
    def fmt(self):  # noqa: ANN201 - TableFormat, kept untyped to avoid an import cycle in annotations
        return load_format(self.table_format)

    def t3(self, row: str, col: str = "total") -> int:
        """A table 三 count, blank read as 0 (use ``tables.get`` to tell blank from 0)."""
        return self.tables.get(f"t3.{row}.{col}") or 0

    def t3_sum(self, rows: tuple[str, ...] | list[str], col: str = "total") -> int:
        return sum(self.t3(r, col) for r in rows)

    def t4(self, group: str, col: str = "total") -> int:
        return self.tables.get(f"t4.{group}.{col}") or 0

    def content_hash(self) -> str:
        """Stable hash of the report's content (used by caches and batch resume)."""
        return hashlib.sha256(self.model_dump_json().encode("utf-8")).hexdigest()[:16]


def fill_defaults(tables: Tables, version: int) -> set[str]:
    """Cells left out become 0; totals left out are computed (their paths are returned). Blank cells given as null
    stay None."""
    fmt = load_format(version)
    given = {
        f"{table}.{row}.{col}"
        for table in ("t2", "t3", "t4")
        for row, row_obj in getattr(tables, table)
        if row_obj is not None
        for col in row_obj.model_fields_set
    }
    for _block, row, col in fmt.t2_cells():
        path = f"t2.{row.key}.{col.key}"
        if path not in given:
            zero: Any = Amount(value=Decimal(0), unit=col.unit) if col.type == "amount" else 0  # type: ignore[arg-type]
            tables.set(path, zero)
        elif col.type == "amount" and col.unit is not None:  # an amount given without a unit is in the column's unit
            value = tables.get(path)
            if isinstance(value, Amount) and value.unit is None:
                tables.set(path, Amount(value=value.value, unit=col.unit))  # type: ignore[arg-type]
    computed: set[str] = set()
    parts = fmt.applicant_keys
    for row in fmt.t3_rows:
        for key in parts:
            if f"t3.{row.key}.{key}" not in given and row.key != "result_total":
                tables.set(f"t3.{row.key}.{key}", 0)
    for key in parts:  # （七）总计 row, per applicant column
        path = f"t3.result_total.{key}"
        if path not in given:
            tables.set(path, _sum_or_none(tables, path, [f"t3.{r}.{key}" for r in fmt.result_keys]))
            computed.add(path)
    for row in fmt.t3_rows:  # 总计 column
        path = f"t3.{row.key}.total"
        if path not in given:
            tables.set(path, _sum_or_none(tables, path, [f"t3.{row.key}.{c}" for c in parts]))
            computed.add(path)
    for group in fmt.t4_group_keys:
        for key in fmt.t4_part_keys:
            if f"t4.{group}.{key}" not in given:
                tables.set(f"t4.{group}.{key}", 0)
        if f"t4.{group}.total" not in given:
            tables.set(f"t4.{group}.total",
                       _sum_or_none(tables, f"t4.{group}.total", [f"t4.{group}.{c}" for c in fmt.t4_part_keys]))
            computed.add(f"t4.{group}.total")
    return computed


def _sum_or_none(tables: Tables, total_path: str, paths: list[str]) -> int | None:
    """The computed total of ``paths``; past :data:`MAX_COUNT` it is refused like a typed one (a stored report must
    read back)."""
    values = [tables.get(p) for p in paths]
    if any(v is None for v in values):
        return None
    total = sum(values)
    if total > MAX_COUNT:
        raise ValueError(f"tables.{total_path}：各项相加为 {total}，超出允许范围（不超过 {MAX_COUNT}）")
    return total


# --------------------------------------------------------------------------------------------------------------
# Narrative


class Fallback(BaseModel):
    """A part of a model's draft replaced by the template drafter's text, and why (Chinese)."""

    section: str
    paragraph: int | None = Field(None, description="None: the whole section")
    reason: str


class Provenance(BaseModel):
    drafter: str = "template"
    model: str | None = None
    prompt_hash: str | None = None
    version: str | None = None
    created: datetime | None = None
    fallbacks: list[Fallback] = Field(default_factory=empty_list, description="parts that fell back to the template")


class Section(BaseModel):
    heading: str = Field(title="标题（照原文）")
    key: str | None = Field(None, title="对应的标准部分", description="overview/proactive/requests/appeals/problems/other")
    paragraphs: ParagraphList = Field(default_factory=empty_list, title="段落")

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


class Draft(BaseModel):
    """Narrative: title, opening paragraphs, ordered sections of paragraphs, closing, provenance."""

    title: str = Field("", title="标题")
    preamble: ParagraphList = Field(default_factory=empty_list, title="开头段落")
    sections: list[Section] = Field(default_factory=empty_list, title="各部分")
    closing: ParagraphList = Field(default_factory=empty_list, title="落款")
    provenance: Provenance = Field(default_factory=Provenance)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def full_text(self) -> str:
        parts = [self.title, *self.preamble]
        for s in self.sections:
            parts.append(s.heading)
            parts.extend(s.paragraphs)
        parts.extend(self.closing)
        return "\n".join(parts)


Report.model_rebuild()


class Document(BaseModel):
    """A report with its narrative: what a finished report is, and what a reader makes of an existing one."""

    report: Report
    draft: Draft | None = None
    source: str | None = Field(None, description="the file it was read from")
    missing: list[str] = Field(
        default_factory=empty_list, description="parts absent from a partial document: 't2', 't3', 't4', 'narrative', section keys"
    )
    uncertain: list[str] = Field(default_factory=empty_list, description="tables read, but not reliably (e.g. digit runs)")
    reading: list[ReadingNote] = Field(
        default_factory=empty_list, description="what a reader of an existing report noticed (deviations, guesses, unreadable parts)"
    )
    unread_because: str | None = Field(
        None, description="why parts may be absent although the document has them (e.g. PDF pages without a text layer)"
    )
    previous: Document | None = Field(None, description="last year's report of the same organ (cross-year rules)")
    batch_units: tuple[str, ...] = Field(
        (), description="in a batch, the names its units are listed by (this one's among them): a platform named after "
                        "another unit of the same batch is then certainly copied (O7)"
    )

    def has(self, part: str) -> bool:
        return part not in self.missing and part not in self.uncertain

    @property
    def narrative(self) -> Draft | None:
        return self.draft or self.report.narrative


# --------------------------------------------------------------------------------------------------------------
# Findings

Category = Literal[
    "arithmetic", "text_vs_table", "text_internal", "year", "organ", "structure", "format",
    "completeness", "wording", "plausibility", "cross_year", "drafting",
]
def field_label(path: str) -> str:
    """The Chinese name of an input field, from the model's titles (the one place they are defined), its levels joined
    by "·": ``notes.oversight`` -> "简要情况·监督保障", ``meta.contact.phone`` -> "基本信息·联系方式·电话". A key the
    model does not know is kept as written (it is the user's own)."""
    model: Any = Report
    labels = []
    for key in path.split("."):
        if model is list and key.isdigit():  # a line of a list: notes.other.0
            labels.append(f"第{int(key) + 1}条")
            model = None
            continue
        field = model.model_fields.get(key) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            labels.append(key)
            model = None
            continue
        labels.append(field.title or key)
        kinds = [getattr(t, "__origin__", t) for t in (field.annotation, *typing.get_args(field.annotation))]
        model = list if typing.get_origin(field.annotation) is list else next(  # Annotated[Amount, …] is an Amount
            (t for t in kinds if isinstance(t, type) and issubclass(t, BaseModel)), None)
    return "·".join(labels)


_FIELD_PATH = lazy_compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*")


def with_field_label(line: str) -> str:
    """A line of :func:`assistant.errors.describe_validation_error` for a user: "notes.other.0：含有控制字符" ->
    "简要情况·其他事项·第1条：含有控制字符" (a line not led by a field path is kept)."""
    path, sep, rest = line.partition("：")
    return f"{field_label(path)}{sep}{rest}" if sep and _FIELD_PATH.fullmatch(path) else line


def labelled_validation_lines(exc: ValidationError) -> list[str]:
    """A validation error's lines for a user, each field by its Chinese label (:func:`with_field_label`)."""
    from assistant.errors import describe_validation_error

    return [with_field_label(line) for line in describe_validation_error(exc)]


CATEGORY_LABELS: dict[str, str] = {
    "arithmetic": "勾稽关系", "text_vs_table": "正文与表格", "text_internal": "正文内部", "year": "年份",
    "organ": "机关名称", "structure": "结构", "format": "格式", "completeness": "完整性", "wording": "文字",
    "plausibility": "合理性", "cross_year": "跨年度",
    "drafting": "起草",
}
Severity = Literal["error", "warning", "info"]
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
Status = Literal["fail", "uncertain", "not_assessable"]
STATUS_LABELS: dict[str, str] = {"fail": "不符", "uncertain": "存疑", "not_assessable": "无法校核"}
# The drafter's own notices (declared in assistant.rules.drafting) by the Chinese name a user reads; every other rule is
# shown by its id (C3, A5.blank), which ``nianbao rules`` lists. Programs (--json, findings.json) keep the ids.
DRAFTING_NOTICE_LABELS: dict[str, str] = {
    "D.missing": "缺少事实", "D.foreign": "他单位条目", "D.handling": "无申请时的办理条目", "D.thin": "过简条目",
}


def rule_label(rule_id: str) -> str:
    """What a user reads for a rule: a drafting notice's Chinese name, else the rule's id."""
    return DRAFTING_NOTICE_LABELS.get(rule_id, rule_id)


def rule_id_of(label: str) -> str:
    """The rule a user names as findings show it: a drafting notice's id for its Chinese name, else ``label`` itself."""
    return next((rule_id for rule_id, name in DRAFTING_NOTICE_LABELS.items() if name == label), label)
# What a rule reads: the tables only, the narrative, or last year's report too (``nianbao check`` runs the scopes a
# document allows; the rule registry knows each rule's).
Scope = Literal["figures", "text", "cross_year"]
SCOPE_LABELS: dict[str, str] = {"figures": "表格", "text": "正文", "cross_year": "跨年度"}


class Location(BaseModel):
    section: str | None = Field(None, description="section key, 'title', 'preamble' or 'closing'")
    paragraph: int | None = None
    span: tuple[int, int] | None = Field(None, description="character span within the paragraph")
    cell: str | None = Field(None, description="table cell path such as t3.result_total.total")

    def describe(self, report: Report | None = None) -> str:
        """Chinese description of the place, e.g. "表三 （七）总计「总计」", "表二", "基本信息·落款日期" or
        "第一部分 第2段"."""
        if self.cell:
            return cell_label(self.cell, report)
        names = {"title": "标题", "preamble": "开头", "closing": "落款"}
        if self.section in names:
            where = names[self.section]
        elif self.section:
            numbers = {s.key: s.title for s in report_sections()}
            where = numbers.get(self.section, self.section)
        else:
            where = "全文"
        if self.paragraph == -1:  # a section's heading (textview.paragraphs(include_headings=True))
            where += " 标题"
        elif self.paragraph is not None:
            where += f" 第{self.paragraph + 1}段"
        return where


def cell_label(path: str, report: Report | None = None) -> str:
    """The Chinese name of a place in the input a finding points at: a table's cell by the table format's label
    ("t3.result_total.total" -> "表三 （七）总计「总计」"), a whole table by its name ("t2" -> "表二"), any other field
    by the model's titles ("meta.sign_date" -> "基本信息·落款日期")."""
    table = path.split(".", 1)[0]
    if table not in TABLE_NAMES:
        return field_label(path)
    fmt = load_format(report.table_format) if report is not None else current_format()
    if path in fmt.labels:
        return fmt.labels[path]
    return TABLE_NAMES[table] if path == table else field_label(f"tables.{path}").removeprefix("表格·")


class Finding(BaseModel):
    rule: str
    category: Category
    severity: Severity
    status: Status = "fail"
    message: str
    location: Location = Field(default_factory=Location)
    evidence: str | None = None
    expected: Any = None
    found: Any = None
    suggestion: str | None = None
    fingerprint: str = ""

    @model_validator(mode="after")
    def _fingerprint(self) -> Finding:
        if not self.fingerprint:
            loc = self.location
            key = "|".join(str(x) for x in (self.rule, loc.section, loc.paragraph, loc.cell, self.evidence,
                                              self.expected))
            self.fingerprint = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
        return self


class ReadingNote(BaseModel):
    """Something a reader noticed in an existing report: a format deviation, an inferred value, an unreadable part."""

    kind: Literal["deviation", "undetermined", "unreadable", "source_organ", "textless", "blank"]
    message: str
    location: Location = Field(default_factory=Location)
    evidence: str | None = None
    severity: Severity | None = None  # when it differs from the rule's (a header certainly misspelled is an error)


Document.model_rebuild()
