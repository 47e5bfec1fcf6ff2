"""Spreadsheet cells that hold users' text (names, file names, messages): always text, never a live formula.

openpyxl turns a string starting with "=" into a formula; Excel and WPS also evaluate "+", "-" and "@" at the start
of what they read (CSV injection). Such a value is written as a text cell with Excel's quote prefix (what Excel does
when someone types ``'=1+1``): it shows as typed and is never computed.
"""

from __future__ import annotations

from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def set_text(cell: Any, value: Any) -> None:
    """Put ``value`` in an openpyxl cell; a string that could be read as a formula stays text."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        cell.data_type = "s"
        cell.quotePrefix = True


def as_text_cells(cells: Any) -> None:
    """Make every cell of a written row that holds formula-like text a text cell again (after ``ws.append``)."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LEADS):
            set_text(cell, cell.value)
