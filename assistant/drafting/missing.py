"""Facts a report's narrative needs that the input does not give: each becomes 〔待补：…〕 and a warning.

A drafter never invents them. :func:`missing_facts` lists them from the Report alone; :func:`missing_fact_findings`
turns them into Findings, located at their placeholder when a draft is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.drafting.note_text import (
    ACCOUNTABILITY_WORDS,
    THIN_NOTE_CHARS,
    clean,
    is_nothing,
    is_placeholder,
    states_duty_result,
    states_improvement,
)
from assistant.headings import sections_data
from assistant.model import GOVERNMENT_KINDS, Draft, Finding, Location, Report, field_label
from assistant.numbering import chinese_date
from assistant.organ_words import allowed_self_references
from assistant.patterns import lazy_compile
from assistant.textview import paragraphs

RULE_ID = "D.missing"  # emitted by the drafters; declared in the rule registry (assistant.rules.drafting)
FEE_FROM_YEAR = 2021  # 信息处理费 (国办函〔2020〕109号) is reported from the 2021 report on

# Notes the narrative cannot be written without (依申请公开 is written from table 三, 其他 is optional; 五 always
# reports 本年问题, 上年度问题改进 and 下一年度措施).
REQUIRED_NOTES: dict[str, str] = {
    "proactive": "overview",
    "management": "overview",
    "platform": "overview",
    "oversight": "overview",
    "problems": "problems",
    "last_year_improvements": "problems",
    "measures": "problems",
}
_NOTE_WHAT = {
    "proactive": "主动公开工作情况",
    "management": "政府信息管理工作情况",
    "platform": "政府信息公开平台建设情况",
    "oversight": "监督保障工作情况",
    "problems": "本年度存在的主要问题",
    "last_year_improvements": "上年度问题的改进情况",
    "measures": "下一步改进措施",
}
# What real township reports say in each aspect of 总体情况 (tests/fixtures/corpus): named in the 〔待补〕 of an aspect
# whose note is missing or too short, so the office knows what to write.
_NOTE_HINT = {
    "proactive": "公开渠道、发布数量和重点领域信息",
    "management": "发布审查、公开属性认定、文件清理、指南和目录更新",
    "platform": "政府网站专栏、政务新媒体、公开栏的建设和更新",
    "oversight": "工作考核、社会评议、责任追究、业务培训",
}
# 六's 落实上级年度政务公开工作要点情况: practice (format.md §4.5), asked for by provincial evaluations of county-level
# governments and up and of departments, to whom the yearly 政务公开工作要点 are addressed; 乡镇 and 街道 report it when
# their notes give it, and are not asked for it.
WORK_POINTS_KINDS = ("县级人民政府", "设区的市人民政府", "省级人民政府", "部门")
WORK_POINTS_WORDS = ("工作要点", "要点")  # a note of 六 that reports it
# An aspect of 总体情况 whose notes together are shorter than THIN_NOTE_CHARS says too little to report it ("接受群众
# 监督"): the draft asks for more (〔待补〕) after the note. A single note too thin to be a sentence ("公开栏") is not
# written at all (:mod:`assistant.drafting.unfit_notes`).


@dataclass(frozen=True)
class MissingFact:
    key: str  # "website", "contact.address", "notes.proactive", "fee.processing" …
    what: str  # Chinese name of the fact
    field: str  # where the input file takes it, e.g. "meta.website"
    section: str  # where the narrative needs it: "preamble", "overview", "problems", "other"
    hint: str = ""  # what such a fact usually says ("公开渠道、发布数量…"), named in the placeholder

    @property
    def placeholder(self) -> str:
        return f"〔待补：{self.what}" + (f"，如{self.hint}" if self.hint else "") + "〕"


def absent_note(aspect: str) -> MissingFact:
    """The gap of a required aspect (REQUIRED_NOTES) that has no note to write."""
    return MissingFact(f"notes.{aspect}", _NOTE_WHAT[aspect], f"notes.{aspect}", REQUIRED_NOTES[aspect],
                       _NOTE_HINT.get(aspect, ""))


def missing_facts(report: Report) -> list[MissingFact]:
    """The required facts absent from ``report``, in the order the narrative uses them (notes no drafter writes, see
    :mod:`assistant.drafting.unfit_notes`, count as absent)."""
    from assistant.drafting.unfit_notes import fitting_report

    report = fitting_report(report)
    meta, out = report.meta, []
    if not (meta.website or "").strip():
        out.append(MissingFact("website", "电子版所在网站", "meta.website", "preamble"))
    if not (meta.contact.address or "").strip():
        out.append(MissingFact("contact.address", "联系地址", "meta.contact.address", "preamble"))
    if not (meta.contact.phone or "").strip():
        out.append(MissingFact("contact.phone", "联系电话", "meta.contact.phone", "preamble"))
    for aspect, section in REQUIRED_NOTES.items():
        notes = usable_notes(getattr(report.notes, aspect))
        if aspect == "oversight" and is_government(report):
            covered = {duty_of(item) for item in note_items(notes) if duty_result(item)}
            for i, name in enumerate(DUTY_NAMES):  # 条例 第五十条: each of the three, or its gap
                if name not in covered:
                    out.append(MissingFact(f"oversight.{i}", f"{name}结果情况", "notes.oversight", section))
        elif aspect == "last_year_improvements" and notes and not any(
                is_nothing(n) or states_improvement(n, allowed_self_references(meta)) for n in notes):
            # "已整改。", "针对上年度问题开展整改。": what was done is missing
            out.append(MissingFact(f"notes.{aspect}", "上年度问题的具体改进措施和成效", f"notes.{aspect}", section))
        elif not notes or (aspect != "last_year_improvements" and all(is_nothing(n) for n in notes)):
            # a bare "无" says nothing of the aspect (for 上年度问题改进 it says there was nothing to improve)
            out.append(absent_note(aspect))
        elif aspect in _NOTE_HINT and 0 < sum(len(n) for n in notes if not is_nothing(n)) < THIN_NOTE_CHARS:
            out.append(MissingFact(f"notes.{aspect}.more", f"{_NOTE_WHAT[aspect]}的具体内容", f"notes.{aspect}",
                                   section, _NOTE_HINT[aspect]))
    if meta.year >= FEE_FROM_YEAR and report.other_figures.processing_fee_yuan is None:
        out.append(MissingFact("fee.processing", "本年度信息处理费收取情况", "other_figures.processing_fee_yuan",
                               "other"))
    if meta.organ_kind in WORK_POINTS_KINDS and not any(
            w in n for n in usable_notes(report.notes.other) for w in WORK_POINTS_WORDS):
        out.append(MissingFact("other.work_points", "年度政务公开工作要点落实情况", "notes.other", "other"))
    if meta.sign_date is None:
        out.append(MissingFact("sign_date", "落款日期", "meta.sign_date", "closing"))
    return out


def _duties() -> list[tuple[str, tuple[str, ...]]]:
    return [(d["name"], tuple(d["words"])) for d in sections_data()["government_duties"]]


DUTY_NAMES: tuple[str, ...] = tuple(name for name, _words in _duties())  # 工作考核、社会评议、责任追究


def duty_of(note: str) -> str | None:
    """Which of 工作考核、社会评议、责任追究 a 监督保障 note reports (schemas/sections.yaml words), or None."""
    for name, words in _duties():
        if any(w in note for w in words):
            return name
    if any(w in note for w in ACCOUNTABILITY_WORDS):  # "对1个单位进行约谈" is a 责任追究 result
        return DUTY_NAMES[2]
    return None


def duty_result(note: str) -> str | None:
    """The duty whose result the note states ("满意度为96%" -> 社会评议), None for a note that only names the work
    ("本乡社会评议", "严肃追究责任") or is no duty's."""
    duty = duty_of(note)
    return duty if duty and states_duty_result(duty, note) else None


def usable_notes(items: list[str]) -> list[str]:
    """The notes a draft can state: not blank and not a placeholder ("待定", "暂无数据")."""
    return [clean(n) for n in items if clean(n) and not is_placeholder(n)]


_SENTENCE_END = lazy_compile(r"(?<=[。！？!?])")


def note_items(notes: list[str]) -> list[str]:
    """The items of an aspect's notes, one per sentence: a line the office typed as several sentences ("县政府考核中…得分
    95分。开展社会评议，群众满意率98%。…") counts as its sentences, as the same facts on several lines would. The one
    place notes are split into items for the duties of 监督保障: the drafter writes them and the gaps (〔待补〕, and the
    checker's findings on them, :mod:`assistant.rules.gaps`) are judged on them."""
    return usable_notes([part for note in notes for sentence in _SENTENCE_END.split(note)
                         for part in _duty_parts(sentence)])


_PART_END = lazy_compile(r"(?<=[；;])")


def _duty_parts(sentence: str) -> list[str]:
    """A sentence whose parts between "；" state the results of different duties ("…考核结果均为合格；…开展社会评议，
    满意率98%"), as those parts (without their "；"), so that each duty it tells counts; any other sentence whole."""
    parts = [p.rstrip("；;") for p in _PART_END.split(sentence) if p.strip("；; ")]
    duties = [duty_result(p) for p in parts]
    if len(parts) < 2 or len({d for d in duties if d}) < 2:
        return [sentence]
    return parts


def is_government(report: Report) -> bool:
    """A 人民政府 (乡镇 and county level up): its 监督保障 covers 工作考核、社会评议和责任追究 (条例 第五十条)."""
    return report.meta.organ_kind in GOVERNMENT_KINDS


def fill_in(field: str) -> str:
    """Where the user gives a missing fact, in the words of the input (its Chinese field name, never the key path):
    "在输入文件的“简要情况·监督保障”中填写". The UI reads this wording back (assistant.ui.handlers.form_wording)."""
    return f"在输入文件的“{field_label(field)}”中填写"


def missing_fact_findings(report: Report, draft: Draft | None = None) -> list[Finding]:
    """One warning per missing fact; with ``draft``, located at its 〔待补〕 placeholder, and only while the text still
    has it (a gap filled in by hand is no longer missing from the text)."""
    findings = []
    for fact in missing_facts(report):
        location = Location(section=fact.section)
        if draft is not None:
            for para in paragraphs(draft):
                start = para.text.find(fact.placeholder)
                if start >= 0:
                    location = para.location(start, start + len(fact.placeholder))
                    break
            else:
                continue
        findings.append(Finding(
            rule=RULE_ID, category="completeness", severity="warning",
            message=f"缺少{fact.what}，正文中以“{fact.placeholder}”标出，未作编造",
            location=location, evidence=fact.placeholder, expected=fact.what, found="未填写",
            suggestion=f"{fill_in(fact.field)}后重新起草，或在定稿前补写",
        ))
    return findings


_DATE_LINE = lazy_compile(r"\d{4}年\d{1,2}月\d{1,2}日")  # a 落款 date as the drafters write it


# The one-field facts whose gap the form fills once typed (input field -> the fact's name in its 〔待补〕).
FILLED_ON_SAVE = {"meta.website": "电子版所在网站", "meta.contact.address": "联系地址", "meta.contact.phone": "联系电话",
                  "meta.sign_date": "落款日期"}


def _form_facts(report: Report) -> dict[str, str]:
    """The gaps of :data:`FILLED_ON_SAVE` that the report now gives, as the template writes them: placeholder -> text."""
    meta = report.meta
    values = {"meta.website": meta.website, "meta.contact.address": meta.contact.address,
              "meta.contact.phone": meta.contact.phone,
              "meta.sign_date": chinese_date(meta.sign_date) if meta.sign_date else None}
    return {f"〔待补：{what}〕": value.strip() for field, what in FILLED_ON_SAVE.items()
            if (value := values[field]) and value.strip()}


def fill_known_gaps(draft: Draft, report: Report) -> tuple[Draft, list[str]]:
    """The draft with the gaps of one-field facts the report now gives (website, address, phone, signing date) filled
    in with them, and the names of those filled: typed into the form after drafting, they need no new draft."""
    known = _form_facts(report)
    filled: list[str] = []

    def fill(text: str) -> str:
        for placeholder, value in known.items():
            if placeholder in text:
                text = text.replace(placeholder, value)
                filled.append(placeholder)
        return text

    title, preamble = fill(draft.title), [fill(p) for p in draft.preamble]  # in the document's order
    sections = [s.model_copy(update={"paragraphs": [fill(p) for p in s.paragraphs]}) for s in draft.sections]
    closing = [fill(p) for p in draft.closing]
    signed = known.get("〔待补：落款日期〕")
    if signed and closing and _DATE_LINE.fullmatch(closing[-1]) and closing[-1] != signed:
        closing[-1] = signed  # the date changed in the form: the 落款 (not among the editable texts) follows it
        filled.append("落款日期")
    updated = draft.model_copy(update={"title": title, "preamble": preamble, "sections": sections, "closing": closing})
    return updated, list(dict.fromkeys(filled))


__all__ = ["MissingFact", "missing_facts", "missing_fact_findings", "fill_known_gaps", "FILLED_ON_SAVE", "is_government", "duty_of", "duty_result", "note_items",
           "usable_notes", "DUTY_NAMES", "RULE_ID", "FEE_FROM_YEAR", "WORK_POINTS_KINDS", "WORK_POINTS_WORDS"]
