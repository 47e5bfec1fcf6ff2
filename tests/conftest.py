"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def zhuting_path() -> Path:
    return EXAMPLES / "zhuting-2020.yaml"


@pytest.fixture
def sample_path() -> Path:
    return EXAMPLES / "sample-town-2024.yaml"
