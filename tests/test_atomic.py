"""Atomic writes (assistant.atomic): temp file + rename, never half a file, stale temps cleared."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from assistant.atomic import atomic_path, atomic_write_text, remove_stale_temps, temp_path_for


def test_threads_writing_one_file_use_their_own_temp_files(tmp_path: Path) -> None:
    # With one temp name per process, two UI threads exporting the same report at once shared a temp file:
    # one rename took the other's half-written bytes, the other's rename then failed.
    target = tmp_path / "报告.docx"
    names: list[Path] = []
    thread = threading.Thread(target=lambda: names.append(temp_path_for(target)))
    thread.start()
    thread.join()
    assert names[0] != temp_path_for(target)
    assert names[0].parent == target.parent and names[0].name.startswith(".报告.docx.")

    barrier = threading.Barrier(8)

    def write(i: int) -> None:
        barrier.wait()
        atomic_write_text(target, str(i) * 100_000)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    text = target.read_text(encoding="utf-8")
    assert len(set(text)) == 1 and len(text) == 100_000
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_a_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    atomic_write_text(target, "old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_remove_stale_temps(tmp_path: Path) -> None:
    (tmp_path / ".a.docx.123-456.tmp").write_bytes(b"half")
    (tmp_path / "a.docx").write_bytes(b"whole")
    (tmp_path / "notes.tmp").write_bytes(b"not ours")
    assert remove_stale_temps(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx", "notes.tmp"]
    assert remove_stale_temps(tmp_path / "missing") == 0
