"""A body paragraph as the renderer sets it, without python-docx: its size, the width of its Chinese characters, the
type area and the first-line indent, its run-in "（一）…" heading, and where the renderer breaks its lines by hand
(:func:`body_line_breaks`). The renderer (:mod:`assistant.render.docx`) sets paragraphs by these; a reader of a report
asks :func:`body_line_breaks` whether a line break it meets is one of the renderer's (:mod:`assistant.readers.rendered`),
and so does not load the Word library to read a text file.
"""

from __future__ import annotations

from assistant.numbering import SUBHEADING_NUMBER
from assistant.patterns import lazy_compile
from assistant.render.line_model import Run, layout_breaks

SIZE_BODY = 32  # half-points: 3号 16 pt
CHAR_BODY = 320  # twips of one 3号 character (first-line indent fallback)
BODY_CJK_SCALE = 97  # percent: Chinese characters 15.52 pt wide: 28 fit the 156 mm line (442.2 pt), 29 do not
TYPE_AREA_TWIPS = 8844  # 版心 156 mm
BODY_LINE_PT = TYPE_AREA_TWIPS / 20
FIRST_INDENT_PT = 2 * CHAR_BODY / 20

SUBHEADING = lazy_compile(rf"^{SUBHEADING_NUMBER}")
SUBHEADING_RUN_IN = lazy_compile(rf"^{SUBHEADING_NUMBER}[^。：:！？，；\n]{{1,24}}[。：:]")


def run_in_heading(text: str) -> str:
    """A body paragraph's leading "（一）…" heading, set in 楷体 ("" if none)."""
    m = SUBHEADING_RUN_IN.match(text) or SUBHEADING.match(text)
    return m.group(0) if m else ""


def model_runs(run_in: str, rest: str) -> list[Run]:
    """The paragraph as the line model sees it: a run-in heading in 楷体 at full width, then the body text (Chinese
    characters at :data:`BODY_CJK_SCALE`)."""
    runs = [Run(run_in, SIZE_BODY / 2, 100)] if run_in else []
    return [*runs, Run(rest, SIZE_BODY / 2, BODY_CJK_SCALE)]


def body_line_breaks(text: str) -> list[int]:
    """Where the renderer puts manual line breaks into a justified body paragraph of ``text`` (offsets into it):
    :func:`line_model.layout_breaks` on the paragraph's runs."""
    run_in = run_in_heading(text)
    return layout_breaks(model_runs(run_in, text[len(run_in):]), BODY_LINE_PT, FIRST_INDENT_PT)
