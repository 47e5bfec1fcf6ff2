"""Mistakes staff make in a YAML input file, as an outside tester found them (session 10): each gives a Chinese message
that names the field, or the value as typed, never a crash or a silently different value."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.batch.units import discover, load_unit
from assistant.cli import app
from assistant.errors import InputError
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES

SAMPLE = EXAMPLES / "sample-town-2024.yaml"
runner = CliRunner()


def sample_with(tmp_path: Path, *replacements: tuple[str, str], name: str = "单位.yaml") -> Path:
    """The sample input with each ``old`` text replaced by ``new`` (each must occur once)."""
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def input_error(path: Path) -> str:
    with pytest.raises(InputError) as caught:
        load_report(path, path.name)
    return str(caught.value)


# --- 1. an unquoted date that does not exist --------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "problem"), [
    ("sign_date: 2025-01-20", "sign_date: 2025-02-30", "基本信息·落款日期：应为日期（如 2021-01-20），实为 “2025-02-30”"),
    ("sign_date: 2025-01-20", "sign_date: 2025-13-40", "基本信息·落款日期：应为日期（如 2021-01-20），实为 “2025-13-40”"),
    ("sign_date: 2025-01-20", "sign_date: 2025-01-20 10:30:00",
     "基本信息·落款日期：应为日期（如 2021-01-20），实为 “2025-01-20 10:30:00”"),
    ("year: 2024", "year: 2024-02-30", "基本信息·报告年度：年度应为 2019–2100 之间的整数，实为 “2024-02-30”"),
])
def test_an_unquoted_date_that_does_not_exist_is_a_field_error_as_when_quoted(tmp_path, old, new, problem):
    unquoted = sample_with(tmp_path, (old, new))
    key, value = new.split(": ", 1)
    quoted = sample_with(tmp_path, (old, f'{key}: "{value}"'), name="单位2.yaml")
    assert input_error(unquoted) == f"单位.yaml：有 1 处填写错误\n  - {problem}"
    assert input_error(quoted) == f"单位2.yaml：有 1 处填写错误\n  - {problem}"


def test_validate_and_draft_report_the_date_and_exit_2(tmp_path):
    path = sample_with(tmp_path, ("sign_date: 2025-01-20", "sign_date: 2025-02-30"))
    expected = f"无法读取：{path}：有 1 处填写错误\n  - 基本信息·落款日期：应为日期（如 2021-01-20），实为 “2025-02-30”\n"
    for args in (["validate", str(path)], ["check", str(path)], ["draft", str(path), "-o", str(tmp_path / "out")]):
        result = runner.invoke(app, args)
        assert (result.exit_code, result.output) == (2, expected), args


def test_batch_reports_the_date_as_an_input_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    sample_with(folder, ("sign_date: 2025-01-20", "sign_date: 2025-13-40"))
    [job] = discover([folder], tmp_path / "out")
    assert load_unit(job)[:2] == (None, ["基本信息·落款日期：应为日期（如 2021-01-20），实为 “2025-13-40”"])


def test_a_note_that_looks_like_a_date_is_kept_as_written(tmp_path):
    path = sample_with(tmp_path, ("    - 认真办理人大代表", "    - 2025-13-01\n    - 2025-01-20\n    - 认真办理人大代表"))
    assert load_report(path).notes.other[:2] == ["2025-13-01", "2025-01-20"]


def test_an_unquoted_valid_date_is_still_that_date():
    assert "sign_date: 2025-01-20\n" in SAMPLE.read_text(encoding="utf-8")
    report = load_report(SAMPLE)
    assert (report.meta.sign_date, report.meta.year) == (date(2025, 1, 20), 2024)


def test_a_value_its_explicit_tag_cannot_hold_is_a_yaml_error(tmp_path):
    path = sample_with(tmp_path, ("year: 2024", "year: !!float 二〇二四"))
    assert input_error(path) == "单位.yaml：YAML 格式错误，第 8 行第 9 列：值与标签（!!）不符"
    path = sample_with(tmp_path, ("sign_date: 2025-01-20", "sign_date: !!timestamp 2025-02-30"))
    assert input_error(path) == ("单位.yaml：有 1 处填写错误\n"
                                 "  - 基本信息·落款日期：应为日期（如 2021-01-20），实为 “2025-02-30”")


# --- 2. numbers: a leading zero, and a number where text belongs -----------------------------------------------------

def test_a_phone_number_with_a_leading_zero_is_the_text_typed_not_octal(tmp_path):
    path = sample_with(tmp_path, ("phone: 0795-1234567", "phone: 01234567"))
    assert load_report(path).meta.contact.phone == "01234567"


@pytest.mark.parametrize("typed", ["01234567", "!!int 01234567", "0795.5", "10:30", "0x1F"])
def test_no_unquoted_value_becomes_another_number(tmp_path, typed):
    path = sample_with(tmp_path, ("    - 认真办理人大代表", f"    - {typed}\n    - 认真办理人大代表"))
    assert load_report(path).notes.other[0] == typed.removeprefix("!!int ")


def test_a_count_with_a_leading_zero_is_reported_as_typed(tmp_path):
    path = sample_with(tmp_path, ("new_received: {natural_person: 9,", "new_received: {natural_person: 011,"))
    assert input_error(path) == ("单位.yaml：有 1 处填写错误\n  - 表格·表三 收到和处理政府信息公开申请情况·"
                                 "一、本年新收政府信息公开申请数量·自然人：应为非负整数，实为 “011”")


@pytest.mark.parametrize(("old", "new", "problem"), [
    ('postcode: "336000"', "postcode: 336000",
     '基本信息·联系方式·邮编：应为文字，实为 336000（数字请加引号，如 "336000"）'),
    ("    - 认真办理人大代表", "    - 2024\n    - 认真办理人大代表",
     '简要情况·其他事项·第1条：应为文字，实为 2024（数字请加引号，如 "2024"）'),
    ("phone: 0795-1234567", "phone: 12345678.5",
     '基本信息·联系方式·电话：应为文字，实为 12345678.5（数字请加引号，如 "12345678.5"）'),
])
def test_a_number_where_text_belongs_says_to_quote_it(tmp_path, old, new, problem):
    assert input_error(sample_with(tmp_path, (old, new))) == f"单位.yaml：有 1 处填写错误\n  - {problem}"
