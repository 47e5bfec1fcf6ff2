"""HTML pages -> Document: the article inside the site's chrome, rowspan/colspan tables, nested layout tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.readers.existing import load_existing
from assistant.readers.html import lines_of_html
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES
from tests.handmade import CONTACT_TWO_BREAKS
from tests.report_builders import build_html


@pytest.fixture(scope="module")
def sample():
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def test_article_in_nested_layout_tables_is_read(tmp_path: Path, sample) -> None:
    path = tmp_path / "page.html"
    path.write_text(build_html(sample), encoding="utf-8")
    doc = load_existing(path)
    assert (doc.report.meta.organ_name, doc.report.meta.year) == ("示范县青石镇人民政府", 2024)
    assert doc.missing == [] and doc.uncertain == [] and doc.reading == []
    assert [p for p in sample.fmt.cell_paths() if sample.tables.get(p) != doc.report.tables.get(p)] == []
    assert doc.draft is not None
    assert doc.draft.title == "示范县青石镇人民政府2024年政府信息公开工作年度报告"
    text = doc.draft.full_text()
    assert "首页" not in text and "栏目导航" not in text and "主办" not in text  # chrome left out


def test_gbk_page_and_blank_cells(tmp_path: Path, sample) -> None:
    path = tmp_path / "page.htm"
    html = build_html(sample, blank={"t4.review.total"}).replace("charset='utf-8'", "charset='gbk'")
    path.write_bytes(html.encode("gbk"))
    doc = load_existing(path)
    assert doc.report.tables.get("t4.review.total") is None
    assert doc.report.tables.get("t4.review.upheld") == 1


def test_subtotal_column_and_row_are_read_then_reported(sample) -> None:
    html = build_html(sample)
    # a template that adds a 小计 column after the five organisation columns
    html = html.replace("<td>其他</td>", "<td>其他</td><td>小计</td>", 1)
    lines = lines_of_html(html)
    rows = []
    for ln in lines:
        cells = ln.split("\t")
        values = cells[-7:]
        if len(cells) > 7 and all(v.isdigit() for v in values) and not cells[0].isdigit():
            cells.insert(len(cells) - 1, str(sum(int(v) for v in values[1:6])))  # 法人或其他组织小计
        rows.append("\t".join(cells))
        if cells[-8:-7] == ["8.属于行政查询事项"] or cells[0] == "8.属于行政查询事项":
            rows.append("小计\t" + "\t".join(["0"] * 8))  # an added subtotal row of （三）
    from assistant.readers.existing import document_from_lines

    doc = document_from_lines(rows, "page.html")
    assert doc.uncertain == []
    assert doc.report.tables.get("t3.new_received.total") == 12
    assert doc.report.tables.get("t3.unable_not_held.other_org") == 1
    deviations = [n.message for n in doc.reading if n.kind == "deviation"]
    assert "表三增加了“法人或其他组织小计”列（官方表格没有此列）" in deviations
    assert "表三增加了“小计”行（官方表格没有小计行）" in deviations


def test_page_without_a_report_is_refused() -> None:
    page = ("<html><body><table><tr><td><table><tr><td>通知公告</td><td>2024-01-01</td></tr></table></td></tr>"
            "</table></body></html>")
    with pytest.raises(InputError, match="未找到政府信息公开工作年度报告"):
        lines_of_html(page, "page.html")


def test_title_printed_above_the_article(sample) -> None:
    html = build_html(sample).replace("<h1>示范县青石镇人民政府2024年政府信息公开工作年度报告</h1>", "")
    html = html.replace("<td class='main'>", "<td class='main'><div class='title'>示范县青石镇人民政府2024年政府信息公开工作"
                                            "年度报告</div><div class='share'>打印本页 关闭窗口</div>")
    lines = lines_of_html(html)
    assert lines[0] == "示范县青石镇人民政府2024年政府信息公开工作年度报告"
    assert "打印本页 关闭窗口" not in lines


def test_a_preamble_naming_the_six_parts_is_not_taken_for_the_article(tmp_path: Path, sample) -> None:
    """Bug: the template's preamble lists all six parts by name ("全文由总体情况，主动公开……组成"), so the smallest
    element holding the markers was that paragraph (or a run inside it), and the report was lost."""
    listing = ("本报告由示范县青石镇人民政府编制。全文由总体情况，主动公开政府信息情况，收到和处理政府信息公开申请情况，"
               "政府信息公开行政复议、行政诉讼情况，存在的主要问题及改进情况，其他需要报告的事项六个部分组成。")
    html = build_html(sample).replace("<p>本报告由示范县青石镇人民政府编制。", f"<p><span>{listing}</span>", 1)
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    doc = load_existing(path)
    assert doc.draft is not None and doc.draft.preamble[0].startswith(listing)
    assert [s.key for s in doc.draft.sections] == ["overview", "proactive", "requests", "appeals", "problems",
                                                   "other"]
    assert [p for p in sample.fmt.cell_paths() if sample.tables.get(p) != doc.report.tables.get(p)] == []


def test_page_numbers_of_a_word_document_saved_as_a_web_page_are_left_out(sample) -> None:
    """LibreOffice writes the footer ("— 3 —") into a <div title="footer">, Word into an mso-element:footer."""
    html = build_html(sample).replace(
        "</div></td></tr></table>",
        "<div title='footer'><p>— <span>3</span> —</p></div>"
        "<div style='mso-element:footer' id='f1'><p>第 3 页</p></div></div></td></tr></table>", 1)
    lines = lines_of_html(html)
    assert not any("— 3" in ln or "第 3 页" in ln for ln in lines)
    assert lines_of_html(build_html(sample)) == lines


def test_a_br_the_renderer_made_joins_its_line_and_any_other_starts_one(sample) -> None:
    """A Word document of ours saved as a web page keeps the renderer's manual breaks as <br>: where they are exactly
    the renderer's (before the e-mail address and "（http://" in this paragraph) they are layout and join, as the .docx reader
    does; <br>s of the same kinds on someone else's page (before a phone number or an address, after a "。" before a
    year) each start a line."""
    preamble = "<p>本报告由示范县青石镇人民政府编制。统计期限自2024年1月1日至2024年12月31日。</p>"
    assert preamble in build_html(sample)
    mail, address = CONTACT_TWO_BREAKS.index("changlingzhen"), CONTACT_TWO_BREAKS.index("（http://")
    ours = (f"<p>{CONTACT_TWO_BREAKS[:mail]}<font><br/>\n</font><font>{CONTACT_TWO_BREAKS[mail:address]}</font><br/>\n"
            f"{CONTACT_TWO_BREAKS[address:]}</p>")
    lines = lines_of_html(build_html(sample).replace(preamble, ours))
    assert lines[1] == CONTACT_TWO_BREAKS
    theirs = ("<p>本报告由示范县青石镇人民政府编制。如有疑问请联系（电话：<font><br/>\n</font><font>0795-3648348</font>）"
              "，或登录网站<br/>\n（https://www.shifan.gov.cn/）。<br/>\n2024年统计期限自1月1日至12月31日。</p>")
    lines = lines_of_html(build_html(sample).replace(preamble, theirs))
    assert lines[1:5] == ["本报告由示范县青石镇人民政府编制。如有疑问请联系（电话：", "0795-3648348），或登录网站",
                          "（https://www.shifan.gov.cn/）。", "2024年统计期限自1月1日至12月31日。"]
