"""Format rules on the text F2–F6, with citations and titles from the corpus."""

from __future__ import annotations

from assistant.formats import load_format
from tests.narrative import ZHUTING, findings, make_doc, where

N60, N30 = load_format(2019).basis_number, load_format(2021).basis_number


def test_f2_2019_notice_cited_in_a_2022_report() -> None:
    text = ("根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告"
            "有关事项的通知》（国办公开办函〔2019〕60号）要求编制。")
    found = findings(make_doc(preamble=[text], year=2022), "F2")  # one citation, one finding
    assert [(f.severity, f.expected, f.found) for f in found] == [
        ("error", N30, f"《{load_format(2019).basis_title}》（{N60}）")]


def test_f2_2019_notice_beside_the_2021_notice_is_a_warning() -> None:
    text = (f"根据《{load_format(2019).basis_title}》({N60})及《{load_format(2021).basis_title}》({N30})要求,"
            "现公布本报告。")
    found = findings(make_doc(preamble=[text], year=2021), "F2")
    assert [(f.severity, f.found) for f in found] == [("warning", f"《{load_format(2019).basis_title}》（{N60}）")]


def test_f2_title_of_60_with_number_of_30_026() -> None:
    text = ("和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》(国办公开办函〔2021〕30号)"
            "要求,编制本机关2022年度政府信息公开年度报告。")
    found = findings(make_doc(preamble=[text], year=2022), "F2")
    assert [f.found for f in found] == [load_format(2019).basis_title]


def test_f2_2021_notice_in_a_2020_report() -> None:
    found = findings(make_doc(ZHUTING, preamble=["按照国办公开办函〔2021〕30号要求编制。"]), "F2")
    assert where(found) == [("preamble", 0, "国办公开办函〔2021〕30号")]


def test_f2_quiet_on_the_right_notice() -> None:
    text = ("本报告根据《中华人民共和国政府信息公开条例》、《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
            "政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）等文件要求编制。")
    assert findings(make_doc(preamble=[text], year=2025), "F2") == []
    text = "和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求"
    assert findings(make_doc(ZHUTING, preamble=[text]), "F2") == []


def test_f3_wrong_issuer_abbreviation() -> None:
    found = findings(make_doc(preamble=["按照国办政务公开办函〔2021〕30号要求编制。"]), "F3")
    assert [(f.expected, f.found) for f in found] == [(N30, "国办政务公开办函〔2021〕30号")]


def test_f3_quiet_on_right_abbreviation_and_other_notices() -> None:
    doc = make_doc(preamble=["按照国办公开办函〔2021〕30号和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。"])
    assert findings(doc, "F3") == []


def test_f4_2019_labels_in_a_2024_report() -> None:
    doc = make_doc(preamble=["规范性文件本年新制作数量2件，其他对外管理服务事项0项。"])
    assert sorted(f.found for f in findings(doc, "F4")) == ["其他对外管理服务事项", "本年新制作数量"]


def test_f4_quiet_on_own_labels_and_prose() -> None:
    doc = make_doc(preamble=["行政规范性文件本年制发件数2件、现行有效件数5件，公开政府集中采购信息3条。"])
    assert findings(doc, "F4") == []


def test_f5_title_lacking_words_000_025() -> None:
    found = findings(make_doc(ZHUTING, title="竹亭镇2020年度政府信息公开年度报告"), "F5")
    assert [(f.expected, "缺少“工作”" in f.message) for f in found] == [("竹亭镇2020年度政府信息公开工作年度报告", True)]
    found = findings(make_doc(title="绥阳县小关乡人民政府2024年信息公开工作年度报告"), "F5")
    assert [f.expected for f in found] == ["绥阳县小关乡人民政府2024年政府信息公开工作年度报告"]


def test_f5_year_before_organ_017_and_truncated_012() -> None:
    found = findings(make_doc(title="2024年青石镇政府信息公开工作年度报告"), "F5")
    assert ["机关名称应在年度之前" in f.message for f in found] == [True]
    found = findings(make_doc(title="兴国镇人民政府2024年政府信息公开工作年度报"), "F5")
    assert [f.expected for f in found] == ["兴国镇人民政府2024年政府信息公开工作年度报告"]


def test_f5_the_organ_after_the_year_is_named_as_misplaced_not_missing() -> None:
    """Unseen report (湖口县卫生健康委员会 2022): "2022年湖口县卫生健康委员会信息公开年报" was said to lack the organ."""
    cases = {
        "2022年湖口县卫生健康委员会信息公开年报": ("应以“政府信息公开工作年度报告”结尾；机关名称应在年度之前",
                                             "湖口县卫生健康委员会2022年政府信息公开工作年度报告"),
        "2022年湖口县人民政府信息公开工作年度报告": ("缺少“政府”；机关名称应在年度之前",
                                               "湖口县人民政府2022年政府信息公开工作年度报告"),
        "2022年度政府信息公开工作年度报告": ("缺少机关名称", "青石镇2022年度政府信息公开工作年度报告"),
    }
    for title, (problems, expected) in cases.items():
        found = findings(make_doc(title=title), "F5")
        assert [(f.message, f.expected) for f in found] == [(f"标题“{title}”不合规定的写法：{problems}", expected)], title


def test_f5_quiet_on_standard_titles() -> None:
    for title in ("示范县青石镇人民政府2024年政府信息公开工作年度报告", "青石镇2024年度政府信息公开工作年度报告",
                  "淮安市人民政府 2024 年政府信息公开工作年度报告"):
        assert findings(make_doc(title=title), "F5") == [], title


def test_f6_old_regulation() -> None:
    found = findings(make_doc(preamble=["根据《中华人民共和国政府信息公开条例》（国务院令第492号）编制。"]), "F6")
    assert where(found) == [("preamble", 0, "国务院令第492号")]


def test_f6_quiet_on_current_regulation() -> None:
    assert findings(make_doc(preamble=["根据《中华人民共和国政府信息公开条例》（国务院令第711号）编制。"]), "F6") == []


def test_f5_missing_title_reported_only_for_a_whole_document() -> None:
    assert [f.found for f in findings(make_doc(title=""), "F5")] == ["无标题"]
    assert findings(make_doc(title="", missing=["appeals"]), "F5") == []


def test_f5_year_first_alone_is_info() -> None:
    (found,) = findings(make_doc(title="2024年青石镇政府信息公开工作年度报告"), "F5")
    assert found.severity == "info"


def test_f3_number_with_lost_bracket_wangtuan_2023() -> None:
    text = ("和《国务院办公厅政府信息与政务公开办公室关于印发<中华人民共和国政府信息公开工作年度报告格式>的通知》"
            "(国办公开办函〔202130号)要求,现发布《利辛县望疃镇2023年政府信息公开工作年度报告》。")
    found = findings(make_doc(preamble=[text], year=2023), "F3")
    assert [(f.expected, f.found) for f in found] == [(N30, "国办公开办函〔202130号")]
