"""The form's fields as a clerk types them (assistant.ui.app): full-width digits of a Chinese input method are
figures; anything else is named with its field."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.ui.app import parse_fee, parse_sign_date


@pytest.mark.parametrize(("typed", "amount"), [("１２０", "120"), ("１，２００元", "1200"), ("120.5", "120.5"),
                                               ("　０　", "0"), ("", None)])
def test_fee_as_typed(typed, amount):
    assert parse_fee(typed) == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("－５", "本年收取信息处理费（元）：不能为负数，实为 -5"),
    ("1e3", "本年收取信息处理费（元）：应为金额，如 0 或 120.5，实为“1e3”"),
    ("一百", "本年收取信息处理费（元）：应为金额，如 0 或 120.5，实为“一百”"),
])
def test_a_fee_that_is_not_an_amount_is_named(typed, message):
    with pytest.raises(InputError) as err:
        parse_fee(typed)
    assert str(err.value) == message


def test_a_sign_date_in_full_width_digits():
    assert parse_sign_date("２０２５年１月２０日") == "2025-01-20"
