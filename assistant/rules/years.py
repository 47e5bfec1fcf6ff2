"""Year rules (format.md C9, E11): the title year, the statistics period, 本年 sentences, plans dated the report year,
years out of range."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.model import Document, Location
from assistant.numbering import CN_ORDINAL, YEAR, chinese_date
from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, cell, rule
from assistant.rules.textscan import NARRATIVE_YEAR, all_paragraphs, clauses, draft_of, sentences, snippet, years_in
from assistant.textview import Paragraph

_PERIOD_WORDS = lazy_compile(r"统计(?:期限|时限|时间段|时间|期间|区间|时段|周期|截止)|数据截[止至]|截[止至]日期|所列数据")
_DATE = lazy_compile(rf"(?:({YEAR})\s*年\s*)?(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日")
_DATE_RANGE = lazy_compile(r"\d{4}\s*年\s*1\s*月\s*1\s*日\s*起?\s*(?:至|到|—|－|-)")
_GARBLED_DATE = lazy_compile(
    r"(?<!\d)\d{5,}\s*[年日]|(?<!\d)\d{4}\s*年\s*\d{3,}\s*[月日]|(?<!\d)\d{1,2}\s*月\s*\d{1,2}(?!\s*[\d日号])"
)
_CUT_OFF = lazy_compile(r"截[至止]|核定")
_THIS_YEAR = lazy_compile(r"本年度?|今年")
_COMPARISON = lazy_compile(r"较|比|同比|相比|上年|上一年|去年|增长|减少|下降|增加|持平")
_PLAN_AFTER_YEAR = lazy_compile(
    rf"({YEAR})\s*年度?[^，。；：！？,;:!?\n]{{0,20}}?(?:将(?!近)|拟|准备|打算|力争|争取)"
)
_PLAN_BEFORE_YEAR = lazy_compile(rf"(?:(?<![现特兹])将|拟|下一步|明年|今后)(?:于|在|到)?\s*({YEAR})\s*年")
# "2024年，我镇将进一步…": the year, a comma, then the organ that will act
_PLAN_YEAR_COMMA = lazy_compile(
    rf"({YEAR})\s*年度?[，,]\s*(?:[我本该全][\u4e00-\u9fff]{{1,3}}|[\u4e00-\u9fff]{{2,10}}?(?:镇|乡|街道|县|区|市|局))?"
    r"(?:还|也|仍)?(?:将(?!近)|拟|计划|准备|打算|力争|争取)"
)
_BA_CONSTRUCTION = lazy_compile(r"将.*(?:纳入|列入|作为|融入|列为|转为|交由|落实到|分解到|细化到|送达|提交|结合|挂钩|统一)")
_CARRY = lazy_compile(rf"(?:结转|顺延|转入)(?:至|到)\s*({YEAR})\s*年")
_RANGE = lazy_compile(rf"({YEAR})\s*年?\s*[—–\-－~～至到]\s*({YEAR})\s*年")
_HAS_YEAR = lazy_compile(rf"{YEAR}\s*年")
_FUTURE_HORIZON = lazy_compile(r"(?:到|至|前|之前)\s*$")
# Clauses where a past year is normal: comparisons, last year's problems, budgets, history, documents.
_PAST_OK = lazy_compile(
    r"上年|上一年|去年|以来|决算|预算|报告|整改|较|比|同比|相比|增长|减少|下降|增加|截至|截止|至今|成立|"
    rf"设立|印发|出台|制定|发布的|历年|连续|以前|之前|分别|相继|结转|转结|期间|版|第{CN_ORDINAL}+届|"
    r"评估|测评|考评|评议|通报|指出|反馈|持平|相当|同期|"
    r"\d+件(?:是|为|系)"  # "其中1件为2023年信息公开件": the year a counted case dates from
)


# Last year's problems and their fixes ("针对上年度报告所列问题，2024年存在的…问题，已建立…"): the previous year is
# named rightly there (五's 上年度问题改进). A comparison ("较上年增长") is no such context: a copied "2023年，…较上年…"
# is still last year's sentence.
_LAST_YEARS_PROBLEMS = lazy_compile(r"(?:上一?年度?|去年)[^，,。；;！？]{0,12}?(?:报告|问题|不足|短板|整改|改进)")


def _about_last_years_problems(paragraph: Paragraph, start: int) -> bool:
    """Whether the sentence at ``start`` (or, in 五, its paragraph) speaks of last year's problems and their fixes
    (asked only of a year that itself names problems, "2024年存在的…问题": a year told as the time of the fix,
    "针对上年度报告所列问题，2023年我局建立了…", is a copied sentence still)."""
    if paragraph.section == "problems" and _LAST_YEARS_PROBLEMS.search(paragraph.text):
        return True
    return any(s <= start < e and _LAST_YEARS_PROBLEMS.search(text) for s, e, text in sentences(paragraph.text))


# A past year that names past items rather than the time of this year's work: the object of a preposition
# ("办理因2023年度政府信息公开申请引发行政复议1件", "对2023年度的申请…") or an attribute ("2023年度提出的申请",
# "2023年的案件"). "2023年，我镇收到申请5件" (the year told as the time of the work) is none of these.
_ITEM_NOUNS = r"(?:申请|案件|件|事项|复议|诉讼)"
_YEAR_AS_ITEMS_OBJECT = lazy_compile(r"(?:因|对|就|针对|涉及|源于|关于)\s*$")
_ITEMS_AFTER_YEAR = lazy_compile(rf"\s*年度?[^，,。；;：:！？]{{0,12}}?{_ITEM_NOUNS}")
# ... or past problems: "针对2023年度公开栏更新不及时问题，…" (上年度问题改进, as the drafter writes it).
_FAULTS_AFTER_YEAR = lazy_compile(r"\s*年度?[^，,。；;：:！？]{0,20}?(?:问题|不足|短板|差距)")
_YEAR_AS_ITEMS_ATTRIBUTE = lazy_compile(
    rf"\s*年度?(?:提出|收到|受理|未办结|尚未办结|遗留)?的(?:政府)?(?:信息公开|依申请公开)?{_ITEM_NOUNS}")


def _names_past_items(clause: str, start: int, end: int) -> bool:
    """Whether the year at ``clause[start:end]`` qualifies past applications or cases (因2023年度…申请, 2023年度的申请)
    or, as the object of 针对/对/就…, past problems (针对2023年度…问题, 对2023年度存在的不足)."""
    after = clause[end:]
    if _YEAR_AS_ITEMS_ATTRIBUTE.match(after):
        return True
    return bool(_YEAR_AS_ITEMS_OBJECT.search(clause[max(0, start - 3):start])
                and (_ITEMS_AFTER_YEAR.match(after) or _FAULTS_AFTER_YEAR.match(after)))


def _report_year(doc: Document) -> int:
    return doc.report.meta.year


def _in_book_title(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count("《") > before.count("》")


@rule("Y1", "year", "error", "标题中的年度与报告年度一致", scope="text", needs=NARRATIVE_YEAR)
def title_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    draft = draft_of(doc)
    title, year = draft.title.strip(), _report_year(doc)
    if not title:
        return
    found = list(years_in(title))
    if not found:
        yield Hit(message=f"标题未写年度：“{title}”", location=_title_loc(), evidence=title, expected=f"{year}年",
                  found="无年度", severity="warning", suggestion=f"在标题中写明“{year}年”")
        return
    for value, start, end in found:
        if value != year:
            yield Hit(message=f"标题中的年度为{value}年，而本报告是{year}年度报告", location=_title_loc(start, end),
                      evidence=title, expected=year, found=value, suggestion=f"改为“{year}年”")


def _title_loc(start: int | None = None, end: int | None = None):  # noqa: ANN202 - Location
    return Paragraph("title", 0, "").location(start, end)


def _period_sentences(doc: Document) -> Iterator[tuple[Paragraph, int, int, str]]:
    for p in all_paragraphs(doc):
        if p.section == "title":
            continue
        for start, end, sentence in sentences(p.text):
            if _PERIOD_WORDS.search(sentence) and (_DATE.search(sentence) or re.search(r"\d{5,}", sentence)
                                                   or _HAS_YEAR.search(sentence)):
                yield p, start, end, sentence
            elif p.section == "preamble" and _DATE_RANGE.search(sentence):  # "涵盖2020年1月1日至12月21日…"
                yield p, start, end, sentence


@rule("Y2", "year", "error", "统计期限为报告年度的1月1日至12月31日，且日期写法正确", scope="text", needs=NARRATIVE_YEAR)
def statistics_period(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = _report_year(doc)
    expected = f"{year}年1月1日至{year}年12月31日"
    seen = False
    for p, start, _end, sentence in _period_sentences(doc):
        seen = True
        garbled = _GARBLED_DATE.search(sentence)
        if garbled:
            yield Hit(
                message=f"统计期限的日期写法有误：“{garbled.group(0)}”",
                location=p.location(start + garbled.start(), start + garbled.end()),
                evidence=snippet(sentence, garbled.start(), garbled.end()), expected=expected,
                found=garbled.group(0), suggestion=f"写作“统计期限自{expected}”",
            )
            continue
        dates = [(int(y) if y else None, int(m), int(d), match) for match in _DATE.finditer(sentence)
                 for y, m, d in [match.groups()]]
        if not dates:  # "统计期限为2024年度"
            for value, s_, e_ in years_in(sentence):
                if value != year:
                    yield Hit(message=f"统计期限应为{year}年度，文中为{value}年", location=p.location(start + s_, start + e_),
                              evidence=sentence.strip(), expected=expected, found=value, suggestion=f"改为“{expected}”")
            continue
        first, last = dates[0], dates[-1]
        if len(dates) == 1 and _CUT_OFF.search(sentence):  # "数据截至12月31日": only the end date is given
            if (first[0] or year, first[1], first[2]) != (year, 12, 31):
                match = first[3]
                yield Hit(message=f"统计截止日期应为{year}年12月31日，文中为“{match.group(0)}”",
                          location=p.location(start + match.start(), start + match.end()),
                          evidence=snippet(sentence, match.start(), match.end()), expected=f"{year}年12月31日",
                          found=match.group(0), suggestion=f"写作“统计期限自{expected}”")
            continue
        problems = []
        if first[0] is None or (first[0], first[1], first[2]) != (year, 1, 1):
            problems.append(first)
        if len(dates) > 1 and ((last[0] or year), last[1], last[2]) != (year, 12, 31):
            problems.append(last)
        for _y, _m, _d, match in problems:
            yield Hit(
                message=f"统计期限应为{expected}，文中为“{match.group(0)}”",
                location=p.location(start + match.start(), start + match.end()),
                evidence=snippet(sentence, match.start(), match.end()), expected=expected, found=match.group(0),
                suggestion=f"改为“{expected}”",
            )
    draft = draft_of(doc)
    if not seen and draft.preamble and "preamble" not in doc.missing:
        yield Hit(message="开头未说明统计期限", location=Paragraph("preamble", 0, "").location(), expected=expected,
                  found="未说明", severity="info", suggestion=f"写明“本报告所列数据的统计期限自{expected}止”")


@rule("Y3", "year", "error", "“本年”“今年”所在的句子不应写成其他年份", scope="text", needs=NARRATIVE_YEAR)
def this_year_other_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = _report_year(doc)
    for p in all_paragraphs(doc):
        if p.section == "title" or not _HAS_YEAR.search(p.text):
            continue
        for start, _end, clause in sentences(p.text):
            if not _THIS_YEAR.search(clause) or _COMPARISON.search(clause) or _PERIOD_WORDS.search(clause):
                continue
            for value, s, e in years_in(clause):
                if value != year and not _in_book_title(clause, s):
                    yield Hit(
                        message=f"“本年/今年”所在的句子写的是{value}年，本报告是{year}年度报告",
                        location=p.location(start + s, start + e), evidence=clause.strip(), expected=year,
                        found=value, suggestion=f"核对年份，应为“{year}年”",
                    )


@rule("Y4", "year", "error", "改进计划、下一步工作、结转事项应写下一年度（不应写成报告年度）", scope="text", needs=NARRATIVE_YEAR)
def plans_dated_report_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = _report_year(doc)
    for p in all_paragraphs(doc):
        if p.section in ("title", "closing") or not _HAS_YEAR.search(p.text):
            continue
        for start, _end, clause in clauses(p.text):
            found: list[tuple[int, int, int, str]] = []
            for m in _PLAN_AFTER_YEAR.finditer(clause):
                if not _BA_CONSTRUCTION.search(clause[m.end() - 1:]):
                    found.append((int(m.group(1)), m.start(1), m.end(1), "plan"))
            for m in _PLAN_BEFORE_YEAR.finditer(clause):
                found.append((int(m.group(1)), m.start(1), m.end(1), "plan"))
            for m in _CARRY.finditer(clause):
                found.append((int(m.group(1)), m.start(1), m.end(1), "carry"))
            comma_plans = _PLAN_YEAR_COMMA.finditer(p.text, start, start + len(clause) + 40) \
                if p.section == "problems" else ()
            for m in comma_plans:
                if m.start() == start + clause.index(clause.lstrip()) and not _BA_CONSTRUCTION.search(p.text[m.end() - 1:]):
                    found.append((int(m.group(1)), m.start(1) - start, m.end(1) - start, "plan"))
            reported: set[int] = set()
            for value, s, e, kind in found:
                if value > year or s in reported:
                    continue
                reported.add(s)
                what = "结转下年度的申请" if kind == "carry" else "改进措施和下一步工作"
                yield Hit(
                    message=f"{what}应属{year + 1}年，文中写作{value}年：“{clause.strip()}”",
                    location=p.location(start + s, start + e), evidence=clause.strip(), expected=year + 1,
                    found=value, suggestion=f"改为“{year + 1}年”",
                )


def _range_years(text: str) -> set[int]:
    """Start positions of years that are part of a range such as 2021—2025年."""
    out: set[int] = set()
    for m in _RANGE.finditer(text):
        out.update((m.start(1), m.start(2)))
    return out


@rule("Y5", "year", "error", "正文中的年份不应晚于报告年度的下一年", scope="text", needs=NARRATIVE_YEAR)
def years_beyond_next(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = _report_year(doc)
    for p in all_paragraphs(doc):
        if p.section == "closing":  # the signing date: Y7 judges it (a late one is a warning, not an impossible year)
            continue
        ranges = _range_years(p.text)
        for value, s, e in years_in(p.text):
            if value <= year + 1 or s in ranges or _in_book_title(p.text, s):
                continue
            if _FUTURE_HORIZON.search(p.text[max(0, s - 3):s]) or re.match(r"\s*年(?:远景|目标|规划|前)",
                                                                              p.text[e:e + 5]):
                continue
            yield Hit(
                message=f"{year}年度报告中出现{value}年，晚于报告发布的年份", location=p.location(s, e),
                evidence=snippet(p.text, s, e), expected=f"≤{year + 1}", found=value,
                suggestion=f"核对年份（本报告统计{year}年，于{year + 1}年发布）",
            )


_REPORT_NOTICE = lazy_compile(rf"《[^《》]*?({YEAR})\s*年度?[^《》]*?(?:年度报告|年报)[^《》]*》")


@rule("Y6", "year", "warning", "叙述本年度工作的句子写了往年年份（疑为沿用往年报告）", scope="text", needs=NARRATIVE_YEAR)
def stale_years(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = _report_year(doc)
    for p in all_paragraphs(doc):
        if p.section in ("title", "closing") or not _HAS_YEAR.search(p.text):
            continue
        for m in _REPORT_NOTICE.finditer(p.text):  # 《关于编制2021年政府信息公开工作年度报告的通知》
            if int(m.group(1)) < year:
                yield Hit(
                    message=f"所引文件是关于{m.group(1)}年度报告的，本报告是{year}年度报告：“{m.group(0)}”",
                    location=p.location(m.start(1), m.end(1)), evidence=m.group(0), expected=year,
                    found=int(m.group(1)), suggestion=f"引用关于{year}年度报告编制的文件",
                )
        ranges = _range_years(p.text)
        this_year = [(s, e) for s, e, text in sentences(p.text) if _THIS_YEAR.search(text)]  # Y3's
        for start, _end, clause in clauses(p.text):
            if _PAST_OK.search(clause) or _PERIOD_WORDS.search(clause) or any(s <= start < e for s, e in this_year):
                continue
            for value, s, e in years_in(clause):
                if value >= year or (start + s) in ranges or _in_book_title(clause, s):
                    continue
                if value == year - 1 and _FAULTS_AFTER_YEAR.match(clause[e:]) and _about_last_years_problems(p, start + s):
                    continue
                if _names_past_items(clause, s, e):
                    continue
                yield Hit(
                    message=f"{year}年度报告写的是{value}年：“{clause.strip()}”", location=p.location(start + s, start + e),
                    evidence=clause.strip(), expected=year, found=value,
                    suggestion=f"如叙述的是本年度工作，改为“{year}年”；如确指往年，写明“上年”等",
                )


_FULL_DATE = lazy_compile(rf"({YEAR})\s*年\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日")


@rule("Y7", "year", "error", "落款日期在报告年度之后（一般为次年年初）", needs=("year",))
def closing_date(run: RuleRun) -> Iterator[Hit]:
    """The dates of the narrative's closing; without a narrative (an input file: the draft's closing will carry it),
    the input's 落款日期 (meta.sign_date). A figures rule, so that ``check`` of an input file judges the date that
    ``draft`` of it writes."""
    doc = run.doc
    year = _report_year(doc)
    if doc.narrative is not None:
        dates = [(p, m) for p in all_paragraphs(doc) if p.section == "closing" for m in _FULL_DATE.finditer(p.text)]
        for p, m in dates:
            hit = _sign_date_hit(year, int(m.group(1)), m.group(0), p.location(m.start(), m.end()))
            if hit is not None:
                hit.evidence = p.text.strip()
                yield hit
    elif doc.report.meta.sign_date is not None:
        signed = doc.report.meta.sign_date
        hit = _sign_date_hit(year, signed.year, chinese_date(signed), cell("meta.sign_date"))
        if hit is not None:
            yield hit


def _sign_date_hit(year: int, signed_year: int, written: str, location: Location) -> Hit | None:
    """Y7's finding on one sign date (written as ``written``), or None when it falls in the year after ``year``."""
    if year < signed_year <= year + 1:
        return None
    return Hit(
        message=f"落款日期“{written}”不在{year}年度报告应有的发布年份（{year + 1}年）", location=location,
        expected=f"{year + 1}年", found=written, severity="warning" if signed_year > year + 1 else None,
        suggestion=f"核对落款日期（{year}年度报告在{year + 1}年发布）",
    )


_NOW_WORDS = lazy_compile(r"今年(?:以来)?")


@rule("Y8", "year", "warning", "年度报告在报告年度结束后发布，叙述报告年度不用“今年”“今年以来”（写明年份）", scope="text",
      needs=NARRATIVE_YEAR)
def this_year_after_it_ended(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = _report_year(doc)
    places = [(p, m) for p in all_paragraphs(doc) if p.section != "title" for m in _NOW_WORDS.finditer(p.text)]
    if not places:
        return
    p, m = places[0]  # one root problem (the text was written before the year ended): one finding, at the first
    more = f"（全文共{len(places)}处）" if len(places) > 1 else ""
    yield Hit(
        message=f"{year}年度报告在{year}年结束后发布，“{m.group(0)}”指代不明{more}", location=p.location(m.start(), m.end()),
        evidence=snippet(p.text, m.start(), m.end()), expected=f"{year}年", found=m.group(0),
        suggestion=f"改为“{year}年”（如“{year}年以来”）",
    )
