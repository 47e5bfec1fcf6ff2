"""The one-direction flow of design.md, as functions the CLI, the UI and batch all call.

reader -> Report -> figure rules -> drafter -> Draft -> text rules -> renderer
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from assistant.atomic import atomic_write_bytes
from assistant.model import REPORT_TITLE_TAIL, SCOPE_LABELS, Document, Finding, Report, Scope
from assistant.names import safe_file_name
from assistant.rules import run_rules
from assistant.rules.gaps import RULE_ID as GAP_RULE

if TYPE_CHECKING:
    from assistant.drafting import Drafter


FINDINGS_SUFFIX = ".findings.json"  # the findings beside the documents, for other programs


def check_figures(doc: Document) -> list[Finding]:
    """The figure rules only (tables, plausibility, format): what ``nianbao validate`` runs."""
    return run_rules(doc, ("figures",))


@dataclass
class CheckedScopes:
    """Which scopes of rules a check ran, which it ran only in part, and for each one it did not run, why (Chinese).

    ``run`` is the scopes whose rules run: a scope whose parts are all absent (an existing report without tables) is
    not checked, yet its rules still run, to say which checks could not be made (无法校核) and why.
    """

    checked: list[Scope]
    not_checked: dict[Scope, str] = field(default_factory=dict)
    partly: dict[Scope, str] = field(default_factory=dict)
    run: list[Scope] = field(default_factory=list)

    def line(self) -> str:
        """``已检查：表格（只有表二，缺少表三、表四）、正文；未检查正文：输入中没有 narrative（正文）；…``"""
        labels = [SCOPE_LABELS[s] + (f"（{self.partly[s]}）" if s in self.partly else "") for s in self.checked]
        return "；".join([*([f"已检查：{'、'.join(labels)}"] if labels else []), *self.not_checked.values()])

    def as_json(self) -> dict[str, Any]:
        return {"scopes": self.checked, "labels": [SCOPE_LABELS[s] for s in self.checked],
                "partly": [{"scope": s, "reason": reason} for s, reason in self.partly.items()],
                "not_checked": [{"scope": s, "reason": reason} for s, reason in self.not_checked.items()]}


def _tables_unread(doc: Document) -> tuple[list[str], str]:
    """The tables a document lacks or has only unreliably (an existing report cut short, a table whose digits could
    not be read), and why, e.g. "缺少表三、表四" or "缺少表二，表四未能可靠读出"."""
    from assistant.formats import TABLE_NAMES
    from assistant.rules.registry import absence_reason

    unread = [t for t in TABLE_NAMES if not doc.has(t)]
    absent = [t for t in unread if t in doc.missing]
    reasons = [f"缺少{'、'.join(TABLE_NAMES[t] for t in absent)}"] if absent else []
    reasons += [absence_reason(doc, t) for t in unread if t not in absent]
    return unread, "，".join(reasons)


def check_scopes(doc: Document) -> CheckedScopes:
    """Figure rules always (the tables: checked, checked in part, or not checked when none was read); the text rules
    when the document has a narrative; cross-year rules when last year's report is set."""
    from assistant.formats import TABLE_NAMES

    scopes = CheckedScopes([], run=["figures"])
    unread, why = _tables_unread(doc)
    if not unread:
        scopes.checked.append("figures")
    elif len(unread) < len(TABLE_NAMES):
        scopes.checked.append("figures")
        read = "、".join(name for t, name in TABLE_NAMES.items() if t not in unread)
        scopes.partly["figures"] = f"只有{read}，{why}"
    elif all(t in doc.missing for t in unread):
        scopes.not_checked["figures"] = "未检查表格：报告中没有读到表格"
    else:
        scopes.not_checked["figures"] = f"未检查表格：{why}"
    if doc.narrative is not None:
        scopes.checked.append("text")
        scopes.run.append("text")
    else:
        scopes.not_checked["text"] = "未检查正文：输入中没有 narrative（正文）"
    if doc.previous is not None:
        scopes.checked.append("cross_year")
        scopes.run.append("cross_year")
    else:
        scopes.not_checked["cross_year"] = "未做跨年度比对：没有上一年度的报告（--previous）"
    return scopes


def check_document(doc: Document) -> list[Finding]:
    """The rules of every scope ``check_scopes`` runs for this document."""
    return run_rules(doc, check_scopes(doc).run)


# --- drafting and writing the outputs -------------------------------------------------------------------------------

DRAFT_MARK = "-草稿"
REVIEW_MARK = "-审阅稿"


def draft_report(report: Report, drafter: str | Drafter = "template",
                 batch_units: tuple[str, ...] = ()) -> tuple[Document, list[Finding]]:
    """Draft the narrative of a report and check the whole document.

    The findings are the rule engine's plus the drafter's own: each required fact missing from the input, left in
    the text as 〔待补：…〕 (a warning), without duplicates. Notes still marked as last year's (〔上年〕, not confirmed)
    are not drafted from. An unknown or unconfigured drafter raises InputError.
    ``drafter`` is a name, or a drafter already made (batch reuses one per process, and so its connections).
    ``batch_units``: in a batch, the names of all its units (:attr:`Document.batch_units`, which the checks read).
    """
    from assistant.drafting import get_drafter
    from assistant.readers.prefill import confirmed_only

    draft = (get_drafter(drafter) if isinstance(drafter, str) else drafter).draft(confirmed_only(report))
    doc = Document(report=report, draft=draft, batch_units=batch_units)
    return doc, check_drafted(doc)


def check_drafted(doc: Document) -> list[Finding]:
    """``check_document`` plus, once there is a draft, a warning for each required fact the input lacks (D.missing,
    naming the input field), without duplicates: what the CLI, batch and the UI report on a draft. Where the draft
    marks the fact 〔待补：…〕 in its text, rule G1 reports that gap instead (the error that keeps the document from
    being final), so each gap is one finding.
    Notes still marked as last year's (〔上年〕) count as not given."""
    from assistant.drafting import missing_fact_findings
    from assistant.readers.prefill import confirmed_only

    doc = doc.model_copy(update={"report": confirmed_only(doc.report)})  # unconfirmed notes of last year: not facts
    findings = check_document(doc)
    if doc.draft is None:
        return findings
    seen = {f.fingerprint for f in findings}
    gaps = {(f.location.section, f.location.paragraph, f.found) for f in findings if f.rule == GAP_RULE}
    for f in missing_fact_findings(doc.report, doc.draft):
        if (f.location.section, f.location.paragraph, f.evidence) in gaps:
            continue  # one gap, one finding: G1 reports it (the error that keeps the document from being final)
        if f.fingerprint not in seen:
            findings.append(f)
            seen.add(f.fingerprint)
    return findings


def output_stem(report: Report) -> str:
    """``<机关名称><年度>年政府信息公开工作年度报告``, safe as a file name."""
    organ = safe_file_name(report.meta.organ_name, "未命名机关")
    return f"{organ}{report.meta.year}年{REPORT_TITLE_TAIL}"


def waived(finding: Finding, reviews: Mapping[str, Mapping[str, Any]] | None) -> bool:
    """Whether a reviewer dismissed the finding and wrote why: then it no longer blocks the final document. A 〔待补〕
    gap is never waived: the placeholder is still in the text, and a final document never contains one."""
    if finding.rule == GAP_RULE:
        return False
    review = (reviews or {}).get(finding.fingerprint)
    return review is not None and review.get("decision") == "dismissed" and bool(str(review.get("comment") or "").strip())


def blocking_findings(findings: list[Finding],
                      reviews: Mapping[str, Mapping[str, Any]] | None = None) -> list[Finding]:
    """The findings that keep a final document from being written: every 〔待补〕 gap, and each other failing error
    that no reviewer dismissed with a reason."""
    return [f for f in findings if f.severity == "error" and f.status == "fail" and not waived(f, reviews)]


def gaps_only(findings: list[Finding], reviews: Mapping[str, Mapping[str, Any]] | None = None) -> bool:
    """Whether what blocks the final document is only 〔待补〕 gaps (facts to fill in), no other error."""
    errors = blocking_findings(findings, reviews)
    return bool(errors) and all(f.rule == GAP_RULE for f in errors)


def blocking_line(blocking: list[Finding]) -> str:
    """``尚有2处待补内容、1项错误未改正`` (empty when nothing blocks)."""
    gaps = sum(1 for f in blocking if f.rule == GAP_RULE)
    errors = len(blocking) - gaps
    parts = [f"{gaps}处待补内容" if gaps else "", f"{errors}项错误未改正" if errors else ""]
    return ("尚有" + "、".join(p for p in parts if p)) if blocking else ""


@dataclass
class WrittenOutputs(Sequence[Path]):
    """What ``write_outputs`` wrote, and which file (if any) is the final document.

    As a sequence it is every path written, the findings last. ``final`` is the document to print: set only when no
    error or 〔待补〕 gap blocks it. Otherwise ``blocking`` names what does, and the documents written are ``draft``
    (``-草稿``) and ``review`` (its review copy), both marked "请勿印发".
    """

    paths: list[Path]
    findings_file: Path
    final: Path | None = None
    draft: Path | None = None
    review: Path | None = None
    blocking: list[Finding] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """Whether the final document was withheld (errors or gaps remain)."""
        return bool(self.blocking)

    def blocking_line(self) -> str:
        return blocking_line(self.blocking)

    @overload
    def __getitem__(self, index: int) -> Path: ...

    @overload
    def __getitem__(self, index: slice) -> list[Path]: ...

    def __getitem__(self, index: int | slice) -> Path | list[Path]:
        return self.paths[index]

    def __len__(self) -> int:
        return len(self.paths)


def write_outputs(doc: Document, findings: list[Finding], outdir: str | Path, allow_errors: bool = False,
                  review_copy: bool = False, provenance: bool = False,
                  reviews: Mapping[str, Mapping[str, Any]] | None = None) -> WrittenOutputs:
    """Write the Word document, the review copy (when asked, or when errors are let through) and the findings.

    While an error-severity finding fails, no final document is written (only ``.findings.json``, plus the review
    copy when asked: it is not a final document), unless ``allow_errors``: then the document's name ends in
    ``-草稿`` and a review copy carrying the findings is written. When the only errors are 〔待补〕 gaps, the ``-草稿``
    and the review copy are written anyway: staff fill them in. Documents written while errors remain carry a red
    "请勿印发" line on every page. How the text was drafted is in the findings, and in the documents' properties
    only when ``provenance``. ``reviews`` (fingerprint -> a reviewer's decision: decision, comment, user, decided,
    history) go into the findings JSON and the review copy's comments; an error dismissed with a reason no longer
    blocks. Every file is written atomically.
    Returns the ``WrittenOutputs``: the paths written (the findings last), which one is final, and what blocks it.
    """
    from assistant.render.docx import docx_bytes, render
    from assistant.render.findings import findings_json
    from assistant.render.review import add_comments

    outdir = Path(outdir)
    stem = output_stem(doc.report)
    blocking = blocking_findings(findings, reviews)
    blocked = bool(blocking)
    gaps = gaps_only(findings, reviews)
    let_through = allow_errors or gaps  # a -草稿 is written
    written: list[Path] = []
    document = review = None
    if not blocked or let_through or review_copy:
        name = stem + (DRAFT_MARK if blocked else "")
        mark = f"草稿：{blocking_line(blocking)}，请勿印发"
        rendered = render(doc, draft_mark=mark if blocked else None, provenance=provenance)
        if not blocked or let_through:
            document = atomic_write_bytes(outdir / f"{name}.docx", docx_bytes(rendered.document))
            written.append(document)
        if review_copy or blocked:  # the same document, now with the comments
            add_comments(rendered, doc, findings, reviews)
            review = atomic_write_bytes(outdir / f"{name}{REVIEW_MARK}.docx", docx_bytes(rendered.document))
            written.append(review)
    data = findings_json(doc, findings, reviews)
    data["blocked"] = blocked  # no final document (a -草稿 let through by allow_errors is not one)
    data["gaps"] = sum(1 for f in findings if f.rule == GAP_RULE and f.status == "fail")
    data["outputs"] = [p.name for p in written]
    data["final"] = document.name if document is not None and not blocked else None
    data["blocking"] = [{"rule": f.rule, "message": f.message, "fingerprint": f.fingerprint} for f in blocking]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    findings_file = atomic_write_bytes(outdir / f"{stem}{FINDINGS_SUFFIX}", text.encode("utf-8"))
    return WrittenOutputs([*written, findings_file], findings_file, final=None if blocked else document,
                   draft=document if blocked else None, review=review, blocking=blocking)
