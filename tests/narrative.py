"""Helpers for the text-rule tests: a Document with a given narrative, and the findings one rule makes on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assistant.model import Document, Draft, Finding
from assistant.pipeline import check_document
from assistant.readers import load_document
from tests.conftest import EXAMPLES

SAMPLE = EXAMPLES / "sample-town-2024.yaml"  # 示范县青石镇人民政府, 乡镇, 2024, 2021 format
ZHUTING = EXAMPLES / "zhuting-2020.yaml"  # 袁州区竹亭镇人民政府, 乡镇, 2020, 2019 format

STANDARD = [
    ("一、总体情况", []),
    ("二、主动公开政府信息情况", []),
    ("三、收到和处理政府信息公开申请情况", []),
    ("四、政府信息公开行政复议、行政诉讼情况", []),
    ("五、存在的主要问题及改进情况", ["一是政策解读形式较为单一；二是部分村级公开内容更新不够及时。"]),
    ("六、其他需要报告的事项", ["本年度未收取信息处理费。"]),
]


def make_doc(base: Path = SAMPLE, *, title: str = "", preamble: list[str] | None = None,
             sections: list[tuple[str, list[str]]] | None = None, missing: list[str] | None = None,
             **meta: Any) -> Document:
    """The example's report with the given narrative (sections as (heading, paragraphs); keys inferred)."""
    doc = load_document(base)
    report = doc.report.model_copy(deep=True)
    for key, value in meta.items():
        setattr(report.meta, key, value)
    draft = Draft(title=title, preamble=preamble or [],
                  sections=[{"heading": h, "paragraphs": ps} for h, ps in (STANDARD if sections is None else sections)])
    return Document(report=report, draft=draft, missing=missing or [])


def with_section(key_heading: str, paragraphs: list[str]) -> list[tuple[str, list[str]]]:
    """The standard sections with one section's paragraphs replaced."""
    return [(h, paragraphs if h == key_heading else ps) for h, ps in STANDARD]


def findings(doc: Document, rule: str) -> list[Finding]:
    return [f for f in check_document(doc) if f.rule == rule]


def where(found: list[Finding]) -> list[tuple[str | None, int | None, str | None]]:
    """(section, paragraph, found) of each finding, in order."""
    return [(f.location.section, f.location.paragraph, None if f.found is None else str(f.found)) for f in found]


__all__ = ["Draft", "make_doc", "with_section", "findings", "where", "SAMPLE", "ZHUTING", "STANDARD"]
