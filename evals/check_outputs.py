"""What ``nianbao check --json`` prints for every report under tests/fixtures, to compare two versions of the code.

A change meant to make ``nianbao check`` faster (issue 11) must leave its findings exactly as they were::

    PYTHONPATH=<old tree> python -m evals.check_outputs before.json
    PYTHONPATH=<new tree> python -m evals.check_outputs after.json --compare before.json

Each report is checked in its own process, as a user runs it (start-up caches are used as on a user's machine), and
the printed text (the JSON without ``provenance.created``, the time of the run) and exit code are kept. ``--compare``
names every report whose output differs and exits with 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SUFFIXES = (".txt", ".yaml")


def fixture_reports() -> list[Path]:
    """Every report under tests/fixtures that ``nianbao check`` reads (annotation files are not reports)."""
    return sorted(p for p in FIXTURES.rglob("*") if p.suffix in SUFFIXES and "annotations" not in p.parts)


def check_output(report: Path) -> dict[str, object]:
    program = "import sys; from assistant.entry import main; sys.argv = ['nianbao', *sys.argv[1:]]; main()"
    result = subprocess.run([sys.executable, "-c", program, "check", "--json", str(report)], capture_output=True,
                            text=True, check=False, env=os.environ | {"NIANBAO_DEBUG": ""}, timeout=300)
    return {"code": result.returncode, "stdout": _without_run_time(result.stdout), "stderr": result.stderr}


def _without_run_time(stdout: str) -> str:
    """The printed JSON without the time of the run (``provenance.created``); other output as printed."""
    try:
        data = json.loads(stdout)
    except ValueError:
        return stdout
    if isinstance(data, dict) and isinstance(data.get("provenance"), dict):
        data["provenance"].pop("created", None)
    return json.dumps(data, ensure_ascii=False, indent=2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="the JSON file to write: report path -> its output")
    parser.add_argument("--compare", type=Path, help="an earlier output file to compare with")
    args = parser.parse_args()
    outputs = {str(p.relative_to(ROOT)): check_output(p) for p in fixture_reports()}
    args.output.write_text(json.dumps(outputs, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.compare is None:
        print(f"{len(outputs)} reports checked")
        return
    earlier = json.loads(args.compare.read_text(encoding="utf-8"))
    differ = sorted(name for name in outputs.keys() | earlier.keys() if outputs.get(name) != earlier.get(name))
    for name in differ:
        print(f"differs: {name}")
    print(f"{len(outputs)} reports compared, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
