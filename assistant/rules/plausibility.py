"""Plausibility rules (format.md E8): figures an organ of this kind cannot have, or that look like another kind of
document counted in the row.

P1: 规章 are made only by 国务院部门 and the 人民政府 of 省、自治区、直辖市、设区的市、自治州 (立法法), so a
township, street office or county government reports 0 in table 二's 规章 row. A department may list the 规章 of its
government in its field (or be a 国务院部门), so for a department it is a question, not a fault.
P2: all of the year's 行政规范性文件 are still the only ones in force, and the text calls them plain 文件 with the
same count ("制发文件18件"): ordinary documents counted as 行政规范性文件 (a question).

Both read only the row they need: a table 二 cut off further down (a partial page) is still checked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.model import Document
from assistant.patterns import lazy_compile
from assistant.rules.figures import int_cell
from assistant.rules.registry import Hit, RuleRun, cell, rule
from assistant.rules.textscan import NARRATIVE, all_paragraphs

RULE_MAKING_KINDS = ("设区的市人民政府", "省级人民政府")


def _general_office(name: str) -> bool:
    """A government's general office (市人民政府办公室, 省政府办公厅) reports its government's 规章."""
    return bool(re.search(r"(?:人民)?政府办公(?:室|厅)$", name))


def _row(doc: Document, row: str) -> list[tuple[str, str, int | None]]:
    """(cell path, column label, count) of one table 二 row in the report's format."""
    fmt = doc.report.fmt
    block = next(b for b in fmt.t2_blocks if any(r.key == row for r in b.rows))
    return [(f"t2.{row}.{c.key}", c.label, int_cell(doc, f"t2.{row}.{c.key}")) for c in block.columns]


def _row_evidence(doc: Document, row: str) -> str:
    """The row as the table shows it: "规章 | 2 | 0 | 2"."""
    fmt = doc.report.fmt
    label = next(r.label for b in fmt.t2_blocks for r in b.rows if r.key == row)
    return " | ".join([label, *("" if v is None else str(v) for _p, _c, v in _row(doc, row))])


def _unread(doc: Document, row: str, what: str) -> Hit | None:
    """The "无法校核" finding when none of the row's cells was read (table 二 absent, or this row not read)."""
    if any(v is not None for _p, _c, v in _row(doc, row)):
        return None
    label = next(r.label for b in doc.report.fmt.t2_blocks for r in b.rows if r.key == row)
    why = "缺少表二" if "t2" in doc.missing else f"表二“{label}”行未能读出"
    if doc.unread_because:
        why += f"，{doc.unread_because}，未能读取"
    return Hit(message=f"无法校核：{what}（{why}）", severity="info", status="not_assessable")


P1_DESCRIPTION = "无规章制定权的机关（乡镇、街道、县级政府及部门）规章数应为 0"


@rule("P1", "plausibility", "error", P1_DESCRIPTION, needs=("organ_kind",))
def rules_without_power(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    kind = doc.report.meta.organ_kind
    if kind in RULE_MAKING_KINDS or _general_office(doc.report.meta.organ_name):
        return
    unread = _unread(doc, "rules", P1_DESCRIPTION)
    if unread is not None:
        yield unread
        return
    filled = [(path, label, value) for path, label, value in _row(doc, "rules") if value]
    if not filled:
        return
    path, _label, value = filled[0]
    figures = "、".join(f"{label}{v}" for _p, label, v in filled)
    if kind in ("乡镇", "街道", "县级人民政府"):
        who = "街道办事处" if kind == "街道" else kind
        yield Hit(
            message=f"{who}无规章制定权，表二“规章”行应为 0，实为{figures}",
            location=cell(path), evidence=_row_evidence(doc, "rules"), expected=0, found=value,
            severity="error" if kind in ("乡镇", "街道") else "warning",
            suggestion="规章只由国务院部门和省、设区的市人民政府制定；本机关的文件应计入（行政）规范性文件，"
                       "内部规章制度不计入表二",
        )
        return
    # a department (or an organ of unknown kind): it may list its government's 规章 in its field
    yield Hit(
        message=f"表二“规章”行填了{figures}：除国务院部门外，部门不制定规章（规章由省、设区的市人民政府制定），"
                "请核对所填是否为本机关制发的文件或内部规章制度",
        location=cell(path), evidence=_row_evidence(doc, "rules"), expected=0, found=value,
        severity="warning", status="uncertain",
        suggestion="本机关制发的文件应计入（行政）规范性文件；若填的是本级政府在本领域的规章，请在正文中说明口径",
    )


# "制发文件18件", "文件公开30条": documents named plainly, not as 规范性文件, with a count
_PLAIN_DOCUMENTS = lazy_compile(r"(?<![性类])文件(?:公开|共|总计|合计)?\s*(\d+)\s*[件条个份]")
P2_DESCRIPTION = "行政规范性文件的件数不是把一般公文全部计入（本年制发即全部现行有效，正文又只称“文件”）"


@rule("P2", "plausibility", "warning", P2_DESCRIPTION, scope="text", needs=NARRATIVE)
def ordinary_documents_counted_as_normative(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    cells = {path.rsplit(".", 1)[1]: (path, label, value) for path, label, value in _row(doc, "normative_docs")}
    new, stock = (("issued", "in_force") if "issued" in cells else ("new_made", "total_published"))
    made, in_force = cells[new][2], cells[stock][2]
    if not made or made != in_force:  # none made, or older documents still in force: nothing odd
        return
    row_label = next(r.label for b in doc.report.fmt.t2_blocks for r in b.rows if r.key == "normative_docs")
    for paragraph in all_paragraphs(doc):
        text = paragraph.text
        for m in _PLAIN_DOCUMENTS.finditer(text):
            if int(m.group(1)) != made or "规范性" in text[max(0, m.start() - 12):m.start()]:
                continue
            clause = text[max(0, text.rfind("，", 0, m.start()) + 1, text.rfind(",", 0, m.start()) + 1):m.end()]
            yield Hit(
                message=f"表二“{row_label}”行{cells[new][1]}{made}件，{cells[stock][1]}也是{in_force}件，"
                        f"正文却只称“{clause.strip()}”：请核对是否把一般公文都计入了{row_label}",
                location=cell(cells[new][0]), evidence=_row_evidence(doc, "normative_docs"), expected=None,
                found=made, status="uncertain",
                suggestion="行政规范性文件是涉及公民、法人和其他组织权利义务、具有普遍约束力并反复适用的公文；"
                           "一般公文、通知和工作文件不计入表二",
            )
            return


__all__ = ["RULE_MAKING_KINDS", "rules_without_power", "ordinary_documents_counted_as_normative"]
