"""X6 (内容雷同 year on year): a narrative section repeating last year's is a warning naming the section and ratio."""

from __future__ import annotations

from assistant.drafting.template import TemplateDrafter
from assistant.model import Document
from assistant.pipeline import check_document
from evals.similarity import NOTE_POOL, own_notes, sample_data, township


def year_pair(notes_2023: dict, notes_2024: dict) -> Document:
    before, now = township(0, "青石镇", 2023, notes=notes_2023), township(0, "青石镇", 2024, notes=notes_2024)
    doc = Document(report=now, draft=TemplateDrafter().draft(now))
    doc.previous = Document(report=before, draft=TemplateDrafter().draft(before))
    return doc


def test_x6_fires_on_a_report_redrafted_from_last_years_notes() -> None:
    notes = sample_data()["notes"]
    found = [f for f in check_document(year_pair(notes, notes)) if f.rule == "X6"]
    # 总体情况 is now the office's notes without 条例 quotations or leads in between: redrafted from last year's notes, it
    # is found too (it measured 0.66 with the varied padding, below the threshold; 0.88 with the provisions quoted
    # before notes on their matter, 0.90 with no provision quoted, 0.88 with tables 二 and 三 told in it, 0.86 with more sentence structures,
    # 0.87 with the subjects of a third review, 0.74 with table figures before the notes for some organs and more phrasings)
    assert [(f.severity, f.location.section, f.found) for f in found] == [("warning", "overview", "0.74"),
                                                                          ("warning", "problems", "0.90")]
    assert found[1].message == ("“五、存在的主要问题及改进情况”与上年度报告的相应部分高度相似（相似度0.90，超过0.70），"
                                "可能照搬上年内容")


def test_x6_quiet_when_this_years_notes_are_this_years() -> None:
    notes = sample_data()["notes"]
    fresh = dict(own_notes(5), problems=NOTE_POOL["problems"][2:], measures=NOTE_POOL["measures"][2:],
                 last_year_improvements=NOTE_POOL["last_year_improvements"][1:])  # this year's notes for 总体情况 too
    assert [f for f in check_document(year_pair(notes, fresh)) if f.rule == "X6"] == []


def test_x6_needs_last_years_report() -> None:
    now = township(0, "青石镇", 2024, notes=sample_data()["notes"])
    doc = Document(report=now, draft=TemplateDrafter().draft(now))
    assert [f for f in check_document(doc) if f.rule == "X6"] == []
