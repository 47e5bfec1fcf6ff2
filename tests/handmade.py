"""Narratives written by hand for renderer tests (independent of the drafters)."""

from __future__ import annotations

from assistant.model import Draft, Provenance, Report, Section

# a random report's opening (seed 17, 2019 format, the fourth): the renderer broke its lines by hand after "〔2019〕"
# and before "（http://" until a document number was kept whole on its line; now it makes no break in it
OPENING_2019_3 = ("根据《中华人民共和国政府信息公开条例》（以下简称《条例》）及国务院办公厅政府信息与政务公开办公室《关于政府信息公开"
                  "工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求，示范县长岭镇人民政府编制本报告。报告中的统计数据，"
                  "时间范围为2020年1月1日至2020年12月31日。全文包括总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，"
                  "政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况，其他需要报告的事项，共六个部分。本报告电子版可在"
                  "示范县人民政府网站“政府信息公开”专栏（http://www.shifan.gov.cn/xxgk/长岭/）查询。")

# a contact paragraph the renderer breaks by hand twice: before the e-mail address and before "（http://" (its
# address's path goes on in Chinese)
CONTACT_TWO_BREAKS = ("对本报告如有疑问，可与示范县长岭镇人民政府党政综合办公室联系（地址：示范县长岭镇人民路1号，邮编：336000，"
                      "电话：0795-3648348，电子邮箱：changlingzhen_zwgk@shifan.gov.cn）。本报告电子版同时在示范县人民政府"
                      "网站长岭镇信息公开专栏（http://www.shifan.gov.cn/xxgk/长岭/）查阅。")


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
