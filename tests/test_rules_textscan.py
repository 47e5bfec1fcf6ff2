"""The text rules' helpers: clauses, sentences, years, and what a partial document may have cut off."""

from __future__ import annotations

from assistant.resources import schema_data
from assistant.rules.textscan import clauses, is_partial, may_be_cut_off, sentences, snippet, years_in
from tests.narrative import make_doc


def test_clauses_and_sentences_keep_their_spans() -> None:
    text = "2020年，我镇收到申请1件；已办结。下一步将加强培训"
    assert [c for _s, _e, c in clauses(text)] == ["2020年，", "我镇收到申请1件；", "已办结。", "下一步将加强培训"]
    assert [(s, e) for s, e, _c in sentences(text)] == [(0, 15), (15, 19), (19, 27)]


def test_years_in_text_with_pdf_spaces_but_not_in_document_numbers() -> None:
    assert list(years_in("统计期限自 2024 年 1 月 1 日，依据〔2021〕30号")) == [(2024, 6, 10)]


def test_snippet_marks_cut_context() -> None:
    assert snippet("一二三四五六七八九十", 4, 6, 2) == "…三四五六七八…"


def test_partial_documents() -> None:
    whole = make_doc()
    assert not is_partial(whole) and not may_be_cut_off(whole, "other")
    page = make_doc(sections=[("一、总体情况", ["主动公开信息46条"])], missing=["proactive", "other"])
    assert is_partial(page) and may_be_cut_off(page, "overview") and not may_be_cut_off(page, "problems")


def test_vocabulary_files_load() -> None:
    assert {"slips", "placeholders", "upward_letter", "repeat_allowed"} <= set(schema_data("wording"))
