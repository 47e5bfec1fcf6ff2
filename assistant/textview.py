"""Walk the narrative of a Document paragraph by paragraph, with the location each finding needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assistant.headings import section_key
from assistant.model import Draft, Location


@dataclass(frozen=True)
class Paragraph:
    section: str  # section key ("overview", ...), or "title" / "preamble" / "closing", or the heading when unknown
    index: int  # paragraph number within its section (0-based)
    text: str

    def location(self, start: int | None = None, end: int | None = None) -> Location:
        span = (start, end) if start is not None and end is not None else None
        return Location(section=self.section, paragraph=self.index, span=span)


def paragraphs(draft: Draft, include_headings: bool = False) -> Iterator[Paragraph]:
    """Title, preamble, each section's paragraphs (and headings, as index -1 when asked), closing."""
    if draft.title:
        yield Paragraph("title", 0, draft.title)
    for i, text in enumerate(draft.preamble):
        yield Paragraph("preamble", i, text)
    for section in draft.sections:
        key = section_key(section) or section.heading
        if include_headings:
            yield Paragraph(key, -1, section.heading)
        for i, text in enumerate(section.paragraphs):
            yield Paragraph(key, i, text)
    for i, text in enumerate(draft.closing):
        yield Paragraph("closing", i, text)


def body_paragraphs(draft: Draft) -> Iterator[Paragraph]:
    """Only the paragraphs of the six sections (no title, preamble or closing)."""
    for p in paragraphs(draft):
        if p.section not in ("title", "preamble", "closing"):
            yield p
