"""Figure rules: the tables' 勾稽关系 (format.md §3.1), plausibility (§3.4), format and unit checks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.formats import TableFormat, format_for_year, known_versions, load_format, versions_with, years_text
from assistant.model import Amount, Document
from assistant.patterns import lazy_compile
from assistant.rules.registry import Declared, Hit, RuleRun, cell, rule, rules


def int_cell(doc: Document, path: str) -> int | None:
    """A table cell's count, or None when blank or not a whole number (the cross-year rules read cells this way too)."""
    value = doc.report.tables.get(path)
    return value if isinstance(value, int) else None


# --- 勾稽关系: one mistake, one finding -----------------------------------------------------------------------------
#
# Every identity of format.md §3.1 is a linear equation over cells (A1: new + carried over = results + carried
# forward; A2/A3/A4: total = sum of parts). One wrong cell breaks every identity it appears in, so reporting each
# broken identity would send the user to cells that are right. Instead: a cell whose every identity fails by the same
# amount is the one mistake that explains them all, and gets the only finding. What no single cell explains is
# reported at the identity's total, and the identities that use that total then use the sum of its parts.


@dataclass(frozen=True)
class Identity:
    """``sum(left) == sum(right)``; ``at`` is the cell a finding points at when no single cell explains a failure."""

    rule: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    at: str
    column: str = ""  # A1: the column key
    what: str = ""  # sums: "各类申请人" (the parts, as the message names them)

    @property
    def is_sum(self) -> bool:
        return self.rule != "A1"


def _identities(doc: Document) -> list[Identity]:
    fmt = doc.report.fmt
    out: list[Identity] = []
    if doc.has("t3"):
        for col in fmt.t3_columns:
            c = col.key
            out.append(Identity("A1", (f"t3.result_total.{c}", f"t3.carried_forward.{c}"),
                                (f"t3.new_received.{c}", f"t3.carried_over.{c}"), f"t3.result_total.{c}", column=c))
        for col in fmt.t3_columns:
            total = f"t3.result_total.{col.key}"
            results = tuple(f"t3.{r}.{col.key}" for r in fmt.result_keys)
            out.append(Identity("A2", (total,), results, total, what="各项办理结果"))
        for row in fmt.t3_rows:
            total = f"t3.{row.key}.total"
            out.append(Identity("A3", (total,), tuple(_total_parts(doc, total)), total, what="各类申请人"))
    if doc.has("t4"):
        for group in fmt.t4_group_keys:
            total = f"t4.{group}.total"
            out.append(Identity("A4", (total,), tuple(_total_parts(doc, total)), total,
                                what="维持、纠正、其他结果、尚未审结"))
    return out


@dataclass(frozen=True)
class Blame:
    """A finding of the arithmetic rules: the rule, the cell, the value it should have and the value it has."""

    rule: str
    cell: str
    expected: int | str  # a string where the finding is about an identity rather than its cell's value
    found: int | str
    message: str
    suggestion: str


def _terms(doc: Document, path: str, values: dict[str, int]) -> dict[str, int]:
    """A cell as a sum of cells staff entered: a total the model computed (not given) is the sum of its parts."""
    parts = _total_parts(doc, path)
    if path in doc.report.computed_totals and parts and all(p in values for p in parts) \
            and values[path] == sum(values[p] for p in parts):
        out: dict[str, int] = {}
        for part in parts:
            for cell_path, k in _terms(doc, part, values).items():
                out[cell_path] = out.get(cell_path, 0) + k
        return out
    return {path: 1}


def _form(doc: Document, identity: Identity, values: dict[str, int]) -> dict[str, int]:
    """The identity as coefficients over entered cells (left minus right), zeros dropped."""
    out: dict[str, int] = {}
    for sign, side in ((1, identity.left), (-1, identity.right)):
        for path in side:
            for cell_path, k in _terms(doc, path, values).items():
                out[cell_path] = out.get(cell_path, 0) + sign * k
    return {p: k for p, k in out.items() if k}


def _residual(identity: Identity, values: dict[str, int]) -> int:
    return sum(values[p] for p in identity.left) - sum(values[p] for p in identity.right)


_PRIMARY_ORDER = ("A2", "A3", "A4", "A1")  # the rule that names a wrong total that several identities share


def arithmetic_blames(doc: Document) -> list[Blame]:
    """The findings of A1–A4 together: one per mistake, at the cell that is wrong (see the comment above)."""
    identities = _identities(doc)
    paths = {p for i in identities for p in (*i.left, *i.right)}
    values = {p: v for p in paths if (v := int_cell(doc, p)) is not None}
    checked = [i for i in identities if all(p in values for p in (*i.left, *i.right))]  # blanks: A5.blank
    failing = {i for i in checked if _residual(i, values)}
    if not failing:
        return []
    forms = {i: _form(doc, i, values) for i in checked}
    blames: list[Blame] = []
    order = {p: n for n, p in enumerate(doc.report.fmt.cell_paths())}
    ambiguous: list[Identity] = []
    while True:
        candidates: list[tuple[tuple[int, int], str, int, frozenset[Identity]]] = []
        for path in sorted({p for i in failing for p in forms[i]}, key=lambda p: order.get(p, 0)):
            touching = frozenset(i for i in checked if path in forms[i])
            if any(i not in failing for i in touching):
                continue  # changing this cell would break an identity that holds
            deltas = {_residual(i, values) / forms[i][path] for i in touching}
            if len(deltas) != 1 or not float(delta := deltas.pop()).is_integer():
                continue
            is_total = any(i.is_sum and i.left == (path,) for i in touching)
            candidates.append(((len(touching), int(is_total)), path, int(delta), touching))
        if not candidates:
            break
        rank, path, delta, touching = max(candidates, key=lambda c: c[0])  # the first of the best, in table order
        failing -= touching
        if sum(1 for c in candidates if c[0] == rank and c[3] == touching) > 1:
            # Several cells explain these failures equally well (a column whose totals were computed): one finding,
            # at the total of the first identity, rather than a guess at the cell.
            ambiguous.append(min(touching, key=_leftover_order))
            continue
        found = values[path]
        values[path] = found - delta
        _recompute_totals(doc, values)
        blames.append(_blame_cell(doc, path, found, found - delta, sorted(touching, key=_leftover_order)))
    blames.extend(_blame_totals(doc, sorted(failing, key=_leftover_order), values))
    blames.extend(_blame_totals(doc, ambiguous, values))
    return blames


def _recompute_totals(doc: Document, values: dict[str, int]) -> None:
    """The computed totals (:attr:`Report.computed_totals`) again from their parts, after a part was corrected, so
    that identities over a computed total see the correction. Row sums of （七）总计 come after its columns."""
    computed = doc.report.computed_totals
    for path in sorted((p for p in computed if p in values), key=lambda p: p.endswith(".total")):
        parts = _total_parts(doc, path)
        if parts and all(p in values for p in parts):
            values[path] = sum(values[p] for p in parts)


def _blame_cell(doc: Document, path: str, found: int, expected: int, touching: list[Identity]) -> Blame:
    """The one cell that explains every identity in ``touching``."""
    fmt = doc.report.fmt
    own = [i for i in touching if i.is_sum and i.left == (path,)]
    if own:  # a wrong total: the message of the identity it totals
        identity = min(own, key=lambda i: _PRIMARY_ORDER.index(i.rule))
        return Blame(identity.rule, path, expected, found,
                     f"{fmt.label(path)}应等于{identity.what}之和{expected}，实为{found}",
                     "核对各分项与合计，改正填错的单元格")
    rule_id = min((i.rule for i in touching), key=_PRIMARY_ORDER.index)
    contexts = "、".join(_context(doc, i) for i in touching)
    return Blame(rule_id, path, expected, found,
                 f"{fmt.label(path)}为{found}，与{contexts}都不符；改为{expected}则全部相符",
                 "核对这一格；如这一格无误，再核对上述合计")


def _context(doc: Document, identity: Identity) -> str:
    fmt = doc.report.fmt
    if identity.rule == "A1":
        label = next(c.label for c in fmt.t3_columns if c.key == identity.column)
        return f"表三「{label}」列的“本年新收＋上年结转＝办理结果总计＋结转下年度”"
    return fmt.label(identity.at)


def _leftover_order(identity: Identity) -> tuple[int, str]:
    """Totals of plain parts first, then totals of totals, then A1, so that each uses the totals corrected before."""
    if identity.rule == "A1":
        return (3, identity.at)
    if identity.at == "t3.result_total.total":
        return (2, identity.rule)
    return (1 if identity.rule == "A2" else 0, identity.at)


def _blame_totals(doc: Document, leftovers: list[Identity], values: dict[str, int]) -> list[Blame]:
    """Failures no single cell explains: each at its total; later identities use the sum of that total's parts."""
    fmt = doc.report.fmt
    blamed: set[str] = set()
    out: list[Blame] = []
    for identity in leftovers:
        residual = _residual(identity, values)
        if not residual or identity.at in blamed:
            continue
        blamed.add(identity.at)
        if identity.is_sum:
            found = values[identity.at]
            expected = found - residual
            values[identity.at] = expected
            _recompute_totals(doc, values)
            out.append(Blame(identity.rule, identity.at, expected, found,
                             f"{fmt.label(identity.at)}应等于{identity.what}之和{expected}，实为{found}",
                             "核对各分项与合计，改正填错的单元格"))
            continue
        c = identity.column
        new, carried_over, result_total, carried_forward = (values[f"t3.{r}.{c}"] for r in (
            "new_received", "carried_over", "result_total", "carried_forward"))
        label = next(col.label for col in fmt.t3_columns if col.key == c)
        if identity.at in doc.report.computed_totals:
            blame = _blame_balance_of_parts(doc, identity, label, new, carried_over, result_total, carried_forward)
            if blame is not None:
                out.append(blame)
            continue
        out.append(Blame("A1", identity.at, result_total - residual, result_total,
                         f"表三「{label}」列：本年新收{new}＋上年结转{carried_over}＝{new + carried_over}，"
                         f"而办理结果总计{result_total}＋结转下年度{carried_forward}＝{result_total + carried_forward}",
                         "第一项加第二项之和应等于第三项加第四项之和，核对这四个数"))
    return out


def _blame_balance_of_parts(doc: Document, identity: Identity, label: str, new: int, carried_over: int,
                            results: int, carried_forward: int) -> Blame | None:
    """A1 in a column whose （七）总计 staff left out: the model's sum is no figure staff typed, so the finding names
    the typed figures that disagree and points at the first of them (本年新收). None for the 总计 column when all
    four of its cells are computed: its balance is the sum of the applicant columns', reported there."""
    rows = ("new_received", "carried_over", "carried_forward")
    typed = [p for r in rows if (p := f"t3.{r}.{identity.column}") not in doc.report.computed_totals]
    if not typed:
        return None
    return Blame("A1", typed[0], f"{new + carried_over}（本年新收＋上年结转）",
                 f"{results + carried_forward}（各项办理结果＋结转下年度）",
                 f"表三「{label}」列：本年新收{new}＋上年结转{carried_over}＝{new + carried_over}，"
                 f"而各项办理结果之和{results}＋结转下年度{carried_forward}＝{results + carried_forward}"
                 "（（七）总计未填写，按各项办理结果之和计）",
                 "核对本列本年新收、上年结转、各项办理结果和结转下年度，改正填错的单元格")


@rules(
    Declared("A1", "arithmetic", "error", "表三每列：本年新收＋上年结转＝本年度办理结果＋结转下年度", needs=("t3",)),
    Declared("A2", "arithmetic", "error", "表三每列：（七）总计＝各项办理结果之和", needs=("t3",)),
    Declared("A3", "arithmetic", "error", "表三每行：总计＝各类申请人之和", needs=("t3",)),
    Declared("A4", "arithmetic", "error", "表四每组：总计＝结果维持＋结果纠正＋其他结果＋尚未审结", needs=("t4",)),
)
def table_arithmetic(run: RuleRun) -> Iterator[Hit]:
    """A1–A4 from one pass over the identities (:func:`arithmetic_blames`): one finding per mistake."""
    for b in arithmetic_blames(run.doc):
        yield Hit(message=b.message, location=cell(b.cell), expected=b.expected, found=b.found,
                  suggestion=b.suggestion, rule=b.rule)


def _value_paths(doc: Document) -> Iterator[tuple[str, str]]:
    fmt = doc.report.fmt
    for table in ("t2", "t3", "t4"):
        if not doc.has(table):
            continue
        if table == "t2":
            yield from ((f"t2.{r.key}.{c.key}", c.type) for _b, r, c in fmt.t2_cells())
        elif table == "t3":
            yield from ((f"t3.{r.key}.{c.key}", "count") for r in fmt.t3_rows for c in fmt.t3_columns)
        else:
            yield from ((f"t4.{g}.{c.key}", "count") for g in fmt.t4_group_keys for c in fmt.t4_columns)


@rule("A5", "arithmetic", "error", "所有计数为非负整数，收费金额不为负数")
def non_negative(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    fmt = doc.report.fmt
    for path, kind in _value_paths(doc):
        value = doc.report.tables.get(path)
        if kind == "count" and isinstance(value, int) and value < 0:
            yield Hit(message=f"{fmt.label(path)}应为非负整数，实为{value}", location=cell(path),
                      expected="≥0", found=value)


def _total_parts(doc: Document, path: str) -> list[str]:
    """The cells a total cell adds up (empty for a cell that is not a total)."""
    fmt = doc.report.fmt
    table, row, col = path.split(".")
    if table == "t3" and col == "total":
        return [f"t3.{row}.{c}" for c in fmt.applicant_keys]
    if table == "t3" and row == "result_total":
        return [f"t3.{r}.{col}" for r in fmt.result_keys]
    if table == "t4" and col == "total":
        return [f"t4.{row}.{c}" for c in fmt.t4_part_keys]
    return []


_ROW_AND_COLUMN = lazy_compile(r"^(.*?)「([^「」]*)」$")  # "表三 一、本年新收…「自然人」"


@rule("A5.blank", "completeness", "warning", "表格单元格空白（空白不等于 0，应填写数字）")
def blank_cells(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    fmt = doc.report.fmt
    by_row: dict[str, list[str]] = {}  # the blank cells of one row make one finding
    for path, _kind in _value_paths(doc):
        if doc.report.tables.get(path) is not None:
            continue
        if any(doc.report.tables.get(p) is None for p in _total_parts(doc, path)):
            continue  # a total over a blank cell: the blank part is what to fill in
        by_row.setdefault(path.rsplit(".", 1)[0], []).append(path)
    yield from _wholly_blank_rows(doc, by_row)
    for paths in by_row.values():
        labels = [m for p in paths if (m := _ROW_AND_COLUMN.match(fmt.label(p)))]
        if len(paths) == 1 or len(labels) < len(paths):
            message = "；".join(f"{fmt.label(p)}为空白" for p in paths)
        else:
            message = labels[0].group(1) + "".join(f"「{m.group(2)}」" for m in labels) + "为空白"
        yield Hit(message=message, location=cell(paths[0]), expected="数字（无则填 0）",
                  found="空白", suggestion="填写 0 或实际数字")
    for note in doc.reading:  # blank cells a reader saw in a table it could not read whole
        if note.kind == "blank":
            yield Hit(message=note.message + "（空白不等于 0）", location=note.location, evidence=note.evidence,
                      expected="数字（无则填 0）", found="空白", suggestion="逐格填写 0 或实际数字")


def _wholly_blank_rows(doc: Document, by_row: dict[str, list[str]]) -> Iterator[Hit]:
    """Two or more rows of table 二 with every cell blank ("行政许可 | ||||" …): one finding naming the rows (one
    form left unfilled is one problem), taken out of ``by_row``."""
    fmt = doc.report.fmt
    cells = {f"t2.{r.key}": len(b.columns) for b, r in ((b, r) for b in fmt.t2_blocks for r in b.rows)}
    blank = [row for row, paths in by_row.items() if row in cells and len(paths) == cells[row]]
    if len(blank) < 2:
        return
    names = [_ROW_AND_COLUMN.sub(r"\1", fmt.label(by_row[row][0])).removeprefix("表二").strip() for row in blank]
    first = by_row[blank[0]][0]
    for row in blank:
        del by_row[row]
    yield Hit(message="表二以下各行的格子全部空白：" + "；".join(names), location=cell(first),
              expected="数字（无则填 0）", found="空白", suggestion="逐格填写 0 或实际数字")


def _t2_column_labels(fmt: TableFormat) -> dict[str, str]:
    """表二's column labels by key, as the format YAML writes them ("现行有效件数")."""
    return {c.key: c.label for b in fmt.t2_blocks for c in b.columns}


@rule("A6", "arithmetic", "warning", f"表二（{versions_with('issued_within_stock')}）：本年制发件数不超过现行有效件数＋本年废止件数",
      needs=("t2",))
def t2_issued_le_valid(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    fmt = doc.report.fmt
    col = _t2_column_labels(fmt)
    for row in fmt.check_rows("issued_within_stock"):  # the format's YAML says where this identity holds
        issued, repealed, in_force = (int_cell(doc, f"t2.{row}.{c}") for c in ("issued", "repealed", "in_force"))
        if None in (issued, repealed, in_force):
            continue
        if issued > in_force + repealed:  # type: ignore[operator]
            path = f"t2.{row}.issued"
            yield Hit(
                message=f"{fmt.label(path)}为{issued}，超过{col['in_force']}{in_force}与{col['repealed']}{repealed}之和",
                location=cell(path), expected=f"≤{in_force + repealed}", found=issued,  # type: ignore[operator]
                suggestion="本年制发的文件应仍现行有效或已于本年废止；如有修改计数口径请在正文说明",
            )


@rule("A7", "arithmetic", "warning", f"表二（{versions_with('new_within_published')}）：本年新公开数量不超过对外公开总数量",
      needs=("t2",))
def t2_published_le_total(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    fmt = doc.report.fmt
    col = _t2_column_labels(fmt)
    for row in fmt.check_rows("new_within_published"):
        new, total = int_cell(doc, f"t2.{row}.new_published"), int_cell(doc, f"t2.{row}.total_published")
        if new is not None and total is not None and new > total:
            path = f"t2.{row}.new_published"
            yield Hit(message=f"{fmt.label(path)}为{new}，超过{col['total_published']}{total}", location=cell(path),
                      expected=f"≤{total}", found=new)


@rule("F1", "format", "error", "表格格式与报告年度不符（"
      + "，".join(f"{years_text(v, spaced=True)}用 {v} 格式" for v in known_versions()) + "）",
      needs=("year",))
def wrong_format_for_year(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    meta = doc.report.meta
    expected = format_for_year(meta.year)
    for found, what in ((meta.format_version, "声明的表格格式"), (doc.report.table_format, "表格")):
        if found is not None and found != expected:
            yield Hit(
                message=f"{meta.year}年度报告应使用{expected}年版格式（{load_format(expected).basis_number}），"
                        f"{what}为{found}年版",
                location=cell("t2" if what == "表格" else "meta.format_version"),
                expected=expected, found=found,
                suggestion=f"按{load_format(expected).basis_number}的表格重新填报",
            )
            return


# Upper bounds (万元) above which a 行政事业性收费 amount is probably entered in 元.
FEE_CEILING_WAN = {"乡镇": Decimal(500), "街道": Decimal(500), "部门": Decimal(100000), "县级人民政府": Decimal(100000)}


@rule("U1", "plausibility", "warning", "金额单位可疑（如以元填入万元栏）", needs=("t2",))
def amount_unit_plausible(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    report = doc.report
    fmt = report.fmt
    for _block, row, col in fmt.t2_cells():
        if col.type != "amount":
            continue
        path = f"t2.{row.key}.{col.key}"
        amount = report.tables.get(path)
        if not isinstance(amount, Amount) or amount.value == 0:
            continue
        ceiling = FEE_CEILING_WAN.get(report.meta.organ_kind)
        if amount.unit == "万元" and ceiling is not None and amount.value > ceiling:
            yield Hit(
                message=f"{fmt.label(path)}为{amount}，对{report.meta.organ_kind}而言过大，可能误将“元”填作“万元”",
                location=cell(path), expected=f"≤{ceiling}万元", found=str(amount),
                suggestion=f"如实为{amount.value}元，应填{format((amount.value / 10000).normalize(), 'f')}万元",
            )
        elif amount.unit is None:
            yield Hit(
                message=f"{fmt.label(path)}为{amount.value}，未注明单位（元或万元）",
                location=cell(path), expected="注明单位", found=str(amount.value),
                suggestion="在金额后注明“元”或“万元”",
            )
