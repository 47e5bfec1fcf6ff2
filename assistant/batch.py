"""Many units at once: read, validate, draft, check and render each, concurrently and resumably.

Each unit gets ``OUTDIR/<unit>/`` with its documents and findings, and a ``manifest.json`` written last: the input
hash (``Report.content_hash`` plus the drafter) and the hash of every output. ``--resume`` skips a unit whose input
hash and outputs are unchanged. Every file is written atomically (temp file + ``os.replace``), so an interrupted run
leaves no half-written file. At the end ``OUTDIR/汇总.xlsx`` and ``汇总.html`` list every unit.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import gc
import hashlib
import html
import json
import multiprocessing
import os
import re
import signal
import threading
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from assistant import __version__
from assistant.atomic import atomic_path, atomic_write_text, remove_stale_temps
from assistant.errors import InputError, internal_error
from assistant.model import CATEGORY_LABELS, Finding, Report
from assistant.readers import INPUT_SUFFIXES
from assistant.xlsx_template import SHEET_META, SHEET_WIDE, safe_name

MANIFEST = "manifest.json"
INPUT_ERROR_FILE = "输入错误.txt"
SUMMARY_XLSX = "汇总.xlsx"
SUMMARY_HTML = "汇总.html"
SEVERITIES = ("error", "warning")

STATUS_LABELS = {
    "ok": "已生成定稿",
    "review": "有错误（未生成定稿）",
    "input_error": "输入无法读取",
    "failed": "处理出错",
}


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


@dataclass
class UnitResult:
    """What a unit came to; small and picklable (workers send it back, the manifest keeps it)."""

    name: str
    dirname: str
    source: str
    status: str  # ok | review | input_error | failed
    skipped: bool = False
    key: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # category -> severity -> n
    errors: int = 0
    warnings: int = 0
    first_error: str = ""
    files: list[str] = field(default_factory=list)  # relative to OUTDIR
    seconds: float = 0.0

    @property
    def done(self) -> bool:
        return self.status == "ok"


# --------------------------------------------------------------------------------------------------------------
# Finding the units


def _is_wide_workbook(path: Path) -> bool:
    """Whether a workbook is the wide shape (a 汇总 sheet and no 基本信息), from its sheet list only."""
    try:
        with zipfile.ZipFile(path) as zf:
            text = zf.read("xl/workbook.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    names = set(re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', text))
    return SHEET_WIDE in names and SHEET_META not in names


def _input_files(inputs: Sequence[Path], outdir: Path) -> list[Path]:
    files: list[Path] = []
    own = {(outdir / SUMMARY_XLSX).resolve(), (outdir / SUMMARY_HTML).resolve()}  # our summary is no input
    for item in inputs:
        if not item.exists():
            raise InputError(f"{item}：文件或目录不存在")
        if item.is_dir():
            found = sorted(p for p in item.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES
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
    from assistant.readers.archive import check_package
    from assistant.readers.xlsx import wide_rows

    jobs: list[Job] = []
    for path in _input_files(inputs, outdir):
        if path.is_symlink() and not path.resolve().is_relative_to(path.parent.resolve()):
            # a link out of its folder is not followed: it could reach any file of the server
            jobs.append(Job(path.stem, "", path.name, str(path), "row",
                            error_lines=[f"{path.name}：是指向输入目录之外的链接，未读取（请复制文件本身）"]))
            continue
        if path.suffix.lower() == ".xlsx":
            try:
                check_package(path, path.name, "工作簿")
            except InputError as exc:  # a bomb is refused before anything of it is read
                jobs.append(Job(path.stem, "", path.name, str(path), "row", error_lines=_error_lines(exc)))
                continue
        if path.suffix.lower() == ".xlsx" and _is_wide_workbook(path):
            try:
                wide = wide_rows(path)
            except InputError as exc:
                jobs.append(Job(path.stem, "", path.name, str(path), "row", error_lines=_error_lines(exc)))
                continue
            if wide.error is not None:
                jobs.append(Job(path.stem, "", path.name, str(path), "row", error_lines=_error_lines(wide.error)))
            for row, name, values in wide.rows:
                jobs.append(Job(name, "", f"{path.name} 第{row}行", str(path), "row", values=values,
                                version=wide.version, row=row))
        else:
            kind = "xlsx" if path.suffix.lower() == ".xlsx" else "file"
            jobs.append(Job(path.stem, "", path.name, str(path), kind))
    used: set[str] = set()
    for job in jobs:
        base = safe_name(job.name)
        name, n = base, 1
        while name.casefold() in used:
            n += 1
            name = f"{base}-{n}"
        used.add(name.casefold())
        job.dirname = name
    return jobs


def _error_lines(exc: InputError) -> list[str]:
    return list(exc.problems) or [exc.message]


# --------------------------------------------------------------------------------------------------------------
# One unit (runs in a worker process)


def input_key(report: Report, drafter: str) -> str:
    """What decides whether a unit must be redone: the report's content, the drafter, and this version."""
    return hashlib.sha256(f"{report.content_hash()}|{drafter}|{__version__}".encode()).hexdigest()[:16]


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _read_manifest(unit_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((unit_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _unchanged(unit_dir: Path, manifest: dict[str, Any] | None, key: str) -> bool:
    if not manifest or manifest.get("key") != key:
        return False
    outputs = manifest.get("outputs") or {}
    for name, digest in outputs.items():
        path = unit_dir / name
        if not path.is_file() or _file_hash(path) != digest:
            return False
    return bool(outputs)


def _remove_old_outputs(unit_dir: Path, manifest: dict[str, Any] | None, keep: Iterable[Path] = ()) -> None:
    """Outputs of an earlier run that this run did not write again (e.g. a final .docx now blocked by an error)."""
    kept = {p.name for p in keep}
    for name in (manifest or {}).get("outputs", {}):
        if name not in kept and "/" not in name and name != MANIFEST:
            with contextlib.suppress(OSError):
                (unit_dir / name).unlink()


def _load(job: Job) -> tuple[Report | None, list[str] | None, Any]:
    """The unit's report, or its error lines; plus a function giving a finding's place in the source."""
    if job.kind == "row":
        if job.error_lines:
            return None, job.error_lines, None
        from assistant.readers.xlsx import read_wide_row

        assert job.values is not None and job.version is not None and job.row is not None
        unit = read_wide_row(Path(job.path).name, job.version, job.row, job.name, job.values)
        if unit.error is not None:
            return None, _error_lines(unit.error), None
        return unit.report, None, unit.cell_ref
    if job.kind == "xlsx":
        from assistant.readers.xlsx import read_xlsx

        unit = read_xlsx(job.path)[0]
        if unit.error is not None:
            return None, _error_lines(unit.error), None
        return unit.report, None, unit.cell_ref
    from assistant.readers.inputfile import load_report

    try:
        return load_report(job.path), None, None
    except InputError as exc:
        return None, _error_lines(exc), None


def _first_error(job: Job, findings: list[Finding], report: Report, locate: Any) -> str:
    from assistant.render.findings import sort_findings

    for f in sort_findings(findings):
        if f.severity == "error" and f.status == "fail":
            ref = locate(f.location.cell) if (locate and f.location.cell) else None
            where = ref or f.location.describe(report)
            prefix = Path(job.path).name if job.kind != "row" else job.source
            return f"{prefix} {where}：{f.message}"
    return ""


def _counts(findings: list[Finding]) -> tuple[dict[str, dict[str, int]], int, int]:
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        if f.status == "fail" and f.severity in SEVERITIES:
            counts.setdefault(f.category, {}).setdefault(f.severity, 0)
            counts[f.category][f.severity] += 1
    errors = sum(c.get("error", 0) for c in counts.values())
    warnings = sum(c.get("warning", 0) for c in counts.values())
    return counts, errors, warnings


_DRAFTERS: dict[str, Any] = {}
_DRAFTERS_LOCK = threading.Lock()


def _drafter(name: str) -> Any:
    """This process's drafter of that name, made once (a model drafter keeps its client and connections)."""
    with _DRAFTERS_LOCK:
        if name not in _DRAFTERS or _DRAFTERS[name][0] != os.getpid():  # never a client from before a fork
            from assistant.drafting import get_drafter

            _DRAFTERS[name] = (os.getpid(), get_drafter(name))
        return _DRAFTERS[name][1]


@dataclass
class _Drafted:
    """A unit between its two halves: read, drafted and checked; its files not yet written."""

    job: Job
    unit_dir: Path
    manifest: dict[str, Any] | None
    result: UnitResult
    started: float
    drafter: str
    write: Callable[[], list[Path]]


def run_unit(job: Job, outdir: Path, drafter: str = "template", resume: bool = False,
             review_copy: bool = False, provenance: bool = False) -> UnitResult:
    """Read, validate, draft, check and render one unit; never raises (a failure is the unit's result)."""
    half = draft_unit(job, outdir, drafter, resume, review_copy, provenance)
    return half if isinstance(half, UnitResult) else write_unit(half)


def draft_unit(job: Job, outdir: Path, drafter: str = "template", resume: bool = False,
               review_copy: bool = False, provenance: bool = False) -> UnitResult | _Drafted:
    """The first half of a unit: read, validate, draft, check. A skipped or failed unit is already its result."""
    started = time.perf_counter()
    unit_dir = outdir / job.dirname
    result = UnitResult(job.name, job.dirname, job.source, "failed")
    try:
        unit_dir.mkdir(parents=True, exist_ok=True)
        remove_stale_temps(unit_dir)
        manifest = _read_manifest(unit_dir)
        report, error_lines, locate = _load(job)
        if report is None:
            assert error_lines
            result.status, result.first_error = "input_error", error_lines[0]
            result.errors = len(error_lines)
            result.counts = {"input": {"error": len(error_lines)}}
            text = "\n".join(error_lines) + "\n"
            return _Drafted(job, unit_dir, manifest, result, started, drafter,
                            lambda: [atomic_write_text(unit_dir / INPUT_ERROR_FILE, text)])
        key = result.key = input_key(report, drafter)
        if resume and _unchanged(unit_dir, manifest, key):
            assert manifest is not None
            with contextlib.suppress(TypeError, KeyError):  # a manifest of another shape: redo the unit
                old = UnitResult(**manifest["result"])
                old.skipped, old.seconds = True, 0.0
                return old
        from assistant.pipeline import draft_report, write_outputs
        from assistant.render.findings import has_errors

        doc, findings = draft_report(report, drafter=_drafter(drafter))
        doc.source = job.source
        result.status = "review" if has_errors(findings) else "ok"
        result.counts, result.errors, result.warnings = _counts(findings)
        result.first_error = _first_error(job, findings, report, locate)
        return _Drafted(job, unit_dir, manifest, result, started, drafter,
                        lambda: list(write_outputs(doc, findings, unit_dir, allow_errors=False,
                                                   review_copy=review_copy, provenance=provenance)))
    except Exception as exc:  # noqa: BLE001 - one bad unit never stops the batch
        return _unit_failed(result, job, exc, started)


def write_unit(half: _Drafted) -> UnitResult:
    """The second half of a unit: render and write its files, then its manifest (last)."""
    result, job, unit_dir = half.result, half.job, half.unit_dir
    try:
        written = half.write()
        _remove_old_outputs(unit_dir, half.manifest, written)
        result.files = [f"{job.dirname}/{p.name}" for p in written]
        result.seconds = round(time.perf_counter() - half.started, 3)
        manifest_data = {
            "unit": job.name, "source": job.source, "key": result.key, "drafter": half.drafter,
            "version": __version__, "finished": time.time(),
            "outputs": {p.name: _file_hash(p) for p in written},
            "result": result.__dict__,
        }
        atomic_write_text(unit_dir / MANIFEST, json.dumps(manifest_data, ensure_ascii=False, indent=1))
    except Exception as exc:  # noqa: BLE001 - one bad unit never stops the batch
        return _unit_failed(result, job, exc, half.started)
    return result


def _unit_failed(result: UnitResult, job: Job, exc: Exception, started: float) -> UnitResult:
    if isinstance(exc, InputError):
        result.status, result.first_error = "input_error", _error_lines(exc)[0]
    else:
        result.status = "failed"
        result.first_error = f"{job.source}：{internal_error(exc)}"
    result.errors = 1
    result.seconds = round(time.perf_counter() - started, 3)
    return result


# --------------------------------------------------------------------------------------------------------------
# Many units


_MAIN_PID = 0
_UNIT_THREADS = 1


def _worker_init(main_pid: int, unit_threads: int = 1, calls_in_flight: int | None = None) -> None:
    """In a pool worker: die with the main process (kill -9 included); run ``unit_threads`` units at once, with
    at most ``calls_in_flight`` model calls at a time."""
    global _MAIN_PID, _UNIT_THREADS
    _MAIN_PID, _UNIT_THREADS = main_pid, unit_threads
    if calls_in_flight:
        from assistant.drafting.llm import limit_calls_in_flight

        limit_calls_in_flight(calls_in_flight)
    with contextlib.suppress(Exception):  # Linux (glibc) only
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: SIGKILL this worker when its parent dies
    if os.getppid() != main_pid:
        os._exit(1)


def _run_chunk(jobs: list[Job], outdir: Path, drafter: str, resume: bool, review_copy: bool,
               provenance: bool = False) -> list[UnitResult]:
    def alive() -> None:
        if _MAIN_PID and os.getppid() != _MAIN_PID:
            os._exit(1)  # the main process is gone: stop rather than race a resumed run

    if _UNIT_THREADS > 1:
        # A model drafter waits on the network: several units at once, each drafting in its own thread, while one
        # writer thread renders and writes the drafted ones (so a thread's next calls don't wait for the Word file).
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="nianbao-write") as writer:
            def first_half(job: Job) -> Any:
                alive()
                half = draft_unit(job, outdir, drafter, resume, review_copy, provenance)
                return half if isinstance(half, UnitResult) else writer.submit(write_unit, half)

            with ThreadPoolExecutor(max_workers=_UNIT_THREADS, thread_name_prefix="nianbao-unit") as threads:
                halves = list(threads.map(first_half, jobs))
            results = [h if isinstance(h, UnitResult) else h.result() for h in halves]
        gc.collect()
        _trim()
        return results
    results = []
    for job in jobs:
        alive()
        results.append(run_unit(job, outdir, drafter, resume, review_copy, provenance))
        gc.collect()  # a unit's documents are cyclic garbage; collecting keeps a worker's memory flat
    return results


def _trim() -> None:
    """Give freed memory back to the system (glibc); threads leave much of it in their arenas otherwise."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _preload(drafter: str) -> None:
    """Import what a unit needs before forking, so the workers share it instead of importing it each."""
    import assistant.pipeline
    import assistant.readers.inputfile
    import assistant.readers.xlsx
    import assistant.render.docx
    import assistant.render.findings  # noqa: F401
    from assistant.drafting import get_drafter
    from assistant.rules import all_rules

    all_rules()
    with contextlib.suppress(Exception):
        get_drafter(drafter)


def _chunks(jobs: list[Job], size: int) -> Iterator[list[Job]]:
    for i in range(0, len(jobs), size):
        yield jobs[i:i + size]


def default_concurrency(drafter: str) -> int:
    """Units at once when the user names none: the cores for the CPU-bound template, 8 for a model that waits."""
    return min(os.cpu_count() or 1, 8) if drafter == "template" else 8


def iter_results(jobs: list[Job], outdir: Path, drafter: str = "template", concurrency: int = 1,
                 resume: bool = False, review_copy: bool = False, provenance: bool = False) -> Iterator[UnitResult]:
    """Run the jobs (in a process pool when ``concurrency`` > 1), yielding results as units finish."""
    _preload(drafter)
    gc.collect()
    gc.freeze()  # what is loaded now is never garbage: later collections skip it, forked workers share it
    try:
        if concurrency <= 1 or len(jobs) <= 1:
            for job in jobs:
                yield run_unit(job, outdir, drafter, resume, review_copy, provenance)
                gc.collect()
        elif drafter == "template":  # CPU-bound: one unit at a time per process
            yield from _pooled(jobs, outdir, drafter, concurrency, resume, review_copy, provenance=provenance)
        else:  # a model drafter mostly waits: as many processes as cores, the concurrency shared out as calls in
            # flight per process, and one unit thread more than that (its checks and writing overlap the calls)
            workers = min(concurrency, os.cpu_count() or 1)
            calls = -(-concurrency // workers)
            yield from _pooled(jobs, outdir, drafter, workers, resume, review_copy,
                               unit_threads=calls + UNITS_AHEAD, calls_in_flight=calls, provenance=provenance)
    finally:
        gc.unfreeze()


ChunkRunner = Callable[..., list[UnitResult]]  # (jobs, outdir, drafter, resume, review_copy[, provenance])


UNITS_AHEAD = 2  # unit threads beyond a worker's calls in flight


def _new_pool(workers: int, unit_threads: int = 1, calls_in_flight: int | None = None) -> cf.ProcessPoolExecutor:
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                                  initializer=_worker_init, initargs=(os.getpid(), unit_threads, calls_in_flight))


def _failed(job: Job, why: str) -> UnitResult:
    return UnitResult(job.name, job.dirname, job.source, "failed", errors=1, first_error=f"{job.source}：{why}")


def _pooled(jobs: list[Job], outdir: Path, drafter: str, concurrency: int, resume: bool, review_copy: bool,
            runner: ChunkRunner = _run_chunk, unit_threads: int = 1,
            calls_in_flight: int | None = None, provenance: bool = False) -> Iterator[UnitResult]:
    """Chunks of units in a process pool. A worker that dies (crash, out of memory) breaks the pool: the units it
    left unfinished are then run one at a time, each in a fresh worker, so only the unit that kills it fails."""
    size = max(1, min(4, len(jobs) // (concurrency * 8)))  # small chunks: a live progress bar, a fair spread
    if unit_threads > 1:
        size = 8 * unit_threads  # a chunk's threads wait for each other at its end: long enough to make that rare
    args: tuple[Any, ...] = (outdir, drafter, resume, review_copy) + ((provenance,) if provenance else ())
    suspects: list[Job] = []
    pool = _new_pool(concurrency, unit_threads, calls_in_flight)
    try:
        futures = {pool.submit(runner, chunk, *args): chunk for chunk in _chunks(jobs, size)}
        for fut in cf.as_completed(futures):
            try:
                yield from fut.result()
            except cf.process.BrokenProcessPool:
                suspects.extend(futures[fut])
            except Exception as exc:  # noqa: BLE001 - a chunk that raised: its units failed
                for job in futures[fut]:
                    yield _failed(job, internal_error(exc))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    for job in suspects:
        single = _new_pool(1)
        try:
            yield from single.submit(runner, [job], *args).result()
        except cf.process.BrokenProcessPool:
            yield _failed(job, "处理出错（工作进程意外退出，可能是内存不足或程序崩溃）")
        except Exception as exc:  # noqa: BLE001
            yield _failed(job, internal_error(exc))
        finally:
            single.shutdown(wait=True)


@dataclass
class BatchSummary:
    results: list[UnitResult]
    processed: int
    skipped: int
    seconds: float
    files: list[Path]

    @property
    def ok(self) -> bool:
        return all(r.done for r in self.results)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)


def run_batch(inputs: Sequence[Path], outdir: Path, drafter: str = "template", concurrency: int = 1,
              resume: bool = False, review_copy: bool = False, on_result: Callable[[UnitResult], None] | None = None,
              on_start: Callable[[int], None] | None = None, provenance: bool = False) -> BatchSummary:
    """The whole batch: find the units, run them, write 汇总.xlsx and 汇总.html. InputError for unusable inputs."""
    if drafter != "template":
        from assistant.drafting import get_drafter

        get_drafter(drafter)  # an unknown or unavailable drafter is a usage error before any unit runs
    started = time.perf_counter()
    outdir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(outdir)
    jobs = discover(inputs, outdir)
    if on_start:
        on_start(len(jobs))
    order = {job.dirname: i for i, job in enumerate(jobs)}
    results: list[UnitResult] = []
    for result in iter_results(jobs, outdir, drafter, concurrency, resume, review_copy, provenance):
        results.append(result)
        if on_result:
            on_result(result)
    results.sort(key=lambda r: order[r.dirname])
    files = write_summary(results, outdir)
    return BatchSummary(results, sum(1 for r in results if not r.skipped), sum(1 for r in results if r.skipped),
                        time.perf_counter() - started, files)


# --------------------------------------------------------------------------------------------------------------
# 汇总.xlsx and 汇总.html


def _categories(results: list[UnitResult]) -> list[str]:
    """Categories with any count, in the model's order (input errors first)."""
    seen = {c for r in results for c in r.counts}
    return [c for c in ("input", *CATEGORY_LABELS) if c in seen]


def _category_label(cat: str) -> str:
    return "输入" if cat == "input" else CATEGORY_LABELS[cat]


SUMMARY_HEADERS = ("序号", "单位", "来源", "状态", "本次", "错误", "警告")


def summary_rows(results: list[UnitResult]) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of 汇总: one row per unit, error/warning counts per category, the first error, the files."""
    cats = _categories(results)
    header = [*SUMMARY_HEADERS]
    for cat in cats:
        header += [f"{_category_label(cat)}·错误", f"{_category_label(cat)}·警告"]
    header += ["首个错误", "文件"]
    rows = []
    for i, r in enumerate(results, 1):
        row: list[Any] = [i, r.name, r.source, STATUS_LABELS[r.status], "跳过（未变）" if r.skipped else "处理",
                          r.errors, r.warnings]
        for cat in cats:
            c = r.counts.get(cat, {})
            row += [c.get("error", 0), c.get("warning", 0)]
        row += [r.first_error, r.files]
        rows.append(row)
    return header, rows


def write_summary(results: list[UnitResult], outdir: Path) -> list[Path]:
    header, rows = summary_rows(results)
    return [_summary_xlsx(header, rows, results, outdir / SUMMARY_XLSX),
            _summary_html(header, rows, results, outdir / SUMMARY_HTML)]


def _summary_xlsx(header: list[str], rows: list[list[Any]], results: list[UnitResult], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from assistant.sheet_text import as_text_cells, set_text

    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws.append(header)
    bold = Font(bold=True)
    for c in ws[1]:
        c.font, c.alignment = bold, Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.fill = PatternFill("solid", fgColor="F2F2F2")
    fills = {"ok": "E2EFDA", "review": "FCE4D6", "input_error": "F8CBAD", "failed": "F8CBAD"}
    link_font = Font(color="0563C1", underline="single")
    files_col = len(header)
    for row, r in zip(rows, results, strict=True):
        files = row[-1]
        ws.append([*row[:-1], None])
        n = ws.max_row
        as_text_cells(ws[n])  # names and messages come from the inputs: text, never formulas
        ws.cell(n, 4).fill = PatternFill("solid", fgColor=fills[r.status])
        for j, rel in enumerate(files):  # one link per cell: the files, then further columns
            cell = ws.cell(n, files_col + j)
            set_text(cell, Path(rel).name)
            cell.hyperlink = rel
            cell.font = link_font
    first_error_col = files_col - 1
    for col in range(1, files_col + 4):
        if col <= len(SUMMARY_HEADERS):
            width = (6, 18, 24, 20, 12, 7, 7)[col - 1]
        else:
            width = 60 if col == first_error_col else 28 if col >= files_col else 9
        ws.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for row_cells in ws.iter_rows(min_row=2, min_col=first_error_col, max_col=first_error_col):
        row_cells[0].alignment = wrap
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(files_col - 1)}{max(1, ws.max_row)}"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path


def _summary_html(header: list[str], rows: list[list[Any]], results: list[UnitResult], path: Path) -> Path:
    esc = html.escape
    done = sum(1 for r in results if r.done)
    head = "".join(f"<th>{esc(h)}</th>" for h in header)
    body = []
    for row, r in zip(rows, results, strict=True):
        cells = [f"<td>{esc(str(v))}</td>" for v in row[:-1]]
        links = "<br>".join(f'<a href="{quote(rel)}">{esc(Path(rel).name)}</a>' for rel in row[-1])
        body.append(f'<tr class="{r.status}">{"".join(cells)}<td>{links}</td></tr>')
    text = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>批量起草汇总</title>
<style>
body{{font-family:"Microsoft YaHei","PingFang SC",sans-serif;margin:1.5em}}
table{{border-collapse:collapse;font-size:13px}}
th,td{{border:1px solid #999;padding:3px 6px;vertical-align:top}}
th{{background:#f2f2f2;position:sticky;top:0}}
tr.ok td:nth-child(4){{background:#e2efda}} tr.review td:nth-child(4){{background:#fce4d6}}
tr.input_error td:nth-child(4),tr.failed td:nth-child(4){{background:#f8cbad}}
</style></head><body>
<h1>批量起草汇总</h1>
<p>共 {len(results)} 个单位，已生成定稿 {done} 个，未生成定稿 {len(results) - done} 个。</p>
<table><thead><tr>{head}</tr></thead><tbody>
{chr(10).join(body)}
</tbody></table></body></html>
"""
    return atomic_write_text(path, text)


__all__ = ["Job", "UnitResult", "BatchSummary", "discover", "run_unit", "iter_results", "run_batch",
           "write_summary", "summary_rows", "input_key", "STATUS_LABELS"]
