"""The official layouts of schemas/formats/*.yaml: sizes, verbatim labels (against format.md) and merged grids."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from assistant import formats
from assistant.errors import InputError
from assistant.formats import (
    GridCell,
    TableFormat,
    exclusive_labels,
    foreign_labels,
    format_for_year,
    known_versions,
    load_format,
    notice_short,
    section_titles,
    versions_text,
    versions_with,
    years_text,
)
from tests.conftest import ROOT

SPEC = ROOT / "tests" / "fixtures" / "spec" / "format.md"  # a copy of the project's format spec


@pytest.fixture(scope="module")
def spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


def all_labels(fmt: TableFormat) -> list[str]:
    """Every label a table of this format prints."""
    labels = [fmt.t3_note, fmt.t3_header_group, fmt.t3_org_group]
    for block in fmt.t2_blocks:
        labels += [block.caption, block.header_label, *(c.label for c in block.columns), *(r.label for r in block.rows)]
    labels += [c.label for c in fmt.t3_columns]
    for row in fmt.t3_rows:
        labels += [row.label, *row.groups]
    labels += [g["label"] for g in fmt.t4_groups] + [g["parent"] for g in fmt.t4_groups if g.get("parent")]
    labels += [c.label for c in fmt.t4_columns]
    return labels


# --- loading and sizes ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", known_versions())
def test_both_formats_load(version: int) -> None:
    fmt = load_format(version)
    assert fmt.version == version
    assert len(fmt.sections) == 6
    assert len(fmt.t3_columns) == 7
    assert fmt.applicant_keys == ("natural_person", "commercial_enterprise", "research_institution",
                                  "public_welfare_org", "legal_service_org", "other_org")
    assert fmt.org_keys == fmt.applicant_keys[1:]


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="未知的年报格式"):
        load_format(2020)


@pytest.mark.parametrize(("version", "rows", "results", "t2_cells", "basis"), [
    (2021, 25, 21, 10, "国办公开办函〔2021〕30号"),
    (2019, 23, 19, 22, "国办公开办函〔2019〕60号"),
])
def test_table_sizes(version: int, rows: int, results: int, t2_cells: int, basis: str) -> None:
    fmt = load_format(version)
    assert len(fmt.t3_rows) == rows
    assert len(fmt.t3_rows) * len(fmt.t3_columns) == rows * 7
    assert len(fmt.result_keys) == results  # （七）总计 adds these up
    assert len(fmt.t2_cells()) == t2_cells  # the "meaningful cells" of format.md
    assert len(fmt.t4_groups) * len(fmt.t4_columns) == 15
    assert fmt.t4_group_keys == ("review", "suit_direct", "suit_after_rev")
    assert fmt.t4_part_keys == ("upheld", "corrected", "other", "pending")
    assert fmt.basis_number == basis


@pytest.mark.parametrize(("version", "cells", "first"), [(2021, 200, "t2.rules.issued"), (2019, 198, "t2.rules.new_made")])
def test_cell_paths(version: int, cells: int, first: str) -> None:
    paths = load_format(version).cell_paths()
    assert (len(paths), len(set(paths)), paths[0], paths[-1]) == (cells, cells, first, "t4.suit_after_rev.total")


def test_tables_data_holds_every_cell_of_the_format() -> None:
    values = {"t2.rules.issued": 3, "t4.review.upheld": 1}
    data = load_format(2021).tables_data(values)
    assert {t: len(rows) for t, rows in data.items()} == {"t2": 6, "t3": 25, "t4": 3}
    assert data["t2"]["rules"] == {"issued": 3, "repealed": None, "in_force": None}
    assert data["t4"]["review"] == {"upheld": 1, "corrected": None, "other": None, "pending": None, "total": None}
    old = load_format(2019).tables_data(values)  # a path the format lacks is not carried
    assert old["t2"]["rules"] == {"new_made": None, "new_published": None, "total_published": None}


def test_t3_row_keys_differ_only_in_other_processing() -> None:
    r19, r21 = load_format(2019).t3_row_keys, load_format(2021).t3_row_keys
    assert set(r21) - set(r19) == {"oth_no_correction", "oth_fee_unpaid", "oth_other"}
    assert set(r19) - set(r21) == {"other_handling"}
    assert r21[0:2] == r19[0:2] == ("new_received", "carried_over")
    assert r21[-2:] == r19[-2:] == ("result_total", "carried_forward")


def test_group_rows() -> None:
    f21, f19 = load_format(2021), load_format(2019)
    assert f21.t3_group_rows("unable") == ("unable_not_held", "unable_need_create", "unable_unclear")
    assert len(f21.t3_group_rows("（三）不予公开")) == 8
    assert f21.t3_group_rows("other_processing") == ("oth_no_correction", "oth_fee_unpaid", "oth_other")
    assert f19.t3_group_rows("other_processing") == ("other_handling",)
    assert f21.t3_result_groups == ("（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                                    "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")
    assert f19.t3_result_groups == f21.t3_result_groups


def test_format_for_year() -> None:
    assert [format_for_year(y) for y in (2018, 2019, 2020, 2021, 2024)] == [2019, 2019, 2019, 2021, 2021]
    assert known_versions() == (2019, 2021) and versions_text() == "2019 或 2021"
    assert [years_text(v, spaced=True) for v in known_versions()] == ["2020 年及以前", "2021 年起"]
    assert [notice_short(v) for v in known_versions()] == ["〔2019〕60号", "〔2021〕30号"]
    assert [(f.year_from, f.year_to) for f in map(load_format, known_versions())] == [(2019, 2020), (2021, None)]


def test_per_format_behaviour_is_data() -> None:
    f21, f19 = load_format(2021), load_format(2019)
    assert f21.check_rows("issued_within_stock") == f21.check_rows("stock_follows_last_year") == ("rules",
                                                                                                   "normative_docs")
    assert f21.check_rows("new_within_published") == f21.check_rows("items_follow_last_year") == ()
    assert f19.check_rows("new_within_published") == ("rules", "normative_docs")
    assert f19.check_rows("items_follow_last_year") == ("admin_license", "other_mgmt_services", "admin_penalty",
                                                         "admin_coercion", "admin_fees")
    assert (f21.fee_cell, f19.fee_cell) == ("t2.admin_fees.fee_amount", None)


# --- extra formats from NIANBAO_FORMATS_DIR ------------------------------------------------------------------


@pytest.fixture
def extra_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory of extra format files, read instead of the cached set for the length of a test."""
    monkeypatch.setenv(formats.FORMATS_DIR_ENV, str(tmp_path))
    formats._catalogue.cache_clear()
    yield tmp_path
    monkeypatch.delenv(formats.FORMATS_DIR_ENV)
    formats._catalogue.cache_clear()


def _write(directory: Path, version: int, **changes: object) -> None:
    data = yaml.safe_load(Path(formats.data_dir("schemas") / "formats" / "2021.yaml").read_text(encoding="utf-8"))
    data.update(version=version, **changes)
    (directory / f"{version}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_an_extra_format_takes_over_from_its_first_year(extra_formats: Path) -> None:
    _write(extra_formats, 2031, years={"from": 2031, "to": None})
    assert known_versions() == (2019, 2021, 2031) and versions_text() == "2019、2021 或 2031"
    assert [format_for_year(y) for y in (2020, 2030, 2031, 2040)] == [2019, 2021, 2031, 2031]
    assert [years_text(v) for v in known_versions()] == ["2020年及以前", "2021—2030年", "2031年起"]
    assert versions_with("issued_within_stock") == "2021、2031" and versions_with("new_within_published") == "2019"
    assert exclusive_labels(2021) == set()  # the copy prints every 2021 label
    assert "规范性文件" in exclusive_labels(2019) and "规范性文件" in foreign_labels(2031)


@pytest.mark.parametrize(("changes", "problem"), [
    ({"years": {"from": 2031, "to": 2032}}, "最新的 2031 年版应一直适用（years.to 为 null）"),
    ({"years": {"from": 2021, "to": None}}, "2021 与 2031 年版的 years.from 相同（2021）"),
    ({"sections": [], "years": {"from": 2031, "to": None}}, "2031 年版的六个部分（sections）与 2019 年版不同：起草和读取按同一组部分进行"),
])
def test_formats_that_do_not_fit_together_are_refused(extra_formats: Path, changes: dict, problem: str) -> None:
    _write(extra_formats, 2031, **changes)
    with pytest.raises(InputError) as caught:
        known_versions()
    assert caught.value.problems == [problem]


@pytest.mark.parametrize(("version", "changes", "message"), [
    (2031, {"checks": {"issued_within_stock": ["admin_license"]}, "years": {"from": 2031, "to": None}},
     "checks.issued_within_stock：表二的“admin_license”行没有 issued、repealed、in_force 列"),
    (2031, {"checks": {"sums_match": ["rules"]}, "years": {"from": 2031, "to": None}},
     "checks 中的“sums_match”不是已知的校核（应为 issued_within_stock、stock_follows_last_year、"
     "new_within_published、items_follow_last_year 之一）"),
    (2031, {"fee_cell": "t2.rules.fee", "years": {"from": 2031, "to": None}},
     "fee_cell“t2.rules.fee”不是本格式表二的单元格"),
    (2021, {}, "已有定义（每个年版只能有一个文件）"),
])
def test_a_broken_format_file_is_named(extra_formats: Path, version: int, changes: dict, message: str) -> None:
    _write(extra_formats, version, **changes)
    with pytest.raises(InputError) as caught:
        known_versions()
    assert str(extra_formats / f"{version}.yaml") in str(caught.value)
    assert message in str(caught.value)


def test_an_extra_format_directory_that_is_missing_is_named(extra_formats: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(formats.FORMATS_DIR_ENV, str(extra_formats / "nowhere"))
    with pytest.raises(InputError, match=r"环境变量 NIANBAO_FORMATS_DIR：.*nowhere 不是目录"):
        known_versions()


def test_section_titles() -> None:
    assert section_titles() == ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                                "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                                "六、其他需要报告的事项")
    assert tuple(s.title for s in load_format(2019).sections) == section_titles()


# --- labels are the spec's, verbatim ------------------------------------------------------------------------


@pytest.mark.parametrize("version", known_versions())
def test_every_label_appears_verbatim_in_the_spec(version: int, spec_text: str) -> None:
    missing = [label for label in all_labels(load_format(version)) if label not in spec_text]
    assert missing == []


@pytest.mark.parametrize("version", known_versions())
def test_t3_row_labels_are_quoted_in_the_spec(version: int, spec_text: str) -> None:
    # Stronger than a substring: each row label is written in the spec's YAML as label: "<label>".
    for row in load_format(version).t3_rows:
        assert f'label: "{row.label}"' in spec_text, row.label


def test_some_labels_exactly() -> None:
    f21, f19 = load_format(2021), load_format(2019)
    assert f21.label("t3.deny_3safety_1stab.total") == "表三 3.危及“三安全一稳定”「总计」"
    assert f21.label("t3.result_total.total") == "表三 （七）总计「总计」"
    assert f21.label("t2.normative_docs.issued") == "表二 第二十条第（一）项 行政规范性文件「本年制发件数」"
    assert f19.label("t2.normative_docs.new_made") == "表二 第二十条第（一）项 规范性文件「本年新制作数量」"
    assert f21.label("t2.admin_fees.fee_amount") == "表二 第二十条第（八）项 行政事业性收费「本年收费金额（单位：万元）」"
    assert f21.label("t4.suit_direct.pending") == "表四 行政诉讼（未经复议直接起诉）「尚未审结」"
    assert f21.label("t4.review.total") == "表四 行政复议「总计」"
    assert f21.label("meta.year") == "meta.year"  # not a cell: the path itself


def test_exclusive_labels() -> None:
    assert {"本年制发件数", "行政规范性文件", "3.其他"} <= exclusive_labels(2021)
    assert {"规范性文件", "对外公开总数量", "（六）其他处理", "政府集中采购"} <= exclusive_labels(2019)
    assert "（七）总计" not in exclusive_labels(2019) | exclusive_labels(2021)


# --- grids ---------------------------------------------------------------------------------------------------


def assert_tiles(cells: list[GridCell], width: int) -> int:
    """The cells cover a width × height rectangle exactly once; return the height."""
    covered: Counter[tuple[int, int]] = Counter()
    for c in cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covered[(r, k)] += 1
    height = max(r for r, _ in covered) + 1
    assert max(k for _, k in covered) + 1 == width
    assert set(covered) == {(r, k) for r in range(height) for k in range(width)}
    assert set(covered.values()) == {1}
    return height


def find(cells: list[GridCell], text: str) -> list[GridCell]:
    return [c for c in cells if c.text == text]


@pytest.mark.parametrize(("version", "rows"), [(2021, 25), (2019, 23)])
def test_t3_grid(version: int, rows: int) -> None:
    fmt = load_format(version)
    grid = fmt.t3_grid()
    assert assert_tiles(grid, 10) == 3 + rows
    (note,) = [c for c in grid if c.kind == "note"]
    assert (note.row, note.col, note.rowspan, note.colspan) == (0, 0, 3, 3)
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    (applicants,) = find(grid, "申请人情况")
    assert (applicants.row, applicants.col, applicants.colspan) == (0, 3, 7)
    (org,) = find(grid, "法人或其他组织")
    assert (org.row, org.col, org.colspan) == (1, 4, 5)
    for label in ("自然人", "总计"):
        (header,) = [c for c in find(grid, label) if c.kind == "header"]
        assert (header.row, header.rowspan) == (1, 2)
    (results,) = find(grid, "三、本年度办理结果")
    assert (results.col, results.rowspan) == (0, rows - 3)
    assert find(grid, "（三）不予公开")[0].rowspan == 8
    assert find(grid, "（四）无法提供")[0].rowspan == 3
    assert find(grid, "（五）不予处理")[0].rowspan == 5
    (other,) = find(grid, "（六）其他处理")
    assert (other.rowspan, other.colspan) == ((3, 1) if version == 2021 else (1, 2))
    (total,) = find(grid, "（七）总计")
    assert (total.col, total.colspan) == (1, 2)
    (first,) = find(grid, "一、本年新收政府信息公开申请数量")
    assert (first.row, first.col, first.colspan) == (3, 0, 3)
    values = [c for c in grid if c.kind == "value"]
    assert len(values) == rows * 7
    assert values[0].path == "t3.new_received.natural_person"
    assert values[-1].path == "t3.carried_forward.total"


@pytest.mark.parametrize("version", known_versions())
def test_t4_grid(version: int) -> None:
    grid = load_format(version).t4_grid()
    assert assert_tiles(grid, 15) == 4
    (review,) = find(grid, "行政复议")
    assert (review.row, review.col, review.colspan) == (0, 0, 5)
    (suit,) = find(grid, "行政诉讼")
    assert (suit.row, suit.col, suit.colspan) == (0, 5, 10)
    assert [(c.row, c.col, c.colspan) for c in find(grid, "未经复议直接起诉")] == [(1, 5, 5)]
    assert [(c.row, c.col, c.colspan) for c in find(grid, "复议后起诉")] == [(1, 10, 5)]
    assert [c.rowspan for c in find(grid, "结果维持")] == [2, 1, 1]  # under 行政复议 the headers span two rows
    values = [c.path for c in grid if c.kind == "value"]
    assert len(values) == 15
    assert values[:5] == ["t4.review.upheld", "t4.review.corrected", "t4.review.other", "t4.review.pending",
                          "t4.review.total"]


@pytest.mark.parametrize(("version", "blocks", "values"), [(2021, 4, 10), (2019, 5, 22)])
def test_t2_grid(version: int, blocks: int, values: int) -> None:
    fmt = load_format(version)
    grid = fmt.t2_grid()
    assert assert_tiles(grid, 4) == sum(2 + len(b.rows) for b in fmt.t2_blocks)
    captions = [c for c in grid if c.kind == "caption"]
    assert len(captions) == blocks
    assert all(c.colspan == 4 and c.fill == "C6D9F1" for c in captions)
    assert [c.text for c in captions][:2] == ["第二十条第（一）项", "第二十条第（五）项"]
    assert len([c for c in grid if c.kind == "value"]) == values
    if version == 2021:
        (fee,) = [c for c in grid if c.path == "t2.admin_fees.fee_amount"]
        assert fee.colspan == 3
        assert [c.colspan for c in find(grid, "本年处理决定数量")] == [3, 3]
    else:
        (amount,) = [c for c in grid if c.path == "t2.gov_central_procurement.amount"]
        assert amount.colspan == 2
