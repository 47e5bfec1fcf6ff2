"""The rule registry: every rule is a pure function of one per-run context, registered with its metadata.

``run_rules`` builds one :class:`RuleRun` per check (the Document, with its claims and FactSheet computed lazily, once)
and hands it to every rule. A rule function is registered with ``@rule`` (one id) or ``@rules`` (several ids it
yields, each with its own category, severity, description and needs; each Hit names its id). Ids that other parts
of the program emit (the drafters' findings) are declared with ``declare`` so that the registry knows them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from assistant.formats import TABLE_NAMES
from assistant.model import Category, Document, Finding, Location, Scope, Severity, Status
from assistant.patterns import lazy_compile

if TYPE_CHECKING:
    from assistant.claims import Claim
    from assistant.facts import FactSheet
    from assistant.textview import Paragraph

__all__ = ["Declared", "Hit", "REGISTRY", "Rule", "RuleRun", "all_rules", "cell", "declare", "rule",
           "rules", "run_rules", "scope_of"]


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
    rule: str | None = None  # which of its declared ids a function of several ids reports (``@rules``)


def cell(path: str) -> Location:
    return Location(cell=path)


class RuleRun:
    """What every rule of one run reads: the Document, and what is derived from it once (lazily, on first use)."""

    def __init__(self, doc: Document):
        self.doc = doc

    @cached_property
    def claims(self) -> list[tuple[Paragraph, list[Claim]]]:
        """Every paragraph of the narrative with its claims (:func:`assistant.claims.draft_claims`); [] without one."""
        from assistant.claims import draft_claims

        draft = self.doc.narrative
        return draft_claims(draft) if draft is not None else []

    @cached_property
    def facts(self) -> FactSheet:
        """The report's FactSheet (every figure with its Chinese name)."""
        from assistant.facts import FactSheet

        return FactSheet(self.doc.report)


Check = Callable[[RuleRun], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    severity: Severity
    description: str
    scope: Scope
    needs: tuple[str, ...]
    check: Check | None  # None: emitted elsewhere (by the drafters), declared here so every id is known
    emitted_by: str = ""  # for a declared id: the module that emits it
    partial: tuple[str, ...] = ()  # tables it can read when only partly read (cut off): it checks its cells itself


@dataclass(frozen=True)
class Declared:
    """One id of a rule function that reports several (``@rules``)."""

    id: str
    category: Category
    severity: Severity
    description: str
    needs: tuple[str, ...] = ()


REGISTRY: dict[str, Rule] = {}


def _register(entry: Rule) -> None:
    unknown = set(entry.needs) - set(_PART_NAMES)
    if unknown:
        raise ValueError(f"rule {entry.id}: unknown needs {sorted(unknown)}")
    if entry.id in REGISTRY:
        raise ValueError(f"duplicate rule id {entry.id}")
    REGISTRY[entry.id] = entry


def rule(id: str, category: Category, severity: Severity, description: str, scope: Scope = "figures",
         needs: tuple[str, ...] = (), partial: tuple[str, ...] = ()) -> Callable[[Check], Check]:
    """Register a rule. ``needs`` names the parts of a document it reads ('t2', 't3', 't4', 'narrative');
    ``partial`` the tables among them it also reads when they were read only in part (a page cut off inside the
    table): such a rule uses only the cells that were read."""

    def register(fn: Check) -> Check:
        _register(Rule(id, category, severity, description, scope, needs, fn, partial=partial))
        return fn

    return register


def rules(*ids: Declared, scope: Scope = "figures") -> Callable[[Check], Check]:
    """Register one function that reports several ids; each Hit it yields names its id (``Hit(rule=...)``).

    The function runs once per run when any of its ids can be assessed; the hits of an id whose needs are missing
    are replaced by that id's "无法校核" finding.
    """

    def register(fn: Check) -> Check:
        for d in ids:
            _register(Rule(d.id, d.category, d.severity, d.description, scope, d.needs, fn))
        return fn

    return register


def declare(id: str, category: Category, severity: Severity, description: str, scope: Scope,
            emitted_by: str) -> None:
    """Declare an id that ``emitted_by`` writes into Findings itself (not run by ``run_rules``)."""
    _register(Rule(id, category, severity, description, scope, (), None, emitted_by))


def _load_rule_modules() -> None:
    # Importing the modules registers their rules.
    import importlib
    import pkgutil

    import assistant.rules as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name not in ("registry", "examples"):  # examples: runs the rules' examples, declares no rule
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


def scope_of(rule_id: str) -> Scope | None:
    """The scope of a rule id ("figures", "text", "cross_year"); None for an id the registry does not know."""
    all_rules()
    entry = REGISTRY.get(rule_id)
    return entry.scope if entry is not None else None


def run_rules(doc: Document, scopes: Iterable[Scope] = ("figures",)) -> list[Finding]:
    """Run every rule of the given scopes on a document; a rule whose inputs are missing says so once."""
    wanted = set(scopes)
    run = RuleRun(doc)
    hits_by_check: dict[Check, dict[str | None, list[Hit]]] = {}
    findings: list[Finding] = []
    for r in all_rules():
        if r.scope not in wanted or r.check is None:
            continue
        absent = [part for part in r.needs if part not in SOFT_NEEDS and not doc.has(part)
                  and not (part in r.partial and part not in doc.missing)]
        unsure = [part for part in r.needs if part in SOFT_NEEDS and not doc.has(part)]
        if absent:
            findings.append(Finding(
                rule=r.id, category=r.category, severity="info", status="not_assessable",
                message=f"无法校核：{r.description}（{'；'.join(absence_reason(doc, p) for p in absent)}"
                        + (f"，{doc.unread_because}，未能读取）" if doc.unread_because else "）"),
            ))
            continue
        if r.check not in hits_by_check:
            hits_by_check[r.check] = _hits_by_rule(r.check, run)
        for hit in hits_by_check[r.check].get(r.id, []):
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


def _hits_by_rule(check: Check, run: RuleRun) -> dict[str | None, list[Hit]]:
    """A function's hits by the id they report (a one-id rule's hits name none: they are its id's)."""
    ids = [r.id for r in REGISTRY.values() if r.check is check]
    out: dict[str | None, list[Hit]] = {}
    for hit in check(run):
        rule_id = hit.rule or (ids[0] if len(ids) == 1 else None)
        if rule_id not in ids:
            raise ValueError(f"{check.__qualname__}: reported {hit.rule!r}, which it does not declare ({ids})")
        out.setdefault(rule_id, []).append(hit)
    return out


def absence_reason(doc: Document, part: str) -> str:
    """Why a part is not usable: absent ("缺少表三"), or read but incomplete ("表三不完整：在“6.…”之后中断")."""
    name = _PART_NAMES.get(part, part)
    if part not in doc.uncertain or part in doc.missing:
        return f"缺少{name}"
    for note in doc.reading:
        cut = _CUT_OFF.search(note.message) if note.message.startswith(name) else None
        if cut:
            return f"{name}不完整：在“{cut.group(1)}”之后中断"
    return f"{name}未能可靠读出"


_CUT_OFF = lazy_compile(r"在“(.+?)”之后中断")
_PART_NAMES = {**TABLE_NAMES, "narrative": "正文", "previous": "上年度报告",
               "organ": "机关名称", "organ_kind": "机关类型", "year": "报告年度"}
# Parts a rule can run without when they were only guessed (a reader's inference): its failures become uncertain.
SOFT_NEEDS = {"organ": "本机关名称", "organ_kind": "本机关类型", "year": "报告年度"}
