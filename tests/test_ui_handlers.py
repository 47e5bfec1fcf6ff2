"""The UI's handlers without a browser: drafting, review decisions that survive a re-draft, filters, evidence
highlighting, gated export, prefill from last year's report."""

from __future__ import annotations

import json

import pytest
from docx import Document as WordDocument

from assistant.errors import InputError
from assistant.pipeline import draft_report, write_outputs
from assistant.readers.inputfile import load_report
from assistant.ui import handlers
from assistant.ui.workspace import Workspace
from tests.conftest import EXAMPLES, completed_zhuting

USER = "竹亭镇"


@pytest.fixture
def ws(tmp_path):
    return Workspace(tmp_path / "ws")


@pytest.fixture
def drafted(ws):
    unit = handlers.create_unit(ws, USER, completed_zhuting()).unit  # no 〔待补〕 gap: it can be exported as final
    return handlers.draft_unit(ws, USER, unit.id)


def test_draft_states_the_application_and_is_checked(drafted):
    texts = handlers.section_texts(drafted.unit.draft)
    assert texts[0].startswith("袁州区竹亭镇人民政府2020年政府信息公开工作年度报告\n本报告是根据《中华人民共和国"
                               "政府信息公开条例》（国务院令第711号，以下简称《条例》）")
    assert "本镇共收到政府信息公开申请1件，申请人为自然人，" in texts[1]  # 一（二）: the counts of table 三 are told there only
    assert "因本机关不掌握相关政府信息无法提供1件，没有结转下年度继续办理的申请。" in "\n".join(texts)
    assert [(f.rule, f.severity) for f in drafted.findings] == [("U1", "warning")]


def test_a_decision_survives_a_redraft(ws, drafted):
    finding = drafted.findings[0]
    handlers.decide(ws, USER, drafted.unit.id, [finding.fingerprint], "dismissed", "原表未注明单位，已核实为元")
    again = handlers.draft_unit(ws, USER, drafted.unit.id)
    rows = handlers.findings_table(ws, again.unit, again.findings, expert=True)
    assert rows[0][8] == "U1"
    assert rows[0][6:8] == ["已驳回", "原表未注明单位，已核实为元"]  # 复核, 备注 (after 序号 严重程度 位置 问题 建议 类别)
    assert handlers.findings_table(ws, again.unit, again.findings)[0] == rows[0][:8]  # no rule code by default


def test_filters_and_bulk_confirm(ws, drafted):
    assert handlers.findings_table(ws, drafted.unit, drafted.findings, severity="错误") == []
    assert len(handlers.findings_table(ws, drafted.unit, drafted.findings, category="合理性")) == 1
    with pytest.raises(InputError):
        handlers.decide(ws, USER, drafted.unit.id, ["x"], "maybe", "")


def test_edited_text_is_rechecked_and_evidence_highlighted(ws, drafted):
    texts = handlers.section_texts(drafted.unit.draft)
    texts[5] = texts[5] + "\n为此，2020年我镇将采取以下措施积极改进。"
    view = handlers.save_sections(ws, USER, drafted.unit.id, texts)
    plan = [f for f in view.findings if f.rule == "Y4"]
    assert len(plan) == 1 and plan[0].severity == "error"
    html = handlers.finding_context(view.unit, plan[0])
    assert f"<mark>{plan[0].evidence}</mark>" in html


STEM = "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告"


def test_export_is_gated_like_the_cli(ws, drafted, tmp_path):
    exported = handlers.export(ws, USER, drafted.unit.id, "docx", tmp_path / "a")
    assert [p.name for p in exported.files] == [f"{STEM}.docx"] and exported.final
    assert handlers.export_message(drafted.unit, "docx", exported) == (
        f"已生成正式文档：{STEM}.docx（点下方文件名下载）", True)
    texts = handlers.section_texts(drafted.unit.draft)
    texts[1] = texts[1].replace("本镇共收到政府信息公开申请1件", "本镇共收到政府信息公开申请3件")
    view = handlers.save_sections(ws, USER, drafted.unit.id, texts)
    blocked = handlers.export(ws, USER, drafted.unit.id, "docx", tmp_path / "b")
    assert not blocked.final
    assert [p.name for p in blocked.files] == [f"{STEM}-草稿.docx", f"{STEM}-草稿-审阅稿.docx"]
    assert [f.rule for f in blocked.blocking] == ["C1"]
    text, ok = handlers.export_message(view.unit, "docx", blocked)
    assert not ok and text.startswith(f"不能导出正式文档：尚有1项错误未改正。已生成草稿（请勿印发）：{STEM}-草稿.docx、")
    assert text.splitlines()[0].endswith("请先处理以下各项（改正，或在“问题清单”中写明理由后驳回），再导出正式文档：")
    assert text.splitlines()[1:] == ["· 一、总体情况 第5段：正文“本镇共收到政府信息公开申请3件”与表格不符：表三 一、本年新收政府"
                                     "信息公开申请数量「总计」为1件——核对后将正文改为1件，或改正表格"]
    review = handlers.export(ws, USER, drafted.unit.id, "review", tmp_path / "c").files[0]
    assert review.name.endswith("-草稿-审阅稿.docx")
    assert len(WordDocument(str(review)).comments) >= 1
    findings = json.loads(handlers.export(ws, USER, drafted.unit.id, "json", tmp_path / "d").files[0]
                          .read_text("utf-8"))
    assert any(f["rule"] == "C1" and f["expected"] == 1 and f["found"] == 3 for f in findings["findings"])


def test_a_unit_with_gaps_is_never_exported_as_final(ws, tmp_path):
    """Bug: while 〔待补〕 gaps remained, 导出 Word 文档 served the -草稿 as if it were the final document."""
    view = handlers.draft_unit(ws, USER, handlers.load_example(ws, USER).unit.id)  # 竹亭镇 as published: 5 gaps
    exported = handlers.export(ws, USER, view.unit.id, "docx", tmp_path)
    stem = STEM
    assert not exported.final
    assert [p.name for p in exported.files] == [f"{stem}-草稿.docx", f"{stem}-草稿-审阅稿.docx"]
    assert not (tmp_path / f"{stem}.docx").exists()
    header = WordDocument(str(exported.files[0])).sections[0].header.paragraphs[0].text
    assert header == "草稿：尚有5处待补内容，请勿印发"
    text, ok = handlers.export_message(view.unit, "docx", exported)
    assert not ok
    assert text.splitlines() == [
        f"不能导出正式文档：尚有5处待补内容。已生成草稿（请勿印发）：{stem}-草稿.docx、{stem}-草稿-审阅稿.docx。"
        "请先补上以下待补内容（待补内容不能驳回），再导出正式文档：",
        "· 缺少工作考核结果情况，正文中为“〔待补：工作考核结果情况〕”——在“起草”页的“监督保障”中填写后重新起草，或在定稿前补写",
        "· 缺少社会评议结果情况，正文中为“〔待补：社会评议结果情况〕”——在“起草”页的“监督保障”中填写后重新起草，或在定稿前补写",
        "· 缺少责任追究结果情况，正文中为“〔待补：责任追究结果情况〕”——在“起草”页的“监督保障”中填写后重新起草，或在定稿前补写",
        "· 缺少上年度问题的改进情况，正文中为“〔待补：上年度问题的改进情况〕”——在“起草”页的“上年度问题改进”中填写后重新起草，"
        "或在定稿前补写",
        "· 缺少落款日期，正文中为“〔待补：落款日期〕”——在“基本信息与表格”页的“落款日期”中填写并保存（正文中的待补处随即填入），"
        "或在定稿前补写"]
    assert handlers.unit_status(ws, view.unit, view.findings) == "有错误"
    texts = handlers.section_texts(view.unit.draft)  # an error besides the gaps: only the error may be dismissed
    texts[1] = texts[1].replace("本镇共收到政府信息公开申请1件", "本镇共收到政府信息公开申请3件")
    mixed_view = handlers.save_sections(ws, USER, view.unit.id, texts)
    mixed = handlers.export(ws, USER, view.unit.id, "docx", tmp_path / "m")
    mixed_text, _ok = handlers.export_message(mixed_view.unit, "docx", mixed)
    assert mixed_text.splitlines()[0].endswith(
        "请先处理以下各项（待补内容须补写，不能驳回；错误请改正，或在“问题清单”中写明理由后驳回），再导出正式文档：")
    # the review copy and the JSON give the advice in the form's words too, never the input file's field path
    data = json.loads(handlers.export(ws, USER, view.unit.id, "json", tmp_path / "j").files[0].read_text("utf-8"))
    date_gap = next(f for f in data["findings"] if f["rule"] == "G1" and "落款日期" in f["message"])
    assert date_gap["suggestion"] == "在“基本信息与表格”页的“落款日期”中填写并保存（正文中的待补处随即填入），或在定稿前补写"
    assert [f["suggestion"] for f in data["findings"] if "输入文件" in (f["suggestion"] or "")] == []
    review = handlers.export(ws, USER, view.unit.id, "review", tmp_path / "r").files[-1]
    assert [c.text for c in WordDocument(str(review)).comments if "输入文件" in c.text] == []


def test_prefill_from_last_years_word_report(ws, tmp_path):
    doc, findings = draft_report(load_report(EXAMPLES / "sample-town-2024.yaml"))
    word = [p for p in write_outputs(doc, findings, tmp_path) if p.suffix == ".docx"][0]
    [view] = handlers.prefill_from_file(ws, "青石镇", word)
    report = view.unit.report
    assert (report.meta.organ_name, report.meta.year) == ("示范县青石镇人民政府", 2025)
    assert report.tables.get("t3.carried_over.natural_person") == 1  # last year's 结转下年度
    assert view.unit.draft is None
    assert report.meta.model_dump(mode="json") == {  # every field of last year's meta but its signing date
        "organ_name": "示范县青石镇人民政府", "organ_kind": "乡镇", "short_name": "青石镇",
        "parent_government": "示范县人民政府", "year": 2025, "format_version": None,
        "website": "示范县人民政府门户网站“政府信息公开”专栏（https://www.shifan.gov.cn/）",
        "contact": {"address": "示范县青石镇人民政府党政综合办公室", "postcode": "336000", "phone": "0795-1234567",
                    "email": "qingshizhen@example.gov.cn"},
        "compiler": "示范县青石镇人民政府党政综合办公室", "sign_date": None, "parent_party": "中共示范县委"}
    # last year's sentences without figures, each marked; the 条例 it quoted is no fact of its work
    assert report.notes.proactive == ["〔上年〕在村务公开栏公开惠农补贴发放、低保评议等信息"]
    notes = report.notes.model_dump()
    assert all(n.startswith("〔上年〕") for items in notes.values() for n in items)


def test_last_years_sentences_reach_the_draft_only_once_confirmed(ws, tmp_path):
    """Bug: last year's sentences were copied into this year's notes and so into the Word file, unconfirmed."""
    doc, findings = draft_report(load_report(EXAMPLES / "sample-town-2024.yaml"))
    [view] = handlers.prefill_from_file(ws, "青石镇", write_outputs(doc, findings, tmp_path).final)
    drafted = handlers.draft_unit(ws, "青石镇", view.unit.id)
    text = "\n".join(handlers.section_texts(drafted.unit.draft))
    assert "〔上年〕" not in text and "村务公开栏" not in text and "主动公开工作的主要情况如下" not in text
    assert "〔待补：主动公开工作情况，如公开渠道、发布数量和重点领域信息〕" in text
    gaps = [f.message for f in drafted.findings if f.rule == "G1"]
    assert "缺少主动公开工作情况，正文中为“〔待补：主动公开工作情况，如公开渠道、发布数量和重点领域信息〕”" in gaps
    advice = handlers.form_wording(next(f.suggestion for f in drafted.findings if "主动公开工作情况" in f.message
                                        and f.rule == "G1"))
    assert advice == "在“起草”页的“主动公开”中填写后重新起草，或在定稿前补写"
    report = drafted.unit.report  # the clerk confirms one sentence and rewrites the other
    notes = report.notes.model_copy(update={"proactive": ["本镇注重主动公开与日常工作同步推进",
                                                         "本年在村务公开栏公开惠农补贴发放信息"]})  # rewritten
    handlers.save_report(ws, "青石镇", view.unit.id, report.model_copy(update={"notes": notes}))
    again = handlers.draft_unit(ws, "青石镇", view.unit.id)
    text = "\n".join(handlers.section_texts(again.unit.draft))
    # merged in the office's order, without the note's own 本年
    assert 0 < text.index("注重主动公开与日常工作同步推进") < text.index("在村务公开栏公开惠农补贴发放信息")
    assert "本年在村务公开栏" not in text
    assert "〔待补：主动公开工作情况，如公开渠道、发布数量和重点领域信息〕" not in text and "〔上年〕" not in text


def test_other_users_cannot_open_a_unit(ws, drafted):
    with pytest.raises(InputError):
        handlers.open_unit(ws, "别的镇", drafted.unit.id)
    assert handlers.open_unit(ws, "县政务公开办", drafted.unit.id, admin=True).unit.id == drafted.unit.id


def test_findings_export_is_named_safely(ws, tmp_path):
    """Bug: the JSON export put the organ name into the path as typed, so a "/" in it failed with OSError."""
    report = load_report(EXAMPLES / "zhuting-2020.yaml")
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"organ_name": "竹亭镇/党政办"})})
    unit = handlers.create_unit(ws, USER, report).unit
    handlers.draft_unit(ws, USER, unit.id)
    path = handlers.export(ws, USER, unit.id, "json", tmp_path / "e").files[0]
    assert path == tmp_path / "e" / "竹亭镇_党政办2020年政府信息公开工作年度报告.findings.json"
    assert json.loads(path.read_text("utf-8"))["document"]["organ"] == "竹亭镇/党政办"


def test_an_administrator_reviews_and_exports_every_unit(ws, drafted, tmp_path):
    """Bug: an administrator saw every unit but could neither record a decision on another's nor export it."""
    finding = drafted.findings[0]
    with pytest.raises(InputError):
        handlers.decide(ws, "别的镇", drafted.unit.id, [finding.fingerprint], "confirmed", "")
    handlers.decide(ws, "县政务公开办", drafted.unit.id, [finding.fingerprint], "confirmed", "已核", admin=True)
    decision = ws.decisions(drafted.unit.id)[finding.fingerprint]
    assert (decision.decision, decision.comment, decision.user) == ("confirmed", "已核", "县政务公开办")
    path = handlers.export(ws, "县政务公开办", drafted.unit.id, "json", tmp_path, admin=True).files[0]
    assert json.loads(path.read_text("utf-8"))["findings"][0]["review"]["user"] == "县政务公开办"


def test_the_example_loads_from_the_shipped_data(ws):
    view = handlers.load_example(ws, USER)
    assert (view.unit.report.meta.organ_name, view.unit.report.meta.year) == ("袁州区竹亭镇人民政府", 2020)
    assert view.unit.draft is None
    assert view.unit.label == "袁州区竹亭镇人民政府（示例） 2020年度" and view.unit.sandbox
    assert handlers.load_example(ws, USER).unit.id == view.unit.id  # opened again, not a second copy
    own = handlers.create_unit(ws, USER, load_report(EXAMPLES / "zhuting-2020.yaml")).unit  # the real unit apart
    assert own.id != view.unit.id and not own.sandbox


def test_export_tells_the_review_copy_by_its_mark_not_a_word_in_the_name(ws, tmp_path):
    """Bug: any .docx whose name held 审阅 counted as the review copy, so an organ named so could not export."""
    report = completed_zhuting()
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"organ_name": "竹亭镇审阅中心"})})
    unit = handlers.create_unit(ws, USER, report).unit
    handlers.draft_unit(ws, USER, unit.id)
    assert handlers.export(ws, USER, unit.id, "docx", tmp_path / "a").files[0].name == \
        "竹亭镇审阅中心2020年政府信息公开工作年度报告.docx"
    assert handlers.export(ws, USER, unit.id, "review", tmp_path / "b").files[0].name == \
        "竹亭镇审阅中心2020年政府信息公开工作年度报告-审阅稿.docx"


def test_a_finding_is_picked_by_its_number(ws, drafted):
    assert handlers.finding_by_number(drafted, "1") is drafted.findings[0]
    for stale in ("2", "0", "x"):
        with pytest.raises(InputError, match="清单可能已更新"):
            handlers.finding_by_number(drafted, stale)


def test_the_page_lists_the_facts_the_input_lacks_like_the_cli(ws):
    """Bug: the UI re-checked a draft with the rules only, so 〔待补：…〕 facts had a warning in the CLI, not here."""
    report = load_report(EXAMPLES / "zhuting-2020.yaml")
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"website": None})})
    unit = handlers.create_unit(ws, USER, report).unit
    assert [f.rule for f in handlers.open_unit(ws, USER, unit.id).findings] == ["U1"]  # no draft yet
    view = handlers.draft_unit(ws, USER, unit.id)
    assert sorted(f.rule for f in view.findings) == sorted(f.rule for f in draft_report(report)[1]) \
        == ["G1"] * 6 + ["U1"]  # one finding per gap (the outside tester saw each twice, as G1 and D.missing)
    assert [f.message for f in view.findings if f.rule == "G1"][0] == "缺少电子版所在网站，正文中为“〔待补：电子版所在网站〕”"
    assert [f.rule for f in view.findings if "电子版所在网站" in f.message] == ["G1"]


def test_a_workbook_of_several_units_imports_them_all(ws, tmp_path):
    from assistant.workbook.write import write_templates

    [book] = write_templates(tmp_path / "全县.xlsx", version=2021, units=["青石镇人民政府", "白沙乡人民政府"],
                             shape="wide", year=2024)
    views = handlers.prefill_from_file(ws, "县政务公开办", book)
    assert [v.unit.report.meta.organ_name for v in views] == ["青石镇人民政府", "白沙乡人民政府"]
    assert {u.label for u in ws.units("县政务公开办")} == {"青石镇人民政府 2024年度", "白沙乡人民政府 2024年度"}


# --- issue 16: nothing lost silently, start from nothing --------------------------------------------------------

def test_a_new_unit_starts_with_every_cell_zero(ws):
    view = handlers.new_unit(ws, "白沙乡", "白沙乡人民政府", "乡镇", "2024")
    report = view.unit.report
    assert (report.meta.organ_name, report.meta.organ_kind, report.meta.year) == ("白沙乡人民政府", "乡镇", 2024)
    assert handlers.blank_cells(report) == []
    assert report.tables.get("t3.new_received.total") == 0 and report.tables.get("t4.review.total") == 0
    assert not [f for f in view.findings if "空白" in f.message]
    with pytest.raises(InputError, match="已有单位“白沙乡人民政府 2024年度”"):
        handlers.new_unit(ws, "白沙乡", "白沙乡人民政府", "乡镇", "2024")
    with pytest.raises(InputError, match="报告年度应为四位数字的年份，如 2024，实为“二〇二四”"):
        handlers.new_unit(ws, "白沙乡", "白沙乡人民政府", "乡镇", "二〇二四")
    with pytest.raises(InputError, match="请填写机关名称"):
        handlers.new_unit(ws, "白沙乡", " ", "乡镇", "2024")


def test_changing_the_year_never_overwrites_another_unit(ws):
    a = handlers.new_unit(ws, USER, "甲镇人民政府", "乡镇", 2023).unit
    b = handlers.new_unit(ws, USER, "甲镇人民政府", "乡镇", 2024).unit
    moved = a.report.model_copy(update={"meta": a.report.meta.model_copy(update={"year": 2024})})
    with pytest.raises(InputError, match="已有另一个单位“甲镇人民政府 2024年度”，未保存"):
        handlers.save_report(ws, USER, a.id, moved)
    assert ws.get(a.id, USER).year == 2023 and ws.get(b.id, USER).year == 2024
    renamed = a.report.model_copy(update={"meta": a.report.meta.model_copy(update={"year": 2022})})
    assert handlers.save_report(ws, USER, a.id, renamed).unit.id == a.id  # the same unit, moved
    assert sorted(u.year for u in ws.units(USER)) == [2022, 2024]


def test_save_as_next_year_makes_a_new_unit_and_keeps_this_one(ws, drafted):
    view = handlers.save_as_next_year(ws, USER, drafted.unit.id)
    assert view.unit.id != drafted.unit.id and view.unit.year == 2021
    assert view.unit.report.meta.organ_name == "袁州区竹亭镇人民政府"
    assert ws.get(drafted.unit.id, USER).draft is not None  # last year's unit untouched
    with pytest.raises(InputError, match="已有单位"):
        handlers.save_as_next_year(ws, USER, drafted.unit.id)


def test_next_year_starts_at_zero_and_names_what_it_carried_over(ws):
    from assistant.ui.grids import apply_cell_changes

    unit = handlers.new_unit(ws, USER, "白沙乡人民政府", "乡镇", 2024).unit
    figures = {"t3.new_received.natural_person": 2, "t3.granted.natural_person": 1,
               "t3.carried_forward.natural_person": 1, "t2.normative_docs.in_force": 40}
    ws.update_report(unit.id, apply_cell_changes(unit.report, figures))
    nxt = handlers.save_as_next_year(ws, USER, unit.id).unit
    assert handlers.blank_cells(nxt.report) == []
    carried = handlers.carried_from_last_year(ws, nxt)
    assert carried == ["t3.carried_over.natural_person", "t3.carried_over.commercial_enterprise",
                       "t3.carried_over.research_institution", "t3.carried_over.public_welfare_org",
                       "t3.carried_over.legal_service_org", "t3.carried_over.other_org", "t3.carried_over.total",
                       "t2.rules.in_force", "t2.normative_docs.in_force"]
    assert [nxt.report.tables.get(p) for p in ("t3.carried_over.natural_person", "t2.normative_docs.in_force",
                                                "t3.new_received.natural_person", "t2.normative_docs.issued")] == [
        1, 40, 0, 0]
    assert handlers.carried_note(nxt.report, carried) == (
        "从上年带入（黄色底纹，请核对）：表三“上年结转”（取上年“结转下年度继续办理”）；"
        "表二“第二十条第（一）项 规章「现行有效件数」”（取上年数，本年有制发、废止的请相应增减）；"
        "表二“第二十条第（一）项 行政规范性文件「现行有效件数」”（取上年数，本年有制发、废止的请相应增减）。"
        "其余数字从 0 开始，只需填写不为 0 的数字。")
    edited = apply_cell_changes(nxt.report, {"t2.normative_docs.in_force": 41})  # the clerk corrects it
    ws.update_report(nxt.id, edited)
    assert "t2.normative_docs.in_force" not in handlers.carried_from_last_year(ws, ws.get(nxt.id, USER))


def test_a_download_address_serves_only_its_user(tmp_path):
    from assistant.ui.downloads import PREFIX, links_html, offer, offered

    file = tmp_path / "报告.docx"
    file.write_bytes(b"x")
    address = offer(file, USER)
    token = address.removeprefix(PREFIX)
    assert str(tmp_path) not in address
    assert offered(token, USER, anyone=False) == file
    assert offered(token, "别的镇", anyone=False) is None and offered(token, None, anyone=False) is None
    assert offered("猜的", USER, anyone=False) is None
    box = links_html([file], USER, "下载")
    assert str(tmp_path) not in box and "报告.docx" in box
    file.unlink()
    assert offered(token, USER, anyone=False) is None  # swept: gone


def test_delete_by_owner_or_admin_only(ws, drafted):
    with pytest.raises(InputError):
        handlers.delete_unit(ws, "别的镇", drafted.unit.id)
    assert handlers.delete_unit(ws, "县政务公开办", drafted.unit.id, admin=True) == "袁州区竹亭镇人民政府 2020年度"
    assert ws.units(USER) == []


def test_reload_reopens_the_unit_last_worked_on(ws):
    a = handlers.new_unit(ws, USER, "甲镇人民政府", "乡镇", 2024).unit
    handlers.new_unit(ws, USER, "乙镇人民政府", "乡镇", 2024)
    handlers.open_unit(ws, USER, a.id)
    assert handlers.reopen_last(ws, USER).unit.id == a.id


def test_last_years_report_imports_for_next_year_without_blank_cells(ws, tmp_path):
    """Bug: importing last year's report left about 160 blank cells; a new year starts at 0 like a new unit."""
    doc, findings = draft_report(load_report(EXAMPLES / "sample-town-2024.yaml"))
    word = [p for p in write_outputs(doc, findings, tmp_path) if p.suffix == ".docx"][0]
    [view] = handlers.prefill_from_file(ws, "青石镇", word)
    assert handlers.blank_cells(view.unit.report) == []
    assert view.unit.report.tables.get("t3.carried_over.natural_person") == 1  # last year's 结转下年度
    assert view.unit.report.tables.get("t3.new_received.natural_person") == 0


def test_blanks_of_an_import_fill_with_zero_in_one_action(ws, tmp_path):
    import yaml

    data = yaml.safe_load((EXAMPLES / "sample-town-2024.yaml").read_text(encoding="utf-8"))
    data["tables"]["t3"]["granted"] = dict.fromkeys(data["tables"]["t3"]["granted"])  # a row the source left blank
    data["tables"]["t3"]["carried_over"]["natural_person"] = 1
    source = tmp_path / "青石镇2024.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    [view] = handlers.prefill_from_file(ws, "青石镇", source)
    blanks = handlers.blank_cells(view.unit.report)
    assert blanks == [f"t3.granted.{key}" for key in data["tables"]["t3"]["granted"] if key != "total"]
    filled, n = handlers.fill_blanks_with_zero(ws, "青石镇", view.unit.id)
    assert n == len(blanks) and handlers.blank_cells(filled.unit.report) == []
    assert filled.unit.report.tables.get("t3.carried_over.natural_person") == 1  # a figure stays


def test_redraft_keeps_every_replaced_text_in_the_history(ws, drafted):
    unit_id = drafted.unit.id
    assert handlers.edited_parts(ws, drafted.unit) == []
    texts = handlers.section_texts(drafted.unit.draft)
    texts[5] = "我镇将加强培训。"
    assert handlers.edited_parts(ws, drafted.unit, texts) == ["五、存在的主要问题及改进情况"]
    view = handlers.save_sections(ws, USER, unit_id, texts)
    assert handlers.edited_parts(ws, view.unit) == ["五、存在的主要问题及改进情况"]
    again = handlers.draft_unit(ws, USER, unit_id)
    assert handlers.section_texts(again.unit.draft)[5] != "我镇将加强培训。"
    versions = ws.versions(unit_id, 5)
    assert [v.source for v in versions] == ["起草", "手工修改", "起草"]
    assert versions[1].text == "我镇将加强培训。"
    restored = handlers.restore_version(ws, USER, unit_id, 5, versions[1].id)
    assert handlers.section_texts(restored.unit.draft)[5] == "我镇将加强培训。"
    assert ws.versions(unit_id, 5)[0].source == "恢复"


def test_a_dismissed_error_with_a_reason_no_longer_blocks_export(ws, drafted, tmp_path):
    texts = handlers.section_texts(drafted.unit.draft)
    texts[1] = texts[1].replace("本镇共收到政府信息公开申请1件", "本镇共收到政府信息公开申请3件")
    view = handlers.save_sections(ws, USER, drafted.unit.id, texts)
    error = next(f for f in view.findings if f.severity == "error")
    with pytest.raises(InputError, match="驳回需要填写理由"):
        handlers.decide(ws, USER, view.unit.id, [error.fingerprint], "dismissed", " ")
    handlers.decide(ws, USER, view.unit.id, [error.fingerprint], "confirmed", "")
    handlers.decide(ws, "县政务公开办", view.unit.id, [error.fingerprint], "dismissed", "含上年结转2件，已核实",
                    admin=True)
    exported = handlers.export(ws, USER, view.unit.id, "docx", tmp_path / "a")
    assert exported.final and [p.name for p in exported.files] == [f"{STEM}.docx"]
    data = json.loads(handlers.export(ws, USER, view.unit.id, "json", tmp_path / "b").files[0].read_text("utf-8"))
    review = next(f["review"] for f in data["findings"] if f["fingerprint"] == error.fingerprint)
    assert (review["decision"], review["comment"], review["user"]) == ("dismissed", "含上年结转2件，已核实", "县政务公开办")
    assert [(h["decision"], h["user"]) for h in review["history"]] == [("confirmed", USER),
                                                                       ("dismissed", "县政务公开办")]
    assert review["decided"][:4].isdigit()
    copy = handlers.export(ws, USER, view.unit.id, "review", tmp_path / "c").files[0]
    [comment] = [c.text for c in WordDocument(str(copy)).comments if "C1" in c.text]
    when = [h["decided"][:16].replace("T", " ") for h in review["history"]]
    assert comment.splitlines()[-2:] == [f"复核：{when[0]} {USER}：已确认",
                                         f"复核：{when[1]} 县政务公开办：已驳回，理由：含上年结转2件，已核实"]


def test_findings_name_the_form_field_not_a_file_path(ws):
    view = handlers.new_unit(ws, USER, "甲镇人民政府", "乡镇", 2024)
    view = handlers.draft_unit(ws, USER, view.unit.id)
    rows = handlers.findings_table(ws, view.unit, view.findings)
    advice = " ".join(r[4] for r in rows)  # 建议
    assert "other_figures" not in advice and "输入文件" not in advice and "notes." not in advice
    assert "在“基本信息与表格”页的“本年收取信息处理费（元）”中填写" in advice
    assert "在“起草”页的“主动公开”中填写后重新起草" in advice
    # what a save fills into the draft needs no new draft (clerk test)
    assert "在“基本信息与表格”页的“电话”中填写并保存（正文中的待补处随即填入），或在定稿前补写" in advice
    assert "“电话”中填写后重新起草" not in advice


def test_admin_overview_lists_every_unit_with_status(ws, drafted):
    handlers.new_unit(ws, "白沙乡", "白沙乡人民政府", "乡镇", 2024)
    rows = {r[1]: r for r in handlers.overview_rows(ws)}
    assert rows["袁州区竹亭镇人民政府"][2:6] == [2020, USER, "可导出", 0]
    assert rows["白沙乡人民政府"][2:5] == [2024, "白沙乡", "未起草"]


def test_an_administrator_drafts_another_users_unit(ws):
    unit = handlers.new_unit(ws, "白沙乡", "白沙乡人民政府", "乡镇", 2024).unit
    with pytest.raises(InputError):
        handlers.draft_unit(ws, "别的镇", unit.id)
    view = handlers.draft_unit(ws, "县政务公开办", unit.id, admin=True)
    assert view.unit.draft is not None and view.unit.owner == "白沙乡"


def test_an_import_stores_no_unit_when_one_of_them_would_not_read_back(ws, tmp_path, monkeypatch):
    import assistant.workbook.read as xlsx_reader

    good = completed_zhuting()
    too_big = good.model_copy(deep=True)
    too_big.meta.organ_name = "乙镇人民政府"
    too_big.tables.set("t3.new_received.natural_person", 10**10)  # assigned past validation
    monkeypatch.setattr(xlsx_reader, "load_workbook_reports", lambda _path: [good, too_big])
    with pytest.raises(InputError) as caught:
        handlers.prefill_from_file(ws, USER, tmp_path / "全县.xlsx")
    assert str(caught.value) == ("无法保存：单位数据有误\n"
                                 "  - 表格·表三 收到和处理政府信息公开申请情况·一、本年新收政府信息公开申请数量·自然人：超出允许范围（不超过 1000000000），实为 10000000000")
    assert ws.units(USER) == [] and ws.unreadable(USER) == []


def test_a_new_units_year_is_last_year_until_october_then_the_year_now_ending() -> None:
    """Bug: in December 新建单位 offered last calendar year, though the clerk is writing the report for this year."""
    from datetime import date

    assert handlers.default_report_year(date(2026, 12, 7)) == 2026
    assert handlers.default_report_year(date(2026, 11, 1)) == 2026
    assert handlers.default_report_year(date(2026, 10, 31)) == 2025
    assert handlers.default_report_year(date(2027, 1, 15)) == 2026


def test_a_table_finding_names_its_cell_once(ws):
    """Clerk test: the 问题 column began with the cell the 位置 column had just named ("表二 …「本年制发件数」" twice)."""
    from assistant.model import Report

    data = handlers.new_unit(ws, USER, "白沙乡人民政府", "乡镇", 2024).unit.report.model_dump(mode="json")
    data["tables"]["t2"]["normative_docs"]["issued"] = 3
    data["tables"]["t3"]["new_received"]["natural_person"] = None
    data["tables"]["t3"]["new_received"]["commercial_enterprise"] = None
    view = handlers.save_report(ws, USER, ws.units(USER)[0].id, Report.model_validate(data))
    rows = [row[2:4] for row in handlers.findings_table(ws, view.unit, view.findings)]  # 位置, 问题
    assert rows == [
        ["表三 一、本年新收政府信息公开申请数量", "「自然人」「商业企业」为空白"],  # two cells of one row: the row once
        ["表二 第二十条第（一）项 行政规范性文件「本年制发件数」", "此格为3，超过现行有效件数0与本年废止件数0之和"],
    ]
    assert handlers.place_and_problem("第三部分 第2段", "文中“3件”与表三不符") == ("第三部分 第2段", "文中“3件”与表三不符")
    # the finding's detail names the cell before it says “此格…” (clerk test 2: the 位置 came after it)
    cell_finding = next(f for f in view.findings if f.location.cell == "t2.normative_docs.issued")
    assert handlers.finding_context(view.unit, cell_finding).startswith(
        "<p>位置：表二 第二十条第（一）项 行政规范性文件「本年制发件数」</p><p><b>此格为3，超过现行有效件数0与本年废止件数0之和</b></p>")


def test_the_address_phone_website_and_date_typed_after_drafting_fill_the_drafts_gaps(ws):
    """Clerk test: the phone typed into the form after drafting left 〔待补：联系电话〕 in the text (an error that blocks
    the final document) until the clerk found and replaced it by hand; a corrected 落款日期 never reached the 落款."""
    from datetime import date

    unit = handlers.create_unit(ws, USER, completed_zhuting()).unit
    meta = unit.report.meta
    without = meta.model_copy(update={"contact": meta.contact.model_copy(update={"phone": None})})
    handlers.save_report(ws, USER, unit.id, unit.report.model_copy(update={"meta": without}))
    drafted = handlers.draft_unit(ws, USER, unit.id)
    assert "电话：〔待补：联系电话〕）" in handlers.section_texts(drafted.unit.draft)[0]
    assert handlers.fill_gaps_from_form(ws, USER, unit.id) == []  # nothing known yet: the draft stays as it is

    given = meta.model_copy(update={"sign_date": date(2021, 1, 25)})
    handlers.save_report(ws, USER, unit.id, unit.report.model_copy(update={"meta": given}))
    assert handlers.fill_gaps_from_form(ws, USER, unit.id) == ["〔待补：联系电话〕", "落款日期"]
    view = handlers.open_unit(ws, USER, unit.id)
    head = handlers.section_texts(view.unit.draft)[0]
    assert f"电话：{meta.contact.phone}）" in head and "〔待补" not in head
    assert view.unit.draft.closing[-1] == "2021年1月25日"
    assert [v.source for v in ws.versions(unit.id, 0)][:2] == ["填入基本信息", "起草"]
    assert not [f for f in view.findings if "联系电话" in f.message]


def test_a_note_pasted_far_beyond_a_real_report_is_said_when_saved():
    """Clerk test 2: a 204,000-character note of one sentence in 其他事项 was saved and drafted without a word."""
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    assert handlers.pasted_notes_note(report) == ""
    pasted = report.model_copy(update={"notes": report.notes.model_copy(
        update={"other": ["本单位全年未收取任何信息处理费用。" * 12_000]})})
    assert handlers.pasted_notes_note(pasted) == (
        "请检查简要情况：“其他事项”长达204,000字，远超一般年度报告一个部分的篇幅（真实报告最长的部分约3,800字），"
        "可能粘贴了多余的内容；“其他事项”中“本单位全年未收取任何信息处理费用。”这句话重复了12000次，可能是粘贴出错。")


def test_the_draft_message_and_the_finding_count_a_pasted_sentence_alike():
    """Clerk re-test: 起草 said "重复了6666次" of a pasted 其他事项 and S11's finding on the draft "6665次" (the draft opens
    the first occurrence with "关于建议提案办理，"). Both count occurrences: every time the sentence stands in the text."""
    from assistant.rules.structure import pasted_too_much_in
    from tests.test_template_drafter import draft_of

    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    sentence = "本镇办理人大代表建议和政协委员提案情况良好，已全部按期答复。"
    pasted = report.model_copy(update={"notes": report.notes.model_copy(
        update={"other": [(sentence * 30)[:500]]})})  # 16 whole sentences and the start of a 17th
    said = "“其他事项”中“本镇办理人大代表建议和政协委员提案情况良好，已全部按期答复。”这句话重复了16次，可能是粘贴出错"
    assert handlers.pasted_notes_note(pasted) == f"请检查简要情况：{said}。"
    other = draft_of(pasted).section("other")
    assert any(p.startswith("关于建议提案办理，" + sentence) for p in other.paragraphs)  # type: ignore[union-attr]
    assert [hit.message for hit in pasted_too_much_in("其他事项", "other", other.paragraphs)] == [said]  # type: ignore[union-attr]
