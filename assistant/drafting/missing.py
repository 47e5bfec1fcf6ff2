"""Facts a report's narrative needs that the input does not give: each becomes 〔待补：…〕 and a warning.

A drafter never invents them. :func:`missing_facts` lists them from the Report alone; :func:`missing_fact_findings`
turns them into Findings, located at their placeholder when a draft is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.model import GOVERNMENT_KINDS, NOTE_ASPECTS, Draft, Finding, Location, Report
from assistant.textview import paragraphs

RULE_ID = "D.missing"  # findings of the drafters, not a registered rule
FEE_FROM_YEAR = 2021  # 信息处理费 (国办函〔2020〕109号) is reported from the 2021 report on

# Notes the narrative cannot be written without (依申请公开 is written from table 三, 上年度改进 and 其他 are optional).
REQUIRED_NOTES: dict[str, str] = {
    "proactive": "overview",
    "management": "overview",
    "platform": "overview",
    "oversight": "overview",
    "problems": "problems",
    "measures": "problems",
}
_NOTE_WHAT = {
    "proactive": "主动公开工作情况",
    "management": "政府信息管理工作情况",
    "platform": "政府信息公开平台建设情况",
    "oversight": "监督保障工作情况",
    "problems": "本年度存在的主要问题",
    "measures": "下一步改进措施",
}


@dataclass(frozen=True)
class MissingFact:
    key: str  # "website", "contact.address", "notes.proactive", "fee.processing" …
    what: str  # Chinese name of the fact
    field: str  # where the input file takes it, e.g. "meta.website"
    section: str  # where the narrative needs it: "preamble", "overview", "problems", "other"

    @property
    def placeholder(self) -> str:
        return f"〔待补：{self.what}〕"


def missing_facts(report: Report) -> list[MissingFact]:
    """The required facts absent from ``report``, in the order the narrative uses them."""
    meta, out = report.meta, []
    if not (meta.website or "").strip():
        out.append(MissingFact("website", "电子版所在网站", "meta.website", "preamble"))
    if not (meta.contact.address or "").strip():
        out.append(MissingFact("contact.address", "联系地址", "meta.contact.address", "preamble"))
    if not (meta.contact.phone or "").strip():
        out.append(MissingFact("contact.phone", "联系电话", "meta.contact.phone", "preamble"))
    for aspect, section in REQUIRED_NOTES.items():
        if not getattr(report.notes, aspect):
            what = _NOTE_WHAT[aspect]
            if aspect == "oversight" and is_government(report):
                what += "（含工作考核、社会评议和责任追究结果）"
            out.append(MissingFact(f"notes.{aspect}", what, f"notes.{aspect}", section))
    if meta.year >= FEE_FROM_YEAR and report.other_figures.processing_fee_yuan is None:
        out.append(MissingFact("fee.processing", "本年度信息处理费收取情况", "other_figures.processing_fee_yuan",
                               "other"))
    return out


def is_government(report: Report) -> bool:
    """A 人民政府 (乡镇 and county level up): its 监督保障 covers 工作考核、社会评议和责任追究 (条例 第五十条)."""
    return report.meta.organ_kind in GOVERNMENT_KINDS


def missing_fact_findings(report: Report, draft: Draft | None = None) -> list[Finding]:
    """One warning per missing fact; with ``draft``, located at its 〔待补〕 placeholder."""
    findings = []
    for fact in missing_facts(report):
        location = Location(section=fact.section)
        if draft is not None:
            for para in paragraphs(draft):
                start = para.text.find(fact.placeholder)
                if start >= 0:
                    location = para.location(start, start + len(fact.placeholder))
                    break
        aspect = NOTE_ASPECTS.get(fact.key.removeprefix("notes."), "")
        hint = f"在输入文件的 {fact.field}{'（' + aspect + '）' if aspect and fact.key.startswith('notes.') else ''} 中填写"
        findings.append(Finding(
            rule=RULE_ID, category="completeness", severity="warning",
            message=f"缺少{fact.what}，正文中以“{fact.placeholder}”标出，未作编造",
            location=location, evidence=fact.placeholder, expected=fact.what, found="未填写",
            suggestion=f"{hint}后重新起草，或在定稿前补写",
        ))
    return findings


__all__ = ["MissingFact", "missing_facts", "missing_fact_findings", "is_government", "RULE_ID", "FEE_FROM_YEAR"]
