"""Reading back the line breaks the renderer puts into body paragraphs: they are layout and are taken out, but only
where they are exactly the renderer's; the same marks around a break someone typed leave it a break."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from assistant.model import Document
from assistant.readers.docx import docx_lines
from assistant.readers.inputfile import load_report
from assistant.readers.rendered import join_broken_lines, join_rendered_breaks
from assistant.render.body_lines import body_line_breaks
from assistant.render.docx import render
from tests.conftest import EXAMPLES
from tests.handmade import CONTACT_TWO_BREAKS, handmade_draft
from tests.report_builders import build_docx

BEFORE_EMAIL = CONTACT_TWO_BREAKS.index("changlingzhen")
BEFORE_ADDRESS = CONTACT_TWO_BREAKS.index("（http://")


def with_breaks(text: str, offsets: list[int]) -> str:
    for cut in sorted(offsets, reverse=True):
        text = text[:cut] + "\n" + text[cut:]
    return text


def test_the_renderers_breaks_are_taken_out():
    assert body_line_breaks(CONTACT_TWO_BREAKS) == [BEFORE_EMAIL, BEFORE_ADDRESS]
    assert join_rendered_breaks(with_breaks(CONTACT_TWO_BREAKS, [BEFORE_EMAIL, BEFORE_ADDRESS])) == CONTACT_TWO_BREAKS
    # one of them alone: the other ended a full line and was joined already (a browser's print of our web page)
    assert join_rendered_breaks(with_breaks(CONTACT_TWO_BREAKS, [BEFORE_ADDRESS])) == CONTACT_TWO_BREAKS


@pytest.mark.parametrize("text", [
    # the renderer's two breaks and one of the same kind that it would not make here; that one alone
    with_breaks(CONTACT_TWO_BREAKS, [BEFORE_EMAIL, BEFORE_ADDRESS, CONTACT_TWO_BREAKS.index("0795-")]),
    with_breaks(CONTACT_TWO_BREAKS, [CONTACT_TWO_BREAKS.index("0795-")]),
    # breaks someone typed into a report, each of a kind the renderer makes
    "本镇全年主动公开政府信息55条。\n2024年，本镇将继续做好政务公开工作。",
    "联系电话：\n0795-3648348",
    "联系方式：\n（http://www.shifan.gov.cn/）",
    # a document number broken after its "〕" (the renderer no longer breaks there: the number stays whole)
    "按照《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2021〕\n30号）要求编制本报告。",
    # one of ours beside a break of another kind: the paragraph is not as the renderer sets it
    with_breaks(CONTACT_TWO_BREAKS, [BEFORE_EMAIL, BEFORE_ADDRESS, 4]),
])
def test_any_other_break_stays(text):
    assert join_rendered_breaks(text) == text


def test_a_rendered_document_reads_back_with_its_paragraph_whole(tmp_path: Path):
    sample = load_report(EXAMPLES / "sample-town-2024.yaml")
    draft = handmade_draft(sample)
    draft.preamble = [CONTACT_TWO_BREAKS]
    path = tmp_path / "ours.docx"
    render(Document(report=sample, draft=draft)).document.save(path)
    opening = next(p for p in docx.Document(path).paragraphs if p.text.startswith("对本报告如有疑问，可与示范县长岭镇"))
    assert len(opening._p.findall(".//" + qn("w:br"))) == 2  # the renderer's two breaks are in the file
    assert CONTACT_TWO_BREAKS in docx_lines(path)


def test_a_break_typed_into_someone_elses_report_stays_a_line_end(tmp_path: Path):
    """A real report read by the checker: "…55条。" then, after a line break typed in Word, "2024年，…" (the old
    pattern-only reading joined the two, as if the renderer had broken the line)."""
    path = build_docx(load_report(EXAMPLES / "sample-town-2024.yaml"), tmp_path / "theirs.docx")
    document = docx.Document(path)
    paragraph = document.add_paragraph("本镇全年主动公开政府信息55条。")
    paragraph.add_run().add_break()
    paragraph.add_run("2024年，本镇将继续做好政务公开工作。")
    document.save(path)
    lines = docx_lines(path)
    assert lines[-2:] == ["本镇全年主动公开政府信息55条。", "2024年，本镇将继续做好政务公开工作。"]


# --- a Word document saved as text: every paragraph a line, and the renderer's breaks new lines too ---------------


def test_a_text_export_joins_the_renderers_breaks_back():
    lines = with_breaks(CONTACT_TWO_BREAKS, [BEFORE_EMAIL, BEFORE_ADDRESS]).split("\n")
    assert len(lines) == 3
    assert join_broken_lines(["开头。", *lines, "下一段。"]) == ["开头。", CONTACT_TWO_BREAKS, "下一段。"]


def test_a_text_export_joins_a_break_inside_an_open_bracket_that_the_next_line_closes():
    # not where the renderer would break (the paragraph fits on one line), but the bracket is left open and closed
    assert body_line_breaks("请与镇党政办联系（电话：0795-3648348）。") == []
    assert join_broken_lines(["请与镇党政办联系（电话：", "0795-3648348）。"]) == ["请与镇党政办联系（电话：0795-3648348）。"]


@pytest.mark.parametrize("lines", [
    ["联系电话：", "0795-3648348"],  # no bracket open, and no break of the renderer's there
    ["联系方式：", "（http://www.shifan.gov.cn/）"],
    ["联系（电话：", "0795-3648348"],  # the bracket is not closed on the next line
    ["请致电本办（电话0795-3648348）。", "0795-3648349为传真。"],  # the line before ends a sentence
    ["本镇全年主动公开政府信息55条。", "2024年，本镇将继续做好政务公开工作。"],  # no address, phone or number
    ["联系（电话：", "\t0795-3648348\t）"],  # a table row
])
def test_a_text_export_keeps_two_paragraphs_apart(lines):
    assert join_broken_lines(lines) == lines
