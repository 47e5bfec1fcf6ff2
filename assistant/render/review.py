"""The review copy: the Word document with each finding as a Word comment anchored at its evidence.

Where a finding is anchored, in order: the table cell it names (a group figure such as ``t3.unable.total`` at the
group's label cell); the evidence text (or character span) inside the paragraph it names; that whole paragraph; the
heading of its section; otherwise the evidence wherever it first occurs, else the title.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from assistant.addresses import LAYOUT_BREAK_RE
from assistant.model import CATEGORY_LABELS, SEVERITY_LABELS, STATUS_LABELS, Document, Finding, rule_label
from assistant.render.docx import TABLE_RUN, Rendered, _rfonts, add_comment_styles, append_run, render
from assistant.render.findings import sort_findings

DECISION_LABELS = {"confirmed": "已确认", "dismissed": "已驳回", "": "待复核"}
COMMENT_AUTHOR = "年报助手校核"
COMMENT_INITIALS = "校核"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
TABLE_RUN_FONTS = _rfonts(TABLE_RUN.east_asia)
_AFTER_RFONTS = ("w:b", "w:i", "w:color", "w:sz", "w:szCs", "w:vertAlign")


def decision_line(decision: Mapping[str, Any]) -> str:
    """One reviewer's decision: ``2026-12-07 09:30 县政务公开办：已驳回，理由：含上年结转2件，已核实``."""
    when = str(decision.get("decided", ""))[:16].replace("T", " ")
    label = DECISION_LABELS.get(str(decision.get("decision", "")), "待复核")
    comment = str(decision.get("comment") or "")
    reason = ("，理由：" if decision.get("decision") == "dismissed" else "，备注：") + comment if comment else ""
    return f"{when} {decision.get('user', '')}：{label}{reason}"


def review_lines(review: Mapping[str, Any]) -> list[str]:
    """A finding's review record as comment lines: every decision in order (who, when, what, why)."""
    history = list(review.get("history") or []) or [review]
    return [f"复核：{decision_line(d)}" for d in history]


def comment_text(doc: Document, finding: Finding, review: Mapping[str, Any] | None = None) -> list[str]:
    """The lines of one comment (Chinese): what is wrong, expected/found, suggestion, and the reviewers'
    decisions when there are any."""
    f = finding
    lines = [f"【{SEVERITY_LABELS[f.severity]}·{STATUS_LABELS[f.status]}】{rule_label(f.rule)}（{CATEGORY_LABELS[f.category]}）"
             f"{f.message}"]
    if f.expected is not None or f.found is not None:
        expected = "—" if f.expected is None else str(f.expected)
        found = "—" if f.found is None else str(f.found)
        lines.append(f"期望：{expected}；实际：{found}")
    if f.suggestion:
        lines.append(f"建议：{f.suggestion}")
    if review:
        lines += review_lines(review)
    return lines


def _runs(p: Paragraph) -> list[tuple[object, str]]:
    """The text runs of a paragraph with their text as the draft has it (comment-reference runs have none, nor the
    line break the renderer puts before an address to keep it on one line)."""
    out = []
    for r in p._p.findall(qn("w:r")):
        t = r.find(qn("w:t"))
        if t is not None:
            text = t.text or ""
        else:
            text = "\n" if r.find(qn("w:br")) is not None else ""
        out.append((r, text))
    for i, (r, text) in enumerate(out):
        if text == "\n" and LAYOUT_BREAK_RE.match("\n" + "".join(t for _r, t in out[i + 1:i + 8])):
            out[i] = (r, "")
    return out


def _split(r: object, offset: int) -> object:
    """Split run ``r`` at ``offset`` characters of its draft text; return the right half (inserted after ``r``)."""
    right = copy.deepcopy(r)
    t_left, t_right = r.find(qn("w:t")), right.find(qn("w:t"))  # type: ignore[attr-defined]
    text = t_left.text or ""
    t_left.text, t_right.text = text[:offset], text[offset:]
    for t in (t_left, t_right):
        if t.text != t.text.strip():
            t.set(_XML_SPACE, "preserve")
    r.addnext(right)  # type: ignore[attr-defined]
    return right


def runs_for_span(p: Paragraph, start: int, end: int) -> list[Run]:
    """Runs covering exactly ``text[start:end]`` of the paragraph (runs are split as needed)."""
    for cut in (start, end):
        pos = 0
        for r, text in _runs(p):
            if pos < cut < pos + len(text) and r.find(qn("w:t")) is not None:  # type: ignore[attr-defined]
                _split(r, cut - pos)
                break
            pos += len(text)
    runs, pos = [], 0
    for r, text in _runs(p):
        if text and start <= pos and pos + len(text) <= end:
            runs.append(Run(r, p))  # type: ignore[arg-type]
        pos += len(text)
    return runs


def _paragraph_runs(p: Paragraph, finding: Finding) -> list[Run]:
    text = "".join(t for _r, t in _runs(p))
    span = finding.location.span
    evidence = finding.evidence
    if span and 0 <= span[0] < span[1] <= len(text) and (not evidence or text[span[0]:span[1]] == evidence):
        runs = runs_for_span(p, span[0], span[1])
        if runs:
            return runs
    if evidence and evidence in text:
        start = text.index(evidence)
        runs = runs_for_span(p, start, start + len(evidence))
        if runs:
            return runs
    runs = [Run(r, p) for r, t in _runs(p) if t]  # type: ignore[arg-type]
    if not runs:
        runs = [Run(append_run(p._p, "", TABLE_RUN), p)]
    return runs


def _cell_runs(cell: _Cell) -> list[Run]:
    p = cell.paragraphs[0]
    runs = [Run(r, p) for r, t in _runs(p) if t]  # type: ignore[arg-type]
    return runs or [Run(append_run(p._p, "", TABLE_RUN), p)]


def _anchor(r: Rendered, doc: Document, finding: Finding) -> list[Run]:
    loc = finding.location
    if loc.cell:
        cell = r.cells.get(loc.cell)
        if cell is None:
            table, row, _col = (loc.cell.split(".") + ["", "", ""])[:3]
            label = doc.report.fmt.t3_group_labels.get(row, "") if table == "t3" else ""
            cell = r.label_cells.get(f"{table}:{label}")
            if cell is None and table in r.tables:
                cell = r.tables[table].cell(0, 0)
        if cell is not None:
            return _cell_runs(cell)
    section = loc.section
    if section == "title" and r.title is not None:
        return _paragraph_runs(r.title, finding)
    if section is not None:
        if loc.paragraph is not None and loc.paragraph >= 0 and (section, loc.paragraph) in r.paragraphs:
            return _paragraph_runs(r.paragraphs[(section, loc.paragraph)], finding)
        if section in r.headings:
            return _paragraph_runs(r.headings[section], finding)
        first = r.paragraphs.get((section, 0))
        if first is not None:
            return _paragraph_runs(first, finding)
    if finding.evidence:
        candidates = ([r.title] if r.title is not None else []) + list(r.headings.values()) + list(
            r.paragraphs.values())
        for p in candidates:
            if finding.evidence in p.text:
                return _paragraph_runs(p, finding)
    if r.title is not None:
        return _paragraph_runs(r.title, finding)
    raise ValueError("文档没有可以挂批注的位置")  # pragma: no cover - render always writes a title


def add_comments(r: Rendered, doc: Document, findings: list[Finding],
                 reviews: Mapping[str, Mapping[str, Any]] | None = None) -> int:
    """Add each finding as a comment to a rendered document, with its review record from ``reviews`` (by
    fingerprint) when there is one; return how many were added."""
    document: DocxDocument = r.document
    add_comment_styles(document)
    n = 0
    for finding in sort_findings(findings):
        runs = _anchor(r, doc, finding)
        lines = comment_text(doc, finding, (reviews or {}).get(finding.fingerprint))
        comment = document.add_comment(runs, text=lines[0], author=COMMENT_AUTHOR, initials=COMMENT_INITIALS)
        for line in lines[1:]:
            comment.add_paragraph(line)
        n += 1
    for ref in document.element.body.iter(qn("w:commentReference")):  # the marks name their font too
        rpr = ref.getparent().get_or_add_rPr()
        if rpr.find(qn("w:rFonts")) is None:
            rpr.insert_element_before(copy.deepcopy(TABLE_RUN_FONTS), *_AFTER_RFONTS)
    return n


def review_copy(doc: Document, findings: list[Finding]) -> DocxDocument:
    """The document of ``doc`` with ``findings`` as comments (python-docx object)."""
    r = render(doc)
    add_comments(r, doc, findings)
    return r.document
