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
    assert texts[0].startswith("袁州区竹亭镇人民政府2020年政府信息公开工作年度报告\n本报告依据《中华人民共和国政府信息"
                               "公开条例》")
    assert "2020年度，本镇共收到政府信息公开申请1件，申请人为自然人，没有上年结转的申请。因本机关不掌握相关政府信息无法" \
           "提供1件，没有结转下年度继续办理的申请。" in texts[1]
    assert [(f.rule, f.severity) for f in drafted.findings] == [("U1", "warning")]


def test_a_decision_survives_a_redraft(ws, drafted):
    finding = drafted.findings[0]
    handlers.decide(ws, USER, drafted.unit.id, [finding.fingerprint], "dismissed", "原表未注明单位，已核实为元")
    again = handlers.draft_unit(ws, USER, drafted.unit.id)
    rows = handlers.findings_table(ws, again.unit, again.findings)
    assert rows[0][3] == "U1"
    assert rows[0][6:8] == ["已驳回", "原表未注明单位，已核实为元"]


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


def test_export_is_gated_like_the_cli(ws, drafted, tmp_path):
    path = handlers.export(ws, USER, drafted.unit.id, "docx", tmp_path / "a")
    assert path.name == "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告.docx"
    texts = handlers.section_texts(drafted.unit.draft)
    texts[1] = texts[1].replace("本镇共收到政府信息公开申请1件", "本镇共收到政府信息公开申请3件")
    handlers.save_sections(ws, USER, drafted.unit.id, texts)
    with pytest.raises(InputError) as err:
        handlers.export(ws, USER, drafted.unit.id, "docx", tmp_path / "b")
    assert "仍有错误未改正" in str(err.value)
    review = handlers.export(ws, USER, drafted.unit.id, "review", tmp_path / "c")
    assert review.name.endswith("-草稿-审阅稿.docx")
    assert len(WordDocument(str(review)).comments) >= 1
    findings = json.loads(handlers.export(ws, USER, drafted.unit.id, "json", tmp_path / "d").read_text("utf-8"))
    assert any(f["rule"] == "C1" and f["expected"] == 1 and f["found"] == 3 for f in findings["findings"])


def test_prefill_from_last_years_word_report(ws, tmp_path):
    doc, findings = draft_report(load_report(EXAMPLES / "sample-town-2024.yaml"))
    word = [p for p in write_outputs(doc, findings, tmp_path) if p.suffix == ".docx"][0]
    [view] = handlers.prefill_from_file(ws, "青石镇", word)
    report = view.unit.report
    assert (report.meta.organ_name, report.meta.year) == ("示范县青石镇人民政府", 2025)
    assert report.tables.get("t3.carried_over.natural_person") == 1  # last year's 结转下年度
    assert view.unit.draft is None


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
    path = handlers.export(ws, USER, unit.id, "json", tmp_path / "e")
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
    path = handlers.export(ws, "县政务公开办", drafted.unit.id, "json", tmp_path, admin=True)
    assert json.loads(path.read_text("utf-8"))["findings"][0]["review"]["user"] == "县政务公开办"


def test_the_example_loads_from_the_shipped_data(ws):
    view = handlers.load_example(ws, USER)
    assert (view.unit.report.meta.organ_name, view.unit.report.meta.year) == ("袁州区竹亭镇人民政府", 2020)
    assert view.unit.draft is None


def test_export_tells_the_review_copy_by_its_mark_not_a_word_in_the_name(ws, tmp_path):
    """Bug: any .docx whose name held 审阅 counted as the review copy, so an organ named so could not export."""
    report = completed_zhuting()
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"organ_name": "竹亭镇审阅中心"})})
    unit = handlers.create_unit(ws, USER, report).unit
    handlers.draft_unit(ws, USER, unit.id)
    assert handlers.export(ws, USER, unit.id, "docx", tmp_path / "a").name == \
        "竹亭镇审阅中心2020年政府信息公开工作年度报告.docx"
    assert handlers.export(ws, USER, unit.id, "review", tmp_path / "b").name == \
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
        == ["D.missing"] * 5 + ["G1"] * 5 + ["U1"]
    assert [f.message for f in view.findings if f.rule == "G1"][0] == "缺少电子版所在网站，正文中为“〔待补：电子版所在网站〕”"
    assert "〔待补：电子版所在网站〕" in next(f.message for f in view.findings if f.rule == "D.missing")


def test_a_workbook_of_several_units_imports_them_all(ws, tmp_path):
    from assistant.xlsx_template import write_templates

    [book] = write_templates(tmp_path / "全县.xlsx", version=2021, units=["青石镇人民政府", "白沙乡人民政府"],
                             shape="wide", year=2024)
    views = handlers.prefill_from_file(ws, "县政务公开办", book)
    assert [v.unit.report.meta.organ_name for v in views] == ["青石镇人民政府", "白沙乡人民政府"]
    assert {u.label for u in ws.units("县政务公开办")} == {"青石镇人民政府 2024年度", "白沙乡人民政府 2024年度"}
