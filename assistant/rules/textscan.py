"""Helpers shared by the text rules: the narrative's paragraphs, clauses, evidence snippets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.model import Document, Draft
from assistant.numbering import YEAR
from assistant.patterns import lazy_compile
from assistant.textview import Paragraph, body_paragraphs, paragraphs

NARRATIVE = ("narrative",)
NARRATIVE_ORGAN = ("narrative", "organ")  # rules that rely on knowing the organ
NARRATIVE_YEAR = ("narrative", "year")  # rules that rely on knowing the report year
CLAUSE_END = "，。；！？：,;!?:"
SENTENCE_END = "。；！？;!?"
_CLAUSE_RE = lazy_compile(rf"[^{CLAUSE_END}\n]+[{CLAUSE_END}]?")
_SENTENCE_RE = lazy_compile(rf"[^{SENTENCE_END}\n]+[{SENTENCE_END}]?[”’」』]?")


def draft_of(doc: Document) -> Draft:
    draft = doc.narrative
    if draft is None:  # the registry reports rules needing a narrative as not assessable
        raise ValueError("document has no narrative")
    return draft


def all_paragraphs(doc: Document, headings: bool = False) -> Iterator[Paragraph]:
    """Title, preamble, the sections' paragraphs (headings too when asked, index -1), closing."""
    return paragraphs(draft_of(doc), include_headings=headings)


def parts_list_paragraphs(doc: Document) -> Iterator[Paragraph]:
    """The paragraphs where a report may list its parts ("全文由…等六部分组成"): the opening, and any paragraph of
    the sections (a published report may put the list inside 一、总体情况)."""
    return (p for p in all_paragraphs(doc) if p.section not in ("title", "closing"))


def quoted(items: list[str]) -> str:
    """Titles each in 「」, so that a title with 、 in it (复议、诉讼) reads as one."""
    return "".join(f"「{item}」" for item in items)


def body(doc: Document) -> Iterator[Paragraph]:
    return body_paragraphs(draft_of(doc))


def spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int, str]]:
    for m in pattern.finditer(text):
        yield m.start(), m.end(), m.group(0)


def clauses(text: str) -> Iterator[tuple[int, int, str]]:
    """Clauses (between ，。；！？：) with their spans."""
    return spans(_CLAUSE_RE, text)


def sentences(text: str) -> Iterator[tuple[int, int, str]]:
    """Sentences (between 。；！？) with their spans."""
    return spans(_SENTENCE_RE, text)


def snippet(text: str, start: int, end: int, width: int = 14) -> str:
    """The matched text with a little context either side, for a finding's evidence."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def years_in(text: str) -> Iterator[tuple[int, int, int]]:
    """(year, start, end) of each "2020年" (spaces allowed, as in PDF text) in a text."""
    for m in _YEAR_RE.finditer(text):
        yield int(m.group(1)), m.start(1), m.end(1)


_YEAR_RE = lazy_compile(rf"(?<![\d〔\[（(])({YEAR})\s*(?=年)")


def is_partial(doc: Document) -> bool:
    """Whether parts of the report are known to be absent (a page beginning, a cut-off export)."""
    from assistant.headings import canonical_sections

    keys = {k for _n, k, _t in canonical_sections()} | {"narrative"}
    return any(part in keys for part in doc.missing)


def last_section_key(doc: Document) -> str | None:
    """The key of the last section the narrative has (where a partial document is cut off)."""
    from assistant.headings import section_key

    draft = draft_of(doc)
    return section_key(draft.sections[-1]) if draft.sections else None


def may_be_cut_off(doc: Document, section: str) -> bool:
    """A section of a partial document that may end where the document was cut off: its end says nothing."""
    return is_partial(doc) and section == last_section_key(doc)
