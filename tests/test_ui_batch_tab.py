"""The 批量 tab's work without a browser: uploads (a zip with folders) -> a batch run -> one zip with 汇总."""

from __future__ import annotations

import zipfile

import pytest

from assistant.errors import InputError
from assistant.ui.batch_tab import batch_zip
from tests.conftest import EXAMPLES


def test_same_named_files_in_different_folders_are_all_drafted(tmp_path):
    """Bug: files were unpacked by their bare name, so a/年报.yaml and b/年报.yaml left a single unit."""
    upload = tmp_path / "县.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        archive.write(EXAMPLES / "zhuting-2020.yaml", "竹亭镇/年报.yaml")
        archive.write(EXAMPLES / "sample-town-2024.yaml", "青石镇/年报.yaml")
        archive.writestr("说明.docx", b"not an input")
    result, summary = batch_zip([str(upload)])
    assert summary.startswith("共 2 个单位：")
    with zipfile.ZipFile(result) as archive:
        names = archive.namelist()
    assert any(n.endswith("袁州区竹亭镇人民政府2020年政府信息公开工作年度报告.findings.json") for n in names)
    assert any("汇总" in n for n in names)


def test_nothing_uploaded_or_a_wrong_kind_is_named(tmp_path):
    with pytest.raises(InputError, match="请先上传"):
        batch_zip([])
    bad = tmp_path / "年报.pdf"
    bad.write_bytes(b"%PDF")
    with pytest.raises(InputError, match="年报.pdf：不支持的文件类型"):
        batch_zip([str(bad)])


def test_the_tab_and_the_cli_summarise_a_batch_alike(tmp_path):
    """One summary formatter: the tab's line is the CLI's first line, then where 汇总 is."""
    from typer.testing import CliRunner

    from assistant.cli import app

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "青石镇.yaml").write_bytes((EXAMPLES / "sample-town-2024.yaml").read_bytes())
    (folder / "坏镇.yaml").write_text("meta: [\n", encoding="utf-8")
    _archive, line = batch_zip([str(folder / "青石镇.yaml"), str(folder / "坏镇.yaml")])
    assert line == ("共 2 个单位：已生成定稿 1 个，输入无法读取 1 个；"
                    "未生成定稿：坏镇.yaml（输入无法读取：坏镇.yaml：YAML 格式错误，第 2 行第 1 列：缺少内容（方括号、花括号或引号未闭合？））；"
                    "汇总：压缩包中的 汇总.xlsx、汇总.html")  # the unit left without a final document is named, with why
    printed = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
    assert printed.exit_code == 1
    assert printed.stdout.splitlines()[0] == line.split("；")[0]
