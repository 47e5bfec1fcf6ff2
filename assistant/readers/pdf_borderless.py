"""Tables drawn without ruling lines (no borders, only an outer frame) read by cell position from a page's characters.

Run in the PDF child process (loaded by file path from ``pdf_layout``; it imports nothing of the package). A published
table without lines still keeps its geometry:
- a *value row* is a text line holding numbers that stand apart (a gap of at least an em) from other text: the cells
  of that row. Runs of such rows, with the lines between them, are a table's body;
- the *columns* are the x-extents of the numbers, stacked across the body's rows, widened by the header words above
  that sit over one column only (so a column that is blank in every row is still a column);
- the *rows*: the cells of a row are centred vertically (as Word, WPS and Excel lay them out), so the row bands are
  found from the first row's top by ``bottom = 2 * centre - top``, row after row, each boundary put on the nearest gap
  between text lines; the label lines of a row are those in its band. A label left of the row's own label that spans
  several rows (``（三）不予公开`` over its sub-rows) is centred over its group in the same way and goes with the
  group's first row, as a merged cell does in a ruled table;
- the *header* lines above the body: each column's words top to bottom, the words over several columns first.

A row becomes its list of cells (label cells, then one cell per column, ``""`` when blank), exactly what the ruled
path gives, so the official labels are mapped by the same reader (``assistant.readers.tables``). Whatever does not
fit (a figure between columns, two in one cell, a column without a heading, rows whose bands can't be laid, more rows
than a page of a report holds) leaves the table to be read as text lines, which the table reader then marks uncertain
when the values cannot be placed: never shifted.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

_VALUE = re.compile(r"[+-]?\d[\d,，]*(\.\d+)?|[/／—－-]{1,2}")
_NUMBERED = re.compile(r"\d+[.、．]|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、")  # a row label's start
SEGMENT_GAP = 0.5  # ems of empty space that split a line into separate pieces (cells)
PADDING_GAP = 0.25  # ems of empty space inside a piece: two cells' padding, not characters of one label
VALUE_GAP = 1.0  # ems between a number and the text before it for the number to be a cell of its own
MAX_ROW_LINES = 8  # a row's label wraps over at most this many lines (else the rows are not read by position)
MAX_ROWS = 120  # rows of one table on one page (an official table has fewer than 40; more is no report's table)


@dataclass
class Segment:
    """A piece of a text line with empty space on both sides: one cell's text on that line."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    chars: list[dict[str, Any]] = field(repr=False, default_factory=list)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def is_value(self) -> bool:
        return bool(_VALUE.fullmatch(self.text))


@dataclass
class Line:
    segments: list[Segment]
    top: float
    bottom: float

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class BorderlessTable:
    rows: list[list[str]]
    top: float
    bottom: float
    chars: list[dict[str, Any]]  # the characters read into the table (the rest of the page is text)
    columns: list[list[float]] = field(default_factory=list)  # the value columns' x-extents


def baseline_groups(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The visible upright characters grouped into lines by their baseline (not their boxes: a Latin font's box stands
    higher or lower than a Chinese font's on the same line), top to bottom, each line left to right."""
    visible = sorted((c for c in chars if c.get("upright", True) and c["text"].strip()), key=lambda c: -c["matrix"][5])
    groups: list[list[dict[str, Any]]] = []
    for char in visible:
        if groups and abs(groups[-1][0]["matrix"][5] - char["matrix"][5]) <= 0.3 * max(char["size"], 1.0):
            groups[-1].append(char)
        else:
            groups.append([char])
    for group in groups:
        group.sort(key=lambda c: c["x0"])
    return groups


def _lines(chars: list[dict[str, Any]]) -> list[Line]:
    """Characters as lines (by baseline), each split into segments at gaps of more than half an em."""
    lines = []
    for group in baseline_groups(chars):
        pieces: list[list[dict[str, Any]]] = [[group[0]]]
        for char in group[1:]:
            if char["x0"] - pieces[-1][-1]["x1"] > SEGMENT_GAP * max(char["size"], 1.0):
                pieces.append([char])
            else:
                pieces[-1].append(char)
        segments = [_segment(p) for p in pieces]
        lines.append(Line(segments, min(s.top for s in segments), max(s.bottom for s in segments)))
    return sorted(lines, key=lambda ln: ln.top)


def _segment(chars: list[dict[str, Any]]) -> Segment:
    return Segment(text="".join(c["text"] for c in chars).replace(" ", ""), x0=float(chars[0]["x0"]),
                   x1=float(chars[-1]["x1"]), top=float(min(c["top"] for c in chars)),
                   bottom=float(max(c["bottom"] for c in chars)), size=float(max(c["size"] for c in chars)), chars=chars)


def _values(line: Line) -> list[Segment]:
    """The numbers of a line that stand apart as cells (none when the line is prose)."""
    out = []
    for before, seg in zip([None, *line.segments], line.segments, strict=False):
        if seg.is_value and (before is None or seg.x0 - before.x1 >= VALUE_GAP * seg.size):
            out.append(seg)
    # a line of prose that happens to end with a lone figure is no row: every value must follow a value or a label
    return out if out and all(s.is_value for s in line.segments[line.segments.index(out[0]):]) else []


def _columns(values: list[Segment]) -> list[list[float]]:
    """Columns as x-extents: overlapping numbers stacked into one column."""
    spans: list[list[float]] = []
    for seg in sorted(values, key=lambda s: s.x0):
        if spans and seg.x0 <= spans[-1][1] + 0.1:
            spans[-1][1] = max(spans[-1][1], seg.x1)
        else:
            spans.append([seg.x0, seg.x1])
    return spans


def _column_of(seg: Segment, columns: list[list[float]]) -> int | None:
    """The column whose extent (widened to the midpoints between columns) holds the segment's middle."""
    mid = (seg.x0 + seg.x1) / 2
    for i, (x0, x1) in enumerate(columns):
        left = (columns[i - 1][1] + x0) / 2 if i else x0 - seg.size
        right = (x1 + columns[i + 1][0]) / 2 if i + 1 < len(columns) else x1 + seg.size
        if left <= mid < right:
            return i
    return None


def find_tables(chars: list[dict[str, Any]], page_height: float, band: float) -> list[BorderlessTable]:
    """The tables without ruling lines among a page's characters (outside the running header and footer bands)."""
    lines = _lines(chars)
    tables = []
    index = 0
    while index < len(lines):
        line = lines[index]
        # a table starts outside the bands of running headers and footers (a page number is no table), and may run
        # into them; a table whose one value row sits low on the page, in the footer band, starts there too
        if not _values(line) or line.top <= page_height * band or (
                line.bottom >= page_height * (1 - band) and not _row_below_its_header(lines, index, page_height * (1 - band))):
            index += 1
            continue
        table, index = _table_from(lines, index)
        if table is not None:
            tables.append(table)
    if tables and (carried := _carried_row(lines, tables[0], page_height * band)) is not None:
        tables.insert(0, carried)
    return tables


def _row_below_its_header(lines: list[Line], index: int, band_top: float) -> bool:
    """Whether ``lines[index]``, in the footer band, is a value row right under text that ends above the band (its
    header, a line's spacing above): several numbers, not a page number ("5", "第 5 页") under the page's last line."""
    line, above = lines[index], lines[index - 1] if index else None
    return (above is not None and above.bottom < band_top and len(_values(line)) >= 2
            and line.top - above.bottom <= 1.5 * _pitch([line]))


def _carried_row(lines: list[Line], below: BorderlessTable, band_bottom: float) -> BorderlessTable | None:
    """The last row of a table that a page break split from the rest of it (table 二's sub-tables run on): the
    page's first line, in the band of running headers, a label and numbers that stand in the columns of the table
    right below it (at most a caption between) (its cells by those columns, "" when blank), read as a table of one row. None when there is
    none such."""
    first = lines[0] if lines else None
    if first is None or first.top > band_bottom or first.top >= below.top or not below.columns:
        return None
    values = _values(first)
    labels = [s for s in first.segments if s not in values]
    pitch = _pitch([first])
    if not values or not labels or below.top - first.bottom > 2 * pitch:  # room for the caption between
        return None
    row = [""] * len(below.columns)
    for seg in values:
        column = _column_of(seg, below.columns)
        if column is None or row[column]:
            return None
        row[column] = seg.text
    chars = [c for seg in first.segments for c in seg.chars]
    return BorderlessTable(rows=[["".join(s.text for s in labels), *row]], top=first.top, bottom=first.bottom,
                           chars=chars, columns=below.columns)


def _pitch(lines: list[Line]) -> float:
    sizes = sorted(s.size for ln in lines for s in ln.segments)
    return 1.2 * sizes[len(sizes) // 2] if sizes else 12.0


def _table_from(lines: list[Line], first: int) -> tuple[BorderlessTable | None, int]:
    """The table whose first value row is ``lines[first]``, and the index of the first line after it."""
    pitch = _pitch(lines[first:first + 1])
    value_rows = [first]
    value_left = min(s.x0 for s in _values(lines[first]))
    index = first + 1
    while index < len(lines):
        line = lines[index]
        if line.top - lines[index - 1].bottom > pitch * 1.5:
            break  # a paragraph's spacing: the table ended
        values = _values(line)
        if values:
            value_rows.append(index)
            value_left = min(value_left, values[0].x0)
        elif any(s.x1 > value_left + 0.5 * s.size for s in line.segments):
            break  # text over the value columns: a caption, the header of another table, or prose
        if index - value_rows[-1] > MAX_ROW_LINES:
            break
        index += 1
    # the label lines after the last values may still be its (centred) label: the bands decide
    header_start, body_start = _header_start(lines, first, value_left)
    table = _read(lines[header_start:body_start], lines[body_start:index], [lines[i] for i in value_rows], value_left)
    return table, value_rows[-1] + 1


def _header_start(lines: list[Line], first: int, value_left: float) -> tuple[int, int]:
    """Where the header above the body starts, and where the body starts (the wrapped label of the first row may
    begin above its values): lines with text over the value columns are the header, the label side's lines below
    them the body, up to a paragraph gap, a line in a larger type than the table's, or a line of prose."""
    size = max(s.size for s in lines[first].segments)
    start = body = first
    index = first - 1
    while index >= 0:
        line = lines[index]
        if lines[index + 1].top - line.bottom > 1.8 * size or _values(line):
            break
        if max(s.size for s in line.segments) > 1.4 * size:
            break  # the report's body text (tables are set smaller)
        if len(line.segments) == 1 and line.segments[0].x0 < value_left - size < value_left + size < \
                line.segments[0].x1:
            break  # one piece from the label side across the values: prose, or a caption across the table
        if any(s.x1 > value_left for s in line.segments):
            start = index
        elif start == first:
            body = index  # label lines above the first values, no header met yet
        elif start - index > 2:
            break
        index -= 1
    if start == first:
        return first, body
    return start, max(i for i in range(start, first) if any(s.x1 > value_left for s in lines[i].segments)) + 1


def _split_at_edges(lines: list[Line], value_left: float) -> None:
    """Split label pieces where a label column starts: the left edge shared by the labels of several rows (the
    labels of neighbouring columns may be closer than the gap that splits a line). Three labels starting there make
    an edge; two do where the piece has empty space before it (the cells' padding: the characters of one label are
    not apart), as beside a group label that a page break cut short, its other sub-rows on the next page."""
    starts = Counter(round(s.x0) for ln in lines for s in ln.segments if s.x1 < value_left)

    def starts_a_column(char: dict[str, Any], before: dict[str, Any]) -> bool:
        labels = max((n for x, n in starts.items() if abs(char["x0"] - x) < 1.0), default=0)
        gap = char["x0"] - before["x1"]
        return gap >= -0.5 and (labels >= 3 or labels >= 2 and gap >= PADDING_GAP * max(char["size"], 1.0))

    for line in lines:
        pieces: list[Segment] = []
        for seg in line.segments:
            cuts = [i for i, c in enumerate(seg.chars) if i and starts_a_column(c, seg.chars[i - 1])]
            bounds = [0, *cuts, len(seg.chars)]
            pieces += [_segment(seg.chars[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)] if cuts else [seg]
        line.segments = pieces


def _read(header: list[Line], body: list[Line], value_lines: list[Line], value_left: float) -> BorderlessTable | None:
    if len(value_lines) > MAX_ROWS:
        return None
    _split_at_edges(header + body, value_left)
    columns = _columns([s for ln in value_lines for s in _values(ln)])
    label_right = max((s.x1 for ln in body for s in ln.segments if s.x1 < columns[0][0] and not s.is_value),
                      default=None)
    centres = [(x0 + x1) / 2 for x0, x1 in columns]
    column_pitch = min((b - a for a, b in zip(centres, centres[1:], strict=False)), default=float("inf"))
    for seg in (s for ln in header for s in ln.segments if label_right is None or s.x0 > label_right):
        # a header word no wider than a column, between two columns of numbers and clear of both: a column blank
        # in every row (a wider word heads several columns)
        before = [c for c in columns if c[1] < seg.x0]
        after = [c for c in columns if c[0] > seg.x1]
        if len(before) + len(after) == len(columns) and (before or after) and seg.x1 - seg.x0 <= column_pitch:
            columns.append([seg.x0, seg.x1])
            columns.sort()
    unread: list[Segment] = []
    rows = _body_rows(body, value_lines, columns, unread)
    if rows is None:
        return None
    left_out = {id(s) for s in unread}
    body = [ln for ln in body if not all(id(s) in left_out for s in ln.segments)]
    head_rows = _header_rows(header, columns, label_right)
    if head_rows is None:
        return None
    chars = [c for ln in header + body for s in ln.segments for c in s.chars]
    top = min(ln.top for ln in header + body)
    return BorderlessTable(rows=head_rows + rows, top=top, bottom=max(ln.bottom for ln in body), chars=chars,
                           columns=columns)


def _bounds(columns: list[list[float]]) -> list[tuple[float, float]]:
    """Each column's left and right boundary: halfway to its neighbours (open at the table's edges)."""
    out = []
    for i, (x0, x1) in enumerate(columns):
        left = (columns[i - 1][1] + x0) / 2 if i else float("-inf")
        right = (x1 + columns[i + 1][0]) / 2 if i + 1 < len(columns) else float("inf")
        out.append((left, right))
    return out


def _header_rows(header: list[Line], columns: list[list[float]], label_edge: float | None) -> list[list[str]] | None:
    """The header: the words over several columns, then the label side's text and each column's words top to
    bottom (a merged header cell read once, as in a ruled table). ``label_edge``: where the label side ends. None
    when a column has no heading."""
    if not header:
        return []
    bounds = _bounds(columns)
    if label_edge is not None:
        bounds[0] = (label_edge, bounds[0][1])
    left = ""
    spanning: list[Segment] = []
    per_column = [""] * len(columns)
    for ln in header:
        for seg in ln.segments:
            if label_edge is not None and (seg.x0 + seg.x1) / 2 <= label_edge:
                left += seg.text
                continue
            inside = [i for i, (lo, hi) in enumerate(bounds) if seg.x0 >= lo - 1.0 and seg.x1 <= hi + 1.0]
            if inside:
                per_column[inside[0]] += seg.text
            else:
                spanning.append(seg)
    if not all(per_column):
        return None  # a column with no heading of its own: a stray figure, not a column of the table
    first = [s.text for s in sorted(spanning, key=lambda s: (s.top, s.x0))]
    last = ([left] if label_edge is not None else []) + per_column
    return [first, last] if first else [last]


def _body_rows(body: list[Line], value_lines: list[Line], columns: list[list[float]],
               unread: list[Segment]) -> list[list[str]] | None:
    """Each value row's label cells and its cells by column; None when the rows can't be told apart by position.
    The label lines below the last row's band are added to ``unread`` (they are text after the table)."""
    cells: list[list[str]] = []
    for line in value_lines:
        row = [""] * len(columns)
        for seg in _values(line):
            column = _column_of(seg, columns)
            if column is None or row[column]:
                return None  # a number between columns, or two in one cell
            row[column] = seg.text
        cells.append(row)
    value_left = columns[0][0]
    labels = [(ln, [s for s in ln.segments if not (s.is_value and s.x0 >= value_left - 0.5 * s.size)]) for ln in body]
    label_lines = [(ln, segs) for ln, segs in labels if segs]
    if not label_lines:  # a table without a label column (表四): its rows are the values
        return cells
    bands = _bands(body, value_lines)
    if bands is None:
        return None
    per_row: list[list[Segment]] = [[] for _ in value_lines]
    for _line, segs in label_lines:
        for seg in segs:
            at = next((i for i, (top, bottom) in enumerate(bands) if top <= seg.middle < bottom), None)
            if at is not None:
                per_row[at].append(seg)
            elif seg.middle < bands[0][0]:
                return None
    # the last row of a page may be cut by the page break, or its values set high over its label's first line (as
    # LibreOffice sets a row that ends a page): the pieces beside its values, and those right under a piece of it in
    # the same column (a group label's too), are its; anything else below is text after the table (never a piece
    # that starts a numbered label: that is the next row's, whose values are blank or on the next page). Its band
    # then reaches down to its label's last line (the group label beside it is placed by the bands).
    below = sorted((s for _line, segs in label_lines for s in segs if s.middle >= bands[-1][1]),
                   key=lambda s: (s.top, s.x0))
    for seg in below:
        continues = seg.top < value_lines[-1].bottom or (
            not _NUMBERED.match(seg.text) and any(_continues(seg, piece) for piece in per_row[-1]))
        if continues and not unread:
            per_row[-1].append(seg)
            bands[-1] = (bands[-1][0], max(bands[-1][1], seg.bottom))
        else:
            unread.append(seg)
    groups = _group_labels(per_row, bands)
    if groups is None:
        return None
    moved = {id(s) for blocks in groups for block in blocks for s in block}
    out = []
    for i, row in enumerate(cells):
        own = sorted((s for s in per_row[i] if id(s) not in moved), key=lambda s: (s.top, s.x0))
        label_cells = ["".join(s.text for s in block) for block in groups[i]]
        label_cells += ["".join(s.text for s in own)] if own else []
        out.append(label_cells + row)
    return out


def _continues(seg: Segment, above: Segment) -> bool:
    """Whether ``seg`` is the next line of the label piece ``above``: right under it (within a line's spacing) in
    the same column, flush left with it or centred under it (a group label is centred)."""
    flush = abs(seg.x0 - above.x0) < 1.0 or abs((seg.x0 + seg.x1) / 2 - (above.x0 + above.x1) / 2) < 1.0
    return flush and above.top < seg.top and seg.top - above.bottom < 0.6 * seg.size


def _bands(body: list[Line], value_lines: list[Line]) -> list[tuple[float, float]] | None:
    """Each value row's vertical band, from the body's top: a row's cells are centred in it."""
    gaps = [body[0].top, max(ln.bottom for ln in body)] + [(a.bottom + b.top) / 2 for a, b in zip(body, body[1:], strict=False)]
    top = body[0].top
    bands = []
    for line in value_lines:
        bottom = 2 * line.middle - top
        bottom = min(gaps, key=lambda g: abs(g - bottom))  # on the nearest gap between text lines
        if bottom <= line.middle:
            return None
        bands.append((top, bottom))
        top = bottom
    return bands


def _group_labels(per_row: list[list[Segment]], bands: list[tuple[float, float]]) -> list[list[list[Segment]]] | None:
    """Labels left of a row's own label (they span a group of rows) moved to the first row of their group."""
    own_left: list[float] = []
    for segs in per_row:
        if not segs:
            own_left.append(float("inf"))
            continue
        right = max(segs, key=lambda s: s.x0)
        # the row's own label: the rightmost piece and the pieces under or over it
        own = [s for s in segs if s.x1 > right.x0 + 1.0]
        own_left.append(min(s.x0 for s in own))
    outer = [s for i, segs in enumerate(per_row) for s in segs if s.x1 <= own_left[i] + 1.0]
    # pieces of one group label: the same column (overlapping x), consecutive lines
    blocks: list[list[Segment]] = []
    for seg in sorted(outer, key=lambda s: (s.top, s.x0)):
        block = next((b for b in blocks if b[-1].x0 < seg.x1 and seg.x0 < b[-1].x1
                      and seg.top - b[-1].bottom < 0.6 * seg.size), None)
        if block is not None:
            block.append(seg)
        else:
            blocks.append([seg])
    placed: list[tuple[float, float, int]] = []  # (x0, x1, last row) of the groups already placed
    moved: list[list[list[Segment]]] = [[] for _ in per_row]
    for block in blocks:
        middle = (block[0].top + block[-1].bottom) / 2
        x0, x1 = min(s.x0 for s in block), max(s.x1 for s in block)
        at = next((i for i, (top, bottom) in enumerate(bands) if top <= middle < bottom), None)
        if at is None:
            return None
        # its group: rows around it whose own labels lie right of it (after a group placed before it in the same
        # column)
        lowest = max([last + 1 for px0, px1, last in placed if px0 < x1 and x0 < px1], default=0)
        start = at
        while start > lowest and own_left[start - 1] >= x1:
            start -= 1
        end = at
        while end + 1 < len(bands) and own_left[end + 1] >= x1:
            end += 1
        # the widest span of those rows over whose middle it is centred (a group's first rows may be on the page
        # before)
        spans = [(abs((bands[f][0] + bands[e][1]) / 2 - middle), f, e) for f in range(start, at + 1)
                 for e in range(at, end + 1)]
        best = min(error for error, _f, _e in spans)
        _error, start, end = max((span for span in spans if span[0] <= best + 2.0), key=lambda sp: sp[2] - sp[1])
        moved[start].append(block)
        placed.append((x0, x1, end))
    return [sorted(m, key=lambda b: min(s.x0 for s in b)) for m in moved]
