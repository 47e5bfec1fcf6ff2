"""Section headings: which of the six standard sections a heading (or a listed part) is, and how it is numbered.

The canonical titles come from the format YAML (``formats.section_titles()``); the words that recognise a section
in a variant heading are data in ``schemas/sections.yaml``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from assistant.formats import report_sections
from assistant.model import Draft, Section
from assistant.numbering import CN_ORDINAL, cn_number
from assistant.patterns import lazy_compile
from assistant.resources import schema_data

_NUMBERING = lazy_compile(
    rf"^\s*(?:(?P<cn>{CN_ORDINAL}+)\s*[、.．，,]"
    rf"|[（(](?P<paren>{CN_ORDINAL}+)[）)]"
    r"|(?P<arabic>\d{1,2})\s*[、.．]"
    rf"|第(?P<part>{CN_ORDINAL}+)部分[：:、，,]?)\s*"
)
_PUNCT = lazy_compile(r"[\s\u3000、，,。.．：:；;“”\"'‘’《》〈〉（）()【】\[\]·-]")


def sections_data() -> dict[str, Any]:
    """The recognition words of ``schemas/sections.yaml``."""
    return schema_data("sections")


def canonical_sections() -> list[tuple[int, str, str]]:
    """(number, key, title) of the six standard sections, in order."""
    return [(s.number, s.key, s.title) for s in report_sections()]


def section_number(key: str) -> int | None:
    """The position (1–6) of a standard section."""
    return next((n for n, k, _t in canonical_sections() if k == key), None)


def section_title(key: str) -> str:
    """The canonical title of a standard section ("五、存在的主要问题及改进情况")."""
    return next((t for _n, k, t in canonical_sections() if k == key), key)


@lru_cache(maxsize=4096)
def squeeze(text: str) -> str:
    """NFKC, without spaces and punctuation: the form in which titles are compared."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


@cache
def infer_key(text: str) -> str | None:
    """The standard section a heading or a listed part names ("工作基本情况" -> overview), or None."""
    body = squeeze(text)
    for entry in sections_data()["section_keywords"]:
        if any(w in body for w in entry["words"]):
            return str(entry["key"])
    return None


@dataclass(frozen=True)
class Heading:
    text: str
    number: int | None  # the number written (一、 -> 1), None when unnumbered
    style: str  # "cn" (一、), "paren" (（一）), "arabic" (1、), "part" (第一部分), "" (none)
    title: str  # the heading without its numbering
    key: str | None  # the standard section it names
    exact: bool  # the title is the canonical one (punctuation and spaces aside)


@cache
def parse_heading(text: str) -> Heading:
    """Split a heading into its numbering and title, and say which standard section it names."""
    match = _NUMBERING.match(text)
    number, style = None, ""
    if match:
        for group in ("cn", "paren", "arabic", "part"):
            value = match.group(group)
            if value:
                number, style = (int(value) if group == "arabic" else cn_number(value)), group
                break
        title = text[match.end():].strip()
    else:
        title = text.strip()
    key = infer_key(title)
    exact = key is not None and squeeze(title) == squeeze(_NUMBERING.sub("", section_title(key)))
    return Heading(text, number, style, title, key, exact)


def section_key(section: Section) -> str | None:
    """A narrative section's standard key: the one given, else the one its heading names."""
    return section.key or infer_key(parse_heading(section.heading).title)


def find_section(draft: Draft, key: str) -> Section | None:
    """The first section of a draft that is the standard section ``key`` (given or inferred)."""
    return next((s for s in draft.sections if section_key(s) == key), None)


def edit_distance(a: str, b: str) -> int:
    """The number of characters to insert, delete or replace to turn ``a`` into ``b`` (Levenshtein)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
