"""Denials the staff's notes contradict (firewall check M19).

A model that tells one note of an aspect and denies another ("我镇开展了政府信息公开工作考核，未开展社会评议。") or the
rest ("…；其他方面无。", "除此之外未开展其他工作", "本年度无其他需要报告的事项。") writes something false that no check of
figures, words or whole paragraphs sees (M17's :func:`~assistant.drafting.section_fit.denied_aspects` sees only a
paragraph that is nothing but a denial). Here each clause of a model paragraph that denies (a zero marker of the claims
vocabulary, ``schemas/claims.yaml``: 未, 没有, 无 and 暂无, and the notes' 未开展/未组织 … and 未发生 …) is read for
its object:

- a denial of something ("未开展社会评议", "没有组织政务公开业务培训", "社会评议工作暂无") fails when a note of the
  paragraph's aspect (a paragraph of no aspect: of its section) tells it happened: a clause of the note, itself no
  denial, has more than half the object's content words (评议; 政务 and 业务培训), or the note states a result of the
  same 监督保障 duty (满意度测评 and "进行评议，满意率为95%");
- a denial of the rest ("其他方面无", "此外无其他平台") fails when a note that tells work done is not told in the
  paragraph (a paragraph of no aspect: in its section): more than half its content words are not there.

What a denial cannot contradict: the tables (a denial of what the tables count, "未制发行政规范性文件", "未收到申请", as
the claims vocabulary reads it, is the tables' to judge: the checker's C5 does, in the repair loop), a note that is itself a denial ("本年度未发生…责任追究情况"), a thing a
note denies too (beside "对…的，严肃追究责任", "全年未发生…责任追究情况" lets the text say 本年度未发生…责任追究), a plan ("下一步…将…"), another
year ("上年度未开展…"), a modifier ("对未公开的信息"), and a denial the input or the template's text says in the same
words. Content words are those the support check (M18) judges: two characters or more, no office word, no function word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from assistant.claims import Entry, vocabulary
from assistant.drafting.missing import duty_of, duty_result, note_items
from assistant.drafting.note_text import NOT_CARRIED_OUT, NOTHING_HAPPENED
from assistant.drafting.support import FUNCTION_TAGS, GENERAL_OFFICE_WORDS, other_way_round
from assistant.drafting.table_events import NOT_HAPPENED_RE
from assistant.patterns import compiled, lazy_compile
from assistant.segmenter import part_of_speech, words

RULE_ID = "M19"  # the firewall's check id (CHECKS)

_CLAUSE_RE = lazy_compile(r"[^，,；;。！？!?]+")  # "责任追究：无" is one clause
_SENTENCE_RE = lazy_compile(r"[^。！？!?]+[。！？!?]?")
# What a denial of the rest says instead of naming a thing: 其他方面无, 此外无其他平台, 除此之外未开展其他工作
_REST_RE = lazy_compile(r"其他|其它|其余|以外|之外")
_REST_WORDS = frozenset({"其他", "其它", "其余", "以外", "之外", "此外", "除此之外", "除此以外"})
# The things one denial names together: 未开展业务培训和社会评议
_CONJUNCTION_RE = lazy_compile(r"以及|和|及|与|、|或")
# A denial right after a preposition modifies a noun ("对未公开的信息"), it denies nothing
_MODIFIER_BEFORE = "对把向与给为"
_CJK_WORD_RE = lazy_compile(r"^[\u4e00-\u9fff]{2,}$")
_CJK_RE = lazy_compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class DeniedNote:
    """A clause of model text that denies what a note tells: the clause (``said``, from ``start``), the note, and whether
    it denies the rest of the work (其他…无) rather than a thing it names."""

    said: str
    start: int
    note: str
    of_the_rest: bool

    def message(self) -> str:
        if self.of_the_rest:
            return f"模型文字称“{self.said}”，但工作情况说明还写了“{self.note}”，这一段没有写出"
        return f"模型文字称“{self.said}”，但工作情况说明写了“{self.note}”"


@cache
def _marker_re() -> re.Pattern[str]:
    """A denial's opening: 未开展 and 未发生 whole (their verb names no thing), else a zero marker (未, 没有, 无)."""
    markers = sorted({*NOT_CARRIED_OUT, *NOTHING_HAPPENED, *vocabulary().zero_markers}, key=len, reverse=True)
    return compiled("|".join(map(re.escape, markers)))


def _denials_in(clause: str) -> list[re.Match[str]]:
    """The denials' openings in a clause: not a word that only starts like one (无法, 未经, 尚未 … of the claims
    vocabulary's exceptions), not a modifier after a preposition."""
    out = []
    for m in _marker_re().finditer(clause):
        if m.group() in vocabulary().zero_markers and _is_exception(clause, m.start(), m.group()):
            continue
        if m.start() > 0 and clause[m.start() - 1] in _MODIFIER_BEFORE:
            continue
        out.append(m)
    return out


def _is_exception(text: str, start: int, marker: str) -> bool:
    for word in vocabulary().zero_exceptions:
        offset = word.find(marker)
        if offset >= 0 and start - offset >= 0 and text.startswith(word, start - offset):
            return True
    return False


def content_words(text: str) -> list[str]:
    """The words of ``text`` that name something, as M18 judges them (two characters or more, no office word, no
    function word), and no word of 其他. A word inside an office phrase the segmenter cuts (政府 in 政府信息公开, 政务 in
    政务公开) names nothing; a character that ends a thing joins the word before it (查阅 + 点, 村务公开 + 栏)."""
    office = [(m.start(), m.end()) for m in _office_phrase_re().finditer(text)]
    joined: list[tuple[int, str]] = []
    position = 0
    for word in words(text):
        start, position = position, position + len(word)
        if joined and len(word) == 1 and _CJK_WORD_RE.match(joined[-1][1] + word) and \
                joined[-1][0] + len(joined[-1][1]) == start and part_of_speech(word) not in _JOINING_NOT:
            joined[-1] = (joined[-1][0], joined[-1][1] + word)
        else:
            joined.append((start, word))
    out: list[str] = []
    for start, word in joined:
        inside = any(a <= start and start + len(word) <= b for a, b in office)
        if _CJK_WORD_RE.match(word) and not inside and word not in GENERAL_OFFICE_WORDS and word not in _REST_WORDS \
                and part_of_speech(word) not in FUNCTION_TAGS and word not in out:
            out.append(word)
    return out


# Characters that end no thing: particles, prepositions, conjunctions, adverbs, pronouns (的, 在, 和, 也, 其)
_JOINING_NOT = frozenset({"p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "d", "r", "y", "e", "f"})
_OFFICE_PHRASE_LENGTH = 4  # office words this long are phrases the segmenter cuts into words of their own


@cache
def _office_phrase_re() -> re.Pattern[str]:
    phrases = sorted((w for w in GENERAL_OFFICE_WORDS if len(w) >= _OFFICE_PHRASE_LENGTH), key=len, reverse=True)
    return compiled("|".join(map(re.escape, phrases)))


def _mostly_in(found: Sequence[str], text: str, either_way: bool = False) -> bool:
    """More than half of ``found`` (words) are in ``text`` (``either_way``: or their halves the other way round)."""
    return bool(found) and 2 * sum(w in text or either_way and other_way_round(w) in text for w in found) > len(found)


@dataclass(frozen=True)
class _Note:
    text: str  # the note item as the office wrote it
    clauses: tuple[str, ...]  # its clauses that are no denial
    denials: tuple[str, ...]  # its clauses that deny ("本年度未发生…责任追究情况")

    @property
    def denies(self) -> bool:
        return bool(self.denials)

    @property
    def tells_work(self) -> bool:
        return any(content_words(c) for c in self.clauses)


def _notes(items: Sequence[str]) -> list[_Note]:
    out = []
    for item in note_items(list(items)):
        clauses = [m.group() for m in _CLAUSE_RE.finditer(item)]
        out.append(_Note(item, tuple(c for c in clauses if not _denials_in(c)),
                         tuple(c for c in clauses if _denials_in(c))))
    return out


def _denied(thing: str, notes: Sequence[_Note]) -> _Note | None:
    """The first note that tells ``thing`` (a denial's object, one of a list) happened: a clause of it has most of the
    thing's words, or it states a result of the same 监督保障 duty and the thing names nothing else the note does not
    (责任追究 and "对1个村进行约谈"; not 考核扣分 and "纳入年度考核")."""
    found = content_words(thing)
    if any(_mostly_in(found, clause, either_way=True) for note in notes for clause in note.denials):
        return None  # the notes deny it themselves ("全年未发生…责任追究情况" beside "对…的，严肃追究责任")
    duty = duty_of(thing)
    for note in notes:
        if any(_mostly_in(found, clause) for clause in note.clauses):
            return note
        if duty and duty_result(note.text) == duty and not note.denies and \
                all(w in note.text or duty_of(w) == duty for w in found):
            return note
    return None


def denied_notes(text: str, notes: Sequence[str], told: str = "", said_before: str = "") -> Iterator[DeniedNote]:
    """The clauses of ``text`` (a paragraph of model text) that deny what ``notes`` (the notes of its aspect or
    section) tell happened; ``told`` is where the notes a denial of the rest leaves out may be told (the paragraph's
    section, when it has no aspect; the paragraph itself by default), ``said_before`` the text whose denials are true
    as they stand (the input, the template's text)."""
    items = _notes(notes)
    if not items:
        return
    told = told or text
    voc = vocabulary()
    for sentence in _SENTENCE_RE.finditer(text):
        for clause in _CLAUSE_RE.finditer(sentence.group()):
            said = clause.group().strip()
            openings = _denials_in(clause.group())
            if not openings or said in said_before or _of_the_tables(clause.group(), sentence.group()):
                continue
            before_sentence = text[sentence.start():sentence.start() + clause.start() + openings[0].start()]
            if any(w in before_sentence for w in voc.other_period_words) or \
                    NOT_HAPPENED_RE.search(clause.group()[:openings[0].start()]):
                continue
            start = sentence.start() + clause.start() + (len(clause.group()) - len(clause.group().lstrip()))
            if _REST_RE.search(said):
                untold = next((n for n in items if n.tells_work and not _mostly_in(content_words(n.text), told)), None)
                if untold is not None:
                    yield DeniedNote(said, start, untold.text, of_the_rest=True)
                continue
            note = _denial_of_a_thing(clause.group(), openings, items)
            if note is not None:
                yield DeniedNote(said, start, note.text, of_the_rest=False)


def _of_the_tables(clause: str, sentence: str) -> bool:
    """Whether a clause speaks of what the tables count ("未制发行政规范性文件", "未废止…", "未收到…申请"), as the claims
    vocabulary reads it: an entry with figures whose phrase (and ``with`` word) the clause has, its ``require`` word
    the sentence. The tables judge such a denial (C5), not the notes."""
    return any(_entry_in(entry, clause, sentence) for entry in vocabulary().entries if entry.figures)


def _entry_in(entry: Entry, clause: str, sentence: str) -> bool:
    return any(p in clause for p in entry.phrases) and (not entry.with_words or any(w in clause for w in entry.with_words)) \
        and (not entry.require or any(w in sentence for w in entry.require)) and not any(w in clause for w in entry.exclude)


def _denial_of_a_thing(clause: str, openings: Sequence[re.Match[str]], notes: Sequence[_Note]) -> _Note | None:
    """The note a clause's denials deny: each denial's object is what follows it up to the next denial, or, when
    nothing follows ("社会评议工作暂无", "社会评议未开展"), what goes before it (not before "及时更新": "栏目没有及时
    更新" denies no 栏目)."""
    for i, opening in enumerate(openings):
        end = openings[i + 1].start() if i + 1 < len(openings) else len(clause)
        thing = clause[opening.end():end]
        if not _CJK_RE.search(thing):
            thing = clause[openings[i - 1].end() if i else 0:opening.start()]
        for part in _CONJUNCTION_RE.split(thing):
            note = _denied(part, notes)
            if note is not None:
                return note
    return None


__all__ = ["RULE_ID", "DeniedNote", "content_words", "denied_notes"]
