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
