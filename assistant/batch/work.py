"""One unit's work (in a worker process): read, validate, draft, check and render it, then write its files and,
last, its ``manifest.json`` (what ``--resume`` compares). A failure is the unit's result, never the batch's."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import __version__
from assistant.atomic import atomic_write_text, remove_stale_temps
from assistant.batch.units import Job, error_lines, load_unit
from assistant.errors import InputError, internal_error
from assistant.model import Finding, Report

MANIFEST = "manifest.json"
INPUT_ERROR_FILE = "输入错误.txt"
SEVERITIES = ("error", "warning")


@dataclass
class UnitResult:
    """What a unit came to; small and picklable (workers send it back, the manifest keeps it)."""

    name: str  # the unit's name in the batch: the input file's stem, or a wide workbook row's unit name
    dirname: str
    source: str  # the input file (and row), as 汇总's 来源 names it
    status: str  # ok | review | input_error | failed
    organ: str = ""  # the organ's name from the input (meta.organ_name): 汇总's 单位; "" when the input was not read
    skipped: bool = False
    key: str | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # category -> severity -> n
    errors: int = 0
    warnings: int = 0
    first_error: str = ""
    files: list[str] = field(default_factory=list)  # relative to OUTDIR
    seconds: float = 0.0
    masked_text: str = ""  # the narrative with names and numbers masked, for 内容雷同 across units
    signature: list[int] = field(default_factory=list)  # its MinHash signature (assistant.similarity)

    @property
    def done(self) -> bool:
        return self.status == "ok"


def input_key(report: Report, drafter: str, batch_units: tuple[str, ...] = ()) -> str:
    """What decides whether a unit must be redone: the report's content, the drafter, this version, and the batch's
    units (a unit added to the batch can make another's platform name certainly copied)."""
    units = "、".join(sorted(batch_units))
    return hashlib.sha256(f"{report.content_hash()}|{drafter}|{__version__}|{units}".encode()).hexdigest()[:16]


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


def finished_since(jobs: Iterable[Job], outdir: Path, since: float) -> int:
    """How many of the jobs' units wrote their manifest (their last file) at or after ``since`` (time.time())."""
    finished = 0
    for job in jobs:
        manifest = _read_manifest(outdir / job.dirname)
        when = (manifest or {}).get("finished")
        finished += isinstance(when, int | float) and when >= since
    return finished


def _names_the_organ(manifest: dict[str, Any] | None) -> bool:
    """Whether a manifest's result names the organ (those written before 汇总 named units by their organ do not)."""
    result = (manifest or {}).get("result")
    return isinstance(result, dict) and bool(result.get("organ"))


def _remove_old_outputs(unit_dir: Path, manifest: dict[str, Any] | None, keep: Iterable[Path] = ()) -> None:
    """Outputs of an earlier run that this run did not write again (e.g. a final .docx now blocked by an error)."""
    kept = {p.name for p in keep}
    for name in (manifest or {}).get("outputs", {}):
        if name not in kept and "/" not in name and name != MANIFEST:
            with contextlib.suppress(OSError):
                (unit_dir / name).unlink()


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
        report, error_lines, locate = load_unit(job)
        if report is None:
            assert error_lines
            if job.kind == "row" and job.values is not None:
                result.organ = job.name  # the unit the row names, though its cells could not be read
            result.status, result.first_error = "input_error", error_lines[0]
            result.errors = len(error_lines)
            result.counts = {"input": {"error": len(error_lines)}}
            text = "\n".join(error_lines) + "\n"
            return _Drafted(job, unit_dir, manifest, result, started, drafter,
                            lambda: [atomic_write_text(unit_dir / INPUT_ERROR_FILE, text)])
        result.organ = report.meta.organ_name
        key = result.key = input_key(report, drafter, job.batch_units)
        if resume and _unchanged(unit_dir, manifest, key) and _names_the_organ(manifest):
            assert manifest is not None
            with contextlib.suppress(TypeError, KeyError):  # a manifest of another shape: redo the unit
                old = UnitResult(**manifest["result"])
                old.skipped, old.seconds = True, 0.0
                return old
        from assistant.drafting import current_unit
        from assistant.pipeline import draft_report, write_outputs
        from assistant.render.findings import has_errors

        unit_named = current_unit.set(job.name)
        try:
            doc, findings = draft_report(report, drafter=_drafter(drafter), batch_units=job.batch_units)
        finally:
            current_unit.reset(unit_named)
        doc.source = job.source
        if doc.draft is not None:
            from assistant.similarity import masked, organ_names, signature

            result.masked_text = masked(doc.draft.full_text(), organ_names(report.meta))
            result.signature = list(signature(result.masked_text))
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
        result.status, result.first_error = "input_error", error_lines(exc)[0]
    else:
        result.status = "failed"
        result.first_error = f"{job.source}：{internal_error(exc)}"
    result.errors = 1
    result.seconds = round(time.perf_counter() - started, 3)
    return result
