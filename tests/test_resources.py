"""The parsed form of a shipped YAML file kept in the user's cache directory: the same data, never stale."""

import os

import yaml

from assistant import resources
from assistant.resources import data_dir, load_yaml


def _cache_files(cache_home):
    return sorted((cache_home / "nianbao").glob("parsed-*.marshal"))


def test_shipped_file_is_read_from_the_cache_with_the_same_data(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = data_dir("schemas") / "wording.yaml"
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert load_yaml(path) == expected  # parsed, then kept
    assert len(_cache_files(tmp_path)) == 1
    monkeypatch.setattr(resources, "_parse_yaml", lambda p: (_ for _ in ()).throw(AssertionError("parsed again")))
    assert load_yaml(path) == expected  # read from the cache


def test_an_edited_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(resources, "_ships_with_package", lambda path: True)
    path = tmp_path / "vocabulary.yaml"
    path.write_text("words: [本市]\n", encoding="utf-8")
    assert load_yaml(path) == {"words": ["本市"]}
    path.write_text("words: [本县]\n", encoding="utf-8")  # same size: the modification time tells them apart
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_yaml(path) == {"words": ["本县"]}
    assert len(_cache_files(tmp_path / "cache")) == 1  # one file per source, rewritten


def test_values_marshal_cannot_hold_are_parsed_every_time(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(resources, "_ships_with_package", lambda path: True)
    path = tmp_path / "dated.yaml"
    path.write_text("since: 2019-05-15\n", encoding="utf-8")
    first = load_yaml(path)
    assert str(first["since"]) == "2019-05-15"
    assert load_yaml(path) == first
    assert _cache_files(tmp_path / "cache") == []


def test_no_writable_cache_directory_still_reads(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setattr(resources, "user_cache_dirs", lambda: [blocked / "cache"])
    path = data_dir("schemas") / "sections.yaml"
    assert load_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_file_outside_the_package_is_not_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "2030.yaml"
    path.write_text("version: 2030\n", encoding="utf-8")
    assert load_yaml(path) == {"version": 2030}
    assert _cache_files(tmp_path / "cache") == []
