"""lazy_compile: a module-level pattern compiled on first use, behaving as the compiled pattern; compiled code kept
in the user's cache directory, so a later start does not compile again (issue 11)."""

import copy
import marshal
import os
import pickle
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from assistant import patterns
from assistant.patterns import compiled, lazy_compile
from tests.conftest import FIXTURES


@pytest.fixture
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty user cache directory and a fresh cache of compiled code (as at a new start)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(patterns, "_CACHE", patterns._CompiledCodeCache())
    return tmp_path / "nianbao" / patterns.CACHE_FILE_NAME


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch, cache_home: Path) -> list[str]:
    """The patterns Python's compiler compiled for assistant.patterns, in order."""
    seen: list[str] = []
    real = patterns._compiled_code

    def recording(pattern, flags):  # noqa: ANN001, ANN202
        seen.append(pattern)
        return real(pattern, flags)

    monkeypatch.setattr(patterns, "_compiled_code", recording)
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


def test_flags_and_bytes_patterns_are_those_of_re_compile(cache_home):
    assert lazy_compile(r"key", re.IGNORECASE).search("API KEY").group() == "KEY"
    assert lazy_compile(rb"<f>").search(b"<x><f>").start() == 3


def test_copies_and_pickles_behave_as_the_pattern(cache_home):
    pattern = lazy_compile(r"本年度?")
    assert copy.deepcopy(pattern).findall("本年 本年度") == ["本年", "本年度"]
    assert pickle.loads(pickle.dumps(pattern)).findall("本年度") == ["本年度"]
    pattern.search("")  # compiled: a copy is still a pattern
    assert pickle.loads(pickle.dumps(pattern)).fullmatch("本年度") is not None


SAMPLES = [  # (pattern, flags): classes of Chinese characters, names, look-behind, back-references, flags, bytes
    (r"([\u4e00-\u9fff]{2,6})\1", 0),
    (r"(?P<num>\d+)(?P<unit>件|条|个)", 0),
    (r"(?<![省市区县])(?:镇|乡)人民政府", 0),
    (r"^\s*[（(](?:[一二三四五六七八九十]{1,2})[）)]", re.MULTILINE),
    (r"gov\.cn", re.IGNORECASE),
    (rb"<w:t>([^<]*)</w:t>", 0),
]
TEXT = "我镇镇人民政府共收到申请12件，办结12条。\n（二）主动公开 www.GOV.CN 其他镇人民政府；反复反复"


def _entries(cache_file: Path) -> dict:
    _checksum, payload = marshal.loads(cache_file.read_bytes())
    return marshal.loads(payload)


def _write_entries(cache_file: Path, entries: dict, checksum: int | None = None) -> None:
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    payload = marshal.dumps(entries)
    cache_file.write_bytes(marshal.dumps((zlib.crc32(payload) if checksum is None else checksum, payload)))


def _behaviour(pattern: re.Pattern) -> tuple:
    text = TEXT.encode("utf-8") + b"<w:t>\xe5\xb9\xb4</w:t>" if isinstance(pattern.pattern, bytes) else TEXT
    return (pattern.pattern, pattern.flags, pattern.groups, dict(pattern.groupindex),
            [(m.span(), m.groups()) for m in pattern.finditer(text)])


def test_a_later_start_takes_the_code_from_the_file_and_matches_as_re_compile(cache_home, monkeypatch):
    first = [compiled.__wrapped__(p, f) for p, f in SAMPLES]
    patterns._CACHE.save()  # what happens at exit
    assert set(_entries(cache_home)) == set(SAMPLES)

    monkeypatch.setattr(patterns, "_CACHE", patterns._CompiledCodeCache())  # a new start
    monkeypatch.setattr(patterns, "_compiled_code", lambda *_: pytest.fail("compiled again"))
    later = [compiled.__wrapped__(p, f) for p, f in SAMPLES]
    expected = [_behaviour(re.compile(p, f)) for p, f in SAMPLES]
    assert [_behaviour(p) for p in first] == expected
    assert [_behaviour(p) for p in later] == expected


def test_a_damaged_file_is_not_used(cache_home, monkeypatch):
    """Code the engine would run without a word (here: "succeed at once", an empty match everywhere) in a file whose
    checksum is wrong; code the engine refuses; a file that is not one of ours: each pattern is compiled again."""
    good = patterns._compiled_code(r"(\d+)件", 0)
    empty_match = (good[0], b"\x01\x00\x00\x00", good[2], good[3], good[4])
    _write_entries(cache_home, {(r"(\d+)件", 0): empty_match}, checksum=12345)
    assert compiled.__wrapped__(r"(\d+)件", 0).findall("共3件、5件") == ["3", "5"]

    monkeypatch.setattr(patterns, "_CACHE", patterns._CompiledCodeCache())
    refused = (good[0], b"\xff\xff\x00\x00" * 4, good[2], good[3], good[4])
    _write_entries(cache_home, {(r"(\d+)件", 0): refused})
    assert compiled.__wrapped__(r"(\d+)件", 0).findall("共3件") == ["3"]
    patterns._CACHE.save()  # the entry is written again, and good
    assert _entries(cache_home)[(r"(\d+)件", 0)] == good

    monkeypatch.setattr(patterns, "_CACHE", patterns._CompiledCodeCache())
    cache_home.write_bytes(b"not a cache file")
    assert compiled.__wrapped__(r"(\d+)件", 0).findall("共7件") == ["7"]


def test_the_file_keeps_at_most_the_limit_and_all_this_run_used(cache_home, monkeypatch):
    monkeypatch.setattr(patterns, "MAX_CACHED_PATTERNS", 5)
    for n in range(4):
        compiled.__wrapped__(f"旧{n}", 0)
    patterns._CACHE.save()
    monkeypatch.setattr(patterns, "_CACHE", patterns._CompiledCodeCache())
    for n in range(3):
        compiled.__wrapped__(f"新{n}", 0)
    patterns._CACHE.save()
    kept = [pattern for pattern, _flags in _entries(cache_home)]
    assert kept == ["旧0", "旧1", "新0", "新1", "新2"]


def test_every_pattern_a_real_check_uses_matches_from_the_file_as_re_compile(cache_home):
    """Each pattern a check of a real report compiled (a new process with an empty cache directory), taken from the
    file, finds what ``re.compile`` of the same pattern finds in that report: the project's own patterns."""
    report = FIXTURES / "corpus" / "010_hongze_qu_2023.txt"
    program = "import sys; from assistant.entry import main; sys.argv = ['nianbao', 'check', sys.argv[1]]; main()"
    subprocess.run([sys.executable, "-c", program, str(report)], capture_output=True, check=False, timeout=120,
                   env={**os.environ, "XDG_CACHE_HOME": str(cache_home.parent.parent)}, cwd=FIXTURES.parent.parent)
    entries = _entries(cache_home)
    assert len(entries) > 150  # what the readers and the rules compiled for this report (180 in 2026-12)
    text = report.read_text(encoding="utf-8")
    fresh = patterns._CompiledCodeCache()
    for (pattern, flags), _entry in entries.items():
        if isinstance(pattern, str):
            ours, theirs = fresh.compile(pattern, flags), re.compile(pattern, flags)
            assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)], pattern
