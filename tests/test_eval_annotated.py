"""The annotated real reports (tests/fixtures/eval and the corpus): every error the checker reports on them is an
annotated fault, the annotations are well formed, and random template drafts get no error."""

from __future__ import annotations

from collections import Counter

import pytest

from assistant.model import Finding
from evals.checker.annotated import EVAL_PARTS, SETS, Fault, SetResult, evaluate_set, load_annotations
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


def test_the_eval_parts_split_the_eval_set_by_report_number() -> None:
    annotated = load_annotations(SETS["eval"])
    parts = {key: sorted(a.name[:3] for a in annotated if select(a)) for key, (_title, select) in EVAL_PARTS.items()}
    assert parts["two_readers"] == [f"e{i:02d}" for i in range(1, 47)]
    assert parts["independent_seen"] == [f"e{i:02d}" for i in range(47, 59)]
    assert parts["first_contact"] == [f"n{i:02d}" for i in range(1, 17)]
    assert parts["fresh"] == [f"f{i:02d}" for i in range(1, 22)]
    assert parts["fresh_after"] == [f"g{i:02d}" for i in range(1, 21)]
    assert parts["held_out"] == [f"h{i:02d}" for i in range(1, 21)]
    assert sum(len(v) for v in parts.values()) == len(annotated)


def test_two_reader_annotations_say_who_found_each_fault() -> None:
    blind = ("first_contact", "fresh", "fresh_after", "held_out")  # independent readers who never saw the checker
    for item in load_annotations(SETS["eval"]):
        if any(EVAL_PARTS[part][1](item) for part in ("two_readers", *blind)):
            # (3,): the third reader, reviewing a finding neither reader marked (a class they marked elsewhere)
            assert [f.readers for f in item.faults if f.readers not in ((1,), (2,), (1, 2), (3,))] == [], item.name
        if any(EVAL_PARTS[part][1](item) for part in blind):
            assert item.independent, item.name


def test_agreement_counts_faults_by_their_readers() -> None:
    result = SetResult("eval")
    for readers in ((1, 2), (2, 1), (1,), (2,), (2,), (3,), ()):
        result.faults.append(("r.txt", Fault("wording", "warning", "保障保障", readers=readers), False))
    assert result.agreement() == Counter({"both": 2, "only2": 2, "only1": 1, "third": 1, "unknown": 1})


def test_a_two_character_found_text_does_not_point_at_an_unrelated_fault() -> None:
    # e13: W6 found "、情况" (squeezed: "情况") must not also count as finding "(四)政府信息平台建设情况"
    finding = Finding(rule="W6", category="wording", severity="warning", message="多余的顿号：“、情况”",
                      evidence="…申请提出的行政复议、行政诉讼、情况。", found="、情况")
    assert Fault("wording", "warning", "行政诉讼、情况").matches(finding)
    assert not Fault("wording", "warning", "(四)政府信息平台建设情况").matches(finding)
