"""内容雷同: how alike two reports' texts are once what must differ (organ names, numbers) is masked.

One measure, used by the cross-year rule, by batch and by the evaluation:

- :func:`masked` replaces the organ's names (full name, short name, place name, compiler) with "〇" and every run of
  digits with "#", so that two townships' reports that differ only in their names and figures come out equal;
- :func:`ratio` is ``difflib.SequenceMatcher(None, a, b).ratio()`` on masked texts (1.0 = the same text).

Comparing every unit of a batch with every other by ``ratio`` is quadratic and slow (1,000 units: 500,000 difflib
calls). :func:`similar_pairs` first finds candidate pairs with MinHash signatures of character shingles and
locality-sensitive hashing (bands of rows), then computes ``ratio`` only for the candidates.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.model import Meta

THRESHOLD = 0.7  # format.md E10: flag 70–80 % similarity to last year's or a peer's text (内容雷同)
SHINGLE = 4  # characters per shingle
NUM_HASHES = 64
BANDS = 16  # 16 bands × 4 rows: pairs with shingle Jaccard ≥ ~0.4 (ratio ≥ ~0.6) become candidates
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_MERSENNE = (1 << 61) - 1
_MASK64 = (1 << 64) - 1


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
    return difflib.SequenceMatcher(None, a, b).ratio()


# --- many texts at once -------------------------------------------------------------------------------------------


def _hash_params() -> list[tuple[int, int]]:
    """Fixed (a, b) pairs of the universal hashes h(x) = (a·x + b) mod p, derived from a constant seed."""
    params = []
    for i in range(NUM_HASHES):
        digest = hashlib.sha256(f"nianbao-minhash-{i}".encode()).digest()
        a = int.from_bytes(digest[:8], "big") % (_MERSENNE - 1) + 1
        b = int.from_bytes(digest[8:16], "big") % _MERSENNE
        params.append((a, b))
    return params


_PARAMS = _hash_params()


def shingles(text: str) -> set[int]:
    """The 64-bit hashes of the text's character shingles (blake2b: stable across processes, unlike ``hash``)."""
    if len(text) < SHINGLE:
        return {int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")} if text else set()
    return {int.from_bytes(hashlib.blake2b(text[i:i + SHINGLE].encode(), digest_size=8).digest(), "big")
            for i in range(len(text) - SHINGLE + 1)}


def signature(text: str) -> tuple[int, ...]:
    """MinHash signature of a masked text: per hash function, the smallest hash of its shingles."""
    values = shingles(text)
    if not values:
        return (0,) * NUM_HASHES
    return tuple(min(((a * v + b) % _MERSENNE) for v in values) for a, b in _PARAMS)


def estimated_jaccard(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    return sum(1 for x, y in zip(sig_a, sig_b, strict=True) if x == y) / len(sig_a)


@dataclass(frozen=True)
class SimilarPair:
    first: int  # indices into the texts given
    second: int
    ratio: float


def candidate_pairs(signatures: Sequence[Sequence[int]]) -> set[tuple[int, int]]:
    """Pairs sharing at least one band of their signatures (locality-sensitive hashing)."""
    rows = NUM_HASHES // BANDS
    found: set[tuple[int, int]] = set()
    for band in range(BANDS):
        buckets: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for i, sig in enumerate(signatures):
            buckets[tuple(sig[band * rows:(band + 1) * rows])].append(i)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    found.add((members[x], members[y]))
    return found


def similar_pairs(texts: Sequence[str], threshold: float = THRESHOLD,
                  signatures: Sequence[Sequence[int]] | None = None) -> list[SimilarPair]:
    """Pairs of (masked) texts whose ``ratio`` exceeds ``threshold``, most similar first.

    ``signatures`` (from :func:`signature`, e.g. computed by batch workers) saves computing them again. Identical
    texts are grouped first, so a batch of copies costs one comparison per distinct text, not per pair.
    """
    sigs = list(signatures) if signatures is not None else [signature(t) for t in texts]
    pairs = []
    cache: dict[tuple[str, str], float] = {}
    for i, j in sorted(candidate_pairs(sigs)):
        a, b = texts[i], texts[j]
        key = (a, b) if a <= b else (b, a)
        if key not in cache:
            cache[key] = 1.0 if a == b else ratio(a, b)
        if cache[key] > threshold:
            pairs.append(SimilarPair(i, j, round(cache[key], 3)))
    return sorted(pairs, key=lambda p: (-p.ratio, p.first, p.second))


__all__ = ["THRESHOLD", "masked", "ratio", "organ_names", "signature", "similar_pairs", "SimilarPair",
           "candidate_pairs", "estimated_jaccard"]
