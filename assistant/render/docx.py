"""The Word document in official layout (GB/T 9704, ``format.md`` §6), built with python-docx.

Layout: A4; margins top 37 / bottom 35 / left 28 / right 26 mm; title 2号 (22 pt) 方正小标宋简体 centred; body 3号
(16 pt) 仿宋_GB2312, exact 28 pt line pitch, first line indented 2 characters; "一、" headings 黑体, "（一）" headings
楷体_GB2312; digits and Latin letters Times New Roman; tables 宋体 10 pt with single borders; page numbers "— N —" in
4号 宋体, odd pages right, even pages left.

Fonts: every run and every style names its Chinese font in ``w:eastAsia`` (theme font attributes are removed, since
they would win). Fonts are not embedded, so the fallback for a machine without the official fonts is named in the
file's font table (``word/fontTable.xml``) as ``w:altName``: 方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋,
楷体_GB2312 → 楷体. Word and WPS use the alternative name when the font itself is missing.

Provenance (drafter, model, prompt hash, version, time, report hash) is written as custom document properties
(``docProps/custom.xml``, shown by Word under 文件 → 属性 → 自定义) and read back by :func:`read_provenance`.
"""

from __future__ import annotations

import copy
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import IO, Any

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant import __version__
from assistant.formats import GridCell, TableFormat, load_format
from assistant.model import REPORT_TITLE_TAIL, Document, Draft, Fallback, Provenance, Section, Tables

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
SIZE_BODY = 32  # 3号 16 pt
SIZE_PAGE = 28  # 4号 14 pt
SIZE_TABLE = 20  # 10 pt
SIZE_COMMENT = 21  # 五号 10.5 pt
LINE_BODY = 560  # twips: exact 28 pt
LINE_TITLE = 700  # exact 35 pt for the 22 pt title
CHAR_BODY = 320  # twips of one 3号 character (first-line indent fallback)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_DISTANCE = Mm(23)  # page number line 7 mm below the type area (35 mm − 7 mm − one 4号 line)
TYPE_AREA_TWIPS = 8844  # 版心 156 mm
BORDER = {"val": "single", "sz": "4", "space": "0", "color": "000000"}
TABLE_CELL_MARGIN = 28  # twips (0.5 mm) left and right: the narrow value columns need the room
ROW_MIN_HEIGHT = 300  # twips (5.3 mm): a little air around one line of 10 pt

# Column widths in mm (each table fills the 156 mm type area).
T2_WIDTHS_MM = (48, 36, 36, 36)
T3_WIDTHS_MM = (12, 26, 51.5) + (9.5,) * 7
T4_WIDTHS_MM = (10.4,) * 15

CUSTOM_PROPS_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
PROPERTY_PREFIX = "nianbao."
STYLES_WITH_EFFECTS_RT = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

_SUBHEADING = re.compile(r"^（[一二三四五六七八九十]{1,3}）")
_SUBHEADING_RUN_IN = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。：:！？，；\n]{1,24}[。：:]")
_PLACEHOLDER = re.compile(r"〔待补[^〕]*〕")
_LONG_LATIN = re.compile(r"[!-~]{20,}")  # e.g. an e-mail address or URL
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_DATE_LINE = re.compile(r"^\s*\d{4}年\d{1,2}月\d{1,2}日\s*$")
_TITLE_SPLIT = re.compile(rf"^(.+?)(\d{{4}}年度?{REPORT_TITLE_TAIL})$")


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


def _rpr(east_asia: str, size: int, latin: str = FONT_LATIN, highlight: str | None = None) -> Any:
    """A run property element in schema order: rFonts, sz, szCs, highlight."""
    rpr = OxmlElement("w:rPr")
    rpr.append(_rfonts(east_asia, latin))
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


@cache
def _rpr_template(style: RunStyle, highlight: str | None = None) -> Any:
    return _rpr(style.east_asia, style.size, style.latin, highlight)


TITLE_RUN = RunStyle(FONT_TITLE, SIZE_TITLE)
BODY_RUN = RunStyle(FONT_BODY, SIZE_BODY)
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


def _add_text(p_el: Any, text: str, style: RunStyle) -> None:
    """Runs for ``text``; 〔待补：…〕 placeholders are highlighted so staff see what to fill in."""
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            append_run(p_el, text[pos:m.start()], style)
        append_run(p_el, m.group(0), style, highlight="yellow")
        pos = m.end()
    if pos < len(text) or not text:
        append_run(p_el, text[pos:], style)


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


# --- the base document (styles, page, footers, fonts, settings), prepared once ------------------------------------


def _set_style(style_el: Any, rpr: Any, ppr_items: Iterable[Any] = ()) -> None:
    """Replace a style's pPr and rPr with ours (drops theme fonts, colours, borders of the template)."""
    for tag in ("w:pPr", "w:rPr"):
        for old in style_el.findall(qn(tag)):
            style_el.remove(old)
    items = list(ppr_items)
    if items:
        ppr = OxmlElement("w:pPr")
        for item in items:
            ppr.append(item)
        style_el.append(ppr)
    style_el.append(rpr)


def _spacing(line: int, before: int = 0, after: int = 0) -> Any:
    return _el("w:spacing", before=str(before), after=str(after), line=str(line), lineRule="exact")


def _configure_styles(document: DocxDocument) -> None:
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    rpr = _rpr(FONT_BODY, SIZE_BODY)
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.remove(rpr_default[0])
    rpr_default.append(rpr)
    ppr_default = defaults.find(qn("w:pPrDefault"))
    ppr_default.remove(ppr_default[0])
    ppr_default.append(_el("w:pPr"))
    ppr_default[0].append(_spacing(LINE_BODY))

    def ind(chars: int) -> Any:
        return _el("w:ind", firstLineChars=str(chars * 100), firstLine=str(chars * CHAR_BODY))

    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    _set_style(by_id["Normal"], _rpr(FONT_BODY, SIZE_BODY),
               [_el("w:widowControl", val="0"), _el("w:wordWrap", val="0"), _spacing(LINE_BODY), ind(2),
                _el("w:jc", val="both")])
    _set_style(by_id["Title"], _rpr(FONT_TITLE, SIZE_TITLE),
               [_spacing(LINE_TITLE, after=LINE_BODY), _el("w:ind", firstLineChars="0", firstLine="0"),
                _el("w:jc", val="center"), _el("w:outlineLvl", val="9")])
    _set_style(by_id["Heading1"], _rpr(FONT_H1, SIZE_BODY),
               [_el("w:keepNext"), _spacing(LINE_BODY), ind(2), _el("w:outlineLvl", val="0")])
    _set_style(by_id["Heading2"], _rpr(FONT_H2, SIZE_BODY),
               [_el("w:keepNext"), _spacing(LINE_BODY), ind(2), _el("w:outlineLvl", val="1")])
    # Our own styles: table text and closing.
    for style_id, name, ppr_items, run in (
        ("TableText", "表格文字", [_el("w:spacing", before="0", after="0", line="240", lineRule="auto"),
                                  _el("w:ind", firstLineChars="0", firstLine="0"), _el("w:jc", val="center")],
         _rpr(FONT_TABLE, SIZE_TABLE)),
        ("Closing", "落款", [_el("w:ind", firstLineChars="0", firstLine="0"), _el("w:jc", val="right")],
         _rpr(FONT_BODY, SIZE_BODY)),
        ("CommentText", "annotation text", [_el("w:spacing", before="0", after="0", line="240", lineRule="auto"),
                                            _el("w:ind", firstLineChars="0", firstLine="0"), _el("w:jc", val="left")],
         _rpr(FONT_TABLE, SIZE_COMMENT)),
        ("CommentReference", "annotation reference", [], _rpr(FONT_TABLE, SIZE_COMMENT)),
    ):
        kind = "character" if style_id == "CommentReference" else "paragraph"
        st = _el("w:style", type=kind, styleId=style_id)
        st.append(_el("w:name", val=name))
        st.append(_el("w:basedOn", val="Normal" if kind == "paragraph" else "DefaultParagraphFont"))
        st.append(_el("w:qFormat"))
        _set_style(st, run, ppr_items)
        styles.append(st)
    # Every other style (and table-style parts): explicit Chinese font, no theme fonts.
    for st in styles.findall(qn("w:style")):
        for rpr in st.iter(qn("w:rPr")):
            rf = rpr.find(qn("w:rFonts"))
            if rf is None:
                rf = OxmlElement("w:rFonts")
                rpr.insert(0, rf)
            for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                rf.attrib.pop(qn(f"w:{attr}"), None)
            if rf.get(qn("w:eastAsia")) is None:
                rf.set(qn("w:eastAsia"), FONT_BODY)
            if rf.get(qn("w:ascii")) is None:
                rf.set(qn("w:ascii"), FONT_LATIN)
                rf.set(qn("w:hAnsi"), FONT_LATIN)


def _configure_fonts(document: DocxDocument) -> None:
    """Declare the Chinese fonts in the font table, with the fallback as ``w:altName``."""
    part = next(p for p in document.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(part.blob)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name in (FONT_TITLE, FONT_BODY, FONT_H1, FONT_H2, FONT_TABLE):
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        if name in FONT_FALLBACKS:
            etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": FONT_FALLBACKS[name]})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})  # GB2312
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "modern" if name == FONT_H1 else "roman"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _page_number(footer_p: Paragraph, align: str) -> None:
    """ "— N —" with a PAGE field, one character in from the outer edge."""
    p = footer_p._p
    for old in p.findall(qn("w:pPr")):
        p.remove(old)
    ppr = OxmlElement("w:pPr")
    ppr.append(_el("w:spacing", before="0", after="0", line="240", lineRule="auto"))
    side = "right" if align == "right" else "left"
    ind = _el("w:ind", firstLineChars="0", firstLine="0")
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
    document.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    _page_number(section.footer.paragraphs[0], "right")  # odd pages
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.even_page_footer.paragraphs[0], "left")
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def _drop_template_leftovers(document: DocxDocument) -> None:
    """python-docx's template carries a thumbnail of another document and Word 2010 style effects: drop them."""
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    for rid, rel in list(document.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS_RT:
            del document.part.rels[rid]


@cache
def _base_bytes() -> bytes:
    document = docx.Document()
    _drop_template_leftovers(document)
    _configure_styles(document)
    _configure_fonts(document)
    _configure_page(document)
    body = document.element.body
    for p in body.findall(qn("w:p")):  # the template's empty first paragraph
        body.remove(p)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def new_document() -> DocxDocument:
    """An empty document in official layout (styles, page, footers, fonts)."""
    return docx.Document(io.BytesIO(_base_bytes()))


# --- body ---------------------------------------------------------------------------------------------------------


def default_title(doc: Document) -> str:
    return doc.report.meta.report_title


def _title(r: Rendered, body: Any, title: str) -> None:
    p = _new_paragraph(body, _ppr("Title"))
    lines = title.split("\n")
    if len(lines) == 1:
        m = _TITLE_SPLIT.match(title)
        if m and len(title) > 20:  # a 2号 line holds about 20 characters: organ name / year and title
            lines = [m.group(1), m.group(2)]
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
    if _SUBHEADING.match(text) and len(text) <= 30 and "。" not in text.rstrip("。"):
        p = _new_paragraph(body, _ppr("Heading2"))
        _add_text(p, text, H2_RUN)
        return Paragraph(p, r.document._body)
    # A long unbreakable address (URL, e-mail) would stretch the line before it where the viewer cannot break it
    # inside a word (LibreOffice); flush left avoids that, Word and WPS break it anyway (w:wordWrap="0").
    p = _new_paragraph(body, _ppr(jc="left" if _LONG_LATIN.search(text) else None))
    m = _SUBHEADING_RUN_IN.match(text) or _SUBHEADING.match(text)
    if m:
        append_run(p, m.group(0), H2_RUN)
        rest = text[m.end():]
        if rest:
            _add_text(p, rest, BODY_RUN)
    else:
        _add_text(p, text, BODY_RUN)
    return Paragraph(p, r.document._body)


def _closing(r: Rendered, body: Any, lines: list[str]) -> None:
    """Organ name and date at the right; the date 右空四字, the name centred over it (GB/T 9704 7.3.5)."""

    def width(s: str) -> float:  # in 3号 characters: digits are half width
        return sum(0.5 if ch.isascii() else 1 for ch in s.strip())

    date_i = next((i for i, s in enumerate(lines) if _DATE_LINE.match(s)), None)
    right = {i: 400 for i in range(len(lines))}
    if date_i is not None and date_i > 0:
        name_w, date_w = width(lines[date_i - 1]), width(lines[date_i])
        date_right = 4.0 if name_w <= date_w + 4 else 2.0
        right[date_i] = int(date_right * 100)
        right[date_i - 1] = max(0, int((date_right + (date_w - name_w) / 2) * 100))
    blank = _new_paragraph(body, _ppr("Closing"))
    append_run(blank, "", BODY_RUN)
    for i, line in enumerate(lines):
        p = _new_paragraph(body, _ppr("Closing", right_chars=right[i]))
        _add_text(p, line.strip(), BODY_RUN)
        r.paragraphs[("closing", i)] = Paragraph(p, r.document._body)


# --- tables -------------------------------------------------------------------------------------------------------


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _cell_text(tables: Tables, path: str) -> str:
    value = tables.get(path)
    return "" if value is None else str(value)


@cache
def _skeleton(version: int, key: str) -> tuple[Any, tuple[tuple[int, int, GridCell], ...]]:
    """The empty ``w:tbl`` of one official table (merges as gridSpan/vMerge) and where each grid cell went.

    Built once per format and table, then deep-copied for each document: the layout never changes.
    """
    fmt = load_format(version)
    grid, widths_mm, header_rows = {
        "t2": (fmt.t2_grid(), T2_WIDTHS_MM, 0),
        "t3": (fmt.t3_grid(), T3_WIDTHS_MM, 3),
        "t4": (fmt.t4_grid(), T4_WIDTHS_MM, 3),
    }[key]
    widths = [_twips(w) for w in widths_mm]
    widths[-1] += TYPE_AREA_TWIPS - sum(widths)
    tbl = OxmlElement("w:tbl")
    tblpr = OxmlElement("w:tblPr")
    tblpr.append(_el("w:tblW", w=str(TYPE_AREA_TWIPS), type="dxa"))
    tblpr.append(_el("w:jc", val="center"))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(f"w:{edge}", **BORDER))
    tblpr.append(borders)
    tblpr.append(_el("w:tblLayout", type="fixed"))
    mar = OxmlElement("w:tblCellMar")
    mar.append(_el("w:left", w=str(TABLE_CELL_MARGIN), type="dxa"))
    mar.append(_el("w:right", w=str(TABLE_CELL_MARGIN), type="dxa"))
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
    placed: list[tuple[int, int, GridCell]] = []
    for row in range(n_rows):
        tr = OxmlElement("w:tr")
        trpr = OxmlElement("w:trPr")
        trpr.append(OxmlElement("w:cantSplit"))
        trpr.append(_el("w:trHeight", val=str(ROW_MIN_HEIGHT), hRule="atLeast"))
        if row < header_rows:
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
            if row < n_rows - 1:  # keep the table on one page when it fits (Word: all rows but the last)
                ppr.insert(1, OxmlElement("w:keepNext"))
            p.append(ppr)
            if cell is not None and cell.text and not cell.path:
                append_run(p, cell.text, TABLE_RUN)
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
    tbl = copy.deepcopy(skeleton)
    body.insert_element_before(tbl, "w:sectPr")
    table = Table(tbl, r.document._body)
    rows = tbl.findall(qn("w:tr"))
    for row, index, g in placed:
        tc = rows[row].findall(qn("w:tc"))[index]
        cell_obj = _Cell(tc, table)
        if g.path:
            append_run(tc.find(qn("w:p")), _cell_text(tables, g.path), TABLE_RUN)
            r.cells[g.path] = cell_obj
        elif g.text:
            r.label_cells.setdefault(f"{key}:{g.text}", cell_obj)
    r.tables[key] = table
    return table


# --- properties ---------------------------------------------------------------------------------------------------


def _provenance_items(doc: Document, provenance: Provenance) -> dict[str, str]:
    created = provenance.created or datetime.now(UTC)
    items = {
        "drafter": provenance.drafter,
        "model": provenance.model or "",
        "prompt_hash": provenance.prompt_hash or "",
        "version": provenance.version or __version__,
        "created": created.isoformat(),
        "report_hash": doc.report.content_hash(),
    }
    if provenance.fallbacks:  # parts of a model's draft written by the template instead
        items["fallbacks"] = json.dumps([f.model_dump() for f in provenance.fallbacks], ensure_ascii=False)
    return items


def _set_properties(r: Rendered, doc: Document, title: str, provenance: Provenance) -> None:
    meta = doc.report.meta
    core = r.document.core_properties
    core.title = title
    core.author = meta.organ_name
    core.last_modified_by = meta.organ_name
    core.subject = REPORT_TITLE_TAIL
    core.keywords = f"政府信息公开;年度报告;{meta.year}"
    core.category = REPORT_TITLE_TAIL
    core.language = "zh-CN"
    core.comments = f"由年报助手 {__version__} 生成（起草方式：{provenance.drafter}）"
    core.revision = 1
    now = (provenance.created or datetime.now(UTC)).replace(microsecond=0)
    core.created = core.modified = now.replace(tzinfo=None)
    root = etree.Element(f"{{{_CP_NS}}}Properties", nsmap={None: _CP_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(_provenance_items(doc, provenance).items(), start=2):
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


def render(doc: Document, draft_mark: str | None = None) -> Rendered:
    """Build the Word document of a report and its narrative, remembering where each part went.

    ``draft_mark``: a warning printed at the top of every page (for drafts that still have errors).
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
            if section.paragraphs:  # the lead sentence stays on the page where its table starts
                r.paragraphs[(key, len(section.paragraphs) - 1)]._p.get_or_add_pPr().keepNext_val = True
            _table(r, body, table_key, fmt, doc.report.tables)
    if any(line.strip() for line in draft.closing):
        _closing(r, body, list(draft.closing))  # indices as in textview, for comments on the closing
    if draft_mark:
        _draft_mark(r, draft_mark)
    _set_properties(r, doc, title.replace("\n", ""), draft.provenance)
    return r


def render_docx(doc: Document) -> DocxDocument:
    """The Word document of a report (python-docx object; save it with ``.save(path)``)."""
    return render(doc).document


def docx_bytes(document: DocxDocument) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
