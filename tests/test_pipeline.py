"""The pipeline's outputs: file names, blocking on errors, drafts and review copies, atomic writes."""

from __future__ import annotations

import json

import docx
import pytest

from assistant.model import Document, Finding, Location
from assistant.pipeline import output_stem, write_outputs
from assistant.readers.inputfile import load_report, report_from_data
from assistant.render.docx import read_provenance
from tests.conftest import EXAMPLES
from tests.handmade import handmade_draft

STEM = "示范县青石镇人民政府2024年政府信息公开工作年度报告"


@pytest.fixture
def sample_doc() -> Document:
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    return Document(report=report, draft=handmade_draft(report))


ERROR = Finding(rule="A2", category="arithmetic", severity="error", message="总计不符",
                location=Location(cell="t3.result_total.total"))
WARNING = Finding(rule="S5", category="completeness", severity="warning", message="缺少情况",
                  location=Location(section="overview"))


def names(paths) -> list[str]:
    return [p.name for p in paths]


def test_a_clean_report_writes_the_document_and_findings(tmp_path, sample_doc):
    paths = write_outputs(sample_doc, [WARNING], tmp_path / "out")
    assert names(paths) == [f"{STEM}.docx", f"{STEM}.findings.json"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names(paths))  # no temp files left
    data = json.loads(paths[-1].read_text(encoding="utf-8"))
    assert data["blocked"] is False
    assert data["outputs"] == [f"{STEM}.docx"]
    assert [f["rule"] for f in data["findings"]] == ["S5"]
    assert data["provenance"]["drafter"] == "handmade"  # how it was drafted: in the findings, not in the file
    assert read_provenance(paths[0]) is None
    asked = write_outputs(sample_doc, [WARNING], tmp_path / "asked", provenance=True)
    assert read_provenance(asked[0]).drafter == "handmade"
    assert len(docx.Document(paths[0]).comments) == 0
    assert docx.Document(paths[0]).sections[0].header.paragraphs[0].text == ""  # no draft mark


def test_review_copy_on_request(tmp_path, sample_doc):
    paths = write_outputs(sample_doc, [WARNING], tmp_path, review_copy=True)
    assert names(paths) == [f"{STEM}.docx", f"{STEM}-审阅稿.docx", f"{STEM}.findings.json"]
    assert [c.text.split("】")[1][:2] for c in docx.Document(paths[1]).comments] == ["S5"]


def test_an_error_blocks_the_final_document(tmp_path, sample_doc):
    paths = write_outputs(sample_doc, [ERROR, WARNING], tmp_path)
    assert names(paths) == [f"{STEM}.findings.json"]
    assert json.loads(paths[0].read_text(encoding="utf-8"))["blocked"] is True


def test_a_blocked_report_still_gets_its_review_copy_when_asked(tmp_path, sample_doc):
    paths = write_outputs(sample_doc, [ERROR, WARNING], tmp_path, review_copy=True)
    assert names(paths) == [f"{STEM}-草稿-审阅稿.docx", f"{STEM}.findings.json"]
    assert [c.text.split("】")[1][:2] for c in docx.Document(paths[0]).comments] == ["A2", "S5"]
    assert json.loads(paths[1].read_text(encoding="utf-8"))["blocked"] is True


def test_allow_errors_writes_a_draft_and_its_review_copy(tmp_path, sample_doc):
    paths = write_outputs(sample_doc, [ERROR, WARNING], tmp_path, allow_errors=True)
    assert names(paths) == [f"{STEM}-草稿.docx", f"{STEM}-草稿-审阅稿.docx", f"{STEM}.findings.json"]
    review = docx.Document(paths[1])
    assert [c.text.split("】")[1][:2] for c in review.comments] == ["A2", "S5"]  # errors first
    data = json.loads(paths[-1].read_text(encoding="utf-8"))
    assert data["blocked"] is False and data["outputs"] == names(paths[:2])
    section = docx.Document(paths[0]).sections[0]
    assert [h.paragraphs[0].text for h in (section.header, section.even_page_header)] == [
        "草稿：尚有1项错误未改正，请勿印发"] * 2


def test_output_stem_is_a_safe_file_name():
    report = report_from_data({"meta": {"organ_name": "某市/某区 人民政府", "organ_kind": "部门", "year": 2022}})
    assert output_stem(report) == "某市_某区_人民政府2022年政府信息公开工作年度报告"
