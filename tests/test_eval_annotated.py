"""The annotated real reports (tests/fixtures/eval and the corpus): every error the checker reports on them is an
annotated fault, the annotations are well formed, and random template drafts get no error."""

from __future__ import annotations

import pytest

from evals.checker.annotated import SETS, evaluate_set, load_annotations
from evals.checker.drafts import draft_errors

CATEGORIES = {"arithmetic", "text_vs_table", "text_internal", "year", "organ", "structure", "format", "completeness",
              "wording", "plausibility", "cross_year"}


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_report_is_annotated_with_known_categories(name: str) -> None:
    folder = SETS[name]
    annotated = load_annotations(folder)
    assert sorted(a.name for a in annotated) == sorted(p.name for p in folder.glob("*.txt"))
    for item in annotated:
        assert item.path.read_text(encoding="utf-8").startswith("# source: "), item.name
        for fault in item.faults:
            assert fault.category in CATEGORIES and fault.severity in ("error", "warning"), (item.name, fault)


def test_the_evaluation_set_has_at_least_forty_reports_none_from_the_corpus() -> None:
    reports = {p.read_text(encoding="utf-8").splitlines()[0] for p in SETS["eval"].glob("*.txt")}
    corpus = {p.read_text(encoding="utf-8").splitlines()[0] for p in SETS["corpus"].glob("*.txt")}
    assert len(reports) >= 40 and not reports & corpus


@pytest.mark.parametrize("name", sorted(SETS))
def test_no_false_error_on_any_real_report(name: str) -> None:
    result = evaluate_set(name)
    wrong = [(j.report, j.finding.rule, j.finding.message) for j in result.judged
             if j.finding.severity == "error" and j.verdict != "right"]
    assert wrong == []
    assert result.refused == []


def test_random_template_drafts_get_no_error() -> None:
    drafted, errors = draft_errors(40, seed=7)
    assert drafted == 40
    assert [(i, f.rule, f.message) for i, f in errors] == []
