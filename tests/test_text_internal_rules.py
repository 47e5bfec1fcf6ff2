"""The narrative against itself (I1–I3): 其中 sums, percentages at the precision written, "N个部分"."""

from __future__ import annotations

import pytest

from assistant.model import Document, Draft, Finding, Section
from assistant.readers.existing import load_existing
from assistant.rules import run_rules
from tests.conftest import CORPUS
from tests.test_text_figure_rules import document, sample


def found(doc: Document, rule: str) -> list[Finding]:
    return [f for f in run_rules(doc, ("text",)) if f.rule == rule]


def overview(*paragraphs: str) -> Document:
    return document(sample(), overview=list(paragraphs))


# --- I1: 其中 ------------------------------------------------------------------------------------------------


def test_i1_corpus_020_parts_short_of_the_whole() -> None:
    """东街街道2021: 286 其中 160 + 120 = 280."""
    doc = overview("2021年以来,东街街道办事处主动公开信息数为286条,其中通过网站公开160条,公告栏公开120条。"
                   "在问政互动栏目中,处理市长信箱7件,区长信箱0件。")
    [f] = found(doc, "I1")
    assert (f.severity, f.expected, f.found) == ("warning", "286", "280")
    assert f.location.span == (23, 50) and "160＋120＝280" in f.message


def test_i1_corpus_026_parenthetical_breakdown() -> None:
    """界坑乡2022: 21条 其中 4+2+2+3+4+6 ✓, but 财政管理类信息6条(其中2+1+1)."""
    doc = overview("2022年度在永嘉县政府信息公开网站上共新增主动公开政府信息21条。其中,镇街动态信息4条,计划总结2条,"
                   "通知公告2条,乡镇部门文件3条,资规管理4条,财政管理类信息6条(其中,预决算2条、“三公经费”1条、"
                   "专项经费1条),共公开行政许可36件,。")
    [f] = found(doc, "I1")
    assert (f.expected, f.found) == ("6", "4")


def test_i1_parts_exceeding_the_whole_are_an_error() -> None:
    [f] = found(overview("主动公开信息20条，其中网站公开15条，微信公众号公开8条。"), "I1")
    assert (f.severity, f.expected, f.found) == ("error", "≤20", "23")
    [g] = found(overview("主动公开信息20条，其中网站公开25条。"), "I1")
    assert g.severity == "error"


@pytest.mark.parametrize("text", [
    "2022年,全年累计在政府门户网站更新发布信息17条,其中乡镇概况1条,部门文件10条,规划计划2条,人事公开1条,资金信息1条,"
    "信息公开指南1条,信息公开年度报告1条。",  # 杨林寨乡 (corpus 024): 17 ✓
    "主动公开信息30条，其中网站公开12条、微信公众号公开8条等。",  # an open list
    "主动公开信息30条，其中网站公开12条。",  # one part named
    "主动公开信息5500余条，其中网站公开12条、微信公众号公开8条。",  # an approximate whole
    "政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；"
    "政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。",
])
def test_i1_quiet(text: str) -> None:
    assert found(overview(text), "I1") == []


def test_i1_a_quantity_of_another_verb_ends_the_parts() -> None:
    """前进街2024: 120条 其中 11 + 109 ✓; "收到微博投诉12条" after the ； is another quantity, not a part."""
    qianjin = "前进街官方微博共累计发布微博120条，其中发布原创微博11条，转发微博109条；收到微博投诉12条，均已完全办结。"
    assert found(overview(qianjin), "I1") == []
    # after a comma too; and the parts before it are still added up
    [f] = found(overview("共累计发布微博120条，其中原创微博11条，转发微博119条，收到微博投诉12条。"), "I1")
    assert (f.severity, f.message) == ("error", "“其中”所列各项之和超过总数：11＋119＝130，而总数为120条")
    # parts after a ； that count what the whole counts stay parts
    [g] = found(overview("主动公开信息50条，其中网站公开30条；公众号公开25条。"), "I1")
    assert (g.severity, g.message) == ("error", "“其中”所列各项之和超过总数：30＋25＝55，而总数为50条")
    # a verb an earlier part has is no other quantity; one that none has is
    [h] = found(overview("处理群众来信10件，其中当场答复5件，按期答复6件。"), "I1")
    assert (h.severity, h.message) == ("error", "“其中”所列各项之和超过总数：5＋6＝11，而总数为10件")
    assert found(overview("处理群众来信10件，其中当场答复5件，收到投诉6件。"), "I1") == []
    # a list is short of its whole only when it is so with the clause of another verb too (e08, g12)
    assert found(overview("共计公开各类信息236条，其中政府网站发布工作动态27条，微信公众号发布信息198条，回复群众诉求11件。"),
                 "I1") == []
    [k] = found(overview("累计发布信息100条，其中概况类信息30条，动态信息40条，收到留言10条。"), "I1")
    assert (k.severity, k.message) == ("warning", "“其中”所列各项之和小于总数：30＋40＋10＝80，而总数为100条")


# --- I2: percentages ----------------------------------------------------------------------------------------


def test_i2_truncated_percentage() -> None:
    [f] = found(overview("本年度办结申请16件，其中予以公开3件，占18%。"), "I2")
    assert (f.expected, f.found) == ("19%", "18%")  # 3 ÷ 16 = 18.75%
    assert found(overview("本年度办结申请16件，其中予以公开3件，占18.75%。"), "I2") == []
    assert found(overview("本年度办结申请16件，其中予以公开3件，占19%。"), "I2") == []
    assert found(overview("本年度办结申请16件，其中予以公开3件，占18.8%。"), "I2") == []


def test_i2_shanghai_2019() -> None:
    """上海2019: 不予公开35件，占4.34% of 805 (35/805 = 4.3478%)."""
    [f] = found(overview("办结政府信息公开申请805件，其中予以公开272件，占33.79%；不予公开35件，占4.34%。"), "I2")
    assert (f.expected, f.found) == ("4.35%", "4.34%")


def test_i2_base_named_in_the_text() -> None:
    [f] = found(overview("本年度办结申请16件。予以公开3件，占办结总数的18%。"), "I2")
    assert f.expected == "19%"


def test_i2_pingtan_2023_reference_is_quiet() -> None:
    text = ("办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，"
            "占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、"
            "行政诉讼案件7件。")
    assert found(overview(text), "I2") == []


# --- I3: "N个部分" ---------------------------------------------------------------------------------------------


def with_preamble(text: str) -> Document:
    doc = document(sample())
    assert doc.draft is not None
    return Document(report=doc.report, draft=Draft(preamble=[text], sections=list(doc.draft.sections)))


def test_i3_declared_number_is_not_the_number_listed() -> None:
    text = ("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
            "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等五个部分。")
    [f] = found(with_preamble(text), "I3")
    assert (f.expected, f.found, f.location.section) == ("所称部分数与所列一致（所列为6个）", "称五个部分，列出6个", "preamble")
    colon = "本报告共分7个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、其他需要报告的事项。"
    [g] = found(with_preamble(colon), "I3")
    assert (g.expected, g.found) == ("所称部分数与所列一致（所列为4个）", "称7个部分，列出4个")


@pytest.mark.parametrize("name", ["001_pingtan_2019.txt", "003_pingtan_2021.txt", "007_pingtan_2025.txt",
                                  "015_guocangzhen_wenshang_2025.txt", "019_luoyangjiedao_luqiao_2021.txt",
                                  "020_dongjiejiedao_xixiu_2021.txt", "026_jiekengxiang_yongjia_2022.txt"])
def test_i3_quiet_when_the_count_matches_the_list(name: str) -> None:
    """Lists that split one title at 、 (复议、诉讼) or join two with 和 are counted as titles. 019 declares and lists
    7 parts, 020 five: consistent with themselves (S4 reports that they are not the six of the format)."""
    assert found(load_existing(CORPUS / name), "I3") == []


def test_i3_ignores_text_without_a_list() -> None:
    assert found(with_preamble("本报告由本机关编制，分六个部分。"), "I3") == []
    doc = Document(report=sample(), draft=Draft(sections=[Section(heading="一、总体情况", paragraphs=["无"])]))
    assert found(doc, "I3") == []
