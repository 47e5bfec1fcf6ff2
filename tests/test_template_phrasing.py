"""How the template drafter merges the office's notes (issue 15, reviewer items A, B16 and C): exact sentences.

Each case is one class of fault the reviewer found in drafts; the expected sentences are what the drafter writes now.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.drafting import missing_facts
from assistant.drafting.note_text import (
    is_nothing,
    is_placeholder,
    says_what_the_organ_did,
    states_duty_result,
    states_improvement,
    strip_inner_times,
    strip_subject,
    strip_time,
)
from assistant.drafting.template import _Writer, without_repeated_time_leads
from assistant.model import Document, Draft
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import FIXTURES
from tests.test_template_drafter import draft_of, sample_data


def drafted(data: dict[str, Any]) -> Draft:
    return draft_of(report_from_data(data))


def street_office() -> dict[str, Any]:
    data = sample_data()
    data["meta"].update(organ_name="示范区青石街道办事处", organ_kind="街道", short_name="青石街道",
                        compiler="示范区青石街道办事处")
    return data


def county_government() -> dict[str, Any]:
    data = sample_data()
    data["meta"].update(organ_name="示范县人民政府", organ_kind="县级人民政府", short_name="示范县",
                        compiler="示范县人民政府办公室", parent_party="中共示范市委", parent_government="示范市人民政府")
    return data


# --- one note at a time ------------------------------------------------------------------------------------

def test_leading_time_words_of_the_report_year_are_dropped() -> None:
    assert strip_time("2024年，2024年共发布政府信息88条", [2024, 2025]) == ("共发布政府信息88条", True)
    assert strip_time("本年度，本年发布惠民资金公示12期", [2024]) == ("发布惠民资金公示12期", True)
    assert strip_time("2023年开展培训", [2024, 2025]) == ("2023年开展培训", False)  # another year says something
    assert strip_time("上年度问题已整改", [2024]) == ("上年度问题已整改", False)
    assert strip_inner_times("发布公示12期，本年更新村务公开栏4次", [2024]) == "发布公示12期，更新村务公开栏4次"
    # a clause that was only the time word goes with its comma (it left "落实保密审查，，更新…")
    assert strip_inner_times("落实保密审查，2020年，更新栏目12个", [2020]) == "落实保密审查，更新栏目12个"


def test_a_year_that_begins_a_date_or_a_period_stays() -> None:
    # a date, a date range, a period, a list of years: the office's facts, kept whole
    kept = ["2020年3月1日至2020年4月30日疫情防控期间的申请均通过电话和电子邮件沟通后书面答复",
            "2020年10月15日公布现行有效规范性文件目录", "2020年1—6月发布信息300条", "2020年三月起开通专栏",
            "2020年上半年开展自查", "2020年第三季度完成目录调整", "2020年底前完成目录调整", "2020年以来共发布信息88条",
            "2020年至2021年连续开展评议", "2020年、2021年均获评优秀", "2020年度至2021年度考核均为优秀",
            "2021年6月30日前完成目录调整", "本年3月起开通专栏"]
    for note in kept:
        assert strip_time(note, [2020, 2021]) == (note, False), note
    # a leading time word that only repeats the report year may go
    assert strip_time("2020年，本镇共发布信息88条", [2020, 2021]) == ("本镇共发布信息88条", True)
    assert strip_time("2020年度，共发布信息88条", [2020, 2021]) == ("共发布信息88条", True)
    assert strip_time("2020年度共发布信息88条", [2020, 2021]) == ("共发布信息88条", True)
    assert strip_time("2020年全年接待查阅群众316人次", [2020, 2021]) == ("全年接待查阅群众316人次", True)
    # inside a note, a clause that begins with a date keeps it
    note = "严格按照法定时限答复，2020年3月1日至2020年4月30日疫情防控期间的申请均通过电话和电子邮件沟通后书面答复"
    assert strip_inner_times(note, [2020, 2021]) == note
    assert strip_inner_times("设置政务公开查阅点，2020年全年接待查阅群众316人次", [2020, 2021]) == (
        "设置政务公开查阅点，全年接待查阅群众316人次")


def test_qingfengdu_2020_keeps_the_dates_of_its_notes() -> None:
    # an outside reviewer's report: the note on 依申请公开 was drafted "3月1日至2020年4月30日…", the dates of
    # 2020年10月15日 and 2020年12月22日 lost their year the same way
    draft = draft_of(load_report(FIXTURES / "review-qingfengdu-2020.yaml"))
    overview = draft.section("overview")
    assert overview is not None
    requests = next(p for p in overview.paragraphs if "疫情防控期间" in p)
    assert requests.endswith(  # after table 三's figures, which count the applications it speaks of
        "。在办理申请中，本镇严格按照法定时限答复，2020年3月1日至2020年4月30日疫情防控期间的申请均通过电话和电子邮件沟通后书面答复。")
    text = "".join(overview.paragraphs)
    assert "，2020年10月15日公布现行有效规范性文件目录。" in text
    assert "；2020年12月22日邀请村民代表和企业代表对政务公开工作进行评议，满意率为96.3%；" in text
    assert "，全年接待查阅群众316人次。" in text  # "2020年全年" repeats the report year: the year goes


def test_a_leading_self_reference_is_dropped_but_not_a_possessive() -> None:
    assert strip_subject("街道落实保密审查", ["街道", "本街道", "我街道"]) == ("落实保密审查", True)
    assert strip_subject("本镇的公开栏已更新", ["本镇"]) == ("本镇的公开栏已更新", False)


def test_the_organ_is_put_only_before_what_it_did() -> None:
    assert says_what_the_organ_did("在13个村设置公开栏")
    assert says_what_the_organ_did("落实保密审查制度")
    assert not says_what_the_organ_did("公开前由法律顾问审核")
    assert not says_what_the_organ_did("两件申请均在5个工作日内答复")
    assert not says_what_the_organ_did("社区居民评议满意")
    # a count after 公开信息 makes 公开 the organ's verb, with or without 共/累计; without one 公开信息 is a subject
    assert all(says_what_the_organ_did(n) for n in ("公开信息40条", "公开信息共40条", "公开信息累计126条"))
    assert not says_what_the_organ_did("公开信息涉及群众切身利益")


def test_placeholders_and_bare_nothing() -> None:
    assert [is_placeholder(n) for n in ("社会评议待定", "待补充", "暂无数据", "开展培训2次")] == [True, True, True, False]
    assert [is_nothing(n) for n in ("无", "无。", "暂无", "无追责")] == [True, True, True, False]


def test_a_duty_note_states_a_result_or_only_the_work() -> None:
    assert not states_duty_result("社会评议", "本乡社会评议")
    assert not states_duty_result("社会评议", "本镇开展群众评议")
    assert not states_duty_result("社会评议", "开展群众满意度测评")
    assert states_duty_result("社会评议", "邀请群众代表进行评议，满意度为96%")
    assert not states_duty_result("责任追究", "严肃追究责任")  # a rule, not what happened
    assert states_duty_result("责任追究", "全年未发生责任追究")
    assert states_duty_result("责任追究", "本年度对1个单位进行约谈")
    assert states_duty_result("工作考核", "纳入村级年度考核")
    # that the duty was not carried out this year is what happened (outside tester: "本年度未开展社会评议" was drafted
    # beside a 〔待补：社会评议结果情况〕 that blocked the export)
    assert states_duty_result("社会评议", "本年度未开展社会评议")
    assert states_duty_result("工作考核", "本年度尚未组织考核")
    assert not states_duty_result("社会评议", "开展社会评议")


def test_an_improvement_note_says_what_was_done() -> None:
    own = ["本街道", "我街道"]
    assert not states_improvement("本街道已整改。", own)
    assert not states_improvement("本街道针对上年度问题开展整改。", own)
    assert states_improvement("针对上年度公开栏更新不及时的问题，实行月度更新", own)
    assert states_improvement("针对上年度专栏内容更新慢的问题，明确专人每周更新一次", own)


# --- A: notes merged into sentences --------------------------------------------------------------------------

def test_time_words_and_subjects_of_notes_are_not_doubled() -> None:  # A1, A2, A3
    data = sample_data()
    data["notes"].update({
        "proactive": ["2024年，2024年共发布政府信息88条", "本年度，本年发布惠民资金公示12期，本年更新村务公开栏4次"],
        "problems": ["2024年，政策解读不够及时"], "measures": ["2025年，加强政策解读", "我镇将加强培训"],
        "other": ["2024年，本镇办理人大代表建议1件"]})
    draft = drafted(data)
    assert draft.section("overview").paragraphs[2] == (  # type: ignore[union-attr]  # no note on township matters: no provision
        "本年度，本镇办理行政许可36件，实施行政处罚12件，未作出行政强制决定。"  # for this organ table 二's decisions first
        "本镇共发布政府信息88条；发布惠民资金公示12期，更新村务公开栏4次。")  # the year once
    assert draft.section("problems").paragraphs[::2] == [  # type: ignore[union-attr]
        "本年度本镇政府信息公开工作存在的主要问题是政策解读不够及时。",
        "本镇将在2025年做好以下工作：一是加强政策解读；二是加强培训。"]
    assert draft.section("other").paragraphs[1] == "关于建议提案办理，本镇办理人大代表建议1件。"  # type: ignore[union-attr]


def test_two_sentences_in_a_row_do_not_open_with_the_same_time_word() -> None:  # A3
    from evals.similarity import TOWNS, township

    assert without_repeated_time_leads("2024年度，本镇落实保密审查。2024年度，本镇废止文件1件。2024年度，本镇清理文件。") == (
        "2024年度，本镇落实保密审查。本镇废止文件1件。本镇清理文件。")
    assert without_repeated_time_leads("2024年，本镇发布信息。2024年度，本镇作出决定。") == (  # not the same word
        "2024年，本镇发布信息。2024年度，本镇作出决定。")
    management = draft_of(township(9, TOWNS[9])).section("overview").paragraphs[6]  # type: ignore[union-attr]
    # (before: "本镇政府信息管理情况如下。2024年度，本镇落实…制度。本镇废止行政规范性文件1件，…。本镇对镇政府行政规范性文件
    # 开展清理，废止1件。": a lead, and 废止1件 told twice; the documents of table 二 are now told once, for this organ
    # before the note, and the second sentence does not open with "2024年度，" again)
    assert management == ("2024年度，本镇废止行政规范性文件1件，现行有效行政规范性文件4件，未制发行政规范性文件。"
                          "本镇落实“三审三校”和保密审查制度，对镇政府行政规范性文件开展清理。")  # (the figures first here)


def test_a_note_on_a_step_of_disclosure_names_what_is_disclosed_and_no_year_leads_into_it() -> None:
    # the clerk's "公开前由法律顾问审核" under 政府信息管理 came out as "2026年度，公开前由法律顾问审核。": the year framed
    # how the work is done as an event of the year, and nothing said what is disclosed
    expected = {
        2024: "政府信息公开前由法律顾问审核。2024年度，本镇制发行政规范性文件2件，废止行政规范性文件1件，"
              "现行有效的行政规范性文件共5件。",
        2025: "本镇2025年制发行政规范性文件2件，废止行政规范性文件1件，现行有效的行政规范性文件共5件。"
              "政府信息公开前由法律顾问审核。",  # (table 二's documents before the note for this organ this year)
        2026: "就行政规范性文件而言，我镇2026年制发2件、废止1件，年末现行有效5件。政府信息公开前由法律顾问审核。",
    }
    for year, management in expected.items():
        data = sample_data()
        data["meta"]["year"] = year
        data["notes"]["management"] = ["公开前由法律顾问审核"]
        assert drafted(data).section("overview").paragraphs[6] == management  # type: ignore[union-attr]


def test_a_street_office_note_gets_its_subject_once_or_none() -> None:  # A4, A5, A6, A12
    data = street_office()
    data["notes"].update({"management": ["街道落实保密审查", "公开前由法律顾问审核"], "platform": ["街道维护专栏"],
                          "on_request": ["两件申请均在5个工作日内答复"],
                          "oversight": ["纳入社区年度考核", "社区居民代表评议满意率95%"]})
    overview = drafted(data).section("overview").paragraphs  # type: ignore[union-attr]
    assert overview[4].startswith("2024年度本街道共收到政府信息公开申请12件，")  # table 三's figures; then the note
    assert overview[4].endswith("结转下年度继续办理1件。两件申请均在5个工作日内答复。")  # no subject before "两件申请"
    assert overview[6] == ("本街道2024年制发行政规范性文件2件，废止行政规范性文件1件，现行有效行政规范性文件5件。"
                           "本街道落实保密审查；此外，政府信息公开前由法律顾问审核。")  # (table 二's documents first here)
    # a note of six characters says too little of 平台建设: the draft asks for what such a paragraph says
    assert overview[8] == ("2024年度，本街道维护专栏。"
                           "〔待补：政府信息公开平台建设情况的具体内容，如政府网站专栏、政务新媒体、公开栏的建设和更新〕")
    assert overview[10] == "2024年，政府信息公开工作纳入社区年度考核。此外，社区居民代表评议满意率95%。"
    assert "本街道街道" not in drafted(data).full_text()


def test_one_application_is_not_all_of_them() -> None:  # A1 (均 with one application)
    data = sample_data()
    data["tables"]["t3"] = {"new_received": {"natural_person": 1}, "granted": {"natural_person": 1}}
    data["notes"]["on_request"] = ["本年度，2024年收到的申请均按时答复"]
    text = drafted(data).full_text()
    assert "该件申请已按时答复。" in text and "申请均" not in text


def test_zero_decisions_have_a_subject_and_follow_the_figures() -> None:  # A8, A9, A10
    data = sample_data()
    data["tables"]["t2"] = {"normative_docs": {"issued": 1, "repealed": 0, "in_force": 3},
                            "admin_license": {"decisions": 0}, "admin_penalty": {"decisions": 0},
                            "admin_coercion": {"decisions": 0}}
    overview = drafted(data).section("overview").paragraphs  # type: ignore[union-attr]
    assert overview[2].endswith("在村务公开栏公开惠农补贴发放、低保评议等信息。本年度，本镇未作出行政许可、行政处罚和行政强制决定。")
    assert overview[6].endswith(  # the note's 废止1件 disagrees with the table: kept, for the checker to report
        "对镇政府行政规范性文件开展清理，废止1件。2024年度，本镇制发行政规范性文件1件，现行有效的行政规范性文件共3件，"
        "未废止行政规范性文件。")


def test_a_county_government_says_ben_ji_zheng_fu_for_its_figures_only() -> None:  # A4, A13, C19
    data = county_government()
    data["notes"].update({"proactive": ["我县在政府门户网站发布信息2800条", "全县各乡镇发布信息9500条"],
                          "oversight": ["将政务公开纳入全县综合考评", "委托第三方开展社会评议", "本年度对1个单位进行约谈"],
                          "other": ["无"]})
    draft = drafted(data)
    overview = draft.section("overview").paragraphs  # type: ignore[union-attr]
    assert overview[2] == ("2024年，县政府在政府门户网站发布信息2800条；全县各乡镇发布信息9500条。"
                           "全年，县政府作出行政许可决定36件，行政处罚决定12件，未作出行政强制决定。")
    assert "县政府严格按照法定时限答复" in overview[4] and "本级政府全年共受理政府信息公开申请12件" in overview[4]
    # the office's order; 社会评议 with no result keeps its gap; 约谈 is a 责任追究 result
    assert overview[10] == ("就工作考核而言，县政府将政务公开纳入全县综合考评。委托第三方开展社会评议。在责任追究上，县政府对1个"
                            "单位进行约谈。〔待补：社会评议结果情况〕")
    assert draft.section("problems").paragraphs[0].startswith(  # type: ignore[union-attr]
        "回顾全年工作，县政府信息公开工作还存在以下不足：")  # not "县政府的政府信息…"
    assert draft.section("appeals").paragraphs == [  # type: ignore[union-attr]
        "因政府信息公开工作，2024年本级政府被申请行政复议1件（结果维持），未被提起行政诉讼。详见下表。"]
    assert draft.section("other").paragraphs == [  # type: ignore[union-attr]  # A11: the note "无"
        "2024年，县政府办理政府信息公开申请未收取信息处理费。",
        "〔待补：年度政务公开工作要点落实情况〕"]  # a county government's note "无" gives no 要点落实
    # 本级政府 only with the figures of applications (一（二）) and appeals (四), and in 三's lead
    assert "政府政府" not in draft.full_text() and draft.full_text().count("本级政府") == 3
    assert all("本级政府" not in p for p in (*overview[:4], *overview[5:], *draft.section("problems").paragraphs))  # type: ignore[union-attr]


# --- C: gaps that were hidden -------------------------------------------------------------------------------

def test_placeholders_and_results_without_content_are_gaps() -> None:  # C17, C18
    data = sample_data()
    data["notes"]["oversight"] = ["将政务公开纳入年度考核", "社会评议：我镇社会评议待定。", "未发生责任追究"]
    data["notes"]["last_year_improvements"] = ["待补充"]
    report = report_from_data(data)
    draft = draft_of(report)
    assert draft.section("overview").paragraphs[10] == (  # type: ignore[union-attr]
        "就工作考核而言，本镇将政务公开纳入年度考核。本镇未发生责任追究。〔待补：社会评议结果情况〕")  # not "责任追究方面，未发生责任追究"
    assert draft.section("problems").paragraphs[1] == "〔待补：上年度问题的改进情况〕"  # type: ignore[union-attr]
    assert [m.key for m in missing_facts(report)] == ["oversight.1", "notes.last_year_improvements"]


def test_an_improvement_with_no_content_keeps_the_note_and_asks_for_the_rest() -> None:  # C18
    data = street_office()
    data["notes"]["last_year_improvements"] = ["本街道已整改。"]
    assert drafted(data).section("problems").paragraphs[1] == (  # type: ignore[union-attr]
        "关于上年度问题的整改，本街道已整改。〔待补：上年度问题的具体改进措施和成效〕")


# --- B16: framing sentences ----------------------------------------------------------------------------------

def test_framing_sentences_claim_nothing_the_input_does_not_say() -> None:
    text = drafted(sample_data()).full_text()
    for claim in ("高度重视", "把好信息发布关口", "以公开促落实", "健全公开机制", "取得了一定成效", "注重依申请公开的规范办理"):
        assert claim not in text


def test_sections_three_and_four_quote_no_provision() -> None:
    """三 and 四 are the figures and the lead into their table: the provision a note on handling applications speaks to
    is quoted in 总体情况 if anywhere (it was the opening paragraph of 三 in some units and not in others: a layout that
    varied across one county's units)."""
    from evals.similarity import TOWNS, township

    for i, town in enumerate(TOWNS):
        draft = draft_of(township(i, town))
        for key in ("requests", "appeals"):
            assert "《条例》" not in draft.section(key).text, (town, key)  # type: ignore[union-attr]


def test_writer_self_reference_for_figures_and_for_work() -> None:
    writer = _Writer(report_from_data(county_government()))
    assert (writer.me, writer.me_figures, writer.me_of) == ("县政府", "本级政府", "县")  # 县政府信息公开工作


# --- B15, D22: notes the tables or the organ's name contradict -----------------------------------------------

def no_applications(data: dict[str, Any]) -> dict[str, Any]:
    data["tables"]["t3"] = {}
    return data


def test_notes_on_handling_applications_are_not_written_when_there_were_none() -> None:  # B15
    from assistant.pipeline import check_drafted

    data = no_applications(sample_data())
    data["notes"]["on_request"] = ["规范受理、登记、审核、答复流程，所有申请均在法定期限内答复", "明确党政办为依申请公开受理机构"]
    report = report_from_data(data)
    draft = draft_of(report)
    text = draft.full_text()
    assert "所有申请均" not in text
    assert "明确党政办为依申请公开受理机构" in text  # a mechanism needs no application
    found = [(f.rule, f.severity, f.message) for f in check_drafted(Document(report=report, draft=draft))
             if f.rule in ("D.handling", "H1")]
    assert found == [
        ("D.handling", "warning", "说明写了办理申请的情况（“规范受理、登记、审核、答复流程，所有申请均在法定期限内答复”），但表三本年"
                                  "没有收到申请，也无上年结转，未写入正文")]


def test_all_applications_with_one_application_is_that_one() -> None:  # B15
    data = sample_data()
    data["tables"]["t3"] = {"new_received": {"natural_person": 1}, "granted": {"natural_person": 1}}
    data["notes"]["on_request"] = ["规范受理、登记、审核、答复流程，所有申请均在法定期限内答复"]
    text = drafted(data).full_text()
    # after the count (the application is known), the answer is the organ's: not "…流程，该件申请已在法定期限内答复"
    assert "本镇规范受理、登记、审核、答复流程，已在法定期限内答复该件申请。" in text and "所有申请" not in text


def test_a_note_naming_another_township_is_not_written_as_ours() -> None:  # D22
    from assistant.pipeline import check_drafted

    data = sample_data()
    data["meta"].update(organ_name="南岭县金竹镇人民政府", short_name="金竹镇", parent_government="南岭县人民政府",
                        parent_party="中共南岭县委", compiler="南岭县金竹镇人民政府党政办公室")
    data["notes"]["proactive"] = ["全年在县政府门户网站镇级专栏发布信息156条", "通过“石门镇”微信公众号发布政策解读8篇"]
    report = report_from_data(data)
    draft = draft_of(report)
    assert "石门镇" not in draft.full_text() and "发布信息156条" in draft.full_text()
    found = [(f.rule, f.severity, f.message, f.found) for f in check_drafted(Document(report=report, draft=draft))
             if f.rule == "D.foreign"]
    assert found == [("D.foreign", "warning", "说明中的“通过“石门镇”微信公众号发布政策解读8篇”写的是“石门镇”，不是本机关"
                                              "（南岭县金竹镇人民政府），未写入正文", "石门镇")]
    # the township the channel is named after keeps its note
    data["meta"].update(organ_name="南岭县石门镇人民政府", short_name="石门镇", compiler="南岭县石门镇人民政府党政办公室")
    assert "通过“石门镇”微信公众号发布政策解读8篇" in drafted(data).full_text()


def test_other_organ_names_in_notes() -> None:
    from assistant.rules.organ import other_organ_names

    meta = report_from_data(sample_data()).meta  # 示范县青石镇人民政府
    assert other_organ_names(meta, "通过“石门镇”微信公众号发布政策解读8篇") == [(3, 6, "石门镇")]
    assert other_organ_names(meta, "向平安县人民政府报送信息，学习“白河乡”的做法") == [(1, 4, "平安县"), (16, 19, "白河乡")]
    # after 通过/经过 a name stands as after 在 (session 9: "通过石门镇人民政府网站发布…" went into a 长岭镇 draft unremarked)
    assert other_organ_names(meta, "通过石门镇人民政府网站发布镇村动态信息") == [(2, 5, "石门镇")]
    assert other_organ_names(meta, "通过东山镇政务公开专栏发布信息") == [(2, 5, "东山镇")]
    assert other_organ_names(meta, "通过镇政府网站发布信息") == []
    assert other_organ_names(meta, "通过白沙镇政府网站公开低保信息") == [(2, 5, "白沙镇")]  # 白沙, also a word
    for note in ("通过优化县政府网站栏目设置，方便群众查询", "通过规范镇政府信息发布流程，提高发布质量"):
        assert other_organ_names(meta, note) == [], note
    for note in ("办理县人大代表建议2件", "维护示范县人民政府门户网站镇级专栏", "将政务公开纳入县对各乡镇的考核", "开展送法下乡活动",
                 "打造特色小镇", "通过“青石发布”微信公众号发布信息", "青石镇党委政府高度重视", "成立了镇政务公开工作领导小组",
                 "一是镇党委成员的工作职责", "以公开促进街道各项工作", "加上镇政府日常事务繁杂",
                 # 东岭镇2025, an outside reviewer's notes: the county's template, not a county named 统一使用县
                 "针对上年度答复文书不规范的问题，统一使用县政务公开办制定的答复文书范本", "参照县政府办印发的模板"):
        assert other_organ_names(meta, note) == [], note
    county = report_from_data(county_government()).meta  # a county names its townships: not another organ
    assert other_organ_names(county, "在青石镇设置查阅点") == []
    assert other_organ_names(county, "学习“平安县”的做法") == [(3, 6, "平安县")]


def test_an_aspect_is_led_into_once() -> None:
    """"…的工作如下。本镇管理政府信息的做法主要有：其一…" leads twice: an aspect whose text opens with its own lead into
    a list gets no "…如下。" sentence before it (26 townships with their own notes and with the sample's)."""
    from evals.similarity import TOWNS, own_notes, township

    towns = [township(i, town) for i, town in enumerate(TOWNS)]
    towns += [township(i, town, notes=own_notes(i)) for i, town in enumerate(TOWNS)]
    twice = [p for report in towns for p in draft_of(report).section("overview").paragraphs  # type: ignore[union-attr]
             if re.search(r"如下。[^。：]{6,}：", p)]  # not an item's label ("如下。社会评议：…")
    assert twice == []


# --- sentence structures of their own (issue 15, 内容雷同) -------------------------------------------------------------

def test_a_row_of_table_two_may_be_told_with_its_label_as_topic() -> None:
    """Table 二's documents, for some organs, with the row's label once and the verbs after it; the claims read each
    figure back as the row's."""
    from assistant.claims import draft_claims
    from evals.similarity import TOWNS, township

    report = township(5, TOWNS[5])
    draft = draft_of(report)
    assert draft.section("overview").paragraphs[6].endswith(  # type: ignore[union-attr]
        "就行政规范性文件而言，本镇2024年制发2件、废止1件，现行有效9件。")
    read = [(c.text, c.figures[0]) for para, claims in draft_claims(draft) if (para.section, para.index) == ("overview", 6)
            for c in claims if c.kind == "number"]
    assert read == [("2件", "t2.normative_docs.issued"), ("1件", "t2.normative_docs.repealed"),
                    ("9件", "t2.normative_docs.in_force")]


def test_part_five_may_open_with_the_problems_themselves() -> None:
    from evals.similarity import TOWNS, township

    assert draft_of(township(11, TOWNS[11])).section("problems").paragraphs[0] == (  # type: ignore[union-attr]
        "首先，政策解读形式较为单一，图解、视频解读较少；其次，部分村级公开内容更新不够及时。"
        "以上是本镇政府信息公开工作目前存在的主要问题。")


ONE_LINE_OVERSIGHT = "县政府考核中政务公开工作得分95分。开展社会评议，群众满意率98%。本年度未发生责任追究情况"


def test_a_note_line_of_several_sentences_counts_as_its_sentences() -> None:
    # the clerk's 监督保障 typed on one line: its three results were judged as one note (one duty: 工作考核), and the
    # draft asked for 社会评议 and 责任追究 (〔待补〕 and two findings) after stating them
    data = sample_data()
    data["notes"]["oversight"] = [ONE_LINE_OVERSIGHT]
    report = report_from_data(data)
    paragraph = draft_of(report).section("overview").paragraphs[10]  # type: ignore[union-attr]
    assert paragraph == ("就工作考核而言，县政府考核中政务公开工作得分95分。本镇开展社会评议，群众满意率98%。"
                         "本镇未发生责任追究情况。")  # the notes name their duties: no head saying them again
    assert "〔待补" not in paragraph
    assert [m.key for m in missing_facts(report) if m.key.startswith("oversight")] == []
    from assistant.pipeline import draft_report

    _doc, findings = draft_report(report)  # the checker: no "缺少社会评议结果情况" nor "缺少责任追究结果情况"
    assert [f.message for f in findings if "结果情况" in f.message or f.severity == "error"] == []
    data["notes"]["oversight"] = ONE_LINE_OVERSIGHT.split("。")  # the same facts on three lines
    assert draft_of(report_from_data(data)).section("overview").paragraphs[10] == paragraph  # type: ignore[union-attr]


def test_an_aspect_whose_notes_are_all_told_elsewhere_gets_its_gap() -> None:
    """An outside tester's 主动公开 note said only "本年度未收取信息处理费。" (pasted 20 times): 六 tells the fee, so
    nothing was left for 主动公开, which the gap list had not expected (the drafter raised KeyError). It is a gap."""
    from assistant.drafting.template import TemplateDrafter

    data = sample_data()
    data["notes"]["proactive"] = ["本年度未收取信息处理费。" * 20]
    text = TemplateDrafter().draft(report_from_data(data)).full_text()
    assert text.count("〔待补：主动公开工作情况，如公开渠道、发布数量和重点领域信息〕") == 1
