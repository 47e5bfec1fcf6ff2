"""Web and e-mail addresses as they stand in Chinese running text (the firewall keeps the input's addresses and
lets no other Latin text through)."""

from __future__ import annotations

from assistant.patterns import lazy_compile

# ASCII only: an address ends at the first CJK character or full-width mark ("…@example.gov.cn联系。")
URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&'*+=%]"
EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
ADDRESS_RE = lazy_compile(rf"https?://{URL_CHARS}+|www\.{URL_CHARS}+|{EMAIL}")

__all__ = ["ADDRESS_RE", "EMAIL", "URL_CHARS"]
