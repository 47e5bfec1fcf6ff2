"""The rule engine: a registry of pure rules, one module per family."""

from assistant.rules.registry import REGISTRY, Hit, Rule, all_rules, rule, run_rules

__all__ = ["REGISTRY", "Hit", "Rule", "all_rules", "rule", "run_rules"]
