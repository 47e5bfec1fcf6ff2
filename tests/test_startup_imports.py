"""What ``nianbao check`` on a published report loads: start-up is measured in ``make bench``; these tests keep out the
modules it no longer needs (the command-line framework, the YAML parser, the rule-examples runner), and keep the
framework-free entry (:mod:`assistant.entry`) saying exactly what the full command line says."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.entry import CheckRequest, check_request

ROOT = Path(__file__).parent.parent
CORPUS = Path(__file__).parent / "fixtures" / "corpus"
SHORT_REPORT = CORPUS / "010_hongze_qu_2023.txt"

# the console script ``nianbao`` (pyproject.toml), then the modules loaded
_ENTRY = """
import json, sys
from assistant.entry import main
sys.argv = ["nianbao", *sys.argv[1:]]
try:
    main()
    code = 0
except SystemExit as exc:
    code = exc.code
sys.stderr.write("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
# the same through the full command line (``python -m assistant.cli``)
_FULL = """
import sys
from assistant.cli import app
sys.argv = ["nianbao", *sys.argv[1:]]
app()
"""


def _run(program: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", program, *args], capture_output=True, text=True, cwd=ROOT,
                          check=False, timeout=120)


def _entry_modules(*args: str) -> tuple[int, set[str]]:
    result = json.loads(_run(_ENTRY, *args).stderr.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


def test_check_on_a_published_report_loads_no_command_line_framework_nor_yaml_parser():
    _entry_modules("check", str(SHORT_REPORT))  # the first run on a machine parses the data files once
    code, modules = _entry_modules("check", str(SHORT_REPORT))
    assert code == 1  # the check ran to its findings (this report has errors)
    assert "assistant.rules.wording" in modules  # the rules were loaded
    heavy = ("typer", "click", "rich", "yaml", "assistant.cli", "assistant.cli_text", "assistant.rules.examples",
             "importlib.metadata",  # pydantic's plugin loader, for the plugins it is told not to load
             "tempfile", "difflib",  # the cache's last resort and last year's comparison: not needed here
             "docx", "lxml", "assistant.render.docx")  # the Word library: a text report is read without it
    assert {name for name in heavy if name in modules} == set()


def test_version_loads_neither_the_framework_nor_pydantic():
    code, modules = _entry_modules("--version")
    assert code == 0
    assert {name for name in ("typer", "pydantic", "assistant.model") if name in modules} == set()


@pytest.mark.parametrize(("args", "expected"), [
    (["check", "a.txt"], CheckRequest("a.txt")),
    (["check", "--json", "a.txt"], CheckRequest("a.txt", as_json=True)),
    (["check", "a.txt", "--previous", "b.pdf"], CheckRequest("a.txt", "b.pdf")),
    (["check", "--previous=b.pdf", "a.txt", "--json"], CheckRequest("a.txt", "b.pdf", True)),
    (["check", "https://example.gov.cn/r.html"], CheckRequest("https://example.gov.cn/r.html")),
])
def test_plain_check_commands_skip_the_framework(args, expected):
    assert check_request(args) == expected


@pytest.mark.parametrize("args", [
    [], ["--help"], ["draft", "a.yaml"], ["check"], ["check", "--help"], ["check", "a.txt", "-h"],
    ["check", "a.txt", "b.txt"], ["check", "a.txt", "--previous"], ["check", "a.txt", "--previous", "--json"],
    ["check", "a.txt", "--json", "--json"], ["check", "a.txt", "--previous", "b", "--previous", "c"],
    ["check", "a.txt", "--jsn"], ["check", ""], ["check", "--", "a.txt"], ["Check", "a.txt"],
])
def test_anything_else_goes_to_the_full_command_line(args):
    assert check_request(args) is None


def _without_time(stdout: str) -> str:
    """The output, the JSON's time of checking left out (the two runs are not at the same moment)."""
    if not stdout.startswith("{"):
        return stdout
    data = json.loads(stdout)
    data.get("provenance", {}).pop("created", None)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("args", [
    ["check", str(SHORT_REPORT)],
    ["check", "--json", str(SHORT_REPORT)],
    ["check", str(CORPUS / "011_hongze_qu_2024.txt"), "--previous", str(SHORT_REPORT)],
    ["check", "examples/sample-town-2024.yaml", "--json"],  # an input file
    ["check", "tests/fixtures/none.txt"],  # unreadable: a Chinese message, exit 2
    ["--version"],
    ["check", "--help"],  # not a plain check: the full command line's help, in both
])
def test_the_entry_says_what_the_full_command_line_says(args):
    fast, full = _run(_ENTRY, *args), _run(_FULL, *args)
    assert _without_time(fast.stdout) == _without_time(full.stdout)
    assert fast.stderr.rsplit("\n", 1)[0].rstrip("\n") == full.stderr.rstrip("\n")
    assert json.loads(fast.stderr.splitlines()[-1])["code"] == full.returncode
