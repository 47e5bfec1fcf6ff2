"""What the UI does, as plain functions over the workspace: testable without a browser.

Every function takes the workspace and the signed-in user, loads the unit, changes it, saves it at once and
returns what the page shows. Errors a user can fix come back as InputError (Chinese, naming the place).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.model import Document, Draft, Finding, Report, Section
from assistant.pipeline import check_drafted
from assistant.render.findings import finding_row, findings_json, sort_findings
from assistant.ui.workspace import Unit, Workspace

DECISION_LABELS = {"confirmed": "已确认", "dismissed": "已驳回", "": "待复核"}


@dataclass
class UnitView:
    """Everything the page shows for one unit."""

    unit: Unit
    findings: list[Finding]


def _unit(ws: Workspace, user: str, unit_id: int | None, admin: bool = False) -> Unit:
    unit = ws.get(int(unit_id), user, admin) if unit_id else None
    if unit is None:
        raise InputError("请先新建或选择一个单位")
    return unit


def document(unit: Unit) -> Document:
    return Document(report=unit.report, draft=unit.draft)


def unit_findings(unit: Unit) -> list[Finding]:
    """Figure rules; once there is a draft, the text rules and the facts the input lacks (as in the CLI)."""
    return sort_findings(check_drafted(document(unit)))


def create_unit(ws: Workspace, user: str, report: Report) -> UnitView:
    unit = ws.save_report(user, report)
    return UnitView(unit, unit_findings(unit))


def load_example(ws: Workspace, user: str, name: str = "zhuting-2020.yaml") -> UnitView:
    """A new unit from an example shipped with the package (examples/)."""
    from assistant.readers.inputfile import load_report
    from assistant.resources import data_dir

    return create_unit(ws, user, load_report(data_dir("examples") / name))


def open_unit(ws: Workspace, user: str, unit_id: int, admin: bool = False) -> UnitView:
    unit = _unit(ws, user, unit_id, admin)
    return UnitView(unit, unit_findings(unit))


def prefill_from_file(ws: Workspace, user: str, source: str | Path) -> list[UnitView]:
    """Units from an uploaded file or a web address: an input file, a workbook (every unit in it), or last year's
    report (prefilled for next year). The first of the returned views is the one to show."""
    from assistant.readers import is_web_address, kind_of, load_document

    kind = None if is_web_address(source) else kind_of(Path(source).suffix)
    if kind is not None and ".xlsx" in kind.suffixes:
        from assistant.readers.xlsx import load_workbook_reports

        reports = load_workbook_reports(Path(source))
        if not reports:
            raise InputError(f"{Path(source).name}：工作簿中没有单位")
    elif kind is not None and kind.role == "input":
        reports = [load_document(source).report]
    else:
        from assistant.readers.prefill import next_year_report

        reports = [next_year_report(load_document(source))]
    return [create_unit(ws, user, report) for report in reports]


def save_report(ws: Workspace, user: str, unit_id: int, report: Report) -> UnitView:
    unit = _unit(ws, user, unit_id)
    unit = ws.save_report(user, report, draft=unit.draft)  # a new organ name or year: the draft goes along
    return UnitView(unit, unit_findings(unit))


def draft_unit(ws: Workspace, user: str, unit_id: int, drafter: str = "template") -> UnitView:
    from assistant.pipeline import draft_report

    unit = _unit(ws, user, unit_id)
    doc, _findings = draft_report(unit.report, drafter=drafter)
    assert doc.draft is not None
    ws.save_draft(unit.id, doc.draft)
    return open_unit(ws, user, unit.id)


def section_texts(draft: Draft | None) -> list[str]:
    """The editable texts: [title + preamble, section 1, …, section 6]."""
    if draft is None:
        return [""] * 7
    head = "\n".join([draft.title, *draft.preamble])
    return [head] + ["\n".join(s.paragraphs) for s in draft.sections]


def save_sections(ws: Workspace, user: str, unit_id: int, texts: list[str]) -> UnitView:
    """Store the staff's edits of the draft's texts; the rules re-run."""
    unit = _unit(ws, user, unit_id)
    if unit.draft is None:
        raise InputError("还没有草稿：请先点“起草”")
    lines = [line.strip() for line in texts[0].splitlines() if line.strip()]
    sections = [
        Section(heading=s.heading, key=s.key, paragraphs=[p.strip() for p in text.splitlines() if p.strip()])
        for s, text in zip(unit.draft.sections, texts[1:], strict=False)
    ]
    draft = unit.draft.model_copy(update={"title": lines[0] if lines else "", "preamble": lines[1:],
                                          "sections": sections})
    ws.save_draft(unit.id, draft)
    return open_unit(ws, user, unit.id)


def findings_table(ws: Workspace, unit: Unit, findings: list[Finding], severity: str = "全部",
                   category: str = "全部") -> list[list[str]]:
    """Rows for the 问题清单: 序号, 严重程度, 类别, 规则, 位置, 说明, 复核, 备注, 指纹."""
    decisions = ws.decisions(unit.id)
    rows = []
    for i, f in enumerate(findings):
        level, _status, rule, kind, where, message, *_ = finding_row(f, unit.report)
        if severity not in ("全部", level) or category not in ("全部", kind):
            continue
        d = decisions.get(f.fingerprint)
        rows.append([str(i + 1), level, kind, rule, where, message, DECISION_LABELS[d.decision if d else ""],
                     d.comment if d else "", f.fingerprint])
    return rows


def finding_by_number(view: UnitView, number: object) -> Finding:
    """The finding shown as 序号 ``number`` in the 问题清单; InputError when the list has changed since."""
    index = int(str(number)) - 1 if str(number).isdigit() else -1
    if not 0 <= index < len(view.findings):
        raise InputError(f"问题清单中没有第{number}条（清单可能已更新），请重新选择")
    return view.findings[index]


def finding_context(unit: Unit, finding: Finding) -> str:
    """HTML of the finding's paragraph with its evidence highlighted (or the cell it points at)."""
    loc = finding.location
    head = f"<p><b>{html.escape(finding.message)}</b></p>"
    if finding.suggestion:
        head += f"<p>建议：{html.escape(finding.suggestion)}</p>"
    if loc.cell:
        return head + f"<p>位置：{html.escape(loc.describe(unit.report))}</p>"
    draft = unit.draft
    text = ""
    if draft is not None:
        if loc.section == "title":
            text = draft.title
        elif loc.section == "preamble":
            text = "\n".join(draft.preamble)
        else:
            section = draft.section(loc.section or "") or next(
                (s for s in draft.sections if s.heading == loc.section), None)
            if section is not None:
                paragraphs = section.paragraphs
                text = (paragraphs[loc.paragraph] if loc.paragraph is not None and 0 <= loc.paragraph < len(paragraphs)
                        else "\n".join(paragraphs))
                head += f"<p>{html.escape(section.heading)}</p>"
    body = html.escape(text)
    if finding.evidence and finding.evidence in text:
        body = body.replace(html.escape(finding.evidence), f"<mark>{html.escape(finding.evidence)}</mark>", 1)
    return head + f"<div class='nb-context'>{body}</div>"


def decide(ws: Workspace, user: str, unit_id: int, fingerprints: list[str], decision: str, comment: str,
           admin: bool = False) -> None:
    """Confirm or dismiss findings (by fingerprint: survives a re-draft); an administrator reviews every unit."""
    unit = _unit(ws, user, unit_id, admin)
    if decision not in ("confirmed", "dismissed"):
        raise InputError("复核结论应为“确认”或“驳回”")
    for fp in fingerprints:
        ws.decide(unit.id, fp, decision, comment, user)


def export(ws: Workspace, user: str, unit_id: int, kind: str, outdir: str | Path | None = None,
           admin: bool = False) -> Path:
    """Write the .docx ('docx'), the review copy ('review') or the findings ('json'); returns the file.

    Without ``outdir`` the file is kept for download alone in a private folder, and nothing else is left behind."""
    unit = _unit(ws, user, unit_id, admin)
    if unit.draft is None:
        raise InputError("还没有草稿：请先点“起草”")
    if outdir is not None:
        return _write_export(ws, unit, kind, Path(outdir))
    from assistant.ui.tempfiles import keep_for_download, scratch_folder

    with scratch_folder("nianbao-export-") as scratch:
        return keep_for_download(_write_export(ws, unit, kind, scratch))


def _write_export(ws: Workspace, unit: Unit, kind: str, out: Path) -> Path:
    from assistant.pipeline import REVIEW_MARK, output_stem, write_outputs

    out.mkdir(parents=True, exist_ok=True)
    doc = document(unit)
    findings = unit_findings(unit)
    if kind == "json":
        path = out / f"{output_stem(unit.report)}.findings.json"  # the CLI's name, safe as a file name
        data = findings_json(doc, findings)
        decisions = ws.decisions(unit.id)
        for item in data["findings"]:
            d = decisions.get(item["fingerprint"])
            item["review"] = {"decision": d.decision, "comment": d.comment, "user": d.user} if d else None
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return path
    review = kind == "review"  # a review copy is wanted precisely while errors remain
    written = write_outputs(doc, findings, out, allow_errors=review, review_copy=review)
    wanted = [p for p in written if p.suffix == ".docx" and p.stem.endswith(REVIEW_MARK) == (kind == "review")]
    if not wanted:
        raise InputError("仍有错误未改正，不能导出正式文档；请先处理问题清单中的错误（或导出审阅稿）")
    return wanted[0]
