"""Regular expressions compiled when first used, not when their module is imported.

Compiling costs: a class of Chinese characters such as ``[\\u4e00-\\u9fff]`` takes about half a millisecond, and the
modules ``nianbao check`` imports hold a few hundred patterns, many never used on a given report. A module-level
pattern is therefore written ``NAME = lazy_compile(r"…")``: it behaves as the compiled pattern (``NAME.search(text)``,
``NAME.pattern``) and is compiled on its first use. Call its methods; the ``re`` module's functions
(``re.sub(NAME, …)``) accept only compiled patterns or strings. (The PDF reader's child-process modules,
``readers.pdf_layout`` and ``readers.pdf_borderless``, import nothing of the package and use ``re.compile``.)
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast


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
            self._compiled = re.compile(self.pattern, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r})"


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, done when the pattern is first used (see the module's docstring)."""
    return cast(re.Pattern[AnyStr], _LazyPattern(pattern, flags))
