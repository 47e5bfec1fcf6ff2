"""Chinese text -> claims: the numbers a narrative states, what they are about, and how they are qualified.

A claim is a number with its unit ("3119件", "51.85%", "1.2万条", "两件"), the subject phrase it belongs to (mapped to
FactSheet figure ids through ``schemas/claims.yaml``), and its qualifiers: total (共、合计), part of a 其中 breakdown,
approximate (余、约、左右), a change (较上年增加、同比), "each" (各), another period (上年、2023年).
Two kinds of claims carry no number: zero claims ("未收到政府信息公开申请", "无收取信息处理费情况") and universal
claims ("均已办结", "均予以公开", "均获维持"). Fixed expressions with numerals (一件事一次办, 十四五 …) are masked first.

Numerals go through ``cn2an`` one token at a time (never its sentence ``transform``, engineering-notes §5).
Extraction is regex only; the vocabulary is loaded once.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any

from assistant.facts import is_part_of
from assistant.model import Draft
from assistant.numbering import (
    ARABIC_ITEM_NUMBER,
    CLAIM_QUANTITIES,
    CN_NUMERALS,
    ENUMERATION_SHI,
    ITEM_NUMBER,
    YEAR_RE,
    chinese_percent_re,
    quantity_re,
    to_number,
)
from assistant.patterns import compiled, lazy_compile
from assistant.resources import schema_data
from assistant.textview import Paragraph, paragraphs

_CLAUSE_DELIMS = frozenset("，,；;：:（）()【】[]「」《》")
# The start of the next enumerated item ("；二是", "。（二）", "；2."): a 其中 list does not run across it.
_NEXT_ITEM = lazy_compile(rf"[；;。，,：:]\s*(?:{ENUMERATION_SHI}|{ITEM_NUMBER}|{ARABIC_ITEM_NUMBER})")
# "另有2件": a further statement, no part of the 其中 (but "另行制作" is no 另)
# What introduces a breakdown of the number before it: 其中, or 包括 right after a comma ("公开信息382条，包括…";
# "…346条，内容包括…"), a list that need not be complete
_BREAKDOWN_WORD = lazy_compile(r"其中|(?<=[，,])(?:内容)?包括")
# A clause that starts a statement of its own ("通过微信公众号发布…", "同时…"), after a 包括 list
_NEW_STATEMENT = lazy_compile(r"\s*(?:通过|依托|利用|在|另|此外|同时|并|全年|共|累计)")
_ANOTHER = lazy_compile(r"另有|另外|此外|另(?!行)")
_NEW_ACTION = lazy_compile(r"通过|发布|开展|组织|举办|召开|更新|编制|印发|制定|另|此外|同时|并")
# Verbs that count a quantity of their own ("收到微博投诉12条" after "发布微博120条，其中原创11条，转发109条"): a clause
# with one that neither the whole nor an earlier part has is another quantity, not a further part
_QUANTITY_VERB = lazy_compile(r"收到|受理|接到|接收|收悉|办结|答复|回复|转办")
_DELIM_RE = lazy_compile(r"[，,；;：:（）()【】\[\]「」《》。！？!?\n]")
_BRACKET_RE = lazy_compile(r"[（(【\[）)】\]]")
_SENTENCE_RE = lazy_compile(r"[^。！？!?\n]+[。！？!?\n]?")
_NUMBER_RE = quantity_re(CLAIM_QUANTITIES)
_PERCENT_CN_RE = chinese_percent_re(CN_NUMERALS)
_SHARE_RE = lazy_compile(r"占(?:比)?(?P<base>[^，,；;。%]{0,16}?)(?:的)?(?:比例|比重|比)?(?:为|达|约为|约)?\s*$")
_NOT_BEFORE = "第每.．" + CN_NUMERALS  # ordinals, "每", a decimal cut short, a longer Chinese numeral
_FILLERS = ("已经", "已", "被", "获", "得到", "予以", "依法", "依规", "全部", "都", "均", "为", "获得", "得以")
_TIME_WORDS = ("期限", "时限", "按时", "按期", "及时", "限期")
_CONNECTORS = "和及、与或"
_SAME_UNIT = {"起": "件", "宗": "件"}  # cases counted in 件, 起 or 宗 are the same kind of count


# ----------------------------------------------------------------------------------------------------------------
# Vocabulary


@dataclass(frozen=True)
class Entry:
    """One subject of ``schemas/claims.yaml``."""

    name: str
    phrases: tuple[str, ...]
    order: int
    figures: tuple[str, ...] = ()
    with_words: tuple[str, ...] = ()
    context: tuple[tuple[str, str], ...] = ()
    column: str | None = None
    require: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    ambiguous: bool = False
    ambiguous_if: tuple[str, ...] = ()
    units: str = "count"
    zero: bool = False
    zero_only: bool = False
    alias: str | None = None
    group: str | None = None  # the table 三 group this reason belongs to (its entry name)
    not_zero: tuple[str, ...] = ()  # phrases too vague for a zero statement
    counts_all: bool = False  # the count of all applications (or 复议, 诉讼): no remainder ("另一件") is compared with it


@dataclass(frozen=True)
class Universal:
    name: str
    predicates: tuple[str, ...]
    zero: tuple[str, ...]
    require: tuple[str, ...] = ()
    context: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    entries: tuple[Entry, ...]
    universals: tuple[Universal, ...]
    unit_classes: dict[str, str]  # unit -> class
    idioms_re: re.Pattern[str] | None
    total_words: tuple[str, ...]
    delta_words: tuple[str, ...]
    approx_before: tuple[str, ...]
    approx_after: tuple[str, ...]
    each_words: tuple[str, ...]
    other_period_words: tuple[str, ...]
    zero_markers: tuple[str, ...]
    zero_exceptions: tuple[str, ...]
    universal_markers: tuple[str, ...]
    open_list_words: tuple[str, ...]
    applicant_words: tuple[str, ...] = ()
    non_count_tails: tuple[str, ...] = ()
    remainder_words: tuple[str, ...] = ()
    phrases_by_first: dict[str, tuple[str, ...]] = field(default_factory=dict)  # under its first character, longest first
    phrase_entries: dict[str, tuple[Entry, ...]] = field(default_factory=dict)

    def unit_class(self, unit: str | None) -> str | None:
        return self.unit_classes.get(unit or "")


def _tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _by_length(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _decision_entries(entries: list[Entry]) -> list[Entry]:
    """For every table 二 row of decisions (本年处理决定数量) that claims.yaml does not name, in any known format: its
    label + 决定 ("行政确认决定7件"), so a format added as data is read without editing claims.yaml."""
    from assistant.formats import known_versions, load_format

    named = {path for e in entries for path in e.figures}
    out: list[Entry] = []
    for version in known_versions():
        for block in load_format(version).t2_blocks:
            for row in block.rows:
                path = f"t2.{row.key}.decisions"
                if any(c.key == "decisions" for c in block.columns) and path not in named:
                    named.add(path)
                    out.append(Entry(name=f"{row.label}决定", phrases=_by_length((f"{row.label}决定",
                                                                                f"{row.label}处理决定")),
                                     order=len(entries) + len(out), figures=(path,)))
    return out


@cache
def vocabulary() -> Vocabulary:
    """The claims vocabulary of ``schemas/claims.yaml`` (loaded once)."""
    raw = schema_data("claims")
    entries = []
    for i, e in enumerate(raw["entries"]):
        entries.append(Entry(
            name=e["name"], phrases=_by_length(_tuple(e["phrases"])), order=i, figures=_tuple(e.get("figures")),
            with_words=_tuple(e.get("with")), context=tuple((k, v) for k, v in (e.get("context") or {}).items()),
            column=e.get("column"), require=_tuple(e.get("require")), exclude=_tuple(e.get("exclude")),
            ambiguous=bool(e.get("ambiguous", False)), ambiguous_if=_tuple(e.get("ambiguous_if")),
            units=e.get("units", "count"), zero=bool(e.get("zero", False)), zero_only=bool(e.get("zero_only", False)),
            alias=e.get("alias"), group=e.get("group"), not_zero=_tuple(e.get("not_zero")),
            counts_all=bool(e.get("counts_all", False)),
        ))
    entries += _decision_entries(entries)
    universals = tuple(
        Universal(u["name"], _by_length(_tuple(u["predicates"])), _tuple(u["zero"]), _tuple(u.get("require")),
                  tuple((k, v) for k, v in (u.get("context") or {}).items()))
        for u in raw["universals"]
    )
    unit_classes = {unit: cls for cls, units in raw["unit_classes"].items() for unit in units}
    idioms = _by_length(_tuple(raw.get("idioms")))
    phrase_entries: dict[str, list[Entry]] = {}
    for entry in entries:
        for phrase in entry.phrases:
            phrase_entries.setdefault(phrase, []).append(entry)
    phrases_by_first: dict[str, list[str]] = {}
    for phrase in _by_length(tuple(phrase_entries)):
        phrases_by_first.setdefault(phrase[0], []).append(phrase)
    return Vocabulary(
        phrases_by_first={first: tuple(phrases) for first, phrases in phrases_by_first.items()},
        phrase_entries={k: tuple(v) for k, v in phrase_entries.items()},
        entries=tuple(entries), universals=universals, unit_classes=unit_classes,
        idioms_re=compiled("|".join(map(re.escape, idioms))) if idioms else None,
        total_words=_tuple(raw["total_words"]), delta_words=_tuple(raw["delta_words"]),
        approx_before=_tuple(raw["approx_before"]), approx_after=_tuple(raw["approx_after"]),
        each_words=_tuple(raw["each_words"]), other_period_words=_tuple(raw["other_period_words"]),
        zero_markers=_by_length(_tuple(raw["zero_markers"])), zero_exceptions=_tuple(raw["zero_marker_exceptions"]),
        universal_markers=_by_length(_tuple(raw["universal_markers"])), open_list_words=_tuple(raw["open_list_words"]),
        applicant_words=_tuple(raw.get("applicant_words")), non_count_tails=_tuple(raw.get("non_count_tails")),
        remainder_words=_by_length(_tuple(raw.get("remainder_words"))),
    )


# ----------------------------------------------------------------------------------------------------------------
# Claims


@dataclass
class Claim:
    """One statement of the text: a number (or a zero/universal statement) with what it is about.

    ``start``/``end`` are character offsets in the paragraph; ``section``/``paragraph`` locate the paragraph
    (as in :mod:`assistant.textview`). ``figures`` are the candidate FactSheet ids (any may match).
    """

    kind: str  # "number", "percent", "zero" or "universal"
    start: int
    end: int
    text: str
    value: Decimal | None = None
    unit: str | None = None
    decimals: int = 0
    subject: str = ""  # the clause text before the number (where the subject phrase was looked for)
    subject_start: int = 0  # where that text starts in the paragraph
    tail: str = ""  # the few characters after the number
    sentence: tuple[int, int] = (0, 0)
    qualifiers: frozenset[str] = frozenset()
    entry: Entry | None = None
    phrase: str | None = None
    figures: tuple[str, ...] = ()
    ambiguous: bool = False
    year: int | None = None  # the year the sentence names before the subject, if any (:func:`statement_year`)
    whole: int | None = None  # index of the 其中 whole this claim is a part of
    parts: tuple[int, ...] = ()  # for a whole: the indexes of its parts
    open_list: bool = False  # for a whole: the list of parts says it is not complete (等、主要)
    # for a whole: numbers after its parts, in the same list, from a clause whose verb neither the whole nor a part has
    # ("发布微博120条，其中原创11条，转发109条；收到微博投诉12条"): another quantity, or a further part (e08 "公开信息236条，
    # 其中…27条，…198条，回复群众诉求11件") — not added to the parts, but a list is short of its whole only without them too
    doubtful_parts: tuple[int, ...] = ()
    listed_by: str = "其中"  # for a whole: the word that introduces its parts (其中, or 包括: parts not linked back)
    count: int | None = None  # for a share percentage: the index of the counted claim
    share: bool = False  # a percentage of the form "……占N%"
    base_phrase: str = ""  # for a share: what it is a share of, as written ("办结总数的")
    universal: Universal | None = None
    section: str = ""
    paragraph: int = 0

    @property
    def unit_class(self) -> str | None:
        return vocabulary().unit_class(self.unit)

    @property
    def comparable(self) -> bool:
        """A stated quantity that can be compared with a figure (not approximate, a change, per item, past, or the
        remainder of a count of all applications)."""
        return self.kind != "number" or not (self.qualifiers & {"approx", "delta", "each", "other_period", "remainder"})


def _decimals(token: str) -> int:
    token = token.rstrip("万亿 ")
    return len(token.split(".", 1)[1]) if "." in token and token[0].isdigit() else 0


_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def mask_idioms(text: str) -> str:
    """The text with fixed expressions (一件事一次办, 十四五 …) replaced by placeholders of the same length,
    and full-width digits, point and percent sign made half-width (one character for one)."""
    text = text.translate(_FULLWIDTH)
    pattern = vocabulary().idioms_re
    return pattern.sub(lambda m: "□" * len(m.group()), text) if pattern else text


class _Text:
    """A paragraph prepared for matching: masked text, sentence and clause bounds, bracket depth."""

    def __init__(self, text: str):
        self.raw = text
        self.masked = mask_idioms(text)
        self.sentences = [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(self.masked)]
        self._sentence_starts = [a for a, _b in self.sentences]
        self._delims = [m.start() for m in _DELIM_RE.finditer(self.masked)]
        self._brackets: list[tuple[int, int]] = []  # (position, depth after it)
        depth = 0
        for m in _BRACKET_RE.finditer(self.masked):
            if m.group() in "（(【[":
                depth += 1
            elif depth > 0:
                depth -= 1
            else:
                continue
            self._brackets.append((m.start(), depth))
        self._bracket_pos = [p for p, _d in self._brackets]
        self.phrases = occurrences(self.masked)

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos`` (just after the previous delimiter)."""
        i = bisect_left(self._delims, pos)
        return self._delims[i - 1] + 1 if i else 0

    def clause_end(self, pos: int) -> int:
        """Position of the first delimiter at or after ``pos``."""
        i = bisect_left(self._delims, pos)
        return self._delims[i] if i < len(self._delims) else len(self.masked)

    def depth(self, pos: int) -> int:
        """Bracket depth at ``pos`` (brackets before it)."""
        i = bisect_left(self._bracket_pos, pos)
        return self._brackets[i - 1][1] if i else 0

    def min_depth(self, lo: int, hi: int) -> int:
        """Smallest bracket depth over [lo, hi]."""
        low = self.depth(lo)
        i = bisect_left(self._bracket_pos, lo)
        while i < len(self._brackets) and self._brackets[i][0] < hi:
            low = min(low, self._brackets[i][1])
            i += 1
        return low

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sentence_starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return (pos, pos)


@dataclass
class _Match:
    entry: Entry
    phrase: str
    start: int  # absolute position of the phrase
    key: tuple[int, int, int, int] = field(default=(0, 0, 0, 0))


Occurrence = tuple[int, int, str]  # start, end, phrase


def occurrences(text: str) -> list[Occurrence]:
    """Every vocabulary phrase in ``text`` (the longest one at each position, so they may overlap), in text order.

    A scan, not one regular expression of all the phrases: compiling that took about 3 ms of every start (issue 11),
    and the texts looked at are short (about 1,200 characters in all for a short report).
    """
    phrases_by_first = vocabulary().phrases_by_first
    found: list[Occurrence] = []
    for start, char in enumerate(text):
        for phrase in phrases_by_first.get(char, ()):
            if text.startswith(phrase, start):
                found.append((start, start + len(phrase), phrase))
                break
    return found


def occurrences_within(occ: list[Occurrence], lo: int, hi: int) -> list[Occurrence]:
    """The occurrences (in text order) that lie wholly within [lo, hi): found by bisection, as a long pasted text
    holds tens of thousands of them and each statement looks only at its own clause."""
    first = bisect_left(occ, lo, key=lambda o: o[0])
    last = bisect_left(occ, hi, lo=first, key=lambda o: o[0])
    return [o for o in occ[first:last] if o[1] <= hi]


def _find_phrases(occ: list[Occurrence], lo: int, hi: int, allowed: Callable[[Entry], bool], mode: str) -> list[_Match]:
    """For each allowed entry, its phrase occurrence within [lo, hi) that is best for ``mode``.

    ``before``: nearest to ``hi`` (a subject written before its number); ``after``: nearest to ``lo`` (written
    after it); ``last``: the last one (the head of a noun phrase after 未/没有/无). The key sorts best first.
    """
    phrase_entries = vocabulary().phrase_entries
    best: dict[int, _Match] = {}
    for start, end, phrase in occurrences_within(occ, lo, hi):
        for entry in phrase_entries[phrase]:
            if not allowed(entry):
                continue
            if mode == "before":
                key = (hi - end, -len(phrase), entry.order, 0)
            elif mode == "after":
                key = (start - lo + 1000, -len(phrase), entry.order, 0)
            else:
                key = (-end, -len(phrase), entry.order, 0)
            current = best.get(entry.order)
            if current is None or key < current.key:
                best[entry.order] = _Match(entry, phrase, start, key)
    return list(best.values())


def entry_named(name: str) -> Entry:
    """The vocabulary entry of ``schemas/claims.yaml`` called ``name`` ("行政复议", "结果纠正", "信息处理费")."""
    return next(e for e in vocabulary().entries if e.name == name)


def universal_named(name: str) -> Universal:
    """The universal statement of ``schemas/claims.yaml`` called ``name`` ("均已办结")."""
    return next(u for u in vocabulary().universals if u.name == name)


def context_figure(entry: Entry, before: str) -> str | None:
    """The figure of an entry whose figure depends on its context ("结果纠正" after "复议": t4.review.corrected)."""
    return _context_figure(entry, before)


def _nearest_with(entry: Entry, text: str) -> int | None:
    """Distance from the end of ``text`` to the nearest ``with`` word (None when none occurs)."""
    best = None
    for word in entry.with_words:
        pos = text.rfind(word)
        if pos >= 0:
            distance = len(text) - pos - len(word)
            best = distance if best is None else min(best, distance)
    return best


def _context_figure(entry: Entry, before: str) -> str | None:
    """For an entry whose figure depends on context: the figure of the nearest context word before it.

    A longer context word ending just before the nearest one qualifies it: "直接起诉的行政诉讼结果维持" is 直接起诉.
    """
    found = []
    for word, fid in entry.context:
        pos = before.rfind(word)
        if pos >= 0:
            found.append((pos + len(word), len(word), pos, fid))
    if not found:
        return None
    end, length, start, figure = max(found)
    for other_end, other_length, _other_start, other_fid in found:
        if other_length > length and 0 <= start - other_end <= 4 and \
                other_fid.rsplit(".", 1)[0].startswith(figure.rsplit(".", 1)[0]):
            return other_fid
    return figure


# Between a group word and the outcome it qualifies, written after a number: "1件被复议纠正", "2件经复议后维持",
# "1件被复议机关纠正", "1件行政诉讼被法院判决撤销"
_GROUP_TO_OUTCOME_GAP = lazy_compile(r"后?(?:被|予以|获)?(?:机关|法院)?(?:判决|决定)?")


def is_time_limit(after: str) -> bool:
    """Whether the words after a number make it a time limit or another measure, never a count of cases:
    "20个工作日", "15日", "3天", "24小时", "3个月", "2个百分点" (``non_count_tails`` of ``schemas/claims.yaml``).
    ``after`` is what follows the digits, with or without the measure word 个."""
    rest = after.lstrip()
    if rest.startswith("个"):
        rest = rest[1:].lstrip()
    return rest.startswith(vocabulary().non_count_tails)


def _contains(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


class _Extractor:
    """Extracts the claims of one paragraph."""

    def __init__(self, text: str):
        self.voc = vocabulary()
        self.t = _Text(text)
        self.claims: list[Claim] = []

    # --- numbers ---------------------------------------------------------------------------------------------
    def numbers(self) -> None:
        masked = self.t.masked
        prev_end = 0
        for m in _NUMBER_RE.finditer(masked):
            start = m.start()
            before = masked[:start].rstrip(" ")
            if before and (before[-1] in _NOT_BEFORE or (before[-1].isascii() and before[-1].isalpha())):
                continue  # 第一次, 每3个月, H5
            token, unit = m.group("num"), m.group("unit")
            is_cn = not token[0].isdigit()
            if unit == "起" and is_cn:
                continue  # 一起 (together)
            if unit == "元" and token.endswith("万") and len(token) > 1:
                token, unit = token[:-1], "万元"
            value = to_number(token)
            if value is None:
                continue
            unit = "%" if unit == "％" else unit
            kind = "percent" if unit == "%" else "number"
            end = m.end()
            clause = self.t.clause_start(start)
            if before.endswith(("）", ")")):  # "予以公开（自然人）4件": the bracket qualifies the words before it
                opening = max(masked.rfind("（", 0, start), masked.rfind("(", 0, start))
                if opening >= 0:
                    clause = self.t.clause_start(opening)
            win_start = max(clause, prev_end)
            window = masked[win_start:start]
            clause_end = self.t.clause_end(end)
            nxt = _NUMBER_RE.search(masked, end, clause_end)
            tail = masked[end:min(clause_end, nxt.start() if nxt else clause_end, end + 16)]
            claim = Claim(kind=kind, start=start, end=end, text=self.t.raw[start:end], value=value, unit=unit,
                          decimals=_decimals(token), subject=window.strip(), subject_start=win_start, tail=tail,
                          sentence=self.t.sentence_of(start))
            claim.qualifiers = self._qualifiers(window, tail, m.group("approx"))
            if kind == "percent":
                share = _SHARE_RE.search(window)
                if share:
                    claim.share = True
                    claim.base_phrase = share.group("base").strip()
            else:
                self._map_number(claim, window, win_start, tail)
            self.claims.append(claim)
            prev_end = end
        for m in _PERCENT_CN_RE.finditer(masked):
            value = to_number(m.group("num").replace("点", "."))
            if value is None:
                import cn2an

                try:
                    value = Decimal(str(cn2an.cn2an(m.group("num"), "normal")))
                except (ValueError, KeyError, IndexError, TypeError):
                    continue
            start = m.start()
            window = masked[self.t.clause_start(start):start]
            claim = Claim(kind="percent", start=start, end=m.end(), text=self.t.raw[start:m.end()], value=value,
                          subject_start=self.t.clause_start(start),
                          unit="%", decimals=len(m.group("num").split("点", 1)[1]) if "点" in m.group("num") else 0,
                          subject=window.strip(), sentence=self.t.sentence_of(start))
            share = _SHARE_RE.search(window)
            if share:
                claim.share, claim.base_phrase = True, share.group("base").strip()
            claim.qualifiers = self._qualifiers(window, "", None)
            self.claims.append(claim)
        self.claims.sort(key=lambda c: c.start)

    def _qualifiers(self, window: str, tail: str, approx: str | None) -> frozenset[str]:
        voc = self.voc
        out = set()
        stripped = window.rstrip()
        if approx or any(stripped.endswith(w) for w in voc.approx_before) or \
                any(tail.startswith(w) for w in voc.approx_after):
            out.add("approx")
        if _total_re(voc.total_words).search(window):
            out.add("total")
        if _contains(window.replace("新增", ""), voc.delta_words) or tail.startswith(("增长", "下降")):
            out.add("delta")
        if any(stripped.endswith(w) for w in voc.each_words) or "分别" in window:
            out.add("each")
        return frozenset(out)

    def _map_number(self, claim: Claim, window: str, win_start: int, tail: str) -> None:
        voc = self.voc
        if is_time_limit(tail):
            return  # "5个工作日": a duration, not a count of applications
        unit_class = voc.unit_class(claim.unit)

        def allowed(e: Entry) -> bool:
            return not e.zero_only and bool(e.column or e.alias or e.units == unit_class)

        found = _find_phrases(self.t.phrases, win_start, claim.start, allowed, "before")
        columns = [m for m in found if m.entry.column]
        matches = [m for m in found if not (m.entry.column and m.key[0] > 4)]
        if not matches:
            matches = _find_phrases(self.t.phrases, claim.end, claim.end + len(tail), allowed, "after")
            matches = self._outcome_of_its_group([m for m in matches if not m.entry.column and not m.entry.ambiguous])
        if not matches:
            matches = self._elliptic(claim, window, win_start, allowed)
        scope = window + tail
        sentence = self.t.masked[claim.sentence[0]:claim.sentence[1]]
        kept = []
        for m in matches:
            e = m.entry
            if e.with_words:
                near = _nearest_with(e, window)
                if m.start > claim.start and _contains(tail, e.with_words):
                    near = 0
                if near is None:
                    continue
                m.key = (m.key[0], m.key[1], near, m.key[2])
            if e.require and not _contains(sentence, e.require):
                continue
            if e.exclude and _contains(scope, e.exclude):
                continue
            kept.append(m)
        if not kept:
            return
        kept.sort(key=lambda m: m.key)
        best = self._reason(kept[0], kept)
        if self._coordinated(best, kept):
            return
        e = best.entry
        if e.column:
            rows = [m for m in kept if m.start < best.start and not m.entry.column and
                    all(f.startswith("t3.") and f.endswith(".total") for f in m.entry.figures) and m.entry.figures]
            if rows:  # "予以公开（自然人）4件": the row is named in the same clause
                row = self._reason(min(rows, key=lambda m: m.key), kept)
                claim.entry, claim.phrase = e, best.phrase
                claim.figures = tuple(f"{f.rsplit('.', 1)[0]}.{e.column}" for f in row.entry.figures)
                return
        claim.entry, claim.phrase = e, best.phrase
        claim.ambiguous = e.ambiguous or _contains(window, e.ambiguous_if)
        if e.counts_all and window.rstrip().endswith(self.voc.remainder_words):
            claim.qualifiers = claim.qualifiers | {"remainder"}  # "另一件按时答复": one of them, not all
        before_phrase = self.t.masked[claim.sentence[0]:best.start]
        figures = e.figures
        if e.context:
            fid = _context_figure(e, before_phrase)
            figures = (fid,) if fid else ()
        claim.figures = self._applicant(figures, columns, window)
        local_before = self.t.masked[max(win_start, self.t.clause_start(best.start)):best.start]
        if _contains(local_before, self.voc.other_period_words) and "other_period" not in claim.qualifiers:
            claim.qualifiers = claim.qualifiers | {"other_period"}
        claim.year = statement_year(self.t.masked, claim.sentence[0], best.start)

    def _outcome_of_its_group(self, matches: list[_Match]) -> list[_Match]:
        """Of the subjects written after a number: an outcome with the group word that qualifies it just before it
        ("出现1件被复议纠正的情况") is what is counted, not the group (行政复议) the number happens to be nearer to.
        Not an outcome with a number of its own ("3件行政复议后维持2件")."""
        for outcome in matches:
            if _NUMBER_RE.match(self.t.masked, outcome.start + len(outcome.phrase)):
                continue
            group_words = tuple(word for word, _fid in outcome.entry.context)
            for group in matches:
                group_end = group.start + len(group.phrase)
                if group_words and group.phrase.endswith(group_words) and group_end <= outcome.start and \
                        _GROUP_TO_OUTCOME_GAP.fullmatch(self.t.masked, group_end, outcome.start):
                    return [outcome]
        return matches

    def _elliptic(self, claim: Claim, window: str, win_start: int, allowed: Callable[[Entry], bool]) -> list[_Match]:
        """"本年制发行政规范性文件2件，废止1件": 废止 without its noun takes the nearest noun before it."""
        lo = claim.sentence[0]
        found = _find_phrases(self.t.phrases, lo, win_start, lambda e: bool(e.with_words) and allowed(e), "before")
        kept = []
        for m in found:
            near = _nearest_with(m.entry, window)
            if near is not None:
                m.key = (m.key[0], m.key[1], near, m.key[2])
                kept.append(m)
        return kept

    def _applicant(self, figures: tuple[str, ...], columns: list[_Match], window: str) -> tuple[str, ...]:
        """"受理自然人提出的政府信息公开申请N件": a table 三 row narrowed to one applicant column."""
        if len(columns) != 1 or not figures or not all(f.startswith("t3.") and f.endswith(".total") for f in figures):
            return figures
        column = columns[0]
        rest = window.replace(column.phrase, "")
        if _contains(rest, self.voc.applicant_words):
            return figures  # 公民、法人和其他组织: every applicant
        return tuple(f"{f.rsplit('.', 1)[0]}.{column.entry.column}" for f in figures)

    def _reason(self, best: _Match, matches: list[_Match]) -> _Match:
        """"因重复申请不予处理1件" is the 重复申请 row, not the whole 不予处理 group (unless 等 widens it)."""
        reasons = [m for m in matches if m.entry.group == best.entry.name and m.start < best.start]
        if not reasons:
            return best
        reason = max(reasons, key=lambda m: m.start)
        between = self.t.masked[reason.start + len(reason.phrase):best.start]
        return best if "等" in between else reason

    def _coordinated(self, best: _Match, matches: list[_Match]) -> bool:
        """Two subjects joined by 和/及/、 ("行政复议和行政诉讼5件"): the number is about both, so neither."""
        for other in matches:
            if other is best or other.entry.figures == best.entry.figures or other.entry.column:
                continue
            other_end = other.start + len(other.phrase)
            gap = self.t.masked[other_end:best.start]
            if 0 < len(gap) <= 3 and any(c in _CONNECTORS for c in gap) and other.start < best.start:
                return True
        return False

    # --- 其中 breakdowns ---------------------------------------------------------------------------------------
    def breakdowns(self) -> None:  # noqa: C901 - one pass over the 其中 of a text
        masked, claims = self.t.masked, self.claims
        numbers = [i for i, c in enumerate(claims) if c.kind == "number"]
        for m in _BREAKDOWN_WORD.finditer(masked):
            pos = m.start()
            listed_by = "包括" if m.group().endswith("包括") else "其中"
            before = [i for i in numbers if claims[i].end <= pos and "delta" not in claims[i].qualifiers]
            if not before:
                continue
            w = before[-1]
            whole = claims[w]
            gap = masked[whole.end:pos]
            if sum(1 for ch in gap if not (ch in _CLAUSE_DELIMS or ch in "。 \n")) > 4:
                continue
            if whole.parts:
                continue
            sentence_end = self.t.sentence_of(pos)[1]
            d0 = self.t.depth(pos)
            parts: list[int] = []
            cut = False
            doubtful_from: int | None = None
            for i in numbers:
                c = claims[i]
                if c.start <= pos:
                    continue
                if c.start >= sentence_end or self.t.min_depth(pos, c.start + 1) < d0:
                    break
                if self.t.depth(c.start) > d0 or c.qualifiers & {"delta"}:
                    continue
                if parts and _ANOTHER.search(c.subject):
                    break
                if _NEXT_ITEM.search(masked, pos, c.start):  # "…其中A 1件；二是…": the next item is no part
                    break
                semicolon = max(masked.rfind("；", pos, c.start), masked.rfind(";", pos, c.start))
                if parts and semicolon >= claims[parts[-1]].end and _NEW_ACTION.search(masked, semicolon, c.start):
                    break  # "其中A 1条、B 31条；通过A发布解读1条": a new statement, not a further part
                verb = _QUANTITY_VERB.search(c.subject)
                if parts and doubtful_from is None and verb and \
                        not any(verb.group() in claims[j].subject for j in (w, *parts)):
                    doubtful_from = len(parts)  # "…转发微博109条；收到微博投诉12条": from here on perhaps another quantity
                if parts and not _same_units(whole, c) and "total" not in c.qualifiers:
                    cut = True  # "…198条，回复群众诉求11件": the list goes on in another unit, so it is not read whole
                    break
                if listed_by == "包括" and _NEW_STATEMENT.match(c.subject):
                    break  # "…包括A 20条、B 100条，通过微信公众号发布信息500条": a new statement, not a part
                if listed_by == "包括" and self._starts_breakdown(c):
                    parts.append(i)  # "包括A 35条，B 2443条，其中…": B is a part, what follows is B's own list
                    cut = True
                    break
                if "total" in c.qualifiers or not _same_units(whole, c) or self._starts_breakdown(c):
                    break
                if whole.figures and c.figures and not any(is_part_of(w, f) for w in whole.figures for f in c.figures):
                    break
                parts.append(i)
            if doubtful_from is not None:
                whole.doubtful_parts = tuple(parts[doubtful_from:])
                parts = parts[:doubtful_from]
            if parts:
                whole.parts = tuple(parts)
                whole.listed_by = listed_by
                last = claims[parts[-1]]
                after = masked[last.end:last.end + 4]
                whole.open_list = cut or listed_by == "包括" or after.startswith(self.voc.open_list_words) or \
                    _contains(masked[pos:pos + 6], ("主要", "包括", "例如"))
                if listed_by == "包括":
                    continue  # only their sum is checked: shares and applicant columns read 其中 lists alone
                for i in parts:
                    claims[i].whole = w

    def _starts_breakdown(self, claim: Claim) -> bool:
        """Whether a 其中 at the same bracket depth follows the number (a new whole, not a part)."""
        after = self.t.masked[claim.end:claim.end + 8]
        m = re.match(r"^[^，,；;。（(]{0,4}[，,：:]?\s*其中", after)
        return bool(m)

    # --- applicant columns, shares -----------------------------------------------------------------------------
    def links(self) -> None:
        claims = self.claims
        for i, c in enumerate(claims):
            if c.kind == "number" and c.entry is not None and c.entry.column and not c.figures:
                row_claim = claims[c.whole] if c.whole is not None else self._previous_row_claim(i)
                rows = [f for f in (row_claim.figures if row_claim else ()) if f.startswith("t3.") and
                        f.endswith(".total")]
                c.figures = tuple(f"{f.rsplit('.', 1)[0]}.{c.entry.column}" for f in rows)
            if c.kind == "number" and c.entry is not None and c.entry.context and c.whole is not None:
                whole = claims[c.whole].figures  # 维持/纠正 in a 其中 take the group of their whole
                if whole and whole[0].startswith("t4.") and whole[0].endswith(".total"):
                    column = c.entry.context[0][1].rsplit(".", 1)[1]
                    c.figures = (f"{whole[0].rsplit('.', 1)[0]}.{column}",)
            if c.kind == "percent" and c.share:
                for j in range(i - 1, -1, -1):
                    prev = claims[j]
                    if prev.sentence != c.sentence:
                        break
                    if prev.kind == "number":
                        if len(self.t.masked[prev.end:c.start]) <= 14 and prev.unit_class in ("count", "money"):
                            c.count = j
                        break

    def _previous_row_claim(self, i: int) -> Claim | None:
        c = self.claims[i]
        for j in range(i - 1, -1, -1):
            prev = self.claims[j]
            if prev.sentence != c.sentence:
                return None
            if prev.kind == "number" and any(f.startswith("t3.") and f.endswith(".total") for f in prev.figures):
                return prev
        return None

    # --- zero and universal statements -------------------------------------------------------------------------
    def statements(self) -> list[Claim]:
        """Zero statements (未收到申请) in clauses without numbers, and universal statements (均已办结)."""
        masked, voc = self.t.masked, self.voc
        number_clauses = {self.t.clause_start(c.start) for c in self.claims}
        out: list[Claim] = []
        covered: set[int] = set()  # the positions of the zero statements found so far
        for marker in voc.zero_markers:
            for m in re.finditer(re.escape(marker), masked):
                pos = m.start()
                if self._is_exception(pos) or self.t.clause_start(pos) in number_clauses:
                    continue
                if pos in covered or (pos > 0 and masked[pos - 1] in CN_NUMERALS):
                    continue
                for zero in self._zero(pos, m.end()):
                    out.append(zero)
                    covered.update(range(zero.start, zero.end))
        for marker in voc.universal_markers:
            for m in re.finditer(re.escape(marker), masked):
                claim = self._universal(m.start(), m.end())
                if claim is not None:
                    out.append(claim)
        out.sort(key=lambda c: c.start)
        return out

    def _is_exception(self, pos: int) -> bool:
        masked = self.t.masked
        for word in self.voc.zero_exceptions:
            for k, ch in enumerate(word):
                if ch == masked[pos] and masked[pos - k:pos - k + len(word)] == word:
                    return True
        return False

    def _parts_named(self, match: _Match, marker_end: int) -> list[Entry]:
        """The reasons of the matched group that stand between the zero marker and the group's phrase ("没有因属于
        国家秘密不予公开的申请"): the statement is about those parts of the figure, not the whole."""
        phrase_entries = vocabulary().phrase_entries
        parts = [entry for _start, _end, phrase in occurrences_within(self.t.phrases, marker_end, match.start)
                 for entry in phrase_entries[phrase] if entry.group == match.entry.name]
        return list({id(entry): entry for entry in parts}.values())

    def _zero(self, pos: int, marker_end: int) -> list[Claim]:
        masked = self.t.masked
        end = min(self.t.clause_end(marker_end), marker_end + 30)
        rest = masked[marker_end:end]
        found = _find_phrases(self.t.phrases, marker_end, end, lambda e: e.zero or e.zero_only, "last")
        sentence = self.t.sentence_of(pos)
        sentence_text = masked[sentence[0]:sentence[1]]
        found = [f for f in found if not (f.entry.require and not _contains(sentence_text, f.entry.require))
                 and not (f.entry.exclude and _contains(rest, f.entry.exclude))
                 and not (f.entry.with_words and not _contains(rest, f.entry.with_words))]
        if not found:
            return []
        found.sort(key=lambda f: f.key)
        chosen = [found[0]]
        for other in found[1:]:
            head = chosen[-1]
            other_end = other.start + len(other.phrase)
            gap = masked[other_end:head.start]
            if other.start < head.start and 0 < len(gap) <= 4 and any(c in _CONNECTORS for c in gap) and \
                    other.entry.figures != head.entry.figures:
                chosen.append(other)
        out = []
        for match in chosen:
            if match.phrase in match.entry.not_zero:
                continue  # "无结转": carried over or carried forward?
            figures = match.entry.figures
            parts = self._parts_named(match, marker_end)
            if parts:  # "没有因属于国家秘密不予公开的申请": those refused for that reason, not all refused
                if len(parts) > 1:
                    continue  # several reasons in one statement: which figure each denies is not certain
                figures = parts[0].figures
            if match.entry.context:
                fid = _context_figure(match.entry, masked[sentence[0]:match.start])
                figures = (fid,) if fid else ()
            if not figures:
                continue
            phrase_end = match.start + len(match.phrase)
            year = statement_year(masked, sentence[0], pos)
            out.append(Claim(
                kind="zero", start=pos, end=phrase_end, text=self.t.raw[pos:phrase_end], value=Decimal(0),
                subject_start=self.t.clause_start(pos),
                subject=self.t.raw[marker_end:phrase_end], sentence=sentence, entry=match.entry,
                phrase=match.phrase, figures=figures, year=year,
            ))
        return out

    def _universal(self, pos: int, marker_end: int) -> Claim | None:
        masked = self.t.masked
        end = min(self.t.clause_end(marker_end), marker_end + 12)
        after = masked[marker_end:end]
        sentence = self.t.sentence_of(pos)
        sentence_text = masked[sentence[0]:sentence[1]]
        for u in self.voc.universals:
            for predicate in u.predicates:
                p = after.find(predicate)
                if p < 0:
                    continue
                between = after[:p]
                for filler in _FILLERS:
                    between = between.replace(filler, "")
                if between or _contains(after[:p], _TIME_WORDS):
                    continue
                if u.require and not _contains(sentence_text, u.require):
                    continue
                if _contains(masked[sentence[0]:pos], self.voc.other_period_words):
                    continue  # "上年结转的2件申请均已办结" speaks of last year's applications only
                zero = u.zero
                if u.context:
                    best: tuple[int, int] | None = None
                    group = None
                    before = masked[sentence[0]:pos]
                    for word, key in u.context:
                        q = before.rfind(word)
                        if q >= 0 and (best is None or (q + len(word), len(word)) > best):
                            best, group = (q + len(word), len(word)), key
                    if group is None:
                        continue
                    zero = tuple(z.format(group) for z in zero)
                stop = marker_end + p + len(predicate)
                return Claim(
                    kind="universal", start=pos, end=stop, text=self.t.raw[pos:stop], sentence=sentence,
                    subject_start=self.t.clause_start(pos),
                    subject=self.t.raw[sentence[0]:pos], universal=u, figures=zero, value=Decimal(0),
                )
        return None


# A year that is not the time of the statement after it: one compared with ("与2021年持平", "较2022年"), one where
# something goes ("结转2024年度7件", "顺延至2025年"), the start of a span that runs to now ("2019年以来").
_YEAR_NOT_TIME_BEFORE = lazy_compile(r"(?:与|较|比|同|(?:结转|转入|顺延|延期|转)(?:至|到)?)\s*$")
_YEAR_NOT_TIME_AFTER = lazy_compile(r"\s*度?\s*(?:同期|相比|相较|比较|持平|相同|相当|以来)")


def statement_year(text: str, start: int, end: int) -> int | None:
    """The year a statement is dated by: the last year in ``text[start:end]`` (its sentence before the subject) that is
    not a year compared with, one something is carried to, or the start of a span; None when there is none."""
    for m in reversed(list(YEAR_RE.finditer(text, start, end))):
        if _YEAR_NOT_TIME_BEFORE.search(text, max(start, m.start() - 4), m.start()) or \
                _YEAR_NOT_TIME_AFTER.match(text, m.end()):
            continue
        return int(m.group(1))
    return None


@cache
def _total_re(words: tuple[str, ...]) -> re.Pattern[str]:
    """Total words; a lone 共 only where it is not part of 公共、共同、共享 ……"""
    singles = [w for w in words if len(w) == 1]
    longer = [re.escape(w) for w in words if len(w) > 1]
    alternatives = longer + [r"(?<![公])" + re.escape(w) + r"(?![同享建性识青产治商赢担])" for w in singles]
    return compiled("|".join(alternatives))


def _same_units(a: Claim, b: Claim) -> bool:
    ua, ub = a.unit or "", b.unit or ""
    return _SAME_UNIT.get(ua, ua) == _SAME_UNIT.get(ub, ub) or \
        (a.unit_class == "money" and b.unit_class == "money")


def extract(text: str) -> list[Claim]:
    """The claims of one paragraph: numbers and percentages in text order, then zero and universal statements.

    Spans are offsets in ``text``; ``whole``, ``parts`` and ``count`` are indexes into the returned list.
    """
    ex = _Extractor(text)
    ex.numbers()
    ex.breakdowns()
    ex.links()
    return ex.claims + ex.statements()


def draft_claims(draft: Draft) -> list[tuple[Paragraph, list[Claim]]]:
    """Every paragraph of a narrative (title and preamble included) with its claims, located.

    The rules read them once per run, through ``RuleRun.claims`` (:mod:`assistant.rules.registry`).
    """
    out = []
    for para in paragraphs(draft):
        claims = extract(para.text)
        for c in claims:
            c.section, c.paragraph = para.section, para.index
        out.append((para, claims))
    return out


# ----------------------------------------------------------------------------------------------------------------
# Percentages


def map_phrase(text: str) -> Entry | None:
    """The vocabulary entry whose phrase ends nearest the end of ``text`` ("办结总数的" -> 办结)."""
    found = _find_phrases(occurrences(text), 0, len(text), lambda e: bool(e.figures and not e.context and
                                                                         not e.with_words), "before")
    return min(found, key=lambda m: m.key).entry if found else None


@dataclass(frozen=True)
class Base:
    """What a share percentage is a share of: another claim of the paragraph, or table figures."""

    claim: int | None = None
    figures: tuple[str, ...] = ()


_NOT_RESULTS = ("new_received", "carried_over", "received", "carried_forward", "result_total")


def share_base(claims: list[Claim], index: int) -> Base | None:
    """The base of the share percentage ``claims[index]`` ("办结81件，其中予以公开42件，占51.85%" -> the 81).

    In order: the base the text names ("占办结总数的"), the whole of the 其中 the counted number belongs to, and
    for a table 三 result (予以公开、不予公开……) the number of applications handled (（七）总计). None when unknown.
    """
    pct = claims[index]
    if pct.count is None:
        return None
    counted = claims[pct.count]
    figures: tuple[str, ...] = ()
    if pct.base_phrase:
        entry = map_phrase(pct.base_phrase)
        if entry is None:
            # "来电20件，其中当场答复9件，占来电总数的45%": a base the tables do not have is the 其中's whole
            return Base(claim=counted.whole) if counted.whole is not None else None
        figures = entry.figures
    elif counted.whole is not None:
        return Base(claim=counted.whole)
    elif any(f.startswith("t3.") and f.split(".")[1] not in _NOT_RESULTS for f in counted.figures):
        figures = ("t3.result_total.total",)
    else:
        return None
    for j, c in enumerate(claims):
        if c.kind == "number" and c.comparable and set(c.figures) & set(figures):
            return Base(claim=j)
    return Base(figures=figures)


def in_base_unit(claim: Claim) -> Decimal:
    """A stated number in its base unit (an amount in 万元 as 元)."""
    assert claim.value is not None
    return claim.value * 10000 if claim.unit == "万元" else claim.value


def plain(value: Decimal) -> str:
    """A number as a reader writes it: no exponent, no trailing zeros ("1E+1" -> "10", "18.750" -> "18.75")."""
    return format(value.normalize(), "f")


def percent_of(count: Decimal, base: Decimal, decimals: int) -> tuple[Decimal, ...]:
    """count/base as a percentage rounded to ``decimals`` places: half up, and half to even when that differs."""
    exact = count * 100 / base
    quantum = Decimal(1).scaleb(-decimals)
    return tuple(dict.fromkeys(exact.quantize(quantum, rounding=r) for r in (ROUND_HALF_UP, ROUND_HALF_EVEN)))


__all__ = ["Base", "Claim", "Entry", "Universal", "Vocabulary", "draft_claims", "extract", "in_base_unit",
           "map_phrase", "mask_idioms", "percent_of", "plain", "share_base", "vocabulary"]
