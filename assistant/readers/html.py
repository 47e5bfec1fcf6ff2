"""HTML pages of government sites -> lines of the report article inside the site's chrome.

The article is the smallest element whose text holds the report (its section headings or its tables). Tables that
contain other tables are layout: their cells are read as blocks. Data tables become one line per row, cells joined by
tabs; a cell spanning rows or columns appears once in HTML, so it is read once.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.patterns import lazy_compile
from assistant.readers.existing import check_file, row_line
from assistant.readers.limits import MAX_HTML_TAGS
from assistant.readers.rendered import join_rendered_breaks
from assistant.readers.sections import TITLE_RE
from assistant.readers.text import decode

_BLOCK = {"p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
          "table", "tr", "center", "blockquote", "pre", "dd", "dt", "dl", "form", "header", "footer"}
# a <br> stands in the line as this mark until the line is whole: the breaks our renderer made (a Word document of ours
# saved as a web page: :func:`assistant.readers.rendered.join_rendered_breaks`) join, any other starts a new line
_LINE_BREAK = "\u2028"
_DROP = ("script", "style", "noscript", "nav", "iframe", "select", "button", "svg", "head")
# running headers and footers (page numbers) of a Word document saved as a web page, by LibreOffice or Word
_DROP_PAGE_FURNITURE = ("//div[@title='header' or @title='footer']", "//*[contains(@style, 'mso-element:header')]",
                        "//*[contains(@style, 'mso-element:footer')]")
_NUMBERED_PART = lazy_compile(r"[一二三四五六][、.．]\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)")
_MARKERS = ("总体情况", "主动公开", "收到和处理", "行政复议", "存在的主要问题", "其他需要报告", "第二十条", "申请人情况")


def html_lines(path: Path) -> list[str]:
    """The lines of the report article in an HTML page (InputError when there is none)."""
    raw = check_file(path)
    text = decode(raw, str(path))
    return lines_of_html(text, str(path))


def lines_of_html(text: str, source: str = "网页") -> list[str]:
    import lxml.html
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    tags = text.count("<")
    if tags > MAX_HTML_TAGS:
        raise InputError(f"{source}：网页中的标记超过 {MAX_HTML_TAGS:,} 个的上限（约 {tags:,} 个），不像一份年度报告，未读取")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source}：无法解析网页（文件为空或不是网页）") from exc
    page_title = (root.findtext(".//title") or "").strip()
    for bad in root.xpath("|".join([*(f"//{t}" for t in _DROP), *_DROP_PAGE_FURNITURE])):
        bad.drop_tree()
    article = _article(root)
    if article is None:
        raise InputError(f"{source}：网页中未找到政府信息公开工作年度报告的内容（没有“一、总体情况”等部分，也没有统计表）")
    lines: list[str] = []
    _walk(article, lines)
    lines = [part for line in lines for part in _split_line_breaks(line)]
    lines = [ln for ln in (_squash(x) for x in lines) if ln]
    if not any(TITLE_RE.search(ln) for ln in lines[:5]):
        title = _title_outside(root, article) or re.split(r"[-_|｜—]{1,2}", page_title)[0].strip()
        if title:
            lines.insert(0, title)
    return lines


def _title_outside(root: Any, article: Any) -> str | None:
    """The report's title when the page prints it above the article (a heading or title block of its own)."""
    for el in root.iter("h1", "h2", "h3", "div", "p", "td", "span"):
        text = re.sub(r"\s+", "", el.text_content())
        if len(text) <= 60 and TITLE_RE.fullmatch(text) and el is not article:
            return text
    return None


def _article(root: Any) -> Any | None:
    """The smallest element holding the report: descend while exactly one child still holds it."""

    def holds(el: Any) -> bool:
        content = el.text_content()
        if sum(1 for m in _MARKERS if m in content) < 4:
            return False
        # a preamble that lists the six parts by name holds the markers too, but neither a table nor the headings
        return bool(el.xpath(".//table")) or len(set(_NUMBERED_PART.findall(content))) >= 3

    body = root.find("body")
    node = body if body is not None else root
    if not holds(node):
        return None
    while True:
        children = [c for c in node if isinstance(c.tag, str) and holds(c)]
        if len(children) != 1:
            return node
        node = children[0]


def _walk(el: Any, lines: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table" and not el.xpath(".//table"):
        lines.append("")
        lines.extend(_table_lines(el))
        lines.append("")
        _tail(el, lines)
        return
    if tag == "br":
        _add(lines, _LINE_BREAK)
        _tail(el, lines)
        return
    if tag in _BLOCK:
        lines.append("")
    if el.text:
        _add(lines, el.text)
    for child in el:
        _walk(child, lines)
    if tag in _BLOCK:
        lines.append("")
    _tail(el, lines)


def _tail(el: Any, lines: list[str]) -> None:
    if el.tail:
        _add(lines, el.tail)


def _add(lines: list[str], text: str) -> None:
    text = text.replace("\t", " ").replace("\r", "")
    if not lines:
        lines.append("")
    if lines[-1].endswith(_LINE_BREAK):  # the source's own line end after a <br> is no text
        text = text.lstrip(" \n")
    parts = text.split("\n")
    lines[-1] += parts[0]
    for part in parts[1:]:
        lines.append(part)


def _split_line_breaks(line: str) -> list[str]:
    """A line's parts at its <br>s, but for the breaks our renderer made, which join."""
    return join_rendered_breaks(line.replace(_LINE_BREAK, "\n")).split("\n")


def _table_lines(table: Any) -> list[str]:
    out = []
    for tr in table.xpath(".//tr"):
        cells = [_cell_text(td.text_content()) for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        if line := row_line(cells):
            out.append(line)
    return out


def _cell_text(text: str) -> str:
    text = text.replace("\xa0", " ").replace("\u3000", " ")
    return re.sub(r"\s+", " ", text).strip()


def _squash(line: str) -> str:
    if "\t" in line:
        return line
    return re.sub(r"[ \xa0\u3000]+", " ", line).strip()
