"""The line breaks this program's renderer puts into a body paragraph, taken out again when a document is read.

The renderer breaks a line by hand before an address or phone number that would straddle a line end, after a
closing mark before a year, and after "〕" before a number (:mod:`assistant.render.line_model`). Read back, such a
break is layout, not text: the paragraph goes on. The same marks stand around line breaks that other people type
("工作。" / "2024年，…", "电话：" / "0795-…"), and there they are text, so a paragraph's breaks are taken out only
when they are exactly those the renderer makes for its text.
"""

from __future__ import annotations

from assistant.addresses import join_layout_breaks


def join_rendered_breaks(text: str) -> str:
    """A paragraph's text as read (``\\n`` for each line break) without the line breaks the renderer made in it: only
    when every break is of a kind the renderer makes (:data:`assistant.addresses.LAYOUT_BREAK_RE`) and they stand
    exactly where it puts them in a body paragraph of the text without them
    (:func:`assistant.render.docx.body_line_breaks`). Otherwise the text is returned as it is, breaks and all."""
    joined = join_layout_breaks(text)
    if joined == text or "\n" in joined:
        return text
    from assistant.render.docx import body_line_breaks  # loaded only for a paragraph whose breaks may be ours

    offsets = [i - n for n, i in enumerate(i for i, ch in enumerate(text) if ch == "\n")]
    return joined if body_line_breaks(joined) == offsets else text


__all__ = ["join_rendered_breaks"]
