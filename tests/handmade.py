"""Narratives written by hand for renderer tests (independent of the drafters)."""

from __future__ import annotations

from assistant.model import Draft, Provenance, Report, Section


def handmade_draft(report: Report) -> Draft:
    """Six sections with the canonical titles, a run-in （一） heading, a standalone （二） heading and a closing."""
    meta = report.meta
    name = meta.short_name or meta.organ_name
    paragraphs = {
        "overview": [f"{meta.year}年，{name}认真贯彻落实《中华人民共和国政府信息公开条例》。",
                     "（一）主动公开。全年通过政府网站主动公开政府信息55条。",
                     "（二）依申请公开",
                     "严格按照法定时限答复，联系电话〔待补：联系电话〕。"],
        "proactive": ["本年度主动公开政府信息情况如下表。"],
        "requests": ["本年度收到和处理政府信息公开申请情况如下表。"],
        "appeals": ["本年度政府信息公开行政复议、行政诉讼情况如下表。"],
        "problems": ["一是政策解读形式较为单一；二是公开内容更新不够及时。"],
        "other": ["无。"],
    }
    return Draft(
        title=f"{meta.organ_name}{meta.year}年政府信息公开工作年度报告",
        preamble=[f"本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为{meta.year}年1月1日至12月31日。"],
        sections=[Section(heading=s.title, key=s.key, paragraphs=paragraphs[s.key]) for s in report.fmt.sections],
        closing=[meta.organ_name, f"{meta.year + 1}年1月20日"],
        provenance=Provenance(drafter="handmade", model="none", prompt_hash="abc123", version="9.9"),
    )
