"""What ``nianbao check`` on a published report loads: start-up is measured in ``make bench``; this test keeps out the
modules it no longer needs (the YAML parser, typer's pydantic coercion, the rule-examples runner)."""

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).parent / "fixtures" / "corpus"

_PROGRAM = """
import json, sys
from assistant.cli import app
sys.argv = ["nianbao", "check", sys.argv[1]]
try:
    app()
except SystemExit as exc:
    code = exc.code
sys.stderr.write(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _check_modules(report: Path) -> tuple[int, set[str]]:
    done = subprocess.run([sys.executable, "-c", _PROGRAM, str(report)], capture_output=True, text=True,
                          cwd=Path(__file__).parent.parent, check=False, timeout=120)
    result = json.loads(done.stderr.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


def test_check_on_a_published_report_loads_no_yaml_parser_nor_typer_coercion():
    _check_modules(CORPUS / "010_hongze_qu_2023.txt")  # the first run on a machine parses the data files once
    code, modules = _check_modules(CORPUS / "010_hongze_qu_2023.txt")
    assert code in (0, 1)  # the check ran to its findings
    assert "assistant.rules.wording" in modules  # the rules were loaded
    loaded = {name for name in ("yaml", "typer._adapters", "assistant.rules.examples") if name in modules}
    assert loaded == set()
