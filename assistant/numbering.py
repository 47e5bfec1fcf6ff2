"""How reports write numbers: Chinese numerals, section and item numbering, years, dates, percentages, quantities.

One place for these patterns; the claim extractor, the firewall, the rules and the renderers build on them.
A quantity ("3119件", "1.2万元", "两件", "近百余次") is written with a number, an optional approximation and a unit;
which units, approximations and following characters count differs by reader, so each reader names its variant
(:data:`CLAIM_QUANTITIES` for the claims of a narrative, :data:`NOTE_QUANTITIES` for the firewall's wider reading of
the staff's notes and model text) and :func:`quantity_re` builds the one pattern from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from assistant.numerals import chinese_integer
from assistant.patterns import compiled, lazy_compile

# --- Chinese numerals ------------------------------------------------------------------------------------------

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERALS_PLAIN = CN_DIGITS + "十百千万亿"  # the numerals of running text
CN_NUMERALS = CN_NUMERALS_PLAIN + "壹贰叁肆伍陆柒捌玖拾佰仟"  # with the financial (大写) forms
CN_YEAR_DIGITS = "〇零一二三四五六七八九"  # 二〇二四年
SECTION_NUMERALS = "一二三四五六七八九十"  # section and item numbers: 一、 （二） 三是

# --- section and item numbering --------------------------------------------------------------------------------

CN_ORDINAL = f"[{SECTION_NUMERALS}]"  # one numeral of a heading number
ENUMERATION_SHI = rf"{CN_ORDINAL}{{1,2}}是"  # "一是……；二是……"
ITEM_NUMBER = rf"[（(][{SECTION_NUMERALS}\d]{{1,2}}[）)]"  # "（二）", "(3)"
ARABIC_ITEM_NUMBER = r"\d{1,2}[.、．](?!\d)"  # "2." "3、" (not a decimal)
# The numbering in front of a table label: "一、", "（四）", "1." (facts.bare_label strips it).
LABEL_NUMBER_RE = lazy_compile(rf"^(?:{CN_ORDINAL}+、|（{CN_ORDINAL}+）|\d+[.、])")
# A subheading number at the start of a paragraph: "（三）".
SUBHEADING_NUMBER = rf"（{CN_ORDINAL}{{1,3}}）"



def cn_number(text: str) -> int:
    """一..九十九 as an int (what section and item numbering needs)."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return ((SECTION_NUMERALS.index(tens) + 1 if tens else 1) * 10
                + (SECTION_NUMERALS.index(ones) + 1 if ones else 0))
    return SECTION_NUMERALS.index(text) + 1


def cn_numeral(n: int) -> str:
    """1..99 as a Chinese numeral (section and list numbering: 一, 十, 十二, 二十三)."""
    if n <= 10:
        return SECTION_NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else SECTION_NUMERALS[tens - 1]) + "十" + (SECTION_NUMERALS[ones - 1] if ones else "")


# --- years and dates -------------------------------------------------------------------------------------------

YEAR = r"(?:19|20)\d{2}"  # a year of this era, as digits
YEAR_RE = lazy_compile(rf"(?<!\d)({YEAR})\s*年")  # "2024年", "2024 年" (PDF text has spaces)
CN_YEAR_RE = lazy_compile(rf"([{CN_YEAR_DIGITS}]{{4}})\s*年")  # "二〇二四年"


def chinese_date(value: date) -> str:
    """A date as a report's closing writes it: "2025年1月20日"."""
    return f"{value.year}年{value.month}月{value.day}日"

# --- quantities ------------------------------------------------------------------------------------------------

ARABIC_NUMBER = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # "1,234", "12", "0.5"


@dataclass(frozen=True)
class QuantityWords:
    """What a reader counts as a quantity: numerals, the 万/亿 scale after digits, units and approximations."""

    numerals: str
    scale: str  # the pattern of a 万/亿 written after digits
    units: tuple[str, ...]  # longest first where one is the start of another
    approx_after: tuple[str, ...]  # "余", "多" after the number
    not_followed_by: tuple[str, ...]  # a unit character that starts another word (件事, 次要, 个性)
    approx_before: tuple[str, ...] = ()  # "近", "约" before the number
    not_after: str = ""  # characters that may not stand just before the number (its own numerals, 第, 每)


CLAIM_QUANTITIES = QuantityWords(
    numerals=CN_NUMERALS,
    scale=r"(?:\s?[万亿](?!元))?",
    units=("人次", "万元", "件", "条", "次", "个", "项", "份", "场", "期", "篇", "家", "宗", "起", "元", "%", "％"),
    approx_after=("余", "多"),
    not_followed_by=("性", "事", "例", "间", "限", "旦", "月", "素", "庭", "所", "景", "目", "额", "旨"),
)
# The firewall reads more: every unit a note may count in, approximations before and after, and more words in
# which a unit character is not a unit ("一面", "一步", "一律", "一切").
NOTE_QUANTITIES = replace(
    CLAIM_QUANTITIES,
    numerals=CN_NUMERALS_PLAIN,
    scale=r"\s*[万亿]?",
    units=("个工作日", "工作日", "人次", "万元", "亿元", "元", "件", "条", "次", "个", "项", "份", "场", "期", "篇",
           "家", "宗", "起", "人", "名", "户", "天", "小时", "分钟", "批", "处", "台", "套", "块", "张", "册", "位",
           "类", "页", "栏", "%", "％"),
    approx_after=("余", "多", "来"),
    approx_before=("近", "约", "逾", "超过"),
    not_followed_by=("性", "事", "例", "间", "限", "旦", "素", "庭", "所", "景", "目", "额", "旨", "面", "步", "体",
                     "律", "切", "般", "直", "同", "致", "样", "定", "向", "起来", "道", "流", "手", "部门"),
    not_after=CN_NUMERALS_PLAIN + r"第每\d.",
)


def quantity_re(words: QuantityWords) -> re.Pattern[str]:
    """A quantity: groups ``num`` (the number as written), ``approx``, ``unit``, and ``pre`` when the variant has
    approximations before the number."""
    guard = f"(?<![{words.not_after}])" if words.not_after else ""
    pre = f"(?P<pre>{'|'.join(words.approx_before)})?" if words.approx_before else ""
    return compiled(
        rf"{guard}{pre}(?P<num>{ARABIC_NUMBER}{words.scale}|[{words.numerals}]+)"
        rf"\s*(?P<approx>{'|'.join(words.approx_after)})?\s*"
        rf"(?P<unit>{'|'.join(words.units)})"
        rf"(?!{'|'.join(words.not_followed_by)})"
    )


def to_number(token: str) -> Decimal | None:
    """A numeral token ("1,234", "1.2万", "十二", "两", "〇") as a Decimal; None when it is not a number."""
    token = token.replace(",", "").replace(" ", "")
    if not token:
        return None
    if token[0].isdigit():
        scale = Decimal(1)
        if token[-1] == "万":
            token, scale = token[:-1], Decimal(10000)
        elif token[-1] == "亿":
            token, scale = token[:-1], Decimal(100000000)
        try:
            return Decimal(token) * scale
        except InvalidOperation:
            return None
    if token in ("百", "千", "万", "亿", "零", "〇") or len(token) > 12:
        return None
    common = chinese_integer(token)  # the ordinary forms, without cn2an's start-up cost
    if common is not None:
        return Decimal(common)
    import cn2an  # here, not at the top: it takes a noticeable part of start-up, and most numbers are Arabic

    try:
        value = cn2an.cn2an(token, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value))


def chinese_percent_re(numerals: str = CN_NUMERALS) -> re.Pattern[str]:
    """A percentage in words: "百分之九十五点五" (group ``num``)."""
    return compiled(rf"百分之(?P<num>[{numerals}点]+)")


__all__ = ["ARABIC_ITEM_NUMBER", "ARABIC_NUMBER", "CLAIM_QUANTITIES", "CN_DIGITS", "CN_NUMERALS", "CN_NUMERALS_PLAIN",
           "CN_ORDINAL", "CN_YEAR_DIGITS", "CN_YEAR_RE", "ENUMERATION_SHI", "ITEM_NUMBER", "LABEL_NUMBER_RE",
           "NOTE_QUANTITIES", "QuantityWords", "SECTION_NUMERALS", "SUBHEADING_NUMBER", "YEAR", "YEAR_RE",
           "chinese_percent_re", "cn_number", "cn_numeral", "quantity_re", "to_number"]
