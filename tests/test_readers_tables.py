"""The table reader: tolerant labels, digit runs split only where the identities leave one split."""

from __future__ import annotations

from assistant.formats import load_format
from assistant.readers.tables import detect_format, find_label, norm, parse_signed, read_tables, splits

FMT = load_format(2021)


def _t3_text(rows: dict[str, str], sep: str = "") -> str:
    """Table 三 as an archived page prints it: labels and runs of digits, nothing between."""
    parts = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计"
             "商业企业科研机构社会公益组织法律服务机构其他"]
    for row in FMT.t3_rows:
        parts.append(row.label + sep + rows.get(row.key, "0000000"))
    return "".join(parts)


def test_splits_respect_spaces_and_leading_zeros() -> None:
    assert splits("230 000023", 7) == [[230, 0, 0, 0, 0, 2, 3], [2, 30, 0, 0, 0, 0, 23], [23, 0, 0, 0, 0, 0, 23]]
    # only the last one's parts add up to its 总计 (the row identity A3)
    assert [s for s in splits("230 000023", 7) if sum(s[:6]) == s[6]] == [[23, 0, 0, 0, 0, 0, 23]]
    assert splits("0 0 0 0 0 00", 7) == [[0] * 7]
    assert splits("007", 2) == []  # "07" is not a number
    assert splits("1" * 60, 15) == []  # too many ways to cut: not readable (and not enumerated for ever)
    assert len(splits("10203120001200000", 15)) == 25  # 003's table 四 before the group totals are applied


def test_unique_split_by_row_and_column_identities() -> None:
    text = _t3_text({"new_received": "640020470", "granted": "270020130", "unable_not_held": "220000325",
                     "result_total": "630020469", "oth_other": "1000001", "carried_forward": "1000001",
                     "partial": "500000 5", "deny_internal": "1000001", "deny_enforce_file": "6000006",
                     "deny_admin_query": "1000001"})
    out = read_tables({"t3": text}, 2021)
    assert out.uncertain == []
    assert [out.values[f"t3.granted.{c.key}"] for c in FMT.t3_columns] == [27, 0, 0, 2, 0, 1, 30]
    assert [out.values[f"t3.unable_not_held.{c.key}"] for c in FMT.t3_columns] == [22, 0, 0, 0, 0, 3, 25]


def test_two_splits_that_both_fit_make_the_table_uncertain() -> None:
    # 33|0|… and 3|30|… fit every identity when new, result and total rows move together
    text = _t3_text({"new_received": "330000033", "granted": "330000033", "result_total": "330000033"})
    out = read_tables({"t3": text}, 2021)
    assert out.uncertain == ["t3"]
    assert [out.values[f"t3.granted.{c.key}"] for c in FMT.t3_columns] == [None] * 7  # never a guess
    assert out.values["t3.carried_over.total"] == 0
    assert any("有多种拆分都符合勾稽关系" in message for _t, message in out.problems)


def test_run_with_no_fitting_split() -> None:
    out = read_tables({"t3": _t3_text({"granted": "1000002"})}, 2021)
    assert out.uncertain == ["t3"]
    assert any("无法拆成各项之和等于总计" in message and "1000002" in message for _t, message in out.problems)


def test_labels_matched_tolerantly() -> None:
    text = "\n".join([
        "申请人情况 自然人 法人或其他组织 总计 商 业 企 业 科 研 机 构 社会公益组织 法律服务机构 其他",
        *(f"{_variant(r.label)} {' '.join(['1', '0', '0', '0', '0', '0', '1'])}" for r in FMT.t3_rows),
    ])
    out = read_tables({"t3": text}, 2021)
    assert out.uncertain == [] and out.deviations == []
    assert all(out.values[f"t3.{r.key}.total"] == 1 for r in FMT.t3_rows)


def _variant(label: str) -> str:
    """How labels come in real reports: 1、 for 1., half-width punctuation, "，" for "、", spaces."""
    label = label.replace(".", "、", 1) if label[:1].isdigit() else label
    label = label.replace("（", "(").replace("）", ")").replace("“", '"').replace("”", '"')
    label = label.replace("、行政机关", "，行政机关")
    return " ".join(label) if len(label) < 8 else label


def test_label_typo_is_found_and_reported() -> None:
    text = _t3_text({}, sep=" ").replace("其他法律行政法规禁止公开", "其他法律行政止公开")
    out = read_tables({"t3": text}, 2021)
    assert out.uncertain == []
    assert [m for _t, m, _e in out.deviations] == ["表三行标签“其他法律行政止公开”与官方格式的“2.其他法律行政法规禁止公开”不一致"]


def test_find_label_needs_numbering_for_short_labels() -> None:
    ctext = norm("（六）其他处理0 0 0 0 0 0 0 3.其他 1 0 0 0 0 0 1")
    anchor = find_label(ctext, "3.其他", 0, len(ctext), need_number=True)
    assert anchor is not None and ctext[anchor.start:anchor.end] == "3.其他"


def test_format_detected_from_exclusive_labels() -> None:
    assert detect_format("信息内容 本年制发件数 本年废止件数 现行有效件数 行政规范性文件")[0] == 2021
    assert detect_format("信息内容 本年新制作数量 本年新公开数量 对外公开总数量 规范性文件 第二十条第（九）项")[0] == 2019
    # a 2021 table's group cell "（六）其他处理" followed by its sub-rows is no evidence of 2019
    assert detect_format("（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")[0] == 2021
    assert detect_format("一、总体情况")[0] is None


def test_subtotal_column_and_row_in_pdf_text() -> None:
    header = "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 法人或其他组织小计"
    lines = [header]
    for row in FMT.t3_rows:
        subtotal = 2 if row.key == "partial" else 1  # one wrong subtotal
        lines.append(f"{row.label} 2 1 0 0 0 0 {subtotal} 3")  # 自然人 2, 商业企业 1, 小计 1, 总计 3
        if row.key == "deny_admin_query":
            lines.append("小计 16 8 0 0 0 0 8 24")
    out = read_tables({"t3": "\n".join(lines)}, 2021)
    assert out.uncertain == []
    assert [out.values[f"t3.granted.{c.key}"] for c in FMT.t3_columns] == [2, 1, 0, 0, 0, 0, 3]
    assert [out.values[f"t3.deny_admin_query.{c.key}"] for c in FMT.t3_columns] == [2, 1, 0, 0, 0, 0, 3]
    assert [m for _t, m, _e in out.deviations] == [
        "表三增加了“法人或其他组织小计”列（官方表格没有此列）", "表三增加了“小计”行（官方表格没有小计行）",
        "表三“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行的法人或其他组织小计为2，而五类之和为1"]


def test_signed_change_written_out_with_its_word() -> None:
    # table 二's 本年增/减 (某局2020, unseen9b 20: "行政许可 | 6 | 减4 | 2")
    assert [parse_signed(t) for t in ("减4", "增3", "减少 4", "增加3", "-4", "－4", "+3", "3", "0")] == [
        -4, 3, -4, 3, -4, -4, 3, 3, 0]
    assert [parse_signed(t) for t in ("约4", "减", "4件4", "")] == [None, None, None, None]


def test_table_three_cut_off_after_its_first_rows_is_there_but_incomplete() -> None:
    # 汉阳区政府办2022 (unseen9b 22): the header, rows 一 and 二, and the page ends
    rows = ("一、本年新收政府信息公开申请数量\t8\t0\t0\t0\t0\t0\t8\n"
            "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n")
    header = "申请人情况\t自然人\t法人或其他组织\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n"
    out = read_tables({"t3": header + rows}, 2021)
    assert ("t3" in out.missing, out.uncertain) == (False, ["t3"])
    assert out.problems == [("t3", "表三在“二、上年结转政府信息公开申请数量”之后中断，缺少其后 23 行")]
    assert (out.values["t3.new_received.total"], out.values["t3.carried_over.total"]) == (8, 0)
    assert out.values["t3.granted.total"] is None
    assert "t3" in read_tables({"t3": rows}, 2021).missing  # no header: two labels are no table
