"""Random consistent reports drafted by the template drafter: the checker must find no error in any of them.

Every table row is drawn (every result row of 表三, 纠正 and every outcome of 表四, 上年结转), and the staff's
notes carry "其中" lists and "一是…；二是…" items, so the drafts exercise the wording the rules read.
``python -m evals.checker.drafts 2000`` prints the error findings; ``make eval`` runs it on 2,000 drafts.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from typing import Any

from assistant.formats import format_for_year, load_format
from assistant.model import Finding, Report
from assistant.pipeline import draft_report
from assistant.readers.inputfile import report_from_data
from assistant.rules.gaps import is_gap

ORGANS = (
    ("示范县青石镇人民政府", "乡镇", "青石镇"), ("示范县白沙乡人民政府", "乡镇", "白沙乡"),
    ("示范区东湖街道办事处", "街道", "东湖街道"), ("示范县人民政府", "县级人民政府", None),
    ("示范市人民政府", "设区的市人民政府", None), ("示范县教育局", "部门", None),
)
_CHANNELS = ("政府门户网站", "微信公众号", "政务公开栏", "村务公开栏", "政务服务中心")


def _count(rng: random.Random, zero_share: float = 0.5, high: int = 12) -> int:
    return 0 if rng.random() < zero_share else rng.randint(1, high)


def random_report(rng: random.Random) -> Report:
    """A consistent report: tables whose 勾稽关系 hold, and notes with breakdowns that add up."""
    organ, kind, short = rng.choice(ORGANS)
    year = rng.choice((2020, 2021, 2022, 2023, 2024))
    fmt = load_format(format_for_year(year))
    t3: dict[str, dict[str, int]] = {k: {} for k in fmt.t3_row_keys}
    busy = rng.random() < 0.8
    for col in fmt.applicant_keys:
        active = busy and (col == "natural_person" or rng.random() < 0.4)
        results = {r: (_count(rng, 0.7, 6) if active else 0) for r in fmt.result_keys}
        carried_forward = _count(rng, 0.7, 3) if active else 0
        handled = sum(results.values()) + carried_forward
        carried_over = rng.randint(0, min(handled, 3)) if handled and rng.random() < 0.4 else 0
        for r, n in results.items():
            t3[r][col] = n
        t3["carried_forward"][col] = carried_forward
        t3["carried_over"][col] = carried_over
        t3["new_received"][col] = handled - carried_over
    t4 = {g: {c: _count(rng, 0.6, 4) for c in fmt.t4_part_keys} for g in fmt.t4_group_keys}
    t2: dict[str, Any] = {"rules": {}, "normative_docs": {}}
    if fmt.version == 2021:
        in_force = rng.randint(0, 20)
        t2["rules"] = {"issued": 0, "repealed": 0, "in_force": 0}
        t2["normative_docs"] = {"issued": rng.randint(0, min(in_force, 5)), "repealed": rng.randint(0, 3),
                                "in_force": in_force}
        t2.update({"admin_license": {"decisions": _count(rng, 0.3, 300)},
                   "admin_penalty": {"decisions": _count(rng, 0.3, 80)},
                   "admin_coercion": {"decisions": _count(rng, 0.7, 5)}, "admin_fees": {"fee_amount": 0}})
    else:
        t2 = {}
    data: dict[str, Any] = {
        "meta": {"organ_name": organ, "organ_kind": kind, "year": year,
                 **({"short_name": short} if short else {}),
                 "contact": {"address": organ + "办公室", "phone": "0795-1234567"}, "compiler": organ + "办公室",
                 "sign_date": f"{year + 1}-01-{rng.randint(10, 28)}",
                 "website": "示范县人民政府门户网站“政府信息公开”专栏"},
        "tables": {"t3": t3, "t4": t4, **({"t2": t2} if t2 else {})},
        "other_figures": {"processing_fee_yuan": 0},
        "notes": _notes(rng),
    }
    return report_from_data(data)


def _notes(rng: random.Random) -> dict[str, list[str]]:
    parts = rng.sample(_CHANNELS, rng.randint(2, 4))
    numbers = [rng.randint(1, 90) for _ in parts]
    listing = "、".join(f"{c}发布{n}条" for c, n in zip(parts, numbers, strict=True))
    proactive = [f"全年主动公开政府信息{sum(numbers)}条，其中{listing}"]
    if rng.random() < 0.5:
        proactive.append(f"通过{parts[0]}发布图解解读{rng.randint(1, 9)}条")
    return {
        "proactive": proactive,
        "on_request": ["严格按照法定时限答复"],
        "management": ["落实“三审三校”和保密审查制度"],
        "platform": ["维护政府门户网站政府信息公开专栏"],
        "oversight": ["组织政务公开业务培训2次", "本年度未发生政府信息公开工作责任追究情况"],
        "problems": ["一是政策解读形式较为单一；二是部分公开内容更新不够及时"],
        "measures": ["丰富政策解读形式", "加强对公开内容的督查"],
    }


def draft_errors(count: int, seed: int = 13) -> tuple[int, list[tuple[int, Finding]]]:
    """Draft ``count`` random reports; return how many were drafted and the error findings (with the draw number)."""
    rng = random.Random(seed)
    errors: list[tuple[int, Finding]] = []
    for i in range(count):
        _doc, findings = draft_report(random_report(rng))
        # a 〔待补〕 gap (G1) is a fact the random input lacks, rightly reported, not a mistake of the drafter or checker
        errors += [(i, f) for f in findings if f.severity == "error" and f.status == "fail" and not is_gap(f)]
    return count, errors


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 2000
    drafted, errors = draft_errors(count)
    by_rule = Counter(f.rule for _i, f in errors)
    print(f"模板起草 {drafted} 份随机报告：错误级问题 {len(errors)} 项" + (f"（{dict(by_rule)}）" if errors else ""))
    for i, f in errors[:20]:
        print(f"  第{i}份 {f.rule} {f.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
