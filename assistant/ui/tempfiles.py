"""Where the UI's exports and batch runs put their files, and how they are cleaned up.

A download must outlive the request that made it (the browser fetches it afterwards), so each export leaves exactly
one file, in its own folder under the server's private temp dir (``GRADIO_TEMP_DIR``, which Gradio serves in place
and sweeps). Everything else a run writes lives in a folder removed when the run ends, failed or not; downloads older
than :data:`DOWNLOAD_TTL` are swept at each new one, and the server empties its temp dir when it starts.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOWNLOADS = "nianbao-downloads"
DOWNLOAD_TTL = 3600  # seconds a download stays fetchable
STALE_EMPTY = 30  # seconds after which an empty upload stub is surely not being written (a writer touches it)
STUB_SWEEP_INTERVAL = 30  # seconds between sweeps of upload stubs while the server runs


def purge(folder: Path) -> None:
    """Remove ``folder`` and everything in it (a previous run's leftovers); quiet when it does not exist."""
    shutil.rmtree(folder, ignore_errors=True)


def _private_temp() -> Path:
    return Path(os.environ.get("GRADIO_TEMP_DIR") or tempfile.gettempdir())


def sweep_upload_stubs(max_age: float = STALE_EMPTY) -> int:
    """Remove the empty ``tmp*`` files Gradio's upload parser leaves (one per upload) once ``max_age`` seconds
    untouched; returns how many went."""
    now, removed = time.time(), 0
    for empty in _private_temp().glob("tmp*"):
        try:
            if empty.is_file() and empty.stat().st_size == 0 and now - empty.stat().st_mtime >= max_age:
                empty.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def start_stub_sweeper(interval: float = STUB_SWEEP_INTERVAL, max_age: float = STALE_EMPTY) -> threading.Thread:
    """Sweep upload stubs every ``interval`` seconds for as long as the server runs (a daemon thread)."""
    def sweep_forever() -> None:
        while True:
            time.sleep(interval)
            sweep_upload_stubs(max_age)

    thread = threading.Thread(target=sweep_forever, name="nianbao-upload-stubs", daemon=True)
    thread.start()
    return thread


def sweep_downloads(max_age: float = DOWNLOAD_TTL) -> None:
    """Remove download folders older than ``max_age`` seconds (or already emptied by Gradio's own sweep)."""
    now = time.time()
    sweep_upload_stubs()
    root = _private_temp() / DOWNLOADS
    if not root.is_dir():
        return
    for folder in root.iterdir():
        try:
            if not any(folder.iterdir()) or now - folder.stat().st_mtime > max_age:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def download_folder() -> Path:
    """A new private folder for one download (older downloads swept first)."""
    sweep_downloads()
    root = _private_temp() / DOWNLOADS
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return Path(tempfile.mkdtemp(dir=root))


@contextmanager
def scratch_folder(prefix: str) -> Iterator[Path]:
    """A private folder for one run's intermediate files, removed when the block ends (also on errors)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=_private_temp()))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def keep_for_download(path: Path) -> Path:
    """Move one finished file into a download folder; returns its new path."""
    target = download_folder() / path.name
    shutil.move(str(path), target)
    return target


def discard_upload(path: str | Path) -> None:
    """Delete an uploaded file once it has been read (only files inside the server's private temp dir)."""
    path = Path(path)
    try:
        if path.resolve().is_relative_to(_private_temp().resolve()) and path.is_file():
            path.unlink()
            if not any(path.parent.iterdir()):
                path.parent.rmdir()
    except OSError:
        pass
