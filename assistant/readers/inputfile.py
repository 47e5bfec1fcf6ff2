"""Read the YAML/JSON input file staff fill in: one Report (optionally with its narrative)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.errors import InputError, shown_value
from assistant.model import Report, field_label, labelled_validation_lines
from assistant.readers import REPORT_SUFFIXES
from assistant.readers.files import read_checked
from assistant.readers.structured import parse_json, parse_yaml

MAX_INPUT_BYTES = 5 * 1024 * 1024


def load_data(path: Path, name: str | None = None) -> Any:
    """Parse a YAML or JSON file under the bounds of :mod:`limits`, with Chinese errors that name the file
    (``name``, the path when not given) and the line and column."""
    name = str(path) if name is None else name
    raw = read_checked(path, MAX_INPUT_BYTES, "输入文件", name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}：不是 UTF-8 编码的文本文件（第 {exc.start} 字节）") from None
    if path.suffix.lower() == ".json":
        return parse_json(text, name)
    return parse_yaml(text, name, field_label)


def report_from_data(data: Any, source: str = "输入") -> Report:
    if data is None:
        raise InputError(f"{source}：没有内容（只有注释或空白），应为一组键值（含 meta、tables、notes）")
    if not isinstance(data, dict):
        raise InputError(f"{source}：顶层应为一组键值（含 meta、tables、notes），实为{shown_value(data)}")
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}：有 {exc.error_count()} 处填写错误",
                         labelled_validation_lines(exc)) from exc


def load_report(path: str | Path, name: str | None = None) -> Report:
    """Read an input file into a Report; raise InputError (Chinese, naming the field) when it can't be read.
    Messages name the file as ``name`` (the path when not given)."""
    path = Path(path)
    name = str(path) if name is None else name
    if path.suffix.lower() in REPORT_SUFFIXES:
        raise InputError(f"{name}：是已有的年度报告，不是输入文件（YAML、JSON 或 .xlsx 工作簿）；"
                         "请用 nianbao check 校核，或用 nianbao import 转成输入文件")
    if path.suffix.lower() == ".xlsx":  # a workbook of ``nianbao template`` (one unit)
        from assistant.workbook.read import load_xlsx_report

        return load_xlsx_report(path)
    return report_from_data(load_data(path, name), name)


def dump_report(report: Report) -> str:
    """YAML text of a report, in the shape of the input file."""
    data = report.model_dump(mode="json", exclude_none=False, exclude_defaults=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
