"""Drafting eval: draft every example through the configured model endpoint and report, per section, how it ended.

Run by ``nianbao eval drafting [FILES…]``. It reads the final text the draft would ship and counts, per section: the
paragraphs of text, those that are the model's text as first written, the model's text after repair, the template's
text (fallback), and the defects the firewall's checks find on that final text (must be 0); with the requests
(failed HTTP calls included), cache hits and tokens (≈ when the server gives no usage), and the error findings of the
text rules left (must be 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings, load_settings
from assistant.drafting.llm import SECTION_NAMES, DraftStats, LLMDrafter
from assistant.errors import InputError
from assistant.readers.inputfile import load_report
from assistant.resources import data_dir

EXAMPLES = data_dir("examples")  # shipped in the wheel too (assistant/_data/examples)
HEAD = ("例子", "部分", "结果", "段落", "采用模型原文", "修改后采用", "退回模板", "终稿缺陷", "请求", "其中失败", "缓存命中",
        "输入tokens", "输出tokens")
RESULTS = {"clean": "一次通过", "fixed_round1": "第1轮修好", "fixed_round2": "第2轮修好", "fell_back": "部分退回模板",
           "faulted": "接口故障退回模板"}


@dataclass
class EvalResult:
    rows: list[tuple[str, DraftStats]] = field(default_factory=list)

    @property
    def errors_left(self) -> int:
        return sum(stats.errors_left for _name, stats in self.rows)

    @property
    def defects(self) -> int:
        return sum(stats.defects for _name, stats in self.rows)

    def totals(self) -> dict[str, int]:
        """Paragraphs, from_model, repaired, fell_back, defects, requests, failed over every example."""
        keys = ("paragraphs", "from_model", "repaired", "fell_back_paragraphs", "defects", "requests",
                "failed_requests", "cache_hits", "tokens_in", "tokens_out", "errors_left")
        return {k: sum(getattr(s, k) for _n, s in self.rows) for k in keys}

    def table(self) -> str:
        """A plain-text table: one row per section of each example, a row per example and a total row."""
        lines = ["\t".join(HEAD)]
        approximate = any(s.tokens_approximate for _n, s in self.rows)
        mark = "≈" if approximate else ""
        for name, s in self.rows:
            for r in s.section_rows:
                lines.append("\t".join([name, SECTION_NAMES.get(r.key, r.key), RESULTS.get(r.result, r.result),
                                        *map(str, (r.paragraphs, r.from_model, r.repaired, r.fell_back, r.defects,
                                                   r.requests, r.failed_requests, r.cache_hits)),
                                        f"{mark}{r.tokens_in}", f"{mark}{r.tokens_out}"]))
            lines.append("\t".join([name, "小计", f"{s.seconds:.1f}秒", *map(str, (
                s.paragraphs, s.from_model, s.repaired, s.fell_back_paragraphs, s.defects, s.requests,
                s.failed_requests, s.cache_hits)), f"{mark}{s.tokens_in}", f"{mark}{s.tokens_out}"]))
        t = self.totals()
        lines.append("\t".join(["合计", "", "", *map(str, (
            t["paragraphs"], t["from_model"], t["repaired"], t["fell_back_paragraphs"], t["defects"], t["requests"],
            t["failed_requests"], t["cache_hits"])), f"{mark}{t['tokens_in']}", f"{mark}{t['tokens_out']}"]))
        used = t["from_model"] + t["repaired"]
        share = f"{used / t['paragraphs']:.0%}" if t["paragraphs"] else "—"
        lines.append(f"模型文字采用率：{used}/{t['paragraphs']}（{share}）；终稿缺陷：{t['defects']}；"
                     f"正文规则剩余错误：{t['errors_left']}")
        if approximate:
            lines.append("（≈：接口未返回用量，按字符数估算 token）")
        return "\n".join(lines)


def run(files: list[Path] | None = None, settings: Settings | None = None) -> EvalResult:
    """Draft each file (default: every example) with the configured model."""
    files = files or sorted(EXAMPLES.glob("*.yaml"))
    if not files:
        raise InputError("没有要起草的例子：请给出输入文件")
    drafter = LLMDrafter(settings or load_settings())
    result = EvalResult()
    for path in files:
        _draft, stats = drafter.draft_with_stats(load_report(path))
        result.rows.append((path.stem, stats))
    return result
