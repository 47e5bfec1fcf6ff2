"""Batch bench: N generated townships through ``nianbao batch`` with the template drafter.

Measures wall time, units per second and peak memory of the whole process tree (the batch's main process and its
pool workers): the largest single process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``) and the peak of the tree's summed
RSS and PSS, sampled from /proc every 50 ms (PSS counts pages the forked workers share once).

Runnable alone: ``python -m evals.bench_batch [--units 1000] [--concurrency 2] [--input yaml|wide|unit]``;
``evals.bench`` can call :func:`bench_batch_template` (returns an object with ``.text()``).
The LLM half of the issue's bench (a loopback server with 200 ms per call) is not here: the LLM drafter isn't written.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-town-2024.yaml"
TARGET_SECONDS = 60.0
TARGET_RSS_MB = 500.0


def township_data(i: int) -> dict:
    """The input data of the i-th generated township: the sample town renamed, with figures that vary with i."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8").replace("青石镇", f"第{i}镇"))
    t3 = data["tables"]["t3"]
    for row in ("new_received", "granted"):
        t3[row]["natural_person"] += i % 7
    data["tables"]["t2"]["admin_license"]["decisions"] += i % 50
    return data


def generate_inputs(folder: Path, n: int, shape: str = "yaml") -> Path:
    """Write n townships as YAML files, unit workbooks, or one wide workbook; return what to pass to batch."""
    from assistant.readers.inputfile import report_from_data
    from assistant.xlsx_template import unit_workbook, wide_workbook

    folder.mkdir(parents=True, exist_ok=True)
    if shape == "yaml":
        for i in range(1, n + 1):
            text = yaml.safe_dump(township_data(i), allow_unicode=True, sort_keys=False)
            (folder / f"第{i:04d}镇.yaml").write_text(text, encoding="utf-8")
        return folder
    reports = [report_from_data(township_data(i)) for i in range(1, n + 1)]
    if shape == "wide":
        path = folder / "县汇总.xlsx"
        wide_workbook(2021, reports=reports, spare_rows=0).save(path)
        return path
    for i, report in enumerate(reports, 1):
        unit_workbook(2021, report).save(folder / f"第{i:04d}镇.xlsx")
    return folder


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS (MB) of every process in a session until stopped."""

    def __init__(self, sid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.sid, self.interval = sid, interval
        self.peak_rss = self.peak_pss = 0.0
        self.peak_procs = 0
        self._stop_event = threading.Event()
        self._page = os.sysconf("SC_PAGE_SIZE")

    def _sample(self) -> None:
        rss = pss = 0.0
        procs = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[3]) != self.sid:
                    continue
                pid_dir = stat.parent
                rss += int((pid_dir / "statm").read_text().split()[1]) * self._page / 2**20
                for line in (pid_dir / "smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1]) / 1024
                        break
                procs += 1
            except (OSError, IndexError, ValueError):
                continue
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
        self.peak_procs = max(self.peak_procs, procs)

    def run(self) -> None:
        while not self._stop_event.is_set():
            self._sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class BatchBench:
    units: int
    concurrency: int
    input: str
    wall_seconds: float
    units_per_second: float
    documents: int
    max_process_rss_mb: float
    peak_tree_rss_mb: float
    peak_tree_pss_mb: float
    processes: int
    exit_code: int
    cpu_seconds: float  # user + system time of the whole tree
    load_before: float  # 1-minute load average when the run started (other work on the machine)

    @property
    def idle_machine_seconds(self) -> float:
        """The wall time the same CPU work takes on ``concurrency`` otherwise idle cores."""
        return self.cpu_seconds / self.concurrency

    @property
    def meets_targets(self) -> bool:
        scale = self.units / 1000
        return self.wall_seconds <= TARGET_SECONDS * scale and self.peak_tree_pss_mb <= TARGET_RSS_MB

    def text(self) -> str:
        rows = [
            ("单位数", f"{self.units}（输入：{self.input}，并行 {self.concurrency} 进程）"),
            ("生成定稿", f"{self.documents}"),
            ("用时", f"{self.wall_seconds:.1f} 秒（目标 ≤ {TARGET_SECONDS * self.units / 1000:.0f} 秒）"),
            ("吞吐", f"{self.units_per_second:.1f} 个/秒"),
            ("CPU 时间", f"{self.cpu_seconds:.1f} 秒，每个单位 {self.cpu_seconds / self.units * 1000:.0f} 毫秒；"
                        f"空闲的 {self.concurrency} 核上约 {self.idle_machine_seconds:.1f} 秒"
                        f"（开始时负载 {self.load_before:.1f}）"),
            ("单进程峰值 RSS", f"{self.max_process_rss_mb:.0f} MB（ru_maxrss）"),
            ("进程树峰值 RSS 之和", f"{self.peak_tree_rss_mb:.0f} MB（{self.processes} 个进程，共享页重复计）"),
            ("进程树峰值 PSS 之和", f"{self.peak_tree_pss_mb:.0f} MB（目标 ≤ {TARGET_RSS_MB:.0f} MB）"),
        ]
        lines = ["批量起草（模板起草，nianbao batch）"] + [f"  {k}：{v}" for k, v in rows]
        lines.append("  达标" if self.meets_targets else "  未达标")
        lines.append("  （大模型批量部分未实现：LLM 起草器尚未编写）")
        return "\n".join(lines)


def run(units: int = 1000, concurrency: int = 2, shape: str = "yaml", workdir: Path | None = None) -> BatchBench:
    """Generate the inputs (not timed), then time ``nianbao batch`` on them in a subprocess."""
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-", dir=workdir) as tmp:
        source = generate_inputs(Path(tmp) / "in", units, shape)
        out = Path(tmp) / "out"
        cmd = [sys.executable, "-m", "assistant.cli", "batch", str(source), "-o", str(out), "-j", str(concurrency)]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        load_before = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        stdout, _ = proc.communicate()
        wall = time.perf_counter() - started
        sampler.stop()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        maxrss_kb = usage.ru_maxrss
        cpu = (usage.ru_utime + usage.ru_stime) - (before.ru_utime + before.ru_stime)
        documents = len(list(out.glob("*/*.docx")))
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"nianbao batch failed ({proc.returncode}): {stdout.decode('utf-8', 'replace')}")
    return BatchBench(units, concurrency, shape, round(wall, 2), round(units / wall, 1), documents,
                      round(maxrss_kb / 1024, 1), round(sampler.peak_rss, 1), round(sampler.peak_pss, 1),
                      sampler.peak_procs, proc.returncode, round(cpu, 1), round(load_before, 2))


def bench_batch_template() -> BatchBench:
    """The issue's figure: 1,000 townships, template drafter, 2 processes."""
    return run(1000, 2, "yaml")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="批量起草基准：生成 N 个乡镇，计时 nianbao batch")
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--input", choices=("yaml", "wide", "unit"), default="yaml")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    result = run(args.units, args.concurrency, args.input)
    print(json.dumps(asdict(result), ensure_ascii=False) if args.json else result.text())


if __name__ == "__main__":
    main()
