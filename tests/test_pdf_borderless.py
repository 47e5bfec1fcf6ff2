"""Tables without ruling lines, read by position from a page's characters (assistant.readers.pdf_borderless): blank
cells stay blank in their column, wrapped and merged labels go with their rows, and what can't be placed is left as
text (the table reader then says uncertain), never shifted. Whole reports drawn without borders are read back in
tests/test_readers_roundtrip.py."""

from __future__ import annotations

from assistant.readers.pdf_borderless import find_tables
from assistant.readers.pdf_layout import Page, TableBlock, layout_lines

SIZE = 10.5
PAGE_HEIGHT = 842.0


def _text(text: str, x0: float, top: float, size: float = SIZE) -> list[dict]:
    """Characters of ``text`` from ``x0`` on one line (a Chinese character one em wide, a digit half)."""
    chars, x = [], x0
    for ch in text:
        width = size * (0.5 if ch.isascii() else 1.0)
        chars.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + size, "size": size,
                      "matrix": (1, 0, 0, 1, x, PAGE_HEIGHT - top - size), "upright": True})
        x += width
    return chars


COLUMNS = (300.0, 360.0, 420.0)  # where each value column's numbers start


def _row(label: str, values: tuple[str, ...], top: float) -> list[dict]:
    chars = _text(label, 100, top)
    for x, value in zip(COLUMNS, values, strict=True):
        chars += _text(value, x, top) if value else []
    return chars


def _header(top: float) -> list[dict]:
    return _text("信息内容", 100, top) + _text("制发", 296, top) + _text("废止", 356, top) + _text("有效", 416, top)


def _rows(chars: list[dict]) -> list[list[str]]:
    [table] = find_tables(chars, PAGE_HEIGHT, 0.135)
    return table.rows


def test_a_blank_cell_stays_blank_in_its_column() -> None:
    chars = _header(200) + _row("规章", ("", "0", "3"), 216) + _row("规范性文件", ("2", "", "5"), 232)
    assert _rows(chars) == [["信息内容", "制发", "废止", "有效"], ["规章", "", "0", "3"], ["规范性文件", "2", "", "5"]]


def test_a_column_blank_in_every_row_is_still_a_column_by_its_header() -> None:
    chars = _header(200) + _row("规章", ("", "0", "3"), 216) + _row("规范性文件", ("", "1", "5"), 232)
    assert _rows(chars)[1:] == [["规章", "", "0", "3"], ["规范性文件", "", "1", "5"]]


def test_a_wrapped_label_goes_with_the_values_centred_on_it() -> None:
    """Labels of two and three lines, their values centred between them (as Word lays out a centred cell)."""
    chars = _header(200) + _row("规章", ("1", "0", "3"), 216)
    chars += _text("行政规范性", 100, 232) + _row("", ("2", "1", "5"), 240) + _text("文件", 100, 248)
    chars += _text("其他对外", 100, 264) + _row("管理服务", ("0", "0", "0"), 280) + _text("事项", 100, 296)
    assert _rows(chars)[1:] == [["规章", "1", "0", "3"], ["行政规范性文件", "2", "1", "5"],
                                ["其他对外管理服务事项", "0", "0", "0"]]


def test_a_figure_outside_the_columns_leaves_the_table_to_the_text_reader() -> None:
    """A figure that would be a column of its own (no heading above it) is not guessed into a column: the page has
    no table read by position, its characters stay text (and the table reader says uncertain)."""
    rows = _row("规章", ("1", "0", "3"), 216) + _row("规范性文件", ("2", "1", "5"), 232)
    assert find_tables(_header(200) + rows + _text("4", 330, 232), PAGE_HEIGHT, 0.135) == []
    assert find_tables(_header(200) + rows + _text("8", 318, 216), PAGE_HEIGHT, 0.135) == []  # two in one cell
    assert len(find_tables(_header(200) + rows, PAGE_HEIGHT, 0.135)) == 1


def test_prose_with_figures_is_no_table() -> None:
    chars = _text("本年度共收到申请12件，办结11件，结转1件。", 80, 200, size=16.0)
    chars += _text("2024年1月20日", 300, 240, size=16.0)
    assert find_tables(chars, PAGE_HEIGHT, 0.135) == []


def test_a_page_number_is_no_table() -> None:
    assert find_tables(_text("3", 290, 800, size=14.0), PAGE_HEIGHT, 0.135) == []


def test_a_page_of_thousands_of_rows_is_not_read_by_position() -> None:
    """A page no report has (3,000 rows of figures in 3 columns, in tiny type) is left to the text reader."""
    chars: list[dict] = []
    for i in range(3000):
        chars += _text(f"{i % 10}", 300, 120 + i * 0.2, size=0.15) + _text("1", 360, 120 + i * 0.2, size=0.15)
    assert find_tables(chars, PAGE_HEIGHT, 0.135) == []


def test_a_group_label_goes_with_the_first_row_of_its_group() -> None:
    """（三）不予公开 is centred over its four sub-rows, beside the second and third: it is read with the first, as the
    merged cell of a ruled table is."""
    chars = _header(200) + _row("（二）部分公开", ("1", "0", "1"), 216)
    for i, label in enumerate(("1.国家秘密", "2.法律禁止", "3.三安全", "4.第三方")):
        chars += _text(label, 180, 232 + 16 * i) + _row("", ("0", "0", "0"), 232 + 16 * i)
    chars += _text("（三）不予公开", 100, 256)  # centred between rows 2 and 3 of the group
    assert _rows(chars)[1:] == [["（二）部分公开", "1", "0", "1"], ["（三）不予公开", "1.国家秘密", "0", "0", "0"],
                                ["2.法律禁止", "0", "0", "0"], ["3.三安全", "0", "0", "0"], ["4.第三方", "0", "0", "0"]]


def test_the_rows_are_what_the_layout_joins_into_lines() -> None:
    """A table read by position is a table block: its rows become the lines of cells the other readers give."""
    rows = _rows(_header(200) + _row("规章", ("", "0", "3"), 216))
    page = Page(number=1, width=595.0, height=PAGE_HEIGHT, blocks=[TableBlock(rows=rows, top=200, bottom=230)])
    assert layout_lines([page]) == ["", ["信息内容", "制发", "废止", "有效"], ["规章", "", "0", "3"], ""]


def test_the_last_row_of_a_table_carried_over_to_the_top_of_a_page_is_read_by_the_columns_below() -> None:
    """A page break split a sub-table of table 二: its last row starts the next page, in the band of running headers,
    right above the next sub-table (its caption and header); its blank cell stays blank in its column."""
    chars = _row("其他对外管理服务事项", ("0", "", "0"), 106) + _text("第二十条第（六）项", 250, 122)
    chars += _header(138) + _row("行政处罚", ("0", "0", "0"), 154) + _row("行政强制", ("0", "0", ""), 170)
    carried, below = find_tables(chars, PAGE_HEIGHT, 0.135)
    assert carried.rows == [["其他对外管理服务事项", "0", "", "0"]]
    assert below.rows[-2:] == [["行政处罚", "0", "0", "0"], ["行政强制", "0", "0", ""]]
    # the same line higher up, a paragraph's gap above the table, is no row of it
    far = _row("其他对外管理服务事项", ("0", "", "0"), 70) + chars[len(_row("其他对外管理服务事项", ("0", "", "0"), 106)):]
    assert [t.rows[-1] for t in find_tables(far, PAGE_HEIGHT, 0.135)] == [["行政强制", "0", "0", ""]]


def test_a_table_whose_value_row_falls_in_the_footer_band_is_read() -> None:
    """Table 四 at a page foot: its header ends above the footer band (bottom 13.5 % of the page) and its one value
    row lies inside it, with a blank cell; the row is read by position, the page number under it is not a row."""
    foot = PAGE_HEIGHT * (1 - 0.135)
    chars = _header(foot - 14) + _row("", ("1", "", "1"), foot - 2) + _text("—5—", 290, 800, size=14.0)
    assert _rows(chars) == [["信息内容", "制发", "废止", "有效"], ["", "1", "", "1"]]
    page_number_under_prose = _text("本镇将继续做好政府信息公开工作。", 80, foot - 30, size=16.0) + _text("5", 290, foot + 8)
    assert find_tables(page_number_under_prose, PAGE_HEIGHT, 0.135) == []


def _results_group(y: float, figures_top: float) -> list[dict]:
    """Table 三's first rows as LibreOffice lays them without lines: the group label 三、本年度办理结果 set from its
    group's top, "本年度" less than half an em from the label of （二）部分公开 beside it (the label column's edge is
    shared by two other labels only), the figures of （二） at ``figures_top`` (size 9)."""
    chars = _header(y) + _row("一、本年新收", ("1", "0", "1"), y + 16) + _row("二、上年结转", ("0", "0", "0"), y + 32)
    chars += _text("三、", 84, y + 48) + _text("（一）予以公开", 116, y + 48) + _row("", ("0", "1", "1"), y + 48)
    for x, value in zip(COLUMNS, ("1", "0", "1"), strict=True):
        chars += _text(value, x, figures_top, size=9.0)
    chars += _text("本年度", 81, y + 64.4) + _text("（二）部分公开（区分处理的，", 116, y + 64.4)
    return chars + _text("办理", 86.25, y + 80) + _text("只计这一情形，不计其他情形）", 116, y + 80)


FIRST_ROWS = [["一、本年新收", "1", "0", "1"], ["二、上年结转", "0", "0", "0"], ["三、本年度办理", "（一）予以公开", "0", "1", "1"],
              ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1", "0", "1"]]


def test_a_row_label_close_beside_a_group_label_is_parted_from_it() -> None:
    """（二）'s figures centred on its two lines, a sub-row of the next group below: the label of （二） is its own,
    "本年度" the group's."""
    chars = _results_group(560, 560 + 72.95) + _text("结果", 86.25, 656) + _text("1.属于国家秘密", 196, 656)
    chars += _row("", ("0", "0", "0"), 656)
    assert _rows(chars)[1:] == [FIRST_ROWS[0], FIRST_ROWS[1], ["三、本年度办理结果", *FIRST_ROWS[2][1:]],
                                FIRST_ROWS[3], ["1.属于国家秘密", "0", "0", "0"]]


def test_the_last_row_of_a_page_beside_a_group_label_cut_short_keeps_its_label() -> None:
    """Table 三 broken right after （二）部分公开: the page shows only "三、/本年度/办理" of the group label, and the
    figures of （二） are set high, over its label's first line (not centred on its two lines). The row keeps its
    official label and figures, the group label goes with the group's first row."""
    chars = _results_group(560, 560 + 61) + _text("—3—", 290, 800, size=14.0)
    assert _rows(chars)[1:] == FIRST_ROWS
