"""Notes no drafter writes as facts, because the rest of the input says otherwise, and the report without them.

- A note that tells how applications were handled ("所有申请均在法定期限内答复", "答复前与申请人电话沟通") when table 三
  has no application (none received, none carried over): written as a fact it would contradict the table.
- A note that gives another 乡镇/街道/县 as its channel or its subject ("通过“石门镇”微信公众号…", "石门镇党委…" in
  金竹镇's report): notes shared across a county carry the neighbour's name, which the draft would give as this
  organ's own. The names are found by the organ rules' own finder (:func:`assistant.rules.organ.other_organ_names`).
  A note that only mentions another organ ("学习“白河乡”的做法") is the clerk's fact and is written; the checker's O2
  does not take an organ learned from for a copied name either (:func:`assistant.rules.organ.learned_from`).

- A note on 主动公开, 政府信息管理 or 平台建设 too thin to be a sentence ("公开栏", "指南更新": a few characters, no
  figure, nothing the organ did): written, it would stand as "2025年，公开栏。"; left out whether it is the aspect's only
  note (the aspect then has its 〔待补〕) or one of several.

Each such note is left out of the draft and reported to the clerk (rules D.handling, D.foreign and D.thin, declared in
:mod:`assistant.rules.drafting`), who can correct the note or the table and draft again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.drafting.note_text import tells_handling, too_thin
from assistant.facts import figure_value
from assistant.model import Report
from assistant.organ_words import MEDIA_WORDS, allowed_self_references, organ_unit
from assistant.patterns import lazy_compile

# After another organ's name: the channel it owns ("“石门镇”微信公众号", "石门镇人民政府网站", "石门镇专栏").
_OWNED_CHANNEL = lazy_compile(r"[”」’\"]?(?:人民政府|政府|办事处)?(?:门户|网站|官网|融媒体|发布|专栏|政务新媒体|公开栏|"
                              rf"{MEDIA_WORDS})")
# Before another organ's name that is the note's subject: nothing, or a time word ("2024年，石门镇…").
_SUBJECT_LEAD = lazy_compile(r"(?:\d{4}年度?|本年度|本年|全年|今年)?[，,]?\s*[“「‘\"]?")
# The aspects of 总体情况 whose notes are the whole of their paragraph (监督保障's short notes name a duty's result,
# "考核优秀", and are judged by its own rules).
_THIN_ASPECTS = ("proactive", "management", "platform")


@dataclass(frozen=True)
class UnfitNote:
    aspect: str
    note: str
    reason: Literal["handling", "foreign", "thin"]
    name: str = ""  # the other organ's name ("foreign")


def no_applications(report: Report) -> bool:
    """Table 三 says there was no application this year: 0 received and 0 carried over (blank cells say nothing)."""
    values = [figure_value(report, fid) for fid in ("t3.new_received.total", "t3.carried_over.total")]
    return all(v == 0 and not isinstance(v, bool) for v in values)


def stands_as_ours(note: str, start: int, end: int) -> bool:
    """Whether another organ's name at ``note[start:end]`` stands where this organ's own would: as the owner of the
    channel the note reports ("通过“石门镇”微信公众号发布…") or as the note's subject ("石门镇党委高度重视…")."""
    return bool(_OWNED_CHANNEL.match(note, end) or _SUBJECT_LEAD.fullmatch(note, 0, start))


def unfit_notes(report: Report) -> list[UnfitNote]:
    """The notes of ``report`` that are not written into a draft, in the office's order."""
    from assistant.rules.organ import other_organ_names

    notes = report.notes
    none_received: bool | None = None
    unit = organ_unit(report.meta) or ""  # "街道维护专栏": the bare unit is a self-reference too
    own_words = allowed_self_references(report.meta) | {report.meta.organ_name, report.meta.short_name or "", unit,
                                                        f"{unit}政府" if unit else ""}
    out: list[UnfitNote] = []
    for aspect in type(notes).model_fields:
        items = getattr(notes, aspect)
        if not isinstance(items, list):
            continue
        for note in items:
            if not isinstance(note, str) or not note.strip():
                continue
            names = [name for start, end, name in other_organ_names(report.meta, note) if stands_as_ours(note, start, end)]
            if names:
                out.append(UnfitNote(aspect, note, "foreign", names[0]))
                continue
            if aspect in _THIN_ASPECTS and too_thin(note, own_words, (report.meta.year,)):
                out.append(UnfitNote(aspect, note, "thin"))
                continue
            if tells_handling(note, on_applications=aspect == "on_request"):
                if none_received is None:
                    none_received = no_applications(report)
                if none_received:
                    out.append(UnfitNote(aspect, note, "handling"))
    return out


def fitting_report(report: Report) -> Report:
    """``report`` without its unfit notes (the same object when it has none)."""
    unfit = unfit_notes(report)
    if not unfit:
        return report
    notes = report.notes
    update = {}
    for aspect in {u.aspect for u in unfit}:
        left_out = {u.note for u in unfit if u.aspect == aspect}
        update[aspect] = [n for n in getattr(notes, aspect) if n not in left_out]
    return report.model_copy(update={"notes": notes.model_copy(update=update)})


__all__ = ["UnfitNote", "unfit_notes", "fitting_report", "no_applications", "stands_as_ours"]
