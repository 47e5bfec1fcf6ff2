"""Workbooks (assistant.workbook): the layout, the templates it writes and the reader of filled ones."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from assistant.batch.units import discover
from assistant.formats import load_format
from assistant.readers.inputfile import load_report
from assistant.workbook.layout import SHEET_WIDE, UNIT_SHEETS, WIDE_DATA_ROW, unit_layout, wide_layout
from assistant.workbook.read import load_xlsx_report, read_xlsx
from assistant.workbook.write import cell_value, write_templates
from tests.conftest import EXAMPLES

SAMPLE = EXAMPLES / "sample-town-2024.yaml"  # 2021 format
ZHUTING = EXAMPLES / "zhuting-2020.yaml"  # 2019 format, with a procurement amount in 元 and signed changes


def fill_unit(template: Path, report, out: Path) -> Path:
    """Fill an empty unit template cell by cell with openpyxl, the way staff would in Excel (None clears a cell)."""
    wb = openpyxl.load_workbook(template)
    for key, spec in unit_layout(report.table_format).values.items():
        wb[spec.sheet].cell(spec.row, spec.col).value = cell_value(report, key, spec.kind)
    wb.save(out)
    return out


@pytest.mark.parametrize("example", [SAMPLE, ZHUTING])
def test_unit_template_round_trip(tmp_path, example):
    report = load_report(example)
    [template] = write_templates(tmp_path / "模板.xlsx", version=report.table_format)
    path = fill_unit(template, report, tmp_path / "竹亭镇.xlsx")
    [unit] = read_xlsx(path)
    assert unit.error is None
    assert unit.name == "竹亭镇"
    assert unit.report.model_dump() == report.model_dump()


def test_wide_template_round_trip(tmp_path):
    units = EXAMPLES / "名单.txt"
    names = tmp_path / "名单.txt"
    names.write_text("示范县青石镇人民政府\n# 注释行\n\n城南街道办事处\n", encoding="utf-8")
    [template] = write_templates(tmp_path / "县汇总", version=2021, units=[
        line for line in names.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")])
    assert template.name == "县汇总.xlsx" and not units.exists()
    wb = openpyxl.load_workbook(template)
    ws = wb[SHEET_WIDE]
    layout = wide_layout(2021)
    organ_col = layout.column("meta.organ_name").col
    kind_col = layout.column("meta.organ_kind").col
    assert ws.cell(WIDE_DATA_ROW, organ_col).value == "示范县青石镇人民政府"
    assert ws.cell(WIDE_DATA_ROW, kind_col).value == "乡镇"
    assert ws.cell(WIDE_DATA_ROW + 1, kind_col).value == "街道"
    report = load_report(SAMPLE)
    for col in layout.columns:
        ws.cell(WIDE_DATA_ROW, col.col).value = cell_value(report, col.key, col.kind)
    ws.cell(WIDE_DATA_ROW + 1, layout.column("meta.year").col).value = 2024
    ws.cell(WIDE_DATA_ROW + 1, layout.column("t3.granted.natural_person").col).value = "三"
    wb.save(template)

    first, second = read_xlsx(template)
    assert first.error is None and first.name == "青石镇" and first.row == WIDE_DATA_ROW
    assert first.report.model_dump() == report.model_dump()
    # A bad row fails alone, with its exact cell.
    col = openpyxl.utils.get_column_letter(layout.column("t3.granted.natural_person").col)
    assert second.report is None and second.name == "城南街道办事处"
    assert str(second.error) == f"县汇总.xlsx 汇总 {col}{WIDE_DATA_ROW + 1}（（一）予以公开「自然人」）：应为非负整数，实为“三”"


def test_template_layout_uses_official_labels_merges_and_validation(tmp_path):
    [path] = write_templates(tmp_path / "t.xlsx", version=2021)
    wb = openpyxl.load_workbook(path)
    fmt = load_format(2021)
    assert wb.sheetnames == list(UNIT_SHEETS)
    t3 = wb["表三"]
    assert t3["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert t3["A2"].value == fmt.t3_note
    assert t3["D2"].value == fmt.t3_header_group
    assert t3["E3"].value == fmt.t3_org_group
    assert [t3.cell(4, c).value for c in range(5, 10)] == [c.label for c in fmt.t3_columns if c.group]
    assert t3["C7"].value is None and t3["B7"].value == "（一）予以公开"
    assert t3["A7"].value == "三、本年度办理结果"
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4", "A7:A28"} <= merged
    assert t3.freeze_panes == "D5"
    rules = {str(dv.sqref): dv for dv in t3.data_validations.dataValidation}
    [count_rule] = [dv for ref, dv in rules.items() if "D7" in ref.split()]
    assert (count_rule.type, count_rule.operator, count_rule.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert unit_layout(2021).ref("t3.granted.natural_person") == "表三 D7"
    # 2021 表二: fee amount is a decimal in 万元; 2019 表二: 本年增/减 is a signed whole number.
    t2 = wb["表二"]
    assert t2["A15"].value == "行政事业性收费" and "B15:D15" in {str(r) for r in t2.merged_cells.ranges}
    assert any(dv.type == "decimal" and "B15" in str(dv.sqref) for dv in t2.data_validations.dataValidation)
    [old] = write_templates(tmp_path / "t2019.xlsx", version=2019)
    t2_2019 = openpyxl.load_workbook(old)["表二"]
    change = unit_layout(2019).values["t2.admin_license.change"]
    assert t2_2019.cell(change.row - 1, change.col).value == "本年增/减"
    assert any(dv.type == "whole" and dv.operator == "between" and change.coord in str(dv.sqref).split()
               for dv in t2_2019.data_validations.dataValidation)
    meta = wb["基本信息"]
    assert [meta.cell(r, 1).value for r in (2, 3, 6)] == ["机关名称", "机关类型", "报告年度"]
    assert meta["B7"].value == 2021  # 表格格式 pre-filled


def _broken(tmp_path: Path, name: str, edit) -> Path:
    report = load_report(SAMPLE)
    [template] = write_templates(tmp_path / "模板.xlsx", version=2021)
    path = fill_unit(template, report, tmp_path / name)
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def test_text_in_a_number_cell_names_file_sheet_and_cell(tmp_path):
    path = _broken(tmp_path, "竹亭镇.xlsx", lambda wb: wb["表三"].__setitem__("D7", "一"))
    [unit] = read_xlsx(path)
    assert unit.report is None
    assert str(unit.error) == "竹亭镇.xlsx 表三 D7（（一）予以公开「自然人」）：应为非负整数，实为“一”"


def test_negative_number_is_an_input_error(tmp_path):
    path = _broken(tmp_path, "竹亭镇.xlsx", lambda wb: wb["表四"].__setitem__("B5", -2))
    with pytest.raises(Exception) as info:
        load_xlsx_report(path)
    assert str(info.value) == "竹亭镇.xlsx 表四 B5（行政复议「结果纠正」）：应为非负整数，实为-2"


def test_missing_sheet(tmp_path):
    path = _broken(tmp_path, "竹亭镇.xlsx", lambda wb: wb.remove(wb["表三"]))
    [unit] = read_xlsx(path)
    assert str(unit.error) == "竹亭镇.xlsx：缺少工作表“表三”（应有：基本信息、表二、表三、表四、情况说明）"


def test_several_errors_are_all_listed(tmp_path):
    def edit(wb):
        wb["表三"]["E9"] = 1.5
        wb["表二"]["B15"] = "很多"
        wb["基本信息"]["B6"] = "二〇二四"

    [unit] = read_xlsx(_broken(tmp_path, "青石镇.xlsx", edit))
    assert unit.error.message == "青石镇.xlsx：有 3 处填写错误"
    assert unit.error.problems == [
        "青石镇.xlsx 基本信息 B6（报告年度）：应为年度（如 2024），实为“二〇二四”",
        "青石镇.xlsx 表二 B15（第二十条第（八）项 行政事业性收费「本年收费金额（单位：万元）」）：应为不小于 0 的金额（如 12.5 或 1400000元），实为“很多”",
        "青石镇.xlsx 表三 E9（1.属于国家秘密「商业企业」）：应为非负整数，实为1.5",
    ]


def test_moved_rows_and_model_errors_name_the_cell(tmp_path):
    [unit] = read_xlsx(_broken(tmp_path, "a.xlsx", lambda wb: wb["表三"].insert_rows(8)))
    assert unit.error.problems[0] == ("a.xlsx 表三 B8：应为“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”，"
                                      "实为空白（请勿改动表头、行标签或增删行列）")
    [unit] = read_xlsx(_broken(tmp_path, "b.xlsx", lambda wb: wb["基本信息"].__setitem__("B3", "镇")))
    assert str(unit.error).startswith("b.xlsx 基本信息 B3（机关类型）：应为以下之一：")


def test_empty_cells_are_zero_totals_computed_blank_marker_kept(tmp_path):
    [template] = write_templates(tmp_path / "t.xlsx", version=2021)
    wb = openpyxl.load_workbook(template)
    wb["基本信息"]["B2"] = "某县某镇人民政府"
    wb["基本信息"]["B3"] = "乡镇"
    wb["基本信息"]["B6"] = 2024
    t3 = wb["表三"]
    t3["D5"], t3["E5"] = 3, "2"  # 本年新收: 自然人 3, 商业企业 "2" (typed as text)
    t3["D7"], t3["E7"] = 3, 2  # 予以公开
    t3["F5"] = "/"  # 科研机构: deliberately blank
    wb["情况说明"]["B2"] = "第一条\n第二条"
    wb.save(template)
    report = load_xlsx_report(template)
    tables = report.tables
    assert tables.get("t3.new_received.total") is None  # a blank part leaves its row total blank
    assert tables.get("t3.new_received.research_institution") is None
    assert tables.get("t3.granted.total") == 5
    assert tables.get("t3.result_total.natural_person") == 3
    assert tables.get("t3.carried_over.natural_person") == 0
    assert tables.get("t4.review.total") == 0
    assert report.notes.proactive == ["第一条", "第二条"]
    assert report.meta.format_version == 2021


def test_folder_and_bad_files(tmp_path):
    report = load_report(SAMPLE)
    [template] = write_templates(tmp_path / "t.xlsx", version=2021)
    folder = tmp_path / "in"
    folder.mkdir()
    fill_unit(template, report, folder / "乙镇.xlsx")
    fill_unit(template, report, folder / "甲镇.xlsx")
    (folder / "~$甲镇.xlsx").write_bytes(b"lock")
    (folder / "坏.xlsx").write_bytes(b"not a zip")
    jobs = discover([folder], tmp_path / "out")  # how the batch finds a folder's workbooks
    assert [job.name for job in jobs] == ["乙镇", "坏", "甲镇"]
    assert jobs[1].error_lines == ["坏.xlsx：无法作为 Excel 工作簿（.xlsx）打开（文件已损坏或不是 .xlsx 格式）"]
    [broken] = read_xlsx(folder / "坏.xlsx")
    assert str(broken.error) == "坏.xlsx：无法作为 Excel 工作簿（.xlsx）打开（文件已损坏或不是 .xlsx 格式）"
    [unit] = read_xlsx(folder / "乙镇.xlsx")
    assert unit.error is None and unit.cell_ref("t3.result_total.total") == "表三 J28"


def test_units_list_gives_one_workbook_per_unit(tmp_path):
    paths = write_templates(tmp_path / "各镇", version=2021, units=["甲镇", "乙街道"], shape="unit", year=2024)
    assert [p.name for p in paths] == ["甲镇.xlsx", "乙街道.xlsx"]
    meta = openpyxl.load_workbook(paths[1])["基本信息"]
    assert (meta["B2"].value, meta["B3"].value, meta["B6"].value) == ("乙街道", "街道", 2024)


def test_cli_template_and_validate_a_workbook(tmp_path):
    from typer.testing import CliRunner

    from assistant.cli import app

    runner = CliRunner()
    names = tmp_path / "名单.txt"
    names.write_text("甲镇\n乙街道\n", encoding="utf-8")
    result = runner.invoke(app, ["template", str(tmp_path / "汇总.xlsx"), "--units", str(names)])
    assert result.exit_code == 0 and result.stdout == f"已写出：{tmp_path / '汇总.xlsx'}\n"
    assert openpyxl.load_workbook(tmp_path / "汇总.xlsx").sheetnames == [SHEET_WIDE]
    result = runner.invoke(app, ["template", str(tmp_path / "x.xlsx"), "--format", "2020"])
    assert result.exit_code == 2

    path = _broken(tmp_path, "竹亭镇.xlsx", lambda wb: wb["表三"].__setitem__("D7", "一"))
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert "竹亭镇.xlsx 表三 D7（（一）予以公开「自然人」）：应为非负整数，实为“一”" in result.output
    good = fill_unit(write_templates(tmp_path / "t.xlsx")[0], load_report(SAMPLE), tmp_path / "青石镇.xlsx")
    result = runner.invoke(app, ["validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "错误 0 项" in result.stdout


def _with_cached_value(path: Path, cell: str, value: str) -> None:
    """Give a formula cell of 表三 the computed result Excel or WPS would save with it."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = "xl/worksheets/sheet3.xml"
    xml = parts[sheet].decode("utf-8")
    start = xml.index(f'<c r="{cell}"')
    end = xml.index("</c>", start)
    parts[sheet] = (xml[:start] + xml[start:end].replace("<v></v>", f"<v>{value}</v>").replace("<v />", f"<v>{value}</v>")
                    + xml[end:]).encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def test_formula_without_a_computed_result_is_an_error_not_an_empty_cell(tmp_path):
    # openpyxl (or any script) saves formulas without their results; read as empty they would silently become 0.
    path = _broken(tmp_path, "竹亭镇.xlsx", lambda wb: wb["表三"].__setitem__("D5", "=1+2"))
    [unit] = read_xlsx(path)
    assert str(unit.error) == ("竹亭镇.xlsx 表三 D5（一、本年新收政府信息公开申请数量「自然人」）：是公式“=1+2”，但没有计算结果（请在 Excel 或 WPS 中打开并保存后再读取，"
                               "或直接填写数值）")
    _with_cached_value(path, "D5", "3")  # as saved by Excel: the result is read
    [unit] = read_xlsx(path)
    assert unit.error is None
    assert unit.report.tables.get("t3.new_received.natural_person") == 3


def test_date_in_a_number_cell_shows_the_date(tmp_path):
    import datetime

    path = _broken(tmp_path, "竹亭镇.xlsx", lambda wb: wb["表三"].__setitem__("D5", datetime.datetime(2024, 1, 5)))
    [unit] = read_xlsx(path)
    assert str(unit.error) == "竹亭镇.xlsx 表三 D5（一、本年新收政府信息公开申请数量「自然人」）：应为非负整数，实为“2024-01-05”"


def test_not_a_number_fee_and_a_serial_that_is_no_date_are_cell_errors(tmp_path):
    # Were tracebacks: Decimal("nan") < 0 raises InvalidOperation; from_excel(1e20) raises OverflowError.
    def edit(wb):
        wb["基本信息"]["B16"] = "nan"  # the fee (after 落款日期 B14 and 上级党委 B15)
        wb["基本信息"]["B14"] = 1e20
        wb["基本信息"]["B14"].number_format = "General"

    [unit] = read_xlsx(_broken(tmp_path, "青石镇.xlsx", edit))
    assert unit.error.problems == [
        "青石镇.xlsx 基本信息 B14（落款日期）：应为日期（如 2025-01-20），实为1e+20",
        "青石镇.xlsx 基本信息 B16（本年收取信息处理费（元））：应为数字，实为“nan”",
    ]
