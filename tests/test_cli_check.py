"""`nianbao check` and load_document, on the 000 narrative (the issue's must-show) and on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import InputError
from assistant.pipeline import check_document
from assistant.readers import load_document
from assistant.rules import REGISTRY, all_rules, scope_of
from tests.conftest import EXAMPLES, FIXTURES

NARRATIVE_000 = FIXTURES / "zhuting-2020-narrative.yaml"
all_rules()  # fill the registry

# What a careful reviewer finds in 000's text (corpus README), as (rule, section, paragraph, found):
EXPECTED_000 = {
    ("O1", "overview", 0, "街道"),  # "街道加强人员队伍的建设和管理" in a 镇 report
    ("Y4", "problems", 0, "2020"),  # "2020年政府信息公开工作我们将采取以下措施" in the 2020 report
    ("W1", "overview", 4, "，"),  # "落实保密审查责任，"
    ("W4", "problems", 1, "信息公共"),  # "做好信息公共工作"
    ("W1.stop", "problems", 1, "提高做好信息公共工作的能力以及水平"),  # the same paragraph ends "…能力以及水平" with no 。 (its neighbours end with 。)
    ("F5", "title", 0, "竹亭镇2020年度政府信息公开年度报告"),  # lacks 工作
    # 总体情况 says nothing of 依申请公开 though table 三 has 1 application: C5.silent's finding (not S5's too)
    ("S6", "overview", None, "缺工作考核、社会评议"),  # a 人民政府 report: 考核 and 评议 results absent
    ("U1", None, None, "1400000"),  # 政府集中采购 采购总金额 has no unit (figure rule)
}


def _key(f) -> tuple:  # noqa: ANN001
    return (f.rule, f.location.section, f.location.paragraph, None if f.found is None else str(f.found))


def test_load_document_infers_section_keys_from_headings() -> None:
    doc = load_document(NARRATIVE_000)
    assert doc.narrative is not None
    assert [s.key for s in doc.narrative.sections] == [None] * 6
    from assistant.headings import section_key

    assert [section_key(s) for s in doc.narrative.sections] == [
        "overview", "proactive", "requests", "appeals", "problems", "other"]


CHECKED_MODULES = {f"assistant.rules.{m}" for m in ("years", "organ", "structure", "format_text", "wording", "figures",
                                                    "plausibility", "punctuation")}


def _mine(rule_id: str) -> bool:
    return REGISTRY[rule_id].check.__module__ in CHECKED_MODULES


def test_000_narrative_findings_are_exactly_the_reviewers() -> None:
    findings = [f for f in check_document(load_document(NARRATIVE_000)) if f.status == "fail"]
    assert {_key(f) for f in findings if _mine(f.rule)} == EXPECTED_000
    doc = load_document(NARRATIVE_000)
    assert doc.narrative is not None
    texts = {"overview": doc.narrative.sections[0].paragraphs, "problems": doc.narrative.sections[4].paragraphs}
    for rule, word in (("O1", "街道"), ("Y4", "2020")):
        f = next(f for f in findings if f.rule == rule)
        assert f.location.span is not None and f.location.paragraph is not None and f.location.section is not None
        start, end = f.location.span
        assert texts[f.location.section][f.location.paragraph][start:end] == word
    assert next(f for f in findings if f.rule == "W1").evidence == "落实保密审查责任，"


def test_000_claim_rules_add_only_the_silent_application() -> None:
    """With the text-vs-table rules present: their one finding is that 总体情况 says nothing of the application."""
    findings = [f for f in check_document(load_document(NARRATIVE_000)) if f.status == "fail" and not _mine(f.rule)]
    if not any(r.category in ("text_vs_table", "text_internal") for r in REGISTRY.values()):
        pytest.skip("正文与表格规则尚未加入")
    assert [(f.location.section, "申请" in f.message) for f in findings] == [("overview", True)]


def test_check_command_text_and_exit_code() -> None:
    result = CliRunner().invoke(app, ["check", str(NARRATIVE_000)])
    assert result.exit_code == 1  # O1 and Y4 are errors
    assert "街道" in result.stdout and "O1" in result.stdout and "错误 2 项" in result.stdout


def test_check_command_json() -> None:
    result = CliRunner().invoke(app, ["check", str(NARRATIVE_000), "--json"])
    data = json.loads(result.stdout)
    assert data["document"]["organ"] == "袁州区竹亭镇人民政府"
    rules = {f["rule"] for f in data["findings"]}
    assert {"O1", "Y4", "W1", "W4", "F5"} <= rules


def test_check_without_narrative_runs_figure_rules_only() -> None:
    result = CliRunner().invoke(app, ["check", str(EXAMPLES / "sample-town-2024.yaml"), "--json"])
    assert result.exit_code == 0
    assert all(scope_of(f["rule"]) == "figures" for f in json.loads(result.stdout)["findings"])


def test_check_and_draft_of_an_input_agree_on_an_early_sign_date(tmp_path: Path) -> None:
    """Bug: ``check`` of an input file signed 2024-06-01 for the 2024 report gave 0 errors and exit 0, while ``draft``
    of it reported Y7 (exit 1): Y7 judged only the narrative's closing, which an input file does not have."""
    early = tmp_path / "early.yaml"
    early.write_text((EXAMPLES / "sample-town-2024.yaml").read_text(encoding="utf-8")
                     .replace("sign_date: 2025-01-20", "sign_date: 2024-06-01"), encoding="utf-8")
    message = "落款日期“2024年6月1日”不在2024年度报告应有的发布年份（2025年）"
    checked = CliRunner().invoke(app, ["check", str(early)], env={"COLUMNS": "200"})
    assert checked.exit_code == 1
    assert checked.stdout == (
        "示范县青石镇人民政府 2024年度（2021年版表格）\n"
        "已检查：表格；未检查正文：输入中没有 narrative（正文）；未做跨年度比对：没有上一年度的报告（--previous）\n"
        "[错误·不符] Y7 年份 | 基本信息·落款日期\n"
        f"    {message}\n"
        "    期望：2025年；实际：2024年6月1日\n"
        "    建议：核对落款日期（2024年度报告在2025年发布）\n"
        "错误 1 项，警告 0 项，提示 0 项\n")
    drafted = CliRunner().invoke(app, ["draft", str(early), "-o", str(tmp_path / "out")], env={"COLUMNS": "200"})
    assert drafted.exit_code == 1
    assert f"[错误·不符] Y7 年份 | 落款 第2段\n    {message}\n" in drafted.stdout


def test_check_unsupported_suffix_and_missing_file(tmp_path: Path) -> None:
    odd = tmp_path / "report.odt"
    odd.write_bytes(b"PK\x03\x04")
    result = CliRunner().invoke(app, ["check", str(odd)])
    assert result.exit_code == 2
    with pytest.raises(InputError, match="不支持的文件类型“.odt”"):
        load_document(odd)
    result = CliRunner().invoke(app, ["check", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2 and "文件不存在" in result.stderr


def test_check_bad_narrative_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(NARRATIVE_000.read_text(encoding="utf-8").replace("  title: 竹亭镇", "  title: [竹亭镇", 1).replace("年度报告\n  preamble", "年度报告]\n  preamble", 1), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(bad)])
    assert result.exit_code == 2 and "  - 已有正文·标题：应为文字，实为 一个列表" in result.stderr
