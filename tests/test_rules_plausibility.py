"""Plausibility rules (assistant/rules/plausibility.py) on the real reports they were written for."""

from __future__ import annotations

from pathlib import Path

from assistant.model import Finding
from assistant.pipeline import check_document
from assistant.readers import load_document

FIXTURES = Path(__file__).parent / "fixtures"


def _claimed(name: str, rule: str) -> list[tuple[str, str, str | None, object, str | None]]:
    """(severity, status, cell, found, evidence) of a rule's failing or uncertain findings on a real report."""
    path = next(FIXTURES.glob(f"*/{name}_*.txt"))
    found: list[Finding] = check_document(load_document(path))
    return [(f.severity, f.status, f.location.cell, f.found, f.evidence) for f in found
            if f.rule == rule and f.status in ("fail", "uncertain")]


def test_p1_township_with_rules_in_a_table_cut_off_further_down() -> None:
    # f01 松木塘镇2022: table 二 is cut in its (八) row; the 规章 row was read and a town makes no 规章
    assert _claimed("f01", "P1") == [("error", "fail", "t2.rules.issued", 2, "规章 | 2 | 0 | 2")]


def test_p1_one_finding_per_row() -> None:
    assert _claimed("021", "P1") == [("error", "fail", "t2.rules.in_force", 6, "规章 | 0 | 0 | 6")]


def test_p1_quiet_for_a_general_office_and_a_city() -> None:
    assert _claimed("f11", "P1") == []  # 孝感市人民政府办公室 lists its government's 规章
    assert _claimed("009", "P1") == []  # 淮安市人民政府 makes 规章


def test_p1_not_assessable_when_the_row_was_not_read() -> None:
    path = next(FIXTURES.glob("corpus/018_*.txt"))
    p1 = [f for f in check_document(load_document(path)) if f.rule == "P1"]
    assert [(f.severity, f.status, f.message) for f in p1] == [
        ("info", "not_assessable", "无法校核：无规章制定权的机关（乡镇、街道、县级政府及部门）规章数应为 0（缺少表二）")]


def test_p2_ordinary_documents_counted_as_normative() -> None:
    assert _claimed("f13", "P2") == [("warning", "uncertain", "t2.normative_docs.issued", 18,
                                      "行政规范性文件 | 18 | 0 | 18")]
    assert _claimed("e55", "P2") == [("warning", "uncertain", "t2.normative_docs.new_made", 30,
                                      "规范性文件 | 30 | 30 | 30")]


def test_p2_quiet_when_the_text_says_normative_documents() -> None:
    assert _claimed("f01", "P2") == []  # 规范性文件类2条, table 2/0/2
    assert _claimed("f05", "P2") == []  # table 5/5/5, the text names no such count
