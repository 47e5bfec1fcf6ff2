"""The round trip's tolerance for a PDF that LibreOffice typeset without some line-end punctuation: only such marks
may be missing, nothing else (tests/test_readers_roundtrip.py relies on it)."""

from __future__ import annotations

from assistant.model import Document, Draft, Section
from assistant.readers.inputfile import load_report
from evals.readers_roundtrip import only_punctuation_lost
from tests.conftest import EXAMPLES

REPORT = load_report(EXAMPLES / "sample-town-2024.yaml")


def _doc(*paragraphs: str) -> Document:
    draft = Draft(title="标题", sections=[Section(heading="一、总体情况", key="overview", paragraphs=list(paragraphs))])
    return Document(report=REPORT, draft=draft)


def test_missing_line_end_punctuation_only() -> None:
    reference = _doc("答复前与申请人电话沟通、确认申请内容。", "一是栏目；二是查阅点。")
    assert only_punctuation_lost(reference, _doc("答复前与申请人电话沟通确认申请内容。", "一是栏目二是查阅点。"))


def test_any_other_difference_is_not_tolerated() -> None:
    reference = _doc("答复前与申请人电话沟通、确认申请内容12件。")
    assert not only_punctuation_lost(reference, _doc("答复前与申请人电话沟通、确认申请内容13件。"))  # a figure
    assert not only_punctuation_lost(reference, _doc("答复前与申请人电话沟通、确认申请件。"))  # words lost
    assert not only_punctuation_lost(reference, _doc("答复前与申请人电话沟通、", "确认申请内容12件。"))  # split
    assert not only_punctuation_lost(reference, _doc("答复前与申请人电话沟通、确认申请内容12件。多出的话。"))
