"""Scripted "models" for the loopback server: a well-behaved writer and a noisy one, plus random valid reports.

The writer answers a drafting request with what a careful model would write: the template drafter's sentences for
that section, with every figure turned into a 〔P:id〕 placeholder. The noisy writer spoils paragraphs the way models
do (wrong numbers, wrong years, 街道 for 镇, invented categories, chatter around the JSON) and, asked to repair,
fixes a paragraph only some of the time. Every spoiling is recorded so tests can check that none survives.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import threading
from collections import Counter
from typing import Any

from assistant.drafting.llm import shape_section
from assistant.drafting.template import ASPECT_HEADINGS, TemplateDrafter
from assistant.facts import FactSheet
from assistant.model import Report
from assistant.readers.inputfile import report_from_data

_ORGAN_RE = re.compile(r"^你是(.+?)负责政府信息公开工作的文字人员.*?(\d{4})年政府信息公开工作年度报告", re.S)
_REPAIR_RE = re.compile(r"^下面是年度报告“(.+?)”部分的第(\d+)段")
SECTION_OF_TITLE = {"一、总体情况": "overview", "五、存在的主要问题及改进情况": "problems",
                    "六、其他需要报告的事项": "other", "开头": "preamble"}
NOISE_KINDS = ("wrong_number", "wrong_year", "street_for_town", "invented_category")


# The sentence of 总体情况's 依申请公开 that tells the applications received (table 三's figures are told there only),
# as the template words it and the Writer returns it (its count a placeholder, of the first fact with that value).
APPLICATIONS_TOLD = re.compile(r"[^。]*(?:〔P:t3\.new_received\.total〕|政府信息公开申请〔F:[^〕]+〕件)[^。]*。")


def with_count(text: str, sentence: str) -> str:
    """``text`` with ``sentence`` (a count of the model's own) before its sentence on the applications received."""
    found = APPLICATIONS_TOLD.search(text)
    return text if found is None else text[:found.start()] + sentence + text[found.start():]


def request_kind(user: str) -> tuple[str, str, int | None]:
    """("draft"|"repair", section key, paragraph index) of a request, from the first line of its prompt."""
    first = user.splitlines()[0]
    repair = _REPAIR_RE.match(first)
    if repair:  # the paragraph's number counts paragraphs of text; its index in the section counts the headings too
        key, number = SECTION_OF_TITLE[repair.group(1)], int(repair.group(2))
        heading = next((h for h in ASPECT_HEADINGS if f"“{h}”" in first), None)
        return "repair", key, 2 * ASPECT_HEADINGS.index(heading) + 2 if heading else number - 1
    if "开头段落" in first:
        return "draft", "preamble", None
    title = re.search(r"“(.+?)”", first)
    return "draft", SECTION_OF_TITLE[title.group(1) if title else ""], None


class Writer:
    """A well-behaved model for the given reports (recognised by organ name and year in the system prompt)."""

    def __init__(self, reports: list[Report]):
        self.reports = {(r.meta.organ_name, r.meta.year): r for r in reports}
        self.kinds: Counter[str] = Counter()
        self._clean: dict[tuple[int, str], list[str]] = {}
        self._facts: dict[int, FactSheet] = {}
        self.lock = threading.Lock()

    def add(self, report: Report) -> None:
        self.reports[(report.meta.organ_name, report.meta.year)] = report

    def report_of(self, system: str) -> Report:
        m = _ORGAN_RE.match(system)
        assert m, system[:80]
        return self.reports[(m.group(1), int(m.group(2)))]

    def facts(self, report: Report) -> FactSheet:
        if id(report) not in self._facts:
            self._facts[id(report)] = FactSheet(report)
        return self._facts[id(report)]

    def clean(self, report: Report, key: str) -> list[str]:
        """The section as the model returns it (一: lead + five bodies, no headings), figures as placeholders."""
        if (id(report), key) not in self._clean:
            self._clean[(id(report), key)] = self._write(report, key)
        return list(self._clean[(id(report), key)])

    def _write(self, report: Report, key: str) -> list[str]:
        draft = TemplateDrafter().draft(report)
        if key == "preamble":
            paragraphs = list(draft.preamble)
        else:
            section = draft.section(key)
            assert section is not None
            paragraphs = [p for p in section.paragraphs if p not in ASPECT_HEADINGS]
        facts = self.facts(report)
        phrases = sorted(((f.phrase, f.id) for f in facts if f.value is not None and f.stem), key=lambda x: -len(x[0]))
        by_quantity: dict[tuple[str, str], str] = {}
        for f in facts:
            if isinstance(f.value, int) and f.value >= 0:
                by_quantity.setdefault((f.shown, f.unit), f.id)
        out = []
        for text in paragraphs:
            for phrase, fid in phrases:
                text = re.sub(re.escape(phrase) + r"(?!\d)", f"〔P:{fid}〕", text)
            # the figures the template words its own way ("共收到政府信息公开申请12件"): a figure placeholder
            text = re.sub(r"(?<![\d.:〔A-Za-z_])(\d+)(件|项)",
                          lambda m: f"〔F:{by_quantity[(m.group(1), m.group(2))]}〕{m.group(2)}"
                          if (m.group(1), m.group(2)) in by_quantity else m.group(), text)
            out.append(text)
        return out

    def __call__(self, body: dict[str, Any]) -> dict[str, Any]:
        system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
        report = self.report_of(system)
        kind, key, index = request_kind(user)
        with self.lock:
            self.kinds[kind] += 1
        paragraphs = self.clean(report, key)
        if kind == "repair":
            assert index is not None
            paragraphs = [shape_section(key, paragraphs, report.meta)[index]]
        return {"content": self.wrap(report, user, paragraphs)}

    def wrap(self, report: Report, user: str, paragraphs: list[str]) -> str:
        return json.dumps({"paragraphs": paragraphs}, ensure_ascii=False)


class NoisyWriter(Writer):
    """Spoils a paragraph of a draft with probability ``noise``; repairs succeed with probability ``fix_rate``."""

    def __init__(self, reports: list[Report], noise: float = 0.5, fix_rate: float = 0.55, seed: int = 0):
        super().__init__(reports)
        self.noise, self.fix_rate, self.seed = noise, fix_rate, seed
        self.injected: Counter[str] = Counter()
        # (organ name, year) -> {spoiled text: kind}; every one must be gone from that report's final draft
        self.spoils: dict[tuple[str, int], dict[str, str]] = {}

    def survivors(self, report: Report, text: str) -> list[str]:
        """The spoilings ("kind:text") still present in ``text`` (a final draft of ``report``)."""
        spoils = self.spoils.get((report.meta.organ_name, report.meta.year), {})
        return [f"{kind}:{marker}" for marker, kind in spoils.items() if marker in text]

    def rng(self, user: str) -> random.Random:
        digest = hashlib.sha256(f"{self.seed}|{user}".encode()).digest()
        return random.Random(int.from_bytes(digest[:8], "big"))

    def __call__(self, body: dict[str, Any]) -> dict[str, Any]:
        system, user = body["messages"][0]["content"], body["messages"][-1]["content"]
        report = self.report_of(system)
        kind, key, index = request_kind(user)
        rng = self.rng(user)
        with self.lock:
            self.kinds[kind] += 1
        clean = self.clean(report, key)
        if kind == "repair":
            assert index is not None
            paragraph = shape_section(key, clean, report.meta)[index]
            if rng.random() >= self.fix_rate:
                paragraph = self.spoil(report, key, paragraph, rng)
            return {"content": self.wrap(report, user, [paragraph])}
        paragraphs = [self.spoil(report, key, p, rng) if rng.random() < self.noise else p for p in clean]
        return {"content": self.wrap(report, user, paragraphs)}

    def wrap(self, report: Report, user: str, paragraphs: list[str]) -> str:
        text = json.dumps({"paragraphs": paragraphs}, ensure_ascii=False)
        style = self.rng(user + "wrap").randrange(3)
        if style == 1:
            return f"好的，以下是起草的正文：\n```json\n{text}\n```\n如需调整请告诉我。"
        if style == 2:
            return f"根据要求，正文如下。{text}"
        return text

    def spoil(self, report: Report, key: str, text: str, rng: random.Random) -> str:
        """One model error in ``text`` (the paragraph stays unchanged when no error fits it)."""
        kinds = list(NOISE_KINDS[1:])
        rng.shuffle(kinds)
        kinds.insert(0 if rng.random() < 0.5 else len(kinds), NOISE_KINDS[0])  # numbers fit few paragraphs: favour them
        for kind in kinds:
            spoiled, marker = getattr(self, f"_{kind}")(report, key, text, rng)
            if marker:
                with self.lock:
                    self.injected[kind] += 1
                    self.spoils.setdefault((report.meta.organ_name, report.meta.year), {})[marker] = kind
                return spoiled
        return text

    def _wrong_number(self, report: Report, key: str, text: str, rng: random.Random) -> tuple[str, str]:
        facts = self.facts(report)
        m = re.search(r"〔P:((?:t3|t4)\.[a-z_]+\.total)〕", text)
        if m:
            fact = facts[m.group(1)]
            wrong = f"{fact.stem}{fact.value + rng.randint(3, 9)}{fact.unit}"
            return text.replace(m.group(0), wrong, 1), wrong
        m = re.search(r"(收到政府信息公开申请|上年结转|办结)(\d+)件", text)
        if m:
            wrong = f"{m.group(1)}{int(m.group(2)) + rng.randint(3, 9)}件"
            return text[:m.start()] + wrong + text[m.end():], wrong
        received = facts.value("t3.new_received.total") if "t3.new_received.total" in facts else None
        if received is not None and APPLICATIONS_TOLD.search(text):  # a model adds a count of its own
            wrong = f"收到政府信息公开申请{received + rng.randint(3, 9)}件"
            return with_count(text, f"本年度共{wrong}。"), wrong
        return text, ""

    def _wrong_year(self, report: Report, key: str, text: str, rng: random.Random) -> tuple[str, str]:
        year = report.meta.year
        if f"自{year}年1月1日" in text:  # the statistics period of the wrong year
            wrong = f"自{year - 1}年1月1日"
            return text.replace(f"自{year}年1月1日", wrong, 1), wrong
        if text.startswith(f"{year}年，"):  # a year after the report was published
            wrong = f"{year + 2}年，"
            return wrong + text[len(wrong):], wrong
        return text, ""

    def _street_for_town(self, report: Report, key: str, text: str, rng: random.Random) -> tuple[str, str]:
        if report.meta.organ_kind != "乡镇":
            return text, ""
        for own in ("我镇", "我乡"):
            if own in text:
                return text.replace(own, "我街道"), "我街道"
        return text, ""

    def _invented_category(self, report: Report, key: str, text: str, rng: random.Random) -> tuple[str, str]:
        if not text.endswith("。") or key == "preamble":
            return text, ""
        wrong = "〔F:t3.rejected_by_mail.total〕"
        return text[:-1] + f"，驳回申请{wrong}件。", wrong


# --------------------------------------------------------------------------------------------------------------
# Random valid reports

TOWNS = ("青石", "柳溪", "白沙", "枫林", "石桥", "桃源", "云山", "清水", "龙潭", "金竹", "东湖", "西岭")
COUNTIES = ("示范县", "平安县", "长乐县", "永和区", "安定县")
NOTES = {
    "proactive": ["通过县政府门户网站本级专栏发布政府信息", "在村务公开栏公开惠农补贴发放、低保评议等信息",
                  "围绕乡村振兴、民生保障等重点领域做好信息公开", "及时发布防汛救灾、疫情防控等应急信息"],
    "on_request": ["严格按照法定时限答复", "答复前与申请人电话沟通、确认申请内容", "规范答复文书格式"],
    "management": ["落实“三审三校”和保密审查制度", "建立政府信息公开台账", "规范政府信息公开属性源头认定"],
    "platform": ["维护县政府门户网站专栏", "在便民服务中心设置政务公开查阅点", "更新“政策文件”“财政预决算”等栏目"],
    "oversight": ["将政务公开纳入年度考核", "组织政务公开业务培训", "未发生政府信息公开工作责任追究情况",
                  "开展社会评议，群众满意度较高"],
    "problems": ["政策解读形式较为单一", "部分村级公开内容更新不够及时", "工作人员业务能力有待提高"],
    "last_year_improvements": ["建立专栏信息发布台账，定期核查", "加强对村级公开栏的指导"],
    "measures": ["丰富政策解读形式", "加强对村级公开栏的指导和督查", "加强业务培训"],
    "other": ["认真办理人大代表建议和政协委员提案，办理结果依法公开", "落实上级政务公开工作要点"],
}


def random_report(rng: random.Random) -> Report:
    """A valid report (tables consistent, 勾稽关系 holding) of a random 镇/乡/街道, year and notes."""
    year = rng.choice((2020, 2021, 2022, 2023, 2024, 2025))
    version = 2019 if year <= 2020 else 2021
    from assistant.formats import load_format

    fmt = load_format(version)
    town = rng.choice(TOWNS) + rng.choice(TOWNS)
    county = rng.choice(COUNTIES)
    kind = rng.choice(("镇", "乡", "街道"))
    if kind == "街道":
        organ, organ_kind, short = f"{county}{town}街道办事处", "街道", f"{town}街道"
    else:
        organ, organ_kind, short = f"{county}{town}{kind}人民政府", "乡镇", f"{town}{kind}"
    small = (0, 0, 0, 1, 1, 2, 3, 5)
    t3: dict[str, dict[str, int]] = {}
    for col in rng.sample(fmt.applicant_keys, k=rng.randint(1, 3)):
        results = {r: rng.choice(small) if rng.random() < 0.3 else 0 for r in fmt.result_keys}
        forward = rng.choice((0, 0, 1))
        handled = sum(results.values()) + forward
        carried_over = rng.randint(0, min(handled, 1))
        for r, n in results.items():
            if n:
                t3.setdefault(r, {})[col] = n
        if forward:
            t3.setdefault("carried_forward", {})[col] = forward
        if carried_over:
            t3.setdefault("carried_over", {})[col] = carried_over
        if handled - carried_over:
            t3.setdefault("new_received", {})[col] = handled - carried_over
    t4 = {"review": {"upheld": rng.choice((0, 0, 1))}} if rng.random() < 0.5 else {}
    notes = {aspect: rng.sample(items, k=rng.randint(1, len(items))) for aspect, items in NOTES.items()
             if rng.random() < 0.85}
    meta: dict[str, Any] = {"organ_name": organ, "organ_kind": organ_kind, "short_name": short, "year": year,
                            "parent_government": f"{county}人民政府"}
    if rng.random() < 0.8:
        meta["website"] = f"{county}人民政府门户网站"
        meta["contact"] = {"address": f"{organ}党政办公室", "phone": "0795-1234567"}
    data: dict[str, Any] = {"meta": meta, "tables": {"t3": t3, "t4": t4}, "notes": notes}
    if rng.random() < 0.8:
        data["other_figures"] = {"processing_fee_yuan": rng.choice((0, 0, 100, 300))}
    return report_from_data(data)
