"""The repair loop: after the model drafts a section, the text rules check it and its errors go back to the model.

At most two repair rounds; a paragraph still failing is replaced by the template drafter's paragraph for the same
aspect (or the whole section by the template's when paragraphs can't be matched), recorded in
``Draft.provenance.fallbacks`` so that the ``L1`` rule reports it as a warning. A Draft never carries an error
finding silently: what the rules still find is reported by ``check_document`` like any other finding.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from assistant.drafting.llm import (
    SECTION_NAMES,
    SECTION_PROMPTS,
    ChatSession,
    LLMUnavailable,
    feedback_line,
    fill_placeholders,
    placeholder_finding,
    prompt_context,
    prompts,
    shape_section,
)
from assistant.facts import FactSheet
from assistant.model import Document, Draft, Fallback, Finding, Report
from assistant.rules import run_rules
from assistant.rules.gaps import is_gap

log = logging.getLogger(__name__)

MAX_ROUNDS = 2
_HEAD_RE = re.compile(r"^\s*（([一二三四五六七八九十]+)）")


@dataclass
class SectionJob:
    key: str
    report: Report
    facts: FactSheet
    base: Draft  # the template drafter's draft of the same report
    session: ChatSession
    feedback: list[str] = field(default_factory=list)
    prompt: str = ""  # the prompt that drafts the whole section again (default: the section's drafting prompt)
    fallback_label: str = "模板文本"  # what a failing paragraph is replaced by ("原文" when revising)

    @property
    def section_prompt(self) -> str:
        return self.prompt or SECTION_PROMPTS[self.key]


@dataclass
class SectionOutcome:
    key: str
    paragraphs: list[str]
    result: str  # clean | fixed_round1 | fixed_round2 | fell_back | faulted
    fallbacks: list[Fallback] = field(default_factory=list)
    repair_calls: int = 0


def template_draft(report: Report) -> Draft:
    """The template drafter's draft: the fallback text and the parts the model does not write."""
    from assistant.drafting import get_drafter

    return get_drafter("template").draft(report)


def template_paragraphs(base: Draft, key: str) -> list[str]:
    if key == "preamble":
        return list(base.preamble)
    section = base.section(key)
    return list(section.paragraphs) if section else []


def with_section(base: Draft, key: str, paragraphs: list[str]) -> Draft:
    """A copy of ``base`` whose section ``key`` (or preamble) holds ``paragraphs``."""
    draft = base.model_copy(deep=True)
    if key == "preamble":
        draft.preamble = list(paragraphs)
    else:
        section = draft.section(key)
        if section is not None:
            section.paragraphs = list(paragraphs)
    return draft


def check_section(job: SectionJob, sources: list[str]) -> tuple[list[str], list[Finding]]:
    """Fill the placeholders and run the text rules; return the filled paragraphs and the section's errors."""
    filled: list[str] = []
    errors: list[Finding] = []
    for i, source in enumerate(sources):
        text, unknown = fill_placeholders(source, job.facts)
        filled.append(text)
        errors.extend(placeholder_finding(job.key, i, fid) for fid in unknown)
    doc = Document(report=job.report, draft=with_section(job.base, job.key, filled))
    errors.extend(f for f in run_rules(doc, ("text",))
                  if f.severity == "error" and f.location.section == job.key and not is_gap(f))
    return filled, errors


def draft_section(job: SectionJob) -> SectionOutcome:
    """Draft one section with the model, repair it, and fall back to the template where it still fails."""
    ctx = prompt_context(job.report, job.facts, job.key)
    ctx["feedback"] = job.feedback
    system = prompts().render("system.j2", **ctx)
    user = prompts().render(job.section_prompt, **ctx)
    try:
        sources = shape_section(job.key, job.session.ask(system, user, job.key))
    except LLMUnavailable as exc:
        return _whole_section_fallback(job, f"模型不可用（{exc}）", "faulted")
    return repair_section(job, system, ctx, sources)


def repair_section(job: SectionJob, system: str, ctx: dict[str, Any], sources: list[str]) -> SectionOutcome:
    """The bounded repair loop on one section's paragraphs (placeholder form)."""
    calls = 0
    for round_no in range(MAX_ROUNDS + 1):
        filled, errors = check_section(job, sources)
        if not errors:
            result = "clean" if round_no == 0 else f"fixed_round{round_no}"
            return SectionOutcome(job.key, filled, result, repair_calls=calls)
        if round_no == MAX_ROUNDS:
            break
        by_paragraph: dict[int, list[Finding]] = {}
        whole: list[Finding] = []
        for f in errors:
            index = f.location.paragraph
            if index is not None and 0 <= index < len(sources):
                by_paragraph.setdefault(index, []).append(f)
            else:
                whole.append(f)
        try:
            if whole:  # the section as a whole is wrong: draft it again with the findings as feedback
                calls += 1
                again = dict(ctx, feedback=[feedback_line(f) for f in errors])
                user = prompts().render(job.section_prompt, **again)
                sources = shape_section(job.key, job.session.ask(system, user, job.key))
                continue
            for index, found in sorted(by_paragraph.items()):
                calls += 1
                user = prompts().render("repair.j2", **ctx, index=index, source=sources[index],
                                        filled=filled[index], findings=found, round=round_no + 1)
                sources[index] = "".join(job.session.ask(system, user, job.key))
        except LLMUnavailable as exc:
            log.warning("%s：修改时%s", SECTION_NAMES.get(job.key, job.key), exc)
            break
    filled, errors = check_section(job, sources)
    if not errors:  # the last repair (made after an interrupted round) happened to fix it
        return SectionOutcome(job.key, filled, "fixed_round2", repair_calls=calls)
    return _paragraph_fallback(job, filled, errors, calls)


def _paragraph_fallback(job: SectionJob, filled: list[str], errors: list[Finding], calls: int) -> SectionOutcome:
    template = template_paragraphs(job.base, job.key)
    failing = sorted({f.location.paragraph for f in errors if f.location.paragraph is not None})
    whole = any(f.location.paragraph is None or not 0 <= f.location.paragraph < len(filled) for f in errors)
    replacements = {i: _matching_template_paragraph(filled, i, template) for i in failing}
    if whole or any(r is None for r in replacements.values()):
        reason = f"经{MAX_ROUNDS}轮修改仍有错误（{errors[0].message}）"
        outcome = _whole_section_fallback(job, reason, "fell_back")
        outcome.repair_calls = calls
        return outcome
    paragraphs = list(filled)
    fallbacks = []
    for i in failing:
        paragraphs[i] = replacements[i]  # type: ignore[assignment]
        first = next(f for f in errors if f.location.paragraph == i)
        fallbacks.append(Fallback(section=job.key, paragraph=i,
                                  reason=f"经{MAX_ROUNDS}轮修改仍有错误（{first.message}），本段改用{job.fallback_label}"))
    return SectionOutcome(job.key, paragraphs, "fell_back", fallbacks, calls)


def _matching_template_paragraph(filled: list[str], index: int, template: list[str]) -> str | None:
    """The template's paragraph for the same aspect: same （一）… head, else same position in a same-length list."""
    head = _HEAD_RE.match(filled[index])
    if head:
        for text in template:
            if _HEAD_RE.match(text) and _HEAD_RE.match(text).group(1) == head.group(1):  # type: ignore[union-attr]
                return text
    if len(template) == len(filled):
        return template[index]
    return None


def _whole_section_fallback(job: SectionJob, reason: str, result: str) -> SectionOutcome:
    paragraphs = template_paragraphs(job.base, job.key)
    name = SECTION_NAMES.get(job.key, job.key)
    return SectionOutcome(job.key, paragraphs, result,
                          [Fallback(section=job.key, reason=f"{reason}，{name}改用{job.fallback_label}")])


def final_check(report: Report, draft: Draft) -> list[Finding]:
    """The error findings the text rules make on a finished draft (must be none); the 〔待补〕 gaps of facts the input
    lacks are no model's to mend (they block the final document all the same)."""
    return [f for f in run_rules(Document(report=report, draft=draft), ("text",)) if f.severity == "error" and not is_gap(f)]
