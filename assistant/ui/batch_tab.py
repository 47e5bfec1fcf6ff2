"""The 批量 tab: uploaded workbooks, input files or a zip -> a batch run -> one zip with every unit and 汇总."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from assistant.errors import InputError
from assistant.readers import INPUT_SUFFIXES
from assistant.readers.archive import extract_members
from assistant.ui.tempfiles import keep_for_download, scratch_folder

ACCEPTED = INPUT_SUFFIXES  # the batch drafts from input files and workbooks
MAX_ZIP_MEMBERS = 2000


def _unpack(paths: list[str], into: Path) -> None:
    """Copy the uploads into one folder; a zip is unpacked under the bounds of readers/limits (only the accepted
    kinds of file, base names only: no path tricks)."""
    for name in paths:
        path = Path(name)
        if path.suffix.lower() == ".zip":
            extract_members(path, path.name, ACCEPTED, MAX_ZIP_MEMBERS, lambda base: _free_name(into, base))
        elif path.suffix.lower() in ACCEPTED:
            shutil.copy(path, _free_name(into, path.name))
        else:
            raise InputError(f"{path.name}：不支持的文件类型（可上传 {'、'.join(ACCEPTED)} 或 .zip）")


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3`` … when taken (same-named files from different folders of a zip)."""
    target, n = folder / name, 1
    while target.exists():
        n += 1
        target = folder / f"{Path(name).stem}-{n}{Path(name).suffix}"
    return target


def batch_zip(paths: list[str], progress: Any = None, drafter: str = "template") -> tuple[Path, str]:
    """Run a batch over the uploads; returns the zip of the output folder and a Chinese summary line."""
    from assistant.batch import run_batch
    from assistant.batch.summary import SUMMARY_HTML, SUMMARY_XLSX, summary_text
    from assistant.batch.work import MANIFEST

    if not paths:
        raise InputError("请先上传工作簿、输入文件或 zip")
    with scratch_folder("nianbao-batch-") as work:
        inputs, outdir = work / "inputs", work / "输出"
        inputs.mkdir()
        _unpack(paths, inputs)
        if not any(inputs.iterdir()):  # only zips can bring nothing: other uploads are copied or refused
            raise InputError("压缩包中没有工作簿或输入文件（.xlsx、.yaml、.yml、.json；压缩包里的压缩包不会展开）")
        done = {"n": 0, "total": 0}

        def on_start(total: int) -> None:
            done["total"] = total
            if progress is not None:
                progress((0, total), desc="批量起草", unit="个单位")

        def on_result(_result: Any) -> None:
            done["n"] += 1
            if progress is not None:
                progress((done["n"], done["total"]), desc="批量起草", unit="个单位")

        summary = run_batch([inputs], outdir, drafter=drafter, concurrency=1, on_result=on_result,
                            on_start=on_start)
        for manifest in outdir.rglob(MANIFEST):  # the batch's resume bookkeeping, not for the reader of the zip
            manifest.unlink()
        archive = keep_for_download(Path(shutil.make_archive(str(work / "年报批量结果"), "zip", outdir)))
    return archive, summary_text(summary, f"压缩包中的 {SUMMARY_XLSX}、{SUMMARY_HTML}", short=True)


def batch_reports(paths: list[str]) -> list[str]:
    """The units of a batch's uploads as reports (JSON), read before the uploads are discarded: what
    :func:`add_to_workspace` adds. A file that cannot be read is left out (the batch's 汇总 names it)."""
    from assistant.readers.inputfile import load_report
    from assistant.workbook.read import load_workbook_reports

    reports: list[str] = []
    with scratch_folder("nianbao-batch-add-") as work:
        _unpack(paths, work)
        for path in sorted(work.iterdir()):
            try:
                found = load_workbook_reports(path) if path.suffix.lower() == ".xlsx" else [load_report(path)]
            except InputError:
                continue
            reports += [r.model_dump_json() for r in found]
    return reports


def add_to_workspace(ws: Any, user: str, reports: list[str], drafter: str = "template") -> tuple[list[str], list[str]]:
    """The batch's units as workspace units of ``user``, each drafted as in the batch; a unit already in the
    workspace is left as it is. Returns the labels added and the labels skipped."""
    from assistant.model import Report
    from assistant.ui import handlers

    if not reports:
        raise InputError("请先批量起草，再把结果加入工作区")
    added: list[str] = []
    skipped: list[str] = []
    for data in reports:
        report = Report.model_validate_json(data)
        try:
            unit = ws.create(user, report)
        except InputError:
            skipped.append(f"{report.meta.organ_name} {report.meta.year}年度")
            continue
        handlers.draft_unit(ws, user, unit.id, drafter)
        added.append(unit.label)
    return added, skipped
