"""内容雷同: how alike two reports' texts are once what must differ (organ names, numbers) is masked.

- :func:`masked` replaces the organ's names (full name, short name, place name, compiler) with "〇" and every run of
  digits with "#", so that two townships' reports that differ only in their names and figures come out equal;
- :func:`ratio` is ``difflib.SequenceMatcher(None, a, b).ratio()`` on masked texts (1.0 = the same text): the measure
  of issue 15 and of the cross-year rule X6, for a few texts at a time;
- :func:`dice` is its fast stand-in for many texts: the Dice coefficient of the texts' 4-character shingle sets
  (2·|A∩B| / (|A|+|B|)), which follows difflib's ratio closely on reports (both count the text two reports share).

Comparing every unit of a batch with every other by ``ratio`` is quadratic and slow (1,000 units: 500,000 difflib
calls of ~30 ms). :func:`similar_pairs` compares MinHash signatures of the shingle sets instead (256 integers a text,
made by the batch workers while drafting): every pair is compared, at the cost of comparing two rows of integers, and
its ``dice`` is estimated to about ±0.03. On drafted reports ``dice`` runs 0.05–0.15 below ``ratio``, so the shingles
only find the candidates (from :data:`CANDIDATE_DICE` up) and :func:`alike_pairs` decides by ``ratio``, the measure the
threshold is set in and the one ``check --previous`` (X6) reports.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from assistant.model import Meta
from assistant.patterns import lazy_compile

THRESHOLD = 0.7  # format.md E10: flag 70–80 % similarity to last year's or a peer's text (内容雷同)
SHINGLE = 4  # characters per shingle
# Shingle similarity from which a pair may be above THRESHOLD by ratio: over the drafts of evals/similarity.py (33
# townships, 177 pairs) every pair at ratio ≥ 0.70 had dice ≥ 0.58; with dice above 0.70 as the test only 23 of those 81
# pairs were found (an outside reviewer's two townships at ratio 0.74 had dice 0.645 and were not listed).
CANDIDATE_DICE = 0.55
NUM_HASHES = 256
_DIGITS = lazy_compile(r"\d+(?:\.\d+)?")
_SPACE = lazy_compile(r"\s+")


def organ_names(meta: Meta) -> list[str]:
    """The names under which a report names its own organ, longest first (so that a long name is masked whole)."""
    from assistant.organ_words import place_name

    names = {meta.organ_name, place_name(meta), meta.short_name or "", meta.compiler or ""}
    return sorted((n.strip() for n in names if n and len(n.strip()) >= 2), key=len, reverse=True)


def masked(text: str, names: Iterable[str] = ()) -> str:
    """``text`` with the given names as "〇", digit runs as "#" and no whitespace."""
    for name in sorted(names, key=len, reverse=True):
        if name:
            text = text.replace(name, "〇")
    return _DIGITS.sub("#", _SPACE.sub("", text))


def ratio(a: str, b: str) -> float:
    """difflib's similarity ratio of two (masked) texts, 0.0–1.0."""
    if not a and not b:
        return 1.0
    import difflib  # only when a report is compared with last year's: not on every check's start-up

    return difflib.SequenceMatcher(None, a, b).ratio()


# --- many texts at once -------------------------------------------------------------------------------------------


def _hash_params() -> tuple[Any, Any]:
    """Fixed multipliers (odd) and offsets of the multiply-shift hashes h(x) = ((a·x + b) mod 2⁶⁴) >> 32."""
    import numpy as np

    a, b = [], []
    for i in range(NUM_HASHES):
        digest = hashlib.sha256(f"nianbao-minhash-{i}".encode()).digest()
        a.append(int.from_bytes(digest[:8], "big") | 1)
        b.append(int.from_bytes(digest[8:16], "big"))
    return np.array(a, dtype=np.uint64)[:, None], np.array(b, dtype=np.uint64)[:, None]


@cache
def _params() -> tuple[Any, Any]:
    return _hash_params()


def shingles(text: str) -> list[int]:
    """The 32-bit hashes (CRC-32: stable across processes, unlike ``hash``) of the text's character shingles."""
    if len(text) < SHINGLE:
        return [zlib.crc32(text.encode())] if text else []
    return list({zlib.crc32(text[i:i + SHINGLE].encode()) for i in range(len(text) - SHINGLE + 1)})


def signature(text: str) -> tuple[int, ...]:
    """MinHash signature of a masked text: per hash function, the smallest hash of its shingles."""
    import numpy as np

    values = shingles(text)
    if not values:
        return (0,) * NUM_HASHES
    a, b = _params()
    with np.errstate(over="ignore"):
        hashed = (a * np.array(values, dtype=np.uint64)[None, :] + b) >> np.uint64(32)
    return tuple(int(v) for v in hashed.min(axis=1))


def dice(a: set[int] | list[int], b: set[int] | list[int]) -> float:
    """The Dice coefficient of two shingle sets (from :func:`shingles`), 0.0–1.0."""
    first, second = set(a), set(b)
    if not first and not second:
        return 1.0
    return 2 * len(first & second) / (len(first) + len(second))


@dataclass(frozen=True)
class SimilarPair:
    first: int  # indices into the texts given
    second: int
    similarity: float


def similar_pairs(texts: Sequence[str], threshold: float = THRESHOLD,
                  signatures: Sequence[Sequence[int]] | None = None) -> list[SimilarPair]:
    """Pairs of (masked) texts whose shingle similarity (:func:`dice`) exceeds ``threshold``, most similar first.

    The similarity is the MinHash estimate (about ±0.03 at 256 hash functions), so every pair is compared at the
    cost of comparing two rows of integers. ``signatures`` (from :func:`signature`, e.g. computed by batch workers)
    saves computing them again.
    """
    import numpy as np

    n = len(texts)
    if n < 2:
        return []
    sigs = np.array([list(s) for s in (signatures if signatures is not None else [signature(t) for t in texts])],
                    dtype=np.uint64)
    pairs = []
    for i in range(n - 1):
        same = (sigs[i + 1:] == sigs[i]).mean(axis=1)  # estimated Jaccard with every later text
        estimated = 2 * same / (1 + same)  # as a Dice coefficient
        for offset in np.nonzero(estimated > threshold)[0]:
            pairs.append(SimilarPair(i, i + 1 + int(offset), round(float(estimated[offset]), 2)))
    return sorted(pairs, key=lambda p: (-p.similarity, p.first, p.second))


def alike_pairs(texts: Sequence[str], signatures: Sequence[Sequence[int]] | None = None,
                check_at_most: int | None = None) -> tuple[list[SimilarPair], int]:
    """Pairs of masked texts whose :func:`ratio` exceeds THRESHOLD, most alike first, with their ratio; and how many
    candidates were left unchecked.

    Candidates are the pairs :func:`similar_pairs` estimates above :data:`CANDIDATE_DICE`; each is compared by
    ``ratio`` (a few milliseconds), the most alike by estimate first, at most ``check_at_most`` of them (units that
    share their notes make nearly every pair a candidate: 1,000 such units, some 500,000 pairs).
    """
    candidates = similar_pairs(texts, CANDIDATE_DICE, signatures)
    checked = candidates if check_at_most is None else candidates[:check_at_most]
    alike = []
    for pair in checked:
        value = ratio(texts[pair.first], texts[pair.second])
        if value > THRESHOLD:
            alike.append(SimilarPair(pair.first, pair.second, round(value, 2)))
    alike.sort(key=lambda p: (-p.similarity, p.first, p.second))
    return alike, len(candidates) - len(checked)


__all__ = ["THRESHOLD", "CANDIDATE_DICE", "alike_pairs", "masked", "ratio", "dice", "shingles", "organ_names", "signature", "similar_pairs",
           "SimilarPair"]
