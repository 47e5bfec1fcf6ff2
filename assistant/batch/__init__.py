"""Many units at once: read, validate, draft, check and render each, concurrently and resumably.

Each unit gets ``OUTDIR/<unit>/`` with its documents and findings, and a ``manifest.json`` written last: the input
hash (``Report.content_hash`` plus the drafter) and the hash of every output. ``--resume`` skips a unit whose input
hash and outputs are unchanged. Every file is written atomically (temp file + ``os.replace``), so an interrupted run
leaves no half-written file. At the end ``OUTDIR/汇总.xlsx`` and ``汇总.html`` list every unit.

- :mod:`.units`: finding the units in the inputs and reading each;
- :mod:`.work`: one unit's work and its manifest;
- :mod:`.pool`: running the units, in a process pool when there are several at once;
- :mod:`.summary`: 汇总.xlsx, 汇总.html and the summary text of the CLI and the UI.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.atomic import remove_stale_temps
from assistant.batch.pool import iter_results
from assistant.batch.summary import BatchSummary, similar_units, write_summary
from assistant.batch.units import discover
from assistant.batch.work import UnitResult, finished_since


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, with how many of its units were finished by then: those reported, and those whose
    manifest a worker wrote in this run though its results had not come back (a worker returns a chunk of units at
    once)."""

    def __init__(self, finished: int, total: int):
        super().__init__(finished, total)
        self.finished = finished
        self.total = total


def run_batch(inputs: Sequence[Path], outdir: Path, drafter: str = "template", concurrency: int = 1,
              resume: bool = False, review_copy: bool = False, on_result: Callable[[UnitResult], None] | None = None,
              on_start: Callable[[int], None] | None = None, provenance: bool = False) -> BatchSummary:
    """The whole batch: find the units, run them, write 汇总.xlsx and 汇总.html. InputError for unusable inputs;
    BatchInterrupted on Ctrl-C."""
    if drafter != "template":
        from assistant.drafting import get_drafter

        get_drafter(drafter)  # an unknown or unavailable drafter is a usage error before any unit runs
    started = time.perf_counter()
    jobs = discover(inputs, outdir)  # unusable inputs fail here, before the output folder exists
    outdir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(outdir)
    if on_start:
        on_start(len(jobs))
    order = {job.dirname: i for i, job in enumerate(jobs)}
    results: list[UnitResult] = []
    since = time.time()
    try:
        for result in iter_results(jobs, outdir, drafter, concurrency, resume, review_copy, provenance):
            results.append(result)
            if on_result:
                on_result(result)
    except KeyboardInterrupt:
        reported = {r.dirname for r in results}
        later = finished_since([job for job in jobs if job.dirname not in reported], outdir, since)
        raise BatchInterrupted(len(reported) + later, len(jobs)) from None
    results.sort(key=lambda r: order[r.dirname])
    similar, unchecked = similar_units(results)
    files = write_summary(results, outdir, similar, unchecked)
    return BatchSummary(results, sum(1 for r in results if not r.skipped), sum(1 for r in results if r.skipped),
                        time.perf_counter() - started, files, similar, unchecked)
