"""The command line (typer CliRunner): validate, rules, schema, --version, and bad input files (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from assistant import __version__
from assistant.cli import app
from assistant.model import Finding, rule_label
from assistant.rules import all_rules
from assistant.schema import schema_text
from tests.conftest import EXAMPLES

runner = CliRunner()
ZHUTING = EXAMPLES / "zhuting-2020.yaml"
SAMPLE = EXAMPLES / "sample-town-2024.yaml"


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    # every outcome is a normal exit: no exception escapes, no traceback is printed
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


def edited(tmp_path: Path, source: Path, old: str, new: str, name: str = "input.yaml") -> Path:
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


# --- validate ------------------------------------------------------------------------------------------------


def test_validate_zhuting_exits_0() -> None:
    result = run("validate", str(ZHUTING))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "袁州区竹亭镇人民政府 2020年度（2019年版表格）"
    assert result.stdout.splitlines()[-1] == "错误 0 项，警告 1 项，提示 0 项"


def test_validate_sample_exits_0_with_no_finding() -> None:
    result = run("validate", str(SAMPLE), "--json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    assert out["document"]["organ"] == "示范县青石镇人民政府"
    assert (out["document"]["year"], out["document"]["format"]) == (2024, 2021)
    assert out["findings"] == []


@pytest.fixture
def broken_zhuting(tmp_path: Path) -> Path:
    return edited(tmp_path, ZHUTING, "result_total: {natural_person: 1, total: 1}",
                  "result_total: {natural_person: 1, total: 2}")


def test_validate_broken_exits_1_with_json(broken_zhuting: Path) -> None:
    result = run("validate", str(broken_zhuting), "--json")
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert set(out) == {"document", "findings"}
    assert {"organ", "year", "format"} <= set(out["document"])
    assert (out["document"]["organ"], out["document"]["year"], out["document"]["format"]) == (
        "袁州区竹亭镇人民政府", 2020, 2019)
    fields = set(Finding.model_fields)
    assert all(set(f) == fields for f in out["findings"])
    a2 = [f for f in out["findings"] if f["rule"] == "A2"]
    assert len(a2) == 1
    assert a2[0]["location"]["cell"] == "t3.result_total.total"
    assert (a2[0]["expected"], a2[0]["found"]) == (1, 2)
    assert (a2[0]["category"], a2[0]["severity"], a2[0]["status"]) == ("arithmetic", "error", "fail")
    assert [f["severity"] for f in out["findings"]] == ["error", "warning"]  # errors first; one mistake, one error


def test_validate_broken_text(broken_zhuting: Path) -> None:
    result = run("validate", str(broken_zhuting))
    assert result.exit_code == 1
    assert "[错误·不符] A2 勾稽关系 | 表三 （七）总计「总计」" in result.stdout
    assert "    期望：1；实际：2" in result.stdout
    assert result.stdout.splitlines()[-1] == "错误 1 项，警告 1 项，提示 0 项"


def test_validate_json_input(tmp_path: Path) -> None:
    data = {"meta": {"organ_name": "某街道办事处", "organ_kind": "街道", "year": 2023},
            "tables": {"t4": {"review": {"upheld": 1, "total": 2}}}}
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 1
    found = [(f["rule"], f["location"]["cell"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("A4", "t4.review.total")]


def test_validate_warning_only_exits_0(tmp_path: Path) -> None:
    path = edited(tmp_path, SAMPLE, "normative_docs: {issued: 2,", "normative_docs: {issued: 9,")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 0
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["A6"]


# --- bad input: exit 2, a Chinese message naming the field ------------------------------------------------------


BAD_INPUTS = [
    ("negative count", "new_received: {natural_person: 9,", "new_received: {natural_person: -1,",
     "表格·表三 收到和处理政府信息公开申请情况·一、本年新收政府信息公开申请数量·自然人：应为非负整数，实为 -1"),
    ("text in a count", "new_received: {natural_person: 9,", "new_received: {natural_person: 九,",
     "表格·表三 收到和处理政府信息公开申请情况·一、本年新收政府信息公开申请数量·自然人：应为非负整数，实为 “九”"),
    ("unknown row key", "    carried_over: {natural_person: 1}", "    carried_ovr: {natural_person: 1}",
     "表格·表三 收到和处理政府信息公开申请情况·carried_ovr：未知的字段"),
    ("year 1999", "  year: 2024", "  year: 1999", "基本信息·报告年度：年度应为 2019–2100 之间的整数，实为 1999"),
    ("missing organ name", "  organ_name: 示范县青石镇人民政府\n", "", "基本信息·机关名称：缺少必填项"),
    ("empty organ name", "  organ_name: 示范县青石镇人民政府\n", '  organ_name: ""\n', "基本信息·机关名称：机关名称不能为空"),
]


@pytest.mark.parametrize(("old", "new", "message"), [case[1:] for case in BAD_INPUTS],
                         ids=[case[0] for case in BAD_INPUTS])
def test_bad_input_exits_2_naming_the_field(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = edited(tmp_path, SAMPLE, old, new)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"无法读取：{path}：有 1 处填写错误\n")
    assert f"  - {message}" in result.stderr


def test_bad_input_with_json_flag_still_exits_2(tmp_path: Path) -> None:
    path = edited(tmp_path, SAMPLE, "  year: 2024", "  year: 1999")
    result = run("validate", str(path), "--json")
    assert result.exit_code == 2
    assert "基本信息·报告年度：年度应为" in result.stderr  # stderr is for the user: the field in Chinese


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.yaml", "meta: [\n", "YAML 格式错误，第 2 行第 1 列：缺少内容（方括号、花括号或引号未闭合？）"),
    ("broken.json", '{"meta": ', "JSON 格式错误，第 1 行第 10 列"),
    ("empty.yaml", "", "文件为空"),
    ("list.yaml", "- 1\n- 2\n", "顶层应为一组键值（含 meta、tables、notes），实为一个列表"),
    ("comment-only.yaml", "# 只有注释\n", "没有内容（只有注释或空白），应为一组键值（含 meta、tables、notes）"),
])
def test_unreadable_files_exit_2(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"无法读取：{path}：")
    assert message in result.stderr


def test_missing_file_and_directory_and_encoding(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert (result.exit_code, result.stderr) == (2, f"无法读取：{tmp_path / 'nope.yaml'}：文件不存在\n")
    result = run("validate", str(tmp_path))
    assert (result.exit_code, result.stderr) == (2, f"无法读取：{tmp_path}：是目录，不是文件\n")
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("meta: {organ_name: 竹亭镇}\n".encode("gbk"))
    result = run("validate", str(gbk))
    assert result.exit_code == 2
    assert "不是 UTF-8 编码的文本文件" in result.stderr


# --- rules, schema, version ----------------------------------------------------------------------------------


def table_rows(text: str) -> dict[str, list[str]]:
    """The rows of a rich table printed with "│" borders: first cell -> the other cells, wrapped lines joined."""
    rows: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        cells = [c.strip() for c in line.strip("│").split("│")]
        if cells[0]:
            current = rows[cells[0]] = cells[1:]
        else:
            current[:] = [a + b for a, b in zip(current, cells[1:], strict=True)]
    return rows


def test_rules_lists_the_registry() -> None:
    result = run("rules")
    assert result.exit_code == 0
    rows = table_rows(result.stdout)
    assert list(rows) == [rule_label(r.id) for r in all_rules()]
    for r in all_rules():
        # id, category, severity, scope, and the whole description (long ones wrap, they are not cut)
        assert "".join(rows[rule_label(r.id)][-1].split()) == "".join(r.description.split()), r.id
    assert rows["A3"][:3] == ["勾稽关系", "错误", "表格"]
    assert rows["A5.blank"][:2] == ["完整性", "警告"]
    assert rows["他单位条目"][:2] == ["起草", "警告"]  # a drafting notice by the Chinese name its findings give
    assert result.stdout.rstrip().endswith(f"共 {len(all_rules())} 条规则")


def test_rules_id_ignores_case() -> None:
    assert run("rules", "--id", "a5.blank").stdout == run("rules", "--id", "A5.blank").stdout
    assert run("rules", "--id", "c3").stdout.startswith("C3（正文与表格，错误）：")
    # a drafting notice by the Chinese name its findings give, as by its id
    assert run("rules", "--id", "他单位条目").stdout == run("rules", "--id", "D.foreign").stdout
    assert run("rules", "--id", "他单位条目").stdout.startswith("他单位条目（起草，警告）：")


def test_schema_prints_the_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stdout == schema_text()
    schema = json.loads(result.stdout)
    assert schema["title"] == "政府信息公开工作年度报告 输入文件"
    assert schema["required"] == ["meta"]


def test_version() -> None:
    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"nianbao {__version__}\n")


def test_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 2
    assert "validate" in result.output and "rules" in result.output


def test_python_dash_m_knows_every_command() -> None:
    """Bug: ``python -m assistant.cli`` ran the app before ``config`` and ``eval`` were registered."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "assistant.cli", "eval", "--help"], capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[1], check=False)
    assert result.returncode == 0, result.stderr
    assert "drafting" in result.stdout
