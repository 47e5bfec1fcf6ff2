"""The JSON Schema of the input file, generated from the pydantic model (schemas/report.schema.json)."""

from __future__ import annotations

import json

from assistant.model import Report
from assistant.resources import data_dir


def report_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "政府信息公开工作年度报告 输入文件"
    return schema


def schema_text() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


def write_schema_file() -> None:
    """Regenerate schemas/report.schema.json (``python -m assistant.schema``)."""
    (data_dir("schemas") / "report.schema.json").write_text(schema_text(), encoding="utf-8")


if __name__ == "__main__":
    write_schema_file()
