"""An existing report -> an input file: as it is (``nianbao import``), or prefilled for next year (``--next-year``).

Next year's input keeps the organ's meta (what the reader found, completed from the report's own words: 编制单位,
电子版网站, 联系方式, 上级人民政府 and 上级党委 from “在…的领导下”, 简称), carries 结转下年度继续办理 over to 上年结转
column by column, and (same table format) table 二's stock figures that follow last year by definition (format.md
X2: 现行有效件数 starts from last year's; X3: 上一年项目数量 = last year's + its 增/减) — see :func:`carried_cells`.
It turns last year's text into notes to start from (last year's 改进措施 become this year's 上年度问题改进), each marked
〔上年〕: last year's sentence, for staff to confirm (remove the mark) or rewrite. A marked note never reaches a draft
(see :func:`confirmed_only`). Every other table cell starts at 0, as in a new unit: staff type only what is not 0.
A carried figure that last year's report left blank (or a table that could not be read reliably) stays blank.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.drafting.note_text import is_signpost, states_the_law
from assistant.formats import TABLE_NAMES, format_for_year, load_format
from assistant.model import Document, Report
from assistant.names import visible_single_line
from assistant.organ_words import parent_place
from assistant.patterns import lazy_compile
from assistant.readers.inputfile import dump_report

# Sub-headings of 一、总体情况 -> note aspects (format.md §4.2).
_ASPECTS = (
    ("proactive", ("主动公开",)),
    ("on_request", ("依申请公开", "依申请")),
    ("management", ("政府信息管理", "信息管理")),
    ("platform", ("平台建设",)),
    ("oversight", ("监督保障", "考核", "监督")),
)
_SUBHEADING = lazy_compile(r"^[（(][一二三四五六七八九十]+[）)]\s*([^。：:]{2,20}?)(?:[。：:]|$)")
_MEASURE_START = lazy_compile(
    r"下一步|改进措施|整改措施|针对(?:存在|上述|以上)|将(?:采取|从以下|切实|进一步)|今后"
    r"|\d{4}\s*年[，,]?\s*(?:我们|我[镇乡区市县局街]\S{0,3})?将")
MAX_NOTES = 8
GAP_MARK = "〔待补"
_GAP_RE = lazy_compile(r"〔待补[^〕]*〕")
CARRIED_MARK = "〔上年〕"  # a note that is last year's sentence, not yet confirmed for this year

# The report's own words for its meta (the opening paragraph and 总体情况), as the template drafter and most reports
# write them.
_NAME = r"[^，,。；;（）()《》“”\s]{2,40}?"
_COMPILER_RES = (
    lazy_compile(rf"由({_NAME})(?:根据[^。]{{0,200}}?要求)?编制"),
    lazy_compile(rf"(?:^|[。，,])({_NAME})(?:根据|按照|依据)[^。]{{0,200}}?编制(?:了)?本报告"),
    lazy_compile(rf"[，,]({_NAME})编制(?:了)?本报告"),
)
_ORGAN_END = lazy_compile(r"(?:办公室|办|人民政府|政府|办事处|局|委员会|管委会|中心|处|科|室|部|所|站|镇|乡|街道)$")
_URL_AFTER = r"(?:[（(]((?:https?://|www\.)[^）)\s]+)[）)])?"
# where the report says its electronic copy can be found, in the wordings real reports and our drafter use
_WEBSITE_RES = (
    lazy_compile(r"电子版可(?:以)?(?:在|从|登录|通过)([^。]{2,120}?)[中上内]?(?:查阅|下载|查询|浏览)" + _URL_AFTER),
    lazy_compile(r"可(?:在|到|登录)([^。，]{2,120}?)[中上内]?(?:查阅|下载)本报告(?:电子版)?" + _URL_AFTER),
    lazy_compile(r"本报告(?:同时)?在([^。，]{2,120}?)公开(?=[，。])" + _URL_AFTER),
    lazy_compile(r"需要本报告电子版的，可(?:到|在|登录)([^。，]{2,120}?)[中上内]?下载" + _URL_AFTER),
)
_CONTACT_RE = lazy_compile(rf"[与向]({_NAME})联系[（(]([^）)]{{4,200}})[）)]")
_CONTACT_SENTENCE_RE = lazy_compile(r"可致电([\d\-－—]{7,20})，或到([^，。（(]{2,60}?)(?:[（(]邮编：(\d{6})[）)])?咨询"
                                  r"(?:，也可发送电子邮件至([^\s，。]+?))?。")
_CONTACT_ITEMS = {"address": ("地址", "通信地址", "联系地址"), "postcode": ("邮编", "邮政编码"),
                  "phone": ("电话", "联系电话", "咨询电话"), "email": ("电子邮箱", "邮箱", "电子邮件")}
_LEADERS_RE = lazy_compile(r"在([^，,。；;]{2,60}?)的(?:坚强|正确|统一)?(?:领导|部署)|按照([^，,。；;]{2,60}?)的部署")


def imported_report(doc: Document) -> Report:
    """The report as read, with its narrative, ready to be written as an input file; the meta fields the reader left
    empty are filled from the report's own words, as for next year's (website, contact, 编制单位, parents)."""
    data = doc.report.model_dump(mode="json")
    data["meta"] = completed_meta(doc)
    if doc.draft is not None:
        data["narrative"] = doc.draft.model_dump(mode="json", exclude={"provenance"})
    return Report.model_validate(data)


def meta_from_text(doc: Document) -> dict[str, Any]:
    """Meta fields the report states in its own words (opening paragraph, 总体情况), for the ones the reader left
    empty: compiler, website, contact, parent_government, parent_party, short_name."""
    found: dict[str, Any] = {}
    draft = doc.narrative
    if draft is None:
        return found
    head = "".join(draft.preamble)
    for pattern in _COMPILER_RES:
        m = pattern.search(head)
        if m and _ORGAN_END.search(m.group(1)):  # a name, not "由竹亭镇结合有关统计数据编制"
            found["compiler"] = m.group(1)
            break
    if m := next((hit for pattern in _WEBSITE_RES if (hit := pattern.search(head))), None):
        site = m.group(1).strip()
        found["website"] = f"{site}（{m.group(2)}）" if m.group(2) and m.group(2) not in site else site
    contact: dict[str, str] = {}
    if m := _CONTACT_RE.search(head):
        for item in re.split(r"[，,；;]", m.group(2)):
            label, _sep, value = item.replace(":", "：").strip().partition("：")
            key = next((k for k, labels in _CONTACT_ITEMS.items() if label.strip() in labels), None)
            if key and value.strip():
                contact.setdefault(key, value.strip())
    elif m := _CONTACT_SENTENCE_RE.search(head):
        contact = {k: v for k, v in zip(("phone", "address", "postcode", "email"), m.groups(), strict=True) if v}
    if contact:
        found["contact"] = contact
    overview = draft.section("overview")
    opening = "".join(overview.paragraphs[:2]) if overview is not None else ""
    if m := _LEADERS_RE.search(opening):
        for name in re.split(r"[、和及]", m.group(1) or m.group(2)):
            name = name.strip()
            # a named organ, not only its level ("区委、区政府" says which organ only to its own readers)
            if name.startswith("中共") and len(name) >= 4 or name.endswith(("党委", "党工委")) and len(name) >= 5:
                found.setdefault("parent_party", name)
            elif name.endswith("政府") and len(name) >= 5:
                found.setdefault("parent_government", name)
    return {key: ({k: visible_single_line(v) for k, v in value.items()} if isinstance(value, dict)
                  else visible_single_line(value)) for key, value in found.items()}


def short_name(organ_name: str, parent_government: str | None) -> str | None:
    """``示范县青石镇人民政府`` under ``示范县人民政府`` -> ``青石镇`` (a 乡镇 or 街道 without its county too);
    None when nothing shorter is left."""
    name = organ_name
    parent = parent_place(parent_government)
    if parent and name.startswith(parent):
        name = name[len(parent):]
    name = re.sub(r"(人民政府|政府|办事处)$", "", name)
    name = re.sub(r"^.+?[省市州盟区县旗](?=[^省市州盟区县旗]{2,}(?:镇|乡|街道)$)", "", name)  # 水城区杨梅乡 -> 杨梅乡
    return name if 2 <= len(name) < len(organ_name) else None


def completed_meta(doc: Document) -> dict[str, Any]:
    """The report's meta as the reader found it, each empty field filled from the report's own words."""
    meta = doc.report.meta.model_dump(mode="json")
    for key, value in meta_from_text(doc).items():
        if key == "contact":
            meta["contact"] = {k: meta["contact"].get(k) or value.get(k) for k in meta["contact"]}
        elif not meta.get(key):
            meta[key] = value
    if not meta.get("short_name"):
        meta["short_name"] = short_name(meta["organ_name"], meta.get("parent_government"))
    return _without_gaps(meta)


def _without_gaps(value: Any) -> Any:
    """A field that holds a 〔待补〕 placeholder was never filled in: empty, not carried into next year."""
    if isinstance(value, dict):
        return {k: _without_gaps(v) for k, v in value.items()}
    return None if isinstance(value, str) and GAP_MARK in value else value


def is_carried_over(note: str) -> bool:
    """Whether a note is last year's sentence not yet confirmed for this year (marked 〔上年〕)."""
    return note.lstrip().startswith(CARRIED_MARK)


def carried_over_notes(report: Report) -> dict[str, list[str]]:
    """The notes still marked 〔上年〕, by aspect (only the aspects that have any)."""
    out = {key: [n for n in notes if is_carried_over(n)] for key, notes in report.notes.model_dump().items()}
    return {key: notes for key, notes in out.items() if notes}


def confirmed_only(report: Report) -> Report:
    """The report without its unconfirmed notes of last year: what a drafter may write from. A fact whose only notes
    are unconfirmed is then missing, so the draft marks it 〔待补〕 and no final document is made until it is
    confirmed or rewritten."""
    if not carried_over_notes(report):
        return report
    notes = {key: [n for n in items if not is_carried_over(n)] for key, items in report.notes.model_dump().items()}
    return report.model_copy(update={"notes": report.notes.model_validate(notes)})


def next_year_report(doc: Document) -> Report:
    """Next year's input prefilled from this report (see the module docstring)."""
    last = doc.report
    meta = completed_meta(doc)
    meta.pop("sign_date", None)
    meta["year"] = last.meta.year + 1
    meta["format_version"] = None
    version = format_for_year(meta["year"])
    fmt = load_format(version)
    values: dict[str, Any] = dict.fromkeys(fmt.cell_paths(), 0) | carried_cells(doc, version)
    tables = fmt.tables_data(values)
    notes = {key: [f"{CARRIED_MARK}{n}" for n in items] for key, items in starting_notes(doc).items()}
    return Report.model_validate({"meta": meta, "tables": tables, "notes": notes})


def carried_cells(doc: Document, next_version: int | None = None) -> dict[str, Any]:
    """Next year's cells that carry over from this report by definition (format.md §3.2), path -> value (None where
    this report's figure is blank or its table was not read reliably): 表三 上年结转 = 结转下年度继续办理 (X1, per
    column); in the same table format, 表二 现行有效件数 = last year's (X2: this year's 制发 and 废止 start at 0) and
    上一年项目数量 = last year's 上一年项目数量 + 本年增/减 (X3)."""
    last = doc.report
    version = next_version or format_for_year(last.meta.year + 1)
    fmt = load_format(version)
    cells: dict[str, Any] = {}
    for column in fmt.t3_columns:
        value = last.tables.get(f"t3.carried_forward.{column.key}") if doc.has("t3") else None
        cells[f"t3.carried_over.{column.key}"] = value
    if last.table_format != version:
        return cells
    for row in fmt.check_rows("stock_follows_last_year"):
        cells[f"t2.{row}.in_force"] = last.tables.get(f"t2.{row}.in_force") if doc.has("t2") else None
    for row in fmt.check_rows("items_follow_last_year"):
        before, change = (last.tables.get(f"t2.{row}.{c}") for c in ("prev_items", "change"))
        known = doc.has("t2") and before is not None and change is not None
        cells[f"t2.{row}.prev_items"] = int(before) + int(change) if known else None
    return cells


# Last year's notes that start this year's: each aspect as itself, last year's 改进措施 as this year's 上年度问题改进
# (last year's problems and its own improvements are last year's, not this year's).
_NOTES_CARRIED = {"proactive": "proactive", "on_request": "on_request", "management": "management",
                  "platform": "platform", "oversight": "oversight", "other": "other",
                  "measures": "last_year_improvements"}


def starting_notes(doc: Document) -> dict[str, list[str]]:
    """Last year's facts as notes, sentences with figures dropped. A unit of ours has the office's own notes: those,
    never sentences of the drafted text (the drafter's fixed phrases such as “本镇主动公开工作的主要情况如下” are no
    facts). A report read from a file has only its text: 总体情况 by aspect, 改进措施 as 上年度问题改进, 其他事项."""
    own = doc.report.notes.model_dump()
    if any(own.get(key) for key in _NOTES_CARRIED):
        notes: dict[str, list[str]] = {}
        for key, target in _NOTES_CARRIED.items():
            for item in own.get(key) or []:
                _extend(notes, target, _sentences(str(item).removeprefix(CARRIED_MARK)))
        return notes
    notes = {}
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
            if aspect:  # the 条例's requirements quoted in the text are no facts of last year's work
                _extend(notes, aspect, [s for s in _sentences(para) if not states_the_law(s)])
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
    text = _GAP_RE.sub("", text)  # a 〔待补：…〕 placeholder is a gap of last year's draft, not a sentence
    parts = re.split(r"(?<=[。；;！？：:\n])", text)
    out = []
    for part in parts:
        s = part.strip().rstrip("。；;\n")
        s = re.sub(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]，|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、])", "",
                   s).strip()
        if is_signpost(s):  # "…情况说明如下", "具体办理情况见第三部分": no facts of last year's work
            continue
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
        lines.append("已预填：机关信息；表三“上年结转”各列取上年“结转下年度继续办理”，表二的现行有效件数（同一版式时）"
                     "取上年现行有效件数；notes 中是上年报告的原句，句首标“〔上年〕”（上年的改进措施已放入“上年度问题改进”）。")
        lines.append("请逐句确认：本年仍属实的删去“〔上年〕”，不属实的改写或删除；标着“〔上年〕”的句子不会写入正文。")
        lines.append("其余表格单元格为 0，请填写不为 0 的实际数字。")
        if not doc.has("t3"):
            lines.append("注意：上年报告的表三未能可靠读出，“上年结转”为空（null），请按实际填写。")
    else:
        lines.append(f"{report.meta.organ_name} {report.meta.year}年度报告，据 {source} 读入。")
        unsure = [t for t in TABLE_NAMES if not doc.has(t)]
        if unsure:
            names = "、".join(TABLE_NAMES[t] for t in unsure)
            lines.append(f"注意：{names}未能完整、可靠地读出，空（null）的单元格请对照原文补填。")
    return "\n".join(lines)
