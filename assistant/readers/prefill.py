"""An existing report -> an input file: as it is (``nianbao import``), or prefilled for next year (``--next-year``).

Next year's input keeps the organ's meta, carries 结转下年度继续办理 over to 上年结转 column by column, and turns last
year's text into notes to start from (last year's 改进措施 become this year's 上年度问题改进); every other table cell
is left blank (null) for staff to fill, so nothing of last year's figures is passed off as this year's.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.formats import TABLE_NAMES, format_for_year, load_format
from assistant.model import Document, Report
from assistant.readers.inputfile import dump_report

# Sub-headings of 一、总体情况 -> note aspects (format.md §4.2).
_ASPECTS = (
    ("proactive", ("主动公开",)),
    ("on_request", ("依申请公开", "依申请")),
    ("management", ("政府信息管理", "信息管理")),
    ("platform", ("平台建设",)),
    ("oversight", ("监督保障", "考核", "监督")),
)
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*([^。：:]{2,20}?)(?:[。：:]|$)")
_MEASURE_START = re.compile(
    r"下一步|改进措施|整改措施|针对(?:存在|上述|以上)|将(?:采取|从以下|切实|进一步)|今后"
    r"|\d{4}\s*年[，,]?\s*(?:我们|我[镇乡区市县局街]\S{0,3})?将")
MAX_NOTES = 8


def imported_report(doc: Document) -> Report:
    """The report as read, with its narrative, ready to be written as an input file."""
    data = doc.report.model_dump(mode="json")
    if doc.draft is not None:
        data["narrative"] = doc.draft.model_dump(mode="json", exclude={"provenance"})
    return Report.model_validate(data)


def next_year_report(doc: Document) -> Report:
    """Next year's input prefilled from this report (see the module docstring)."""
    last = doc.report
    meta = last.meta.model_dump(mode="json", exclude={"sign_date"})
    meta["year"] = last.meta.year + 1
    meta["format_version"] = None
    version = format_for_year(meta["year"])
    fmt = load_format(version)
    values: dict[str, Any] = {}
    if doc.has("t3"):
        for column in fmt.t3_columns:
            values[f"t3.carried_over.{column.key}"] = last.tables.get(f"t3.carried_forward.{column.key}")
    tables = fmt.tables_data(values)
    return Report.model_validate({"meta": meta, "tables": tables, "notes": starting_notes(doc)})


def starting_notes(doc: Document) -> dict[str, list[str]]:
    """Last year's text as notes: 总体情况 by aspect, 改进措施 as 上年度问题改进, 其他事项; sentences with figures dropped."""
    notes: dict[str, list[str]] = {}
    draft = doc.narrative
    if draft is None:
        return notes
    overview = draft.section("overview")
    if overview is not None:
        aspect: str | None = None
        for para in overview.paragraphs:
            m = _SUBHEADING.match(para)
            if m:
                aspect = next((key for key, words in _ASPECTS if any(w in m.group(1) for w in words)), aspect)
                para = para[m.end():]
            if aspect:
                _extend(notes, aspect, _sentences(para))
    problems = draft.section("problems")
    if problems is not None:
        text = "\n".join(problems.paragraphs)
        m = _MEASURE_START.search(text)
        if m:
            _extend(notes, "last_year_improvements", _sentences(text[m.start():]))
    other = draft.section("other")
    if other is not None:
        kept = [s for s in _sentences("".join(other.paragraphs)) if not re.search(r"^(?:其他需要报告的事项[：:])?无", s)]
        _extend(notes, "other", kept)
    return notes


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[。；;！？：:\n])", text)
    out = []
    for part in parts:
        s = part.strip().rstrip("。；;\n")
        s = re.sub(r"^(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])", "", s).strip()
        if len(s) >= 6 and not s.endswith(("：", ":")) and not re.search(r"\d", s):  # last year's figures are not this year's
            out.append(s)
    return out


def _extend(notes: dict[str, list[str]], key: str, items: list[str]) -> None:
    bucket = notes.setdefault(key, [])
    for item in items:
        if item not in bucket and len(bucket) < MAX_NOTES:
            bucket.append(item)


def input_file_text(report: Report, header: str) -> str:
    """YAML of an input file with a Chinese comment header; only the rows and columns of the report's format."""
    import yaml

    lines = "".join(f"# {ln}\n" for ln in header.splitlines())
    data = yaml.safe_load(dump_report(report))
    fmt = report.fmt
    own = {
        "t2": {r.key: [c.key for c in b.columns] for b in fmt.t2_blocks for r in b.rows},
        "t3": {r.key: [c.key for c in fmt.t3_columns] for r in fmt.t3_rows},
        "t4": {g: [c.key for c in fmt.t4_columns] for g in fmt.t4_group_keys},
    }
    for table, rows in own.items():
        given = data["tables"].get(table) or {}
        data["tables"][table] = {row: {col: (given.get(row) or {}).get(col) for col in cols} for row, cols in rows.items()}
    return lines + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def import_header(doc: Document, report: Report, next_year: bool) -> str:
    """The Chinese comment at the top of an imported input file: where it came from and what to do with it."""
    source = doc.source or "已有报告"
    lines = []
    if next_year:
        lines.append(f"{report.meta.organ_name} {report.meta.year}年度报告的输入文件，据 {source}"
                     f"（{doc.report.meta.year}年度）预填。")
        lines.append("已预填：机关信息；表三“上年结转”各列取上年“结转下年度继续办理”；notes 中是上年报告的做法，"
                     "仅供参考，请按本年实际改写（上年的改进措施已放入“上年度问题改进”）。")
        lines.append("其余表格单元格为空（null），请逐格填写实际数字，无则填 0。")
        if not doc.has("t3"):
            lines.append("注意：上年报告的表三未能可靠读出，“上年结转”也为空，请按实际填写。")
    else:
        lines.append(f"{report.meta.organ_name} {report.meta.year}年度报告，据 {source} 读入。")
        unsure = [t for t in TABLE_NAMES if not doc.has(t)]
        if unsure:
            names = "、".join(TABLE_NAMES[t] for t in unsure)
            lines.append(f"注意：{names}未能完整、可靠地读出，空（null）的单元格请对照原文补填。")
    return "\n".join(lines)
