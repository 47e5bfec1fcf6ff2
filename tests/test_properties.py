"""Property tests: consistent random tables give no arithmetic finding; any single changed cell gives one."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.formats import TableFormat, load_format
from assistant.model import Document, Finding
from assistant.pipeline import check_figures
from assistant.readers.inputfile import report_from_data

SETTINGS = settings(max_examples=60, deadline=None)
YEARS = {2019: 2020, 2021: 2024}
small = st.integers(min_value=0, max_value=40)


@st.composite
def consistent_tables(draw: st.DrawFn, version: int) -> dict[str, Any]:
    """Tables 三 and 四 whose 勾稽关系 hold; 总计 cells written out or left to the model (drawn)."""
    fmt = load_format(version)
    t3: dict[str, dict[str, int]] = {k: {} for k in fmt.t3_row_keys}
    for col in fmt.applicant_keys:
        results = {r: draw(small) for r in fmt.result_keys}
        carried_forward = draw(small)
        handled = sum(results.values()) + carried_forward
        carried_over = draw(st.integers(min_value=0, max_value=handled))
        for r, n in results.items():
            t3[r][col] = n
        t3["result_total"][col] = sum(results.values())
        t3["carried_forward"][col] = carried_forward
        t3["carried_over"][col] = carried_over
        t3["new_received"][col] = handled - carried_over  # A1: new + carried over = results + carried forward
    t4 = {g: {c: draw(small) for c in fmt.t4_part_keys} for g in fmt.t4_group_keys}
    if draw(st.booleans(), label="write totals"):
        for values in t3.values():
            values["total"] = sum(values.values())
        for values in t4.values():
            values["total"] = sum(values.values())
    return {"t3": t3, "t4": t4}


def findings_for(version: int, tables: dict[str, Any]) -> list[Finding]:
    data = {"meta": {"organ_name": "测试县人民政府", "organ_kind": "县级人民政府", "year": YEARS[version]},
            "tables": tables}
    return check_figures(Document(report=report_from_data(data)))


def cell_paths(fmt: TableFormat) -> list[str]:
    return ([f"t3.{r}.{c.key}" for r in fmt.t3_row_keys for c in fmt.t3_columns]
            + [f"t4.{g}.{c.key}" for g in fmt.t4_group_keys for c in fmt.t4_columns])


def complete(tables: dict[str, Any]) -> dict[str, Any]:
    """The same tables with every 总计 written out (so that every cell is given)."""
    out = {t: {k: dict(v) for k, v in rows.items()} for t, rows in tables.items()}
    for rows in out.values():
        for values in rows.values():
            values["total"] = sum(v for k, v in values.items() if k != "total")
    return out


def check_consistent(version: int, tables: dict[str, Any]) -> None:
    findings = findings_for(version, tables)
    assert [f for f in findings if f.category == "arithmetic"] == []
    assert [f for f in findings if f.severity == "error"] == []


def check_one_cell_changed(version: int, tables: dict[str, Any], path: str, delta: int) -> None:
    tables = complete(tables)
    table, row, col = path.split(".")
    old = tables[table][row][col]
    new = old + delta if old + delta >= 0 else old - delta  # stay a valid (non-negative) count
    tables[table][row][col] = new
    findings = [f for f in findings_for(version, tables) if f.category == "arithmetic"]
    assert findings, f"{path}: {old} -> {new} went unnoticed"


@SETTINGS
@given(consistent_tables(2021))
def test_consistent_2021_tables_pass(tables: dict[str, Any]) -> None:
    check_consistent(2021, tables)


@SETTINGS
@given(consistent_tables(2019))
def test_consistent_2019_tables_pass(tables: dict[str, Any]) -> None:
    check_consistent(2019, tables)


deltas = st.integers(min_value=-5, max_value=5).filter(bool)


@SETTINGS
@given(consistent_tables(2021), st.sampled_from(cell_paths(load_format(2021))), deltas)
def test_any_changed_2021_cell_is_caught(tables: dict[str, Any], path: str, delta: int) -> None:
    check_one_cell_changed(2021, tables, path, delta)


@SETTINGS
@given(consistent_tables(2019), st.sampled_from(cell_paths(load_format(2019))), deltas)
def test_any_changed_2019_cell_is_caught(tables: dict[str, Any], path: str, delta: int) -> None:
    check_one_cell_changed(2019, tables, path, delta)


def test_every_cell_is_covered_by_some_sum() -> None:
    # Exhaustive companion of the properties above: on an all-zero table, raising any one cell by 1 is caught.
    for version in (2019, 2021):
        fmt = load_format(version)
        zero = complete({"t3": {r: {c: 0 for c in fmt.applicant_keys} for r in fmt.t3_row_keys},
                         "t4": {g: {c: 0 for c in fmt.t4_part_keys} for g in fmt.t4_group_keys}})
        check_consistent(version, zero)
        for path in cell_paths(fmt):
            check_one_cell_changed(version, zero, path, 1)
