"""Errors a user sees: Chinese, naming the file and the field, never a traceback."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not imported at run time: the command line's start-up should not pay for pydantic
    from pydantic import ValidationError


class InputError(Exception):
    """Bad input: the message is Chinese and names where the problem is."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return self.message + "\n" + "\n".join(f"  - {p}" for p in self.problems)


class SetupError(InputError):
    """What a command needs is not set up: a wrong setting (environment variable), no language model configured, a
    drafter not available. Nothing failed to be read: the command line says "无法完成：", not "无法读取："."""


class ModelNotConfigured(SetupError):
    """No language model is named (NIANBAO_LLM_MODEL): each command adds what else its user can do."""

    def __init__(self) -> None:
        super().__init__("未配置语言模型，请设置环境变量 NIANBAO_LLM_MODEL（及 NIANBAO_LLM_BASE_URL、NIANBAO_LLM_API_KEY）")


# The operating system's reasons, in Chinese (its own strerror text is English)
_OS_REASONS = {
    "ENOENT": "文件或目录不存在", "EACCES": "没有权限", "EPERM": "没有权限", "EEXIST": "已存在",
    "ENOSPC": "磁盘空间不足", "EISDIR": "这是一个目录", "ENOTDIR": "路径中有一段不是目录", "EROFS": "只读的文件系统",
    "ENAMETOOLONG": "文件名太长", "EDQUOT": "超出磁盘配额",
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in Chinese (the system's own words when the reason is unusual)."""
    import errno

    if exc.strerror and any("\u4e00" <= ch <= "\u9fff" for ch in exc.strerror):
        return exc.strerror  # raised by us, already said in Chinese
    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_REASONS.get(name) or str(exc.strerror or exc)


MAX_SHOWN_CHARS = 40  # a value quoted in a message: longer ones are cut (a 4,300-digit number is not read)


def shown_value(value: Any) -> str:
    """A value as a message quotes it (Chinese: “文字”, 一个列表, a number; a huge number by its length)."""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        try:
            text = str(value)
        except ValueError:  # more digits than Python converts
            return "一个位数极多的数"
        return text if len(text) <= MAX_SHOWN_CHARS else f"一个 {len(text.lstrip('-').split('.')[0])} 位的数"
    if isinstance(value, str):
        if len(value) > MAX_SHOWN_CHARS:
            return f"“{value[:MAX_SHOWN_CHARS]}…”"
        return f"“{value}”"
    if isinstance(value, list):
        return "一个列表"
    if isinstance(value, dict):
        return "一组键值"
    return str(value)


HALF_WIDTH_COLON = "应为半角冒号“:”后加空格"


def keyed_with_full_width_colon(text: str) -> bool:
    """Whether a line of YAML starts with a key followed by a full-width colon: "organ_name： 示范县", "机关名称：…"."""
    key, colon, _ = text.strip().partition("：")
    return bool(colon) and 0 < len(key) <= 30 and ":" not in key and not any(ch.isspace() for ch in key)


def internal_error(exc: BaseException) -> str:
    """What a user reads about an unexpected failure: Chinese, no Python words, no paths."""
    if isinstance(exc, MemoryError):
        return "处理出错（内存不足），已跳过此单位"
    if isinstance(exc, RecursionError):
        return "处理出错（内容嵌套过深），已跳过此单位"
    return "处理出错（程序内部错误），已跳过此单位；如反复出现，请把输入文件发给维护人员"


def describe_validation_error(exc: ValidationError) -> list[str]:
    """One Chinese line per problem, each starting with the field path (e.g. ``tables.t3.x.y：…``)."""
    lines = []
    for err in exc.errors(include_url=False):
        loc = [str(p) for p in err["loc"] if not str(p).startswith(("function-", "json-or-python", "lax-or-strict"))]
        # pydantic adds the union branch (e.g. "T3Row", "int", "constrained-int") to locations: drop those.
        loc = [p for p in loc if not (p[:1].isupper() or p in ("int", "constrained-int", "none", "is-instance[Amount]",
                                                               "decimal", "constrained-decimal"))]
        path = ".".join(loc) or "（根）"
        kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
        if "year" not in loc and (kind == "less_than_equal" or kind == "greater_than_equal" and ctx.get("ge", 0) < 0):
            text = f"超出允许范围（{_limit(ctx)}），实为 {shown_value(value)}"
        elif kind in ("greater_than_equal", "int_type", "int_from_float", "int_parsing"):
            if "year" in loc:
                text = f"年度应为{year_range()}之间的整数，实为 {shown_value(value)}"
            elif isinstance(ctx.get("ge"), Decimal):  # an amount, not a count
                text = f"应为非负数，实为 {shown_value(value)}"
            elif kind == "greater_than_equal" and ctx.get("ge", 0) >= 1:  # NIANBAO_LLM_CONCURRENCY=0
                text = f"应为正整数，实为 {shown_value(value)}"
            else:
                text = f"应为非负整数，实为 {shown_value(value)}"
        elif kind == "less_than_equal" and "year" in loc:
            text = f"年度应为{year_range()}之间的整数，实为 {shown_value(value)}"
        elif kind == "invalid_key":
            text = f"键应为英文字段名（如 natural_person），实为 {shown_value(value)}"
        elif kind == "extra_forbidden" and loc and keyed_with_full_width_colon(loc[-1]):  # organ_name： 示范县: x
            text = f"未知的字段（键后用了全角冒号“：”，{HALF_WIDTH_COLON}）"
        elif kind == "extra_forbidden":
            text = "未知的字段（请检查拼写，或对照 nianbao schema）"
        elif kind == "missing":
            text = "缺少必填项"
        elif kind == "string_too_short" and "organ_name" in loc:
            text = "机关名称不能为空"
        elif kind == "literal_error":
            expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
            text = f"应为以下之一：{expected}，实为 {shown_value(value)}"
        elif kind in ("decimal_parsing", "decimal_type", "float_parsing", "finite_number"):
            text = f"应为数字，实为 {shown_value(value)}"
        elif kind == "value_error":
            text = str(ctx.get("error", err["msg"]))
        elif kind == "too_long":
            text = f"最多 {ctx.get('max_length')} 项，实为 {ctx.get('actual_length')} 项"
        elif kind in ("date_from_datetime_parsing", "date_from_datetime_inexact", "date_parsing", "date_type"):
            text = f"应为日期（如 2021-01-20），实为 {shown_value(value)}"
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            text = f"应为一组键值（映射），实为 {shown_value(value)}"
            if isinstance(value, str) and keyed_with_full_width_colon(value):  # "organ_name： 示范县" under meta:
                text += f"（键后用了全角冒号“：”，{HALF_WIDTH_COLON}）"
        elif kind in ("string_type",):
            text = f"应为文字，实为 {shown_value(value)}{_quote_hint(value)}"
        elif kind in ("list_type",):
            text = f"应为列表，实为 {shown_value(value)}"
        else:
            text = f"取值无效（{err['msg']}），实为 {shown_value(value)}"
        line = text if not loc and kind == "value_error" else f"{path}：{text}"  # a check of the whole input
        if line not in lines:
            lines.append(line)
    return lines


def _quote_hint(value: Any) -> str:
    """What to do when a text field (a postcode, a phone number, a note) was given a number: quote it."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return ""
    shown = shown_value(value)
    return f"（数字请加引号，如 \"{shown}\"）" if shown[:1].isdigit() or shown[:1] == "-" else "（数字请加引号）"


def _limit(ctx: dict) -> str:
    """The bound of a range error in words: "不超过 1000000000"."""
    if "le" in ctx:
        return f"不超过 {ctx['le']}"
    return f"不小于 {ctx['ge']}"


def year_range() -> str:
    """The years a report can have, for messages: " 2019–2100 "."""
    from assistant.model import MAX_YEAR, MIN_YEAR

    return f" {MIN_YEAR}–{MAX_YEAR} "
