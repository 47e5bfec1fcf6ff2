"""Gaps: a 〔待补…〕 left in the text (format: the drafters' mark for a fact the input lacks, or a blank table cell).

A document with a gap is not final (design.md): every 〔待补…〕 is an error, wherever the text comes from (a draft of
ours, or a .docx/.html/.txt being checked). When the gap is one the drafter wrote for a fact the input lacks, the
finding names the input field to fill.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.model import Document, Finding
from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, all_paragraphs, snippet

GAP_RE = lazy_compile(r"〔\s*待补[^〕\n]{0,60}〕")
RULE_ID = "G1"


def is_gap(finding: Finding) -> bool:
    """Whether a finding is a 〔待补…〕 gap (a fact to fill in, not a mistake in the text)."""
    return finding.rule == RULE_ID


def _field_hints(doc: Document) -> dict[str, tuple[str, str]]:
    """Placeholder -> (what is missing, the input field to fill), for the facts the report's input lacks."""
    from assistant.drafting.missing import missing_facts

    return {m.placeholder: (m.what, m.field) for m in missing_facts(doc.report)}


@rule(RULE_ID, "completeness", "error", "正文中没有待补写的“〔待补…〕”（有待补内容的报告不能定稿）", scope="text",
      needs=NARRATIVE)
def gaps(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    hints: dict[str, tuple[str, str]] | None = None
    for p in all_paragraphs(doc, headings=True):
        for m in GAP_RE.finditer(p.text):
            if hints is None:
                hints = _field_hints(doc)
            gap = m.group(0)
            what, field = hints.get(gap, ("", ""))
            if field:
                from assistant.drafting.missing import fill_in

                message = f"缺少{what}，正文中为“{gap}”"
                suggestion = f"{fill_in(field)}后重新起草，或在定稿前补写"
            elif gap.replace(" ", "") == "〔待补〕":
                message = "表格中的空白单元格在正文中写作“〔待补〕”"
                suggestion = "在表格中填入该数字（没有的填 0）后重新起草，或在定稿前补写"
            else:
                message = f"正文中有待补写的内容“{gap}”"
                suggestion = "补写实际内容后再定稿"
            yield Hit(message=message, location=p.location(m.start(), m.end()),
                      evidence=snippet(p.text, m.start(), m.end()), expected=what or "实际内容", found=gap,
                      suggestion=suggestion)
