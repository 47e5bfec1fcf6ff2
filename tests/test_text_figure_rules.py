"""Text against figures (C1–C8): every rule fires on a case and stays quiet on a correct one; real reports."""

from __future__ import annotations

import copy
import random
import re
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
import yaml

from assistant.drafting.template import TemplateDrafter
from assistant.facts import FactSheet, figure_value
from assistant.formats import format_for_year, load_format, report_sections
from assistant.model import Amount, Document, Draft, Finding, Report, Section
from assistant.readers.existing import load_existing
from assistant.readers.inputfile import report_from_data
from assistant.rules import run_rules
from assistant.rules.registry import RuleRun
from tests.conftest import CORPUS, EXAMPLES, FIXTURES

MY_RULES = ("C1", "C1.t4", "C8", "C1.fee", "C1.outcome", "C2", "C3", "C4", "C5", "C5.silent", "C6", "I1", "I2", "I3")


@cache
def _example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    return data


def sample(**tables: dict[str, Any]) -> Report:
    """示范县青石镇 2024 (2021 format): 新收12 上年结转1 办结12 结转1; 复议1（维持）; 规范性文件 2/1/5."""
    data = copy.deepcopy(_example("sample-town-2024.yaml"))
    for table, rows in tables.items():
        data["tables"][table].update(rows)
    return report_from_data(data)


def transcribed(name: str) -> Report:
    """A corpus report's figures from its hand transcription (tests/fixtures/corpus_tables)."""
    t = yaml.safe_load((FIXTURES / "corpus_tables" / f"{name}.yaml").read_text(encoding="utf-8"))
    fmt = load_format(t["format"])
    t2 = {r.key: dict(zip([c.key for c in b.columns], t["t2"][r.key], strict=True))
          for b in fmt.t2_blocks for r in b.rows}
    t3 = {row: dict(zip([c.key for c in fmt.t3_columns], values, strict=True)) for row, values in t["t3"].items()}
    t4 = {g: dict(zip([c.key for c in fmt.t4_columns], values, strict=True)) for g, values in t["t4"].items()}
    meta = {"organ_name": t["organ_name"], "organ_kind": t["organ_kind"], "year": t["year"]}
    return report_from_data({"meta": meta, "tables": {"t2": t2, "t3": t3, "t4": t4}})


def document(report: Report, **sections: list[str]) -> Document:
    """The report with a narrative: paragraphs per section key (overview, problems, other …)."""
    draft = Draft(sections=[Section(heading=s.title, key=s.key, paragraphs=sections.get(s.key, []))
                            for s in report_sections()])
    return Document(report=report, draft=draft)


def found(doc: Document, rule: str) -> list[Finding]:
    return [f for f in run_rules(doc, ("text",)) if f.rule == rule]


def mine(doc: Document) -> list[Finding]:
    return [f for f in run_rules(doc, ("text",)) if f.rule in MY_RULES and f.status != "not_assessable"]


# --- C1: table 三 ----------------------------------------------------------------------------------------------


def test_c1_fires_on_a_number_the_table_contradicts() -> None:
    doc = document(sample(), overview=["2024年，我镇共收到政府信息公开申请15件，办结12件。"])
    [f] = found(doc, "C1")
    assert (f.severity, f.expected, f.found) == ("error", 12, 15)
    assert f.location.section == "overview" and f.location.paragraph == 0 and f.location.span == (19, 22)
    assert "表三 一、本年新收政府信息公开申请数量「总计」为12件" in f.message and "15件" in f.evidence  # type: ignore[operator]


@pytest.mark.parametrize("text", [
    "2024年，我镇共收到政府信息公开申请12件，办结12件，结转下年度继续办理1件。",
    "本年度我镇收到申请数量较上年增加3件。",  # a change, not a total
    "2023年，我镇共收到政府信息公开申请20件。",  # another year
    "全年约收到政府信息公开申请10余件。",  # approximate
])
def test_c1_quiet_on_correct_or_uncheckable_numbers(text: str) -> None:
    assert found(document(sample(), overview=[text]), "C1") == []


def test_c1_count_silently_including_carried_over_is_a_question() -> None:
    """13 = 本年新收12 + 上年结转1: not wrong, but the sentence should say so (issue 13)."""
    [f] = found(document(sample(), overview=["2024年，我镇共收到政府信息公开申请13件。"]), "C1")
    assert (f.severity, f.status, f.expected, f.found) == ("warning", "uncertain", 12, 13)
    said = "2024年，我镇共收到政府信息公开申请13件（含上年结转1件）。"
    assert found(document(sample(), overview=[said]), "C1") == []


def test_c1_corpus_011_scope_of_the_office() -> None:
    """洪泽区2024: "区政府办代表区政府受理政府信息公开申请 17 件" but table 三 has 95."""
    text = ("2024 年，区政府办代表区政府受理政府信息公开申请 17 件，均已在法定期限内予以答复。")
    [f] = found(document(transcribed("011"), overview=[text]), "C1")
    assert (f.expected, f.found, f.severity) == (95, 17, "error")


def test_c1_ambiguous_word_is_a_warning() -> None:
    doc = document(sample(), overview=["本年度共办理政府信息公开申请20件。"])
    [f] = found(doc, "C1")
    assert (f.severity, f.status) == ("warning", "uncertain")
    assert found(document(sample(), overview=["本年度共办理政府信息公开申请12件。"]), "C1") == []


# --- C1.t4, C8, C1.fee, C1.outcome -----------------------------------------------------------------------------


def test_c1_t4_fires_and_stays_quiet() -> None:
    [f] = found(document(sample(), overview=["因政府信息公开被申请行政复议2件。"]), "C1.t4")
    assert (f.expected, f.found) == (1, 2)
    assert found(document(sample(), overview=["因政府信息公开被申请行政复议1件，其中结果维持1件。"]), "C1.t4") == []


def test_c8_table_two_figures() -> None:
    [f] = found(document(sample(), overview=["本年制发行政规范性文件3件，现行有效5件。"]), "C8")
    assert (f.expected, f.found) == (2, 3)
    quiet = "本年制发行政规范性文件2件，本年废止行政规范性文件1件，现行有效行政规范性文件5件；本年行政许可处理决定36件。"
    assert found(document(sample(), overview=[quiet]), "C8") == []


def test_c8_ambiguous_wording_is_a_warning() -> None:
    [f] = found(document(sample(), overview=["全年公开行政许可40件。"]), "C8")
    assert f.severity == "warning"


def test_c1_fee_amount_and_unit() -> None:
    report = sample()
    report.other_figures.processing_fee_yuan = Decimal(3940)
    [f] = found(document(report, other=["全年收取政府信息公开信息处理费3940万元。"]), "C1.fee")
    assert "万元" in f.message and f.expected == "3940元"
    [g] = found(document(report, other=["全年收取政府信息公开信息处理费394元。"]), "C1.fee")
    assert (g.expected, g.found) == ("3940元", "394元")
    assert found(document(report, other=["全年收取政府信息公开信息处理费3940元。"]), "C1.fee") == []


def test_c1_fee_suggestion_uses_the_drafters_words() -> None:
    """Clerk test 2: the text said 收取信息处理费2元 where the fee is 0; the suggestion said “将正文改为0元” while the drafter
    writes “未收取信息处理费”."""
    report = sample()
    report.other_figures.processing_fee_yuan = Decimal(0)
    [f] = found(document(report, other=["本年度收取信息处理费2元。"]), "C1.fee")
    assert f.suggestion == "核对后将正文改为“未收取信息处理费”，或改正表格"
    report.other_figures.processing_fee_yuan = Decimal(5)
    [f] = found(document(report, other=["本年度收取信息处理费2元。"]), "C1.fee")
    assert f.suggestion == "核对后将正文改为“收取信息处理费5元”，或改正表格"


def test_c1_fee_is_never_compared_with_table_two_fees() -> None:
    report = sample(t2={"admin_fees": {"fee_amount": "12.5万元"}})
    assert found(document(report, other=["本年度未收取信息处理费。", "行政事业性收费12.5万元。"]), "C1.fee") == []
    [f] = found(document(report, overview=["行政事业性收费15万元。"]), "C8")
    assert f.expected == "12.5万元"


def test_c1_outcome_words_not_in_table_three() -> None:
    both = found(document(sample(), overview=["办结12件，其中同意公开5件，不同意公开1件。"]), "C1.outcome")
    assert [(f.found, f.expected, f.severity) for f in both] == [("同意公开", "予以公开", "warning"),
                                                                 ("不同意公开", "不予公开", "warning")]
    assert len(found(document(sample(), overview=["同意公开5件。"]), "C1.outcome")) == 1
    assert found(document(sample(), overview=["予以公开5件，不予公开1件。"]), "C1.outcome") == []


# --- C2, C3 ------------------------------------------------------------------------------------------------------


def test_c2_share_of_the_table_base() -> None:
    [f] = found(document(sample(), overview=["本年度予以公开5件，占40%。"]), "C2")
    assert (f.expected, f.found) == ("42%", "40%")  # 5 ÷ （七）总计 12
    assert found(document(sample(), overview=["本年度予以公开5件，占41.67%。"]), "C2") == []
    assert found(document(sample(), overview=["本年度予以公开5件，占42%。"]), "C2") == []


def test_c3_group_word_equal_to_one_column() -> None:
    """无法提供 is 3 (自然人2 + 其他1); a text saying 2 states only the 自然人 column."""
    [f] = found(document(sample(), overview=["因本机关不掌握等原因无法提供2件。"]), "C3")
    assert (f.expected, f.found) == (3, 2)
    assert "自然人" in f.message
    assert found(document(sample(), overview=["因本机关不掌握等原因无法提供3件。"]), "C1") == []


def test_c3_group_word_equal_to_one_sub_row() -> None:
    """上海2019: "因本机关不掌握等原因无法提供265件" equals only sub-item 1; the group is 337."""
    report = sample(t3={"unable_not_held": {"natural_person": 265}, "unable_need_create": {"natural_person": 60},
                        "unable_unclear": {"natural_person": 12}, "new_received": {"natural_person": 343},
                        "result_total": {}})
    data_check = FactSheet(report)
    assert data_check.value("t3.unable.total") == 337
    [f] = found(document(report, overview=["因本机关不掌握等原因无法提供265件。"]), "C3")
    assert (f.expected, f.found) == (337, 265)
    assert found(document(report, overview=["因本机关不掌握相关政府信息无法提供265件。"]), "C3") == []


# --- C4, C5 ------------------------------------------------------------------------------------------------------


def test_c4_all_done_while_one_is_carried_forward() -> None:
    [f] = found(document(sample(), overview=["本年度收到的政府信息公开申请均已办结。"]), "C4")
    assert (f.expected, f.found) == (0, 1) and "结转下年度" in f.message
    done = sample(t3={"carried_forward": {"natural_person": 0}, "carried_over": {"natural_person": 0}})
    assert found(document(done, overview=["本年度收到的政府信息公开申请均已办结。"]), "C4") == []


def test_c4_all_upheld_and_all_granted() -> None:
    assert found(document(sample(), overview=["被申请行政复议1件，均获维持。"]), "C4") == []
    pending = sample(t4={"review": {"upheld": 1, "pending": 1}})
    [f] = found(document(pending, overview=["被申请行政复议2件，均获维持。"]), "C4")
    assert "尚未审结" in f.message
    [g] = found(document(sample(), overview=["收到的政府信息公开申请均予以公开。"]), "C4")
    assert "不予公开" in g.message


def test_c4_names_the_statement_in_brackets_only_when_the_text_words_it_otherwise() -> None:
    others = found(document(sample(), overview=["收到的申请均予以公开。"]), "C4")
    worded = found(document(sample(), overview=["收到的申请全部予以公开。"]), "C4")
    pending = sample(t4={"review": {"upheld": 1, "pending": 1}})
    [g] = found(document(pending, overview=["被申请行政复议2件，均获维持。"]), "C4")
    assert g.message == "正文称“均获维持”，但表四 行政复议「尚未审结」为1件"
    assert [h.message.split("，但")[0] for h in others + worded] == ["正文称“收到的申请均予以公开”",
                                                                    "正文称“收到的申请全部予以公开”（均予以公开）"]


def test_c5_zero_statements_both_ways() -> None:
    [f] = found(document(sample(), overview=["2024年，我镇未收到政府信息公开申请。"]), "C5")
    assert (f.expected, f.found) == (0, 12)
    [g] = found(document(sample(), overview=["本年度未发生政府信息公开行政复议。"]), "C5")
    assert g.found == 1
    assert found(document(sample(), overview=["本年度未发生政府信息公开行政诉讼。"]), "C5") == []
    none = sample(t3={"new_received": {"natural_person": 0, "commercial_enterprise": 0, "other_org": 0}})
    assert found(document(none, overview=["2024年，我镇未收到政府信息公开申请。"]), "C5") == []
    [h] = found(document(sample(), overview=["本年度没有不予公开的情形。"]), "C5")
    assert "不予公开" in h.message
    [k] = found(document(none, overview=["2024年，我镇收到政府信息公开申请3件。"]), "C1")  # the other way round
    assert (k.expected, k.found) == (0, 3)


# --- completeness: C5.silent, C6 ------------------------------------------------------------------------------


def test_c5_silent_zhuting() -> None:
    """竹亭镇2020: one application answered 本机关不掌握, and 总体情况 says nothing of it."""
    doc = load_existing(CORPUS / "000_zhuting_2020.txt")
    [f] = found(doc, "C5.silent")
    assert (f.severity, f.category, f.location.section) == ("warning", "completeness", "overview")
    assert "1件" in f.message
    report = doc.report
    said = document(report, overview=["2020年，我镇收到政府信息公开申请1件，已按时答复。"])
    assert found(said, "C5.silent") == []
    nothing = sample(t3={"new_received": {"natural_person": 0, "commercial_enterprise": 0, "other_org": 0},
                         "carried_over": {"natural_person": 0}})
    assert found(document(nothing, overview=["我镇做好主动公开工作。"]), "C5.silent") == []


def test_c5_silent_reads_the_rows_before_a_cut_and_names_inquiries_counted_as_applications() -> None:
    """七里坪镇2020: the page ends inside table 三, after its 本年新收 row (3); the overview speaks only of 3
    inquiries, and of 申请 only in "没有因政府信息公开申请行政复议"."""
    doc = load_existing(FIXTURES / "eval" / "n03_qilipingzhen_2020.txt")
    assert "t3" in doc.uncertain
    [f] = found(doc, "C5.silent")
    assert (f.severity, f.status, f.evidence) == ("warning", "fail", "部门信箱收到群众咨询3条,均按时给予回复")
    assert f.message == ("表三有政府信息公开申请3件（本年新收3件、上年结转0件），但总体情况未写依申请公开的情况，"
                         "只写了“部门信箱收到群众咨询3条,均按时给予回复”，件数与本年新收申请相同：是否把咨询计为了申请")


def test_c6_fee_notices_without_a_word_on_fees() -> None:
    report = sample(t3={"oth_fee_unpaid": {"natural_person": 1}, "new_received": {"natural_person": 10}})
    [f] = found(document(report, other=["认真办理人大代表建议和政协委员提案。"]), "C6")
    assert f.severity == "warning" and "1件" in f.message
    assert found(document(report, other=["本年度发出收费通知1件，申请人逾期未缴纳，未收取信息处理费。"]), "C6") == []
    assert found(document(sample(), other=["认真办理人大代表建议和政协委员提案。"]), "C6") == []


def test_varied_phrasings_consistent_with_the_figures_give_no_finding() -> None:
    """Ways a drafter or a model writes the sample's figures (新收12 上年结转1 办结12 结转1, 复议1 维持)."""
    texts = [
        "2024年，我镇共收到政府信息公开申请12件，较2023年增加3件。其中，通过网络申请8件，信函申请4件。",
        "申请人中，自然人9件，法人或其他组织3件。",
        "办结的12件申请中，予以公开5件，部分公开1件，不予公开1件，无法提供3件，不予处理1件，其他处理1件。",
        "其中予以公开5件（占41.7%），部分公开1件（占8.3%）。",
        "上年无结转申请。",
        "受理的13件申请（含上年结转1件）中，已办结12件，1件因需征求第三方意见延期至2025年办理。",
        "申请平均办理时限为5个工作日，按时答复率100%。",
        "全年收到政府信息公开申请12件，同比下降20%。",
        "本年度被申请行政复议1件，复议机关维持原答复。",
        "截至2024年底，我镇现行有效行政规范性文件5件。",
        "全年办理政府信息公开申请13件（含上年结转1件），办结12件，结转下年度1件。",
        "因本机关不掌握相关政府信息无法提供3件，因保护第三方合法权益不予公开1件，因重复申请不予处理1件。",
    ]
    assert [(f.rule, f.message) for f in mine(document(sample(), overview=texts))] == []


# --- positive references and real reports --------------------------------------------------------------------


def pingtan_2023() -> Report:
    rows = {
        "new_received": [80, 1, 0, 0, 0, 0, 81], "granted": [22, 0, 0, 0, 0, 0, 22],
        "partial": [19, 1, 0, 0, 0, 0, 20], "deny_third_party": [1, 0, 0, 0, 0, 0, 1],
        "deny_process": [1, 0, 0, 0, 0, 0, 1], "deny_enforce_file": [1, 0, 0, 0, 0, 0, 1],
        "deny_admin_query": [2, 0, 0, 0, 0, 0, 2], "unable_not_held": [31, 0, 0, 0, 0, 0, 31],
        "np_repeat": [1, 0, 0, 0, 0, 0, 1], "oth_no_correction": [1, 0, 0, 0, 0, 0, 1],
        "oth_other": [1, 0, 0, 0, 0, 0, 1],
    }
    fmt = load_format(2021)
    keys = [c.key for c in fmt.t3_columns]
    t4 = {"review": [1, 1, 0, 0, 2], "suit_direct": [4, 0, 0, 1, 5], "suit_after_rev": [1, 0, 1, 0, 2]}
    return report_from_data({
        "meta": {"organ_name": "平潭综合实验区管委会", "organ_kind": "设区的市人民政府", "year": 2023},
        "tables": {"t2": {"normative_docs": {"issued": 77, "repealed": 132, "in_force": 470}},
                   "t3": {r: dict(zip(keys, v, strict=True)) for r, v in rows.items()},
                   "t4": {g: dict(zip([c.key for c in fmt.t4_columns], v, strict=True)) for g, v in t4.items()}},
    })


def test_pingtan_2023_reference_sentence_gives_no_finding() -> None:
    text = ("2023年全区接收通过邮寄、网络提交的各类政府信息公开申请共计81件，涉及自然人80件、商业企业1件。"
            "办结依申请公开81件，其中：予以公开及部分公开42件，占51.85%；不予公开5件，占6.17%；无法提供31件，"
            "占38.27%；不予处理1件，占1.23%；其他处理2件，占2.47%；因政府信息公开引起的行政复议案件2件、"
            "行政诉讼案件7件。")
    doc = document(pingtan_2023(), overview=[text, "动态更新本年度制发的规范性文件77件。"])
    assert mine(doc) == []
    wrong = text.replace("不予公开5件", "不予公开6件").replace("占38.27%", "占38.72%")
    assert sorted(f.rule for f in mine(document(pingtan_2023(), overview=[wrong]))) == ["C1", "I2", "I2"]


def _corpus_text(name: str) -> str:
    text = (CORPUS / name).read_text(encoding="utf-8")
    text = re.sub(r"^#.*\n", "", text, flags=re.M)
    text = re.sub(r"- \d+ -\n", "", text)
    return text.replace("\n", "")


def test_huaian_2024_narrative_with_its_figures_gives_no_finding() -> None:
    """淮安市人民政府2024: 总体情况, 五 and 六 as published, figures as transcribed (README: all consistent)."""
    text = _corpus_text("009_huaian_shi_2024.txt")
    overview = text[text.index("2024 年，我市坚持"):text.index("二、主动公开政府信息情况")]
    paragraphs = re.split(r"(?=（[一二三四五]）)", overview)
    problems = text[text.index("对照上级新要求"):text.index("六、其他需要报告的事项")]
    other = text[text.index("2024 年，市政府严格落实"):]
    report = transcribed("009")
    report.other_figures.processing_fee_yuan = Decimal(3940)
    doc = document(report, overview=paragraphs, problems=[problems], other=[other])
    claims = [c for _p, cs in RuleRun(doc).claims for c in cs if c.figures]
    assert len(claims) == 16  # every application, appeal and fee figure of the text was read and compared
    assert mine(doc) == []
    wrong = document(report, overview=[p.replace("答复 3050 件", "答复 3005 件") for p in paragraphs])
    [f] = mine(wrong)
    assert (f.rule, f.expected, f.found) == ("C1", 3050, 3005)


@pytest.mark.parametrize(("name", "rules"), [
    ("000_zhuting_2020.txt", ["C5.silent"]),
    ("003_pingtan_2021.txt", []),
    ("007_pingtan_2025.txt", []),
    ("009_huaian_shi_2024.txt", []),
])
def test_complete_corpus_reports_give_no_false_error(name: str, rules: list[str]) -> None:
    doc = load_existing(CORPUS / name)
    assert [f.rule for f in mine(doc)] == rules


def _random_report(rng: random.Random) -> Report:
    """A consistent report with random counts (every result row, every applicant type, both formats)."""
    year = rng.choice([2020, 2022, 2024])
    kind, name = rng.choice([("乡镇", "示范县青石镇人民政府"), ("街道", "示范区东城街道办事处"),
                             ("县级人民政府", "示范县人民政府"), ("部门", "示范县教育局")])
    fmt = load_format(format_for_year(year))
    columns = [c.key for c in fmt.t3_columns if not c.is_total]
    t3: dict[str, dict[str, int]] = {r: {c: rng.choice([0, 0, 1, 2, 5, 13, 250]) for c in columns}
                                     for r in fmt.result_keys}
    handled = {c: sum(t3[r][c] for r in fmt.result_keys) for c in columns}
    t3["carried_forward"] = {c: rng.choice([0, 0, 1, 3]) for c in columns}
    t3["carried_over"] = {c: min(handled[c], rng.choice([0, 0, 1, 2])) for c in columns}
    t3["new_received"] = {c: handled[c] + t3["carried_forward"][c] - t3["carried_over"][c] for c in columns}
    t4 = {g: dict(zip(("upheld", "corrected", "other", "pending"), (rng.choice([0, 0, 1, 2]) for _ in range(4)),
                      strict=True)) for g in fmt.t4_group_keys}
    return report_from_data({"meta": {"organ_name": name, "organ_kind": kind, "year": year},
                             "tables": {"t3": t3, "t4": t4},
                             "other_figures": {"processing_fee_yuan": rng.choice([0, 100])}})


def test_template_drafts_of_random_reports_give_no_finding() -> None:
    """No false finding on consistent texts: the template drafter's prose for 12 random reports."""
    rng = random.Random(20261127)
    for _ in range(12):
        report = _random_report(rng)
        doc = Document(report=report, draft=TemplateDrafter().draft(report))
        assert [(f.rule, f.message) for f in mine(doc)] == []


@pytest.mark.parametrize("name", ["sample", "009", "000"])
def test_every_factsheet_phrase_reads_back_as_its_figure(name: str) -> None:
    """What the drafters write (FactSheet phrases, e.g. "因重复申请不予处理（自然人）1件") maps back to that figure."""
    from assistant.claims import extract

    report = sample() if name == "sample" else transcribed(name)
    unread, wrong = [], []
    for fact in FactSheet(report):
        if fact.value is None:
            continue
        claims = [c for c in extract(fact.phrase) if c.kind == "number"]
        figures = claims[-1].figures if claims else ()
        if not figures:
            unread.append(fact.id)
        elif fact.id not in figures and all(_number(report, f) != _number(report, fact.id) for f in figures):
            wrong.append((fact.id, figures))
    assert wrong == []
    # 2019 table 二: item counts (上一年项目数量, 本年增/减), other services and an amount without unit are not read
    assert all(f.startswith(("t2.", "fee.")) for f in unread)
    assert len(unread) <= 9


def _number(report: Report, fid: str) -> Decimal | None:
    value = figure_value(report, fid)
    return value.in_yuan() if isinstance(value, Amount) else None if value is None else Decimal(value)


def test_figure_values_equal_the_factsheet() -> None:
    """The catalogue's figures computed alone (what the text rules compare) are the FactSheet's."""
    for report in (transcribed("009"), transcribed("000"), sample()):
        for fact in FactSheet(report):
            assert figure_value(report, fact.id) == fact.value, fact.id
        assert figure_value(report, "t3.unable.organizations") == sum(
            report.tables.get(f"t3.{row}.{col}") for row in report.fmt.t3_group_rows("unable")
            for col in report.fmt.org_keys)
        assert figure_value(report, "t3.no_such_row.total") is None


# --- an outside reviewer's drafts: correct sentences that were read against the wrong figure ----------------------


def findings(doc: Document) -> list[tuple[str, str, Any, Any]]:
    """Every failing or uncertain finding of the text rules that compare numbers (with the tables or within the text):
    (rule, severity, expected, found)."""
    return [(f.rule, f.severity, f.expected, f.found) for f in run_rules(doc, ("text",))
            if f.status in ("fail", "uncertain") and f.category in ("text_vs_table", "text_internal")]


def dongling_t4() -> Report:
    """东岭镇2025's table 四: 行政复议3件（维持2件、纠正1件）."""
    return sample(t4={"review": {"upheld": 2, "corrected": 1, "total": 3}})


DONGLING_PROBLEMS = ("首先，依申请公开数量大幅增加，答复质量不够高，出现1件被复议纠正的情况；其次，征迁领域信息公开不够全面，"
                     "部分补偿标准公开不及时。")


def test_dongling_an_outcome_written_after_its_number_is_the_count_of_that_outcome() -> None:
    """"出现1件被复议纠正的情况": 纠正 qualified by 复议, not 行政复议总计 (3), which C3 read it as."""
    assert findings(document(dongling_t4(), problems=[DONGLING_PROBLEMS])) == []


@pytest.mark.parametrize("text", [
    "出现1件被复议机关纠正的情况。",
    "有2件经复议后维持。",
    "1件行政复议被纠正。",
])
def test_review_outcomes_written_after_their_number(text: str) -> None:
    assert findings(document(dongling_t4(), appeals=[text])) == []


def test_dongling_a_wrong_outcome_count_written_after_its_number_is_still_an_error() -> None:
    doc = document(dongling_t4(), problems=[DONGLING_PROBLEMS.replace("出现1件", "出现3件")])
    assert findings(doc) == [("C1.t4", "error", 1, 3)]
    assert findings(document(dongling_t4(), appeals=["有1件经复议后维持。"])) == [("C1.t4", "error", 2, 1)]


def test_an_outcome_with_a_number_of_its_own_leaves_the_group_its_number() -> None:
    """"3件行政复议后维持2件": the 3 is the 复议, the 2 the 维持."""
    assert findings(document(dongling_t4(), appeals=["3件行政复议后维持2件。"])) == []
    assert findings(document(dongling_t4(), appeals=["4件行政复议后维持2件。"])) == [("C1.t4", "error", 3, 4)]


def qingfeng() -> Report:
    """青峰镇2025's table 三: 2 new applications (自然人), 予以公开1, 信访举报投诉类不予处理1."""
    data = copy.deepcopy(_example("sample-town-2024.yaml"))
    data["tables"]["t3"] = {"new_received": {"natural_person": 2}, "granted": {"natural_person": 1},
                            "np_petition": {"natural_person": 1}}
    return report_from_data(data)


QINGFENG_REQUESTS = ("在依申请公开办理中，一件申请按信访事项转镇信访办处理，另一件按时答复。本年度，我镇共收到政府信息公开申请2件，"
                     "均为自然人申请，上年度无结转至本年的申请。本年度共办结申请2件。办理结果为：予以公开1件，"
                     "因信访举报投诉类申请不予处理1件。无结转下年度继续办理的申请。")


def test_qingfeng_the_remainder_of_the_applications_is_not_their_total() -> None:
    """"另一件按时答复" is one of the 2, not the number of applications handled (C1 read it as 2)."""
    report = qingfeng()
    assert FactSheet(report).value("t3.result_total.total") == 2
    assert findings(document(report, overview=[QINGFENG_REQUESTS])) == []


@pytest.mark.parametrize("text", [
    "收到政府信息公开申请2件，一件予以公开，另有一件申请按期答复。",
    "收到政府信息公开申请2件，一件申请转信访办处理，其余1件申请已办结。",
])
def test_a_remainder_is_not_compared_with_a_count_of_all_applications(text: str) -> None:
    assert findings(document(qingfeng(), overview=[text])) == []


def test_qingfeng_sentence_with_more_applications_gives_no_finding() -> None:
    """With the sample's 12 applications (其他组织 1), "一件……另一件……" is neither a total, nor one column (C3), nor a
    count of applications in other words (C9)."""
    assert findings(document(sample(), overview=[QINGFENG_REQUESTS.split("。")[0] + "。"])) == []


def test_a_remainder_of_one_category_is_still_compared() -> None:
    """"另2件予以公开": 予以公开 is a category, not all the applications: 予以公开 is 1."""
    text = "在依申请公开办理中，一件申请按信访事项转镇信访办处理，另2件予以公开。"
    assert findings(document(qingfeng(), overview=[text])) == [("C1", "error", 1, 2)]
    assert findings(document(qingfeng(), overview=["本年度共办结申请3件。"])) == [("C1", "error", 2, 3)]


# --- C5 on table 二: negative statements on the decisions of 行政许可, 行政处罚, 行政强制 and on fees ----------------

_LICENSE_36 = "表二 第二十条第（五）项 行政许可「本年处理决定数量」为36件"


@pytest.mark.parametrize(("text", "evidence"), [
    ("本镇2024年作出行政处罚决定12件，未作出行政许可和行政强制决定。", "未作出行政许可"),
    ("本镇2024年未作出行政许可决定。", "本镇2024年未作出行政许可决定"),
    ("本镇2024年未办理行政许可。", "本镇2024年未办理行政许可"),
    ("本镇2024年作出行政处罚决定12件，未作出行政许可、行政强制决定。", "未作出行政许可"),
])
def test_c5_no_license_decisions_while_table_two_has_36(text: str, evidence: str) -> None:
    [f] = found(document(sample(), overview=[text]), "C5")
    assert (f.severity, f.message) == ("error", f"正文称“{evidence}”，但{_LICENSE_36}")
    assert (f.expected, f.found) == (0, 36)


def test_c5_each_kind_of_a_list_is_read() -> None:
    report = sample(t2={"admin_coercion": {"decisions": 3}})
    text = "本镇2024年未作出行政许可、行政处罚及行政强制决定。"
    messages = [f.message for f in found(document(report, overview=[text]), "C5")]
    assert messages == [  # the claims of one list come last kind first, as for 表四's "未发生行政复议和行政诉讼"
        "正文称“本镇2024年未作出行政许可、行政处罚及行政强制决定”，"
        "但表二 第二十条第（六）项 行政强制「本年处理决定数量」为3件",
        "正文称“本镇2024年未作出行政许可、行政处罚”，但表二 第二十条第（六）项 行政处罚「本年处理决定数量」为12件",
        f"正文称“本镇2024年未作出行政许可”，但{_LICENSE_36}",
    ]


def test_c5_no_fees_while_table_two_has_an_amount() -> None:
    report = sample(t2={"admin_fees": {"fee_amount": 1.5}})
    [f] = found(document(report, overview=["本镇2024年未收取行政事业性收费。"]), "C5")
    assert f.message == "正文称“本镇2024年未收取行政事业性收费”，但表二 第二十条第（八）项 行政事业性收费「本年收费金额（单位：万元）」为1.5万元"
    assert found(document(sample(), overview=["本镇2024年未收取行政事业性收费。"]), "C5") == []


@pytest.mark.parametrize("text", [
    "本镇2024年作出行政处罚决定12件，未作出行政强制决定。",  # 行政强制 is 0
    "本镇2024年未作出行政许可、行政处罚和行政强制决定。",
    "本镇2024年未办理行政许可。",
])
def test_c5_true_negative_statements_on_table_two(text: str) -> None:
    none = sample(t2={"admin_license": {"decisions": 0}, "admin_penalty": {"decisions": 0}})
    assert found(document(none, overview=[text]), "C5") == []


@pytest.mark.parametrize("text", [
    "上年本镇未作出行政许可决定。",  # another year
    "2023年，本镇未作出行政许可决定。",
    "与上年相比，未作出行政许可和行政强制决定。",
    "下一年度，本镇未作出行政许可决定的事项将及时说明。",  # a plan
    "县市场监管局未作出行政许可决定。",  # another organ
    "本年未新设行政许可事项。",  # items, not decisions
    "本年度未发生违法实施行政许可的情况。",
    "本年未收到行政许可申请。",
])
def test_c5_negative_statements_not_of_this_organ_this_year(text: str) -> None:
    assert found(document(sample(), overview=[text]), "C5") == []


_PENALTY_12 = "表二 第二十条第（六）项 行政处罚「本年处理决定数量」为12件"


@pytest.mark.parametrize(("text", "evidence", "figure"), [
    # the organ's own statement, with a word that holds an actor's character but names no actor (所有, 办理, 城市,
    # 村级, 区域, 单位时间, 网站): it was left alone as if another organ were named
    ("本镇所有行政执法事项均依法依规办理，2024年未作出行政处罚决定。", "2024年未作出行政处罚决定", _PENALTY_12),
    ("本镇推进城市管理精细化，2024年未作出行政处罚决定。", "2024年未作出行政处罚决定", _PENALTY_12),
    ("本镇在村级公开栏公示执法事项，全年未作出行政处罚决定。", "全年未作出行政处罚决定", _PENALTY_12),
    ("本镇实行区域化网格管理，2024年未作出行政许可决定。", "2024年未作出行政许可决定", _LICENSE_36),
    ("本镇压缩单位时间内的审批时长，2024年未作出行政许可决定。", "2024年未作出行政许可决定", _LICENSE_36),
    ("在政府网站公开执法信息，本镇2024年未作出行政处罚决定。", "本镇2024年未作出行政处罚决定", _PENALTY_12),
])
def test_c5_words_that_only_hold_an_actors_character_name_no_other_actor(text: str, evidence: str,
                                                                         figure: str) -> None:
    [f] = found(document(sample(), overview=[text]), "C5")
    assert (f.severity, f.message) == ("error", f"正文称“{evidence}”，但{figure}")


@pytest.mark.parametrize("text", [
    "县市场监管局对所有案件依法办理，在本镇辖区未作出行政处罚决定。",  # another organ, with 所有 and 办理 too
    "上级部门在本镇区域内未作出行政许可决定。",
    "各村（社区）未作出行政许可决定。",
    "村两委未作出行政处罚决定。",
    "镇司法所未作出行政处罚决定。",  # a station of the county's bureau
    "县政府未作出行政许可决定。",
    "石门镇未作出行政处罚决定。",
    "县综合执法大队在城市管理中未作出行政处罚决定。",
    "本镇在城市管理领域未作出行政处罚决定。",  # one field of the organ's decisions, not all of them
    "除上述案件外，本镇未作出行政处罚决定。",  # the rest of them
])
def test_c5_negative_statements_of_another_actor_or_of_a_part(text: str) -> None:
    assert found(document(sample(), overview=[text]), "C5") == []


def test_c5_on_table_two_takes_the_self_references_that_fit_the_organ() -> None:
    """The organ's own self-references are read from organ_words (they were typed again in a pattern of C5's own): 我镇
    in a 镇's report is the organ; 我乡 is not this organ's word, so the statement's scope is doubtful and it is left
    alone (precision first)."""
    [f] = found(document(sample(), overview=["我镇2024年未作出行政许可决定。"]), "C5")
    assert (f.severity, f.message) == ("error", f"正文称“我镇2024年未作出行政许可决定”，但{_LICENSE_36}")
    assert found(document(sample(), overview=["我乡2024年未作出行政许可决定。"]), "C5") == []
