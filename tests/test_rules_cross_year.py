"""Cross-year rules X0–X5 (format.md §3.2): this year's report against last year's."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.model import Document, Report
from assistant.pipeline import check_document
from assistant.readers import load_document
from assistant.readers.inputfile import load_data
from tests.conftest import CORPUS, EXAMPLES


def _corpus(name: str) -> Document:
    return load_document(next(CORPUS.glob(f"{name}_*.txt")))


def _sample(**changes: Any) -> Document:
    data = load_data(EXAMPLES / "sample-town-2024.yaml")
    for path, value in changes.items():
        node = data
        *parents, last = path.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = value
    return Document(report=Report.model_validate(data))


def _cross(doc: Document) -> list[tuple[str, str | None, Any, Any]]:
    return [(f.rule, f.location.cell, f.expected, f.found) for f in check_document(doc)
            if f.category == "cross_year" and f.status == "fail"]


def test_hongze_2024_against_2023_is_consistent() -> None:
    doc = _corpus("011")
    doc.previous = _corpus("010")
    assert _cross(doc) == []  # 5 + 3 − 0 = 8 行政规范性文件; carry-over 0 = 0; fees 7730.28 → 7545 万元


def test_another_organ_as_previous_year() -> None:
    doc = _corpus("011")
    doc.previous = _corpus("009")  # 淮安市人民政府 2024
    assert [(r, e, f) for r, _c, e, f in _cross(doc) if r == "X0"] == [
        ("X0", 2023, 2024), ("X0", "淮安市洪泽区人民政府", "淮安市人民政府")]


def test_carry_over_in_force_and_fee_unit() -> None:
    last = _sample(**{"tables.t3.carried_forward": {"natural_person": 2}, "tables.t2.admin_fees": {"fee_amount": 0.35}})
    doc = _sample(**{
        "meta.year": 2025,
        "tables.t3.new_received": {"natural_person": 9, "commercial_enterprise": 2, "other_org": 1},
        "tables.t3.carried_over": {"natural_person": 1},
        "tables.t2.normative_docs": {"issued": 1, "repealed": 0, "in_force": 9},
        "tables.t2.admin_fees": {"fee_amount": 3500},
    })
    doc.previous = last
    assert _cross(doc) == [
        ("X1", "t3.carried_over.natural_person", 2, 1),
        ("X1", "t3.carried_over.total", 2, 1),
        ("X2", "t2.normative_docs.in_force", 6, 9),
        ("X5", "t2.admin_fees.fee_amount", "与上年0.35万元同一数量级", "3500万元"),
    ]


def test_format_boundary_is_not_assessable() -> None:
    doc = _sample(**{"meta.year": 2021})
    doc.previous = _corpus("000")  # 2020, 2019 format
    findings = [f for f in check_document(doc) if f.rule == "X4"]
    assert [(f.status, f.severity) for f in findings] == [("not_assessable", "info")]


def test_cross_year_rules_need_previous() -> None:
    assert not [f for f in check_document(_sample()) if f.category == "cross_year"]


def test_unreadable_table_last_year_is_not_compared() -> None:
    doc = _corpus("003")  # 2021, table 二 uncertain
    doc.previous = _corpus("001")  # 2019, table 二 uncertain
    assert [r for r, *_ in _cross(doc) if r in ("X2", "X3", "X5")] == []


@pytest.mark.parametrize(("previous", "expected"), [("009", ["X0", "X0", "X1", "X1", "X2", "X2"]), ("010", []), (None, [])])
def test_cli_previous(previous: str | None, expected: list[str]) -> None:
    argv = ["check", str(next(CORPUS.glob("011_*.txt"))), "--json"]
    if previous:
        argv += ["--previous", str(next(CORPUS.glob(f"{previous}_*.txt")))]
    result = CliRunner().invoke(app, argv)
    assert result.exit_code in (0, 1), result.output
    findings = json.loads(result.stdout)["findings"]
    assert sorted(f["rule"] for f in findings if f["category"] == "cross_year") == expected


def test_cli_previous_bad_file(tmp_path) -> None:  # noqa: ANN001
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(app, ["check", str(next(CORPUS.glob("011_*.txt"))), "--previous", str(empty)])
    assert result.exit_code == 2
    assert "文件为空" in result.output and "Traceback" not in result.output


def test_previous_items_2019_format() -> None:
    data = load_data(EXAMPLES / "zhuting-2020.yaml")
    last = dict(data, meta=dict(data["meta"], year=2019))
    last["tables"] = dict(data["tables"], t2=dict(data["tables"]["t2"], admin_license={
        "prev_items": 5, "change": 2, "decisions": 3}))
    doc = Document(report=Report.model_validate(data))
    doc.previous = Document(report=Report.model_validate(last))
    assert _cross(doc) == [("X3", "t2.admin_license.prev_items", 7, 0)]


def test_previous_items_2019_format_quiet_when_they_carry_over() -> None:
    data = load_data(EXAMPLES / "zhuting-2020.yaml")
    data["tables"] = dict(data["tables"], t2=dict(data["tables"]["t2"], admin_license={
        "prev_items": 7, "change": 0, "decisions": 3}))
    last = dict(data, meta=dict(data["meta"], year=2019))
    last["tables"] = dict(data["tables"], t2=dict(data["tables"]["t2"], admin_license={
        "prev_items": 5, "change": 2, "decisions": 3}))
    doc = Document(report=Report.model_validate(data))
    doc.previous = Document(report=Report.model_validate(last))
    assert _cross(doc) == []  # 5 + 2 = 7
