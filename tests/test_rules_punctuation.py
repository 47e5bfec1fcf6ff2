"""Unfinished sentences (assistant/rules/punctuation.py): paragraphs without their closing mark, counts without their
number, commas inside a 、 list or before a count — on the real reports where readers found them, and quiet on the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.pipeline import check_document
from assistant.readers import load_document

FIXTURES = Path(__file__).parent / "fixtures"
RULES = ("W1.stop", "W1.count", "W6.list", "W6.count")


def _found(name: str) -> list[tuple[str, str, str | None]]:
    path = next(FIXTURES.glob(f"*/{name}_*.txt"))
    return [(f.rule, f.message, f.evidence) for f in check_document(load_document(path))
            if f.rule in RULES and f.status == "fail"]


def test_paragraph_without_full_stop_f18() -> None:
    assert _found("f18") == [("W1.stop", "段落末尾缺句号：“其它类信息155条”之后没有“。”", "其它类信息155条")]


def test_count_without_number_and_paragraph_without_full_stop_f20() -> None:
    assert _found("f20") == [
        ("W1.count", "并列的计数句中“现行有效的规范性文件”缺少数字（前两项为“我镇共制定规范性文件0件”“废止规范性文件0件”）",
         "现行有效的规范性文件。"),
        ("W1.stop", "段落末尾缺句号：“及时发布政策通知、办事指南、工作动态等政府信息”之后没有“。”",
         "及时发布政策通知、办事指南、工作动态等政府信息"),
        ("W6.list", "并列的词语之间用了逗号：“电子屏幕,公告栏等”应为“电子屏幕、公告栏等”", "电子屏幕,公告栏等"),
    ]


def test_comma_inside_a_list_f11() -> None:
    assert _found("f11") == [("W6.list", "并列的词语之间用了逗号：“真实性,完整性、准确性”应为“真实性、完整性、准确性”",
                              "真实性,完整性、准确性")]


def test_comma_before_a_count_f19() -> None:
    assert _found("f19") == [("W6.count", "数量前多了逗号：“通过区政府门户网站公开镇财政信息,1条”应为“通过区政府门户网站公开镇财政信息1条”",
                              "通过区政府门户网站公开镇财政信息,1条")]


def test_report_as_heading_says_so_before_its_colon_013() -> None:
    assert _found("013") == [("W1.stop", "段落末尾缺冒号：“现将我镇2025年度政府信息公开工作情况报告如下”之后没有“：”",
                              "现将我镇2025年度政府信息公开工作情况报告如下")]


# Reports with sub-headings on their own lines, tables written as text, breadcrumbs, signatures and PDF-wrapped text,
# whose paragraphs all end properly (or end where the excerpt was cut).
@pytest.mark.parametrize("name", ["003", "009", "010", "011", "016", "021", "e27", "e28", "e50", "f14", "f15", "n16"])
def test_quiet_on_reports_that_end_their_paragraphs(name: str) -> None:
    assert _found(name) == []
