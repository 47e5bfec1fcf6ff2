"""Text against figures (format.md §3.3, C1–C8): what the narrative says in numbers must be what the tables say.

Claims come from :mod:`assistant.claims` (numbers with the subject phrase they belong to, zero and universal
statements); figures from :class:`assistant.facts.FactSheet`. A number that maps to no figure is never a finding;
a number whose mapping is ambiguous (“办理”, “行政许可”) is only a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from assistant.claims import Claim, draft_claims, in_base_unit, percent_of, plain, share_base
from assistant.facts import FactSheet, t3_sum_rows
from assistant.model import Amount, Document, Location
from assistant.rules.registry import Hit, rule
from assistant.rules.textscan import NARRATIVE
from assistant.textview import Paragraph

TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四", "fee": "填报的"}
FEE_WORDS = ("信息处理费", "处理费", "收费通知", "缴费通知", "通知缴费")
APPLICATION_WORDS = ("申请",)


# ----------------------------------------------------------------------------------------------------------------
# Shared analysis: one pass over the claims of a document, cached for the rules that read it


class _Analysis:
    def __init__(self, doc: Document):
        self.doc = doc
        self.report = doc.report
        self.fmt = doc.report.fmt
        self._facts: FactSheet | None = None
        draft = doc.narrative
        self.paragraphs: list[tuple[Paragraph, list[Claim]]] = draft_claims(draft) if draft is not None else []
        self.hits: dict[str, list[Hit]] = {}
        self._run()

    # --- figures -----------------------------------------------------------------------------------------------
    @property
    def facts(self) -> FactSheet:
        """The FactSheet, built only when a finding needs a figure's name."""
        if self._facts is None:
            self._facts = FactSheet(self.report)
        return self._facts

    def available(self, fid: str) -> bool:
        table = fid.split(".", 1)[0]
        return table == "fee" or self.doc.has(table)

    def raw(self, fid: str) -> Any:
        """A figure by its FactSheet id, computed alone (building the whole FactSheet costs more than a check).

        Group ids follow :mod:`assistant.facts`: t3 result groups, ``received``, ``granted_partial``,
        ``<row>.organizations``, ``t4.suit``, ``fee.processing``. None when blank or unknown.
        """
        parts = fid.split(".")
        if parts[0] == "fee":
            return self.report.other_figures.processing_fee_yuan if fid == "fee.processing" else None
        if len(parts) != 3:
            return None
        table, row, col = parts
        fmt, tables = self.fmt, self.report.tables
        if table == "t3":
            rows = t3_sum_rows(fmt, row) or ((row,) if row in fmt.t3_row_keys else ())
            columns = fmt.org_keys if col == "organizations" else (col,)
            if not rows or not all(c in fmt.applicant_keys or c == "total" for c in columns):
                return None
            return _sum(tables.get(f"t3.{r}.{c}") for r in rows for c in columns)
        if table == "t4":
            if row == "suit":
                return _sum(tables.get(f"t4.{g['key']}.{col}") for g in fmt.t4_groups if g.get("parent"))
            return tables.get(fid) if row in fmt.t4_group_keys else None
        if table == "t2":
            return tables.get(fid) if any(r.key == row and c.key == col for _b, r, c in fmt.t2_cells()) else None
        return None

    def value(self, fid: str) -> Decimal | None:
        """A figure as a number (money in 元); None when blank, unknown, or of unknown unit."""
        value = self.raw(fid)
        if isinstance(value, Amount):
            return value.in_yuan()
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, Decimal):
            return value
        return None

    def values(self, figures: tuple[str, ...]) -> list[tuple[str, Decimal]]:
        """The figures that are available and filled in, with their values."""
        out = []
        for fid in figures:
            if self.available(fid):
                value = self.value(fid)
                if value is not None:
                    out.append((fid, value))
        return out

    def name(self, fid: str) -> str:
        """The figure's name: the official cell label ("表三 （七）总计「总计」"), or for a sum its FactSheet name."""
        if fid in self.fmt.labels:
            return self.fmt.label(fid)
        table = fid.split(".", 1)[0]
        if fid in self.facts:
            name = self.facts[fid].name
        else:
            row = fid.split(".")[1]
            label = next((r.label for r in self.fmt.t3_rows if r.key == row), row)
            name = f"{label}（{self.fmt.t3_org_group}）"
        return f"{TABLE_NAMES.get(table, '')}“{name}”"

    def fact_name(self, fid: str) -> str:
        return self.facts[fid].name if fid in self.facts else fid

    def shown(self, fid: str, value: Decimal) -> str:
        """A figure as written, with its unit ("95件", "96171.6万元", "3940元")."""
        raw = self.raw(fid)
        if isinstance(raw, Amount):
            return str(raw)
        if fid.startswith("fee."):
            return f"{plain(value)}元"
        return f"{plain(value)}件"

    # --- the checks --------------------------------------------------------------------------------------------
    def add(self, rule_id: str, hit: Hit) -> None:
        self.hits.setdefault(rule_id, []).append(hit)

    def _run(self) -> None:
        year = self.report.meta.year
        for para, claims in self.paragraphs:
            for i, claim in enumerate(claims):
                if claim.year is not None and claim.year != year:
                    continue
                if claim.kind == "number":
                    self._number(para, claim)
                elif claim.kind == "percent" and claim.share:
                    self._share(para, claims, i)
                elif claim.kind == "zero":
                    self._zero(para, claim)
                elif claim.kind == "universal":
                    self._universal(para, claim)
        self._silent_on_applications()
        self._fee_notices()

    def _silently_carried_over(self, para: Paragraph, claim: Claim, matched: list[str],
                               candidates: list[tuple[str, Decimal]]) -> None:
        """"共收到申请13件" where 13 = 本年新收12 + 上年结转1, and the sentence says nothing of 结转."""
        new = dict(candidates).get("t3.new_received.total")
        if matched != ["t3.received.total"] or new is None:
            return
        sentence = para.text[claim.sentence[0]:claim.sentence[1]]
        if re.search(r"结转|含|加上|及上年|和上年|合计|累计", sentence):
            return
        evidence = _evidence(para, claim)
        self.add("C1", Hit(
            message=f"正文“{evidence}”等于本年新收{_as_int(new)}件加上年结转，却未写明含上年结转（本年新收为{_as_int(new)}件）",
            location=_location(claim), evidence=evidence, expected=_as_int(new), found=_as_int(in_base_unit(claim)),
            severity="warning", status="uncertain",
            suggestion=f"写作“本年新收政府信息公开申请{_as_int(new)}件，上年结转…件”，或写明“含上年结转”",
        ))

    def _number(self, para: Paragraph, claim: Claim) -> None:
        if claim.entry is not None and claim.entry.alias:
            self._outcome_word(para, claim)
            return
        if not claim.figures or not claim.comparable or claim.value is None:
            return
        candidates = self.values(claim.figures)
        if not candidates:
            return
        stated = in_base_unit(claim)
        matched = [f for f, v in candidates if v == stated]
        if matched:
            self._silently_carried_over(para, claim, matched, candidates)
            return
        fid, value = candidates[0]
        rule_id = _rule_for(fid)
        evidence = _evidence(para, claim)
        if claim.unit_class == "money" and (stated * 10000 == value or stated == value * 10000):
            self.add(rule_id, Hit(
                message=f"正文“{evidence}”与{self.name(fid)}{self.shown(fid, value)}相差一万倍，疑为“元”与“万元”混用",
                location=_location(claim), evidence=evidence, expected=self.shown(fid, value), found=claim.text,
                suggestion=f"核对单位，统一写作{self.shown(fid, value)}",
            ))
            return
        narrower = self._narrower_match(fid, stated)
        if narrower is not None:
            self.add("C3", Hit(
                message=(f"正文“{evidence}”中的{claim.text}只等于{self.name(narrower)}，"
                         f"而“{claim.phrase}”所指的{self.name(fid)}为{self.shown(fid, value)}"),
                location=_location(claim), evidence=evidence, expected=_as_int(value), found=_as_int(stated),
                suggestion=(f"改为{self.shown(fid, value)}；如确指其中一部分，应写明"
                            f"（如“{self.fact_name(narrower)}”）"),
                severity="warning" if claim.ambiguous else None,
                status="uncertain" if claim.ambiguous else "fail",
            ))
            return
        others = "".join(f"，{self.name(f)}为{self.shown(f, v)}" for f, v in candidates[1:] if v != value)
        money = claim.unit_class == "money"
        expected = self.shown(fid, value) if money else _as_int(value)
        found = claim.text if money else _as_int(stated)
        if claim.ambiguous:
            message = (f"正文“{evidence}”可能与表格不符：{self.name(fid)}为{self.shown(fid, value)}{others}"
                       f"（“{claim.phrase}”的口径不唯一，请核对）")
        else:
            message = f"正文“{evidence}”与表格不符：{self.name(fid)}为{self.shown(fid, value)}{others}"
        self.add(rule_id, Hit(
            message=message, location=_location(claim), evidence=evidence, expected=expected,
            found=found, suggestion=f"核对后将正文改为{self.shown(fid, value)}，或改正表格",
            severity="warning" if claim.ambiguous else None, status="uncertain" if claim.ambiguous else "fail",
        ))

    def _narrower_match(self, fid: str, stated: Decimal) -> str | None:
        """A part of the figure (one sub-row, one applicant column) that equals the stated number, if any."""
        if stated == 0:
            return None
        for part in self._narrower(fid):
            if self.available(part) and self.value(part) == stated:
                return part
        return None

    def _narrower(self, fid: str) -> list[str]:
        fmt = self.fmt
        out: list[str] = []
        if fid.count(".") != 2:
            return out
        table, row, col = fid.split(".")
        if table == "t3":
            rows = tuple(r for r in t3_sum_rows(fmt, row) if r != row)
            columns = [c.key for c in fmt.t3_columns if not c.is_total] if col == "total" else []
            out += [f"t3.{r}.{col}" for r in rows]
            out += [f"t3.{row}.{c}" for c in columns]
            out += [f"t3.{r}.{c}" for r in rows for c in columns]
        elif table == "t4":
            parts = [c.key for c in fmt.t4_columns if not c.is_total] if col == "total" else []
            if row == "suit":
                out += [f"t4.{g}.{col}" for g in ("suit_direct", "suit_after_rev")]
            out += [f"t4.{row}.{c}" for c in parts]
        return out

    def _outcome_word(self, para: Paragraph, claim: Claim) -> None:
        assert claim.entry is not None and claim.entry.alias is not None
        evidence = _evidence(para, claim)
        categories = "、".join(self.fmt.t3_result_groups)
        self.add("C1.outcome", Hit(
            message=f"正文“{evidence}”中的“{claim.phrase}”不是表三的办理结果类别（表三为{categories}）",
            location=_location(claim), evidence=evidence, expected=claim.entry.alias, found=claim.phrase,
            suggestion=f"改用表三的类别“{claim.entry.alias}”，并与表三核对件数",
        ))

    def _share(self, para: Paragraph, claims: list[Claim], index: int) -> None:
        pct = claims[index]
        base = share_base(claims, index)
        if base is None or base.claim is not None or pct.count is None or pct.value is None:
            return  # a base stated in the text is text_internal's (I2)
        counted = claims[pct.count]
        fid = next((f for f in base.figures if self.available(f)), None)
        base_value = self.value(fid) if fid else None
        if fid is None or not base_value or counted.value is None or not counted.comparable:
            return
        expected = percent_of(counted.value, base_value, pct.decimals)
        if pct.value in expected:
            return
        evidence = _evidence(para, pct, counted.start)
        self.add("C2", Hit(
            message=(f"正文“{evidence}”的百分比与表格算出的不符：{plain(counted.value)}÷{self.name(fid)}"
                     f"{plain(base_value)}＝{plain(expected[0])}%"),
            location=_location(pct), evidence=evidence, expected=f"{plain(expected[0])}%", found=pct.text,
            suggestion=f"改为{plain(expected[0])}%（按四舍五入保留{pct.decimals}位小数，不要截断）",
        ))

    def _zero(self, para: Paragraph, claim: Claim) -> None:
        values = self.values(claim.figures)
        if not values or any(v == 0 for _f, v in values):
            return
        fid, value = values[0]
        evidence = _evidence(para, claim)
        self.add("C5", Hit(
            message=f"正文称“{evidence}”，但{self.name(fid)}为{self.shown(fid, value)}",
            location=_location(claim), evidence=evidence, expected=0, found=_as_int(value),
            suggestion=f"按表格写明{self.fact_name(fid)}{self.shown(fid, value)}，或改正表格",
        ))

    def _universal(self, para: Paragraph, claim: Claim) -> None:
        nonzero = []
        for fid in claim.figures:
            if not self.available(fid):
                return
            value = self.value(fid)
            if value:
                nonzero.append((fid, value))
        if not nonzero:
            return
        evidence = _evidence(para, claim)
        found = "；".join(f"{self.name(f)}为{self.shown(f, v)}" for f, v in nonzero)
        name = claim.universal.name if claim.universal else claim.text
        self.add("C4", Hit(
            message=f"正文称“{evidence}”（{name}），但{found}",
            location=_location(claim), evidence=evidence, expected=0, found=_as_int(nonzero[0][1]),
            suggestion="删去“均”“全部”等全称说法，按表格如实写明各项数字",
        ))

    def _silent_on_applications(self) -> None:
        doc = self.doc
        if doc.narrative is None or not doc.has("t3") or not doc.has("overview"):
            return
        overview = [p for p, _c in self.paragraphs if p.section == "overview"]
        if not overview or any(w in p.text for p in overview for w in APPLICATION_WORDS):
            return
        new = self.value("t3.new_received.total") or Decimal(0)
        carried = self.value("t3.carried_over.total") or Decimal(0)
        if new + carried == 0:
            return
        handled = self.value("t3.result_total.total") or Decimal(0)
        forward = self.value("t3.carried_forward.total") or Decimal(0)
        example = f"本年度共收到政府信息公开申请{plain(new)}件，办结{plain(handled)}件"
        example += f"，结转下年度继续办理{plain(forward)}件" if forward else ""
        self.add("C5.silent", Hit(
            message=(f"表三有政府信息公开申请{plain(new + carried)}件（本年新收{plain(new)}件、上年结转"
                     f"{plain(carried)}件），但总体情况未提及依申请公开"),
            location=Location(section="overview"), evidence=overview[0].text[:40],
            expected="写明收到和处理申请的情况", found="未提及",
            suggestion=f"在总体情况中写明依申请公开情况，如“{example}。”",
        ))

    def _fee_notices(self) -> None:
        doc = self.doc
        if doc.narrative is None or not doc.has("t3") or not doc.has("other"):
            return
        unpaid = self.value("t3.oth_fee_unpaid.total")
        if not unpaid:
            return
        other = [p for p, _c in self.paragraphs if p.section == "other"]
        if not other or any(w in p.text for p in other for w in FEE_WORDS):
            return
        self.add("C6", Hit(
            message=(f"表三有{plain(unpaid)}件申请因申请人逾期未按收费通知要求缴纳费用而不再处理，"
                     "说明本年发出过收费通知，但“六、其他需要报告的事项”未提及信息处理费"),
            location=Location(section="other"), evidence=other[0].text[:40],
            expected="说明发出收费通知和收取信息处理费的情况", found="未提及",
            suggestion="写明依《政府信息公开信息处理费管理办法》发出收费通知的件数、金额和实际收取的信息处理费",
        ))


def _sum(values: Iterator[Any]) -> int | None:
    total = 0
    for v in values:
        if not isinstance(v, int):
            return None
        total += v
    return total


def _rule_for(fid: str) -> str:
    table = fid.split(".", 1)[0]
    return {"t3": "C1", "t4": "C1.t4", "t2": "C8", "fee": "C1.fee"}.get(table, "C1")


def _as_int(value: Decimal) -> Any:
    return int(value) if value == value.to_integral() else str(plain(value))


def _location(claim: Claim) -> Location:
    return Location(section=claim.section, paragraph=claim.paragraph, span=(claim.start, claim.end))


def _evidence(para: Paragraph, claim: Claim, start: int | None = None) -> str:
    """The clause of the claim: from its subject (or ``start``) to the end of the number, within its sentence."""
    begin = claim.subject_start if start is None else start
    begin = max(claim.sentence[0], begin, claim.end - 60)
    text = para.text[begin:claim.end].strip(" ，,；;：:（(")
    return text or para.text[claim.start:claim.end]


_CACHE: dict[str, tuple[Any, _Analysis]] = {}


def analysis(doc: Document) -> _Analysis:
    """The text-vs-table analysis of a document (kept for the next rule that reads the same document)."""
    report = doc.report
    draft = doc.narrative
    key = (id(doc), id(report), report.tables.model_dump_json(), report.other_figures.processing_fee_yuan,
           report.meta.year, report.table_format, tuple(doc.missing), tuple(doc.uncertain),
           id(draft_claims(draft)) if draft is not None else None)
    cached = _CACHE.get("last")
    if cached is not None and cached[0] == key and cached[1].doc is doc:
        return cached[1]
    result = _Analysis(doc)
    _CACHE["last"] = (key, result)
    return result


def _hits(doc: Document, rule_id: str) -> Iterator[Hit]:
    if doc.narrative is None:
        return iter(())
    return iter(analysis(doc).hits.get(rule_id, []))


# ----------------------------------------------------------------------------------------------------------------
# The rules


@rule("C1", "text_vs_table", "error", "正文所述申请数量和办理结果（收到、办结、结转、予以公开……）与表三一致",
      scope="text", needs=(*NARRATIVE, "t3"))
def text_matches_table3(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C1")


@rule("C1.t4", "text_vs_table", "error", "正文所述行政复议、行政诉讼件数及结果与表四一致", scope="text",
      needs=(*NARRATIVE, "t4"))
def text_matches_table4(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C1.t4")


@rule("C8", "text_vs_table", "error", "正文所述规章、规范性文件及许可、处罚、强制、收费数字与表二一致", scope="text",
      needs=(*NARRATIVE, "t2"))
def text_matches_table2(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C8")


@rule("C1.fee", "text_vs_table", "error", "正文所述信息处理费金额与填报的金额一致（元与万元不混用）", scope="text",
      needs=NARRATIVE)
def text_matches_fee(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C1.fee")


@rule("C1.outcome", "text_vs_table", "warning", "办理结果使用表三的类别（不用“同意公开”“不同意公开”“不予受理”等）",
      scope="text", needs=NARRATIVE)
def outcome_words(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C1.outcome")


@rule("C2", "text_vs_table", "error", "正文中的百分比等于件数除以表格中的基数（按所写位数四舍五入）", scope="text",
      needs=(*NARRATIVE, "t3"))
def share_matches_table(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C2")


@rule("C3", "text_vs_table", "error", "类别词的范围与数字一致（“无法提供”指该类各项、各类申请人之和，不是其中一项或一列）",
      scope="text", needs=(*NARRATIVE, "t3"))
def category_scope(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C3")


@rule("C4", "text_vs_table", "error", "全称说法与表格一致（“均已办结”则无结转，“均予以公开”则无其他结果，“均获维持”则无纠正和未审结）",
      scope="text", needs=NARRATIVE)
def universal_statements(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C4")


@rule("C5", "text_vs_table", "error", "“未收到申请”“未发生行政复议”等零值说法与表格一致", scope="text", needs=NARRATIVE)
def zero_statements(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C5")


@rule("C5.silent", "completeness", "warning", "表三有申请时，总体情况写明依申请公开情况", scope="text",
      needs=(*NARRATIVE, "t3"))
def applications_mentioned(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C5.silent")


@rule("C6", "completeness", "warning", "表三有因逾期未缴费不再处理的申请时，第六部分说明信息处理费情况", scope="text",
      needs=(*NARRATIVE, "t3"))
def fee_notices_mentioned(doc: Document) -> Iterator[Hit]:
    return _hits(doc, "C6")
