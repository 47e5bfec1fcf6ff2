"""The offline default drafter: the whole narrative from the figures and the staff's notes, deterministically.

It writes as a careful office does:

- every figure through the FactSheet's phrasing (the wording the claim rules read back); a zero as a sentence
  (未收到…申请, 未发生…行政复议, 未制发…), never "0件" in prose; "均" only for two or more; "以下"/"一是" only for
  two or more items; no "其中" that only repeats the total;
- notes merged into sentences without a doubled time word ("2024年，2024年…") and with the organ as subject only where
  the note is something the organ did ("纳入…考核" is said of the work, not of 我镇);
- the framing sentence names the organ's parent government and party committee when the input gives them;
  county-level governments and above speak of 本级政府 (their figures are not county-wide totals);
- 监督保障 of a 人民政府 covers 工作考核, 社会评议 and 责任追究 each; 五 always has 本年问题, 上年度问题改进 and
  下一年度措施, in that order; 六 states the 信息处理费 and the unpaid fee notices of table 三, and the usual items;
- each count is told once, in the part that owns its table (二, 三, 四); 总体情况 refers to 三 once, and a note's clause
  that repeats a table's figure is left out; one layout for every organ (the wording varies, and within an aspect's
  paragraph whether the office's notes or the table's figures come first);
- no padding: no provision of the 条例 is quoted in the sections (the preamble names it as the report's basis; an
  outside reviewer read every quotation as saying nothing about the organ), and no empty lead ("具体情况如下。").

A fact the input lacks is written as 〔待补：…〕 (see :mod:`assistant.drafting.missing`); such a draft is never final.

Variety without invention: each fixed statement has several phrasings, chosen by a stable hash of the organ's name,
the year and the slot, so neighbouring units with the same notes (and one unit year on year) do not get the same
prose (内容雷同), while the same report always gives the same draft.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from assistant import __version__
from assistant.drafting.missing import (
    DUTY_NAMES,
    FEE_FROM_YEAR,
    WORK_POINTS_WORDS,
    MissingFact,
    absent_note,
    duty_of,
    duty_result,
    is_government,
    missing_facts,
    note_items,
    usable_notes,
)
from assistant.drafting.note_text import (
    DISCLOSED,
    NOTHING_HAPPENED,
    is_nothing,
    says_what_the_organ_did,
    states_improvement,
    strip_inner_times,
    strip_subject,
    strip_time,
    tells_a_process_step,
    tells_handling,
    with_what_is_disclosed,
)
from assistant.drafting.section_figures import natural_person_column
from assistant.drafting.told_figures import without_table_figures
from assistant.drafting.unfit_notes import no_applications
from assistant.facts import FactSheet, bare_label, overview_aspect_names
from assistant.formats import load_format, section_titles
from assistant.model import Draft, Finding, Provenance, Report, Section
from assistant.numbering import chinese_date, cn_numeral
from assistant.organ_words import (
    GOVERNMENT_FALLBACK,
    SELF_WORDS,
    allowed_self_references,
    drafted_self_reference,
    organ_unit,
    place_name,
    reporting_self_reference,
    stable_choice,
    stable_digest,
)
from assistant.patterns import lazy_compile

NAME = "template"
CONDITION = "《中华人民共和国政府信息公开条例》"
REVISED_CONDITION_YEAR = 2019  # the 条例 as revised by 国务院令第711号 is in force from 2019 on
FEE_MEASURES = "《政府信息公开信息处理费管理办法》"
ASPECT_HEADINGS = tuple(f"（{cn_numeral(i)}）{name}" for i, name in enumerate(overview_aspect_names(), 1))
# The notes (Notes fields) each heading's paragraph tells, in the order of the headings: the one place that says which
# notes belong to which paragraph of 总体情况 (the drafters' prompts, M16's figures and M18's support read it)
OVERVIEW_ASPECTS = ("proactive", "on_request", "management", "platform", "oversight")
PROBLEM_HEADINGS = ("存在的主要问题", "上年度问题改进情况", "下一步改进措施")  # sub-headings some reports give 五
_PROBLEM_HEADING_RE = lazy_compile(r"（[一二三]）(?:" + "|".join(PROBLEM_HEADINGS) + ")")


def is_program_heading(key: str, text: str) -> bool:
    """A heading the program adds itself (一、总体情况's （一）主动公开 …, 五's （一）存在的主要问题 …), not prose."""
    return (key == "overview" and text in ASPECT_HEADINGS) or (key == "problems"
                                                              and bool(_PROBLEM_HEADING_RE.fullmatch(text)))
_TRAILING = "。；;，,、 \t"
# A note that begins with a time word needs no other (no "2024年，2024年共发布…").
_TIME_START = lazy_compile(r"^(?:\d{4}年|本年|全年|今年|年内|同时|此外|上年|去年)")
_LEAD_TIME_WORDS = ("全年", "本年度")  # time words of the drafter's leads that a note may say itself
_OPTION_TIME_WORDS = ("{year}年", "本年度", "全年", "本年")  # a lead's time words


def untimed(options: Sequence[str], body: str) -> list[str]:
    """The phrasings that add no time word to a ``body`` that says 全年 or 本年度 itself: not "2024年度，县政府门户网站
    全年主动公开…", not "本年度…存在的主要问题是…，本年度1件行政复议被纠正"."""
    if not any(w in body for w in _LEAD_TIME_WORDS):
        return list(options)
    return [o for o in options if not any(w in o for w in _OPTION_TIME_WORDS)]


_LISTED_BODY = 15  # "…如下：" leads into a body of this many characters or more
# What an organ names with its own word inside a note ("县政府门户网站", "县政府现行有效行政规范性文件").
_OWN_THINGS = r"(?=门户网站|网站|现行|行政规范性文件|规范性文件|政务新媒体|信息公开专栏)"
_TIME_LEAD = lazy_compile(r"(?:\d{4}年度?|本年度|全年)，")  # a sentence's opening time word, as the drafter writes it
# A note that begins with one of these says what happened to the work, not what the organ did: its subject is the work.
_PASSIVE_START = ("纳入", "列入", "被", "获", "受到", "得到", "荣获", "通过了")
_WORK = "政府信息公开工作"
# Notes kept whole though a clause repeats a table's figure: a problem or an improvement rests on it ("答复文书不够规范，
# 本年度1件行政复议被纠正"); the checker compares the figure with the tables.
_WHOLE_NOTES = ("problems", "last_year_improvements", "measures")
# A note that lists its own items ("一是…；二是…") is led into with a colon, as two or more notes are.
_ENUMERATED = lazy_compile(r"^(?:一是|第一[，、]|首先[，、]|其一[，、]|（一）|一、|1[.、．])")
_ALL_APPLICATIONS = lazy_compile(r"(?:上述|所有|全部)?(?:收到的|受理的)?(?:政府信息公开)?申请均(?:已)?")
# ...when the clause says no more than how they were answered ("所有申请均按时答复", "申请均已在法定期限内办结").
_ALL_ANSWERED = lazy_compile(_ALL_APPLICATIONS.pattern + r"(?P<how>按时|及时|依法|如期|在法定期限内|在规定期限内)?"
                             r"(?:予以)?(?P<verb>答复|办结|回复)(?=$|[，,；;。])")
_LAST_YEAR = lazy_compile(r"^\d{4}年度?(?![\d一二三四五六七八九十上下底初末])")
_SECOND_ITEM = lazy_compile(r"二是|第二[，、]|其次[，、]|其二[，、]|（二）|二、|2[.、．]")
# The label an office types before the items of 五 ("存在问题：一是…", "改进措施：…"): the drafter's sentence says it.
_PROBLEMS_LABEL = lazy_compile(r"^(?:存在的?(?:主要)?问题|主要问题|问题|不足|(?:改进|整改)?措施|下一步(?:工作)?(?:打算|计划)?|"
                               r"工作(?:打算|计划))[：:]\s*")


def as_own_items(note: str) -> str:
    """A note of 五 without the label the office typed before it and without "一是" when it lists one thing only:
    "存在问题：一是解读不够" -> "解读不够" (not "还存在不足：存在问题：一是解读不够", "以下几项工作：一是…" with one)."""
    note = _PROBLEMS_LABEL.sub("", note)
    first = _ENUMERATED.match(note)
    if first and not _SECOND_ITEM.search(note, first.end()):
        note = note[first.end():].lstrip("，、 ")
    return note


# Items of 六 that are usual in practice (format.md §4.5), recognised in the notes to lead them in.
_USUAL_OTHER = (("建议", "提案"), WORK_POINTS_WORDS)
_OTHER_HEADS = (
    ["", "建议提案办理方面，", "在人大代表建议和政协委员提案办理方面，", "关于建议提案办理，", "建议提案办理情况：",
     "人大代表建议和政协委员提案办理情况：", "本年度，"],
    ["", "", "此外，", "同时，", "年度工作要点落实方面，", "关于年度政务公开工作要点的落实，"],
)


def _clean(items: Sequence[str]) -> list[str]:
    return [t for t in (item.strip().rstrip(_TRAILING) for item in items) if t]


def clauses(items: Sequence[str]) -> str:
    """Notes joined into one sentence body: trailing punctuation dropped, "；" between them."""
    return "；".join(_clean(items))


def enumerate_items(items: Sequence[str], style: str = "shi") -> str:
    """"一是A；二是B" (style "shi"), "A；B" ("plain"), "第一，A；第二，B" ("ordinal"), "其一，A；其二，B" ("qi"),
    "首先，A；其次，B；最后，C" ("order"); one item stays as it is."""
    parts = _clean(items)
    if len(parts) == 1:
        return parts[0]
    if style == "plain":
        return "；".join(parts)
    if style == "ordinal":
        return "；".join(f"第{cn_numeral(i)}，{p}" for i, p in enumerate(parts, 1))
    if style == "qi":
        return "；".join(f"其{cn_numeral(i)}，{p}" for i, p in enumerate(parts, 1))
    if style == "order" and len(parts) <= 4:
        words = {2: ("首先", "其次"), 3: ("首先", "其次", "最后"), 4: ("首先", "其次", "再次", "最后")}[len(parts)]
        return "；".join(f"{w}，{p}" for w, p in zip(words, parts, strict=True))
    return "；".join(f"{cn_numeral(i)}是{p}" for i, p in enumerate(parts, 1))


def starts_with_time(text: str) -> bool:
    return bool(_TIME_START.match(text.strip()))


def without_repeated_time_leads(text: str) -> str:
    """No sentence opens with the time word its predecessor opened with: "2024年度，本镇落实…。2024年度，本镇废止…" ->
    "2024年度，本镇落实…。本镇废止…" (a note and a figure sentence, each with its own lead, side by side)."""
    out, previous = [], None
    for sentence in re.split(r"(?<=。)", text):
        found = _TIME_LEAD.match(sentence)
        lead = found.group(0) if found else None
        out.append(sentence[len(lead):] if lead and lead == previous else sentence)
        previous = lead
    return "".join(out)


class TemplateDrafter:
    """Deterministic drafter; ``feedback`` is accepted for the common protocol and not needed (nothing to repair)."""

    name = NAME

    def __init__(self, now: Callable[[], datetime] | None = None):
        self._now = now or (lambda: datetime.now(UTC))

    def draft(self, report: Report, feedback: Sequence[Finding] | None = None) -> Draft:
        from assistant.drafting.firewall import citable_report
        from assistant.drafting.unfit_notes import fitting_report

        # a note that reads as an instruction is not a fact (L2); nor one the tables or the organ's name contradict
        draft = _Writer(fitting_report(citable_report(report)[0])).draft()
        draft.provenance = Provenance(drafter=NAME, version=__version__, created=self._now())
        return draft


class _Writer:
    def __init__(self, report: Report):
        self.report = report
        self.meta = report.meta
        self.year = report.meta.year
        self.fs = FactSheet(report)
        self.fmt = report.fmt
        # self.me is the subject of the organ's work; self.me_figures of its own application and appeal figures.
        # A county-level government or above: 本级政府 for its figures (not county-wide totals), 县政府/市政府 for
        # its work (never "本级政府政府信息公开工作"). Others: one of 我镇/本镇 … for the whole report.
        self.me_figures = reporting_self_reference(report.meta)
        unit = organ_unit(report.meta)
        if unit and self.me_figures == SELF_WORDS[unit][0]:  # 我镇 or 本镇, 我局 or 本局 …: both are the organ's own
            self.me_figures = drafted_self_reference(report.meta)
        self.me = self.me_figures
        if self.me_figures == GOVERNMENT_FALLBACK and unit:
            self.me = ("自治区" if "自治区" in report.meta.organ_name else unit) + "政府"
        # Leading words of a note that are the organ itself (dropped, the drafter adds its one form where it fits).
        self._own_words = set(allowed_self_references(report.meta)) | {self.me}
        if unit == "街道":
            self._own_words.add("街道")
        if self.me_figures == GOVERNMENT_FALLBACK and unit:
            self._own_words |= {f"我{unit}", f"本{unit}"}
        self.missing: dict[str, MissingFact] = {m.key: m for m in missing_facts(report)}
        self._subjects = allowed_self_references(report.meta) | {report.meta.organ_name, place_name(report.meta)}
        if report.meta.short_name:
            self._subjects |= {report.meta.short_name}
        unit = organ_unit(report.meta)
        if unit:  # "镇政府…", "全镇…", "各镇…" already name their subject
            self._subjects |= {f"{unit}政府", f"{unit}党委", f"全{unit}", f"各{unit}"}

    # --- helpers ------------------------------------------------------------------------------------
    def pick(self, slot: str, options: Sequence[str]) -> str:
        """One of equivalent phrasings, chosen by a stable hash of the organ name, the year and the slot.

        The year is in the hash too, so that an organ's report does not repeat last year's wording either.
        """
        return stable_choice(self.meta, slot, options)

    def fill(self, template: str, **values: object) -> str:
        return template.format(year=self.year, me=self.me, me_of=self.me_of, mine=self.me_figures,
                               organ=self.meta.organ_name, next=self.year + 1, **values)

    @property
    def me_of(self) -> str:
        """The organ before 政府信息公开工作: "我镇", and for a government the word its work goes by (县政府) fused with
        it: "县政府信息公开工作", never "县政府的政府信息公开工作" or "县政府政府信息…"."""
        return self.me.removesuffix("政府")

    def placeholder(self, key: str) -> str:
        if key not in self.missing and key.startswith("notes."):
            # every note of the aspect was told elsewhere (a fee note under 主动公开 goes to 六): nothing is left to
            # write there, though the input had notes for it
            return absent_note(key.removeprefix("notes.")).placeholder
        return self.missing[key].placeholder

    def with_subject(self, body: str) -> str:
        """The clause with its subject: the self-reference where the note says what the organ did (发布…, 在…设置…),
        政府信息公开工作 for a note about the work (纳入…考核); none when it already names its subject, begins with a time
        word, or goes on in a way the organ cannot be the subject of ("公开前由法律顾问审核", "两件申请均…")."""
        if body.startswith("全年，") and says_what_the_organ_did(body[3:]):
            return "全年，" + self.me + body[3:]  # "全年，通过…公开信息88条" -> "全年，本镇通过…" (not "本镇全年，")
        if body.startswith("全年") and says_what_the_organ_did(body[2:]):
            return self.me + body  # "全年发布信息60条" -> "本街道全年发布信息60条"
        if body.startswith(tuple(self._subjects)) or starts_with_time(body) or body.startswith(_WORK):
            return body
        if body.startswith(_PASSIVE_START):
            return _WORK + body
        return self.me + self.without_own_word(body) if says_what_the_organ_did(body) else body

    def without_own_word(self, body: str) -> str:
        """The organ's own word left out where the note names its own site or documents with it, once the drafter puts
        the word before as the subject: "县政府对现行有效行政规范性文件…", "县政府优化门户网站…" (not "县政府对县政府…")."""
        return re.sub(re.escape(self.me) + _OWN_THINGS, "", body)

    def prepared(self, note: str) -> str:
        """A note without the report's own time words and without a leading self-reference (the drafter adds its
        own once): "2024年，2024年共发布…" -> "共发布…", "街道落实保密审查" -> "落实保密审查"."""
        years = (self.year, self.year + 1)
        body, _ = strip_time(_clean([note])[0] if _clean([note]) else "", years)
        rest, had_subject = strip_subject(body, self._own_words)
        rest, _ = strip_time(rest, years)
        if had_subject and says_what_the_organ_did(rest):
            body = rest  # "我镇在…发布…": the drafter puts its own subject back
        elif had_subject:  # "本镇政务公开纳入…", "我县政府网站…": the word is part of the note's own subject
            body = self._one_form(body)
        return with_what_is_disclosed(strip_inner_times(body, years))

    def _one_form(self, text: str) -> str:
        """本镇 where the report says 我镇 (or the other way round): one self-reference form per report."""
        unit = organ_unit(self.meta)
        if unit and self.me in SELF_WORDS.get(unit, ()):
            for word in SELF_WORDS[unit]:
                text = text.replace(word, self.me)
        return text

    def notes(self, aspect: str, by_sentence: bool = False) -> list[str]:
        """The notes of one aspect in the office's order, ready to merge: placeholders ("待定") and bare "无" left out,
        time words and self-references at their start removed; ``by_sentence``: a line of several sentences as its
        sentences (:func:`note_items`)."""
        lines = list(getattr(self.report.notes, aspect))
        items = [n for n in (note_items(lines) if by_sentence else usable_notes(lines)) if not is_nothing(n)]
        if aspect not in _WHOLE_NOTES:
            items = [without_table_figures(n, self.fs) for n in items]
        return [p for p in (self.prepared(n) for n in items) if p]

    def says_nothing(self, aspect: str) -> bool:
        """The office wrote only "无" (or the like) for this aspect."""
        items = usable_notes(list(getattr(self.report.notes, aspect)))
        return bool(items) and all(is_nothing(n) for n in items)

    def enumeration(self, slot: str) -> str:
        return self.pick(f"enumeration.{slot}", ["shi", "shi", "order", "ordinal", "plain", "qi"])

    def pick_index(self, slot: str, n: int) -> int:
        """0 … n-1, chosen like :meth:`pick`."""
        return int(self.pick(slot, [str(i) for i in range(n)]))

    def rank(self, slot: str, item: str) -> bytes:
        return stable_digest(self.meta, slot, item)

    def timeless(self, options: Sequence[str], first_item: str, body: str = "") -> list[str]:
        """The phrasings that add no time word when the note already begins with one, or tells a step of the work
        ("政府信息公开前由法律顾问审核": how it is done, not an event of the year), nor one the notes' ``body`` says
        itself ("全年，…网站全年主动公开…")."""
        if not starts_with_time(first_item) and not tells_a_process_step(first_item):
            return untimed(options, body) or [""]
        kept = [o for o in options if "{year}年" not in o and "本年度" not in o and "全年" not in o]
        return kept or [""]

    def note_sentences(self, aspect: str, intros: Sequence[str]) -> str:
        """The notes of one aspect as one sentence, or, with two or more things the organ did and for some organs, as
        "一是…；二是…" (the subject after "一是": "本镇一是…" reads badly; no lead into the list: the heading leads)."""
        items = self.notes(aspect)
        if not items:
            return ""
        if (len(items) > 1 and all(says_what_the_organ_did(i) for i in items)
                and self.pick(f"notes.{aspect}.style", ["sentence", "sentence", "list"]) == "list"):
            return enumerate_items([self.with_subject(items[0]), *items[1:]], "shi") + "。"  # "一是我镇通过…"
        body = self.joined(aspect, items)
        intro = self.pick(f"notes.{aspect}.intro", self.timeless(intros, items[0], body))
        return self.fill(intro, body=body) + "。"

    def joined(self, slot: str, items: Sequence[str]) -> str:
        """Notes in the office's order as one sentence body, the first with its subject; between two notes "；" or, once
        in a sentence, a connector ("；同时，", "。此外，" …), chosen per gap: the note words themselves are untouched."""
        out = self.with_subject(items[0])
        for i, item in enumerate(items[1:], 1):
            joint = "；"  # "答复前与申请人沟通" goes on from the note before: no subject for a sentence or a connector
            if not (starts_with_time(item) or item.startswith(tuple(self._subjects)) or self.subjectless_step(item)):
                # one connector in a sentence at most: not "；同时，…；此外，…；另外，…" strung on every note
                sentence = out.rsplit("。", 1)[-1]
                linked = any(c in sentence for c in _CONNECTORS)  # then "；" or a new sentence, no connector used before
                joint = self.pick(f"notes.{slot}.joint.{i}", [j for j in _NOTE_JOINTS if j == "；" or not linked and (
                    len(j) < 2 or j[1:] not in out) or linked and j.startswith("。") and j[1:] not in out])
            if joint.startswith("。") and out.endswith(("：", "，")):
                joint = "；"
            if "其中" in items[i - 1] and not joint.startswith("。"):  # a 其中 list closes its sentence (rule I1)
                joint = "。"
            # a new sentence gets its subject, and so does a clause after one whose subject is not the organ
            # ("乡纪委对…进行监督检查；我乡参加县政务公开培训1次")
            sentence = out.rsplit("。", 1)[-1]
            sentence = sentence.removeprefix(next((c for c in _CONNECTORS if sentence.startswith(c)), ""))
            new_subject = joint.startswith("。") or not (sentence.startswith(tuple(self._subjects)) or self.me in sentence)
            out += joint + (self.with_subject(item) if new_subject else item)
        return out

    @staticmethod
    def subjectless_step(note: str) -> bool:
        """A step of the work that names nothing before it ("答复前与申请人沟通"; not "政府信息公开前由…审核"): it goes on
        from the note before it after "；", never as a sentence of its own or after "另外，"."""
        return tells_a_process_step(note) and not note.startswith(DISCLOSED)

    def notes_text(self, aspect: str) -> str:
        return "".join(self.notes(aspect))

    # --- the draft ----------------------------------------------------------------------------------
    def draft(self) -> Draft:
        sections = []
        writers = {"overview": self.overview, "proactive": self.proactive_lead, "requests": self.requests_lead,
                   "appeals": self.appeals_lead, "problems": self.problems, "other": self.other}
        keys = [s.key for s in load_format(self.report.table_format).sections]
        for key, title in zip(keys, section_titles(), strict=True):
            paragraphs = [without_repeated_time_leads(p) for p in writers[key]()]
            sections.append(Section(heading=title, key=key, paragraphs=paragraphs))
        closing = [self.meta.organ_name]
        if self.meta.sign_date:
            closing.append(chinese_date(self.meta.sign_date))
        else:
            closing.append(self.placeholder("sign_date"))
        return Draft(title=self.meta.report_title,
                     preamble=[self.preamble()], sections=sections, closing=closing)

    def preamble(self) -> str:
        meta, fmt = self.meta, self.fmt
        compiler = meta.compiler or meta.organ_name
        # the format notice by its title and its number, in every report (the number says which format the year
        # requires): never a number run into its issuer's name ("…办公室国办公开办函〔2021〕30号文件") nor a
        # description or the format's own title in place of the notice's
        title, number = fmt.basis_title, fmt.basis_number
        issuer, short_title = title[:title.index("关于")], title[title.index("关于"):]
        condition_notes = _CONDITION_NOTES if self.year >= REVISED_CONDITION_YEAR else _CONDITION_NOTES[:1]
        basis = CONDITION + self.pick("preamble.condition", condition_notes) + self.pick("preamble.cite", [
            f"和《{title}》（{number}）", f"及《{title}》（{number}）", f"和{issuer}《{short_title}》（{number}）",
            f"以及{issuer}《{short_title}》（{number}）", f"及{issuer}《{short_title}》（{number}）", f"以及《{title}》（{number}）",
        ])
        first = self.pick("preamble.basis", [
            f"本报告依据{basis}要求，由{compiler}编制。",
            f"本报告由{compiler}根据{basis}要求编制。",
            f"根据{basis}要求，{compiler}编制本报告。",
            f"{compiler}根据{basis}的要求，编制本报告。",
            f"按照{basis}的规定，{compiler}编制了本报告。",
            f"{compiler}依据{basis}要求编制本报告。",
            f"{compiler}按照{basis}要求编制本报告。",
            f"依照{basis}的要求，{compiler}编制了本报告。",
            f"本报告由{compiler}根据{basis}的规定和要求编制。",
            f"本报告是根据{basis}要求，由{compiler}编制的。",
            f"根据{basis}要求，{compiler}编制了本报告，现向社会公布。",
            f"{compiler}根据{basis}要求编制本报告，特向社会公布。",
            f"按照{basis}的要求，本报告由{compiler}编制，现予公布。",
            f"依据{basis}，{compiler}编制并向社会公布本报告。",
        ])
        parts = [bare_label(s.title) for s in fmt.sections]
        listing = self.pick("preamble.parts", [
            f"全文包括{'，'.join(parts)}，共{cn_numeral(len(parts))}个部分。",
            f"全文共{cn_numeral(len(parts))}个部分。",
            "",  # the list of parts is practice, not required: many reports do without it
            "", "", "", "", "", "", "",
        ])
        period = self.pick("preamble.period", [
            f"本报告所列数据的统计期限自{self.year}年1月1日起至{self.year}年12月31日止。",
            f"本报告中所列数据统计期限为{self.year}年1月1日至{self.year}年12月31日。",
            f"报告所列数据的统计时间为{self.year}年1月1日至12月31日。",
            f"报告中的统计数据，时间范围为{self.year}年1月1日至{self.year}年12月31日。",
            f"所列数据的统计区间为{self.year}年1月1日至{self.year}年12月31日。",
            f"数据统计时段为{self.year}年1月1日至{self.year}年12月31日。",
            f"文中所列数据均为{self.year}年1月1日至12月31日的统计数据。",
            f"本报告统计数据的时间范围为{self.year}年1月1日至12月31日。",
            f"报告中所列统计数据起止时间为{self.year}年1月1日至{self.year}年12月31日。",
        ])
        if "website" in self.missing:
            site = f"本报告电子版可在{self.placeholder('website')}查阅。"
        elif (meta.website or "").strip().lower().startswith(("http://", "https://", "www.")):
            site = f"本报告电子版可登录{meta.website.strip()}查阅。"  # type: ignore[union-attr]
        else:
            site = self.pick("preamble.site", [
                "本报告电子版可在{site}查阅。", "本报告电子版可在{site}下载。", "公众可在{site}查阅本报告电子版。",
                "本报告同时在{site}公开，可在线查阅。", "需要本报告电子版的，可到{site}下载。",
                "本报告电子版可在{site}查询。", "本报告电子版可从{site}下载。", "公众可登录{site}查阅本报告电子版。",
            ]).format(site=(meta.website or "").strip())
        contact = meta.contact
        address = contact.address.strip() if contact.address else self.placeholder("contact.address")
        phone = contact.phone.strip() if contact.phone else self.placeholder("contact.phone")
        postcode = contact.postcode.strip() if contact.postcode and contact.postcode.strip() else ""
        email = contact.email.strip() if contact.email and contact.email.strip() else ""
        style = self.pick("preamble.contact.style", ["brackets", "brackets", "sentence", "listing"])
        if style == "listing":  # "（联系地址：…，联系电话：…）"
            items = [f"联系地址：{address}", *([f"邮政编码：{postcode}"] if postcode else []), f"联系电话：{phone}",
                     *([f"电子邮箱：{email}"] if email else [])]
            ask = self.pick("preamble.contact.listing", ["如对本报告有疑问，请与{c}联系", "对本报告有疑问的，可与{c}联系",
                                                         "对本报告有疑问，可与{c}联系"]).format(c=compiler)
            contact_text = ask + "（" + "，".join(items) + "）。"
        elif style == "brackets":
            label = {kind: self.pick(f"preamble.contact.{kind}", words) for kind, words in _CONTACT_LABELS.items()}
            items = [f"{label['address']}：{address}", *([f"{label['postcode']}：{postcode}"] if postcode else []),
                     f"{label['phone']}：{phone}", *([f"{label['email']}：{email}"] if email else [])]
            ask = self.pick("preamble.contact", ["如对本报告有疑问，请与", "如对本报告有任何疑问，请与", "对本报告如有疑问，请与",
                                                 "对本报告有疑问的，可与", "对报告内容有疑问或建议的，欢迎与",
                                                 "公众对本报告有疑问，可与"])
            contact_text = f"{ask}{compiler}联系（{'，'.join(items)}）。"
        else:
            contact_text = (f"对本报告如有疑问，可致电{phone}，或到{address}"
                            + (f"（邮编：{postcode}）" if postcode else "") + "咨询"
                            + (f"，也可发送电子邮件至{email}" if email else "") + "。")
        # the basis first; then the parts, the period, the website and the contact in one of the usual orders
        order = self.pick("preamble.order", ["lpsc", "lpsc", "plsc", "lpcs", "plcs", "lspc", "pscl", "lcps"])
        parts_of = {"l": listing, "p": period, "s": site, "c": contact_text}
        return first + "".join(parts_of[k] for k in order)

    # --- 一、总体情况 ----------------------------------------------------------------------------------
    def leaders(self) -> str:
        """"中共示范县委、示范县人民政府" from the input (empty when it names neither)."""
        names = [n.strip() for n in (self.meta.parent_party, self.meta.parent_government) if n and n.strip()]
        return "、".join(names)

    def overview(self) -> list[str]:
        leaders = self.leaders()
        if leaders:  # the fact that they lead, in neutral words: no praise the office did not write (坚强、正确领导)
            frame = self.pick("overview.frame", [
                "{year}年，在{leaders}领导下，{organ}",
                "{year}年，{organ}在{leaders}领导下，",
                "{year}年，{organ}在{leaders}的领导和指导下，",
                "在{leaders}的统一部署下，{year}年{organ}",
                "{year}年，在{leaders}的领导下，{organ}",
                "一年来，{organ}在{leaders}的领导下，",
                "{organ}在{leaders}的领导下，",
                "{year}年度，{organ}按照{leaders}的部署，",
                "{year}年，{organ}在{leaders}的领导下，",
                "{year}年，在{leaders}的统一领导下，{organ}",
                "在{leaders}的领导下，{organ}{year}年",
                "{organ}{year}年在{leaders}的领导下，",
                "{year}年，{organ}在{leaders}的统一部署下，",
                "{year}年，{organ}在{leaders}的领导和部署下，",
            ])
        else:
            frame = self.pick("overview.frame", ["{year}年，{organ}", "一年来，{organ}", "{year}年度，{organ}",
                                                 "本年度，{organ}"])
        # What the organ did under the 条例 (it reports on exactly that), never a claim the input does not make.
        stances = [
            "依照《条例》开展政府信息公开工作",
            "按照《条例》的规定开展政府信息公开工作",
            "依据《条例》做好主动公开、依申请公开等政府信息公开工作",
            "按照《条例》和上级关于政务公开工作的要求开展政府信息公开工作",
            "依照《条例》开展主动公开、依申请公开、政府信息管理等工作",
            "以《条例》为依据，开展了主动公开和依申请公开等各项工作",
            "根据《条例》的各项规定，推进{mine_of}政府信息公开工作",
            "依照《条例》履行政府信息公开的法定职责",
            "围绕《条例》规定的各项要求，开展政府信息公开工作",
            "依据《条例》组织开展{mine_of}政府信息公开工作",
            "按照《条例》要求，做好政府信息公开各项工作",
            "以《条例》为遵循，开展主动公开、依申请公开等工作",
            "认真贯彻落实《条例》，开展政府信息公开工作",
            "严格遵循《条例》要求，开展政府信息公开工作",
            "贯彻执行《条例》，做好主动公开、依申请公开和政府信息管理等工作",
        ]
        # one 按照 at a time: not "按照…的部署，按照《条例》的规定"
        stance = self.pick("overview.stance", [s for s in stances if not ("按照" in frame and s.startswith("按照"))])
        # no lead after it ("具体情况如下。", "现将有关情况报告如下。" of an upward report): the headings lead on
        # a 人民政府 says of its work what it says elsewhere (县政府的, 我镇), not 本机关 (a department's or an office's)
        mine_of = self.me_of if is_government(self.report) else "本机关的"
        return [self.fill(frame, leaders=leaders) + stance.format(mine_of=mine_of) + "。", *self.aspects()]

    def aspects(self) -> list[str]:
        """The five aspects of 总体情况: each heading and its paragraph."""
        bodies = [self.proactive(), self.requests(), self.management(), self.platform(), self.oversight()]
        return [text for pair in zip(ASPECT_HEADINGS, bodies, strict=True) for text in pair]

    def proactive(self) -> str:
        """主动公开: the office's notes and the items of table 二 other than documents (行政许可 … decided)."""
        notes = self.note_sentences("proactive", _NOTE_INTROS["proactive"]) or self.placeholder("notes.proactive")
        return self.notes_and_figures("proactive", notes + self.more_wanted("proactive"), self.decisions())

    def notes_and_figures(self, aspect: str, notes: str, figures: str) -> str:
        """An aspect's notes and its table figures in words: the notes first for some organs, the figures first for
        others (both orders are usual in real reports; the notes keep their words and their order either way). Figures
        whose first sentence tells no count ("未制发…", "未收到…申请") follow the work, never lead; so do figures before
        notes that list their items ("一是…；二是…"), which the heading leads into."""
        said_by_office = any(w in n for n in self.notes(aspect) for w in _LEAD_TIME_WORDS)
        if said_by_office and not _TIME_LEAD.match(notes):  # the office's notes say 全年 inside: the figures add no
            # time word (not "全年，县政府作出…。县政府门户网站全年主动公开…", "全年，本局作出…。本局全年公开…")
            figures = re.sub(rf"^({re.escape(self.me)})?(?:{self.year}年度?|本年度|全年)，?", r"\1", figures, count=1)
        leads_with_a_count = bool(_COUNT.search(figures.split("。", 1)[0]))
        figures_first = self.pick(f"order.{aspect}", ["notes", "figures"]) == "figures"
        if notes and leads_with_a_count and not _ENUMERATED.match(notes) and figures_first:
            lead = _TIME_LEAD.match(notes)
            if lead and re.match(rf"[^。，]{{0,6}}(?:{self.year}年|本年度|全年)", figures):  # the year once, in the first
                notes = notes[lead.end():]  # "2024年度我镇实施行政处罚17件…。我镇通过…" (not "。2024年度，我镇通过…")
            return figures + notes
        return notes + figures

    def decisions(self) -> str:
        """《条例》第二十条 items of table 二 other than documents, above table 二: what was decided (zeros as 未作出); no
        "第二十条", which readers of the finished document take for the table's caption."""
        decided, other, none = [], [], []
        for block in self.fmt.t2_blocks[1:]:
            for row in block.rows:
                for col in block.columns:
                    if col.key not in ("decisions", "items"):
                        continue
                    fid = f"t2.{row.key}.{col.key}"
                    value = self.fs.value(fid)
                    phrase = self.fs.phrase(fid).removeprefix("本年")
                    if value is not None and not value:
                        if col.key == "decisions":
                            none.append(row.label)
                    elif col.key == "decisions":  # prose, not the table's label: 作出行政许可决定36件
                        decided.append((row.key, fid, phrase if row.key == "other_mgmt_services"
                                        else phrase.replace("处理决定", "决定")))
                    else:
                        other.append(phrase)
        if not decided and not other and not none:
            return ""
        parts = []  # the figures first, then what was not decided
        style = self.pick("proactive.t2.verbs", ["joint", "each", "commas"])
        if decided and style == "each":  # 办理行政许可36件，实施行政处罚12件
            parts += [_DECISION_VERBS[key] + self.fs.quantity(fid) if key in _DECISION_VERBS else "作出" + phrase
                      for key, fid, phrase in decided]
        elif decided:
            parts.append("作出" + ("、" if style == "joint" else "，").join(phrase for _key, _fid, phrase in decided))
        parts.extend(other)
        if none:
            labels = none[0] if len(none) == 1 else "、".join(none[:-1]) + "和" + none[-1]
            parts.append(f"未作出{labels}决定")
        lead = self.pick("proactive.t2", ["{year}年，{me}{body}。", "本年度，{me}{body}。", "{me}{year}年{body}。",
                                          "{year}年度，{me}{body}。", "{me}{year}年度{body}。", "全年，{me}{body}。",
                                          "{me}全年{body}。", "{year}年度{me}{body}。"])
        return self.fill(lead, body="，".join(parts))

    def requests(self) -> str:
        """依申请公开: the office's notes on handling applications, then the figures of table 三 in words (the only
        place they are told in words; 三 leads into the table); but when a note tells how the year's applications were
        handled ("所有申请均在法定期限内答复", "上述申请均已按时答复"), the notes come after the figures, in the office's
        order: they speak of the applications the figures count."""
        notes = [self.one_application(n) for n in self.notes("on_request")]
        if not no_applications(self.report) and any(tells_handling(n, on_applications=True) for n in notes):
            figures, told = self.requests_figures(), self.on_request_notes(notes, after_figures=True)
            for all_done in _ALL_HANDLED:
                if figures.endswith(all_done) and told.startswith(("上述申请", "该件申请")):
                    # not "…该件申请已办结，无结转下年度的申请。该件申请已在法定期限内答复。": the note says it of them
                    figures = figures.removesuffix(all_done) + "无结转下年度继续办理的申请。"
            return figures + told
        return self.on_request_notes(notes) + self.requests_figures()

    def on_request_notes(self, notes: list[str], after_figures: bool = False) -> str:
        """The notes of 依申请公开 as one sentence, led in by "办理申请时，" or the like for some organs in a year with
        applications (not before "上述申请均…" or "该件申请已…", which refer back to the figures just told)."""
        if not notes:
            return ""
        body = self.joined("on_request", notes)
        intros = ["{body}"]
        refers_back = any(n.startswith(("上述", "该件")) or "上述申请" in n or "该件申请" in n for n in notes)
        if not no_applications(self.report) and not (after_figures and refers_back):
            intros += ["办理申请时，{body}", "在办理申请中，{body}", "在依申请公开办理中，{body}"]
        return self.fill(self.pick("notes.on_request", self.timeless(intros, notes[0], body)), body=body) + "。"

    def one_application(self, note: str) -> str:
        """With a single application, "收到的申请均按时答复" says 该件申请 (均 needs two or more); after a clause with a
        subject of its own, the answer is that subject's: "县政府办公室作为受理机构，所有申请均按时答复" -> "…，已按时答复
        该件申请"."""
        received = self.fs.value("t3.new_received.total")
        carried = self.fs.value("t3.carried_over.total")
        if received is None or carried is None or received + carried != 1:
            return note
        answered = _ALL_ANSWERED.search(note)
        if answered and answered.start() > 0 and note[answered.start() - 1] in "，,":
            return note[:answered.start()] + f"已{answered.group('how') or ''}{answered.group('verb')}该件申请" + note[
                answered.end():]
        return _ALL_APPLICATIONS.sub("该件申请已", note, count=1)

    def requests_figures(self) -> str:
        """The figures of table 三 in words, above the table (the only place they are told in words)."""
        fs, q = self.fs, self.fs.quantity
        natural_col = natural_person_column(self.fmt)
        new = fs.value("t3.new_received.total")
        carried = fs.value("t3.carried_over.total")
        forward = fs.value("t3.carried_forward.total")
        handled = fs.value("t3.result_total.total")
        natural, orgs = fs.value(f"t3.new_received.{natural_col.key}"), fs.value("t3.new_received.organizations")
        org_group = self.fmt.t3_org_group
        opening = self.pick("requests.open", ["{year}年，{mine}", "{year}年度，{mine}", "本年度，{mine}", "{year}年{mine}",
                                              "全年，{mine}", "{mine}{year}年", "{mine}本年度", "{year}年度{mine}",
                                              "{mine}{year}年度", "{mine}全年"])
        text = self.fill(opening)
        if new == 0:
            text += self.pick("requests.none", ["未收到政府信息公开申请", "未收到公众提出的政府信息公开申请",
                                                "没有收到政府信息公开申请", "未收到公民、法人或者其他组织提出的政府信息公开申请",
                                                "没有收到公众的政府信息公开申请"])
            text += "；" if carried else "，"
        elif natural is None or orgs is None or (natural and orgs):
            text += self.pick("requests.received", ["共收到", "新收", "共受理", "收到"]) + f"政府信息公开申请{q('t3.new_received.total')}"
            if natural is not None and orgs is not None:  # "。": the next figure is no part of this 其中
                text += self.pick("requests.applicants", [
                    "，其中{n}申请{a}件、{o}申请{b}件。", "，其中{n}申请{a}件，{o}申请{b}件。",
                    "，其中{n}提出{a}件、{o}提出{b}件。", "，其中由{n}提出的{a}件，由{o}提出的{b}件。",
                    "，其中{n}{a}件、{o}{b}件。", "，其中，{n}提出申请{a}件，{o}提出申请{b}件。",
                    "，按申请人类别分，{n}{a}件、{o}{b}件。", "，从申请人看，{n}申请{a}件，{o}申请{b}件。",
                ]).format(n=natural_col.label, a=natural, o=org_group, b=orgs)
            else:
                text += "，"
        else:
            who = natural_col.label if natural else org_group
            if new == 1:
                text += f"共收到政府信息公开申请1件，申请人为{who}，"
            else:
                text += f"共收到政府信息公开申请{new}件，均为{who}申请，"
        if carried == 0:
            if new == 0:
                text += self.pick("requests.no_carry_either", ["也无上年结转的申请。", "亦无上年结转的申请。",
                                                               "上年度也没有结转的申请。", "也没有上年结转的申请。"])
            else:
                text += self.pick("requests.no_carry", ["无上年结转的申请。", "没有上年结转的申请。", "上年度没有结转的申请。",
                                                        "上年度无结转至本年的申请。"])
        else:
            carried_options = ["上年结转{n}。", "另有上年结转的申请{n}。", "此外，上年结转{n}。"]
            if text.endswith("；"):  # after "未收到…申请；": the carried ones are part of that sentence
                carried_options = ["上年结转{n}。", "上年结转的申请有{n}。"]
            text += self.pick("requests.carried", carried_options).format(n=q("t3.carried_over.total"))
        parts, details = self.outcomes()
        if handled != 0 and (handled is None or parts):
            if len(parts) > 1 or handled is None:
                # between the results: 、 only where no result's own label has one (不补正、行政机关不再处理…); not ；,
                # after which a result ("另行制作…") would read as a new statement, no part of the 其中
                joint = "，" if any("、" in p for p in parts) else self.pick("requests.outcomes.joint", ["，", "，", "、"])
                text += self.pick("requests.handled", ["本年度办结{n}，其中{p}。", "本年度办结{n}，其中{p}。",
                                                       "本年度办结申请{n}。从办理结果看，{p}。",
                                                       "全年办结申请{n}，其中{p}。", "本年度共办结申请{n}。办理结果为：{p}。",
                                                       "办结的{n}申请中，{p}。", "本年度办结的{n}申请中，{p}。",
                                                       # the results first, the total after them
                                                       "从办理结果看，{p}，共计办结申请{n}。", "按办理结果分，{p}，共办结申请{n}。",
                                                       "本年度共办结政府信息公开申请{n}，其中{p}。",
                                                       "全年共办结申请{n}。办理结果中，{p}。",
                                                       "在办理结果上，{p}，合计办结{n}。",
                                                       ]).format(
                    n=q("t3.result_total.total"), p=joint.join(parts)) + "".join(details)
            else:
                text += self.pick("requests.one_outcome", ["经办理，{p}", "本年度办结的申请中，{p}"]).format(p=parts[0])
                text += "，" if not details else f"。{''.join(details)}"
        if forward == 0:
            if new or carried:
                text += self.pick("requests.no_forward", ["没有结转下年度继续办理的申请。", "无结转下年度继续办理的申请。",
                                                           "不存在结转下年度继续办理的申请。", "没有需要结转下年度继续办理的申请。",
                                                           *self.all_handled(new, carried, handled)])
        else:
            text += self.pick("requests.forward", ["结转下年度继续办理{n}。", "截至年底，结转下年度继续办理的申请{n}。",
                                                   "年底结转下年度继续办理的申请有{n}。", "另有结转下年度继续办理的申请{n}。"]
                              ).format(n=q("t3.carried_forward.total"))
        if text.endswith("，"):
            text = text[:-1] + "。"
        return text

    @staticmethod
    def all_handled(new: int | None, carried: int | None, handled: int | None) -> list[str]:
        """"…均已办结" when every application of the year was handled (均 for two or more, 该件 for one)."""
        total = (new or 0) + (carried or 0)
        if handled is None or handled != total or not total:
            return []
        return [_ALL_HANDLED[0] if total > 1 else _ALL_HANDLED[1]]

    def outcomes(self) -> tuple[list[str], list[str]]:
        """The non-zero results of table 三, one per group, and a sentence for each group with several reasons."""
        fs, fmt = self.fs, self.fmt
        group_keys = {label: key for key, label in fmt.t3_group_labels.items()}
        groups: dict[str, list[str]] = {}  # group fact id -> its row keys
        for row in fmt.t3_rows:
            if not row.result:
                continue
            group = group_keys.get(row.groups[-1]) if len(row.groups) > 1 else None
            groups.setdefault(f"t3.{group or row.key}.total", []).append(row.key)
        parts, details = [], []
        for fid, rows in groups.items():
            if fs.value(fid) == 0:
                continue
            nonzero = [r for r in rows if fs.value(f"t3.{r}.total") != 0]  # blanks stay, written 〔待补〕
            if len(rows) == 1 or len(nonzero) == 1:
                parts.append(fs.phrase(f"t3.{nonzero[0]}.total"))
            else:
                parts.append(fs.phrase(fid))
                listing = "、".join(fs[f"t3.{r}.total"].short_phrase for r in nonzero)
                details.append(f"{fs[fid].stem}的{fs.quantity(fid)}中，{listing}。")
        return parts, details

    def documents(self) -> str:
        """《条例》第二十条第（一）项 (table 二's first block): made, repealed, in force; zeros in words."""
        block = self.fmt.t2_blocks[0]
        sentences: list[str] = []
        topics: list[str] = []
        for row in block.rows:
            values = {c.key: self.fs.value(f"t2.{row.key}.{c.key}") for c in block.columns}
            if row.key == "rules" and not any(values.values()):
                continue  # an organ without rule-making power says nothing of 规章
            said, flows_none, stock_none = [], [], None
            for col in block.columns:
                fid = f"t2.{row.key}.{col.key}"
                if values[col.key] == 0:
                    if col.key in _STOCK_COLUMNS:
                        stock_none = _STOCK_COLUMNS[col.key]
                    else:
                        flows_none.append(_FLOW_VERBS.get(col.key, bare_label(col.label)))
                else:
                    said.append(self.fs.phrase(fid))
            # the figures first, then what did not happen ("制发…1件，现行有效…3件，未废止…")
            clauses_ = [p.removeprefix("本年") for p in said]
            wording = self.pick(f"documents.{row.key}", ["table", "issued", "in force", "both", "topic", "topic"])
            if wording == "topic" and len(said) >= 2 and not flows_none and not stock_none:
                topics.append(self.topic_sentence(row, block.columns))  # "行政规范性文件方面，…制发1件、废止1件…"
                continue
            if wording in ("issued", "both"):
                clauses_ = [c.replace("制发", self.pick("documents.verb", ["印发", "出台", "制发"]), 1)
                            if c.startswith("制发") else c for c in clauses_]
            if wording in ("in force", "both"):
                clauses_ = [c.replace("现行有效", "现行有效的", 1).replace("文件", "文件共", 1) if c.startswith("现行有效")
                            else c for c in clauses_]
            if flows_none:
                clauses_.append(f"未{'、'.join(flows_none)}{row.label}")
            if stock_none:
                clauses_.append(f"无{stock_none}的{row.label}")
            sentences.append("，".join(clauses_))
        if not sentences:
            return "".join(topics)
        lead = self.pick("management.t2", ["{year}年，{me}{body}。", "本年度，{me}{body}。", "{year}年度，{me}{body}。",
                                           "{me}{year}年{body}。", "全年，{me}{body}。", "{me}全年{body}。"])
        return self.fill(lead, body="；".join(sentences)) + "".join(topics)

    def topic_sentence(self, row: Any, columns: Sequence[Any]) -> str:
        """A row of table 二's first block with its label once, as the topic: "行政规范性文件方面，本镇2024年制发1件、
        废止1件，截至年底现行有效3件。" (every figure of the row non-zero)."""
        flows = [_FLOW_VERBS[c.key] + self.fs.quantity(f"t2.{row.key}.{c.key}") for c in columns
                 if c.key in _FLOW_VERBS]
        stock = [self.pick("documents.stock", ["截至年底", "年末", ""]) + _STOCK_COLUMNS[c.key]
                 + self.fs.quantity(f"t2.{row.key}.{c.key}") for c in columns if c.key in _STOCK_COLUMNS]
        opening = self.pick("documents.topic", ["{label}方面，{me}{year}年", "就{label}而言，{me}{year}年",
                                                "{me}的{label}，{year}年"])
        return self.fill(opening, label=row.label) + "，".join(["、".join(flows), *stock]) + "。"

    def management(self) -> str:
        """政府信息管理: the office's notes and the documents of table 二 (made, repealed, in force)."""
        notes = self.note_sentences("management", _NOTE_INTROS["management"]) or self.placeholder("notes.management")
        return self.notes_and_figures("management", notes + self.more_wanted("management"), self.documents())

    def platform(self) -> str:
        return (self.note_sentences("platform", [
            "{body}", "{year}年，{body}", "本年度，{body}", "{year}年度，{body}", "全年，{body}",
        ]) or self.placeholder("notes.platform")) + self.more_wanted("platform")

    def more_wanted(self, aspect: str) -> str:
        """The 〔待补〕 that asks for more when the office's note on an aspect is too short to report it ("" else)."""
        key = f"notes.{aspect}.more"
        return self.placeholder(key) if key in self.missing else ""

    def oversight(self) -> str:
        items = self.notes("oversight", by_sentence=is_government(self.report))
        if not is_government(self.report):
            return (self.note_sentences("oversight", ["{body}", "{year}年，{body}", "本年度，{body}"])
                    or self.placeholder("notes.oversight")) + self.more_wanted("oversight")
        # First the notes of no duty (培训, 检查 …: they open 监督保障, never between 工作考核 and 社会评议), then, in
        # the office's order, runs of notes of one duty (工作考核、社会评议、责任追究) headed by it the first time; then
        # a 〔待补〕 for each duty without a result note.
        classified: list[tuple[str | None, str]] = []
        for labelled in items:
            item, label = self.without_duty_label(labelled)
            if label and is_nothing(item):  # "责任追究：无" is a result, "社会评议：无" none (its duty keeps its 〔待补〕)
                if duty_result(labelled) != label:
                    continue
                item = f"未发生政府信息公开工作{label}情况"
            duty = duty_result(item) or (label if label and duty_result(labelled) == label else None)
            if not duty and duty_of(item) and len(item) <= 6:  # "社会评议", "开展群众评议": no result, nothing else to say
                continue  # its duty keeps its 〔待补〕
            classified.append((duty, item))
        runs: list[tuple[str | None, list[str]]] = []
        # stable, so in the office's order; a note that names a duty without its result ("委托第三方开展社会评议") stays
        # among the duties' notes
        for duty, item in sorted(classified, key=lambda pair: bool(pair[0] or duty_of(pair[1]))):
            if runs and runs[-1][0] == duty:
                runs[-1][1].append(item)
            else:
                runs.append((duty, [item]))
        out: list[str] = []
        heads = ["在{duty}方面，", "{duty}方面，", "关于{duty}，", "在{duty}上，", "就{duty}而言，"]
        headed: set[str] = set()
        used: set[str] = set()
        runs, together = self.duties_together(runs)
        for n, (duty, notes) in enumerate(runs):
            body = self.joined(f"oversight.{n}", notes)
            if body.startswith(NOTHING_HAPPENED):  # "未发生责任追究" as a sentence of its own: "本镇未发生责任追究"
                body = self.me + body
            if duty and duty not in headed and duty in body:  # the note names its duty: no head saying it again
                headed.add(duty)  # not "关于责任追究，未发生责任追究。", "在社会评议上，…开展社会评议，满意率95%。"
                out.append(body + "。")
            elif duty and duty not in headed:
                headed.add(duty)
                head = self.pick(f"oversight.{DUTY_NAMES.index(duty)}", [h for h in heads if h not in used] or heads)
                used.add(head)  # not "就工作考核而言，…。就责任追究而言，…" in one paragraph
                out.append(head.format(duty=duty) + body + "。")
            elif n == 0:
                out.append(self.fill(self.pick("oversight.general", self.timeless(
                    ["{body}。", "{year}年，{body}。", "本年度，{body}。"], notes[0], body)), body=body))
            else:
                lead = "" if starts_with_time(body) or body.startswith(tuple(self._subjects)) else self.pick(
                    f"oversight.more.{n}", ["此外，", "同时，", "另外，", ""])
                out.append(lead + body + "。")
        if together:
            out.append(together[0])
            headed |= set(together[1])
        out += [self.placeholder(f"oversight.{i}") for i, name in enumerate(DUTY_NAMES) if name not in headed]
        return "".join(out)

    def duties_together(self, runs: list[tuple[str | None, list[str]]]
                        ) -> tuple[list[tuple[str | None, list[str]]], tuple[str, list[str]] | None]:
        """For some organs, the results of two or more duties in one sentence instead of one headed sentence each:
        "在工作考核、社会评议和责任追究方面，A；B；C。" or, where every note names its duty in its own words, "A；B；C。".
        Only the last runs, each of another duty, each duty's own result (not a label the office typed): the runs left
        and (the sentence, the duties it covers), or None (one headed sentence per duty)."""
        tail: list[tuple[str | None, list[str]]] = []
        for duty, notes in reversed(runs):
            if not duty or any(d == duty for d, _n in tail) or any(duty_result(n) != duty for n in notes):
                break
            tail.insert(0, (duty, notes))
        style = self.pick("oversight.style", ["headed", "one head", "in their words"])
        if len(tail) < 2 or style == "headed":
            return runs, None
        duties = [duty for duty, _n in tail if duty]
        if tail[0][0] and tail[0][0] in tail[0][1][0]:  # the first note names its duty: no head saying it just before
            style = "in their words"  # not "在责任追究、工作考核和社会评议方面，未发生责任追究；…"
        body = "；".join(self.joined(f"oversight.together.{duty}", notes) for duty, notes in tail)
        if style == "one head":
            names = "、".join(duties[:-1]) + "和" + duties[-1]
            body = self.pick("oversight.together", ["在{names}方面，", "{names}方面，", "关于{names}，"]).format(
                names=names) + body
        elif body.startswith(NOTHING_HAPPENED):  # a sentence of its own: "我乡未发生责任追究；…"
            body = self.me + body
        return runs[:len(runs) - len(tail)], (body + "。", duties)

    @staticmethod
    def without_duty_label(note: str) -> tuple[str, str | None]:
        """A 监督保障 note without the label the office typed before it, and the duty it names: "责任追究：无" ->
        ("无", "责任追究") (the drafter heads the duty itself: not "责任追究方面，责任追究：无")."""
        found = _DUTY_LABEL.match(note)
        if not found or not note[found.end():].strip():
            return note, None
        return note[found.end():].strip(), found.group(1)

    # --- 二、三、四 ----------------------------------------------------------------------------------
    def proactive_lead(self) -> list[str]:
        """二: the lead into table 二 (its figures are told in 总体情况's 主动公开 and 政府信息管理)."""
        return [self.fill(self.pick("lead.proactive", [
            "{year}年，{me}主动公开政府信息情况如下表。",
            "{me}{year}年度主动公开政府信息的有关数据见下表。",
            "本年度{me}主动公开政府信息情况统计如下。",
            "{me}{year}年主动公开政府信息的情况统计如下表。",
            "主动公开政府信息的具体数据如下。",
            "{year}年度主动公开政府信息情况详见下表。",
            "{year}年{me}主动公开政府信息的各项统计数据见下表。",
            "{me}{year}年度主动公开政府信息的统计情况如下表。",  # no table labels here: readers take them for the table
            "{me}{year}年主动公开政府信息的统计数据列于下表。",
            "主动公开政府信息的各项数据见下表。",
            "{year}年{me}主动公开政府信息的数据统计如下表。",
            "该部分以表格形式报告，表格如下。",
            "{me}{year}年主动公开政府信息情况以表格形式列示如下。",
            "{year}年度{me}主动公开政府信息情况如下表所示。",
            "现将{me}{year}年主动公开政府信息情况列表如下。",
        ]))]

    def requests_lead(self) -> list[str]:
        """三: the lead into table 三 (its figures are told in words in 总体情况's 依申请公开)."""
        return [self.fill(self.pick("lead.requests", [
            "{year}年，{mine}收到和处理政府信息公开申请情况如下表。",
            "{mine}{year}年度收到和处理政府信息公开申请的有关数据见下表。",
            "本年度{mine}收到和处理政府信息公开申请情况统计如下。",
            "{mine}{year}年收到和处理政府信息公开申请的情况统计如下表。",
            "收到和处理政府信息公开申请的具体数据如下。",
            "{year}年度依申请公开的办理情况详见下表。",
            "下表按申请人类别列出{mine}{year}年收到和处理申请的情况。",
            "申请的收到、办理结果和结转情况见下表。",
            "{mine}{year}年依申请公开的各项数据列于下表。",
            "收到和处理政府信息公开申请的统计数据如下表。",
            "{year}年{mine}办理政府信息公开申请的情况见下表。",
            "依申请公开的数据统计如下表。",
            "该部分以表格形式报告，表格如下。",
            "{mine}{year}年收到和处理政府信息公开申请情况以表格形式列示如下。",
            "{year}年度{mine}收到和处理政府信息公开申请情况如下表所示。",
            "现将{mine}{year}年收到和处理政府信息公开申请情况列表如下。",
        ]))]

    def appeals_lead(self) -> list[str]:
        fs = self.fs
        said, none = [], []
        for verb, group, key in (("被申请", "行政复议", "t4.review"), ("被提起", "行政诉讼", "t4.suit")):
            total = fs.value(f"{key}.total")
            if total == 0:
                none.append(f"{verb}{group}")
                continue
            text = f"{verb}{group}{fs.quantity(f'{key}.total')}"
            detail = [(c.label, fs.count(f"{key}.{c.key}")) for c in self.fmt.t4_columns
                      if not c.is_total and fs.count(f"{key}.{c.key}")]
            if len(detail) == 1 and detail[0][1] == total:
                text += f"（{detail[0][0]}）"  # the only result: no "其中" repeating the total
            elif detail:
                text += f"（其中{'、'.join(f'{label}{n}件' for label, n in detail)}）"
            said.append(text)
        if not said:  # the fact in words; several equivalent sentences, so neighbouring units do not read alike
            text = self.fill(self.pick("appeals.none", _APPEALS_NONE))
        else:
            lead = self.fill(self.pick("lead.appeals", [
                "本年度，{mine}因政府信息公开工作", "{year}年，{mine}因政府信息公开工作", "{year}年，{mine}",
                "{year}年度，{mine}", "因政府信息公开工作，{year}年{mine}", "{year}年，因政府信息公开工作，{mine}"]))
            text = lead + "、".join(said)
            if none:
                text += f"，未{none[0]}"
            text += "。"
        return [text + self.pick("lead.appeals.tail", _APPEALS_TAILS)]

    # --- 五、六 ------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        """五: this year's problems, the improvement of last year's, the measures for next year, in that order."""
        now, last_year, plans = self.problems_now(), self.last_year_improved(), self.measures()
        return [now, last_year, plans]  # one order and one layout for every organ (本年 → 上年度改进 → 下一年度)

    def problems_now(self) -> str:
        out = []
        problems = [p for p in (as_own_items(n) for n in self.notes("problems")) if p]
        if not problems:
            out.append(self.placeholder("notes.problems"))
        elif len(problems) == 1 and not _ENUMERATED.match(problems[0]):  # not "主要是一是…"
            out.append(self.fill(self.pick("problems.one", untimed([
                "{year}年，{me_of}政府信息公开工作仍存在不足，主要是{body}。",
                "对照《条例》要求，{me_of}政府信息公开工作还存在不足：{body}。",
                "{me_of}政府信息公开工作仍有短板，主要表现在{body}。",
                "本年度{me_of}政府信息公开工作存在的主要问题是{body}。",
                "{me_of}政府信息公开工作的不足之处在于{body}。",
                "{year}年，{me_of}政府信息公开工作还有不足，突出表现为{body}。",
                "从全年情况看，{me_of}政府信息公开工作的主要问题是{body}。",
                "{me}在政府信息公开工作中还存在的问题是{body}。",
            ] if not self.problems_first() else [  # the problem first, then what it is to the organ
                "{body}，是{me_of}政府信息公开工作目前存在的主要问题。",
                "{body}，这是{year}年{me_of}政府信息公开工作的主要不足。",
            ], problems[0]) or ["{me_of}政府信息公开工作存在的主要问题是{body}。"]), body=problems[0]))
        else:
            # the problems first only where the drafter lists them, and then without "一是": not a paragraph that
            # opens on "一是…" and says only after the list what it is
            first = self.problems_first() and not any(_ENUMERATED.match(p) for p in problems)
            style = self.enumeration("problems")
            style = "plain" if first and style == "shi" else style
            body = enumerate_items(problems, style) if len(problems) > 1 else problems[0]
            out.append(self.fill(self.pick("problems.lead", untimed([
                "{year}年，{me_of}政府信息公开工作仍存在一些不足：{body}。",
                "对照《条例》要求，{me_of}政府信息公开工作还存在以下问题：{body}。",
                "{me_of}政府信息公开工作仍存在一些短板和不足，主要有：{body}。",
                "回顾全年工作，{me_of}政府信息公开工作还存在以下不足：{body}。",
                "{me_of}政府信息公开工作存在的问题主要有以下几个方面：{body}。",
                "总结本年度工作，{me}还存在以下问题和不足：{body}。",
                "{year}年，{me_of}政府信息公开工作虽然取得一定进展，但仍存在一些问题：{body}。",
                "{me}在政府信息公开工作中还存在以下问题：{body}。",
                "对照《条例》和上级要求，{me}的工作还有差距，主要有：{body}。",
                "{me_of}政府信息公开工作还有一些不足，主要有：{body}。",
                "{year}年，{me_of}政府信息公开工作中存在的问题主要有：{body}。",
                "查找全年工作中的不足，{me}主要存在以下问题：{body}。",
                "{me_of}政府信息公开工作与《条例》的要求相比仍有差距：{body}。",
                "工作中仍存在以下问题：{body}。",
            ] if not first else [  # the problems first, then what they are to the organ
                "{body}。以上是{me_of}政府信息公开工作目前存在的主要问题。",
                "{body}。这些是{year}年{me_of}政府信息公开工作中的主要不足。",
            ], body) or ["{me_of}政府信息公开工作存在的问题主要有：{body}。"]), body=body))
        return out[0]

    def problems_first(self) -> bool:
        """For some organs 五 opens with the problems themselves and says after them what they are."""
        return self.pick("problems.order", ["lead", "lead", "lead", "problems"]) == "problems"

    def last_year_improved(self) -> str:
        out = []
        improved = self.notes("last_year_improvements")
        if not improved and self.says_nothing("last_year_improvements"):
            out.append(self.fill(self.pick("problems.last_year.none", [
                "上年度报告未提出需要改进的问题。", "{me}上年度没有需要整改的问题。",
                "上年度报告中没有列出需要整改的问题。"])))
        elif not improved:
            out.append(self.placeholder("notes.last_year_improvements"))
        else:
            # last year by name, as the section says it: "2024年存在的…问题" -> "上年度存在的…问题"
            improved = [_LAST_YEAR.sub("上年度", n, count=1) if n.startswith(str(self.year - 1)) else n for n in improved]
            # "已整改" beside a note of what was done is that note's outcome: "…建立周报制度，已整改", not a second
            # statement of the same fix after "此外，"
            done = [n for n in improved if states_improvement(n, self._subjects)]
            outcome = [n for n in improved if n not in done] if done else []
            body = self.joined("last_year", done or improved) + "".join(f"，{n}" for n in outcome)
            options = ["针对上年度报告所列问题，{body}。", "上年度存在问题的改进情况：{body}。",
                       "对上年度报告中提出的问题，{body}。", "关于上年度问题的整改，{body}。",
                       "上年度报告所列问题的整改情况如下：{body}。"]
            if body.startswith(("针对", f"{self.me}针对")):  # the note names the problem itself
                options = ["{body}。", "在上年度问题整改方面，{body}。", "上年度问题的整改情况：{body}。",
                           "关于上年度问题的改进，{body}。"]
            elif body.startswith(("上年", "上一年")):  # …and says it is last year's: no lead saying so again
                options = ["{body}。"]
            if len(body) < _LISTED_BODY:  # not "整改情况如下：我镇已整改。"
                options = [o for o in options if "如下：" not in o] or ["{body}。"]
            out.append(self.fill(self.pick("problems.last_year", options), body=body))
            if "notes.last_year_improvements" in self.missing:  # "已整改": what was done is still to be written
                out[0] += self.placeholder("notes.last_year_improvements")
        return out[0]

    def measures(self) -> str:
        out = []
        measures = [m.removeprefix("将") for m in (as_own_items(n) for n in self.notes("measures")) if m]  # 将 once
        if not measures:
            out.append(self.placeholder("notes.measures"))
        elif len(measures) == 1 and not _ENUMERATED.match(measures[0]):
            out.append(self.fill(self.pick("problems.measure", [
                # the note's words after 将 as they are: no 着力/着重 ("将着力每季度开展一次自查"), no 起 it did not say
                "{next}年，{me}将{body}。", "针对上述问题，{me}将在{next}年{body}。", "{me}将在{next}年{body}。",
                "{next}年，{me}将把{body}作为改进工作的重点。"
                if not re.search(r"[，；]", measures[0]) else "{next}年，{me}将{body}。",
            ]), body=measures[0]))
        else:
            out.append(self.fill(self.pick("problems.measures", [
                "{next}年，{me}将重点做好以下工作：{body}。",
                "{next}年，{me}将着力抓好以下工作：{body}。",
                "{next}年，{me}将从以下方面加以改进：{body}。",
                "{next}年，{me}将从以下几个方面持续改进：{body}。",
                "针对上述问题，{next}年{me}将采取以下措施：{body}。",
                "{next}年，{me}将围绕以下几点改进工作：{body}。",
                "{next}年，{me}将着重做好以下几项工作：{body}。",
                "为解决上述问题，{me}将在{next}年采取以下措施：{body}。",
                "{next}年，{me}将从以下几方面推进政府信息公开工作：{body}。",
                "{me}将在{next}年做好以下工作：{body}。",  # not "下一步，…在{next}年": the time once
                "{next}年，{me}的改进措施主要有：{body}。",
                "针对存在的问题，{me}{next}年将着力做好以下几点：{body}。",
                "{next}年，{me}将重点抓好以下几项工作：{body}。",
                "{me}{next}年的改进措施是：{body}。",
            ]), body=enumerate_items(measures, self.enumeration("measures")) if len(measures) > 1 else measures[0]))
        return out[0]

    def other(self) -> list[str]:
        """六: the 信息处理费 (2021 on) with the fee notices of table 三, then the office's items, each led in by its kind
        (建议提案、年度工作要点、其他), or the 无 sentence."""
        fee_text = self.fee_sentence() if self.year >= FEE_FROM_YEAR else ""
        items = [self.other_item(i, n) for i, n in enumerate(self.notes("other"))]
        if "other.work_points" in self.missing:  # a county-level government's or a department's, not in the notes
            items.append(self.placeholder("other.work_points"))
        if not fee_text:
            return ["".join(items)] if items else [self.pick("other.none", ["无。", "无其他需要报告的事项。",
                                                                            "本年度无其他需要报告的事项。"])]
        if not items:  # after the fee: "除上述情况外" refers to it
            return [fee_text, self.pick("other.nothing", ["无其他需要报告的事项。", "除上述情况外，无其他需要报告的事项。",
                                                          "除信息处理费外，无其他需要报告的事项。", "此外，无其他需要报告的事项。",
                                                          "本年度没有其他需要报告的事项。"])]
        return [fee_text, "".join(items)]  # one order for every organ: the fee, then the office's items

    def other_item(self, i: int, note: str) -> str:
        kind = next((k for k, words in enumerate(_USUAL_OTHER) if any(w in note for w in words)), None)
        heads = _OTHER_HEADS[kind] if kind is not None and (kind == 0 or i) else (
            ["", "此外，", "另外，", "同时，"] if i else [""])
        head = self.pick(f"other.head.{i}", heads)
        body = self.with_subject(note)
        if head.startswith(("此外", "另外", "同时")) and body.startswith("本年度"):
            head = ""
        return head + body + "。"

    def fee_sentence(self) -> str:
        fee = self.report.other_figures.processing_fee_yuan
        if fee is None:
            return self.placeholder("fee.processing")
        if fee == 0:  # with no application, no sentence on the handling of applications ("办理…申请未收取…")
            options = [o for o in _FEE_NONE if "办理" not in o] if no_applications(self.report) else _FEE_NONE
            text = self.fill(self.pick("other.fee.none", options), measures=FEE_MEASURES)
        else:
            text = self.fill(self.pick("other.fee", _FEE_CHARGED), measures=FEE_MEASURES,
                             phrase=self.fs.phrase("fee.processing"))
        return text + self.fee_notices()

    def fee_notices(self) -> str:
        """Applications not handled because the fee notice was not paid (table 三, 2021 format), if any; their count is
        told in 三, next to table 三, not a second time here."""
        fid = "t3.oth_fee_unpaid.total"
        if fid not in self.fs or not self.fs.count(fid):
            return ""
        return self.fill(self.pick("other.fee_unpaid", [  # the count is told in 三 (each count once)
            "有申请人逾期未按收费通知要求缴纳费用的，{mine}已不再处理其申请。",
            "对逾期未按收费通知要求缴纳费用的申请人，{mine}已不再处理其申请。"]))


# After the 条例's full title at its first citation: the short name the report uses from then on, in some reports with
# the number of the 国务院令 that issued the 条例 in force since 2019 (as many real reports cite it).
_CONDITION_NOTES = ("（以下简称《条例》）", "（以下简称《条例》）", "（国务院令第711号，以下简称《条例》）")
# The labels of the contact details in brackets (the ones next year's import reads back).
_CONTACT_LABELS = {"address": ("地址", "地址", "通信地址", "联系地址"), "postcode": ("邮编", "邮编", "邮政编码"),
                   "phone": ("电话", "电话", "联系电话", "咨询电话"), "email": ("电子邮箱", "电子邮箱", "邮箱")}
# Before the notes of an aspect (none when the first note begins with a time word of its own).
_NOTE_INTROS = {
    "proactive": ("{body}", "{year}年，{body}", "{year}年度，{body}", "本年度，{body}", "全年，{body}"),
    "management": ("{body}", "{year}年，{body}", "本年度，{body}", "{year}年度，{body}"),
}
# Between two of the office's notes in one sentence (the later note keeps its words; no subject is added to it).
_CONNECTORS = ("同时，", "此外，", "另外，")
_NOTE_JOINTS = ("；", "；", "；", *(mark + c for mark in "；。" for c in _CONNECTORS), "，")
# "…均已办结" when every application of the year was handled: for two or more, for one
_ALL_HANDLED = ("本年度申请均已办结，无结转下年度的申请。", "该件申请已办结，无结转下年度的申请。")

# Section 四 when there was neither 行政复议 nor 行政诉讼, and the lead into its table: equivalent sentences (内容雷同).
_APPEALS_NONE = (
    "{year}年，{mine}未发生因政府信息公开工作被申请行政复议、被提起行政诉讼的情况。",
    "本年度，{mine}没有因政府信息公开工作被申请行政复议，也没有被提起行政诉讼。",
    "{year}年度，{mine}未因政府信息公开工作被申请行政复议或被提起行政诉讼。",
    "全年未发生以{mine}为被申请人的政府信息公开行政复议，也未发生以{mine}为被告的政府信息公开行政诉讼。",
    "本年度，公民、法人或者其他组织未就{me_of}政府信息公开工作申请行政复议或提起行政诉讼。",
    "{year}年，{mine}无政府信息公开方面的行政复议和行政诉讼。",
    "在行政复议、行政诉讼方面，{year}年{mine}未因政府信息公开工作成为被申请人或被告。",
    "{year}年度，没有申请人因{me_of}政府信息公开工作申请行政复议或提起行政诉讼。",
    "因政府信息公开工作被申请行政复议、被提起行政诉讼的情况，{mine}{year}年均未发生。",
    "{mine}{year}年无因政府信息公开工作引起的行政复议、行政诉讼案件。",
    "{year}年，{me_of}政府信息公开工作未引发行政复议和行政诉讼。",
    "本年度，{mine}没有发生因政府信息公开工作被申请行政复议或被提起行政诉讼的情况。",
)
_APPEALS_TAILS = ("详见下表。", "具体数据见下表。", "各项数据如下表。", "统计数据见下表。", "有关数据列于下表。", "")
# Section 六: the 信息处理费.
_FEE_NONE: tuple[str, ...] = (
    "本年度，{me}未收取信息处理费。", "{year}年，{me}未收取信息处理费。",
    "依据{measures}，{me}本年度未收取信息处理费。",
    "{year}年度，{me}没有收取信息处理费。", "{me}{year}年未向申请人收取信息处理费。",
    "按照{measures}，{year}年{me}未收取信息处理费。",
    "{year}年，{me}办理政府信息公开申请未收取信息处理费。",
)
_FEE_NONE = _FEE_NONE + (
    "本年度，{me}没有向申请人收取信息处理费。", "{me}在{year}年办理申请中没有收取信息处理费。",
    "全年，{me}未收取任何信息处理费。",
)
_FEE_CHARGED = (
    "本年度，{me}依据{measures}{phrase}。", "{year}年，{me}按照{measures}{phrase}。",
    "依据{measures}，{me}{year}年{phrase}。", "{year}年度，{me}{phrase}（依据{measures}）。",
)


# The label an office types before a 监督保障 note ("责任追究：无", "社会评议情况：满意率97%").
_DUTY_LABEL = lazy_compile(r"^(" + "|".join(DUTY_NAMES) + r")(?:方面|情况)?[：:]\s*")
_COUNT = lazy_compile(r"[1-9]\d*(?:件|项|条|个)")  # a count the figures tell (not a zero said in words)
# Verbs for the decisions of table 二 said one by one ("办理行政许可36件", "实施行政处罚12件").
_DECISION_VERBS = {"admin_license": "办理行政许可", "admin_penalty": "实施行政处罚"}
# Table 二 first block: the stock columns ("无现行有效的…") and the verbs of the flow columns ("未制发、废止…").
_STOCK_COLUMNS = {"in_force": "现行有效", "total_published": "对外公开"}
_FLOW_VERBS = {"issued": "制发", "repealed": "废止", "new_made": "新制作", "new_published": "新公开"}


__all__ = ["TemplateDrafter", "NAME", "ASPECT_HEADINGS", "OVERVIEW_ASPECTS", "is_program_heading", "clauses", "enumerate_items"]
