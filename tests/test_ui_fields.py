"""The form's fields as a clerk types them (assistant.ui.app): full-width digits of a Chinese input method are
figures; anything else is named with its field."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.readers.inputfile import load_report
from assistant.ui.app import build_app, form_report, parse_fee, parse_sign_date
from assistant.ui.grids import report_grids
from assistant.ui.workspace import Workspace
from tests.conftest import EXAMPLES


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


def test_the_report_year_as_typed(tmp_path):
    """报告年度 is a text field (blank before a unit is open): ２０２４ and 2024年 are 2024; 24 or 2024.5 are named."""
    page = build_app(Workspace(tmp_path)).nb_page
    report = load_report(EXAMPLES / "sample-town-2024.yaml")

    def with_year(year: str) -> list:  # the form's values in the order of Page.form
        return [report.meta.organ_name, *[""] * (len(page.meta) - 1), report.meta.organ_kind, year, "", "",
                *[""] * len(page.contact), *report_grids(report), *[""] * len(page.notes)]

    assert form_report(report, with_year("２０２４"), page).meta.year == 2024
    assert form_report(report, with_year("2024年"), page).meta.year == 2024
    for bad in ("24", "2024.5"):
        with pytest.raises(InputError) as err:
            form_report(report, with_year(bad), page)
        assert str(err.value) == f"报告年度：应为四位数字的年份，实为“{bad}”"


@pytest.mark.usefixtures("loopback_model_env")
def test_the_model_is_offered_for_drafting_only_when_the_server_has_one(tmp_path, monkeypatch):
    """Clerk test: 起草方式 offered 语言模型 on a server without one (choosing it answered with server settings)."""
    import gradio as gr

    def drafter_choices() -> tuple[list[str], str]:
        radio = next(b for b in build_app(Workspace(tmp_path / "ws")).blocks.values()
                     if isinstance(b, gr.Radio) and b.elem_id == "nb-drafter")
        return [label for label, _value in radio.choices], str(radio.label)

    assert drafter_choices() == (["模板（离线）"], "起草方式（未配置语言模型，用模板起草；需要时请系统管理员配置）")
    monkeypatch.setenv("NIANBAO_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
    assert drafter_choices() == (["模板（离线）", "语言模型"], "起草方式")
