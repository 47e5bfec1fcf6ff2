"""The template drafter after an outside county reviewer's read of 16 drafts (tests/fixtures/review-2026, its inputs):
one test per finding, with the exact text expected.

- a verb before 县/镇 (优化县政府…, 制定镇政府…, 规范镇政府…, 修订镇政务…) is the organ's own level, not another organ;
- 五: the office's own label and a lone "一是" go; no paragraph opens on the office's list; 上年度 notes are led in once;
- a county government's work is 县政府信息公开工作; 监督保障 heads no note that names its duty; one connector per aspect;
- 六: no fee sentence on handling when no application came; "2025年无其他事项" is the standard sentence; no praise.
"""

from __future__ import annotations

import pytest

from assistant.drafting.template import TemplateDrafter
from assistant.drafting.unfit_notes import unfit_notes
from assistant.rules.organ import other_organ_names
from tests.review_inputs import ReviewInputs

REVIEWED = ReviewInputs("review-2026")
# 总体情况: [0] the opening paragraph, then each aspect's heading and paragraph
PROACTIVE, ON_REQUEST, MANAGEMENT, PLATFORM, OVERSIGHT = 2, 4, 6, 8, 10
report, drafted, section = REVIEWED.report, REVIEWED.drafted, REVIEWED.section


# --- 2. a verb before 县/镇 is the organ's own level ------------------------------------------------------------------

VERBS = ("优化", "制定", "规范", "修订", "完善", "建立", "更新", "维护", "印发", "加强", "健全", "梳理", "改版", "用好", "抓好")
OWN_LEVEL = ("县政府门户网站政府信息公开专栏", "县人民政府网站", "镇政府规范性文件1件", "镇政府信息发布流程", "镇政务公开制度",
             "镇党委会议公开事项", "镇微信公众号", "镇门户网站栏目")


@pytest.mark.parametrize("name", ["04-county-gov", "15-foreign-probe", "13-contradict"])
def test_a_verb_before_the_unit_word_names_no_organ(name: str) -> None:
    meta = report(name).meta  # a county government; a town of 示范县; another town of 示范县
    misread = [(verb + words, found) for verb in VERBS for words in OWN_LEVEL
               if (found := other_organ_names(meta, verb + words))]
    assert misread == []  # before, e.g. ("优化县政府门户网站…", [(0, 3, "优化县")]), ("规范镇政府信息发布流程", [(0, 3, "规范镇")])


def test_other_organs_names_are_still_found() -> None:
    qingshi = report("15-foreign-probe").meta  # 示范县青石镇
    assert other_organ_names(qingshi, "东山镇人民政府网站发布信息") == [(0, 3, "东山镇")]  # the dictionary knows 东山镇
    assert other_organ_names(qingshi, "白马镇党委高度重视政务公开") == [(0, 3, "白马镇")]  # …knows 白马 as a place
    assert other_organ_names(qingshi, "郭仓镇政府网站发布信息") == [(0, 3, "郭仓镇")]  # …does not know 郭仓: a name
    assert other_organ_names(qingshi, "黄土岭镇政务公开专栏") == [(0, 4, "黄土岭镇")]
    assert other_organ_names(qingshi, "在竹亭镇政府网站发布信息") == [(1, 4, "竹亭镇")]  # 在: only a place follows
    assert other_organ_names(qingshi, "通过“金溪镇”微信公众号发布") == [(3, 6, "金溪镇")]  # quoted
    county = report("04-county-gov").meta  # 示范县人民政府
    assert other_organ_names(county, "平安县政府门户网站发布信息") == [(0, 3, "平安县")]
    # real townships' notes (evals.similarity): the organ is the subject of what follows, whatever its name
    assert other_organ_names(qingshi, "西柳镇人民政府利用电子屏、公告栏") == [(0, 3, "西柳镇")]
    assert other_organ_names(qingshi, "连生乡人民政府按照重点工作安排") == [(0, 3, "连生乡")]  # 连生 is a verb too
    # a word the dictionary knows, not as a place, right before the organ: the verb reading (a town named so is missed)
    assert other_organ_names(qingshi, "建设镇政府网站发布信息") == []


def test_genuine_notes_with_a_verb_before_the_unit_are_written() -> None:
    assert [u.name for u in unfit_notes(report("04-county-gov"))] == []  # before: ["优化县"]
    assert [u.name for u in unfit_notes(report("07-clerk-notes"))] == []  # before: ["制定镇"]
    assert [u.name for u in unfit_notes(report("15-foreign-probe"))] == []  # before: ["规范镇", "修订镇"]
    # before: "全年，“示范发布”政务新媒体全年发布信息2100余条。" (the note on the portal left out)
    assert "县政府优化门户网站政府信息公开专栏，新增“政策问答”栏目" in section("04-county-gov", "overview")[PLATFORM]
    management = section("15-foreign-probe", "overview")[MANAGEMENT]
    assert "规范镇政府信息发布流程" in management and "修订镇政务公开制度" in management


# --- 5 and 12. 五 with the office's own label or "一是" -------------------------------------------------------------

def test_a_problem_note_with_its_own_label_and_a_lone_first_item() -> None:
    # notes "存在问题：一是解读不够", "一是加强解读" (one item each)
    assert section("13-contradict", "problems") == [
        "对照《条例》要求，本镇政府信息公开工作还存在不足：解读不够。",  # before: "…还存在不足：存在问题：一是解读不够。"
        "上年度问题已全部整改，建立了台账。",  # before: "针对上年度报告所列问题，上年度问题已全部整改，建立了台账。"
        "2026年，本镇将把加强解读作为改进工作的重点。",  # before: "2026年，本镇将重点抓好以下几项工作：一是加强解读。"
    ]


def test_part_five_does_not_open_on_the_offices_own_list() -> None:
    # the note "一是政策解读不够深入，二是…，三是…" and "2024年存在的专栏更新不及时问题，2025年已建立每周更新机制，已整改到位"
    assert section("07-clerk-notes", "problems")[:2] == [
        # before: "一是政策解读不够深入，…。以上是我镇政府信息公开工作目前存在的主要问题。"
        "我镇政府信息公开工作存在的问题主要有以下几个方面：一是政策解读不够深入，二是部分村公开栏内容更新不及时，"
        "三是工作人员业务水平有待提高。",
        # before: "针对上年度报告所列问题，2024年存在的专栏更新不及时问题，已建立每周更新机制，已整改到位。"
        "上年度存在的专栏更新不及时问题，已建立每周更新机制，已整改到位。",
    ]


# --- 9. a county government's own work: 县政府信息公开工作 -------------------------------------------------------------

def test_a_county_government_writes_xian_zheng_fu_xin_xi_gong_kai_gong_zuo() -> None:
    # before: "2025年，县政府的政府信息公开工作中存在的问题主要是：一是…"
    assert section("04-county-gov", "problems")[0] == (
        "2025年，县政府信息公开工作中存在的问题主要有：一是部分单位政策解读质量不高；二是基层政务公开标准化规范化建设有待深化。")
    # before: "县政府的政府信息公开工作仍有短板，…", "2025年，县政府的政府信息公开工作还有不足，…"
    assert section("10-county-gov-2022", "problems")[0] == "县政府信息公开工作仍有短板，主要表现在乡镇政务公开专栏更新不均衡。"
    assert section("12-county-clerk", "problems")[0] == (
        "2025年，县政府信息公开工作还有不足，突出表现为个别乡镇和部门对政务公开重视不够。")
    for name in ("04-county-gov", "10-county-gov-2022", "12-county-clerk"):
        text = drafted(name).full_text()
        assert "县政府的政府信息" not in text and "政府政府" not in text, name


# --- 10. 监督保障: no head repeating the note's own words -------------------------------------------------------------

def test_a_duty_note_naming_its_duty_gets_no_head() -> None:
    # before: "关于责任追究，未发生责任追究。"
    assert section("03-thin-xiang", "overview")[OVERSIGHT] == (
        "2025年，我乡开展培训1次。我乡未发生责任追究。〔待补：工作考核结果情况〕〔待补：社会评议结果情况〕")
    # before: "在责任追究、工作考核和社会评议方面，未发生责任追究；…"
    assert section("11-thin-filled", "overview")[OVERSIGHT] == (
        "2025年，我乡开展培训1次。我乡未发生责任追究；我乡将政务公开纳入对各村年度考核，考核结果均为合格；我乡组织群众代表评议，"
        "满意率93%。")
    # before: "…满意率96%。责任追究方面，无责任追究。"
    assert section("13-contradict", "overview")[OVERSIGHT] == (
        "就工作考核而言，本镇将政务公开纳入村级考核，考核结果均为合格。在社会评议方面，本镇组织群众评议，满意率96%。无责任追究。")
    # before: "在社会评议上，2025年11月至12月，开展社会评议，满意率95%。责任追究方面，未发生责任追究情况。"
    assert section("14-year-prefix", "overview")[OVERSIGHT] == (
        "在工作考核方面，镇政府将政务公开纳入村级年度考核，12个村考核均为合格。2025年11月至12月，开展社会评议，满意率95%。"
        "我镇未发生责任追究情况。")
    # before: "在责任追究方面，2025年12月，镇纪委对政务公开工作开展了监督检查，…"; "社会评议方面，我镇邀请…开展社会评议…"
    assert section("07-clerk-notes", "overview")[OVERSIGHT] == (
        "本年度，我镇组织全镇干部政务公开培训2场次。在工作考核上，镇党委政府将政务公开工作纳入村（社区）年度考核，考核结果与村干部"
        "绩效挂钩，全镇12个村考核全部合格。2025年12月，镇纪委对政务公开工作开展了监督检查，未发现违规问题，全年未发生责任追究情况。"
        "我镇邀请30名群众代表开展社会评议，满意率98%。")


# --- 13. 上年度改进: "已整改" beside what was done; a note that says 上年度 itself --------------------------------------

def test_last_years_fix_is_told_once() -> None:
    # notes "已整改", "针对上年度公开不及时问题，建立周报制度"; before: "对上年度报告中提出的问题，我乡已整改；此外，针对…"
    assert section("11-thin-filled", "problems")[1] == "上年度问题的整改情况：我乡针对上年度公开不及时问题，建立周报制度，已整改。"


# --- 15. one connector among an aspect's notes ------------------------------------------------------------------------

def test_connectors_are_not_strung_on_every_note() -> None:
    # before: "本年度，本镇落实…；同时，指导乡村两级做好公开工作；此外，完善镇政府信息公开指南；督促县直派驻机构做好公开。"
    assert section("15-foreign-probe", "overview")[MANAGEMENT] == (
        "本年度，本镇落实“三审三校”和保密审查制度；同时，规范镇政府信息发布流程；指导乡村两级做好公开工作；完善镇政府信息公开指南；"
        "督促县直派驻机构做好公开；修订镇政务公开制度。2024年度，本镇制发行政规范性文件2件，废止行政规范性文件1件，现行有效的"
        "行政规范性文件共5件。")


# --- 16, 17, 18. 六 and the framing ----------------------------------------------------------------------------------

def test_no_fee_sentence_on_handling_applications_when_none_came() -> None:
    # before: "2025年，本街道办理政府信息公开申请未收取信息处理费。" (table 三: no application)
    assert section("06-street-zero", "other")[0] == "本街道2025年未向申请人收取信息处理费。"


def test_a_dated_nothing_note_is_the_standard_sentence() -> None:
    # the note "2025年无其他事项"; before: "无其他事项。"
    assert section("14-year-prefix", "other")[1] == "除上述情况外，无其他需要报告的事项。"


def test_the_framing_adds_no_praise() -> None:
    # before: "…示范市人民政府的坚强领导下，…", "…示范县人民政府的正确领导下，…"
    assert section("10-county-gov-2022", "overview")[0] == (
        "在中共示范县委、示范市人民政府的领导下，示范县人民政府2022年依照《条例》履行政府信息公开的法定职责。")
    assert section("13-contradict", "overview")[0] == (
        "示范县东山镇人民政府2025年在中共示范县委、示范县人民政府的领导下，贯彻执行《条例》，做好主动公开、依申请公开和政府信息管理等工作。")
    from evals.similarity import TOWNS, township

    praised = [name for i, name in enumerate(TOWNS)
               if any(w in TemplateDrafter().draft(township(i, name)).full_text() for w in ("坚强领导", "正确领导"))]
    assert praised == []
