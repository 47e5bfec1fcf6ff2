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

A figure may also be moved to a thing the notes give no figure of that unit (培训2次 written "年度考核，全年考核2次";
the 评议's 满意率为95% written "考核满意率为95%"): the model's clause names a word of another clause of the notes with no
figure of that unit, and no word of the figure's own subject. A subject that names only a measure (满意率为) is of the
clause before it (…进行评议，满意率为). Measure and time words (满意率, 年末) name no thing. Figures written with 分别 after
an enumerated list of subjects ("专栏和公众号分别发布信息128条、86条") are paired in order; when the counts differ, the
pairing cannot be read and the figures pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.drafting.denials import content_words
from assistant.patterns import lazy_compile
from assistant.segmenter import part_of_speech

_CLAUSE_END_RE = lazy_compile(r"[，,；;。！？!?：:\n]")
_MEASURE_WORDS = ("满意率", "满意度", "比例", "占比", "比率", "总数", "总量", "数量")
_LIST_JOINT_RE = lazy_compile(r"和|与|及|以及|、")


def clause_before(text: str, index: int, figures: re.Pattern[str], masked: str | None = None) -> str:
    """The clause of ``text`` before ``index``, from its start or the end of the figure before (``figures`` read on
    ``masked``, ``text`` with what is no figure blanked, when given)."""
    start = max((m.end() for m in _CLAUSE_END_RE.finditer(text, 0, index)), default=0)
    source = masked if masked is not None else text
    start = max([start, *(m.end() for m in figures.finditer(source, start, index) if m.end() <= index)])
    return text[start:index]


def subject_before(note: str, index: int, figures: re.Pattern[str], masked: str) -> str:
    """The subject of the note's figure at ``index``: its clause before it, or, when that clause names only a measure
    (满意率为), the clause before that one as well."""
    clause = clause_before(note, index, figures, masked)
    start = index - len(clause)
    if _thing_words(clause) or start == 0 or figures.search(masked, start - 1, start) is not None:
        return clause
    return clause_before(note, start - 1, figures, masked) + note[start - 1:index]


def paired_clause(text: str, index: int, figures: re.Pattern[str], clause: str) -> str | None:
    """The part of ``clause`` (the model's clause before the figure at ``index``) that the figure belongs to when it
    is one of figures after 分别 ("专栏和公众号分别发布信息128条、86条": 专栏…发布信息 for 128条); ``clause`` itself
    when no 分别 joins it; None when the subjects and figures listed cannot be paired."""
    sentence_start = max((m.end() for m in _CLAUSE_END_RE.finditer(text, 0, index)), default=0)
    split = text.rfind("分别", sentence_start, index)
    if split < 0:
        return clause
    end = _CLAUSE_END_RE.search(text, index)
    matches = list(figures.finditer(text, split, end.start() if end else len(text)))
    listed = [m.start() for m in matches]
    joints = [text[a.end():b.start()] for a, b in zip(matches, matches[1:], strict=False)]
    subjects = _LIST_JOINT_RE.split(text[sentence_start:split])
    if index not in listed or len(subjects) != len(listed) or \
            any(_LIST_JOINT_RE.fullmatch(joint.strip()) is None for joint in joints):
        return None
    return subjects[listed.index(index)] + text[split + 2:listed[0]]


def _thing_words(text: str) -> list[str]:
    """The content words of ``text`` that name a thing: no measure (满意率), no time (年末)."""
    return [w for w in content_words(text) if w not in _MEASURE_WORDS and part_of_speech(w) != "t"]


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


def moved_to_another_thing(written_before: str, own: Sequence[str], things: Sequence[str],
                           names: str) -> Misattached | None:
    """Whether model text that writes a figure after ``written_before`` ties it to a thing of the notes with no figure
    of that unit: ``own`` are the figure's subjects in the notes, ``things`` the notes' clauses with no figure of its
    unit (in notes that give none). It does when the clause names a word of one of ``things`` that the figure's subjects do not have, and no
    word of the figure's own subjects."""
    said = _thing_words(written_before)
    own_words = [w for subject in own for w in _thing_words(subject) if w not in names]
    if not own or not said or any(_names(w, written_before, said) for w in own_words):
        return None
    best: tuple[int, str, list[str]] | None = None
    for thing in things:
        apart = [w for w in _thing_words(thing)
                 if w not in names and not any(w in subject or o in w for subject in own for o in own_words)]
        named = sum(_names(w, written_before, said) for w in apart)
        if named and (best is None or named > best[0]):
            best = (named, thing, apart)
    if best is None:
        return None
    _named, thing, apart = best
    return Misattached(_shown(own[0], [w for w in _thing_words(own[0]) if w not in thing]),
                       _shown(thing, [w for w in _thing_words(thing) if w in apart or w in names]))


def _names(word: str, clause: str, said: Sequence[str]) -> bool:
    """Whether ``clause`` (its thing words ``said``) names ``word``: has it, or a word of it (培训 of 业务培训)."""
    return word in clause or any(w in word for w in said)


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


__all__ = ["Misattached", "clause_before", "misattached", "moved_to_another_thing", "paired_clause", "subject_before"]
