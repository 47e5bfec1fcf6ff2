"""Inject one error at a time into a consistent report text: the error kinds of issue 3's mutation evaluation.

Each generator takes a base Document and yields Mutations (a copy of the document with exactly one change). A site is
taken only where the change really is an error (e.g. a scope word is narrowed only where the narrower figure differs).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.facts import FactSheet
from assistant.headings import parse_heading
from assistant.model import Amount, Document, Draft, Section
from assistant.numbering import cn_numeral
from assistant.organ_words import organ_unit, place_name

Slot = tuple[str, int, int]  # ("title"|"preamble"|"closing"|"section"|"heading", section index, paragraph index)


@dataclass
class Mutation:
    kind: str
    base: str
    where: str  # Chinese description of the place
    before: str
    after: str
    doc: Document


def slots(draft: Draft, headings: bool = False) -> Iterator[tuple[Slot, str]]:
    if draft.title:
        yield ("title", 0, 0), draft.title
    for i, text in enumerate(draft.preamble):
        yield ("preamble", 0, i), text
    for si, section in enumerate(draft.sections):
        if headings:
            yield ("heading", si, 0), section.heading
        for pi, text in enumerate(section.paragraphs):
            yield ("section", si, pi), text
    for i, text in enumerate(draft.closing):
        yield ("closing", 0, i), text


def _with_text(doc: Document, slot: Slot, text: str) -> Document:
    draft = _draft(doc).model_copy(deep=True)
    kind, si, pi = slot
    if kind == "title":
        draft.title = text
    elif kind in ("preamble", "closing"):
        getattr(draft, kind)[pi] = text
    elif kind == "heading":
        draft.sections[si].heading = text
    else:
        draft.sections[si].paragraphs[pi] = text
    return Document(report=doc.report, draft=draft, missing=list(doc.missing), source=doc.source)


def _draft(doc: Document) -> Draft:
    draft = doc.narrative
    if draft is None:
        raise ValueError("base text without a narrative")
    return draft


def _describe(draft: Draft, slot: Slot) -> str:
    kind, si, pi = slot
    if kind == "title":
        return "标题"
    if kind in ("preamble", "closing"):
        return f"{'开头' if kind == 'preamble' else '落款'}第{pi + 1}段"
    heading = draft.sections[si].heading
    return f"{heading} 标题" if kind == "heading" else f"{heading} 第{pi + 1}段"


def _replace_at(name: str, doc: Document, slot: Slot, text: str, start: int, end: int, new: str,
                kind: str) -> Mutation:
    changed = text[:start] + new + text[end:]
    left = max(0, start - 8)
    return Mutation(kind, name, _describe(_draft(doc), slot), text[left:end + 8], changed[left:start + len(new) + 8],
                    _with_text(doc, slot, changed))


# ---------------------------------------------------------------------------------------------------------------
# number / percentage / sum

_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(件|起|元|万元)")
_FIGURE_WORDS = re.compile(
    r"申请|办结|答复|受理|收到|新收|结转|顺延|予以公开|部分公开|不予|无法提供|处理|复议|诉讼|维持|纠正|审结|规章|"
    r"规范性文件|制发|废止|现行有效|许可|处罚|强制|收费|处理费|自然人|法人"
)


def _fact_values(doc: Document) -> set[Decimal]:
    out: set[Decimal] = set()
    for fact in FactSheet(doc.report).facts.values():
        value = fact.value.value if isinstance(fact.value, Amount) else fact.value
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            out.add(Decimal(value))
    return out


def number_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """A number that states a table figure, increased by one (and, from 2 up, decreased by one)."""
    values = _fact_values(doc)
    for slot, text in slots(_draft(doc)):
        if slot[0] not in ("preamble", "section"):
            continue
        previous = 0
        for m in _NUMBER.finditer(text):
            context = text[previous:m.start()]
            previous = m.end()
            clause_start = max(context.rfind(c) for c in "，。；：") + 1
            if Decimal(m.group(1)) not in values or not _FIGURE_WORDS.search(context[clause_start:]):
                continue
            value = Decimal(m.group(1))
            for new in (value + 1, value - 1) if value >= 2 else (value + 1,):
                yield _replace_at(name, doc, slot, text, m.start(1), m.end(1), str(new), "number")


_PERCENT = re.compile(r"占[^，；。\d]{0,12}?(\d+(?:\.\d+)?)%")


def percentage_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """A percentage of a stated base, moved by 5 points (or by 3 when under 10)."""
    for slot, text in slots(_draft(doc)):
        for m in _PERCENT.finditer(text):
            raw = m.group(1)
            value = Decimal(raw)
            new = value - 5 if value >= 10 else value + 3
            yield _replace_at(name, doc, slot, text, m.start(1), m.end(1), str(new), "percentage")


_QIZHONG = re.compile(r"其中[^。；]*")


def sum_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """One part of a 其中 breakdown increased by one, so the parts no longer make the whole."""
    for slot, text in slots(_draft(doc)):
        for q in _QIZHONG.finditer(text):
            for m in re.finditer(r"(?<![\d.%])(\d+)(?=\s*[件条起个项])", q.group(0)):
                start = q.start() + m.start(1)
                yield _replace_at(name, doc, slot, text, start, start + len(m.group(1)), str(int(m.group(1)) + 1),
                                  "sum")


# Scope words: (pattern of the word, replacement, the figure the word names, the figure the replacement names).
SCOPE_EDITS: tuple[tuple[str, str, str, str], ...] = (
    (r"予以公开及部分公开(?=\d)", "予以公开", "t3.granted_partial.total", "t3.granted.total"),
    (r"(?<!及部分公开)(?<!以)予以公开(?=\d)", "予以公开及部分公开", "t3.granted.total", "t3.granted_partial.total"),
    (r"(?<![不予])无法提供(?=\d)", "没有现成信息需要另行制作", "t3.unable.total", "t3.unable_need_create.total"),
    (r"(?<!属于国家秘密)不予公开(?=\d)", "属于国家秘密不予公开", "t3.deny.total", "t3.deny_state_secret.total"),
    (r"不予处理(?=\d)", "信访举报投诉类申请不予处理", "t3.not_processed.total", "t3.np_petition.total"),
    (r"行政诉讼(?=\d)", "未经复议直接起诉的行政诉讼", "t4.suit.total", "t4.suit_direct.total"),
    (r"(?<=受理|收到|新收)(?=政府信息公开申请\d)", "自然人提出的", "t3.new_received.total",
     "t3.new_received.natural_person"),
)


def scope_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """A category word widened or narrowed (予以公开及部分公开 -> 予以公开, 申请 -> 自然人的申请), the number kept."""
    facts = FactSheet(doc.report)
    for slot, text in slots(_draft(doc)):
        if slot[0] not in ("preamble", "section"):
            continue
        for pattern, replacement, wide, narrow in SCOPE_EDITS:
            if facts.value(wide) == facts.value(narrow):
                continue  # the narrower word would still be true: no error to inject
            for m in re.finditer(pattern, text):
                yield _replace_at(name, doc, slot, text, m.start(), m.end(), replacement, "scope")


# ---------------------------------------------------------------------------------------------------------------
# year / organ / section / upward / duplicate

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")


def year_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """A year of the report (or the next one) written as the year before (text copied from last year's report)."""
    year = doc.report.meta.year
    for slot, text in slots(_draft(doc)):
        for m in _YEAR.finditer(text):
            if int(m.group(1)) in (year, year + 1):
                yield _replace_at(name, doc, slot, text, m.start(1), m.end(1), str(year - 1), "year")


# The kinds an organ's text is most often copied from: a town's from a street office's or a 乡's, a 区's from a 县's.
SIBLING = {"镇": ("街道", "乡"), "乡": ("镇",), "街道": ("镇",), "区": ("县",), "县": ("区",), "市": ("县",), "旗": ("县",)}


def organ_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """The organ's kind word swapped for another kind's (我镇 -> 我街道, 全市 -> 全县, 青石镇 -> 青石街道)."""
    meta = doc.report.meta
    unit = organ_unit(meta)
    if unit is None or unit not in SIBLING:
        return
    name_ = place_name(meta)
    for other in SIBLING[unit]:
        patterns = [(rf"(?<=[我本全]){unit}(?![域场面级])", other),
                    (rf"(?:^|(?<=[，。；：]))({unit})(?=(?:人民)?政府)", other if other != "街道" else "街道办事处")]
        if meta.organ_kind in ("乡镇", "街道") and name_.endswith(unit):
            patterns.append((re.escape(name_[: -len(unit)]) + f"({unit})", other))
        for slot, text in slots(_draft(doc)):
            for pattern, replacement in patterns:
                for m in re.finditer(pattern, text):
                    group = 1 if m.groups() else 0
                    yield _replace_at(name, doc, slot, text, m.start(group), m.end(group), replacement, "organ")


def section_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """A section title dropped (its paragraphs run into the previous part) or renumbered."""
    draft = _draft(doc)
    for si, section in enumerate(draft.sections):
        dropped = draft.model_copy(deep=True)
        removed = dropped.sections.pop(si)
        if si == 0:
            dropped.preamble = [*dropped.preamble, *removed.paragraphs]
        else:
            dropped.sections[si - 1] = Section(heading=dropped.sections[si - 1].heading,
                                               key=dropped.sections[si - 1].key,
                                               paragraphs=[*dropped.sections[si - 1].paragraphs, *removed.paragraphs])
        yield Mutation("section", name, f"删去“{section.heading}”", section.heading, "（无）",
                       Document(report=doc.report, draft=dropped, missing=list(doc.missing)))
        heading = parse_heading(section.heading)
        if heading.number is not None and heading.style == "cn":
            renumbered = cn_numeral(heading.number + 1) + section.heading[len(cn_numeral(heading.number)):]
            yield Mutation("section", name, f"“{section.heading}”改号", section.heading, renumbered,
                           _with_text(doc, ("heading", si, 0), renumbered))


UPWARD_PHRASES = ("特此报告。", "以上报告，请审阅。", "现将有关情况报告贵办。", "妥否，请批示。", "专此报告贵单位。")


def upward_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """Wording of a letter to a superior appended to the opening or to the last paragraph."""
    draft = _draft(doc)
    targets: list[Slot] = []
    if draft.preamble:
        targets.append(("preamble", 0, len(draft.preamble) - 1))
    last = next(((si, len(s.paragraphs) - 1) for si, s in reversed(list(enumerate(draft.sections))) if s.paragraphs),
                None)
    if last:
        targets.append(("section", last[0], last[1]))
    texts = dict(slots(draft))
    for i, phrase in enumerate(UPWARD_PHRASES):
        slot = targets[i % len(targets)]
        text = texts[slot]
        yield _replace_at(name, doc, slot, text, len(text), len(text), phrase, "upward")


_CJK2 = re.compile(r"[\u4e00-\u9fff]{2}")


def duplicate_mutations(name: str, doc: Document) -> Iterator[Mutation]:
    """A two-character word written twice (审核 -> 审核审核), at two places in each paragraph."""
    for slot, text in slots(_draft(doc)):
        if slot[0] not in ("preamble", "section") or len(text) < 20:
            continue
        for fraction in (3, 2):
            m = _CJK2.search(text, len(text) // fraction)
            if m is None or m.group(0)[0] == m.group(0)[1]:
                continue
            yield _replace_at(name, doc, slot, text, m.end(), m.end(), m.group(0), "duplicate")


GENERATORS: dict[str, Callable[[str, Document], Iterator[Mutation]]] = {
    "number": number_mutations,
    "scope": scope_mutations,
    "year": year_mutations,
    "organ": organ_mutations,
    "section": section_mutations,
    "upward": upward_mutations,
    "duplicate": duplicate_mutations,
    "percentage": percentage_mutations,
    "sum": sum_mutations,
}
