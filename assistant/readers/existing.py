"""Existing reports (.docx, .doc/.wps, .pdf, .html/.htm, .txt) -> Document: the lines every reader produces, made into a report.

A reader turns its file into lines (a table row with known cells is one line, cells separated by ``\\t``); this module
splits sections, reads the tables and the organ/year, and builds a Document. What could not be read is recorded in
``Document.missing`` / ``uncertain`` (the checks that need it become not_assessable) and, with the reason, in
``Document.reading`` (reported by the RD rules), never guessed silently.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.errors import InputError
from assistant.formats import TABLE_NAMES, format_for_year, load_format
from assistant.model import (
    MIN_YEAR,
    UNKNOWN_ORGAN,
    Document,
    Draft,
    Location,
    ReadingNote,
    Report,
    Section,
    labelled_validation_lines,
)
from assistant.names import visible_single_line
from assistant.organ_words import abbreviates, advertising_pattern, folded_place
from assistant.patterns import lazy_compile
from assistant.readers import kind_of, suffix_list
from assistant.readers.files import NotedLines, read_checked
from assistant.readers.limits import MAX_PARAGRAPHS, MAX_REPORT_CHARS
from assistant.readers.sections import (
    Split,
    guess_meta,
    is_wrapped,
    organ_line_only,
    paragraphs,
    section_table_start,
    split_document,
)
from assistant.readers.tables import detect_format, read_tables

# zero-width characters that only steer line breaking (other programs' documents; ours hold none); a Word document
# saved as a web page or PDF keeps them, so every reader's lines are read without them
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
MAX_REPORT_BYTES = 20 * 1024 * 1024
TABLE_SECTIONS = {"t2": "proactive", "t3": "requests", "t4": "appeals"}


def check_file(path: Path) -> bytes:
    """The bytes of a report file, or a Chinese InputError for a missing, empty or oversized file."""
    return read_checked(path, MAX_REPORT_BYTES, "年度报告文件")


def row_line(cells: list[str]) -> str:
    """A table row's line: its cells joined by ``\\t`` ("" for none); leading empty cells are dropped (they
    continue merged label cells and hold no value)."""
    while cells and not cells[0]:
        cells = cells[1:]
    if len(cells) == 1:
        return cells[0]
    return "\t".join(cells)


def load_existing(path: str | Path) -> Document:
    """Read an existing report (any report kind of ``FILE_KINDS``) into a Document."""
    path = Path(path)
    kind = kind_of(path.suffix)
    if kind is None or kind.role != "report":
        raise InputError(f"{path}：不支持的文件类型“{path.suffix}”（可读取 {suffix_list('report')}）")
    return document_from_lines(kind.lines_function()(path), str(path))


def document_from_lines(lines: list[str], source: str) -> Document:
    """Build a Document from a report's lines (see the module docstring)."""
    noticed = lines.notes if isinstance(lines, NotedLines) else []
    unread_because = lines.unread_because if isinstance(lines, NotedLines) else None
    lines = [line.translate(ZERO_WIDTH) for line in lines]
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(f"{source}：没有可读的文字")
    if len(text) > MAX_REPORT_CHARS:
        raise InputError(f"{source}：正文超过 {MAX_REPORT_CHARS // 10_000} 万字的上限（约 {len(text) // 10_000} 万字），"
                         "不像一份年度报告，未读取")
    split = split_document(text)
    guess = guess_meta(split, text)
    notes: list[ReadingNote] = [*noticed, *(ReadingNote(kind="undetermined", message=n) for n in guess.notes)]
    if not split.headings and "第二十条" not in text and "本年新收" not in text:
        raise InputError(f"{source}：未找到政府信息公开工作年度报告的内容（没有“一、总体情况”等部分，也没有统计表）")

    regions, moved = _table_regions(text, split)
    # The format is told by the tables' own labels, never by a word of the prose ("本年新制作" in a sentence).
    table_text = "\n".join(body[section_table_start(TABLE_SECTIONS[t], body):] for t, body in regions.items())
    detected, _evidence = detect_format(table_text) if table_text.strip() else (None, {})
    year = guess.year or (date.today().year - 1)
    if guess.year is None:
        notes = [n if n.message != "未能确定报告年度" else
                 ReadingNote(kind="undetermined", message=f"未能确定报告年度，暂按{year}年校核") for n in notes]
    version = detected or format_for_year(max(year, MIN_YEAR))
    for table, key in moved:
        title = next(h.text for h in split.headings if h.key == key)
        notes.append(ReadingNote(kind="deviation", location=Location(section=key), evidence=title,
                                 message=f"{TABLE_NAMES[table]}不在“{title}”部分内，而在文末（如“附表”）；"
                                         "官方格式要求表格放在相应部分"))
    tables_read = read_tables(regions, version)
    for table, message, evidence in tables_read.deviations:
        notes.append(ReadingNote(kind="deviation", message=message, evidence=evidence,
                                 location=Location(section=TABLE_SECTIONS[table]),
                                 severity="error" if message in tables_read.unambiguous else None))
    for table, message, evidence in tables_read.blanks:
        notes.append(ReadingNote(kind="blank", message=message, evidence=evidence,
                                 location=Location(section=TABLE_SECTIONS[table])))
    for table, message in tables_read.problems:
        notes.append(ReadingNote(kind="unreadable", message=message, location=Location(section=TABLE_SECTIONS[table])))
    notes.extend(_source_organ(text[:split.headings[0].start] if split.headings else text[:2000], guess.organ_name))

    meta: dict[str, Any] = {
        "organ_name": visible_single_line(guess.organ_name or "") or UNKNOWN_ORGAN,
        "organ_kind": guess.organ_kind or "其他",
        "year": max(year, MIN_YEAR),
        "format_version": detected,
    }
    if guess.parent_government:
        meta["parent_government"] = visible_single_line(guess.parent_government)
    if guess.short_name:
        meta["short_name"] = visible_single_line(guess.short_name)
    report = _build_report(meta, tables_read.values, version, source)

    wrapped = is_wrapped(lines)
    title = _clean_title(split.title)
    draft = Draft(title=title, preamble=_bounded(source, "开头", _preamble(split.preamble, wrapped, title)))
    appendix = min((section_table_start(TABLE_SECTIONS[t], text[split.headings[-1].end:]) for t, _k in moved),
                   default=None)
    for h in split.headings:
        body = split.bodies[h.key]
        if h.key in ("proactive", "requests", "appeals"):
            body = body[:section_table_start(h.key, body)]
        if appendix is not None and h is split.headings[-1]:
            body = _before_appendix(body[:appendix])
        draft.sections.append(Section(heading=h.text, key=h.key,
                                      paragraphs=_bounded(source, f"“{h.text}”", paragraphs(body, wrapped))))
    _take_closing(draft)
    draft.provenance.drafter = "existing"

    missing = list(dict.fromkeys(tables_read.missing))
    if not title and organ_line_only(split.preamble):  # a web page's title outside the text: only its organ line
        missing.append("title")
    keys = [s.key for s in load_format(version).sections]
    missing += [k for k in keys if k not in split.bodies]
    guessed = [part for part, sure in (("organ", guess.organ_sure), ("organ_kind", guess.kind_sure),
                                       ("year", guess.year_sure)) if not sure]
    doc = Document(report=report, draft=draft, source=source, missing=missing,
                   uncertain=list(tables_read.uncertain) + guessed, reading=notes, unread_because=unread_because)
    return doc


def _before_appendix(body: str) -> str:
    """The last section's text without the caption line of an appendix of tables ("附表", "附件：…")."""
    lines = body.rstrip("\n").split("\n")
    while lines and re.search(r"附表|附件|统计表", lines[-1]) and len(lines[-1].strip()) <= 30:
        lines.pop()
    return "\n".join(lines)


def _table_regions(text: str, split: Split) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The text each table is read from: its section, or, when the section has none, the end of the report."""
    regions: dict[str, str] = {}
    moved: list[tuple[str, str]] = []
    tail = text[split.headings[-1].end:] if split.headings else ""
    starts = {t: section_table_start(k, tail) for t, k in TABLE_SECTIONS.items()}
    for table, key in TABLE_SECTIONS.items():
        body = split.bodies.get(key)
        if body is None:
            continue
        regions[table] = body
        if section_table_start(key, body) < len(body) or starts[table] >= len(tail):
            continue
        later = [p for p in starts.values() if p > starts[table]]
        regions[table] = tail[starts[table]:min(later) if later else len(tail)]
        moved.append((table, key))
    return regions, moved


def _build_report(meta: dict[str, Any], values: dict[str, Any], version: int, source: str) -> Report:
    tables = load_format(version).tables_data(values)
    try:
        return Report.model_validate({"meta": meta, "tables": tables})
    except ValidationError as exc:
        raise InputError(f"{source}：读出的内容无法构成报告",
                         labelled_validation_lines(exc)) from exc


def _clean_title(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _preamble(text: str, wrapped: bool, title: str) -> list[str]:
    out: list[str] = []
    for p in paragraphs(text, wrapped):
        if title and not out:
            # a page's chrome line that repeats the title: keep what follows the title
            flat = re.sub(r"\s+", "", p)
            if title in flat and flat.find(title) <= 12 and "《" not in flat[:flat.find(title)]:
                p = flat.split(title, 1)[1].lstrip("。 ")
                p = re.sub(r"^.*?(?=根据|依据|本报告)", "", p) if re.search(r"根据|依据|本报告", p) else p
                if not p:
                    continue
        # page chrome (navigation, dates, "点击收听") has no sentence punctuation and is short
        if _BREADCRUMB.match(p):
            continue
        if len(p) >= 40 or any(c in p for c in "。，；"):
            out.append(p)
    return out


def _bounded(source: str, part: str, texts: list[str]) -> list[str]:
    """The paragraphs of one part (the opening, a section), refused past the bound with the part named."""
    if len(texts) > MAX_PARAGRAPHS:
        raise InputError(f"{source}：{part}部分有 {len(texts)} 段，超过 {MAX_PARAGRAPHS} 段的上限")
    return texts


_BREADCRUMB = lazy_compile(r"\s*(?:当前位置|您现在所在的位置|您的位置|您当前的位置|所在位置)\s*[:：]")


def _take_closing(draft: Draft) -> None:
    """Move trailing signature lines (organ name, date) of the last section to the closing."""
    if not draft.sections:
        return
    last = draft.sections[-1]
    closing: list[str] = []
    while last.paragraphs:
        p = last.paragraphs[-1]
        if len(p) <= 30 and (re.fullmatch(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|〔待补[：:]落款日期〕", p)
                             or re.search(r"(人民政府|办事处|办公室|管委会|局)$", p)):
            closing.insert(0, last.paragraphs.pop())
        else:
            break
    draft.closing = closing


_SOURCE_RE = lazy_compile(r"(?:来源|发布机构|发布单位|信息来源)\s*[:：]\s*([\u4e00-\u9fa5（）()]{2,30}?(?:人民政府|办公室|管委会|委员会|办事处|局))")


# a page's 来源 field, whatever it holds ("信息来源:老虎机游戏:太平乡政府")
_SOURCE_FIELD_RE = lazy_compile(r"(?:来源|发布机构|发布单位|信息来源)\s*[:：]\s*(\S{2,40})")


def _source_organ(head: str, organ: str | None) -> list[ReadingNote]:
    """A page whose 来源/发布机构 names another organ than the report's (e.g. copied or misfiled), or holds
    advertising (a tampered page: 太平乡2020 "信息来源:老虎机游戏:太平乡政府")."""
    fields = list(_SOURCE_FIELD_RE.finditer(head))
    out = [ReadingNote(kind="source_organ", evidence=m.group(0), location=Location(section="preamble"),
                       message=f"页面信息中的发布机关“{m.group(1)}”夹杂广告用语（疑为镜像或被篡改的页面）")
           for m in fields if advertising_pattern().search(m.group(1))]
    if not organ or out or not fields:  # every 发布机关 the next pattern finds is a field (and it costs ~1 ms to compile)
        return out
    for m in _SOURCE_RE.finditer(head):
        source, own = folded_place(m.group(1)), folded_place(organ)  # "通道侗族自治县…" is 通道县's
        core = re.sub(r"(人民政府|政府|管委会|办公室|办事处)$", "", own)
        if core not in source and source not in own and not abbreviates(source, own):  # "通道县卫健局": its short name
            out.append(ReadingNote(kind="source_organ", message=f"页面信息中的发布机关为“{m.group(1)}”，与报告机关“{organ}”不一致",
                                   evidence=m.group(0), location=Location(section="preamble")))
    return out
