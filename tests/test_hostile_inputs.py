"""Hostile inputs (generated here, nothing stored): each is refused with a Chinese message naming the limit, exit 2,
under 500 MB of memory in the child that reads it, and nothing written outside the case's own folder.

Times are printed (``-s``), never asserted. ``python -m tests.hostile_inputs`` prints the same cases as a table.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.readers import archive, limits
from assistant.readers.inputfile import load_data
from tests import hostile_inputs as h

MAX_PEAK_MB = 500
PYTHON_WORDS = re.compile(r"Traceback|\w+(Error|Exception)\b|Expecting |invalid literal|recursion")


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize(("case_id", "what", "build", "words"), h.CASES, ids=[c[0] for c in h.CASES])
def test_cli_refuses_hostile_input(tmp_path: Path, case_id: str, what: str, build: object, words: str) -> None:
    folder = tmp_path / "case"
    result = h.run_case(build, folder, dict(os.environ), timeout=300)
    print(f"\n{case_id}: exit {result.exit}, {result.peak_mb:.0f} MB, {result.seconds:.1f} s — {what}")
    message = result.stderr.strip()
    assert result.exit == 2, message
    assert words in message
    assert message.startswith("无法读取：a."), message  # names the file (as the user gave it)
    assert not PYTHON_WORDS.search(message), message
    assert result.peak_mb < MAX_PEAK_MB
    assert not list((folder / "tmp").iterdir()), "nothing left in the temp dir"
    written = {f for f in _files(folder) if not f.startswith("a.") and f != "tmp"}
    assert written == set(), f"nothing written beside the input: {written}"


# --------------------------------------------------------------------------------------------------------------
# The scanner itself, at chunk boundaries


def test_tokens_and_text_runs_are_measured_across_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive, "CHUNK", 7)  # every comment and text node straddles many chunks
    members = h.docx_members()
    decl, body, close = h.xml_split(members["word/document.xml"])
    small = b"".join(b"<!-- " + b"k" * 1000 + b" -->" for _ in range(50))  # many small comments: fine
    ok = h.write_zip(tmp_path / "ok.docx", {**members, "word/document.xml": decl + small + body + close})
    archive.check_package(ok, "ok.docx", "Word 文件")
    big = h.random_comment(limits.MAX_XML_TOKEN_BYTES + 10)
    bad = h.write_zip(tmp_path / "bad.docx", {**members, "word/document.xml": decl + big + body + close})
    with pytest.raises(InputError, match="注释超过 64 KB"):
        archive.check_package(bad, "bad.docx", "Word 文件")
    cdata = b"<![CDATA[" + b"x<" * (limits.MAX_XML_TOKEN_BYTES // 2 + 10) + b"]]>"
    bad = h.write_zip(tmp_path / "cdata.docx", {**members, "word/document.xml": decl + body + cdata + close})
    with pytest.raises(InputError, match="CDATA 段超过"):
        archive.check_package(bad, "cdata.docx", "Word 文件")


def test_a_long_text_node_is_refused(tmp_path: Path) -> None:
    import random

    rng = random.Random(1)
    text = bytes(rng.choice(b"abcdefgh ") for _ in range(limits.MAX_XML_TEXT_BYTES + 10))
    path = h.docx_with_body(tmp_path / "a.docx", b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>")
    with pytest.raises(InputError, match="一段文字或标记超过 1 MB"):
        archive.check_package(path, "a.docx", "Word 文件")


def test_utf16_parts_cannot_hide_a_doctype(tmp_path: Path) -> None:
    members = h.docx_members()
    part = h.entity_part(members["word/document.xml"], "xxe").decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = h.write_zip(tmp_path / "a.docx", {**members, "word/document.xml": part.encode("utf-16")})
    with pytest.raises(InputError, match="不是 UTF-8 编码的 XML"):
        archive.check_package(path, "a.docx", "Word 文件")


def test_our_own_documents_and_workbooks_pass_the_checks(tmp_path: Path) -> None:
    from assistant.pipeline import draft_report, write_outputs
    from assistant.readers.inputfile import load_report
    from assistant.workbook.write import write_templates

    report = load_report(Path("examples/zhuting-2020.yaml"))
    doc, findings = draft_report(report, "template")
    written = write_outputs(doc, findings, tmp_path, allow_errors=True, review_copy=True)
    packages = [p for p in written if p.suffix == ".docx"] + write_templates(tmp_path / "t.xlsx", version=2021)
    assert len(packages) >= 3
    for path in packages:
        archive.check_package(path, path.name, "文件")


# --------------------------------------------------------------------------------------------------------------
# YAML and JSON bounds, in process


def test_yaml_aliases_within_the_bound_still_work(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(h.VALID_YAML + "notes:\n  proactive:\n    - &n 公开了制度文件\n    - *n\n", encoding="utf-8")
    assert load_data(path)["notes"]["proactive"] == ["公开了制度文件", "公开了制度文件"]


def test_a_recursive_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("a: &a [*a]\n", encoding="utf-8")
    with pytest.raises(InputError, match="引用了自身|别名"):
        load_data(path)


def test_nesting_at_the_bound_is_read(tmp_path: Path) -> None:
    depth = limits.MAX_NESTING - 1
    (tmp_path / "ok.json").write_text("[" * depth + "]" * depth, encoding="utf-8")
    load_data(tmp_path / "ok.json")
    (tmp_path / "ok.yaml").write_text("[" * depth + "]" * depth, encoding="utf-8")
    load_data(tmp_path / "ok.yaml")
    deeper = limits.MAX_NESTING + 1
    (tmp_path / "no.json").write_text("[" * deeper + "]" * deeper, encoding="utf-8")
    with pytest.raises(InputError, match="嵌套超过 100 层"):
        load_data(tmp_path / "no.json")


@pytest.mark.parametrize(("text", "expected"), [
    ("meta:\n  year: 2020\n organ: x\n", "第 3 行第 2 列"),
    ("meta: {year: 2020\n", "花括号"),
    ("meta:\n\t- 1\n", "制表符"),
    ('meta: "abc\n', "未闭合"),
    ("a: *nothing\n", "未定义的别名"),
    ("a: 1\n---\nb: 2\n", "只能有一个文档"),
    ("a: !!python/object:os.system x\n", "不支持的标签"),
])
def test_yaml_errors_are_chinese_with_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_data(path, "a.yaml")
    message = str(err.value)
    assert expected in message
    assert re.search(r"第 \d+ 行第 \d+ 列", message)
    assert not re.search(r"[A-Za-z]{4,}", message.replace("a.yaml", "").replace("YAML", "")), message


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": 1,}', "第 1 行第 9 列：键应写在双引号中"),
    ('{"a" 1}', "第 1 行第 6 列：缺少冒号"),
    ('{"a": [1 2]}', "第 1 行第 10 列：缺少逗号"),
    ('{"a": "x', "引号未闭合"),
    ('{"a": 1}\n{"b": 2}', "第 2 行第 1 列：数据结束后还有多余内容"),
    ('{"a": tru}', "此处应有一个值"),
])
def test_json_errors_are_chinese_with_line_and_column(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_data(path, "a.json")
    assert expected in str(err.value)
    assert not re.search(r"[A-Za-z]{4,}", str(err.value).replace("a.json", "").replace("JSON", ""))


# --------------------------------------------------------------------------------------------------------------
# Batch: names with "=", "../" and shell characters; symlinks out of the folder; a workbook bomb among good units


HOSTILE_NAMES = ["=1+1", "=HYPERLINK(\"例子\",\"点我\")", "+SUM(1)", "-2", "@A1", "$(touch 被执行)", "a;rm -rf ~",
                 "`id`"]


def test_batch_with_hostile_names_writes_text_cells_and_nothing_outside(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "tmp").mkdir()
    inputs = folder / "inputs"
    inputs.mkdir()
    for name in HOSTILE_NAMES:
        (inputs / f"{name}.yaml").write_text(h.VALID_YAML.replace("竹亭镇人民政府", name + "人民政府"), encoding="utf-8")
    secret = tmp_path / "outside.yaml"
    secret.write_text(h.VALID_YAML, encoding="utf-8")
    (inputs / "link.yaml").symlink_to(secret)
    secret_folder = tmp_path / "outside"
    secret_folder.mkdir()
    (secret_folder / "另一个.yaml").write_text(h.VALID_YAML, encoding="utf-8")
    (inputs / "目录链接").symlink_to(secret_folder, target_is_directory=True)
    h._xlsx(inputs, "bomb.xlsx", {"xl/workbook.xml": h.bomb_part(h._xl_part("xl/workbook.xml"), h.GiB)})
    before = _files(folder)
    result = h.run_measured(h.cli("batch", "inputs", "-o", "out"), folder,
                            {**os.environ, "TMPDIR": str(folder / "tmp")})
    print(f"\nbatch with hostile names: exit {result.exit}, {result.peak_mb:.0f} MB, {result.seconds:.1f} s")
    assert result.exit == 1  # some units did not pass (the batch's own exit code); none crashed
    assert "Traceback" not in result.stderr + result.stdout
    assert result.peak_mb < MAX_PEAK_MB
    new = {f for f in _files(folder) - before if not f.startswith("out")}
    assert new == set(), new
    assert not (folder / "被执行").exists()
    sheet = load_workbook(folder / "out" / "汇总.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no formula in 汇总.xlsx"
    texts = {c.value for c in cells}
    for name in HOSTILE_NAMES:
        assert any(isinstance(t, str) and t.startswith(name) for t in texts), name
    with zipfile.ZipFile(folder / "out" / "汇总.xlsx") as zf:
        sheet_xml = zf.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    rows = {str(r[2].value): [str(c.value) for c in r] for r in sheet.iter_rows(min_row=2)}  # by 来源: unread inputs have no 单位
    assert any("指向输入目录之外的链接" in " ".join(v) for v in rows.values()), rows
    assert "目录链接：是指向目录的链接，未读取（请把其中的文件直接放进输入目录）" in rows["目录链接"], rows["目录链接"]
    assert any("上限" in " ".join(v) for v in rows.values()), "the bomb is refused by its limit"


def test_an_unexpected_failure_ends_in_chinese_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import assistant.readers.inputfile
    from assistant.cli import app

    def deep(_path: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(assistant.readers.inputfile, "load_report", deep)
    monkeypatch.delenv("NIANBAO_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        app(["validate", str(tmp_path / "a.yaml")])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "无法完成：处理出错（内容嵌套过深）" in err
    assert not PYTHON_WORDS.search(err), err


def test_long_sections_and_openings_of_real_reports_are_read(tmp_path: Path) -> None:
    from assistant.readers import load_document

    plain = load_document(h._text(tmp_path, "原文.txt", h.with_paragraphs("一、总体情况", 0))).draft
    section = load_document(h._text(tmp_path, "长部分.txt", h.with_paragraphs("一、总体情况", 80))).draft
    opening = load_document(h._text(tmp_path, "长开头.txt", h.with_paragraphs("", 80))).draft
    assert plain is not None and section is not None and opening is not None
    overview, before = section.section("overview"), plain.section("overview")
    assert overview is not None and before is not None
    assert len(overview.paragraphs) == len(before.paragraphs) + 80
    assert overview.paragraphs[0] == "（1）本段说明第1项工作的推进情况。"
    assert len(opening.preamble) == len(plain.preamble) + 80


def test_file_names_from_unit_names_are_visible_single_lines() -> None:
    from assistant.names import safe_file_name, visible_single_line

    assert safe_file_name("竹亭镇\u202e府政民人") == "竹亭镇府政民人"
    assert safe_file_name("\ufeff竹亭镇\u200b人民政府\n") == "竹亭镇人民政府"
    assert safe_file_name("../甲镇:乙\u2028丙") == "甲镇_乙_丙"
    assert safe_file_name("\u202e\u200b") == "未命名"
    assert visible_single_line("竹亭镇\u2029人民\u200d政府") == "竹亭镇 人民政府"


def test_a_bidi_override_in_a_read_report_title_is_not_kept_in_the_organ_name(tmp_path: Path) -> None:
    from assistant.readers import load_document

    text = h.with_paragraphs("一、总体情况", 0).replace("竹亭镇2020年度", "竹亭镇\u202e\u200b2020年度", 1)
    doc = load_document(h._text(tmp_path, "报告.txt", text))
    assert "\u202e" not in doc.report.meta.organ_name and "\u200b" not in doc.report.meta.organ_name
