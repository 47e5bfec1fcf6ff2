"""Running a batch's units: one after another, or in a pool of forked worker processes (Linux) that die with the
main process; a worker that crashes costs only the unit that killed it."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import ctypes
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from assistant.batch.units import Job
from assistant.batch.work import UnitResult, draft_unit, run_unit, write_unit
from assistant.errors import internal_error

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
    import assistant.render.docx
    import assistant.render.findings
    import assistant.workbook.read  # noqa: F401
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


# (jobs, outdir, drafter, resume, review_copy[, provenance])
ChunkRunner = Callable[..., list[UnitResult]]


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
