"""The review copy: each finding a Word comment anchored at its evidence."""

from __future__ import annotations

import docx
import pytest

from assistant.model import Document, Finding, Location
from assistant.pipeline import check_document
from assistant.readers.inputfile import load_report, report_from_data
from assistant.render.review import COMMENT_AUTHOR, review_copy
from tests.conftest import EXAMPLES
from tests.handmade import handmade_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def anchored(document) -> dict[str, tuple[str, object]]:
    """Comment id -> (the text between its range markers, the element holding the start marker)."""
    out = {}
    body = document.element.body
    for start in body.iter(f"{W}commentRangeStart"):
        cid = start.get(f"{W}id")
        text, el = [], start.getnext()
        while el is not None and not (el.tag == f"{W}commentRangeEnd" and el.get(f"{W}id") == cid):
            text.extend((t.text or "") for t in el.iter(f"{W}t"))
            if el.tag == f"{W}r" and el.find(f"{W}br") is not None:
                text.append("\n")
            el = el.getnext()
        out[cid] = ("".join(text), start.getparent())
    return out


def comments_by_rule(document) -> dict[str, tuple[str, str, object]]:
    """rule id -> (comment text, anchored text, paragraph holding the anchor)."""
    spans = anchored(document)
    out = {}
    for c in document.comments:
        rule = c.text.split("】", 1)[1].split("（", 1)[0]
        text, parent = spans[str(c.comment_id)]
        out[rule] = (c.text, text, parent)
    return out


@pytest.fixture(scope="module")
def sample_doc() -> Document:
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    return Document(report=report, draft=handmade_draft(report))


def test_comments_are_anchored_at_their_evidence(tmp_path, sample_doc):
    findings = [
        Finding(rule="T1", category="text_vs_table", severity="error", message="正文数字与表格不一致",
                location=Location(section="overview", paragraph=1, span=(18, 21)), evidence="55条",
                expected="128条", found="55条", suggestion="按表格改为128条"),
        Finding(rule="T2", category="completeness", severity="warning", message="缺少联系电话",
                location=Location(section="overview", paragraph=3), evidence="〔待补：联系电话〕"),
        Finding(rule="T3", category="arithmetic", severity="error", message="总计不符",
                location=Location(cell="t3.result_total.total")),
        Finding(rule="T4", category="arithmetic", severity="warning", message="无法提供合计",
                location=Location(cell="t3.unable.total")),
        Finding(rule="T5", category="structure", severity="warning", message="第五部分过短",
                location=Location(section="problems")),
        Finding(rule="T6", category="year", severity="info", message="落款日期", evidence="2025年1月20日"),
        Finding(rule="T7", category="organ", severity="info", message="全文", status="not_assessable"),
        Finding(rule="T8", category="year", severity="warning", message="标题年份",
                location=Location(section="title", paragraph=0), evidence="2024年"),
    ]
    path = tmp_path / "review.docx"
    review_copy(sample_doc, findings).save(path)
    out = docx.Document(path)
    assert len(out.comments) == len(findings)
    assert {c.author for c in out.comments} == {COMMENT_AUTHOR}
    got = comments_by_rule(out)
    assert got["T1"][0] == "【错误·不符】T1（正文与表格）正文数字与表格不一致\n期望：128条；实际：55条\n建议：按表格改为128条"
    assert got["T1"][1] == "55条"
    assert got["T2"][1] == "〔待补：联系电话〕"
    assert got["T3"][1] == "12"  # the 总计 cell of （七）总计
    assert got["T3"][2].getparent().tag == f"{W}tc"
    assert got["T4"][1] == "（四）无法提供"  # a group figure: at the group's label cell
    assert got["T5"][1] == "五、存在的主要问题及改进情况"
    assert got["T6"][1] == "2025年1月20日"
    assert got["T7"][1] == "示范县青石镇人民政府\n2024年政府信息公开工作年度报告"
    assert got["T8"][1] == "2024年"
    for r in out.element.body.iter(f"{W}r"):  # comment marks included
        assert r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")
    # splitting runs for the anchors changed no text
    para = next(p for p in out.paragraphs if p.text.startswith("（一）主动公开"))
    assert para.text == "（一）主动公开。全年通过政府网站主动公开政府信息55条。"


def test_rule_engine_findings_land_on_their_cells(tmp_path):
    data = {
        "meta": {"organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇", "year": 2024},
        "tables": {"t3": {"new_received": {"natural_person": 3}, "granted": {"natural_person": 2},
                          "result_total": {"natural_person": 3}}},
    }
    report = report_from_data(data)
    doc = Document(report=report, draft=handmade_draft(report))
    findings = [f for f in check_document(doc) if f.location.cell and f.severity == "error"]
    assert findings, "the table adds up wrong, the rules must say so"
    path = tmp_path / "review.docx"
    review_copy(doc, findings).save(path)
    out = docx.Document(path)
    spans = anchored(out)
    assert len(out.comments) == len(findings)
    assert sorted(text for text, _p in spans.values()) == ["3"] * len(findings)  # the （七）总计 cells
    for _text, parent in spans.values():
        assert parent.getparent().tag == f"{W}tc"  # every comment sits in a table cell
