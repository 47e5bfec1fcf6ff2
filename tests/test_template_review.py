"""The template drafter after a second outside review of 16 drafts (tests/fixtures/review-2024): one test per finding,
each on the reviewer's input and with the exact text expected.

- no provision of the 条例 is quoted in the sections (the reviewer read every quotation as padding);
- no empty lead ("具体情况如下。", "现将有关情况报告如下。");
- wording the reviewer marked: a subject before "一是", time said twice, 无…的情况, a document number run into an
  office's name, doubled 按照, a note's own label, 着力 before an adverbial, an added 起;
- 依申请公开 of a unit with no application says so;
- the note on training opens 监督保障, not between 工作考核 and 社会评议.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.drafting.template import TemplateDrafter
from assistant.model import Draft
from assistant.readers.inputfile import load_data, report_from_data

REVIEW = Path(__file__).parent / "fixtures" / "review-2024"


def drafted(name: str) -> Draft:
    return TemplateDrafter().draft(report_from_data(load_data(REVIEW / f"{name}.yaml")))


def overview(name: str) -> list[str]:
    return drafted(name).section("overview").paragraphs  # type: ignore[union-attr]


# 总体情况: [0] the opening paragraph, then each aspect's heading and paragraph
PROACTIVE, REQUESTS, MANAGEMENT, PLATFORM, OVERSIGHT = 2, 4, 6, 8, 10


# --- 1. no quotation of the 条例 ----------------------------------------------------------------------------------

def test_the_aspects_quote_no_provision_before_the_notes() -> None:
    taoyuan = overview("桃源乡")
    # each aspect: the notes and the figures of its table (table 二's decisions, documents; table 三), for some organs
    # the figures first
    assert taoyuan[PROACTIVE] == ("2024年度，我乡在县政府网站乡级专栏公开信息96条，其中财政预决算信息12条。同时，村务公开栏每季度更新一次。"
                                  "我乡2024年度办理行政许可14件，实施行政处罚3件，未作出行政强制决定。")
    assert taoyuan[MANAGEMENT] == ("政府信息公开前保密审查文件63份。"  # what is disclosed named
                                   "本年度，我乡印发行政规范性文件1件，现行有效行政规范性文件2件，未废止行政规范性文件。")
    xiping = overview("07-西坪乡")
    assert xiping[REQUESTS] == ("我乡2024年共收到政府信息公开申请1件，申请人为自然人，没有上年结转的申请。经办理，予以公开1件，"
                                "不存在结转下年度继续办理的申请。我乡严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。")
    assert xiping[PLATFORM] == (
        "2024年，我乡维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算”等栏目；此外，在便民服务中心设置政务公开查阅点。")


def test_no_draft_of_the_review_quotes_a_provision_in_a_section() -> None:
    for path in sorted(REVIEW.glob("*.yaml")):
        for section in drafted(path.stem).sections:
            # a sentence whose subject is the 条例 ("《条例》规定，…", "《条例》要求…"); "依照《条例》开展…" is not one
            assert not any(re.search(r"(?:^|[。；])《条例》", p) for p in section.paragraphs), (path.stem, section.key)


# --- 2. no empty lead ----------------------------------------------------------------------------------------------

def test_the_opening_paragraph_ends_without_a_lead() -> None:
    # before: "…推进本机关的政府信息公开工作。具体情况如下。", "…工作。主要工作情况如下。", "…法定职责。现将有关情况报告如下。"
    # (the wording of a report to a superior), "…开展政府信息公开工作，各方面情况如下。"
    assert overview("02-青石镇")[0] == (
        "示范县青石镇人民政府在中共示范县委、示范县人民政府的领导下，依照《条例》开展政府信息公开工作。")
    assert overview("05-龙泉镇")[0] == (
        "2024年，示范县龙泉镇人民政府在中共示范县委、示范县人民政府的领导和部署下，按照《条例》要求，做好政府信息公开各项工作。")
    assert overview("10-凤山乡")[0] == (
        "一年来，示范县凤山乡人民政府在中共示范县委、示范县人民政府的领导下，依照《条例》履行政府信息公开的法定职责。")
    assert overview("13-南塘街道")[0] == (
        "在中共示范县委、示范县人民政府的领导下，示范县南塘街道办事处2024年认真贯彻落实《条例》，开展政府信息公开工作。")


def test_no_draft_of_the_review_has_an_empty_lead() -> None:
    for path in sorted(REVIEW.glob("*.yaml")):
        text = drafted(path.stem).full_text()
        for lead in ("具体情况如下。", "主要工作情况如下。", "各方面情况如下。", "报告如下"):
            assert lead not in text, (path.stem, lead)


# --- 3. wording ----------------------------------------------------------------------------------------------------

def section(name: str, key: str) -> list[str]:
    return drafted(name).section(key).paragraphs  # type: ignore[union-attr]


def test_no_subject_before_an_enumeration() -> None:  # before: "本镇一是通过…；二是在…"
    assert overview("01-白马镇")[PROACTIVE] == (
        "一是本镇通过县政府门户网站镇级专栏发布政府信息128条，通过“青石发布”微信公众号发布信息86条；二是在村务公开栏公开惠农补贴发放、"
        "低保评议等信息。本年度，本镇作出行政许可决定60件，行政处罚决定20件，未作出行政强制决定。")


def test_the_measures_say_their_time_once() -> None:  # before: "下一步，本镇将在2025年做好以下工作：…"
    assert section("02-青石镇", "problems")[2] == (
        "本镇将在2025年做好以下工作：一是丰富政策解读形式，重要政策同步发布图解解读；二是加强对村级公开栏的指导和督查。")


def test_a_single_measure_keeps_the_notes_words() -> None:
    assert section("金溪镇", "problems")[2] == "本镇将在2025年每季度开展一次自查。"  # before: "…将着力每季度开展…"
    assert section("桃源乡", "problems")[2] == "2025年，我乡将发布政策解读不少于10篇。"  # before: "2025年起，…" (not in the note)


def test_the_fee_is_said_plainly() -> None:
    assert section("06-石桥镇", "other")[0] == "我镇在2024年办理申请中没有收取信息处理费。"  # before: "本年度我镇无收取信息处理费的情况。"
    assert section("11-新田镇", "other")[0] == "2024年度，我镇没有收取信息处理费。"  # before: "信息处理费方面，我镇本年度未收取。"


def test_the_format_notice_is_cited_by_its_title() -> None:
    # before: "…党政综合办公室依据…和国务院办公厅政府信息与政务公开办公室国办公开办函〔2021〕30号文件要求编制本报告。"
    assert drafted("04-城关街道").preamble[0].startswith(
        "本报告是根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）以及国务院办公厅政府信息与政务公开"
        "办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，"
        "由示范县城关街道办事处党政综合办公室编制的。")
    for path in sorted(REVIEW.glob("*.yaml")):  # every draft names the notice with its number, after its title
        preamble = drafted(path.stem).preamble[0]
        number = preamble.find("国办公开办函")
        assert number > 0 and preamble[number - 2:number] == "》（", (path.stem, preamble[:160])


def test_one_anzhao_in_the_opening() -> None:  # before: "按照…的部署，按照《条例》的规定开展…"
    assert overview("07-西坪乡")[0] == (
        "2024年度，示范县西坪乡人民政府按照中共示范县委、示范县人民政府的部署，依照《条例》履行政府信息公开的法定职责。")
    for path in sorted(REVIEW.glob("*.yaml")):
        assert overview(path.stem)[0].count("按照") <= 1, path.stem


def test_a_note_loses_its_own_label() -> None:  # before: "责任追究方面，责任追究：无。"
    assert overview("金溪镇")[OVERSIGHT] == (
        "在工作考核、社会评议和责任追究方面，县政务公开办年度考核为良好等次；本镇发放评议表200份，收回196份，满意率97%；"
        "未发生政府信息公开工作责任追究情况。")  # the three duties under one head, each note its own result


# --- 4. no application ---------------------------------------------------------------------------------------------

def test_a_unit_with_no_application_says_so_in_the_overview() -> None:
    # before: "申请的数量和办理结果在第三部分列明。" only, and "…受理机构。申请的收到和办理情况见第三部分。"
    assert overview("10-凤山乡")[REQUESTS] == "2024年度本乡未收到公众提出的政府信息公开申请，亦无上年结转的申请。"
    assert overview("金溪镇")[REQUESTS] == ("本镇明确党政综合办公室为依申请公开受理机构。"
                                         "本镇全年未收到公众提出的政府信息公开申请，亦无上年结转的申请。")


def test_none_received_but_one_carried_over_says_what_became_of_it() -> None:
    data = load_data(REVIEW / "10-凤山乡.yaml")
    data["tables"]["t3"] = {"carried_over": {"natural_person": 1}, "granted": {"natural_person": 1}}
    requests = TemplateDrafter().draft(report_from_data(data)).section("overview").paragraphs[REQUESTS]  # type: ignore[union-attr]
    assert requests == ("2024年度本乡未收到公众提出的政府信息公开申请；上年结转1件。经办理，予以公开1件，无结转下年度继续办理的"
                        "申请。办理申请时，本乡严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。")  # the note stays: one was handled


# --- 5. training opens 监督保障 ---------------------------------------------------------------------------------------

def test_training_opens_oversight_before_the_three_duties() -> None:
    # before: "《条例》要求政府信息公开工作主管部门对政府信息公开工作人员定期进行培训。关于工作考核，本镇将…年度考核。本镇组织政务
    # 公开业务培训2次。社会评议方面，…" (a quotation with the wrong subject, and training between 考核 and 评议)
    assert overview("08-柳河镇")[OVERSIGHT] == (
        "2024年，本镇组织政务公开业务培训2次。本镇将政务公开纳入对各村和镇直站所的年度考核；年末邀请村民代表"
        "和企业代表对政务公开工作进行评议，满意率为95%；未发生政府信息公开工作责任追究情况。")  # each duty in the note's own words
    assert overview("01-白马镇")[OVERSIGHT].startswith("本镇组织政务公开业务培训2次。本镇将政务公开纳入")
