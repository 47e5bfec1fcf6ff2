"""The line breaks this program's renderer puts into a body paragraph, taken out again when a document is read.

The renderer breaks a line by hand before an address or phone number that would straddle a line end, after a
closing mark before a year, and after "〕" before a number (:mod:`assistant.render.line_model`). Read back, such a
break is layout, not text: the paragraph goes on. The same marks stand around line breaks that other people type
("工作。" / "2024年，…", "电话：" / "0795-…"), and there they are text, so a paragraph's breaks are taken out only
when each stands exactly where the renderer puts one in its text. (Each, not all: in a PDF printed from a web page
the browser's own line ends fall elsewhere, and a break of ours that ended a full line there is joined by the PDF
reader as a wrapped line before it comes here.)
"""

from __future__ import annotations

from assistant.addresses import ADDRESS_BREAK_RE, join_layout_breaks


def join_rendered_breaks(text: str) -> str:
    """A paragraph's text as read (``\\n`` for each line break) without the line breaks the renderer made in it: only
    when every break is of a kind the renderer makes (:data:`assistant.addresses.LAYOUT_BREAK_RE`) and each stands
    exactly where it puts one in a body paragraph of the text without them
    (:func:`assistant.render.body_lines.body_line_breaks`). Otherwise the text is returned as it is, breaks and all."""
    joined = join_layout_breaks(text)
    if joined == text or "\n" in joined:
        return text
    from assistant.render.body_lines import body_line_breaks  # loaded only for a paragraph whose breaks may be ours

    offsets = [i - n for n, i in enumerate(i for i, ch in enumerate(text) if ch == "\n")]
    return joined if set(offsets) <= set(body_line_breaks(joined)) else text


_PARAGRAPH_END = "。！？；!?;"  # a line ending so may end its paragraph
_OPENING, _CLOSING = "（(", "）)"


def join_broken_lines(lines: list[str]) -> list[str]:
    """Lines that are each a paragraph (a Word document saved as text), where the manual line breaks the renderer put
    into a paragraph became new lines too: such a line joined back to its paragraph, when that is certain. A line
    continues the one before when it begins with an address, phone number or document number (or goes on inside a
    long address: :data:`assistant.addresses.ADDRESS_BREAK_RE`), the line before does not end as a sentence can,
    and either the break stands exactly where the renderer puts one (:func:`join_rendered_breaks`) or the line before
    leaves a bracket open that this line closes ("…联系（…电话：" / "0795-1234567…）。"). Table rows (lines with tabs)
    are left alone."""
    out: list[str] = []
    for line in lines:
        if out and _continues(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _continues(paragraph: str, line: str) -> bool:
    if not paragraph.strip() or not line or "\t" in paragraph or "\t" in line or paragraph[-1] in _PARAGRAPH_END:
        return False
    broken = paragraph + "\n" + line
    if not ADDRESS_BREAK_RE.match(broken, len(paragraph)):
        return False
    return _closes_open_bracket(paragraph, line) or join_rendered_breaks(broken) == paragraph + line


def _closes_open_bracket(paragraph: str, line: str) -> bool:
    """Whether ``paragraph`` ends inside a round bracket and ``line`` closes it."""
    left_open = 0
    for ch in paragraph:
        left_open = max(0, left_open + (ch in _OPENING) - (ch in _CLOSING))
    depth = 0  # of brackets opened in ``line``
    for ch in line:
        depth += (ch in _OPENING) - (ch in _CLOSING)
        if depth < 0:
            return left_open > 0
    return False


__all__ = ["join_broken_lines", "join_rendered_breaks"]
