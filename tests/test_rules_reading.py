"""Reading rules RD1–RD4 (assistant/rules/reading.py): what the reader noted in a real report, and quiet when it noted nothing."""

from __future__ import annotations

import pytest

from assistant.model import Finding
from assistant.pipeline import check_document
from assistant.readers import load_document
from tests.conftest import CORPUS

READING_RULES = ("RD1", "RD2", "RD3", "RD4")


def _reading(name: str) -> list[tuple[str, str, str]]:
    findings: list[Finding] = check_document(load_document(next(CORPUS.glob(f"{name}_*.txt"))))
    return [(f.rule, f.status, f.message) for f in findings if f.rule in READING_RULES]


@pytest.mark.parametrize("name", ["000", "009", "012"])
def test_quiet_on_reports_read_without_a_note(name: str) -> None:
    # 012 carries a page header "发布机构:兴国镇" naming its own organ, so RD4 has something to compare and agrees.
    assert _reading(name) == []


def test_rd4_quiet_when_the_page_names_the_organs_office_007() -> None:
    assert [r for r, _s, _m in _reading("007")] == ["RD3"]  # 发布机构: 平潭综合实验区管委会办公室


def test_rd2_organ_and_year_inferred_014() -> None:
    assert _reading("014") == [
        ("RD2", "uncertain", "标题中没有机关名称，按联系单位推断为“金屯镇人民政府”"),
        ("RD2", "uncertain", "标题中没有年度，按统计期限推断为2024年"),
    ]


def test_f2_on_a_guessed_year_is_a_question_not_an_error_022(tmp_path) -> None:
    """022 is cut short before any statistics period, so its year is a guess (doc.uncertain). Made to cite the 2019
    notice, F2 asks rather than asserts: the year it would judge the citation by is not read from the report."""
    source = next(CORPUS.glob("022_*.txt"))
    text = source.read_text(encoding="utf-8").replace("有关文件精神", "有关文件精神和国办公开办函〔2019〕60号", 1)
    changed = tmp_path / source.name
    changed.write_text(text, encoding="utf-8")
    doc = load_document(changed)
    assert "year" in doc.uncertain
    f2 = [(f.severity, f.status) for f in check_document(doc) if f.rule == "F2"]
    assert f2 == [("warning", "uncertain")]
