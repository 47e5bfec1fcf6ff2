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


def test_import_never_writes_over_an_edited_input_file(tmp_path: Path) -> None:
    report = str(next(CORPUS.glob("009_*.txt")))
    out = tmp_path / "huaian-2024.yaml"
    assert _run("import", report, "-o", str(out)).exit_code == 0
    assert _run("import", report, "-o", str(out)).exit_code == 0  # the same import again changes nothing
    edited = out.read_text(encoding="utf-8") + "# 办公室补充的说明\n"
    out.write_text(edited, encoding="utf-8")
    result = _run("import", report, "-o", str(out))
    assert result.exit_code == 2
    assert "已存在，未覆盖（其中可能已填写了数字或情况说明）" in result.output
    assert out.read_text(encoding="utf-8") == edited


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
    # a new year starts at 0 like a new unit; only what last year's report left unread stays blank
    assert report.tables.get("t3.new_received.total") == 0
    assert report.tables.get("t2.admin_license.decisions") == 0
    assert report.tables.get("t4.review.total") == 0
    assert report.tables.get("t2.normative_docs.in_force") is None  # 表二 could not be read: its stock is not known
    assert report.narrative is None


def test_next_year_starts_at_zero_and_carries_what_follows_by_definition() -> None:
    """Bug: 另存为下一年度 left about 160 blank cells. Now: 0, except 上年结转 (X1) and 现行有效件数 (X2)."""
    from assistant.pipeline import draft_report
    from assistant.readers.prefill import carried_cells, next_year_report
    from tests.conftest import EXAMPLES

    doc, _findings = draft_report(load_report(EXAMPLES / "sample-town-2024.yaml"))
    last = doc.report
    nxt = next_year_report(doc)
    carried = carried_cells(doc)
    assert carried == {**{f"t3.carried_over.{c.key}": last.tables.get(f"t3.carried_forward.{c.key}")
                          for c in nxt.fmt.t3_columns},
                       "t2.rules.in_force": last.tables.get("t2.rules.in_force"),
                       "t2.normative_docs.in_force": last.tables.get("t2.normative_docs.in_force")}
    assert [nxt.tables.get(p) for p in carried] == list(carried.values())
    blank = [p for p in nxt.fmt.cell_paths() if nxt.tables.get(p) is None]
    assert blank == []
    others = {p: nxt.tables.get(p) for p in nxt.fmt.cell_paths() if p not in carried and not p.endswith(".total")
              and ".result_total." not in p}
    assert {getattr(v, "value", v) for v in others.values()} == {0}  # counts 0, the fee 0 万元


def test_next_year_notes_start_from_last_years_measures(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert _run("import", str(next(CORPUS.glob("000_*.txt"))), "--next-year", "-o", str(out)).exit_code == 0
    report = load_report(out)
    assert report.meta.year == 2021 and report.table_format == 2021
    assert report.notes.last_year_improvements[:3] == [  # last year's sentences, marked for staff to confirm
        "〔上年〕加强业务学习，提高业务能力",
        "〔上年〕加强对相关工作人员的教育培训，加强政府信息公开信息员队伍建设，提升信息员综合素质，提高工作效率，"
        "提高做好信息公共工作的能力以及水平",
        "〔上年〕拓宽宣传渠道，加大信息公开力度",
    ]
    assert report.tables.get("t3.carried_over.total") == 0


def test_next_year_notes_by_aspect(tmp_path: Path) -> None:
    out = tmp_path / "next.yaml"
    assert _run("import", str(next(CORPUS.glob("009_*.txt"))), "--next-year", "-o", str(out)).exit_code == 0
    notes = load_report(out).notes
    assert notes.on_request[0] == "〔上年〕定期对政府信息公开申请集中的领域和热点问题进行研判，探索从源头上解决实际问题"
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
    assert improvements[0] == "〔上年〕强化政务公开队伍建设，多渠道加强业务指导和培训，不断提升政务公开队伍工作水平"
    assert not any("政务公开队伍建设有待进一步加强" in i for i in improvements)


def test_next_year_keeps_the_meta_the_report_states_in_its_words() -> None:
    """Bug: importing last year's report dropped website, contact, 编制单位, 简称 and 上级人民政府."""
    from assistant.readers import load_document
    from assistant.readers.prefill import next_year_report, short_name

    meta = next_year_report(load_document(next(CORPUS.glob("011_*.txt")))).meta
    assert (meta.organ_name, meta.short_name, meta.year) == ("淮安市洪泽区人民政府", "淮安市洪泽区", 2025)
    assert meta.compiler == "淮安市洪泽区人民政府办公室"
    assert meta.contact.model_dump() == {"address": "淮安市洪泽区洪泽湖大道 90号", "postcode": "223100",
                                         "phone": "0517-87290606", "email": None}
    zhuting = next_year_report(load_document(next(CORPUS.glob("000_*.txt")))).meta
    assert zhuting.website == "袁州区人民政府网站（http://www.yzq.gov.cn/）"
    assert zhuting.contact.model_dump() == {"address": "竹亭镇人民政府党政办", "postcode": None,
                                            "phone": "0795-3648348", "email": None}
    assert zhuting.compiler is None  # "由竹亭镇结合有关统计数据编制" names no office
    assert zhuting.parent_government == "袁州区人民政府"  # as the reader found it, not "区政府" of "在区委、区政府的领导下"
    assert zhuting.parent_party is None
    assert zhuting.short_name == "竹亭镇"
    assert short_name("水城区杨梅乡人民政府", None) == "杨梅乡"
    assert short_name("示范县青石镇人民政府", "示范县人民政府") == "青石镇"
    assert short_name("西秀区东街街道办事处", None) == "东街街道"
    assert short_name("淮安市人民政府", None) == "淮安市"
    assert short_name("示范县教育局", "示范县人民政府") == "教育局"
    assert short_name("迎宾路街道办事处", None) == "迎宾路街道"


def test_next_year_takes_no_gap_of_last_years_draft_as_a_value(tmp_path: Path) -> None:
    """Bug (outside tester): importing a draft that still had 〔待补〕 gaps filled 地址 with "〔待补：联系地址〕" and made
    notes of the fragments ("〔上年〕主动公开工作情况〕")."""
    from assistant.pipeline import draft_report, write_outputs
    from assistant.readers import load_document
    from assistant.readers.prefill import next_year_report
    from tests.conftest import EXAMPLES

    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    contact = report.meta.contact.model_copy(update={"address": None})
    notes = report.notes.model_copy(update={"proactive": []})
    report = report.model_copy(update={"meta": report.meta.model_copy(update={"contact": contact}), "notes": notes})
    doc, findings = draft_report(report)
    written = write_outputs(doc, findings, tmp_path)
    assert written.final is None  # gaps: only the 草稿
    nxt = next_year_report(load_document(next(p for p in written if p.name.endswith("-草稿.docx"))))
    assert nxt.meta.contact.address is None and nxt.meta.contact.phone == "0795-1234567"
    assert "待补" not in nxt.model_dump_json()
    assert nxt.notes.proactive == []


def test_a_plain_import_keeps_the_meta_the_report_states_in_its_words() -> None:
    """Bug: `import` (without --next-year) left website, contact, 编制单位 and the parents empty."""
    from assistant.readers import load_document
    from assistant.readers.prefill import imported_report

    meta = imported_report(load_document(next(CORPUS.glob("011_*.txt")))).meta
    assert (meta.organ_name, meta.year, meta.compiler) == ("淮安市洪泽区人民政府", 2024, "淮安市洪泽区人民政府办公室")
    assert meta.contact.model_dump() == {"address": "淮安市洪泽区洪泽湖大道 90号", "postcode": "223100",
                                         "phone": "0517-87290606", "email": None}


def test_next_year_of_a_drafted_unit_carries_the_offices_notes_not_the_templates_phrases() -> None:
    """Issue 16 retest: 另存为下一年度 put the template's “〔上年〕本镇主动公开工作的主要情况如下” into 主动公开 and lost
    last year's own note. A unit with notes carries those (figures dropped), never the drafter's fixed phrases."""
    from assistant.pipeline import draft_report
    from assistant.readers.prefill import next_year_report
    from tests.conftest import EXAMPLES

    doc, _findings = draft_report(load_report(EXAMPLES / "sample-town-2024.yaml"))
    notes = next_year_report(doc).notes
    assert notes.proactive == ["〔上年〕在村务公开栏公开惠农补贴发放、低保评议等信息"]  # the other note has figures
    assert notes.management == ["〔上年〕落实“三审三校”和保密审查制度"]
    assert notes.oversight == ["〔上年〕将政务公开纳入对各村和镇直站所的年度考核", "〔上年〕本年度未发生政府信息公开工作责任追究情况"]
    assert notes.last_year_improvements == ["〔上年〕丰富政策解读形式，重要政策同步发布图解解读", "〔上年〕加强对村级公开栏的指导和督查"]
    assert notes.problems == [] and notes.measures == []


def test_next_year_notes_leave_out_the_law_quoted_and_the_texts_signposts() -> None:
    """Last year's text quotes the 条例 ("《条例》要求…") and points onward ("…情况说明如下", "见第三部分"): neither is
    a fact of the office's work to carry into this year's notes; "其一，" goes like "一是"."""
    from assistant.model import Document, Draft, Section
    from assistant.readers.prefill import starting_notes
    from tests.conftest import EXAMPLES

    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    overview = Section(heading="一、总体情况", key="overview", paragraphs=[
        "（一）主动公开",
        "《条例》要求乡（镇）人民政府主动公开社会救助等方面的政府信息。在村务公开栏公开惠农补贴发放信息。",
        "（二）依申请公开",
        "按照《条例》，申请获取政府信息的，应当采用书面形式。现将本镇依申请公开情况说明如下。具体办理情况见第三部分。",
        "（三）政府信息管理",
        "本镇管理政府信息的做法主要有：其一，落实保密审查制度；其二，开展文件清理。"])
    document = Document(report=report, draft=Draft(title="t", sections=[overview]))
    document.report.notes = type(report.notes)()
    notes = starting_notes(document)
    assert notes == {"proactive": ["在村务公开栏公开惠农补贴发放信息"], "on_request": [],
                     "management": ["落实保密审查制度", "开展文件清理"]}
