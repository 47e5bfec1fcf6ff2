"""Year rules Y1–Y8 on real wording from the corpus, and Y7 on an input file's 落款日期."""

from __future__ import annotations

from datetime import date

import pytest

from tests.narrative import ZHUTING, findings, make_doc, where, with_section

PERIOD_2024 = "本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。"


def test_y1_title_year_differs() -> None:
    found = findings(make_doc(title="示范县青石镇人民政府2023年政府信息公开工作年度报告"), "Y1")
    assert where(found) == [("title", 0, "2023")]
    assert found[0].expected == 2024


def test_y1_title_without_year_is_a_warning() -> None:
    found = findings(make_doc(title="政府信息公开工作年度报告"), "Y1")
    assert [(f.severity, f.found) for f in found] == [("warning", "无年度")]


def test_y1_quiet_on_right_year() -> None:
    assert findings(make_doc(title="示范县青石镇人民政府2024年度政府信息公开工作年度报告"), "Y1") == []


def test_y2_garbled_period_012() -> None:
    text = "报告中所列数据统计期限为2025111231日。"
    found = findings(make_doc(preamble=[text], year=2025), "Y2")
    assert where(found) == [("preamble", 0, "2025111231日")]


def test_y2_a_year_of_six_digits() -> None:
    """Unseen report (中埠镇 2020): "自2020年1月1日起至202020年12月31日止" was passed (its last four digits read as 2020)."""
    text = "本报告中所列数据的统计期限自2020年1月1日起至202020年12月31日止。"
    found = findings(make_doc(preamble=[text], year=2020), "Y2")
    assert [(f.severity, f.message, f.found) for f in found] == [("error", "统计期限的日期写法有误：“202020年”", "202020年")]


def test_y2_garbled_end_date_013() -> None:
    text = "所列数据截止日期为20251231日,电子版可在通化市人民政府门户网站下载。"
    assert [f.found for f in findings(make_doc(preamble=[text], year=2025), "Y2")] == ["20251231日"]


def test_y2_period_of_another_year() -> None:
    text = "本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
    found = findings(make_doc(preamble=[text]), "Y2")
    assert [f.found for f in found] == ["2023年1月1日", "2023年12月31日"]
    assert found[0].expected == "2024年1月1日至2024年12月31日"


def test_y2_quiet_on_well_formed_periods() -> None:
    for text in (PERIOD_2024, "本年度报告中所列数据的统计期限自2024年1月1日起至12月31日止。",
                 "报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。"):
        assert findings(make_doc(preamble=[text]), "Y2") == [], text


def test_y2_no_period_stated_is_info() -> None:
    found = findings(make_doc(preamble=["现将2024年青石镇政府信息公开工作情况报告如下："]), "Y2")
    assert [(f.severity, f.found) for f in found] == [("info", "未说明")]


def test_y3_this_year_naming_another_year() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["本年度，我镇于2023年通过门户网站主动公开信息128条。"]))
    assert where(findings(doc, "Y3")) == [("overview", 0, "2023")]


def test_y3_quiet_on_comparisons() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["本年度共收到申请12件，较2023年增加2件。",
                                                        "今年以来，我镇主动公开信息128条。"]))
    assert findings(doc, "Y3") == []


def test_y4_plans_dated_report_year_000_and_018() -> None:
    doc = make_doc(ZHUTING, sections=with_section("五、存在的主要问题及改进情况", [
        "为此，2020年政府信息公开工作我们将采取以下措施积极改进：  "]))
    found = findings(doc, "Y4")
    assert where(found) == [("problems", 0, "2020")]
    assert found[0].expected == 2021
    doc = make_doc(year=2021, sections=with_section("五、存在的主要问题及改进情况", [
        "主要体现在信息公开内容不够及时。2021年将从以下方面进行改进：一是开展调查研究。"]))
    assert where(findings(doc, "Y4")) == [("problems", 0, "2021")]


def test_y4_carried_forward_to_the_report_year() -> None:
    doc = make_doc(year=2025, sections=with_section("一、总体情况", [
        "2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2025年6件。"]))
    assert [f.found for f in findings(doc, "Y4")] == [2025]


def test_y4_quiet_on_next_year_and_past_actions() -> None:
    doc = make_doc(sections=with_section("五、存在的主要问题及改进情况", [
        "2025年，我镇将从以下方面改进：一是丰富政策解读形式。",
        "2024年，我镇将政务公开纳入对各村的年度考核。",
        "下一步，我镇将着力加强政策解读质效。",
        "2024年，全镇共收到申请12件，结转至2025年1件。"]))
    assert findings(doc, "Y4") == []


def test_y5_year_beyond_next() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["2042年，我镇主动公开政府信息128条。"]))
    assert where(findings(doc, "Y5")) == [("overview", 0, "2042")]


def test_y5_quiet_on_horizons_and_ranges() -> None:
    doc = make_doc(sections=with_section("一、总体情况", [
        "围绕2021—2030年发展规划和到2035年远景目标，发布政策解读。", "落款日期为2025年1月20日。"]))
    assert findings(doc, "Y5") == []


def test_y6_stale_year_in_report_narrative() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["2023年，青石镇扎实推进政务公开工作。"]))
    found = findings(doc, "Y6")
    assert where(found) == [("overview", 0, "2023")]
    assert found[0].severity == "warning"


def test_y6_quiet_on_legitimate_past_years() -> None:
    doc = make_doc(sections=with_section("一、总体情况", [
        "公开2024年财政预算和2023年决算。", "针对2023年度报告中指出的问题，已全部整改。",
        "自2019年以来，持续推进“五公开”。", "2024年，青石镇扎实推进政务公开工作。"]))
    assert findings(doc, "Y6") == []


def test_y6_quiet_on_last_year_in_last_years_problems_review9() -> None:
    """Outside reviewer, session 9 (07): the tool's own 五 named last year's problem by its year, and Y6 warned."""
    fixed = "针对上年度报告所列问题，2024年存在的专栏更新不及时问题，已建立每周更新机制，已整改到位。"
    assert findings(make_doc(year=2025, sections=with_section("五、存在的主要问题及改进情况", [fixed])), "Y6") == []
    said_once = ["上年度问题整改情况如下。", "2024年存在的专栏更新不及时问题，已建立每周更新机制。"]  # 五: the paragraph says it
    assert findings(make_doc(year=2025, sections=with_section("五、存在的主要问题及改进情况", [" ".join(said_once)])),
                    "Y6") == []


def test_y6_still_warns_on_last_year_outside_last_years_problems() -> None:
    copied = "2024年，我镇主动公开政府信息128条，较上年增长10%。"  # last year's sentence, its comparison no context
    doc = make_doc(year=2025, sections=with_section("一、总体情况", [copied]))
    assert where(findings(doc, "Y6")) == [("overview", 0, "2024")]
    two_years_back = "针对上年度报告所列问题，2023年存在的专栏更新不及时问题，已整改到位。"  # not last year
    doc = make_doc(year=2025, sections=with_section("五、存在的主要问题及改进情况", [two_years_back]))
    assert where(findings(doc, "Y6")) == [("problems", 0, "2023")]
    elsewhere = "上年度问题已整改。2024年，我镇主动公开政府信息128条。"  # another sentence, outside 五
    doc = make_doc(year=2025, sections=with_section("一、总体情况", [elsewhere]))
    assert where(findings(doc, "Y6")) == [("overview", 0, "2024")]


def test_y3_and_y6_do_not_both_report_one_year() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["本年度，我镇于2023年通过门户网站主动公开信息128条。"]))
    assert [f.rule for f in findings(doc, "Y3") + findings(doc, "Y6")] == ["Y3"]


def test_y7_closing_date_in_the_report_year() -> None:
    doc = make_doc(sections=with_section("一、总体情况", []))
    doc.draft.closing = ["示范县青石镇人民政府", "2024年1月20日"]  # type: ignore[union-attr]
    found = findings(doc, "Y7")
    assert where(found) == [("closing", 1, "2024年1月20日")]
    assert found[0].severity == "error"


def test_a_late_signing_date_is_y7s_warning_not_an_impossible_year() -> None:
    """Bug (outside tester): a 2024 report signed 2026-03-01 got a Y7 warning from ``check``, but ``draft`` wrote the
    date into the closing and Y5 called it an error ("2024年度报告中出现2026年"), so no final document."""
    doc = make_doc(sections=with_section("一、总体情况", []))
    doc.draft.closing = ["示范县青石镇人民政府", "2026年3月1日"]  # type: ignore[union-attr]
    assert findings(doc, "Y5") == []
    assert [(f.severity, f.location.section, f.message) for f in findings(doc, "Y7")] == [
        ("warning", "closing", "落款日期“2026年3月1日”不在2024年度报告应有的发布年份（2025年）")]


def test_y7_quiet_on_next_year() -> None:
    doc = make_doc()
    doc.draft.closing = ["示范县青石镇人民政府", "2025年1月20日"]  # type: ignore[union-attr]
    assert findings(doc, "Y7") == []


@pytest.mark.parametrize(("signed", "severity"), [
    (date(2024, 6, 1), "error"),  # before the year ended
    (date(2026, 1, 20), "warning"),  # a year late
])
def test_y7_judges_the_input_sign_date_without_a_narrative(signed: date, severity: str) -> None:
    """Bug: ``check`` of an input file (no narrative) never ran Y7, while ``draft`` of it reported Y7 on the closing
    it wrote from meta.sign_date."""
    doc = make_doc(sign_date=signed)
    doc.draft = None
    written = f"{signed.year}年{signed.month}月{signed.day}日"
    assert [(f.severity, f.location.cell, f.location.describe(doc.report), f.message) for f in findings(doc, "Y7")] == [
        (severity, "meta.sign_date", "基本信息·落款日期", f"落款日期“{written}”不在2024年度报告应有的发布年份（2025年）")]


def test_y7_quiet_on_an_input_signed_the_next_year() -> None:
    doc = make_doc(sign_date=date(2025, 1, 20))
    doc.draft = None
    assert findings(doc, "Y7") == []


def test_y4_quiet_on_xianjiang_report_wording_017() -> None:
    doc = make_doc(year=2021, preamble=["根据上级的统一部署和要求，现将2021年迎宾路街道办事处政府信息公开情况报告如下："])
    assert findings(doc, "Y4") == []


def test_y6_notice_about_last_years_report_003() -> None:
    text = "根据《福建省人民政府办公厅关于编制公布2020年政府信息公开工作年度报告有关事项的通知》等文件要求，我区编制完成了本报告。"
    found = findings(make_doc(year=2021, preamble=[text]), "Y6")
    assert where(found) == [("preamble", 0, "2020")]
    ok = text.replace("2020年", "2021年")
    assert findings(make_doc(year=2021, preamble=[ok]), "Y6") == []


def test_y2_period_stated_as_a_year() -> None:
    assert findings(make_doc(preamble=["本报告所列数据统计期限为2024年度。"]), "Y2") == []
    found = findings(make_doc(preamble=["本报告所列数据统计期限为2023年度。"]), "Y2")
    assert [f.found for f in found] == [2023]


def test_y2_end_date_without_ri_xiliu_2023() -> None:
    text = "本报告中所列数据的统计期限从2023年1月1日至12月31止。"
    assert [f.found for f in findings(make_doc(preamble=[text], year=2023), "Y2")] == ["12月31"]


def test_y6_last_year_in_this_years_account_shahu_2023() -> None:
    text = "(二)政府信息依申请公开情况。2022年我镇收到依申请公开申请事项0件,在规定时限内向申请人同意公开0件。"
    doc = make_doc(year=2023, sections=with_section("一、总体情况", [text]))
    assert where(findings(doc, "Y6")) == [("overview", 0, "2022")]


def test_y4_quiet_on_ba_construction_with_jiehe() -> None:
    doc = make_doc(sections=with_section("一、总体情况", ["2024年，我镇将政务公开与基层治理相结合，提升公开实效。"]))
    assert findings(doc, "Y4") == []


def test_y2_period_without_keyword_ending_early_shanyang_2020() -> None:
    text = ("本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、"
            "存在的主要问题及改进情况、其他需要报告的事项等六部分组成，涵盖2020年1月1日至12月21日山阳县人民政府信息公开工作情况。")
    found = findings(make_doc(ZHUTING, preamble=[text]), "Y2")
    assert [f.found for f in found] == ["12月21日"]


def test_y8_this_year_in_a_report_published_after_it_ended_e37() -> None:
    doc = make_doc(sections=with_section("一、总体情况", [
        "今年以来，我镇扎实推进政务公开工作。", "今年共收到政府信息公开申请13件。"]))
    found = findings(doc, "Y8")
    assert [(f.severity, f.location.paragraph, f.location.span, f.found, f.message) for f in found] == [
        ("warning", 0, (0, 4), "今年以来", "2024年度报告在2024年结束后发布，“今年以来”指代不明（全文共2处）")]
    assert found[0].suggestion == "改为“2024年”（如“2024年以来”）"
