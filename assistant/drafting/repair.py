"""The repair loop: after the model drafts a section, the firewall and the text rules check it and the errors go back.

Checked for each paragraph of model text (``check_section``): the firewall's checks (``assistant.drafting.firewall``:
locked facts, years and plans, organ words, reply hygiene, complete sentences), unknown placeholders, the text rules'
errors, and the truth rules' warnings (years, organ, completeness, a paragraph ending in a comma) as errors when the
template's text of the same section does not have them. At most two repair rounds; a paragraph still failing is
replaced by the template drafter's paragraph for the same aspect (or the whole section by the template's when
paragraphs can't be matched), recorded in ``Draft.provenance.fallbacks`` so that the ``L1`` rule reports it as a
warning. Only replies whose text passed are kept in the cache.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from assistant.drafting.firewall import (
    MAX_SECTION_CHARS,
    FirewallContext,
    check_paragraph,
    element_findings,
    fill_tracked,
    instruction_lines,
)
from assistant.drafting.llm import (
    SECTION_NAMES,
    SECTION_PROMPTS,
    Answer,
    ChatSession,
    LLMUnavailable,
    feedback_line,
    placeholder_finding,
    prompt_context,
    prompts,
    shape_section,
)
from assistant.drafting.missing import missing_facts
from assistant.drafting.section_fit import (
    aspect_paragraphs,
    bare_denials,
    completeness_gaps,
    denied_aspects,
    dropped_gaps,
    headline,
    same_paragraphs,
    unneeded_gaps,
)
from assistant.drafting.template import is_program_heading
from assistant.facts import FactSheet
from assistant.model import Document, Draft, Fallback, Finding, Location, Report
from assistant.numbering import CN_ORDINAL
from assistant.patterns import lazy_compile
from assistant.rules import run_rules
from assistant.rules.gaps import is_gap

log = logging.getLogger(__name__)

MAX_ROUNDS = 2
_HEAD_RE = lazy_compile(rf"^\s*（({CN_ORDINAL}+)）")
# Warnings about the truth of the text that are errors when the model wrote the text (issue: "truth rules").
TRUTH_CATEGORIES = ("year", "organ", "completeness")
TRUTH_RULES = ("W1",)  # a paragraph ending in "，": a sentence cut short


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
    instructions: list[str] = field(default_factory=list)  # the prompts' instruction lines (echo check)
    deadline: float | None = None
    base_is_template: bool = True  # False when revising: ``base`` is the current draft, not the template's
    extra_support: list[str] = field(default_factory=list)  # what else supports model text (M18): a chat request
    current: Draft | None = None  # the draft a chat revises (its text supports the revision, aspect by aspect)

    @property
    def section_prompt(self) -> str:
        return self.prompt or SECTION_PROMPTS[self.key]

    @cached_property
    def firewall(self) -> FirewallContext:
        return FirewallContext(self.report, self.facts, self.key, instructions=self.instructions,
                               template=self.base if self.base_is_template else None,
                               extra_support=self.extra_support, current=self.current)

    @cached_property
    def base_warnings(self) -> set[str]:
        """Rule ids of the truth warnings the base text of this section has already (not the model's doing)."""
        findings = run_rules(Document(report=self.report, draft=self.base), ("text",))
        return {f.rule for f in findings if f.location.section == self.key}


@dataclass
class SectionOutcome:
    key: str
    paragraphs: list[str]
    result: str  # clean | fixed_round1 | fixed_round2 | fell_back | faulted
    fallbacks: list[Fallback] = field(default_factory=list)
    repair_calls: int = 0
    text_paragraphs: int = 0  # paragraphs of text in the section (headings the program adds not counted)
    from_model: int = 0  # of which the model's text, used as it was first written
    repaired: int = 0  # of which the model's text after repair
    fell_back: int = 0  # of which the template's (or, in chat, the current) text
    notes: list[str] = field(default_factory=list)  # what the firewall removed from the replies' envelopes


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
    """Fill the placeholders, run the firewall and the text rules; return the filled paragraphs and the errors."""
    filled: list[str] = []
    errors: list[Finding] = []
    total = 0
    aspects = {i: a for a, i in aspect_paragraphs(job.key, sources).items()}  # 总体情况's paragraph under each heading
    tracked = [fill_tracked(source, job.facts) for source in sources]
    section_text = "\n".join(text for text, _spans, _unknown in tracked)
    for i, (source, (text, spans, unknown)) in enumerate(zip(sources, tracked, strict=True)):
        if is_program_heading(job.key, source):
            filled.append(source)
            continue
        filled.append(text)
        total += len(text)
        errors.extend(placeholder_finding(job.key, i, fid) for fid in unknown)
        errors.extend(check_paragraph(job.firewall, i, text, spans, aspect=aspects.get(i), section_text=section_text))
    errors.extend(element_findings(job.key, [p for p in filled if not is_program_heading(job.key, p)],
                                   template_paragraphs(job.base, job.key)))
    errors.extend(fit_findings(job, sources, filled, errors))
    if total > MAX_SECTION_CHARS:
        errors.append(Finding(rule="M12", category="drafting", severity="error", location=Location(section=job.key),
                              message=f"这一部分过长（{total}字，上限{MAX_SECTION_CHARS}字）"))
    doc = Document(report=job.report, draft=with_section(job.base, job.key, filled))
    for f in run_rules(doc, ("text",)):
        if f.location.section != job.key or f.status != "fail" or is_gap(f):
            continue
        if f.severity == "error":
            errors.append(f)
        elif f.severity == "warning" and (f.category in TRUTH_CATEGORIES or f.rule in TRUTH_RULES) \
                and f.rule not in job.base_warnings:
            errors.append(f.model_copy(update={"severity": "error"}))
    return filled, _distinct(errors)


def fit_findings(job: SectionJob, sources: list[str], filled: list[str], errors: list[Finding]) -> list[Finding]:
    """The section's text as a whole (``assistant.drafting.section_fit``): every figure of each aspect told (M16), no
    paragraph the same as another (M16), no 〔待补〕 where the input has the facts (M17)."""
    out: list[Finding] = []

    def add(rule: str, index: int | None, message: str, evidence: str, suggestion: str,
            expected: str | None = None) -> None:
        out.append(Finding(rule=rule, category="drafting", severity="error", message=message,
                           location=Location(section=job.key, paragraph=index), evidence=evidence[:80],
                           expected=expected, found=evidence[:80], suggestion=suggestion))

    for index, missing in completeness_gaps(job.key, job.facts, sources):
        named = headline(job.facts, missing)
        told = "、".join(job.facts[f].phrase for f in named[:6]) + ("等" if len(named) > 6 else "")
        add("M16", index, f"{_where(job.key, sources, index)}没有写出这一方面的表格数字：{told}",
            filled[index][:40] if index is not None else "", "用数据清单中的占位符写出这些数字",
            expected="、".join(f"〔F:{f}〕" for f in named[:6]))
    failing = {f.location.paragraph for f in [*errors, *out] if f.location.paragraph is not None}
    for index, other in same_paragraphs(job.key, sources, failing):
        add("M16", index, f"{_where(job.key, sources, index)}与{_where(job.key, sources, other)}的文字相同（或几乎相同），"
                          "没有写这一方面的内容", filled[index][:40], "按这一段所属方面（小标题）重写，写这一方面的工作和数字")
    allowed = [m.placeholder for m in missing_facts(job.report) if m.section == job.key]
    for index, text in enumerate(filled):
        for gap in unneeded_gaps(text, allowed):
            add("M17", index, f"模型写了“{gap}”，但输入中有这方面的内容", gap,
                "按工作情况说明和数据清单写出这一段，不写〔待补〕")
    if job.base_is_template:  # when revising, the current text is the base and the staff's request may tell the fact
        template = template_paragraphs(job.base, job.key)
        for index in denied_aspects(job.key, sources, template):
            add("M17", index, f"{_where(job.key, sources, index)}写的是没有开展这方面工作，但工作情况说明写了做法",
                sources[index][:40], "按工作情况说明写出这一方面的工作，不写“无”")
        for index in bare_denials(job.key, sources, template):
            add("M17", index, f"{_where(job.key, sources, index)}只写了“无”，但工作情况说明写了这一部分的内容",
                sources[index][:40], "按工作情况说明写出这一部分的内容，不写“无”")
        for index, gap in dropped_gaps(job.key, sources, template, allowed):
            add("M17", index, f"输入中没有这方面的内容，模型却删去了“{gap}”（不能把缺少的内容写成“无”或自行编写）",
                sources[index][:40] if index is not None else "", f"这一段保留“{gap}”，待工作人员补充")
    return out


def _where(key: str, sources: list[str], index: int | None) -> str:
    """A paragraph as a message names it: "“（二）依申请公开”一段", "第2段", or the section."""
    if index is None:
        return f"“{SECTION_NAMES.get(key, key)}”"
    heading = aspect_heading(key, sources, index)
    return f"“{heading}”一段" if heading else f"第{paragraph_number(key, sources, index)}段"


def paragraph_number(key: str, sources: list[str], index: int) -> int:
    """The 1-based number of paragraph ``index`` among the section's paragraphs of text (the program's headings, such
    as （一）主动公开, are not counted): the number the repair prompt and the messages use."""
    return sum(1 for s in sources[:index + 1] if not is_program_heading(key, s))


def aspect_heading(key: str, sources: list[str], index: int) -> str:
    """The program's heading just before paragraph ``index`` ("（二）依申请公开"), or ""."""
    if 0 < index < len(sources) and is_program_heading(key, sources[index - 1]):
        return sources[index - 1]
    return ""


def _distinct(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        key = (f.rule, f.location.paragraph, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def draft_section(job: SectionJob) -> SectionOutcome:
    """Draft one section with the model, repair it, and fall back to the template where it still fails."""
    ctx = prompt_context(job.report, job.facts, job.key)
    ctx["feedback"] = job.feedback
    system = prompts().render("system.j2", **ctx)
    user = prompts().render(job.section_prompt, **ctx)
    job.instructions = instruction_lines([system, prompts().render(job.section_prompt, **(ctx | {"feedback": []}))])
    job.deadline = job.session.section_deadline()
    try:
        answer = job.session.ask(system, user, job.key, job.deadline)
    except LLMUnavailable as exc:
        return _whole_section_fallback(job, f"模型不可用（{exc}）", "faulted")
    return repair_section(job, system, ctx, shape_section(job.key, answer.paragraphs, job.report.meta), answer)


def repair_section(job: SectionJob, system: str, ctx: dict[str, Any], sources: list[str],
                   answer: Answer) -> SectionOutcome:
    """The bounded repair loop on one section's paragraphs (placeholder form)."""
    calls = 0
    session = job.session
    section_answer: Answer | None = answer  # the reply the section's text came from (None once it is repaired)
    repairs: dict[int, Answer] = {}  # paragraph -> the reply of its last repair
    notes = list(answer.read.notes)
    original = list(sources)
    for round_no in range(MAX_ROUNDS + 1):
        filled, errors = check_section(job, sources)
        if not errors:
            result = "clean" if round_no == 0 else f"fixed_round{round_no}"
            _keep(session, section_answer, repairs, failing=set())
            return _counted(SectionOutcome(job.key, filled, result, repair_calls=calls, notes=notes), job, sources,
                            original, failing=set())
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
                if section_answer is not None:
                    session.forget(section_answer)
                section_answer = session.ask(system, user, job.key, job.deadline)
                notes += section_answer.read.notes
                sources = shape_section(job.key, section_answer.paragraphs, job.report.meta)
                original, repairs = list(sources), {}
                continue
            if section_answer is not None:  # some of its text was rejected: it is not a reply to cache
                session.forget(section_answer)
                section_answer = None
            for index, found in sorted(by_paragraph.items()):
                calls += 1
                user = prompts().render("repair.j2", **ctx, number=paragraph_number(job.key, sources, index),
                                        heading=aspect_heading(job.key, sources, index), source=sources[index],
                                        filled=filled[index], findings=found, round=round_no + 1)
                reply = session.ask(system, user, job.key, job.deadline)
                notes += reply.read.notes
                if index in repairs:
                    session.forget(repairs[index])
                repairs[index] = reply
                sources[index] = "".join(reply.paragraphs)
        except LLMUnavailable as exc:
            log.warning("%s：修改时%s", session.name_of(job.key), exc)
            break
    filled, errors = check_section(job, sources)
    failing = {f.location.paragraph for f in errors if f.location.paragraph is not None}
    if not errors:  # the last repair (made after an interrupted round) happened to fix it
        _keep(session, section_answer, repairs, failing=set())
        return _counted(SectionOutcome(job.key, filled, "fixed_round2", repair_calls=calls, notes=notes), job,
                        sources, original, failing=set())
    _keep(session, section_answer, repairs, failing={i for i in failing if i is not None} | {-1})
    outcome = _paragraph_fallback(job, filled, errors, calls)
    outcome.notes = notes
    if outcome.result == "fell_back" and any(fb.paragraph is None for fb in outcome.fallbacks):
        return outcome
    return _counted(outcome, job, sources, original, failing={i for i in failing if i is not None})


def _keep(session: ChatSession, section_answer: Answer | None, repairs: dict[int, Answer], failing: set[int]) -> None:
    """Cache the replies whose text passed; forget cached ones that did not (``-1`` in failing: the section failed)."""
    if section_answer is not None:
        if failing:
            session.forget(section_answer)
        else:
            session.keep(section_answer)
    for index, reply in repairs.items():
        if index in failing:
            session.forget(reply)
        else:
            session.keep(reply)


def _counted(outcome: SectionOutcome, job: SectionJob, sources: list[str], original: list[str],
             failing: set[int]) -> SectionOutcome:
    """Count the section's paragraphs of text: the model's as first written, repaired, or fallen back."""
    text_indices = [i for i, s in enumerate(sources) if not is_program_heading(job.key, s)]
    outcome.text_paragraphs = len(text_indices)
    for i in text_indices:
        if i in failing:
            outcome.fell_back += 1
        elif i < len(original) and sources[i] == original[i]:
            outcome.from_model += 1
        else:
            outcome.repaired += 1
    return outcome


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
    text = [p for p in paragraphs if not is_program_heading(job.key, p)]
    return SectionOutcome(job.key, paragraphs, result,
                          [Fallback(section=job.key, reason=f"{reason}，{name}改用{job.fallback_label}")],
                          text_paragraphs=len(text), fell_back=len(text))


def final_check(report: Report, draft: Draft) -> list[Finding]:
    """The error findings the text rules make on a finished draft (must be none); the 〔待补〕 gaps of facts the input
    lacks are no model's to mend (they block the final document all the same)."""
    return [f for f in run_rules(Document(report=report, draft=draft), ("text",)) if f.severity == "error" and not is_gap(f)]
