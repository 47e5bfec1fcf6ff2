"""Word reports -> Document: merged cells read once, blank cells kept blank, bad files refused in Chinese."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from assistant.errors import InputError
from assistant.readers.docx import docx_lines, table_lines
from assistant.readers.existing import load_existing
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES
from tests.report_builders import build_docx


@pytest.fixture(scope="module")
def sample():
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def test_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    t = document.add_table(rows=3, cols=4)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "信息内容"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "申请人情况"
    for i, text in enumerate(["自然人", "商业企业", "总计"]):
        t.cell(1, i + 1).text = text
    for i, text in enumerate(["一、本年新收政府信息公开申请数量", "3", "", "3"]):
        t.cell(2, i).text = text
    assert table_lines(t) == ["信息内容\t申请人情况", "自然人\t商业企业\t总计",
                              "一、本年新收政府信息公开申请数量\t3\t\t3"]


def test_word_report_reads_back_every_cell(tmp_path: Path, sample) -> None:
    doc = load_existing(build_docx(sample, tmp_path / "r.docx", split_header=True))
    assert (doc.report.meta.organ_name, doc.report.meta.organ_kind, doc.report.meta.year) == (
        "示范县青石镇人民政府", "乡镇", 2024)
    assert doc.missing == [] and doc.uncertain == []
    assert [s.key for s in doc.draft.sections] == ["overview", "proactive", "requests", "appeals", "problems", "other"]
    diffs = [p for p in sample.fmt.cell_paths() if sample.tables.get(p) != doc.report.tables.get(p)]
    assert diffs == []
    assert doc.report.tables.get("t3.new_received.total") == 12
    assert doc.report.tables.get("t4.review.upheld") == 1


def test_blank_cell_stays_blank_and_is_reported(tmp_path: Path, sample) -> None:
    from assistant.pipeline import check_document

    path = build_docx(sample, tmp_path / "r.docx", blank={"t3.granted.natural_person"})
    doc = load_existing(path)
    assert doc.report.tables.get("t3.granted.natural_person") is None
    assert doc.report.tables.get("t3.granted.total") == 5
    blanks = [f for f in check_document(doc) if f.rule == "A5.blank"]
    assert [f.location.cell for f in blanks] == ["t3.granted.natural_person"]


def test_docx_without_tables_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某镇2024年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    path = tmp_path / "no-tables.docx"
    document.save(str(path))
    with pytest.raises(InputError, match="没有表格"):
        docx_lines(path)


@pytest.mark.parametrize(("data", "message"), [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG 图片"),
    (b"PK\x03\x04 not really a zip", "已损坏"),
    (b"", "文件为空"),
])
def test_bad_docx_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        load_existing(path)


def test_tables_in_an_appendix_are_read_and_reported(tmp_path: Path, sample) -> None:
    """威海/荣成-style reports print the three tables as "相关指标统计附表" at the end."""
    from tests.report_builders import NARRATIVE, cell_text, grids, sections

    document = docx.Document()
    document.add_paragraph("示范县青石镇人民政府2024年政府信息公开工作年度报告")
    for key, title, _table in sections(sample):
        document.add_paragraph(title)
        document.add_paragraph((NARRATIVE.get(key) or ["详见附表。"])[0])
    document.add_paragraph("附件：相关指标统计附表")
    for table in ("t2", "t3", "t4"):
        cells = grids(sample)[table]
        t = document.add_table(rows=max(c.row + c.rowspan for c in cells), cols=max(c.col + c.colspan for c in cells))
        for c in cells:
            target = t.cell(c.row, c.col)
            if c.rowspan > 1 or c.colspan > 1:
                target = target.merge(t.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
            target.text = cell_text(sample, c, set())
    path = tmp_path / "appendix.docx"
    document.save(str(path))
    doc = load_existing(path)
    assert doc.missing == [] and doc.uncertain == []
    assert [p for p in sample.fmt.cell_paths() if sample.tables.get(p) != doc.report.tables.get(p)] == []
    assert doc.draft.section("other").paragraphs == ["本年度未收取信息处理费。"]
    moved = [n.message for n in doc.reading if n.kind == "deviation"]
    assert len(moved) == 3 and moved[0].startswith("表二不在“二、主动公开政府信息情况”部分内，而在文末")


def test_report_inside_a_one_cell_frame(tmp_path: Path, sample) -> None:
    """Some offices paste the whole report into a one-cell table (a frame): its paragraphs and tables are read."""
    source = build_docx(sample, tmp_path / "plain.docx")
    plain = docx.Document(str(source))
    framed = docx.Document()
    frame = framed.add_table(rows=1, cols=1).cell(0, 0)
    body = frame._tc
    for p in list(body):
        body.remove(p)
    for block in plain.element.body.iterchildren():
        if block.tag.endswith(("}p", "}tbl")):
            body.append(block)
    body.append(docx.oxml.parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'))
    path = tmp_path / "framed.docx"
    framed.save(str(path))
    doc = load_existing(path)
    assert doc.missing == [] and doc.uncertain == []
    assert [p for p in sample.fmt.cell_paths() if sample.tables.get(p) != doc.report.tables.get(p)] == []
    assert doc.report.meta.organ_name == "示范县青石镇人民政府"


def test_headings_with_automatic_numbering(tmp_path: Path, sample) -> None:
    """Word's automatic numbering keeps "一、" out of the text: the headings are found all the same."""
    source = docx.Document(str(build_docx(sample, tmp_path / "plain.docx")))
    for p in source.paragraphs:
        if p.text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、"):
            p.text = p.text[2:]
            p.style = source.styles["List Number"]
    path = tmp_path / "numbered.docx"
    source.save(str(path))
    doc = load_existing(path)
    assert [s.heading for s in doc.draft.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
    assert doc.missing == [] and doc.uncertain == []
