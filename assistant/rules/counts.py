"""Count-like statements about applications, 复议 and 诉讼 in any wording: mapped to their cell, or a question.

The claim extractor maps the usual wordings ("本年度收到政府信息公开申请12件") to table cells, and the C rules check
them. A count written otherwise ("本年度收到申请数量为999", "共计999份", "受理群众信息公开诉求999件",
"依申请公开事项999件", "约1000件", "近千件", "百余件", "0.999千件") would otherwise pass unread. This rule reads every
number of such a sentence that no mapped claim covers, and compares it with the cells it can mean: when it fits none
(an approximate number: none within a tenth), it is reported as uncertain — never as an error, never ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.claims import is_time_limit, vocabulary
from assistant.facts import figure_value
from assistant.model import Document
from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, snippet

_CN = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SCALE = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_NUMBER = lazy_compile(
    r"(?P<approx>约|近|将近|接近|大约|超过|逾)?"
    r"(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万]+)(?P<scale>[十百千万])?"
    r"(?P<more>余|多)?(?P<unit>件|份|个|宗|起|次|人次)?"
)
# What a number is about, from the words before it in its clause (or just after it: "999份申请").
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("review", lazy_compile(r"行政复议|复议")),
    ("suit", lazy_compile(r"行政诉讼|诉讼|起诉")),
    ("requests", lazy_compile(r"申请|(?:信息)?公开诉求|依申请公开事项|依申请公开件|依申请")),
)
# Occasions a number counts when one is named after the topic word: "组织依申请公开专题培训1次" counts trainings,
# "召开复议案件研判会2次" meetings, not applications or 复议
_OCCASIONS = lazy_compile(r"培训|会议|[例大]会|推进会|部署会|研判会|讲座|座谈|研讨|学习|检查|督查|督导|评查|抽查|考核|调研|宣传|活动|演练|通报")
# Other things a number counts (a year, a date, a percentage, information items …); time limits are the claims'.
_NOT_A_COUNT = lazy_compile(r"^\s*(?:年|月|日|号|%|％|条|期|篇|项|人|万元|元|部|栏|版)")
_TOPIC_LIST = "本年新收（及上年结转）的申请、办理结果总数"


def _topic(before: str, after: str) -> str | None:
    """What a number is about, from the words before it in its clause or just after it ("999份申请"); None when an
    occasion is named after the last topic word before it (the number counts the occasions)."""
    if not any(p.match(after) for _t, p in _TOPICS):
        ends = [m.end() for _t, p in _TOPICS for m in p.finditer(before)]
        if ends and _OCCASIONS.search(before, max(ends)):
            return None
    return next((t for t, p in _TOPICS if p.search(before) or p.match(after)), None)


def _remainder_follows(text: str, pos: int) -> bool:
    """Whether a later clause of the sentence starts with the remainder of the count at ``pos`` ("一件申请转信访办处理，
    另一件按时答复"): then that count is one part of several, told one by one."""
    sentence_end = re.search(r"[。！？!?\n]", text[pos:])
    rest = text[pos:pos + sentence_end.start()] if sentence_end else text[pos:]
    words = "|".join(map(re.escape, vocabulary().remainder_words))
    return bool(re.search(rf"[，,；;](?:{words})\s*(?:\d+|[一二两三四五六七八九十]+)\s*[件份个宗起]", rest))


def _value(m: re.Match[str]) -> Decimal | None:
    text = m.group("n")
    value = Decimal(text) if text[0].isdigit() else _chinese(text)
    if value is None:
        return None
    if m.group("scale"):
        value *= _SCALE[m.group("scale")]
    return value


def _chinese(text: str) -> Decimal | None:
    total, current = 0, 0
    for ch in text:
        if ch in _CN:
            current = _CN[ch]
        elif ch in _SCALE:
            total += (current or 1) * _SCALE[ch]
            current = 0
        else:
            return None
    return Decimal(total + current)


def _cells(doc: Document, topic: str) -> dict[str, int]:
    """The figures a count about ``topic`` can mean, with their values (only tables that were read)."""
    report = doc.report

    def count(fid: str) -> int | None:
        value = figure_value(report, fid)
        return value if isinstance(value, int) else None

    out: dict[str, int | None] = {}
    if topic == "requests" and doc.has("t3"):
        out = {"表三本年新收": count("t3.new_received.total"), "表三办理结果总计": count("t3.result_total.total"),
               "表三新收与上年结转之和": count("t3.received.total")}
    elif topic == "review" and doc.has("t4"):
        out = {"表四行政复议总计": count("t4.review.total")}
    elif topic == "suit" and doc.has("t4"):
        out = {"表四行政诉讼总计": count("t4.suit.total"), "表四未经复议直接起诉": count("t4.suit_direct.total"),
               "表四复议后起诉": count("t4.suit_after_rev.total")}
    return {k: v for k, v in out.items() if v is not None}


def _fits(value: Decimal, cells: dict[str, int], approximate: bool) -> bool:
    for n in cells.values():
        if value == n or (approximate and abs(value - n) <= max(Decimal(1), Decimal(n) / 10)):
            return True
    return False


@rule("C9", "text_vs_table", "warning", "以其他说法写出的申请、复议、诉讼数量（“申请数量为N”“共计N份”“近千件”“百余件”）与表格相符",
      scope="text", needs=NARRATIVE)
def unmapped_counts(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    draft = doc.narrative
    if draft is None:
        return
    for para, claims in run.claims:
        if para.section in ("title", "closing"):
            continue
        # mapped exact claims are the C rules'; approximate ones ("约1000件", "999余件") they leave alone
        covered = [(c.start, c.end) for c in claims
                   if (c.figures and "approx" not in c.qualifiers) or c.kind == "percent"]
        for clause in re.finditer(r"[^，。；：,;:\n]+", para.text):
            text = clause.group(0)
            for m in _NUMBER.finditer(text):
                start, end = clause.start() + m.start("n"), clause.start() + m.end()
                if not m.group("n") or any(s < end and start < e for s, e in covered):
                    continue
                if m.group("unit") in (None, "个") and is_time_limit(text[m.end():]):
                    continue  # "20个工作日", "15日", "3个月": a time limit
                if _NOT_A_COUNT.match(text[m.end():]) or (m.group("n")[0].isdigit() and not (
                        m.group("unit") or m.group("scale") or m.group("more") or m.group("approx")
                        or re.match(r"\s*(?:[，。；,;]|$)", text[m.end():]))):
                    continue  # a year, a date, a percentage, a count of information items, a phone number …
                if not m.group("n")[0].isdigit() and not (
                        m.group("scale") or re.search(r"[十百千万]", m.group("n")) or m.group("unit") in ("件", "份", "起", "宗")):
                    continue  # 一是、一次性、两个、“三个一” … are no counts
                if text[:m.start()].count("“") > text[:m.start()].count("”"):
                    continue  # inside quotation marks: a fixed expression
                if _remainder_follows(para.text, end):
                    continue  # "一件申请转信访办处理，另一件按时答复": one of the cases, told one by one
                before = text[:m.start()]
                after = text[m.end():m.end() + 4]
                topic = _topic(before[-16:], after)
                value = _value(m)
                if topic is None or value is None:
                    continue
                cells = _cells(doc, topic)
                if not cells:
                    continue  # the table was not read: nothing to compare with
                approximate = bool(m.group("approx") or m.group("more")) or not m.group("n")[0].isdigit()
                if _fits(value, cells, approximate):
                    continue
                written = m.group(0)
                listing = "、".join(f"{k}{v}件" for k, v in cells.items())
                yield Hit(
                    message=f"正文“{written}”说的是{'行政复议' if topic == 'review' else '行政诉讼' if topic == 'suit' else '申请'}"
                            f"的数量，与表格对不上（{listing}），请核对",
                    location=para.location(start, end), evidence=snippet(para.text, start, end), found=written,
                    expected=listing, status="uncertain",
                    suggestion="按表格的数字写，并用表格的说法（如“本年新收政府信息公开申请N件”）",
                )
