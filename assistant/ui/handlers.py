"""What the UI does, as plain functions over the workspace: testable without a browser.

Every function takes the workspace and the signed-in user, loads the unit, changes it, saves it at once and
returns what the page shows. Errors a user can fix come back as InputError (Chinese, naming the place).
Nothing is lost silently: a unit is changed by its id (never written over another), every replaced draft text stays
in the version history, and every review decision in the decision log.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.formats import format_for_year, load_format, section_titles
from assistant.model import (
    MAX_YEAR,
    MIN_YEAR,
    NOTE_ASPECTS,
    ORGAN_KINDS,
    Document,
    Draft,
    Finding,
    Report,
    Section,
    field_label,
)
from assistant.patterns import lazy_compile
from assistant.pipeline import blocking_findings, check_drafted, waived
from assistant.render.findings import counts, finding_row, sort_findings
from assistant.render.review import DECISION_LABELS
from assistant.rules.gaps import RULE_ID as GAP_RULE
from assistant.ui.downloads import download_name
from assistant.ui.workspace import Unit, Workspace, readable_back, shown_time

PART_LABELS = ("标题与开头", *section_titles())  # the draft's editable parts, in the order of section_texts
EXAMPLE = "zhuting-2020.yaml"


@dataclass
class UnitView:
    """Everything the page shows for one unit."""

    unit: Unit
    findings: list[Finding]


def _unit(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> Unit:
    unit = ws.get(int(unit_id), user, admin) if unit_id and str(unit_id).isdigit() else None
    if unit is None:
        raise InputError("请先新建或选择一个单位")
    return unit


def document(unit: Unit) -> Document:
    return Document(report=unit.report, draft=unit.draft)


def unit_findings(unit: Unit) -> list[Finding]:
    """Figure rules; once there is a draft, the text rules and the facts the input lacks (as in the CLI)."""
    return sort_findings(check_drafted(document(unit)))


def open_unit(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> UnitView:
    unit = _unit(ws, user, unit_id, admin)
    ws.remember_opened(user, unit.id)
    return UnitView(unit, unit_findings(unit))


def reopen_last(ws: Workspace, user: str, admin: bool = False) -> UnitView | None:
    """The unit the user last worked on (a reload comes back to it), else their latest; None when they have none."""
    last = ws.last_opened(user)
    try:
        if last is not None and ws.get(last, user, admin) is not None:
            return open_unit(ws, user, last, admin)
    except InputError:  # its stored data no longer reads back: the status line lists it apart
        pass
    units = ws.units(user)
    return open_unit(ws, user, units[0].id) if units else None


# --- units: new, import, example, next year, delete -------------------------------------------------------------

def default_report_year(today: date | None = None) -> int:
    """The year a new unit's report is for: the report is written early in the next year, so until October it is last
    year's; from November on, the report for the year now ending (a clerk starting in December means this year)."""
    today = today or date.today()
    return today.year if today.month >= 11 else today.year - 1


def blank_report(name: str, kind: str, year: Any) -> Report:
    """A new unit's report: every table cell 0 (the clerk types only the figures that are not 0)."""
    name = (name or "").strip()
    if not name:
        raise InputError("新建单位：请填写机关名称，如“某某县某某镇人民政府”")
    if kind not in ORGAN_KINDS:
        raise InputError(f"新建单位：请选择机关类型（{'、'.join(ORGAN_KINDS)}）")
    try:
        year_number = int(str(year).strip())
    except ValueError:
        raise InputError(f"新建单位：报告年度应为四位数字的年份，如 2024，实为“{year}”") from None
    if not MIN_YEAR <= year_number <= MAX_YEAR:
        raise InputError(f"新建单位：报告年度应在 {MIN_YEAR}—{MAX_YEAR} 之间，实为 {year_number}")
    fmt = load_format(format_for_year(year_number))
    zeros = dict.fromkeys(fmt.cell_paths(), 0)
    return Report.model_validate({"meta": {"organ_name": name, "organ_kind": kind, "year": year_number},
                                  "tables": fmt.tables_data(zeros)})



def new_unit(ws: Workspace, user: str, name: str, kind: str, year: Any) -> UnitView:
    unit = ws.create(user, blank_report(name, kind, year))
    return open_unit(ws, user, unit.id)


def storable(report: Report) -> Report:
    """The report, once the checks can process it and it reads back as stored; InputError otherwise (nothing stored)."""
    check_drafted(Document(report=report))
    readable_back(report)
    return report


def create_unit(ws: Workspace, user: str, report: Report, sandbox: bool = False) -> UnitView:
    unit = ws.create(user, storable(report), sandbox=sandbox)
    return open_unit(ws, user, unit.id)


def load_example(ws: Workspace, user: str, name: str = EXAMPLE) -> UnitView:
    """The example shipped with the package, in a sandbox unit of its own (“（示例）”): opened again when it exists,
    so it never becomes a second real unit or meets the user's own unit of the same organ."""
    from assistant.readers.inputfile import load_report
    from assistant.resources import data_dir
    from assistant.ui.workspace import SANDBOX_MARK

    report = load_report(data_dir("examples") / name)
    sandbox_name = report.meta.organ_name + SANDBOX_MARK
    existing = next((u for u in ws.units(user) if u.name == sandbox_name and u.year == report.meta.year), None)
    if existing is not None:
        return open_unit(ws, user, existing.id)
    return create_unit(ws, user, report, sandbox=True)


def prefill_from_file(ws: Workspace, user: str, source: str | Path) -> list[UnitView]:
    """Units from an uploaded file or a web address: an input file, a workbook (every unit in it), or last year's
    report (prefilled for next year). The first of the returned views is the one to show. A unit that exists already
    is not written over: the message names it."""
    from assistant.readers import is_web_address, kind_of, load_document

    kind = None if is_web_address(source) else kind_of(Path(source).suffix)
    if kind is not None and ".xlsx" in kind.suffixes:
        from assistant.workbook.read import load_workbook_reports

        reports = load_workbook_reports(Path(source))
        if not reports:
            raise InputError(f"{Path(source).name}：工作簿中没有单位")
    elif kind is not None and kind.role == "input":
        reports = [load_document(source).report]
    else:
        from assistant.readers.prefill import next_year_report

        reports = [next_year_report(load_document(source))]
    reports = [storable(report) for report in reports]  # every unit checked before any is stored
    return [open_unit(ws, user, ws.create(user, report).id) for report in reports]


def save_as_next_year(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> UnitView:
    """A new unit for the next year: the same organ and contact, 上年结转 from 结转下年度, last year's text as notes to
    confirm or rewrite; this year's unit stays as it is."""
    from assistant.readers.prefill import next_year_report

    unit = _unit(ws, user, unit_id, admin)
    report = next_year_report(Document(report=unit.report, draft=unit.draft))
    created = ws.create(unit.owner, report, sandbox=unit.sandbox)
    return open_unit(ws, user, created.id, admin)


def delete_unit(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> str:
    """Delete a unit (its owner or an administrator); returns its label."""
    unit = _unit(ws, user, unit_id, admin)
    ws.delete(unit.id)
    return unit.label


def carried_over_note(report: Report) -> str:
    """What the clerk must do with last year's sentences still marked 〔上年〕 (empty when there are none)."""
    from assistant.readers.prefill import CARRIED_MARK, carried_over_notes

    carried = carried_over_notes(report)
    if not carried:
        return ""
    where = "、".join(f"“{NOTE_ASPECTS[k]}”{len(v)}句" for k, v in carried.items())
    return (f"上年年报的原句（句首标“{CARRIED_MARK}”）尚待确认：{where}。本年仍属实的，删去“{CARRIED_MARK}”；"
            f"不属实的，改写或删除。标着“{CARRIED_MARK}”的句子不会写入正文")


def pasted_notes_note(report: Report) -> str:
    """The notes pasted far beyond any real report (rule S11's measure: too long, one sentence many times over), said
    when they are saved, before a draft carries them into the text (empty when there are none)."""
    from assistant.rules.structure import pasted_too_much_in

    said = [hit.message for key, label in NOTE_ASPECTS.items()
            for hit in pasted_too_much_in(label, key, list(getattr(report.notes, key)))]
    return ("请检查简要情况：" + "；".join(said) + "。") if said else ""


def carried_from_last_year(ws: Workspace, unit: Unit) -> list[str]:
    """Paths of the cells that still hold the figure carried over from the same owner's unit of the year before
    (表三 上年结转, 表二 现行有效件数: :func:`assistant.readers.prefill.carried_cells`); empty without such a unit."""
    from assistant.readers.prefill import carried_cells

    last = next((u for u in ws.units(unit.owner) if u.name == unit.name and u.year == unit.year - 1
                 and u.id != unit.id), None)
    if last is None:
        return []
    carried = carried_cells(Document(report=last.report, draft=last.draft), unit.report.table_format)
    return [p for p, v in carried.items() if v is not None and unit.report.tables.get(p) == v]


def carried_note(report: Report, paths: list[str]) -> str:
    """The line beside the grids naming the cells carried over from last year (empty when there are none)."""
    if not paths:
        return ""
    items = []
    if any(p.startswith("t3.carried_over.") for p in paths):
        items.append("表三“上年结转”（取上年“结转下年度继续办理”）")
    items += [f"表二“{report.fmt.label(p).removeprefix('表二 ')}”（取上年数，本年有制发、废止的请相应增减）"
              for p in paths if p.startswith("t2.")]
    return f"从上年带入（黄色底纹，请核对）：{'；'.join(items)}。其余数字从 0 开始，只需填写不为 0 的数字。"


def blank_cells(report: Report) -> list[str]:
    """Paths of the table cells left blank (after an import: the blanks of the source)."""
    return [p for p in report.fmt.cell_paths() if report.tables.get(p) is None
            and not p.endswith(".total") and ".result_total." not in p]


def fill_blanks_with_zero(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> tuple[UnitView, int]:
    """Every blank cell becomes 0 (one action, for an imported report whose source left cells empty)."""
    from assistant.ui.grids import apply_cell_changes

    unit = _unit(ws, user, unit_id, admin)
    blanks = blank_cells(unit.report)
    report = apply_cell_changes(unit.report, {p: 0 for p in blanks})
    ws.update_report(unit.id, report)
    return open_unit(ws, user, unit.id, admin), len(blanks)


def save_report(ws: Workspace, user: str, unit_id: Any, report: Report, admin: bool = False) -> UnitView:
    unit = _unit(ws, user, unit_id, admin)
    ws.update_report(unit.id, report)  # the same unit, even with a new organ name or year
    return open_unit(ws, user, unit.id, admin)


def fill_gaps_from_form(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> list[str]:
    """After a save: the draft's 〔待补〕 gaps for the website, address, phone and signing date the form now gives are
    filled in (the texts they replace kept as versions); the placeholders filled, for the message."""
    from assistant.drafting.missing import fill_known_gaps

    unit = _unit(ws, user, unit_id, admin)
    if unit.draft is None:
        return []
    draft, filled = fill_known_gaps(unit.draft, unit.report)
    if filled:
        before, after = section_texts(unit.draft), section_texts(draft)
        ws.save_draft(unit.id, draft)
        ws.add_versions(unit.id, {i: t for i, (b, t) in enumerate(zip(before, after, strict=True)) if b != t},
                        "填入基本信息", user)
    return filled


# --- the draft's texts, their versions ----------------------------------------------------------------------------

def section_texts(draft: Draft | None) -> list[str]:
    """The editable texts: [title + preamble, section 1, …, section 6]."""
    if draft is None:
        return [""] * len(PART_LABELS)
    head = "\n".join([draft.title, *draft.preamble])
    return [head] + ["\n".join(s.paragraphs) for s in draft.sections]


def _normal(text: str) -> str:
    return "\n".join(line.strip() for line in (text or "").splitlines() if line.strip())


def edited_parts(ws: Workspace, unit: Unit, texts: list[str] | None = None) -> list[str]:
    """Labels of the parts whose text (as on the page, else as stored) differs from what the drafter last wrote."""
    if unit.draft is None:
        return []
    drafted = ws.last_drafted(unit.id)
    current = texts if texts is not None else section_texts(unit.draft)
    return [PART_LABELS[i] for i, text in enumerate(current[:len(PART_LABELS)])
            if _normal(text) and _normal(text) != _normal(drafted.get(i, ""))]


def draft_unit(ws: Workspace, user: str, unit_id: Any, drafter: str = "template", admin: bool = False,
               texts: list[str] | None = None) -> UnitView:
    """Draft the unit's narrative. The texts it replaces (as on the page: ``texts``) stay in the version history."""
    from assistant.pipeline import draft_report
    from assistant.ui.chat import NO_MODEL_FOR_DRAFT, model_configured

    unit = _unit(ws, user, unit_id, admin)
    if drafter == "llm" and not model_configured():
        raise InputError(NO_MODEL_FOR_DRAFT)  # the drafter's own message names server settings and a CLI option
    if unit.draft is not None:
        before = texts if texts is not None else section_texts(unit.draft)
        ws.add_versions(unit.id, {i: t for i, t in enumerate(before) if _normal(t)}, "起草前的版本", user)
    doc, _findings = draft_report(unit.report, drafter=drafter)
    assert doc.draft is not None
    ws.save_draft(unit.id, doc.draft)
    ws.add_versions(unit.id, dict(enumerate(section_texts(doc.draft))), "起草", user)
    return open_unit(ws, user, unit.id, admin)


def draft_with_texts(draft: Draft, texts: list[str]) -> Draft:
    """The draft with its parts' texts replaced by ``texts`` (one line a paragraph)."""
    lines = [line.strip() for line in texts[0].splitlines() if line.strip()]
    sections = [
        Section(heading=s.heading, key=s.key, paragraphs=[p.strip() for p in text.splitlines() if p.strip()])
        for s, text in zip(draft.sections, texts[1:], strict=False)
    ]
    return draft.model_copy(update={"title": lines[0] if lines else "", "preamble": lines[1:], "sections": sections})


def save_sections(ws: Workspace, user: str, unit_id: Any, texts: list[str], admin: bool = False,
                  source: str = "手工修改") -> UnitView:
    """Store the staff's edits of the draft's texts (kept as versions); the rules re-run."""
    unit = _unit(ws, user, unit_id, admin)
    if unit.draft is None:
        raise InputError("还没有草稿：请先点“起草”")
    ws.save_draft(unit.id, draft_with_texts(unit.draft, texts))
    ws.add_versions(unit.id, dict(enumerate(texts)), source, user)
    return open_unit(ws, user, unit.id, admin)


def version_choices(ws: Workspace, unit_id: Any, part: int) -> list[tuple[str, int]]:
    """The versions of one part for a picker: “21:40 起草（竹亭镇）· 共 380 字”, newest first."""
    if not unit_id:
        return []
    return [(f"{v.saved[5:16].replace('T', ' ')} {v.source}（{v.user}）· {len(v.text)} 字", v.id)
            for v in ws.versions(int(unit_id), part)]


def restore_version(ws: Workspace, user: str, unit_id: Any, part: int, version_id: Any,
                    admin: bool = False) -> UnitView:
    """Put an earlier text of one part back (the text it replaces stays in the history)."""
    unit = _unit(ws, user, unit_id, admin)
    version = next((v for v in ws.versions(unit.id, part) if str(v.id) == str(version_id)), None)
    if version is None or unit.draft is None:
        raise InputError("请先在版本历史中选择要恢复的版本")
    texts = section_texts(unit.draft)
    texts[part] = version.text
    return save_sections(ws, user, unit.id, texts, admin, source="恢复")


def undo_chat(ws: Workspace, user: str, unit_id: Any, admin: bool = False) -> tuple[UnitView, str]:
    """Undo the chat's last change: its text revision (the parts' texts before it come back) or its table changes."""
    from assistant.ui.chat import undo_last

    unit = _unit(ws, user, unit_id, admin)
    message = undo_last(ws, user, unit)
    return open_unit(ws, user, unit.id, admin), message


# --- findings, decisions, export ------------------------------------------------------------------------------

# Where the form takes what a finding asks for (the input file's field -> the page and the box).
_FORM_FIELDS = {
    "other_figures.processing_fee_yuan": "“基本信息与表格”页的“本年收取信息处理费（元）”",
    "meta.sign_date": "“基本信息与表格”页的“落款日期”",
    "meta.website": "“基本信息与表格”页的“电子版所在网站”",
    "meta.contact.address": "“基本信息与表格”页的“地址”",
    "meta.contact.phone": "“基本信息与表格”页的“电话”",
    **{f"notes.{k}": f"“起草”页的“{label}”" for k, label in NOTE_ASPECTS.items()},
}
# The findings name the input file's field by its Chinese name (assistant.drafting.missing.fill_in)
_FORM_PLACES = {field_label(path): place for path, place in _FORM_FIELDS.items()}
_FIELD_PATHS = {field_label(path): path for path in _FORM_FIELDS}
_INPUT_FIELD = lazy_compile(r"在输入文件的“([^“”]+)”中填写(后重新起草)?")


def form_wording(text: str) -> str:
    """A finding's advice in the form's words: the input file's field (its Chinese name) becomes the page and box; a fact
    that a save fills into the draft (:func:`fill_gaps_from_form`) needs no new draft."""
    from assistant.drafting.missing import FILLED_ON_SAVE

    def place(m: re.Match[str]) -> str:
        where = _FORM_PLACES.get(m.group(1))
        if where and m.group(2) and _FIELD_PATHS.get(m.group(1)) in FILLED_ON_SAVE:
            return f"在{where}中填写并保存（正文中的待补处随即填入）"
        return (f"在{where}中填写" if where else "在表单中填写") + (m.group(2) or "")
    return _INPUT_FIELD.sub(place, text)


# The 问题清单's columns in the order a clerk reads them (how serious, where, what, what to do, then the rest), with
# their widths at 1280 px (the 问题 text the widest); the expert view adds the rule id and the fingerprint.
# shares of the list's width that add up to 100%, so that every column (the 备注 last) fits at 1280 px and at 1024
FINDING_COLUMNS = {"序号": "4.5%", "严重程度": "7%", "位置": "14%", "问题": "29%", "建议": "21%", "类别": "7.5%",
                   "复核": "6%", "备注": "11%"}
EXPERT_COLUMNS = {**FINDING_COLUMNS, "规则": "64px", "指纹": "120px"}


_LAST_COLUMN = lazy_compile(r"「[^「」]*」$")  # a cell's place: "表三 （一）本年新收…「自然人」"


def place_and_problem(where: str, message: str) -> tuple[str, str]:
    """The 位置 and 问题 columns naming the place once: a table finding's message begins with its cell's label, which
    the 位置 column already shows ("表三 …「自然人」为空白" -> "此格为空白"); a message about several cells of one row
    ("表三 …「自然人」「商业企业」为空白") keeps the cells and the 位置 names the row."""
    if where and message.startswith(where) and not message[len(where):].startswith("「"):
        rest = message[len(where):].lstrip("：，, ")
        return where, ("此格" + rest if rest[:1] in ("为", "应") else rest)
    row = _LAST_COLUMN.sub("", where)
    if row != where and message.startswith(row) and message[len(row):].startswith("「"):
        return row, message[len(row):]
    return where, message


def findings_table(ws: Workspace, unit: Unit, findings: list[Finding], severity: str = "全部",
                   category: str = "全部", expert: bool = False) -> list[list[str]]:
    """Rows for the 问题清单, in the order of FINDING_COLUMNS (EXPERT_COLUMNS in the expert view)."""
    decisions = ws.decisions(unit.id)
    rows = []
    for i, f in enumerate(findings):
        level, _status, rule, kind, where, message, _expected, _found, suggestion = finding_row(f, unit.report)
        if severity not in ("全部", level) or category not in ("全部", kind):
            continue
        d = decisions.get(f.fingerprint)
        where, message = place_and_problem(where, message)
        cells = {"序号": str(i + 1), "严重程度": level, "位置": where, "问题": form_wording(message),
                 "建议": form_wording(suggestion), "类别": kind, "复核": DECISION_LABELS[d.decision if d else ""],
                 "备注": d.comment if d else "", "规则": rule, "指纹": f.fingerprint}
        rows.append([cells[column] for column in (EXPERT_COLUMNS if expert else FINDING_COLUMNS)])
    return rows


def finding_by_number(view: UnitView, number: object) -> Finding:
    """The finding shown as 序号 ``number`` in the 问题清单; InputError when the list has changed since."""
    index = int(str(number)) - 1 if str(number).isdigit() else -1
    if not 0 <= index < len(view.findings):
        raise InputError(f"问题清单中没有第{number}条（清单可能已更新），请重新选择")
    return view.findings[index]


def finding_context(unit: Unit, finding: Finding, history: list[Any] | None = None) -> str:
    """HTML of the finding's paragraph with its evidence highlighted (or the cell it points at), and its decisions."""
    loc = finding.location
    where, problem = place_and_problem(loc.describe(unit.report), finding.message)  # as the 问题清单 shows them
    head = f"<p><b>{html.escape(form_wording(problem if loc.cell else finding.message))}</b></p>"
    if loc.cell:  # the cell first: its problem begins “此格…”
        head = f"<p>位置：{html.escape(where)}</p>" + head
    if finding.suggestion:
        head += f"<p>建议：{html.escape(form_wording(finding.suggestion))}</p>"
    if history:
        items = "".join(f"<li>{html.escape(d.decided.replace('T', ' '))} {html.escape(d.user)}："
                        f"{DECISION_LABELS[d.decision]}{('，' + html.escape(d.comment)) if d.comment else ''}</li>"
                        for d in history)
        head += f"<p>复核记录：</p><ul class='nb-history'>{items}</ul>"
    if loc.cell:
        return head
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


def decide(ws: Workspace, user: str, unit_id: Any, fingerprints: list[str], decision: str, comment: str,
           admin: bool = False) -> None:
    """Confirm or dismiss findings (by fingerprint: survives a re-draft); an administrator reviews every unit.
    A dismissal needs its reason: a dismissed error no longer blocks the final document."""
    unit = _unit(ws, user, unit_id, admin)
    if decision not in ("confirmed", "dismissed"):
        raise InputError("复核结论应为“确认”或“驳回”")
    if decision == "dismissed" and not (comment or "").strip():
        raise InputError("驳回需要填写理由（写在“备注”中），理由会记入问题清单和审阅记录")
    for fp in fingerprints:
        ws.decide(unit.id, fp, decision, (comment or "").strip(), user)


def review_records(ws: Workspace, unit: Unit) -> dict[str, dict[str, Any]]:
    """Every reviewed finding's record (fingerprint -> decision, comment, user, decided, history): what the findings
    JSON and the review copy's comments carry, and what lets a dismissed error stop blocking."""
    history = ws.decision_history(unit.id)
    return {fp: {"decision": d.decision, "comment": d.comment, "user": d.user, "decided": d.decided,
                 "history": [{"decision": h.decision, "comment": h.comment, "user": h.user, "decided": h.decided}
                             for h in history.get(fp, [])]}
            for fp, d in ws.decisions(unit.id).items()}


def dismissed_errors(ws: Workspace, unit: Unit, findings: list[Finding]) -> set[str]:
    """Fingerprints of the error findings dismissed with a reason: they no longer block the final document."""
    reviews = review_records(ws, unit)
    return {f.fingerprint for f in findings if f.severity == "error" and waived(f, reviews)}


def unit_status(ws: Workspace, unit: Unit, findings: list[Finding]) -> str:
    """未起草 / 有错误 / 可导出 (errors dismissed with a reason do not count)."""
    if unit.draft is None:
        return "未起草"
    return "有错误" if blocking_findings(findings, review_records(ws, unit)) else "可导出"


def overview_rows(ws: Workspace) -> list[list[Any]]:
    """The administrator's table of every unit: 编号, 单位, 年度, 填报人, 状态, 错误, 警告, 已复核, 更新时间."""
    rows = []
    for unit in ws.units("", admin=True):
        findings = unit_findings(unit)
        c = counts(findings)
        reviewed = sum(1 for f in findings if f.fingerprint in ws.decisions(unit.id))
        rows.append([unit.id, unit.name, unit.year, unit.owner, unit_status(ws, unit, findings), c["error"],
                     c["warning"], reviewed, f"{shown_time(unit.updated):%Y-%m-%d %H:%M:%S}"])
    return rows


@dataclass
class Exported:
    """What an export hands the user: the final document, or (while something blocks it) the -草稿 and its review
    copy, never as final; or the review copy or the findings JSON when those were asked for."""

    files: list[Path]
    final: bool
    blocking: list[Finding]
    blocking_line: str = ""


def blocking_items(unit: Unit, blocking: list[Finding]) -> list[str]:
    """What keeps the final document back, one line each, by the form field to fill or the place to correct."""
    items = []
    for f in blocking:
        where = "" if f.rule == GAP_RULE else f"{f.location.describe(unit.report)}："
        advice = f"——{form_wording(f.suggestion)}" if f.suggestion else ""
        items.append(f"{where}{form_wording(f.message)}{advice}")
    return items


def export(ws: Workspace, user: str, unit_id: Any, kind: str, outdir: str | Path | None = None,
           admin: bool = False) -> Exported:
    """Write the Word document ('docx'), the review copy ('review') or the findings ('json').

    'docx' gives the final document only when nothing blocks it (no error, no 〔待补〕 gap, errors dismissed with a
    reason aside); otherwise the -草稿 and its review copy, with what blocks the final document. Without ``outdir``
    the files are kept for download alone in a private folder, and nothing else is left behind."""
    unit = _unit(ws, user, unit_id, admin)
    if unit.draft is None:
        raise InputError("还没有草稿：请先点“起草”")
    if outdir is not None:
        return _write_export(ws, unit, kind, Path(outdir))
    from assistant.ui.tempfiles import keep_for_download, scratch_folder

    with scratch_folder("nianbao-export-") as scratch:
        exported = _write_export(ws, unit, kind, scratch)
        exported.files = [keep_for_download(p) for p in exported.files]
        return exported


def _write_export(ws: Workspace, unit: Unit, kind: str, out: Path) -> Exported:
    from assistant.pipeline import write_outputs

    out.mkdir(parents=True, exist_ok=True)
    # the advice in the form's words (the clerk has no input file), in the review copy and the JSON as on the page
    findings = [f.model_copy(update={"suggestion": form_wording(f.suggestion)}) if f.suggestion else f
                for f in unit_findings(unit)]
    reviews = review_records(ws, unit)
    # a blocked final document is written as the -草稿 and its review copy; 'review' always writes the review copy
    written = write_outputs(document(unit), findings, out, allow_errors=True, review_copy=kind != "docx",
                            reviews=reviews)
    if kind == "json":
        files = [written.findings_file]
    elif kind == "review":
        files = [p for p in (written.review,) if p is not None]
    elif written.final is not None:
        files = [written.final]
    else:
        files = [p for p in (written.draft, written.review) if p is not None]
    return Exported(files, final=kind == "docx" and written.final is not None, blocking=written.blocking,
                    blocking_line=written.blocking_line())


def export_message(unit: Unit, kind: str, exported: Exported) -> tuple[str, bool]:
    """The export's message (Chinese) and whether it is good news: for a blocked Word document, that no final
    document was made, what was made instead (草稿，请勿印发) and each thing that blocks it."""
    names = "、".join(download_name(p) for p in exported.files)
    if kind != "docx" or exported.final:
        label = {"docx": "正式文档", "review": "审阅稿", "json": "问题清单（机读格式）"}.get(kind, "")
        draft_note = "（草稿，请勿印发）" if kind == "review" and exported.blocking else ""
        return f"已生成{label}{draft_note}：{names}（点下方文件名下载）", True
    items = "\n".join(f"· {line}" for line in blocking_items(unit, exported.blocking))
    gaps = any(f.rule == GAP_RULE for f in exported.blocking)
    errors = any(f.rule != GAP_RULE for f in exported.blocking)
    what = ("请先处理以下各项（待补内容须补写，不能驳回；错误请改正，或在“问题清单”中写明理由后驳回）" if gaps and errors
            else "请先补上以下待补内容（待补内容不能驳回）" if gaps
            else "请先处理以下各项（改正，或在“问题清单”中写明理由后驳回）")
    return (f"不能导出正式文档：{exported.blocking_line}。已生成草稿（请勿印发）：{names}。"
            f"{what}，再导出正式文档：\n{items}"), False
