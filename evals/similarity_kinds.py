"""``python -m evals.similarity_kinds``: which kind of the template drafter's own sentences makes 13 townships with
identical notes alike (issue 15), and by how much.

Every character of a masked draft gets a kind: what the notes, headings and names give every draft alike
(:func:`evals.similarity.must_share`), or the drafter's sentence it is part of (the preamble's parts, the framing
sentence, the figures of tables 二/三/四 told in words, the glue around the notes, the table leads, 监督保障's duty heads,
五's and 六's fixed sentences). The kinds come from the drafter's own methods, recorded while it drafts.

Per kind, over the 78 pairs: its share of the text, and the median similarity were that kind's characters entirely
different in every township (each replaced by one the other text never uses): the gain that more phrasings of that
kind could bring at most.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import combinations
from typing import Any

from assistant.drafting import template
from assistant.model import Draft, Report
from assistant.similarity import masked, organ_names, ratio

SHARED = "必有（情况说明、标题、名称）"
OTHER = "其余（标题、落款）"
# The drafter's methods whose output is one kind of its own text; later entries are inside earlier ones and win.
_METHOD_KINDS = (
    ("preamble", "开头段"),
    ("overview", "总体情况开头（框架句）"),
    ("note_sentences", "情况说明的衔接（引语、主语、连接词）"),
    ("on_request_notes", "情况说明的衔接（引语、主语、连接词）"),
    ("oversight", "监督保障（考核/评议/追究的引语）"),
    ("decisions", "表二数字（许可、处罚、强制）"),
    ("documents", "表二数字（规范性文件）"),
    ("requests_figures", "表三数字（总体情况）"),
    ("proactive_lead", "二、三的表格引语"),
    ("requests_lead", "二、三的表格引语"),
    ("appeals_lead", "四（复议诉讼）"),
    ("problems_now", "五 本年问题引语"),
    ("last_year_improved", "五 上年度改进引语"),
    ("measures", "五 下一年度措施引语"),
    ("other", "六 固定句"),
    ("fee_sentence", "六 固定句"),
)
_PREAMBLE_PARTS = (("条例", "开头段：依据与编制机关"), ("统计", "开头段：统计期限"), ("电子版", "开头段：网站"),
                   ("疑问", "开头段：联系方式"), ("部分", "开头段：全文结构"))


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """While open, the template drafter's methods of :data:`_METHOD_KINDS` record (kind, text) as they return."""
    calls: list[tuple[str, str]] = []
    originals: dict[str, Callable[..., Any]] = {}

    def wrap(name: str, kind: str) -> Callable[..., Any]:
        method = originals[name]

        def recorded(self: Any, *args: Any, **kwargs: Any) -> Any:
            out = method(self, *args, **kwargs)
            texts = [out] if isinstance(out, str) else list(out)
            if name == "overview":
                texts = texts[:1]  # the framing paragraph; the aspects are recorded by their own methods
            calls.extend((kind, t) for t in texts if t)
            return out
        return recorded

    for name, kind in _METHOD_KINDS:
        originals.setdefault(name, getattr(template._Writer, name))
        setattr(template._Writer, name, wrap(name, kind))
    try:
        yield calls
    finally:
        for name, method in originals.items():
            setattr(template._Writer, name, method)


def kinds_of(report: Report, draft: Draft, calls: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """The masked text and each character's kind."""
    from evals.similarity import must_share

    text, shared = must_share(report, draft)
    names = organ_names(report.meta)
    title = report.fmt.basis_title  # the notice's issuer and title cited apart, the parents of the framing sentence
    given = [title[:title.index("关于")], title[title.index("关于"):], report.fmt.basis_number,
             report.meta.parent_party or "", report.meta.parent_government or ""]
    for note in [*prepared_notes(report), *given]:  # the notes as the drafter merges them (time words, subject dropped)
        for clause in re.split(r"[，；。]", masked(note, names)):
            for found in (re.finditer(re.escape(clause), text) if len(clause) >= 4 else ()):
                shared[found.start():found.end()] = [True] * len(clause)
    kinds = [OTHER] * len(text)
    order = {kind: i for i, (_name, kind) in enumerate(_METHOD_KINDS)}
    for kind, raw in sorted(calls, key=lambda call: order[call[0]]):  # containers first, their parts over them
        for piece in _pieces(kind, masked(raw, names)):
            start = text.find(piece[1])
            if start < 0 and len(piece[1]) > 8:  # a time lead dropped after the same lead (without_repeated_time_leads)
                piece = (piece[0], piece[1][piece[1].find("，") + 1:])
                start = text.find(piece[1])
            if start >= 0:
                kinds[start:start + len(piece[1])] = [piece[0]] * len(piece[1])
    return text, [SHARED if keep else kind for kind, keep in zip(kinds, shared, strict=True)]


def prepared_notes(report: Report) -> list[str]:
    from assistant.model import NOTE_ASPECTS

    writer = template._Writer(report)
    return [note for aspect in NOTE_ASPECTS for note in writer.notes(aspect)]


def matched_share(items: list[tuple[str, list[str]]]) -> dict[str, float]:
    """Per kind, the median share of its characters that difflib matches with the other township's text."""
    import difflib

    shares: dict[str, list[float]] = {}
    for (a, ka), (b, _kb) in combinations(items, 2):
        hit = [False] * len(a)
        for block in difflib.SequenceMatcher(None, a, b).get_matching_blocks():
            hit[block.a:block.a + block.size] = [True] * block.size
        for kind in set(ka):
            positions = [i for i, k in enumerate(ka) if k == kind]
            shares.setdefault(kind, []).append(sum(hit[i] for i in positions) / len(positions))
    return {kind: statistics.median(values) for kind, values in shares.items()}


def _pieces(kind: str, text: str) -> list[tuple[str, str]]:
    """The text as it is, or for the preamble its sentences, each with its part."""
    if kind != "开头段":
        return [(kind, s) for s in _sentences(text)]
    return [(next((k for word, k in _PREAMBLE_PARTS if word in s), kind), s) for s in _sentences(text)]


def _sentences(text: str) -> list[str]:
    out, start = [], 0
    for i, c in enumerate(text):
        if c == "。":
            out.append(text[start:i + 1])
            start = i + 1
    if text[start:]:
        out.append(text[start:])
    return out


def replaced(text: str, kinds: list[str], gone: set[str], offset: int) -> str:
    """The text with the characters of the kinds ``gone`` replaced by ones no other text uses."""
    return "".join(chr(0xE000 + offset + i % 3000) if k in gone else c
                   for i, (c, k) in enumerate(zip(text, kinds, strict=True)))


def measured(notes: dict[str, list[str]] | None = None) -> tuple[list[tuple[str, list[str]]], list[str]]:
    from evals.similarity import TOWNS, sample_data, township

    out = []
    for i, town in enumerate(TOWNS):
        report = township(i, town, notes=notes if notes is not None else sample_data()["notes"])
        with recording() as calls:
            draft = template.TemplateDrafter().draft(report)
        out.append(kinds_of(report, draft, calls))
    all_kinds = sorted({k for _t, ks in out for k in ks}, key=lambda k: [*dict(_METHOD_KINDS).values(), k].index(k)
                       if k in dict(_METHOD_KINDS).values() else 99)
    return out, all_kinds


def median_ratio(items: list[tuple[str, list[str]]], gone: set[str]) -> float:
    return statistics.median(ratio(replaced(a, ka, gone, 0), replaced(b, kb, gone, 3000))
                             for (a, ka), (b, kb) in combinations(items, 2))


def main() -> None:
    items, kinds = measured()
    base = median_ratio(items, set())
    own = {k for k in kinds if k != SHARED}
    total = sum(len(t) for t, _k in items)
    print(f"13镇、情况说明相同：相似度中位数 {base:.3f}；起草器自己的文字全部不同时 {median_ratio(items, own - {OTHER}):.3f}")
    matched = matched_share(items)
    print("文字种类\t字数占比\t与另一镇相同的字\t该种类在各镇完全不同时的相似度\t可降低")
    for kind in kinds:
        share = sum(ks.count(kind) for _t, ks in items) / total
        if kind == SHARED:
            print(f"{kind}\t{share:.0%}\t{matched[kind]:.0%}\t—\t—")
            continue
        without = median_ratio(items, {kind})
        print(f"{kind}\t{share:.0%}\t{matched[kind]:.0%}\t{without:.3f}\t{base - without:.3f}")


if __name__ == "__main__":
    main()
