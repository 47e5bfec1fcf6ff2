"""Locate the data that ships with the package (schemas/, prompts/), and the user's cache directory.

In a wheel they live under ``assistant/_data``; in a source checkout they sit beside the package.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory ``schemas`` or ``prompts``, wherever this installation keeps it."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到数据目录 {name}（安装不完整）")


def user_cache_dirs() -> Iterator[Path]:
    """Where files built from others may be kept, best first: the user's cache directory (``XDG_CACHE_HOME`` or
    ``~/.cache``, on Windows ``LOCALAPPDATA``), else the temporary directory (looked up only when it is reached: every
    start reads a cache file, and finding the temporary directory imports ``tempfile``)."""
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        yield Path(os.environ["LOCALAPPDATA"]) / "nianbao"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    yield Path(base) / "nianbao"
    import tempfile

    yield Path(tempfile.gettempdir()) / "nianbao"


def write_cache_file(name: str, data: bytes, dirs: Iterable[Path] | None = None) -> Path | None:
    """Write ``name`` into the first writable cache directory, atomically (a concurrent run sees no file or the whole
    file); None when none is writable."""
    import tempfile

    for directory in user_cache_dirs() if dirs is None else dirs:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{name}-", suffix=".tmp")
        except OSError:
            continue
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, directory / name)
            return directory / name
        except OSError:
            Path(tmp).unlink(missing_ok=True)
    return None


def _parse_yaml(path: Path) -> Any:
    import yaml

    # libyaml's loader when PyYAML has it: the pure-Python one takes a visible part of start-up on our own data files
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 - a safe loader


def _parsed_cache_name(path: Path) -> str:
    import hashlib

    where = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"parsed-{path.stem}-{where}-py{sys.version_info[0]}{sys.version_info[1]}.marshal"


def _ships_with_package(path: Path) -> bool:
    for name in ("schemas", "prompts"):
        try:
            if path.is_relative_to(data_dir(name)):
                return True
        except FileNotFoundError:
            continue
    return False


def load_yaml(path: Path) -> Any:
    """One of our YAML files, parsed.

    A file that ships with the package (schemas/, prompts/) is read on every start: its parsed form is kept in the
    user's cache directory (marshal, with the file's size and modification time, so an edited file is parsed again),
    and a later start reads that instead of importing and running the YAML parser.
    """
    if not _ships_with_package(path):
        return _parse_yaml(path)
    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns)
    name = _parsed_cache_name(path)
    for directory in user_cache_dirs():
        try:
            cached_stamp, data = marshal.loads((directory / name).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            continue
        if cached_stamp == stamp:
            return data
    data = _parse_yaml(path)
    try:
        write_cache_file(name, marshal.dumps((stamp, data)))
    except ValueError:  # a value marshal can't hold (a YAML date): parsed on every start, as before
        pass
    return data


@cache
def schema_data(name: str) -> dict[str, Any]:
    """A vocabulary file under schemas/, parsed once (``"wording"`` -> schemas/wording.yaml)."""
    data: dict[str, Any] = load_yaml(data_dir("schemas") / f"{name}.yaml")
    return data
