"""Drafting eval: draft every example through the configured model endpoint and report what it cost and how it ended.

Run by ``nianbao eval drafting [FILES…]`` (and ``python -m evals.drafting``). Per example: the drafted sections, how many were
right at once, fixed in repair round 1 or 2, or fell back to the template (after repair, or because the endpoint
failed), the error findings left (must be 0), the requests, tokens (≈ when the server gives no usage) and time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings, load_settings
from assistant.drafting.llm import DraftStats, LLMDrafter
from assistant.errors import InputError
from assistant.readers.inputfile import load_report
from assistant.resources import data_dir

EXAMPLES = data_dir("examples")  # shipped in the wheel too (assistant/_data/examples)


@dataclass
class EvalResult:
    rows: list[tuple[str, DraftStats]] = field(default_factory=list)

    @property
    def errors_left(self) -> int:
        return sum(stats.errors_left for _name, stats in self.rows)

    def table(self) -> str:
        """A plain-text table, one row per example and a total row."""
        head = ("例子", "部分", "一次通过", "第1轮修好", "第2轮修好", "修改后退回模板", "接口故障退回模板", "修改调用",
                "剩余错误", "请求", "缓存命中", "输入tokens", "输出tokens", "秒")
        lines = ["\t".join(head)]
        total = DraftStats()
        for name, s in self.rows:
            lines.append("\t".join(_cells(name, s)))
            for attr in ("sections", "clean", "fixed_round1", "fixed_round2", "fell_back", "faulted", "repair_calls",
                         "errors_left", "calls", "cache_hits", "tokens_in", "tokens_out", "seconds"):
                setattr(total, attr, getattr(total, attr) + getattr(s, attr))
            total.tokens_approximate |= s.tokens_approximate
        lines.append("\t".join(_cells("合计", total)))
        if total.tokens_approximate:
            lines.append("（≈：接口未返回用量，按字符数估算 token）")
        return "\n".join(lines)


def _cells(name: str, s: DraftStats) -> list[str]:
    mark = "≈" if s.tokens_approximate else ""
    return [name, str(s.sections), str(s.clean), str(s.fixed_round1), str(s.fixed_round2), str(s.fell_back),
            str(s.faulted), str(s.repair_calls), str(s.errors_left), str(s.calls), str(s.cache_hits),
            f"{mark}{s.tokens_in}", f"{mark}{s.tokens_out}", f"{s.seconds:.1f}"]


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

