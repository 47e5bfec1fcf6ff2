"""``make bench``: speed, measured as ratios against a baseline timed in the same run (never absolute targets).

Each benchmark is a function returning a :class:`Table`; add new ones to ``BENCHMARKS``.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Protocol

import docx

from assistant.model import Document
from assistant.pipeline import draft_report
from assistant.readers.inputfile import load_report
from assistant.render.docx import docx_bytes, render
from evals.bench_batch import bench_batch_llm, bench_batch_template

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("zhuting-2020.yaml", "sample-town-2024.yaml")


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""

    def text(self) -> str:
        widths = [max(_width(h), *(_width(r[i]) for r in self.rows)) for i, h in enumerate(self.headers)]
        lines = [self.title, "  ".join(_pad(h, w) for h, w in zip(self.headers, widths, strict=True))]
        lines += ["  ".join(_pad(c, w) for c, w in zip(r, widths, strict=True)) for r in self.rows]
        if self.note:
            lines.append(self.note)
        return "\n".join(lines)


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in s)


def _pad(s: str, width: int) -> str:
    return s + " " * (width - _width(s))


def timed(fn: Callable[[], object], repeat: int = 15) -> float:
    """Median seconds per call, after one warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _render_bytes(doc: Document) -> bytes:
    return docx_bytes(render(doc).document)


def bare_docx(doc: Document, tables: bool = True) -> bytes:
    """The same paragraphs and tables (merges included) with bare python-docx: no styles, fonts or layout."""
    draft = doc.narrative
    assert draft is not None
    fmt = doc.report.fmt
    grids = {"t2": fmt.t2_grid, "t3": fmt.t3_grid, "t4": fmt.t4_grid}
    table_of = {s.key: s.table for s in fmt.sections if s.table}
    d = docx.Document()
    d.add_paragraph(draft.title)
    for text in draft.preamble:
        d.add_paragraph(text)
    for section in draft.sections:
        d.add_paragraph(section.heading)
        for text in section.paragraphs:
            d.add_paragraph(text)
        key = table_of.get(section.key or "")
        if key and tables:
            grid = grids[key]()
            table = d.add_table(rows=max(c.row + c.rowspan for c in grid), cols=max(c.col + c.colspan for c in grid))
            for c in grid:
                cell = table.cell(c.row, c.col)
                if c.rowspan > 1 or c.colspan > 1:
                    cell = cell.merge(table.cell(c.row + c.rowspan - 1, c.col + c.colspan - 1))
                value = doc.report.tables.get(c.path) if c.path else c.text
                cell.text = "" if value is None else str(value)
    for text in draft.closing:
        d.add_paragraph(text)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def bench_draft_render() -> Table:
    """Per report: draft + check + render (to .docx bytes), against bare python-docx building the same document."""
    table = Table("起草＋校核＋排版（每份报告，毫秒，中位数）",
                  ["报告", "起草+校核", "排版", "合计", "裸python-docx", "其中仅段落", "比值"],
                  note="比值 = 合计 ÷ 裸 python-docx 构建同样段落和表格（含合并单元格，用 table.cell/merge）的时间；目标 ≤ 1.0。"
                       "\n排版直接写表格 XML，不经 table.cell/merge（二者在大表上是平方级的）。")
    for name in EXAMPLES:
        report = load_report(ROOT / "examples" / name)
        doc, _findings = draft_report(report)
        t_draft = timed(partial(draft_report, report))
        t_render = timed(partial(_render_bytes, doc))
        t_bare = timed(partial(bare_docx, doc))
        t_text = timed(partial(bare_docx, doc, tables=False))
        total = t_draft + t_render
        table.rows.append([name, *(f"{t * 1000:.1f}" for t in (t_draft, t_render, total, t_bare, t_text)),
                           f"{total / t_bare:.2f}"])
    return table


def _check_next(check: Callable[[Document], object], copies: list[Document]) -> object:
    return check(copies.pop())


CHECKED = ("001_pingtan_2019.txt", "003_pingtan_2021.txt", "009_huaian_shi_2024.txt")


def bench_check() -> Table:
    """Checking an existing report: every figure and text rule, on a fresh copy with a different text each call."""
    from assistant.pipeline import check_document
    from assistant.readers.existing import load_existing

    table = Table("校核已有报告（每份，毫秒，中位数，缓存不命中）", ["报告", "正文字数", "校核", "折合每3000字", "比值"],
                  note="比值 = 折合每3000字的校核时间 ÷ 10 毫秒（issue 3 的目标）；目标 ≤ 1.0。")
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    for name in CHECKED:
        if not (corpus / name).exists():
            continue
        doc = load_existing(corpus / name)
        chars = len(doc.narrative.full_text()) if doc.narrative else 0
        copies = [doc.model_copy(deep=True) for _ in range(40)]
        for i, copy in enumerate(copies):  # a different text each call, so no cache keyed on the text helps
            if copy.draft is not None:
                copy.draft.closing.append(f"第{i}份")
        seconds = timed(partial(_check_next, check_document, copies), repeat=31)
        per_3000 = seconds * 3000 / max(chars, 1)
        table.rows.append([name, str(chars), f"{seconds * 1000:.1f}", f"{per_3000 * 1000:.1f}",
                           f"{per_3000 / 0.010:.2f}"])
        if name == CHECKED[0]:
            pasted = [_with_pasted_section(doc.model_copy(deep=True), i) for i in range(4)]
            chars = len(pasted[0].narrative.full_text()) if pasted[0].narrative else 0
            seconds = timed(partial(_check_next, check_document, pasted), repeat=3)
            per_3000 = seconds * 3000 / max(chars, 1)
            table.rows.append([name + " + 粘贴的长文", str(chars), f"{seconds * 1000:.1f}", f"{per_3000 * 1000:.1f}",
                               f"{per_3000 / 0.010:.2f}"])
    return table


# A clerk's paste in a section: one sentence over and over (an outside tester's 204,000-character 其他事项). Checking
# it must cost per character about what a report costs, not grow with the square of its length.
PASTED_SENTENCE = "本单位全年未收取任何信息处理费用。"


def _with_pasted_section(doc: Document, number: int) -> Document:
    assert doc.draft is not None and doc.draft.sections
    doc.draft.sections[-1].paragraphs.append(PASTED_SENTENCE * 12_000 + f"第{number}份")
    return doc


def bench_similarity(units: int = 1000) -> Table:
    """内容雷同 across a batch of ``units`` townships with the same notes (their own figures): MinHash signatures (in
    batch they are made by the workers while drafting) and the pass over every pair, against comparing every pair with
    difflib (estimated from 200 pairs timed here)."""
    import random
    from itertools import combinations

    from assistant.similarity import ratio, signature, similar_pairs
    from evals.similarity import TOWNS, drafted, masked_text, sample_data, township

    notes = sample_data()["notes"]
    texts = []
    for i in range(units):
        report = township(i % len(TOWNS), f"第{i}镇", notes=notes)
        texts.append(masked_text(report, drafted(report)))
    start = time.perf_counter()
    signatures = [signature(t) for t in texts]
    t_signatures = time.perf_counter() - start
    start = time.perf_counter()
    pairs = similar_pairs(texts, signatures=signatures)
    t_pairs = time.perf_counter() - start
    sample = random.Random(15).sample(list(combinations(range(units), 2)), 200)
    start = time.perf_counter()
    for i, j in sample:
        ratio(texts[i], texts[j])
    all_pairs = (time.perf_counter() - start) / len(sample) * units * (units - 1) / 2
    table = Table(f"内容雷同：{units} 个乡镇两两比对（情况说明相同，数字各自不同）",
                  ["签名（秒）", "两两比对（秒）", "合计（秒）", "超过阈值的对数", "逐对 difflib（估计，秒）", "比值"],
                  note="比值 = 合计 ÷ 逐对 difflib 的估计时间；批量中签名由各工作进程在起草时算出。")
    total = t_signatures + t_pairs
    table.rows.append([f"{t_signatures:.2f}", f"{t_pairs:.2f}", f"{total:.2f}", str(len(pairs)), f"{all_pairs:.0f}",
                       f"{total / all_pairs:.5f}"])
    return table


STARTUP_RUNS = 9
# Real published reports (tests/fixtures/corpus), both complete: one whose text has no vocabulary candidate (the word
# segmenter is never loaded), one whose text has some (本市, 全县… are segmented to see whether they are whole words).
SHORT_REPORT = "010_hongze_qu_2023.txt"
CANDIDATES_REPORT = "000_zhuting_2020.txt"


def _whole_process(argv: list[str], env_extra: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one run of ``argv``."""
    import resource

    # As on a user's machine: Python keeps the compiled .pyc files (some shells here set PYTHONDONTWRITEBYTECODE,
    # which would make every start compile our modules again).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | (env_extra or {})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# The two floors of a check while model.py's objects are pydantic models: pydantic's BaseModel imported (as the entry
# point does it: plugins off), and the models built with one empty report validated into a Document and a Finding.
_IMPORT_PYDANTIC = "import assistant.entry, pydantic.main"
_MODEL_FLOOR = ("import assistant.entry\n"
                "from assistant.model import Document, Finding, Report\n"
                "report = Report.model_validate({'meta': {'organ_name': '某镇人民政府', 'organ_kind': '乡镇', 'year': 2023}})\n"
                "Document(report=report)\n"
                "Finding(rule='Y1', category='year', severity='error', message='年份')")


def bench_startup() -> Table:
    """Whole-process start-up: ``nianbao --version`` and ``nianbao check`` on real reports, against ``python -c pass``
    timed in the same rounds (interleaved, so a busy machine slows all of them alike)."""
    import tempfile

    nianbao = str(Path(sys.executable).with_name("nianbao"))
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    fresh_cache = tempfile.mkdtemp(prefix="nianbao-bench-")
    commands: dict[str, tuple[list[str], float | None, Callable[[], dict[str, str]] | None]] = {
        "python -c pass": ([sys.executable, "-c", "pass"], None, None),
        "nianbao --version": ([nianbao, "--version"], 8.0, None),
        f"nianbao check 短报告（{SHORT_REPORT}）": ([nianbao, "check", str(corpus / SHORT_REPORT)], 12.0, None),
        f"nianbao check 含候选词（{CANDIDATES_REPORT}）": ([nianbao, "check", str(corpus / CANDIDATES_REPORT)], None,
                                                        None),
        # the first use on a machine: the segmenter's dictionary file is built (an empty cache directory each time)
        "同上，首次使用（建分词词典）": ([nianbao, "check", str(corpus / CANDIDATES_REPORT)], None,
                                lambda: {"NIANBAO_SEGMENTER_CACHE": tempfile.mkdtemp(dir=fresh_cache)}),
        # no user cache at all: the YAML files parsed and every pattern compiled again (kept for the next start)
        "短报告，首次使用（无缓存）": ([nianbao, "check", str(corpus / SHORT_REPORT)], None,
                               lambda: {"XDG_CACHE_HOME": tempfile.mkdtemp(dir=fresh_cache)}),
        # what any check pays while the objects are pydantic models (design.md: model.py), before reading a word
        "下限：导入 pydantic（BaseModel）": ([sys.executable, "-c", _IMPORT_PYDANTIC], None, None),
        "下限：建模型、校验一份空报告": ([sys.executable, "-c", _MODEL_FLOOR], None, None),
    }
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for argv, _limit, _env in commands.values():
        _whole_process(argv)  # warm-up: file cache, .pyc, the segmenter's dictionary file in the user's cache
    for _ in range(STARTUP_RUNS):
        for name, (argv, _limit, env) in commands.items():
            samples[name].append(_whole_process(argv, env() if env else None))
    base = statistics.median(wall for wall, _cpu in samples["python -c pass"])
    base_cpu = statistics.median(cpu for _wall, cpu in samples["python -c pass"])
    table = Table(f"启动时间（整个进程，{STARTUP_RUNS} 次的中位数，毫秒）",
                  ["命令", "耗时", "比值", "目标", "CPU 时间", "CPU 比值"],
                  note="比值 = 耗时 ÷ 同一轮中 python -c pass 的耗时（各命令轮流运行）；目标来自 issue 11。"
                       "\nCPU 时间（用户态＋内核态）不受其他进程抢占的影响，机器繁忙时以它的比值作参照。"
                       "\n报告取自 tests/fixtures/corpus（真实发布的报告）：短报告的正文没有需要分词判断的候选词；"
                       "\n含候选词的报告要加载分词模型（分词词典文件在用户缓存目录中，首次使用时建立一次）。"
                       "\n编译好的 .pyc 照常保留（同用户的机器），用户缓存目录中的解析结果和正则编译结果也照常保留。"
                       "\n“下限”两行：只导入 pydantic，或只建数据模型并校验一份空报告（不读报告、不跑规则），"
                       "\n即数据模型用 pydantic 时任何一次 check 都要付出的启动时间。")
    for name, (_argv, limit, _env) in commands.items():
        median = statistics.median(wall for wall, _cpu in samples[name])
        cpu = statistics.median(cpu for _wall, cpu in samples[name])
        table.rows.append([name, f"{median * 1000:.0f}", f"{median / base:.1f}", "—" if limit is None else f"≤ {limit:g}",
                           f"{cpu * 1000:.0f}", f"{cpu / base_cpu:.1f}"])
    import shutil

    shutil.rmtree(fresh_cache, ignore_errors=True)
    return table


class Result(Protocol):
    def text(self) -> str: ...


# Batch figures (1,000 townships; template, then through a loopback model with 200 ms per call) live in bench_batch.
BENCHMARKS: list[Callable[[], Result]] = [bench_startup, bench_draft_render, bench_check, bench_similarity,
                                          bench_batch_template, bench_batch_llm]


def main() -> None:
    for bench in BENCHMARKS:
        print(bench().text())
        print()


if __name__ == "__main__":
    main()
