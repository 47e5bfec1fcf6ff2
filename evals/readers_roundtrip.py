"""Same report, every published form: drafts of the examples rendered to .docx, converted by LibreOffice to PDF, .doc
and HTML (the HTML served on a loopback web server, one page in GBK, plus a page that only links to the PDF; and
printed to PDF by Chromium), read back, and compared with what the .docx gives: figures (every table cell), sections,
findings.

    python -m evals.readers_roundtrip        # prints the round-trip tables and the PDF timings per page

and the same for PDFs whose tables are drawn without ruling lines (:func:`table_line_forms`).

Needs LibreOffice (``soffice``); the Chromium form is added when ``chromium`` is installed. ``tests/test_readers_roundtrip.py`` asserts the same comparisons.
"""

from __future__ import annotations

import http.server
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.model import Document, Finding

EXAMPLE_NAMES = ("zhuting-2020", "sample-town-2024")  # 2019 format and 2021 format
FORMS = (".docx", ".pdf", ".doc", ".html")
GBK_PAGE = "zhuting-2020"  # served as GBK, as many government sites do
# cells left blank (one in each table), so that "blank stays blank, in its column" is part of the comparison
BLANK_CELLS = {"sample-town-2024": ("t2.rules.issued", "t3.carried_over.public_welfare_org", "t4.review.pending")}


def with_mistakes(doc: Document) -> Document:
    """The draft with two typical mistakes, so that the checks have something to find in every form: the count of
    applications received one more than in table 三, and a later year the year before."""
    assert doc.draft is not None
    year = doc.report.meta.year
    counted = yeared = False
    for section in doc.draft.sections:
        for i, paragraph in enumerate(section.paragraphs):
            if not counted and (m := re.search(r"(?:收到|新收)政府信息公开申请(\d+)件", paragraph)):
                paragraph = paragraph[:m.start(1)] + str(int(m.group(1)) + 1) + paragraph[m.end(1):]
                counted = True
            elif counted and not yeared and f"{year}年" in paragraph:
                paragraph = paragraph.replace(f"{year}年", f"{year - 1}年", 1)
                yeared = True
            section.paragraphs[i] = paragraph
    return doc


def draft_docx(folder: Path, blank: dict[str, tuple[str, ...]] | None = None, suffix: str = "") -> dict[str, Path]:
    """The examples (with the cells ``blank``, by default ``BLANK_CELLS``, left blank) drafted by the template drafter
    (with :func:`with_mistakes`), rendered to .docx in ``folder`` (named ``<example><suffix>.docx``)."""
    from assistant.pipeline import draft_report
    from assistant.readers.inputfile import load_report
    from assistant.render.docx import render
    from assistant.resources import data_dir

    blank = BLANK_CELLS if blank is None else blank
    paths = {}
    for name in EXAMPLE_NAMES:
        report = load_report(data_dir("examples") / f"{name}.yaml")
        for cell in blank.get(name, ()):
            report.tables.set(cell, None)
        doc, _findings = draft_report(report)
        paths[name] = folder / f"{name}{suffix}.docx"
        render(with_mistakes(doc)).document.save(paths[name])
    return paths


# Tables as many published PDFs draw them (a table made without borders, or exported from WPS/Excel with light
# lines): the drafted .docx with its tables' borders changed, then converted to PDF by LibreOffice.
TABLE_LINES = {"无边框": "none", "仅外框": "outer", "浅灰细线": "grey"}
BLANKS_FORM = "无边框+多处空白"


def many_blank_cells(name: str) -> tuple[str, ...]:
    """Every seventh cell of the example's tables, from the fourth (about 28 a report; in the 2021 format the whole
    自然人 column of table 三). Not table 四's first cell: a row of a PDF (ruled or not) loses its leading blank cells,
    which stand for merged label cells, and table 四's only row has no label."""
    from assistant.readers.inputfile import load_report
    from assistant.resources import data_dir

    cells = load_report(data_dir("examples") / f"{name}.yaml").fmt.cell_paths()[3::7]
    return tuple(cell for cell in cells if cell != "t4.review.upheld")


def with_table_lines(source: Path, kind: str, target: Path) -> Path:
    """``source`` (.docx) saved as ``target`` with every table's borders removed (``none``), only the outer frame
    kept (``outer``) or drawn as thin light grey lines (``grey``)."""
    from docx import Document as WordFile
    from docx.oxml.ns import qn

    word = WordFile(str(source))
    for table in word.element.body.iter(qn("w:tbl")):
        for edge in table.find(qn("w:tblPr")).find(qn("w:tblBorders")):
            inside = edge.tag.endswith("}insideH") or edge.tag.endswith("}insideV")
            if kind == "none" or (kind == "outer" and inside):
                edge.set(qn("w:val"), "nil")
            elif kind == "grey":
                edge.set(qn("w:color"), "D9D9D9")
                edge.set(qn("w:sz"), "2")
    word.save(str(target))
    return target


def table_line_forms(folder: Path) -> dict[str, dict[str, Path]]:
    """For each example: its .docx (the reference), and the PDFs of :data:`TABLE_LINES` and of
    :data:`BLANKS_FORM` (tables without borders, :func:`many_blank_cells` blank, beside its own .docx under the
    key ``BLANKS_FORM + ".docx"``); one LibreOffice run for all."""
    from assistant.readers.office import convert

    docx = draft_docx(folder)
    blanks = draft_docx(folder, {name: many_blank_cells(name) for name in EXAMPLE_NAMES}, suffix="-多处空白")
    forms: dict[str, dict[str, Path]] = {name: {".docx": path, BLANKS_FORM + ".docx": blanks[name]}
                                         for name, path in docx.items()}
    sources: list[tuple[str, str, Path]] = []
    for name in EXAMPLE_NAMES:
        for form, kind in TABLE_LINES.items():
            sources.append((name, form, with_table_lines(docx[name], kind, folder / f"{name}-{kind}.docx")))
        sources.append((name, BLANKS_FORM, with_table_lines(blanks[name], "none", folder / f"{name}-blank-none.docx")))
    outputs = convert([path for _n, _f, path in sources], folder, "pdf", timeout=300)
    for (name, form, _path), out in zip(sources, outputs, strict=True):
        forms[name][form] = out
    return forms


def cells_read(reference: Document, doc: Document) -> tuple[int, int]:
    """How many of the reference's table cells ``doc`` has with the same value (blank as blank), of how many."""
    paths = reference.report.fmt.cell_paths()
    return sum(doc.report.tables.get(p) == reference.report.tables.get(p) for p in paths), len(paths)


def convert_all(docx: dict[str, Path], folder: Path) -> dict[str, dict[str, Path]]:
    """Every example in every form: one LibreOffice run per target format (all files at once)."""
    from assistant.readers.office import convert

    forms: dict[str, dict[str, Path]] = {name: {".docx": path} for name, path in docx.items()}
    for target in ("pdf", "doc", "html"):
        outputs = convert(list(docx.values()), folder, target, timeout=300)
        for name, out in zip(docx, outputs, strict=True):
            forms[name][f".{target}"] = out
    return forms


CHROMIUM_PDF = "网页打印的PDF"


def print_pages(forms: dict[str, dict[str, Path]], folder: Path) -> None:
    """Add each HTML form printed to PDF by Chromium (another producer than LibreOffice: its own fonts' look-alike
    characters, a running header with date and title, a footer with the address and "1/13"), when Chromium is
    installed."""
    import subprocess
    import tempfile

    program = shutil.which("chromium") or shutil.which("chromium-browser")
    if program is None:
        return
    with tempfile.TemporaryDirectory(prefix="nianbao-chromium-") as profile:
        for name, paths in forms.items():
            target = folder / f"{name}-chromium.pdf"
            subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                            f"--print-to-pdf={target}", paths[".html"].as_uri()],
                           capture_output=True, timeout=180, check=True)
            forms[name][CHROMIUM_PDF] = target


@contextmanager
def serve(forms: dict[str, dict[str, Path]]) -> Iterator[str]:
    """A loopback web server for the HTML forms (``GBK_PAGE`` re-encoded as GBK), the PDFs, and for each example a
    page ``/<name>-link.html`` that is only a link to its PDF (reached through a redirect). Yields the base address."""
    files: dict[str, tuple[bytes, str]] = {}
    for name, paths in forms.items():
        html = paths[".html"].read_text("utf-8")
        if name == GBK_PAGE:
            html = html.replace('charset=utf-8', 'charset=gb2312')
            # the charset only in the page's <meta>; what GBK cannot hold (word joiners) as character references
            files[f"/{name}.html"] = (html.encode("gbk", "xmlcharrefreplace"), "text/html")
        else:
            files[f"/{name}.html"] = (html.encode("utf-8"), "text/html; charset=utf-8")
        files[f"/files/{name}.pdf"] = (paths[".pdf"].read_bytes(), "application/pdf")
        link = (f'<html><head><meta charset="utf-8"><title>{name}</title></head><body><p>附件：'
                f'<a href="/go/{name}.pdf">{name}年度报告.pdf</a></p></body></html>')
        files[f"/{name}-link.html"] = (link.encode("utf-8"), "text/html; charset=utf-8")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            if self.path.startswith("/go/"):
                self.send_response(302)
                self.send_header("Location", "/files/" + self.path.removeprefix("/go/"))
                self.end_headers()
                return
            body, content_type = files.get(self.path, (b"", ""))
            self.send_response(200 if content_type else 404)
            self.send_header("Content-Type", content_type or "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def sources(forms: dict[str, dict[str, Path]], base: str) -> dict[str, dict[str, str]]:
    """What is read for each example and form: files (the .doc also under a .wps name), and for the web the served
    page and the linked PDF."""
    out: dict[str, dict[str, str]] = {}
    for name, paths in forms.items():
        out[name] = {form: str(path) for form, path in paths.items() if form not in (".html", CHROMIUM_PDF)}
        # WPS saves its .wps in the Word 97 format; LibreOffice tells the format by the content, not the name
        wps = paths[".doc"].with_suffix(".wps")
        shutil.copyfile(paths[".doc"], wps)
        out[name][".wps"] = str(wps)
        out[name]["网页"] = f"{base}/{name}.html"
        out[name]["网页→PDF附件"] = f"{base}/{name}-link.html"
        if CHROMIUM_PDF in paths:
            out[name][CHROMIUM_PDF] = str(paths[CHROMIUM_PDF])
    return out


def sections(doc: Document) -> list[tuple[str, str, list[str]]]:
    """Title, preamble, every section's key, heading and paragraphs, and the closing."""
    assert doc.draft is not None
    return ([("title", doc.draft.title, doc.draft.preamble)]
            + [(s.key, s.heading, s.paragraphs) for s in doc.draft.sections]
            + [("closing", "", doc.draft.closing)])


def finding_keys(findings: list[Finding]) -> list[tuple[Any, ...]]:
    """What a finding says, without where it was read from."""
    return sorted((f.rule, f.severity, f.status, f.message, str(f.expected), str(f.found), str(f.location))
                  for f in findings)


@dataclass
class Comparison:
    cells_equal: bool
    meta_equal: bool
    sections_equal: bool
    findings_equal: bool
    seconds: float


def compare(reference: Document, reference_findings: list[Finding], source: str) -> Comparison:
    """Read ``source`` and compare it with the reference (.docx) reading."""
    from assistant.pipeline import check_document
    from assistant.readers import load_document

    start = time.perf_counter()
    doc = load_document(source)
    seconds = time.perf_counter() - start
    return Comparison(
        cells_equal=doc.report.tables.model_dump() == reference.report.tables.model_dump(),
        meta_equal=doc.report.meta.model_dump() == reference.report.meta.model_dump(),
        sections_equal=sections(doc) == sections(reference) and doc.missing == reference.missing,
        findings_equal=finding_keys(check_document(doc)) == finding_keys(reference_findings),
        seconds=seconds,
    )


def main() -> None:
    import os
    import tempfile

    from assistant.pipeline import check_document
    from assistant.readers import load_document
    from assistant.readers.pdf import read_pdf

    os.environ["NIANBAO_ALLOW_PRIVATE_URLS"] = "1"  # the loopback server below
    with tempfile.TemporaryDirectory(prefix="nianbao-roundtrip-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        (folder / "表格线").mkdir()
        forms = convert_all(draft_docx(folder), folder)
        print(f"LibreOffice 转换（3 次调用，每次 {len(forms)} 个文件）：{time.perf_counter() - start:.1f} 秒\n")
        print_pages(forms, folder)
        print("| 示例 | 形式 | 表格单元格相同 | 机关/年度相同 | 各部分相同 | 校核结果相同（.docx 的结果条数） | 读取秒数 |")
        print("|---|---|---|---|---|---|---|")
        with serve(forms) as base:
            for name, reads in sources(forms, base).items():
                reference = load_document(reads[".docx"])
                reference_findings = check_document(reference)
                for form, source in reads.items():
                    c = compare(reference, reference_findings, source)
                    marks = ["是" if ok else "否" for ok in (c.cells_equal, c.meta_equal, c.sections_equal,
                                                            c.findings_equal)]
                    marks[-1] += f"（{len(reference_findings)}）"
                    print(f"| {name} | {form} | {' | '.join(marks)} | {c.seconds:.2f} |")
        print("\n表格没有表格线（或线条很浅）的 PDF：")
        print("| 示例 | 表格线 | 单元格相同 | 存疑的表 | 校核结果相同 | 每页毫秒 |")
        print("|---|---|---|---|---|---|")
        for name, paths in table_line_forms(folder / "表格线").items():
            for form in (*TABLE_LINES, BLANKS_FORM):
                reference = load_document(paths[BLANKS_FORM + ".docx"] if form == BLANKS_FORM else paths[".docx"])
                doc = load_document(paths[form])
                equal, total = cells_read(reference, doc)
                c = compare(reference, check_document(reference), str(paths[form]))
                per_page = ", ".join(f"{s * 1000:.0f}" for s in read_pdf(paths[form])["seconds"])
                print(f"| {name} | {form} | {equal}/{total} | {'、'.join(doc.uncertain) or '无'} | "
                      f"{'是' if c.findings_equal else '否'} | {per_page} |")
        print("\nPDF 每页读取时间（子进程内，不含启动）：")
        for name, paths in forms.items():
            for form in (".pdf", CHROMIUM_PDF):
                if form in paths:
                    result = read_pdf(paths[form])
                    per_page = ", ".join(f"{s * 1000:.0f}" for s in result["seconds"])
                    print(f"- {name}（{form}）：{result['pages']} 页，每页毫秒 {per_page}")


if __name__ == "__main__":
    main()
