"""The plain-text listing of findings: every printed item counted, not-assessable rules grouped by cause (the JSON
keeps each), and a table cut off is named as incomplete from the row where it stops."""

from __future__ import annotations

from pathlib import Path

from assistant.pipeline import check_document
from assistant.readers import load_document
from assistant.render.findings import findings_json, findings_text

EVAL = Path(__file__).parent / "fixtures" / "eval"


def test_a_partial_page_groups_not_assessable_rules_by_cause() -> None:
    doc = load_document(EVAL / "e47_guanzhoujiedao_haizhu_2023.txt")  # the page ends inside table 三
    findings = check_document(doc)
    lines = findings_text(doc, findings).splitlines()
    # C5.silent is assessed: table 三's first two rows were read before the cut (1 application; the overview is
    # silent on it), so it is a warning, not one of the rules that cannot be checked
    assert lines[-5:] == [
        "[提示·无法校核] A1、A2、A3、C1、C2、C3、C6、H1（8 项）",
        "    无法校核的原因：表三不完整：在“6.属于四类过程性信息”之后中断（各项说明见 --json 输出）",
        "[提示·无法校核] A4、C1.t4、C5.silent.t4（3 项）",
        "    无法校核的原因：缺少表四（各项说明见 --json 输出）",
        "错误 0 项，警告 2 项，提示 15 项（其中存疑 4 项，无法校核 11 项）",
    ]
    assert sum(1 for line in lines if line.startswith("[")) == 2 + 4 + 2
    listed = [f for f in findings_json(doc, findings)["findings"] if f["status"] == "not_assessable"]
    assert len(listed) == 11
    assert listed[0]["message"].endswith("（表三不完整：在“6.属于四类过程性信息”之后中断）")
