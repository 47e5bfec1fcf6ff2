"""The pipeline's outputs: file names, blocking on errors, drafts and review copies, atomic writes."""

from __future__ import annotations

import json

import docx
import pytest

from assistant.model import Document, Finding, Location
from assistant.pipeline import blocking_findings, blocking_line, output_stem, write_outputs
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
    assert data["final"] == f"{STEM}.docx" and data["blocking"] == []
    assert (paths.final, paths.draft, paths.review, paths.findings_file) == (paths[0], None, None, paths[1])
    assert not paths.blocked
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
    assert data["blocked"] is True and data["final"] is None  # a -草稿 is not the final document
    assert data["outputs"] == names(paths[:2])
    assert (paths.final, paths.draft, paths.review) == (None, paths[0], paths[1])
    assert [f.rule for f in paths.blocking] == ["A2"] and paths.blocking_line() == "尚有1项错误未改正"
    section = docx.Document(paths[0]).sections[0]
    assert [h.paragraphs[0].text for h in (section.header, section.even_page_header)] == [
        "草稿：尚有1项错误未改正，请勿印发"] * 2


def test_output_stem_is_a_safe_file_name():
    report = report_from_data({"meta": {"organ_name": "某市/某区 人民政府", "organ_kind": "部门", "year": 2022}})
    assert output_stem(report) == "某市_某区_人民政府2022年政府信息公开工作年度报告"


GAP = Finding(rule="G1", category="completeness", severity="error", message="缺少落款日期，正文中为“〔待补：落款日期〕”",
              location=Location(section="closing", paragraph=1), evidence="〔待补：落款日期〕")


def test_a_gap_writes_the_draft_and_never_a_final_document(tmp_path, sample_doc):
    paths = write_outputs(sample_doc, [GAP, WARNING], tmp_path)
    assert names(paths) == [f"{STEM}-草稿.docx", f"{STEM}-草稿-审阅稿.docx", f"{STEM}.findings.json"]
    assert (paths.final, paths.draft, paths.review) == (None, paths[0], paths[1])
    assert paths.blocked and paths.blocking == [GAP] and paths.blocking_line() == "尚有1处待补内容"
    data = json.loads(paths[-1].read_text(encoding="utf-8"))
    assert (data["blocked"], data["final"], data["gaps"]) == (True, None, 1)
    assert data["blocking"] == [{"rule": "G1", "message": GAP.message, "fingerprint": GAP.fingerprint}]
    mixed = write_outputs(sample_doc, [GAP, ERROR], tmp_path / "mixed", allow_errors=True)
    assert mixed.final is None and mixed.blocking_line() == "尚有1处待补内容、1项错误未改正"
    header = docx.Document(mixed.draft).sections[0].header.paragraphs[0].text
    assert header == "草稿：尚有1处待补内容、1项错误未改正，请勿印发"


def test_an_error_dismissed_with_a_reason_no_longer_blocks_and_the_reason_is_kept(tmp_path, sample_doc):
    reason = {"decision": "dismissed", "comment": "含上年结转2件，已核实", "user": "县政务公开办",
              "decided": "2026-12-07T09:30:00+00:00",
              "history": [{"decision": "confirmed", "comment": "", "user": "青石镇", "decided": "2026-12-07T09:00:00+00:00"},
                          {"decision": "dismissed", "comment": "含上年结转2件，已核实", "user": "县政务公开办",
                           "decided": "2026-12-07T09:30:00+00:00"}]}
    no_reason = {**reason, "comment": " ", "history": []}
    assert write_outputs(sample_doc, [ERROR], tmp_path / "a", reviews={ERROR.fingerprint: no_reason}).final is None
    paths = write_outputs(sample_doc, [ERROR, WARNING], tmp_path / "b", review_copy=True,
                          reviews={ERROR.fingerprint: reason})
    assert names(paths) == [f"{STEM}.docx", f"{STEM}-审阅稿.docx", f"{STEM}.findings.json"]
    assert paths.final == paths[0] and not paths.blocked
    data = json.loads(paths[-1].read_text(encoding="utf-8"))
    assert [f["review"] for f in data["findings"]] == [reason, None]
    comments = [c.text for c in docx.Document(paths[1]).comments]
    assert comments[0].split("\n")[-2:] == ["复核：2026-12-07 09:00 青石镇：已确认",
                                           "复核：2026-12-07 09:30 县政务公开办：已驳回，理由：含上年结转2件，已核实"]
    assert "复核" not in comments[1]


def test_a_dismissed_gap_still_blocks_the_final_document(tmp_path, sample_doc):
    """Bug: dismissing a 〔待补〕 gap with a reason released a "final" document that still had the placeholder in it."""
    dismissed = {"decision": "dismissed", "comment": "稍后补写", "user": "石门乡", "decided": "2026-12-07T02:24:28+00:00",
                 "history": []}
    paths = write_outputs(sample_doc, [GAP, ERROR], tmp_path, reviews={GAP.fingerprint: dismissed,
                                                                        ERROR.fingerprint: dismissed})
    assert paths.final is None and paths.blocked
    assert [f.rule for f in blocking_findings([GAP, ERROR], {GAP.fingerprint: dismissed, ERROR.fingerprint: dismissed})] \
        == ["G1"]
    assert blocking_line(blocking_findings([GAP], {GAP.fingerprint: dismissed})) == "尚有1处待补内容"
