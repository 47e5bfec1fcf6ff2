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

    if not paths:
        raise InputError("请先上传工作簿、输入文件或 zip")
    with scratch_folder("nianbao-batch-") as work:
        inputs, outdir = work / "inputs", work / "输出"
        inputs.mkdir()
        _unpack(paths, inputs)
        done = {"n": 0, "total": 0}

        def on_start(total: int) -> None:
            done["total"] = total
            if progress is not None:
                progress((0, total), desc="批量起草")

        def on_result(_result: Any) -> None:
            done["n"] += 1
            if progress is not None:
                progress((done["n"], done["total"]), desc="批量起草")

        summary = run_batch([inputs], outdir, drafter=drafter, concurrency=1, on_result=on_result,
                            on_start=on_start)
        archive = keep_for_download(Path(shutil.make_archive(str(work / "年报批量结果"), "zip", outdir)))
    finished = sum(1 for r in summary.results if r.done)
    failed = len(summary.results) - finished
    return archive, f"共 {len(summary.results)} 个单位：{finished} 个生成正式文档，{failed} 个未通过（见压缩包中的 汇总.html）"
