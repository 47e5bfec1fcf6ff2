"""The line model of a justified body paragraph: exact line starts and the breaks that keep addresses whole.

Body line: 442.2 pt (the 156 mm type area), the first line indented two characters (32 pt); a Chinese character
takes 15.5 pt (97% of 16 pt, in whole twips), so the first line holds 26 characters and the others 28.
"""

from __future__ import annotations

from assistant.addresses import join_layout_breaks
from assistant.render.body_lines import BODY_LINE_PT, FIRST_INDENT_PT
from assistant.render.docx import CONDENSE_STEPS_PT
from assistant.render.line_model import (
    Run,
    address_breaks,
    condensed_from,
    is_lone_last_line,
    keep_numbers_whole,
    kept_spans,
    lay_out,
    layout_breaks,
    line_end_spacing,
    line_starts,
    pull_up_last_line,
    spaced,
)
from tests.handmade import CONTACT_TWO_BREAKS, OPENING_2019_3


def starts(text: str, forced: tuple[int, ...] = ()) -> list[int]:
    return line_starts([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT, forced)


def breaks(text: str) -> list[int]:
    return address_breaks([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT)


def test_the_body_line_and_indent():
    assert (BODY_LINE_PT, FIRST_INDENT_PT) == (442.2, 32.0)


def test_chinese_lines_hold_26_then_28_characters():
    assert starts("政" * 60) == [26, 54]
    assert starts("政" * 26) == []


def test_a_comma_never_starts_a_line_it_takes_the_character_before_along():
    assert starts("政" * 26 + "，" + "政" * 10) == [25]


def test_a_full_stop_holds_on_to_the_number_after_it():
    # LibreOffice does not break between "。" and "2020": "开。2020" goes down whole
    text = "政" * 22 + "主动公开。2020年" + "政" * 10
    assert starts(text) == [25]


def test_a_web_address_breaks_after_its_slashes_without_help():
    text = "本报告电子版可在示范县人民政府门户网站（https://www.shifan.gov.cn/）下载。"
    assert starts(text) == [text.index("www")]


def test_a_manual_break_starts_a_new_line():
    assert starts("政" * 30, forced=(10,)) == [10]


def test_the_break_goes_before_the_bracket_of_a_straddling_address():
    text = "本报告电子版可在示范县人民政府门户网站（https://www.shifan.gov.cn/）下载。"
    assert breaks(text) == [19]
    assert text[19:21] == "（h"
    assert starts(text, forced=(19,)) == [19]  # then the address and its brackets are on the second line


def test_a_phone_number_at_a_line_end_moves_whole():
    text = "政" * 20 + "电话：0795-3648348。"
    assert starts(text) == [text.index("3648348")]  # LibreOffice alone breaks after the "-"
    assert breaks(text) == [text.index("0795")]


def test_nothing_moves_when_the_address_fits():
    text = "如对本报告有疑问，请与示范县金沙河镇人民政府党政办公室联系（电话：0795-3648348）。"
    assert starts(text) == [26] and text.index("0795") > 26
    assert breaks(text) == []


def test_an_address_longer_than_a_line_that_would_break_right_after_its_scheme_starts_the_next_line():
    # LibreOffice would end the line after "（https://" (no "/" of the path on the line): the address goes down
    # with its "（", and breaks after its "-" and "/" there by itself
    text = "网站" * 10 + "（https://www.changleshan-demonstration-county.gov.cn/col/col1229567890/index.html?uid=8934567）"
    assert starts(text)[0] == text.index("www.")
    assert breaks(text) == [text.index("（")]


def test_latin_text_takes_times_new_roman_advances():
    # 28 cells of Chinese fit; 27 characters and "2024" (4 × 8 pt + 3.2 pt script space = 35.2 pt) do not
    assert starts("政" * 26 + "政" * 27 + "2024") == [26, 53]
    assert starts("政" * 26 + "政" * 26 + "2024") == [26]


def test_kept_spans_are_addresses_and_phone_numbers():
    text = "电话0795-3648348，邮箱dzb4@example.gov.cn，网址http://www.a.gov.cn/x/。编号12345-678"
    assert [text[a:b] for a, b in kept_spans(text)] == ["0795-3648348", "dzb4@example.gov.cn",
                                                         "http://www.a.gov.cn/x/"]


def test_an_address_that_would_wrap_whole_gets_a_break_when_the_line_before_would_spread():
    # LibreOffice would move the e-mail address down whole and spread the 17 characters before it over the line
    # (146.7 pt to share: 8.6 pt beside each character, more than half a cell); the break leaves them unspread
    text = "政" * 14 + "邮箱：qingshizhen@example.gov.cn。"
    assert starts(text) == [17]
    assert breaks(text) == [17]
    # with 23 characters before it 53.7 pt would be spread (2.3 pt a character): more than a character's width of
    # extra space reads as letter-spaced (an outside reviewer's "邮政编码：410600，电话：0731-84567890，邮箱：" had
    # 91 pt), so the line ends at a manual break too
    text = "政" * 20 + "邮箱：qingshizhen@example.gov.cn。"
    assert starts(text) == [23]
    assert breaks(text) == [23]
    # with 26 characters before it the line is full: no break
    text = "政" * 23 + "邮箱：qingshizhen@example.gov.cn。"
    assert starts(text) == [26]
    assert breaks(text) == []


def layout(text: str) -> list[int]:
    return layout_breaks([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT)


OPENING_D4 = ("示范市高新技术产业开发区管理委员会经济发展和科技创新局办公室按照《中华人民共和国政府信息公开条例》（以下简称"
              "《条例》）和年度报告格式的有关通知（国办公开办函〔2021〕30号）要求编制本报告。本报告电子版可在示范市高新技术"
              "产业开发区管理委员会门户网站“政府信息公开”专栏（https://www.gaoxinqu-shifan.gov.cn/col/col12345/index.html?"
              "type=zfxxgk&dept=jkj）查阅。")


def test_a_document_number_goes_down_whole_with_its_prefix_and_the_line_before_ends_unspread():
    # an outside reviewer's opening: LibreOffice does not break between "〕" and "30", so it would set "（国办公开办函" /
    # "〔2021〕30号）", parting the number from its issuing prefix (a second reviewer found 7 such in 6 reports) and
    # justifying the line before over 70 pt. The number goes down whole with its prefix and bracket, after a manual
    # break: the line before stays unspread (ragged, 178.7 pt short)
    text = OPENING_D4
    assert starts(text)[1:3] == [text.index("《条例》）和"), text.index("〔2021〕")]
    assert layout(text) == [text.index("（国办公开办函")]
    lines = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT, layout(text))
    assert [text[line.start:line.end] for line in lines[2:4]] == [
        "《条例》）和年度报告格式的有关通知", "（国办公开办函〔2021〕30号）要求编制本报告。本报告电子版"]
    assert round(BODY_LINE_PT - lines[2].filled, 1) == 178.7


def test_an_address_longer_than_a_line_starts_its_line_with_its_bracket_and_ends_it_unspread():
    # "（https://" no longer fits at the end of the fifth line; the address's middle up to its "?" is a line of its
    # own (no Chinese character to spread at: LibreOffice put 24 pt after a "（"), so it ends at a manual break
    # (the opening with a number that is not a document number, which would go down whole and move the lines); the
    # line before the bracket ends at a manual break too (54.7 pt short: more than a character's width to spread)
    text = OPENING_D4.replace("30号）", "30）")
    breaks_here = layout(text)
    lines = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT, breaks_here)
    assert [text[line.start:line.end] for line in lines[4:7]] == [
        "术产业开发区管理委员会门户网站“政府信息公开”专栏",
        "（https://www.gaoxinqu-shifan.gov.cn/col/col12345/index.html?",
        "type=zfxxgk&dept=jkj）查阅。"]
    assert breaks_here == [text.index("（https"), text.index("type=")]


def test_the_readers_take_every_layout_break_out_again():
    text = CONTACT_TWO_BREAKS
    broken = text
    for cut in reversed(layout(text)):
        broken = broken[:cut] + "\n" + broken[cut:]
    assert broken.count("\n") == 2 and join_layout_breaks(broken) == text
    # a break after "〕" before a number is not one of them
    assert join_layout_breaks("（国办公开办函〔2021〕\n30号）") == "（国办公开办函〔2021〕\n30号）"


def test_a_document_number_that_does_not_fit_goes_down_whole_after_the_word_leading_into_it():
    # LibreOffice would set "…依据湘源政办发" / "〔2019〕27号" (an outside reviewer found "依据湘源" / "政办发〔2019〕27号"
    # too): the number goes down with its whole prefix, "依据" stays
    text = "政" * 17 + "，依据湘源政办发〔2019〕27号文件要求编制本报告。"
    assert starts(text) == [text.index("〔")]
    assert layout(text) == [text.index("湘源政办发")]
    assert join_layout_breaks(text.replace("依据", "依据\n")) == text
    # "印发了": the particle stays with its verb ("…印发了" / "湘政办发〔2023〕5号", not "…印发" / "了湘政办发…")
    text = "为规范政府信息公开工作，" + "政" * 4 + "县政府印发了湘政办发〔2023〕5号文件。"
    assert layout(text) == [text.index("湘政办发")]
    assert join_layout_breaks(text.replace("了", "了\n")) == text


def pulled(text: str) -> tuple[int, float] | None:
    runs = [Run(text)]
    return pull_up_last_line(runs, BODY_LINE_PT, FIRST_INDENT_PT, layout_breaks(runs, BODY_LINE_PT, FIRST_INDENT_PT),
                             CONDENSE_STEPS_PT)


def test_a_last_line_of_two_characters_is_pulled_up_by_condensing_the_line_before():
    text = "政" * 54 + "表。"
    assert starts(text) == [26, 54]  # "表。" alone on the third line
    # the second line and "表。": 30 characters of 15.5 pt within 442.2 − 2 pt, all but the run's last condensed
    # (LibreOffice leaves the spacing off a run's last character): 0.9 pt less each (0.85 leaves 1.85)
    assert pulled(text) == (26, -0.9)
    assert len(lay_out(condensed_from([Run(text)], 26, -0.9), BODY_LINE_PT, FIRST_INDENT_PT)) == 2


def test_the_last_character_of_each_run_keeps_its_width_on_a_condensed_line():
    # 27 characters and "2024" (32 pt and two script spaces of 3.2 pt) on the second line with "表。": 456.9 pt to fit
    # into 442.2 − 2 pt. The renderer sets "2024" in a run of its own, so three of the 31 characters end a run and are
    # not condensed in LibreOffice (the character before "2024", its "4", the final "。"): 0.6 pt less each of the 28
    # leaves 2.1 pt, 0.55 pt 0.7 pt. (A point more to spare for each run of digits stood in for this until it was
    # measured: a line condensed 0.85 pt with four runs of digits was 4.2 pt wider than every character condensed.)
    text = "政" * 26 + "政" * 24 + "2024" + "政" + "表。"
    assert starts(text) == [26, 55]
    assert pulled(text) == (26, -0.6)


def test_a_last_line_of_three_characters_or_one_that_cannot_come_up_stays():
    assert pulled("政" * 55 + "表。") is None
    assert pulled("政" * 26 + "政" * 20 + "表。") is None  # one line of 22: no lone last line
    assert pulled("政" * 20 + "表。") is None  # a single line


def test_an_address_is_looked_at_again_after_a_break_for_a_spread_line_moved_it():
    # a random report's opening: it had two breaks while the renderer broke after "〔2019〕" (which moved the
    # address across a line end, so it was looked at again and moved whole). The number now stays whole, the third
    # line is justified before it, and the address fits on the last line: no break at all
    # (now the document number goes down whole with its prefix and bracket: one break, before "（国办公开办函")
    text = OPENING_2019_3
    assert breaks(text) == layout(text) == [text.index("（国办公开办函")]
    lines = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT, layout(text))
    assert text[lines[-1].start:lines[-1].end] == "询。"  # lone: condensed up onto the line before
    assert spaced_lines(text)[-1] == "“政府信息公开”专栏（http://www.shifan.gov.cn/xxgk/长岭/）查询。"


def test_a_condensed_first_character_never_goes_up_onto_the_line_before():
    # sample town's closing paragraph: "查。" alone on the third line; condensing the second line from its start let
    # its "重" fit the first line with 0.15 pt to spare in the model, not in LibreOffice (one character too many was
    # left for the second line, and "查。" stayed). Only a condensation that leaves the first line as it is counts:
    # "重" keeps its width and the 28 characters after it but the last take 0.9 pt less each (0.85 leaves 1.0 pt)
    text = "本镇将在2025年做好以下工作：一是丰富政策解读形式，重要政策同步发布图解解读；二是加强对村级公开栏的指导和督查。"
    second = text.index("重")
    assert starts(text) == [second, len(text) - 2]
    assert pulled(text) == (second + 1, -0.9)
    lines = lay_out(condensed_from([Run(text)], second + 1, -0.9), BODY_LINE_PT, FIRST_INDENT_PT)
    assert [line.start for line in lines] == [0, second] and round(BODY_LINE_PT - lines[-1].filled, 2) == 2.4
    # condensed from "重" on, the model itself moves "重" up from 0.2 pt a character: no such step is taken
    moved = lay_out(condensed_from([Run(text)], second, -0.2), BODY_LINE_PT, FIRST_INDENT_PT)
    assert moved[1].start == second + 1


def test_a_run_in_heading_is_condensed_too_when_the_text_after_it_cannot_take_the_last_line_up_alone():
    # the handmade （一） paragraph: heading in 楷体 at full width (16 pt), then 17 characters of text on its first
    # line and "条。" below; the 20 characters after the heading would need more than 1 pt less each, the 28 from the
    # line's start 0.9 pt (the heading's 8 characters condensed with them; the last of each of the four runs, the
    # heading, the text, "55" and "条。", keeps its width)
    heading, rest = "（一）主动公开。", "全年通过政府网站主动公开政府信息55条。"
    runs = [Run(heading, 16.0, 100), Run(rest)]
    assert line_starts(runs, BODY_LINE_PT, FIRST_INDENT_PT) == [len(heading + rest) - 2]
    forced = layout_breaks(runs, BODY_LINE_PT, FIRST_INDENT_PT)
    assert pull_up_last_line(runs, BODY_LINE_PT, FIRST_INDENT_PT, forced, CONDENSE_STEPS_PT) == (0, -0.9)
    # the text after the heading alone, 1 pt less each of its 17 characters that do not end a run: still 2.2 pt over
    alone = lay_out(condensed_from(runs, len(heading), -1.0), BODY_LINE_PT, FIRST_INDENT_PT)
    assert len(alone) == 2
    assert pull_up_last_line(runs, BODY_LINE_PT, FIRST_INDENT_PT, forced, CONDENSE_STEPS_PT, len(heading)) == (0, -0.9)


def spaced_lines(text: str) -> list[str]:
    runs = [Run(text)]
    forced = layout_breaks(runs, BODY_LINE_PT, FIRST_INDENT_PT)
    spacing = line_end_spacing(runs, BODY_LINE_PT, FIRST_INDENT_PT, forced, CONDENSE_STEPS_PT)
    return [text[line.start:line.end] for line in lay_out(spaced(runs, spacing), BODY_LINE_PT, FIRST_INDENT_PT,
                                                           forced)]


def test_a_lone_last_line_is_narrower_than_two_and_a_half_characters_before_its_closing_marks():
    # by width, not by count: "15件" is two cells (two half-width digits and a character; 2.24 as the model measures
    # it), as short as "情况"; "100件" (2.75) and "的申请" (3) are not lone
    assert [is_lone_last_line(t) for t in ("篇。", "情况。", "表", "15。", "”。", "15件。", "2024。", "100件。", "的申请。",
                                           "检查专栏更新情况。")] == [
        True, True, True, True, True, True, True, False, False, False]


def test_a_last_line_of_a_character_and_two_digits_gets_company_like_one_of_two_characters():
    text = "本年度，本镇共收到政府信息公开申请，其中自然人提出申请，法人或者其他组织提出申请，均已按期答复，年内办结申请15件。"
    assert starts(text) == [26, 54] and text[54:] == "15件。"  # as short alone on the third line as "情况。"
    assert pulled(text) is None  # 50 pt: more than the line before can give at 1 pt a character
    # the line before expanded 0.4 pt a character (and justified): "请" goes down to "15件。"
    assert spaced_lines(text) == [text[:26], text[26:53], "请15件。"]


def test_a_lone_last_line_that_cannot_be_pulled_up_gets_company_from_the_line_before():
    # an outside reviewer's B: "…全年发布解读材料15" / "篇。": 1 pt less a character leaves 1.3 pt on the line, not
    # the 3 pt asked with digits on it; the line before is expanded (and justified) so "料15" goes down to "篇。"
    # ("15篇。" alone would be as short as "情况。")
    text = "关于上年度问题的改进，我街道针对上年度政策解读不够深入的问题，组织专人对重要政策开展解读，全年发布解读材料15篇。"
    assert starts(text)[-1] == len(text) - 2 and pulled(text) is None
    assert spaced_lines(text)[-2:] == ["入的问题，组织专人对重要政策开展解读，全年发布解读材", "料15篇。"]
    # three characters, two of them Chinese ("情况。", "申请。"): too many to pull up, one goes down with them
    text = "本年度，我乡没有收到政府信息公开申请，也无上年结转的申请。"
    assert starts(text) == [len(text) - 3] and pulled(text) is None
    assert spaced_lines(text) == ["本年度，我乡没有收到政府信息公开申请，也无上年结转", "的申请。"]
    # a short last line of three characters before its mark is left alone
    assert spaced_lines("政" * 26 + "检查专栏。")[-1] == "检查专栏。"


def test_a_number_keeps_its_year_and_its_document_number_its_hao():
    # the reviewer's Q and Z: "…自" / "2024" at a line end, "年1月1日" below: the line is condensed 0.25 pt a
    # character so "年" comes up (a digit and a Chinese character may part in LibreOffice, not in a typesetter's eye)
    text = ("本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）及国务院办公厅政府信息与政务公开办公室《关于"
            "政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕30号）要求编制。本报告所列数据的统计期限自"
            "2020年1月1日起至2020年12月31日止。公众可在示范县人民政府网站查阅本报告电子版。")
    plain = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT)
    assert text[plain[3].end - 4:plain[3].end + 1] == "2020年"  # LibreOffice alone parts them
    assert [round(s.pt, 2) for s in keep_numbers_whole([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT, [],
                                                       CONDENSE_STEPS_PT)] == [-0.25]
    # (without the document number, which now goes down whole with its prefix and moves the lines)
    text = text.replace("30号）", "30期）")
    plain = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT)
    assert text[plain[3].end - 4:plain[3].end + 1] == "2020年"  # LibreOffice alone parts them
    lines = spaced_lines(text)
    assert lines[3].endswith("统计期限自2020年") and lines[4].startswith("1月1日起")
    # "〔2021〕30" fits, "号）" does not: 30 goes down with its bracketed year (the line before expanded), not
    # "〔2021〕30" / "号）"
    text = "政" * 14 + "（国办公开办函〔2021〕30号）要求编制本报告。"
    assert lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT)[0].end == text.index("号")
    assert spaced_lines(text)[1].startswith("（国办公开办函〔2021〕30号）")  # with its prefix (a manual break)


def test_a_web_address_longer_than_a_line_breaks_after_a_slash_of_its_path_only():
    # a second outside reviewer's r3: LibreOffice broke "…专栏（https://" / "www.xiangyuan.gov.cn/bmxxgk/农业…综合行政执"
    # / "法局/）" (after the scheme, inside the Chinese path segment); the line holding the address's start now ends
    # after "bmxxgk/" with a manual break, and the Chinese segment starts the next line whole
    text = ("本报告电子版可在湘源区人民政府门户网站“部门信息公开”专栏（https://www.xiangyuan.gov.cn/bmxxgk/农业农村和水利"
            "水产综合行政执法局/）下载。如对本报告有疑问，请与示范市湘源区农业农村和水利水产综合行政执法局办公室联系。")
    plain = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT)
    assert text[plain[1].end - 3:plain[1].end + 1] == "村和水利"  # the model, as LibreOffice, breaks in the segment
    assert layout(text) == [text.index("农业农村和水利")]
    lines = lay_out([Run(text)], BODY_LINE_PT, FIRST_INDENT_PT, layout(text))
    assert [text[line.start:line.end] for line in lines[1:3]] == [
        "开”专栏（https://www.xiangyuan.gov.cn/bmxxgk/", "农业农村和水利水产综合行政执法局/）下载。如对本报告有疑"]
    broken = text[:lines[2].start] + "\n" + text[lines[2].start:]
    assert join_layout_breaks(broken) == text


def test_a_line_spread_before_a_year_held_to_its_full_stop_ends_after_the_stop() -> None:
    """review-changling-2020 (session 9's wording): LibreOffice holds "。2020年" together, so "构。2020年" went down and
    "…申请受理机" was spread 52 pt. The line now ends after "。" (a break the readers take out again), a character and
    a half short: shorter than two characters is better than spread."""
    from assistant.render.docx import body_line_breaks

    text = "我乡明确党政综合办公室为政府信息公开申请受理机构。2020年，我乡没有收到政府信息公开申请，也无上年结转的申请。"
    assert body_line_breaks(text) == [text.index("。") + 1]
