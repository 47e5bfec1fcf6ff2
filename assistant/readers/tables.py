"""Read the three statistical tables out of an existing report's text.

Every source (Word, HTML, text) is first turned into lines: a table row whose cells are known is one line with the
cells separated by ``\\t`` ("gridded"); anything else is a plain line. Row labels of the official format
(``assistant.formats``) are located in order, tolerantly (NFKC, 1、 vs 1., "，" vs "、", spaces, labels broken per
character, small typos); the values of a row are what lies between its label and the next one.

Values come as cells (gridded lines), as whitespace-separated numbers (PDF text) or as runs of digits with no
delimiter (archived web pages). A run is split only where the table's identities (A1–A4 and each row's cell count)
admit exactly one split; otherwise the table is marked uncertain — never guessed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from assistant.facts import bare_label
from assistant.formats import TABLE_NAMES, TableFormat, exclusive_labels, known_versions, load_format
from assistant.headings import edit_distance
from assistant.patterns import compiled, lazy_compile

# --------------------------------------------------------------------------------------------------------------
# Normalisation

_FOLD = {ord(c): None for c in "“”\"‘’'「」『』"} | {ord(","): "、", ord("，"): "、", ord("．"): ".", ord("—"): "一"}
_CN_DIGITS = "零一二三四五六七八九十"


@lru_cache(maxsize=4096)  # a report has a few hundred distinct characters; label searches normalise them again
def norm_char(ch: str) -> str:
    """One character as it is compared: NFKC, quotes dropped, commas as 、 (may be empty)."""
    return unicodedata.normalize("NFKC", ch).translate(_FOLD)


def compact(text: str) -> tuple[str, list[int]]:
    """Text without whitespace, normalised for matching, with the index in ``text`` of every kept character."""
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for c in norm_char(ch):
            if c == "、" and chars and chars[-1].isdigit():
                c = "."  # "1、" numbering is "1."
            chars.append(c)
            index.append(i)
    return "".join(chars), index


def norm(text: str) -> str:
    return compact(text)[0]


# --------------------------------------------------------------------------------------------------------------
# Locating labels


def _fuzzy_find(hay: str, needle: str, start: int, stop: int, max_cost: int) -> tuple[int, int, int] | None:
    """Leftmost best approximate occurrence of ``needle`` in ``hay[start:stop]`` (Sellers' algorithm)."""
    m = len(needle)
    best: tuple[int, int, int] | None = None
    # prev[i] = (cost, start) of aligning needle[:i] ending at the previous text position
    prev = [(i, start) for i in range(m + 1)]
    for j in range(start, stop):
        ch = hay[j]
        cur = [(0, j + 1)]
        for i in range(1, m + 1):
            sub = prev[i - 1][0] + (0 if needle[i - 1] == ch else 1)
            options = [(sub, prev[i - 1][1]), (prev[i][0] + 1, prev[i][1]), (cur[i - 1][0] + 1, cur[i - 1][1])]
            cur.append(min(options))
        cost, begin = cur[m]
        if cost <= max_cost and (best is None or cost < best[2]):
            best = (begin if begin <= j else j, j + 1, cost)
        elif best is not None and j + 1 - best[1] > m:
            break  # past the best match
        prev = cur
    return best


@dataclass(frozen=True)
class Anchor:
    start: int  # compact index where the label (with its numbering) starts
    end: int  # compact index just past the label
    exact: bool = True
    found_text: str = ""


def _numbering(label: str) -> list[str]:
    """The forms the numbering of an official label takes once normalised: "1.", "(一)", "一、"."""
    if m := re.match(r"^(\d+)\.", label):
        n = m.group(1)
        return [f"{n}.", f"({n})"]
    if m := re.match(r"^（([一二三四五六七八九十]+)）", label):
        return [f"({m.group(1)})"]
    if m := re.match(r"^([一二三四五六七八九十]+)、", label):
        return [f"{m.group(1)}、"]
    return []


def find_label(ctext: str, label: str, start: int, stop: int, need_number: bool = False) -> Anchor | None:
    """Find an official label in compact text between ``start`` and ``stop``."""
    bare = norm(bare_label(label))
    if not bare:
        return None
    forms = _numbering(label)
    pos = start
    while True:
        at = ctext.find(bare, pos, stop)
        if at < 0:
            break
        prefix = next((f for f in forms if ctext.endswith(f, 0, at)), None)
        if prefix is not None or not need_number:
            return Anchor(at - len(prefix or ""), at + len(bare), True, ctext[at:at + len(bare)])
        pos = at + 1
    if len(bare) < 4:
        return None
    max_cost = 1 if len(bare) < 8 else int(len(bare) * 0.3)
    hit = _fuzzy_find(ctext, bare, start, stop, max_cost)
    if hit is None:
        return None
    s, e, _cost = hit
    found = ctext[s:e]
    if any(c.isdigit() for c in found) or found[:1] != bare[:1]:
        return None
    prefix = next((f for f in forms if ctext.endswith(f, 0, s)), "")
    if need_number and not prefix:
        return None
    return Anchor(s - len(prefix), e, False, found)


# --------------------------------------------------------------------------------------------------------------
# Values

_BLANK_MARKS = {"", "/", "-", "—", "－", "——", "无", "空", "\\"}
_NUMBER_RE = lazy_compile(r"(?<![\d.])([+-]?\d[\d,，]*(?:\.\d+)?)\s*(万元|元)?")
# a number, or a blank mark standing alone between spaces ("/", "—", "-")
_TOKEN_RE = lazy_compile(_NUMBER_RE.pattern + r"|(?<!\S)(?P<blank>[/—－-]{1,2})(?!\S)")
_PAGE_FOOTER_RE = lazy_compile(r"^\s*[-—－]\s*\d{1,3}\s*[-—－]\s*$", re.M)


def strip_page_footers(text: str) -> str:
    """Drop PDF page-number lines such as "- 4 -" (they would read as values)."""
    return _PAGE_FOOTER_RE.sub("", text)


EMPTY_T3_ROWS = 5  # row labels of table 三 in a row with no figure between them: a form left unfilled


@dataclass
class Cell:
    """One value as read: its text, or None for a blank cell."""

    text: str | None


def cells_of_region(region: str) -> tuple[list[Cell], str]:
    """The cells after a label: ('grid', cells of the label's row) or ('tokens', numbers in reading order)."""
    first_line, _nl, _rest = region.partition("\n")
    if "\t" in first_line:
        pieces = first_line.split("\t")[1:]
        return [Cell(None if _blank(p) else p.strip()) for p in pieces], "grid"
    if region.lstrip(" \t\u3000").startswith("|"):
        # a pipe table ("label | 58 | | 7 |", or one cell a line): cells by position, an empty one stays blank
        pieces = region.split("|")[1:]
        return [Cell(None if _blank(p) else p.strip()) for p in pieces], "grid"
    tokens = [Cell(None if m.group("blank") else m.group(0).strip()) for m in _TOKEN_RE.finditer(region)]
    return tokens, "tokens"


def cells_by_line(region: str, width: int) -> list[Cell] | None:
    """A row written one cell a line, an empty line for a blank cell ("一、本年新收…\n\n\n\n\n\n\n\n 0"): its cells
    by position (the last ``width`` lines; one more line is the label's own line break). None unless the label's
    line ends with it, there are that many lines, each a number or blank, and at least one of each."""
    first, _nl, rest = region.partition("\n")
    if first.strip() or not rest:
        return None
    lines = rest.split("\n")
    while lines and (not lines[-1].strip() or parse_count(lines[-1]) is None and not _blank(lines[-1])):
        lines.pop()  # blank lines before the next label, and a group label ("三、本年度办理结果") standing between
    if len(lines) not in (width, width + 1):
        return None
    cells = [Cell(None if _blank(line) else line.strip()) for line in lines[-width:]]
    if lines[:-width] and lines[0].strip():
        return None
    numbers = [c.text for c in cells if c.text is not None]
    if not numbers or len(numbers) == width or any(parse_count(t) is None for t in numbers):
        return None
    return cells


def _blank(piece: str) -> bool:
    return unicodedata.normalize("NFKC", piece).strip() in _BLANK_MARKS


def parse_count(text: str) -> int | None:
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("，", "")
    t = re.sub(r"(件|条|个|项)$", "", t)
    if re.fullmatch(r"\+?\d+", t):
        return int(t)
    return None


def parse_signed(text: str) -> int | None:
    """A change in table 二's 本年增/减 column: "-4", "+3", or written out as "减4", "增3" (减少4, 增加3)."""
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("−", "-")
    m = re.fullmatch(r"([+-]|增加?|新增|减少?)?\s*(\d+)", t)
    if not m:
        return None
    return -int(m.group(2)) if m.group(1) and m.group(1) in _MINUS_WORDS else int(m.group(2))


_MINUS_WORDS = ("-", "减", "减少")


def parse_amount(text: str) -> str | None:
    """An amount as the model accepts it ("1400000", "75394432.52元"), or None when it is not one."""
    t = unicodedata.normalize("NFKC", text).strip().replace(",", "")
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(万元|元)?", t)
    if not m:
        return None
    try:
        Decimal(m.group(1))
    except InvalidOperation:  # pragma: no cover - the regex admits only numbers
        return None
    return m.group(1) + (m.group(2) or "")


# --------------------------------------------------------------------------------------------------------------
# Digit runs


MAX_SPLITS = 20_000  # beyond this many ways to cut a run, it is not readable anyway


def splits(run: str, parts: int, max_len: int = 6) -> list[list[int]]:
    """Every way to cut a run of digits (spaces are forced cuts) into ``parts`` numbers without leading zeros.

    Returns [] when there are more than MAX_SPLITS ways (a run that long cannot be read reliably).
    """
    chunks = run.split()
    if not chunks or not all(c.isdigit() for c in chunks) or len("".join(chunks)) > parts * max_len:
        return []

    @cache
    def cut(chunk: str, k: int) -> tuple[tuple[int, ...], ...]:
        if k == 0:
            return ((),) if not chunk else ()
        if len(chunk) < k or len(chunk) > k * max_len:
            return ()
        res: list[tuple[int, ...]] = []
        limit = 1 if chunk[0] == "0" else min(max_len, len(chunk) - k + 1)
        for n in range(1, limit + 1):
            for rest in cut(chunk[n:], k - 1):
                res.append((int(chunk[:n]), *rest))
                if len(res) > MAX_SPLITS:
                    raise _TooMany
        return tuple(res)

    out: list[list[int]] = []

    def walk(i: int, left: int, acc: tuple[int, ...]) -> None:
        if i == len(chunks):
            if left == 0:
                out.append(list(acc))
                if len(out) > MAX_SPLITS:
                    raise _TooMany
            return
        remaining = len(chunks) - i - 1
        for k in range(1, left - remaining + 1):
            for piece in cut(chunks[i], k):
                walk(i + 1, left - k, acc + piece)

    try:
        walk(0, parts, ())
    except _TooMany:
        return []
    return out


class _TooMany(Exception):
    pass


# --------------------------------------------------------------------------------------------------------------
# Results


@dataclass
class TablesRead:
    """What the reader made of the tables: values by cell path, and what could not be read."""

    version: int | None
    values: dict[str, Any] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # tables absent
    uncertain: list[str] = field(default_factory=list)  # tables present but not reliably read
    deviations: list[tuple[str, str, str]] = field(default_factory=list)  # (table, message, evidence)
    unambiguous: set[str] = field(default_factory=set)  # deviations certainly about the official label's cell
    problems: list[tuple[str, str]] = field(default_factory=list)  # (table, why it is uncertain or incomplete)
    # blank cells seen in a table that is not read whole (so its values are not checked cell by cell):
    # (table, message, evidence)
    blanks: list[tuple[str, str, str]] = field(default_factory=list)
    empty: list[tuple[str, str, str]] = field(default_factory=list)  # tables left unfilled: (table, detail, evidence)


@cache
def _official_labels() -> frozenset[str]:
    """Every label of the official tables, of every format, normalised."""
    out: set[str] = set()
    for version in known_versions():
        f = load_format(version)
        out |= exclusive_labels(version) | {b.caption for b in f.t2_blocks} | {b.header_label for b in f.t2_blocks}
        out |= {c.label for b in f.t2_blocks for c in b.columns} | {r.label for b in f.t2_blocks for r in b.rows}
        out |= {c.label for c in f.t3_columns} | {r.label for r in f.t3_rows} | set(f.t3_group_labels.values())
        out |= {g["label"] for g in f.t4_groups} | {c.label for c in f.t4_columns}
    return frozenset(norm(x) for x in out if x)


def _without_brackets(text: str) -> str:
    return re.sub(r"[()]", "", text)


def _near(cell: str, label: str) -> bool:
    """A label with one character wrong, lost or added, cut short by one or two characters at its end, or written
    without its brackets ("本年收费金额单位:万元")."""
    if len(cell) < 4 or cell == label:
        return False
    if label.startswith(cell) and len(label) - len(cell) <= 2:
        return True
    if "(" in label and _without_brackets(cell) == _without_brackets(label):
        return True
    return len(label) >= 5 and abs(len(label) - len(cell)) <= 1 and edit_distance(cell, label) == 1


def misspelled_headers(text: str, absent: list[str], present: list[str]) -> list[tuple[str, str, bool]]:
    """Cells of a table's text that are an absent official header with a typo or cut short: (the cell as written,
    the label, whether it is unambiguous). Unambiguous: the cell is near that one label only, of all the official
    labels of every format, and is itself none of them."""
    known = _official_labels()
    out: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    for raw in re.split(r"[\s|｜]+", text):
        cell = norm(raw)
        if not cell or cell in known or cell in seen:
            continue
        near = [lab for lab in absent if _near(cell, norm(lab))]
        if len(near) != 1 or any(lab == near[0] for _c, lab, _u in out):
            continue
        seen.add(cell)
        others = [k for k in known if k != norm(near[0]) and _near(cell, k)]
        brackets_only = _without_brackets(cell) == _without_brackets(norm(near[0]))  # a slip of form: a warning
        out.append((raw.strip(), near[0],
                    not others and not brackets_only and not any(_near(cell, norm(p)) for p in present)))
    return out


def doubled_headers(text: str, labels: list[str], absent: list[str]) -> list[tuple[str, str]]:
    """Headers written once more than the format has them while a like header is absent ("本年新制作数量" twice, no
    "本年新公开数量"): (the doubled header, the absent one)."""
    cells = [norm(c) for c in re.split(r"[\s|｜]+", text) if c.strip()]
    out: list[tuple[str, str]] = []
    for label in dict.fromkeys(labels):
        n = norm(label)
        if cells.count(n) <= labels.count(label):
            continue
        twins = [a for a in absent if len(norm(a)) == len(n) and edit_distance(norm(a), n) <= 2
                 and a not in [t for _l, t in out]]
        if len(twins) == 1:
            out.append((label, twins[0]))
    return out


def detect_format(text: str) -> tuple[int | None, dict[int, list[str]]]:
    """The format whose exclusive labels the text holds (None when there are none or a tie)."""
    ctext = norm(text)
    found: dict[int, list[str]] = {}
    labels = {v: sorted(exclusive_labels(v), key=len, reverse=True) for v in known_versions()}
    for version in known_versions():
        other = [norm(x) for v, ls in labels.items() if v != version for x in ls]
        hits = []
        for label in labels[version]:
            n = norm(label)
            for m in re.finditer(re.escape(n), ctext):
                covered = any(
                    o != n and n in o and ctext.find(o, max(0, m.start() - len(o)), m.end() + len(o)) >= 0
                    for o in other
                )
                if not covered and not _followed_by_subrows(ctext, m.end(), label):
                    hits.append(label)
                    break
        found[version] = hits
    scores = {v: len(h) for v, h in found.items()}
    best = max(scores.values())
    winners = [v for v, s in scores.items() if s == best]
    return (winners[0] if best > 0 and len(winners) == 1 else None), found


@cache
def _subrow_starts(group: str) -> tuple[str, ...]:
    """How the first row under the group cell ``group`` begins in the formats that have it, compact, with and without
    the dot ("1.申请人", "1申请人" under （六）其他处理); empty when no format has such a group."""
    out: set[str] = set()
    for version in known_versions():
        first = next((r.label for r in load_format(version).t3_rows if group in r.groups), None)
        if first is not None:
            head = norm(first)[:5]
            out |= {head, head.replace(".", "", 1)}
    return tuple(sorted(out))


def _followed_by_subrows(ctext: str, at: int, group: str) -> bool:
    """Whether a label that is a row in one format and a group cell in another ("（六）其他处理") is the group cell
    here (followed by its first sub-row, 2021's "1.申请人…") rather than a data row."""
    return any(ctext.startswith(start, at) for start in _subrow_starts(group))


@dataclass(frozen=True)
class SplitGroup:
    """A table 三 group of one format that other formats print as a single row (2021's （六）其他处理, one row in
    2019): its label, its rows, the rows just before and after it, and the formats with the single row."""

    label: str
    keys: tuple[str, ...]
    before: str | None
    after: str | None
    single_in: tuple[int, ...]


@cache
def split_group(version: int) -> SplitGroup | None:
    """The group of this format that another format prints as one row, if any."""
    fmt = load_format(version)
    keys = fmt.t3_row_keys
    for label in dict.fromkeys(g for r in fmt.t3_rows for g in r.groups):
        single_in = tuple(v for v in known_versions()
                          if v != version and any(r.label == label for r in load_format(v).t3_rows))
        if single_in:
            rows = tuple(r.key for r in fmt.t3_rows if label in r.groups)
            first, last = keys.index(rows[0]), keys.index(rows[-1])
            return SplitGroup(label, rows, keys[first - 1] if first else None,
                              keys[last + 1] if last + 1 < len(keys) else None, single_in)
    return None


def _with_header_unit(value: Any, column: Any, text: str) -> Any:
    """An amount written without its unit under a header that gives it ("采购总金额(万元)"): the header's unit."""
    if column.type != "amount" or not isinstance(value, str) or value.endswith("元"):
        return value
    m = re.search(re.escape(norm(column.label)) + r"[(（](?:单位[:：])?(万元|元)[)）]", norm(text))
    return value + m.group(1) if m else value


def _cut_off_at(text: str, cell: str, label: str) -> bool:
    """Whether ``text`` ends with ``cell`` and ``cell`` is the beginning of ``label`` ("本年收费金额(单位:万" at the
    end of a page excerpt)."""
    return text.rstrip(" |\t\n").endswith(cell) and norm(label).startswith(norm(cell))


class TableReader:
    """Read tables 二, 三 and 四 of one format from the regions of their sections."""

    def __init__(self, version: int):
        self.version = version
        self.fmt: TableFormat = load_format(version)
        self.out = TablesRead(version)
        self._raw: dict[str, str] = {}  # the text after each table 三 row label, for messages

    # --- shared -----------------------------------------------------------------------------------------
    def _anchors(self, table: str, ctext: str, labels: list[tuple[str, str]], need_number: set[str],
                 start: int = 0) -> dict[str, Anchor]:
        anchors: dict[str, Anchor] = {}
        cursor = start
        for key, label in labels:
            stop = min(len(ctext), cursor + 600)
            a = find_label(ctext, label, cursor, stop, need_number=key in need_number)
            if a is not None:
                anchors[key] = a
                cursor = a.end
        last = list(anchors)[-1] if anchors else None
        for key, label in labels:
            a = anchors.get(key)
            # a cut-off table ends in a cut-off label: that is not a deviation
            if a is not None and not a.exact and not (key == last and len(anchors) < len(labels)):
                self._deviation(table, f"{TABLE_NAMES[table]}行标签“{a.found_text}”与官方格式的“{label}”不一致",
                                a.found_text)
        return anchors

    def _deviation(self, table: str, message: str, evidence: str) -> None:
        self.out.deviations.append((table, message, evidence))

    def _headers(self, table: str, ctext: str, labels: list[str], text: str = "", complete: bool = True) -> None:
        """Report column headers of the official format that the table does not show: a cell of ``text`` that is
        such a header with a typo or cut short ("采购项目数") is named with the official label; the rest are
        reported missing when the table is ``complete`` (a table cut off lacks its later headers)."""
        absent = [lab for lab in dict.fromkeys(labels) if norm(lab) not in ctext]
        for cell, label, unambiguous in misspelled_headers(text, absent, [lab for lab in labels if lab not in absent]):
            if _cut_off_at(text, cell, label):  # the text ends inside this header: cut off, not a typo
                absent.remove(label)
                continue
            message = f"{TABLE_NAMES[table]}表头“{cell}”与官方格式的“{label}”不一致"
            self._deviation(table, message, cell)
            if unambiguous:
                self.out.unambiguous.add(message)
            absent.remove(label)
        for cell, label in doubled_headers(text, labels, absent):
            self._deviation(table, f"{TABLE_NAMES[table]}表头“{cell}”出现两次，缺少“{label}”（疑为误写）", cell)
            absent.remove(label)
        if absent and complete:
            self._deviation(table, f"{TABLE_NAMES[table]}缺少表头“{'”“'.join(absent)}”（或表头文字与官方格式不同）",
                            "、".join(absent))

    @staticmethod
    def _region(text: str, index: list[int], start: int, stop: int | None) -> str:
        """The original text between two compact positions (just past ``start``'s character, up to ``stop``)."""
        s = index[start - 1] + 1 if 0 < start <= len(index) else (0 if start == 0 else len(text))
        e = index[stop] if stop is not None and stop < len(index) else len(text)
        return text[s:e]

    # --- table 二 ---------------------------------------------------------------------------------------
    def read_t2(self, text: str) -> None:
        fmt = self.fmt
        text = strip_page_footers(text)
        ctext, index = compact(text)
        rows = [(r.key, r.label) for b in fmt.t2_blocks for r in b.rows]
        anchors = self._anchors("t2", ctext, rows, set())
        if not anchors:
            self.out.missing.append("t2")
            return
        self._headers("t2", ctext, [c.label for b in fmt.t2_blocks for c in b.columns], text,
                      complete=len(anchors) == len(rows))
        self._unofficial_t2_labels(text)
        ends = self._next_starts(anchors, [k for k, _ in rows])
        ambiguous: list[str] = []
        for block in fmt.t2_blocks:
            for row in block.rows:
                paths = [f"t2.{row.key}.{c.key}" for c in block.columns]
                if row.key not in anchors:
                    ambiguous.append(f"{row.label}：未找到该行")
                    for p in paths:
                        self.out.values[p] = None
                    continue
                region = self._region(text, index, anchors[row.key].end, ends[row.key])
                values = self._row_values(region, list(block.columns))
                if values is None:
                    ambiguous.append(f"{row.label}：“{_values_text(region)}”")
                    for p in paths:
                        self.out.values[p] = None
                else:
                    values = [_with_header_unit(v, c, text) for v, c in zip(values, block.columns, strict=True)]
                    self.out.values.update(dict(zip(paths, values, strict=True)))
        if ambiguous:
            self._uncertain("t2", "表二以下行的数字无法唯一读出：" + "；".join(ambiguous))
        self._note_empty_t2(text, index, anchors, ends, len(rows))

    def _unofficial_t2_labels(self, text: str) -> None:
        """A text table 二 (cells split by | or tabs) with a row no format has ("其他主动公开文件 | 56 | 45", a local
        variant); block captions cut short to "第二十条第"; labels that keep the form's filling instructions
        ("规范性文件(行政机关制定发布的决定…)", "上一年项目数量 (指2019年事项数)"): one finding each kind."""
        known = [norm(label) for label in t2_labels()]
        extra = []
        for m in _TEXT_TABLE_ROW.finditer(text):
            label = m.group("label").strip()
            head = norm(re.split(r"[（(]", label, maxsplit=1)[0])
            if head and not head.startswith("第二十条") and not any(k.startswith(head) for k in known):
                extra.append(_shorten(label, 30))
        if extra:
            self._deviation("t2", "表二增加了官方格式没有的行：“" + "”“".join(extra) + "”", extra[0])
        cut = len(_CUT_CAPTION.findall(text))
        if cut:
            self._deviation("t2", f"表二有{cut}个分栏标题残缺为“第二十条第”，缺项号（应为“第二十条第（一）项”等）",
                            "第二十条第")
        notes = [_shorten(m.group(0).strip(), 40) for m in _filling_note().finditer(text)]
        if notes:
            self._deviation("t2", "表二的标签保留了填报说明（公开的报告应只用官方标签）：“" + "”“".join(notes) + "”",
                            notes[0])

    def _note_empty_t2(self, text: str, index: list[int], anchors: dict[str, Anchor], ends: dict[str, int | None],
                       rows: int) -> None:
        """A table 二 with every row label and (almost) no figure: a form left unfilled, not a table misread."""
        if len(anchors) < rows or "t2" not in self.out.uncertain:  # a table read whole: A5.blank cell by cell
            return
        empty = [k for k, a in anchors.items() if not re.search(r"\d", self._region(text, index, a.end, ends[k]))]
        if len(empty) >= rows - 1:
            headers = "、".join(dict.fromkeys(c.label for b in self.fmt.t2_blocks for c in b.columns))
            self.out.empty.append(("t2", f"{rows}行中{len(empty)}行没有填数字（表头：{headers}）", _shorten(text, 60)))

    @staticmethod
    def _next_starts(anchors: dict[str, Anchor], order: list[str]) -> dict[str, int | None]:
        """Where each found row's values end: the start of the next found row label (None for the last)."""
        found = [k for k in order if k in anchors]
        out: dict[str, int | None] = {}
        for i, key in enumerate(found):
            out[key] = anchors[found[i + 1]].start if i + 1 < len(found) else None
        return out

    @staticmethod
    def _row_values(region: str, columns: list[Any]) -> list[Any] | None:
        cells, mode = cells_of_region(region)
        kinds = [c.type for c in columns]
        if mode == "grid":
            cells = cells[: len(kinds)] if len(cells) >= len(kinds) else cells
            if len(cells) != len(kinds):
                return None
            return [_convert(c.text, k) for c, k in zip(cells, kinds, strict=True)]
        texts = [c.text or "" for c in cells]
        if len(texts) == len(kinds):
            converted = [_convert(c.text, k) for c, k in zip(cells, kinds, strict=True)]
            if all(v is not None or c.text is None for v, c in zip(converted, cells, strict=True)):
                # one amount token with more than 4 decimals is two cells run together
                if any(k == "amount" and _too_precise(t) for t, k in zip(texts, kinds, strict=True)):
                    return None
                return converted
            return None
        if len(texts) < len(kinds) and all(k == "count" for k in kinds) and all(c.text for c in cells):
            run = " ".join(texts)
            options = splits(run, len(kinds))
            if len(options) == 1:
                return list(options[0])
        return None

    # --- table 三 ---------------------------------------------------------------------------------------
    def read_t3(self, text: str) -> None:
        fmt = self.fmt
        text = strip_page_footers(text)
        ctext, index = compact(text)
        rows = [(r.key, r.label) for r in fmt.t3_rows]
        short = {r.key for r in fmt.t3_rows if len(norm(bare_label(r.label))) <= 3}
        anchors = self._anchors("t3", ctext, rows, short)
        if len(anchors) < 3:
            read = self._blank_rows(text, index, ctext, anchors)  # the rows there are may still show blank cells
            if self._cut_off_early(ctext, anchors):  # the page ends after its first rows: there, but incomplete
                self._note_cut_off_t3(anchors, read)
            else:
                self.out.missing.append("t3")
            return
        cols = [c.key for c in fmt.t3_columns]
        first = min(a.start for a in anchors.values())
        header = ctext[:first]
        self._headers("t3", header, [c.label for c in fmt.t3_columns], self._region(text, index, 0, first))
        for group in fmt.t3_group_labels.values():
            if ctext.count(norm(group)) > 1:
                self._deviation("t3", f"表三的“{group}”重复出现（官方表格中只有一处）", group)
        subtotal_col = "小计" in header
        width = len(cols) + (1 if subtotal_col else 0)
        if subtotal_col:
            self._deviation("t3", "表三增加了“法人或其他组织小计”列（官方表格没有此列）", "小计")
        order = [k for k, _ in rows]
        ends = self._next_starts(anchors, order)
        per_row: dict[str, list[list[int | None]]] = {}
        missing_rows: list[str] = []
        other_single = self._other_single_row(ctext, anchors)
        for row in fmt.t3_rows:
            if row.key not in anchors:
                missing_rows.append(row.key)
                continue
            stop = ends[row.key]
            if other_single is not None and anchors[row.key].end <= other_single[0] < (stop or len(ctext)):
                stop = other_single[0]
            region = self._region(text, index, anchors[row.key].end, stop)
            per_row[row.key] = self._t3_candidates(region, width)
            self._raw[row.key] = _values_text(region)
        if other_single is not None:
            self._apply_single_other(text, index, ctext, other_single, anchors, width, per_row, missing_rows)
        if subtotal_col:
            for key, cands in per_row.items():
                if len(cands) == 1 and not _subtotal_ok(cands[0]):
                    label = next(r.label for r in fmt.t3_rows if r.key == key)
                    values = cands[0]
                    self._deviation("t3", f"表三“{label}”行的法人或其他组织小计为{values[6]}，而五类之和为"
                                          f"{sum(v or 0 for v in values[1:6])}", label)
            per_row = {k: [c[:6] + c[7:] for c in cands if _subtotal_ok(c)] or [c[:6] + c[7:] for c in cands]
                       for k, cands in per_row.items()}
        solutions = self._solve_t3(per_row)
        self._store_t3(per_row, solutions, missing_rows)
        if "t3" in self.out.uncertain:  # a table read whole has its blank cells checked one by one
            self._note_blank_rows({k: c[0] for k, c in per_row.items() if len(c) == 1})
            self._note_empty_t3(text, index, anchors, ends)

    def _cut_off_early(self, ctext: str, anchors: dict[str, Anchor]) -> bool:
        """Whether a table 三 with fewer than three rows found is the table's beginning cut off (汉阳区政府办2022: its
        header "申请人情况", then the rows 一、二 and the text ends): the rows found are the first ones, in order,
        below the table's header."""
        order = [r.key for r in self.fmt.t3_rows]
        found = [k for k in order if k in anchors]
        if len(found) < 2 or found != order[:len(found)]:
            return False
        header = ctext[:anchors[found[0]].start]
        return norm(self.fmt.t3_header_group) in header and all(norm(c.label) in header for c in self.fmt.t3_columns[:1])

    def _note_cut_off_t3(self, anchors: dict[str, Anchor], read: dict[str, list[int | None]]) -> None:
        """The rows read of a table 三 cut off early, the others blank, and a note that it stops there."""
        rows = self.fmt.t3_rows
        last_found = [r.label for r in rows if r.key in anchors][-1]
        for row in rows:
            values = read.get(row.key)
            for i, col in enumerate(self.fmt.t3_columns):
                self.out.values[f"t3.{row.key}.{col.key}"] = None if values is None else values[i]
        self._uncertain("t3", f"表三在“{last_found}”之后中断，缺少其后 {len(rows) - len(anchors)} 行")

    def _note_empty_t3(self, text: str, index: list[int], anchors: dict[str, Anchor],
                       ends: dict[str, int | None]) -> None:
        """A table 三 whose row labels follow one another with no figure between them (the last row found may run
        into the text that follows it): a form left unfilled."""
        found = [r.key for r in self.fmt.t3_rows if r.key in anchors][:-1]
        if len(found) < EMPTY_T3_ROWS:
            return
        if any(re.search(r"\d", self._region(text, index, anchors[k].end, ends[k])) for k in found):
            return
        first = next(r.label for r in self.fmt.t3_rows if r.key == found[0])
        self.out.empty.append(("t3", f"所读到的{len(found)}行都没有填数字", first))

    def _blank_rows(self, text: str, index: list[int], ctext: str,
                    anchors: dict[str, Anchor]) -> dict[str, list[int | None]]:
        """Blank cells in the rows of a table 三 too short to read (the page cut off after two rows); the rows read."""
        width = len(self.fmt.t3_columns)
        ends = self._next_starts(anchors, [r.key for r in self.fmt.t3_rows])
        read = {}
        for key, anchor in anchors.items():
            cands = self._t3_candidates(self._region(text, index, anchor.end, ends[key]), width)
            if len(cands) == 1:
                read[key] = cands[0]
        self._note_blank_rows(read)
        return read

    def _note_blank_rows(self, rows: dict[str, list[int | None]]) -> None:
        """One note per row read with blank cells (and at least one figure: a row with none was not read)."""
        labels = {r.key: r.label for r in self.fmt.t3_rows}
        columns = [c.label for c in self.fmt.t3_columns]
        by_what: dict[str, list[str]] = {}  # rows with the same blank cells: one note
        for key, values in rows.items():
            blank = [columns[i] for i, v in enumerate(values) if v is None]
            if not blank or len(blank) == len(values):
                continue
            only_total = values[-1] is not None and len(blank) == len(values) - 1
            what = "只填了总计，各类申请人" if only_total else "“" + "”“".join(blank) + "”"
            by_what.setdefault(what, []).append(labels[key])
        for what, row_labels in by_what.items():
            self.out.blanks.append(("t3", "表三“" + "”“".join(row_labels) + f"”行{what}的格子为空白", row_labels[0]))

    def _other_single_row(self, ctext: str, anchors: dict[str, Anchor]) -> tuple[int, int] | None:
        """A group of this format printed as the single row of another (2021 tables with one （六）其他处理 row):
        its (start, end) in compact text."""
        split = split_group(self.version)
        # the last sub-row ("3.其他") is too plain a label to prove that the sub-rows are there
        if split is None or any(k in anchors for k in split.keys[:-1]):
            return None
        start = anchors[split.before].end if split.before in anchors else 0
        group = norm(split.label)
        at = ctext.find(group, start)
        if at < 0 or _followed_by_subrows(ctext, at + len(group), split.label):
            return None
        return at, at + len(group)

    def _apply_single_other(self, text: str, index: list[int], ctext: str, span: tuple[int, int],
                            anchors: dict[str, Anchor], width: int, per_row: dict[str, list[list[int | None]]],
                            missing_rows: list[str]) -> None:
        split = split_group(self.version)
        if split is None:  # not reached: _other_single_row found the span of this format's split group
            return
        stop = anchors[split.after].start if split.after in anchors else None
        region = self._region(text, index, span[1], stop)
        cands = self._t3_candidates(region, width)
        keys = split.keys
        anchors.pop(keys[-1], None)
        per_row.pop(keys[-1], None)
        for k in keys:
            if k in missing_rows:
                missing_rows.remove(k)
        count = _CN_DIGITS[len(keys)] if len(keys) <= 10 else str(len(keys))
        if len(cands) == 1 and all(v == 0 for v in cands[0]):
            for k in keys:
                per_row[k] = [list(cands[0])]
            note = f"{count}项均按 0 读入"
        else:
            for k in keys:
                per_row[k] = [[None] * width]
            note = f"无法分到{count}项，按空白读入"
        single = "、".join(str(v) for v in split.single_in)
        self._deviation("t3", f"表三“{split.label}”只有一行（{single} 年版格式），缺少 {self.version} 年版的{count}个分项；"
                              f"{note}", split.label)

    def _t3_candidates(self, region: str, width: int) -> list[list[int | None]]:
        for mark in ("小计", "合计"):
            if mark in norm(region):
                at = region.find(mark) if mark in region else -1
                if at >= 0:
                    self._deviation("t3", f"表三增加了“{mark}”行（官方表格没有小计行）", _shorten(region))
                    region = region[:at]
        cells, mode = cells_of_region(region)
        by_line = cells_by_line(region, width) if mode == "tokens" else None
        if by_line is not None:
            return [[None if c.text is None else parse_count(c.text) for c in by_line]]
        if mode == "grid":
            values = [None if c.text is None else parse_count(c.text) for c in cells[:width]]
            if len(values) == width and all(v is not None or c.text is None for v, c in zip(values, cells,
                                                                                             strict=False)):
                return [values]
            return []
        if len(cells) == width and any(c.text is None for c in cells):
            marked = [None if c.text is None else parse_count(c.text) for c in cells]
            return [marked] if all(v is not None or c.text is None for v, c in zip(marked, cells, strict=True)) else []
        texts = [c.text or "" for c in cells]
        if len(texts) == width:
            values = [parse_count(t) for t in texts]
            return [values] if all(v is not None for v in values) else []
        if 0 < len(texts) < width and all(c.text is not None for c in cells):
            options = splits(" ".join(texts), width)
            good = [o for o in options if sum(o[:-1]) == o[-1] or width == 8]
            return [list(o) for o in good]
        return []

    def _solve_t3(self, per_row: dict[str, list[list[int | None]]]) -> list[dict[str, list[int | None]]]:
        fmt = self.fmt
        keys = list(per_row)
        if any(not per_row[k] for k in keys):
            return []
        fixed = {k: v[0] for k, v in per_row.items() if len(v) == 1}
        open_keys = [k for k in keys if len(per_row[k]) > 1]
        total = 1
        for k in open_keys:
            total *= len(per_row[k])
        if total > 200_000:
            return []
        solutions: list[dict[str, list[int | None]]] = []
        for combo in itertools.product(*(per_row[k] for k in open_keys)):
            table = dict(fixed)
            table.update(zip(open_keys, combo, strict=True))
            if not open_keys or _t3_identities(fmt, table):
                solutions.append(table)
                if len(solutions) > 1:
                    break
        return solutions

    def _store_t3(self, per_row: dict[str, list[list[int | None]]], solutions: list[dict[str, list[int | None]]],
                  missing_rows: list[str]) -> None:
        fmt = self.fmt
        cols = [c.key for c in fmt.t3_columns]
        if len(solutions) == 1:
            table = solutions[0]
        else:
            table = {}
            for key, cands in per_row.items():
                if len(cands) == 1:
                    table[key] = cands[0]
            def label(key: str) -> str:
                return next(r.label for r in fmt.t3_rows if r.key == key)

            no_split = [f"{label(k)}“{self._raw.get(k, '')}”" for k, c in per_row.items()
                        if not c and any(ch.isdigit() for ch in self._raw.get(k, ""))]
            unread = [label(k) for k, c in per_row.items() if not c and not any(ch.isdigit() for ch in
                                                                                self._raw.get(k, ""))]
            if no_split:
                self._uncertain("t3", "表三以下行的数字无法拆成各项之和等于总计的一行：" + "；".join(no_split))
            several = [label(k) for k, c in per_row.items() if len(c) > 1]
            if unread:
                self._uncertain("t3", "表三以下行未读到完整的数字：" + "、".join(unread))
            if several:
                how = "有多种拆分都符合勾稽关系" if len(solutions) > 1 else "没有一种拆分符合勾稽关系"
                self._uncertain("t3", f"表三以下行的数字连写，{how}，无法唯一读出：" + "、".join(several))
            if not unread and not several and not no_split:
                self._uncertain("t3", "表三连写的数字没有一种拆分符合勾稽关系")
        for row in fmt.t3_rows:
            values = table.get(row.key)
            for i, col in enumerate(cols):
                self.out.values[f"t3.{row.key}.{col}"] = None if values is None else values[i]
        if missing_rows:
            labels = [next(r.label for r in fmt.t3_rows if r.key == k) for k in missing_rows]
            found = [r.key for r in fmt.t3_rows if r.key not in missing_rows]
            last_found = next(r.label for r in fmt.t3_rows if r.key == found[-1]) if found else ""
            if missing_rows == [r.key for r in fmt.t3_rows][-len(missing_rows):]:
                message = f"表三在“{last_found}”之后中断，缺少其后 {len(missing_rows)} 行"
            else:
                message = "表三缺少以下行：" + "、".join(labels)
            self._uncertain("t3", message)

    # --- table 四 ---------------------------------------------------------------------------------------
    def read_t4(self, text: str) -> None:
        fmt = self.fmt
        text = strip_page_footers(text)
        ctext, index = compact(text)
        groups = fmt.t4_group_keys
        parts = [c.key for c in fmt.t4_columns]
        width = len(groups) * len(parts)
        last = ctext.rfind("总计")
        if last < 0 or "行政复议" not in ctext:
            self.out.missing.append("t4")
            return
        self._headers("t4", ctext[:last + 2], [g["label"] for g in fmt.t4_groups] + [c.label for c in fmt.t4_columns],
                      self._region(text, index, 0, last + 2))
        region = self._region(text, index, last + 2, None)
        region = region.split("\n五、")[0]
        cells, mode = cells_of_region(region.lstrip(" \u3000"))
        if mode == "grid" or (cells and "\t" in region):
            line = next((ln for ln in region.split("\n") if "\t" in ln or ln.strip()), "")
            pieces = line.split("\t") if "\t" in line else []
            values: list[int | None] = [None if _blank(p) else parse_count(p) for p in pieces]
            if len(values) != width or any(v is None and not _blank(p) for v, p in zip(values, pieces,
                                                                                      strict=False)):
                values = []
            options = [values] if values else []
        else:
            texts = [c.text or "" for c in cells]
            if len(cells) >= width:
                vals = [None if c.text is None else parse_count(c.text) for c in cells[:width]]
                ok = all(v is not None or c.text is None for v, c in zip(vals, cells, strict=False))
                options = [vals] if ok else []
            elif any(c.text is None for c in cells):
                options = []
            else:
                options = [o for o in splits(" ".join(texts), width) if _t4_ok(o, len(parts))]  # type: ignore
        if len(options) != 1:
            self._uncertain("t4", "表四的数字无法唯一读出：“" + _shorten(region) + "”")
            options = [[None] * width]
        for gi, group in enumerate(groups):
            for pi, part in enumerate(parts):
                self.out.values[f"t4.{group}.{part}"] = options[0][gi * len(parts) + pi]

    def _uncertain(self, table: str, message: str) -> None:
        if table not in self.out.uncertain:
            self.out.uncertain.append(table)
        self.out.problems.append((table, message))



def _t4_ok(values: list[int], n: int) -> bool:
    return all(sum(values[i:i + n - 1]) == values[i + n - 1] for i in range(0, len(values), n))


def _subtotal_ok(row: list[int | None]) -> bool:
    if any(v is None for v in row):
        return True
    return sum(row[1:6]) == row[6]  # type: ignore[arg-type]


def _t3_identities(fmt: TableFormat, table: dict[str, list[int | None]]) -> bool:
    """A1 and A2 on every column where the rows are known."""
    n = len(fmt.t3_columns)
    for c in range(n):
        def v(key: str, c: int = c) -> int | None:
            row = table.get(key)
            return None if row is None else row[c]

        nr, co, rt, cf = v("new_received"), v("carried_over"), v("result_total"), v("carried_forward")
        if None not in (nr, co, rt, cf) and nr + co != rt + cf:  # type: ignore[operator]
            return False
        parts = [v(k) for k in fmt.result_keys]
        if rt is not None and None not in parts and sum(parts) != rt:  # type: ignore[arg-type]
            return False
    return True


def _convert(text: str | None, kind: str) -> Any:
    if text is None:
        return None
    if kind == "count":
        return parse_count(text)
    if kind == "signed":
        return parse_signed(text)
    return parse_amount(text)


def _too_precise(text: str) -> bool:
    m = re.search(r"\.(\d+)", text)
    return bool(m and len(m.group(1)) > 4)


def _values_text(region: str) -> str:
    """The values part of a row's text (up to the next label), for messages."""
    m = re.match(r"[\s\d.,，+\-/—－元万]*", region)
    return _shorten(m.group(0) if m and m.group(0).strip() else region)


# A block caption cut short, alone on its line ("第二十条第", not "第二十条第(" wrapped before "一)项")
_CUT_CAPTION = lazy_compile(r"^[ \t|]*第二十条第[ \t|]*$", re.M)
# A row of a text table: a label, then its cells split by | or tabs, a number among them ("其他主动公开文件 | 56 | 45")
_TEXT_TABLE_ROW = lazy_compile(r"^[ \t]*(?P<label>[\u4e00-\u9fff][^|\t\n]*?)[ \t]*[|\t](?=[^\n]*\d)", re.M)


@cache
def t2_labels() -> tuple[str, ...]:
    """Every label a table 二 of any format prints: captions, header cells, rows and columns."""
    labels: dict[str, None] = {}
    for version in known_versions():
        for block in load_format(version).t2_blocks:
            labels.update(dict.fromkeys([block.caption, block.header_label, *(r.label for r in block.rows),
                                         *(c.label for c in block.columns)]))
    return tuple(labels)


@cache
def _filling_note() -> re.Pattern[str]:
    """An official table 二 label without brackets of its own, followed by a bracketed note of 8 or more characters."""
    plain = sorted((label for label in t2_labels() if not re.search(r"[（(]", label)), key=len, reverse=True)
    return compiled("(?:" + "|".join(map(re.escape, plain)) + r")[ \t]*[（(][^）)|\n]{8,}[）)]?")


def _shorten(text: str, limit: int = 40) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= limit else flat[:limit] + "…"


def read_tables(regions: dict[str, str], version: int) -> TablesRead:
    """Read the tables from the text of their sections (keys 't2', 't3', 't4'; a region may be absent)."""
    reader = TableReader(version)
    for table, fn in (("t2", reader.read_t2), ("t3", reader.read_t3), ("t4", reader.read_t4)):
        region = regions.get(table)
        if region is None or not region.strip():
            reader.out.missing.append(table)
            continue
        fn(region)
    _empty_tables_as_blanks(reader.out)
    return reader.out


def _empty_tables_as_blanks(out: TablesRead) -> None:
    """Tables left unfilled (only headers and row labels) as one blank-cells note: one form left unfilled is one
    finding, whether one table or two."""
    if not out.empty:
        return
    names = "、".join(TABLE_NAMES[t] for t, _d, _e in out.empty)
    details = "；".join((f"{TABLE_NAMES[t]}" if len(out.empty) > 1 else "") + d for t, d, _e in out.empty)
    out.blanks.append((out.empty[0][0], f"{names}只有表头和行名，{details}", out.empty[-1][2]))
