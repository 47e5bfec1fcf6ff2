"""Chinese text -> claims: numerals, units, subjects mapped to figure ids, qualifiers, zero and universal statements."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.claims import (
    Claim,
    draft_claims,
    extract,
    is_time_limit,
    mask_idioms,
    percent_of,
    share_base,
    vocabulary,
)
from assistant.facts import FactSheet
from assistant.model import Draft, Section
from assistant.numbering import to_number
from assistant.readers import load_document
from tests.conftest import CORPUS, EXAMPLES


def numbers(text: str) -> list[Claim]:
    return [c for c in extract(text) if c.kind in ("number", "percent")]


def one(text: str) -> Claim:
    """The only claim of a text (or the last one, when a text names several)."""
    found = numbers(text)
    assert len(found) == 1 or "、" in text, [c.text for c in found]
    return found[-1]


def statements(text: str, kind: str) -> list[Claim]:
    return [c for c in extract(text) if c.kind == kind]


# --- numerals and units ---------------------------------------------------------------------------------------


def test_engineering_notes_example() -> None:
    text = ("2025年共收到申请十二件，较上年增加两件；受理1,234件。主动公开信息1.2万条！推进“一件事一次办”，"
            "落实一次性告知，召开第一次会议。纠错率0%。")
    found = numbers(text)
    assert [(c.text, c.value, c.unit) for c in found] == [
        ("十二件", 12, "件"), ("两件", 2, "件"), ("1,234件", 1234, "件"), ("1.2万条", 12000, "条"), ("0%", 0, "%"),
    ]
    assert "delta" in found[1].qualifiers and "total" in found[0].qualifiers
    assert found[0].figures == ("t3.new_received.total", "t3.received.total")


@pytest.mark.parametrize(("token", "value"), [
    ("1,234", 1234), ("12", 12), ("96171.6", Decimal("96171.6")), ("1.2万", 12000), ("3亿", 300000000),
    ("十二", 12), ("两", 2), ("一千零一", 1001), ("三百零五", 305), ("两千三百四十五", 2345), ("十万八千", 108000),
])
def test_to_number(token: str, value: Decimal) -> None:
    assert to_number(token) == value


@pytest.mark.parametrize("token", ["百", "万", "零", ""])
def test_to_number_rejects_bare_magnitudes(token: str) -> None:
    assert to_number(token) is None


@pytest.mark.parametrize("unit", ["件", "条", "次", "个", "项", "份", "场", "期", "篇", "家", "人次", "元", "万元", "%"])
def test_units(unit: str) -> None:
    claim = one(f"全年共计7{unit}。")
    assert (claim.value, claim.unit) == (7, unit)


def test_money_amounts() -> None:
    assert (one("行政事业性收费96171.6万元").value, one("行政事业性收费96171.6万元").unit) == (Decimal("96171.6"), "万元")
    chinese = one("收取十二万元")
    assert (chinese.value, chinese.unit) == (12, "万元")
    assert one("收取信息处理费3,940元").figures == ("fee.processing",)


def test_pdf_spacing_and_approximations() -> None:
    assert one("共受理政府信息公开申请 3119 件").value == 3119
    for text in ("主动公开政府信息5500余条", "约30件", "近200条", "100多条", "30件左右", "超过40件"):
        assert "approx" in one(text).qualifiers, text
    assert "approx" not in one("共受理申请30件").qualifiers


def test_deltas_and_each_are_not_totals() -> None:
    assert "delta" in one("办结申请较上年增加3件").qualifiers
    assert "delta" in one("同比增长12%").qualifiers
    assert "each" in one("规章、规范性文件各3件").qualifiers
    assert "delta" not in one("新增公开市政府规章1件").qualifiers


def test_idioms_masked_without_moving_text() -> None:
    text = "推进一网通办、最多跑一次，落实一次性告知，编制十四五规划，做好“三公经费”公开"
    assert len(mask_idioms(text)) == len(text)
    assert numbers(text) == []
    assert numbers("召开第一次会议") == []
    assert [c.text for c in numbers("制作H5页面3个，每2个月更新")] == ["3个"]


# --- subjects ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "figures"), [
    ("本年新收政府信息公开申请12件", ("t3.new_received.total",)),
    ("全年共收到政府信息公开申请12件", ("t3.new_received.total", "t3.received.total")),
    ("本年度全区共收到70件申请", ("t3.new_received.total", "t3.received.total")),
    ("上年结转1件", ("t3.carried_over.total",)),
    ("含上年度结转申请 34 件", ("t3.carried_over.total",)),
    ("办结政府信息公开申请69件", ("t3.result_total.total",)),
    ("另有 103 件顺延到下年度答复", ("t3.carried_forward.total",)),
    ("1件结转下年度继续办理", ("t3.carried_forward.total",)),
    ("予以公开及部分公开42件", ("t3.granted_partial.total",)),
    ("予以公开5件", ("t3.granted.total",)),
    ("部分公开1件", ("t3.partial.total",)),
    ("不予公开5件", ("t3.deny.total",)),
    ("属于国家秘密2件", ("t3.deny_state_secret.total",)),
    ("因保护第三方合法权益1件、危及“三安全一稳定”13件", ("t3.deny_3safety_1stab.total",)),
    ("因本机关不掌握等原因无法提供265件", ("t3.unable.total",)),
    ("本机关不掌握相关政府信息265件", ("t3.unable_not_held.total",)),
    ("因重复申请不予处理1件", ("t3.np_repeat.total",)),  # the reason names the row
    ("因重复申请等原因不予处理3件", ("t3.not_processed.total",)),  # 等 widens it to the group
    ("因保护第三方合法权益不予公开1件", ("t3.deny_third_party.total",)),
    ("重复申请1件", ("t3.np_repeat.total",)),
    ("其他处理2件", ("t3.other_processing.total",)),
    ("政府信息公开行政复议 351 件", ("t4.review.total",)),
    ("行政诉讼案件7件", ("t4.suit.total",)),
    ("复议后起诉2件", ("t4.suit_after_rev.total",)),
    ("新增公开市政府规章 1 件", ("t2.rules.issued", "t2.rules.new_made", "t2.rules.new_published")),
    ("本年废止行政规范性文件1件", ("t2.normative_docs.repealed",)),
    ("现行有效行政规范性文件5件", ("t2.normative_docs.in_force",)),
    ("本年行政许可处理决定36件", ("t2.admin_license.decisions",)),
    ("全年收取政府信息公开信息处理费 3940 元", ("fee.processing",)),
])
def test_subject_phrases_map_to_figures(text: str, figures: tuple[str, ...]) -> None:
    assert one(text).figures == figures


@pytest.mark.parametrize("text", [
    "处理市长信箱7件",  # 办理 needs an application in the sentence
    "受理群众投诉举报申请3件",  # excluded: not an information request
    "行政复议和行政诉讼5件",  # two subjects joined: the number is about both
    "市政府及市政府办政策性文件 11 件",  # 政策性文件 is not 规范性文件
    "政务新媒体共计 95 个",
    "受理行政许可申请345件",
    "申请平均办理时限为5个工作日",  # a duration
])
def test_numbers_about_something_else_map_to_nothing(text: str) -> None:
    assert one(text).figures == ()


def test_pingtan_2025_sentences() -> None:
    found = numbers("2025年，全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。"
                    "全年办理因政府信息公开申请引发的行政复议36起，行政诉讼9起。")
    assert [(c.value, c.figures[0]) for c in found] == [
        (154, "t3.new_received.total"), (148, "t3.result_total.total"), (6, "t3.carried_forward.total"),
        (36, "t4.review.total"), (9, "t4.suit.total")]


def test_ambiguous_words_are_marked() -> None:
    assert one("共办理政府信息公开申请12件").ambiguous
    assert one("共公开行政许可24件").ambiguous
    assert not one("办结政府信息公开申请12件").ambiguous


def test_outcome_words_of_table_four_take_their_context() -> None:
    text = ("政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；"
            "政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。")
    assert [c.figures[0] for c in numbers(text)] == [
        "t4.review.total", "t4.review.upheld", "t4.review.corrected", "t4.review.other", "t4.review.pending",
        "t4.suit.total", "t4.suit.upheld", "t4.suit.corrected", "t4.suit.other", "t4.suit.pending",
    ]


def test_applicant_types_take_the_row_of_their_total() -> None:
    found = numbers("2023年全区接收各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。")
    assert found[1].figures == ("t3.new_received.natural_person", "t3.received.natural_person")
    assert found[2].figures == ("t3.new_received.commercial_enterprise", "t3.received.commercial_enterprise")
    org = numbers("共收到政府信息公开申请12件，其中自然人申请9件、法人或其他组织申请3件。")
    assert org[2].figures == ("t3.new_received.organizations", "t3.received.organizations")


def test_one_applicant_type_narrows_a_row() -> None:
    assert one("全市共受理自然人提出的政府信息公开申请3119件").figures == (
        "t3.new_received.natural_person", "t3.received.natural_person")
    assert one("受理公民、法人和其他组织向市政府提出的政府信息公开申请5件").figures == (  # corpus 017: all of them
        "t3.new_received.total", "t3.received.total")


def test_a_modifier_narrows_litigation_and_its_outcomes() -> None:
    found = numbers("政府信息公开未经复议直接起诉的行政诉讼46件，其中结果维持25件。")
    assert [c.figures for c in found] == [("t4.suit_direct.total",), ("t4.suit_direct.upheld",)]


def test_factsheet_phrasing_with_brackets_and_reasons() -> None:
    assert one("因重复申请不予处理（自然人）1件").figures == ("t3.np_repeat.natural_person",)
    assert one("本年新收及上年结转政府信息公开申请（其他法人或其他组织）4件").figures == ("t3.received.other_org",)
    assert one("未经复议直接起诉的行政诉讼结果维持2件").figures == ("t4.suit_direct.upheld",)
    assert one("本年新公开规范性文件3件").figures == ("t2.normative_docs.new_published",)
    assert one("因其他情形作其他处理2件").figures == ("t3.oth_other.total",)


def test_elliptic_subject_of_table_two() -> None:
    found = numbers("本年制发行政规范性文件2件，废止1件，现行有效5件；对镇政府行政规范性文件开展清理，废止1件。")
    assert [c.figures[0] for c in found] == ["t2.normative_docs.issued", "t2.normative_docs.repealed",
                                             "t2.normative_docs.in_force", "t2.normative_docs.repealed"]


def test_years_and_other_periods_are_recorded() -> None:
    assert one("2023年收到政府信息公开申请80件").year == 2023
    assert "other_period" in one("上年收到政府信息公开申请80件").qualifiers
    assert "other_period" not in one("上年结转1件").qualifiers


# --- breakdowns and percentages -------------------------------------------------------------------------------


PINGTAN_2023 = ("办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，"
                "占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、"
                "行政诉讼案件7件。")


def test_pingtan_2023_breakdown_and_shares() -> None:
    claims = extract(PINGTAN_2023)
    whole = claims[0]
    assert [claims[i].text for i in whole.parts] == ["42件", "5件", "31件", "1件", "2件"]  # not the 复议/诉讼
    shares = [i for i, c in enumerate(claims) if c.kind == "percent"]
    assert [claims[claims[i].count].text for i in shares] == ["42件", "5件", "31件", "1件", "2件"]  # type: ignore[index]
    assert all(share_base(claims, i).claim == 0 for i in shares)  # type: ignore[union-attr]


def test_breakdown_stops_at_the_next_whole() -> None:
    claims = extract("行政复议 351 件，其中结果维持 72 件，尚未审结 279 件；行政诉讼 46 件，其中结果维持 46 件。")
    assert [claims[i].text for i in claims[0].parts] == ["72 件", "279 件"]
    assert [claims[i].text for i in claims[3].parts] == ["46 件"]


def test_breakdown_items_must_belong_to_the_whole() -> None:
    claims = extract("共收到政府信息公开申请13件，办结12件，结转1件，其中予以公开5件，占41.67%。")
    assert claims[2].parts == () and claims[3].whole is None  # 予以公开 is not a part of 结转
    assert share_base(claims, 4).claim == 1  # type: ignore[union-attr]  # the 办结 of the text


def test_corpus_breakdowns() -> None:
    dongjie = extract("2021年以来,东街街道办事处主动公开信息数为286条,其中通过网站公开160条,公告栏公开120条。"
                      "在问政互动栏目中,处理市长信箱7件,区长信箱0件。")
    assert [dongjie[i].value for i in dongjie[0].parts] == [160, 120]
    jiekeng = extract("共新增主动公开政府信息21条。其中,镇街动态信息4条,计划总结2条,通知公告2条,乡镇部门文件3条,"
                      "资规管理4条,财政管理类信息6条(其中,预决算2条、“三公经费”1条、专项经费1条),共公开行政许可24件,。")
    assert [jiekeng[i].value for i in jiekeng[0].parts] == [4, 2, 2, 3, 4, 6]
    assert [jiekeng[i].value for i in jiekeng[6].parts] == [2, 1, 1]
    assert jiekeng[10].parts == () and jiekeng[10].whole is None  # 共公开行政许可24件 is not a part


def test_open_lists_are_marked() -> None:
    claims = extract("共发布信息30条，其中主要包括网站发布12条、微信发布8条等。")
    assert claims[0].open_list


@pytest.mark.parametrize(("count", "base", "decimals", "expected"), [
    (42, 81, 2, ("51.85",)), (3, 16, 0, ("19",)), (35, 805, 2, ("4.35",)), (3, 16, 1, ("18.8",)),
    (1, 8, 1, ("12.5",)), (1, 16, 2, ("6.25",)),
])
def test_percent_rounding(count: int, base: int, decimals: int, expected: tuple[str, ...]) -> None:
    assert tuple(str(v) for v in percent_of(Decimal(count), Decimal(base), decimals)) == expected


def test_share_base_named_in_text_or_table() -> None:
    claims = extract("本年度办结申请16件。予以公开3件，占办结总数的18.75%。")
    base = share_base(claims, 2)
    assert base is not None and base.claim == 0
    alone = extract("予以公开5件，占41.67%。")
    assert share_base(alone, 1).figures == ("t3.result_total.total",)  # type: ignore[union-attr]


# --- zero and universal statements ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "figures"), [
    ("2025年度未收到政府信息公开申请。", [("t3.new_received.total", "t3.received.total")]),
    ("街道未收到任何公民、法人和其他组织提出的公开政府信息的申请", [("t3.new_received.total", "t3.received.total")]),
    ("2022年度我乡无依法申请公开件。", [("t3.new_received.total", "t3.received.total")]),
    ("2025年，无收取信息处理费情况。", [("fee.processing",)]),
    ("本年度未发生行政复议和行政诉讼。", [("t4.suit.total",), ("t4.review.total",)]),
    ("街道未发生有关政府信息公开工作的举报、投诉、行政复议或提起行政诉讼等情况", [("t4.suit.total",),
                                                                         ("t4.review.total",)]),
    ("本年度没有不予公开的情形", [("t3.deny.total",)]),
    ("本年度无不予公开情况。", [("t3.deny.total",)]),
])
def test_zero_statements(text: str, figures: list[tuple[str, ...]]) -> None:
    assert [c.figures for c in statements(text, "zero")] == figures


@pytest.mark.parametrize("text", [
    "无法提供31件", "未经复议直接起诉0件", "尚未审结37件", "申请人无正当理由逾期不补正", "没有现成信息需要另行制作",
    "未来将进一步加强", "无缝衔接政务服务", "未及时答复的申请予以督办", "未收到群众对政府信息公开申请答复的投诉",
])
def test_not_zero_statements(text: str) -> None:
    assert statements(text, "zero") == []


def test_full_width_digits() -> None:
    claims = numbers("全年共收到政府信息公开申请３１１９件，占比１２．５％")
    assert [(c.value, c.unit) for c in claims] == [(3119, "件"), (Decimal("12.5"), "%")]


def test_universal_statements() -> None:
    done = statements("所有申请均已办结。", "universal")
    assert [c.figures for c in done] == [("t3.carried_forward.total",)]
    upheld = statements("因政府信息公开被申请行政复议2件，均获维持。", "universal")
    assert upheld[0].figures == ("t4.review.corrected", "t4.review.other", "t4.review.pending")
    granted = statements("收到的3件申请均予以公开。", "universal")
    assert "t3.deny.total" in granted[0].figures
    for text in ("答复3050件，均在法定期限内予以答复。", "合格率均为100%", "全部通过多种形式向广大群众公开发布",
                 "所有申请均在法定期限内办结", "上年结转的2件申请均已办结。"):
        assert statements(text, "universal") == [], text


# --- documents and the vocabulary -----------------------------------------------------------------------------


def test_claims_keep_paragraph_and_span() -> None:
    draft = Draft(title="示范县青石镇人民政府2024年政府信息公开工作年度报告", sections=[
        Section(heading="一、总体情况", paragraphs=["2024年，我镇依法做好信息公开。", "全年共收到政府信息公开申请12件。"]),
    ])
    located = [(c.section, c.paragraph, c.start, c.end, c.text) for _p, cs in draft_claims(draft) for c in cs]
    assert located == [("overview", 1, 13, 16, "12件")]


def test_vocabulary_figures_exist_in_a_factsheet() -> None:
    ids: set[str] = set()
    for name in ("zhuting-2020.yaml", "sample-town-2024.yaml"):
        ids |= set(FactSheet(load_document(EXAMPLES / name).report).facts)
    voc = vocabulary()
    used = {f for e in voc.entries for f in e.figures} | {f for e in voc.entries for _w, f in e.context}
    for u in voc.universals:
        groups = [g for _w, g in u.context] or [""]
        used |= {z.format(g) for z in u.zero for g in groups}
    assert sorted(used - ids) == []
    columns = {c for e in voc.entries if e.column for c in [e.column]}
    assert all(f"t3.new_received.{c}" in ids for c in columns)


def test_corpus_009_claims_all_map() -> None:
    text = (CORPUS / "009_huaian_shi_2024.txt").read_text(encoding="utf-8").replace("\n", "")
    start = text.index("2024 年，全市共受理")
    claims = extract(text[start:text.index("（三）政府信息管理情况")])
    mapped = [c.figures[0] for c in claims if c.figures]
    assert mapped[:4] == ["t3.new_received.total", "t3.result_total.total", "t3.carried_over.total",
                          "t3.carried_forward.total"]
    assert len(mapped) == 14


@pytest.mark.parametrize(("text", "years"), [
    ("2022年，西柳镇共制定规范性文件0件。", [2022]),
    # the year compared with, the year something is carried to, the start of a span: not the count's year
    ("收到政府信息公开申请1件，申请数量与2021年持平；答复政府信息公开申请1件。", [None, None]),
    ("本年度受理申请59件，其中结转2024年度办理7件。", [None, None]),
    ("2019年以来共收到政府信息公开申请5件。", [None]),
    ("与2022年相比，2023年收到政府信息公开申请5件。", [2023]),
])
def test_the_year_a_count_is_dated_by(text: str, years: list[int | None]) -> None:
    claims = [c for c in extract(text) if c.kind == "number"]
    assert [c.year for c in claims] == years


@pytest.mark.parametrize(("after", "expected"), [
    ("个工作日内答复", True), ("工作日", True), ("日内", True), ("天", True), ("个小时", True), ("个月内", True),
    ("个百分点", True), ("件", False), ("个申请", False), ("份", False), ("", False),
])
def test_is_time_limit_reads_what_follows_a_number(after: str, expected: bool) -> None:
    assert is_time_limit(after) is expected
