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


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    return tuple(_tokenizer().tokenize(text))


def _dictionary_word(word: str) -> bool:
    return len(word) >= 2 and _tokenizer().FREQ.get(word, 0) > 0


def is_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word: "本市" is not in "本市场" (本｜市场), "我区" is not in
    "我区域"; but "全县" is in "全县政府" although jieba reads 全｜县政府, since what is left of 县政府 (政府) is a word."""
    for _word, s, e in _tokens(text):
        if s < start < e and not _dictionary_word(text[s:start]):
            return False
        if s < end < e and not _dictionary_word(text[end:e]):
            return False
    return True


def starts_word(text: str, start: int) -> bool:
    """Whether a word begins at ``start`` (a misspelt word may end anywhere, but it does not start mid-word)."""
    return start in boundaries(text)


def word_at(text: str, start: int) -> str:
    """The word that begins at ``start`` ("邹城市" in "…、邹城市政府…"), or "" when none begins there."""
    for word, s, _e in _tokens(text):
        if s == start:
            return str(word)
    return ""


__all__ = ["boundaries", "is_word", "starts_word", "word_at"]
