"""The UI's chat panel against the loopback model: described figures become a proposal that changes the tables
only when the user confirms; without a model the chat says so plainly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.readers.inputfile import load_report
from assistant.ui.chat import NO_MODEL, reply, undo_last
from assistant.ui.workspace import Workspace
from tests.conftest import EXAMPLES
from tests.fake_llm_server import fake_llm_server

PROPOSED = {
    "t3.new_received.natural_person": 3, "t3.carried_over.natural_person": 1, "t3.granted.natural_person": 2,
    "t3.unable_not_held.natural_person": 1, "t3.carried_forward.natural_person": 1,
}
MESSAGE = "今年收到3件申请，2件予以公开，1件本机关不掌握，上年结转1件，结转下年度1件"


pytestmark = pytest.mark.usefixtures("loopback_model_env")


def _unit(tmp_path: Path) -> tuple[Workspace, int]:
    ws = Workspace(tmp_path / "ws")
    return ws, ws.save_report("甲镇", load_report(EXAMPLES / "zhuting-2020.yaml")).id


def test_without_a_model_the_chat_says_so(tmp_path):
    ws, unit_id = _unit(tmp_path)
    assert reply(ws, "甲镇", unit_id, MESSAGE) == NO_MODEL
    # a clerk cannot set the server's settings: what works without a model, and who can add one (clerk test)
    assert NO_MODEL == ("还没有配置语言模型，对话修改暂时不能用。不用模型也能完成年报：点“起草”用模板起草正文，系统会自动校核；"
                        "再在各部分的文字框里手工修改，点“保存修改并重新校核”。如需使用语言模型，请联系系统管理员配置。")
    assert ws.pending_proposal(unit_id) is None


def test_described_figures_apply_only_on_confirmation(tmp_path, monkeypatch):
    ws, unit_id = _unit(tmp_path)
    answer = {"content": json.dumps({"changes": PROPOSED}, ensure_ascii=False)}
    with fake_llm_server(lambda body: answer) as (url, log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
        monkeypatch.setenv("NIANBAO_LLM_API_KEY", "sk-test")
        text = reply(ws, "甲镇", unit_id, MESSAGE)
        assert text.startswith("拟修改以下单元格：\n表三 一、本年新收政府信息公开申请数量「自然人」：1 → 3")
        assert text.endswith("回复“确认”应用以上修改，回复“取消”放弃。")
        unit = ws.get(unit_id, "甲镇")
        assert unit is not None and unit.report.tables.get("t3.new_received.total") == 1  # nothing applied yet
        assert ws.pending_proposal(unit_id) == PROPOSED

        assert reply(ws, "甲镇", unit_id, "确认") == "已应用 5 处修改，表格中已显示。正文中的数字要重新起草后才会更新。"
        unit = ws.get(unit_id, "甲镇")
        assert unit is not None
        tables = unit.report.tables
        assert [tables.get(f"t3.{row}.total") for row in ("new_received", "carried_over", "granted",
                                                           "unable_not_held", "result_total", "carried_forward")] \
            == [3, 1, 2, 1, 3, 1]
        assert ws.pending_proposal(unit_id) is None

        reply(ws, "甲镇", unit_id, "今年收到5件申请")
        assert reply(ws, "甲镇", unit_id, "取消") == "已放弃这组修改，表格未改变。"
        unit = ws.get(unit_id, "甲镇")
        assert unit is not None and unit.report.tables.get("t3.new_received.total") == 3
        assert log.chat_calls == 2

        # the confirmed changes can be undone: the cells get their former values back
        assert undo_last(ws, "甲镇", unit) == "已撤销对话的上一次修改：5 个单元格已恢复原值"
        unit = ws.get(unit_id, "甲镇")
        assert unit is not None
        assert [unit.report.tables.get(f"t3.{row}.total") for row in ("new_received", "carried_over", "granted",
                                                                      "carried_forward")] == [1, 0, 0, 0]
        with pytest.raises(InputError, match="对话还没有做过可撤销的修改"):
            undo_last(ws, "甲镇", unit)


def test_another_users_unit_is_not_reachable(tmp_path):
    ws, unit_id = _unit(tmp_path)
    assert reply(ws, "乙镇", unit_id, MESSAGE) == "找不到这个单位。"


def test_a_chat_revision_is_kept_as_a_version_and_can_be_undone(tmp_path, monkeypatch):
    from assistant.ui import handlers
    from tests.browser import ADDED, revising_model

    ws, unit_id = _unit(tmp_path)
    drafted = handlers.draft_unit(ws, "甲镇", unit_id)
    before = handlers.section_texts(drafted.unit.draft)
    with fake_llm_server(revising_model) as (url, _log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
        monkeypatch.setenv("NIANBAO_LLM_API_KEY", "sk-test")
        assert reply(ws, "甲镇", unit_id, "第五部分写得具体一些") == "已按要求修改“五、存在的主要问题及改进情况”。"
    unit = ws.get(unit_id, "甲镇")
    assert unit is not None
    revised = handlers.section_texts(unit.draft)
    assert revised[5] == before[5] + ADDED and revised[:5] == before[:5]
    assert ws.versions(unit_id, 5)[0].source == "对话修改"
    assert undo_last(ws, "甲镇", unit) == "已撤销对话的上一次修改：正文已恢复"
    again = ws.get(unit_id, "甲镇")
    assert again is not None and handlers.section_texts(again.draft) == before


def test_a_confirmed_change_that_leaves_errors_says_so_in_the_reply(tmp_path, monkeypatch):
    """Issue 16 retest: after 确认, the errors the change brought (the table no longer adds up, the text still
    giving the old figure) were only in 问题清单; the reply now names them."""
    from assistant.ui.handlers import draft_unit

    ws, unit_id = _unit(tmp_path)
    draft_unit(ws, "甲镇", unit_id)
    answer = {"content": json.dumps({"changes": {"t3.new_received.natural_person": 3}}, ensure_ascii=False)}
    with fake_llm_server(lambda body: answer) as (url, _log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
        monkeypatch.setenv("NIANBAO_LLM_API_KEY", "sk-test")
        reply(ws, "甲镇", unit_id, "今年收到3件申请")
        text = reply(ws, "甲镇", unit_id, "确认")
    assert text.splitlines() == [
        "已应用 1 处修改，表格中已显示。正文中的数字要重新起草后才会更新。",
        "注意：修改后有3项错误（也列在“问题清单”中）：",
        "· 表三 （七）总计「自然人」：表三「自然人」列：本年新收3＋上年结转0＝3，而办理结果总计1＋结转下年度0＝1——"
        "第一项加第二项之和应等于第三项加第四项之和，核对这四个数",
        "· 表三 （七）总计「总计」：表三「总计」列：本年新收3＋上年结转0＝3，而办理结果总计1＋结转下年度0＝1——"
        "第一项加第二项之和应等于第三项加第四项之和，核对这四个数",
        "· 一、总体情况 第5段：正文“本镇共收到政府信息公开申请1件”与表格不符：表三 一、本年新收政府信息公开申请数量「总计」为3件——"
        "核对后将正文改为3件，或改正表格"]


def test_drafting_with_the_model_unconfigured_says_what_to_do_in_plain_words(tmp_path):
    """Clerk test: choosing 语言模型 without a model answered with server settings and a command-line option."""
    from assistant.ui.handlers import draft_unit

    ws, unit_id = _unit(tmp_path)
    with pytest.raises(InputError) as refused:
        draft_unit(ws, "甲镇", unit_id, "llm")
    assert str(refused.value) == ("还没有配置语言模型，不能用模型起草，请选“模板（离线）”。不用模型也能完成年报：点“起草”用模板起草正文，"
                                  "系统会自动校核；再在各部分的文字框里手工修改，点“保存修改并重新校核”。如需使用语言模型，请联系系统管理员配置。")
    assert ws.get(unit_id, "甲镇").draft is None
