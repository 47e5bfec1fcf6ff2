"""Sections split by their headings; organ, kind and year from the title and the opening."""

from __future__ import annotations

import pytest

from assistant.readers.sections import find_headings, guess_meta, organ_kind, split_document

SIX = ["overview", "proactive", "requests", "appeals", "problems", "other"]


def test_headings_run_together_in_one_line() -> None:
    text = ("某镇2024年政府信息公开工作年度报告 根据《条例》编制。一、总体情况2024年，我镇……二、主动公开政府信息情况"
            "第二十条第（一）项三、收到和处理政府信息公开申请情况（本列数据……）三、本年度办理结果四、结转下年度继续办理"
            "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼五、存在的主要问题及改进情况一是……"
            "六、其他需要报告的事项无。")
    headings = find_headings(text)
    assert [h.key for h in headings] == SIX
    assert [h.text for h in headings] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                          "六、其他需要报告的事项"]


def test_heading_variants() -> None:
    text = "\n".join(["—、总体情况", "正文。", "2、 主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、因政府信息公开申请行政复议、提起行政诉讼的情况",
                      "五、政府信息公开工作存在的主要问题及改进情况", "正文。", "六、其他事项", "无。"])
    headings = find_headings(text)
    assert [h.key for h in headings] == SIX
    assert headings[0].text == "—、总体情况" and headings[1].text == "2、 主动公开政府信息情况"
    assert headings[3].text == "四、因政府信息公开申请行政复议、提起行政诉讼的情况"


def test_the_overview_headed_in_other_words_is_read() -> None:  # t13h h16 鹤庆县2019
    text = "\n".join(["一、总体公开情况说明", "正文。", "二、主动公开政府信息情况", "正文。"])
    assert [h.text for h in find_headings(text)] == ["一、总体公开情况说明", "二、主动公开政府信息情况"]


def test_a_title_without_its_number_is_a_heading_only_on_a_line_of_its_own() -> None:  # unseen9b 17 昌荣镇2025
    text = "\n".join(["昌荣镇2025年政府信息公开工作年度报告", "总体情况", "（一）主动公开", "正文。", "主动公开政府信息情况", "正文。"])
    assert [(h.number, h.text) for h in find_headings(text)] == [(1, "总体情况"), (2, "主动公开政府信息情况")]
    in_a_sentence = "\n".join(["我镇2025年政府信息公开工作总体情况良好，主动公开政府信息情况如下。", "正文。"])
    assert find_headings(in_a_sentence) == []
    numbered_first = "\n".join(["一、总体情况", "正文。", "总体情况", "二、主动公开政府信息情况", "正文。"])
    assert [h.text for h in find_headings(numbered_first)] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_numbered_table_labels_are_not_headings() -> None:
    text = "一、总体情况\n正文。\n1.属于国家秘密 0\n2.重复申请 0\n五、存在的主要问题及改进情况\n正文。"
    assert [h.key for h in find_headings(text)] == ["overview", "problems"]


@pytest.mark.parametrize(("name", "kind"), [
    ("袁州区竹亭镇人民政府", "乡镇"), ("绥阳县小关乡人民政府", "乡镇"), ("迎宾路街道办事处", "街道"),
    ("洪泽区人民政府", "县级人民政府"), ("淮安市人民政府", "设区的市人民政府"), ("福建省人民政府", "省级人民政府"),
    ("上海市人民政府", "省级人民政府"), ("嘉祥县自然资源局", "部门"), ("平潭综合实验区", "其他"),
    ("城口县人民政府机关", "县级人民政府"),
])
def test_organ_kind(name: str, kind: str) -> None:
    assert organ_kind(name) == kind


def test_meta_from_title_on_two_lines() -> None:
    text = "- 1 -\n淮安市人民政府\n2024 年政府信息公开工作年度报告\n本报告由淮安市人民政府办公室编制。\n一、总体情况\n正文。"
    split = split_document(text)
    guess = guess_meta(split, text)
    assert (guess.organ_name, guess.organ_kind, guess.year, guess.notes) == (
        "淮安市人民政府", "设区的市人民政府", 2024, [])


def test_title_on_two_lines_the_organ_named_with_jiguan() -> None:
    text = ("城口县人民政府机关\n2020年政府信息公开工作年度报告\n本报告根据《中华人民共和国政府信息公开条例》要求编制。\n"
            "一、总体情况\n正文。")  # 城口县2020
    split = split_document(text)
    guess = guess_meta(split, text)
    assert split.title == "城口县人民政府机关2020年政府信息公开工作年度报告"
    assert (guess.organ_name, guess.organ_kind, guess.year, guess.organ_sure) == (
        "城口县人民政府机关", "县级人民政府", 2020, True)


def test_title_without_a_year_names_the_organ() -> None:
    text = "驼峰路街道办事处政府信息公开工作年度报告\n\n一、总体情况\n2020年度，我街办未接到政府信息公开申请。"  # 驼峰路街道2020
    split = split_document(text)
    guess = guess_meta(split, text)
    assert split.title == "驼峰路街道办事处政府信息公开工作年度报告"
    assert (guess.organ_name, guess.organ_kind, guess.organ_sure, guess.year, guess.year_sure) == (
        "驼峰路街道办事处", "街道", True, 2020, False)


def test_title_without_a_year_on_two_lines_names_the_organ() -> None:
    text = ("乌海市工业和信息化局\n政府信息公开工作年度报告\n为切实做好政府信息公开工作，扎实开展2020年政务公开各项工作。\n"
            "一、总体情况\n2020年度主动公开政府信息总数2942条。")  # 乌海市工业和信息化局2020 (t13f f12)
    split = split_document(text)
    guess = guess_meta(split, text)
    assert split.title == "乌海市工业和信息化局政府信息公开工作年度报告"
    assert split.preamble.strip() == "为切实做好政府信息公开工作，扎实开展2020年政务公开各项工作。"
    assert (guess.organ_name, guess.organ_kind, guess.organ_sure) == ("乌海市工业和信息化局", "部门", True)


def test_meta_inferred_when_the_title_is_missing() -> None:
    text = ("本报告由金屯镇人民政府编制。本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n"
            "一、总体情况\n2024年，金屯镇认真贯彻……")
    guess = guess_meta(split_document(text), text)
    assert (guess.organ_name, guess.organ_kind, guess.year) == ("金屯镇人民政府", "乡镇", 2024)
    assert guess.notes == ["标题中没有机关名称，按正文推断为“金屯镇人民政府”", "标题中没有年度，按统计期限推断为2024年"]


def test_a_title_with_guanyu_names_the_organ_without_it() -> None:  # t13h h16
    text = "鹤庆县人民政府关于2019年度政府信息公开工作年度报告\n一、总体公开情况说明\n正文。"
    guess = guess_meta(split_document(text), text)
    assert (guess.organ_name, guess.year) == ("鹤庆县人民政府", 2019)


def test_a_self_reference_after_a_verb_is_no_organ_name() -> None:  # t13h h01: "全面梳理、更新、完善我镇政府信息公开目录"
    text = "一、总体情况\n2023年我镇根据工作实际,全面梳理、更新、完善我镇政府信息公开目录。"
    assert guess_meta(split_document(text), text).organ_name is None


def test_meta_undetermined_is_said() -> None:
    text = "一、总体情况\n今年，我镇认真贯彻《条例》。"
    guess = guess_meta(split_document(text), text)
    assert guess.organ_name is None and guess.organ_kind == "乡镇" and guess.year is None
    assert guess.notes == ["未能从标题和正文确定机关名称", "未能确定报告年度"]


def test_run_on_section_split_before_its_subheadings() -> None:
    from assistant.readers.sections import paragraphs

    line = ("2019年，我区政府信息公开工作取得进展，但仍存在一些不足。" * 5 + "2020年，我们将采取以下措施加以改进："
            "（一）继续强化信息公开责任。切实贯彻落实《条例》。（二）继续完善信息公开机制。1.健全制度。2.加强培训。")
    assert [p[:8] for p in paragraphs(line, wrapped=False)] == [
        "2019年，我区", "（一）继续强化信", "（二）继续完善信", "1.健全制度。", "2.加强培训。"]


def test_title_below_a_truncated_breadcrumb() -> None:
    text = ("首页 > 政务公开 > 政府信息公开年报 > 2021 > 街道办事处政府信息公开工作年\n"
            "2021年迎宾路街道政府信息公开工作年度报告\n迎宾路街道办事处\n一、总体情况\n正文。")
    split = split_document(text)
    assert split.title == "2021年迎宾路街道政府信息公开工作年度报告"
    guess = guess_meta(split, text)
    assert (guess.organ_name, guess.year, guess.notes) == ("迎宾路街道办事处", 2021, [])


@pytest.mark.parametrize(("opening", "organ", "sure", "how"), [
    ("根据《条例》的规定，现公布遂溪县教育局2025年政府信息公开工作年度报告。如有疑问，请与县教育局办公室联系。",
     "遂溪县教育局", True, "开头对本报告的称呼"),  # 遂溪县教育局2025: the text elsewhere says 县教育局
    ("本报告包括总体情况等六个部分。如对本年度报告有疑问,请联系:杭州市滨江区人民政府长河街道办事处;联系电话:0571-86624908。",
     "杭州市滨江区人民政府长河街道办事处", False, "联系单位"),  # 长河街道2023
    # unseen 永安市卫生健康局2024: the year before the name, 信息公开年度报告 without 政府
    ("按照《条例》要求，特向社会公布2024年度永安市卫生健康局信息公开年度报告。如对本报告有疑问，请联系：永安市卫生健康局办公室"
     "（地址：永安市南区）。", "永安市卫生健康局", True, "开头对本报告的称呼"),
    # unseen 荣华街道2025 and the same contact shape for a bureau: the organ's office after its name
    ("所列统计数据时间范围为2025年1月1日至2025年12月31日。如本报告有疑问，请联系：硚口区荣华街道办事处党政综合办公室，"
     "地址：硚口区集贤里38号。", "硚口区荣华街道办事处", False, "联系单位"),
    ("如对本报告有疑问，请联系：永安市卫生健康局办公室（地址：永安市南区）。", "永安市卫生健康局", False, "联系单位"),
])
def test_organ_full_name_from_the_opening_when_the_title_lacks_it(opening: str, organ: str, sure: bool,
                                                                   how: str) -> None:
    text = opening + "\n一、总体情况\n2025年，本单位认真贯彻《条例》。"
    guess = guess_meta(split_document(text), text)
    assert (guess.organ_name, guess.organ_sure) == (organ, sure)
    assert guess.notes[0] == f"标题中没有机关名称，按{how}推断为“{organ}”"


def test_a_compiling_office_in_the_contact_line_is_not_taken_for_a_full_name() -> None:
    text = "如有疑问请与泸州市信息公开办公室联系。\n一、总体情况\n2019年，我市认真贯彻《条例》。"
    assert guess_meta(split_document(text), text).organ_name is None
    # a government's 办公室 is an organ of its own, not the government (the county office for a township's report)
    text = "如对本报告有疑问，请联系：示范县人民政府办公室（地址：示范县）。\n一、总体情况\n2024年，我镇认真贯彻《条例》。"
    assert guess_meta(split_document(text), text).organ_name != "示范县人民政府"


def test_heading_with_extra_words_on_its_own_line() -> None:
    # 上湾乡2019: "一、2019年政府信息公开工作的总体情况" (more words before 总体情况 than a heading inside a line may have)
    text = ("一、2019年政府信息公开工作的总体情况\n\n一是按章办事。\n\n二、主动公开政府信息情况\n见下表。\n")
    assert [(h.number, h.text) for h in find_headings(text)] == [
        (1, "一、2019年政府信息公开工作的总体情况"), (2, "二、主动公开政府信息情况")]
    # the same words inside a paragraph are no heading
    text = ("本报告说明一、2019年政府信息公开工作的总体情况，并附统计表。\n二、主动公开政府信息情况\n见下表。\n")
    assert [h.number for h in find_headings(text)] == [2]


def test_organ_from_the_title_quoted_in_the_opening_past_a_mirror_label() -> None:
    # 西柳镇2023 as a mirror page stored it: no title line; the opening quotes the title behind an injected label
    text = ("按照《中华人民共和国政府信息公开条例》要求，现编制形成了《uedbet体育_uedbet官网@:西柳镇人民政府2023年政府信息公开工作"
            "年度报告》。\n一、总体情况\n(一)主动公开政府信息情况:西柳镇人民政府主动公开政府信息27次。\n")
    guess = guess_meta(split_document(text), text)
    assert (guess.organ_name, guess.organ_kind, guess.organ_sure) == ("西柳镇人民政府", "乡镇", True)
