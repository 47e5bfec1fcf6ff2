"""Batch bench: N generated townships through ``nianbao batch`` with the template drafter.

Measures wall time, units per second and peak memory of the whole process tree (the batch's main process and its
pool workers): the largest single process (``getrusage(RUSAGE_CHILDREN).ru_maxrss``) and the peak of the tree's summed
RSS and PSS, sampled from /proc every 50 ms (PSS counts pages the forked workers share once).

The LLM half runs the same batch with ``--drafter llm`` against the tests' loopback OpenAI-compatible server with a
fixed latency per call (200 ms), and compares the wall time with the ideal units × calls × latency / concurrency
(concurrency = the calls in flight at once: ``-j`` units, each drafting one section at a time).

Runnable alone: ``python -m evals.bench_batch [--units 1000] [--concurrency 2] [--input yaml|wide|unit] [--llm]``;
``evals.bench`` can call :func:`bench_batch_template` and :func:`bench_batch_llm` (objects with ``.text()``).
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
    from assistant.workbook.write import unit_workbook, wide_workbook

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
        return "\n".join(lines)


def _timed_batch(source: Path, out: Path, concurrency: int, extra: list[str] | None = None,
                 env: dict[str, str] | None = None) -> tuple[subprocess.Popen, bytes, float, TreeSampler]:
    """Run ``nianbao batch`` in a subprocess, sampling its process tree; returns the process, its output, the wall
    time and the sampler."""
    cmd = [sys.executable, "-m", "assistant.cli", "batch", str(source), "-o", str(out), "-j", str(concurrency),
           *(extra or [])]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    stdout, _ = proc.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    return proc, stdout, wall, sampler


def run(units: int = 1000, concurrency: int = 2, shape: str = "yaml", workdir: Path | None = None) -> BatchBench:
    """Generate the inputs (not timed), then time ``nianbao batch`` on them in a subprocess."""
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-", dir=workdir) as tmp:
        source = generate_inputs(Path(tmp) / "in", units, shape)
        out = Path(tmp) / "out"
        load_before = os.getloadavg()[0]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        proc, stdout, wall, sampler = _timed_batch(source, out, concurrency)
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        maxrss_kb = usage.ru_maxrss
        cpu = (usage.ru_utime + usage.ru_stime) - (before.ru_utime + before.ru_stime)
        documents = len(list(out.glob("*/*.docx")))
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"nianbao batch failed ({proc.returncode}): {stdout.decode('utf-8', 'replace')}")
    return BatchBench(units, concurrency, shape, round(wall, 2), round(units / wall, 1), documents,
                      round(maxrss_kb / 1024, 1), round(sampler.peak_rss, 1), round(sampler.peak_pss, 1),
                      sampler.peak_procs, proc.returncode, round(cpu, 1), round(load_before, 2))


LLM_REPLY = "本年度，认真贯彻落实《中华人民共和国政府信息公开条例》，政府信息公开工作有序开展。"


@dataclass
class LLMBench:
    units: int
    concurrency: int
    latency: float
    wall_seconds: float
    calls: int
    max_in_flight: int
    ideal_seconds: float
    documents: int
    exit_code: int
    peak_tree_pss_mb: float
    processes: int

    @property
    def ratio(self) -> float:
        return self.wall_seconds / self.ideal_seconds

    def text(self) -> str:
        return "\n".join([
            "批量起草（大模型起草，本机回环接口，每次调用固定延迟）",
            f"  单位数：{self.units}（同时起草 {self.concurrency} 个单位，每个单位逐节调用）",
            f"  调用：{self.calls} 次（每个单位 {self.calls / self.units:.1f} 次），每次 {self.latency * 1000:.0f} 毫秒，"
            f"同时在途最多 {self.max_in_flight} 个",
            f"  用时：{self.wall_seconds:.1f} 秒；理想 {self.ideal_seconds:.1f} 秒（单位×调用×延迟÷并发）；"
            f"比值 {self.ratio:.2f}（目标 ≤ 1.2）",
            f"  生成定稿：{self.documents}；进程树峰值 PSS 之和 {self.peak_tree_pss_mb:.0f} MB（{self.processes} 个进程）",
        ])


def run_llm(units: int = 1000, concurrency: int = 8, latency: float = 0.2, shape: str = "yaml",
            workdir: Path | None = None) -> LLMBench:
    """``nianbao batch --drafter llm`` against a loopback server that answers every call after ``latency``."""
    sys.path.insert(0, str(ROOT))
    from tests.fake_llm_server import fake_llm_server

    with tempfile.TemporaryDirectory(prefix="nianbao-bench-llm-", dir=workdir) as tmp:
        source = generate_inputs(Path(tmp) / "in", units, shape)
        out = Path(tmp) / "out"
        with fake_llm_server(lambda body: {"sleep": latency, "content": LLM_REPLY}) as (url, log):
            env = {"NIANBAO_LLM_BASE_URL": url, "NIANBAO_LLM_MODEL": "bench", "NIANBAO_LLM_API_KEY": "bench",
                   "NIANBAO_LLM_CONCURRENCY": "1", "NIANBAO_CACHE_DIR": str(Path(tmp) / "cache")}
            popen, stdout, wall, sampler = _timed_batch(source, out, concurrency, ["--drafter", "llm"], env)
            calls, in_flight = log.chat_calls, log.max_in_flight
        documents = len(list(out.glob("*/*.docx")))
    if popen.returncode not in (0, 1):
        raise RuntimeError(f"nianbao batch failed ({popen.returncode}): {stdout.decode('utf-8', 'replace')}")
    ideal = calls * latency / concurrency
    return LLMBench(units, concurrency, latency, round(wall, 2), calls, in_flight, round(ideal, 2), documents,
                    popen.returncode, round(sampler.peak_pss, 1), sampler.peak_procs)


def bench_batch_llm() -> LLMBench:
    """The issue's LLM figure: 1,000 townships, 200 ms per call, 8 units at once."""
    return run_llm(1000, 8, 0.2)


def bench_batch_template() -> BatchBench:
    """The issue's figure: 1,000 townships, template drafter, 2 processes."""
    return run(1000, 2, "yaml")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="批量起草基准：生成 N 个乡镇，计时 nianbao batch")
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--input", choices=("yaml", "wide", "unit"), default="yaml")
    parser.add_argument("--llm", action="store_true", help="the LLM batch (loopback server, --latency per call)")
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.llm:
        result: BatchBench | LLMBench = run_llm(args.units, args.concurrency, args.latency, args.input)
    else:
        result = run(args.units, args.concurrency, args.input)
    print(json.dumps(asdict(result), ensure_ascii=False) if args.json else result.text())


if __name__ == "__main__":
    main()
