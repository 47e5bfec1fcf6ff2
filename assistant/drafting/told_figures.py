"""A note's figure that a statistical table already states is left out of the note (each count is told once).

The office writes "对镇政府行政规范性文件开展清理，废止1件" while table 二 states 废止行政规范性文件1件: drafted as it
is, the count is told twice (an outside reviewer's finding). The clause of the note that states a figure of table 二, 三
or 四 (or the 信息处理费), with the table's own value, is dropped; the rest of the note is kept word for word. A figure
that disagrees with the table is kept, so that the checker reports the disagreement instead of the draft hiding it.
"""

from __future__ import annotations

import re

from assistant.claims import extract
from assistant.facts import FactSheet

# Where a clause of a note ends ("，" "；" "、" between clauses; "。" between sentences).
_CLAUSE_END = re.compile(r"[，,；;。]")
_TABLE_FIGURES = ("t2.", "t3.", "t4.", "fee.")
_REFERS_BACK = ("均", "都", "全部", "其中", "其余")


def _stated_by_tables(claim_figures: tuple[str, ...], value: object, facts: FactSheet) -> bool:
    return any(fid.startswith(_TABLE_FIGURES) and fid in facts and facts.value(fid) == value for fid in claim_figures)


def without_table_figures(note: str, facts: FactSheet) -> str:
    """``note`` without its clauses that state a figure the tables state with the same value ("" when that is all).

    "对镇政府行政规范性文件开展清理，废止1件" -> "对镇政府行政规范性文件开展清理"; "废止行政规范性文件1件" -> "";
    "共收到申请12件，均按时答复" -> "申请均按时答复" (what is left refers back to the applications).
    """
    told = [c for c in extract(note) if c.kind == "number" and c.comparable and c.figures
            and _stated_by_tables(c.figures, c.value, facts)]
    if not told:
        return note
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(note)] + [len(note)]
    spans = sorted({(lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False) if hi > lo})
    dropped = {span for span in spans for c in told if span[0] <= c.start < span[1]}
    kept = "".join(note[lo:hi] for lo, hi in spans if (lo, hi) not in dropped)
    kept = kept.strip().rstrip("，,；;、。 ").lstrip("，,；;、。 ")
    if kept.startswith(_REFERS_BACK):  # "均按时答复" said of the dropped clause's applications
        if not all(fid.startswith("t3.") for c in told for fid in c.figures):
            return note
        kept = "申请" + kept
    return kept


__all__ = ["without_table_figures"]
