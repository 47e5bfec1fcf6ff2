"""Mutation evaluation of the checker: recall per error kind, and the findings on the unmutated texts.

``python -m evals.checker.run`` (``make eval``). The base texts in ``evals/checker/bases/`` are consistent reports
(a hand-written one for the 2021 example, and complete corpus reports with their figures, corrected where the
reviewer found errors). One error is injected at a time; it is detected when the checker reports at least one new
failing finding (not on the unmutated text) of a category relevant to that kind of error.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.model import Document, Finding
from assistant.pipeline import check_document
from assistant.readers import load_document
from evals.checker.mutations import GENERATORS, Mutation

BASES = Path(__file__).resolve().parent / "bases"

# The finding categories that count as detecting each kind of error.
RELEVANT: dict[str, frozenset[str]] = {
    "number": frozenset({"text_vs_table", "text_internal"}),
    "scope": frozenset({"text_vs_table"}),
    "year": frozenset({"year"}),
    "organ": frozenset({"organ"}),
    "section": frozenset({"structure"}),
    "upward": frozenset({"organ"}),
    "duplicate": frozenset({"wording"}),
    "percentage": frozenset({"text_internal", "text_vs_table"}),
    "sum": frozenset({"text_internal", "text_vs_table"}),
}
KIND_NAMES = {
    "number": "改动句中数字", "scope": "扩大或缩小类别词范围", "year": "改动年份", "organ": "换用其他机关类型的自称",
    "section": "删去或改号部分标题", "upward": "插入上行文用语", "duplicate": "词语重复", "percentage": "百分比算错",
    "sum": "“其中”分项之和不符",
}
TARGET = 0.95


@dataclass
class KindResult:
    total: int = 0
    detected: int = 0
    misses: list[Mutation] = field(default_factory=list)
    rules: Counter[str] = field(default_factory=Counter)  # which rules detected the mutations

    @property
    def recall(self) -> float:
        return self.detected / self.total if self.total else 0.0


@dataclass
class Evaluation:
    kinds: dict[str, KindResult]
    base_findings: dict[str, list[Finding]]

    def base_errors(self) -> list[tuple[str, Finding]]:
        return [(name, f) for name, fs in self.base_findings.items() for f in fs if f.severity == "error"]


def failing(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.status == "fail"]


def load_bases(names: Iterable[str] | None = None) -> dict[str, Document]:
    wanted = set(names) if names else None
    return {p.stem: load_document(p) for p in sorted(BASES.glob("*.yaml")) if wanted is None or p.stem in wanted}


def new_findings(mutation: Mutation, base_prints: set[str]) -> list[Finding]:
    """The failing findings of a relevant category that the unmutated text does not have."""
    relevant = RELEVANT[mutation.kind]
    try:
        findings = check_document(mutation.doc)
    except Exception as exc:  # a crashing rule is a miss, shown with the error
        mutation.where += f"（检查出错：{type(exc).__name__}: {exc}）"
        return []
    return [f for f in failing(findings) if f.category in relevant and f.fingerprint not in base_prints]


def detected(mutation: Mutation, base_prints: set[str]) -> bool:
    return bool(new_findings(mutation, base_prints))


def evaluate(bases: dict[str, Document] | None = None, kinds: Iterable[str] | None = None,
             per_base: int | None = None) -> Evaluation:
    """Run every mutation (or the first ``per_base`` of each kind for each base) and count what is detected."""
    bases = bases if bases is not None else load_bases()
    chosen = list(kinds) if kinds else list(GENERATORS)
    results = {k: KindResult() for k in chosen}
    base_findings: dict[str, list[Finding]] = {}
    for name, doc in bases.items():
        base = failing(check_document(doc))
        base_findings[name] = base
        prints = {f.fingerprint for f in base}
        for kind in chosen:
            for i, mutation in enumerate(GENERATORS[kind](name, doc)):
                if per_base is not None and i >= per_base:
                    break
                result = results[kind]
                result.total += 1
                found = new_findings(mutation, prints)
                if found:
                    result.detected += 1
                    result.rules.update({f.rule for f in found})
                else:
                    result.misses.append(mutation)
    return Evaluation(results, base_findings)


def report(evaluation: Evaluation, show_misses: int = 3) -> str:
    lines = ["检查器变异评测：每次注入一处错误，看是否出现相关类别的新问题", ""]
    lines.append(f"{'错误类型':<18}{'变异数':>6}{'检出':>6}{'召回率':>8}  检出规则")
    for kind, r in evaluation.kinds.items():
        mark = "" if r.recall >= TARGET else "  ← 低于目标 0.95"
        by = " ".join(f"{rule}×{n}" for rule, n in r.rules.most_common(4))
        lines.append(f"{KIND_NAMES[kind] + '(' + kind + ')':<18}{r.total:>6}{r.detected:>6}{r.recall:>8.2f}  {by}{mark}")
    for kind, r in evaluation.kinds.items():
        for m in r.misses[:show_misses]:
            lines.append(f"  漏检 [{kind}] {m.base} {m.where}：“{m.before}” → “{m.after}”")
    lines += ["", "未变异文本上的问题："]
    for name, findings in evaluation.base_findings.items():
        if not findings:
            lines.append(f"  {name}：无")
        for f in findings:
            lines.append(f"  {name}：[{f.severity}] {f.rule} {f.message}")
    errors = evaluation.base_errors()
    lines.append(f"未变异文本上的错误级问题：{len(errors)} 项")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="检查器变异评测")
    parser.add_argument("--kind", action="append", choices=sorted(GENERATORS), help="只评测这些错误类型")
    parser.add_argument("--base", action="append", help="只用这些基准文本（文件名，不含 .yaml）")
    parser.add_argument("--per-base", type=int, default=None, help="每个基准文本每类最多几个变异")
    parser.add_argument("--misses", type=int, default=3, help="每类列出几个漏检")
    args = parser.parse_args(argv)
    evaluation = evaluate(load_bases(args.base), args.kind, args.per_base)
    sys.stdout.write(report(evaluation, args.misses) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
