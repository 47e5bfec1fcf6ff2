"""Notes no drafter writes as facts, because the rest of the input says otherwise, and the report without them.

- A note that tells how applications were handled ("所有申请均在法定期限内答复", "答复前与申请人电话沟通") when table 三
  has no application (none received, none carried over): written as a fact it would contradict the table.
- A note that names another 乡镇/街道/县 ("通过“石门镇”微信公众号…" in 金竹镇's report): notes shared across a county
  carry the neighbour's name, which the draft would give as this organ's own channel. The names are found by the
  organ rules' own finder (:func:`assistant.rules.organ.other_organ_names`).

Each such note is left out of the draft and reported to the clerk (rules D.handling and D.foreign, declared in
:mod:`assistant.rules.drafting`), who can correct the note or the table and draft again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from assistant.drafting.note_text import tells_handling
from assistant.facts import figure_value
from assistant.model import Report


@dataclass(frozen=True)
class UnfitNote:
    aspect: str
    note: str
    reason: Literal["handling", "foreign"]
    name: str = ""  # the other organ's name ("foreign")


def no_applications(report: Report) -> bool:
    """Table 三 says there was no application this year: 0 received and 0 carried over (blank cells say nothing)."""
    values = [figure_value(report, fid) for fid in ("t3.new_received.total", "t3.carried_over.total")]
    return all(v == 0 and not isinstance(v, bool) for v in values)


def unfit_notes(report: Report) -> list[UnfitNote]:
    """The notes of ``report`` that are not written into a draft, in the office's order."""
    from assistant.rules.organ import other_organ_names

    notes = report.notes
    none_received: bool | None = None
    out: list[UnfitNote] = []
    for aspect in type(notes).model_fields:
        items = getattr(notes, aspect)
        if not isinstance(items, list):
            continue
        for note in items:
            if not isinstance(note, str) or not note.strip():
                continue
            names = other_organ_names(report.meta, note)
            if names:
                out.append(UnfitNote(aspect, note, "foreign", names[0][2]))
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


__all__ = ["UnfitNote", "unfit_notes", "fitting_report", "no_applications"]
