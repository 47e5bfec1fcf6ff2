"""Where the lines of a justified body paragraph end, predicted as LibreOffice sets them (GB/T 9704 body: 3号 on the
156 mm line), so that a web or e-mail address or a phone number that would straddle a line end can be moved whole
to the next line (:func:`address_breaks`).

The model, measured against LibreOffice 7.4's PDF (with Liberation Serif installed it placed every line of 727 body
paragraphs as LibreOffice did: two sets of 20 random drafted reports, each with the two examples and long-names):
- a Chinese character or full-width mark takes its em times the run's width scale, in whole twips (15.5 pt in the
  body, 97% of 16 pt);
- a Latin letter, digit or ASCII mark takes its advance in Times New Roman (:data:`TIMES_ADVANCE`; Liberation Serif,
  the font LibreOffice puts in its place, has the same advances), no kerning;
- between a Chinese character (not a mark) and a Latin letter or digit, a fifth of an em (3.2 pt) is added (the
  spacing between Asian and Western text, on in Word and LibreOffice);
- a character spacing (``w:spacing``, condensed or expanded) is added after each character of a run but the last
  of the run (LibreOffice leaves it off there; the renderer starts a run where Latin text and Chinese meet);
- a line may break between two Chinese characters, between Chinese and Latin text (not after a closing mark such as
  "。" or "、": "。2020年" holds together), and inside Latin text only after a space, "-", "?" or the last "/" of a
  row of slashes; never before a mark that may not start a line
  (:data:`NO_LINE_START`) nor after one that may not end it (:data:`NO_LINE_END`): such a mark goes to the next line
  with the character before (or after) it;
- a line holds what fits into its width (the first line less its two-character indent); what does not fit starts
  the next line.

Not checked against Word (no Word here). It does not know other fonts' Latin advances: with a fallback font for Times New Roman of other widths (DejaVu Serif
on a machine without Liberation Serif) its lines differ.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.addresses import ADDRESS_RE, PHONE_RE, doc_number_spans, join_layout_breaks

# Advance widths of ASCII 0x20-0x7e in Times New Roman, in 1/2048 em (read from Liberation Serif 2.1.5, which is
# metric-compatible with it: the same advance for every character).
TIMES_ADVANCE = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,  # space ! " # … /
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024,  # 0-9
    569, 569, 1155, 1155, 1155, 909, 1886,  # : ; < = > ? @
    1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821,  # A-M
    1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251,  # N-Z
    682, 569, 682, 961, 1024, 682,  # [ \ ] ^ _ `
    909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593,  # a-m
    1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909,  # n-z
    983, 410, 983, 1108,  # { | } ~
)
UNITS_PER_EM = 2048
SCRIPT_SPACE_EM = 0.2  # between a Chinese character and a Latin letter or digit

# Marks that may not begin a line and marks that may not end one (LibreOffice's zh-CN rules, as far as the text of
# these reports uses them)
NO_LINE_START = frozenset("，。、；：？！）》〉」』”’〕】…—·%,.;:?!)]}")
NO_LINE_END = frozenset("（《〈「『“‘〔【([{")
LATIN_BREAK_AFTER = frozenset(" -?")
# a closing mark holds on to Latin text right after it ("。2020年", "、13912345678"): no break between them
CLOSING_MARKS = frozenset("，。、）》〉」』”’〕】")

EPSILON = 0.01  # pt: LibreOffice rounds positions to twips
MAX_SPREAD = 7.5  # pt beside each character (a little under half a cell, LibreOffice spreads unevenly): more reads as spread out
# pt beside each character from which a line is better ended short at a break a typesetter would choose (after a
# closing mark, before a number LibreOffice keeps with it), if the line then ends less than a character short
LOOSE_SPREAD = 2.0


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text set at one size and Chinese width scale."""

    text: str
    size: float = 16.0  # pt
    cjk_scale: int = 97  # percent (w:w)
    spacing: float = 0.0  # pt added after each character (w:spacing; negative: condensed)


def _is_mark(ch: str) -> bool:
    return ch in NO_LINE_START or ch in NO_LINE_END or ch in "“”‘’「」『』"


def _is_ideograph(ch: str) -> bool:
    return not ch.isascii() and not _is_mark(ch) and not ("\u3000" <= ch <= "\u303f") and not (
        "\uff00" <= ch <= "\uff65")


def _advance(ch: str, run: Run) -> float:
    if ch.isascii():
        code = ord(ch)
        units = TIMES_ADVANCE[code - 32] if 32 <= code < 127 else UNITS_PER_EM // 2
        return units / UNITS_PER_EM * run.size + run.spacing
    return int(run.size * 20 * run.cjk_scale / 100) / 20 + run.spacing  # whole twips: 15.5 pt at 97% of 16 pt


def _script_space(before: str, after: str, size: float) -> float:
    if (before.isascii() and before.isalnum() and _is_ideograph(after)) or (
            _is_ideograph(before) and after.isascii() and after.isalnum()):
        return SCRIPT_SPACE_EM * size
    return 0.0


def _may_break(text: str, i: int) -> bool:
    """Whether a line may end between ``text[i - 1]`` and ``text[i]``."""
    before, after = text[i - 1], text[i]
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    if before in CLOSING_MARKS and after.isascii() and after.isalnum():
        return False
    if before.isascii() and after.isascii():
        if before == "/":
            return after != "/"
        return before in LATIN_BREAK_AFTER and after != " "
    return True


def _ends_word_run(text: str, i: int) -> bool:
    """Whether the character at ``i`` is the last of its run in the document: the renderer starts a new run
    (``w:r``) where the text changes between Latin letters or digits and Chinese (their fonts and widths differ)."""
    return i + 1 == len(text) or text[i].isascii() != text[i + 1].isascii()


def _chars(runs: Sequence[Run]) -> list[tuple[str, Run]]:
    """Each character with the run it is set in. A character spacing (``w:spacing``) is added after every character
    of a run but its last: LibreOffice leaves it off there (measured: a line condensed 0.85 pt a character with
    four runs of digits on it was 4.2 pt wider than it would be with every character condensed, 0.07 pt from the
    width without the runs' last characters). So the last character of each run, as the renderer makes them, is
    taken at its own width."""
    out: list[tuple[str, Run]] = []
    for run in runs:
        plain = Run(run.text, run.size, run.cjk_scale) if run.spacing else run
        out += [(ch, plain if _ends_word_run(run.text, i) else run) for i, ch in enumerate(run.text)]
    return out


@dataclass(frozen=True)
class Line:
    start: int  # offset of its first character
    end: int  # offset after its last character
    filled: float  # pt from the line's left edge to its last character's end (the first line's indent included)


def lay_out(runs: Sequence[Run], width: float, first_indent: float, forced: Iterable[int] = ()) -> list[Line]:
    """The lines of a paragraph, each holding what fits. ``forced``: offsets of manual line breaks."""
    chars = _chars(runs)
    text = "".join(ch for ch, _ in chars)
    forced = set(forced)
    # the unbreakable pieces: from one break opportunity to the next
    cuts = [0] + [i for i in range(1, len(text)) if i in forced or _may_break(text, i)] + [len(text)]
    lines: list[Line] = []
    x = first_indent
    line_start = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        w = sum(_advance(ch, run) for ch, run in chars[a:b])
        w += sum(_script_space(text[j - 1], text[j], chars[j][1].size) for j in range(a + 1, b))
        gap = _script_space(text[a - 1], text[a], chars[a][1].size) if a > line_start else 0.0
        if a == line_start or (a not in forced and x + gap + w <= width + EPSILON):
            x += gap + w
            continue
        lines.append(Line(line_start, a, x))
        line_start, x = a, w
    lines.append(Line(line_start, len(text), x))
    return lines


def line_starts(runs: Sequence[Run], width: float, first_indent: float,
                forced: Iterable[int] = ()) -> list[int]:
    """Offsets (into the runs' joined text) where each line after the first starts."""
    return [line.start for line in lay_out(runs, width, first_indent, forced)[1:]]


def spread_per_gap(line: Line, text: str, width: float) -> float:
    """The space a justified line would put beside each of its Chinese characters, in pt (LibreOffice spreads a
    line with Chinese text at its Chinese characters only, not between Latin letters or digits)."""
    chinese = sum(not ch.isascii() for ch in text[line.start:line.end])
    return (width - line.filled) / max(1, chinese)


def kept_spans(text: str) -> list[tuple[int, int]]:
    """Spans that must not be broken across lines: web and e-mail addresses, phone numbers and document numbers with
    their issuing prefixes."""
    spans = [m.span() for m in ADDRESS_RE.finditer(text)] + [m.span() for m in PHONE_RE.finditer(text)]
    spans += doc_number_spans(text)
    return sorted(spans)


def address_breaks(runs: Sequence[Run], width: float, first_indent: float, earlier: Sequence[int] = ()) -> list[int]:
    """Offsets where a manual line break keeps an address or phone number whole: before each one (and before the
    marks that may not end a line in front of it, such as "（") that would straddle a line end, or that would start
    a line because it did not fit on the one before, leaving more than a character's width on that line to be
    spread; one that straddles only if it fits on a line of its own. Each break is placed with the lines as the
    earlier breaks (``earlier``, then those found before it) leave them; the result holds ``earlier`` too."""
    text = "".join(run.text for run in runs)
    breaks: list[int] = list(earlier)
    for start, end in kept_spans(text):
        lines = lay_out(runs, width, first_indent, breaks)
        starts = [line.start for line in lines[1:]]
        cut = start
        while cut > 0 and text[cut - 1] in NO_LINE_END:
            cut -= 1
        straddles = bisect_right(starts, start) != bisect_right(starts, end - 1)
        # a line LibreOffice would end before it because it does not fit is justified over all the room left: more
        # than a character's width reads as letter-spaced ("邮政编码：410600，电话：0731-84567890，邮箱：" had 91 pt)
        spread = cut in starts and width - lines[starts.index(cut)].filled > _advance("政", runs[0]) + EPSILON
        # (an address longer than a line starts its line all the same: the line before ends at the break)
        if cut not in breaks and (spread or (straddles and _fits_line(runs, cut, end, width))):
            breaks.append(cut)
        if straddles and text[start:start + 4] in ("http", "www.") and not _fits_line(runs, cut, end, width):
            _break_at_path_separators(runs, width, first_indent, breaks, cut, start, end)
    return breaks


def _at_path_separator(text: str, i: int) -> bool:
    """Whether a line of a web address may end before ``text[i]``: after a "/" of its path, a "?" or a "-"; not
    right after its scheme ("https://")."""
    return text[i - 1] in "/?-" and text[i] != "/" and not text[:i].endswith("://")


def _break_at_path_separators(runs: Sequence[Run], width: float, first_indent: float, breaks: list[int], cut: int,
                              start: int, end: int) -> None:
    """Manual breaks that end each line of a web address longer than a line after a "/" of its path (or a "?" or
    "-"): LibreOffice would break it right after "https://" or inside a Chinese path segment ("…综合行政执|法局/").
    A line end elsewhere moves back to the last such place on its line, or, with none there, before the address
    (and its "（"), which then starts the next line."""
    text = "".join(run.text for run in runs)
    for _ in range(end - start):
        lines = lay_out(runs, width, first_indent, breaks)
        wrong = next((line for line in lines if start < line.end < end and line.end not in breaks
                      and not _at_path_separator(text, line.end)), None)
        if wrong is None:
            return
        line_from = max(wrong.start, start)
        separator = next((k for k in range(wrong.end - 1, line_from, -1) if _at_path_separator(text, k)), None)
        if separator is not None:
            breaks.append(separator)
        elif cut > wrong.start and cut not in breaks:
            breaks.append(cut)
        else:
            return


def text_width(runs: Sequence[Run]) -> float:
    """The width of text set on one line, in pt (script spaces included)."""
    chars = _chars(runs)
    w = sum(_advance(ch, run) for ch, run in chars)
    return w + sum(_script_space(a[0], b[0], b[1].size) for a, b in zip(chars, chars[1:], strict=False))


def _fits_line(runs: Sequence[Run], start: int, end: int, width: float) -> bool:
    text = "".join(run.text for run in runs)
    return text_width([Run(text[start:end])]) <= width + EPSILON


# How short a line may end at a typesetter's break (in character cells): under two, since a line spread over 44 pt
# reads worse than one ending a character and a half short ("…申请受理机构。" / "2020年", 22.7 pt short, in place of
# "…申请受理机" spread 52 pt over "构。2020年")
TYPESETTER_SHORT_CELLS = 2


def _typesetter_break(runs: Sequence[Run], text: str, line: Line, next_cut: int, width: float,
                      first_indent: float, forced: list[int]) -> int | None:
    """The last place inside the piece after ``line`` (up to ``next_cut``) where a typesetter would break and
    LibreOffice does not: after a closing mark, before Latin text or a number ("…主动公开。" / "2020年"; not after
    "〕" inside a document number, which :func:`assistant.addresses.join_layout_breaks` does not take out);
    only one that lets that much of the piece stay on the line, the line then ending less than
    :data:`TYPESETTER_SHORT_CELLS` characters short."""
    chars = _chars(runs)
    best = None
    for k in range(line.end + 1, next_cut):
        if not (text[k - 1] in CLOSING_MARKS and text[k].isascii() and text[k].isalnum()):
            continue
        taken = next(x for x in lay_out(runs, width, first_indent, [*forced, k]) if x.start == line.start)
        if taken.end == k and width - taken.filled < TYPESETTER_SHORT_CELLS * _advance("政", chars[k][1]):
            best = k
    return best


def layout_breaks(runs: Sequence[Run], width: float, first_indent: float) -> list[int]:
    """Manual line breaks for a justified paragraph: those keeping addresses whole (:func:`address_breaks`), then,
    for each line LibreOffice would spread out, a break that leaves it unspread (left-aligned) or shorter:

    - a line spread more than :data:`MAX_SPREAD` between characters ends at the same place with a manual break, so
      it is not spread (the line holding the start of an address longer than a line: "（https://…index.html?" had
      24 pt after its "（");
    - a line spread more than :data:`LOOSE_SPREAD` before a year LibreOffice holds to the closing mark before it
      ends after that mark (:func:`_typesetter_break`), also when it is spread more than :data:`MAX_SPREAD` and a
      break at its end would stand between two characters, which no reader takes for layout ("…申请受理机" /
      "构。2020年", 52 pt);

    the address breaks are sought again after each such break, since the text after it moves.

    Only breaks the readers take out again (:func:`assistant.addresses.join_layout_breaks`) are made: they are
    layout, not text."""
    text = "".join(run.text for run in runs)
    breaks: list[int] = []
    for _ in range(len(text)):
        # a break for a spread line moves the text after it, so an address that fitted may straddle a line end now
        # (a break after "，" before "2020年" may move "…专栏（http://" / "www.shifan.gov.cn/…" across a line end):
        # addresses are looked at again after each
        breaks = address_breaks(runs, width, first_indent, breaks)
        lines = lay_out(runs, width, first_indent, breaks)
        added = None
        for line, nxt in zip(lines, lines[1:], strict=False):
            if line.end in breaks:
                continue
            spread = spread_per_gap(line, text, width)
            next_cut = next((i for i in range(nxt.start + 1, nxt.end) if _may_break(text, i)), nxt.end)
            candidates: list[int | None] = [line.end] if spread > MAX_SPREAD else []
            if spread > LOOSE_SPREAD:  # when a break at the line's end is not one the readers take out again
                candidates.append(_typesetter_break(runs, text, line, next_cut, width, first_indent, breaks))
            added = next((k for k in candidates
                          if k is not None and join_layout_breaks(text[:k] + "\n" + text[k:]) == text), None)
            if added is not None:
                break
        if added is None:
            return sorted(breaks)
        breaks.append(added)
    return sorted(breaks)


def condensed_from(runs: Sequence[Run], start: int, spacing: float) -> list[Run]:
    """The runs with the characters from offset ``start`` on set with ``spacing`` pt after each."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        head, tail = run.text[:max(0, start - pos)], run.text[max(0, start - pos):]
        if head:
            out.append(Run(head, run.size, run.cjk_scale, run.spacing))
        if tail:
            out.append(Run(tail, run.size, run.cjk_scale, spacing))
        pos += len(run.text)
    return out


PULL_UP_MARGIN = 2.0  # pt left to spare on the condensed line (LibreOffice kept "况〕" down with 1.2 pt to spare)
# (The 1 pt more for each run of Latin letters or digits once asked here is gone: it stood in for the spacing
# LibreOffice leaves off each run's last character, which :func:`_chars` now knows; "表。" under "结果维持5件、结果纠正
# 2件、其他结果6件）。具体数据见下", condensed 0.95 pt, had 5.7 pt less room than the model then reckoned.)


# A last line narrower than this many character cells (a cell: a Chinese character's width) before the marks that
# close it is lone, its width measured as the model sets it. Two characters ("表。", "情况。") are lone, and so are a
# character and two half-width digits ("15件。": 2.24 cells, a digit's advance a little over half a cell and the
# space between digits and Chinese added); three characters ("的申请。", 3 cells) or a character and three digits
# ("100件。", 2.75 cells) are not.
LONE_LAST_LINE_CELLS = 2.5


def is_lone_last_line(text: str) -> bool:
    """Whether a paragraph's last line is too short to stand alone: narrower than :data:`LONE_LAST_LINE_CELLS`
    Chinese characters, not counting the marks that close it ("篇。", "情况。", "15。", "15件。"; "100件。" is not)."""
    core = text.rstrip("".join(NO_LINE_START))
    return text_width([Run(core)]) < LONE_LAST_LINE_CELLS * _advance("政", Run(""))


def pull_up_last_line(runs: Sequence[Run], width: float, first_indent: float, forced: Sequence[int],
                      steps: Sequence[float], not_before: int = 0) -> tuple[int, float] | None:
    """Where to condense a paragraph, and by how much, so that a lone last line (:func:`is_lone_last_line`) goes
    up onto the line before: the characters from that line's start (not before ``not_before``, the end of a run-in
    heading) to the end, condensed by the first of ``steps`` (pt after each character, negative)
    that does it and leaves every other line as it was; else the same from the line's second piece; else, on a
    paragraph's first line, from its start, run-in heading and all ("（一）主动公开。全年…55" / "条。": the 20
    characters after the heading would need more than 1 pt each); None when the last line is longer, starts at a
    manual break, or nothing does it.

    Every other line must stay as it was because a condensed first piece may fit at the end of the line before by
    a fraction of a point, which the model counts as room and LibreOffice does not (sample town's "重" went up in
    the model with 0.15 pt to spare and stayed down in LibreOffice, which left “查。” alone); from the second piece
    on, the first keeps its width and the line before cannot take it."""
    lines = lay_out(runs, width, first_indent, forced)
    text = "".join(run.text for run in runs)
    if len(lines) < 2 or not is_lone_last_line(text[lines[-1].start:]) or lines[-1].start in forced:
        return None
    line_start = lines[-2].start
    second_piece = next(i for i in range(line_start + 1, len(text) + 1) if i == len(text) or _may_break(text, i))
    kept_starts = [line.start for line in lines[:-1]]
    for start in dict.fromkeys((max(line_start, not_before), max(second_piece, not_before), line_start)):
        spare = PULL_UP_MARGIN
        for spacing in steps:
            condensed = lay_out(condensed_from(runs, start, spacing), width, first_indent, forced)
            if [line.start for line in condensed] == kept_starts and condensed[-1].filled <= width - spare:
                return start, spacing
    return None


# --- character spacing that moves a line's end (a number kept with its unit, a lone last line) ---------------------

# A number keeps the word after it that it dates or numbers ("2024年", "1月", "30号"): LibreOffice may break between
# a digit and a Chinese character, a typesetter does not break there.
KEPT_AFTER_NUMBER = frozenset("年月日号")
EXPAND_STEPS_PT = tuple(n / 20 for n in range(1, 61))  # pt after each character, in whole twips, up to 3 pt
PUSH_DOWN_MARGIN = 2.0  # pt by which a piece pushed to the next line overflows the line it left


@dataclass(frozen=True)
class Spacing:
    """The characters from offset ``start`` to ``end`` set with ``pt`` after each (``w:spacing``: negative
    condensed, positive expanded)."""

    start: int
    end: int
    pt: float


def spaced(runs: Sequence[Run], spacings: Sequence[Spacing]) -> list[Run]:
    """The runs with each range of ``spacings`` set at its spacing (a later range over an earlier one)."""
    bounds = sorted({s.start for s in spacings} | {s.end for s in spacings})
    out: list[Run] = []
    pos = 0
    for run in runs:
        end = pos + len(run.text)
        cuts = [pos, *(c for c in bounds if pos < c < end), end]
        for a, b in zip(cuts, cuts[1:], strict=False):
            pt = next((s.pt for s in reversed(spacings) if s.start <= a < s.end), run.spacing)
            out.append(Run(run.text[a - pos:b - pos], run.size, run.cjk_scale, pt))
        pos = end
    return [run for run in out if run.text]


def splits_a_number(text: str, i: int) -> bool:
    """Whether a line end at offset ``i`` parts a number from the 年, 月, 日 or 号 after it."""
    return 0 < i < len(text) and text[i - 1].isdigit() and text[i] in KEPT_AFTER_NUMBER


def _break_here(text: str, i: int) -> bool:
    """A break LibreOffice may make and a typesetter would."""
    return _may_break(text, i) and not splits_a_number(text, i)


def _straddling(runs: Sequence[Run], lines: Sequence[Line]) -> int:
    starts = [line.start for line in lines[1:]]
    text = "".join(run.text for run in runs)
    return sum(bisect_right(starts, a) != bisect_right(starts, b - 1) for a, b in kept_spans(text))


def _piece_width(runs: Sequence[Run], start: int) -> float:
    """The width of the piece LibreOffice would try to fit at a line's end from ``start`` (up to its next break
    opportunity; closing marks at its end left out, as they may hang past the margin)."""
    text = "".join(run.text for run in runs)
    end = next((k for k in range(start + 1, len(text)) if _may_break(text, k)), len(text))
    while end > start + 1 and text[end - 1] in NO_LINE_START:
        end -= 1
    chars = _chars(runs)[start:end]
    gap = _script_space(text[start - 1], text[start], chars[0][1].size) if start else 0.0
    return gap + text_width([Run(ch, run.size, run.cjk_scale, run.spacing) for ch, run in chars])


def _moved_end(runs: Sequence[Run], spacings: list[Spacing], line_start: int, new_end: int, steps: Sequence[float],
               width: float, first_indent: float, forced: Sequence[int], not_before: int) -> Spacing | None:
    """The least spacing of the characters from the line's start (not before ``not_before``) to ``new_end`` that
    ends the line starting at ``line_start`` at ``new_end`` with room to spare either way: condensed (``steps``
    negative) it holds the pieces up to ``new_end`` with :data:`PULL_UP_MARGIN` left; expanded, the piece after ``new_end`` overflows it by :data:`PUSH_DOWN_MARGIN`. The
    lines before stay as they were, no address or phone number comes to straddle a line end, and an expanded line
    is not spread more than :data:`MAX_SPREAD` beside each character."""
    text = "".join(run.text for run in runs)
    base = lay_out(spaced(runs, spacings), width, first_indent, forced)
    kept = [line.start for line in base if line.start <= line_start]
    straddling = _straddling(runs, base)
    start = max(line_start, not_before)
    if start >= new_end:
        return None
    if steps[0] > 0:
        natural = next(line for line in lay_out(spaced(runs, spacings), width, first_indent, [*forced, new_end])
                       if line.start == line_start)
        if spread_per_gap(natural, text, width) > MAX_SPREAD:
            return None
    spare = PULL_UP_MARGIN
    for pt in steps:
        trial = [*spacings, Spacing(start, new_end, pt)]
        trial_runs = spaced(runs, trial)
        lines = lay_out(trial_runs, width, first_indent, forced)
        line = next((x for x in lines if x.start == line_start), None)
        if (line is None or line.end != new_end or [x.start for x in lines if x.start <= line_start] != kept
                or _straddling(runs, lines) > straddling):
            continue
        if pt < 0 and line.filled <= width - spare:
            return trial[-1]
        if pt > 0 and (new_end == len(text) or line.filled + _piece_width(trial_runs, new_end) > width + PUSH_DOWN_MARGIN):
            return trial[-1]
    return None


def keep_numbers_whole(runs: Sequence[Run], width: float, first_indent: float, forced: Sequence[int],
                       condense: Sequence[float], not_before: int = 0) -> list[Spacing]:
    """Spacing that keeps each number on the line of the 年, 月, 日 or 号 after it ("…起至2020" / "年1月1日" in
    LibreOffice, which breaks between a digit and a Chinese character): the line is condensed so the word comes up
    (by the first of ``condense`` that does it), else expanded so the number goes down (the line then justified
    a little wider); a line neither can mend is left as it is. Lines are mended from the top, each with the text as
    the mends above it leave it."""
    text = "".join(run.text for run in runs)
    spacings: list[Spacing] = []
    tried: set[int] = set()
    for _ in range(len(text)):
        lines = lay_out(spaced(runs, spacings), width, first_indent, forced)
        split = next((line for line in lines[:-1] if splits_a_number(text, line.end) and line.end not in forced
                      and line.start not in tried), None)
        if split is None:
            break
        tried.add(split.start)
        up = next(k for k in range(split.end + 1, len(text) + 1) if k == len(text) or _break_here(text, k))
        down = next((k for k in range(split.end - 1, split.start, -1) if _break_here(text, k)), None)
        mend = _moved_end(runs, spacings, split.start, up, condense, width, first_indent, forced, not_before)
        if mend is None and down is not None:
            mend = _moved_end(runs, spacings, split.start, down, EXPAND_STEPS_PT, width, first_indent, forced,
                              not_before)
        if mend is not None:
            spacings.append(mend)
    return spacings


def line_end_spacing(runs: Sequence[Run], width: float, first_indent: float, forced: Sequence[int],
                     condense: Sequence[float], not_before: int = 0) -> list[Spacing]:
    """The character spacing of a justified paragraph: numbers kept with their 年/月/日/号
    (:func:`keep_numbers_whole`); then a lone last line (:func:`is_lone_last_line`) pulled up onto the line before
    (:func:`pull_up_last_line`), or, when that cannot be done, given company: the line before is expanded (and
    justified) so its last pieces go down to it, the fewest that make the last line no longer lone ("…全年发布解读
    材料15" / "篇。" becomes "…解读材" / "料15篇。")."""
    text = "".join(run.text for run in runs)
    spacings = keep_numbers_whole(runs, width, first_indent, forced, condense, not_before)
    current = spaced(runs, spacings)
    pulled = pull_up_last_line(current, width, first_indent, forced, condense, not_before)
    if pulled is not None:
        return [*spacings, Spacing(pulled[0], len(text), pulled[1])]
    lines = lay_out(current, width, first_indent, forced)
    if len(lines) < 2 or lines[-1].start in forced or not is_lone_last_line(text[lines[-1].start:]):
        return spacings
    before = lines[-2]
    for cut in range(lines[-1].start - 1, before.start, -1):
        if _break_here(text, cut) and not is_lone_last_line(text[cut:]):
            mend = _moved_end(runs, spacings, before.start, cut, EXPAND_STEPS_PT, width, first_indent, forced,
                              not_before)
            return [*spacings, mend] if mend is not None else spacings
    return spacings
