"""``python -m evals.drafting [FILES…]``: the drafting eval of :mod:`assistant.drafting.evaluation`."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.drafting.evaluation import run
from assistant.errors import InputError


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        result = run([Path(a) for a in args] or None)
    except InputError as exc:
        print(f"无法运行：{exc}", file=sys.stderr)
        return 2
    print(result.table())
    return 1 if result.errors_left else 0


if __name__ == "__main__":
    sys.exit(main())
