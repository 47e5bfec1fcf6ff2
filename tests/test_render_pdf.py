"""LibreOffice renders the Word document: title, every table label and page numbers in the PDF text; PNGs to look at.

Runs wherever ``soffice`` is installed, and always in CI (CI installs libreoffice-writer, fonts-noto-cjk and
poppler-utils): it skips only when ``soffice`` is missing and the ``CI`` variable is not set.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.formats import TableFormat, exclusive_labels
from assistant.model import Document, Report
from assistant.readers.inputfile import load_report
from assistant.render.docx import render_docx
from tests.conftest import EXAMPLES
from tests.handmade import handmade_draft

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("CI"),
    reason="LibreOffice（soffice）未安装；CI 中此测试不会跳过",
)


def table_labels(fmt: TableFormat) -> list[str]:
    """Every label printed in the three tables of a format."""
    labels: list[str] = []
    for block in fmt.t2_blocks:
        labels += [block.caption, block.header_label, *(c.label for c in block.columns), *(r.label for r in block.rows)]
    labels += [fmt.t3_note, fmt.t3_header_group, fmt.t3_org_group, *(c.label for c in fmt.t3_columns)]
    for row in fmt.t3_rows:
        labels += [*row.groups, row.label]
    for group in fmt.t4_groups:
        labels += [group["label"], *([group["parent"]] if group.get("parent") else [])]
    labels += [c.label for c in fmt.t4_columns]
    return list(dict.fromkeys(labels))


def present(label: str, text: str, tokens: list[str], gap: int = 60) -> bool:
    """Whether a label is in the PDF text, whole or wrapped inside its cell.

    A wrapped label comes out of pdftotext as pieces interleaved with the neighbouring cells' text, so it counts as
    present when whole tokens, in order and near each other, concatenate to exactly the label.
    """
    if label in text:
        return True

    def from_token(pos: int, last: int) -> bool:
        if pos == len(label):
            return True
        for j in range(last + 1, min(len(tokens), last + 1 + gap)):
            if label.startswith(tokens[j], pos) and from_token(pos + len(tokens[j]), j):
                return True
        return False

    return any(label.startswith(t) and from_token(len(t), i) for i, t in enumerate(tokens))


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, tuple[Report, Path]]:
    folder = tmp_path_factory.mktemp("pdf")
    reports = {name: load_report(EXAMPLES / f"{name}.yaml") for name in ("zhuting-2020", "sample-town-2024")}
    sources = []
    for name, report in reports.items():
        path = folder / f"{name}.docx"
        render_docx(Document(report=report, draft=handmade_draft(report))).save(path)
        sources.append(str(path))
    profile = (folder / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(folder),
         *sources],
        check=True, capture_output=True, timeout=240,
    )
    return {name: (report, folder / f"{name}.pdf") for name, report in reports.items()}


def pages_of(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return [p for p in out.split("\f") if p.strip()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["zhuting-2020", "sample-town-2024"])
def test_pdf_has_title_labels_and_page_numbers(pdfs, name, tmp_path):
    report, pdf = pdfs[name]
    pages = pages_of(pdf)
    assert len(pages) >= 3
    meta = report.meta
    first = squeeze(pages[0])
    assert f"{meta.organ_name}{meta.year}年政府信息公开工作年度报告" in first
    assert first.index(meta.organ_name) < first.index("一、总体情况")
    text = "".join(squeeze(p) for p in pages)
    tokens = [t for p in pages for t in p.split()]
    missing = [label for label in table_labels(report.fmt) if not present(label, text, tokens)]
    assert missing == []
    other = 2021 if report.table_format == 2019 else 2019
    own = table_labels(report.fmt)
    foreign = [label for label in exclusive_labels(other) if not any(label in mine for mine in own)]
    assert foreign  # e.g. 本年新制作数量 (2019) / 本年制发件数 (2021)
    assert [label for label in foreign if present(label, text, tokens)] == []
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in squeeze(page), f"page {number}"
    # pictures for people to look at: page 1 and the page where table 三 starts
    t3_page = next(i for i, p in enumerate(pages, start=1) if "勾稽关系" in squeeze(p))
    for page in (1, t3_page):
        prefix = tmp_path / f"{name}-page"
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", str(page), "-l", str(page), str(pdf), str(prefix)],
                       check=True, capture_output=True, timeout=60)
    pngs = sorted(tmp_path.glob(f"{name}-page*.png"))
    assert len(pngs) == 2 and all(p.stat().st_size > 10_000 for p in pngs)
    print("\n".join(f"PNG: {p}" for p in pngs))


def test_label_matcher_needs_the_whole_label():
    tokens = ["社会", "法律", "公益", "服务", "其他", "组织", "机构"]
    assert present("法律服务机构", "", tokens)
    assert present("社会公益组织", "", tokens)
    assert not present("法律服务中心", "", tokens)
    assert not present("公益法律", "", tokens)
