"""Punctuation and unfinished sentences: a paragraph of the narrative that ends without its closing mark (W1.stop);
the last of a run of counts written without its number (W1.count); a comma inside a 、 list (W6.list) or between
what is counted and its count (W6.count). W1 (wording.py) reports a paragraph ending in ，or 、.

A paragraph of running text ends with 。 (or ！？, ；/： before a list, a closing quote or bracket). Lines that are not
running text are left alone: headings and sub-headings standing on their own line ("（一）主动公开情况"), table rows
and lists of figures, the title, the signature and date lines, a web address or contact detail standing last, and the
last paragraph of a partial report (it may end where the excerpt was cut). Text read from a PDF has its hard-wrapped
lines joined into paragraphs by the reader before the rule sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, all_paragraphs, draft_of, is_partial, last_section_key, sentences
from assistant.textview import Paragraph

_CLOSING_MARKS = "。！？；：…”’」』）)》】〕]!?;:."  # 〕: a 〔待补…〕 gap standing last is G1's finding
_SENTENCE_MARK = lazy_compile(r"[。！？；!?;]")
_CLAUSE_MARK = lazy_compile(r"[，,、。；;！？!?]")
# the end of a paragraph that is not running text: a web address, an e-mail, a telephone number, a date
_NOT_PROSE_END = lazy_compile(
    r"(?:https?://|www\.)\S+$|[\w.-]+@[\w.-]+$|(?:电话|传真|邮编|邮箱|地址|网址|联系方式)[:：]?\s*[\w\-—（）()./]+$"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)
# a web page's own lines kept in the text: the breadcrumb, source and date line, print and font-size buttons
_PAGE_CHROME = lazy_compile(r"当前位置|来源[:：].{0,40}(?:时间|日期)[:：]|浏览次数|附件下载|字号[:：]?\s*[大中小]")
_NUMBERED = lazy_compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))")
_MIN_CLAUSES = 2  # running text: at least two clauses before the end (a lone phrase is a heading or a label)


def _cut_off(paragraph: Paragraph, run: RuleRun) -> bool:
    """The last paragraph of a partial report, which may end where the excerpt was cut."""
    doc = run.doc
    if not is_partial(doc):
        return False
    draft = draft_of(doc)
    if draft.closing or not draft.sections:
        return False
    return paragraph.section == last_section_key(doc) and paragraph.index == len(draft.sections[-1].paragraphs) - 1


def _is_running_text(text: str) -> bool:
    """Prose, not a heading, label, table row or list of figures."""
    if "|" in text or "\t" in text:
        return False
    clauses = [c for c in _CLAUSE_MARK.split(text) if c.strip()]
    if len(clauses) < _MIN_CLAUSES:
        return False
    if _NUMBERED.match(text) and not _SENTENCE_MARK.search(text):  # "（一）主动公开情况，公开目录" : a sub-heading
        return False
    letters = re.findall(r"[\u4e00-\u9fff]", text)
    return len(letters) >= 12


@rule("W1.stop", "wording", "warning", "正文段落以句号等标点结束（不缺段末的“。”）", scope="text", needs=NARRATIVE)
def paragraph_without_full_stop(run: RuleRun) -> Iterator[Hit]:
    for p in all_paragraphs(run.doc):
        if p.section in ("title", "closing"):
            continue
        text = p.text.rstrip()
        if not text or text[-1] in _CLOSING_MARKS or text[-1] in "，、,":  # ，、 at the end: W1's finding
            continue
        if _NOT_PROSE_END.search(text) or _PAGE_CHROME.search(text) or not _is_running_text(text) \
                or _cut_off(p, run):
            continue
        begin = max(text.rfind(c) for c in "。；！？;!?，,") + 1
        tail = text[max(begin, len(text) - 30):].strip().lstrip("、")
        mark, name = ("：", "冒号") if text.endswith("如下") else ("。", "句号")  # "现将…报告如下" opens what follows
        yield Hit(
            message=f"段落末尾缺{name}：“{tail}”之后没有“{mark}”", location=p.location(len(text) - 1, len(text)),
            evidence=tail, expected=f"{tail}{mark}", found=tail, suggestion=f"在段末补上“{mark}”（或补全这句话）",
        )


# "废止规范性文件0件，现行有效的规范性文件。": the last of a run of counts of one noun, without its number
_COUNTED = lazy_compile(r"([\u4e00-\u9fff]{4,12}?)\s*(\d+)\s*[件条个项次篇份]$")
_MIN_NOUN = 4  # "规范性文件", "政府信息": shorter tails ("文件", "信息") are too common to compare


def _counted_noun(clause: str) -> str | None:
    m = _COUNTED.search(clause)
    return m.group(1) if m else None


def _shared_tail(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n:]


@rule("W1.count", "wording", "warning", "并列的计数句中每一项都写了数字（不写“现行有效的规范性文件。”）", scope="text",
      needs=NARRATIVE)
def count_without_number(run: RuleRun) -> Iterator[Hit]:
    for p in all_paragraphs(run.doc):
        for start, _end, sentence in sentences(p.text):
            parts = [(m.start(), m.group(0)) for m in re.finditer(r"[^，,]+", sentence.rstrip("。；;！？!? "))]
            for i in range(2, len(parts)):
                (_a, first), (_b, second), (at, last) = parts[i - 2], parts[i - 1], parts[i]
                nouns = [_counted_noun(first), _counted_noun(second)]
                # a number in words, or a zero said in words ("未废止行政规范性文件"): not a count left out
                if None in nouns or re.search(r"\d|[零一二三四五六七八九十百千两]|未|无|没有|不|均", last):
                    continue
                noun = _shared_tail(*nouns)  # type: ignore[arg-type]
                if len(noun) < _MIN_NOUN or not last.endswith(noun):
                    continue
                offset = start + at
                yield Hit(
                    message=f"并列的计数句中“{last.strip()}”缺少数字（前两项为“{first.strip()}”“{second.strip()}”）",
                    location=p.location(offset, offset + len(last)),
                    evidence=p.text[offset:offset + len(last) + 1].strip(),
                    expected=f"{last.strip()}N件", found=last.strip(), suggestion="补上件数（没有的写“0件”）",
                )


# A list whose items are joined by 、 with one comma among them: "真实性,完整性、准确性和安全性" (items of one kind,
# alike in length and ending), "政府信息管理、平台建设,监督保障等方面" (a comma before the last item and its 等).
_COMMA_THEN_LIST = lazy_compile(r"[,，]([\u4e00-\u9fff]{2,4})、")
_LIST_THEN_COMMA = lazy_compile(r"、([\u4e00-\u9fff]{2,6})[,，]([\u4e00-\u9fff]{2,6})等")
# "通过电子屏幕,公告栏等公开渠道": two channels joined by a comma, named as channels by what follows 等
_CHANNELS_WITH_COMMA = lazy_compile(
    r"(?:通过|利用|依托|借助)([\u4e00-\u9fff]{2,6})[,，]([\u4e00-\u9fff]{2,6})等(?=(?:公开|宣传|发布|信息)?"
    r"(?:渠道|平台|载体|方式|阵地|途径|媒介|媒体))")


def _list_commas(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, the items as written, as they should be) of each comma inside a 、 list."""
    for m in _COMMA_THEN_LIST.finditer(text):
        second = m.group(1)
        first = text[max(0, m.start() - len(second)):m.start()]
        third = text[m.end():m.end() + len(second)]
        if len(first) == len(third) == len(second) and re.fullmatch(r"[\u4e00-\u9fff]+", first + third) \
                and first[-1] == second[-1] == third[-1]:
            start = m.start() - len(first)
            yield start, m.end() + len(third), text[start:m.end() + len(third)], f"{first}、{second}、{third}"
    for m in _LIST_THEN_COMMA.finditer(text):
        before, after = m.group(1), m.group(2)
        if len(before) == len(after):
            yield m.start() + 1, m.end(), m.group(0)[1:], f"{before}、{after}等"
    for m in _CHANNELS_WITH_COMMA.finditer(text):
        yield m.start(1), m.end(), text[m.start(1):m.end()], f"{m.group(1)}、{m.group(2)}等"


@rule("W6.list", "wording", "warning", "并列的词语之间统一用顿号（不在“、”列举中夹一个逗号，如“真实性,完整性、准确性”）",
      scope="text", needs=NARRATIVE)
def comma_inside_list(run: RuleRun) -> Iterator[Hit]:
    for p in all_paragraphs(run.doc):
        for start, end, found, expected in _list_commas(p.text):
            yield Hit(
                message=f"并列的词语之间用了逗号：“{found}”应为“{expected}”", location=p.location(start, end),
                evidence=found, expected=expected, found=found, suggestion="并列的词语之间用顿号“、”",
            )


# "通过区政府门户网站公开镇财政信息,1条;": a comma between what is counted and its count
_COMMA_BEFORE_COUNT = lazy_compile(r"([^，,。；;：:！？!?\d\s][^，,。；;：:！？!?\d]{1,40})[,，]\s*(\d+\s*[件条个项次篇份])\s*(?=[;；。])")


@rule("W6.count", "wording", "warning", "数量紧跟所计的事物，中间不加逗号（不写“公开镇财政信息,1条”）", scope="text",
      needs=NARRATIVE)
def comma_before_count(run: RuleRun) -> Iterator[Hit]:
    for p in all_paragraphs(run.doc):
        for m in _COMMA_BEFORE_COUNT.finditer(p.text):
            found, expected = m.group(0).strip(), m.group(1) + m.group(2)
            yield Hit(
                message=f"数量前多了逗号：“{found}”应为“{expected}”", location=p.location(m.start(), m.end()),
                evidence=found, expected=expected, found=found, suggestion="删去数量前的逗号",
            )
