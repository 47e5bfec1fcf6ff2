"""``python -m evals.firewall_leaks``: the firewall on misbehaving model replies of four leak classes.

The replies are in ``evals/firewall_leaks.yaml``: a figure of the notes tied to another channel's subject (M1), the
parent government made the doer of the organ's work (M4), an office name pieced from allowed words (M18), and honest
wording the firewall refused (行政诉讼案件, 未发生…责任追究情况), with an invention beside such wording. Each paragraph
is checked by ``check_paragraph`` as the model's text of its section and aspect. Prints, per class, the leaks caught,
the honest paragraphs passed and the inventions beside honest wording caught.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assistant.drafting.firewall import FirewallContext, check_paragraph, fill_tracked
from assistant.facts import FactSheet
from assistant.model import Report
from assistant.readers.inputfile import report_from_data
from assistant.resources import data_dir

CASES = Path(__file__).with_suffix(".yaml")


def _data() -> dict[str, Any]:
    return dict(yaml.safe_load(CASES.read_text(encoding="utf-8")))


@cache
def report(name: str) -> Report:
    """The report ``name`` of the cases file: an example with its meta and notes changed as the file says."""
    spec = _data()["reports"][name]
    data = yaml.safe_load((data_dir("examples") / spec["file"]).read_text(encoding="utf-8"))
    data["meta"].update(spec.get("meta", {}))
    data["notes"].update(spec.get("notes", {}))
    return report_from_data(data)


def rules_found(case: Sequence[Any]) -> list[str]:
    """The rules of the firewall's findings on one case: [report, section, aspect, paragraph, …]."""
    name, section, aspect, text = case[:4]
    subject = report(name)
    ctx = FirewallContext(subject, FactSheet(subject), section)
    filled, spans, _unknown = fill_tracked(text, ctx.facts)
    return [f.rule for f in check_paragraph(ctx, 0, filled, spans, aspect=aspect)]


def main(argv: list[str] | None = None) -> int:
    verbose = "-v" in (sys.argv[1:] if argv is None else argv)
    print("类别\t漏洞拦住\t正当文字通过\t旁边的编造拦住")
    for name, cls in _data()["classes"].items():
        caught = [c for c in cls.get("leaks", []) if cls["rule"] in rules_found(c)]
        passed = [c for c in cls.get("honest", []) if not rules_found(c)]
        beside = [c for c in cls.get("beside", []) if c[4] in rules_found(c)]
        cells = [f"{len(got)}/{len(cls.get(key, []))}" if cls.get(key) else "—"
                 for got, key in ((caught, "leaks"), (passed, "honest"), (beside, "beside"))]
        print("\t".join([name, *cells]))
        if verbose:
            for key, got in (("leaks", caught), ("honest", passed), ("beside", beside)):
                for case in cls.get(key, []):
                    if case not in got:
                        print(f"  未达预期（{key}）：{case[3]} {rules_found(case)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
