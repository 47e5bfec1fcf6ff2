"""Structure and completeness rules S1–S8, with headings and parts lists from the corpus."""

from __future__ import annotations

from assistant.headings import infer_key, parse_heading
from tests.narrative import STANDARD, ZHUTING, findings, make_doc, where, with_section

OVERVIEW_FULL = [
    "（一）主动公开情况", "2024年，通过县政府门户网站镇级专栏主动公开政府信息128条。",
    "（二）依申请公开情况", "本年度新收政府信息公开申请12件，均在法定期限内答复。",
    "（三）政府信息管理情况", "落实“三审三校”和保密审查制度。",
    "（四）政府信息公开平台建设情况", "维护县政府门户网站镇级专栏。",
    "（五）监督保障情况", "将政务公开纳入年度考核，开展社会评议，本年度未发生责任追究情况。",
]


def test_headings_are_recognised() -> None:
    assert parse_heading("一、总体情况").key == "overview"
    assert parse_heading("四、因政府信息公开工作被申请行政复议提起行政诉讼情况").key == "appeals"
    assert (parse_heading("1、 总体情况").number, parse_heading("1、 总体情况").style) == (1, "arabic")
    assert infer_key("2022年工作思路") is None
    assert infer_key("乡镇信息公开的建议和下一步工作思考") is None


def test_s1_missing_section() -> None:
    sections = [s for s in STANDARD if not s[0].startswith("四、")]
    found = findings(make_doc(sections=sections), "S1")
    assert [(f.location.section, f.expected) for f in found] == [("appeals", "四、政府信息公开行政复议、行政诉讼情况")]


def test_s1_quiet_when_section_is_known_missing_from_a_partial_document() -> None:
    sections = [s for s in STANDARD if not s[0].startswith("四、")]
    assert findings(make_doc(sections=sections, missing=["appeals"]), "S1") == []
    assert findings(make_doc(), "S1") == []


def test_s2_renumbered_and_out_of_order() -> None:
    sections = list(STANDARD)
    sections[2] = ("四、收到和处理政府信息公开申请情况", [])
    found = findings(make_doc(sections=sections), "S2")
    assert [(f.location.section, f.expected) for f in found] == [("requests", "三、")]
    sections = [STANDARD[0], STANDARD[2], STANDARD[1], *STANDARD[3:]]
    found = findings(make_doc(sections=sections), "S2")
    assert "位置不对" in found[0].message and found[0].location.section == "proactive"


def test_s2_numbering_style_and_extra_part_019() -> None:
    sections = [("1、 总体情况", []), *STANDARD[1:5], ("六、2022年工作思路", []), STANDARD[5]]
    found = findings(make_doc(sections=sections), "S2")
    assert [(f.severity, f.found) for f in found] == [
        ("warning", "1、 总体情况"), ("warning", "六、2022年工作思路")]


def test_s2_section_number_with_a_full_stop_e41() -> None:
    sections = [("一.总体情况", STANDARD[0][1]), *STANDARD[1:]]
    found = findings(make_doc(sections=sections), "S2")
    assert [(f.severity, f.message, f.expected) for f in found] == [
        ("warning", "标题“一.总体情况”的编号应使用“一、”", "一、")]


def test_s2_quiet_on_standard_sections() -> None:
    assert findings(make_doc(), "S2") == []


def test_s3_variant_title_gets_the_canonical_one() -> None:
    sections = list(STANDARD)
    sections[4] = ("五、存在的主要问题及改进举措", STANDARD[4][1])
    found = findings(make_doc(sections=sections), "S3")
    assert [(f.found, f.suggestion) for f in found] == [
        ("五、存在的主要问题及改进举措", "改为“五、存在的主要问题及改进情况”")]
    assert findings(make_doc(sections=sections), "S1") == []  # a variant still counts as the section


def test_s3_quiet_on_canonical_titles_modulo_punctuation() -> None:
    sections = list(STANDARD)
    sections[3] = ("四、政府信息公开行政复议行政诉讼情况", [])
    assert findings(make_doc(sections=sections), "S3") == []


def test_s4_parts_list_of_five_aspects_020() -> None:
    text = ("本报告包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障五个部分。"
            "除特别说明的外，所列数据统计时限为2024年1月1日至2024年12月31日。")
    found = findings(make_doc(preamble=[text]), "S4")
    assert len(found) == 1
    assert "称共5个部分" in found[0].message and "“政府信息管理”" in found[0].message


def test_s4_seven_parts_019_and_pre_2019_list_024() -> None:
    text = ("本报告由政府信息主动公开工作总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
            "政府信息公开行政复议、行政诉讼情况、存在的主要问题及改进情况、2022年工作思路、其他需要报告的事项等七个部分组成。")
    found = findings(make_doc(preamble=[text]), "S4")
    assert len(found) == 1 and "称共7个部分" in found[0].message and "“2022年工作思路”" in found[0].message
    text = ("全文包括概述、政府信息主动公开情况、依申请公开政府信息情况、政策解读、复议、诉讼和申诉情况、"
            "政府信息公开工作存在的主要问题及改进情况等方面的内容构成。")
    found = findings(make_doc(preamble=[text]), "S4")
    assert len(found) == 1 and "“政策解读”" in found[0].message and "未列“六、其他需要报告的事项”" in found[0].message


def test_s4_quiet_on_the_six_parts_000_and_007() -> None:
    texts = [
        "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议行政诉讼情况、"
        "存在的主要问题及改进情况、其他需要报告的事项。",
        "本报告共分6个部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
        "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。",
        "本报告由总体情况”“主动公开政府信息的情况”“收到和处理政府信息公开申请的情况”“政府信息公开行政复议、行政诉讼情况”"
        "“政府信息公开工作存在的主要问题及改进情况”“其他需要报告的事项”六个部分组成。",
    ]
    for text in texts[:2]:
        assert findings(make_doc(preamble=[text]), "S4") == [], text
    # 013 金厂镇2025: the six parts, three of them reworded (的, 政府信息公开工作): a tip naming the labels, not a
    # warning (independent readers of 41 unseen reports never marked a reworded part name in the opening list)
    (found,) = findings(make_doc(preamble=[texts[2]]), "S4")
    assert (found.severity, found.message) == ("info", (
        "所列部分的名称不是年度报告格式规定的标签：“主动公开政府信息的情况”应为“主动公开政府信息情况”；"
        "“收到和处理政府信息公开申请的情况”应为“收到和处理政府信息公开申请情况”；"
        "“政府信息公开工作存在的主要问题及改进情况”应为“存在的主要问题及改进情况”"))
    assert found.expected == "「主动公开政府信息情况」「收到和处理政府信息公开申请情况」「存在的主要问题及改进情况」"


def test_s4_labels_that_differ_name_the_official_label() -> None:
    text = ("全报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、"
            "存在的主要问题和改进措施、其他需要报告的事项等六个方面内容。")  # e07 建章路街道2022
    (found,) = findings(make_doc(preamble=[text]), "S4")
    assert (found.severity, found.status, found.found) == ("warning", "fail", "「存在的主要问题和改进措施」")
    assert found.message == "所列部分的名称不是年度报告格式规定的标签：“存在的主要问题和改进措施”应为“存在的主要问题及改进情况”"
    # a list that is wrong (a part missing) gets the error alone, not a second finding about the labels
    wrong = text.replace("收到和处理政府信息公开申请情况、", "").replace("六个", "五个")
    assert [f.severity for f in findings(make_doc(preamble=[wrong]), "S4")] == ["error"]


def test_s5_overview_lacking_aspects() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["2024年，通过县政府门户网站主动公开政府信息128条。"]))
    found = findings(doc, "S5")
    # 依申请公开 is left to C5.silent, which names table 三's 13 applications (one root problem, one finding); the
    # website named as where information was published is no account of building the platform
    assert [f.found for f in found] == ["缺政府信息管理、政府信息公开平台建设、监督保障"]
    assert [f.found for f in findings(doc, "C5.silent")] == ["未提及"]
    # the five aspects are required from the 2021 format on; before, a warning only when most of them are missing
    # (or several in a short overview), else a hint
    doc.report.meta.year = 2020
    assert [(f.severity, f.found) for f in findings(doc, "S5")] == [("warning", "缺政府信息管理、政府信息公开平台建设、监督保障")]
    long_overview = ["2020年，通过县政府门户网站主动公开政府信息128条，严格落实保密审查。" * 12]
    doc = make_doc(sections=with_section("一、总体情况", long_overview))
    doc.report.meta.year = 2020
    assert [(f.severity, f.found) for f in findings(doc, "S5")] == [("info", "缺政府信息公开平台建设、监督保障")]
    short = make_doc(sections=with_section("一、总体情况", [long_overview[0][:35]]))
    short.report.meta.year = 2020
    assert [(f.severity, f.found) for f in findings(short, "S5")] == [("warning", "缺政府信息公开平台建设、监督保障")]


def test_s5_quiet_on_full_overview_and_partial_document() -> None:
    assert findings(make_doc(sections=with_section("一、总体情况", OVERVIEW_FULL)), "S5") == []
    doc = make_doc(sections=with_section("一、总体情况", ["主动公开信息128条。"]), missing=["overview"])
    assert findings(doc, "S5") == []


def test_s6_government_duties() -> None:
    doc = make_doc(sections=with_section("一、总体情况", OVERVIEW_FULL[:-1] + ["接受群众监督。"]))
    assert [f.found for f in findings(doc, "S6")] == ["缺工作考核、社会评议、责任追究"]
    assert findings(make_doc(sections=with_section("一、总体情况", OVERVIEW_FULL)), "S6") == []
    assert findings(make_doc(sections=with_section("一、总体情况", ["接受群众监督。"]), organ_kind="部门"), "S6") == []


def test_s7_empty_problems_section() -> None:
    for text in ("无", "暂无。"):
        doc = make_doc(sections=with_section("五、存在的主要问题及改进情况", [text]))
        assert where(findings(doc, "S7")) == [("problems", None, text)]


def test_s7_quiet_on_real_content() -> None:
    assert findings(make_doc(), "S7") == []


def test_s8_fee_not_stated_in_2021_report() -> None:
    doc = make_doc(sections=with_section("六、其他需要报告的事项", ["认真办理人大代表建议和政协委员提案。"]))
    found = findings(doc, "S8")
    assert [f.location.section for f in found] == ["other"]
    assert "本年度未收取信息处理费" in (found[0].suggestion or "")


def test_s8_quiet_when_stated_or_before_2021() -> None:
    assert findings(make_doc(sections=with_section("六、其他需要报告的事项", ["2025年，无收取信息处理费情况。"])),
                    "S8") == []
    doc = make_doc(ZHUTING, sections=with_section("六、其他需要报告的事项", ["其他需要报告的事项：无"]))
    assert findings(doc, "S8") == []


def test_s5_s6_quiet_on_an_overview_cut_off_by_a_page_beginning_020() -> None:
    sections = [("一、总体情况", ["2021年以来，东街街道办事处主动公开信息数为286条，其中通过网站公开160条，公告栏公开120条。"])]
    doc = make_doc(sections=sections, missing=["proactive", "requests", "appeals", "problems", "other"])
    assert findings(doc, "S5") == [] and findings(doc, "S6") == []
    assert findings(make_doc(sections=sections), "S1") != []  # the same text as a whole document lacks five parts


def test_heading_findings_are_located_at_the_heading() -> None:
    sections = list(STANDARD)
    sections[4] = ("五、存在的主要问题及改进举措", STANDARD[4][1])
    doc = make_doc(sections=sections)
    (found,) = findings(doc, "S3")
    assert found.location.describe(doc.report) == "五、存在的主要问题及改进情况 标题"


def test_s4_quiet_on_other_lists_in_the_opening() -> None:
    text = "我镇认真落实《条例》，由党政办负责，统筹主动公开、依申请公开、政府信息管理等方面的工作。"
    assert findings(make_doc(preamble=[text]), "S4") == []


def test_s4_quiet_on_the_compiler_sentence_with_the_decree_number() -> None:
    """The comma inside "（国务院令第711号，以下简称《条例》）" splits no list: 由 names the compiler here."""
    text = ("本报告由示范县白沙乡人民政府办公室根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）"
            "和国务院办公厅政府信息与政务公开办公室《关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
            "（国办公开办函〔2021〕30号）的规定和要求编制。")
    assert findings(make_doc(preamble=[text]), "S4") == []
    listed = "本报告由总体情况（含主动公开、依申请公开）、主动公开政府信息情况、其他需要报告的事项三个部分组成。"
    assert [f.severity for f in findings(make_doc(preamble=[listed]), "S4")] == ["error"]  # a list with an aside still read


def test_s4_quiet_on_the_shanghai_2022_list() -> None:
    text = ("本年度报告根据《中华人民共和国政府信息公开条例》的要求编制，全文包括总体情况、主动公开政府信息情况、"
            "收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议和提起行政诉讼情况、"
            "政府信息公开工作存在的主要问题及改进情况，以及其他需要报告的事项。")
    # the six parts in the 条例's own words: no error and no warning, a tip naming the format's labels
    assert [(f.severity, f.found) for f in findings(make_doc(preamble=[text]), "S4")] == [
        ("info", "「因政府信息公开工作被申请行政复议和提起行政诉讼情况」「政府信息公开工作存在的主要问题及改进情况」")]


def test_s4_six_big_parts_baokang_2020() -> None:
    text = ("全文包括总体情况、行政机关主动公开政府信息情况、行政机关收到和处理政府信息公开申请情况、"
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况、政府信息公开工作存在的问题及改进情况和其他需要报告的事项等六大部分。")
    assert [f.severity for f in findings(make_doc(ZHUTING, preamble=[text]), "S4")] == ["warning"]  # labels only
    assert "称共7个部分" in findings(make_doc(ZHUTING, preamble=[text.replace("六大", "七大")]), "S4")[0].message


def test_s11_a_pasted_note_of_one_sentence_many_times_is_named_by_its_length_and_repeats() -> None:
    """Clerk test 2: a 204,000-character note in 其他事项 (one sentence over and over) became 六 with 错误 0 项，警告 0 项."""
    sentence = "本单位全年未收取任何信息处理费用。"
    pasted = sentence * 12_000
    found = findings(make_doc(sections=with_section("六、其他需要报告的事项", [pasted])), "S11")
    assert [(f.severity, f.message) for f in found] == [
        ("warning", "“六、其他需要报告的事项”长达204,000字，远超一般年度报告一个部分的篇幅（真实报告最长的部分约3,800字），"
                    "可能粘贴了多余的内容"),
        ("warning", "“六、其他需要报告的事项”中“本单位全年未收取任何信息处理费用。”这句话重复了12000次，可能是粘贴出错"),
    ]
    assert where(found) == [("other", None, "204,000字"), ("other", 0, "重复12000次")]
    assert found[0].expected == "不超过20,000字"  # five times the longest real section (3,830), up to thousands


def test_s11_quiet_on_the_standard_narrative_and_on_a_sentence_said_twice() -> None:
    assert findings(make_doc(), "S11") == []
    twice = ["本年度未收取信息处理费。本年度未收取信息处理费。"]
    assert findings(make_doc(sections=with_section("六、其他需要报告的事项", twice)), "S11") == []
