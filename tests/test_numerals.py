"""Chinese integers read without cn2an give cn2an's value whenever they give one."""

from __future__ import annotations

import itertools

import cn2an

from assistant.claims import to_number
from assistant.numerals import chinese_integer

ALPHABET = "零〇一二两三四五六七八九十百千万"


def _cn2an(text: str) -> int | float | None:
    try:
        return cn2an.cn2an(text, "normal")
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def test_agrees_with_cn2an_on_every_string_of_up_to_four_characters() -> None:
    answered = 0
    for n in range(1, 5):
        for chars in itertools.product(ALPHABET, repeat=n):
            text = "".join(chars)
            value = chinese_integer(text)
            if value is not None:
                answered += 1
                assert _cn2an(text) == value, text
    assert answered > 800


def test_agrees_with_cn2an_on_longer_strings_of_common_characters() -> None:
    answered = 0
    for chars in itertools.product("零一两二五十百千万", repeat=5):
        text = "".join(chars)
        value = chinese_integer(text)
        if value is not None:
            answered += 1
            assert _cn2an(text) == value, text
    assert answered > 200


def test_reads_the_standard_form_of_every_number_below_100000_as_cn2an_does() -> None:
    for number in [*range(1, 100000, 7), 10, 100, 1000, 10000, 10005, 10500, 99999, 1200000, 3050007]:
        text = cn2an.an2cn(number)
        assert chinese_integer(text) == number, text


def test_other_forms_are_left_to_cn2an() -> None:
    for text in ("一百五", "十零五", "一二三", "壹佰", "三点五", "一亿", "两十", ""):
        assert chinese_integer(text) is None, text
    assert to_number("一百五") == 150  # through cn2an
    assert to_number("两千零三") == 2003
