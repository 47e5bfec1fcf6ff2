"""Chat with the model about one report: revise a named section, or turn figures said in words into table changes.

A revision goes through the same firewall, placeholders, text rules and repair loop as drafting; a paragraph the model
cannot get right keeps its current text. The reply says "已按要求修改" only when the text changed and passed; otherwise
it says plainly that nothing was saved. Table changes are only proposed: the caller asks the user to confirm them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from assistant.config import Settings, load_settings
from assistant.drafting.firewall import final_text_defects, instruction_lines
from assistant.drafting.llm import (
    DRAFTED_SECTIONS,
    SECTION_NAMES,
    ChatSession,
    LLMUnavailable,
    ReplyError,
    prompt_context,
    prompt_hash,
    prompts,
    shape_section,
)
from assistant.drafting.repair import SectionJob, repair_section, template_paragraphs, with_section
from assistant.facts import FactSheet
from assistant.formats import report_sections
from assistant.headings import infer_key
from assistant.model import Draft, Report
from assistant.numbering import cn_number
from assistant.patterns import lazy_compile
from assistant.rules import all_rules

_PART_RE = lazy_compile(r"第([一二三四五六1-6])部分|(?<![（(])([一二三四五六])、")
_FIGURE_RE = lazy_compile(r"\d+\s*(?:件|条|次|个|项|元|万元)")
_REVISE_RE = lazy_compile(r"改写|修改|改成|改为|补充|加上|增加|删去|删除|去掉|调整|精简|简洁|简短|润色|扩写|展开|具体|详细|重写|语气|表述")
_OPENING_WORDS = ("开头", "导语", "前言", "开篇")


class ChatModelError(Exception):
    """The model could not answer (the message is Chinese and holds no key)."""


@dataclass
class ChatOutcome:
    text: str  # the reply shown to the user
    draft: Draft | None = None  # the revised narrative, when a section was revised
    proposal: dict[str, object] | None = None  # proposed table cells (path -> count), to be confirmed
    kept: list[str] = field(default_factory=list)  # paragraphs that kept their text (the revision failed the rules)


def named_section(message: str) -> str | None:
    """The section a chat message is about: 第五部分 / 五、 / 总体情况 / 开头 … (None when it names none)."""
    if any(w in message for w in _OPENING_WORDS):
        return "preamble"
    m = _PART_RE.search(message)
    if m:
        token = m.group(1) or m.group(2)
        number = int(token) if token.isdigit() else cn_number(token)
        return report_sections()[number - 1].key
    return infer_key(message)


def interpret(report: Report, draft: Draft | None, message: str, settings: Settings | None = None,
              client: Any | None = None) -> ChatOutcome:
    """Answer one chat message: revise the section it names, or propose the table cells it states."""
    key = named_section(message)
    if _FIGURE_RE.search(message) and not _REVISE_RE.search(message):
        return propose_cells(report, message, settings, client)
    if draft is None:
        return ChatOutcome("请先起草正文，再对话修改。")
    if key is None:
        return ChatOutcome("请说明要修改哪一部分，例如“把总体情况写得更简洁”或“第五部分补充改进措施”。")
    return revise(report, draft, key, message, settings, client)


def revise(report: Report, draft: Draft, key: str, request: str, settings: Settings | None = None,
           client: Any | None = None) -> ChatOutcome:
    """Revise section ``key`` of ``draft`` as the user asks; figures still come from the tables."""
    settings = settings or load_settings()
    all_rules()
    facts = FactSheet(report)
    session = ChatSession(settings, report.content_hash(), client)
    current = template_paragraphs(draft, key)
    name = SECTION_NAMES.get(key, key)
    if not current:
        return ChatOutcome(f"正文中没有“{name}”，无法修改。")
    ctx = prompt_context(report, facts, key) | {"paragraphs": current, "request": request}
    system = prompts().render("system.j2", **ctx)
    user = prompts().render("revise.j2", **ctx)
    supported = [request]  # the staff's own words; the current text supports the revision aspect by aspect
    job = SectionJob(key, report, facts, draft, session, prompt="revise.j2", fallback_label="原文",
                     instructions=instruction_lines([system, user]), deadline=session.section_deadline(),
                     base_is_template=False, extra_support=supported, current=draft)
    try:
        answer = session.ask(system, user, key, job.deadline)
    except LLMUnavailable as exc:
        raise ChatModelError(str(exc)) from None
    outcome = repair_section(job, system, ctx, shape_section(key, answer.paragraphs, report.meta), answer)
    kept = [fb.reason for fb in outcome.fallbacks]
    if outcome.fallbacks and all(fb.paragraph is None for fb in outcome.fallbacks):
        return ChatOutcome(f"修改后的“{name}”未通过校核，未保存，正文保持原样。原因：{_reason(kept[0])}", None, kept=kept)
    if outcome.paragraphs == current:
        if kept:
            why = "修改后的文字未通过校核"
        elif outcome.result != "clean":
            why = "模型的修改未通过校核，纠正后与原文相同"
        else:
            why = "模型给出的文字与原文相同"
        return ChatOutcome(f"{why}，未保存，“{name}”保持原样。", None, kept=kept)
    revised = with_section(draft, key, outcome.paragraphs)
    defects = final_text_defects(report, revised, (key,), extra_support=supported, current=draft) if key in DRAFTED_SECTIONS else []
    if defects:  # the last guard: the saved text must pass the firewall as a whole
        return ChatOutcome(f"修改后的“{name}”未通过校核，未保存，正文保持原样。原因：{defects[0].message}", None,
                           kept=kept)
    revised.provenance = draft.provenance.model_copy(update={"model": settings.model, "prompt_hash": prompt_hash()})
    text = f"已按要求修改“{name}”。"
    if kept:
        text += "其中" + "；".join(f"第{fb.paragraph + 1}段" for fb in outcome.fallbacks if fb.paragraph is not None)
        text += "修改后未通过校核，这几段保留原文。"
    return ChatOutcome(text, revised, kept=kept)


def _reason(fallback_reason: str) -> str:
    """The finding's message inside "经2轮修改仍有错误（…），…改用原文"."""
    start, end = fallback_reason.find("（"), fallback_reason.rfind("）")
    return fallback_reason[start + 1:end] if 0 <= start < end else fallback_reason


def _table_context(report: Report) -> list[dict[str, Any]]:
    fmt = report.fmt
    tables: list[dict[str, Any]] = []
    for block in fmt.t2_blocks:
        tables.append({"caption": f"表二 {block.caption}（t2）", "rows": block.rows, "columns": block.columns})
    tables.append({"caption": "表三（t3）", "rows": [r for r in fmt.t3_rows if not r.is_total],
                   "columns": [c for c in fmt.t3_columns if not c.is_total]})
    tables.append({"caption": "表四（t4）", "rows": fmt.t4_groups,  # dicts: jinja reads row.key as row["key"]
                   "columns": [c for c in fmt.t4_columns if not c.is_total]})
    return tables


def propose_cells(report: Report, message: str, settings: Settings | None = None,
                  client: Any | None = None) -> ChatOutcome:
    """Table cells for the figures a message states, as a proposal (nothing changes until the user confirms)."""
    settings = settings or load_settings()
    session = ChatSession(settings, report.content_hash(), client)
    ctx = prompt_context(report, FactSheet(report), "other")
    system = prompts().render("system.j2", **ctx)
    user = prompts().render("table.j2", message=message, tables=_table_context(report))
    try:
        answer = session.ask(system, user, "table", structured=True, raw=True)
    except LLMUnavailable as exc:
        raise ChatModelError(str(exc)) from None
    try:
        changes, refused = parse_changes(answer.paragraphs[0], report)
    except ChatModelError:
        session.forget(answer)
        raise
    session.keep(answer)
    if not changes:
        return ChatOutcome("没有从这段话中找到可以填入表格的数字。请写明类别和件数，如“本年新收自然人申请12件”。")
    fmt = report.fmt
    lines = [f"{fmt.label(path)}：{_shown(report.tables.get(path))} → {value}" for path, value in changes.items()]
    text = "拟修改以下单元格：\n" + "\n".join(lines)
    if refused:
        text += "\n以下内容无法对应到表格，已忽略：" + "、".join(refused)
    proposal: dict[str, object] = {path: value for path, value in changes.items()}
    return ChatOutcome(text, proposal=proposal)


def _shown(value: Any) -> str:
    return "空白" if value is None else str(value)


def parse_changes(content: str, report: Report) -> tuple[dict[str, int], list[str]]:
    """Cell changes from a reply {"changes": {path: count}}: unknown cells, totals and bad counts are refused."""
    text = (content or "").strip()
    start, end = text.find("{"), text.rfind("}")
    try:
        data = json.loads(text[start:end + 1]) if 0 <= start < end else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise ChatModelError("模型的回复无法解析")
    raw = data.get("changes", data)
    if not isinstance(raw, dict):
        raise ChatModelError("模型的回复无法解析")
    fmt = report.fmt
    changes: dict[str, int] = {}
    refused: list[str] = []
    for path, value in raw.items():
        parts = str(path).split(".")
        ok = (str(path) in fmt.labels and len(parts) == 3 and parts[2] != "total" and parts[1] != "result_total"
              and isinstance(value, int) and not isinstance(value, bool) and value >= 0)
        if ok:
            changes[str(path)] = value
        else:
            refused.append(_refused_cell(fmt, str(path), value))
    return changes, refused


def _refused_cell(fmt: Any, path: str, value: object) -> str:
    """An ignored cell as the clerk knows it: its table, row and column labels (never the internal cell code)."""
    if path not in fmt.labels:
        return f"表格中没有的一项（{value}）"
    parts = path.split(".")
    if len(parts) == 3 and (parts[2] == "total" or parts[1] == "result_total"):
        return f"{fmt.label(path)}：{value}（合计由各项相加得出，不能直接填写）"
    return f"{fmt.label(path)}：{value}（不是有效的件数）"


__all__ = ["ChatModelError", "ChatOutcome", "interpret", "revise", "propose_cells", "named_section", "ReplyError"]
