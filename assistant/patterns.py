"""Regular expressions compiled when first used, not when their module is imported.

Compiling costs: a class of Chinese characters such as ``[\\u4e00-\\u9fff]`` takes about half a millisecond, and the
modules ``nianbao check`` imports hold a few hundred patterns, many never used on a given report. A module-level
pattern is therefore written ``NAME = lazy_compile(r"…")``: it behaves as the compiled pattern (``NAME.search(text)``,
``NAME.pattern``) and is compiled on its first use. Call its methods; the ``re`` module's functions
(``re.sub(NAME, …)``) accept only compiled patterns or strings. (The PDF reader's child-process modules,
``readers.pdf_layout`` and ``readers.pdf_borderless``, import nothing of the package and use ``re.compile``.)

Compiled once per machine, not per start: what Python's compiler makes of a pattern (its code, a list of numbers) is kept
in the user's cache directory, like the parsed YAML files (:mod:`assistant.resources`), and a later start hands it
straight to the regular-expression engine. Compiling the patterns a short report's check uses took about a quarter of
``nianbao check``'s whole time (issue 11). The file is keyed by the Python version and the engine's own version number
(``_sre.MAGIC``), so another Python never reads it; where this Python's compiler is not the one this module knows, or
no cache directory is writable, patterns are compiled by ``re.compile`` as before.
"""

from __future__ import annotations

import _sre
import atexit
import marshal
import re
import sys
import zlib
from array import array
from functools import lru_cache
from typing import Any, AnyStr, cast

_compiler: Any = getattr(re, "_compiler", None)  # Python's own compiler of patterns (re._compiler, re._parser)
_parser: Any = getattr(re, "_parser", None)

_CODE_WORD = "I"  # the engine's code is a list of unsigned words of _sre.CODESIZE bytes (4 in CPython)
_KNOWN_COMPILER = (_compiler is not None and hasattr(_compiler, "_code") and hasattr(_parser, "parse")
                   and array(_CODE_WORD).itemsize == _sre.CODESIZE)
CACHE_FILE_NAME = f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal"
# Patterns built from a report's own words (an organ's name) would make the file grow with every report read: past this
# many, the file keeps what the last run used and the rest as fits (a few hundred bytes each).
MAX_CACHED_PATTERNS = 2000

# (pattern, flags) -> (the flags the parser settled on, the code as bytes, groups, group index, index group)
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]


class _CompiledCodeCache:
    """The code of each pattern compiled on this machine (see the module's docstring); read at the first compile,
    written back at exit when a pattern was new."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str | bytes, int], _Entry] | None = None
        self._used: dict[tuple[str | bytes, int], _Entry] = {}
        self._new = False

    def compile(self, pattern: str | bytes, flags: int) -> re.Pattern[Any]:
        flags = int(flags)
        if not _KNOWN_COMPILER or flags & re.DEBUG:  # re.DEBUG prints while compiling: left to re
            return re.compile(pattern, flags)
        key = (pattern, flags)
        entry = self._load().get(key)
        if entry is not None:
            try:
                compiled = _engine_pattern(pattern, entry)
                self._used[key] = entry
                return compiled
            except (RuntimeError, TypeError, ValueError):  # a damaged file: the engine refuses the code
                pass
        entry = _compiled_code(pattern, flags)
        try:
            compiled = _engine_pattern(pattern, entry)
        except TypeError:  # pragma: no cover - an engine that takes its code otherwise: compile as re does
            return re.compile(pattern, flags)
        self._used[key] = self._load()[key] = entry
        if not self._new:
            self._new = True
            atexit.register(self.save)
        return compiled

    def _load(self) -> dict[tuple[str | bytes, int], _Entry]:
        if self._entries is None:
            self._entries = _read_cache_file() or {}
        return self._entries

    def save(self) -> None:
        """Write the entries back (with any another process wrote meanwhile); a cache that can't be written is
        skipped."""
        if not self._new:
            return
        from assistant.resources import write_cache_file

        merged = {**(_read_cache_file() or {}), **self._used}
        if len(merged) > MAX_CACHED_PATTERNS:
            kept = [key for key in merged if key not in self._used][:max(0, MAX_CACHED_PATTERNS - len(self._used))]
            merged = {**{key: merged[key] for key in kept}, **self._used}
        try:
            payload = marshal.dumps(merged)
            write_cache_file(CACHE_FILE_NAME, marshal.dumps((zlib.crc32(payload), payload)))
        except (OSError, ValueError):
            return
        self._new = False


def _read_cache_file() -> dict[tuple[str | bytes, int], _Entry] | None:
    """The entries of the first cache file that reads whole (its checksum right: the engine would run damaged code
    without a word, matching where the pattern would not)."""
    from assistant.resources import user_cache_dirs

    for directory in user_cache_dirs():
        try:
            checksum, payload = marshal.loads((directory / CACHE_FILE_NAME).read_bytes())
            if checksum != zlib.crc32(payload):
                continue
            data = marshal.loads(payload)
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if isinstance(data, dict):
            return data
    return None


def _engine_pattern(pattern: str | bytes, entry: _Entry) -> re.Pattern[Any]:
    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, array(_CODE_WORD, code).tolist(), groups, groupindex, indexgroup)


def _compiled_code(pattern: str | bytes, flags: int) -> _Entry:
    """What ``re.compile`` hands the engine for ``pattern`` (the steps of ``re._compiler.compile``)."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (flags | parsed.state.flags, array(_CODE_WORD, code).tobytes(), parsed.state.groups - 1, groupindex,
            tuple(indexgroup))


_CACHE = _CompiledCodeCache()


class _LazyPattern:
    """A regular expression compiled on first use; then each attribute of the compiled pattern is kept on this object,
    so later calls cost what a call on the compiled pattern costs."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self.pattern = pattern  # read without compiling (patterns built from other patterns' text)
        self._flags = flags
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:  # only for names not yet on this object: search, finditer, groups…
        if name.startswith("_"):  # our own fields and what copy and pickle ask about
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = _CACHE.compile(self.pattern, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


@lru_cache(maxsize=1024)
def compiled(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)`` now, through the machine's cache of compiled code: for patterns built while the
    program runs (from the vocabulary files, from a report's own headings); module-level ones use :func:`lazy_compile`.
    """
    return _CACHE.compile(pattern, flags)


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used (see the module's docstring)."""
    return cast(re.Pattern[AnyStr], _LazyPattern(pattern, flags))
