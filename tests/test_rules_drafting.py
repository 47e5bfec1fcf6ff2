"""Drafting rule L1 (assistant/rules/drafting.py): parts of a model's draft that fell back to the template."""

from __future__ import annotations

from assistant.model import Fallback
from tests.narrative import findings, make_doc


def test_l1_quiet_on_a_draft_without_fallbacks() -> None:
    assert findings(make_doc(), "L1") == []


def test_l1_one_finding_per_fallback_paragraph_or_section() -> None:
    doc = make_doc()
    assert doc.narrative is not None
    doc.narrative.provenance.drafter = "llm"
    doc.narrative.provenance.fallbacks = [
        Fallback(section="overview", paragraph=4, reason="经2轮修改仍有错误，本段改用模板文本"),
        Fallback(section="other", reason="模型接口不可用，本部分改用模板文本"),
    ]
    found = findings(doc, "L1")
    assert [(f.severity, f.location.section, f.location.paragraph, f.message, f.suggestion) for f in found] == [
        ("warning", "overview", 4, "经2轮修改仍有错误，本段改用模板文本", "本段为模板生成的规范文字，可在定稿前按本机关实际情况润色"),
        ("warning", "other", None, "模型接口不可用，本部分改用模板文本", "本部分为模板生成的规范文字，可在定稿前按本机关实际情况润色"),
    ]
