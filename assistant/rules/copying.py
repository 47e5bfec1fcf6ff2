"""内容雷同 year on year (format.md E10, 30号 "(四)明确责任"): a narrative section that repeats last year's.

Runs with ``nianbao check FILE --previous LAST_YEAR``. Each narrative section is compared with the same section of
last year's report by :func:`assistant.similarity.ratio` with both organs' names and all numbers masked, so that
changed figures do not hide a copied text. A warning names the section and the ratio.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.headings import find_section
from assistant.model import Document, Location
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.similarity import THRESHOLD, dice, masked, organ_names, ratio, shingles

NARRATIVE_SECTIONS = ("overview", "problems", "other")  # 二–四 are a line above a table: alike every year
MIN_CHARS = 60  # shorter sections ("无。") say too little to be copies


def _section_text(doc: Document, key: str) -> str | None:
    draft = doc.narrative
    section = find_section(draft, key) if draft is not None else None
    return None if section is None else "".join(section.paragraphs)


@rule("X6", "cross_year", "warning", "总体情况、五、六各部分与上年度报告相应部分不雷同（遮去机关名称和数字后，按原文顺序或按四字片段计的相似度均不超过0.70）",
      scope="cross_year", needs=("narrative",))
def copied_from_last_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    prev = doc.previous
    if prev is None or prev.narrative is None:
        return
    names = organ_names(doc.report.meta) + organ_names(prev.report.meta)
    for key in NARRATIVE_SECTIONS:
        now, before = _section_text(doc, key), _section_text(prev, key)
        if now is None or before is None:
            continue
        a, b = masked(now, names), masked(before, names)
        if min(len(a), len(b)) < MIN_CHARS:
            continue
        # the order of the text (difflib) or, for the same sentences in another order or wording, its 4-character
        # pieces (the shingle measure batch uses): whichever is higher
        value = max(ratio(a, b), dice(shingles(a), shingles(b)))
        if value > THRESHOLD:
            section = find_section(doc.narrative, key)  # type: ignore[arg-type]
            title = section.heading if section is not None else key
            yield Hit(
                message=f"“{title}”与上年度报告的相应部分高度相似（相似度{value:.2f}，超过{THRESHOLD:.2f}），可能照搬上年内容",
                location=Location(section=key), evidence=now[:40] + ("…" if len(now) > 40 else ""),
                expected=f"相似度不超过{THRESHOLD:.2f}", found=f"{value:.2f}",
                suggestion="按本年度的实际工作重写这一部分（30号文件将“内容雷同”列为追责情形）",
            )

