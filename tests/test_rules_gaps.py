"""G1: every 〔待补…〕 left in a text is an error, with the input field to fill when the drafter wrote it."""

from __future__ import annotations

from pathlib import Path

from assistant.model import Document
from assistant.pipeline import check_document
from assistant.readers import load_document
from tests.narrative import findings, make_doc, where, with_section


def overview(*paragraphs: str) -> Document:
    return make_doc(sections=with_section("一、总体情况", list(paragraphs)))


def test_g1_fires_on_every_gap_with_its_place() -> None:
    text = "我镇组织培训2次。〔待补：社会评议结果情况〕上年结转〔待补〕。"
    found = findings(overview("2024年，青石镇扎实推进政务公开工作。", text), "G1")
    assert where(found) == [("overview", 1, "〔待补：社会评议结果情况〕"), ("overview", 1, "〔待补〕")]
    start = text.index("〔待补：")
    assert found[0].location.span == (start, start + len("〔待补：社会评议结果情况〕"))
    assert [(f.severity, f.category) for f in found] == [("error", "completeness")] * 2
    assert found[1].message == "表格中的空白单元格在正文中写作“〔待补〕”"


def test_g1_names_the_input_field_of_a_fact_the_input_lacks() -> None:
    doc = make_doc(sections=with_section("五、存在的主要问题及改进情况", ["〔待补：上年度问题的改进情况〕"]))
    doc.report.notes.last_year_improvements = []
    [finding] = findings(doc, "G1")
    assert finding.message == "缺少上年度问题的改进情况，正文中为“〔待补：上年度问题的改进情况〕”"
    assert finding.suggestion == "在输入文件的“简要情况·上年度问题改进”中填写后重新起草，或在定稿前补写"


def test_g1_quiet_on_finished_text_and_other_brackets() -> None:
    doc = overview("本年度未收取信息处理费。", "依据〔2021〕30号文件和【政务公开】专栏要求，做好补充公开工作。")
    assert findings(doc, "G1") == []


def test_check_of_a_text_report_with_gaps_reports_each(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("示范县青石镇人民政府2024年政府信息公开工作年度报告\n一、总体情况\n2024年，我镇扎实推进政务公开工作。"
                    "〔待补：工作考核结果情况〕\n五、存在的主要问题及改进情况\n〔待补：本年度存在的主要问题〕\n",
                    encoding="utf-8")
    gaps = [f.found for f in check_document(load_document(path)) if f.rule == "G1"]
    assert gaps == ["〔待补：工作考核结果情况〕", "〔待补：本年度存在的主要问题〕"]
