"""The rule registry: every rule is a pure function ``Document -> Iterable[Hit]`` registered with its metadata."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from assistant.model import Category, Document, Finding, Location, Severity, Status

Scope = str  # "figures" (tables only), "text" (narrative), "cross_year" (needs last year's report)
SCOPE_LABELS: dict[str, str] = {"figures": "表格", "text": "正文", "cross_year": "跨年度"}


@dataclass
class Hit:
    """What a rule reports; the runner turns it into a Finding with the rule's id, category and severity."""

    message: str
    location: Location = field(default_factory=Location)
    evidence: str | None = None
    expected: Any = None
    found: Any = None
    suggestion: str | None = None
    severity: Severity | None = None  # overrides the rule's default
    status: Status = "fail"


def cell(path: str) -> Location:
    return Location(cell=path)


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity
    description: str
    scope: Scope
    needs: tuple[str, ...]
    check: Callable[..., Iterable[Hit]]


REGISTRY: dict[str, Rule] = {}


def rule(id: str, category: Category, severity: Severity, description: str, scope: Scope = "figures",
         needs: tuple[str, ...] = ()) -> Callable[[Callable[..., Iterable[Hit]]], Callable[..., Iterable[Hit]]]:
    """Register a rule. ``needs`` names the parts of a document it reads ('t2', 't3', 't4', 'narrative')."""

    def register(fn: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        unknown = set(needs) - set(_PART_NAMES)
        if unknown:
            raise ValueError(f"rule {id}: unknown needs {sorted(unknown)}")
        if id in REGISTRY:
            raise ValueError(f"duplicate rule id {id}")
        REGISTRY[id] = Rule(id, category, severity, description, scope, needs, fn)
        return fn

    return register


def _load_rule_modules() -> None:
    # Importing the modules registers their rules.
    import importlib
    import pkgutil

    import assistant.rules as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in ("registry",):
            importlib.import_module(f"assistant.rules.{info.name}")


_MODULES_LOADED: list[bool] = []


def all_rules() -> list[Rule]:
    # Load every rule module once, even when one of them was imported directly before (then REGISTRY is not empty).
    if not _MODULES_LOADED:
        _load_rule_modules()
        _MODULES_LOADED.append(True)
    return sorted(REGISTRY.values(), key=lambda r: _rule_sort_key(r.id))


def _rule_sort_key(rule_id: str) -> tuple[str, int, str]:
    head = rule_id.rstrip("0123456789")
    tail = rule_id[len(head):]
    return (head, int(tail) if tail.isdigit() else 0, rule_id)


def run_rules(doc: Document, scopes: Iterable[Scope] = ("figures",)) -> list[Finding]:
    """Run every rule of the given scopes on a document; a rule whose inputs are missing says so once."""
    wanted = set(scopes)
    findings: list[Finding] = []
    for r in all_rules():
        if r.scope not in wanted:
            continue
        absent = [part for part in r.needs if part not in SOFT_NEEDS and not doc.has(part)]
        unsure = [part for part in r.needs if part in SOFT_NEEDS and not doc.has(part)]
        if absent:
            findings.append(Finding(
                rule=r.id, category=r.category, severity="info", status="not_assessable",
                message=f"无法校核：{r.description}（{'；'.join(_absence_reason(doc, p) for p in absent)}"
                        + (f"，{doc.unread_because}，未能读取）" if doc.unread_because else "）"),
            ))
            continue
        for hit in r.check(doc):
            severity, status, message = hit.severity or r.severity, hit.status, hit.message
            if unsure and status == "fail":
                # built on a guessed organ or year: a question for the reader, never an error
                severity, status = ("warning" if severity == "error" else severity), "uncertain"
                message = f"{message}（{'、'.join(SOFT_NEEDS[p] for p in unsure)}系推断，请核对）"
            findings.append(Finding(
                rule=r.id, category=r.category, severity=severity, status=status,
                message=message, location=hit.location, evidence=hit.evidence, expected=hit.expected,
                found=hit.found, suggestion=hit.suggestion,
            ))
    return findings


def _absence_reason(doc: Document, part: str) -> str:
    """Why a part is not usable: absent ("缺少表三"), or read but incomplete ("表三不完整：在“6.…”之后中断")."""
    name = _PART_NAMES.get(part, part)
    if part not in doc.uncertain or part in doc.missing:
        return f"缺少{name}"
    for note in doc.reading:
        cut = _CUT_OFF.search(note.message) if note.message.startswith(name) else None
        if cut:
            return f"{name}不完整：在“{cut.group(1)}”之后中断"
    return f"{name}未能可靠读出"


_CUT_OFF = re.compile(r"在“(.+?)”之后中断")
_PART_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四", "narrative": "正文", "previous": "上年度报告",
               "organ": "机关名称", "organ_kind": "机关类型", "year": "报告年度"}
# Parts a rule can run without when they were only guessed (a reader's inference): its failures become uncertain.
SOFT_NEEDS = {"organ": "本机关名称", "organ_kind": "本机关类型", "year": "报告年度"}
