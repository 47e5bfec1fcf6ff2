"""Everything the CLI's text output shows a user is Chinese: no drafting notice's id (D.foreign) and no input field
path (notes.oversight), on the inputs of the outside reviewer of session 9 (review9 item 21). Rule ids such as C3 or
A5.blank stay: ``nianbao rules`` lists them. ``--json`` is for programs and keeps ids and paths."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app

REVIEW = Path(__file__).parent / "fixtures" / "review-2026"
INPUTS = ("02-zhuting", "06-street-zero", "07-clerk-notes")
IDENTIFIER = re.compile(r"[A-Za-z]+\.[a-z_]+")  # D.foreign, notes.oversight, meta.sign_date
FILE_NAME = re.compile(r"[^\s：；，]+\.(?:docx|json|xlsx|html|yaml)\b")  # the files written or read, named as they are

runner = CliRunner()


def shown(output: str) -> str:
    """The output without the names of files (a file is named as it is on disk)."""
    return FILE_NAME.sub("", output)


@pytest.mark.parametrize("name", INPUTS)
def test_draft_check_and_validate_show_no_internal_names(tmp_path, name):
    source = REVIEW / f"{name}.yaml"
    drafted = runner.invoke(app, ["draft", str(source), "-o", str(tmp_path)])
    assert drafted.exit_code in (0, 1), drafted.output
    assert IDENTIFIER.findall(shown(drafted.output)) == []
    document = next(p for p in tmp_path.glob("*.docx") if "审阅稿" not in p.name)
    checked = runner.invoke(app, ["check", str(document)])
    assert IDENTIFIER.findall(shown(checked.output)) == []
    validated = runner.invoke(app, ["validate", str(source)])
    assert IDENTIFIER.findall(shown(validated.output)) == []


def test_batch_shows_no_internal_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(REVIEW / f"{name}.yaml", folder / f"{name}.yaml")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1  # 02 has gaps: no final document
    assert IDENTIFIER.findall(shown(result.output)) == []


def test_the_findings_name_fields_and_notices_in_chinese(tmp_path):
    gaps = runner.invoke(app, ["draft", str(REVIEW / "02-zhuting.yaml"), "-o", str(tmp_path / "02")]).output.splitlines()
    assert gaps[1:5] == [
        "[错误·不符] G1 完整性 | 一、总体情况 第11段",
        "    缺少工作考核结果情况，正文中为“〔待补：工作考核结果情况〕”",
        "    期望：工作考核结果情况；实际：〔待补：工作考核结果情况〕",
        "    建议：在输入文件的“简要情况·监督保障”中填写后重新起草，或在定稿前补写",
    ]
    assert "    建议：在输入文件的“基本信息·落款日期”中填写后重新起草，或在定稿前补写" in gaps
    foreign = runner.invoke(app, ["draft", str(with_another_towns_note(tmp_path)), "-o", str(tmp_path / "07")])
    assert foreign.output.splitlines()[1:3] == [
        "[警告·不符] 他单位条目 起草 | 全文",
        "    说明中的“白马镇政府在便民服务中心设置查阅点”写的是“白马镇”，不是本机关（示范县长岭镇人民政府），未写入正文",
    ]


def with_another_towns_note(tmp_path):
    """The reviewer's 07 with its 平台建设 note "新建便民服务中心政务公开专区" replaced by another town's (the reviewer's own
    other-organ case, "制定镇政府规范性文件1件", was the drafter's misreading of 制定 + 镇政府, since mended)."""
    text = (REVIEW / "07-clerk-notes.yaml").read_text(encoding="utf-8")
    assert "    - 新建便民服务中心政务公开专区\n" in text
    path = tmp_path / "07-another-town.yaml"
    path.write_text(text.replace("    - 新建便民服务中心政务公开专区\n", "    - 白马镇政府在便民服务中心设置查阅点\n"),
                    encoding="utf-8")
    return path


def test_json_keeps_the_ids_for_programs(tmp_path):
    runner.invoke(app, ["draft", str(with_another_towns_note(tmp_path)), "-o", str(tmp_path)])
    data = json.loads(next(tmp_path.glob("*.findings.json")).read_text(encoding="utf-8"))
    assert [f["rule"] for f in data["findings"]] == ["D.foreign"]


def test_every_drafting_notice_has_a_chinese_name():
    """A drafting notice added later must not reach the user by its id."""
    from assistant.model import DRAFTING_NOTICE_LABELS
    from assistant.rules import all_rules

    assert sorted(r.id for r in all_rules() if r.id.startswith("D.")) == sorted(DRAFTING_NOTICE_LABELS)
    assert all(not IDENTIFIER.search(label) for label in DRAFTING_NOTICE_LABELS.values())


def test_a_finding_on_a_whole_table_names_it_in_chinese(tmp_path):
    """Bug: ``validate`` of a 2019 report on the 2021 tables showed F1's place as "F1 格式 | t2"."""
    source = tmp_path / "y2019.yaml"
    sample = (Path(__file__).parent.parent / "examples" / "sample-town-2024.yaml").read_text(encoding="utf-8")
    source.write_text(sample.replace("  year: 2024\n", "  year: 2019\n").replace("2025-01-20", "2020-01-20"),
                      encoding="utf-8")
    result = runner.invoke(app, ["validate", str(source)])
    assert result.exit_code == 1
    assert result.output.splitlines()[1:3] == [
        "[错误·不符] F1 格式 | 表二",
        "    2019年度报告应使用2019年版格式（国办公开办函〔2019〕60号），表格为2021年版",
    ]


@pytest.mark.parametrize(("cell", "shown_as"), [
    ("t2", "表二"),
    ("t4", "表四"),
    ("t3.result_total.total", "表三 （七）总计「总计」"),
    ("t3.result_total", "表三 收到和处理政府信息公开申请情况·（七）总计"),
    ("meta.sign_date", "基本信息·落款日期"),
    ("meta.format_version", "基本信息·表格格式"),
    ("other_figures.processing_fee_yuan", "其他数字·本年收取信息处理费（元）"),
])
def test_every_place_a_finding_points_at_is_named_in_chinese(cell, shown_as):
    from assistant.model import Location
    from assistant.readers.inputfile import load_report

    report = load_report(Path(__file__).parent.parent / "examples" / "sample-town-2024.yaml")
    assert Location(cell=cell).describe(report) == shown_as
    assert Location(cell=cell).describe() == shown_as  # without the report: the current format's names
