"""The offline default drafter: the whole narrative from the figures and the staff's notes, deterministically.

Every figure is written through the FactSheet's phrasing, so the wording is the one the claim rules read back.
Sentences that say the same thing in different official-register words are chosen by a stable hash of the organ's
name, so neighbouring townships with the same figures do not get identical prose (内容雷同), while the same report
always gives the same draft. A fact the input lacks is written as 〔待补：…〕 (see :mod:`assistant.drafting.missing`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from assistant import __version__
from assistant.drafting.missing import FEE_FROM_YEAR, MissingFact, is_government, missing_facts
from assistant.facts import FactSheet, bare_label
from assistant.formats import load_format, section_titles
from assistant.model import Draft, Finding, Provenance, Report, Section
from assistant.organ_words import allowed_self_references, organ_unit, self_reference

NAME = "template"
CONDITION = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》"
ASPECT_HEADINGS = ("（一）主动公开", "（二）依申请公开", "（三）政府信息管理", "（四）政府信息公开平台建设", "（五）监督保障")
_CN_DIGITS = "零一二三四五六七八九"
_TRAILING = "。；;，,、 \t"


def cn_ordinal(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (for 一是、二是 …)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def clauses(items: Sequence[str]) -> str:
    """Notes joined into one sentence body: trailing punctuation dropped, "；" between them."""
    return "；".join(t for t in (item.strip().rstrip(_TRAILING) for item in items) if t)


def enumerate_items(items: Sequence[str]) -> str:
    """"一是A；二是B" (a single item stays as it is)."""
    parts = [t for t in (item.strip().rstrip(_TRAILING) for item in items) if t]
    if len(parts) == 1:
        return parts[0]
    return "；".join(f"{cn_ordinal(i)}是{p}" for i, p in enumerate(parts, 1))


class TemplateDrafter:
    """Deterministic drafter; ``feedback`` is accepted for the common protocol and not needed (nothing to repair)."""

    name = NAME

    def __init__(self, now: Callable[[], datetime] | None = None):
        self._now = now or (lambda: datetime.now(UTC))

    def draft(self, report: Report, feedback: Sequence[Finding] | None = None) -> Draft:
        draft = _Writer(report).draft()
        draft.provenance = Provenance(drafter=NAME, version=__version__, created=self._now())
        return draft


class _Writer:
    def __init__(self, report: Report):
        self.report = report
        self.meta = report.meta
        self.year = report.meta.year
        self.fs = FactSheet(report)
        self.fmt = report.fmt
        self.me = self_reference(report.meta)
        self.missing: dict[str, MissingFact] = {m.key: m for m in missing_facts(report)}
        self._subjects = allowed_self_references(report.meta) | {report.meta.organ_name}
        if report.meta.short_name:
            self._subjects |= {report.meta.short_name}
        unit = organ_unit(report.meta)
        if unit:  # "镇政府…", "全镇…" already name the organ
            self._subjects |= {unit, f"全{unit}"}

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
        """Prefix the self-reference unless the clause already names its subject or a time."""
        if body.startswith(tuple(self._subjects)) or re.match(r"^(\d{4}年|本年|全年|同时|此外)", body):
            return body
        return self.me + body

    def notes(self, aspect: str) -> list[str]:
        items: list[str] = getattr(self.report.notes, aspect)
        return [t for t in (i.strip() for i in items) if t.rstrip(_TRAILING)]

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
        return Draft(title=self.meta.report_title,
                     preamble=[self.preamble()], sections=sections, closing=closing)

    def preamble(self) -> str:
        meta, fmt = self.meta, self.fmt
        compiler = meta.compiler or meta.organ_name
        basis = f"{CONDITION}（以下简称《条例》）和《{fmt.basis_title}》（{fmt.basis_number}）"
        first = self.pick("preamble.basis", [
            f"本报告依据{basis}要求，由{compiler}编制。",
            f"本报告由{compiler}根据{basis}要求编制。",
        ])
        parts = [bare_label(s.title) for s in fmt.sections]
        listing = self.pick("preamble.parts", [
            f"全文包括{'，'.join(parts)}，共{cn_ordinal(len(parts))}个部分。",
            f"全文由{'，'.join(parts)}{cn_ordinal(len(parts))}个部分组成。",
        ])
        period = f"本报告所列数据的统计期限自{self.year}年1月1日起至{self.year}年12月31日止。"
        if "website" in self.missing:
            site = f"本报告电子版可在{self.placeholder('website')}查阅。"
        elif (meta.website or "").strip().lower().startswith(("http://", "https://", "www.")):
            site = f"本报告电子版可登录{meta.website.strip()}查阅。"  # type: ignore[union-attr]
        else:
            site = f"本报告电子版可在{(meta.website or '').strip()}查阅。"
        contact = meta.contact
        items = [
            f"地址：{contact.address.strip() if contact.address else self.placeholder('contact.address')}",
            *([f"邮编：{contact.postcode.strip()}"] if contact.postcode and contact.postcode.strip() else []),
            f"电话：{contact.phone.strip() if contact.phone else self.placeholder('contact.phone')}",
            *([f"电子邮箱：{contact.email.strip()}"] if contact.email and contact.email.strip() else []),
        ]
        ask = self.pick("preamble.contact", ["如对本报告有疑问，请与", "如对本报告有任何疑问，请与"])
        return f"{first}{listing}{period}{site}{ask}{compiler}联系（{'，'.join(items)}）。"

    # --- 一、总体情况 ----------------------------------------------------------------------------------
    def overview(self) -> list[str]:
        lead = self.pick("overview.lead", [
            "{year}年，{organ}深入贯彻落实《条例》，坚持以公开为常态、不公开为例外，扎实做好政府信息公开各项工作。",
            "{year}年，{organ}认真贯彻《条例》各项规定，按照上级关于政务公开工作的部署要求，稳步推进政府信息公开工作。",
            "{year}年，{organ}严格执行《条例》，围绕主动公开、依申请公开、政府信息管理、平台建设和监督保障等方面，"
            "持续推进政府信息公开工作。",
            "{year}年，{organ}以《条例》为遵循，进一步规范政府信息公开工作，不断提升公开质量和实效。",
            "{year}年，{organ}对照《条例》规定和上级工作要求，扎实推进政府信息公开各项工作，保障公众依法获取政府信息。",
            "{year}年，{organ}坚持依法公开、真实公正、注重实效、便民利民，认真落实《条例》各项要求。",
        ])
        out = [self.fill(lead)]
        bodies = [self.proactive(), self.requests(), self.management(), self.platform(), self.oversight()]
        for heading, body in zip(ASPECT_HEADINGS, bodies, strict=True):
            out.append(heading)
            out.append(body)
        return out

    def aspect_notes(self, aspect: str, slot_options: Sequence[str], listed: str = "") -> str:
        """The notes of one aspect as a sentence (or, for some organs, as a list 一是…二是…), or its 〔待补〕."""
        items = self.notes(aspect)
        if not items:
            return self.placeholder(f"notes.{aspect}")
        if listed and len(items) > 1 and self.pick(f"notes.{aspect}.style", ["sentence", "list"]) == "list":
            return self.fill(listed, body=enumerate_items(items)) + "。"
        body = self.with_subject(clauses(items))
        return self.fill(self.pick(f"notes.{aspect}", slot_options), body=body) + "。"

    def enumerated_notes(self, aspect: str, slot: str, slot_options: Sequence[str]) -> str:
        """The notes of one aspect enumerated (一是…；二是…) in one of the phrasings, or its 〔待补〕."""
        items = self.notes(aspect)
        if not items:
            return self.placeholder(f"notes.{aspect}")
        return self.fill(self.pick(slot, slot_options), body=enumerate_items(items))

    def proactive(self) -> str:
        text = self.aspect_notes("proactive", ["{year}年，{body}", "本年度，{body}", "{body}"],
                                 "{me}从以下方面做好主动公开工作：{body}")
        decisions = [
            self.fs.phrase(f"t2.{row.key}.{col.key}")
            for block in self.fmt.t2_blocks[1:] for row in block.rows for col in block.columns
            if col.key in ("decisions", "items") and self.fs.count(f"t2.{row.key}.{col.key}")
        ]
        if decisions:
            text += self.pick("proactive.t2", [
                f"按照《条例》第二十条规定，{'，'.join(decisions)}，具体数据见第二部分。",
                f"《条例》第二十条所列事项中，{'，'.join(decisions)}，详见第二部分。",
            ])
        return text

    def requests(self) -> str:
        """依申请公开 from table 三: received (by applicant type), carried over, results, carried forward.

        A breakdown introduced by 其中 always closes its sentence, so that no later figure reads as one of its parts;
        a group with several reasons gets a sentence of its own ("无法提供的3件中，本机关不掌握相关政府信息2件、…").
        """
        fs, q = self.fs, self.fs.quantity  # a blank cell is written 〔待补〕, never read as 0
        natural_col = next(c for c in self.fmt.t3_columns if not c.group and not c.is_total)
        new = fs.value("t3.new_received.total")
        natural, orgs = fs.value(f"t3.new_received.{natural_col.key}"), fs.value("t3.new_received.organizations")
        org_group = self.fmt.t3_org_group
        text = self.fill("{year}年，{me}")
        if new == 0:
            text += "未收到政府信息公开申请，"
        elif natural is None or orgs is None or (natural and orgs):
            text += f"共收到政府信息公开申请{q('t3.new_received.total')}，"
            if natural is not None and orgs is not None:  # "。": the next figure is no part of this 其中
                text = text[:-1] + f"，其中{natural_col.label}申请{natural}件、{org_group}申请{orgs}件。"
        else:
            text += f"共收到政府信息公开申请{new}件，均为{natural_col.label if natural else org_group}申请，"
        text += f"上年结转{q('t3.carried_over.total')}"
        parts, details = self.outcomes()
        if len(parts) > 1:
            text += f"，本年度办结{q('t3.result_total.total')}，其中{'，'.join(parts)}。{''.join(details)}"
        else:
            text += "；" + "".join(f"{p}，" for p in parts)
        text += f"结转下年度继续办理{q('t3.carried_forward.total')}。" + ("" if len(parts) > 1 else "".join(details))
        notes = self.notes("on_request")
        if notes:
            text += self.fill(self.pick("notes.on_request", ["{body}", "同时，{body}", "在办理过程中，{body}"]),
                              body=self.with_subject(clauses(notes))) + "。"
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

    def management(self) -> str:
        text = self.aspect_notes("management", ["{body}", "在政府信息管理方面，{body}", "{year}年，{body}"],
                                 "{me}从以下方面加强政府信息管理：{body}")
        block = self.fmt.t2_blocks[0]
        phrases = [self.fs.phrase(f"t2.{row.key}.{col.key}") for row in block.rows for col in block.columns
                   if row.key != "rules" or any(self.fs.count(f"t2.rules.{c.key}") for c in block.columns)]
        return text + self.me + "，".join(phrases) + "。"

    def platform(self) -> str:
        return self.aspect_notes("platform", ["{body}", "在平台建设方面，{body}", "{year}年，{body}"],
                                 "{me}从以下方面加强政府信息公开平台建设：{body}")

    def oversight(self) -> str:
        if is_government(self.report):
            options = ["在工作考核、社会评议和责任追究方面，{body}", "关于工作考核、社会评议和责任追究结果情况，{body}"]
            listed = "在工作考核、社会评议和责任追究方面，{me}主要做了以下工作：{body}"
        else:
            options = ["{body}", "在监督保障方面，{body}"]
            listed = "{me}从以下方面强化监督保障：{body}"
        return self.aspect_notes("oversight", options, listed)

    # --- 二、三、四 ----------------------------------------------------------------------------------
    def proactive_lead(self) -> list[str]:
        return [self.fill(self.pick("lead.proactive", [
            "{year}年，{me}主动公开政府信息情况如下表。",
            "{me}{year}年度主动公开政府信息的有关数据见下表。",
            "本年度{me}主动公开政府信息情况统计如下。",
        ]))]

    def requests_lead(self) -> list[str]:
        return [self.fill(self.pick("lead.requests", [
            "{year}年，{me}收到和处理政府信息公开申请情况如下表。",
            "{me}{year}年度收到和处理政府信息公开申请的有关数据见下表。",
            "本年度{me}收到和处理政府信息公开申请情况统计如下。",
        ]))]

    def appeals_lead(self) -> list[str]:
        fs = self.fs
        parts = []
        for verb, group, key in (("被申请", "行政复议", "t4.review"), ("被提起", "行政诉讼", "t4.suit")):
            total = fs.count(f"{key}.total")
            text = f"{verb}{group}{fs.quantity(f'{key}.total')}"
            if total:
                detail = [f"{c.label}{fs.count(f'{key}.{c.key}')}件" for c in self.fmt.t4_columns
                          if not c.is_total and fs.count(f"{key}.{c.key}")]
                text += f"（其中{'、'.join(detail)}）"
            parts.append(text)
        lead = self.pick("lead.appeals", ["本年度，{me}因政府信息公开工作", "{year}年，{me}因政府信息公开工作"])
        tail = self.pick("lead.appeals.tail", ["，具体情况如下表。", "，有关数据见下表。"])
        return [self.fill(lead) + "、".join(parts) + tail]

    # --- 五、六 ------------------------------------------------------------------------------------
    def problems(self) -> list[str]:
        out = [self.enumerated_notes("problems", "problems.lead", [
            "{year}年，{me}政府信息公开工作取得了一定成效，但仍存在一些不足：{body}。",
            "对照《条例》要求和群众期待，{me}政府信息公开工作还存在以下问题：{body}。",
            "{me}政府信息公开工作仍存在一些短板和不足，主要是：{body}。",
        ])]
        improved = self.notes("last_year_improvements")
        if improved:
            body = self.with_subject(clauses(improved))
            options = ["针对上年度报告所列问题，{body}。", "上年度存在问题的改进情况：{body}。"]
            if body.startswith(("针对", f"{self.me}针对")):  # the note names the problem itself
                options = ["{body}。"]
            out.append(self.fill(self.pick("problems.last_year", options), body=body))
        out.append(self.enumerated_notes("measures", "problems.measures", [
            "{next}年，{me}将重点做好以下工作：{body}。",
            "{next}年，{me}将着力抓好以下工作：{body}。",
            "{next}年，{me}将从以下方面加以改进：{body}。",
        ]))
        return out

    def other(self) -> list[str]:
        out = []
        if self.year >= FEE_FROM_YEAR:
            fee = self.report.other_figures.processing_fee_yuan
            if fee is None:
                out.append(self.placeholder("fee.processing"))
            elif fee == 0:
                out.append("本年度未收取信息处理费。")
            else:
                out.append(self.fill(self.pick("other.fee", [
                    "本年度，{me}依据{measures}{phrase}。",
                    "{year}年，{me}按照{measures}{phrase}。",
                ]), measures=FEE_MEASURES, phrase=self.fs.phrase("fee.processing")))
        notes = self.notes("other")
        if notes:
            out.append(self.with_subject(clauses(notes)) + "。")
        return out or ["无。"]


__all__ = ["TemplateDrafter", "NAME", "ASPECT_HEADINGS", "cn_ordinal", "clauses", "enumerate_items"]
