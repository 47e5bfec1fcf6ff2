"""Old Word (.doc) and WPS (.wps) reports: converted by LibreOffice when installed (bounded in time, nothing left
behind), otherwise a Chinese message saying how to save as .docx. Reading a .doc made by LibreOffice from a drafted
report is in tests/test_readers_roundtrip.py."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import InputError
from assistant.model import Document
from assistant.readers import limits, load_document
from assistant.readers.inputfile import load_report
from assistant.render.docx import render
from tests.conftest import EXAMPLES
from tests.report_builders import build_html

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)  # the start of a Word 97-2003 / WPS file


@pytest.fixture
def no_libreoffice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("NIANBAO_SOFFICE", raising=False)


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_without_libreoffice_the_message_says_how_to_save_as_docx(tmp_path: Path, no_libreoffice: None,
                                                                  suffix: str) -> None:
    path = tmp_path / f"年报{suffix}"
    path.write_bytes(OLE)
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"无法读取：{path}：读取 .doc/.wps 文件需要 LibreOffice，本机未安装。请用 Word 或 WPS 打开该文件，"
        "“另存为”Word 文档（.docx）后再读取；或安装 LibreOffice（如 apt-get install libreoffice-writer）")


def test_a_docx_or_a_web_page_named_doc_is_read_without_libreoffice(tmp_path: Path, no_libreoffice: None) -> None:
    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    docx_named_doc = tmp_path / "a.doc"
    render(Document(report=report)).document.save(docx_named_doc)
    page_named_doc = tmp_path / "b.doc"
    page_named_doc.write_bytes(build_html(report).encode("utf-8"))
    for path in (docx_named_doc, page_named_doc):
        doc = load_document(path)
        assert [p for p in report.fmt.cell_paths() if report.tables.get(p) != doc.report.tables.get(p)] == []


def test_a_file_that_is_no_word_document(tmp_path: Path, no_libreoffice: None) -> None:
    path = tmp_path / "年报.wps"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(caught.value) == (f"{path}：不是 Word（.doc）或 WPS（.wps）文档（实为 JPEG 图片）；"
                                 "请用 Word 或 WPS 打开后另存为 .docx 再读取")


def test_a_conversion_that_hangs_is_stopped_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice stuck (a dialog, a lock): the whole process group is killed after the timeout and the temporary
    folder with the copy and the profile is removed."""
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 60 &\nsleep 60\n")
    hanging.chmod(0o755)
    monkeypatch.setenv("NIANBAO_SOFFICE", str(hanging))
    monkeypatch.setattr(limits, "CONVERT_SECONDS", 1.0)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    path = tmp_path / "年报.doc"
    path.write_bytes(OLE)
    with pytest.raises(InputError) as caught:
        load_document(path)
    assert str(caught.value) == f"{path}：LibreOffice 转换超过 1 秒，已停止"
    assert list(scratch.iterdir()) == []
