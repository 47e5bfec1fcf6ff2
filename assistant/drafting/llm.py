"""The language-model drafter: the openai SDK's chat completions against any OpenAI-compatible endpoint.

The model writes prose; figures reach the text only as placeholders such as 〔F:t3.new_received.total〕 that code fills
from the FactSheet. Every reply passes the firewall (``assistant.drafting.firewall``): its envelope is read here, its
text is checked with the text rules in ``assistant.drafting.repair`` and repaired; what the model cannot get right, or
cannot deliver at all (timeouts, 429, 5xx, garbage, a dead endpoint, a reply past the deadline or the size cap), falls
back to the template drafter's text with a warning finding. Only replies that passed are cached, and a cached reply
is no exemption: its text goes through the current firewall each time it is read (``repair.check_section``), so a
firewall tightened since (a new check, M18) applies to old entries, which are dropped when they now fail.
The client is the openai SDK itself (not LangChain's ChatOpenAI, which drops ``reasoning_content`` and hides
``finish_reason`` handling); how each provider differs is data (``schemas/providers.yaml``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import httpx2
import jinja2
import openai
from pydantic import SecretStr

from assistant.config import Settings, load_settings
from assistant.drafting import current_unit
from assistant.drafting.firewall import ModelReply, ReadReply, ReplyError, TruncatedReply, read_reply, strip_reasoning
from assistant.drafting.missing import FEE_FROM_YEAR, is_government, missing_facts
from assistant.drafting.providers import select_profile
from assistant.drafting.section_figures import section_fact_ids
from assistant.drafting.template import ASPECT_HEADINGS, OVERVIEW_ASPECTS
from assistant.errors import ModelNotConfigured, SetupError
from assistant.facts import FactSheet, bare_label
from assistant.formats import report_sections
from assistant.model import NOTE_ASPECTS, Contact, Draft, Fallback, Finding, Location, Meta, Provenance, Report, Section
from assistant.organ_words import drafted_self_reference, in_drafted_form
from assistant.patterns import lazy_compile
from assistant.resources import data_dir
from assistant.rules import all_rules

log = logging.getLogger(__name__)

# The sections the model drafts, in document order ("preamble" is the opening paragraph).
DRAFTED_SECTIONS = ("preamble", "overview", "problems", "other")
SECTION_PROMPTS = {key: f"section_{key}.j2" for key in DRAFTED_SECTIONS}
PROBLEM_ASPECTS = ("problems", "last_year_improvements", "measures")
SECTION_NOTES = {"preamble": (), "overview": OVERVIEW_ASPECTS, "problems": PROBLEM_ASPECTS, "other": ("other",)}
SECTION_NAMES = {"preamble": "开头"} | {s.key: s.title for s in report_sections()}


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


def placeholder_finding(section: str, index: int, fid: str) -> Finding:
    return Finding(
        rule="L3", category="drafting", severity="error",
        message=f"模型使用了不存在的数据编号〔F:{fid}〕（数据清单中没有这一项）",
        location=Location(section=section, paragraph=index), evidence=f"〔F:{fid}〕", expected="数据清单中的编号",
        found=fid, suggestion="只使用数据清单中的占位符，或删去这一说法",
    )


# --------------------------------------------------------------------------------------------------------------
# Replies (the envelope is read by the firewall)


def read_raw(reply: ModelReply) -> ReadReply:
    """A reply's whole text with its reasoning removed (the table proposal's JSON); refused when truncated or empty."""
    if reply.finish_reason == "length":
        raise TruncatedReply("模型回复达到长度上限被截断")
    text, note = strip_reasoning(reply.content if isinstance(reply.content, str) else "")
    if not text:
        raise ReplyError("模型返回了空回复" if not (note or reply.reasoning) else "模型只返回了思考过程，没有正文")
    return ReadReply([text], [note] if note else [])


def parse_paragraphs(content: Any) -> list[str]:
    """Paragraphs from a model reply's content: JSON {"paragraphs": [...]}, fenced or amid chatter, or plain prose."""
    return read_reply(ModelReply(content)).paragraphs


# --------------------------------------------------------------------------------------------------------------
# The endpoint: an openai client with bounded calls

REPLY_BYTES_CAP = 1_000_000  # a reply over 1 MB is not a section of a report (a 10 MB reply once became a 42 MB .docx)
SMALL_RETRY_WAIT = 0.5  # seconds before the first retry when the server gives no Retry-After


class LLMUnavailable(Exception):
    """The endpoint could not deliver (after retries, or past the deadline); the message is Chinese and holds no key."""


class CallLimitExceeded(openai.OpenAIError):
    """A reply that ran past the call's deadline or over the size cap (raised inside the transport)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


_limits = threading.local()  # the current call's deadline (monotonic) and byte cap, set by ChatSession per request


class _LimitedStream(httpx2.SyncByteStream):
    """A response body read under the call's deadline and size cap (a server dribbling bytes cannot hold a call)."""

    def __init__(self, stream: Any, deadline: float, cap: int):
        self.stream, self.deadline, self.cap = stream, deadline, cap

    def __iter__(self) -> Iterator[bytes]:
        size = 0
        for chunk in self.stream:
            size += len(chunk)
            if size > self.cap:
                raise CallLimitExceeded(f"模型回复超过大小上限（{self.cap // 1_000_000} MB）")
            if time.monotonic() > self.deadline:
                raise CallLimitExceeded("模型回复超过时限（接口持续缓慢返回）")
            yield chunk

    def close(self) -> None:
        self.stream.close()


class LimitedTransport(httpx2.BaseTransport):
    """The HTTP transport of the model client: each request's read timeout ends at its deadline, bodies are capped."""

    def __init__(self, inner: httpx2.BaseTransport | None = None):
        self.inner = inner or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        deadline = getattr(_limits, "deadline", None)
        cap = getattr(_limits, "cap", REPLY_BYTES_CAP)
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CallLimitExceeded("超过本部分的总时限")
            timeout = dict(request.extensions.get("timeout") or {})
            for phase in ("connect", "read", "write", "pool"):
                timeout[phase] = min(timeout.get(phase) or remaining, remaining)
            request.extensions["timeout"] = timeout
        response = self.inner.handle_request(request)
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            response.close()
            raise CallLimitExceeded(f"模型回复超过大小上限（{cap // 1_000_000} MB）")
        response.stream = _LimitedStream(response.stream, deadline if deadline is not None else float("inf"), cap)
        return response

    def close(self) -> None:
        self.inner.close()


def make_client(settings: Settings) -> openai.OpenAI:
    """The one factory for the model client: the openai SDK on /chat/completions, retries done by ChatSession."""
    if not settings.configured:
        raise ModelNotConfigured()
    key = settings.api_key
    if key is None:
        if settings.base_url is None:
            raise SetupError("未设置 API Key：请设置环境变量 NIANBAO_LLM_API_KEY（或 OPENAI_API_KEY）")
        key = SecretStr("not-needed")  # local servers (Ollama, vLLM) accept any key
    if settings.test_loopback_only and not settings.is_loopback:
        raise RuntimeError("测试环境只允许本机回环地址的模型接口（NIANBAO_TEST_LOOPBACK_ONLY=1）")
    select_profile(settings.base_url, settings.provider)  # an unknown NIANBAO_LLM_PROVIDER fails here, early
    return openai.OpenAI(base_url=settings.base_url, api_key=key.get_secret_value(), timeout=settings.timeout,
                         max_retries=0, http_client=httpx2.Client(transport=LimitedTransport()))


def redact(text: str, settings: Settings) -> str:
    """``text`` without the API key (or any long part of it)."""
    if settings.api_key is None:
        return text
    key = settings.api_key.get_secret_value()
    for part in sorted({key, key[3:], key[:-2]}, key=len, reverse=True):
        if len(part) >= 6:
            text = text.replace(part, "****")
    return re.sub(r"sk-[A-Za-z0-9_\-]{6,}", "sk-****", text)


def provider_message(exc: openai.APIStatusError, settings: Settings) -> str:
    """The provider's own error message from an error reply, key redacted, shortened."""
    body = exc.body
    message: Any = None
    if isinstance(body, dict):
        error = body.get("error", body)
        message = error.get("message") if isinstance(error, dict) else error
        message = message or body.get("message") or body.get("msg")
    if not message:
        message = getattr(exc, "message", "") or ""
    text = re.sub(r"\s+", " ", str(message)).strip()
    return redact(text, settings)[:300]


def describe_fault(exc: BaseException, settings: Settings | None = None) -> str:
    """A Chinese reason for an endpoint fault; a 400 carries the provider's own message (key redacted)."""
    if isinstance(exc, CallLimitExceeded):
        return exc.reason
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
    if isinstance(exc, openai.BadRequestError):
        said = provider_message(exc, settings) if settings is not None else ""
        return "模型接口拒绝了请求（400）" + (f"：{said}" if said else "")
    if isinstance(exc, openai.APIStatusError):
        return f"模型接口返回错误（{exc.status_code}）"
    if isinstance(exc, openai.APIError | ValueError | TypeError | KeyError | AttributeError):
        return "模型接口回复无法解析"  # e.g. a 200 whose body is an HTML error page
    return f"模型调用失败（{type(exc).__name__}）"


_RETRYABLE = (openai.RateLimitError, openai.InternalServerError, openai.APIConnectionError)


@dataclass
class CallStats:
    requests: int = 0  # HTTP requests sent, failed ones included
    failed: int = 0  # requests that ended in an error or a reply over the limits
    calls: int = 0  # requests that returned a reply
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

    def count(self, failed: bool) -> None:
        with self.lock:
            self.requests += 1
            self.failed += int(failed)


_calls_in_flight: threading.BoundedSemaphore | None = None


def limit_calls_in_flight(limit: int | None) -> None:
    """Cap this process's model calls in flight (across threads); None lifts the cap.

    A batch worker runs a few more units than calls it may make, so one unit's checking and writing overlaps
    another unit's call and the endpoint always has its share of calls in flight.
    """
    global _calls_in_flight
    _calls_in_flight = threading.BoundedSemaphore(limit) if limit else None


@dataclass
class Answer:
    """One reply read through the firewall's envelope layer; ``keep`` it in the cache only once its text passed."""

    read: ReadReply
    cache_key: str
    content: str
    cached: bool = False

    @property
    def paragraphs(self) -> list[str]:
        return list(self.read.paragraphs)


class ChatSession:
    """One drafting run's access to the model: cache of passed replies, bounded retries and deadline, a breaker."""

    def __init__(self, settings: Settings, report_hash: str, client: Any | None = None,
                 deadline: float | None = None):
        self.settings = settings
        self.report_hash = report_hash
        self.profile = select_profile(settings.base_url, settings.provider)
        self.client = client if client is not None else make_client(settings)
        self.stats = CallStats()
        self.by_section: dict[str, CallStats] = {}  # the same counts per section ("purpose" of the requests)
        self.down: str | None = None  # set once the endpoint failed after retries
        self.deadline = deadline if deadline is not None else time.monotonic() + settings.draft_budget
        self.unit = current_unit.get()  # read here, in the unit's thread: the section threads do not inherit it

    def name_of(self, purpose: str) -> str:
        """What the log lines name a request by: the section, after the batch unit when there is one
        ("青石镇 一、总体情况")."""
        section = SECTION_NAMES.get(purpose, purpose)
        return f"{self.unit} {section}" if self.unit else section

    def section_deadline(self) -> float:
        """The deadline of one section: its own budget, within the draft's."""
        return min(self.deadline, time.monotonic() + self.settings.section_budget)

    def ask(self, system: str, user: str, purpose: str, deadline: float | None = None,
            structured: bool = True, raw: bool = False) -> Answer:
        """One request through the cache; an unusable reply is asked again (a truncated one with a larger budget).

        ``raw``: the reply's text as one piece (reasoning removed), for replies that are not paragraphs of prose.
        """
        read = read_raw if raw else read_reply
        deadline = min(deadline or self.deadline, self.deadline)
        key = self._cache_key(system, user)
        cached = self._cache_get(key)
        if cached is not None:
            try:
                answer = Answer(read(ModelReply(cached)), key, cached, cached=True)
                for stats in self._stats(purpose):
                    with stats.lock:
                        stats.cache_hits += 1
                return answer
            except ReplyError:
                self.forget_key(key)
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        reason = ""
        budget = self.settings.max_tokens
        grown = False
        attempts = 0
        while attempts <= self.settings.retries:
            attempts += 1
            reply = self._complete(messages, purpose, deadline, budget, "json" if raw else structured)

            try:
                result = read(reply)
            except TruncatedReply as exc:
                reason = str(exc)
                if not grown:  # once, with a larger budget (a reasoning model may have spent it thinking)
                    grown, budget = True, min(budget * 2, 100_000)
                    attempts -= 1
                log.warning("%s：%s，加大长度上限重试", self.name_of(purpose), reason)
                continue
            except ReplyError as exc:
                reason = str(exc)
                log.warning("%s：%s，重试", self.name_of(purpose), reason)
                continue
            return Answer(result, key, reply.content if isinstance(reply.content, str) else "")
        raise LLMUnavailable(reason or "模型回复不可用")

    def keep(self, answer: Answer) -> None:
        """Store a reply whose text passed the firewall (the only replies the cache holds)."""
        if not answer.cached and answer.content:
            self._cache_put(answer.cache_key, answer.content)

    def forget(self, answer: Answer) -> None:
        """Drop a cached reply whose text no longer passes."""
        if answer.cached:
            self.forget_key(answer.cache_key)

    def _request_body(self, budget: int, structured: bool | str, plain: bool) -> dict[str, Any]:
        """The fields beyond model and messages: the profile's max-tokens field, structured output, extra_body.

        ``structured``: True for a {"paragraphs": [...]} reply, "json" for any JSON object, False for none;
        ``plain`` leaves out what a server may not know (after a 400).
        """
        body: dict[str, Any] = {self.profile.max_tokens_field: budget}
        if not plain:
            body |= self.profile.extra_body
            response_format = None
            if structured is True:
                response_format = self.profile.response_format()
            elif structured == "json" and (self.profile.json_mode or self.profile.json_schema):
                response_format = {"type": "json_object"}
            if response_format is not None:
                body["response_format"] = response_format
        return body | self.settings.extra_body

    def _complete(self, messages: list[dict[str, str]], purpose: str, deadline: float, budget: int,
                  structured: bool | str) -> ModelReply:
        """One reply from the endpoint: retries on 429/5xx/connection faults (Retry-After honoured) within the
        deadline; a 400 is tried once more without the optional fields; other faults raise LLMUnavailable."""
        if self.down:
            raise LLMUnavailable(self.down)
        name = self.name_of(purpose)
        failures = 0
        plain = False
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise LLMUnavailable("超过本部分的总时限")
            try:
                response = self._send(messages, deadline, self._request_body(budget, structured, plain))
            except openai.BadRequestError as exc:
                self._count(purpose, failed=True)
                if not plain and (self.profile.extra_body or structured):
                    plain = True  # the server may not know response_format or the profile's fields
                    log.warning("%s：%s，去掉可选字段后重试", name, describe_fault(exc, self.settings))
                    continue
                self.down = describe_fault(exc, self.settings)
                raise LLMUnavailable(self.down) from None
            except CallLimitExceeded as exc:
                self._count(purpose, failed=True)
                log.warning("%s：%s", name, exc.reason)
                raise LLMUnavailable(exc.reason) from None
            except _RETRYABLE as exc:
                self._count(purpose, failed=True)
                reason = describe_fault(exc, self.settings)
                wait = _retry_wait(exc, failures)
                # a timeout is not tried again: an unresponsive server would cost (retries + 1) × timeout
                if not isinstance(exc, openai.APITimeoutError) and failures < self.settings.retries \
                        and time.monotonic() + wait < deadline:
                    failures += 1
                    log.warning("%s：%s，%.1f 秒后重试", name, reason, wait)
                    time.sleep(wait)
                    continue
                self.down = reason
                log.warning("%s：%s", name, reason)
                raise LLMUnavailable(reason) from None
            except Exception as exc:  # every client fault ends in a fallback, never a traceback
                self._count(purpose, failed=True)
                reason = describe_fault(exc, self.settings)
                self.down = reason
                log.warning("%s：%s", name, reason)
                raise LLMUnavailable(reason) from None
            self._count(purpose, failed=False)
            return self._reply_of(response, messages, purpose)

    def _send(self, messages: list[dict[str, str]], deadline: float, body: dict[str, Any]) -> Any:
        _limits.deadline, _limits.cap = deadline, REPLY_BYTES_CAP
        slot = _calls_in_flight
        try:
            if slot is None:
                return self._create(messages, deadline, body)
            with slot:
                return self._create(messages, deadline, body)
        finally:
            _limits.deadline = None

    def _create(self, messages: list[dict[str, str]], deadline: float, body: dict[str, Any]) -> Any:
        timeout = max(0.01, min(self.settings.timeout, deadline - time.monotonic()))
        return self.client.chat.completions.create(
            model=self.settings.model, messages=messages,  # type: ignore[arg-type]
            temperature=self.settings.temperature, extra_body=body, timeout=timeout,
        )

    def _stats(self, purpose: str) -> tuple[CallStats, CallStats]:
        with self.stats.lock:
            section = self.by_section.setdefault(purpose, CallStats())
        return self.stats, section

    def _count(self, purpose: str, failed: bool) -> None:
        for stats in self._stats(purpose):
            stats.count(failed)

    def _reply_of(self, response: Any, messages: list[dict[str, str]], purpose: str) -> ModelReply:
        try:
            choice = response.choices[0]
            message = choice.message
            content = message.content
            extra = getattr(message, "model_extra", None) or {}
            reasoning = extra.get("reasoning_content") or extra.get("reasoning")
            finish = choice.finish_reason
        except (AttributeError, IndexError, TypeError):
            for stats in self._stats(purpose):
                stats.add(0, 0, True)
            return ModelReply(None)
        usage = getattr(response, "usage", None)
        if usage is not None and (usage.prompt_tokens or usage.completion_tokens):
            tokens = (int(usage.prompt_tokens or 0), int(usage.completion_tokens or 0), False)
        else:  # no usage: about one token per Chinese character
            tokens = (sum(len(m["content"]) for m in messages), len(str(content or "")), True)
        for stats in self._stats(purpose):
            stats.add(*tokens)
        return ModelReply(content, reasoning if isinstance(reasoning, str) else None, finish)

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

    def forget_key(self, key: str) -> None:
        try:
            self._cache_path(key).unlink(missing_ok=True)
        except OSError:
            pass

    def _cache_put(self, key: str, content: str) -> None:
        path = self._cache_path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}-{threading.get_ident()}.tmp")  # batch runs in processes
            tmp.write_text(json.dumps({"model": self.settings.model, "prompt_hash": prompt_hash(),
                                       "content": content}, ensure_ascii=False), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:  # a read-only cache is no reason to fail a draft
            log.warning("无法写入缓存 %s：%s", path.parent, type(exc).__name__)


def _retry_wait(exc: BaseException, failures: int) -> float:
    """Seconds before the next try: the server's Retry-After (capped at 60 s), else a short backoff."""
    response = getattr(exc, "response", None)
    header = response.headers.get("retry-after") if response is not None else None
    if header:
        try:
            return min(max(float(header), 0.0), 60.0)
        except ValueError:
            pass
    return SMALL_RETRY_WAIT * (2 ** failures)


# --------------------------------------------------------------------------------------------------------------
# Prompt context


def section_facts(facts: FactSheet, key: str) -> list[dict[str, str]]:
    """The figures a section may cite (the ones the template drafter tells there, :mod:`section_figures`):
    placeholder id, value with unit, phrase and name."""
    ids = section_fact_ids(facts.fmt, key)
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
        "meta": meta, "self_ref": drafted_self_reference(meta), "basis_number": report.fmt.basis_number,
        "basis_title": report.fmt.basis_title, "contact": contact_text, "facts": section_facts(facts, key),
        "notes": notes, "feedback": [], "title": SECTION_NAMES.get(key, key), "parts": section_parts(report, key),
        "missing": [m.placeholder for m in missing_facts(report) if m.section == key],
        "government": is_government(report), "next_year": meta.year + 1,
        "section_list": "，".join(bare_label(s.title) for s in report.fmt.sections),
    }


def shape_section(key: str, paragraphs: list[str], meta: Meta) -> list[str]:
    """Lay out the model's paragraphs as the template drafter does (一、总体情况: lead, then heading + body × 5), with
    the organ's self-reference in the one form the report's drafts use (本镇 throughout, not 我镇 here and 本镇 there)."""
    paragraphs = [in_drafted_form(p, meta) for p in paragraphs]
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


_ASPECT_HEAD_RE = lazy_compile(
    r"^\s*(?:[（(][一二三四五][）)]\s*)?(?:" + "|".join(re.escape(h[3:]) for h in ASPECT_HEADINGS)
    + r")(?:方面|情况|工作)*\s*(?:[。：:，,]\s*|$)"
)


# --------------------------------------------------------------------------------------------------------------
# The drafter


@dataclass
class SectionStats:
    """How one drafted section ended and what it cost (one row of ``nianbao eval drafting``)."""

    key: str
    result: str = ""  # clean | fixed_round1 | fixed_round2 | fell_back | faulted
    paragraphs: int = 0  # paragraphs of text (the program's own headings not counted)
    from_model: int = 0  # the model's text as first written
    repaired: int = 0  # the model's text after repair
    fell_back: int = 0  # the template's text
    defects: int = 0  # the firewall's findings on the final text (must be 0)
    requests: int = 0  # HTTP requests, failed ones included
    failed_requests: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0


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
    defects: int = 0  # the firewall's findings on the final text (must be 0)
    calls: int = 0
    requests: int = 0  # HTTP requests, failed ones included
    failed_requests: int = 0
    cache_hits: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    tokens_approximate: bool = False
    seconds: float = 0.0
    fallback_sections: list[str] = field(default_factory=list)
    section_rows: list[SectionStats] = field(default_factory=list)

    @property
    def paragraphs(self) -> int:
        return sum(r.paragraphs for r in self.section_rows)

    @property
    def from_model(self) -> int:
        return sum(r.from_model for r in self.section_rows)

    @property
    def repaired(self) -> int:
        return sum(r.repaired for r in self.section_rows)

    @property
    def fell_back_paragraphs(self) -> int:
        return sum(r.fell_back for r in self.section_rows)


class LLMDrafter:
    """Drafts the opening, 一、五、六 with a language model; the rest (title, tables' sections, closing) from the template."""

    name = "llm"

    def __init__(self, settings: Settings | None = None, client: Any | None = None):
        self.settings = settings or load_settings()
        # one client for all drafts (its connection pool is reused); a bad configuration fails here, early
        self.client = client if client is not None else make_client(self.settings)

    def draft(self, report: Report, feedback: Sequence[Finding] | None = None) -> Draft:
        return self.draft_with_stats(report, feedback)[0]

    def draft_with_stats(self, report: Report, feedback: Sequence[Finding] | None = None) -> tuple[Draft, DraftStats]:
        from assistant.drafting.firewall import citable_report, final_text_defects
        from assistant.drafting.repair import SectionJob, draft_section, final_check, template_draft
        from assistant.drafting.unfit_notes import fitting_report

        report = fitting_report(report)  # notes the tables or the organ's name contradict are not facts (D.handling …)
        started = time.monotonic()
        all_rules()  # load the rule modules here, not racing in the worker threads
        facts = FactSheet(report)
        base = template_draft(citable_report(report)[0])  # the fallback text: no note that reads as an instruction
        session = ChatSession(self.settings, report.content_hash(), self.client)
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
            cost = session.by_section.get(outcome.key, CallStats())
            stats.section_rows.append(SectionStats(
                outcome.key, outcome.result, outcome.text_paragraphs, outcome.from_model, outcome.repaired,
                outcome.fell_back, requests=cost.requests, failed_requests=cost.failed, cache_hits=cost.cache_hits,
                tokens_in=cost.tokens_in, tokens_out=cost.tokens_out))
        draft.provenance = Provenance(drafter="llm", model=self.settings.model, prompt_hash=prompt_hash(),
                                      version=_version(), created=datetime.now().replace(microsecond=0),
                                      fallbacks=fallbacks)
        for row in stats.section_rows:  # the last guard: a section the firewall still faults ships as the template's
            found = final_text_defects(report, draft, (row.key,), base)
            if found and row.fell_back < row.paragraphs:
                _to_template(draft, base, row, found[0].message)
            row.defects = len(final_text_defects(report, draft, (row.key,), base))
        stats.errors_left = len(final_check(report, draft))
        stats.defects = sum(r.defects for r in stats.section_rows)
        s = session.stats
        stats.calls, stats.cache_hits = s.calls, s.cache_hits
        stats.requests, stats.failed_requests = s.requests, s.failed
        stats.tokens_in, stats.tokens_out, stats.tokens_approximate = s.tokens_in, s.tokens_out, s.tokens_approximate
        stats.seconds = time.monotonic() - started
        return draft, stats


def _to_template(draft: Draft, base: Draft, row: SectionStats, reason: str) -> None:
    """Replace a drafted section by the template's (``draft`` and ``row`` are updated in place)."""
    name = SECTION_NAMES.get(row.key, row.key)
    if row.key == "preamble":
        draft.preamble = list(base.preamble)
    else:
        section, template = draft.section(row.key), base.section(row.key)
        if section is not None and template is not None:
            section.paragraphs = list(template.paragraphs)
    draft.provenance.fallbacks = [fb for fb in draft.provenance.fallbacks if fb.section != row.key] + [
        Fallback(section=row.key, reason=f"终稿检查发现问题（{reason}），{name}改用模板文本")]
    row.from_model = row.repaired = 0
    row.fell_back = row.paragraphs
    row.result = "fell_back"  # the counts tell what shipped: not "fixed" when the final check replaced it


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
