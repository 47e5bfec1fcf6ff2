"""schemas/report.schema.json: generated from the model, never stale, and it validates the examples."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from assistant.schema import report_schema, schema_text
from tests.conftest import EXAMPLES, ROOT

SCHEMA_FILE = ROOT / "schemas" / "report.schema.json"


def as_json(path: Path) -> Any:
    """An example as a JSON file would hold it (YAML dates become ISO strings)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_schema_file_is_up_to_date() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schemas/report.schema.json is stale: run `.venv/bin/python -m assistant.schema` and commit the file")


def test_schema_describes_the_input_file() -> None:
    schema = report_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {"meta", "tables", "other_figures", "notes", "narrative"}
    t3 = schema["$defs"]["Table3"]["properties"]
    assert len(t3) == 26  # 25 rows of 2021 + （六）其他处理 of 2019
    assert t3["deny_3safety_1stab"]["title"] == "3.危及“三安全一稳定”"
    assert schema["$defs"]["Meta"]["required"] == ["organ_name", "organ_kind", "year"]


@pytest.mark.parametrize("name", ["zhuting-2020.yaml", "sample-town-2024.yaml"])
def test_examples_validate(validator: jsonschema.Draft202012Validator, name: str) -> None:
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(as_json(EXAMPLES / name))]
    assert errors == []


@pytest.mark.parametrize(("path", "value", "where"), [
    (("tables", "t3", "new_received", "natural_person"), -1, ["tables", "t3", "new_received", "natural_person"]),
    (("tables", "t3", "carried_ovr"), {"natural_person": 1}, ["tables", "t3"]),
    (("meta", "year"), 1999, ["meta", "year"]),
    (("meta", "organ_kind"), "村", ["meta", "organ_kind"]),
])
def test_schema_rejects_bad_input(validator: jsonschema.Draft202012Validator, path: tuple[str, ...], value: Any,
                                  where: list[str]) -> None:
    data = as_json(EXAMPLES / "sample-town-2024.yaml")
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value
    best = jsonschema.exceptions.best_match(validator.iter_errors(data))
    assert best is not None and list(best.absolute_path) == where


def test_schema_requires_meta(validator: jsonschema.Draft202012Validator) -> None:
    data = as_json(EXAMPLES / "sample-town-2024.yaml")
    del data["meta"]["organ_name"]
    assert [e.message for e in validator.iter_errors(data)] == ["'organ_name' is a required property"]
