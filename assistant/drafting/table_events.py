"""Events the model's text says happened that the tables say did not (firewall check M14).

A model writes "经复议被依法纠正", "本镇败诉", "按标准收取了信息处理费", "逾期未缴纳信息处理费，本镇不再处理其申请" or
"所有申请均已在本年度内办结" without a number, so the checks of numbers do not see them. Each event here needs a figure
of the tables: a non-zero one (纠正 needs 表四's 结果纠正, 收取…处理费 the 信息处理费), or for "all applications were
handled" a zero 结转下年度. Which figure an event is about comes from the claims vocabulary (``schemas/claims.yaml``,
the same entries the checker's C4/C5 read), never from a list of its own. A statement that is negated ("未发生…"),
planned or conditional ("如有…将…"), of another year ("上年…"), or taken from the staff's notes is no event of the
model's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from assistant.claims import context_figure, entry_named, universal_named, vocabulary
from assistant.facts import FactSheet
from assistant.patterns import compiled, lazy_compile

_SENTENCE_RE = lazy_compile(r"[^。！？!?]+[。！？!?]?")
_CLAUSE_CUT = "，,；;：:"
# Before an event in its clause: it did not happen ("未发生", "没有", "无", "不收取"); 不服, 不予 and 未按 are no negation
_NEGATED_RE = lazy_compile(r"未(?!按|经|能|及时)|没有|无(?!法|正当)|零|不(?!服|再|予)|杜绝|避免|防止")
# Before an event in its sentence: a plan or a condition, not something that happened
NOT_HAPPENED_RE = lazy_compile(r"^\s*如(?!期|实|下|此)|如有|如果|若|一旦|将|拟|计划|下一步|今后|可能|是否|应当|依法可以")

# A count right after the event ("收取信息处理费0元"): a number, which the checks of numbers compare with the tables
_COUNT_AFTER_RE = lazy_compile(r"\s*(?:共计|共|合计|总计)?\s*[\d零〇一二两三四五六七八九十百千万]")


@dataclass(frozen=True)
class Event:
    """Something the text can say happened, and the figures of the tables it needs."""

    name: str  # what the text says happened (Chinese, for the message)
    pattern: Callable[[], re.Pattern[str]]  # how the text says it (built on first use)
    figures: Callable[[str], tuple[str, ...]]  # the figures, from the sentence before the event
    needs_zero: bool = False  # True: the figures must be zero (全部办结 needs no carry-forward)
    context: tuple[str, ...] = ()  # when given, the sentence must have one of these words to be about the event


def _entry_figures(name: str) -> Callable[[str], tuple[str, ...]]:
    return lambda _before: entry_named(name).figures


def _corrected(before: str) -> tuple[str, ...]:
    fid = context_figure(entry_named("结果纠正"), before)
    return (fid,) if fid else ()


def _lost_suit(_before: str) -> tuple[str, ...]:
    fid = context_figure(entry_named("结果纠正"), "诉讼")
    return (fid,) if fid else ()


def _words(regex: str) -> Callable[[], re.Pattern[str]]:
    return cache(lambda: compiled(regex))


@cache
def _all_done_pattern() -> re.Pattern[str]:
    """申请 with 所有/全部 or 均/都 and a predicate of the claims vocabulary's 均已办结 ("所有申请均已在本年度内办结")."""
    predicates = "|".join(map(re.escape, universal_named("均已办结").predicates))
    return compiled(rf"(?:所有|全部|各项|全年)[^，。；]{{0,8}}申请[^，。；]{{0,14}}?(?:{predicates})|"
                      rf"申请(?:均|全部|都|悉数)[^，。；]{{0,10}}?(?:{predicates})")


def _all_done(_before: str) -> tuple[str, ...]:
    return universal_named("均已办结").zero


EVENTS: tuple[Event, ...] = (
    Event("申请行政复议", _words(r"(?:申请|提起|提出)了?行政复议"), _entry_figures("行政复议")),
    Event("提起行政诉讼", _words(r"(?:提起|提出)了?(?:行政)?诉讼|向法院起诉"), _entry_figures("行政诉讼")),
    Event("复议或诉讼结果被纠正", _words(r"被[^，。；]{0,8}?(?:纠正|撤销|纠错)|(?:复议|诉讼|法院)[^，。；]{0,6}(?:纠正|撤销)"),
          _corrected),
    Event("行政诉讼败诉", _words(r"败诉"), _lost_suit),
    Event("收取信息处理费", _words(r"收取了?[^，。；]{0,12}?(?:信息)?处理费"), _entry_figures("信息处理费")),
    Event("申请人逾期未缴纳信息处理费", _words(
        r"未(?:按[^，。；]{0,6}?)?缴纳[^，。；]{0,6}?(?:信息处理费|处理费|费用)|不再处理其?(?:申请|政府信息公开申请)"),
          _entry_figures("逾期未缴纳费用")),
    Event("申请全部办结", _all_done_pattern, _all_done, needs_zero=True),
)


@cache
def result_category_events() -> tuple[Event, ...]:
    """Table 三's result categories in words ("不予公开的申请属于国家秘密", "因重复申请不予处理"), one event each, from
    the claims vocabulary's entries of a group (不予公开, 无法提供, 不予处理 …): a category said of the applications
    needs its figure not zero. Said of anything but the applications ("严格审查，对涉及国家秘密的信息…") it is no event:
    the sentence must name the group or 申请."""
    return tuple(Event(e.name, _words("|".join(map(re.escape, e.phrases))), _entry_figures(e.name),
                       context=(e.group, "申请")) for e in vocabulary().entries if e.group and e.figures)


def events() -> tuple[Event, ...]:
    return EVENTS + result_category_events()


@dataclass
class EventClaim:
    event: Event
    start: int
    end: int
    fid: str
    value: Any


def contradicted_events(text: str, facts: FactSheet, input_text: str = "") -> Iterator[EventClaim]:
    """The events ``text`` says happened (this year, as a fact) that the tables' figures say did not happen."""
    for sentence in _SENTENCE_RE.finditer(text):
        seen: set[str] = set()
        for event in events():
            if event.context and not any(w in sentence.group() for w in event.context):
                continue
            for m in event.pattern().finditer(sentence.group()):
                start = sentence.start() + m.start()
                before_in_sentence = text[sentence.start():start]
                clause_start = max(before_in_sentence.rfind(c) for c in _CLAUSE_CUT) + 1
                if _NEGATED_RE.search(before_in_sentence[clause_start:]) or \
                        NOT_HAPPENED_RE.search(before_in_sentence) or \
                        any(w in before_in_sentence for w in vocabulary().other_period_words) or \
                        m.group() in input_text or _COUNT_AFTER_RE.match(sentence.group(), m.end()):
                    continue
                claim = _contradiction(event, text[:start], facts, start, sentence.start() + m.end())
                if claim is not None and claim.fid not in seen:
                    seen.add(claim.fid)
                    yield claim


def _contradiction(event: Event, before: str, facts: FactSheet, start: int, end: int) -> EventClaim | None:
    figures = [fid for fid in event.figures(before) if fid in facts]
    if not figures:
        return None
    values = [(fid, facts.value(fid)) for fid in figures]
    if any(value is None for _fid, value in values):
        return None  # a blank figure: nothing to compare with
    if event.needs_zero:
        nonzero = [(fid, value) for fid, value in values if _amount(value) != 0]
        return EventClaim(event, start, end, *nonzero[0]) if nonzero else None
    if all(_amount(value) == 0 for _fid, value in values):
        return EventClaim(event, start, end, *values[0])
    return None


def _amount(value: Any) -> Decimal:
    return Decimal(str(getattr(value, "value", value)))


__all__ = ["NOT_HAPPENED_RE", "EVENTS", "events", "result_category_events", "EventClaim", "contradicted_events"]
