"""The chat panel: revise a section, or describe the year in words and get proposed table changes.

Nothing in the tables changes until the user confirms a proposal ("确认"); "取消" discards it.
Without a configured model the chat says so plainly; everything else in the UI works.
"""

from __future__ import annotations

from typing import Any

from assistant.errors import InputError
from assistant.ui.workspace import Workspace

NO_MODEL = ("未配置语言模型，对话功能不可用。表格填写、起草（模板）、校核和导出都可以正常使用。"
            "如需对话修改，请设置 NIANBAO_LLM_BASE_URL、NIANBAO_LLM_MODEL 和 NIANBAO_LLM_API_KEY 后重启。")
CONFIRM_WORDS = ("确认", "确定", "应用", "是")
CANCEL_WORDS = ("取消", "不要", "放弃", "否")


def model_configured() -> bool:
    from assistant.config import load_settings

    return load_settings().configured


def reply(ws: Workspace, user: str, unit_id: Any, message: str) -> str:
    """Answer one chat message for the user's unit."""
    message = (message or "").strip()
    if not message:
        return "请输入要修改的内容。"
    if not unit_id:
        return "请先新建或选择一个单位。"
    unit = ws.get(int(unit_id), user)
    if unit is None:
        return "找不到这个单位。"
    pending = ws.pending_proposal(unit.id)
    if pending is not None and message in CONFIRM_WORDS:
        return apply_proposal(ws, user, unit.id)
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
    if outcome.proposal is not None:
        ws.set_proposal(unit.id, outcome.proposal)
        return outcome.text + "\n\n回复“确认”应用以上修改，回复“取消”放弃。"
    if outcome.draft is not None:
        ws.save_draft(unit.id, outcome.draft)
    return outcome.text


def apply_proposal(ws: Workspace, user: str, unit_id: int) -> str:
    from assistant.ui.grids import apply_cell_changes

    unit = ws.get(unit_id, user)
    proposal = ws.pending_proposal(unit_id)
    if unit is None or proposal is None:
        return "没有待确认的修改。"
    try:
        report = apply_cell_changes(unit.report, proposal)
    except InputError as exc:
        ws.set_proposal(unit_id, None)
        return f"这组修改无法应用：{exc}"
    ws.save_report(user, report)
    ws.set_proposal(unit_id, None)
    return f"已应用 {len(proposal)} 处修改。请在“基本信息与表格”中查看，并重新起草或校核。"
