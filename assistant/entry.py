"""The ``nianbao`` command's entry point: ``nianbao check 报告`` and ``nianbao --version`` run without the command-line
framework; everything else (help, other commands, any option this module does not know) goes to :mod:`assistant.cli`.

Start-up is part of the product (``make bench``): building the typer app costs about as much as checking a short
report. So this module imports nothing heavy; what ``check`` does lives here once, and ``assistant.cli``'s ``check``
command calls the same :func:`run_check`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from assistant import __version__
from assistant.errors import InputError

if TYPE_CHECKING:
    from rich.console import Console

    from assistant.model import Document, Finding

# pydantic looks for plugins in every installed package's entry points when it builds the first model: a visible
# part of every command's start-up, for plugins we don't use. Whoever sets the variable keeps their choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


def _skip_pydantic_plugin_loader() -> None:
    """With every plugin disabled, pydantic's plugin loader still imports ``importlib.metadata`` (about a tenth of a
    short report's check) only to return no plugins: a stand-in that returns none without it takes its place."""
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__" and "pydantic.plugin._loader" not in sys.modules:
        import types

        loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins (PYDANTIC_DISABLE_PLUGINS=__all__).")
        loader.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> ()
        sys.modules[loader.__name__] = loader


_skip_pydantic_plugin_loader()


def version_line() -> str:
    return f"nianbao {__version__}"


def console(stderr: bool = False) -> Console:
    """A rich console (imported when first printed to); soft wrap: long Chinese lines are never cut."""
    from rich.console import Console

    return Console(stderr=stderr, soft_wrap=True)


def print_failure(prefix: str, message: str) -> None:
    """A Chinese failure line on stderr: the prefix in bold red, the message as text (never read as markup: "[fd00::1]"
    in an address would otherwise be taken for a style and dropped)."""
    from rich.markup import escape

    console(stderr=True).print(f"[bold red]{prefix}[/]{escape(message)}", markup=True, highlight=False)


def unexpected_failure_code(exc: Exception) -> int:
    """No traceback reaches a user: bad input met late (e.g. a format file of NIANBAO_FORMATS_DIR, read when a command
    first needs it) or an unexpected failure ends with a Chinese line and exit code 2 (``NIANBAO_DEBUG=1`` shows the
    traceback of an unexpected failure)."""
    if isinstance(exc, InputError):
        print_failure("无法完成：", str(exc))
        return 2
    if os.environ.get("NIANBAO_DEBUG"):
        raise exc
    from assistant.errors import internal_error

    print_failure("无法完成：", internal_error(exc).replace("，已跳过此单位", ""))
    return 2


def print_findings(doc: Document, findings: list[Finding], as_json: bool, scopes: bool = False) -> int:
    """Print the findings (text or JSON); the exit code: 1 when any is an error, else 0.

    ``scopes``: also say which scopes were checked and which were not, and why (``nianbao check``).
    """
    from assistant.pipeline import check_scopes
    from assistant.render.findings import findings_json, findings_text, has_errors

    checked = check_scopes(doc) if scopes else None
    if as_json:
        import json

        data = findings_json(doc, findings)
        if checked is not None:
            data["checked"] = checked.as_json()
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(findings_text(doc, findings, scope_line=checked.line() if checked else None) + "\n")
    return 1 if has_errors(findings) else 0


def run_check(file: str, previous: str | None = None, as_json: bool = False) -> int:
    """``nianbao check``: read the report (and last year's), check it, print the findings; the exit code (README)."""
    from assistant.pipeline import check_document
    from assistant.readers import load_document

    try:
        doc = load_document(file)
        if previous is not None:
            doc.previous = load_document(previous)
    except InputError as exc:
        print_failure("无法读取：", str(exc))
        return 2
    return print_findings(doc, check_document(doc), as_json, scopes=True)


class CheckRequest(NamedTuple):
    file: str
    previous: str | None = None
    as_json: bool = False


def check_request(args: list[str]) -> CheckRequest | None:
    """The plain forms of ``nianbao check`` (a report; ``--json``; ``--previous 上年报告`` or ``--previous=…``);
    None for anything else, which the full command line parses (help, mistakes and their Chinese messages)."""
    if not args or args[0] != "check":
        return None
    files: list[str] = []
    previous: list[str] = []
    as_json = False
    rest = iter(args[1:])
    for arg in rest:
        if arg == "--json" and not as_json:
            as_json = True
        elif arg == "--previous":
            previous.append(next(rest, "-"))
        elif arg.startswith("--previous="):
            previous.append(arg.removeprefix("--previous="))
        else:
            files.append(arg)
    if len(files) != 1 or len(previous) > 1 or any(value.startswith("-") or not value for value in files + previous):
        return None
    return CheckRequest(files[0], previous[0] if previous else None, as_json)


def _exit_code(run: Callable[[], int]) -> int:
    try:
        return run()
    except KeyboardInterrupt:
        sys.stderr.write("\n已中止。\n")
        return 1
    except BrokenPipeError:  # the reader of our output went away (``nianbao check x | head``)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left to flush at exit goes nowhere
        return 1
    except Exception as exc:
        return unexpected_failure_code(exc)


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        print(version_line())
        return
    request = check_request(args)
    if request is None:
        from assistant.cli import app

        app()
        return
    sys.exit(_exit_code(lambda: run_check(request.file, request.previous, request.as_json)))
