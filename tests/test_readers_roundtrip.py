"""Same results whatever the form: drafted reports of both formats (with two mistakes each) rendered to .docx,
converted by LibreOffice to PDF, .doc and HTML (served on loopback, one page in GBK; and a page that only links to the
PDF; and printed to PDF by Chromium), read back: every table cell, the organ and year, every section and every finding
are those of the .docx.

Runs wherever ``soffice`` is installed, and always in CI (CI installs libreoffice-writer and fonts-noto-cjk): it skips
only when ``soffice`` is missing and the ``CI`` variable is not set. LibreOffice runs three times to convert (one run per
target format, both reports at once), and once more for each .doc and .wps read.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.model import Document, Finding
from assistant.pipeline import check_document
from assistant.readers import load_document
from assistant.readers.pdf import read_pdf
from evals.readers_roundtrip import (
    BLANK_CELLS,
    BLANKS_FORM,
    CHROMIUM_PDF,
    EXAMPLE_NAMES,
    TABLE_LINES,
    compare,
    convert_all,
    draft_docx,
    finding_keys,
    many_blank_cells,
    print_pages,
    serve,
    sources,
    table_line_forms,
)

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice（soffice）未安装；CI 中此测试不会跳过",
)

READS = (".pdf", ".doc", ".wps", "网页", "网页→PDF附件", CHROMIUM_PDF)


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("forms")
    forms = convert_all(draft_docx(folder), folder)
    print_pages(forms, folder)
    return forms


@pytest.fixture(scope="module")
def served(forms: dict[str, dict[str, Path]]) -> Iterator[dict[str, dict[str, str]]]:
    with serve(forms) as base:
        yield sources(forms, base)


@pytest.fixture(scope="module")
def references(forms: dict[str, dict[str, Path]]) -> dict[str, tuple[Document, list[Finding]]]:
    out = {}
    for name, paths in forms.items():
        doc = load_document(paths[".docx"])
        out[name] = (doc, check_document(doc))
    return out


def test_the_docx_reading_is_a_reference_worth_comparing_with(references) -> None:
    """The .docx gives the figures of the input, blank cells blank, and the findings of the two mistakes put in (so
    "equal" means something): a count in the text one more than the table, and a wrong year, where the draft has them."""
    from assistant.readers.inputfile import load_report
    from tests.conftest import EXAMPLES

    for name, (doc, findings) in references.items():
        source = load_report(EXAMPLES / f"{name}.yaml")
        for cell in BLANK_CELLS.get(name, ()):
            source.tables.set(cell, None)
            assert doc.report.tables.get(cell) is None
        assert [p for p in source.fmt.cell_paths() if source.tables.get(p) != doc.report.tables.get(p)] == []
        assert doc.missing == [] and doc.uncertain == []
        assert any(f.severity == "error" for f in findings)
    rules = {name: sorted(f.rule for f in findings) for name, (_doc, findings) in references.items()}
    # 竹亭镇's own input lacks four facts (signing date, 考核, 评议, last year's improvements) and its 追究 note states a
    # rule, not a result: its draft has five 〔待补〕 gaps (G1 errors). In both, the count of applications received put
    # one higher is in 总体情况's 依申请公开 (C1), and the year put one back is in the next paragraph with the year (Y6).
    assert rules == {"zhuting-2020": ["C1"] + ["G1"] * 5 + ["U1", "Y6"],
                     "sample-town-2024": ["A5.blank"] * 3 + ["C1", "Y6"]}


# Known and open: Chromium prints a web page without keeping a table row on one page; here it splits 表三's row
# "2.申请人逾期未按收费通知要求缴纳费用…" across a page break, and the two halves are not yet joined. The reader then
# marks 表三 uncertain (no cell shifted); the figures of that row are missing.
KNOWN_SPLIT_ROWS = {("sample-town-2024", CHROMIUM_PDF): "表三一行被网页打印拆在两页，暂不能拼合（表三标为存疑，没有错位）"}


@pytest.mark.parametrize("form", READS)
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_form_reads_as_the_docx(served, references, name: str, form: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NIANBAO_ALLOW_PRIVATE_URLS", "1")  # the loopback server
    if form not in served[name] and not os.environ.get("CI"):
        pytest.skip("Chromium 未安装；CI 中此测试不会跳过")
    reference, findings = references[name]
    result = compare(reference, findings, served[name][form])
    if (name, form) in KNOWN_SPLIT_ROWS and not result.cells_equal:
        pytest.xfail(KNOWN_SPLIT_ROWS[(name, form)])
    assert (result.cells_equal, result.meta_equal, result.findings_equal) == (True, True, True)
    assert result.sections_equal


def test_paragraphs_cross_pages_in_the_pdf(forms) -> None:
    """The drafts are long enough that a paragraph runs over a page break (the join across pages is exercised)."""
    import pdfplumber

    crossing = 0
    for paths in forms.values():
        with pdfplumber.open(paths[".pdf"]) as pdf:
            for page in pdf.pages[:-1]:
                body = [ln for ln in page.extract_text_lines() if "—" not in ln["text"]]
                crossing += body[-1]["text"][-1] not in "。：；" if body else 0
    assert crossing >= 2
    assert all(read_pdf(paths[".pdf"])["pages"] >= 4 for paths in forms.values())


def test_a_pdf_that_libreoffice_encrypted_with_a_password(forms, tmp_path: Path) -> None:
    from assistant.errors import InputError
    from assistant.readers.office import convert

    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"mima"}}')
    [encrypted] = convert([forms["zhuting-2020"][".docx"]], tmp_path, options, timeout=300)
    with pytest.raises(InputError) as caught:
        load_document(encrypted)
    assert str(caught.value) == (f"{encrypted}：PDF 已加密，需要密码才能打开，无法读取。"
                                 "请提供未加密的文件（在 PDF 阅读器中输入密码后另存为不加密的 PDF）")


# --- tables drawn without ruling lines ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def table_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    return table_line_forms(tmp_path_factory.mktemp("table-lines"))


def test_the_drafts_with_many_blank_cells_are_read_blank_from_their_docx(table_forms) -> None:
    """The reference for the variant with many blank cells: its .docx gives exactly the input, blanks blank."""
    from assistant.readers.inputfile import load_report
    from tests.conftest import EXAMPLES

    for name, paths in table_forms.items():
        source = load_report(EXAMPLES / f"{name}.yaml")
        for cell in many_blank_cells(name):
            source.tables.set(cell, None)
        doc = load_document(paths[BLANKS_FORM + ".docx"])
        assert [p for p in source.fmt.cell_paths() if source.tables.get(p) != doc.report.tables.get(p)] == []
        assert len(many_blank_cells(name)) >= 27 and doc.uncertain == []


@pytest.mark.parametrize("form", [*TABLE_LINES, BLANKS_FORM])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_tables_without_ruling_lines_read_as_the_docx(table_forms, name: str, form: str) -> None:
    """The tables without borders, with only the outer frame, with light grey lines, and without borders with many
    blank cells: every cell (blank as blank), the organ and year and every finding are those of the .docx (also where
    table 三 breaks right after its row （二）部分公开…, beside the group label cut short: see
    tests/test_pdf_borderless.py)."""
    paths = table_forms[name]
    reference = load_document(paths[BLANKS_FORM + ".docx"] if form == BLANKS_FORM else paths[".docx"])
    doc = load_document(paths[form])
    missed = [p for p in reference.report.fmt.cell_paths() if reference.report.tables.get(p) != doc.report.tables.get(p)]
    read, expected = set(finding_keys(check_document(doc))), set(finding_keys(check_document(reference)))
    outcome = (doc.uncertain, missed, sorted(key[:4] for key in read - expected), expected - read)
    assert outcome == ([], [], [], set())
    result = compare(reference, check_document(reference), str(paths[form]))
    assert (result.cells_equal, result.meta_equal, result.findings_equal) == (True, True, True)
    assert result.sections_equal
