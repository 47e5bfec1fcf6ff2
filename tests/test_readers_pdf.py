"""PDF reports: the layout (page furniture, paragraphs across pages, continued tables) and every way a PDF can't be
read, each with its Chinese message and exit 2, within bounds of pages, time and memory.

The PDFs here are made byte by byte (tests/pdf_files.py); a PDF that LibreOffice makes from a drafted report is read
in tests/test_readers_roundtrip.py.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import InputError
from assistant.readers import limits, pdf
from assistant.readers.pdf_layout import (
    Page,
    TableBlock,
    TextLine,
    baseline_lines,
    canonical_characters,
    cjk_spacing,
    layout_lines,
)
from assistant.readers.rendered import join_rendered_breaks
from tests import pdf_files


def _refused(path: Path, message: str) -> None:
    """`nianbao check` refuses the file with exactly this message (after the file name) and exit 2."""
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == f"无法读取：{path}：{message}"


def test_scanned_pdf(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(pdf_files.scanned_pdf(pages=3))
    _refused(path, "PDF 没有文字层（是扫描件或图片），无法读取其中的文字。请提供 Word 原稿（.docx）或网页，"
                   "或先用 OCR 软件识别为文字后再读取")


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    path.write_bytes(pdf_files.encrypted_pdf())
    _refused(path, "PDF 已加密，需要密码才能打开，无法读取。请提供未加密的文件（在 PDF 阅读器中输入密码后另存为不加密的 PDF）")


def test_a_pdf_protected_by_permissions_is_called_encrypted_not_broken(tmp_path: Path) -> None:
    path = tmp_path / "受保护.pdf"
    path.write_bytes(pdf_files.permissions_pdf())
    _refused(path, "PDF 已加密（受密码或权限保护），无法读取其中的文字。请提供未加密的文件（在 PDF 阅读器中另存为不加密的 PDF）")


def test_truncated_pdf(tmp_path: Path) -> None:
    whole = pdf_files.text_pdf(["first page", "second page"])
    path = tmp_path / "report.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    _refused(path, "PDF 文件已损坏或不完整，无法读取（文件不完整，可能未下载完）。请重新下载或重新导出 PDF")


def test_pdf_of_garbage(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    _refused(path, "PDF 文件已损坏或不完整，无法读取（文件结构错误）。请重新下载或重新导出 PDF")


def test_a_picture_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    _refused(path, "不是 PDF 文件（文件开头没有 %PDF 标记）（实为 PNG 图片）")


def test_oversized_pdf_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    with path.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(51 * 1024 * 1024)
    _refused(path, "文件过大（51 MB），PDF 文件不应超过 50 MB")


def test_too_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_files.text_pdf([f"page {i}" for i in range(limits.MAX_PDF_PAGES + 1)]))
    _refused(path, "PDF 共 151 页，超过可读取的上限 150 页；年度报告一般只有十几页，请只提供年度报告本身")


def _pathological_page() -> bytes:
    """One page of 4 KB that takes pdfminer half a minute: 150,000 text operations, compressed."""
    ops = b"BT /F1 1 Tf " + b"1 0 Td (x) Tj " * 150_000 + b"ET"
    return pdf_files.single_page_pdf(zlib.compress(ops), fonts=True)


def test_a_page_that_takes_too_long_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "PDF_PAGE_SECONDS", 1.0)
    path = tmp_path / "report.pdf"
    path.write_bytes(_pathological_page())
    _refused(path, "PDF 第 1 页过于复杂，读取超过 1 秒，已停止。请提供 Word 原稿（.docx）或网页")


def test_the_whole_read_is_bounded_in_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "PDF_TOTAL_SECONDS", 1.0)
    path = tmp_path / "report.pdf"
    path.write_bytes(_pathological_page())
    with pytest.raises(InputError) as caught:
        pdf.pdf_lines(path)
    assert str(caught.value) == f"{path}：读取 PDF 超过 1 秒，已停止。请提供 Word 原稿（.docx）或网页"


def test_a_compression_bomb_is_bounded_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 150 KB page that inflates to 160 MB: the child's address space is limited, the caller is not touched."""
    monkeypatch.setattr(limits, "PDF_MEMORY_BYTES", 160 * 1024 * 1024)
    packer = zlib.compressobj(1)
    content = b"".join([*(packer.compress(b" " * (1 << 20)) for _ in range(160)), packer.flush()])
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_files.single_page_pdf(content))
    _refused(path, "读取 PDF 所需内存超过 160 MB，已停止。请提供 Word 原稿（.docx）或网页")


def test_a_text_pdf_is_read_with_its_timings(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_files.text_pdf(["first page", "second page"]))
    result = pdf.read_pdf(path)
    assert result["pages"] == 2 and len(result["seconds"]) == 2
    assert result["lines"] == ["first page second page"]  # both lines start at the margin: one paragraph


# --- the layout, on pages as the child lays them out -------------------------------------------------------------

LEFT, RIGHT, EM = 79.5, 527.5, 16.0


def _line(text: str, top: float, indent: bool = False, end: float | None = None) -> TextLine:
    x0 = LEFT + (2 * EM if indent else 0)
    return TextLine(text=text, x0=x0, x1=end if end is not None else min(RIGHT, x0 + EM * len(text)), top=top,
                    bottom=top + EM, size=EM, first_word=EM)


def _page(number: int, *blocks: TextLine | TableBlock) -> Page:
    return Page(number=number, width=595.3, height=841.9, blocks=list(blocks))


def test_paragraphs_join_across_lines_and_pages_and_furniture_is_dropped() -> None:
    full = "字" * 28
    pages = [
        _page(1, _line("示范县人民政府办公室", 40, end=250),  # running header
             _line("一、总体情况", 200, indent=True), _line(full[:26], 228, indent=True), _line(full, 256),
             _line("— 1 —", 790, end=330)),
        _page(2, _line("示范县人民政府办公室", 40, end=250),
             _line("末行。", 100), _line("（一）主动公开", 128, indent=True), _line("第 2 页 共 2 页", 790, end=330)),
    ]
    assert layout_lines(pages) == ["一、总体情况", full[:26] + full + "末行。", "（一）主动公开"]


def test_an_indented_line_after_a_full_line_starts_a_new_paragraph() -> None:
    full = "字" * 28
    pages = [_page(1, _line(full[:26], 100, indent=True), _line("新段落。", 128, indent=True), _line(full, 156),
                   _line("短行", 184))]
    assert layout_lines(pages) == [full[:26], "新段落。", full + "短行"]


def test_a_web_address_that_did_not_fit_continues_the_paragraph() -> None:
    """A long unbreakable word (an e-mail address) leaves a wide gap at the end of the line before it."""
    start = TextLine(text="字" * 14 + "电子邮箱：", x0=LEFT, x1=LEFT + 19 * EM, top=100, bottom=116, size=EM,
                     first_word=EM)
    mail = TextLine(text="qingshizhen@example.gov.cn）。", x0=LEFT, x1=LEFT + 15 * EM, top=128, bottom=144, size=EM,
                    first_word=13.5 * EM)  # wider than the 9 em left after 电子邮箱：
    wide = _line("字" * 28, 72)
    assert layout_lines([_page(1, wide, start, mail)]) == [
        "字" * 42 + "电子邮箱：qingshizhen@example.gov.cn）。"]
    short = TextLine(text="网址", x0=LEFT, x1=LEFT + 2 * EM, top=128, bottom=144, size=EM, first_word=2 * EM)
    assert layout_lines([_page(1, wide, start, short)]) == ["字" * 42 + "电子邮箱：", "网址"]  # it would have fit


def test_a_line_a_break_before_a_phone_number_left_short_continues_the_paragraph() -> None:
    """A web page printed to PDF keeps the renderer's break before an address or phone number wherever its own lines
    fall: the line before may end far from the margin, the number starts the next line at the margin. The break is
    kept in the paragraph ("\\n") for the reader, which takes it out only where it is exactly the renderer's: here it
    is not (the renderer makes no break in this text), so the two are lines of their own."""
    wide = _line("字" * 28, 72)
    start = _line("如对本报告有疑问，请联系（电话：", 100, end=LEFT + 16 * EM)
    phone = TextLine(text="0795-3648348）。本报告电子版可从网站", x0=LEFT, x1=LEFT + 18 * EM, top=128, bottom=144,
                     size=EM, first_word=6 * EM)  # it would have fitted on the line before: 12 em left there
    paragraph = "字" * 28 + "如对本报告有疑问，请联系（电话：\n0795-3648348）。本报告电子版可从网站"
    assert layout_lines([_page(1, wide, start, phone)]) == [paragraph]
    assert join_rendered_breaks(paragraph) == paragraph
    words = _line("本报告电子版可从网站下载。", 128, end=LEFT + 13 * EM)
    assert layout_lines([_page(1, wide, start, words)]) == [  # no address: a short line ends its paragraph
        "字" * 28 + "如对本报告有疑问，请联系（电话：", "本报告电子版可从网站下载。"]


def test_a_table_continued_on_the_next_page_drops_its_repeated_header_rows() -> None:
    head = [["信息内容", "本年新制作数量"], ["规章", "0"]]
    pages = [
        _page(1, _line("二、主动公开政府信息情况", 100, indent=True), TableBlock(rows=head, top=130, bottom=700)),
        _page(2, TableBlock(rows=[["信息内容", "本年新制作数量"], ["规范性文件", ""]], top=80, bottom=200),
              _line("三、收到和处理政府信息公开申请情况", 230, indent=True)),
    ]
    assert layout_lines(pages) == ["二、主动公开政府信息情况", "", *head, "", "", ["规范性文件", ""], "",
                                   "三、收到和处理政府信息公开申请情况"]


def test_a_new_table_at_the_top_of_a_page_keeps_its_header() -> None:
    """Only a table that ended the previous page continues; after text, a table is a new one."""
    rows = [["信息内容", "本年新制作数量"], ["规章", "0"]]
    pages = [_page(1, TableBlock(rows=rows, top=130, bottom=400), _line("下文", 420, indent=True)),
             _page(2, TableBlock(rows=rows, top=80, bottom=200))]
    assert layout_lines(pages) == ["", *rows, "", "下文", "", *rows, ""]


def test_spaces_beside_chinese_characters_are_layout_not_text() -> None:
    assert cjk_spacing("统计期限为 2020 年 1 月 1 日") == "统计期限为2020年1月1日"
    assert cjk_spacing("网站（http://www.yzq.gov.cn/ ）") == "网站（http://www.yzq.gov.cn/）"
    assert cjk_spacing("Open Government 2020") == "Open Government 2020"


def _char(text: str, x0: float, baseline: float, top: float, size: float = 16.0) -> dict:
    return {"text": text, "x0": x0, "x1": x0 + (size if not text.isascii() else size * 0.55), "top": top,
            "bottom": top + size, "size": size, "matrix": (1, 0, 0, 1, x0, baseline), "upright": True}


def test_characters_on_one_baseline_are_one_line_whatever_their_boxes() -> None:
    """A Latin font's box stands lower than a Chinese font's on the same line (Chromium's PDFs: 5 pt apart); the
    characters are grouped by their baseline and read left to right."""
    chars = [_char("年", 140.8, 658.35, 161.83), _char("2", 85.4, 658.35, 166.96), _char("0", 94.2, 658.35, 166.96),
             _char("2", 103.0, 658.35, 166.96), _char("4", 111.8, 658.35, 166.96), _char("报", 162.5, 658.35, 161.83),
             _char("下", 85.4, 630.0, 190.0)]
    lines = baseline_lines(chars)
    assert [(ln.text, ln.x0) for ln in lines] == [("2024年报", 85.4), ("下", 85.4)]


def test_look_alike_characters_of_some_fonts_are_read_as_the_characters() -> None:
    assert canonical_characters("⽰范县⻘⽯镇⼈⺠政府⻔⼾⽹站") == "示范县青石镇人民政府门户网站"
    assert canonical_characters("关于印发\u2329格式\u232a的通知") == "关于印发〈格式〉的通知"
    assert canonical_characters("一、总体情况") == "一、总体情况"


# --- pages without a text layer in a PDF that has text -----------------------------------------------------------

def test_scanned_pages_in_a_pdf_with_text_are_named(tmp_path: Path) -> None:
    """Pages 3–5 and 7 are pictures (a page number on them is no text layer): the reader names them."""
    path = tmp_path / "report.pdf"
    text = "the report text of a page, long enough to be a real text layer"
    path.write_bytes(pdf_files.mixed_pdf([text, text, None, None, None, text, None]))
    lines = pdf.pdf_lines(path)
    assert [(n.kind, n.message) for n in lines.notes] == [
        ("textless", "第3–5、7页没有文字层（扫描件），其中的内容未能读取")]
    assert lines.unread_because == "PDF 第3–5、7页没有文字层（扫描件）"


def test_tables_on_scanned_pages_make_their_checks_not_assessable_with_the_reason() -> None:
    """The report's text was read but its tables were on pages without a text layer: a warning names the pages and
    the checks of the tables say why they could not be made."""
    from assistant.readers.existing import document_from_lines
    from assistant.readers.files import NotedLines
    from assistant.rules.registry import run_rules

    lines = NotedLines(["示范县青石镇人民政府2024年政府信息公开工作年度报告", "一、总体情况", "本年度，我镇主动公开政府信息。",
                        "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"])
    pdf.note_textless_pages(lines, [3, 4, 5])
    doc = document_from_lines(lines, "report.pdf")
    findings = run_rules(doc)
    [textless] = [f for f in findings if f.rule == "RD5"]
    assert (textless.severity, textless.message) == ("warning", "第3–5页没有文字层（扫描件），其中的内容未能读取")
    table_checks = [f for f in findings if f.status == "not_assessable" and "表" in f.message]
    assert table_checks and all(f.message.endswith("，PDF 第3–5页没有文字层（扫描件），未能读取）")
                                for f in table_checks)


# --- pages of two text columns ------------------------------------------------------------------------------------

def _text_line(text: str, x0: float, top: float) -> list[dict]:
    return [_char(ch, x0 + 16.0 * i, 842 - top - 14, top) for i, ch in enumerate(text)]


def test_a_page_of_two_columns_is_read_left_column_first() -> None:
    """Left column at x 80–240, right column at x 320–480, 20 pt apart line by line: the left is read whole first."""
    from assistant.readers.pdf_layout import reading_order

    chars = [*_text_line("示范县人民政府办公室", 80, 40)]  # a running header above both columns
    for row in range(6):
        chars += _text_line(f"左栏第{row + 1}行文字文字", 80, 200 + 30 * row)
        chars += _text_line(f"右栏第{row + 1}行文字文字", 320, 200 + 30 * row)
    lines = [line.text for line in reading_order(chars, 842)]
    assert lines == ["示范县人民政府办公室", *(f"左栏第{i}行文字文字" for i in range(1, 7)),
                     *(f"右栏第{i}行文字文字" for i in range(1, 7))]


def test_a_page_of_one_column_with_a_gap_on_a_few_lines_is_read_line_by_line() -> None:
    """A label and its value on the same lines leave a gap only on those lines: no columns."""
    from assistant.readers.pdf_layout import reading_order

    chars: list[dict] = []
    for row in range(6):
        chars += _text_line("正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正文正", 80, 200 + 30 * row)
    chars += _text_line("联系电话", 80, 400) + _text_line("一二三四", 320, 400)
    chars += _text_line("电子邮箱", 80, 430) + _text_line("五六七八", 320, 430)
    lines = [line.text for line in reading_order(chars, 842)]
    assert lines[-2:] == ["联系电话一二三四", "电子邮箱五六七八"]  # one line each, in place
