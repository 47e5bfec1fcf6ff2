"""Findings as a Chinese table (terminal) and as JSON (machines, the UI, batch summaries)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from assistant import __version__
from assistant.model import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    Document,
    Finding,
    Provenance,
    Report,
    rule_label,
)
from assistant.patterns import lazy_compile

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.status != "fail", f.rule))


def has_errors(findings: list[Finding]) -> bool:
    """Whether a finding blocks a final document (an error that is a real failure)."""
    return any(f.severity == "error" and f.status == "fail" for f in findings)


def document_summary(doc: Document) -> dict[str, Any]:
    meta = doc.report.meta
    return {"organ": meta.organ_name, "year": meta.year, "format": doc.report.table_format,
            "organ_kind": meta.organ_kind, "source": doc.source}


def provenance_record(report: Report, provenance: Provenance) -> dict[str, str]:
    """How a draft was made (drafter, model, prompt hash, version, time, report hash, fallbacks), as text values.

    The findings JSON always carries it; the Word document only when asked (``--provenance``).
    """
    created = provenance.created or datetime.now(UTC)
    items = {
        "drafter": provenance.drafter,
        "model": provenance.model or "",
        "prompt_hash": provenance.prompt_hash or "",
        "version": provenance.version or __version__,
        "created": created.isoformat(),
        "report_hash": report.content_hash(),
    }
    if provenance.fallbacks:  # parts of a model's draft written by the template instead
        items["fallbacks"] = json.dumps([f.model_dump() for f in provenance.fallbacks], ensure_ascii=False)
    return items


def findings_json(doc: Document, findings: list[Finding],
                  reviews: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The document, how it was drafted, and the findings; with ``reviews`` (fingerprint -> a reviewer's decision),
    each finding's ``review`` (null when not reviewed)."""
    data: dict[str, Any] = {"document": document_summary(doc)}
    if doc.draft is not None:
        data["provenance"] = provenance_record(doc.report, doc.draft.provenance)
    data["findings"] = [f.model_dump(mode="json") for f in sort_findings(findings)]
    if reviews is not None:
        for item in data["findings"]:
            review = reviews.get(item["fingerprint"])
            item["review"] = dict(review) if review is not None else None
    return data


def findings_json_text(doc: Document, findings: list[Finding]) -> str:
    return json.dumps(findings_json(doc, findings), ensure_ascii=False, indent=2)


def counts(findings: list[Finding]) -> Counter[str]:
    return Counter(f.severity for f in findings if f.status == "fail")


def summary_line(findings: list[Finding]) -> str:
    """Every listed item counted by severity (存疑 and 无法校核 included), then how many of them are which."""
    c = Counter(f.severity for f in findings)
    line = f"错误 {c['error']} 项，警告 {c['warning']} 项，提示 {c['info']} 项"
    status = Counter(f.status for f in findings)
    parts = [f"{STATUS_LABELS[s]} {status[s]} 项" for s in ("uncertain", "not_assessable") if status[s]]
    return line + (f"（其中{'，'.join(parts)}）" if parts else "")


_CAUSE = lazy_compile(r"（([^（）]+)）$")


def not_assessable_cause(finding: Finding) -> str:
    """Why a rule could not be assessed, as its message ends: "（缺少表三）" -> "缺少表三"."""
    m = _CAUSE.search(finding.message)
    return m.group(1) if m else finding.message


def finding_row(f: Finding, report: Report | None) -> list[str]:
    """One finding in Chinese (a drafting notice by its Chinese name): 严重程度, 状态, 规则, 类别, 位置, 说明, 期望, 实际, 建议 (the CLI's and the UI's)."""
    return [
        SEVERITY_LABELS[f.severity], STATUS_LABELS[f.status], rule_label(f.rule), CATEGORY_LABELS[f.category],
        f.location.describe(report), f.message,
        "" if f.expected is None else str(f.expected), "" if f.found is None else str(f.found), f.suggestion or "",
    ]


def findings_rows(doc: Document, findings: list[Finding]) -> list[list[str]]:
    """Rows for a table view, sorted: 严重程度, 状态, 规则, 类别, 位置, 说明, 期望, 实际, 建议."""
    return [finding_row(f, doc.report) for f in sort_findings(findings)]


def findings_text(doc: Document, findings: list[Finding], summary: bool = True, scope_line: str | None = None) -> str:
    """A plain Chinese listing, one block per finding (readable in any terminal width), then the summary line.

    ``scope_line`` (what was checked and what not) follows the heading line.
    """
    meta = doc.report.meta
    lines = [f"{meta.organ_name} {meta.year}年度（{doc.report.table_format}年版表格）"]
    if scope_line:
        lines.append(scope_line)
    not_assessable: dict[str, list[str]] = {}  # one line per cause: a partial page makes many rules unassessable
    for f in sort_findings(findings):
        if f.status == "not_assessable":
            not_assessable.setdefault(not_assessable_cause(f), []).append(rule_label(f.rule))
    shown = [f for f in findings if f.status != "not_assessable"]
    for row in findings_rows(doc, shown):
        severity, status, rule_id, category, where, message, expected, found, suggestion = row
        lines.append(f"[{severity}·{status}] {rule_id} {category} | {where}")
        lines.append(f"    {message}")
        if expected or found:
            lines.append(f"    期望：{expected or '—'}；实际：{found or '—'}")
        if suggestion:
            lines.append(f"    建议：{suggestion}")
    for cause, rule_ids in not_assessable.items():
        lines.append(f"[{SEVERITY_LABELS['info']}·{STATUS_LABELS['not_assessable']}] {'、'.join(rule_ids)}（{len(rule_ids)} 项）")
        lines.append(f"    无法校核的原因：{cause}（各项说明见 --json 输出）")
    if summary:
        lines.append(summary_line(findings))
    return "\n".join(lines)
