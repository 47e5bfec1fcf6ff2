"""Whether the model's text of a section does the section's work (firewall checks M15–M17).

- M15 repetition: a sentence written twice in a paragraph ("…查阅点。…查阅点。" five times over), or a phrase three
  times ("持续做好信息公开工作，" eight times): a model looping, never a real report (S11 is the checker's warning on
  pasted notes; model text gets no such leeway).
- M16 completeness: every figure the section is offered (:mod:`assistant.drafting.section_figures`) that is not zero is
  told by a placeholder, in the paragraph of its aspect when the section is laid out by aspects. A figure is told
  also when a figure it is a part of is told (the 不予公开 group for its reasons, 本年新收 for its applicants), except
  the 办结 total, which is told beside its results, not instead of them. A repair that answered with another aspect's
  paragraph, a sentence of nothing ("本镇认真做好相关工作。") or a paragraph cut at a comma fails here. So does a
  paragraph that is (nearly) the same as another aspect's paragraph.
- M17 gaps: a 〔待补〕 the model wrote where the input has the facts (only the gaps of facts the input lacks, as the
  prompt names them, may stand); and the other way round, a gap of a fact the input lacks that the template's text
  has and the model's text dropped ("无。", "本镇本年度无…情况。" where no note tells the aspect): a model never turns
  a missing fact into "无". The gap stays in the paragraph of its aspect (or the template's paragraph replaces it).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from assistant.drafting.note_text import is_nothing
from assistant.drafting.section_figures import FIGURE_ASPECTS, aspect_fact_ids, section_fact_ids
from assistant.drafting.template import ASPECT_HEADINGS, OVERVIEW_ASPECTS, is_program_heading
from assistant.facts import PLACEHOLDER_RE, FactSheet, narrower_figures
from assistant.patterns import lazy_compile
from assistant.rules.structure import REPEATED_SENTENCE_MIN_LENGTH
from assistant.rules.textscan import sentences

# The 办结 total is told beside its results ("办结12件，其中予以公开5件…"): telling it does not tell them.
TOLD_WITH_ITS_PARTS = ("t3.result_total.total",)
PHRASE_REPEATS = 3  # the same phrase three times in a paragraph is a model looping
REPEATED_PHRASE_MIN_LENGTH = 4
NEARLY_SAME = 0.9  # difflib ratio from which two paragraphs are the same text
SAME_TEXT_MIN_LENGTH = 20
_CLAUSE_RE = lazy_compile(r"[^，,；;。！？!?]+")
_GAP_RE = lazy_compile(r"〔待补[^〕]*〕")
_ASPECT_OF_HEADING = dict(zip(ASPECT_HEADINGS, OVERVIEW_ASPECTS, strict=True))  # （四）政府信息公开平台建设 -> platform


# --------------------------------------------------------------------------------------------------------------
# M15: repetition (one paragraph)


def repetition_in(text: str) -> tuple[str, int] | None:
    """A sentence written twice or more, or a phrase three times or more, in one paragraph: (it, how often)."""
    counts: dict[str, int] = {}
    for _start, _end, sentence in sentences(text):
        sentence = sentence.strip()
        if len(sentence) >= REPEATED_SENTENCE_MIN_LENGTH:
            counts[sentence] = counts.get(sentence, 0) + 1
    repeated = [(s, n) for s, n in counts.items() if n >= 2]
    if repeated:
        return max(repeated, key=lambda item: item[1])
    phrases: dict[str, int] = {}
    for m in _CLAUSE_RE.finditer(PLACEHOLDER_RE.sub("□", text)):
        phrase = m.group().strip()
        if len(phrase) >= REPEATED_PHRASE_MIN_LENGTH and "□" not in phrase:
            phrases[phrase] = phrases.get(phrase, 0) + 1
    looping = [(p, n) for p, n in phrases.items() if n >= PHRASE_REPEATS]
    return max(looping, key=lambda item: item[1]) if looping else None


# --------------------------------------------------------------------------------------------------------------
# M16: completeness (a section)


def told_figures(source: str) -> set[str]:
    """The figure ids a paragraph of model text (placeholder form) tells."""
    return {m.group(2) for m in PLACEHOLDER_RE.finditer(source)}


def required_figures(facts: FactSheet, ids: Sequence[str]) -> list[str]:
    """Of the figures ``ids``, those the text must tell: counts that are not zero (amounts of money are told where
    the notes speak of them, or not at all, as the template drafter does)."""
    return [fid for fid in ids if fid in facts and isinstance(facts.value(fid), int) and facts.value(fid) != 0]


def untold(facts: FactSheet, required: Sequence[str], told: set[str]) -> list[str]:
    """The required figures not told: neither by their placeholder, nor as part of a told figure (its group, its row's
    total), nor by a placeholder of the same count (what the reader reads is the number, whichever id wrote it)."""
    known = {fid for fid in told if fid in facts}
    covered = set(known)
    for whole in known - set(TOLD_WITH_ITS_PARTS):
        covered.update(_parts(facts, whole))
    counts = {facts.value(fid) for fid in known}
    return [fid for fid in required if fid not in covered and facts.value(fid) not in counts]


def _parts(facts: FactSheet, whole: str) -> set[str]:
    """The figures a told figure tells with it: its narrower figures, and for a row's total every column of the row."""
    parts = set(narrower_figures(facts.fmt, whole))
    if whole.endswith(".total"):
        row = whole.removesuffix("total")
        parts.update(fid for fid in (f.id for f in facts) if fid.startswith(row))
    return parts


def headline(facts: FactSheet, missing: Sequence[str]) -> list[str]:
    """Of the untold figures, those to name: not the parts of another untold figure (its applicants, its reasons)."""
    wholes = [fid for fid in missing if fid not in TOLD_WITH_ITS_PARTS]
    return [fid for fid in missing if not any(fid != whole and fid in _parts(facts, whole) for whole in wholes)]


def aspect_paragraphs(key: str, sources: Sequence[str]) -> dict[str, int]:
    """For 总体情况 laid out by aspects (a heading, then its paragraph): aspect -> index of its paragraph."""
    if key != "overview":
        return {}
    out = {}
    for i, text in enumerate(sources[:-1]):
        aspect = _ASPECT_OF_HEADING.get(text.strip())
        if aspect is not None and not is_program_heading(key, sources[i + 1]):
            out[aspect] = i + 1
    return out


def completeness_gaps(key: str, facts: FactSheet, sources: Sequence[str]) -> Iterator[tuple[int | None, list[str]]]:
    """(paragraph index or None for the section, the untold figures) where the model's text leaves figures out."""
    told = set().union(*(told_figures(s) for s in sources)) if sources else set()
    places = aspect_paragraphs(key, sources)
    if key == "overview":
        for aspect in FIGURE_ASPECTS:
            missing = untold(facts, required_figures(facts, aspect_fact_ids(facts.fmt, aspect)),
                             told_figures(sources[places[aspect]]) if aspect in places else told)
            if missing:
                yield places.get(aspect), missing
        return
    missing = untold(facts, required_figures(facts, section_fact_ids(facts.fmt, key)), told)
    if missing:
        yield None, missing


def same_paragraphs(key: str, sources: Sequence[str], failing: set[int]) -> Iterator[tuple[int, int]]:
    """(index, index of the paragraph it repeats) for paragraphs of text (nearly) the same as another of the section;
    of a pair, the one already failing (``failing``) is named, else the later one."""
    texts = [(i, PLACEHOLDER_RE.sub("□", s).strip()) for i, s in enumerate(sources) if not is_program_heading(key, s)]
    named: set[int] = set()
    for n, (i, a) in enumerate(texts):
        for j, b in texts[n + 1:]:
            if len(a) < SAME_TEXT_MIN_LENGTH or len(b) < SAME_TEXT_MIN_LENGTH or i in named or j in named:
                continue
            if a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEARLY_SAME:
                which, other = (i, j) if i in failing and j not in failing else (j, i)
                named.add(which)
                yield which, other


# --------------------------------------------------------------------------------------------------------------
# M17: gaps the model wrote


def unneeded_gaps(text: str, allowed: Sequence[str]) -> list[str]:
    """The 〔待补〕 gaps in ``text`` that are not the gaps of facts the input lacks (``allowed``)."""
    return [m.group() for m in _GAP_RE.finditer(text) if m.group() not in allowed]


def dropped_gaps(key: str, sources: Sequence[str], template: Sequence[str],
                 allowed: Sequence[str]) -> Iterator[tuple[int | None, str]]:
    """(paragraph index, or None for the section, the gap) for each gap of a missing fact (``allowed``) that the
    template's text of the section (``template``) has and the model's text (``sources``) does not keep: in 总体情况
    laid out by aspects, in the paragraph of the same aspect; elsewhere anywhere in the section."""
    model_places = aspect_paragraphs(key, sources)
    for index, paragraph in enumerate(template):
        for gap in (m.group() for m in _GAP_RE.finditer(paragraph)):
            if gap not in allowed:
                continue
            aspect = next((a for a, i in aspect_paragraphs(key, template).items() if i == index), None)
            if aspect is not None and aspect in model_places:
                if gap not in sources[model_places[aspect]]:
                    yield model_places[aspect], gap
            elif not any(gap in s for s in sources):
                yield None, gap


# A paragraph that only says there was nothing: one sentence of a denial, with no figure ("无。", "暂无。",
# "本镇本年度无政府信息公开平台建设情况。", "未开展相关工作。")
_DENIAL = lazy_compile(r"[^，。；]{0,20}?(?:无|没有|未|暂无)[^，。；]{0,24}。?")


def says_only_nothing(paragraph: str) -> bool:
    """Whether a paragraph only says there was nothing (and tells no figure)."""
    text = paragraph.strip()
    return bool(text) and not PLACEHOLDER_RE.search(text) and not any(c.isdigit() for c in text) and (
        is_nothing(text) or _DENIAL.fullmatch(text) is not None)


def denied_aspects(key: str, sources: Sequence[str], template: Sequence[str]) -> Iterator[int]:
    """Indexes of the model's aspect paragraphs (总体情况) that say there was nothing where the template's paragraph of
    the same aspect, written from the notes, tells what was done: "无。" for 平台建设 when the office wrote its notes."""
    template_places = aspect_paragraphs(key, template)
    for aspect, index in aspect_paragraphs(key, sources).items():
        told = template[template_places[aspect]] if aspect in template_places else ""
        if told and not _GAP_RE.search(told) and not says_only_nothing(told) and says_only_nothing(sources[index]):
            yield index  # (a gap the model drops is :func:`dropped_gaps`')


def bare_denials(key: str, sources: Sequence[str], template: Sequence[str]) -> Iterator[int]:
    """Indexes of the model's paragraphs that are a bare "无。" ("暂无。") in a section without aspects whose template
    text, written from the notes, tells what was done and nowhere says "无": a note dropped as nothing (六: "无。" in
    place of "认真办理人大代表建议…"; outside firewall test, session 10). Where the template itself says "无" (no notes),
    the model may too; 一's aspects are :func:`denied_aspects`' and :func:`dropped_gaps`'."""
    if aspect_paragraphs(key, template) or any(is_nothing(text) for text in template):
        return
    if not any(text.strip() and not _GAP_RE.search(text) and not says_only_nothing(text) for text in template):
        return
    yield from (index for index, text in enumerate(sources) if text.strip() and is_nothing(text))


__all__ = ["bare_denials", "denied_aspects", "says_only_nothing", "dropped_gaps", "repetition_in", "completeness_gaps", "same_paragraphs", "unneeded_gaps", "told_figures",
           "required_figures", "untold", "headline", "aspect_paragraphs"]
