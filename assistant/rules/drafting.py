"""Drafting rules: what a language-model draft records about itself (parts that fell back to the template), and the
staff's notes no drafter writes into the text: those that read as instructions to a model (L2), those on handling
applications when table 三 has none (D.handling), those that give another organ as their channel or subject (D.foreign), those
too thin to be a sentence (D.thin). The ids the drafters
emit themselves while drafting (L3, D.missing) are declared here, so that the registry knows every id."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.model import Location
from assistant.rules.registry import Hit, RuleRun, declare, rule

if TYPE_CHECKING:
    from assistant.drafting.unfit_notes import UnfitNote


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


def _unfit_notes(run: RuleRun, reason: str) -> Iterator[UnfitNote]:
    """The notes the drafter leaves out of the text for one reason (assistant.drafting.unfit_notes)."""
    from assistant.drafting.unfit_notes import unfit_notes

    return (unfit for unfit in unfit_notes(run.doc.report) if unfit.reason == reason)


@rule("D.handling", "drafting", "warning", "表三本年没有申请时，工作情况说明中写办理申请情况的条目不写入正文", scope="text",
      needs=("narrative",))
def handling_without_applications(run: RuleRun) -> Iterator[Hit]:
    for unfit in _unfit_notes(run, "handling"):
        yield Hit(
            message=f"说明写了办理申请的情况（“{unfit.note}”），但表三本年没有收到申请，也无上年结转，未写入正文",
            location=Location(), evidence=unfit.note[:80], expected="表三中有申请", found="表三本年新收0件、上年结转0件",
            suggestion="核对表三：确有申请的，补填表三后重新起草；确无申请的，删去这一条或改写为制度安排"
                       "（如“明确党政办为依申请公开受理机构”）",
        )


@rule("D.foreign", "drafting", "warning", "工作情况说明中以其他乡镇、街道或县为渠道或主语的条目不写入正文", scope="text",
      needs=("narrative",))
def notes_naming_another_organ(run: RuleRun) -> Iterator[Hit]:
    meta = run.doc.report.meta
    for unfit in _unfit_notes(run, "foreign"):
        yield Hit(
            message=f"说明中的“{unfit.note}”写的是“{unfit.name}”，不是本机关（{meta.organ_name}），未写入正文",
            location=Location(), evidence=unfit.note[:80], expected=meta.short_name or meta.organ_name,
            found=unfit.name,
            suggestion=f"这一条像是从{unfit.name}的材料照搬的：如确是本机关的工作，改为本机关的名称或渠道后重新起草；"
                       "否则删去",
        )


@rule("D.thin", "drafting", "warning", "工作情况说明中过于简略、看不出做了什么的条目（如“公开栏”）不写入正文", scope="text",
      needs=("narrative",))
def notes_too_thin(run: RuleRun) -> Iterator[Hit]:
    for unfit in _unfit_notes(run, "thin"):
        yield Hit(
            message=f"说明中的“{unfit.note}”过于简略，看不出做了什么，未写入正文",
            location=Location(), evidence=unfit.note[:80], expected="工作事实（做了什么、数量多少）", found=unfit.note[:80],
            suggestion="改写为完整的工作事实（如“更新村务公开栏24次”）后重新起草；否则删去这一条",
        )


declare("L3", "drafting", "error", "模型文字只使用数据清单中的数据编号（不存在的编号不写入正文）", scope="text",
        emitted_by="assistant.drafting.llm")
declare("D.missing", "completeness", "warning", "正文需要而输入中没有的事实以“〔待补：…〕”标出并提示，不作编造",
        scope="text", emitted_by="assistant.drafting.missing")
