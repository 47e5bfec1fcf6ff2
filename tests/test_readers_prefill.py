"""`nianbao import`: an existing report as an input file, or prefilled for next year."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from assistant.cli import app
from assistant.readers.inputfile import load_report
from tests.conftest import CORPUS


def _run(*args: str):  # noqa: ANN202
    return CliRunner().invoke(app, list(args))


def test_import_keeps_figures_and_text(tmp_path: Path) -> None:
    out = tmp_path / "huaian-2024.yaml"
    result = _run("import", str(next(CORPUS.glob("009_*.txt"))), "-o", str(out))
    assert result.exit_code == 0, result.output
    report = load_report(out)
    assert (report.meta.organ_name, report.meta.year, report.table_format) == ("淮安市人民政府", 2024, 2021)
    assert report.tables.get("t3.new_received.total") == 3119
    assert report.tables.get("t4.review.total") == 351
    assert str(report.tables.get("t2.admin_fees.fee_amount")) == "96171.6万元"
    assert report.narrative is not None and len(report.narrative.sections) == 6
    # checking the imported file finds what checking the report finds
    check_yaml = _run("check", str(out), "--json")
    check_txt = _run("check", str(next(CORPUS.glob("009_*.txt"))), "--json")
    assert check_yaml.exit_code == check_txt.exit_code
    assert check_yaml.exit_code in (0, 1)


def test_import_marks_unreadable_tables(tmp_path: Path) -> None:
    out = tmp_path / "pingtan-2021.yaml"
    assert _run("import", str(next(CORPUS.glob("003_*.txt"))), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 平潭综合实验区 2021年度报告，据")
    assert "# 注意：表二未能完整、可靠地读出" in text
    report = load_report(out)
    assert report.tables.get("t2.normative_docs.issued") is None  # blank, not 0
    assert report.tables.get("t2.admin_license.decisions") == 2293


def test_next_year_prefill(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    result = _run("import", str(next(CORPUS.glob("007_*.txt"))), "--next-year", "-o", str(out))
    assert result.exit_code == 0, result.output
    report = load_report(out)
    assert (report.meta.organ_name, report.meta.year) == ("平潭综合实验区", 2026)
    fmt = report.fmt
    carried = [report.tables.get(f"t3.carried_over.{c.key}") for c in fmt.t3_columns]
    assert carried == [4, 2, 0, 0, 0, 0, 6]  # last year's 结转下年度继续办理
    assert report.tables.get("t3.new_received.total") is None
    assert report.tables.get("t2.admin_license.decisions") is None
    assert report.tables.get("t4.review.total") is None
    assert report.narrative is None


def test_next_year_notes_start_from_last_years_measures(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert _run("import", str(next(CORPUS.glob("000_*.txt"))), "--next-year", "-o", str(out)).exit_code == 0
    report = load_report(out)
    assert report.meta.year == 2021 and report.table_format == 2021
    assert report.notes.last_year_improvements[:3] == [
        "加强业务学习，提高业务能力",
        "加强对相关工作人员的教育培训，加强政府信息公开信息员队伍建设，提升信息员综合素质，提高工作效率，"
        "提高做好信息公共工作的能力以及水平",
        "拓宽宣传渠道，加大信息公开力度",
    ]
    assert report.tables.get("t3.carried_over.total") == 0


def test_next_year_notes_by_aspect(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert _run("import", str(next(CORPUS.glob("009_*.txt"))), "--next-year", "-o", str(out)).exit_code == 0
    notes = load_report(out).notes
    assert notes.on_request[0] == "定期对政府信息公开申请集中的领域和热点问题进行研判，探索从源头上解决实际问题"
    assert notes.platform and notes.management and notes.oversight
    assert not any(ch.isdigit() for n in notes.platform for ch in n)  # last year's figures are not carried


def test_import_bad_file(tmp_path: Path) -> None:
    png = tmp_path / "report.docx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    result = _run("import", str(png), "-o", str(tmp_path / "x.yaml"))
    assert result.exit_code == 2
    assert "PNG 图片" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "x.yaml").exists()


def test_next_year_improvements_are_last_years_measures_not_problems(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert _run("import", str(next(CORPUS.glob("007_*.txt"))), "--next-year", "-o", str(out)).exit_code == 0
    improvements = load_report(out).notes.last_year_improvements
    assert improvements[0] == "强化政务公开队伍建设，多渠道加强业务指导和培训，不断提升政务公开队伍工作水平"
    assert "政务公开队伍建设有待进一步加强" not in improvements
