"""Wording rules: dangling fragments, repeated words, enumerations out of order, known slips, placeholders.

The slips, placeholders and allowed repetitions are data in ``schemas/wording.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from assistant.model import Document
from assistant.numbering import CN_NUMERALS_PLAIN, CN_ORDINAL, YEAR, cn_number, cn_numeral
from assistant.patterns import compiled, lazy_compile
from assistant.resources import schema_data
from assistant.rules.format_text import malformed_numbers
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import (
    NARRATIVE,
    all_paragraphs,
    draft_of,
    is_partial,
    last_section_key,
    snippet,
)
from assistant.segmenter import starts_word, word_at
from assistant.textview import Paragraph

_DANGLING = lazy_compile(r"[，、,]\s*$")
_DOUBLE_PUNCT = lazy_compile(r"[，、；：,;][，。、；,;]|。[，、。；]")
_REPEAT = lazy_compile(r"([\u4e00-\u9fff]{2,6})\1")
_REPEAT_PHRASE = lazy_compile(r"([^\s，。；：、,;:]\S[^，。；：、]{5,58}?)\1")  # a phrase pasted twice
_ENUM_SHI = lazy_compile(rf"(?:^|(?<=[：:；;，,。\s]))({CN_ORDINAL}{{1,2}})是")
_PARA_NUMBER = lazy_compile(rf"^\s*(?:[（(]({CN_ORDINAL}{{1,2}})[）)]|(\d{{1,2}})[.．、](?!\d))")


@cache
def _slips() -> list[tuple[re.Pattern[str], str, bool, str]]:
    """(pattern, correction, whether it may start inside a word: doubled characters such as 镇镇, what it is)."""
    return [(compiled(s["wrong"]), s["right"], bool(s.get("anywhere")), s.get("kind", "疑似错别字"))
            for s in schema_data("wording")["slips"]]


@cache
def _placeholders() -> re.Pattern[str]:
    return compiled("|".join(f"(?:{p})" for p in schema_data("wording")["placeholders"]))


# "如有疑问请与来凤县政务服务和大数据管理局(地址…)。": 请与 … without 联系
_CONTACT_WITHOUT_VERB = lazy_compile(r"请与((?:(?!联系|联络|咨询)[^。；，,(（])+)(?:[(（][^)）]{0,120}[)）])?(?=[。；])")


@rule("W1", "wording", "warning", "句子未写完（段落以“，”或“、”结尾；“请与……”后缺“联系”）", scope="text", needs=NARRATIVE)
def dangling_fragment(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    cut = _cut_off_paragraph(doc)
    for p in all_paragraphs(doc):
        for contact in _CONTACT_WITHOUT_VERB.finditer(p.text):
            yield Hit(
                message=f"句子没有写完：“请与{contact.group(1)}……”之后缺“联系”",
                location=p.location(contact.start(), contact.end()),
                evidence=snippet(p.text, contact.start(), contact.end()), expected=f"请与{contact.group(1)}联系",
                found=contact.group(0), suggestion="补上“联系”",
            )
        if p.section == "title" or (p.section, p.index) == cut:
            continue
        m = _DANGLING.search(p.text)
        if m:
            begin = max((p.text.rfind(c, 0, m.start()) for c in "。；！？"), default=-1) + 1
            tail = p.text[max(begin, m.start() - 30):m.end()].strip()
            yield Hit(
                message=f"段落以“{m.group(0).strip()}”结尾，句子没有写完：“{tail}”",
                location=p.location(m.start(), m.end()), evidence=tail, expected="完整的句子（以“。”结尾）",
                found=m.group(0).strip(), suggestion="补全这句话，或删去这个残句",
            )


def _cut_off_paragraph(doc: Document) -> tuple[str, int] | None:
    """The last paragraph of a partial document, which may end where the document was cut off."""
    if not is_partial(doc):
        return None
    draft = draft_of(doc)
    key = last_section_key(doc)
    if key is None or not draft.sections[-1].paragraphs or draft.closing:
        return None
    return key, len(draft.sections[-1].paragraphs) - 1


_PAGE_FIELD_BEFORE = lazy_compile(r"(?:发布机构|发文机关|来源)[:：]\s*$")
_PAGE_FIELD_REACH = 40  # characters before a repeat looked at for such a field (a whole pasted paragraph is not)


@rule("W2", "wording", "warning", "词语或语句重复（如“审核审核”，同一短语连写两遍）", scope="text", needs=NARRATIVE)
def repeated_words(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    allowed = set(schema_data("wording")["repeat_allowed"])
    joins = tuple(schema_data("wording")["repeat_joins"])
    for p in all_paragraphs(doc, headings=True):
        matches = list(_REPEAT.finditer(p.text))
        matches += [m for m in _REPEAT_PHRASE.finditer(p.text)
                    if len(re.findall(r"[\u4e00-\u9fff]", m.group(1))) >= 5
                    and not any(o.start() < m.end() and m.start() < o.end() for o in matches)]
        for m in matches:
            if m.group(0) in allowed or len(set(m.group(1))) == 1 or not m.group(1).strip(CN_NUMERALS_PLAIN):  # 二〇二〇: a year
                continue
            if p.text.startswith(joins, m.start() + len(m.group(1))):  # 人民政府 + 政府信息公开: a name, then the term
                continue
            # "发布机构: X" of a web page, then its title "X2020年…"
            if _PAGE_FIELD_BEFORE.search(p.text, max(0, m.start() - _PAGE_FIELD_REACH), m.start()):
                continue
            word = m.group(1)
            yield Hit(
                message=f"“{word}”连写了两次：“{m.group(0)}”", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected=word, found=m.group(0),
                suggestion=f"删去重复的“{word}”",
            )


def _out_of_order(numbers: list[int]) -> list[int]:
    """Positions whose number is neither the previous one plus one nor a restart at 1."""
    bad = []
    for i in range(1, len(numbers)):
        if numbers[i] != numbers[i - 1] + 1 and numbers[i] != 1:
            bad.append(i)
    return bad


@rule("W3", "wording", "warning", "列举序号错乱（如“一是…三是…三是”，或（一）（三））", scope="text", needs=NARRATIVE)
def enumeration_order(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        found = [(cn_number(m.group(1)), m) for m in _ENUM_SHI.finditer(p.text)]
        numbers = [n for n, _m in found]
        if len(numbers) < 2 or numbers[0] != 1:
            continue
        for i in _out_of_order(numbers):
            n, m = found[i]
            want = numbers[i - 1] + 1
            yield Hit(
                message=f"列举序号错乱：“{cn_numeral(numbers[i - 1])}是”之后是“{m.group(0)}”",
                location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                expected=f"{cn_numeral(want)}是", found=m.group(0),
                suggestion=f"改为“{cn_numeral(want)}是”，并核对后续序号",
            )
    yield from _numbered_paragraphs(doc)


def _numbered_paragraphs(doc: Document) -> Iterator[Hit]:
    """Paragraph-initial （一）（二）… and 1. 2. … within a section must run in order."""
    by_section: dict[str, list[Paragraph]] = {}
    for p in all_paragraphs(doc):
        if p.section not in ("title", "closing"):
            by_section.setdefault(p.section, []).append(p)
    for items in by_section.values():
        for style in (1, 2):
            series: list[tuple[int, Paragraph]] = []
            for p in items:
                m = _PARA_NUMBER.match(p.text)
                if m and m.group(style):
                    value = m.group(style)
                    series.append((cn_number(value) if style == 1 else int(value), p))
            numbers = [n for n, _p in series]
            if len(numbers) < 2:
                continue
            for i in _out_of_order(numbers):
                n, p = series[i]
                prev = numbers[i - 1]
                want = f"（{cn_numeral(prev + 1)}）" if style == 1 else f"{prev + 1}."
                written = f"（{cn_numeral(n)}）" if style == 1 else f"{n}."
                yield Hit(
                    message=f"小标题序号错乱：上一个是{'（' + cn_numeral(prev) + '）' if style == 1 else str(prev) + '.'}，"
                            f"这一个是{written}",
                    location=p.location(0, len(written)), evidence=p.text[:30], expected=want, found=written,
                    suggestion=f"改为{want}，并核对后续序号",
                )


@rule("W4", "wording", "warning", "本类报告常见的错别字（如“信息公共工作”“行政法复议”“残差不齐”）", scope="text",
      needs=NARRATIVE)
def known_slips(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc, headings=True):
        for pattern, right, anywhere, kind in _slips():
            for m in pattern.finditer(p.text):
                if not anywhere and len(m.group(0)) > 1 and not starts_word(p.text, m.start()):  # it begins inside a longer word
                    continue
                yield Hit(
                    message=f"{kind}：“{m.group(0)}”应为“{right}”", location=p.location(m.start(), m.end()),
                    evidence=snippet(p.text, m.start(), m.end()), expected=right, found=m.group(0),
                    suggestion=f"改为“{right}”",
                )


@rule("W5", "wording", "error", "模板占位符未填写（如“(具体网址)”“XX”“××”“【待补】”）", scope="text", needs=NARRATIVE)
def placeholders(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    pattern = _placeholders()
    for p in all_paragraphs(doc, headings=True):
        for m in pattern.finditer(p.text):
            yield Hit(
                message=f"模板占位符未替换：“{m.group(0)}”", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected="实际内容", found=m.group(0),
                suggestion="填入实际内容（如网址、名称、数字），或删去占位符",
            )


@rule("W6", "wording", "warning", "标点连用或多余（如“，。”“、，”，顿号后接“和”“情况”）", scope="text", needs=NARRATIVE)
def doubled_punctuation(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc, headings=True):
        for m in _DOUBLE_PUNCT.finditer(p.text):
            yield Hit(
                message=f"标点连用：“{m.group(0)}”", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected=m.group(0)[-1], found=m.group(0),
                suggestion="删去多余的标点",
            )
        for m in _STRAY_ENUM_COMMA.finditer(p.text):
            yield Hit(
                message=f"多余的顿号：“{m.group(0)}”", location=p.location(m.start(), m.start() + 1),
                evidence=snippet(p.text, m.start(), m.end()), expected=m.group(0)[1:], found=m.group(0),
                suggestion="删去顿号",
            )
        for m in _COMMA_AFTER_VERB.finditer(p.text):
            yield Hit(
                message=f"多余的顿号：“{m.group(0)}”", location=p.location(m.end() - 1, m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected=m.group(0)[:-1], found=m.group(0),
                suggestion="删去顿号",
            )


# "行政诉讼、情况", "信函、和其他形式": a 、 before a word that ends or joins a list
_STRAY_ENUM_COMMA = lazy_compile(r"、(?:和|以及|及其|情况)")
# "做到、全面真实": a 、 between the verb and the list it introduces
_COMMA_AFTER_VERB = lazy_compile(r"(?:做到|包括|涵盖|涉及|确保)、")
_ROUGH_COUNT = lazy_compile(r"(?<![\d.])(\d+)(余|多)(?=([个件条项次篇期场人家份万亿元]|[，。；、,;）)]|$))")


_SHORT_NAME = "《条例》"
_FULL_TITLE = lazy_compile(r"《(?:中华人民共和国)?政府信息公开条例》")


@rule("W14", "wording", "warning", "简称《条例》在写出全称《中华人民共和国政府信息公开条例》之后使用", scope="text",
      needs=NARRATIVE)
def short_name_before_full_title(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    first_short: Paragraph | None = None
    for p in all_paragraphs(doc):
        text = re.sub(r"\s+", "", p.text)  # a title broken over two lines ("中华人民共和国政府 信息公开条例》")
        full, short = _FULL_TITLE.search(text), text.find(_SHORT_NAME)
        if first_short is None and short >= 0 and (full is None or short < full.start()):
            first_short = p
        if full is None:
            continue
        if first_short is not None:  # the full title comes later: the short name was used before it, certainly
            yield _short_name_hit(first_short, "简称《条例》在写出全称之前就已使用")
        return
    # never written in full: certain only when 《条例》 stands in the report's first paragraph under its title (nothing
    # before it can have been left out); elsewhere the full name may be on a part of the page that was not read
    if first_short is not None and first_short == _opening_paragraph(doc) and "title" not in doc.missing:
        yield _short_name_hit(first_short, "简称《条例》首次出现时未写全称")


def _short_name_hit(paragraph: Paragraph, message: str) -> Hit:
    at = paragraph.text.find(_SHORT_NAME)
    return Hit(
        message=message, location=paragraph.location(at, at + len(_SHORT_NAME)),
        evidence=snippet(paragraph.text, at, at + len(_SHORT_NAME)),
        expected="先写全称并注明“以下简称《条例》”", found=_SHORT_NAME,
        suggestion="首次提及时写全称《中华人民共和国政府信息公开条例》（以下简称《条例》）",
    )


def _opening_paragraph(doc: Document) -> Paragraph | None:
    """The first paragraph after the report's title (of its opening, or else of its first section); None without a
    title (a page read from its middle)."""
    draft = draft_of(doc)
    if not draft.title.strip():
        return None
    return next((p for p in all_paragraphs(doc) if p.section != "title"), None)


@rule("W11", "wording", "warning", "约数“N余”“N多”只用于整十整百的数（不写“6余件”“30299余条”），且后接量词",
      scope="text", needs=NARRATIVE)
def rough_count(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for m in _ROUGH_COUNT.finditer(p.text):
            number, word, unit = m.group(1), m.group(2), m.group(3)
            exact = int(number) % 10 != 0
            if not exact and unit.isalnum():
                continue
            what = (f"“{number}”是确数，不能再加“{word}”" if exact
                    else f"约数“{number}{word}”后缺量词（件、条……）")
            yield Hit(
                message=f"{what}：“{m.group(0)}”", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), found=m.group(0),
                expected=f"{number}{unit if unit.isalnum() else '件'}" if exact else f"{number}{word}件",
                suggestion="写确数（如“6件”），或写整十整百的约数（如“30000余条”），并写明量词",
            )


# after a mark, or right after a paragraph's item number ("1.2021,在县委…")
_YEAR_WITHOUT_NIAN = lazy_compile(rf"(?:^|(?<=[。；：，,;:\s])|(?<=^[1-9][.．、])|(?<=^[1-9]\d[.．、]))({YEAR})"
                                rf"(?=\s*[，,]|\s*(?:共|全|我|本|以来|期间))")


@rule("W7", "wording", "warning", "年份后漏写“年”字（如“2024共收到”）", scope="text", needs=NARRATIVE)
def year_without_nian(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for m in _YEAR_WITHOUT_NIAN.finditer(p.text):
            yield Hit(
                message=f"“{m.group(1)}”后漏写“年”字", location=p.location(m.start(1), m.end(1)),
                evidence=snippet(p.text, m.start(1), m.end(1)), expected=f"{m.group(1)}年", found=m.group(1),
                suggestion=f"改为“{m.group(1)}年”",
            )


_PAIRS = {"）": "（", ")": "(", "》": "《", "”": "“", "〕": "〔"}  # 【】 left out: page chrome uses it loosely
_OPENERS = set(_PAIRS.values())


def _unbalanced(text: str) -> int | None:
    """Position of the first closing mark without its opening one, or of an opening mark never closed."""
    stack: list[tuple[str, int]] = []
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append((ch, i))
        elif ch in _PAIRS:
            want = _PAIRS[ch]
            if want == "(" and ch == ")" and stack and stack[-1][0] == "（":
                stack.pop()  # （…) mixed widths: a typographic slip, not a missing mark
            elif want == "（" and stack and stack[-1][0] == "(":
                stack.pop()
            elif stack and stack[-1][0] == want:
                stack.pop()
            else:
                return i
    return stack[0][1] if stack else None


@rule("W8", "wording", "warning", "括号、引号、书名号成对（如“)依申请公开”缺左括号）", scope="text", needs=NARRATIVE)
def unbalanced_marks(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    cut = _cut_off_paragraph(doc)
    for p in all_paragraphs(doc, headings=True):
        if (p.section, p.index) == cut:
            continue
        # a notice number that lost its bracket (国办公开办函〔202130号) is F3's finding: read it as closed
        text = p.text
        for m in malformed_numbers(text):
            text = text[:m.start()] + "字" * (m.end() - m.start()) + text[m.end():]
        pos = _unbalanced(text)
        if pos is not None:
            mark = p.text[pos]
            yield Hit(
                message=f"“{mark}”没有与之成对的{'右' if mark in _OPENERS else '左'}标点",
                location=p.location(pos, pos + 1), evidence=snippet(p.text, pos, pos + 1), expected="成对的标点",
                found=mark, suggestion="补上缺少的另一半标点，或删去多余的一个",
            )


_EMAIL = lazy_compile(r"(?:电子邮箱|电子信箱|电子邮件|邮箱|E-?mail)\s*[:：]?\s*([A-Za-z0-9._%+-]+(?:@[A-Za-z0-9.-]+)?\.[A-Za-z]{2,})",
                    re.IGNORECASE)


@rule("W9", "wording", "warning", "电子邮箱地址完整（含“@”）", scope="text", needs=NARRATIVE)
def email_address(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for m in _EMAIL.finditer(p.text):
            if "@" not in m.group(1):
                yield Hit(
                    message=f"电子邮箱“{m.group(1)}”缺少“@”", location=p.location(m.start(1), m.end(1)),
                    evidence=snippet(p.text, m.start(1), m.end(1)), expected="完整的邮箱地址（如 name@example.cn）",
                    found=m.group(1), suggestion="核对并写全邮箱地址",
                )


_BROKEN_LEVELS = lazy_compile(r"(?:[省市县区镇乡]、){2,}(?![省市县区镇乡街])")
_PLACE_NAME_ENDINGS = ("市", "区", "县", "州", "旗")


def _place_name_follows(text: str, start: int) -> bool:
    """Whether the word after a list of levels is a place name of a level ("省、市、邹城市…": 邹城市 is a county-level
    city and completes the list)."""
    word = word_at(text, start)
    return len(word) >= 2 and word.endswith(_PLACE_NAME_ENDINGS)


@rule("W10", "wording", "warning", "层级列举残缺（如“省、市、工作部署”漏了“区”）", scope="text", needs=NARRATIVE)
def broken_enumeration(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for m in _BROKEN_LEVELS.finditer(p.text):
            if _place_name_follows(p.text, m.end()):
                continue
            yield Hit(
                message=f"列举“{m.group(0)}”之后缺少一项", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected=m.group(0) + "（缺项）",
                found=m.group(0) + p.text[m.end():m.end() + 4], suggestion="补上漏掉的一级（如“区”），或删去多余的顿号",
            )


# "。" written as an ASCII "." after a Chinese word, ending the paragraph or followed by Chinese ("未收到申请事项.")
_ASCII_STOP = lazy_compile(r"(?<=[\u4e00-\u9fff”》）])\.(?=\s*$|[\u4e00-\u9fff“《（])")
_NUMBERING_STOP = lazy_compile(r"(?:^|[\s（(])[一二三四五六七八九十]{1,2}$")  # "一.总体情况": numbering, not a sentence


@rule("W12", "wording", "warning", "中文句末用句号“。”，不用半角“.”（如“未收到依申请公开事项.”）", scope="text",
      needs=NARRATIVE)
def ascii_full_stop(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    # A text whose punctuation was normalised (NFKC: a stored web page) has "," for "，" and "." for "．", but its
    # "。" stays "。": a "." there was "." or "．" in the original, and either is no Chinese full stop.
    for p in all_paragraphs(doc, headings=True):
        for m in _ASCII_STOP.finditer(p.text):
            if _NUMBERING_STOP.search(p.text[:m.start()]):
                continue
            yield Hit(
                message=f"句末用了半角句点“.”：“{snippet(p.text, m.start(), m.end(), 8)}”",
                location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                expected="。", found=".", suggestion="改为中文句号“。”",
            )


# "收到政府信息公开申请0条", "行政复议、行政诉讼0条": applications and cases are counted in 件
_CASES_IN_TIAO = lazy_compile(
    r"(?:政府信息公开申请|信息公开申请|公开申请|行政复议|行政诉讼)(?:[、和及与]行政诉讼)?(?:案件)?(?:总数|数量)?"
    r"(?:共计|共|为|有)?\s*(?P<n>\d+)\s*条")


@rule("W13", "wording", "warning", "政府信息公开申请和行政复议、行政诉讼以“件”计，不以“条”计（与表三、表四一致）",
      scope="text", needs=NARRATIVE)
def cases_counted_in_tiao(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for m in _CASES_IN_TIAO.finditer(p.text):
            written = m.group(0)
            yield Hit(
                message=f"申请和复议、诉讼的数量以“件”计：“{written}”", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected=written[:-1] + "件", found=written,
                suggestion=f"改为“{m.group('n')}件”",
            )


@cache
def _mixed_constructions() -> list[tuple[re.Pattern[str], str]]:
    return [(compiled(m["pattern"]), m["right"]) for m in schema_data("wording")["mixed_constructions"]]


@rule("W15", "wording", "warning", "句式杂糅（如“包括……组成”“开展对……进行……”）", scope="text", needs=NARRATIVE)
def mixed_constructions(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for pattern, right in _mixed_constructions():
            for m in pattern.finditer(p.text):
                if not starts_word(p.text, m.end("head")):
                    continue
                mixed = f"{m.group('head')}……{m.group('tail')}"
                yield Hit(
                    message=f"句式杂糅：“{mixed}”两种说法混在一起", location=p.location(m.start(), m.end()),
                    evidence=snippet(p.text, m.start(), m.end()), expected=right, found=mixed,
                    suggestion=f"改为{right}",
                )


# "全年公开核准企业资质条、施工许可证76条": one item of a list of counts lost its number (the last of a run of counts
# without its number is W1.count's)
_LIST_ITEM = lazy_compile(r"[^、，,；;。：:（）()\n]+")
_COUNTED_ITEM = lazy_compile(r"\d+\s*条\s*$")
_NO_NUMBER_BEFORE = "0123456789〇零一二两三四五六七八九十百千万几多余各每逐这该本那此首末"


def _joined(p: Paragraph, items: list[re.Match[str]], i: int, j: int) -> bool:
    """Whether items i and j are neighbours of one list (joined by 、 or ，)."""
    first = items[min(i, j)]
    return abs(i - j) == 1 and p.text[first.end():first.end() + 1] in ("、", "，", ",")


def _count_lost(p: Paragraph, items: list[re.Match[str]], i: int) -> bool:
    """Whether item i ends in 条 with no number before it while a neighbour of its list is a count in 条."""
    text = items[i].group().rstrip()
    end = items[i].start() + len(text)
    before = text[:-1].rstrip()  # "发布 4282 条": PDF text puts spaces around a number
    return text.endswith("条") and len(before) >= 2 and before[-1] not in _NO_NUMBER_BEFORE and \
        word_at(p.text, end - 1) == "条" and \
        any(_joined(p, items, i, j) and bool(_COUNTED_ITEM.search(items[j].group())) for j in (i - 1, i + 1)
            if 0 <= j < len(items))  # 萧条、线条 are words of their own, not the unit


@rule("W16", "wording", "warning", "数量列举中某一项缺数字（如“核准企业资质条、施工许可证76条”）", scope="text",
      needs=NARRATIVE)
def count_without_number(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        items = list(_LIST_ITEM.finditer(p.text))
        for i, item in enumerate(items):
            if not _count_lost(p, items, i):
                continue
            text = item.group().strip()
            end = item.start() + len(item.group().rstrip())
            yield Hit(
                message=f"列举的数量中“{text}”缺少数字", location=p.location(end - 1, end),
                evidence=snippet(p.text, item.start(), end), expected=f"{text[:-1]}N条", found=text,
                suggestion="补上这一项的条数（没有则写“0条”），或删去这一项",
            )
