"""Word boundaries in Chinese text (jieba's model), so that a vocabulary word is not matched inside a longer word.

"本市" is a self-reference in "本市共收到…" but not in "本市场监管…" (本｜市场); a bare substring search cannot tell.

The segmentation is jieba's default mode (dictionary DAG, most probable route, HMM for runs of unknown characters),
word for word: ``tests/test_segmenter.py`` compares it with jieba itself on every report in the repository. What
differs is how the model is loaded. jieba reads its whole prefix dictionary (about 500,000 entries) before the first
word, about a second on every start, and its import pulls in ``pkg_resources``. Here the same dictionary is written
once into a file in the user's cache directory (:func:`dictionary_file`, built from jieba's own files the first time
it is needed), grouped by first character; a run reads only the groups of the characters its text contains. The file
also keeps each word's part of speech as the dictionary tags it (``ns`` place names: 白马, 东岭, 石门镇; ``nr`` person
names; ``v`` verbs …), for telling a place from a word and a content word from a function word.
"""

from __future__ import annotations

import marshal
import mmap
import os
import sys
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from math import log
from pathlib import Path

from assistant.patterns import lazy_compile
from assistant.resources import user_cache_dirs, write_cache_file

FORMAT_VERSION = 3
_HEADER_SIZE = 8  # the header's length in bytes, then the header (marshal), then one group per first character
_MIN_LOG = -3.14e100  # jieba's log-probability of what its HMM has never seen
_HMM_STATES = "BMES"  # begin, middle, end of a word, single-character word
_PREVIOUS_STATES = {"B": "ES", "M": "MB", "S": "SE", "E": "BM"}

# jieba's blocks: runs of these characters are segmented; anything else (punctuation, spaces) stands alone.
_HAN_BLOCK = lazy_compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SPACE = lazy_compile("(\r\n|\\s)")
# inside a run the HMM segments: Chinese characters, and Latin letters or digits kept whole
_HMM_HAN = lazy_compile("([\u4E00-\u9FD5]+)")
_HMM_SKIP = lazy_compile("([a-zA-Z0-9]+(?:\\.\\d+)?%?)")


def _jieba_dir() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("jieba")  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("找不到分词词典（jieba 未安装）")
    return Path(next(iter(spec.submodule_search_locations)))


def _source_key() -> str:
    """What the dictionary file is built from: jieba's dictionary (size and time) and this Python's marshal."""
    stat = (_jieba_dir() / "dict.txt").stat()
    return f"v{FORMAT_VERSION}-{stat.st_size}-{int(stat.st_mtime)}-py{sys.version_info[0]}{sys.version_info[1]}"


def _cache_dirs() -> Iterable[Path]:
    """Where the dictionary file may live: ``NIANBAO_SEGMENTER_CACHE`` when set (only there), else the user's cache
    directory, else the temporary directory."""
    if os.environ.get("NIANBAO_SEGMENTER_CACHE"):
        return [Path(os.environ["NIANBAO_SEGMENTER_CACHE"])]
    return user_cache_dirs()


def _build_bytes() -> bytes:
    """jieba's prefix dictionary and HMM tables, grouped by first character (jieba's own loaders, so the same
    frequencies and total)."""
    import jieba
    import jieba.finalseg

    with open(_jieba_dir() / "dict.txt", "rb") as fh:
        freq, total = jieba.Tokenizer.gen_pfdict(fh)
    emit = jieba.finalseg.emit_P
    groups: dict[str, tuple[dict[str, int], dict[str, float], dict[str, str]]] = {}
    for word, count in freq.items():
        groups.setdefault(word[0], ({}, {}, {}))[0][word] = count
    for state, table in emit.items():
        for char, logp in table.items():
            groups.setdefault(char, ({}, {}, {}))[1][state] = logp
    with open(_jieba_dir() / "dict.txt", encoding="utf-8") as lines:
        for line in lines:
            word, _count, *tag = line.split()
            if tag:
                groups.setdefault(word[0], ({}, {}, {}))[2][word] = tag[0]
    offsets: dict[str, tuple[int, int]] = {}
    chunks: list[bytes] = []
    position = 0
    for char, group in groups.items():
        chunk = marshal.dumps(group)
        offsets[char] = (position, len(chunk))
        chunks.append(chunk)
        position += len(chunk)
    header = marshal.dumps({"key": _source_key(), "total": total, "start": dict(jieba.finalseg.start_P),
                            "trans": {k: dict(v) for k, v in jieba.finalseg.trans_P.items()}, "offsets": offsets})
    return len(header).to_bytes(_HEADER_SIZE, "little") + header + b"".join(chunks)


def _file_name() -> str:
    return f"segmenter-{_source_key()}.bin"


def _existing_file() -> Path | None:
    for directory in _cache_dirs():
        path = directory / _file_name()
        if path.is_file():
            return path
    return None


def _write_file(data: bytes) -> Path | None:
    """Write the dictionary file into the first writable cache directory; None when none is writable."""
    return write_cache_file(_file_name(), data, _cache_dirs())


def dictionary_file() -> Path | None:
    """The dictionary file, built on first use (about two seconds, once per installation of jieba); None when no
    cache directory is writable."""
    return _existing_file() or _write_file(_build_bytes())


class _Model:
    """jieba's model read lazily: a character's group (the words that begin with it, its HMM emission
    log-probabilities) is read the first time a text contains it."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        size = int.from_bytes(data[:_HEADER_SIZE], "little")
        header = marshal.loads(data[_HEADER_SIZE:_HEADER_SIZE + size])
        self._data = data
        self._base = _HEADER_SIZE + size
        self._offsets: dict[str, tuple[int, int]] = header["offsets"]
        self._groups: dict[str, tuple[dict[str, int], dict[str, float], dict[str, str]]] = {}
        self.log_total = log(header["total"])
        self.start: dict[str, float] = header["start"]
        self.trans: dict[str, dict[str, float]] = header["trans"]

    def _group(self, char: str) -> tuple[dict[str, int], dict[str, float], dict[str, str]]:
        group = self._groups.get(char)
        if group is None:
            where = self._offsets.get(char)
            if where is None:
                group = ({}, {}, {})
            else:
                start = self._base + where[0]
                group = marshal.loads(self._data[start:start + where[1]])
            self._groups[char] = group
        return group

    def freq(self, word: str) -> int | None:
        """jieba's FREQ[word]: a count, 0 for a prefix of a word only, None when not even a prefix."""
        return self._group(word[0])[0].get(word)

    def tag(self, word: str) -> str | None:
        """jieba's dictionary tag of ``word`` (ns, nr, n, v, d …), None for a word it does not hold."""
        return self._group(word[0])[2].get(word)

    def emit(self, state: str, char: str) -> float:
        return self._group(char)[1].get(state, _MIN_LOG)


@cache
def _model() -> _Model:
    path = _existing_file()
    if path is None:
        data = _build_bytes()
        path = _write_file(data)
        if path is None:  # no writable cache directory: this run keeps the dictionary in memory
            return _Model(data)
    try:
        with open(path, "rb") as fh:
            return _Model(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
    except (OSError, ValueError, EOFError, KeyError, TypeError):  # damaged or emptied since: rebuilt for this run
        return _Model(_build_bytes())


def _route(model: _Model, block: str) -> list[int]:
    """jieba's most probable route through the dictionary DAG: for each start, the end (inclusive) of its word."""
    n = len(block)
    dag: list[list[int]] = []
    for k in range(n):
        ends = []
        i = k
        frag = block[k]
        while i < n:
            count = model.freq(frag)
            if count is None:
                break
            if count:
                ends.append(i)
            i += 1
            frag = block[k:i + 1]
        dag.append(ends or [k])
    route: list[tuple[float, int]] = [(0.0, 0)] * (n + 1)
    for idx in range(n - 1, -1, -1):
        route[idx] = max((log(model.freq(block[idx:x + 1]) or 1) - model.log_total + route[x + 1][0], x)
                         for x in dag[idx])
    return [end for _p, end in route[:n]]


def _viterbi(model: _Model, obs: str) -> list[str]:
    """jieba's HMM (finalseg.viterbi): the most probable B/M/E/S state of each character."""
    probs = [{y: model.start[y] + model.emit(y, obs[0]) for y in _HMM_STATES}]
    paths = {y: [y] for y in _HMM_STATES}
    for t in range(1, len(obs)):
        probs.append({})
        new_paths = {}
        for y in _HMM_STATES:
            emit = model.emit(y, obs[t])
            prob, state = max([(probs[t - 1][y0] + model.trans[y0].get(y, _MIN_LOG) + emit, y0)
                               for y0 in _PREVIOUS_STATES[y]])
            probs[t][y] = prob
            new_paths[y] = paths[state] + [y]
        paths = new_paths
    _prob, state = max((probs[len(obs) - 1][y], y) for y in "ES")
    return paths[state]


def _hmm_words(model: _Model, text: str) -> Iterator[str]:
    """jieba's finalseg.cut: words in a run of characters the dictionary does not segment."""
    for block in _HMM_HAN.split(text):
        if _HMM_HAN.match(block):
            states = _viterbi(model, block)
            begin = next_start = 0
            for i, char in enumerate(block):
                if states[i] == "B":
                    begin = i
                elif states[i] == "E":
                    yield block[begin:i + 1]
                    next_start = i + 1
                elif states[i] == "S":
                    yield char
                    next_start = i + 1
            if next_start < len(block):
                yield block[next_start:]
        else:
            yield from (x for x in _HMM_SKIP.split(block) if x)


def _flush(model: _Model, pending: str) -> Iterator[str]:
    """Single characters left between dictionary words: one word, the HMM's words, or one word each."""
    if len(pending) == 1:
        yield pending
    elif not model.freq(pending):
        yield from _hmm_words(model, pending)
    else:
        yield from pending


def _block_words(model: _Model, block: str) -> Iterator[str]:
    """jieba's __cut_DAG on one block."""
    route = _route(model, block)
    x = 0
    pending = ""
    while x < len(block):
        y = route[x] + 1
        if y - x == 1:
            pending += block[x]
        else:
            if pending:
                yield from _flush(model, pending)
                pending = ""
            yield block[x:y]
        x = y
    if pending:
        yield from _flush(model, pending)


def words(text: str) -> Iterator[str]:
    """The words of ``text`` as jieba's default mode cuts them (``jieba.cut(text)``)."""
    model = _model()
    for block in _HAN_BLOCK.split(text):
        if not block:
            continue
        if _HAN_BLOCK.match(block):
            yield from _block_words(model, block)
        else:
            for x in _SPACE.split(block):
                if _SPACE.match(x):
                    yield x
                else:
                    yield from x


@lru_cache(maxsize=8192)
def _tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) for each word of ``text``, as ``jieba.tokenize`` gives them."""
    out = []
    start = 0
    for word in words(text):
        out.append((word, start, start + len(word)))
        start += len(word)
    return tuple(out)


@lru_cache(maxsize=8192)
def boundaries(text: str) -> frozenset[int]:
    """The offsets in ``text`` where a word begins or ends (0 and len(text) included)."""
    out = {0, len(text)}
    for _word, start, end in _tokens(text):
        out.update((start, end))
    return frozenset(out)


def _dictionary_word(word: str) -> bool:
    return len(word) >= 2 and (_model().freq(word) or 0) > 0


def is_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer word: "本市" is not in "本市场" (本｜市场), "我区" is not in
    "我区域"; but "全县" is in "全县政府" although jieba reads 全｜县政府, since what is left of 县政府 (政府) is a word."""
    if any(s < start < e and not _dictionary_word(text[s:start]) for _word, s, e in _tokens(text)):
        return False
    return ends_word(text, end)


def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (two characters or more) is in the dictionary: 乡镇, 返乡, 坐镇 are; 由镇, 副镇 are not."""
    return _dictionary_word(word)


def is_place_name(word: str) -> bool:
    """Whether the dictionary knows ``word`` as a place name: 白马, 东岭, 石门镇 are; 优化, 规范, 石门 are not (石门 is
    tagged as a common noun, although many places bear it)."""
    return bool(word) and _model().tag(word) == "ns"


def part_of_speech(word: str) -> str | None:
    """jieba's dictionary tag of ``word`` ("n" noun, "nr" person name, "ns" place name, "v" verb, "d" adverb, …);
    None for a word the dictionary does not hold (one the HMM found)."""
    return _model().tag(word) if word else None


def ends_word(text: str, end: int) -> bool:
    """Whether no word runs on past ``end`` but one the dictionary knows by itself ("镇长" in "镇长效机制" does not end
    a word: 效 is left of 长效)."""
    return all(not (s < end < e) or _dictionary_word(text[end:e]) for _word, s, e in _tokens(text))


def starts_word(text: str, start: int) -> bool:
    """Whether a word begins at ``start`` (a misspelt word may end anywhere, but it does not start mid-word)."""
    return start in boundaries(text)


def word_at(text: str, start: int) -> str:
    """The word that begins at ``start`` ("邹城市" in "…、邹城市政府…"), or "" when none begins there."""
    for word, s, _e in _tokens(text):
        if s == start:
            return word
    return ""


__all__ = ["boundaries", "dictionary_file", "ends_word", "is_dictionary_word", "is_place_name", "is_word",
           "part_of_speech", "starts_word", "word_at", "words"]
