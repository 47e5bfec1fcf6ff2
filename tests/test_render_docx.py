"""The Word document in official layout, read back with python-docx."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from assistant.formats import GridCell, section_titles
from assistant.model import Amount, Document, Fallback, Report
from assistant.readers.inputfile import load_report
from assistant.render.docx import (
    LABEL_LINES,
    T3_WIDTHS_MM,
    TABLE_CELL_MARGIN,
    figure_scale,
    read_properties,
    read_provenance,
    render,
)
from assistant.render.line_model import Run, text_width
from tests.conftest import EXAMPLES
from tests.handmade import handmade_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _saved(tmp_path: Path, report: Report, provenance: bool = False) -> docx.document.Document:
    doc = Document(report=report, draft=handmade_draft(report))
    path = tmp_path / "out.docx"
    render(doc, provenance=provenance).document.save(path)
    return docx.Document(path)


def text(p) -> str:
    """A paragraph's or run's text."""
    return p.text


INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")  # zero-width and joiner characters


@pytest.fixture(scope="module")
def zhuting() -> Report:
    return load_report(EXAMPLES / "zhuting-2020.yaml")


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def read_grid(table) -> list[tuple[int, int, str]]:
    """(row, grid column, text) of each cell, merged cells counted once (de-duplicated by their ``_tc``)."""
    seen: set = set()
    out = []
    for i, row in enumerate(table.rows):
        for j, cell in enumerate(row.cells):
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            out.append((i, j, cell.text.replace("\n", "")))  # long labels break at set places
    return out


def expected_grid(report: Report, grid: list[GridCell]) -> list[tuple[int, int, str]]:
    def text(c: GridCell) -> str:
        if c.path is None:
            return c.text
        value = report.tables.get(c.path)
        if isinstance(value, Amount) and c.path == "t2.admin_fees.fee_amount":  # header: （单位：万元）
            assert value.unit == "万元"
            return str(Amount(value=value.value))
        return "" if value is None else str(value)

    return sorted((c.row, c.col, text(c)) for c in grid)


@pytest.mark.parametrize("name", ["zhuting", "sample"])
def test_six_titles_in_order_and_three_tables_cell_for_cell(tmp_path, request, name):
    report: Report = request.getfixturevalue(name)
    out = _saved(tmp_path, report)
    headings = [p.text for p in out.paragraphs if p.style.style_id == "Heading1"]
    assert headings == list(section_titles())
    assert len(out.tables) == 3
    fmt = report.fmt
    for table, grid in zip(out.tables, (fmt.t2_grid(), fmt.t3_grid(), fmt.t4_grid()), strict=True):
        assert read_grid(table) == expected_grid(report, grid)
        # every merged region is one cell
        for c in grid:
            tcs = {table.cell(c.row + dr, c.col + dc)._tc for dr in range(c.rowspan) for dc in range(c.colspan)}
            assert len(tcs) == 1, (c.row, c.col, c.text)


def test_tables_hold_the_examples_figures(tmp_path, zhuting, sample):
    t2, t3, t4 = _saved(tmp_path, zhuting).tables
    # 2019 table 二: 政府集中采购 9 items, 1400000 (no unit given)
    assert [c.text for c in t2.rows[-1].cells] == ["政府集中采购", "9", "1400000", "1400000"]
    row = next(r for r in t3.rows if r.cells[2].text == "1.本机关不掌握\n相关政府信息")
    assert [c.text for c in row.cells[3:]] == ["1", "0", "0", "0", "0", "0", "1"]
    assert t3.cell(0, 0).text == "（本列数据的勾稽关系为：\n第一项加第二项之和，\n等于第三项加第四项之和）"
    assert len(t4.rows) == 4 and [c.text for c in t4.rows[3].cells] == ["0"] * 15
    t2, t3, t4 = _saved(tmp_path, sample).tables
    fee_row = t2.rows[-1].cells  # the header says （单位：万元）: the cell holds the number alone
    assert [fee_row[0].text, fee_row[1].text] == ["行政事业性收费", "0"]
    total = next(r for r in t3.rows if r.cells[2].text == "（七）总计")
    assert [c.text for c in total.cells[3:]] == ["9", "2", "0", "0", "0", "1", "12"]
    assert [c.text for c in t4.rows[3].cells[:5]] == ["1", "0", "0", "0", "1"]


def test_table_headers_are_merged_as_in_the_official_format(tmp_path, sample):
    _t2, t3, t4 = _saved(tmp_path, sample).tables
    header = t3.rows[0].cells
    assert {c._tc for c in header[:3]} == {header[0]._tc}  # the 勾稽 note over 3 columns …
    assert t3.cell(2, 0)._tc is t3.cell(0, 0)._tc  # … and 3 header rows
    assert [c.text for c in header[3:]] == ["申请人情况"] * 7
    assert [c.text for c in t3.rows[1].cells[4:9]] == ["法人或其他组织"] * 5
    assert t3.cell(2, 3)._tc is t3.cell(1, 3)._tc  # 自然人 over two rows
    assert [c.text for c in t4.rows[0].cells] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert [c.text for c in t4.rows[1].cells[5:]] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    # table 二's caption rows are shaded
    shaded = [tc for tc in _t2._tbl.iter(f"{W}tc") if tc.find(f"{W}tcPr/{W}shd") is not None]
    assert ["".join(t.text for t in tc.iter(f"{W}t")) for tc in shaded] == [b.caption for b in sample.fmt.t2_blocks]
    assert all(tc.find(f"{W}tcPr/{W}shd").get(f"{W}fill") == "C6D9F1" for tc in shaded)
    borders = _t2._tbl.tblPr.find(f"{W}tblBorders")
    assert [b.get(f"{W}val") for b in borders] == ["single"] * 6
    # only header rows keep with the row below (a table may run onto the next page); tables 三 and 四 repeat theirs
    def keeps(table) -> list[bool]:
        return [all(p.paragraph_format.keep_with_next for c in row.cells for p in c.paragraphs) for row in table.rows]

    # 2021 table 二: four blocks, each a caption row and a header row over its data rows
    # and each block is kept whole: every row but a block's last keeps with the row below
    assert keeps(_t2) == [True, True, True, False, True, True, False, True, True, True, False, True, True, False]
    assert keeps(t4) == [True] * 3 + [False] * (len(t4.rows) - 3)
    for table in (t3, t4):
        assert [tr.trPr.find(f"{W}tblHeader") is not None for tr in table._tbl.tr_lst] == [True] * 3 + [False] * (
            len(table.rows) - 3)
    assert _t2._tbl.find(f"{W}tr/{W}trPr/{W}tblHeader") is None


def test_every_run_names_its_chinese_font(tmp_path, sample):
    out = _saved(tmp_path, sample)
    runs = list(out.element.body.iter(f"{W}r"))
    assert len(runs) > 100
    for r in runs:
        assert r.find(f"{W}rPr/{W}rFonts").get(qn("w:eastAsia")), r.xml

    def fonts(p):
        return [(r._r.rPr.rFonts.get(qn("w:eastAsia")), r._r.rPr.rFonts.get(qn("w:ascii")), r.font.size.pt)
                for r in p.runs if r.text]

    title = out.paragraphs[0]
    assert title.text == "示范县青石镇人民政府\n2024年政府信息公开工作年度报告"
    assert set(fonts(title)) == {("方正小标宋简体", "Times New Roman", 22)}
    assert title.style.paragraph_format.alignment == 1  # centred
    heading = next(p for p in out.paragraphs if p.text == "一、总体情况")
    assert fonts(heading) == [("黑体", "Times New Roman", 16)]
    run_in = next(p for p in out.paragraphs if p.text.startswith("（一）主动公开"))
    assert [text(r) for r in run_in.runs] == ["（一）主动公开。", "全年通过政府网站主动公开政府信息", "55", "条。"]
    assert fonts(run_in) == [("楷体_GB2312", "Times New Roman", 16)] + [("仿宋_GB2312", "Times New Roman", 16)] * 3
    standalone = next(p for p in out.paragraphs if p.text == "（二）依申请公开")
    assert fonts(standalone) == [("楷体_GB2312", "Times New Roman", 16)]
    preamble = out.paragraphs[1]
    assert preamble.paragraph_format.alignment is None  # justified, from the style
    placeholder = next(p for p in out.paragraphs if "〔待补" in p.text)
    marked = [r for r in placeholder.runs if r._r.rPr.find(qn("w:highlight")) is not None]
    assert [text(r) for r in marked] == ["〔待补：联系电话〕"]
    cell_run = out.tables[0].cell(2, 1).paragraphs[0].runs[0]
    assert (cell_run._r.rPr.rFonts.get(qn("w:eastAsia")), cell_run.font.size.pt) == ("宋体", 10.5)  # 五号
    closing = out.paragraphs[-2:]
    assert [p.text for p in closing] == ["示范县青石镇人民政府", "2025年1月20日"]
    assert [p.paragraph_format.alignment for p in closing] == [None, 0]  # the style's right; left
    # GB/T 9704 7.3.5.2 in twips, widths of the line model (a Chinese character 310, a Times New Roman digit 160, a
    # change of script 64): the name (10 characters: 3100) 右空二字 (2 × 310.4 = 621); the date (3 characters, 7
    # digits and 5 changes of script: 2370) starts two characters right of the name and fits before the margin less
    # two characters (2 × 621 + 2370 − 3100 < 621), so the name stays; the date's left is 8844 − 621 − 3100 + 621
    assert [(p.paragraph_format.right_indent.twips, p.paragraph_format.left_indent.twips) for p in closing] == [
        (621, 0), (0, 5744)]


def test_styles_name_fonts_without_theme_attributes(tmp_path, sample):
    out = _saved(tmp_path, sample)
    styles = out.styles.element
    rfonts = list(styles.iter(f"{W}rFonts"))
    assert rfonts
    for rf in rfonts:
        assert rf.get(qn("w:eastAsia"))
        assert not [a for a in rf.attrib if "Theme" in a or "theme" in a]
    normal = out.styles["Normal"]
    pf = normal.paragraph_format
    assert (pf.line_spacing.pt, pf.line_spacing_rule) == (28.95, 4)  # exact: 22 lines fill the type area
    assert pf.alignment == 3 and pf.widow_control is True  # justified, no lone first or last line
    assert normal.element.rPr.find(qn("w:spacing")) is None  # 28 a line from the 98% Chinese characters instead
    ind = normal.element.pPr.find(qn("w:ind"))
    assert (ind.get(qn("w:firstLineChars")), ind.get(qn("w:firstLine"))) == ("200", "640")
    assert normal.font.size.pt == 16
    table = next(p for p in out.part.package.iter_parts() if p.partname == "/word/fontTable.xml")
    root = etree.fromstring(table.blob)
    alt = {f.get(qn("w:name")): f.find(qn("w:altName")).get(qn("w:val"))
           for f in root if f.find(qn("w:altName")) is not None}
    assert alt == {"方正小标宋简体": "宋体", "仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体"}


def test_page_size_margins_and_page_numbers(tmp_path, zhuting):
    out = _saved(tmp_path, zhuting)
    s = out.sections[0]
    got = [s.page_width, s.page_height, s.top_margin, s.bottom_margin, s.left_margin, s.right_margin]
    assert [round(x.mm, 1) for x in got] == [210.0, 297.0, 37.0, 35.0, 28.0, 26.0]
    assert round(s.footer_distance.mm) == 23
    assert out.settings.odd_and_even_pages_header_footer is True
    for footer, align in ((s.footer, 2), (s.even_page_footer, 0)):  # odd right, even left
        p = footer.paragraphs[0]
        assert p.alignment == align
        assert p.text == "— 1 —"
        instr = [el.text for el in p._p.iter(f"{W}instrText")]
        assert instr == [" PAGE "]
        kinds = [el.get(qn("w:fldCharType")) for el in p._p.iter(f"{W}fldChar")]
        assert kinds == ["begin", "separate", "end"]
        assert {(r._r.rPr.rFonts.get(qn("w:eastAsia")), r.font.size.pt) for r in p.runs} == {("宋体", 14)}


def test_properties_and_provenance_read_back(tmp_path, sample):
    out = _saved(tmp_path, sample)
    core = out.core_properties
    assert core.title == "示范县青石镇人民政府2024年政府信息公开工作年度报告"
    assert core.author == "示范县青石镇人民政府"
    assert read_provenance(out) is None and read_properties(out) == {}  # not in a published file unless asked
    assert not [p for p in out.part.package.iter_parts() if p.partname == "/docProps/custom.xml"]
    assert out.core_properties.comments == ""
    out = _saved(tmp_path, sample, provenance=True)
    provenance = read_provenance(out)
    assert provenance is not None
    assert (provenance.drafter, provenance.model, provenance.prompt_hash, provenance.version) == (
        "handmade", "none", "abc123", "9.9")
    assert read_properties(out)["report_hash"] == sample.content_hash()
    assert provenance.fallbacks == []
    assert read_provenance(docx.Document()) is None
    draft = handmade_draft(sample)
    draft.provenance.fallbacks = [Fallback(section="overview", paragraph=None, reason="模型回复无法解析")]
    path = tmp_path / "fallback.docx"
    render(Document(report=sample, draft=draft), provenance=True).document.save(path)
    assert read_provenance(path).fallbacks == draft.provenance.fallbacks


def test_a_report_without_narrative_gets_the_six_sections_and_tables(tmp_path, zhuting):
    path = tmp_path / "bare.docx"
    render(Document(report=zhuting)).document.save(path)
    out = docx.Document(path)
    assert out.paragraphs[0].text == "袁州区竹亭镇人民政府\n2020年政府信息公开工作年度报告"
    assert [p.text for p in out.paragraphs[1:]] == list(section_titles())
    assert len(out.tables) == 3


def test_text_with_control_characters_renders(tmp_path, zhuting):
    draft = handmade_draft(zhuting)
    draft.sections[0].paragraphs[0] = "从 Word 复制\x0b来的\x07文字"
    path = tmp_path / "ctrl.docx"
    render(Document(report=zhuting, draft=draft)).document.save(path)
    assert "从 Word 复制来的文字" in [text(p) for p in docx.Document(path).paragraphs]


def test_addresses_and_phone_numbers_are_plain_text_in_justified_paragraphs(tmp_path, sample):
    """No invisible characters: a phone number or address copied or searched in Word is the text as typed."""
    draft = handmade_draft(sample)
    draft.preamble.append("网址：https://www.shifan.gov.cn/，电子邮箱：qingshizhen@example.gov.cn，电话0795-1234567。")
    path = tmp_path / "mail.docx"
    render(Document(report=sample, draft=draft)).document.save(path)
    out = docx.Document(path)
    paragraphs = out.paragraphs
    assert [p.paragraph_format.alignment for p in paragraphs[1:3]] == [None, None]  # justified, from the style
    assert out.styles["Normal"].paragraph_format.alignment == 3  # justify
    p = paragraphs[2]
    # the e-mail address would wrap whole and leave "…，电子邮箱：" spread: a line break goes before it, nothing else
    assert p.text == draft.preamble[1].replace("qingshizhen", "\nqingshizhen")
    stored = "".join(t.text or "" for t in p._p.iter(f"{W}t"))
    assert stored == draft.preamble[1]
    assert "0795-1234567" in stored and "qingshizhen@example.gov.cn" in stored


STRADDLING = "本报告电子版同时在示范县人民政府门户网站（https://www.shifan.gov.cn/）公开，电话0795-1234567。"


def test_an_address_that_would_straddle_a_line_end_gets_a_line_break_before_it(tmp_path, sample):
    """The line model sees "（https://…/）" straddling the first line's end: one manual line break goes before the
    "（" (the text itself unchanged), and the settings ask Word and LibreOffice not to spread the line it ends."""
    from assistant.readers.docx import docx_lines
    from assistant.render.review import runs_for_span

    draft = handmade_draft(sample)
    draft.preamble.append(STRADDLING)
    rendered = render(Document(report=sample, draft=draft))
    p = rendered.paragraphs[("preamble", 1)]
    kinds = [("br" if r.find(f"{W}br") is not None else "".join(t.text for t in r.iter(f"{W}t")))
             for r in p._p.iter(f"{W}r")]
    assert kinds[:3] == ["本报告电子版同时在示范县人民政府门户网站", "br", "（"]
    assert "".join(t.text or "" for t in p._p.iter(f"{W}t")) == STRADDLING
    settings = rendered.document.settings.element
    assert settings.find(f"{W}compat/{W}doNotExpandShiftReturn") is not None
    # the comment of a finding on the phone number anchors on it (the break is not counted as text)
    start = STRADDLING.index("0795")
    assert "".join(r.text for r in runs_for_span(p, start, start + 12)) == "0795-1234567"
    path = tmp_path / "break.docx"
    rendered.document.save(path)
    assert STRADDLING in docx_lines(path)  # read back as one paragraph


def test_no_invisible_characters_anywhere_in_the_document_text(tmp_path, zhuting, sample):
    for report in (zhuting, sample):
        path = tmp_path / "plain.docx"
        _saved(tmp_path, report).save(path)
        with zipfile.ZipFile(path) as z:
            xml = "".join(z.read(name).decode("utf-8") for name in z.namelist() if name.endswith(".xml"))
        assert INVISIBLE.findall(xml) == []


def test_chinese_body_text_is_narrowed_and_latin_text_is_not(tmp_path, sample):
    """Chinese characters 97% wide give 28 a line; digits and addresses keep their width (no tighter spacing: it
    made LibreOffice drop punctuation at line ends)."""
    out = _saved(tmp_path, sample)
    p = next(p for p in out.paragraphs if "政府信息公开条例" in p.text)
    widths = {r.text: r._r.find(f"{W}rPr/{W}w") for r in p.runs}
    assert all(el is None for t, el in widths.items() if t.isascii())
    assert all(el is not None and el.get(qn("w:val")) == "97" for t, el in widths.items() if not t.isascii())
    assert out.styles["Normal"].element.rPr.find(qn("w:spacing")) is None


def test_punctuation_may_hang_past_the_right_margin(tmp_path, zhuting):
    """The Normal style allows punctuation past the margin (``w:overflowPunct``, on; Word assumes it when absent):
    LibreOffice reads a document without it as "not allowed" and left out a "。" ending a line before a number
    (tests/test_render_pdf.py)."""
    out = _saved(tmp_path, zhuting)
    normal = out.styles["Normal"].element.pPr
    [overflow] = normal.findall(qn("w:overflowPunct"))
    assert overflow.get(qn("w:val")) in (None, "1", "true", "on")
    children = [etree.QName(el).localname for el in normal]
    assert children.index("widowControl") < children.index("overflowPunct") < children.index("spacing")  # schema order
    assert out.element.body.findall(f".//{W}pPr/{W}overflowPunct") == []  # no paragraph turns it off


@pytest.mark.parametrize(("title", "lines"), [
    ("示范省示范市长乐山区域经济协作示范县人民政府2023年政府信息公开工作年度报告",
     ["示范省示范市", "长乐山区域经济协作示范县人民政府", "2023年政府信息公开工作年度报告"]),
    ("示范市市场监督管理局2023年政府信息公开工作年度报告", ["示范市市场监督管理局", "2023年政府信息公开工作年度报告"]),
    ("示范县人民政府2023年政府信息公开工作年度报告", ["示范县人民政府", "2023年政府信息公开工作年度报告"]),
    ("示范镇2023年政府信息公开工作年度报告", ["示范镇2023年政府信息公开工作年度报告"]),
    ("自拟标题\n第二行", ["自拟标题", "第二行"]),
])
def test_the_title_breaks_between_words(title, lines):
    from assistant.render.docx import title_lines

    assert title_lines(title) == lines
    assert all(len(line) <= 20 for line in lines)


def test_core_properties_are_only_title_author_and_dates(tmp_path, sample):
    path = tmp_path / "core.docx"
    _saved(tmp_path, sample).save(path)
    with zipfile.ZipFile(path) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
    assert sorted(etree.QName(el).localname for el in core) == ["created", "creator", "modified", "title"]
    assert {etree.QName(el).localname: el.text for el in core}["creator"] == "示范县青石镇人民政府"


def test_table_figures_are_small_enough_for_five_digits(tmp_path, sample):
    """Tables 三 and 四 set their figures in 小五 (9 pt) in columns of at least 10.3 mm: five digits fit even in a
    fallback font's wide digits ("1870" wrapped to "187/0" in 五号 in 9 mm); the PDF test checks five digits."""
    out = _saved(tmp_path, sample)
    for table, columns in ((out.tables[1], 7), (out.tables[2], 15)):
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.find(f"{W}tblGrid")]
        assert min(round(w / 1440 * 25.4, 1) for w in grid[-columns:]) >= 10.3
        sizes = {r.font.size.pt for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs
                 if r.text.isdigit()}
        assert sizes == {9.0}
    assert [round(int(c.get(qn("w:w"))) / 1440 * 25.4, 1) for c in out.tables[1]._tbl.find(f"{W}tblGrid")][3] == 12.5


def test_long_labels_break_at_word_boundaries_and_amounts_follow_the_header_unit(tmp_path, sample):
    out = _saved(tmp_path, sample)
    t3 = out.tables[1]
    shown = {c.text for row in t3.rows for c in row.cells}
    for line in LABEL_LINES:
        label = line.replace("|", "")
        if any(label == c.replace("\n", "") for c in shown):
            assert line.replace("|", "\n") in shown
    assert "三、\n本年度\n办理\n结果" in shown
    report = sample.model_copy(deep=True)
    report.tables.set("t2.admin_fees.fee_amount", Amount(value=Decimal("3564200"), unit="元"))
    fee = _saved(tmp_path, report).tables[0].rows[-1].cells[1].text
    assert fee == "356.42"  # 元 converted to the header's 万元


def test_every_line_of_a_sub_row_label_fits_table_three_s_third_column():
    # the sub-rows' labels ("1.本机关不掌握|相关政府信息") stand in the third label column (34 mm, 1.4 pt margins): a
    # line wider than it wraps a character alone ("行政机关不再处理其" left "其" on a line of its own in every 2021
    # report, a second outside reviewer found)
    room = T3_WIDTHS_MM[2] * 72 / 25.4 - 2 * TABLE_CELL_MARGIN / 20
    sub_row_lines = [part for line in LABEL_LINES if line[0].isdigit() for part in line.split("|")]
    assert "不再处理其" in sub_row_lines and len(sub_row_lines) > 20
    assert [part for part in sub_row_lines if text_width([Run(part, 10.5, 100)]) > room] == []
    assert text_width([Run("行政机关不再处理其", 10.5, 100)]) > room  # the line that did not fit


def test_the_package_is_our_own_clean_word_2013_document(tmp_path, sample):
    path = tmp_path / "clean.docx"
    _saved(tmp_path, sample).save(path)
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name).decode("utf-8") for name in z.namelist()}
    assert not [name for name, xml in parts.items() if "Macintosh" in xml or "mac/" in xml or "Mac" in xml]
    assert not [name for name in parts if "theme" in name or "customXml" in name or "thumbnail" in name]
    settings = etree.fromstring(parts["word/settings.xml"].encode())
    modes = [s.get(qn("w:val")) for s in settings.iter(qn("w:compatSetting")) if s.get(qn("w:name")) == "compatibilityMode"]
    assert modes == ["15"]
    app = etree.fromstring(parts["docProps/app.xml"].encode())
    assert [el.text for el in app if el.tag.endswith("Application")] == ["年报助手"]
    fonts = {f.get(qn("w:name")) for f in etree.fromstring(parts["word/fontTable.xml"].encode())}
    assert fonts == {"Times New Roman", "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"}
    rfonts = re.findall(r"<w:rFonts [^>]*>", "".join(parts.values()))
    named = {name for el in rfonts for name in re.findall(r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"', el)}
    assert named <= fonts  # no run or style names a font outside the table (no Japanese or theme fonts)
    # every style is used (the three defaults of Word apply implicitly)
    styles = etree.fromstring(parts["word/styles.xml"].encode())
    defined = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle|basedOn) w:val="([^"]+)"', "".join(parts.values())))
    defaults = {"Normal", "DefaultParagraphFont", "TableNormal"}
    assert defined == defaults | {"Title", "Heading1", "Heading2", "TableText", "Closing", "Footer"}
    assert defined - used <= defaults
    sect = etree.fromstring(parts["word/document.xml"].encode()).find(f"{W}body/{W}sectPr/{W}docGrid")
    assert (sect.get(qn("w:type")), sect.get(qn("w:linePitch"))) == ("lines", "579")  # 22 lines in 225 mm


def test_reading_the_document_back_gives_the_text_as_drafted(tmp_path, sample):
    from assistant.readers.docx import docx_lines

    draft = handmade_draft(sample)
    draft.preamble.append("网址：https://www.shifan.gov.cn/，电话0795-1234567。")
    path = tmp_path / "back.docx"
    render(Document(report=sample, draft=draft)).document.save(path)
    lines = docx_lines(path)
    assert draft.preamble[1] in lines
    assert not [line for line in lines if INVISIBLE.search(line)]


def test_figures_of_six_or_seven_digits_are_narrowed_to_fit_their_cell():
    cell = 585  # twips: a value column of table 三 (11.3 mm less its margins)
    assert [figure_scale(figure, cell) for figure in ("0", "12345", "123456", "1234567")] == [100, 100, 75, 65]


# GB/T 9704 7.3.5.2 for names too long for one line 右空二字 (the type area of 8844 twips less 621 holds 26 Chinese
# characters of 310 twips, not 27). The date "2025年1月20日" is 2370 twips wide (see above); it starts two
# characters (621) right of the first character of the name's last line.
LONG_SIGNATURES = [
    # 26 characters (8060 twips): one line; the date starts at 8844 − 621 − 8060 + 621
    ("示范市长乐山高新技术产业开发区管理委员会财政和国资局", [("示范市长乐山高新技术产业开发区管理委员会财政和国资局", 621)], 784),
    # 27 characters (an outside reviewer's document: "局" was alone on the second line, the date at the margin):
    # broken after 管理委员会; the date under the last line (3100 twips): 8844 − 621 − 3100 + 621
    ("示范市高新技术产业开发区管理委员会经济发展和科技创新局",
     [("示范市高新技术产业开发区管理委员会", 621), ("经济发展和科技创新局", 621)], 5744),
    # 40 characters: broken after 管理委员会 (23 and 17 characters); the date under the last line (5270 twips)
    ("示范省示范市长乐山高新技术产业开发区管理委员会经济发展和科技创新局政务公开办公室",
     [("示范省示范市长乐山高新技术产业开发区管理委员会", 621), ("经济发展和科技创新局政务公开办公室", 621)], 3574),
    # a last line (5 characters, 1550 twips) shorter than the date allows: it moves left, the date keeping two
    # characters to the margin (its right indent 2 × 621 + 2370 − 1550 = 2062; the date at 8844 − 621 − 2370)
    ("示范省示范市长乐山高新技术产业开发区管理委员会党政办公室",
     [("示范省示范市长乐山高新技术产业开发区管理委员会", 621), ("党政办公室", 2062)], 5853),
]


@pytest.mark.parametrize(("name", "name_lines", "date_left"), LONG_SIGNATURES)
def test_a_long_signature_breaks_after_the_organs_own_name_and_the_date_goes_under_its_last_line(
        tmp_path, sample, name, name_lines, date_left):
    draft = handmade_draft(sample)
    draft.closing = [name, "2025年1月20日"]
    path = tmp_path / "out.docx"
    render(Document(report=sample, draft=draft)).document.save(path)
    paragraphs = docx.Document(path).paragraphs
    closing = paragraphs[-len(name_lines) - 1:]
    assert paragraphs[-len(name_lines) - 2].text == ""  # the blank line above the signature
    assert [(p.text, p.paragraph_format.right_indent.twips) for p in closing[:-1]] == name_lines
    assert [p.paragraph_format.alignment for p in closing] == [None] * len(name_lines) + [0]  # right; the date left
    date = closing[-1]
    assert (date.text, date.paragraph_format.left_indent.twips) == ("2025年1月20日", date_left)
    assert all(p.paragraph_format.keep_with_next for p in closing[:-1])


def test_a_lone_last_line_is_pulled_up_by_condensing_only_the_line_before_it(tmp_path, sample):
    # 56 characters: 26 on the first line, 28 on the second, "表。" alone on a third; the second line and "表。" are
    # set 0.9 pt (18 twips) narrower a character (LibreOffice leaves it off the run's last, "。"), and nothing else is
    lone = "全年" * 27 + "表。"
    draft = handmade_draft(sample)
    draft.sections[0].paragraphs.append(lone)
    path = tmp_path / "out.docx"
    render(Document(report=sample, draft=draft)).document.save(path)
    out = docx.Document(path)
    p = next(p for p in out.paragraphs if p.text == lone)
    spacing = [(r.text, r._r.rPr.find(qn("w:spacing"))) for r in p.runs]
    assert [(t, s is not None and s.get(qn("w:val"))) for t, s in spacing] == [(lone[:26], False), (lone[26:], "-18")]
    others = [(r.text, r._r.rPr.find(qn("w:spacing")).get(qn("w:val"))) for q in out.paragraphs if q.text != lone
              for r in q.runs if r._r.rPr.find(qn("w:spacing")) is not None]
    # and the handmade （一） paragraph, whose "条。" comes up only with its run-in heading condensed too (0.9 pt)
    assert others == [("（一）主动公开。", "-18"), ("全年通过政府网站主动公开政府信息", "-18"), ("55", "-18"), ("条。", "-18")]


def test_a_number_keeps_its_year_by_the_line_condensed_or_expanded(tmp_path, sample):
    # "…期限自" / "2020年1月1日": LibreOffice would end the fourth line between "2020" and "年"; that line is set 0.25 pt
    # (5 twips) narrower a character so "年" comes up. A lone "15篇。" (as short as "情况。") that cannot come up has
    # the line before it expanded 1.05 pt (21 twips) so "料" goes down with it
    dated = ("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）及国务院办公厅政府信息与政务公开办公室《关于"
             "政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕30期）要求编制。本报告所列数据的统计期限自"
             "2020年1月1日起至2020年12月31日止。公众可在示范县人民政府网站查阅本报告电子版。")
    # ("30期", not a document number "30号", which would go down whole with its prefix after a manual break)
    alone = "关于上年度问题的改进，我街道针对上年度政策解读不够深入的问题，组织专人对重要政策开展解读，全年发布解读材料15篇。"
    draft = handmade_draft(sample)
    draft.sections[0].paragraphs += [dated, alone]
    path = tmp_path / "out.docx"
    render(Document(report=sample, draft=draft)).document.save(path)
    out = docx.Document(path)

    def spaced_runs(text: str) -> list[tuple[str, str]]:
        p = next(p for p in out.paragraphs if p.text == text)
        return [(r.text, r._r.rPr.find(qn("w:spacing")).get(qn("w:val"))) for r in p.runs
                if r._r.rPr.find(qn("w:spacing")) is not None]

    condensed = spaced_runs(dated)
    assert {value for _, value in condensed} == {"-5"} and "".join(t for t, _ in condensed).endswith("统计期限自2020年")
    assert spaced_runs(alone) == [("入的问题，组织专人对重要政策开展解读，全年发布解读材", "21")]


def _keep_next_rows(table) -> list[bool]:
    return [tr.find(f"{W}tc/{W}p/{W}pPr/{W}keepNext") is not None for tr in table._tbl.findall(f"{W}tr")]


def test_a_block_of_table_two_and_a_group_of_table_three_are_kept_on_one_page(tmp_path, zhuting):
    # the 2019 format's table 二: each 第二十条 block (caption, column header, rows) kept with the row below up to its
    # last row, so a page breaks only between blocks; table 三: each group up to 8 rows (（三）不予公开 …) kept whole
    out = _saved(tmp_path, zhuting)
    t2, t3 = out.tables[0], out.tables[1]
    captions = [i for i, row in enumerate(t2.rows) if row.cells[0].text.startswith("第二十条")]
    block_ends = [c - 1 for c in captions[1:]] + [len(t2.rows) - 1]
    assert [i for i, kept in enumerate(_keep_next_rows(t2)) if not kept] == block_ends
    labels = [row.cells[1].text for row in t3.rows]
    kept = _keep_next_rows(t3)
    for group in ("（三）不予公开", "（四）无法提供", "（五）不予处理"):
        rows = [i for i, label in enumerate(labels) if label == group]
        assert len(rows) > 1 and [kept[i] for i in rows] == [True] * (len(rows) - 1) + [False], group


def test_table_three_group_labels_have_room_and_margins(tmp_path, zhuting):
    # "（三）不予公开" (7 characters of 10.5 pt, 25.9 mm) in a 29 mm cell with 1 mm margins left and right
    t3 = _saved(tmp_path, zhuting).tables[1]
    cell = next(c for row in t3.rows for c in row.cells if c.text == "（三）不予公开")
    tcpr = cell._tc.tcPr
    assert round(int(tcpr.find(f"{W}tcW").get(f"{W}w")) / 1440 * 25.4, 1) == 29.0
    assert [int(tcpr.find(f"{W}tcMar/{W}{side}").get(f"{W}w")) for side in ("left", "right")] == [57, 57]
