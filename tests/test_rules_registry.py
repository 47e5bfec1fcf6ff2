"""The rule registry: one context per run (claims extracted once), functions that report several ids, declared ids,
and the scope lookup."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import assistant.claims
from assistant.model import Document, Draft, Location, Section
from assistant.readers.inputfile import load_report
from assistant.rules import REGISTRY, all_rules, run_rules
from assistant.rules.registry import Declared, Hit, RuleRun, rules, scope_of
from tests.conftest import EXAMPLES


def _sample_document(overview: str) -> Document:
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    draft = Draft(title="示范县青石镇人民政府2024年政府信息公开工作年度报告",
                  sections=[Section(heading="一、总体情况", key="overview", paragraphs=[overview])])
    return Document(report=report, draft=draft)


def test_a_run_extracts_the_claims_once_for_every_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Draft] = []
    extract_all = assistant.claims.draft_claims

    def counted(draft: Draft) -> list:
        calls.append(draft)
        return extract_all(draft)

    monkeypatch.setattr(assistant.claims, "draft_claims", counted)
    doc = _sample_document("2024年，我镇共收到政府信息公开申请15件，其中予以公开8件、部分公开2件，占比60%。")
    findings = run_rules(doc, ("text",))
    assert len(calls) == 1  # C1…C6, I1, I2 and C9 all read the same extraction
    assert [(f.rule, f.expected, f.found) for f in findings if f.rule in ("C1", "C2", "I2")] == [
        ("C1", 12, 15), ("C1", 5, 8), ("C1", 1, 2), ("I2", "13%", "60%")]
    run_rules(doc, ("text",))
    assert len(calls) == 2  # nothing is kept between runs


@pytest.fixture
def family() -> Iterator[list[RuleRun]]:
    """Two test ids reported by one function (removed from the registry afterwards)."""
    runs: list[RuleRun] = []

    @rules(Declared("ZZ1", "wording", "warning", "测试：第一个编号", needs=("narrative",)),
           Declared("ZZ2", "text_vs_table", "error", "测试：第二个编号", needs=("narrative", "t4")),
           scope="text")
    def two_ids(run: RuleRun) -> Iterator[Hit]:
        runs.append(run)
        for rule_id in ("ZZ2", "ZZ1", "ZZ2"):
            yield Hit(rule=rule_id, message=f"{rule_id}的发现", location=Location(section="overview"))

    all_rules()
    try:
        yield runs
    finally:
        REGISTRY.pop("ZZ1")
        REGISTRY.pop("ZZ2")


def test_one_function_reports_several_declared_ids(family: list[RuleRun]) -> None:
    doc = _sample_document("2024年，我镇扎实推进政府信息公开工作。")
    findings = [f for f in run_rules(doc, ("text",)) if f.rule.startswith("ZZ")]
    assert len(family) == 1  # run once for both ids
    assert [(f.rule, f.category, f.severity, f.message) for f in findings] == [
        ("ZZ1", "wording", "warning", "ZZ1的发现"),
        ("ZZ2", "text_vs_table", "error", "ZZ2的发现"),
        ("ZZ2", "text_vs_table", "error", "ZZ2的发现"),
    ]
    doc.missing.append("t4")  # ZZ2 cannot be assessed: its hits give way to one "无法校核"
    findings = [f for f in run_rules(doc, ("text",)) if f.rule.startswith("ZZ")]
    assert [(f.rule, f.status) for f in findings] == [("ZZ1", "fail"), ("ZZ2", "not_assessable")]
    assert findings[1].message == "无法校核：测试：第二个编号（缺少表四）"


def test_a_hit_of_an_undeclared_id_is_refused() -> None:
    @rules(Declared("ZZ3", "wording", "warning", "测试：只声明了这一个"), scope="text")
    def strays(run: RuleRun) -> Iterator[Hit]:
        yield Hit(rule="ZZ4", message="未声明的编号")

    try:
        with pytest.raises(ValueError, match="ZZ4"):
            run_rules(_sample_document("正文。"), ("text",))
    finally:
        REGISTRY.pop("ZZ3")


def test_the_registry_knows_every_scope_and_the_drafters_ids() -> None:
    assert [scope_of(i) for i in ("C1", "C3", "I1", "L3", "D.missing", "X9")] == [
        "text", "text", "text", "text", "text", None]
    assert {r.scope for r in all_rules()} == {"figures", "text", "cross_year"}
    declared = {r.id: r.emitted_by for r in all_rules() if r.check is None}
    assert declared == {"L3": "assistant.drafting.llm", "D.missing": "assistant.drafting.missing"}
    # declared ids are listed, never run
    doc = _sample_document("正文。")
    assert not any(f.rule in declared for f in run_rules(doc, ("figures", "text")))
