"""What a figure of the staff's notes is of (part of firewall check M1).

M1 lets model text write a figure the notes give with the same unit. Two figures of one unit in the notes
("通过县政府门户网站镇级专栏发布政府信息128条，通过“青石发布”微信公众号发布信息86条") are each of their own thing: the
words of the figure's clause before it, back to the figure before it (its **subject**). Model text that writes one
figure after the other's subject ("…镇级专栏发布政府信息86条") ties it to what the notes do not.

Only the words that tell the subjects apart count (the content words M18 judges, less those the other subject has too,
less the organ's names): 县政府, 门户网站, 镇级, 专栏 for 128条; 青石, 微信, 公众号 for 86条 (发布 is in both). A figure is
tied to another subject when the model's clause before it has a word of the other's and none of its own. When the notes'
subject has no word of its own (the notes' attachment cannot be read), or the model's clause has none of either, it
passes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.drafting.denials import content_words
from assistant.patterns import lazy_compile

_CLAUSE_END_RE = lazy_compile(r"[，,；;。！？!?：:\n]")


def clause_before(text: str, index: int, figures: re.Pattern[str], masked: str | None = None) -> str:
    """The clause of ``text`` before ``index``, from its start or the end of the figure before (``figures`` read on
    ``masked``, ``text`` with what is no figure blanked, when given)."""
    start = max((m.end() for m in _CLAUSE_END_RE.finditer(text, 0, index)), default=0)
    source = masked if masked is not None else text
    start = max([start, *(m.end() for m in figures.finditer(source, start, index) if m.end() <= index)])
    return text[start:index]


@dataclass(frozen=True)
class Misattached:
    """A figure the model tied to ``other``'s subject; the notes tie it to ``own``'s (both as the notes word them)."""

    own: str
    other: str


def misattached(written_before: str, own: Sequence[str], others: Sequence[str], names: str) -> Misattached | None:
    """Whether model text that writes a figure after ``written_before`` ties it to another subject: ``own`` are the
    subjects the notes give the figure (one per note figure of that value and unit), ``others`` those of the notes'
    other figures of the same unit, ``names`` the organ's names (no word of them tells subjects apart)."""
    if not own or not others:
        return None
    own_words = [_words_apart(subject, others, names) for subject in own]
    if any(not words for words in own_words) or any(w in written_before for words in own_words for w in words):
        return None
    for other in others:
        if any(w in written_before for w in _words_apart(other, own, names)):
            return Misattached(_shown(own[0], _words_apart(own[0], others, "")), _shown(other, _words_apart(other, own, "")))
    return None


def _words_apart(subject: str, others: Sequence[str], names: str) -> list[str]:
    """The content words of ``subject`` that no subject of ``others`` has, nor the organ's names."""
    return [w for w in content_words(subject) if w not in names and not any(w in other for other in others)]


def _shown(subject: str, words: Sequence[str]) -> str:
    """The part of ``subject`` its own words span (县政府门户网站镇级专栏), inner quotes as ‘’."""
    starts = [subject.find(w) for w in words if w in subject]
    if not starts:
        return subject
    start = min(starts)
    end = max(subject.find(w) + len(w) for w in words if w in subject)
    if subject[start:end].count("”") > subject[start:end].count("“") and subject[start - 1:start] == "“":
        start -= 1
    if subject[start:end].count("“") > subject[start:end].count("”") and subject[end:end + 1] == "”":
        end += 1
    return subject[start:end].replace("“", "‘").replace("”", "’")


__all__ = ["Misattached", "clause_before", "misattached"]
