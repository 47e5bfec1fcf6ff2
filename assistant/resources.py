"""Locate the data that ships with the package (schemas/, prompts/).

In a wheel they live under ``assistant/_data``; in a source checkout they sit beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the directory ``schemas`` or ``prompts``, wherever this installation keeps it."""
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到数据目录 {name}（安装不完整）")


# libyaml's loader when PyYAML has it: the pure-Python one takes a visible part of start-up on our own data files
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """One of our own YAML data files, parsed (fast)."""
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SafeLoader)  # noqa: S506 - a safe loader


@cache
def schema_data(name: str) -> dict[str, Any]:
    """A vocabulary file under schemas/, parsed once (``"wording"`` -> schemas/wording.yaml)."""
    data: dict[str, Any] = load_yaml(data_dir("schemas") / f"{name}.yaml")
    return data
