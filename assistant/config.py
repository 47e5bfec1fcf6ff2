"""Settings read from the environment (pydantic-settings): the language-model endpoint and the cache.

``NIANBAO_LLM_BASE_URL``, ``NIANBAO_LLM_MODEL``, ``NIANBAO_LLM_API_KEY`` (falls back to ``OPENAI_API_KEY``),
``NIANBAO_LLM_TIMEOUT``, ``NIANBAO_LLM_RETRIES``, ``NIANBAO_LLM_TEMPERATURE``, ``NIANBAO_LLM_CONCURRENCY``,
``NIANBAO_LLM_MAX_TOKENS``, ``NIANBAO_LLM_EXTRA_BODY`` (JSON merged into the request), ``NIANBAO_LLM_PROVIDER`` (a key of
schemas/providers.yaml; by default recognised from the base URL), ``NIANBAO_LLM_SECTION_DEADLINE`` and
``NIANBAO_LLM_DRAFT_DEADLINE`` (overall seconds per section and per draft), ``NIANBAO_CACHE_DIR``. The key is a SecretStr: it never appears in a repr, a log line
or a message.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from assistant.errors import InputError, SetupError, describe_validation_error, shown_value
from assistant.patterns import lazy_compile


def is_loopback_host(host: str | None) -> bool:
    """Whether ``host`` (a name or an address) is this machine only: localhost, 127.0.0.0/8, ::1."""
    if host is None:
        return False
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_SECRET_NAME = lazy_compile(r"key|token|secret|passw|auth|sig|credential", re.IGNORECASE)
# A key-like token anywhere: "sk-…" style prefixes, or a long run of letters and digits mixing both (a random string,
# not a word such as "chat" or "v1").
_KEY_LIKE = lazy_compile(r"\b(?:sk|pk|rk|ak|key|tok)[-_][A-Za-z0-9_\-]{6,}"
                       r"|(?<![A-Za-z0-9])(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{20,}", re.IGNORECASE)
REDACTED = "****"
# Default overall deadlines, as multiples of the per-request timeout: a server that trickles bytes (each read within
# the timeout) still ends a section after 3 × timeout and a draft (sections run concurrently) after 6 × timeout.
SECTION_DEADLINE_TIMEOUTS = 3
DRAFT_DEADLINE_TIMEOUTS = 6


def _redact_tokens(text: str) -> str:
    return _KEY_LIKE.sub(REDACTED, text)


def _redact_params(text: str, separator: str) -> str:
    """``name=value`` items (query, fragment, ``;params``): values of secret-looking names hidden, key-like tokens
    in the rest too."""
    items = []
    for item in text.split(separator):
        name, sep, value = item.partition("=")
        items.append(f"{name}={REDACTED}" if sep and _SECRET_NAME.search(name) else _redact_tokens(item))
    return separator.join(items)


def redacted_url(url: str) -> str:
    """``url`` as shown to users: a user:key@ part, secret-looking parameter values (``?api_key=…``, ``;key=…``,
    ``#token=…``) and key-like tokens anywhere (``/sk-…/v1``) replaced by ****."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "****（地址格式无效，已隐去）"
    netloc = f"{REDACTED}@{host}{port}" if "@" in parts.netloc else parts.netloc
    path = "/".join(_redact_params(segment, ";") for segment in parts.path.split("/"))
    return parts._replace(netloc=netloc, path=path, query=_redact_params(parts.query, "&"),
                          fragment=_redact_params(parts.fragment, "&")).geturl()


def redacted_extra_body(value: Any) -> Any:
    """The extra request fields as shown: values under secret-looking names (key, token, secret, password,
    authorization …) and key-like strings anywhere replaced by ****."""
    if isinstance(value, dict):
        return {k: REDACTED if _SECRET_NAME.search(str(k)) else redacted_extra_body(v) for k, v in value.items()}
    if isinstance(value, list):
        return [redacted_extra_body(v) for v in value]
    if isinstance(value, str):
        return _redact_tokens(value)
    return value


class Settings(BaseSettings):
    """What is in effect for drafting with a language model."""

    model_config = SettingsConfigDict(env_prefix="NIANBAO_LLM_", extra="ignore", populate_by_name=True)

    base_url: str | None = Field(None, title="接口地址", description="OpenAI 兼容接口的 base_url；空则为 OpenAI 官方")
    model: str | None = Field(None, title="模型名称")
    api_key: SecretStr | None = Field(
        None, title="API Key", validation_alias=AliasChoices("NIANBAO_LLM_API_KEY", "OPENAI_API_KEY", "api_key"),
    )
    timeout: float = Field(60.0, gt=0, le=3600, title="单次请求超时（秒）")
    retries: int = Field(2, ge=0, le=10, title="重试次数")
    temperature: float = Field(0.3, ge=0, le=2, title="温度")
    concurrency: int = Field(4, ge=1, le=32, title="并发数")
    max_tokens: int = Field(1500, ge=1, le=100_000, title="每次回复的最大 token 数")
    extra_body: dict[str, Any] = Field(
        default_factory=dict, title="附加请求字段",
        description='JSON，原样并入请求体，如 {"enable_thinking": false}（通义千问 Qwen3 关闭思考）',
    )
    provider: str | None = Field(None, title="服务商", description="schemas/providers.yaml 中的键名；空则按接口地址识别")
    section_deadline: float | None = Field(None, gt=0, le=7200, title="每个部分的总时限（秒）",
                                           description=f"空则为单次请求超时的{SECTION_DEADLINE_TIMEOUTS}倍")
    draft_deadline: float | None = Field(None, gt=0, le=36000, title="每份报告的总时限（秒）",
                                         description=f"空则为单次请求超时的{DRAFT_DEADLINE_TIMEOUTS}倍")
    cache_dir: Path = Field(
        Path(".cache/nianbao"), title="缓存目录", validation_alias=AliasChoices("NIANBAO_CACHE_DIR", "cache_dir"),
    )
    test_loopback_only: bool = Field(
        False, validation_alias=AliasChoices("NIANBAO_TEST_LOOPBACK_ONLY", "test_loopback_only"),
        description="测试用：只允许本机回环地址",
    )

    @field_validator("base_url", "model", "provider")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        value = (value or "").strip()
        return value or None

    @field_validator("base_url")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        """A base URL that is not http(s)://host… is a wrong setting (exit 2), not a failure at the first request."""
        if value is None:
            return None
        try:
            parts = urlsplit(value)
            web_address = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:  # "http://[::1" and the like
            web_address = False
        if not web_address:
            raise ValueError("应为以 http:// 或 https:// 开头的网址（如 https://api.deepseek.com），"
                             f"实为 {shown_value(redacted_url(value))}")
        return value

    @field_validator("provider")
    @classmethod
    def _known_provider(cls, value: str | None) -> str | None:
        """An unknown NIANBAO_LLM_PROVIDER is a wrong setting (exit 2), like a timeout that is not a number."""
        from assistant.drafting.providers import unknown_provider

        reason = unknown_provider(value) if value is not None else None
        if reason is not None:
            raise ValueError(reason)
        return value

    @field_validator("api_key")
    @classmethod
    def _blank_key_is_none(cls, value: SecretStr | None) -> SecretStr | None:
        return value if value is not None and value.get_secret_value().strip() else None

    @property
    def configured(self) -> bool:
        """A model is named (the endpoint defaults to OpenAI's)."""
        return self.model is not None

    @property
    def is_loopback(self) -> bool:
        return self.base_url is not None and is_loopback_host(urlsplit(self.base_url).hostname)

    def provider_label(self) -> str:
        """The provider profile in effect, e.g. "DeepSeek（按接口地址识别）"."""
        from assistant.drafting.providers import select_profile

        try:
            profile = select_profile(self.base_url, self.provider)
        except InputError as exc:
            return str(exc)
        return f"{profile.label}（{'已指定' if self.provider else '按接口地址识别'}）"

    @property
    def section_budget(self) -> float:
        """Seconds one section may take in all (its requests, retries and repair rounds)."""
        return self.section_deadline or SECTION_DEADLINE_TIMEOUTS * self.timeout

    @property
    def draft_budget(self) -> float:
        """Seconds one draft may take in all; never less than one section's budget."""
        return self.draft_deadline or max(DRAFT_DEADLINE_TIMEOUTS * self.timeout, self.section_budget)

    def masked_key(self) -> str:
        """The key as shown to users: its first 3 and last 2 characters at most."""
        if self.api_key is None:
            return "（未设置）"
        key = self.api_key.get_secret_value()
        if len(key) <= 8:
            return "****"
        return f"{key[:3]}****{key[-2:]}"

    def shown(self) -> list[tuple[str, str, str]]:
        """(environment variable, Chinese name, value) rows for ``nianbao config``, the key masked."""
        return [
            ("NIANBAO_LLM_BASE_URL", "接口地址", redacted_url(self.base_url) if self.base_url else "（未设置：OpenAI 官方接口）"),
            ("NIANBAO_LLM_MODEL", "模型名称", self.model or "（未设置：使用模板起草）"),
            ("NIANBAO_LLM_API_KEY", "API Key", self.masked_key()),
            ("NIANBAO_LLM_TIMEOUT", "单次请求超时（秒）", f"{self.timeout:g}"),
            ("NIANBAO_LLM_RETRIES", "重试次数", str(self.retries)),
            ("NIANBAO_LLM_TEMPERATURE", "温度", f"{self.temperature:g}"),
            ("NIANBAO_LLM_CONCURRENCY", "并发数", str(self.concurrency)),
            ("NIANBAO_LLM_MAX_TOKENS", "每次回复的最大 token 数", str(self.max_tokens)),
            ("NIANBAO_LLM_EXTRA_BODY", "附加请求字段",
             json.dumps(redacted_extra_body(self.extra_body), ensure_ascii=False) if self.extra_body else "（无）"),
            ("NIANBAO_LLM_PROVIDER", "服务商", self.provider_label()),
            ("NIANBAO_LLM_SECTION_DEADLINE", "每个部分的总时限（秒）", f"{self.section_budget:g}"),
            ("NIANBAO_LLM_DRAFT_DEADLINE", "每份报告的总时限（秒）", f"{self.draft_budget:g}"),
            ("NIANBAO_CACHE_DIR", "缓存目录", str(self.cache_dir)),
        ]


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment (and overrides); bad values raise SetupError naming the variable."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = [_env_name(line) for line in describe_validation_error(exc)]
        raise SetupError("环境变量设置有误", problems) from None
    except SettingsError as exc:  # a value that should be JSON is not
        field = re.search(r'field "(\w+)"', str(exc))
        name = _env_name(f"{field.group(1) if field else ''}：应为 JSON 对象，如 {{\"enable_thinking\": false}}")
        raise SetupError("环境变量设置有误", [name]) from None


def _env_name(line: str) -> str:
    field, _, rest = line.partition("：")
    names = {"cache_dir": "NIANBAO_CACHE_DIR", "test_loopback_only": "NIANBAO_TEST_LOOPBACK_ONLY"}
    return f"{names.get(field, 'NIANBAO_LLM_' + field.upper())}：{rest}"
