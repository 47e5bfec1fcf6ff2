"""Property tests: consistent random tables give no arithmetic finding; any single changed cell gives exactly one,
at that cell (or, in table 四 where a part and the total are equally suspect, at the group's total), and never at a
total staff left out (computed by the model)."""

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
    """Tables 三 and 四 whose 勾稽关系 hold; 总计 cells (（七）总计 per column, the 总计 column, 表四's 总计) all written
    out, all left to the model, or each drawn."""
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
    written = draw(st.sampled_from(["all", "none", "some"]), label="totals written")

    def write(path: str) -> bool:
        return written == "all" or (written == "some" and draw(st.booleans(), label=f"write {path}"))

    for col in fmt.applicant_keys:
        if not write(f"t3.result_total.{col}"):
            del t3["result_total"][col]
    for table, rows in (("t3", t3), ("t4", t4)):
        for row, values in rows.items():
            if write(f"{table}.{row}.total"):
                values["total"] = sum(values.values()) if table == "t4" else sum(
                    _column_total(fmt, t3, row, col) for col in fmt.applicant_keys)
    return {"t3": t3, "t4": t4}


def _column_total(fmt: TableFormat, t3: dict[str, dict[str, int]], row: str, col: str) -> int:
    """A table 三 cell, （七）总计 as the sum of the results even where it is left out."""
    if row == "result_total":
        return sum(t3[r].get(col, 0) for r in fmt.result_keys)
    return t3[row].get(col, 0)


def findings_for(version: int, tables: dict[str, Any]) -> list[Finding]:
    data = {"meta": {"organ_name": "测试县人民政府", "organ_kind": "县级人民政府", "year": YEARS[version]},
            "tables": tables}
    return check_figures(Document(report=report_from_data(data)))


def cell_paths(fmt: TableFormat) -> list[str]:
    return ([f"t3.{r}.{c.key}" for r in fmt.t3_row_keys for c in fmt.t3_columns]
            + [f"t4.{g}.{c.key}" for g in fmt.t4_group_keys for c in fmt.t4_columns])


def complete(version: int, tables: dict[str, Any]) -> dict[str, Any]:
    """The same tables with every 总计 written out (so that every cell is given)."""
    fmt = load_format(version)
    t3 = {k: {c: _column_total(fmt, tables["t3"], k, c) for c in fmt.applicant_keys} for k in fmt.t3_row_keys}
    t4 = {g: {c: tables["t4"][g][c] for c in fmt.t4_part_keys} for g in fmt.t4_group_keys}
    for rows in (t3, t4):
        for values in rows.values():
            values["total"] = sum(values.values())
    return {"t3": t3, "t4": t4}


def check_consistent(version: int, tables: dict[str, Any]) -> None:
    findings = findings_for(version, tables)
    assert [f for f in findings if f.category == "arithmetic"] == []
    assert [f for f in findings if f.severity == "error"] == []


def change(tables: dict[str, Any], path: str, delta: int) -> tuple[dict[str, Any], int, int]:
    """A copy of the tables with one cell changed by ``delta`` (or ``-delta``, to stay a non-negative count)."""
    tables = {t: {k: dict(v) for k, v in rows.items()} for t, rows in tables.items()}
    table, row, col = path.split(".")
    old = tables[table][row][col]
    new = old + delta if old + delta >= 0 else old - delta
    tables[table][row][col] = new
    return tables, old, new


def arithmetic_errors(version: int, tables: dict[str, Any]) -> list[tuple[str | None, Any, Any]]:
    return [(f.location.cell, f.expected, f.found) for f in findings_for(version, tables)
            if f.category == "arithmetic" and f.severity == "error"]


def left_out_totals(version: int, tables: dict[str, Any]) -> set[str]:
    """The 总计 cells not written in ``tables`` (the model computes them)."""
    fmt = load_format(version)
    t3 = {f"t3.result_total.{c}" for c in fmt.applicant_keys} | {f"t3.{r}.total" for r in fmt.t3_row_keys}
    t4 = {f"t4.{g}.total" for g in fmt.t4_group_keys}
    return {p for p in t3 | t4 if p.split(".")[2] not in tables[p.split(".")[0]][p.split(".")[1]]}


def check_one_cell_changed(version: int, tables: dict[str, Any], path: str, delta: int) -> None:
    """Every total written out: exactly one error, at the changed cell, naming its old value as the expected one."""
    changed, old, new = change(complete(version, tables), path, delta)
    errors = arithmetic_errors(version, changed)
    table, row, col = path.split(".")
    if table == "t4" and col != "total":  # one sum only: the part and the total are equally suspect
        total = changed["t4"][row]["total"]
        assert errors == [(f"t4.{row}.total", total + new - old, total)], (path, old, new)
    else:
        assert errors == [(path, old, new)], (path, old, new)


def check_one_given_cell_changed(version: int, tables: dict[str, Any], path: str, delta: int) -> None:
    """Totals left to the model (or written, as drawn): a changed cell staff wrote gives exactly one error, never at
    a total the model computed (a cell staff never typed; issue 11, item 5)."""
    table, row, col = path.split(".")
    if col not in tables[table][row]:
        return  # a total the model computes is not something staff can get wrong
    changed, old, new = change(tables, path, delta)
    errors = arithmetic_errors(version, changed)
    if table == "t4" and "total" not in tables[table][row]:
        assert errors == [], (path, old, new)  # the computed total follows its parts
    else:
        assert len(errors) == 1, (path, old, new, errors)
        assert errors[0][0] not in left_out_totals(version, tables), (path, old, new, errors)


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


@SETTINGS
@given(consistent_tables(2021), st.sampled_from(cell_paths(load_format(2021))), deltas)
def test_any_changed_2021_cell_gives_one_error_when_totals_are_computed(tables: dict[str, Any], path: str,
                                                                         delta: int) -> None:
    check_one_given_cell_changed(2021, tables, path, delta)


@SETTINGS
@given(consistent_tables(2019), st.sampled_from(cell_paths(load_format(2019))), deltas)
def test_any_changed_2019_cell_gives_one_error_when_totals_are_computed(tables: dict[str, Any], path: str,
                                                                         delta: int) -> None:
    check_one_given_cell_changed(2019, tables, path, delta)


def test_every_cell_is_covered_by_some_sum() -> None:
    # Exhaustive companion of the properties above: on an all-zero table, raising any one cell by 1 is caught.
    for version in (2019, 2021):
        fmt = load_format(version)
        zero = complete(version, {"t3": {r: {c: 0 for c in fmt.applicant_keys} for r in fmt.t3_row_keys},
                                  "t4": {g: {c: 0 for c in fmt.t4_part_keys} for g in fmt.t4_group_keys}})
        check_consistent(version, zero)
        for path in cell_paths(fmt):
            check_one_cell_changed(version, zero, path, 1)
