"""The command line speaks Chinese: help screens (readable at 80 columns), usage errors, and what ``check`` checked."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assistant.cli import app
from assistant.cli_text import CATALOGUE, TRANSLATIONS
from tests.conftest import EXAMPLES, ROOT

runner = CliRunner()
COMMANDS = [[], ["validate"], ["check"], ["import"], ["rules"], ["schema"], ["ui"], ["draft"], ["template"],
            ["batch"], ["config"], ["eval"], ["eval", "drafting"]]
# The framework's own English words, as typer and its click print them when untranslated.
ENGLISH = ("Usage", "Options", "Arguments", "Commands", "Show this message", "[default", "[required]", "Error",
           "No such", "Missing", "Try ", "Did you mean", "<path>", "<bool>", "<str>", "<int>", "[OPTIONS]", "COMMAND")


def invoke(args: list[str], columns: int = 80) -> Result:
    return runner.invoke(app, args, env={"COLUMNS": str(columns), "TERMINAL_WIDTH": str(columns)}, prog_name="nianbao")


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "nianbao")
def test_help_is_chinese_and_fits_80_columns(command: list[str]) -> None:
    result = invoke([*command, "--help"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert "用法：nianbao" in text
    assert not [w for w in ENGLISH if w in text], text
    assert "…" not in text  # nothing cut off
    assert max(width(line) for line in text.splitlines()) <= 80
    assert "显示本帮助并退出" in text


def test_help_shows_defaults_and_required_in_chinese() -> None:
    draft = invoke(["draft", "--help"]).output
    assert "[默认：out]" in draft and "[默认：template]" in draft and "[必填]" in draft
    assert "─ 参数 ─" in draft and "─ 选项 ─" in draft
    assert "─ 命令 ─" in invoke(["--help"]).output


@pytest.mark.parametrize(("args", "message"), [
    (["draft", str(EXAMPLES / "zhuting-2020.yaml"), "--bogus"], "没有选项 --bogus"),
    (["draft"], "缺少参数 输入文件"),
    (["batch", str(EXAMPLES)], "缺少选项 -o / --outdir"),
    (["drat"], "没有命令“drat”；是否想用 draft？"),
    (["draft", "a.yaml", "b.yaml"], "多余的参数：b.yaml"),
    (["draft", "a.yaml", "-o"], "选项 -o 后面要写一个值"),
    (["batch", str(EXAMPLES), "-o", "out", "-j", "0"], "选项 --concurrency / -j 的值无效：应为 1 到 64 之间的整数，实为 0"),
    (["template", "t.xlsx", "--year", "二〇二四"], "选项 --year 的值无效：应为整数"),
    (["template", "t.xlsx", "--year", "1990"], "选项 --year 的值无效：应为 2019–2100 之间的年度，实为 1990"),
    (["template", "t.xlsx", "--format", "2030"], "选项 --format 的值无效：应为 2019 或 2021，实为 2030"),
    (["template", "t.xlsx", "--shape", "tall"], "选项 --shape 的值无效：应为 unit 或 wide，实为“tall”"),
    (["ui", "--port", "99999"], "选项 --port 的值无效：应为 1 到 65535 之间的整数"),
    (["--version", "extra"], "多余的参数：extra"),  # was: the version, exit 0, "extra" ignored
    (["--version", "check", "a.yaml"], "多余的参数：check a.yaml"),
    (["draft", "a.yaml", "--drafter", "xyz"], "选项 --drafter 的值无效：应为 template 或 llm，实为“xyz”"),
])
def test_usage_errors_are_chinese(args: list[str], message: str) -> None:
    result = invoke(args, columns=200)
    assert result.exit_code == 2
    assert message in result.output
    assert "─ 错误 ─" in result.output and "查看帮助：nianbao" in result.output
    assert not [w for w in ENGLISH if w in result.output], result.output


def test_a_number_option_shows_its_range_in_chinese() -> None:
    """Bug: ``nianbao ui --help`` showed click's range "[1<=x<=65535]"."""
    port = next(line for line in invoke(["ui", "--help"]).output.splitlines() if "--port" in line)
    assert port == "│ --port             端口 [1–65535]  缺省：7860 起的空闲端口                   │"


def test_number_ranges_in_chinese() -> None:
    from assistant.cli_text import number_range

    assert [number_range(1, 65535), number_range(1, None), number_range(None, 64), number_range(None, None)] == [
        "1–65535", "不小于 1", "不大于 64", None]


def test_version_alone_still_prints_the_version() -> None:
    from assistant import __version__

    result = invoke(["--version"])
    assert (result.exit_code, result.output) == (0, f"nianbao {__version__}\n")


def test_catalogue_is_a_gettext_translation() -> None:
    assert TRANSLATIONS.gettext("[required]") == "[必填]"
    assert TRANSLATIONS.gettext("an untranslated word") == "an untranslated word"
    assert TRANSLATIONS.ngettext("Options", "Options", 2) == "选项"
    assert all(msgstr and msgstr != msgid for msgid, msgstr in CATALOGUE.items())


# --- check says which scopes it checked -------------------------------------------------------------------------


def test_check_says_the_narrative_was_not_checked() -> None:
    result = invoke(["check", str(EXAMPLES / "sample-town-2024.yaml")], columns=200)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == ("已检查：表格；未检查正文：输入中没有 narrative（正文）；"
                                             "未做跨年度比对：没有上一年度的报告（--previous）")


def test_check_json_says_what_was_checked() -> None:
    report = ROOT / "tests" / "fixtures" / "corpus" / "001_pingtan_2019.txt"
    data = json.loads(invoke(["check", str(report), "--previous", str(report), "--json"]).stdout)
    assert data["checked"] == {"scopes": ["figures", "text", "cross_year"], "labels": ["表格", "正文", "跨年度"],
                               "partly": [{"scope": "figures", "reason": "只有表三、表四，表二未能可靠读出"}],
                               "not_checked": []}  # 表二's cells run together on one line in this report
    data = json.loads(invoke(["check", str(EXAMPLES / "sample-town-2024.yaml"), "--json"]).stdout)
    assert data["checked"]["scopes"] == ["figures"]
    assert data["checked"]["not_checked"][0] == {"scope": "text", "reason": "未检查正文：输入中没有 narrative（正文）"}


def _zhuting_cut_before(tmp_path: Path, heading: str) -> Path:
    """竹亭镇's 2020 report (a corpus fixture) cut off before the line of ``heading``: what a reader gets from a
    download that stopped part way."""
    lines = (ROOT / "tests" / "fixtures" / "corpus" / "000_zhuting_2020.txt").read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.strip() == heading)
    path = tmp_path / "partial.txt"
    path.write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
    return path


NO_PREVIOUS = {"scope": "cross_year", "reason": "未做跨年度比对：没有上一年度的报告（--previous）"}


def test_check_says_the_tables_were_not_checked_when_none_was_read(tmp_path: Path) -> None:
    """Bug: a report cut before 二、 (no table read; the table rules all 无法校核) said "已检查：表格、正文"."""
    partial = _zhuting_cut_before(tmp_path, "二、主动公开政府信息情况")
    result = invoke(["check", str(partial)], columns=200)
    assert result.stdout.splitlines()[1] == ("已检查：正文；未检查表格：报告中没有读到表格；"
                                             "未做跨年度比对：没有上一年度的报告（--previous）")
    assert "无法校核的原因：缺少表三" in result.stdout  # the table rules still say which checks could not be made
    data = json.loads(invoke(["check", str(partial), "--json"]).stdout)
    assert data["checked"] == {"scopes": ["text"], "labels": ["正文"], "partly": [], "not_checked": [
        {"scope": "figures", "reason": "未检查表格：报告中没有读到表格"}, NO_PREVIOUS]}


@pytest.mark.parametrize(("heading", "partly"), [
    ("三、收到和处理政府信息公开申请情况", "只有表二，缺少表三、表四"),
    ("四、政府信息公开行政复议、行政诉讼情况", "只有表二、表三，缺少表四"),
])
def test_check_says_which_tables_it_checked_when_only_some_were_read(tmp_path: Path, heading: str,
                                                                      partly: str) -> None:
    partial = _zhuting_cut_before(tmp_path, heading)
    result = invoke(["check", str(partial)], columns=200)
    assert result.stdout.splitlines()[1] == (f"已检查：表格（{partly}）、正文；"
                                             "未做跨年度比对：没有上一年度的报告（--previous）")
    data = json.loads(invoke(["check", str(partial), "--json"]).stdout)
    assert data["checked"] == {"scopes": ["figures", "text"], "labels": ["表格", "正文"],
                               "partly": [{"scope": "figures", "reason": partly}], "not_checked": [NO_PREVIOUS]}


def test_a_value_the_command_itself_refuses_is_chinese_in_a_fresh_process() -> None:
    # in a fresh process (no help printed before), a value refused inside the command (not by the parser) was shown
    # with click's English: "Try 'nianbao template --help' for help.", "Error", "Invalid value for --format"
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "assistant.cli", "template", "t.xlsx", "--format", "2031"],
                          capture_output=True, text=True, cwd=ROOT, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
                          check=False, timeout=120)
    assert done.returncode == 2
    assert "选项 --format 的值无效：应为 2019 或 2021，实为 2031" in done.stderr + done.stdout
    assert not [w for w in ("Try", "Error", "Invalid") if w in done.stderr + done.stdout], done.stderr


def test_template_never_writes_over_a_workbook_already_there(tmp_path) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    book = tmp_path / "青石镇.xlsx"
    assert invoke(["template", str(book)]).exit_code == 0
    filled = load_workbook(book)
    filled.active["A1"] = "已填写"
    filled.save(book)
    result = invoke(["template", str(book)], columns=200)
    assert result.exit_code == 2
    assert f"无法写入 {book}：已存在，未覆盖（其中可能已填写了数字）；请换一个文件名或输出目录，或先移走青石镇.xlsx" in result.output
    assert load_workbook(book).active["A1"].value == "已填写"


def test_a_file_that_cannot_be_written_says_why_in_chinese() -> None:
    result = invoke(["template", "/proc/没有的目录/x.xlsx"], columns=200)  # /proc takes no new folder
    assert result.exit_code == 2
    assert "文件或目录不存在" in result.output and "No such file" not in result.output
