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
  下一年度措施; 六 states the 信息处理费 and the fee notices of table 三, and the usual items from the notes.

A fact the input lacks is written as 〔待补：…〕 (see :mod:`assistant.drafting.missing`); such a draft is never final.

Variety without invention: each fixed statement has several phrasings, chosen by a stable hash of the organ's name,
the year and the slot, so neighbouring units with the same notes (and one unit year on year) do not get the same
prose (内容雷同), while the same report always gives the same draft.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from assistant import __version__
from assistant.drafting.missing import (
    DUTY_NAMES,
    FEE_FROM_YEAR,
    MissingFact,
    duty_of,
    is_government,
    missing_facts,
)
from assistant.facts import FactSheet, bare_label, overview_aspect_names
from assistant.formats import load_format, section_titles
from assistant.model import Draft, Finding, Provenance, Report, Section
from assistant.numbering import cn_numeral
from assistant.organ_words import (
    SELF_WORDS,
    allowed_self_references,
    organ_unit,
    place_name,
    reporting_self_reference,
)

NAME = "template"
CONDITION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》"
ASPECT_HEADINGS = tuple(f"（{cn_numeral(i)}）{name}" for i, name in enumerate(overview_aspect_names(), 1))
PROBLEM_HEADINGS = ("存在的主要问题", "上年度问题改进情况", "下一步改进措施")  # sub-headings some reports give 五
_PROBLEM_HEADING_RE = re.compile(r"（[一二三]）(?:" + "|".join(PROBLEM_HEADINGS) + ")")


def is_program_heading(key: str, text: str) -> bool:
    """A heading the program adds itself (一、总体情况's （一）主动公开 …, 五's （一）存在的主要问题 …), not prose."""
    return (key == "overview" and text in ASPECT_HEADINGS) or (key == "problems"
                                                              and bool(_PROBLEM_HEADING_RE.fullmatch(text)))
MIN_OVERVIEW_CHARS = 600  # real township reports have 800–2000; below this the figures stay in 总体情况
_TRAILING = "。；;，,、 \t"
# A note that begins with a time word needs no other (no "2024年，2024年共发布…").
_TIME_START = re.compile(r"^(?:\d{4}年|本年|全年|今年|年内|同时|此外|上年|去年)")
# A note that begins with one of these says what happened to the work, not what the organ did: its subject is the work.
_PASSIVE_START = ("纳入", "列入", "被", "获", "受到", "得到", "荣获", "通过了")
_WORK = "政府信息公开工作"
# Items of 六 that are usual in practice (format.md §4.5), recognised in the notes to lead them in.
_USUAL_OTHER = (("建议", "提案"), ("工作要点", "要点"))


def _clean(items: Sequence[str]) -> list[str]:
    return [t for t in (item.strip().rstrip(_TRAILING) for item in items) if t]


def clauses(items: Sequence[str]) -> str:
    """Notes joined into one sentence body: trailing punctuation dropped, "；" between them."""
    return "；".join(_clean(items))


def enumerate_items(items: Sequence[str], style: str = "shi") -> str:
    """"一是A；二是B" (style "shi"), "A；B" ("plain"), "首先，A；其次，B；最后，C" ("order"); one item stays as it is."""
    parts = _clean(items)
    if len(parts) == 1:
        return parts[0]
    if style == "plain":
        return "；".join(parts)
    if style == "order" and len(parts) <= 4:
        words = {2: ("首先", "其次"), 3: ("首先", "其次", "最后"), 4: ("首先", "其次", "再次", "最后")}[len(parts)]
        return "；".join(f"{w}，{p}" for w, p in zip(words, parts, strict=True))
    return "；".join(f"{cn_numeral(i)}是{p}" for i, p in enumerate(parts, 1))


def starts_with_time(text: str) -> bool:
    return bool(_TIME_START.match(text.strip()))


class TemplateDrafter:
    """Deterministic drafter; ``feedback`` is accepted for the common protocol and not needed (nothing to repair)."""

    name = NAME

    def __init__(self, now: Callable[[], datetime] | None = None):
        self._now = now or (lambda: datetime.now(UTC))

    def draft(self, report: Report, feedback: Sequence[Finding] | None = None) -> Draft:
        from assistant.drafting.firewall import citable_report

        draft = _Writer(citable_report(report)[0]).draft()  # a note that reads as an instruction is not a fact (L2)
        draft.provenance = Provenance(drafter=NAME, version=__version__, created=self._now())
        return draft


class _Writer:
    def __init__(self, report: Report):
        self.report = report
        self.meta = report.meta
        self.year = report.meta.year
        self.fs = FactSheet(report)
        self.fmt = report.fmt
        self.me = reporting_self_reference(report.meta)
        unit = organ_unit(report.meta)
        if unit and self.me == SELF_WORDS[unit][0]:  # 我镇 or 本镇, 我局 or 本局 …: both are the organ's own word
            self.me = self.pick("self", SELF_WORDS[unit])
        self.missing: dict[str, MissingFact] = {m.key: m for m in missing_facts(report)}
        self._subjects = allowed_self_references(report.meta) | {report.meta.organ_name, place_name(report.meta)}
        if report.meta.short_name:
            self._subjects |= {report.meta.short_name}
        # Where the detailed figures of tables 二 and 三 are told: in 总体情况, or above their table (both are usual).
        self.detail_in = {t: self.pick(f"placement.{t}", ["overview", "tables"]) for t in ("t2", "t3")}
        unit = organ_unit(report.meta)
        if unit:  # "镇政府…", "全镇…", "各镇…" already name their subject
            self._subjects |= {f"{unit}政府", f"{unit}党委", f"全{unit}", f"各{unit}"}

    # --- helpers ------------------------------------------------------------------------------------
    def pick(self, slot: str, options: Sequence[str]) -> str:
        """One of equivalent phrasings, chosen by a stable hash of the organ name, the year and the slot.

        The year is in the hash too, so that an organ's report does not repeat last year's wording either.
        """
        digest = hashlib.sha256(f"{self.meta.organ_name}\x1f{self.year}\x1f{slot}".encode()).digest()
        return options[int.from_bytes(digest[:8], "big") % len(options)]

    def fill(self, template: str, **values: object) -> str:
        return template.format(year=self.year, me=self.me, organ=self.meta.organ_name, next=self.year + 1, **values)

    def placeholder(self, key: str) -> str:
        return self.missing[key].placeholder

    def with_subject(self, body: str) -> str:
        """The clause with its subject: the self-reference, or 政府信息公开工作 for a note about the work; none when it
        already names its subject or begins with a time word."""
        if body.startswith(tuple(self._subjects)) or starts_with_time(body) or body.startswith(_WORK):
            return body
        if body.startswith(_PASSIVE_START):
            return _WORK + body
        return self.me + body

    def notes(self, aspect: str) -> list[str]:
        """The notes of one aspect, in an order of their own for this organ and year.

        Notes are parallel items (what was done, what is lacking); their order carries no meaning, and units that share
        their notes would otherwise read alike item for item.
        """
        items = _clean(getattr(self.report.notes, aspect))
        return sorted(items, key=lambda item: self.rank(f"order.{aspect}", item))

    def enumeration(self, slot: str) -> str:
        return self.pick(f"enumeration.{slot}", ["shi", "shi", "order"])

    def rank(self, slot: str, item: str) -> bytes:
        return hashlib.sha256(f"{self.meta.organ_name}\x1f{self.year}\x1f{slot}\x1f{item}".encode()).digest()

    def timeless(self, options: Sequence[str], first_item: str) -> list[str]:
        """The phrasings that add no time word when the note already begins with one."""
        if not starts_with_time(first_item):
            return list(options)
        kept = [o for o in options if "{year}年" not in o and "本年度" not in o and "全年" not in o]
        return kept or [""]

    def note_sentences(self, aspect: str, intros: Sequence[str], listed: Sequence[str] = ()) -> str:
        """The notes of one aspect as one sentence (or, with two or more and for some organs, as 一是…二是…)."""
        items = self.notes(aspect)
        if not items:
            return ""
        if len(items) > 1 and listed and self.pick(f"notes.{aspect}.style", ["sentence", "list"]) == "list":
            return self.fill(self.pick(f"notes.{aspect}.listed", listed),
                             body=enumerate_items(items, self.enumeration(aspect))) + "。"
        joint = self.pick(f"notes.{aspect}.joint", ["；", "；", "；同时，", "；此外，"])  # before the last note only
        clauses_ = [self.with_subject(items[0]), *items[1:]]
        body = "；".join(clauses_[:-1]) + joint + clauses_[-1] if len(clauses_) > 1 else clauses_[0]
        intro = self.pick(f"notes.{aspect}.intro", self.timeless(intros, items[0]))
        return self.fill(intro, body=body) + "。"

    def frame(self, aspect: str) -> str:
        """An opening sentence for one aspect of 总体情况: the office's stance, stating no fact (or nothing)."""
        return self.fill(self.pick(f"frame.{aspect}", _FRAMES[aspect]))

    def framed(self, aspect: str, text: str) -> str:
        """The aspect's text with its stance sentence before it or, for some organs and years, after it."""
        if self.pick(f"frame.{aspect}.place", ["before", "before", "after"]) == "after":
            return text + self.frame(aspect)
        return self.frame(aspect) + text

    # --- the draft ----------------------------------------------------------------------------------
    def draft(self) -> Draft:
        sections = []
        writers = {"overview": self.overview, "proactive": self.proactive_lead, "requests": self.requests_lead,
                   "appeals": self.appeals_lead, "problems": self.problems, "other": self.other}
        keys = [s.key for s in load_format(self.report.table_format).sections]
        for key, title in zip(keys, section_titles(), strict=True):
            sections.append(Section(heading=title, key=key, paragraphs=writers[key]()))
        closing = [self.meta.organ_name]
        if self.meta.sign_date:
            d = self.meta.sign_date
            closing.append(f"{d.year}年{d.month}月{d.day}日")
        else:
            closing.append(self.placeholder("sign_date"))
        return Draft(title=self.meta.report_title,
                     preamble=[self.preamble()], sections=sections, closing=closing)

    def preamble(self) -> str:
        meta, fmt = self.meta, self.fmt
        compiler = meta.compiler or meta.organ_name
        basis = self.pick("preamble.cite", [
            f"{CONDITION}（以下简称《条例》）和《{fmt.basis_title}》（{fmt.basis_number}）",
            f"{CONDITION}（以下简称《条例》）及国务院办公厅政府信息与政务公开办公室印发的年度报告格式（{fmt.basis_number}）",
            f"{CONDITION}（以下简称《条例》）和{fmt.basis_number}文件",
            f"{CONDITION}（以下简称《条例》）以及政府信息公开工作年度报告统一格式（{fmt.basis_number}）",
        ])
        first = self.pick("preamble.basis", [
            f"本报告依据{basis}要求，由{compiler}编制。",
            f"本报告由{compiler}根据{basis}要求编制。",
            f"根据{basis}要求，{compiler}编制本报告。",
            f"{compiler}根据{basis}的要求，编制本报告。",
            f"按照{basis}的规定，{compiler}编制了本报告。",
        ])
        parts = [bare_label(s.title) for s in fmt.sections]
        listing = self.pick("preamble.parts", [
            f"全文包括{'，'.join(parts)}，共{cn_numeral(len(parts))}个部分。",
            f"全文由{'，'.join(parts)}{cn_numeral(len(parts))}个部分组成。",
            "",  # the list of parts is practice, not required: many reports do without it
            "",
            "",
        ])
        period = self.pick("preamble.period", [
            f"本报告所列数据的统计期限自{self.year}年1月1日起至{self.year}年12月31日止。",
            f"本报告中所列数据统计期限为{self.year}年1月1日至{self.year}年12月31日。",
            f"报告所列数据的统计时间为{self.year}年1月1日至12月31日。",
            f"报告中的统计数据，时间范围为{self.year}年1月1日至{self.year}年12月31日。",
        ])
        if "website" in self.missing:
            site = f"本报告电子版可在{self.placeholder('website')}查阅。"
        elif (meta.website or "").strip().lower().startswith(("http://", "https://", "www.")):
            site = f"本报告电子版可登录{meta.website.strip()}查阅。"  # type: ignore[union-attr]
        else:
            site = self.pick("preamble.site", ["本报告电子版可在{site}查阅。", "本报告电子版可在{site}下载。"]).format(
                site=(meta.website or "").strip())
        contact = meta.contact
        address = contact.address.strip() if contact.address else self.placeholder("contact.address")
        phone = contact.phone.strip() if contact.phone else self.placeholder("contact.phone")
        postcode = contact.postcode.strip() if contact.postcode and contact.postcode.strip() else ""
        email = contact.email.strip() if contact.email and contact.email.strip() else ""
        if self.pick("preamble.contact.style", ["brackets", "brackets", "sentence"]) == "brackets":
            items = [f"地址：{address}", *([f"邮编：{postcode}"] if postcode else []), f"电话：{phone}",
                     *([f"电子邮箱：{email}"] if email else [])]
            ask = self.pick("preamble.contact", ["如对本报告有疑问，请与", "如对本报告有任何疑问，请与", "对本报告如有疑问，请与",
                                                 "对本报告有疑问的，可与"])
            contact_text = f"{ask}{compiler}联系（{'，'.join(items)}）。"
        else:
            contact_text = (f"对本报告如有疑问，可致电{phone}，或到{address}"
                            + (f"（邮编：{postcode}）" if postcode else "") + "咨询"
                            + (f"，也可发送电子邮件至{email}" if email else "") + "。")
        middle = [listing, period, site] if self.pick("preamble.order", ["a", "b", "c"]) != "b" else [period, listing, site]
        if self.pick("preamble.order.site", ["site first", "contact first"]) == "contact first":
            middle[-1], contact_text = contact_text, middle[-1]
        return first + "".join(middle) + contact_text

    # --- 一、总体情况 ----------------------------------------------------------------------------------
    def leaders(self) -> str:
        """"中共示范县委、示范县人民政府" from the input (empty when it names neither)."""
        names = [n.strip() for n in (self.meta.parent_party, self.meta.parent_government) if n and n.strip()]
        return "、".join(names)

    def overview(self) -> list[str]:
        leaders = self.leaders()
        if leaders:
            frame = self.pick("overview.frame", [
                "{year}年，在{leaders}的坚强领导下，{organ}",
                "{year}年，{organ}在{leaders}的正确领导下，",
                "{year}年，{organ}在{leaders}的领导和指导下，",
                "在{leaders}的统一部署下，{year}年{organ}",
                "{year}年，在{leaders}的领导下，{organ}",
                "一年来，{organ}在{leaders}的坚强领导下，",
                "{organ}在{leaders}的领导下，",
                "{year}年度，{organ}按照{leaders}的部署，",
            ])
        else:
            frame = self.pick("overview.frame", ["{year}年，{organ}", "一年来，{organ}", "{year}年度，{organ}",
                                                 "本年度，{organ}"])
        stance = self.pick("overview.stance", [
            "深入贯彻落实《条例》，坚持以公开为常态、不公开为例外",
            "认真贯彻《条例》各项规定，按照上级关于政务公开工作的部署要求",
            "严格执行《条例》，坚持依法公开、真实公正、注重实效、便民利民的原则",
            "以《条例》为遵循，对照上级政务公开工作要点",
            "对照《条例》规定和上级工作要求，坚持把政务公开作为转变政府职能的重要抓手",
            "全面贯彻《条例》，把政府信息公开工作摆在重要位置",
        ])
        goal = self.pick("overview.goal", [
            "，扎实做好主动公开、依申请公开、政府信息管理、平台建设和监督保障等各项工作，保障人民群众依法获取政府信息。",
            "，稳步推进政府信息公开工作，不断提升公开质量和实效。",
            "，围绕群众关切推进政府信息公开，切实保障公众的知情权、参与权和监督权。",
            "，持续规范政府信息公开工作，推动政务公开工作提质增效。",
            "，进一步健全公开机制、丰富公开内容、拓展公开渠道，政府信息公开工作有序开展。",
        ])
        close = self.pick("overview.close", [
            "现将有关情况报告如下。", "具体情况如下。", "", "主要工作情况如下。", "",
            "全年政务公开工作坚持问题导向和需求导向，注重公开实效。",
            "全年注重把政务公开与中心工作结合起来，以公开促落实、促规范、促服务。",
            "{me}把政务公开作为密切联系群众的重要途径，列入日常工作统筹推进。",
            "全年围绕群众关心的热点问题做好信息公开，注重回应社会关切。",
        ])
        out = [self.fill(frame, leaders=leaders) + stance + goal + self.fill(close)]
        for table in ("t3", "t2"):  # a thin 总体情况 keeps the detailed figures itself
            if sum(len(p) for p in out + self.aspects()) >= MIN_OVERVIEW_CHARS:
                break
            self.detail_in[table] = "overview"
        return out + self.aspects()

    def aspects(self) -> list[str]:
        """The five aspects of 总体情况: each heading and its paragraph."""
        bodies = [self.proactive(), self.requests(), self.management(), self.platform(), self.oversight()]
        return [text for pair in zip(ASPECT_HEADINGS, bodies, strict=True) for text in pair]

    def proactive(self) -> str:
        text = self.note_sentences("proactive", [
            "{body}", "{year}年，{body}", "在主动公开方面，{body}", "具体工作中，{body}", "工作中，{body}",
            "{year}年度，{body}",
        ], ["{me}从以下方面做好主动公开工作：{body}", "主动公开方面，{me}主要做了以下工作：{body}",
            "{me}围绕以下几个方面推进主动公开：{body}"]) or self.placeholder("notes.proactive")
        text = self.framed("proactive", text)
        figures = self.decisions() if self.detail_in["t2"] == "overview" else ""
        return figures + text if self.pick("proactive.order", ["notes", "figures"]) == "figures" else text + figures

    def decisions(self, in_section: bool = False) -> str:
        """《条例》第二十条 items of table 二 other than documents: what was decided (zeros as 未作出).

        ``in_section``: written above table 二 itself (no "见第二部分", and no "第二十条", which readers of the
        finished document take for the table's caption).
        """
        said, none = [], []
        for block in self.fmt.t2_blocks[1:]:
            for row in block.rows:
                for col in block.columns:
                    if col.key not in ("decisions", "items"):
                        continue
                    fid = f"t2.{row.key}.{col.key}"
                    value = self.fs.value(fid)
                    if value is None or value:
                        said.append(self.fs.phrase(fid))
                    elif col.key == "decisions":
                        none.append(row.label)
        if not said and not none:
            return ""
        parts = []
        if said:
            said = [said[0], *(p.removeprefix("本年") for p in said[1:])]
            parts.append("，".join(said))
        if none:
            parts.append(f"未作出{'、'.join(none)}决定")
        lead = self.pick("proactive.t2", [
            "按照《条例》第二十条规定，{body}，具体数据见第二部分。",
            "《条例》第二十条所列事项中，{body}，详见第二部分。",
            "从第二部分的统计看，{body}。",
            "对照《条例》第二十条，{body}，有关数据见第二部分。",
        ] if not in_section else ["{body}。", "此外，{body}。"])
        return lead.format(body="；".join(parts))

    def requests(self) -> str:
        """依申请公开 from table 三: received (by applicant type), carried over, results, carried forward.

        A breakdown introduced by 其中 always closes its sentence, so that no later figure reads as one of its parts;
        a group with several reasons gets a sentence of its own ("无法提供的3件中，本机关不掌握相关政府信息2件、…").
        A blank cell is written 〔待补〕, never read as 0; a zero is said in words (未收到, 无上年结转).
        """
        text = self.requests_figures(brief=self.detail_in["t3"] == "tables")
        notes = self.notes("on_request")
        if notes:
            body = "；".join([self.with_subject(notes[0]), *notes[1:]])
            intro = self.pick("notes.on_request", self.timeless(["{body}", "同时，{body}", "在办理过程中，{body}",
                                                                 "办理中，{body}"], notes[0]))
            text += self.fill(intro, body=body) + "。"
        return self.framed("requests", text)

    def requests_figures(self, brief: bool) -> str:
        """The figures of table 三 in words; ``brief``: the totals only (the detail is told above table 三)."""
        fs, q = self.fs, self.fs.quantity
        natural_col = next(c for c in self.fmt.t3_columns if not c.group and not c.is_total)
        new = fs.value("t3.new_received.total")
        carried = fs.value("t3.carried_over.total")
        forward = fs.value("t3.carried_forward.total")
        handled = fs.value("t3.result_total.total")
        natural, orgs = fs.value(f"t3.new_received.{natural_col.key}"), fs.value("t3.new_received.organizations")
        org_group = self.fmt.t3_org_group
        opening = self.pick("requests.open", ["{year}年，{me}", "{year}年度，{me}", "本年度，{me}", "{year}年{me}"])
        text = self.fill(opening)
        if brief and new != 0:
            text += f"共收到政府信息公开申请{q('t3.new_received.total')}，"
        elif new == 0:
            text += self.pick("requests.none", ["未收到政府信息公开申请", "未收到公众提出的政府信息公开申请",
                                                "没有收到政府信息公开申请"])
            text += "；" if carried else "，"
        elif natural is None or orgs is None or (natural and orgs):
            text += self.pick("requests.received", ["共收到", "新收", "共受理", "全年共收到"]) + f"政府信息公开申请{q('t3.new_received.total')}"
            if natural is not None and orgs is not None:  # "。": the next figure is no part of this 其中
                text += self.pick("requests.applicants", [
                    "，其中{n}申请{a}件、{o}申请{b}件。", "，其中{n}申请{a}件，{o}申请{b}件。",
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
                text += self.pick("requests.no_carry_either", ["也无上年结转的申请。", "亦无上年结转的申请。"])
            else:
                text += self.pick("requests.no_carry", ["无上年结转的申请。", "没有上年结转的申请。"])
        else:
            text += f"上年结转{q('t3.carried_over.total')}。"
        parts, details = self.outcomes()
        if brief and handled != 0:
            text += self.pick("requests.brief", ["本年度办结申请{n}，办理结果详见第三部分。", "本年度办结申请{n}，具体办理结果见第三部分。",
                                                 "本年度办结申请{n}（办理结果见第三部分）。"]).format(n=q("t3.result_total.total"))
        elif handled != 0 and (handled is None or parts):
            if len(parts) > 1 or handled is None:
                text += self.pick("requests.handled", ["本年度办结{n}，其中{p}。", "本年度办结{n}，其中{p}。",
                                                       "本年度办结申请{n}。从办理结果看，{p}。"]).format(
                    n=q("t3.result_total.total"), p="，".join(parts)) + "".join(details)
            else:
                text += self.pick("requests.one_outcome", ["经办理，{p}", "{p}"]).format(p=parts[0])
                text += "，" if not details else f"。{''.join(details)}"
        if forward == 0:
            if new or carried:
                text += self.pick("requests.no_forward", ["没有结转下年度继续办理的申请。", "无结转下年度继续办理的申请。",
                                                           "不存在结转下年度继续办理的申请。"])
        else:
            text += f"结转下年度继续办理{q('t3.carried_forward.total')}。"
        if text.endswith("，"):
            text = text[:-1] + "。"
        return text

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
        sentences = []
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
            clauses_ = []
            if flows_none:
                clauses_.append(f"本年度未{'、'.join(flows_none)}{row.label}")
            if said:
                shown = [said[0] if not flows_none else said[0].removeprefix("本年"),
                         *(p.removeprefix("本年") for p in said[1:])]
                clauses_.append("，".join(shown))
            if stock_none:
                clauses_.append(f"无{stock_none}的{row.label}")
            sentences.append("，".join(clauses_))
        if not sentences:
            return ""
        lead = self.pick("management.t2", ["{me}{body}。", "从文件制发情况看，{me}{body}。", "文件管理方面，{me}{body}。"])
        return self.fill(lead, body="；".join(sentences))

    def management(self) -> str:
        text = self.note_sentences("management", [
            "{body}", "在政府信息管理方面，{body}", "{year}年，{body}", "为规范政府信息管理，{body}",
            "为保证发布信息的规范和准确，{body}", "具体工作中，{body}",
        ], ["{me}从以下方面加强政府信息管理：{body}", "政府信息管理方面，{me}重点抓了以下工作：{body}"]) \
            or self.placeholder("notes.management")
        text = self.framed("management", text)
        figures = self.documents() if self.detail_in["t2"] == "overview" else ""
        return figures + text if self.pick("management.order", ["notes", "figures"]) == "figures" else text + figures

    def platform(self) -> str:
        return self.framed("platform", self.note_sentences("platform", [
            "{body}", "在平台建设方面，{body}", "{year}年，{body}", "为拓宽公开渠道，{body}",
            "具体工作中，{body}", "为方便群众获取政府信息，{body}",
        ], ["{me}从以下方面加强政府信息公开平台建设：{body}", "平台建设方面，{me}主要做了以下工作：{body}"])
            or self.placeholder("notes.platform"))

    def oversight(self) -> str:
        items = self.notes("oversight")
        if not is_government(self.report):
            return self.frame("oversight") + self.note_sentences("oversight", [
                "{body}", "在监督保障方面，{body}", "为强化监督保障，{body}", "{year}年，{body}",
            ], ["{me}从以下方面强化监督保障：{body}", "监督保障方面，{me}主要做了以下工作：{body}"]) \
                or self.placeholder("notes.oversight")
        by_duty: dict[str, list[str]] = {name: [] for name in DUTY_NAMES}
        general: list[str] = []
        for item in items:
            duty = duty_of(item)
            (by_duty[duty] if duty else general).append(item)
        out = [self.frame("oversight")]
        general_first = self.pick("oversight.order", ["general first", "duties first"]) == "general first"
        general_text = ""
        if general:
            body = "；".join([self.with_subject(general[0]), *general[1:]])
            intro = self.pick("oversight.general", self.timeless(
                ["{body}。", "在监督保障方面，{body}。", "为强化监督保障，{body}。", "{year}年，{body}。"], general[0]))
            general_text = self.fill(intro, body=body)
            if general_first:
                out.append(general_text)
        heads = ["在{duty}方面，", "{duty}方面，", "关于{duty}，", "{duty}：", "{duty}情况，"]
        order = sorted(range(len(DUTY_NAMES)), key=lambda i: self.rank("order.duties", DUTY_NAMES[i]))
        for i in order:
            name = DUTY_NAMES[i]
            notes = by_duty[name]
            if not notes:
                out.append(self.placeholder(f"oversight.{i}"))
                continue
            body = "；".join([self.with_subject(notes[0]), *notes[1:]])
            out.append(self.pick(f"oversight.{i}", heads).format(duty=name) + body + "。")
        if general and not general_first:
            out.append(general_text.replace("在监督保障方面，", "此外，", 1))
        return "".join(out)

    # --- 二、三、四 ----------------------------------------------------------------------------------
    def proactive_lead(self) -> list[str]:
        figures = self.documents() + self.decisions(in_section=True) if self.detail_in["t2"] == "tables" else ""
        return [figures + self.fill(self.pick("lead.proactive", [
            "{year}年，{me}主动公开政府信息情况如下表。",
            "{me}{year}年度主动公开政府信息的有关数据见下表。",
            "本年度{me}主动公开政府信息情况统计如下。",
            "{me}{year}年主动公开政府信息的情况统计如下表。",
            "主动公开政府信息的具体数据如下。",
            "{year}年度主动公开政府信息情况详见下表。",
        ]))]

    def requests_lead(self) -> list[str]:
        figures = self.requests_figures(brief=False) if self.detail_in["t3"] == "tables" else ""
        return [figures + self.fill(self.pick("lead.requests", [
            "{year}年，{me}收到和处理政府信息公开申请情况如下表。",
            "{me}{year}年度收到和处理政府信息公开申请的有关数据见下表。",
            "本年度{me}收到和处理政府信息公开申请情况统计如下。",
            "{me}{year}年收到和处理政府信息公开申请的情况统计如下表。",
            "收到和处理政府信息公开申请的具体数据如下。",
            "{year}年度依申请公开的办理情况详见下表。",
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
        lead = self.fill(self.pick("lead.appeals", ["本年度，{me}因政府信息公开工作", "{year}年，{me}因政府信息公开工作",
                                                     "{year}年，{me}", "全年{me}", "{year}年度{me}"]))
        if not said:
            body = self.pick("appeals.none", [
                "未发生因政府信息公开工作被申请行政复议、被提起行政诉讼的情况",
                "{year}年，{me}未因政府信息公开工作被申请行政复议或被提起行政诉讼",
                "本年度，{me}没有因政府信息公开工作被申请行政复议、被提起行政诉讼的情况",
            ])
            text = self.fill(body if not body.startswith("未") else "本年度，{me}" + body)
        else:
            text = lead + "、".join(said)
            if none:
                text += f"，未{none[0]}"
        tail = self.pick("lead.appeals.tail", ["，具体情况如下表。", "，有关数据见下表。", "，详见下表。"])
        return [text + tail]

    # --- 五、六 ------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        now, last_year, plans = self.problems_now(), self.last_year_improved(), self.measures()
        parts = [(PROBLEM_HEADINGS[0], now), (PROBLEM_HEADINGS[1], last_year), (PROBLEM_HEADINGS[2], plans)]
        if self.pick("problems.order", ["now first", "last year first"]) == "last year first":
            parts = [parts[1], parts[0], parts[2]]
        if self.pick("problems.headings", ["plain", "headed"]) == "plain":
            return [text for _heading, text in parts]
        return [f"（{cn_numeral(i)}）{heading}" if j == 0 else text
                for i, (heading, text) in enumerate(parts, 1) for j in (0, 1)]

    def problems_now(self) -> str:
        out = []
        problems = self.notes("problems")
        if not problems:
            out.append(self.placeholder("notes.problems"))
        elif len(problems) == 1:
            out.append(self.fill(self.pick("problems.one", [
                "{year}年，{me}政府信息公开工作取得了一定成效，但仍存在不足，主要是{body}。",
                "对照《条例》要求和群众期待，{me}政府信息公开工作还存在不足：{body}。",
                "{me}政府信息公开工作仍有短板，主要表现在{body}。",
            ]), body=problems[0]))
        else:
            out.append(self.fill(self.pick("problems.lead", [
                "{year}年，{me}政府信息公开工作取得了一定成效，但仍存在一些不足：{body}。",
                "对照《条例》要求和群众期待，{me}政府信息公开工作还存在以下问题：{body}。",
                "{me}政府信息公开工作仍存在一些短板和不足，主要是：{body}。",
                "回顾全年工作，{me}政府信息公开工作还存在以下不足：{body}。",
                "{me}的政府信息公开工作与群众的期盼相比还有差距，主要有以下几个方面：{body}。",
                "总结本年度工作，{me}还存在以下问题和不足：{body}。",
            ]), body=enumerate_items(problems, self.enumeration("problems"))))
        return out[0]

    def last_year_improved(self) -> str:
        out = []
        improved = self.notes("last_year_improvements")
        if not improved:
            out.append(self.placeholder("notes.last_year_improvements"))
        else:
            body = "；".join([self.with_subject(improved[0]), *improved[1:]])
            options = ["针对上年度报告所列问题，{body}。", "上年度存在问题的改进情况：{body}。",
                       "对上年度报告中提出的问题，{body}。"]
            if body.startswith(("针对", f"{self.me}针对")):  # the note names the problem itself
                options = ["{body}。", "在上年度问题整改方面，{body}。"]
            out.append(self.fill(self.pick("problems.last_year", options), body=body))
        return out[0]

    def measures(self) -> str:
        out = []
        measures = self.notes("measures")
        if not measures:
            out.append(self.placeholder("notes.measures"))
        elif len(measures) == 1:
            out.append(self.fill(self.pick("problems.measure", [
                "{next}年，{me}将{body}。", "{next}年，{me}将着重{body}。", "{next}年，{me}将着力{body}。",
            ]), body=measures[0]))
        else:
            out.append(self.fill(self.pick("problems.measures", [
                "{next}年，{me}将重点做好以下工作：{body}。",
                "{next}年，{me}将着力抓好以下工作：{body}。",
                "{next}年，{me}将从以下方面加以改进：{body}。",
                "{next}年，{me}将从以下几个方面持续改进：{body}。",
                "针对上述问题，{next}年{me}将采取以下措施：{body}。",
                "{next}年，{me}将围绕以下几点改进工作：{body}。",
            ]), body=enumerate_items(measures, self.enumeration("measures"))))
        return out[0]

    def other(self) -> list[str]:
        out = []
        if self.year >= FEE_FROM_YEAR:
            fee = self.report.other_figures.processing_fee_yuan
            if fee is None:
                out.append(self.placeholder("fee.processing"))
            else:
                if fee == 0:
                    text = self.fill(self.pick("other.fee.none", [
                        "本年度，{me}未收取信息处理费。", "{year}年，{me}未收取政府信息公开信息处理费。",
                        "本年度{me}无收取信息处理费的情况。", "依据{measures}，{me}本年度未收取信息处理费。",
                        "{year}年度，{me}没有收取政府信息公开信息处理费。",
                    ]), measures=FEE_MEASURES)
                else:
                    text = self.fill(self.pick("other.fee", [
                        "本年度，{me}依据{measures}{phrase}。",
                        "{year}年，{me}按照{measures}{phrase}。",
                    ]), measures=FEE_MEASURES, phrase=self.fs.phrase("fee.processing"))
                text += self.fee_notices()
                out.append(text)
        notes = self.notes("other")
        if notes:
            usual = [n for n in notes if any(w in n for words in _USUAL_OTHER for w in words)]
            rest = [n for n in notes if n not in usual]
            body = "；".join([self.with_subject((usual + rest)[0]), *(usual + rest)[1:]])
            intro = self.pick("other.notes", self.timeless(["{body}。", "此外，{body}。", "{year}年，{body}。",
                                                            "另外，{body}。", "本年度，{body}。", "同时，{body}。"],
                                                           (usual + rest)[0]))
            out.append(self.fill(intro, body=body))
        elif out:
            out.append(self.pick("other.nothing", ["无其他需要报告的事项。", "除上述情况外，无其他需要报告的事项。"]))
        return out or ["无。"]

    def fee_notices(self) -> str:
        """Applications not handled because the fee notice was not paid (table 三, 2021 format), if any."""
        fid = "t3.oth_fee_unpaid.total"
        if fid not in self.fs or not self.fs.count(fid):
            return ""
        return f"因申请人逾期未按收费通知要求缴纳费用、不再处理其政府信息公开申请的有{self.fs.quantity(fid)}。"


# Opening sentences of the aspects of 总体情况: the office's stance in general words, never a fact ("" = none).
_FRAMES: dict[str, tuple[str, ...]] = {
    "proactive": (
        "{me}坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。",
        "{me}把主动公开作为政务公开工作的基础，注重及时、准确地向社会公开政府信息。",
        "围绕群众关心关注的事项，{me}注重丰富公开内容、规范公开方式。",
        "{me}按照“应公开、尽公开”的要求做好主动公开工作。",
        "主动公开是保障群众知情权的重要途径，{me}对此高度重视。",
        "{me}注重把群众关注度高的信息作为公开重点。",
        "按照公开为常态、不公开为例外的原则，{me}扎实推进主动公开。",
        "{me}注重提高主动公开的及时性和规范性。",
        "{me}把群众需要作为主动公开的出发点，注重公开实效。",
        "做好主动公开，是{me}政务公开工作的基本任务。",
        "{me}注重主动公开与日常工作同步推进。",
    ),
    "requests": (
        "依申请公开是公众获取政府信息的重要渠道，{me}注重保障申请人依法获取政府信息的权利。",
        "{me}重视依申请公开工作，注重规范受理、办理和答复各环节。",
        "依申请公开方面，{me}注重保障公众依法获取政府信息的权利。",
        "{me}把依申请公开作为回应群众需求的重要方式。",
        "对群众提出的政府信息公开申请，{me}高度重视。",
        "{me}注重依申请公开的规范办理和答复说理。",
        "依申请公开工作关系群众切身利益，{me}对此认真对待。",
        "{me}重视每一件政府信息公开申请。",
        "",
    ),
    "management": (
        "{me}注重规范政府信息管理，把好信息发布关口。",
        "政府信息管理是做好公开工作的基础，{me}对此常抓不懈。",
        "{me}重视政府信息的规范管理。",
        "为确保公开的信息准确、规范，{me}注重加强政府信息管理。",
        "{me}把规范管理作为做好信息公开的前提。",
        "{me}注重从源头上规范政府信息的产生、审核和发布。",
        "规范管理是公开质量的保障，{me}在这方面下了功夫。",
        "{me}把信息的准确和安全放在重要位置。",
    ),
    "platform": (
        "政府信息公开平台是群众获取政府信息的主要渠道，{me}注重平台的建设和维护。",
        "{me}注重发挥各类公开平台的作用，方便群众查阅政府信息。",
        "{me}重视公开平台建设，注重线上线下渠道相互补充。",
        "公开平台是政务公开的重要载体，{me}注重用好管好各类平台。",
        "为方便群众查询，{me}注重拓展公开渠道。",
        "{me}注重平台信息的及时更新和日常维护。",
        "用好公开平台，是{me}方便群众知情的重要手段。",
        "{me}注重各类平台之间的衔接和互补。",
    ),
    "oversight": (
        "{me}注重以监督促公开，推动政府信息公开各项工作落到实处。",
        "监督保障是推动政务公开工作落实的重要手段，{me}对此高度重视。",
        "{me}重视政务公开工作的监督和保障。",
        "为确保各项公开要求落实到位，{me}注重加强监督。",
        "{me}注重发挥群众监督和内部监督的作用。",
        "{me}注重通过制度建设推动公开责任落实。",
        "为保障政务公开工作持续开展，{me}注重完善监督机制。",
        "{me}把监督作为推动政务公开落实的重要抓手。",
    ),
}

# Table 二 first block: the stock columns ("无现行有效的…") and the verbs of the flow columns ("未制发、废止…").
_STOCK_COLUMNS = {"in_force": "现行有效", "total_published": "对外公开"}
_FLOW_VERBS = {"issued": "制发", "repealed": "废止", "new_made": "新制作", "new_published": "新公开"}


__all__ = ["TemplateDrafter", "NAME", "ASPECT_HEADINGS", "is_program_heading", "clauses", "enumerate_items"]
