"""Every rule's firing and quiet examples (data beside its module, assistant/rules/*.examples.yaml) hold, and every
rule id the code can emit has both kinds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.rules import all_rules
from assistant.rules.examples import claimed, example_findings, expected_findings, fires, is_quiet, load_examples

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
CASES = [(rule_id, kind, i, example) for rule_id, entry in sorted(load_examples().items())
         for kind, examples in (("firing", entry.firing), ("quiet", entry.quiet)) for i, example in enumerate(examples)]


def emitted_ids() -> set[str]:
    """Rule ids written into Findings outside the registry (drafters, firewall …), found in the source."""
    ids: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        ids.update(re.findall(r"\brule=\"([A-Z][\w.]*)\"", text))
        ids.update(re.findall(r"^RULE_ID\s*=\s*\"([A-Z][\w.]*)\"", text, re.M))
    return ids


@pytest.mark.parametrize(("rule_id", "kind", "index", "example"), CASES,
                         ids=[f"{r}-{k}-{i}" for r, k, i, _e in CASES])
def test_rule_example(rule_id: str, kind: str, index: int, example: dict) -> None:
    if kind == "firing" and "findings" in example:  # exactly these findings
        assert claimed(example_findings(rule_id, example)) == expected_findings(example)
    elif kind == "firing":
        assert fires(rule_id, example), example_findings(rule_id, example)
    else:
        assert is_quiet(rule_id, example), [f.message for f in example_findings(rule_id, example)
                                            if f.status == "fail"]


def test_every_rule_and_emitted_id_has_firing_and_quiet_examples() -> None:
    examples = load_examples()
    wanted = {r.id for r in all_rules()} | emitted_ids()
    assert {"L3", "D.missing", "C3", "A5.blank"} <= wanted  # the scan finds the drafters' ids too
    lacking = sorted(i for i in wanted if i not in examples or not examples[i].firing or not examples[i].quiet)
    assert lacking == []


def test_examples_name_only_known_rules() -> None:
    known = {r.id for r in all_rules()} | emitted_ids()
    assert sorted(set(load_examples()) - known) == []


def test_cli_rules_id_prints_description_and_examples() -> None:
    result = CliRunner().invoke(app, ["rules", "--id", "C1.t4"])
    assert result.exit_code == 0, result.output
    assert "正文所述行政复议、行政诉讼件数及结果与表四一致" in result.output
    assert "会报告的示例" in result.output and "不报告的示例" in result.output
    assert "1件行政复议被纠正" in result.output


def test_cli_rules_unknown_id_is_a_chinese_message() -> None:
    result = CliRunner().invoke(app, ["rules", "--id", "ZZ9"])
    assert result.exit_code != 0
    assert "没有编号为“ZZ9”的规则" in result.output
