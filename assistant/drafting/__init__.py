"""Drafters: Report -> Draft (the narrative). All share one protocol, ``draft(report, feedback=None) -> Draft``.

- ``template`` (the offline default, :mod:`assistant.drafting.template`): deterministic, no model, no network.
- ``llm`` (:mod:`assistant.drafting.llm`, when present): a language model writes the prose, figures come from the FactSheet.

Facts a drafter needs but the input lacks (website, contact, notes for an aspect, the 信息处理费 from 2021 on) are
written as a visible 〔待补：…〕 and never invented; :func:`missing_fact_findings` reports each one as a warning.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any, Protocol, runtime_checkable

from assistant.drafting.missing import MissingFact, missing_fact_findings, missing_facts
from assistant.errors import SetupError
from assistant.model import Draft, Finding, Report


@runtime_checkable
class Drafter(Protocol):
    """What every drafter offers."""

    name: str

    def draft(self, report: Report, feedback: Sequence[Finding] | None = None) -> Draft:
        """Write the narrative of ``report``; ``feedback`` are findings on an earlier draft to avoid."""
        ...


# The batch unit being drafted (the batch sets it around a unit's draft): the model drafter names it in its log lines
current_unit: ContextVar[str] = ContextVar("nianbao_batch_unit", default="")

DRAFTERS: dict[str, str] = {
    "template": "assistant.drafting.template:TemplateDrafter",
    "llm": "assistant.drafting.llm:LLMDrafter",
}


def get_drafter(name: str = "template", **options: Any) -> Drafter:
    """The drafter called ``name`` ("template" or "llm"); ``options`` go to its constructor."""
    target = DRAFTERS.get(name)
    if target is None:
        raise SetupError(f"未知的起草方式：“{name}”（可选：{'、'.join(DRAFTERS)}）")
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise SetupError(f"起草方式“{name}”在本版本中尚不可用，请使用 template") from exc
    drafter: Drafter = getattr(module, class_name)(**options)
    return drafter


__all__ = ["current_unit", "Drafter", "DRAFTERS", "get_drafter", "MissingFact", "missing_facts", "missing_fact_findings"]
