"""lazy_compile: a module-level pattern compiled on first use, behaving as the compiled pattern."""

import copy
import pickle
import re

import pytest

from assistant import patterns
from assistant.patterns import lazy_compile


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The patterns compiled through assistant.patterns, in order."""
    seen: list[str] = []
    real = re.compile

    def recording(pattern, flags=0):  # noqa: ANN001, ANN202
        seen.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(patterns.re, "compile", recording)
    return seen


def test_nothing_is_compiled_until_first_use_and_then_once(compiles):
    year = lazy_compile(r"(?P<year>\d{4})年")
    assert year.pattern == r"(?P<year>\d{4})年"  # its text is read without compiling
    assert compiles == []
    assert year.search("2024年度").group("year") == "2024"
    assert [m.span() for m in year.finditer("2023年和2024年")] == [(0, 5), (6, 11)]
    assert year.sub("某年", "2024年") == "某年"
    assert year.groupindex == {"year": 1}
    assert compiles == [r"(?P<year>\d{4})年"]


def test_flags_and_bytes_patterns_are_those_of_re_compile():
    assert lazy_compile(r"key", re.IGNORECASE).search("API KEY").group() == "KEY"
    assert lazy_compile(rb"<f>").search(b"<x><f>").start() == 3


def test_copies_and_pickles_behave_as_the_pattern():
    pattern = lazy_compile(r"本年度?")
    assert copy.deepcopy(pattern).findall("本年 本年度") == ["本年", "本年度"]
    assert pickle.loads(pickle.dumps(pattern)).findall("本年度") == ["本年度"]
    pattern.search("")  # compiled: a copy is still a pattern
    assert pickle.loads(pickle.dumps(pattern)).fullmatch("本年度") is not None
