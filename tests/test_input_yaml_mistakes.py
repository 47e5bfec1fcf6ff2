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
from assistant.model import Section
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


# --- 3. a list broken by text after the colon -------------------------------------------------------------------------

PROACTIVE = "  proactive:\n    - 通过县政府门户网站"


@pytest.mark.parametrize(("new", "problem"), [
    ("  proactive: 在村务\n    - 通过县政府门户网站",
     "简要情况·主动公开：下面 2 行以“- ”开头的条目连进了第 43 行冒号后的文字“在村务”，成了一段文字（应把第一条也写成单独的“- ”行）"),
    ("  proactive:\n    在村务\n    - 通过县政府门户网站",
     "简要情况·主动公开：第 44 行的文字“在村务”与下面 2 行以“- ”开头的条目连成了一段文字（应把它也写成单独的“- ”行）"),
    ("  proactive:\n    -在村务\n    - 通过县政府门户网站",
     "简要情况·主动公开：第 44 行“-”后缺少空格，下面 2 行以“- ”开头的条目因此都连进了这一行（列表项应写成“- 内容”）"),
    ("  proactive:\n    - 在村务\n      - 通过县政府门户网站",
     "简要情况·主动公开·第1条：第 44 行这一条与下面 1 行以“- ”开头的条目连成了一条（下面各条缩进多了，各条的“- ”应上下对齐）"),
])
def test_list_items_joined_into_the_text_above_them_are_an_input_error(tmp_path, new, problem):
    path = sample_with(tmp_path, (PROACTIVE, new))
    assert input_error(path) == f"单位.yaml：有 1 处填写错误\n  - {problem}"


def test_draft_writes_no_document_from_joined_list_items(tmp_path):
    path = sample_with(tmp_path, (PROACTIVE, "  proactive: 在村务\n    - 通过县政府门户网站"))
    result = runner.invoke(app, ["draft", str(path), "-o", str(tmp_path / "out")])
    assert (result.exit_code, result.output) == (2, (
        f"无法读取：{path}：有 1 处填写错误\n  - 简要情况·主动公开：下面 2 行以“- ”开头的条目连进了第 43 行冒号后的文字"
        "“在村务”，成了一段文字（应把第一条也写成单独的“- ”行）\n"))
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").rglob("*.docx"))


def test_a_single_item_without_the_space_after_its_dash_is_an_input_error(tmp_path):
    path = sample_with(tmp_path, ("  on_request:\n    - 严格", "  on_request:\n    -严格"))
    assert input_error(path) == ("单位.yaml：有 1 处填写错误\n"
                                 "  - 简要情况·依申请公开：第 47 行“-”后缺少空格（列表项应写成“- 内容”）")


def test_text_that_runs_on_over_lines_without_dashes_is_still_one_note(tmp_path):
    path = sample_with(tmp_path, ("    - 严格按照法定时限答复，", "    - 严格按照法定时限答复，\n      -1 天也不拖延，"))
    assert load_report(path).notes.on_request == ["严格按照法定时限答复， -1 天也不拖延，答复前与申请人电话沟通、确认申请内容"]


# --- 4. YAML syntax: the line of the mistake, a dash without its space, a full-width colon ----------------------------

@pytest.mark.parametrize(("old", "new", "message"), [
    ("    - 在村务公开栏", "    -在村务公开栏", "第 45 行第 5 列：“-”后缺少空格（列表项应写成“- 内容”）"),
    ("    - 加强对村级公开栏", "    -加强对村级公开栏", "第 66 行第 5 列：“-”后缺少空格（列表项应写成“- 内容”）"),
    ("  organ_kind: 乡镇", "  organ_kind： 乡镇", "第 4 行用了全角冒号“：”，应为半角冒号“:”后加空格"),
    ("  organ_name: 示范县青石镇人民政府", "  organ_name：示范县青石镇人民政府", "第 3 行用了全角冒号“：”，应为半角冒号“:”后加空格"),
    ("  proactive:\n", "  proactive：\n", "第 43 行用了全角冒号“：”，应为半角冒号“:”后加空格"),
    ("meta:", "meta：", "第 2 行用了全角冒号“：”，应为半角冒号“:”后加空格"),
    ("  organ_kind: 乡镇", "  organ_kind 乡镇", "第 4 行第 3 列：缺少冒号“:”（每行应为“键: 值”）"),
    ("  organ_name: 示范县青石镇人民政府", "  organ_name 示范县青石镇人民政府",
     "第 3–4 行附近：此处不能出现“键: 值”（检查冒号后的空格、缩进，或给含冒号的文字加引号）"),
])
def test_a_yaml_syntax_error_names_the_line_of_the_mistake(tmp_path, old, new, message):
    assert input_error(sample_with(tmp_path, (old, new))) == f"单位.yaml：YAML 格式错误，{message}"


def test_a_full_width_colon_that_parses_is_named_in_the_field_message(tmp_path):
    path = tmp_path / "单位.yaml"
    path.write_text("meta:\n  organ_name： 示范县青石镇人民政府\n", encoding="utf-8")
    assert input_error(path) == ("单位.yaml：有 1 处填写错误\n  - 基本信息：应为一组键值（映射），实为 “organ_name： 示范县青石镇人民政府”"
                                 "（键后用了全角冒号“：”，应为半角冒号“:”后加空格）")


# --- 5. notes written as a literal block of "- " lines, and a wrapped line YAML folded with a space --------------------

PROACTIVE_BLOCK = ("  proactive:\n    - 通过县政府门户网站镇级专栏发布政府信息128条，通过“青石发布”微信公众号发布信息86条\n"
                   "    - 在村务公开栏公开惠农补贴发放、低保评议等信息\n")


def test_a_literal_block_of_bulleted_lines_is_one_note_a_line_without_its_bullet(tmp_path):
    path = sample_with(tmp_path, (PROACTIVE_BLOCK, "  proactive: |\n    - 维护县政府门户网站\n    － 在便民服务中心设置\n"
                                                   "    • 在村务公开栏\n    · 公开惠农补贴\n    * 低保评议\n"))
    assert load_report(path).notes.proactive == ["维护县政府门户网站", "在便民服务中心设置", "在村务公开栏", "公开惠农补贴",
                                                 "低保评议"]


def test_a_dash_not_followed_by_a_space_stays_in_the_note(tmp_path):
    path = sample_with(tmp_path, (PROACTIVE_BLOCK, "  proactive: |\n    -5% 以内\n    -- 分隔\n    - 通过县政府门户网站\n"))
    assert load_report(path).notes.proactive == ["-5% 以内", "-- 分隔", "通过县政府门户网站"]


def test_a_wrapped_note_line_folded_by_yaml_has_no_space_between_chinese_characters(tmp_path):
    path = sample_with(tmp_path, ("    - 在村务公开栏公开惠农补贴发放、", "    - 在村务公开栏公开惠农补贴发放、\n      维护等栏目\n"
                                  "      在便民服务中心设置 GB 2024 栏目。\n      公开"))
    assert load_report(path).notes.proactive[1] == "在村务公开栏公开惠农补贴发放、维护等栏目在便民服务中心设置 GB 2024 栏目。公开低保评议等信息"


def test_read_report_paragraphs_keep_their_dashes_and_spaces():
    assert Section(heading="一、总体情况", paragraphs="- 一 二\n甲 乙").paragraphs == ["- 一 二", "甲 乙"]


# --- 6. the full-width dash "－" typed as the list bullet --------------------------------------------------------------

def test_one_item_with_a_full_width_dash_among_others_names_the_dash(tmp_path):
    path = sample_with(tmp_path, ("    - 在村务公开栏", "    － 在村务公开栏"))
    assert input_error(path) == "单位.yaml：YAML 格式错误，第 45 行用了全角“－”作列表符号，应为半角“-”后加空格"


@pytest.mark.parametrize(("replacements", "problem"), [
    ([("    - 通过县政府门户网站", "    － 通过县政府门户网站"), ("    - 在村务公开栏", "    － 在村务公开栏")],
     "简要情况·主动公开：第 44 行的文字“－ 通过县政府门户网站镇级专栏发布政府信息128条，通过“青石发布”微信公众号发…”"
     "与下面 1 行以“－ ”开头的条目连成了一段文字（应把它也写成单独的“- ”行）；第 44 行用了全角“－”作列表符号，应为半角“-”后加空格"),
    ([(PROACTIVE, "  proactive: 在村务\n    － 通过县政府门户网站"), ("    - 在村务公开栏", "    － 在村务公开栏")],
     "简要情况·主动公开：下面 2 行以“－ ”开头的条目连进了第 43 行冒号后的文字“在村务”，成了一段文字（应把第一条也写成单独的“- ”行）"
     "；第 44 行用了全角“－”作列表符号，应为半角“-”后加空格"),
])
def test_items_all_with_a_full_width_dash_are_joined_list_items_naming_the_dash(tmp_path, replacements, problem):
    assert input_error(sample_with(tmp_path, *replacements)) == f"单位.yaml：有 1 处填写错误\n  - {problem}"
