"""What the repository points its readers to is in the repository: no path into the maintainers' design folder
(``../shared/``), which a clone does not have, and every ``tests/fixtures/…`` file named in the README, the schemas,
the examples and the evaluations exists."""

from __future__ import annotations

import re

from tests.conftest import ROOT

READ_BY_PEOPLE = ["README.md", *(f"{folder}/**/*.yaml" for folder in ("schemas", "examples", "evals"))]
FIXTURE_PATH = re.compile(r"tests/fixtures/[\w./-]+[\w/]")


def _files() -> list:
    return sorted({path for pattern in READ_BY_PEOPLE for path in ROOT.glob(pattern)})


def test_nothing_points_outside_the_clone() -> None:
    """Bug: the README sent new users to ../shared/design.md, schemas/formats/2021.yaml to ../shared/spec/format.md."""
    outside = [f"{path.relative_to(ROOT)}: {line.strip()}" for path in _files()
               for line in path.read_text(encoding="utf-8").splitlines() if "../shared/" in line]
    assert outside == []


def test_the_fixtures_named_exist() -> None:
    named = {(str(path.relative_to(ROOT)), m.group(0)) for path in _files()
             for m in FIXTURE_PATH.finditer(path.read_text(encoding="utf-8"))}
    assert ("schemas/formats/2021.yaml", "tests/fixtures/spec/format.md") in named
    assert [(file, fixture) for file, fixture in sorted(named) if not (ROOT / fixture).exists()] == []
