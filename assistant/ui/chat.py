"""The chat panel: revise a section, or describe the year in words and get proposed table changes.

Nothing in the tables changes until the user confirms a proposal ("确认"); "取消" discards it.
Without a configured model the chat says so plainly; everything else in the UI works.
Every change the chat makes can be undone: a text revision is kept in the version history (source 对话修改), and
confirmed table changes leave the cells' former values to put back (:func:`undo_last`).
"""

from __future__ import annotations

from typing import Any

from assistant.errors import InputError
from assistant.ui.workspace import Unit, Workspace

CHAT_SOURCE = "对话修改"

# What a clerk reads when no model is configured: what works without one, and who can add one. A clerk cannot set the
# server's settings, so their names are in the README (the administrator's part), not here.
WITHOUT_MODEL = ("不用模型也能完成年报：点“起草”用模板起草正文，系统会自动校核；再在各部分的文字框里手工修改，"
                 "点“保存修改并重新校核”。如需使用语言模型，请联系系统管理员配置。")
NO_MODEL = "还没有配置语言模型，对话修改暂时不能用。" + WITHOUT_MODEL
NO_MODEL_FOR_DRAFT = "还没有配置语言模型，不能用模型起草，请选“模板（离线）”。" + WITHOUT_MODEL
CONFIRM_WORDS = ("确认", "确定", "应用", "是")
CANCEL_WORDS = ("取消", "不要", "放弃", "否")


def model_configured() -> bool:
    from assistant.config import load_settings

    return load_settings().configured


def reply(ws: Workspace, user: str, unit_id: Any, message: str, admin: bool = False) -> str:
    """Answer one chat message for the user's unit (an administrator's for any unit)."""
    message = (message or "").strip()
    if not message:
        return "请输入要修改的内容。"
    if not unit_id:
        return "请先新建或选择一个单位。"
    unit = ws.get(int(unit_id), user, admin)
    if unit is None:
        return "找不到这个单位。"
    pending = ws.pending_proposal(unit.id)
    if pending is not None and message in CONFIRM_WORDS:
        return apply_proposal(ws, user, unit.id, admin)
    if pending is not None and message in CANCEL_WORDS:
        ws.set_proposal(unit.id, None)
        return "已放弃这组修改，表格未改变。"
    if not model_configured():
        return NO_MODEL
    from assistant.drafting.chat import ChatModelError, interpret

    try:
        outcome = interpret(unit.report, unit.draft, message)
    except ChatModelError as exc:
        return f"模型暂时无法回答：{exc}。表格和正文未改变。"
    if outcome.draft is None and outcome.kept and "原因" not in outcome.text:
        from assistant.drafting.chat import _reason

        outcome.text = outcome.text.rstrip("。") + f"。原因：{_reason(outcome.kept[0])}"  # what the firewall found
    if outcome.proposal is not None:
        ws.set_proposal(unit.id, outcome.proposal)
        return outcome.text + "\n\n回复“确认”应用以上修改，回复“取消”放弃。"
    if outcome.draft is not None:
        from assistant.ui.handlers import section_texts

        before, after = section_texts(unit.draft), section_texts(outcome.draft)
        ws.add_versions(unit.id, {i: t for i, t in enumerate(before) if t.strip()}, "对话修改前的版本", user)
        ws.save_draft(unit.id, outcome.draft)
        ws.add_versions(unit.id, {i: t for i, (b, t) in enumerate(zip(before, after, strict=False)) if b != t},
                        CHAT_SOURCE, user)
        ws.set_undo(unit.id, {"texts": before})
    return outcome.text


def apply_proposal(ws: Workspace, user: str, unit_id: int, admin: bool = False) -> str:
    from assistant.ui.grids import apply_cell_changes

    unit = ws.get(unit_id, user, admin)
    proposal = ws.pending_proposal(unit_id)
    if unit is None or proposal is None:
        return "没有待确认的修改。"
    try:
        report = apply_cell_changes(unit.report, proposal)
    except InputError as exc:
        ws.set_proposal(unit_id, None)
        return f"这组修改无法应用：{exc}"
    changed = ws.update_report(unit.id, report)
    ws.set_proposal(unit_id, None)
    ws.set_undo(unit.id, {"cells": {path: unit.report.tables.get(path) for path in proposal}})
    text = f"已应用 {len(proposal)} 处修改，表格中已显示。正文中的数字要重新起草后才会更新。"
    return text + new_errors_note(unit, changed)


def new_errors_note(before: Unit, after: Unit) -> str:
    """The errors a confirmed change brings (the table no longer adds up, the text no longer agrees with a figure),
    one line each, so the reply says so and not only the 问题清单."""
    from assistant.ui.handlers import blocking_items, unit_findings

    known = {f.fingerprint for f in unit_findings(before) if f.severity == "error"}
    new = [f for f in unit_findings(after) if f.severity == "error" and f.fingerprint not in known]
    if not new:
        return ""
    items = "\n".join(f"· {line}" for line in blocking_items(after, new))
    return f"\n注意：修改后有{len(new)}项错误（也列在“问题清单”中）：\n{items}"


def undo_last(ws: Workspace, user: str, unit: Unit) -> str:
    """Put back what the chat's last change replaced: the draft's texts, or the table cells' former values."""
    from assistant.ui.grids import apply_cell_changes
    from assistant.ui.handlers import draft_with_texts

    undo = ws.pending_undo(unit.id)
    if undo is None:
        raise InputError("对话还没有做过可撤销的修改")
    if "texts" in undo and unit.draft is not None:
        draft = draft_with_texts(unit.draft, list(undo["texts"]))
        ws.save_draft(unit.id, draft)
        ws.add_versions(unit.id, dict(enumerate(undo["texts"])), "撤销对话修改", user)
        message = "已撤销对话的上一次修改：正文已恢复"
    else:
        report = apply_cell_changes(unit.report, dict(undo.get("cells", {})))
        ws.update_report(unit.id, report)
        message = f"已撤销对话的上一次修改：{len(undo.get('cells', {}))} 个单元格已恢复原值"
    ws.set_undo(unit.id, None)
    return message
