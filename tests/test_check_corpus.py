"""`nianbao check` on the real reports of tests/fixtures/corpus/ (copies of public reports): what the corpus README lists is found; partial pages
do not crash and say what could not be checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.model import Finding
from assistant.pipeline import check_document
from assistant.readers import load_document
from tests.conftest import CORPUS

TABLE_RULES = ("A1", "A2", "A3", "A4")


def _check(name: str) -> list[Finding]:
    return check_document(load_document(next(CORPUS.glob(f"{name}_*.txt"))))


def _fails(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule and f.status == "fail"]


def test_000_the_reviewers_list() -> None:
    found = {(f.rule, str(f.found)) for f in _check("000") if f.status == "fail"}
    assert {("O1", "街道"), ("Y4", "2020"), ("W1", "，"), ("W4", "信息公共"),
            ("F5", "竹亭镇2020年度政府信息公开年度报告"), ("U1", "1400000")} <= found
    assert any(rule == "C5.silent" for rule, _value in found)  # 总体情况 silent on the 1 application (not S5 too)
    assert not any(rule in TABLE_RULES for rule, _ in found)  # T3 arithmetic holds (1+0 = 1+0)


def test_001_typo_and_arithmetic_holds() -> None:
    findings = _check("001")
    assert any(f.rule == "W4" and f.found == "残差不齐" for f in findings)
    assert not any(_fails(findings, r) for r in TABLE_RULES)  # 23+0 = 23+0
    assert any(f.rule == "RD3" and f.status == "uncertain" for f in findings)  # table 二 runs not splittable
    assert [f.message for f in _fails(findings, "RD1")] == ["表三的“三、本年度办理结果”重复出现（官方表格中只有一处）"]


def test_003_duplicated_word_and_page_source() -> None:
    findings = _check("003")
    assert any(f.rule == "W2" and f.found == "审核审核" for f in findings)
    assert [f.message for f in _fails(findings, "RD4")] == [
        "页面信息中的发布机关为“平潭县人民政府”，与报告机关“平潭综合实验区”不一致"]
    assert not any(_fails(findings, r) for r in TABLE_RULES)


@pytest.mark.parametrize("name", ["007", "009"])
def test_consistent_tables_give_no_arithmetic_finding(name: str) -> None:
    assert not any(_fails(_check(name), r) for r in (*TABLE_RULES, "A5", "A5.blank"))


def test_010_table_four_totals_contradict_their_parts() -> None:
    findings = _check("010")
    assert [(f.location.cell, f.expected, f.found) for f in _fails(findings, "A4")] == [
        ("t4.review.total", 11, 0), ("t4.suit_after_rev.total", 5, 0)]
    assert any("其他法律行政止公开" in f.message for f in _fails(findings, "RD1"))
    assert not _fails(findings, "A1") and not _fails(findings, "A2")


def test_011_label_typo_and_consistent_tables() -> None:
    findings = _check("011")
    assert any("其他法律行政止公开" in f.message for f in _fails(findings, "RD1"))
    assert not any(_fails(findings, r) for r in TABLE_RULES)


def test_011_text_says_17_applications_against_95() -> None:
    pytest.importorskip("assistant.claims")  # the claim rules of issue 3
    findings = _check("011")
    assert any(f.category == "text_vs_table" and str(f.found) == "17" for f in findings)


def test_021_town_with_rules_in_force() -> None:
    findings = _check("021")
    p1 = _fails(findings, "P1")
    assert [(f.location.cell, f.found) for f in p1] == [("t2.rules.in_force", 6)]


PARTIAL = sorted(p for p in CORPUS.glob("*.txt") if 12 <= int(p.name[:3]) <= 26)


@pytest.mark.parametrize("path", PARTIAL, ids=lambda p: p.name[:3])
def test_page_beginnings_say_what_could_not_be_checked(path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(path), "--json"])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    findings = data["findings"]
    not_assessable = [f for f in findings if f["status"] == "not_assessable"]
    assert not_assessable and all(f["message"].startswith("无法校核") for f in not_assessable)
    # nothing is claimed about absent tables: their arithmetic rules did not "fail"
    assert not [f for f in findings if f["rule"] in TABLE_RULES and f["status"] == "fail"]


def test_check_text_report_exit_codes() -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["check", str(next(CORPUS.glob("010_*.txt")))]).exit_code == 1
    result = runner.invoke(app, ["check", str(next(CORPUS.glob("009_*.txt"))), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["document"]["organ"] == "淮安市人民政府"


def test_016_truncated_table_two_headers() -> None:
    findings = _check("016")
    assert [f.message for f in _fails(findings, "RD1")] == [
        "表二缺少表头“本年新制作数量”“本年新公开数量”（或表头文字与官方格式不同）"]


def test_018_tables_not_captured_are_not_assessable() -> None:
    doc = load_document(next(CORPUS.glob("018_*.txt")))
    assert {"t2", "t3", "t4"} <= set(doc.missing)
    findings = check_document(doc)
    assert {f.rule for f in findings if f.status == "not_assessable"} >= {"A1", "A2", "A3", "A4", "P1"}


def test_rd4_the_pages_source_may_name_the_organ_in_short(tmp_path: Path) -> None:
    """Unseen report (通道县卫生健康局 2022, its page's 信息来源 "通道县卫健局"): the short name is the organ; another
    organ on the page is still named."""
    opening = ("通道县卫生健康局2022年度政府信息公开工作年度报告\n发布时间:2023-02-10 信息来源:{source}\n"
               "根据《中华人民共和国政府信息公开条例》，现公布通道侗族自治县卫生健康局2022年政府信息公开工作年度报告。\n"
               "一、总体情况\n2022年，我局认真贯彻落实《条例》。\n")
    messages = []
    for source in ("通道县卫健局", "通道侗族自治县卫生健康局", "通道县财政局"):
        path = tmp_path / "report.txt"
        path.write_text(opening.format(source=source), encoding="utf-8")
        messages += [f.message for f in check_document(load_document(path)) if f.rule == "RD4"]
    assert messages == ["页面信息中的发布机关为“通道县财政局”，与报告机关“通道县卫生健康局”不一致"]
