"""The editable grids: official labels in official order, totals recomputed, bad cells named."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.errors import InputError
from assistant.readers.inputfile import load_report
from assistant.ui.grids import apply_cell_changes, report_grids, report_with_grids, t3_headers, table_label


def test_grids_follow_the_official_tables(sample_path, zhuting_path):
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    assert len(t2) == 10 and len(t3) == 25 and len(t4) == 3
    assert t3_headers(report.fmt) == ["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    assert t3[0] == ["一、本年新收政府信息公开申请数量", 9, 2, 0, 0, 0, 1, 12]
    assert t3[12] == ["（四）无法提供 1.本机关不掌握相关政府信息", 2, 0, 0, 0, 0, 1, 3]
    assert t4[0] == ["行政复议", 1, 0, 0, 0, 1]
    old = load_report(zhuting_path)
    t2_old, t3_old, _ = report_grids(old)
    assert len(t2_old) == 22 and len(t3_old) == 23
    assert t2_old[-1] == ["第二十条第（九）项", "政府集中采购", "采购总金额", 1400000]


def test_editing_a_part_recomputes_the_totals(sample_path):
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    t3[0][1] = 10  # 本年新收 自然人 9 -> 10
    t3[2][1] = "5"  # 予以公开 自然人 4 -> 5, typed as text
    t3[0][7] = 999  # a typed total is ignored: totals are computed
    edited = report_with_grids(report, t2, t3, t4)
    assert edited.tables.get("t3.new_received.total") == 13
    assert edited.tables.get("t3.granted.total") == 6
    assert edited.tables.get("t3.result_total.natural_person") == 10
    assert edited.tables.get("t3.result_total.total") == 13


def test_a_cleared_cell_is_blank_not_zero(sample_path):
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    t3[1][1] = ""
    edited = report_with_grids(report, t2, t3, t4)
    assert edited.tables.get("t3.carried_over.natural_person") is None
    assert edited.tables.get("t3.carried_over.total") is None


@pytest.mark.parametrize(("value", "message"), [
    ("一", "表三 一、本年新收政府信息公开申请数量「自然人」：应为非负整数，实为“一”"),
    (-2, "表三 一、本年新收政府信息公开申请数量「自然人」：应为非负整数，实为 -2"),
    (1.5, "表三 一、本年新收政府信息公开申请数量「自然人」：应为整数，实为 1.5"),
])
def test_bad_cells_are_named(sample_path, value, message):
    assert _refusal(sample_path, table=1, row=0, column=1, value=value) == message  # 表三 本年新收 自然人


def _refusal(sample_path, table: int, row: int, column: int, value: Any) -> str:
    """The message a grid cell holding ``value`` is refused with (tables: 0 表二, 1 表三, 2 表四)."""
    report = load_report(sample_path)
    t2, t3, t4 = grids = report_grids(report)
    grids[table][row][column] = value
    with pytest.raises(InputError) as err:
        report_with_grids(report, t2, t3, t4)
    return str(err.value)


def test_every_bad_cell_is_named_at_once(sample_path):
    """Issue 16 retest: -2, abc and 1.5 typed in three cells: saving named only the first."""
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    t3[0][1], t3[0][2], t4[0][1] = -2, "abc", 1.5
    with pytest.raises(InputError) as err:
        report_with_grids(report, t2, t3, t4)
    assert str(err.value) == (
        "有3个单元格填写有误，未保存：\n"
        "  - 表三 一、本年新收政府信息公开申请数量「自然人」：应为非负整数，实为 -2\n"
        "  - 表三 一、本年新收政府信息公开申请数量「商业企业」：应为非负整数，实为“abc”\n"
        "  - 表四 行政复议「结果维持」：应为整数，实为 1.5")


def test_a_number_out_of_range_is_named_by_its_labels(sample_path):
    """Issue 16 retest: 99999999999 in 行政许可 gave "tables.t2.admin_license.decisions：超出允许范围…"."""
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    t2[6][3] = "99999999999"
    with pytest.raises(InputError) as err:
        report_with_grids(report, t2, t3, t4)
    assert str(err.value) == ("填写有误\n  - 表二 第二十条第（五）项 行政许可「本年处理决定数量」：超出允许范围（不超过 1000000000），"
                              "实为 99999999999")


def test_proposed_changes_apply_with_totals_recomputed(zhuting_path):
    report = load_report(zhuting_path)
    changed = apply_cell_changes(report, {
        "t3.new_received.natural_person": 3, "t3.carried_over.natural_person": 1,
        "t3.granted.natural_person": 2, "t3.unable_not_held.natural_person": 1,
        "t3.carried_forward.natural_person": 1,
    })
    assert changed.tables.get("t3.new_received.total") == 3
    assert changed.tables.get("t3.result_total.total") == 3
    assert changed.tables.get("t3.carried_forward.total") == 1
    with pytest.raises(InputError) as err:
        apply_cell_changes(report, {"t3.oth_fee_unpaid.natural_person": 1})
    assert "不是2019年版表格中的单元格" in str(err.value)


def test_the_format_follows_the_year(zhuting_path):
    report = load_report(zhuting_path)
    t2, t3, t4 = report_grids(report)
    moved = report_with_grids(report, t2, t3, t4, meta={"year": 2021})
    assert moved.table_format == 2021
    assert moved.tables.get("t3.new_received.total") == 1
    assert moved.tables.get("t3.oth_fee_unpaid.total") == 0
    assert moved.tables.get("t2.normative_docs.in_force") == 0
    assert len(report_grids(moved)[1]) == 25


def test_table_captions_come_from_the_section_titles():
    assert [table_label(t) for t in ("t2", "t3", "t4")] == [
        "表二 主动公开政府信息情况", "表三 收到和处理政府信息公开申请情况", "表四 政府信息公开行政复议、行政诉讼情况"]


def test_a_deleted_or_added_row_is_refused_not_shifted(sample_path):
    """Bug: deleting a row of 表三 in the grid moved every figure below it into the wrong category, saved as 已保存."""
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    with pytest.raises(InputError, match="表三 收到和处理政府信息公开申请情况：行或列的数目被改变了（应为 25 行 8 列）"):
        report_with_grids(report, t2, t3[:12] + t3[13:], t4)
    with pytest.raises(InputError, match="表四"):
        report_with_grids(report, t2, t3, [*t4, ["新行", 0, 0, 0, 0, 0]])
    with pytest.raises(InputError, match="表二"):
        report_with_grids(report, [row[:3] for row in t2], t3, t4)


@pytest.mark.parametrize(("typed", "stored"), [("１２", 12), ("１，２３４", 1234), ("　３　", 3), ("７.０", 7), ("0", 0)])
def test_full_width_digits_are_whole_numbers(sample_path, typed, stored):
    """Issue 16: digits typed through a Chinese input method arrive full-width (１２); they are the figure 12."""
    report = load_report(sample_path)
    t2, t3, t4 = report_grids(report)
    t2[6][3], t3[0][1], t4[0][1] = typed, typed, typed
    edited = report_with_grids(report, t2, t3, t4)
    assert [edited.tables.get(p) for p in ("t2.admin_license.decisions", "t3.new_received.natural_person",
                                           "t4.review.upheld")] == [stored, stored, stored]


@pytest.mark.parametrize(("typed", "message"), [
    ("1e3", "表二 第二十条第（五）项 行政许可「本年处理决定数量」：应为非负整数，实为“1e3”"),
    ("１.５", "表二 第二十条第（五）项 行政许可「本年处理决定数量」：应为非负整数，实为“１.５”"),
    ("－２", "表二 第二十条第（五）项 行政许可「本年处理决定数量」：应为非负整数，实为“－２”"),
    ("inf", "表二 第二十条第（五）项 行政许可「本年处理决定数量」：应为非负整数，实为“inf”"),
    ("12件", "表二 第二十条第（五）项 行政许可「本年处理决定数量」：应为非负整数，实为“12件”"),
])
def test_what_is_not_a_whole_non_negative_number_is_named(sample_path, typed, message):
    """Only digits are a count: 1e3, inf, 1.5, a minus sign or a unit are named with the cell, never read as a
    number Python's float() would make of them."""
    assert _refusal(sample_path, table=0, row=6, column=3, value=typed) == message  # 表二 行政许可 处理决定
