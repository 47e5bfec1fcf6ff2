"""Organ rules O1–O4 on real wording from the corpus."""

from __future__ import annotations

from tests.narrative import findings, make_doc, where, with_section


def overview(*paragraphs: str, **meta: str):  # noqa: ANN201
    return make_doc(sections=with_section("一、总体情况", list(paragraphs)), **meta)


def test_o1_street_wording_in_a_town_report_000() -> None:
    doc = overview("2024年，在县委、县政府的正确领导下，街道加强人员队伍的建设和管理，完善制度，规范流程。")
    found = findings(doc, "O1")
    assert where(found) == [("overview", 0, "街道")]
    assert found[0].severity == "error"


def test_o1_self_reference_of_another_kind() -> None:
    doc = overview("我街道坚持把政府信息公开工作作为推进依法行政的重要手段。", "本乡主动公开信息46条。", "我县持续推进政务公开。")
    assert [(f.found, f.severity) for f in findings(doc, "O1")] == [
        ("我街道", "error"), ("本乡", "error"), ("我县", "warning")]


def test_o1_own_place_with_another_kind() -> None:
    doc = overview("青石街道扎实推进政务公开工作。")
    assert [f.found for f in findings(doc, "O1")] == ["青石街道"]


def test_o1_street_report_speaking_as_a_town() -> None:
    doc = overview("年初以来，镇政府坚持以公开为常态。", organ_name="沈阳市于洪区迎宾路街道办事处", organ_kind="街道",
                   short_name="迎宾路街道")
    assert [f.found for f in findings(doc, "O1")] == ["镇政府"]


def test_o1_quiet_on_own_words() -> None:
    doc = overview("我镇着眼于建立政务公开长效机制，打牢本镇抓好政府信息公开管理工作的组织基础。",
                   "本机关、本单位按照全省、市、县政府信息公开工作要求，加强村镇联动、乡镇街道交流，执行本办法。",
                   "青石镇人民政府通过县政府门户网站发布信息。")
    assert findings(doc, "O1") == []
    doc = overview("年初以来，我街道坚持把政府信息公开工作作为推进依法行政的重要手段。", organ_name="沈阳市于洪区迎宾路街道办事处",
                   organ_kind="街道", short_name="迎宾路街道")
    assert findings(doc, "O1") == []


def test_o2_another_organs_name_in_title_and_preamble() -> None:
    doc = make_doc(title="兴国镇人民政府2024年政府信息公开工作年度报告",
                   preamble=["如对本报告有疑问，请与郭仓镇人民政府联系（联系电话：0537-7960020）。"])
    assert where(findings(doc, "O2")) == [("title", 0, "兴国镇人民政府"), ("preamble", 0, "郭仓镇人民政府")]


def test_o2_quiet_on_own_names() -> None:
    doc = make_doc(title="青石镇2024年度政府信息公开工作年度报告",
                   preamble=["本报告由青石镇人民政府党政综合办公室编制。如对本报告有疑问，请与示范县青石镇人民政府联系。"])
    assert findings(doc, "O2") == []
    doc = make_doc(title="2021年迎宾路街道政府信息公开工作年度报告", organ_name="沈阳市于洪区迎宾路街道办事处",
                   organ_kind="街道", short_name="迎宾路街道")
    assert findings(doc, "O2") == []


def test_o3_town_claiming_province_wide_work_013() -> None:
    doc = overview("(一)组织推动全省政府信息公开工作。坚决贯彻上级关于政府信息公开的工作要求。")
    assert where(findings(doc, "O3")) == [("overview", 0, "全省")]


def test_o3_street_acting_as_city_government_017() -> None:
    doc = overview("受理公民、法人和其他组织向市政府及市政府办公室提出的政府信息公开申请5件，均在法定时限内予以答复。",
                   organ_name="沈阳市于洪区迎宾路街道办事处", organ_kind="街道", short_name="迎宾路街道")
    assert [f.found for f in findings(doc, "O3")] == ["市政府"]


def test_o3_town_stating_city_totals_009() -> None:
    doc = overview("2024年，全市共受理政府信息公开申请3119件。")
    assert [f.found for f in findings(doc, "O3")] == ["全市"]


def test_o3_quiet_on_following_higher_requirements() -> None:
    doc = overview("结合自身实际，按照全省、市、区政府信息公开工作要求，进一步细化制度。", "在全县政务公开考核中位列前茅。")
    assert findings(doc, "O3") == []
    doc = overview("2024年，全市共受理政府信息公开申请3119件。", organ_name="淮安市人民政府",
                   organ_kind="设区的市人民政府", short_name="淮安市")
    assert findings(doc, "O3") == []


def test_o4_upward_letter_wording() -> None:
    doc = make_doc(preamble=["现将我镇2024年度政府信息公开工作情况报告贵办如下："],
                   sections=with_section("六、其他需要报告的事项", ["本年度未收取信息处理费。特此报告。"]))
    assert where(findings(doc, "O4")) == [("preamble", 0, "贵办"), ("other", 0, "特此报告")]


def test_o4_quiet_on_public_wording() -> None:
    doc = make_doc(preamble=["现将我镇2024年度政府信息公开工作情况报告如下。如对本报告有疑问，请与青石镇人民政府联系。"])
    assert findings(doc, "O4") == []


def test_o1_lower_level_scope_and_actor_in_a_city_report_009() -> None:
    meta = {"organ_name": "淮安市人民政府", "organ_kind": "设区的市人民政府", "short_name": "淮安市"}
    doc = overview("截至目前，全县在运维政务新媒体共计95个。", "2024年，县政府网站主动公开各类政府信息5500余条。", **meta)
    assert [(f.found, f.severity) for f in findings(doc, "O1")] == [("全县", "warning"), ("县政府", "warning")]
    doc = overview("截至目前，全市在运维政务新媒体共计95个。", "2024年，市政府网站主动公开各类政府信息5500余条。", **meta)
    assert findings(doc, "O1") == []


def test_o1_quiet_on_streets_and_autonomous_region() -> None:
    doc = overview("镇区环境整治后，街道整洁有序。")
    assert findings(doc, "O1") == []
    doc = overview("按照全区政务公开工作部署，全县共主动公开信息500条。", organ_name="伊犁州尼勒克县人民政府",
                   organ_kind="县级人民政府", short_name="尼勒克县")
    assert findings(doc, "O1") == []


def test_o2_quiet_on_self_reference_in_contact_sentence_tongling_2022() -> None:
    doc = make_doc(preamble=["如对本年度报告有任何疑问，请与我局联系（地址：铜陵市北斗星城C6栋6楼）。"],
                   organ_name="铜陵市促进民营经济发展局", organ_kind="部门")
    assert findings(doc, "O2") == []


def test_o2_another_town_as_the_subject() -> None:
    doc = overview("2025年，郭仓镇严格遵循《中华人民共和国政府信息公开条例》要求，扎实推进政务公开工作。")
    assert where(findings(doc, "O2")) == [("overview", 0, "郭仓镇")]


def test_o2_another_organ_learned_from_or_visited_is_no_copied_name() -> None:
    # a township names the organs it learned from or worked with: no copied text, and no "赴石门镇", "学习石门镇" or
    # "联合石门镇" read as the subject's name (they were errors: 机关名称“赴石门镇”不是本机关)
    doc = overview("2024年，赴石门镇学习政务公开标准化建设经验。", "2024年，学习石门镇专栏建设经验，完善我镇政务公开专栏。",
                   "2024年，到石门镇政府学习考察。", "组织人员赴石门镇、郭仓镇学习交流。", "学习借鉴“石门镇”、“郭仓镇”的做法。",
                   "向石门镇人民政府学习依申请公开答复经验。", "2024年，联合石门镇开展政务公开交叉检查。")
    assert findings(doc, "O2") == []


def test_o2_another_organ_doing_this_reports_work_in_a_learning_sentence() -> None:
    doc = overview("2024年，石门镇组织干部赴郭仓镇学习交流。", "通过“石门镇”微信公众号发布学习资料12篇。")
    assert [(f.severity, f.location.paragraph, f.message) for f in findings(doc, "O2")] == [
        ("warning", 1, "文中出现其他机关的名称“石门镇”（本机关为示范县青石镇人民政府），疑为照搬其他机关的材料"),
        ("error", 0, "机关名称“石门镇”不是本机关（示范县青石镇人民政府）"),
    ]


def test_o2_quiet_on_own_name_and_self_references_as_subject() -> None:
    doc = overview("2024年，青石镇在县委、县政府的领导下扎实推进政务公开。", "2024年，我镇主动公开信息128条。",
                   "2024年，在县委、县政府的正确领导下，全镇扎实推进工作。", "2024年以来，青石镇人民政府坚持以公开为常态。")
    assert findings(doc, "O2") == []


def _checked(report_text: str) -> list:  # noqa: ANN202
    from assistant.pipeline import check_document
    from assistant.readers.existing import document_from_lines
    from assistant.readers.files import NotedLines

    doc = document_from_lines(NotedLines(report_text.split("\n")), "示例")
    return [doc, check_document(doc)]


def test_o2_says_nothing_when_the_organ_was_only_guessed() -> None:
    # the district government that compiled the text is a guess at the organ; the street named in the opening is far
    # more likely the organ itself (the cascade of false "not this organ" findings on unseen reports)
    doc, found = _checked("本报告由示范区人民政府编制。\n一、总体情况\n2023年，厚桥街道在区委、区政府的领导下，不断规范政府信息公开内容。")
    assert doc.report.meta.organ_name == "示范区人民政府" and not doc.has("organ")
    assert [(f.rule, f.status) for f in found if f.rule == "O2" and f.status != "pass"] == []


def test_the_organ_is_the_unit_under_the_government_that_compiled_the_text() -> None:
    doc, _found = _checked("本年度报告根据《中华人民共和国政府信息公开条例》的要求，由无锡市锡山区人民政府厚桥街道党政办公室综合科编制。\n"
                           "一、总体情况\n2023年，厚桥街道不断规范政府信息公开内容。")
    assert (doc.report.meta.organ_name, doc.report.meta.organ_kind) == ("无锡市锡山区人民政府厚桥街道办事处", "街道")


def test_an_organ_name_broken_over_the_title_lines_is_joined() -> None:
    doc, found = _checked("重庆市沙坪坝区人民政府小龙坎街道\n办事处2023年政府信息公开工作年度报告\n一、总体情况\n"
                          "2023年，小龙坎街道认真贯彻落实《中华人民共和国政府信息公开条例》。")
    assert doc.report.meta.organ_name == "重庆市沙坪坝区人民政府小龙坎街道办事处" and doc.has("organ")
    assert [f.status for f in found if f.rule == "O2" and f.status != "pass"] == []


XIANG = {"organ_name": "示范县白沙乡人民政府", "organ_kind": "乡镇", "short_name": "白沙乡"}


def test_o1_a_towns_compounds_in_a_township_report() -> None:
    # an outside reviewer's draft of a 乡: the words a 镇 uses for its own column and stations
    doc = overview("通过县政府网站镇级专栏公开信息20条，督促镇直站所及时公开。", "全镇共公开信息20条，镇纪委、镇人大开展监督。",
                   **XIANG)
    assert [(f.found, f.severity, f.suggestion) for f in findings(doc, "O1")] == [
        ("镇级", "error", "改为“乡级”或“白沙乡”，并核对这段内容是否属于本机关"),
        ("镇直", "error", "改为“乡直”或“白沙乡”，并核对这段内容是否属于本机关"),
        ("全镇", "error", "改为“全乡”或“白沙乡”，并核对这段内容是否属于本机关"),
        ("镇纪委", "error", "改为“乡纪委”或“白沙乡”，并核对这段内容是否属于本机关"),
        ("镇人大", "error", "改为“乡人大”或“白沙乡”，并核对这段内容是否属于本机关")]
    doc = overview("通过县政府网站乡级专栏公开信息，乡直单位、乡属站所配合。")  # a 乡's words in the sample 镇's report
    assert [(f.found, f.severity) for f in findings(doc, "O1")] == [("乡级", "error"), ("乡直", "error"), ("乡属", "error")]
    doc = overview("由镇党政办负责，副镇长任组长，镇机关各站所配合。", **XIANG)  # jieba cuts 由镇/党政办, 副镇长
    assert [f.found for f in findings(doc, "O1")] == ["镇党政办", "镇长", "镇机关"]
    doc = overview("镇级专栏公开信息12条，镇直单位配合。", organ_name="示范区东湖街道办事处", organ_kind="街道",
                   short_name="东湖街道")
    assert [(f.found, f.severity) for f in findings(doc, "O1")] == [("镇级", "error"), ("镇直", "error")]


def test_o1_quiet_on_words_that_only_contain_a_unit() -> None:
    doc = overview("按照乡镇级政务公开标准目录，加强乡村振兴、城镇建设和集镇管理信息公开，联系各镇政府、乡镇街道。",
                   "按照《关于推进镇级政务公开标准化的通知》，赴镇江市、镇头村学习，配合县直部门和12个镇级单位。",
                   "乡级专栏、乡直单位、全乡、我乡。", **XIANG)
    assert findings(doc, "O1") == []
    doc = overview("建立城乡长效机制，乡镇长效管理，坐镇指挥，镇长效机制。", **XIANG)  # 长效, 坐镇: other words
    assert findings(doc, "O1") == []
    doc = overview("县乡两级协同，县乡级平台，镇级专栏、镇直单位、全镇。", "各乡镇（街道办）按时报送。",
                   "返乡人员、故乡长者、家乡长期在外务工人员。")
    assert findings(doc, "O1") == []
    doc = overview("2024年，镇直乡扎实推进政务公开。", organ_name="示范县镇直乡人民政府", organ_kind="乡镇", short_name="镇直乡")
    assert findings(doc, "O1") == []  # the 乡's own name contains 镇直


def test_o1_county_direct_departments_of_another_kind() -> None:
    doc = overview("县直部门加强公开。", organ_name="示范区人民政府", organ_kind="县级人民政府", short_name="示范区")
    assert [(f.found, f.severity, f.suggestion) for f in findings(doc, "O1")] == [
        ("县直", "warning", "改为“区直”或“示范区”，并核对这段内容是否属于本机关")]
    doc = overview("区直部门加强指导。", organ_name="示范县人民政府", organ_kind="县级人民政府", short_name="示范县")
    assert [(f.found, f.severity, f.suggestion) for f in findings(doc, "O1")] == [
        ("区直", "warning", "改为“县直”或“示范县”，并核对这段内容是否属于本机关")]
    # a township: the words of its parent government's kind (示范县 for the sample town; a street under a 区)
    doc = overview("区直部门加强指导。")
    assert [(f.found, f.severity) for f in findings(doc, "O1")] == [("区直", "warning")]
    doc = overview("配合县直部门开展检查。", organ_name="示范区东湖街道办事处", organ_kind="街道", short_name="东湖街道",
                   parent_government="示范区人民政府")
    assert [(f.found, f.severity, f.suggestion) for f in findings(doc, "O1")] == [
        ("县直", "warning", "改为“区直”或“东湖街道”，并核对这段内容是否属于本机关")]


def test_o1_quiet_on_direct_departments_that_may_be_right() -> None:
    county = {"organ_name": "示范县人民政府", "organ_kind": "县级人民政府", "short_name": "示范县"}
    # 区直 may be an autonomous region's; 市直 is the city's above; a list of levels (省、市、县直属)
    doc = overview("按照自治区要求，区直部门加强指导。", "市直部门配合，省、市、县直属单位参加。", **county)
    assert findings(doc, "O1") == []
    doc = overview("区直部门加强指导。", organ_name="示范县白沙乡人民政府", organ_kind="乡镇", short_name="白沙乡",
                   parent_government="通化市人民政府")  # a 市 read as the parent may be the city above a district
    assert findings(doc, "O1") == []
    doc = overview("县直部门和区直部门。", organ_name="示范县白沙乡人民政府", organ_kind="乡镇", short_name="白沙乡",
                   parent_government=None)  # the parent not known
    assert findings(doc, "O1") == []


def test_o1_compounds_are_warnings_when_the_kind_was_only_guessed() -> None:
    doc = overview("通过县政府网站镇级专栏公开信息20条。", **XIANG)
    doc.uncertain.append("organ_kind")
    assert [(f.found, f.severity, f.status) for f in findings(doc, "O1")] == [("镇级", "warning", "uncertain")]


PLACELESS_OFFICE = {"organ_name": "县政府办", "organ_kind": "部门", "parent_government": "府谷县人民政府"}


def test_o2_the_placeless_organ_named_in_full_with_its_county() -> None:
    # 府谷 2022: the title says only 县政府办; the subject is cut at the office, not at the county
    doc = overview("2022年，府谷县人民政府办公室严格贯彻落实《中华人民共和国政府信息公开条例》。",
                   "2022年，府谷县扎实推进政务公开工作。", **PLACELESS_OFFICE)
    assert findings(doc, "O2") == []


def test_o2_another_county_or_organ_of_a_placeless_organ_is_only_a_warning() -> None:
    doc = overview("2022年，神木县人民政府办公室严格贯彻落实条例。", "2022年，郭仓镇扎实推进政务公开工作。", **PLACELESS_OFFICE)
    assert [(f.severity, f.status, f.message) for f in findings(doc, "O2")] == [
        ("warning", "uncertain", "机关名称“神木县人民政府办公室”不是本机关（县政府办），请核对"),
        ("warning", "uncertain", "机关名称“郭仓镇”不是本机关（县政府办），请核对"),
    ]


def test_o2_another_counties_office_named_in_full_for_an_organ_with_a_place() -> None:
    doc = overview("2022年，神木县人民政府办公室严格贯彻落实条例。", organ_name="府谷县人民政府办公室", organ_kind="部门")
    assert [(f.severity, f.message, f.found) for f in findings(doc, "O2")] == [
        ("error", "机关名称“神木县人民政府办公室”不是本机关（府谷县人民政府办公室）", "神木县人民政府办公室")]


def test_o2_a_street_named_without_its_district_government_is_the_organ() -> None:
    # 七都 2024: the contact leaves 人民政府 out of "温州市鹿城区人民政府七都街道办事处"
    doc = make_doc(preamble=["如对本报告有疑问，请与温州市鹿城区七都街道办事处联系。"],
                   organ_name="温州市鹿城区人民政府七都街道办事处", organ_kind="街道", short_name=None)
    assert findings(doc, "O2") == []
    doc = make_doc(preamble=["如对本报告有疑问，请与温州市鹿城区双屿街道办事处联系。"],
                   organ_name="温州市鹿城区人民政府七都街道办事处", organ_kind="街道", short_name=None)
    assert [(f.message, f.suggestion) for f in findings(doc, "O2")] == [
        ("联系机关“温州市鹿城区双屿街道办事处”不是本机关（温州市鹿城区人民政府七都街道办事处），请核对",
         "改为“七都街道”；并核对全文是否照搬了该机关的报告")]


def test_o2_an_autonomous_countys_full_name_and_the_organs_short_name_are_the_organ() -> None:
    """Unseen report (通道县卫生健康局 2022): "现公布通道侗族自治县卫生健康局2022年…" was called another organ."""
    organ = {"organ_name": "通道县卫生健康局", "organ_kind": "部门", "short_name": None}
    for name in ("通道侗族自治县卫生健康局", "通道县卫健局"):
        doc = make_doc(preamble=[f"如对本报告有疑问，请与{name}联系。"], **organ)
        assert findings(doc, "O2") == [], name
    doc = make_doc(preamble=["如对本报告有疑问，请与靖州苗族侗族自治县卫生健康局联系。"], **organ)
    assert [f.message for f in findings(doc, "O2")] == [
        "联系机关“靖州苗族侗族自治县卫生健康局”不是本机关（通道县卫生健康局），请核对"]
