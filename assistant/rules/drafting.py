"""Drafting rules: what a language-model draft records about itself (parts that fell back to the template), and the
staff's notes that read as instructions to a model, which no drafter writes into the text. The ids the drafters
emit themselves while drafting (L3, D.missing) are declared here, so that the registry knows every id."""

from __future__ import annotations

from collections.abc import Iterator

from assistant.model import Location
from assistant.rules.registry import Hit, RuleRun, declare, rule


@rule("L1", "drafting", "warning", "正文部分由模板文本替换（语言模型的稿子未通过校核，或模型接口不可用）", scope="text",
      needs=("narrative",))
def template_fallbacks(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
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


@rule("L2", "drafting", "warning", "工作情况说明中有像是给模型的指令的条目（未写入正文）", scope="text",
      needs=("narrative",))
def instruction_notes(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    notes = doc.report.notes
    if not any(getattr(notes, aspect) for aspect in type(notes).model_fields):
        return  # an existing report read from its text has no notes: the firewall's import is not needed
    from assistant.drafting.firewall import citable_report

    for note in citable_report(doc.report)[1]:
        yield Hit(
            message=f"工作情况说明中的“{note}”像是要求起草者怎么写的指令，不是工作事实，未写入正文",
            location=Location(), evidence=note[:80], expected="工作事实（做了什么、数量多少）", found=note[:80],
            suggestion="如确有其事，请改写为工作事实（如“全年组织培训2次”）后重新起草；否则删去这一条",
        )


declare("L3", "drafting", "error", "模型文字只使用数据清单中的数据编号（不存在的编号不写入正文）", scope="text",
        emitted_by="assistant.drafting.llm")
declare("D.missing", "completeness", "warning", "正文需要而输入中没有的事实以“〔待补：…〕”标出并提示，不作编造",
        scope="text", emitted_by="assistant.drafting.missing")
