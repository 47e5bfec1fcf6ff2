"""row_line: how every reader of existing reports turns a table row's cells into one line."""

from __future__ import annotations

import pytest

from assistant.readers.existing import row_line


@pytest.mark.parametrize(("cells", "line"), [
    (["", "", "规章", "0", "", "3"], "规章\t0\t\t3"),  # leading empties continue a merged label cell
    (["", "二、上年结转政府信息公开申请数量"], "二、上年结转政府信息公开申请数量"),
    (["", ""], ""),
    ([], ""),
])
def test_row_line(cells: list[str], line: str) -> None:
    assert row_line(cells) == line
