"""Word boundaries in Chinese text (jieba), so that a vocabulary word is not matched inside a longer word.

"本市" is a self-reference in "本市共收到…" but not in "本市场监管…" (本｜市场); a bare substring search cannot tell.
jieba's dictionary is loaded on first use only (start-up time stays low for commands that check no text).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@lru_cache(maxsize=8192)
def boundaries(text: str) -> frozenset[int]:
    """The offsets in ``text`` where a word begins or ends (0 and len(text) included)."""
    out = {0, len(text)}
    for _word, start, end in _tokenizer().tokenize(text):
        out.update((start, end))
    return frozenset(out)


def is_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] begins and ends on word boundaries (is not part of a longer word)."""
    cuts = boundaries(text)
    return start in cuts and end in cuts


def starts_word(text: str, start: int) -> bool:
    """Whether a word begins at ``start`` (a misspelt word may end anywhere, but it does not start mid-word)."""
    return start in boundaries(text)


__all__ = ["boundaries", "is_word", "starts_word"]
