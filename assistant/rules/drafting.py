"""Drafting rules: what a language-model draft records about itself (parts that fell back to the template)."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.model import Document, Location
from assistant.rules.registry import Hit, rule


@rule("L1", "drafting", "warning", "正文部分由模板文本替换（语言模型的稿子未通过校核，或模型接口不可用）", scope="text",
      needs=("narrative",))
def template_fallbacks(doc: Document) -> Iterator[Hit]:
    draft = doc.narrative
    if draft is None:
        return
    for fb in draft.provenance.fallbacks:
        where = "本段" if fb.paragraph is not None else "本部分"
        yield Hit(
            message=fb.reason, location=Location(section=fb.section, paragraph=fb.paragraph),
            expected="语言模型起草并通过校核的文字", found="模板文本",
            suggestion=f"{where}为模板生成的规范文字，可在定稿前按本机关实际情况润色",
        )
