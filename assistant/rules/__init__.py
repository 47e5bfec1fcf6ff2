"""The rule engine: a registry of pure rules of one per-run context (``RuleRun``), one module per family."""

from assistant.rules.registry import (
    REGISTRY,
    Declared,
    Hit,
    Rule,
    RuleRun,
    all_rules,
    declare,
    rule,
    rules,
    run_rules,
    scope_of,
)

__all__ = ["REGISTRY", "Declared", "Hit", "Rule", "RuleRun", "all_rules", "declare", "rule", "rules", "run_rules",
           "scope_of"]
