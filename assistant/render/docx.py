"""The Word document in official layout (GB/T 9704, ``format.md`` §6), built with python-docx.

Layout: A4; margins top 37 / bottom 35 / left 28 / right 26 mm; a document grid of 22 lines (28.95 pt pitch, the
type area's 225 mm / 22); title 2号 (22 pt) 方正小标宋简体 centred; body 3号 (16 pt) 仿宋_GB2312 justified, first line
indented 2 characters, 28 characters a line (Chinese characters 97% wide: 28 × 15.52 pt fit the 156 mm line, 29
do not; a tighter character spacing, or 98%, left so little room that LibreOffice dropped a punctuation mark
hanging at a full line's end); "一、" headings 黑体, "（一）" headings 楷体_GB2312; digits and Latin letters Times New Roman;
tables 五号 (10.5 pt) 宋体 with single borders, their header rows repeated on each page; page numbers "— N —" in 4号
宋体, odd pages right, even pages left.

Word's character grid (``w:docGrid w:type="linesAndChars"``) is not used for the 28 characters: LibreOffice gives a
16 pt character two cells of a 15.79 pt grid (14 characters a line); the narrower characters give 28 in both.

Punctuation may hang past the right margin (``w:overflowPunct`` written in the Normal style). For Word this changes
nothing (ISO/IEC 29500 17.3.1.21: omitting the element means true), but LibreOffice 7.4 reads its absence as false
and then left out a "。" that ended a line before a number too wide for the rest of it ("…主动公开。" / "2020年": the
mark was neither drawn nor in the PDF's text).

Line breaks: the text holds no invisible characters (word joiners between the characters of addresses made copied
and searched phone numbers differ from the text, and LibreOffice ignored them between Chinese characters; Word's
non-breaking hyphen is not found by a search for "-"). Left alone, LibreOffice breaks a web or e-mail address after
"/" or "-" and a phone number after its "-". Instead a line model of the justified body (:mod:`line_model`: Times New
Roman's advances, which Liberation Serif shares, and LibreOffice's break rules) finds each web or e-mail address,
phone number or document number with its issuing prefix ("湘源政办发〔2019〕27号") that would straddle a line end, or
that LibreOffice would move down leaving more than a character's width to spread on the line before, and a manual
line break (``w:br``) goes before it (and before a "（" that may not end a line), so it starts the next line whole; ``w:doNotExpandShiftReturn`` in the settings keeps the
line before the break unspread in Word and LibreOffice (it ends short, left-aligned). An address longer than a line
starts where it stands and breaks where LibreOffice breaks it; a line it would leave spread more than half a cell
ends there with a manual break, unspread (:func:`line_model.layout_breaks`); a document number is never broken. Character spacing (``w:spacing``, :func:`line_model.line_end_spacing`) moves a few line ends: a line
LibreOffice would end between a number and its 年, 月, 日 or 号 is condensed so the word comes up, else expanded so the
number goes down; a paragraph whose last line would be narrower than two and a half characters before its closing
marks ("表。", "情况。", "15件。": measured, digits half-width) has its line before and that end condensed by the least that sets them on one line (at most 1 pt
a character; the pulled-up line's characters then no longer stand under those of the line above, drifting by up to
a character and a half by its end), else the line before expanded so its last pieces go down ("…解读材" /
"料15篇。"). The break is layout,
not text: the review copy leaves it out (:func:`assistant.addresses.join_layout_breaks`), and so do the readers when
a paragraph's breaks are exactly those the renderer makes for its text (:func:`body_line_breaks`,
:func:`assistant.readers.rendered.join_rendered_breaks`). It goes stale when the paragraph is edited in Word, and with
a Latin font of other widths in place of Times New Roman (DejaVu Serif, on a machine without Liberation Serif) the
model's lines are not LibreOffice's. A paragraph may end with a short line. The title breaks between words
(:func:`title_lines`).

The base document is our own (``render/base/``: no template of another program, ``compatibilityMode`` 15, the
application named 年报助手, only the fonts and styles this module uses). Fonts: every run and every style names its
Chinese font in ``w:eastAsia``. Fonts are not embedded, so the fallback for a machine without the official fonts is
named in the font table (``word/fontTable.xml``) as ``w:altName``: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋,
楷体_GB2312 → 楷体. Word and WPS use the alternative name when the font itself is missing.

Provenance (drafter, model, prompt hash, version, time, report hash) is written as custom document properties
(``docProps/custom.xml``, shown by Word under 文件 → 属性 → 自定义) only when asked (``render(..., provenance=True)``,
``--provenance``): a published file does not tell its readers how it was drafted. :func:`read_provenance` reads it
back; otherwise the findings JSON carries it.
"""

from __future__ import annotations

import copy
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

import docx
from docx.document import Document as DocxDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant.formats import GridCell, TableFormat, load_format
from assistant.model import REPORT_TITLE_TAIL, Amount, Document, Draft, Fallback, Provenance, Section, Tables
from assistant.patterns import lazy_compile
from assistant.render.body_lines import (
    BODY_CJK_SCALE,
    BODY_LINE_PT,
    CHAR_BODY,
    FIRST_INDENT_PT,
    SIZE_BODY,
    SUBHEADING,
    TYPE_AREA_TWIPS,
    body_line_breaks,
    model_runs,
    run_in_heading,
)
from assistant.render.findings import provenance_record
from assistant.render.line_model import Run, line_end_spacing, text_width

# --- typography ---------------------------------------------------------------------------------------------------
FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_H1 = "黑体"
FONT_H2 = "楷体_GB2312"
FONT_TABLE = "宋体"
FONT_PAGE = "宋体"
FONT_LATIN = "Times New Roman"
FONT_FALLBACKS = {FONT_TITLE: "宋体", FONT_BODY: "仿宋", FONT_H2: "楷体"}

SIZE_TITLE = 44  # half-points: 2号 22 pt
SIZE_PAGE = 28  # 4号 14 pt
SIZE_TABLE = 21  # 五号 10.5 pt
SIZE_TABLE_VALUE = 18  # 小五 9 pt: the figures of tables 三 and 四, so that five digits fit their narrow columns
DIGIT_EM = 0.64  # a digit's advance in DejaVu Serif, LibreOffice's fallback for Times New Roman (0.5)
SIZE_COMMENT = 21  # 五号 10.5 pt
LINE_BODY = 579  # twips: exact 28.95 pt, the grid's pitch: 22 lines fill the 225 mm type area
LINE_TITLE = 700  # exact 35 pt for the 22 pt title
TABLE_SPACE_AFTER = 290  # twips: half a line of air between a table and the heading or text below it

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_DISTANCE = Mm(23)  # page number line 7 mm below the type area (35 mm − 7 mm − one 4号 line)
BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
TABLE_CELL_MARGIN = 28  # twips (0.5 mm) left and right: the narrow value columns need the room
GROUP_LABEL_MARGIN = 57  # twips (1 mm) left and right of table 三's second label column ("（三）不予公开")
ROW_MIN_HEIGHT = 300  # twips (5.3 mm): a little air around one line of 五号

# Column widths in mm (each table fills the 156 mm type area). At 五号 with 0.5 mm cell margins a column of n mm
# holds (n × 2.835 − 2.8) / 10.5 characters: table 三's label columns hold 3 ("本年度"), 7 ("（三）不予公开", 25.9 mm,
# in a 29 mm column with 1 mm margins: it touched the borders of a 27 mm one) and 9 ("2.其他法律行政法规", 32.4 mm,
# a digit and its dot taking about one character) characters, 自然人 3 and the other value columns 2 ("商业/企业",
# "社会/公益/组织"). Figures of tables 三 and 四 are 小五: five digits fit every value column
# even in the wide digits of a fallback font (DejaVu Serif, 5.7 pt a digit), table 四 with no cell margins; six or
# seven digits are narrowed to fit (:func:`figure_scale`).
T2_WIDTHS_MM = (48, 36, 36, 36)
T3_WIDTHS_MM = (12.5, 29, 34, 12.5) + (11.3,) * 6
T4_WIDTHS_MM = (10.4,) * 15
TABLE_WIDTHS_MM = {"t2": T2_WIDTHS_MM, "t3": T3_WIDTHS_MM, "t4": T4_WIDTHS_MM}

# Where long official labels break inside their cells (at word boundaries; "|" is a line break). A label not listed
# wraps where its column ends. Applied only to the label exactly as the format spells it.
LABEL_LINES = (
    "三、|本年度|办理|结果",
    "（本列数据的勾稽关系为：|第一项加第二项之和，|等于第三项加第四项之和）",
    "（二）部分公开（区分处理的，|只计这一情形，不计其他情形）",
    "2.其他法律行政法规|禁止公开",
    "3.危及|“三安全一稳定”",
    "4.保护第三方|合法权益",
    "5.属于三类|内部事务信息",
    "6.属于四类|过程性信息",
    "1.本机关不掌握|相关政府信息",
    "2.没有现成信息|需要另行制作",
    "3.补正后申请内容|仍不明确",
    "1.信访举报投诉类|申请",
    "3.要求提供|公开出版物",
    "4.无正当理由|大量反复申请",
    "5.要求行政机关|确认或重新出具|已获取信息",
    # (（六） 1. and 2.: "行政机关不再处理其" is 9 characters, one more than the 34 mm column holds: "其" stood alone)
    "1.申请人无正当理由|逾期不补正、|行政机关|不再处理其|政府信息公开申请",
    "2.申请人逾期|未按收费通知|要求缴纳费用、|行政机关|不再处理其|政府信息公开申请",
)
_LABEL_LINES = {line.replace("|", ""): tuple(line.split("|")) for line in LABEL_LINES}

CUSTOM_PROPS_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PROPERTY_PREFIX = "nianbao."

_PLACEHOLDER = lazy_compile(r"〔待补[^〕]*〕")
_NOT_XML = lazy_compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_DATE_LINE = lazy_compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")
_TITLE_SPLIT = lazy_compile(rf"^(.+?)(\d{{4}}年度?{REPORT_TITLE_TAIL})$")


@dataclass
class Rendered:
    """The document and where each part of the report landed (the review copy anchors comments there)."""

    document: DocxDocument
    title: Paragraph | None = None
    headings: dict[str, Paragraph] = field(default_factory=dict)  # section key (or heading) -> heading paragraph
    paragraphs: dict[tuple[str, int], Paragraph] = field(default_factory=dict)  # textview (section, index)
    cells: dict[str, _Cell] = field(default_factory=dict)  # value cell path -> cell
    label_cells: dict[str, _Cell] = field(default_factory=dict)  # "t3:（四）无法提供" -> label cell
    tables: dict[str, Table] = field(default_factory=dict)  # "t2"/"t3"/"t4" -> table


# --- low-level XML ------------------------------------------------------------------------------------------------


def _el(tag: str, **attrs: str) -> Any:
    """An element with ``w:`` attributes, set in the order given."""
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(f"w:{k}"), v)
    return el


def _rfonts(east_asia: str, latin: str = FONT_LATIN) -> Any:
    # hint: curly quotes and dashes take the Chinese font
    return _el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def _rpr(east_asia: str, size: int, latin: str = FONT_LATIN, highlight: str | None = None,
         scale: int = 100, spacing: int = 0) -> Any:
    """A run property element in schema order: rFonts, spacing, w, sz, szCs, highlight."""
    rpr = OxmlElement("w:rPr")
    rpr.append(_rfonts(east_asia, latin))
    if spacing:
        rpr.append(_el("w:spacing", val=str(spacing)))
    if scale != 100:
        rpr.append(_el("w:w", val=str(scale)))
    for tag in ("w:sz", "w:szCs"):
        rpr.append(_el(tag, val=str(size)))
    if highlight:
        rpr.append(_el("w:highlight", val=highlight))
    return rpr


@dataclass(frozen=True)
class RunStyle:
    east_asia: str
    size: int
    latin: str = FONT_LATIN
    scale: int = 100  # character width in percent (w:w)
    spacing: int = 0  # twips after each character (w:spacing; negative: condensed)


@cache
def _rpr_template(style: RunStyle, highlight: str | None = None) -> Any:
    return _rpr(style.east_asia, style.size, style.latin, highlight, style.scale, style.spacing)


TITLE_RUN = RunStyle(FONT_TITLE, SIZE_TITLE)
BODY_RUN = RunStyle(FONT_BODY, SIZE_BODY)
BODY_CJK_RUN = RunStyle(FONT_BODY, SIZE_BODY, scale=BODY_CJK_SCALE)
H1_RUN = RunStyle(FONT_H1, SIZE_BODY)
H2_RUN = RunStyle(FONT_H2, SIZE_BODY)
TABLE_RUN = RunStyle(FONT_TABLE, SIZE_TABLE)
PAGE_RUN = RunStyle(FONT_PAGE, SIZE_PAGE, latin=FONT_PAGE)  # 4号半角宋体 digits


@cache
def _run_prototype(style: RunStyle, highlight: str | None = None) -> Any:
    r = OxmlElement("w:r")
    r.append(copy.deepcopy(_rpr_template(style, highlight)))
    r.append(OxmlElement("w:t"))
    return r


def append_run(p_el: Any, text: str, style: RunStyle, highlight: str | None = None) -> Any:
    """Append a run with the style's fonts (``w:eastAsia`` included) to a ``w:p`` element."""
    r = copy.deepcopy(_run_prototype(style, highlight))
    t = r[1]
    text = _NOT_XML.sub("", text)
    if text:
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    else:
        r.remove(t)
    p_el.append(r)
    return r


_LATIN = lazy_compile(r"[\x00-\x7f]+")


def _add_text(p_el: Any, text: str, style: RunStyle, spacing: int = 0) -> None:
    """Runs for ``text``; 〔待补：…〕 placeholders are highlighted so staff see what to fill in.

    In body text, Chinese characters are set 97% wide and Latin letters and digits at full width (see
    :data:`BODY_CJK_SCALE`), so the text is split into runs of each. No invisible characters are added (addresses
    are kept on one line by :func:`_body_paragraph`'s line breaks).
    """

    cjk_style = replace(BODY_CJK_RUN, spacing=spacing)
    latin_style = replace(style, spacing=spacing)

    def emit(chunk: str, highlight: str | None) -> None:
        if style != BODY_RUN or not chunk:
            append_run(p_el, chunk, latin_style, highlight)
            return
        pos = 0
        for m in _LATIN.finditer(chunk):
            if m.start() > pos:
                append_run(p_el, chunk[pos:m.start()], cjk_style, highlight)
            append_run(p_el, m.group(0), latin_style, highlight)
            pos = m.end()
        if pos < len(chunk):
            append_run(p_el, chunk[pos:], cjk_style, highlight)

    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            emit(text[pos:m.start()], None)
        emit(m.group(0), "yellow")
        pos = m.end()
    if pos < len(text) or not text:
        emit(text[pos:], None)


def _ppr(style_id: str | None = None, jc: str | None = None, first_chars: int | None = None,
         right_chars: int | None = None) -> Any:
    """Paragraph properties in schema order: pStyle, ind, jc."""
    ppr = OxmlElement("w:pPr")
    if style_id:
        ppr.append(_el("w:pStyle", val=style_id))
    ind: dict[str, str] = {}
    if right_chars is not None:
        ind.update(rightChars=str(right_chars), right=str(right_chars * CHAR_BODY // 100))
    if first_chars is not None:
        ind.update(firstLineChars=str(first_chars), firstLine=str(first_chars * CHAR_BODY // 100))
    if ind:
        ppr.append(_el("w:ind", **ind))
    if jc:
        ppr.append(_el("w:jc", val=jc))
    return ppr


def _new_paragraph(body: Any, ppr: Any) -> Any:
    p = OxmlElement("w:p")
    p.append(ppr)
    body.insert_element_before(p, "w:sectPr")
    return p


# --- the base document (styles, page, footers, fonts), prepared once ----------------------------------------------

BASE_DIR = Path(__file__).with_name("base")  # our own package: content types, settings, empty styles and fonts


def _style(kind: str, style_id: str, name: str, rpr: Any | None, ppr_items: Iterable[Any] = (),
           based_on: str | None = "Normal", default: bool = False) -> Any:
    """A ``w:style`` element with our paragraph and run properties (children in schema order)."""
    st = _el("w:style", type=kind, styleId=style_id)
    if default:
        st.set(qn("w:default"), "1")
    st.append(_el("w:name", val=name))
    if based_on:
        st.append(_el("w:basedOn", val=based_on))
    st.append(OxmlElement("w:qFormat"))
    items = list(ppr_items)
    if items:
        ppr = OxmlElement("w:pPr")
        for item in items:
            ppr.append(item)
        st.append(ppr)
    if rpr is not None:
        st.append(rpr)
    return st


def _spacing(line: int, before: int = 0, after: int = 0, rule: str = "exact") -> Any:
    return _el("w:spacing", before=str(before), after=str(after), line=str(line), lineRule=rule)


def _no_indent() -> Any:
    return _el("w:ind", firstLineChars="0", firstLine="0")


def _with_char_spacing(rpr: Any, twips: int) -> Any:
    """``rpr`` with a ``w:spacing`` (character spacing) in its schema place, before ``w:sz``."""
    rpr.find(qn("w:sz")).addprevious(_el("w:spacing", val=str(twips)))
    return rpr


def _build_styles(document: DocxDocument) -> None:
    """Our styles: the document defaults and only the styles this module uses."""
    styles = document.styles.element
    defaults = OxmlElement("w:docDefaults")
    rpr_default = OxmlElement("w:rPrDefault")
    rpr = _rpr(FONT_BODY, SIZE_BODY)
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.append(rpr)
    ppr_default = OxmlElement("w:pPrDefault")
    ppr_default.append(_el("w:pPr"))
    ppr_default[0].append(_spacing(LINE_BODY))
    defaults.append(rpr_default)
    defaults.append(ppr_default)
    styles.append(defaults)

    def ind(chars: int) -> Any:
        return _el("w:ind", firstLineChars=str(chars * 100), firstLine=str(chars * CHAR_BODY))

    def unsnapped(line: int, after: int = 0, rule: str = "exact") -> list[Any]:
        # off the document grid: a 10.5 pt table line or a 22 pt title line takes its own height, not grid lines
        return [_el("w:snapToGrid", val="0"), _spacing(line, after=after, rule=rule)]

    body_rpr = _rpr(FONT_BODY, SIZE_BODY)
    for st in (
        _style("paragraph", "Normal", "Normal", body_rpr,
               [_el("w:widowControl"), _el("w:overflowPunct"), _spacing(LINE_BODY), ind(2), _el("w:jc", val="both")],
               based_on=None, default=True),
        _style("character", "DefaultParagraphFont", "Default Paragraph Font", None, based_on=None, default=True),
        _style("paragraph", "Title", "Title", _rpr(FONT_TITLE, SIZE_TITLE),
               [*unsnapped(LINE_TITLE, after=LINE_BODY), _no_indent(), _el("w:jc", val="center"),
                _el("w:outlineLvl", val="9")]),
        _style("paragraph", "Heading1", "heading 1", _rpr(FONT_H1, SIZE_BODY),
               [_el("w:keepNext"), _spacing(LINE_BODY), ind(2), _el("w:jc", val="left"), _el("w:outlineLvl", val="0")]),
        _style("paragraph", "Heading2", "heading 2", _rpr(FONT_H2, SIZE_BODY),
               [_el("w:keepNext"), _spacing(LINE_BODY), ind(2), _el("w:jc", val="left"), _el("w:outlineLvl", val="1")]),
        _style("paragraph", "TableText", "表格文字", _with_char_spacing(_rpr(FONT_TABLE, SIZE_TABLE), 0),
               [*unsnapped(240, rule="auto"), _no_indent(), _el("w:jc", val="center")]),
        _style("paragraph", "Closing", "落款", None, [_no_indent(), _el("w:jc", val="right")]),
        _style("paragraph", "Footer", "footer", _with_char_spacing(_rpr(FONT_PAGE, SIZE_PAGE, FONT_PAGE), 0),
               unsnapped(240, rule="auto")),
    ):
        styles.append(st)
    table_normal = _style("table", "TableNormal", "Normal Table", None, based_on=None, default=True)
    tblpr = OxmlElement("w:tblPr")
    tblpr.append(_el("w:tblInd", w="0", type="dxa"))
    mar = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        mar.append(_el(f"w:{side}", w=str(TABLE_CELL_MARGIN if side in ("left", "right") else 0), type="dxa"))
    tblpr.append(mar)
    table_normal.append(tblpr)
    styles.append(table_normal)


def add_comment_styles(document: DocxDocument) -> None:
    """The styles Word comments use (only the review copy has comments)."""
    styles = document.styles.element
    if styles.find(qn("w:style") + "[@" + qn("w:styleId") + "='CommentText']") is not None:
        return
    styles.append(_style("paragraph", "CommentText", "annotation text", _rpr(FONT_TABLE, SIZE_COMMENT),
                         [*([_el("w:snapToGrid", val="0")]), _spacing(240, rule="auto"), _no_indent(),
                          _el("w:jc", val="left")]))
    styles.append(_style("character", "CommentReference", "annotation reference", _rpr(FONT_TABLE, SIZE_COMMENT),
                         based_on="DefaultParagraphFont"))


def _build_fonts(document: DocxDocument) -> None:
    """The font table: the fonts the document names, the Chinese ones with their fallback as ``w:altName``."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name in (FONT_LATIN, FONT_TITLE, FONT_BODY, FONT_H1, FONT_H2, FONT_TABLE):
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        if name in FONT_FALLBACKS:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": FONT_FALLBACKS[name]})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "00" if name == FONT_LATIN else "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "modern" if name == FONT_H1 else "roman"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(footer_p: Paragraph, align: str) -> None:
    """ "— N —" with a PAGE field, one character in from the outer edge."""
    p = footer_p._p
    for old in p.findall(qn("w:pPr")):
        p.remove(old)
    ppr = _ppr("Footer")
    side = "right" if align == "right" else "left"
    ind = _no_indent()
    ind.set(qn(f"w:{side}Chars"), "100")
    ind.set(qn(f"w:{side}"), str(SIZE_PAGE * 10))
    ppr.append(ind)
    ppr.append(_el("w:jc", val=align))
    p.insert(0, ppr)
    append_run(p, "— ", PAGE_RUN)
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, None), ("end", None)):
        r = append_run(p, "1" if (kind is None and instr is None) else "", PAGE_RUN)
        if kind:
            r.append(_el("w:fldChar", fldCharType=kind))
        elif instr:
            it = OxmlElement("w:instrText")
            it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            it.text = instr
            r.append(it)
    append_run(p, " —", PAGE_RUN)


def _configure_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    _page_number(section.footer.paragraphs[0], "right")  # odd pages
    _page_number(section.even_page_footer.paragraphs[0], "left")


def _base_package() -> bytes:
    """The files of ``render/base/`` as a .docx package."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in BASE_DIR.rglob("*") if p.is_file()):
            z.write(path, path.relative_to(BASE_DIR).as_posix())
    return buf.getvalue()


@cache
def _base_bytes() -> bytes:
    document = docx.Document(io.BytesIO(_base_package()))
    _build_styles(document)
    _build_fonts(document)
    _configure_page(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def new_document() -> DocxDocument:
    """An empty document in official layout (styles, page, footers, fonts)."""
    return docx.Document(io.BytesIO(_base_bytes()))


# --- body ---------------------------------------------------------------------------------------------------------


def default_title(doc: Document) -> str:
    return doc.report.meta.report_title


TITLE_LINE_CHARS = 20  # a 2号 line of the 156 mm type area holds 20 characters
# Word boundaries in an organ name: after a place's unit word (not 区域, 市场, 县级 …), before the organ's own name
_ORGAN_BREAK = lazy_compile(r"(?<=[省市县区州盟旗镇乡道])(?![域政场级委属直辖])|(?=人民政府$|办事处$|管理委员会$)")


def title_lines(title: str) -> list[str]:
    """The title's lines, broken between words (GB/T 9704 7.3.3): the organ name, then the year with
    政府信息公开工作年度报告; an organ name longer than a line breaks after a place name, the lines as even as
    possible. A title typed with line breaks keeps them."""
    if "\n" in title:
        return title.split("\n")
    m = _TITLE_SPLIT.match(title)
    if not m or len(title) <= TITLE_LINE_CHARS:
        return [title]
    organ, rest = m.group(1), m.group(2)
    if len(organ) <= TITLE_LINE_CHARS:
        return [organ, rest]
    cuts = {b.start() for b in _ORGAN_BREAK.finditer(organ)} - {0, len(organ)}
    fitting = [c for c in cuts if c <= TITLE_LINE_CHARS and len(organ) - c <= TITLE_LINE_CHARS]
    if not fitting:
        return [organ, rest]
    cut = min(fitting, key=lambda c: max(c, len(organ) - c))
    return [organ[:cut], organ[cut:], rest]


def _title(r: Rendered, body: Any, title: str) -> None:
    p = _new_paragraph(body, _ppr("Title"))
    lines = title_lines(title)
    for i, line in enumerate(lines):
        if i:
            br = OxmlElement("w:r")
            br.append(copy.deepcopy(_rpr_template(TITLE_RUN, None)))
            br.append(OxmlElement("w:br"))
            p.append(br)
        _add_text(p, line, TITLE_RUN)
    r.title = Paragraph(p, r.document._body)


def _body_paragraph(r: Rendered, body: Any, text: str) -> Paragraph:
    """A body paragraph; a leading "（一）…" heading is set in 楷体 (run-in, or the whole line when short)."""
    if SUBHEADING.match(text) and len(text) <= 30 and "。" not in text.rstrip("。"):
        p = _new_paragraph(body, _ppr("Heading2"))
        _add_text(p, text, H2_RUN)
        return Paragraph(p, r.document._body)
    p = _new_paragraph(body, _ppr())  # justified (the Normal style), addresses kept whole
    run_in = run_in_heading(text)
    runs = model_runs(run_in, text[len(run_in):])
    breaks = body_line_breaks(text)
    spacings = line_end_spacing(runs, BODY_LINE_PT, FIRST_INDENT_PT, breaks, CONDENSE_STEPS_PT, len(run_in))

    def twips_at(offset: int) -> int:  # the spacing of the character at ``offset`` (a later range over an earlier)
        return next((round(s.pt * 20) for s in reversed(spacings) if s.start <= offset < s.end), 0)

    cuts = sorted({*breaks, len(run_in), *(s.start for s in spacings), *(s.end for s in spacings)} - {0, len(text)})
    pos = 0
    for cut in [*cuts, len(text)]:
        if cut > pos:
            chunk = text[pos:cut]
            if pos < len(run_in):
                append_run(p, chunk, replace(H2_RUN, spacing=twips_at(pos)))
            else:
                _add_text(p, chunk, BODY_RUN, twips_at(pos))
        if cut in breaks:
            append_run(p, "", BODY_CJK_RUN).append(OxmlElement("w:br"))
        pos = cut
    return Paragraph(p, r.document._body)


# A paragraph's lone last line ("表。", "15件。": :func:`line_model.is_lone_last_line`, by width) is pulled up onto the line before by condensing that line
# from its start to the paragraph's end, by the least of these (pt after each character; 1 pt is 6% of a character)
CONDENSE_STEPS_PT = tuple(-n / 20 for n in range(1, 21))




CJK_ADVANCE = SIZE_BODY * 10 * BODY_CJK_SCALE / 100  # twips: one Chinese character of the body (15.52 pt)


def _text_twips(text: str) -> float:
    """How wide a line of body text is, as the line model sets it (Times New Roman's Latin advances)."""
    return text_width([Run(text.strip(), SIZE_BODY / 2, BODY_CJK_SCALE)]) * 20


@dataclass(frozen=True)
class ClosingLine:
    """One line of the closing as set: its text, right indent and left indent (None: right-aligned) in twips."""

    text: str
    right: int
    left: int | None = None


# Where a signature too long for its line breaks first: after the organ's own kind of name
_SIGNATURE_BREAK = lazy_compile(r"管理委员会|人民政府|办事处|委员会|管委会")


def _signature_cuts(name: str) -> list[list[int]]:
    """Offsets where a signature may break, best first: after 管理委员会, 人民政府, 办事处, 委员会 or 管委会; then
    between words (after a place name, as the title breaks); then between any two Chinese characters."""
    organ_words = [m.end() for m in _SIGNATURE_BREAK.finditer(name)]
    words = [m.start() for m in _ORGAN_BREAK.finditer(name)]
    anywhere = [i for i in range(1, len(name)) if not name[i - 1].isascii() and not name[i].isascii()]
    return [[c for c in tier if 0 < c < len(name)] for tier in (organ_words, words, anywhere)]


def signature_lines(name: str, room: float) -> list[str]:
    """A signature's lines, each at most ``room`` twips wide: the name whole if it fits; else broken into two lines
    at the best kind of break (:func:`_signature_cuts`) that leaves both fitting, the lines as even as possible; a
    name too long for two lines fills its first line to the last such break and the rest is broken again."""

    def fits(part: str) -> bool:
        return _text_twips(part) <= room

    if fits(name):
        return [name]
    tiers = _signature_cuts(name)
    for tier in tiers:
        two_lines = [c for c in tier if fits(name[:c]) and fits(name[c:])]
        if two_lines:
            cut = min(two_lines, key=lambda c: (max(_text_twips(name[:c]), _text_twips(name[c:])), c))
            return [name[:cut], name[cut:]]
    for tier in tiers:
        first = [c for c in tier if fits(name[:c])]
        if first:
            return [name[:max(first)], *signature_lines(name[max(first):], room)]
    return [name]  # no break at all (a name of Latin letters): left to wrap


def _closing_layout(lines: list[str]) -> list[list[ClosingLine]]:
    """Per closing line, the lines it is set in, after GB/T 9704 7.3.5.2 (a document published without a seal): the
    organ name 右空二字; a name too wide for that (more than 26 characters) in several lines, each 右空二字
    (:func:`signature_lines`); the date on the line below, its first character two characters right of the first
    of the name's last line; a date longer than that allows pushes that line left, so the date keeps two characters
    to the right margin. The date starts at a set place (a left indent), so its digits' width, which differs between
    fonts, never moves it against the name; only the name's width (Chinese characters) decides."""
    two = round(2 * CJK_ADVANCE)
    layout = [[ClosingLine(part, two) for part in signature_lines(line.strip(), TYPE_AREA_TWIPS - two)]
              for line in lines]
    date_i = len(lines) - 1
    if date_i < 1 or not (_DATE_LINE.match(lines[date_i]) or _PLACEHOLDER.fullmatch(lines[date_i].strip())):
        return layout
    name = layout[date_i - 1][-1].text
    name_w = _text_twips(name)
    name_right = max(two, round(2 * two + _text_twips(lines[date_i]) - name_w))
    name_start = TYPE_AREA_TWIPS - name_right - name_w
    layout[date_i - 1][-1] = ClosingLine(name, name_right)
    layout[date_i] = [ClosingLine(lines[date_i].strip(), 0, max(0, round(name_start + two)))]
    return layout


def _closing(r: Rendered, body: Any, lines: list[str]) -> None:
    """Organ name and date at the right (:func:`_closing_layout`); a closing line set in several lines is several
    paragraphs, the first of them standing for it (comments of the review copy go there)."""
    layout = _closing_layout(lines)
    # the signature never stands alone on a page: the text's last lines, the blank line and the name go with it
    last = body.findall(qn("w:p"))[-1] if body.findall(qn("w:p")) else None
    if last is not None and last.getnext() is not None and last.getnext().tag == qn("w:sectPr"):
        last.get_or_add_pPr().keepNext_val = True
    blank = _new_paragraph(body, _ppr("Closing"))
    blank[0].insert(1, OxmlElement("w:keepNext"))
    append_run(blank, "", BODY_RUN)
    set_lines = [(i, line) for i, parts in enumerate(layout) for line in parts]
    for n, (i, line) in enumerate(set_lines):
        ppr = _ppr("Closing", jc=None if line.left is None else "left")
        ppr.insert(1, _el("w:ind", left=str(line.left or 0), right=str(line.right), firstLineChars="0",
                          firstLine="0"))
        p = _new_paragraph(body, ppr)
        if n < len(set_lines) - 1:
            p[0].insert(1, OxmlElement("w:keepNext"))
        _add_text(p, line.text, BODY_RUN)
        r.paragraphs.setdefault(("closing", i), Paragraph(p, r.document._body))


LEAD_KEPT_CHARS = 26 + 28 * 3  # a lead of up to four lines goes with its table


# --- tables -------------------------------------------------------------------------------------------------------


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _cell_text(fmt: TableFormat, tables: Tables, path: str) -> str:
    """A value as its cell shows it: an amount under a header that names the unit (（单位：万元）) is a bare number
    in that unit."""
    value = tables.get(path)
    if value is None:
        return ""
    unit = _header_units(fmt.version).get(path)
    if isinstance(value, Amount) and unit is not None:
        yuan = value.in_yuan()
        number = value.value if yuan is None else yuan / _YUAN_IN[unit]
        return str(Amount(value=number))
    return str(value)


_YUAN_IN = {"元": 1, "万元": 10000}


@cache
def _header_units(version: int) -> dict[str, str]:
    """Table 二's value paths whose column header names a unit -> that unit."""
    fmt = load_format(version)
    return {f"t2.{row.key}.{column.key}": column.unit for block, row, column in fmt.t2_cells() if column.unit}


def _column_twips(widths_mm: tuple[float, ...]) -> list[int]:
    """Column widths in twips, the last column taking what rounding left of the 156 mm type area."""
    widths = [_twips(w) for w in widths_mm]
    widths[-1] += TYPE_AREA_TWIPS - sum(widths)
    return widths


def _cell_margin(key: str) -> int:
    return 0 if key == "t4" else TABLE_CELL_MARGIN  # table 四's fifteen 10.4 mm columns need the room


def figure_scale(figure: str, cell_twips: int) -> int:
    """The character width (percent, ``w:w``) at which a figure of tables 三 and 四 fits its cell on one line: 100
    up to five digits; six or seven digits (a county's 1234567) are narrowed in steps of 5% rather than wrapped or
    set in a smaller 字号. Measured with the widest digits a reader may see (:data:`DIGIT_EM`), one step narrower
    than the exact fit (at the exact fit LibreOffice still wrapped the last digit)."""
    needed = len(figure) * DIGIT_EM * SIZE_TABLE_VALUE / 2 * 20  # twips
    if needed <= cell_twips:
        return 100
    return max(50, int(cell_twips / needed * 20) * 5 - 5)


MAX_KEPT_GROUP = 8  # rows: a group of table 三 up to this long is kept on one page (（三）不予公开 has 8)


def _rows_kept_together(grid: list[GridCell], n_rows: int) -> set[int]:
    """Rows kept with the row below them, so that a page never breaks inside: a block of table 二 (its caption and
    column header, then its rows: a page that goes on with a block's rows shows its columns' header), a group of
    table 三 (the rows of "（四）无法提供" beside its label: the label's merged cell is drawn on the first page only).
    The group "三、本年度办理结果" around all the results is too long to keep."""
    captions = {c.row for c in grid if c.kind == "caption"}
    kept = {row for row in range(n_rows - 1) if captions and row + 1 not in captions}
    for c in grid:
        if c.kind == "label" and 1 < c.rowspan <= MAX_KEPT_GROUP:
            kept |= set(range(c.row, c.row + c.rowspan - 1))
    return kept


@cache
def _skeleton(version: int, key: str) -> tuple[Any, tuple[tuple[int, int, GridCell], ...]]:
    """The empty ``w:tbl`` of one official table (merges as gridSpan/vMerge) and where each grid cell went.

    Built once per format and table, then deep-copied for each document: the layout never changes.
    """
    fmt = load_format(version)
    grid = {"t2": fmt.t2_grid(), "t3": fmt.t3_grid(), "t4": fmt.t4_grid()}[key]
    repeat = key != "t2"  # each block of table 二 has its own caption and header rows
    widths = _column_twips(TABLE_WIDTHS_MM[key])
    tbl = OxmlElement("w:tbl")
    tblpr = OxmlElement("w:tblPr")
    tblpr.append(_el("w:tblW", w=str(TYPE_AREA_TWIPS), type="dxa"))
    tblpr.append(_el("w:jc", val="center"))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{edge}", **BORDER))
    tblpr.append(borders)
    tblpr.append(_el("w:tblLayout", type="fixed"))
    margin = _cell_margin(key)
    mar = OxmlElement("w:tblCellMar")
    mar.append(_el("w:left", w=str(margin), type="dxa"))
    mar.append(_el("w:right", w=str(margin), type="dxa"))
    tblpr.append(mar)
    tblpr.append(_el("w:tblLook", val="0000", firstRow="0", lastRow="0", firstColumn="0", lastColumn="0",
                     noHBand="1", noVBand="1"))
    tbl.append(tblpr)
    tblgrid = OxmlElement("w:tblGrid")
    for w in widths:
        tblgrid.append(_el("w:gridCol", w=str(w)))
    tbl.append(tblgrid)

    origin = {(c.row, c.col): c for c in grid}
    below: dict[tuple[int, int], GridCell] = {}
    for c in grid:
        for dr in range(1, c.rowspan):
            below[(c.row + dr, c.col)] = c
    n_rows = max(c.row + c.rowspan for c in grid)
    n_cols = len(widths)
    # header rows (captions, column headers, the 勾稽 note): kept with the row below them, so a page never ends on
    # a header; a table's leading header rows repeat at the top of each page it runs onto
    head = {row for row in range(n_rows)
            if all(c.kind in ("caption", "header", "note") for c in grid if c.row == row)}
    leading_head = next(row for row in range(n_rows + 1) if row not in head)
    kept_with_next = head | _rows_kept_together(grid, n_rows)
    placed: list[tuple[int, int, GridCell]] = []
    for row in range(n_rows):
        tr = OxmlElement("w:tr")
        trpr = OxmlElement("w:trPr")
        trpr.append(OxmlElement("w:cantSplit"))
        trpr.append(_el("w:trHeight", val=str(ROW_MIN_HEIGHT), hRule="atLeast"))
        if repeat and row < leading_head:
            trpr.append(OxmlElement("w:tblHeader"))
        tr.append(trpr)
        col = 0
        while col < n_cols:
            cell = origin.get((row, col))
            cont = below.get((row, col)) if cell is None else None
            g = cell or cont
            span = g.colspan if g else 1
            tc = OxmlElement("w:tc")
            tcpr = OxmlElement("w:tcPr")
            tcpr.append(_el("w:tcW", w=str(sum(widths[col:col + span])), type="dxa"))
            if span > 1:
                tcpr.append(_el("w:gridSpan", val=str(span)))
            if cont is not None:
                tcpr.append(OxmlElement("w:vMerge"))
            elif cell is not None and cell.rowspan > 1:
                tcpr.append(_el("w:vMerge", val="restart"))
            if g is not None and g.fill and cont is None:
                tcpr.append(_el("w:shd", val="clear", color="auto", fill=g.fill))
            if key == "t3" and col == 1 and cell is not None and cell.kind == "label":
                cell_mar = OxmlElement("w:tcMar")
                cell_mar.append(_el("w:left", w=str(GROUP_LABEL_MARGIN), type="dxa"))
                cell_mar.append(_el("w:right", w=str(GROUP_LABEL_MARGIN), type="dxa"))
                tcpr.append(cell_mar)
            tcpr.append(_el("w:vAlign", val="center"))
            tc.append(tcpr)
            # row labels that sit in the last label column read better flush left
            align = None
            if cell is not None and cell.kind == "label" and span == 1 and col >= 2:
                align = "left"
            if cell is not None and cell.kind == "label" and key == "t3" and col >= 1 and col + span == 3:
                align = "left"
            p = OxmlElement("w:p")
            ppr = _ppr("TableText", jc=align)
            if row in kept_with_next:
                ppr.insert(1, OxmlElement("w:keepNext"))
            p.append(ppr)
            if cell is not None and cell.text and not cell.path:
                for i, line in enumerate(_LABEL_LINES.get(cell.text, (cell.text,))):
                    if i:
                        append_run(p, "", TABLE_RUN).append(OxmlElement("w:br"))
                    append_run(p, line, TABLE_RUN)
            tc.append(p)
            tr.append(tc)
            if cell is not None:
                placed.append((row, len(tr) - 2, cell))  # index among the row's w:tc (after w:trPr)
            col += span
        tbl.append(tr)
    return tbl, tuple(placed)


def _table(r: Rendered, body: Any, key: str, fmt: TableFormat, tables: Tables) -> Table:
    """Table 二, 三 or 四 in official layout, with the report's values (blank cells stay empty)."""
    skeleton, placed = _skeleton(fmt.version, key)
    widths = _column_twips(TABLE_WIDTHS_MM[key])
    tbl = copy.deepcopy(skeleton)
    body.insert_element_before(tbl, "w:sectPr")
    table = Table(tbl, r.document._body)
    rows = tbl.findall(qn("w:tr"))
    for row, index, g in placed:
        tc = rows[row].findall(qn("w:tc"))[index]
        cell_obj = _Cell(tc, table)
        if g.path:
            text = _cell_text(fmt, tables, g.path)
            style = TABLE_RUN
            if key != "t2":
                room = sum(widths[g.col:g.col + g.colspan]) - 2 * _cell_margin(key)
                style = RunStyle(FONT_TABLE, SIZE_TABLE_VALUE, scale=figure_scale(text, room))
            append_run(tc.find(qn("w:p")), text, style)
            r.cells[g.path] = cell_obj
        elif g.text:
            r.label_cells.setdefault(f"{key}:{g.text}", cell_obj)
    r.tables[key] = table
    return table


# --- properties ---------------------------------------------------------------------------------------------------


def _set_properties(r: Rendered, doc: Document, title: str, provenance: Provenance, record: bool) -> None:
    """Title, author (the organ) and dates; the drafting provenance only when ``record`` (a custom property part)."""
    meta = doc.report.meta
    core = r.document.core_properties
    core.title = title  # the core properties are only the title, the author (the organ) and the dates
    core.author = meta.organ_name
    now = (provenance.created or datetime.now(UTC)).replace(microsecond=0)
    core.created = core.modified = now.replace(tzinfo=None)
    if not record:
        return
    root = etree.Element(f"{{{_CP_NS}}}Properties", nsmap={None: _CP_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(provenance_record(doc.report, provenance).items(), start=2):
        prop = etree.SubElement(root, f"{{{_CP_NS}}}property",
                                {"fmtid": _FMTID, "pid": str(pid), "name": PROPERTY_PREFIX + name})
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = r.document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPS_CT, blob, package)
    package.relate_to(part, CUSTOM_PROPS_RT)


def read_properties(source: str | Path | IO[bytes] | DocxDocument) -> dict[str, str]:
    """The custom properties this module wrote (names without the ``nianbao.`` prefix)."""
    document = source if isinstance(source, DocxDocument) else docx.Document(source)  # type: ignore[arg-type]
    out: dict[str, str] = {}
    for rel in document.part.package.rels.values():
        if rel.reltype != CUSTOM_PROPS_RT:
            continue
        root = etree.fromstring(rel.target_part.blob)
        for prop in root.findall(f"{{{_CP_NS}}}property"):
            name = prop.get("name", "")
            if name.startswith(PROPERTY_PREFIX):
                out[name[len(PROPERTY_PREFIX):]] = "".join(prop.itertext())
    return out


def read_provenance(source: str | Path | IO[bytes] | DocxDocument) -> Provenance | None:
    """The drafting provenance recorded in a document made here (None for other documents)."""
    props = read_properties(source)
    if "drafter" not in props:
        return None
    created = props.get("created")
    return Provenance(
        drafter=props["drafter"], model=props.get("model") or None, prompt_hash=props.get("prompt_hash") or None,
        version=props.get("version") or None, created=datetime.fromisoformat(created) if created else None,
        fallbacks=[Fallback.model_validate(f) for f in json.loads(props.get("fallbacks") or "[]")],
    )


# --- entry points -------------------------------------------------------------------------------------------------


def _narrative(doc: Document) -> Draft:
    if doc.narrative is not None:
        return doc.narrative
    fmt = doc.report.fmt
    return Draft(title=default_title(doc), sections=[Section(heading=s.title, key=s.key) for s in fmt.sections])


def _draft_mark(r: Rendered, text: str) -> None:
    """A red line at the top of every page of a document that must not be published as it is."""
    section = r.document.sections[0]
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]._p
        for old in p.findall(qn("w:pPr")):
            p.remove(old)
        p.insert(0, _ppr("TableText"))
        run = append_run(p, text, RunStyle(FONT_H1, SIZE_PAGE))
        run[0].insert(1, _el("w:color", val="C00000"))  # rPr order: rFonts, color, sz


def _space_after_tables(body: Any) -> None:
    """Half a line of air between each table and the paragraph after it (the next section's heading)."""
    for tbl in body.findall(qn("w:tbl")):
        nxt = tbl.getnext()
        if nxt is None or nxt.tag != qn("w:p"):
            continue
        ppr = nxt.get_or_add_pPr()
        anchor = ppr.find(qn("w:keepNext"))
        if anchor is None:
            anchor = ppr.find(qn("w:pStyle"))
        spacing = _el("w:spacing", before=str(TABLE_SPACE_AFTER))
        if anchor is None:
            ppr.insert(0, spacing)
        else:
            anchor.addnext(spacing)


def render(doc: Document, draft_mark: str | None = None, provenance: bool = False) -> Rendered:
    """Build the Word document of a report and its narrative, remembering where each part went.

    ``draft_mark``: a warning printed at the top of every page (for drafts that still have errors).
    ``provenance``: record how the text was drafted in the file's custom properties (off: a published file does
    not show it; the findings JSON has it).
    """
    draft = _narrative(doc)
    fmt = doc.report.fmt
    table_of = {s.key: s.table for s in fmt.sections if s.table}
    r = Rendered(new_document())
    body = r.document.element.body
    title = draft.title or default_title(doc)
    _title(r, body, title)
    for i, text in enumerate(draft.preamble):
        r.paragraphs[("preamble", i)] = _body_paragraph(r, body, text)
    for section in draft.sections:
        key = section.key or section.heading
        p = _new_paragraph(body, _ppr("Heading1"))
        _add_text(p, section.heading, H1_RUN)
        r.headings.setdefault(key, Paragraph(p, r.document._body))
        for i, text in enumerate(section.paragraphs):
            r.paragraphs[(key, i)] = _body_paragraph(r, body, text)
        table_key = table_of.get(section.key or "")
        if table_key and table_key not in r.tables:
            lead = r.paragraphs[(key, len(section.paragraphs) - 1)] if section.paragraphs else None
            _table(r, body, table_key, fmt, doc.report.tables)
            if lead is not None and len(lead.text) <= LEAD_KEPT_CHARS:
                # the lead sentence stays on the page where its table starts. LibreOffice moves a paragraph kept with
                # a table whole, with the heading above it: a longer lead (one that opens with a provision of the
                # 条例) is let go, so the heading and lead never leave a third of a page empty
                lead._p.get_or_add_pPr().keepNext_val = True
    if any(line.strip() for line in draft.closing):
        _closing(r, body, list(draft.closing))  # indices as in textview, for comments on the closing
    _space_after_tables(body)
    if draft_mark:
        _draft_mark(r, draft_mark)
    _set_properties(r, doc, title.replace("\n", ""), draft.provenance, record=provenance)
    return r


def docx_bytes(document: DocxDocument) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
