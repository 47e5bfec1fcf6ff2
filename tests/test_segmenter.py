"""The segmenter is jieba's default mode, word for word, read from a dictionary file built once."""

from __future__ import annotations

import logging
from pathlib import Path

import jieba
import pytest

from assistant import segmenter

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def jieba_tokenizer() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _lines() -> list[str]:
    files = sorted((ROOT / "tests" / "fixtures").rglob("*.txt")) + sorted((ROOT / "examples").glob("*.yaml"))
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_same_words_as_jieba_on_every_report_in_the_repository(jieba_tokenizer: jieba.Tokenizer) -> None:
    lines = _lines()
    assert len(lines) > 2000
    differ = [line for line in lines if list(jieba_tokenizer.tokenize(line)) != list(segmenter._tokens(line))]
    assert differ == []


@pytest.mark.parametrize("text", [
    "本市场监管局共收到申请3件。",  # 本｜市场
    "全县政府信息公开工作",
    "我区域内ABC公司2024年共计12.5%，\r\n  邹城市政府、诉讼",
    "稀奇古怪的字词：珺琤鍪",  # characters the dictionary lacks: jieba's HMM decides
    "",
])
def test_same_tokens_and_dictionary_words_as_jieba(jieba_tokenizer: jieba.Tokenizer, text: str) -> None:
    assert list(segmenter._tokens(text)) == list(jieba_tokenizer.tokenize(text))
    for word in ("市场", "政府", "县政府", "本市", "珺琤", "区域"):
        assert (segmenter._model().freq(word) or 0) == jieba_tokenizer.FREQ.get(word, 0)


def test_word_boundaries() -> None:
    assert not segmenter.is_word("本市场监管局", 0, 2)
    assert segmenter.is_word("本市共收到申请", 0, 2)
    assert segmenter.is_word("全县政府信息公开", 0, 2)  # 全｜县政府, but 政府 is a word
    assert segmenter.word_at("省、市、邹城市政府", 4) == "邹城市"
    assert segmenter.starts_word("本市场监管", 1)  # 本｜市场
    assert not segmenter.starts_word("本市场监管", 2)
    assert segmenter.ends_word("镇长任组长", 2) and not segmenter.ends_word("镇长效机制", 2)  # 镇｜长效
    assert segmenter.is_dictionary_word("返乡") and not segmenter.is_dictionary_word("由镇")


def test_dictionary_file_is_built_once_then_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_SEGMENTER_CACHE", str(tmp_path))
    built = segmenter.dictionary_file()
    assert built is not None and built.parent == tmp_path
    stamp = built.stat().st_mtime_ns
    assert segmenter.dictionary_file() == built
    assert built.stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [built.name]  # no temporary file left behind


def test_unwritable_cache_still_segments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("NIANBAO_SEGMENTER_CACHE", str(blocked / "cache"))
    assert segmenter.dictionary_file() is None
    segmenter._model.cache_clear()
    segmenter._tokens.cache_clear()
    try:
        assert [w for w, _s, _e in segmenter._tokens("本市场监管局")] == ["本", "市场", "监管局"]
    finally:
        segmenter._model.cache_clear()
        segmenter._tokens.cache_clear()
