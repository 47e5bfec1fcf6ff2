"""Text tables with explicit empty cells (pipe tables, one row a line or one cell a line; tab rows) are read by
position: a blank cell stays blank (A5.blank), the others keep their columns."""

from __future__ import annotations

import pytest

from assistant.pipeline import check_document
from assistant.readers.existing import document_from_lines
from assistant.rules.examples import load_examples

NEW_ROW = "一、本年新收政府信息公开申请数量\t9\t2\t0\t0\t0\t1\t12"
# The RD1 quiet example that is a whole report whose table 三 is written as tab rows.
TAB_REPORT = next(str(e["report"]) for e in load_examples()["RD1"].quiet if NEW_ROW in str(e.get("report", "")))


def as_pipes(report: str, one_cell_a_line: bool) -> str:
    """The same report with table 三 as a pipe table, the first row's applicant cells left empty."""
    out = []
    for line in report.split("\n"):
        cells = line.split("\t")
        if len(cells) != 8:
            out.append(line)
            continue
        if line == NEW_ROW:
            cells = [cells[0]] + [""] * 6 + [cells[7]]
        if one_cell_a_line:
            out += [cells[0] + " |"] + [f"{c} |" if c else "|" for c in cells[1:]] + ["||"]
        else:
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


@pytest.mark.parametrize("one_cell_a_line", [False, True])
def test_pipe_table_blank_cells_stay_blank(one_cell_a_line: bool) -> None:
    assert NEW_ROW in TAB_REPORT
    doc = document_from_lines(as_pipes(TAB_REPORT, one_cell_a_line).split("\n"), "测试")
    assert doc.has("t3")
    tables = doc.report.tables
    assert [tables.get(f"t3.new_received.{c}") for c in ("natural_person", "other_org", "total")] == [None, None, 12]
    assert [tables.get(f"t3.unable_not_held.{c}") for c in ("natural_person", "other_org", "total")] == [2, 1, 3]
    # the row's six blank cells: one finding, at the first of them
    blank = [(f.location.cell, f.message) for f in check_document(doc) if f.rule == "A5.blank" and f.status == "fail"]
    assert blank == [("t3.new_received.natural_person",
                      "表三 一、本年新收政府信息公开申请数量「自然人」「商业企业」「科研机构」「社会公益组织」「法律服务机构」「其他」为空白")]


def test_one_cell_a_line_with_empty_lines_for_blank_cells() -> None:
    # 驼峰路街道2020: only 总计 filled, every other cell an empty line; a group label stands between two rows
    from assistant.readers.tables import cells_by_line

    cells = cells_by_line("\n\n\n\n\n\n\n\n 0\n\n三、本年度办理结果\n\n", 7)
    assert cells is not None and [c.text for c in cells] == [None] * 6 + ["0"]
    # every cell filled (read as tokens), a row with no figure (not read), text on the label's line: not this layout
    assert cells_by_line("\n1\n0\n0\n0\n0\n0\n1\n", 7) is None
    assert cells_by_line("\n\n\n\n\n\n\n\n \n", 7) is None
    assert cells_by_line(" 3\n\n\n\n\n\n\n 3\n", 7) is None
