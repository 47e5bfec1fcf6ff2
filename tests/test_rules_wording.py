"""Wording rules W1–W6 on real wording from the corpus."""

from __future__ import annotations

from tests.narrative import findings, make_doc, where, with_section


def overview(*paragraphs: str):  # noqa: ANN201
    return make_doc(sections=with_section("一、总体情况", list(paragraphs)))


def test_w1_dangling_fragment_fires_on_000() -> None:
    text = ("我镇对政务公开事项的办事依据、办事程序和办事结果，全部通过多种形式向广大群众公开发布，"
            "确保政务公开工作落到实处。落实保密审查责任，")
    found = findings(overview("2024年，青石镇扎实推进政务公开工作。", text), "W1")
    assert where(found) == [("overview", 1, "，")]
    assert found[0].evidence == "落实保密审查责任，"
    assert found[0].location.span == (len(text) - 1, len(text))


def test_w1_quiet_on_complete_paragraphs_and_headings() -> None:
    doc = overview("（一）加强组织领导，规范公开程序", "现将一年来的工作报告如下：", "确保政务公开工作落到实处。")
    assert findings(doc, "W1") == []


def test_w2_repeated_word_fires_on_003() -> None:
    found = findings(overview("严格落实“三审三校”制度，规范审核审核发布机制。"), "W2")
    assert where(found) == [("overview", 0, "审核审核")]
    assert found[0].expected == "审核"


def test_w2_quiet_on_reduplication_and_distinct_words() -> None:
    doc = overview("做到明明白白公开，常常开展检查，层层压实责任，审核发布规范有序。")
    assert findings(doc, "W2") == []


def test_w3_enumeration_out_of_order_fires_on_pingtan_2023() -> None:
    text = "主要存在以下不足：一是政策解读形式较为单一；三是栏目更新不够及时；三是业务培训有待加强。"
    found = findings(make_doc(sections=with_section("五、存在的主要问题及改进情况", [text])), "W3")
    assert [(f.found, f.expected) for f in found] == [("三是", "二是"), ("三是", "四是")]


def test_w3_numbered_subheadings_out_of_order() -> None:
    doc = overview("（一）主动公开情况", "主动公开信息128条。", "（三）政府信息管理情况", "落实保密审查。")
    assert [(f.found, f.expected) for f in findings(doc, "W3")] == [("（三）", "（二）")]


def test_w3_quiet_on_ordered_lists_and_restarts() -> None:
    doc = overview("一是由党政办分管领导任组长。二是加强政策理论学习。三是安排专人负责。",
                   "（一）主动公开", "一是公开财政预算；二是公开惠农补贴。", "（二）依申请公开",
                   "唯一是指本机关，其中之一是公开栏。")
    assert findings(doc, "W3") == []


def test_w4_known_slips_fire() -> None:
    doc = overview("提高做好信息公共工作的能力以及水平", "村级公开内容残差不齐。")
    assert where(findings(doc, "W4")) == [("overview", 0, "信息公共"), ("overview", 1, "残差不齐")]


def test_w4_slip_in_a_heading() -> None:
    sections = with_section("一、总体情况", ["2024年，青石镇扎实推进政务公开工作。"])
    sections[3] = ("四、政府信息公开行政法复议、行政诉讼情况", [])
    found = findings(make_doc(sections=sections), "W4")
    assert [(f.location.section, f.location.paragraph, f.found) for f in found] == [("appeals", -1, "行政法复议")]


def test_w4_outdated_principle_and_unquoted_short_name() -> None:
    doc = overview("我局“以公开为原则、不公开为例外”，加大主动公开力度。",
                   "根据《中华人民共和国政府信息公开条例》(以下简称条例)规定，编制本报告。")
    found = findings(doc, "W4")
    assert [(f.location.paragraph, f.found, f.expected, f.message) for f in found] == [
        (0, "以公开为原则、不公开为例外", "以公开为常态、不公开为例外",
         "表述过时（2019年修订的条例第五条）：“以公开为原则、不公开为例外”应为“以公开为常态、不公开为例外”"),
        (1, "以下简称条例", "以下简称《条例》", "简称缺书名号：“以下简称条例”应为“以下简称《条例》”"),
    ]
    assert {f.severity for f in found} == {"warning"}


def test_w4_quiet_on_correct_words() -> None:
    doc = overview("做好信息公开工作，建设信用信息公共服务平台，村级公开内容参差不齐的问题得到解决。")
    assert findings(doc, "W4") == []


def test_w5_placeholder_fires_on_015() -> None:
    text = "本报告电子版可在“中国·汶上”政府门户网站(具体网址)查阅或下载。"
    found = findings(make_doc(preamble=[text]), "W5")
    assert where(found) == [("preamble", 0, "(具体网址)")]
    assert found[0].severity == "error"


def test_w5_other_placeholders() -> None:
    doc = overview("XX镇主动公开信息××条，【待补】，〔待补〕。")
    assert [f.found for f in findings(doc, "W5")] == ["XX", "××", "【待补】"]  # 〔待补…〕 is G1's (tests/test_rules_gaps.py)


def test_w5_quiet_on_real_url() -> None:
    doc = make_doc(preamble=["本报告电子版可在示范县人民政府门户网站（https://www.shifan.gov.cn/xxgk/）查阅或下载。"])
    assert findings(doc, "W5") == []


def test_w6_doubled_punctuation_fires_on_026() -> None:
    found = findings(overview("财政管理类信息6条，共公开行政许可24件，。"), "W6")
    assert where(found) == [("overview", 0, "，。")]


def test_w6_quiet_on_normal_punctuation() -> None:
    assert findings(overview("公开信息6条，其中：预决算2条、三公经费1条。“一网通办”……"), "W6") == []


def test_w1_quiet_on_the_last_paragraph_of_a_cut_off_page_026() -> None:
    sections = [("一、总体情况", ["2022年界坑乡严格按照上级要求，深入贯彻落实《条例》相关规定。", "(二)依申请公开情况 2022年,"])]
    doc = make_doc(sections=sections, missing=["proactive", "requests", "appeals", "problems", "other"])
    assert findings(doc, "W1") == []
    assert where(findings(make_doc(sections=sections), "W1")) == [("overview", 1, ",")]


def test_w2_quiet_on_years_in_chinese_numerals() -> None:
    assert findings(overview("发布二〇二〇年度财政预算，落实二〇三五年远景目标。"), "W2") == []


def test_w5_quiet_on_anonymised_names() -> None:
    assert findings(overview("申请人王某某申请公开征地补偿信息，已依法答复。"), "W5") == []


def test_w7_year_without_nian_014_and_siping() -> None:
    doc = overview("2024共收到依申请公开2件，均按时答复。", "2021,四马路街道办事处认真贯彻落实市、区有关政务公开的文件精神。")
    assert where(findings(doc, "W7")) == [("overview", 0, "2024"), ("overview", 1, "2021")]


def test_w7_quiet_on_years_counts_and_numbers() -> None:
    doc = overview("2024年共收到申请2件。", "主动公开信息2024条，电话0795-2024123，文号〔2024〕12号，2024版目录。")
    assert findings(doc, "W7") == []


def test_w2_phrase_pasted_twice_001() -> None:
    text = ("区领导亲自组织或参与平潭港口岸金井港区对外开放新闻发布会、聚焦新中国成立 70 周年平潭专场新闻发布会"
            "聚焦新中国成立 70 周年平潭专场新闻发布会；组织19期《问政平潭有事你说》。")
    found = findings(overview(text), "W2")
    assert [f.expected for f in found] == ["聚焦新中国成立 70 周年平潭专场新闻发布会"]


def test_w8_unbalanced_marks_012_and_013() -> None:
    doc = overview(")依申请公开通过镇、村、社区公示栏，对群众关心及需要公开的事项及时进行公开。",
                   "本报告由总体情况”“主动公开政府信息的情况”六个部分组成。")
    assert where(findings(doc, "W8")) == [("overview", 0, ")"), ("overview", 1, "”")]


def test_w8_quiet_on_balanced_and_mixed_width_marks() -> None:
    doc = overview("根据《条例》（国务院令第711号）和“三审三校”制度，(国办公开办函〔2021〕30号)要求编制（见附件)。")
    assert findings(doc, "W8") == []


def test_w9_email_without_at_013() -> None:
    doc = make_doc(preamble=["通化市东昌区金厂镇人民政府 电话0435-3461301电子信箱jczdzbgs163.com,邮编134000。"])
    assert where(findings(doc, "W9")) == [("preamble", 0, "jczdzbgs163.com")]


def test_w9_quiet_on_full_address() -> None:
    assert findings(make_doc(preamble=["电子邮箱：qingshizhen@example.gov.cn）。"]), "W9") == []


def test_w4_lei_without_ji_022() -> None:
    assert [f.found for f in findings(overview("2022年累公开206条，累计发布信息12条。"), "W4")] == ["累"]


def test_w10_broken_enumeration_013() -> None:
    doc = overview("2025年,金厂镇深入贯彻《中华人民共和国政府信息公开条例》及省、市、工作部署,围绕镇域中心工作。")
    assert [f.found for f in findings(doc, "W10")] == ["省、市、工作部署"]


def test_w10_quiet_on_complete_enumerations() -> None:
    doc = overview("按照省、市、区政府信息公开工作要求，建立省、市、县、乡四级联动机制。")
    assert findings(doc, "W10") == []


def test_w14_short_name_before_the_full_title_e26() -> None:
    doc = make_doc(preamble=["2019年，我乡严格按照《条例》及县人民政府的相关规定，扎实推进政务公开。",
                             "本报告根据《中华人民共和国政府信息公开条例》要求编制。"])
    found = findings(doc, "W14")
    assert [(f.severity, f.location.section, f.location.paragraph, f.location.span, f.message) for f in found] == [
        ("warning", "preamble", 0, (12, 16), "简称《条例》在写出全称之前就已使用")]


def test_w14_quiet_when_the_full_title_is_never_written() -> None:
    assert findings(overview("2021年，县乡村振兴局认真贯彻落实《条例》及相关规定。"), "W14") == []
