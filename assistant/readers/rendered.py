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

from assistant.addresses import join_layout_breaks


def join_rendered_breaks(text: str) -> str:
    """A paragraph's text as read (``\\n`` for each line break) without the line breaks the renderer made in it: only
    when every break is of a kind the renderer makes (:data:`assistant.addresses.LAYOUT_BREAK_RE`) and each stands
    exactly where it puts one in a body paragraph of the text without them
    (:func:`assistant.render.docx.body_line_breaks`). Otherwise the text is returned as it is, breaks and all."""
    joined = join_layout_breaks(text)
    if joined == text or "\n" in joined:
        return text
    from assistant.render.docx import body_line_breaks  # loaded only for a paragraph whose breaks may be ours

    offsets = [i - n for n, i in enumerate(i for i, ch in enumerate(text) if ch == "\n")]
    return joined if set(offsets) <= set(body_line_breaks(joined)) else text


__all__ = ["join_rendered_breaks"]
