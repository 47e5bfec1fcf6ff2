"""The mutation evaluation on a sample: recall per kind of error, and no error on the unmutated texts."""

from __future__ import annotations

import pytest

from evals.checker.mutations import GENERATORS
from evals.checker.run import RELEVANT, TARGET, evaluate, load_bases, report

TEXT_RULE_KINDS = ["year", "organ", "section", "upward", "duplicate"]
CLAIM_KINDS = ["number", "scope", "percentage", "sum"]  # found by the text_vs_table / text_internal rules


@pytest.fixture(scope="module")
def bases():  # noqa: ANN201
    return load_bases()


def test_bases_are_the_six_consistent_texts(bases) -> None:  # noqa: ANN001
    assert sorted(bases) == ["huaian-2024", "pingtan-2021", "pingtan-2025", "sample-town-2024", "street-2022", "zhuting-2020"]


def test_no_error_on_the_unmutated_texts(bases) -> None:  # noqa: ANN001
    evaluation = evaluate(bases, kinds=["duplicate"], per_base=0)
    assert evaluation.base_errors() == []
    assert [f.rule for f in evaluation.base_findings["sample-town-2024"]] == []


def test_every_kind_has_mutations_on_some_base(bases) -> None:  # noqa: ANN001
    assert set(GENERATORS) == set(RELEVANT)
    for kind, generate in GENERATORS.items():
        assert sum(1 for name, doc in bases.items() for _m in generate(name, doc)) >= 5, kind


def test_a_mutation_changes_exactly_one_place(bases) -> None:  # noqa: ANN001
    doc = bases["sample-town-2024"]
    mutation = next(GENERATORS["year"]("sample-town-2024", doc))
    assert (mutation.where, mutation.after) == ("标题", "县青石镇人民政府2023年政府信息公开工")
    assert doc.narrative is not None and doc.narrative.title.startswith("示范县青石镇人民政府2024年")


@pytest.mark.parametrize("kind", TEXT_RULE_KINDS)
def test_recall_of_text_rules(bases, kind: str) -> None:  # noqa: ANN001
    evaluation = evaluate(bases, kinds=[kind], per_base=4)
    result = evaluation.kinds[kind]
    assert result.total >= 8
    assert result.recall >= TARGET, report(evaluation)


@pytest.mark.parametrize("kind", CLAIM_KINDS)
def test_recall_of_claim_rules(bases, kind: str) -> None:  # noqa: ANN001
    evaluation = evaluate(bases, kinds=[kind], per_base=4)
    assert evaluation.kinds[kind].recall >= TARGET, report(evaluation)
