"""read_checked: the file checks every reader shares, with the limit and the name each reader gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.readers.existing import MAX_REPORT_BYTES, check_file
from assistant.readers.files import read_checked
from assistant.readers.inputfile import MAX_INPUT_BYTES, load_data


def _message(call, path: Path) -> str:  # noqa: ANN001
    with pytest.raises(InputError) as err:
        call(path)
    return str(err.value)


def test_missing_directory_and_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for call in (check_file, load_data, lambda p: read_checked(p, 10, "文件")):
        assert _message(call, tmp_path / "nope.txt") == f"{tmp_path / 'nope.txt'}：文件不存在"
        assert _message(call, tmp_path) == f"{tmp_path}：是目录，不是文件"
        assert _message(call, empty) == f"{empty}：文件为空"


def test_each_reader_keeps_its_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(MAX_INPUT_BYTES + 1)
    assert _message(load_data, big) == f"{big}：文件过大（5 MB），输入文件不应超过 5 MB"
    assert check_file(big) == b"\0" * (MAX_INPUT_BYTES + 1)
    with big.open("wb") as out:
        out.truncate(MAX_REPORT_BYTES + 1)
    assert _message(check_file, big) == f"{big}：文件过大（20 MB），年度报告文件不应超过 20 MB"


def test_returns_the_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("竹亭镇".encode())
    assert read_checked(path, 9, "输入文件") == "竹亭镇".encode()
    with pytest.raises(InputError, match="文件过大"):
        read_checked(path, 8, "输入文件")


def test_workbooks_get_the_same_checks(tmp_path: Path) -> None:
    # The xlsx reader had its own checks: a folder or an empty file named .xlsx gave "无法作为 Excel 工作簿（.xlsx）打开
    # （IsADirectoryError/BadZipFile）", and an oversized one no limit.
    from assistant.workbook.read import MAX_WORKBOOK_BYTES, load_xlsx_report

    folder = tmp_path / "dir.xlsx"
    folder.mkdir()
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    big = tmp_path / "big.xlsx"
    with big.open("wb") as out:
        out.truncate(MAX_WORKBOOK_BYTES + 1)
    assert _message(load_xlsx_report, tmp_path / "nope.xlsx") == "nope.xlsx：文件不存在"
    assert _message(load_xlsx_report, folder) == "dir.xlsx：是目录，不是文件"
    assert _message(load_xlsx_report, empty) == "empty.xlsx：文件为空"
    assert _message(load_xlsx_report, big) == "big.xlsx：文件过大（50 MB），工作簿不应超过 50 MB"
