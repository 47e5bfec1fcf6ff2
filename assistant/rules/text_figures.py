"""Text against figures (format.md §3.3, C1–C8): what the narrative says in numbers must be what the tables say.

Claims come from :mod:`assistant.claims` (numbers with the subject phrase they belong to, zero and universal
statements), read once per run (``RuleRun.claims``); figures from the catalogue of :mod:`assistant.facts`. A number
that maps to no figure is never a finding; a number whose mapping is ambiguous (“办理”, “行政许可”) is only a warning.

Each rule below is one registered function of the run; the numbers rule reports the id of the table its figure is in
(C1 表三, C1.t4 表四, C8 表二, C1.fee 信息处理费) or C3 when the number is only a part of the figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from assistant.claims import Claim, in_base_unit, percent_of, plain, share_base, vocabulary
from assistant.facts import FEE_FIGURE, FIGURE_SOURCES, figure_value, narrower_figures
from assistant.model import Amount, Location
from assistant.organ_words import allowed_self_references
from assistant.patterns import lazy_compile
from assistant.rules.registry import Declared, Hit, RuleRun, rule, rules
from assistant.rules.structure import speaks_of
from assistant.rules.textscan import NARRATIVE, all_paragraphs, is_partial
from assistant.segmenter import words as segmented
from assistant.similarity import organ_names
from assistant.textview import Paragraph

FEE_WORDS = ("信息处理费", "处理费", "收费通知", "缴费通知", "通知缴费")
_RULE_OF_TABLE = {"t3": "C1", "t4": "C1.t4", "t2": "C8", "fee": "C1.fee"}


class _Figures:
    """The report's figures as the text rules compare and name them (values computed alone, names from the run's
    FactSheet only when a finding needs one)."""

    def __init__(self, run: RuleRun):
        self.run = run
        self.doc = run.doc
        self.report = run.doc.report
        self.fmt = run.doc.report.fmt

    def available(self, fid: str) -> bool:
        table = fid.split(".", 1)[0]
        return table == "fee" or self.doc.has(table)

    def value(self, fid: str) -> Decimal | None:
        """A figure as a number (money in 元); None when blank, unknown, or of unknown unit."""
        value = figure_value(self.report, fid)
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
        facts = self.run.facts
        if fid in facts:
            name = facts[fid].name
        else:
            row = fid.split(".")[1]
            label = next((r.label for r in self.fmt.t3_rows if r.key == row), row)
            name = f"{label}（{self.fmt.t3_org_group}）"
        return f"{FIGURE_SOURCES.get(table, '')}“{name}”"

    def fact_name(self, fid: str) -> str:
        facts = self.run.facts
        return facts[fid].name if fid in facts else fid

    def shown(self, fid: str, value: Decimal) -> str:
        """A figure as written, with its unit ("95件", "96171.6万元", "3940元")."""
        raw = figure_value(self.report, fid)
        if isinstance(raw, Amount):
            return str(raw)
        if fid == FEE_FIGURE:
            return f"{plain(value)}元"
        return f"{plain(value)}件"

    def narrower_match(self, fid: str, stated: Decimal) -> str | None:
        """A part of the figure (one sub-row, one applicant column) that equals the stated number, if any."""
        if stated == 0:
            return None
        for part in narrower_figures(self.fmt, fid):
            if self.available(part) and self.value(part) == stated:
                return part
        return None


def _this_years_claims(run: RuleRun, kind: str) -> Iterator[tuple[Paragraph, list[Claim], int]]:
    """(paragraph, its claims, index) of each claim of ``kind`` that is not about another year."""
    year = run.doc.report.meta.year
    for para, claims in run.claims:
        for i, claim in enumerate(claims):
            if claim.kind == kind and (claim.year is None or claim.year == year):
                yield para, claims, i


# ----------------------------------------------------------------------------------------------------------------
# The rules


@rules(
    Declared("C1", "text_vs_table", "error", "正文所述申请数量和办理结果（收到、办结、结转、予以公开……）与表三一致",
             needs=(*NARRATIVE, "t3")),
    Declared("C1.t4", "text_vs_table", "error", "正文所述行政复议、行政诉讼件数及结果与表四一致",
             needs=(*NARRATIVE, "t4")),
    Declared("C8", "text_vs_table", "error", "正文所述规章、规范性文件及许可、处罚、强制、收费数字与表二一致",
             needs=(*NARRATIVE, "t2")),
    Declared("C1.fee", "text_vs_table", "error", "正文所述信息处理费金额与填报的金额一致（元与万元不混用）",
             needs=NARRATIVE),
    Declared("C3", "text_vs_table", "error",
             "类别词的范围与数字一致（“无法提供”指该类各项、各类申请人之和，不是其中一项或一列）",
             needs=(*NARRATIVE, "t3")),
    scope="text",
)
def numbers_match_tables(run: RuleRun) -> Iterator[Hit]:
    figures = _Figures(run)
    for para, claims, i in _this_years_claims(run, "number"):
        claim = claims[i]
        if claim.entry is not None and claim.entry.alias:
            continue  # an outcome word that is no table category: C1.outcome's
        if not claim.figures or not claim.comparable or claim.value is None:
            continue
        candidates = figures.values(claim.figures)
        if candidates:
            yield from _number(figures, para, claim, candidates)


def _number(figures: _Figures, para: Paragraph, claim: Claim, candidates: list[tuple[str, Decimal]]) -> Iterator[Hit]:
    stated = in_base_unit(claim)
    matched = [f for f, v in candidates if v == stated]
    if matched:
        yield from _silently_carried_over(para, claim, matched, candidates)
        return
    fid, value = candidates[0]
    rule_id = _RULE_OF_TABLE.get(fid.split(".", 1)[0], "C1")
    evidence = _evidence(para, claim)
    name, shown = figures.name, figures.shown
    if claim.unit_class == "money" and (stated * 10000 == value or stated == value * 10000):
        yield Hit(
            rule=rule_id,
            message=f"正文“{evidence}”与{name(fid)}{shown(fid, value)}相差一万倍，疑为“元”与“万元”混用",
            location=_location(claim), evidence=evidence, expected=shown(fid, value), found=claim.text,
            suggestion=f"核对单位，统一写作{shown(fid, value)}",
        )
        return
    narrower = figures.narrower_match(fid, stated)
    if narrower is not None:
        yield Hit(
            rule="C3",
            message=(f"正文“{evidence}”中的{claim.text}只等于{name(narrower)}，"
                     f"而“{claim.phrase}”所指的{name(fid)}为{shown(fid, value)}"),
            location=_location(claim), evidence=evidence, expected=_as_int(value), found=_as_int(stated),
            suggestion=(f"改为{shown(fid, value)}；如确指其中一部分，应写明"
                        f"（如“{figures.fact_name(narrower)}”）"),
            severity="warning" if claim.ambiguous else None,
            status="uncertain" if claim.ambiguous else "fail",
        )
        return
    others = "".join(f"，{name(f)}为{shown(f, v)}" for f, v in candidates[1:] if v != value)
    money = claim.unit_class == "money"
    expected = shown(fid, value) if money else _as_int(value)
    found = claim.text if money else _as_int(stated)
    if claim.ambiguous:
        message = (f"正文“{evidence}”可能与表格不符：{name(fid)}为{shown(fid, value)}{others}"
                   f"（“{claim.phrase}”的口径不唯一，请核对）")
    else:
        message = f"正文“{evidence}”与表格不符：{name(fid)}为{shown(fid, value)}{others}"
    yield Hit(
        rule=rule_id, message=message, location=_location(claim), evidence=evidence, expected=expected,
        found=found, suggestion=f"核对后将正文改为{_as_worded(fid, shown(fid, value), value)}，或改正表格",
        severity="warning" if claim.ambiguous else None, status="uncertain" if claim.ambiguous else "fail",
    )


def _as_worded(fid: str, shown: str, value: Decimal) -> str:
    """The figure as the suggestion puts it: the fee in the drafter's words (“未收取信息处理费”, not “0元”)."""
    if fid != FEE_FIGURE:
        return shown
    return "“未收取信息处理费”" if value == 0 else f"“收取信息处理费{shown}”"


def _silently_carried_over(para: Paragraph, claim: Claim, matched: list[str],
                           candidates: list[tuple[str, Decimal]]) -> Iterator[Hit]:
    """"共收到申请13件" where 13 = 本年新收12 + 上年结转1, and the sentence says nothing of 结转."""
    new = dict(candidates).get("t3.new_received.total")
    if matched != ["t3.received.total"] or new is None:
        return
    sentence = para.text[claim.sentence[0]:claim.sentence[1]]
    if re.search(r"结转|含|加上|及上年|和上年|合计|累计", sentence):
        return
    evidence = _evidence(para, claim)
    yield Hit(
        rule="C1",
        message=f"正文“{evidence}”等于本年新收{_as_int(new)}件加上年结转，却未写明含上年结转（本年新收为{_as_int(new)}件）",
        location=_location(claim), evidence=evidence, expected=_as_int(new), found=_as_int(in_base_unit(claim)),
        severity="warning", status="uncertain",
        suggestion=f"写作“本年新收政府信息公开申请{_as_int(new)}件，上年结转…件”，或写明“含上年结转”",
    )


@rule("C1.outcome", "text_vs_table", "warning", "办理结果使用表三的类别（不用“同意公开”“不同意公开”“不予受理”等）",
      scope="text", needs=NARRATIVE)
def outcome_words(run: RuleRun) -> Iterator[Hit]:
    categories = "、".join(run.doc.report.fmt.t3_result_groups)
    for para, claims, i in _this_years_claims(run, "number"):
        claim = claims[i]
        if claim.entry is None or not claim.entry.alias:
            continue
        evidence = _evidence(para, claim)
        yield Hit(
            message=f"正文“{evidence}”中的“{claim.phrase}”不是表三的办理结果类别（表三为{categories}）",
            location=_location(claim), evidence=evidence, expected=claim.entry.alias, found=claim.phrase,
            suggestion=f"改用表三的类别“{claim.entry.alias}”，并与表三核对件数",
        )


@rule("C2", "text_vs_table", "error", "正文中的百分比等于件数除以表格中的基数（按所写位数四舍五入）", scope="text",
      needs=(*NARRATIVE, "t3"))
def share_matches_table(run: RuleRun) -> Iterator[Hit]:
    figures = _Figures(run)
    for para, claims, index in _this_years_claims(run, "percent"):
        pct = claims[index]
        if not pct.share:
            continue
        base = share_base(claims, index)
        if base is None or base.claim is not None or pct.count is None or pct.value is None:
            continue  # a base stated in the text is text_internal's (I2)
        counted = claims[pct.count]
        fid = next((f for f in base.figures if figures.available(f)), None)
        base_value = figures.value(fid) if fid else None
        if fid is None or not base_value or counted.value is None or not counted.comparable:
            continue
        expected = percent_of(counted.value, base_value, pct.decimals)
        if pct.value in expected:
            continue
        evidence = _evidence(para, pct, counted.start)
        yield Hit(
            message=(f"正文“{evidence}”的百分比与表格算出的不符：{plain(counted.value)}÷{figures.name(fid)}"
                     f"{plain(base_value)}＝{plain(expected[0])}%"),
            location=_location(pct), evidence=evidence, expected=f"{plain(expected[0])}%", found=pct.text,
            suggestion=f"改为{plain(expected[0])}%（按四舍五入保留{pct.decimals}位小数，不要截断）",
        )


@rule("C4", "text_vs_table", "error",
      "全称说法与表格一致（“均已办结”则无结转，“均予以公开”则无其他结果，“均获维持”则无纠正和未审结）",
      scope="text", needs=NARRATIVE)
def universal_statements(run: RuleRun) -> Iterator[Hit]:
    figures = _Figures(run)
    for para, claims, i in _this_years_claims(run, "universal"):
        claim = claims[i]
        if not all(figures.available(fid) for fid in claim.figures):
            continue
        nonzero = [(fid, value) for fid in claim.figures if (value := figures.value(fid))]
        if not nonzero:
            continue
        evidence = _evidence(para, claim)
        found = "；".join(f"{figures.name(f)}为{figures.shown(f, v)}" for f, v in nonzero)
        name = claim.universal.name if claim.universal else claim.text
        named = "" if name in evidence else f"（{name}）"  # "正文称“均予以公开”" says it already
        yield Hit(
            message=f"正文称“{evidence}”{named}，但{found}",
            location=_location(claim), evidence=evidence, expected=0, found=_as_int(nonzero[0][1]),
            suggestion="删去“均”“全部”等全称说法，按表格如实写明各项数字",
        )


def _is_table_two(claim: Claim) -> bool:
    return any(fid.startswith("t2.") for fid in claim.figures)


# Words before a negative statement on table 二 that make it a statement of another time or of a plan
_PLAN_WORDS = ("下一年", "下年度", "下年", "明年", "来年", "今后", "计划", "拟", "将")
# Words before it that make it a statement on a part of the organ's decisions: one field ("在城市管理领域", "环保方面"),
# the rest ("除上述案件外", "其余")
_PART_OF_DECISIONS = lazy_compile(r"领域|方面|除.*外|以外|之外|其中|其余")
# An actor that is not the organ itself, named before its negative statement ("县市场监管局未作出…", "各村未…"), once
# its own names and "我局"/"本单位" are taken out: a word (as the segmenter cuts the sentence) that ends as an organ, an
# office, a body or a place does ("监管局", "司法所", "服务中心", "上级", "各村", "企业", "石门镇"), or a place's own
# body ("县政府", "镇党委", "村两委", "县法院"). A word that only begins with one of these or holds one inside (所有,
# 办理, 区域, 村级, 市场) names none.
_ACTOR_ENDINGS = ("局", "委", "委会", "委员会", "办", "办事处", "室", "所", "站", "中心", "部门", "单位", "机关", "队", "院",
                  "上级", "省", "市", "县", "区", "乡", "镇", "街道", "村", "社区", "企业", "公司", "群众")
_PLACE_BODY = lazy_compile(r"(?:省|市|县|区|乡|镇|街道|村|社区|局|所|站).*(?:政府|委|院|厅|里|居)")
# Words that end like an actor but name none (城市管理, 政府网站, 承办), as one word or as the two the segmenter cuts
# them into (单位｜时间, 中心｜工作)
_NO_ACTOR_WORDS = frozenset(("城市", "都市", "超市", "网站", "单位时间", "中心工作", "承办", "举办", "督办", "交办"))


def _names_another_actor(text: str) -> bool:
    found = [w for w in segmented(text) if w.strip()]
    i = 0
    while i < len(found):
        if "".join(found[i:i + 2]) in _NO_ACTOR_WORDS:
            i += 2
            continue
        word = found[i]
        if word not in _NO_ACTOR_WORDS and (word.endswith(_ACTOR_ENDINGS) or _PLACE_BODY.fullmatch(word)):
            return True
        i += 1
    return False


def _of_this_organ_now(run: RuleRun, para: Paragraph, claim: Claim) -> bool:
    """Whether a negative statement on table 二 ("未作出行政许可决定") is clearly the organ's own, for the year of the
    report: its sentence before it names no other time ("上年"), no plan ("下一年度"), no part of the decisions ("在城市
    管理领域"), no other actor ("县市场监管局"). Precision first: a statement of doubtful scope is left alone."""
    before = para.text[claim.sentence[0]:claim.start]
    if _contains_any(before, vocabulary().other_period_words + _PLAN_WORDS) or _PART_OF_DECISIONS.search(before):
        return False
    meta = run.doc.report.meta
    for name in sorted((*organ_names(meta), *allowed_self_references(meta)), key=len, reverse=True):
        before = before.replace(name, " ")  # the organ's names and the self-references that fit it (organ_words)
    return not _names_another_actor(before)


def _contains_any(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


@rule("C5", "text_vs_table", "error", "“未收到申请”“未发生行政复议”等零值说法与表格一致", scope="text", needs=NARRATIVE)
def zero_statements(run: RuleRun) -> Iterator[Hit]:
    figures = _Figures(run)
    for para, claims, i in _this_years_claims(run, "zero"):
        claim = claims[i]
        if _is_table_two(claim) and not _of_this_organ_now(run, para, claim):
            continue
        values = figures.values(claim.figures)
        if not values or any(v == 0 for _f, v in values):
            continue
        fid, value = values[0]
        evidence = _evidence(para, claim)
        yield Hit(
            message=f"正文称“{evidence}”，但{figures.name(fid)}为{figures.shown(fid, value)}",
            location=_location(claim), evidence=evidence, expected=0, found=_as_int(value),
            suggestion=f"按表格写明{figures.fact_name(fid)}{figures.shown(fid, value)}，或改正表格",
        )


@rule("C5.silent", "completeness", "warning", "表三有申请时，总体情况写明依申请公开情况", scope="text",
      needs=(*NARRATIVE, "t3"), partial=("t3",))
def applications_mentioned(run: RuleRun) -> Iterator[Hit]:
    doc, figures = run.doc, _Figures(run)
    if not doc.has("overview"):
        return
    if any(figures.value(f"t3.{row}.total") is None for row in ("new_received", "carried_over")):
        return  # table 三 cut off or garbled before its first two rows were read (S5's test too)
    overview = [(p, c) for p, c in run.claims if p.section == "overview"]
    # S5's test: "因政府信息公开申请行政复议", "申请户外广告设置许可证" do not speak of the applications received
    if not overview or any(speaks_of(p.text, "依申请公开") for p, _c in overview):
        return
    new = figures.value("t3.new_received.total") or Decimal(0)
    carried = figures.value("t3.carried_over.total") or Decimal(0)
    if new + carried == 0:
        return
    example = f"本年度共收到政府信息公开申请{plain(new)}件"
    if doc.has("t3"):  # the results only when the whole table was read
        handled = figures.value("t3.result_total.total") or Decimal(0)
        forward = figures.value("t3.carried_forward.total") or Decimal(0)
        example += f"，办结{plain(handled)}件" + (f"，结转下年度继续办理{plain(forward)}件" if forward else "")
    message = (f"表三有政府信息公开申请{plain(new + carried)}件（本年新收{plain(new)}件、上年结转"
               f"{plain(carried)}件），但总体情况未写依申请公开的情况")
    evidence, location = overview[0][0].text[:40], Location(section="overview")
    inquiry = _same_count_of_inquiries(overview, new)
    if inquiry is not None:  # 七里坪镇2020: "部门信箱收到群众咨询3条" and 3 new applications in table 三
        para, start, end = inquiry
        evidence, location = para.text[start:end], para.location(start, end)
        message += f"，只写了“{evidence}”，件数与本年新收申请相同：是否把咨询计为了申请"
    yield Hit(
        message=message, location=location, evidence=evidence,
        expected="写明收到和处理申请的情况", found="未提及",
        suggestion=f"在总体情况中写明依申请公开情况，如“{example}。”；咨询、留言不计入表三",
    )


# what table 四 counts, and the word a text that speaks of it cannot do without
_APPEAL_KINDS = (("行政复议", ("review",), "复议"), ("行政诉讼", ("suit_direct", "suit_after_rev"), "诉讼"))


@rule("C5.silent.t4", "completeness", "warning", "表四有行政复议或行政诉讼时，正文写明其情况", scope="text",
      needs=(*NARRATIVE, "t4"))
def appeals_mentioned(run: RuleRun) -> Iterator[Hit]:
    doc, figures = run.doc, _Figures(run)
    if is_partial(doc):
        return  # a text cut off may speak of them further on
    text = "\n".join(p.text for p in all_paragraphs(doc))
    unsaid = []
    for name, groups, word in _APPEAL_KINDS:
        count = sum((figures.value(f"t4.{g}.total") or Decimal(0) for g in groups), Decimal(0))
        if count and word not in text:
            unsaid.append(f"{name}{plain(count)}件")
    if unsaid:
        yield Hit(
            message=f"表四有{'、'.join(unsaid)}，但正文未提及", location=Location(section="appeals"),
            evidence="", expected="写明行政复议、行政诉讼的情况", found="未提及",
            suggestion="在总体情况或第四部分写明行政复议、行政诉讼的件数和结果",
        )


_INQUIRY_WORDS = lazy_compile(r"咨询|留言|来信|来电|诉求")
_CLAUSE_BOUNDS = lazy_compile(r"[。；;！？!?]")


def _same_count_of_inquiries(overview: list[tuple[Paragraph, list[Claim]]],
                             new: Decimal) -> tuple[Paragraph, int, int] | None:
    """The statement (between semicolons) of the overview that counts inquiries (咨询、留言) with the number of new
    applications: (paragraph, start, end), or None."""
    for para, claims in overview:
        for claim in claims:
            if claim.kind != "number" or claim.value != new or claim.figures or \
                    not _INQUIRY_WORDS.search(para.text[claim.subject_start:claim.start]):
                continue
            before = [m.end() for m in _CLAUSE_BOUNDS.finditer(para.text, 0, claim.start)]
            after = _CLAUSE_BOUNDS.search(para.text, claim.end)
            start, end = (before[-1] if before else 0), (after.start() if after else len(para.text))
            return para, start, end
    return None


@rule("C6", "completeness", "warning", "表三有因逾期未缴费不再处理的申请时，第六部分说明信息处理费情况", scope="text",
      needs=(*NARRATIVE, "t3"))
def fee_notices_mentioned(run: RuleRun) -> Iterator[Hit]:
    if not run.doc.has("other"):
        return
    unpaid = _Figures(run).value("t3.oth_fee_unpaid.total")
    if not unpaid:
        return
    other = [p for p, _c in run.claims if p.section == "other"]
    if not other or any(w in p.text for p in other for w in FEE_WORDS):
        return
    yield Hit(
        message=(f"表三有{plain(unpaid)}件申请因申请人逾期未按收费通知要求缴纳费用而不再处理，"
                 "说明本年发出过收费通知，但“六、其他需要报告的事项”未提及信息处理费"),
        location=Location(section="other"), evidence=other[0].text[:40],
        expected="说明发出收费通知和收取信息处理费的情况", found="未提及",
        suggestion="写明依《政府信息公开信息处理费管理办法》发出收费通知的件数、金额和实际收取的信息处理费",
    )


# ----------------------------------------------------------------------------------------------------------------
# Evidence and location


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
