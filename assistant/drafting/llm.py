"""The language-model drafter: LangChain ``ChatOpenAI`` against any OpenAI-compatible endpoint.

The model writes prose; figures reach the text only as placeholders such as 〔F:t3.new_received.total〕 that code fills
from the FactSheet. Each drafted section (opening, 一、五、六) is checked by the text rules and repaired
(``assistant.drafting.repair``); what the model cannot get right, or cannot deliver at all (timeouts, 429, 5xx,
garbage, a dead endpoint), falls back to the template drafter's text with a warning finding.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import jinja2
import openai
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from pydantic import SecretStr

from assistant.config import Settings, load_settings
from assistant.drafting.missing import FEE_FROM_YEAR, is_government, missing_facts
from assistant.drafting.template import ASPECT_HEADINGS
from assistant.errors import InputError
from assistant.facts import PLACEHOLDER_RE, FactSheet, bare_label
from assistant.formats import load_format
from assistant.model import NOTE_ASPECTS, Contact, Draft, Fallback, Finding, Location, Provenance, Report, Section
from assistant.organ_words import self_reference
from assistant.resources import data_dir
from assistant.rules import all_rules

log = logging.getLogger(__name__)
T = TypeVar("T")

# The sections the model drafts, in document order ("preamble" is the opening paragraph).
DRAFTED_SECTIONS = ("preamble", "overview", "problems", "other")
SECTION_PROMPTS = {key: f"section_{key}.j2" for key in DRAFTED_SECTIONS}
OVERVIEW_ASPECTS = ("proactive", "on_request", "management", "platform", "oversight")
PROBLEM_ASPECTS = ("problems", "last_year_improvements", "measures")
SECTION_NOTES = {"preamble": (), "overview": OVERVIEW_ASPECTS, "problems": PROBLEM_ASPECTS, "other": ("other",)}
SECTION_NAMES = {"preamble": "开头"} | {s.key: s.title for s in load_format(2021).sections}  # titles: both formats

_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_THINK_RE = re.compile(r"<think>.*?(?:</think>|$)", re.S)
_FENCE_RE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)
_REFUSAL_RE = re.compile(r"^(抱歉|对不起|很抱歉|我无法|我不能|无法完成|作为一个?(?:AI|人工智能))|I('m| am) sorry|I can(?:no|')t", re.I)
_LIST_MARK_RE = re.compile(r"^\s*(?:[#>*\-•·]+|\d+[.)]\s)\s*")

T3_SUMMARY = ("new_received", "carried_over", "received", "result_total", "granted", "partial", "granted_partial",
              "deny", "unable", "not_processed", "other_processing", "carried_forward")


# --------------------------------------------------------------------------------------------------------------
# Prompts


class Prompts:
    """The jinja2 prompt files under ``prompts/``; their version is the hash of their content."""

    def __init__(self, directory: Path | None = None):
        self.directory = directory or data_dir("prompts")
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.directory), encoding="utf-8"),
            undefined=jinja2.StrictUndefined, keep_trailing_newline=False, autoescape=False,
        )
        digest = hashlib.sha256()
        for path in sorted(self.directory.glob("*.j2")):
            digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
        self.hash = digest.hexdigest()[:12]

    def render(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context).strip()


@cache
def prompts() -> Prompts:
    return Prompts()


def prompt_hash() -> str:
    """The version of the prompts in use (recorded in every Draft's provenance)."""
    return prompts().hash


# --------------------------------------------------------------------------------------------------------------
# Placeholders


def fill_placeholders(text: str, facts: FactSheet) -> tuple[str, list[str]]:
    """Replace 〔F:id〕 by the figure and 〔P:id〕 by its phrase; return the text and the unknown ids (left in place)."""
    return facts.fill_known(text)


def placeholder_finding(section: str, index: int, fid: str) -> Finding:
    return Finding(
        rule="L3", category="drafting", severity="error",
        message=f"模型使用了不存在的数据编号〔F:{fid}〕（数据清单中没有这一项）",
        location=Location(section=section, paragraph=index), evidence=f"〔F:{fid}〕", expected="数据清单中的编号",
        found=fid, suggestion="只使用数据清单中的占位符，或删去这一说法",
    )


# --------------------------------------------------------------------------------------------------------------
# Replies


class ReplyError(Exception):
    """A reply that holds no usable text (empty, garbage, a refusal); the message is Chinese."""


def parse_paragraphs(content: Any) -> list[str]:
    """Paragraphs from a model reply: JSON {"paragraphs": [...]}, fenced or amid chatter, or plain prose."""
    if isinstance(content, list):  # content blocks
        content = "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    text = (content or "").strip() if isinstance(content, str) else ""
    text = _THINK_RE.sub("", text).strip()  # reasoning models served by Ollama/vLLM put <think>…</think> first
    if not text:
        raise ReplyError("模型返回了空回复")
    fenced = _FENCE_RE.findall(text)
    candidates = [*fenced, text]
    for candidate in candidates:
        found = _json_paragraphs(candidate)
        if found is not None:
            return _clean(found)
    if _REFUSAL_RE.search(text[:60]):
        raise ReplyError("模型拒绝了起草请求")
    if text.lstrip().startswith(("{", "[")):
        raise ReplyError("模型返回的 JSON 无法解析")
    body = fenced[0] if fenced else text
    return _clean(body.splitlines())


def _json_paragraphs(text: str) -> list[str] | None:
    text = text.strip()
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        return None
    start = min(starts)
    end = max(text.rfind("}"), text.rfind("]"))
    if end <= start:
        return None
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        return None
    if isinstance(data, dict):
        for key in ("paragraphs", "paragraph", "段落", "text", "content"):
            if key in data:
                data = data[key]
                break
        else:
            values = [v for v in data.values() if isinstance(v, str)]
            data = values or None
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        out = []
        for item in data:
            if isinstance(item, dict):
                item = item.get("text") or item.get("paragraph") or ""
            if isinstance(item, str):
                out.extend(item.split("\n"))
        return out
    return None


def _clean(lines: Iterable[str]) -> list[str]:
    out = []
    for line in lines:
        line = _LIST_MARK_RE.sub("", line.replace("**", "")).strip()
        if line and (_CJK_RE.search(line) or PLACEHOLDER_RE.search(line)):
            out.append(line)
    if not out:
        raise ReplyError("模型回复中没有可用的正文")
    return out


# --------------------------------------------------------------------------------------------------------------
# The chat model and its faults


def _non_empty(content: Any) -> str:
    if not isinstance(content, str) or not content.strip():
        raise ReplyError("模型返回了空回复")
    return content


class LLMUnavailable(Exception):
    """The endpoint could not deliver (after the client's retries); the message is Chinese and holds no key."""


def make_chat_model(settings: Settings) -> Any:
    """The one factory for the chat model: ChatOpenAI on /v1/chat/completions."""
    from langchain_openai import ChatOpenAI

    if not settings.configured:
        raise InputError("未配置语言模型：请设置环境变量 NIANBAO_LLM_MODEL（及 NIANBAO_LLM_BASE_URL、NIANBAO_LLM_API_KEY），"
                         "或改用 --drafter template")
    key = settings.api_key
    if key is None:
        if settings.base_url is None:
            raise InputError("未设置 API Key：请设置环境变量 NIANBAO_LLM_API_KEY（或 OPENAI_API_KEY）")
        key = SecretStr("not-needed")  # local servers (Ollama, vLLM) accept any key
    if settings.test_loopback_only and not settings.is_loopback:
        raise RuntimeError("测试环境只允许本机回环地址的模型接口（NIANBAO_TEST_LOOPBACK_ONLY=1）")
    return ChatOpenAI(
        model=settings.model,  # type: ignore[arg-type]
        base_url=settings.base_url,
        api_key=key,
        timeout=settings.timeout,
        max_retries=settings.retries,
        temperature=settings.temperature,
        use_responses_api=False,
        # the literal key (max_tokens= would send max_completion_tokens), then the provider's own fields
        extra_body={"max_tokens": settings.max_tokens, **settings.extra_body},
    )


def describe_fault(exc: BaseException) -> str:
    """A Chinese reason for an endpoint fault, without the server's message (which may echo the key)."""
    if isinstance(exc, openai.APITimeoutError):
        return "请求超时"
    if isinstance(exc, openai.APIConnectionError):
        return "无法连接模型接口"
    if isinstance(exc, openai.RateLimitError):
        return "请求过于频繁（429）"
    if isinstance(exc, openai.AuthenticationError):
        return "API Key 无效或未授权（401）"
    if isinstance(exc, openai.PermissionDeniedError):
        return "无权访问该模型（403）"
    if isinstance(exc, openai.NotFoundError):
        return "模型或接口地址不存在（404）"
    if isinstance(exc, openai.APIStatusError):
        return f"模型接口返回错误（{exc.status_code}）"
    if isinstance(exc, openai.APIError | ValueError | TypeError | KeyError | AttributeError):
        return "模型接口回复无法解析"  # e.g. a 200 whose body is an HTML error page
    return f"模型调用失败（{type(exc).__name__}）"


@dataclass
class CallStats:
    calls: int = 0  # requests that reached the chat model (cache misses)
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    tokens_approximate: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, tokens_in: int, tokens_out: int, approximate: bool) -> None:
        with self.lock:
            self.calls += 1
            self.tokens_in += tokens_in
            self.tokens_out += tokens_out
            self.tokens_approximate |= approximate


_calls_in_flight: threading.BoundedSemaphore | None = None


def limit_calls_in_flight(limit: int | None) -> None:
    """Cap this process's model calls in flight (across threads); None lifts the cap.

    A batch worker runs a few more units than calls it may make, so one unit's checking and writing overlaps
    another unit's call and the endpoint always has its share of calls in flight.
    """
    global _calls_in_flight
    _calls_in_flight = threading.BoundedSemaphore(limit) if limit else None


class ChatSession:
    """One drafting run's access to the model: disk cache, bounded retries on bad replies, a circuit breaker."""

    def __init__(self, settings: Settings, report_hash: str, chat_model: Any | None = None):
        self.settings = settings
        self.report_hash = report_hash
        self.model = chat_model if chat_model is not None else make_chat_model(settings)
        self.stats = CallStats()
        self.down: str | None = None  # set once the endpoint failed after the client's own retries

    def ask(self, system: str, user: str, purpose: str) -> list[str]:
        """Paragraphs for one request; raise LLMUnavailable when the endpoint or its replies fail."""
        return self.request(system, user, purpose, parse_paragraphs)

    def ask_raw(self, system: str, user: str, purpose: str) -> str:
        """The reply's text (not empty) for one request."""
        return self.request(system, user, purpose, _non_empty)

    def request(self, system: str, user: str, purpose: str, parse: Callable[[Any], T]) -> T:
        """One request through the cache; a reply ``parse`` refuses (ReplyError) is asked again, within bounds."""
        messages: list[BaseMessage] = [SystemMessage(system), HumanMessage(user)]
        key = self._cache_key(system, user)
        cached = self._cache_get(key)
        if cached is not None:
            try:
                parsed = parse(cached)
                with self.stats.lock:
                    self.stats.cache_hits += 1
                return parsed
            except ReplyError:
                pass
        reason = ""
        for _attempt in range(self.settings.retries + 1):
            content = self._invoke(messages, purpose)
            try:
                parsed = parse(content)
            except ReplyError as exc:
                reason = str(exc)
                log.warning("%s：%s，重试", SECTION_NAMES.get(purpose, purpose), reason)
                continue
            self._cache_put(key, content)
            return parsed
        raise LLMUnavailable(reason or "模型回复不可用")

    def _invoke(self, messages: list[BaseMessage], purpose: str) -> Any:
        if self.down:
            raise LLMUnavailable(self.down)
        slot = _calls_in_flight
        try:
            if slot is None:
                reply = self.model.invoke(messages)
            else:
                with slot:
                    reply = self.model.invoke(messages)
        except Exception as exc:  # every client fault ends in a fallback, never a traceback
            reason = describe_fault(exc)
            self.down = reason
            log.warning("%s：%s", SECTION_NAMES.get(purpose, purpose), reason)
            raise LLMUnavailable(reason) from None
        content = reply.content
        usage = getattr(reply, "usage_metadata", None) or {}
        if usage.get("input_tokens") or usage.get("output_tokens"):
            self.stats.add(int(usage.get("input_tokens", 0)), int(usage.get("output_tokens", 0)), False)
        else:  # no usage: about one token per Chinese character
            self.stats.add(sum(len(str(m.content)) for m in messages), len(str(content or "")), True)
        return content

    # --- disk cache: keyed by report hash, prompt hash, model and the exact request --------------------------
    def _cache_key(self, system: str, user: str) -> str:
        raw = json.dumps([self.report_hash, prompt_hash(), self.settings.model, self.settings.temperature, system,
                          user], ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def _cache_path(self, key: str) -> Path:
        return self.settings.cache_dir / "llm" / self.report_hash / f"{key[:32]}.json"

    def _cache_get(self, key: str) -> str | None:
        path = self._cache_path(key)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        content = data.get("content") if isinstance(data, dict) else None
        return content if isinstance(content, str) else None

    def _cache_put(self, key: str, content: Any) -> None:
        if not isinstance(content, str):
            return
        path = self._cache_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")  # batch runs in processes
            tmp.write_text(json.dumps({"model": self.settings.model, "prompt_hash": prompt_hash(),
                                       "content": content}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:  # a read-only cache is no reason to fail a draft
            log.warning("无法写入缓存 %s：%s", path.parent, type(exc).__name__)


# --------------------------------------------------------------------------------------------------------------
# Prompt context


def section_facts(facts: FactSheet, key: str) -> list[dict[str, str]]:
    """The figures a section may cite: placeholder id, value with unit, phrase and name."""
    fmt = facts.fmt
    ids: list[str] = []
    if key in ("overview", "proactive", "requests", "appeals"):
        ids += [f"t2.{row.key}.{col.key}" for _b, row, col in fmt.t2_cells()]
        ids += [f"t3.{row}.total" for row in T3_SUMMARY]
        ids += [f"t4.{g}.{c.key}" for g in ("review", "suit") for c in fmt.t4_columns]
    elif key == "other":
        ids += ["fee.processing", "t3.oth_fee_unpaid.total"]
    out = []
    for fid in ids:
        if fid in facts and facts.value(fid) is not None:
            fact = facts[fid]
            out.append({"id": fid, "quantity": fact.quantity, "phrase": fact.phrase, "name": fact.name})
    return out


def section_parts(report: Report, key: str) -> list[str]:
    """What each paragraph the model writes for a section holds, in order (mirrors the template drafter)."""
    notes = report.notes
    if key == "preamble":
        return ["开头段落"]
    if key == "overview":
        return ["总述", *(h[3:] for h in ASPECT_HEADINGS)]  # "（四）政府信息公开平台建设" -> its words
    if key == "problems":
        improved = ["上年度问题的改进情况"] if notes.last_year_improvements else []
        return ["本年度存在的主要问题", *improved, "下一步改进措施"]
    parts = ["信息处理费收取情况"] if report.meta.year >= FEE_FROM_YEAR else []
    if notes.other:
        parts.append("其他需要报告的事项")
    return parts or ["说明无其他需要报告的事项"]


def prompt_context(report: Report, facts: FactSheet, key: str) -> dict[str, Any]:
    """What the prompt templates see for one section."""
    meta = report.meta
    contact = meta.contact
    contact_text = "，".join(f"{field.title}：{getattr(contact, key)}" for key, field in Contact.model_fields.items()
                            if getattr(contact, key))
    notes = [(NOTE_ASPECTS[a], list(getattr(report.notes, a))) for a in SECTION_NOTES.get(key, ())]
    return {
        "meta": meta, "self_ref": self_reference(meta), "basis_number": report.fmt.basis_number,
        "basis_title": report.fmt.basis_title, "contact": contact_text, "facts": section_facts(facts, key),
        "notes": notes, "feedback": [], "title": SECTION_NAMES.get(key, key), "parts": section_parts(report, key),
        "missing": [m.placeholder for m in missing_facts(report) if m.section == key],
        "government": is_government(report), "next_year": meta.year + 1,
        "section_list": "，".join(bare_label(s.title) for s in report.fmt.sections),
    }


def shape_section(key: str, paragraphs: list[str]) -> list[str]:
    """Lay out the model's paragraphs as the template drafter does (一、总体情况: lead, then heading + body × 5)."""
    title = SECTION_NAMES.get(key, "")
    headings = {title, title[2:]} - {""}  # "五、存在的主要问题及改进情况" and without its number
    paragraphs = [p for p in paragraphs if p.strip().rstrip("：:。") not in headings] or paragraphs
    if key == "preamble":
        return ["".join(paragraphs)]
    if key != "overview":
        return paragraphs
    bodies = []
    for text in paragraphs:
        head = _ASPECT_HEAD_RE.match(text)
        if head is None:
            bodies.append(text)
        elif text[head.end():].strip():
            bodies.append(text[head.end():].strip())  # "（一）主动公开。本年度…" -> "本年度…"
        # else: a heading on its own line; the headings are added below
    if len(bodies) != len(ASPECT_HEADINGS) + 1:
        return paragraphs
    out = [bodies[0]]
    for heading, body in zip(ASPECT_HEADINGS, bodies[1:], strict=True):
        out += [heading, body]
    return out


_ASPECT_HEAD_RE = re.compile(
    r"^\s*(?:[（(][一二三四五][）)]\s*)?(?:" + "|".join(re.escape(h[3:]) for h in ASPECT_HEADINGS)
    + r")(?:方面|情况|工作)*\s*(?:[。：:，,]\s*|$)"
)


# --------------------------------------------------------------------------------------------------------------
# The drafter


@dataclass
class DraftStats:
    """What one LLM draft cost and how it ended, per drafted section."""

    sections: int = 0
    clean: int = 0  # right at the first attempt
    fixed_round1: int = 0
    fixed_round2: int = 0
    fell_back: int = 0  # some paragraph replaced by the template's after 2 repair rounds
    faulted: int = 0  # the endpoint failed: the whole section is the template's
    repair_calls: int = 0
    errors_left: int = 0
    calls: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    tokens_approximate: bool = False
    seconds: float = 0.0
    fallback_sections: list[str] = field(default_factory=list)


class LLMDrafter:
    """Drafts the opening, 一、五、六 with a language model; the rest (title, tables' sections, closing) from the template."""

    name = "llm"

    def __init__(self, settings: Settings | None = None, chat_model: Any | None = None):
        self.settings = settings or load_settings()
        # one client for all drafts (its connection pool is reused); a bad configuration fails here, early
        self.chat_model = chat_model if chat_model is not None else make_chat_model(self.settings)

    def draft(self, report: Report, feedback: Sequence[Finding] | None = None) -> Draft:
        return self.draft_with_stats(report, feedback)[0]

    def draft_with_stats(self, report: Report, feedback: Sequence[Finding] | None = None) -> tuple[Draft, DraftStats]:
        from assistant.drafting.repair import SectionJob, draft_section, final_check, template_draft

        started = time.monotonic()
        all_rules()  # load the rule modules here, not racing in the worker threads
        facts = FactSheet(report)
        base = template_draft(report)
        session = ChatSession(self.settings, report.content_hash(), self.chat_model)
        jobs = [SectionJob(key, report, facts, base, session, _feedback_for(feedback, key)) for key in DRAFTED_SECTIONS]
        with ThreadPoolExecutor(max_workers=self.settings.concurrency, thread_name_prefix="nianbao-llm") as pool:
            outcomes = list(pool.map(draft_section, jobs))
        draft = base.model_copy(deep=True)
        stats = DraftStats(sections=len(outcomes))
        fallbacks: list[Fallback] = []
        for outcome in outcomes:
            if outcome.key == "preamble":
                draft.preamble = outcome.paragraphs
            else:
                section = draft.section(outcome.key)
                if section is None:
                    draft.sections.append(Section(heading=SECTION_NAMES[outcome.key], key=outcome.key,
                                                  paragraphs=outcome.paragraphs))
                else:
                    section.paragraphs = outcome.paragraphs
            fallbacks.extend(outcome.fallbacks)
            setattr(stats, outcome.result, getattr(stats, outcome.result) + 1)
            stats.repair_calls += outcome.repair_calls
            if outcome.fallbacks:
                stats.fallback_sections.append(outcome.key)
        draft.provenance = Provenance(drafter="llm", model=self.settings.model, prompt_hash=prompt_hash(),
                                      version=_version(), created=datetime.now().replace(microsecond=0),
                                      fallbacks=fallbacks)
        stats.errors_left = len(final_check(report, draft))
        s = session.stats
        stats.calls, stats.cache_hits = s.calls, s.cache_hits
        stats.tokens_in, stats.tokens_out, stats.tokens_approximate = s.tokens_in, s.tokens_out, s.tokens_approximate
        stats.seconds = time.monotonic() - started
        return draft, stats


def feedback_line(f: Finding) -> str:
    """A finding as the prompts' feedback: its message, then what was expected."""
    return f.message + (f"（应为：{f.expected}）" if f.expected is not None else "")


def _feedback_for(feedback: Sequence[Finding] | None, key: str) -> list[str]:
    return [feedback_line(f) for f in feedback or []
            if f.location.section == key and f.severity in ("error", "warning")]


def _version() -> str:
    from assistant import __version__

    return __version__


def describe_fallbacks(draft: Draft) -> list[str]:
    """One Chinese line per part of a model draft that is the template's text, e.g. "一、总体情况 第5段：…"."""
    return [f"{Location(section=fb.section, paragraph=fb.paragraph).describe()}：{fb.reason}"
            for fb in draft.provenance.fallbacks]
