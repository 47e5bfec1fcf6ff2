"""Chinese integers in their ordinary written forms ("十二", "两百", "一千零五", "三万四千"), without cn2an.

cn2an reads every form (capitals, decimals, 亿, "一二三") but its import and its first call take about a third of a
second, more than the rest of ``nianbao check`` on a short report. The forms here are the ones reports use; anything
else returns None and the caller falls back to cn2an. ``tests/test_numerals.py`` checks every answer given here
against cn2an ("normal" mode) on all strings of up to four of these characters.
"""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"千": 1000, "百": 100, "十": 10}


def _below_10000(text: str, leading_zero_ok: bool) -> int | None:
    """一..九千九百九十九 in standard form: digit-unit pairs with falling units, one 零 for a skipped place."""
    value = 0
    last_unit = 10000
    i = 0
    zero_pending = False
    if text.startswith("十"):  # 十二 = 12, only at the very start
        text = "一" + text
    if text.startswith("零"):
        if not leading_zero_ok:
            return None
        zero_pending = True
        text = text[1:]
    while i < len(text):
        digit = _DIGITS.get(text[i])
        if digit is None or digit == 0 or (text[i] == "两" and i + 1 < len(text) and text[i + 1] == "十"):
            return None
        unit_char = text[i + 1] if i + 1 < len(text) else ""
        if not unit_char:  # the ones
            if value and ((last_unit != 10 and not zero_pending) or (zero_pending and last_unit < 100)):
                return None  # 一百五 (means 150) and 一千五 are left to cn2an; 十零五 is no number
            return value + digit
        unit = _UNITS.get(unit_char)
        if unit is None or unit >= last_unit:
            return None
        if zero_pending == (unit * 10 == last_unit) and value:  # a 零 exactly when a place is skipped
            return None
        value += digit * unit
        last_unit = unit
        i += 2
        zero_pending = False
        if i < len(text) and text[i] == "零":
            zero_pending = True
            i += 1
            if i == len(text):
                return None
    return value if not zero_pending else None


def chinese_integer(text: str) -> int | None:
    """The value of a Chinese integer in an ordinary form below 100,000,000, or None for any other text."""
    if not text or len(text) > 12:
        return None
    if len(text) == 1:
        return 10 if text == "十" else _DIGITS.get(text)
    high, wan, low = text.partition("万")
    if not wan:
        return _below_10000(text, leading_zero_ok=False)
    upper = _below_10000(high, leading_zero_ok=False) if high else None
    if upper is None or "万" in low:
        return None
    if not low:
        return upper * 10000
    lower = _below_10000(low, leading_zero_ok=True)
    if lower is None or (low[0] != "零" and not low.startswith(("一千", "二千", "两千", "三千", "四千", "五千", "六千",
                                                                "七千", "八千", "九千"))):
        return None  # 三万五 or 三万四百: cn2an reads these its own way
    return upper * 10000 + lower
