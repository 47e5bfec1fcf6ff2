"""The units of a batch: found in the inputs (files, folders, rows of wide workbooks) and read into Reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.batch.summary import SUMMARY_HTML, SUMMARY_XLSX
from assistant.errors import InputError
from assistant.model import Report
from assistant.names import safe_file_name
from assistant.readers import INPUT_SUFFIXES
from assistant.readers.archive import check_package
from assistant.readers.inputfile import load_report
from assistant.workbook.read import read_wide_row, read_xlsx, wide_rows, workbook_shape


@dataclass
class Job:
    """One unit to do: where it comes from, and for a row of a wide workbook its raw cells (or the workbook's error)."""

    name: str
    dirname: str
    source: str
    path: str
    kind: str  # "file" (YAML/JSON) | "xlsx" (a unit workbook) | "row" (a row of a wide 汇总 workbook)
    values: tuple[Any, ...] | None = None  # the raw cells of a wide row (parsed by the worker)
    error_lines: list[str] | None = None
    version: int | None = None
    row: int | None = None
    batch_units: tuple[str, ...] = ()  # the names of all the batch's units, this one's among them (Document.batch_units)


def _input_files(inputs: Sequence[Path], outdir: Path) -> list[Path]:
    files: list[Path] = []
    own = {(outdir / SUMMARY_XLSX).resolve(), (outdir / SUMMARY_HTML).resolve()}  # our summary is no input
    for item in inputs:
        if not item.exists():
            raise InputError(f"{item}：文件或目录不存在")
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if (p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
                                                         or p.is_symlink() and p.is_dir())  # noted, not followed
                           and not p.name.startswith(("~$", ".")) and p.resolve() not in own)
            if not found:
                raise InputError(f"{item}：目录中没有工作簿或输入文件（{'、'.join(INPUT_SUFFIXES)}）")
            files.extend(found)
        elif item.suffix.lower() in INPUT_SUFFIXES:
            files.append(item)
        else:
            raise InputError(f"{item}：不支持的文件类型（可处理：{'、'.join(INPUT_SUFFIXES)}）")
    return files


def discover(inputs: Sequence[Path], outdir: Path) -> list[Job]:
    """The units of the inputs, in order; rows of wide workbooks are read here, other files by the workers."""

    jobs: list[Job] = []
    for path in _input_files(inputs, outdir):
        if path.is_symlink() and path.is_dir():
            jobs.append(Job(path.name, "", path.name, str(path), "row",
                            error_lines=[f"{path.name}：是指向目录的链接，未读取（请把其中的文件直接放进输入目录）"]))
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            # a link out of its folder is not followed: it could reach any file of the server
            jobs.append(Job(path.stem, "", path.name, str(path), "row",
                            error_lines=[f"{path.name}：是指向输入目录之外的链接，未读取（请复制文件本身）"]))
            continue
        if path.suffix.lower() == ".xlsx":
            try:
                check_package(path, path.name, "工作簿")
            except InputError as exc:  # a bomb is refused before anything of it is read
                jobs.append(Job(path.stem, "", path.name, str(path), "row", error_lines=error_lines(exc)))
                continue
        if path.suffix.lower() == ".xlsx" and workbook_shape(path) == "wide":
            try:
                wide = wide_rows(path)
            except InputError as exc:
                jobs.append(Job(path.stem, "", path.name, str(path), "row", error_lines=error_lines(exc)))
                continue
            if wide.error is not None:
                jobs.append(Job(path.stem, "", path.name, str(path), "row", error_lines=error_lines(wide.error)))
            for row, name, values in wide.rows:
                jobs.append(Job(name, "", f"{path.name} 第{row}行", str(path), "row", values=values,
                                version=wide.version, row=row))
        else:
            kind = "xlsx" if path.suffix.lower() == ".xlsx" else "file"
            jobs.append(Job(path.stem, "", path.name, str(path), kind))
    used: set[str] = set()
    for job in jobs:
        base = safe_file_name(job.name)
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        job.dirname = name
    batch_units = tuple(job.name for job in jobs)
    for job in jobs:
        job.batch_units = batch_units
    return jobs


def error_lines(exc: InputError) -> list[str]:
    """An input error as the lines 输入错误.txt lists (each problem, or its one message)."""
    return list(exc.problems) or [exc.message]


def load_unit(job: Job) -> tuple[Report | None, list[str] | None, Any]:
    """The unit's report, or its error lines; plus a function giving a finding's place in the source."""
    if job.kind == "row":
        if job.error_lines:
            return None, job.error_lines, None
        assert job.values is not None and job.version is not None and job.row is not None
        unit = read_wide_row(Path(job.path).name, job.version, job.row, job.name, job.values)
        if unit.error is not None:
            return None, error_lines(unit.error), None
        return unit.report, None, unit.cell_ref
    if job.kind == "xlsx":
        unit = read_xlsx(job.path)[0]
        if unit.error is not None:
            return None, error_lines(unit.error), None
        return unit.report, None, unit.cell_ref
    try:
        return load_report(job.path, job.source), None, None  # named as in 汇总, not by its path on the server
    except InputError as exc:
        return None, error_lines(exc), None
