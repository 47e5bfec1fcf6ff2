"""A note's figure that a statistical table already states is left out of the note (each count is told once).

The office writes "对镇政府行政规范性文件开展清理，废止1件" while table 二 states 废止行政规范性文件1件: drafted as it
is, the count is told twice (an outside reviewer's finding). The clause of the note that states a figure of table 二, 三
or 四 (or the 信息处理费), with the table's own value, is dropped; the rest of the note is kept word for word. A figure
that disagrees with the table is kept, so that the checker reports the disagreement instead of the draft hiding it.
A clause whose count only says which things the note speaks of ("针对被复议纠正的1件申请，对承办人员进行约谈提醒") is
kept too: without it the rest of the note loses its reason or object. The 信息处理费 the note says was not charged
("本年度未收取信息处理费") is told by the drafter's own sentence on the fee, and left out of the note as well.
A clause whose count of applications is the subject of what it says ("两件申请均在法定期限内答复") keeps what it says,
referring back ("上述申请均在法定期限内答复"): a note never vanishes with its count. A count of table 二 said of what
was published ("公开行政处罚决定326件") is another fact than the decisions the table counts, and stays.
"""

from __future__ import annotations

from assistant.claims import Claim, extract
from assistant.drafting.missing import FEE_FROM_YEAR
from assistant.facts import FEE_FIGURE, FactSheet
from assistant.patterns import lazy_compile

# Where a clause of a note ends ("，" "；" "、" between clauses; "。" between sentences).
_CLAUSE_END = lazy_compile(r"[，,；;。]")
_TABLE_FIGURES = ("t2.", "t3.", "t4.", "fee.")
_REFERS_BACK = ("均", "都", "全部", "其中", "其余")
# Before a count in its clause: the clause names what the rest of the note is about ("针对被复议纠正的1件申请，…").
_FRAME = lazy_compile(r"针对|对于|关于|鉴于")
# Before a count of table 二 in its clause: the note counts what was published ("公开行政处罚决定326件"), which is
# another fact than the decisions the table counts as made, even with the same number.
_PUBLISHED = lazy_compile(r"公开|公示|发布|上网|推送")
# After a count of applications in its clause: the count is the subject of what the clause says of them
# ("两件申请均在法定期限内答复"): the clause is kept, its count told as "上述申请" (the figures come first).
_COUNTED_SUBJECT = lazy_compile(r"(?:政府信息公开|依申请公开)?申请(?=均|都|全部)")
# A time word left alone before what the dropped clause's count is referred back by ("2025年，" + "均已按时答复").
_TIME_WORD = lazy_compile(r"(?:\d{4}年度?|本年度|本年|全年|今年)[，,]?")


def _told(claim: Claim, facts: FactSheet) -> bool:
    """Whether ``claim`` states a figure the tables (or the fee sentence) state with the same value."""
    if claim.kind == "zero":  # "未收取信息处理费": only the fee, which 六 states in a sentence of its own (2021 on)
        return (facts.report.meta.year >= FEE_FROM_YEAR and claim.figures == (FEE_FIGURE,)
                and _stated_by_tables(claim.figures, claim.value, facts))
    if claim.figures and all(f.startswith("t2.") for f in claim.figures) and _PUBLISHED.search(claim.subject):
        return False  # "公开行政处罚决定326件": published, not made
    return claim.kind == "number" and claim.comparable and bool(claim.figures) and _stated_by_tables(
        claim.figures, claim.value, facts)


def _stated_by_tables(claim_figures: tuple[str, ...], value: object, facts: FactSheet) -> bool:
    return any(fid.startswith(_TABLE_FIGURES) and fid in facts and facts.value(fid) == value for fid in claim_figures)


def without_table_figures(note: str, facts: FactSheet) -> str:
    """``note`` without its clauses that state a figure the tables state with the same value ("" when that is all).

    "对镇政府行政规范性文件开展清理，废止1件" -> "对镇政府行政规范性文件开展清理"; "废止行政规范性文件1件" -> "";
    "共收到申请12件，均按时答复" -> "上述申请均按时答复" (what is left refers back to the applications, whose count the
    drafter tells before it); "2025年，我镇共受理申请6件，均已按时答复" -> "上述申请均已按时答复".
    """
    told = [c for c in extract(note) if _told(c, facts)]
    if not told:
        return note
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(note)] + [len(note)]
    spans = sorted({(lo, hi) for lo, hi in zip(bounds, bounds[1:], strict=False) if hi > lo})
    dropped = {span for span in spans for c in told
               if span[0] <= c.start < span[1] and not _FRAME.search(note, span[0], c.start)}
    told = [c for c in told if any(lo <= c.start < hi for lo, hi in dropped)]
    if not told:
        return note
    kept = "".join(_kept_of_clause(note, (lo, hi), told) if (lo, hi) in dropped else note[lo:hi] for lo, hi in spans)
    if "上述申请" in kept and "上述申请" not in note and not all(
            fid.startswith("t3.") for c in told for fid in c.figures):
        return note
    kept = kept.strip().rstrip("，,；;、。 ").lstrip("，,；;、。 ")
    time_word = _TIME_WORD.match(kept)  # "2025年，" kept before the dropped clause ("2025年，我镇共受理…，均已按时答复")
    rest = kept[time_word.end():] if time_word else kept
    if rest.startswith(_REFERS_BACK):  # "均按时答复" said of the dropped clause's applications
        if not all(fid.startswith("t3.") for c in told for fid in c.figures):
            return note
        kept = "上述申请" + rest  # the drafter writes it after table 三's count (the one it refers back to)
    return kept


def _kept_of_clause(note: str, span: tuple[int, int], told: list[Claim]) -> str:
    """What is left of a clause whose count the tables tell: nothing, or, when the count is the subject of what the
    clause says ("全年3件申请均在法定期限内答复，"), "上述申请均在法定期限内答复，" (never a note that vanishes)."""
    lo, hi = span
    for claim in told:
        if lo <= claim.start < hi:
            subject = _COUNTED_SUBJECT.match(note, claim.end, hi)
            if subject:
                return "上述申请" + note[subject.end():hi]
    return ""


__all__ = ["without_table_figures"]
