"""``python -m evals.similarity``: how alike the template drafter's reports are (内容雷同), and how long 总体情况 is.

Three cases, each on drafts of generated townships of one county (the figures of each township its own, drawn from a
seeded generator; the notes as stated per case):

- 同县、情况说明相同: 13 townships, every one with the sample town's notes (what a county office gets when the
  townships copy one another's notes);
- 同县、情况说明不同: 13 townships, each with its own notes (drawn from a pool of ordinary notes);
- 同一机关逐年: 13 townships, each drafted for 2023 and 2024 from the same notes (a report redrafted from last year's);
- 情况说明取自真实乡镇年报: 10 townships, each with the notes a real township wrote: the sentences of the five aspects
  of 总体情况 in a published township report (tests/fixtures/eval), one report per township.

It also prints how much the notes give per aspect (the sample's, the pool's, the real townships') and what share of a
draft is the office's notes word for word, the rest being fixed statements, figures and headings.

Two measures on the whole text with organ names and numbers masked: :func:`assistant.similarity.ratio` (difflib's
ratio, which ignores characters too common in a long text) and :func:`strict_ratio` (the same without that, as an
outside reviewer measured: ``autojunk=False``); and per section for 六 (how many pairs are identical). Real reports
measure 0.12–0.54 between neighbouring townships and 0.17–0.37 for one city year on year (issue 15).
"""

from __future__ import annotations

import copy
import difflib
import random
import re
import statistics
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from assistant.drafting.template import TemplateDrafter
from assistant.model import NOTE_ASPECTS, Draft, Report
from assistant.readers.inputfile import report_from_data
from assistant.similarity import masked, organ_names, ratio

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-town-2024.yaml"
TOWNS = ("青石镇", "白沙镇", "东河镇", "西岭镇", "南山镇", "北港镇", "杨林镇", "柳溪镇", "桃源镇", "梅岭镇", "石门镇",
         "金鸡镇", "双溪镇")
NOTE_POOL: dict[str, list[str]] = {
    "proactive": ["通过县政府门户网站镇级专栏发布政府信息{n}条", "通过微信公众号发布工作动态{n}条",
                  "在村务公开栏公开惠农补贴发放、低保评议等信息", "及时公开财政预决算和“三公”经费信息",
                  "围绕乡村振兴、人居环境整治等重点工作发布信息", "对涉及群众切身利益的政策开展解读{n}次"],
    "on_request": ["严格按照法定时限答复", "答复前与申请人电话沟通、确认申请内容", "规范依申请公开受理、办理、答复流程"],
    "management": ["落实“三审三校”和保密审查制度", "对镇政府行政规范性文件开展清理", "建立政府信息公开台账，逐条登记",
                   "规范公开属性源头认定", "动态更新政府信息公开指南和目录"],
    "platform": ["维护县政府门户网站镇级专栏", "在便民服务中心设置政务公开查阅点", "更新村级公开栏{n}块",
                 "运营“乡镇发布”微信公众号", "完善政务公开专区功能"],
    "oversight": ["将政务公开纳入对各村和镇直站所的年度考核", "组织政务公开业务培训{n}次", "本年度未发生政府信息公开工作责任追究情况",
                  "邀请群众代表对政务公开工作进行评议，评议结果为满意", "开展政务公开满意度调查", "对栏目更新情况开展季度检查"],
    "problems": ["政策解读形式较为单一，图解、视频解读较少", "部分村级公开内容更新不够及时", "工作人员业务能力有待提高",
                 "公开内容的针对性不强"],
    "last_year_improvements": ["针对上年度栏目更新不及时的问题，建立专栏信息发布台账，每月核查一次",
                               "针对上年度解读形式单一的问题，增加图解解读", "针对上年度人员业务不熟的问题，组织专题培训"],
    "measures": ["丰富政策解读形式，重要政策同步发布图解解读", "加强对村级公开栏的指导和督查", "加强业务培训，提高工作人员能力",
                 "完善信息发布审核机制"],
    "other": ["认真办理人大代表建议和政协委员提案，办理结果依法公开", "落实上级年度政务公开工作要点"],
}


REAL_REPORTS = ROOT / "tests" / "fixtures" / "eval"
_TOWNSHIP_FILE = re.compile(r"^[a-z]\d+_[a-z]+(?:zhen|xiang|jiedao)_")  # g10_dizhangjiedao_2023.txt
_ASPECT_WORDS = (("proactive", "主动公开"), ("on_request", "依申请"), ("management", "信息管理"), ("platform", "平台"),
                 ("oversight", "监督"))
_ASPECT_HEAD = re.compile(r"^\s*[（(][一二三四五六][）)]\s*([^。：:\n]{0,24})[。：:]?\s*(.*)$")
_OVERVIEW = re.compile(r"\n\s*一\s*[、.．]\s*总体情况[^\n]*\n(.*?)\n\s*二\s*[、.．]", re.S)


def aspects_of(text: str) -> dict[str, list[str]]:
    """The sentences of each aspect of a real report's 总体情况 ("（一）主动公开情况。2022年，…。…" -> proactive)."""
    found = _OVERVIEW.search(text)
    out: dict[str, list[str]] = {}
    aspect = None
    for line in (found.group(1) if found else "").splitlines():
        head = _ASPECT_HEAD.match(line)
        if head:
            aspect = next((key for key, word in _ASPECT_WORDS if word in head.group(1)), None)
            line = head.group(2)
        if aspect and line.strip():
            out.setdefault(aspect, []).extend(s for s in re.split(r"(?<=。)", line.strip()) if len(s.strip()) > 4)
    return out


def real_township_notes() -> list[dict[str, list[str]]]:
    """The notes of real townships: the aspects of 总体情况 of the published township reports in the test fixtures
    that have at least four of the five (sentence by sentence, as a clerk's notes are items)."""
    out = []
    for path in sorted(REAL_REPORTS.glob("*.txt")):
        if _TOWNSHIP_FILE.match(path.name):
            aspects = aspects_of(path.read_text(encoding="utf-8"))
            if len(aspects) >= 4:
                out.append(aspects)
    return out


def sample_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    return data


def own_figures(rng: random.Random, data: dict[str, Any]) -> None:
    """Tables that add up (A1–A4), with this township's own counts and some zeros."""
    natural, firms, carried = rng.randint(0, 9), rng.choice([0, 0, 1, 2]), rng.choice([0, 0, 1])
    pending = rng.choice([0, 0, 1]) if natural + carried else 0
    handled = natural + carried - pending
    outcomes = ["granted", "granted", "partial", "unable_not_held", "np_repeat", "deny_third_party"]
    t3: dict[str, dict[str, int]] = {"new_received": {"natural_person": natural, "commercial_enterprise": firms},
                                     "carried_over": {"natural_person": carried},
                                     "carried_forward": {"natural_person": pending}}
    for _ in range(handled):
        row = rng.choice(outcomes)
        t3.setdefault(row, {}).setdefault("natural_person", 0)
        t3[row]["natural_person"] += 1
    if firms:
        t3.setdefault("granted", {})["commercial_enterprise"] = firms
    issued = rng.choice([0, 0, 1, 2, 3])
    repealed = 1  # the sample notes say 废止1件
    data["tables"] = {
        "t2": {"rules": {"issued": 0, "repealed": 0, "in_force": 0},
               "normative_docs": {"issued": issued, "repealed": repealed, "in_force": issued + rng.randint(0, 8)},
               "admin_license": {"decisions": rng.choice([0, rng.randint(1, 80)])},
               "admin_penalty": {"decisions": rng.choice([0, rng.randint(1, 30)])},
               "admin_coercion": {"decisions": rng.choice([0, 0, rng.randint(1, 3)])},
               "admin_fees": {"fee_amount": 0}},
        "t3": t3,
        "t4": {"review": {"upheld": rng.choice([0, 0, 1]), "pending": rng.choice([0, 0, 1])}},
    }


def township(i: int, town: str, year: int = 2024, notes: dict[str, list[str]] | None = None) -> Report:
    data = sample_data()
    rng = random.Random(f"{town}-{year}")
    own_figures(rng, data)
    meta = data["meta"]
    meta.update(organ_name=f"示范县{town}人民政府", short_name=town, compiler=f"示范县{town}人民政府党政综合办公室",
                year=year, sign_date=f"{year + 1}-01-{10 + i}")
    meta["contact"].update(address=f"示范县{town}人民政府党政综合办公室", phone=f"0795-12345{i:02d}",
                           email=f"town{i}@example.gov.cn")
    if notes is not None:
        data["notes"] = copy.deepcopy(notes)
    return report_from_data(data)


def own_notes(i: int) -> dict[str, list[str]]:
    """Ordinary notes of the i-th township: a few items per aspect from the pool, with its own counts."""
    rng = random.Random(f"notes-{i}")
    notes = {}
    for aspect, pool in NOTE_POOL.items():
        k = rng.randint(1, min(3, len(pool)))
        notes[aspect] = [item.format(n=rng.randint(2, 90)) for item in rng.sample(pool, k)]
    notes["oversight"] = list(dict.fromkeys(notes["oversight"] + NOTE_POOL["oversight"][:1]
                                            + NOTE_POOL["oversight"][2:4]))  # all three duties, for a 人民政府
    return notes


def drafted(report: Report) -> Draft:
    return TemplateDrafter().draft(report)


def masked_text(report: Report, draft: Draft, section: str | None = None) -> str:
    if section is None:
        text = draft.full_text()
    else:
        found = draft.section(section)
        text = found.text if found is not None else ""
    return masked(text, organ_names(report.meta))


def strict_ratio(a: str, b: str) -> float:
    """difflib's ratio without its "popular characters" heuristic (every 的 and 政 counts)."""
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def pair_ratios(items: list[tuple[Report, Draft]], section: str | None = None,
                measure: Callable[[str, str], float] = ratio) -> list[float]:
    texts = [masked_text(r, d, section) for r, d in items]
    return [measure(a, b) for a, b in combinations(texts, 2)]


def overview_length(draft: Draft) -> int:
    found = draft.section("overview")
    return len("".join(found.paragraphs)) if found is not None else 0


def framing_share(report: Report, draft: Draft) -> float:
    """The share of 总体情况 (headings left out) that is framing, the opening paragraph, as opposed to the office's
    notes (the aspects open with no provision of the 条例 and no lead "…情况如下。")."""
    from assistant.drafting.template import ASPECT_HEADINGS

    found = draft.section("overview")
    if found is None:
        return 0.0
    body = [p for p in found.paragraphs if p not in ASPECT_HEADINGS]
    return len(body[0]) / max(1, sum(len(p) for p in body))


def notes_share(report: Report, draft: Draft) -> float:
    """The share of the masked whole text that is the office's notes word for word (their clauses of four characters
    or more, found in the text); the rest is the drafter's: fixed statements, the tables' figures, headings."""
    names = organ_names(report.meta)
    text = masked(draft.full_text(), names)
    covered = [False] * len(text)
    for aspect in NOTE_ASPECTS:
        for note in getattr(report.notes, aspect):
            for clause in re.split(r"[，；。,;]", note):
                words = masked(clause.strip(), names)
                for found in (re.finditer(re.escape(words), text) if len(words) >= 4 else ()):
                    covered[found.start():found.end()] = [True] * len(words)
    return sum(covered) / max(1, len(text))


def must_share(report: Report, draft: Draft) -> tuple[str, list[bool]]:
    """The masked text and, per character, whether it is something every draft with these notes and this format
    shares whatever its wording: the notes word for word (each whole and each clause), the headings and title, and
    the names the input and the format give: the parent organs, the contact details and the website; the 条例 and the
    format notice (its issuing office, title and number); the tables' item names (行政规范性文件, 行政许可,
    自然人…) and the figures as the fact sheet tells them."""
    from assistant.drafting.template import ASPECT_HEADINGS
    from assistant.facts import FactSheet
    from assistant.formats import section_titles

    meta, fmt = report.meta, report.fmt
    names = organ_names(meta)
    text = masked(draft.full_text(), names)
    notes = [note for aspect in NOTE_ASPECTS for note in getattr(report.notes, aspect)]
    pieces = notes + [clause for note in notes for clause in re.split(r"[，；。,;]", note)]
    pieces += [*ASPECT_HEADINGS, *section_titles(), draft.title, meta.website or "", fmt.basis_title,
               *fmt.basis_title.split("关于", 1), fmt.basis_number,
               "中华人民共和国政府信息公开条例", "〈中华人民共和国政府信息公开工作年度报告格式〉"]
    pieces += [meta.parent_government or "", meta.parent_party or "", meta.compiler or "",
               *(value or "" for value in meta.contact.model_dump().values())]
    pieces += sorted(fmt.table_labels())
    pieces += [text for fact in FactSheet(report) for text in (fact.short_phrase, fact.stem) if text]
    covered = [False] * len(text)
    for piece in pieces:
        words = masked(piece.strip(), names)
        for found in (re.finditer(re.escape(words), text) if len(words) >= 4 else ()):
            covered[found.start():found.end()] = [True] * len(words)
    return text, covered


def floor_ratios(items: list[tuple[Report, Draft]]) -> list[float]:
    """Each pair's ratio if the drafter's own wording differed entirely between the two drafts (every character
    :func:`must_share` does not mark replaced by one the other text never uses): the least any phrasing variants
    could reach with these notes, without filler."""
    marked = [must_share(r, d) for r, d in items]
    out = []
    for (a, a_shared), (b, b_shared) in combinations(marked, 2):
        own_a = "".join(c if keep else chr(0xE000 + i % 3000) for i, (c, keep) in enumerate(zip(a, a_shared, strict=True)))
        own_b = "".join(c if keep else chr(0xE000 + 3000 + i % 3000) for i, (c, keep) in enumerate(zip(b, b_shared, strict=True)))
        out.append(ratio(own_a, own_b))
    return out


def aspect_lengths(notes: dict[str, list[str]]) -> dict[str, int]:
    """Characters the notes give per aspect of 总体情况."""
    return {aspect: sum(len(n) for n in notes.get(aspect, [])) for aspect, _word in _ASPECT_WORDS}


def cases() -> dict[str, Any]:
    """The measured figures of the three cases (used by ``main`` and the tests)."""
    same_notes = sample_data()["notes"]
    same = [(r, drafted(r)) for r in (township(i, t, notes=same_notes) for i, t in enumerate(TOWNS))]
    different = [(r, drafted(r)) for r in (township(i, t, notes=own_notes(i)) for i, t in enumerate(TOWNS))]
    real_notes = real_township_notes()
    real = [(r, drafted(r)) for r in (township(i, t, notes=real_notes[i]) for i, t in enumerate(TOWNS[:len(real_notes)]))]
    yearly, yearly_strict = [], []
    for i, town in enumerate(TOWNS):
        pair = [township(i, town, year, notes=same_notes) for year in (2023, 2024)]
        texts = [masked_text(r, drafted(r)) for r in pair]
        yearly.append(ratio(*texts))
        yearly_strict.append(strict_ratio(*texts))
    return {
        "same": pair_ratios(same), "same_other": pair_ratios(same, "other"),
        "different": pair_ratios(different), "yearly": yearly, "real": pair_ratios(real),
        "real_strict": pair_ratios(real, measure=strict_ratio),
        "notes_share": [notes_share(r, d) for r, d in same], "same_floor": floor_ratios(same), "real_lengths": [overview_length(d) for _r, d in real],
        "aspects": {"sample": aspect_lengths(same_notes),
                    "pool": {a: statistics.median(aspect_lengths(own_notes(i))[a] for i in range(len(TOWNS)))
                             for a, _w in _ASPECT_WORDS},
                    "real": {a: statistics.median(aspect_lengths(n)[a] for n in real_notes) for a, _w in _ASPECT_WORDS}},
        "same_strict": pair_ratios(same, measure=strict_ratio),
        "different_strict": pair_ratios(different, measure=strict_ratio), "yearly_strict": yearly_strict,
        "lengths": [overview_length(d) for _r, d in same + different],
        "framing": [framing_share(r, d) for r, d in same + different],
    }


def _row(name: str, values: list[float], strict: list[float]) -> str:
    return (f"{name}\t{len(values)}\t{min(values):.2f}\t{statistics.median(values):.3f}\t{max(values):.2f}"
            f"\t{statistics.median(strict):.3f}")


def main() -> None:
    from assistant.readers.inputfile import load_report

    figures = cases()
    print("内容雷同（整篇，机关名称与数字遮蔽后的 difflib 相似度）")
    print("情形\t对数\t最小\t中位数\t最大\t中位数（不忽略常见字）")
    print(_row("同县13镇、情况说明相同", figures["same"], figures["same_strict"]))
    print(_row("同县13镇、情况说明不同", figures["different"], figures["different_strict"]))
    print(_row("同一机关逐年（情况说明相同）", figures["yearly"], figures["yearly_strict"]))
    print(_row(f"同县{len(figures['real_lengths'])}镇、情况说明取自真实乡镇年报", figures["real"], figures["real_strict"]))
    identical = sum(1 for r in figures["same_other"] if r == 1.0)
    print(f"“六”完全相同的对数（情况说明相同）：{identical}/{len(figures['same_other'])}")
    print()
    print("总体情况字数")
    for name in ("zhuting-2020.yaml", "sample-town-2024.yaml"):
        report = load_report(ROOT / "examples" / name)
        print(f"{name}\t{overview_length(drafted(report))}")
    lengths = figures["lengths"]
    print(f"生成的26个乡镇\t最少 {min(lengths)}，中位数 {statistics.median(lengths):.0f}，最多 {max(lengths)}")
    real_lengths = figures["real_lengths"]
    print(f"情况说明取自真实乡镇年报的{len(real_lengths)}个乡镇\t最少 {min(real_lengths)}，中位数 "
          f"{statistics.median(real_lengths):.0f}，最多 {max(real_lengths)}")
    print(f"情况说明相同时，正文中逐字出自情况说明的比例\t中位数 {statistics.median(figures['notes_share']):.0%}")
    print(f"情况说明相同时，起草器自己的文字若在各镇完全不同，相似度中位数为\t{statistics.median(figures['same_floor']):.3f}"
          "（情况说明、标题、上级机关和联系方式、网站、条例和格式通知、表格项目名称仍相同）")
    share = figures["framing"]
    print(f"总体情况中开头段所占比例\t最少 {min(share):.0%}，中位数 "
          f"{statistics.median(share):.0%}，最多 {max(share):.0%}")

    print()
    print("情况说明各方面字数（示例 / 情况说明池中位数 / 真实乡镇年报中位数）")
    for aspect, word in _ASPECT_WORDS:
        values = [figures["aspects"][k][aspect] for k in ("sample", "pool", "real")]
        print(f"{word}\t{values[0]}\t{values[1]:.0f}\t{values[2]:.0f}")

if __name__ == "__main__":
    main()
