"""The layout of a PDF's text layer -> the lines every reader produces (run in a bounded child process).

Per page, with pdfplumber (on pdfminer.six):
- tables are found by their ruling lines; a row becomes one line of cells joined by ``\\t``; a cell covered by a
  merged cell above or to the left is absent (as in the Word reader, a merged cell is read once) and an empty cell
  stays an empty cell, so values keep their column;
- tables drawn without ruling lines (no borders, only an outer frame) are read by position the same way
  (``assistant.readers.pdf_borderless``): a "table" of one column found by lines is a frame or a shaded caption;
- header rows repeated by a table that continues on the next page are dropped;
- text outside the tables is read line by line in reading order (top to bottom, left to right; on a page of two
  text columns without tables, the left column before the right);
- page furniture is dropped: page numbers ("— 3 —", "第 3 页 共 9 页", "3") and lines repeated in the top or bottom
  band of most pages (running headers and footers);
- lines are joined into paragraphs, across page breaks too: a line that (nearly) reaches the right margin continues
  on the next line unless that line is indented (a new paragraph) or is a table; so does a line left short by a break
  of a kind the renderer makes to keep a web or e-mail address or phone number whole, the break kept as "\\n" in the
  paragraph (the caller takes it out only where it is exactly the renderer's: ``assistant.readers.rendered``).

``read_layout`` is called by ``python -I …/pdf_layout.py FILE MAX_PAGES PAGE_SECONDS`` (see ``assistant.readers.pdf``;
this module imports nothing of the package, so the child starts fast), which prints one JSON object: ``{"lines": [...], "pages": n, "seconds": [...]}`` or
``{"error": kind, ...}`` (a table row is a list of cells; the caller joins it as the other readers do).
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import signal
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# columns' ruling lines within 2 points are one line (a cell border drawn twice, 0.7 pt apart, by Chromium's print of
# a web page); pdfplumber's default of 3 merged two of its table 四's lines and moved a figure into its neighbour's cell
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_x_tolerance": 2}
BAND = 0.135  # top and bottom share of the page where running headers, footers and page numbers live
_PAGE_NUMBER = re.compile(r"[-—–－\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－\s]*")


class PageTimeout(Exception):
    """One page took longer than allowed."""


@dataclass
class TextLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    first_word: float = 0.0  # width of the line's first unbreakable piece (a Chinese character, a Latin word)
    column: tuple[float, float] | None = None  # the left and right edges of its text column on a two-column page


@dataclass
class TableBlock:
    rows: list[list[str]]
    top: float
    bottom: float


@dataclass
class Page:
    number: int
    width: float
    height: float
    blocks: list[TextLine | TableBlock] = field(default_factory=list)
    images: int = 0


_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])[ \u00a0]+|[ \u00a0]+(?=[{_CJK}])")


def cjk_spacing(text: str) -> str:
    """Text without the spaces the PDF's layout put beside Chinese characters (the gap a typesetter leaves between
    Chinese and Latin letters or digits comes out of the text layer as a space)."""
    return _CJK_GAP.sub("", text)


def _cell_text(text: str | None) -> str:
    """A cell's text: pieces of a label wrapped inside a narrow cell are joined."""
    text = (text or "").replace("\t", " ").strip()
    return cjk_spacing(canonical_characters(re.sub(r"\s*\n\s*", "", text)))


def _page(pdf_page: Any, number: int) -> Page:
    page = Page(number=number, width=float(pdf_page.width), height=float(pdf_page.height),
                images=len(pdf_page.images))
    # a "table" of one column is a frame or a shaded caption, not cells: its text is read as lines or as a table
    # without ruling lines
    tables = [t for t in pdf_page.find_tables(table_settings=TABLE_SETTINGS) if max(len(r.cells) for r in t.rows) > 1]
    boxes = [t.bbox for t in tables]
    for table in tables:
        rows = [[_cell_text(c) if c is not None else None for c in row] for row in table.extract()]
        cells = [[c for c in row if c is not None] for row in rows]
        page.blocks.append(TableBlock(rows=cells, top=float(table.bbox[1]), bottom=float(table.bbox[3])))

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        mid_x = (obj["x0"] + obj["x1"]) / 2
        mid_y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= mid_x <= x1 and top <= mid_y <= bottom for x0, top, x1, bottom in boxes)

    text = [c for c in pdf_page.chars if outside(c)]
    borderless = _borderless().find_tables(text, page.height, BAND)
    if borderless:
        taken = {id(c) for table in borderless for c in table.chars}
        text = [c for c in text if id(c) not in taken]
        for found in borderless:
            read = [[cjk_spacing(canonical_characters(cell)) for cell in row] for row in found.rows]
            page.blocks.append(TableBlock(rows=read, top=found.top, bottom=found.bottom))
    if not tables and not borderless:
        page.blocks.extend(reading_order(text, page.height))
        return page
    page.blocks.extend(baseline_lines(text))
    page.blocks.sort(key=lambda b: (b.top, b.x0 if isinstance(b, TextLine) else 0.0))
    return page


def _borderless() -> Any:
    """``pdf_borderless`` beside this file."""
    return _by_path("nianbao_pdf_borderless", "readers/pdf_borderless.py")


def _addresses() -> Any:
    """``assistant.addresses``: where a line break only keeps an address or phone number whole."""
    return _by_path("nianbao_addresses", "addresses.py")


def _by_path(name: str, relative: str) -> Any:
    """A module of the package that imports nothing of it, loaded by its path under ``assistant/`` (the child runs
    without the package on its path)."""
    import importlib.util
    from pathlib import Path

    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parent.parent / relative)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


MIN_GUTTER = 8.0  # points without any character between two text columns (half a Chinese character of body text)


def gutter(chars: list[dict[str, Any]]) -> tuple[float, float] | None:
    """The vertical gap between two text columns: the widest run of x without any character in the middle third of
    the text's width, with characters on both sides over most (> half) of the text's height; None for one column."""
    if not chars:
        return None
    left_edge, right_edge = min(c["x0"] for c in chars), max(c["x1"] for c in chars)
    width = right_edge - left_edge
    covered = sorted((c["x0"], c["x1"]) for c in chars)
    best: tuple[float, float] | None = None
    reach = covered[0][1]
    for x0, x1 in covered[1:]:
        if x0 - reach >= MIN_GUTTER and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        reach = max(reach, x1)
    if best is None or not (left_edge + width / 3 <= (best[0] + best[1]) / 2 <= right_edge - width / 3):
        return None
    top, bottom = min(c["top"] for c in chars), max(c["bottom"] for c in chars)

    def height(side: list[dict[str, Any]]) -> float:
        return max(c["bottom"] for c in side) - min(c["top"] for c in side)

    left = [c for c in chars if c["x1"] <= best[0]]
    right = [c for c in chars if c["x0"] >= best[1]]
    return best if min(height(left), height(right)) > (bottom - top) / 2 else None


def reading_order(chars: list[dict[str, Any]], page_height: float) -> list[TextLine]:
    """A page's text lines in reading order: top to bottom, or on a page of two columns (see :func:`gutter`; the
    running header and footer bands aside) the left column before the right."""
    visible = [c for c in chars if c.get("upright", True) and c["text"].strip()]
    body = [c for c in visible if c["top"] > page_height * BAND and c["bottom"] < page_height * (1 - BAND)]
    gap = gutter(body)
    if gap is None:
        return sorted(baseline_lines(visible), key=lambda b: (b.top, b.x0))
    head = [c for c in visible if c["top"] <= page_height * BAND]
    foot = [c for c in visible if c["bottom"] >= page_height * (1 - BAND) and c["top"] > page_height * BAND]
    lines = sorted(baseline_lines(head), key=lambda b: (b.top, b.x0))
    for column in ([c for c in body if c["x1"] <= gap[0]], [c for c in body if c["x0"] >= gap[1]]):
        column_lines = sorted(baseline_lines(column), key=lambda b: (b.top, b.x0))
        edges = _body_margins([Page(number=0, width=0.0, height=page_height, blocks=list(column_lines))])
        for line in column_lines:
            line.column = edges  # a paragraph continues to the column's edge, not the page's
        lines += column_lines
    return lines + sorted(baseline_lines(foot), key=lambda b: (b.top, b.x0))


def baseline_lines(chars: list[dict[str, Any]]) -> list[TextLine]:
    """Characters grouped into lines by their baseline (not their boxes: a Latin font's box stands higher or lower
    than a Chinese font's on the same line), each line read left to right."""
    lines = []
    for group in _borderless().baseline_groups(chars):
        text = group[0]["text"]
        for before, char in itertools.pairwise(group):
            gap = char["x0"] - before["x1"]
            text += (" " if gap > 0.25 * max(char["size"], 1.0) else "") + char["text"]
        text = cjk_spacing(canonical_characters(text)).strip()
        if text:
            lines.append(TextLine(text=text, x0=float(group[0]["x0"]), x1=float(group[-1]["x1"]),
                                  top=float(min(c["top"] for c in group)), bottom=float(max(c["bottom"] for c in group)),
                                  size=float(max(c["size"] for c in group)), first_word=_first_word(group)))
    return lines


# Some fonts map Chinese characters to the look-alike Kangxi radicals (U+2F00–U+2FDF, e.g. ⽰ for 示) and CJK radicals
# supplement (U+2E80–U+2EFF, e.g. ⻘ for 青) in the text layer: NFKC maps the former (but ⼾ to the traditional 戶),
# the latter are listed here as the simplified characters they stand for.
_RADICALS = str.maketrans({"⼾": "户", "⺠": "民", "⻘": "青", "⻔": "门", "⻅": "见", "⻓": "长", "⻢": "马", "⻛": "风",
                           "⻜": "飞", "⻋": "车", "⻉": "贝", "⻚": "页", "⻝": "食", "⻥": "鱼", "⻦": "鸟", "⻩": "黄",
                           "⻬": "齐", "⻰": "龙", "⻳": "龟", "⻆": "角", "⻨": "麦", "⻄": "西", "⺟": "母", "⺁": "厂",
                           "⺇": "几", "⺝": "月", "⺮": "竹", "⻗": "雨", "⻣": "骨"})
_LOOKALIKE_RE = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf\u2329\u232a]")  # and the old angle brackets 〈〉


def canonical_characters(text: str) -> str:
    """Look-alikes in a PDF's text layer as the characters they stand for: radicals for whole characters, the
    deprecated angle brackets U+2329/U+232A for 〈〉."""
    if not _LOOKALIKE_RE.search(text):
        return text
    text = text.translate(_RADICALS)
    return _LOOKALIKE_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


_OPENING = "（《“‘〈【「『〔([\"'"


def _first_word(chars: list[dict[str, Any]]) -> float:
    """The width of what a typesetter could not break: the first Chinese character, or the first Latin word."""
    if not chars:
        return 0.0
    start = 0
    while start < len(chars) - 1 and chars[start]["text"] in _OPENING:  # no break after an opening bracket
        start += 1
    end = start + 1
    if chars[start]["text"].isascii():
        while end < len(chars) and chars[end]["text"].isascii() and not chars[end]["text"].isspace():
            end += 1
    return float(chars[end - 1]["x1"] - chars[0]["x0"])


def _furniture_key(line: TextLine) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text))


def _drop_furniture(pages: list[Page]) -> None:
    """Remove page numbers and running headers/footers (lines in the top/bottom band repeated on most pages)."""

    def in_band(page: Page, line: TextLine) -> bool:
        return line.bottom <= page.height * BAND or line.top >= page.height * (1 - BAND)

    repeated = Counter(_furniture_key(b) for p in pages for b in p.blocks if isinstance(b, TextLine) and in_band(p, b))
    common = {k for k, n in repeated.items() if len(pages) >= 2 and n >= max(2, len(pages) // 2)}
    for page in pages:
        page.blocks = [b for b in page.blocks if not (
            isinstance(b, TextLine) and in_band(page, b) and (_PAGE_NUMBER.fullmatch(b.text) or _furniture_key(b) in common))]


def _body_margins(pages: list[Page]) -> tuple[float, float]:
    """The body text's left and right edges: the most common line start and the widest line end."""
    lines = [b for p in pages for b in p.blocks if isinstance(b, TextLine)]
    if not lines:
        return 0.0, 0.0
    starts = Counter(round(b.x0) for b in lines)
    # the leftmost start shared by several lines (a centred title or a lone indented line is no margin)
    left = float(min((x for x, n in starts.items() if n >= 2), default=min(starts)))
    # the most common end of lines that start at the margin (wrapped lines of paragraphs fill the measure)
    ends = Counter(round(b.x1) for b in lines if abs(b.x0 - left) < 2) or Counter(round(b.x1) for b in lines)
    right = float(ends.most_common(1)[0][0])
    return left, right


def _joins(prev: TextLine, line: TextLine, left: float, right: float) -> str | None:
    """How ``line`` continues the paragraph of ``prev``, if it does: it starts at the margin (paragraphs of official
    documents begin indented) in the same size, and either its first word did not fit at the end of ``prev`` (the
    space left there is less than that word, give or take a character that line-breaking rules push to the next
    line: "" is returned) or ``prev`` was left short by a line break of a kind the renderer makes to keep an address
    or phone number whole (``assistant.addresses.LAYOUT_BREAK_RE``: Word's manual break, a web page's <br>): "\n" is
    returned, and the break stays in the paragraph's text for the reader to take out if it is exactly the renderer's
    (``assistant.readers.rendered``); None when ``line`` starts a new paragraph."""
    em = max(prev.size, line.size, 1.0)
    if abs(line.x0 - left) >= 0.5 * em or abs(prev.size - line.size) >= 0.5:
        return None
    if right - prev.x1 < line.first_word + 1.5 * em:
        return ""
    if _addresses().LAYOUT_BREAK_RE.match(prev.text.strip()[-1:] + "\n" + line.text.strip(), 1):
        return "\n"
    return None


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _same_row(a: list[str], b: list[str]) -> bool:
    return [re.sub(r"\s+", "", c) for c in a] == [re.sub(r"\s+", "", c) for c in b]


def layout_lines(pages: list[Page]) -> list[str | list[str]]:
    """The report's lines from its laid-out pages (see the module docstring); a table row is its list of cells."""
    _drop_furniture(pages)
    left, right = _body_margins(pages)
    lines: list[str | list[str]] = []
    prev_line: TextLine | None = None  # the last text line, while a paragraph may continue
    table_head: list[list[str]] | None = None  # the first rows of the last table, while it may continue
    for page in pages:
        for index, block in enumerate(page.blocks):
            if isinstance(block, TableBlock):
                rows = block.rows
                if table_head is not None and index == 0:
                    # a table continued from the previous page repeats its header rows: drop them
                    skip = 0
                    while skip < len(rows) and skip < len(table_head) and _same_row(rows[skip], table_head[skip]):
                        skip += 1
                    rows = rows[skip:]
                else:
                    table_head = block.rows
                lines.append("")
                lines.extend(list(r) for r in rows)
                lines.append("")
                prev_line = None
                continue
            table_head = None
            last = lines[-1] if lines else None
            edges = block.column or (left, right)
            glue = _joins(prev_line, block, *edges) if prev_line is not None and isinstance(last, str) else None
            if glue == "" and isinstance(last, str):
                lines[-1] = _join(last, block.text.strip())
            elif glue == "\n" and isinstance(last, str):
                lines[-1] = last + glue + block.text.strip()
            else:
                lines.append(block.text.strip())
            prev_line = block
        # a table that ends the page may continue on the next one; so may a paragraph
        if page.blocks and not isinstance(page.blocks[-1], TableBlock):
            table_head = None
    return lines


_DAMAGE = {"PSEOF": "文件不完整，可能未下载完", "PDFSyntaxError": "文件结构错误", "PDFNoValidXRef": "缺少交叉引用表",
           "RecursionError": "文件结构嵌套过深"}


def _describe(exc: BaseException) -> str:
    """What is wrong with a damaged file, in Chinese (the library's own names of errors mean nothing to a user)."""
    return _DAMAGE.get(type(exc).__name__, "文件结构无法解析")


def _has_encryption(path: str) -> bool:
    """Whether the file declares a security handler (``/Encrypt`` in a trailer; it is read near the file's end)."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 64 * 1024))
        return b"/Encrypt" in f.read()


def _on_alarm(_signum: int, _frame: Any) -> None:
    raise PageTimeout


def read_layout(path: str, max_pages: int, page_seconds: float) -> dict[str, Any]:
    """Open and lay out a PDF; a dict with ``lines`` (and ``pages``, ``seconds`` per page) or ``error``."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
        count = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many kinds on damaged files; pdfplumber wraps them
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
        if isinstance(cause, MemoryError):
            return {"error": "memory"}
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            return {"error": "encrypted", "detail": type(cause).__name__}
        if _has_encryption(path):  # a file under a security handler pdfminer can't open is protected, not broken
            return {"error": "protected"}
        return {"error": "broken", "detail": _describe(cause)}
    if count == 0:
        return {"error": "broken", "detail": "没有页面"}
    if count > max_pages:
        return {"error": "pages", "pages": count}
    pages: list[Page] = []
    seconds: list[float] = []
    signal.signal(signal.SIGALRM, _on_alarm)
    with pdf:
        for number, pdf_page in enumerate(pdf.pages, start=1):
            start = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, page_seconds)
            try:
                pages.append(_page(pdf_page, number))
            except Exception as exc:  # a damaged page: pdfminer's own errors and Python's (KeyError, TypeError …)
                cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
                if isinstance(cause, PageTimeout):
                    return {"error": "page_time", "page": number}
                if isinstance(cause, MemoryError):
                    return {"error": "memory", "page": number}
                if _has_encryption(path):
                    return {"error": "protected"}
                return {"error": "broken", "detail": f"第 {number} 页：{_describe(cause)}"}
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            pdf_page.close()
            seconds.append(round(time.perf_counter() - start, 4))
    chars = sum(1 for p in pages for b in p.blocks if isinstance(b, TextLine) for _ in b.text.strip())
    tables = sum(1 for p in pages for b in p.blocks if isinstance(b, TableBlock))
    if chars < 20 and tables == 0:
        images = sum(p.images for p in pages)
        return {"error": "scanned" if images else "empty", "pages": count}
    textless = textless_pages(pages)
    return {"lines": layout_lines(pages), "pages": count, "seconds": seconds, "textless": textless}


def _text_chars(page: Page) -> int:
    """The characters of a page's text layer, a page number not counted."""
    return sum(len(re.sub(r"\s+", "", b.text)) for b in page.blocks
               if isinstance(b, TextLine) and not _PAGE_NUMBER.fullmatch(b.text))


def textless_pages(pages: list[Page]) -> list[int]:
    """The pages that are pictures without a text layer (scanned pages in a PDF that otherwise has text)."""
    return [p.number for p in pages if p.images and _text_chars(p) < 20
            and not any(isinstance(b, TableBlock) for b in p.blocks)]


def main(argv: list[str]) -> int:
    path, max_pages, page_seconds = argv[0], int(argv[1]), float(argv[2])
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # a warning per character on some files
    try:
        result = read_layout(path, max_pages, page_seconds)
    except MemoryError:
        result = {"error": "memory"}
    except RecursionError:
        result = {"error": "broken", "detail": _DAMAGE["RecursionError"]}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
