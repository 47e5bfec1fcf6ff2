"""Provider profiles (``schemas/providers.yaml``): how each OpenAI-compatible service differs.

A profile says how reasoning comes back, whether JSON mode / json_schema is supported, the name of the max-tokens
field and the extra_body fields to send (e.g. turning thinking off). It is chosen by ``NIANBAO_LLM_PROVIDER`` or,
when that is not set, by the base URL; anything unknown is ``generic``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from assistant.errors import SetupError
from assistant.resources import schema_data

GENERIC = "generic"
OPENAI_DEFAULT = "openai"  # no base URL: the OpenAI SDK's own endpoint


@dataclass(frozen=True)
class ProviderProfile:
    key: str
    label: str
    match: tuple[str, ...] = ()
    reasoning: str = "think_tags"  # reasoning_content | think_tags | hidden
    json_mode: bool = False
    json_schema: bool = False
    max_tokens_field: str = "max_tokens"
    extra_body: dict[str, Any] = field(default_factory=dict)
    notes: str = ""

    def response_format(self) -> dict[str, Any] | None:
        """The structured-output request for a {"paragraphs": [...]} reply, the strongest this provider enforces."""
        if self.json_schema:
            schema = {"type": "object", "properties": {"paragraphs": {"type": "array", "items": {"type": "string"}}},
                      "required": ["paragraphs"], "additionalProperties": False}
            return {"type": "json_schema", "json_schema": {"name": "paragraphs", "schema": schema, "strict": True}}
        if self.json_mode:
            return {"type": "json_object"}
        return None


@cache
def profiles() -> dict[str, ProviderProfile]:
    """Every profile of ``schemas/providers.yaml`` by key, in file order."""
    out: dict[str, ProviderProfile] = {}
    for key, data in schema_data("providers").items():
        out[key] = ProviderProfile(
            key=key, label=str(data["label"]), match=tuple(str(m) for m in data.get("match") or ()),
            reasoning=str(data.get("reasoning", "think_tags")), json_mode=bool(data.get("json_mode")),
            json_schema=bool(data.get("json_schema")), max_tokens_field=str(data.get("max_tokens_field", "max_tokens")),
            extra_body=dict(data.get("extra_body") or {}), notes=str(data.get("notes", "")),
        )
    return out


def unknown_provider(provider: str) -> str | None:
    """Why ``provider`` (NIANBAO_LLM_PROVIDER) names no profile, in Chinese; None when it names one."""
    if provider.strip().lower() in profiles():
        return None
    return f"未知的服务商“{provider}”（可选：{'、'.join(profiles())}）"


def select_profile(base_url: str | None, provider: str | None = None) -> ProviderProfile:
    """The profile named by ``provider`` (NIANBAO_LLM_PROVIDER), else the one whose match is in ``base_url``."""
    table = profiles()
    if provider:
        reason = unknown_provider(provider)
        if reason is not None:
            raise SetupError(f"NIANBAO_LLM_PROVIDER：{reason}")
        return table[provider.strip().lower()]
    if not base_url:
        return table[OPENAI_DEFAULT]
    url = base_url.lower()
    for profile in table.values():
        if any(m.lower() in url for m in profile.match):
            return profile
    return table[GENERIC]


__all__ = ["ProviderProfile", "profiles", "select_profile", "unknown_provider", "GENERIC"]
