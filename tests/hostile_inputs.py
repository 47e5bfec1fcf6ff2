"""Hostile inputs, generated on the spot (nothing stored): zip bombs, entity bombs, XXE, alias bombs, deep nesting.

A bomb member is written without ever holding its inflated bytes: one block of deflate output ending in a full flush
does not refer to earlier data, so the same compressed block repeated N times inflates to the chunk repeated N times.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass
class Repeated:
    """A member's content: ``head`` + ``chunk`` × ``times`` + ``tail`` (inflated size never held in memory)."""

    head: bytes
    chunk: bytes
    times: int
    tail: bytes = b""
    declared_size: int | None = None  # what the zip headers claim (a lie when set)

    @property
    def size(self) -> int:
        return len(self.head) + len(self.chunk) * self.times + len(self.tail)


def _deflated(content: bytes | Repeated) -> tuple[bytes, int, int, int]:
    """(raw deflate stream, crc32, real size, declared size)."""
    if isinstance(content, bytes):
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        return c.compress(content) + c.flush(), zlib.crc32(content), len(content), len(content)
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(content.head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(content.chunk) + c.flush(zlib.Z_FULL_FLUSH)
    again = c.compress(content.chunk) + c.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "a full-flushed block must repeat exactly"
    tail = c.compress(content.tail) + c.flush(zlib.Z_FINISH)
    crc = zlib.crc32(content.head)
    for _ in range(content.times):
        crc = zlib.crc32(content.chunk, crc)
    crc = zlib.crc32(content.tail, crc)
    data = head + block * content.times + tail
    declared = content.size if content.declared_size is None else content.declared_size
    return data, crc, content.size, declared


def write_zip(path: Path, members: dict[str, bytes | Repeated]) -> Path:
    """A zip (deflate, no zip64) of the members, written by hand so that huge members cost only their deflate."""
    out = io.BytesIO()
    central = []
    for name, content in members.items():
        data, crc, _size, declared = _deflated(content)
        raw_name = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, crc, len(data),
                              declared & 0xFFFFFFFF, len(raw_name), 0))
        out.write(raw_name)
        out.write(data)
        central.append(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21, crc, len(data),
                                   declared & 0xFFFFFFFF, len(raw_name), 0, 0, 0, 0, 0o644 << 16, offset)
                       + raw_name)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), out.tell() - start,
                          start, 0))
    path.write_bytes(out.getvalue())
    return path


# --------------------------------------------------------------------------------------------------------------
# Real packages to start from


def docx_members() -> dict[str, bytes]:
    """The parts of a real (empty, python-docx made) Word document with one table."""
    import docx

    document = docx.Document()
    document.add_paragraph("竹亭镇2020年政府信息公开工作年度报告")
    document.add_table(rows=2, cols=2)
    buffer = io.BytesIO()
    document.save(buffer)
    return _members(buffer.getvalue())


def xlsx_members() -> dict[str, bytes]:
    """The parts of a real workbook (openpyxl made) with a few cells and a shared string."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["机关名称", "竹亭镇人民政府"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return _members(buffer.getvalue())


def _members(raw: bytes) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(raw)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def xml_split(part: bytes) -> tuple[bytes, bytes, bytes]:
    """(XML declaration, body up to the root's closing tag, closing tag) of a part."""
    decl_end = part.index(b"?>") + 2 if part.startswith(b"<?xml") else 0
    close = part.rindex(b"</")
    return part[:decl_end], part[decl_end:close], part[close:]


ENTITY_BOMB = (b'<!DOCTYPE r [<!ENTITY a0 "lollollollollollollollollollol">'
               + b"".join(b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10)) + b"]>")
XXE = b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_doctype(part: bytes, doctype: bytes, reference: bytes) -> bytes:
    decl, body, close = xml_split(part)
    return decl + doctype + body + reference + close


def entity_part(part: bytes, kind: str) -> bytes:
    """The part with a billion-laughs ('bomb') or an external entity ('xxe') declared and referenced."""
    if kind == "bomb":
        return with_doctype(part, ENTITY_BOMB, b"&a9;")
    return with_doctype(part, XXE, b"&xxe;")


def bomb_part(part: bytes, size: int, filler: bytes = b" ") -> Repeated:
    """The part with ``size`` bytes of ``filler`` before its closing tag (a zip bomb that is valid XML)."""
    decl, body, close = xml_split(part)
    chunk = filler * max(1, MiB // len(filler))
    return Repeated(decl + body, chunk, size // len(chunk), close)


def comment_part(part: bytes, size: int) -> Repeated:
    """The part with one XML comment of ``size`` bytes after its declaration."""
    decl, body, close = xml_split(part)
    return Repeated(decl + b"<!-- ", b"x" * MiB, size // MiB, b" -->" + body + close)


PARAGRAPH = "<w:p><w:r><w:t>本年度通过政府网站主动公开政府信息一百二十条，其中规章三件。</w:t></w:r></w:p>".encode()


def docx_many_paragraphs(path: Path, size: int) -> Path:
    """A docx with ``size`` bytes of real paragraphs (the 860 KB / 300 MiB case)."""
    members = docx_members()
    decl, body, close = xml_split(members["word/document.xml"])
    body_open = body.index(b"<w:body>") + len(b"<w:body>")
    chunk = PARAGRAPH * (MiB // len(PARAGRAPH))
    members["word/document.xml"] = Repeated(decl + body[:body_open], chunk, size // len(chunk),  # type: ignore
                                            body[body_open:] + close)
    return write_zip(path, members)  # type: ignore[arg-type]


def docx_many_tables(path: Path, tables: int) -> Path:
    members = docx_members()
    decl, body, close = xml_split(members["word/document.xml"])
    body_open = body.index(b"<w:body>") + len(b"<w:body>")
    table = b"<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    per_chunk = 10_000
    members["word/document.xml"] = Repeated(decl + body[:body_open], table * per_chunk,  # type: ignore
                                            max(1, tables // per_chunk), body[body_open:] + close)
    return write_zip(path, members)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------------------------
# YAML and JSON

VALID_YAML = """meta:
  organ_name: 竹亭镇人民政府
  organ_kind: 乡镇
  year: 2020
"""


def yaml_alias_bomb(path: Path) -> Path:
    """Legal YAML, no nesting: one 100 KB string and 10,000 aliases of it (1 GB once expanded)."""
    lines = [VALID_YAML, "notes:", "  other:", "    - &long " + "长" * 100_000]
    lines += ["    - *long"] * 10_000
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def yaml_laughs(path: Path) -> Path:
    """The YAML billion laughs: nine levels of lists of aliases."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def deep_yaml(path: Path, depth: int = 100_000) -> Path:
    path.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    return path


def deep_json(path: Path, depth: int = 100_000) -> Path:
    path.write_text('{"meta": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    return path


REAL_REPORT = Path(__file__).parent / "fixtures" / "corpus" / "000_zhuting_2020.txt"


def with_paragraphs(heading: str, count: int) -> str:
    """竹亭镇's real 2020 report with ``count`` short paragraphs added after ``heading`` (\"\": to the opening)."""
    lines = [line for line in REAL_REPORT.read_text(encoding="utf-8").splitlines() if not line.startswith("# ")]
    at = lines.index(heading) + 1 if heading else lines.index("一、总体情况")
    added = [f"（{k}）本段说明第{k}项工作的推进情况。" for k in range(1, count + 1)]
    return "\n".join(lines[:at] + added + lines[at:]) + "\n"


def huge_int_yaml(path: Path, digits: int = 5000) -> Path:
    path.write_text(VALID_YAML.replace("2020", "2" * digits), encoding="utf-8")
    return path


def huge_int_json(path: Path, digits: int = 5000) -> Path:
    path.write_text('{"meta": {"organ_name": "竹亭镇人民政府", "organ_kind": "乡镇", "year": ' + "2" * digits + "}}",
                    encoding="utf-8")
    return path


def huge_html_table(path: Path, cells: int = 1_000_000) -> Path:
    """An HTML report that is one table of ``cells`` cells (about 15 MB)."""
    row = "<tr>" + "<td>1</td>" * 100 + "</tr>"
    path.write_text("<html><body><p>一、总体情况</p><table>" + row * (cells // 100) + "</table></body></html>",
                    encoding="utf-8")
    return path


def docx_with_body(path: Path, body: bytes) -> Path:
    """A real docx whose body is ``body`` (plain bytes: compresses like real text)."""
    members = docx_members()
    decl, rest, close = xml_split(members["word/document.xml"])
    body_open = rest.index(b"<w:body>") + len(b"<w:body>")
    members["word/document.xml"] = decl + rest[:body_open] + body + rest[body_open:] + close
    return write_zip(path, members)  # type: ignore[arg-type]


def numbered_paragraphs(count: int) -> bytes:
    return b"".join(f"<w:p><w:r><w:t>第{i}段：本年度主动公开政府信息{i * 7 % 1000}条。</w:t></w:r></w:p>".encode()
                    for i in range(count))


def numbered_tables(count: int) -> bytes:
    return b"".join(f"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".encode()
                    for i in range(count))


def vmerge_table(rows: int, cols: int = 4) -> bytes:
    """One table whose every column is a single vertical merge ``rows`` tall (python-docx's row.cells is quadratic)."""
    first = "<w:tr>" + '<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>' * cols
    cont = "<w:tr>" + "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>" * cols + "</w:tr>"
    return ("<w:tbl><w:tblGrid>" + "<w:gridCol/>" * cols + "</w:tblGrid>" + first + "</w:tr>" + cont * (rows - 1)
            + "</w:tbl>").encode()


def random_comment(size: int) -> bytes:
    """An XML comment of ``size`` bytes that compresses like text (not a zip bomb: the comment is the attack)."""
    import random

    rng = random.Random(18)
    return b"<!-- " + bytes(rng.choice(b"abcdefghijklmnopqrstuvwxyz ") for _ in range(size)) + b" -->"


# --------------------------------------------------------------------------------------------------------------
# Running a command and measuring it


@dataclass
class Measured:
    exit: int | None  # None: killed at the time limit
    stdout: str
    stderr: str
    peak_mb: float  # the child's own peak resident memory (wait4's ru_maxrss)
    seconds: float


# A small launcher: runs the command as its own child and reports that child's peak memory
# (getrusage(RUSAGE_CHILDREN)). Measuring from the test process itself would count the test process's own memory,
# which a forked child carries until it execs.
_LAUNCHER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
with open(sys.argv[1], "w") as out:
    out.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_measured(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 120,
                 memory_cap: int | None = None) -> Measured:
    """Run ``argv`` as a child and measure its peak resident memory (its descendants included) through a launcher.
    ``memory_cap`` bytes (address space) and ``timeout`` only guard the machine when measuring the old code."""
    import os
    import resource
    import signal
    import subprocess
    import sys
    import time

    def limit() -> None:
        if memory_cap:
            resource.setrlimit(resource.RLIMIT_AS, (memory_cap, memory_cap))

    started = time.perf_counter()
    out_path, err_path, rss_path = cwd / ".stdout", cwd / ".stderr", cwd / ".maxrss"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(rss_path), *argv], cwd=cwd, env=env,
                                stdout=out, stderr=err, start_new_session=True,
                                preexec_fn=limit if memory_cap else None)  # noqa: PLW1509
        try:
            code: int | None = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = None
    seconds = time.perf_counter() - started
    stdout = out_path.read_text("utf-8", "replace")
    stderr = err_path.read_text("utf-8", "replace")
    peak_kb = int(rss_path.read_text()) if rss_path.exists() else 0
    for path in (out_path, err_path, rss_path):
        path.unlink(missing_ok=True)
    if code is not None and code < 0:
        code = None  # killed (out of memory under the cap)
    return Measured(code, stdout, stderr, peak_kb / 1024, seconds)


def cli(*args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "assistant.cli", *args]


# --------------------------------------------------------------------------------------------------------------
# The cases: (id, what it is, build(folder) -> argv, the words the message must contain)


def _docx(folder: Path, name: str, change: dict[str, bytes | Repeated]) -> Path:
    return write_zip(folder / name, {**docx_members(), **change})


def _xlsx(folder: Path, name: str, change: dict[str, bytes | Repeated]) -> Path:
    return write_zip(folder / name, {**xlsx_members(), **change})


def _check(path: Path) -> list[str]:
    return cli("check", path.name)


def _validate(path: Path) -> list[str]:
    return cli("validate", path.name)


def _text(folder: Path, name: str, text: str) -> Path:
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def _batch_folder(folder: Path, files: dict[str, str]) -> list[str]:
    inputs = folder / "inputs"
    inputs.mkdir()
    for name, text in files.items():
        (inputs / name).write_text(text, encoding="utf-8")
    return cli("batch", "inputs", "-o", "out")


def _doc_part(name: str) -> bytes:
    return docx_members()[name]


def _xl_part(name: str) -> bytes:
    return xlsx_members()[name]


def _docx_entity(part: str, kind: str, folder: Path) -> list[str]:
    return _check(_docx(folder, "a.docx", {part: entity_part(_doc_part(part), kind)}))


def _xlsx_entity(part: str, kind: str, folder: Path) -> list[str]:
    return _validate(_xlsx(folder, "a.xlsx", {part: entity_part(_xl_part(part), kind)}))


def _organ_named(escaped: str, folder: Path) -> list[str]:
    """validate a YAML whose organ name is ``escaped`` (a YAML double-quoted string)."""
    return _validate(_text(folder, "a.yaml", VALID_YAML.replace("竹亭镇人民政府", f'"{escaped}"')))


CASES: list[tuple[str, str, object, str]] = [
    ("docx-bomb-1g", "1 MB .docx, document.xml → 1 GiB",
     lambda d: _check(_docx(d, "a.docx", {"word/document.xml": bomb_part(_doc_part("word/document.xml"), GiB)})),
     "上限"),
    ("docx-paragraphs-300m", "1 MB .docx, 300 MiB of real paragraphs",
     lambda d: _check(docx_many_paragraphs(d / "a.docx", 300 * MiB)), "上限"),
    ("docx-size-lie", ".docx whose headers understate document.xml (1 GiB)",
     lambda d: _check(_docx(d, "a.docx", {"word/document.xml": _understated(bomb_part(
         _doc_part("word/document.xml"), GiB))})), "损坏"),
    ("docx-image-bomb", ".docx, media/image1.png → 1 GiB",
     lambda d: _check(_docx(d, "a.docx", {"word/media/image1.png": Repeated(b"\x89PNG", b"\0" * MiB, 1024)})),
     "上限"),
    ("docx-25k-paragraphs", ".docx with 25,000 paragraphs (177 KB)",
     lambda d: _check(docx_with_body(d / "a.docx", numbered_paragraphs(25_000))), "段落超过"),
    ("docx-1500-tables", ".docx with 1,500 tables",
     lambda d: _check(docx_with_body(d / "a.docx", numbered_tables(1_500))), "表格超过"),
    ("docx-vmerge-4000-rows", ".docx, one table 4,000 rows tall, every column one vertical merge",
     lambda d: _check(docx_with_body(d / "a.docx", vmerge_table(4_000))), "a.docx"),
    ("docx-long-comment", ".docx, a 100 KB XML comment",
     lambda d: _check(docx_with_body(d / "a.docx", random_comment(100_000))), "注释超过"),
    *[(f"docx-{kind}-{part}", f".docx, {'entity bomb' if kind == 'bomb' else 'XXE'} in {part}",
       partial(_docx_entity, part, kind), "实体声明")
      for part in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml",
                   "word/styles.xml", "word/numbering.xml", "word/settings.xml", "docProps/core.xml")
      for kind in ("bomb", "xxe")],
    ("xlsx-workbook-1g", "1 MB .xlsx, workbook.xml → 1 GiB",
     lambda d: _validate(_xlsx(d, "a.xlsx", {"xl/workbook.xml": bomb_part(_xl_part("xl/workbook.xml"), GiB)})),
     "上限"),
    ("xlsx-sheet-1g", ".xlsx, sheet1.xml → 1 GiB",
     lambda d: _validate(_xlsx(d, "a.xlsx", {"xl/worksheets/sheet1.xml": bomb_part(
         _xl_part("xl/worksheets/sheet1.xml"), GiB)})), "上限"),
    ("xlsx-comment-79k", "79 KB .xlsx, a 64 MiB comment in a sheet",
     lambda d: _validate(_xlsx(d, "a.xlsx", {"xl/worksheets/sheet1.xml": comment_part(
         _xl_part("xl/worksheets/sheet1.xml"), 64 * MiB)})), "上限"),
    ("xlsx-comment-100k", ".xlsx, a 100 KB comment (compresses like text)",
     lambda d: _validate(_xlsx(d, "a.xlsx", {"xl/worksheets/sheet1.xml": with_doctype(
         _xl_part("xl/worksheets/sheet1.xml"), random_comment(100_000), b"")})), "注释超过"),
    *[(f"xlsx-{kind}-{part}", f".xlsx, {'entity bomb' if kind == 'bomb' else 'XXE'} in {part}",
       partial(_xlsx_entity, part, kind), "实体声明")
      for part in ("[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/workbook.xml",
                   "xl/worksheets/sheet1.xml", "xl/styles.xml", "docProps/app.xml")
      for kind in ("bomb", "xxe")],
    ("yaml-alias-1.3m", "1 MB YAML: 10,000 aliases of one 100 KB string", lambda d: _validate(
        yaml_alias_bomb(d / "a.yaml")), "别名"),
    ("yaml-alias-draft", "the same YAML, drafted (nianbao draft)", lambda d: cli(
        "draft", yaml_alias_bomb(d / "a.yaml").name, "-o", "out"), "别名"),
    ("yaml-laughs", "YAML billion laughs", lambda d: _validate(yaml_laughs(d / "a.yaml")), "别名"),
    ("yaml-deep", "YAML nested 100,000 deep", lambda d: _validate(deep_yaml(d / "a.yaml")), "嵌套超过"),
    ("json-deep", "JSON nested 100,000 deep", lambda d: _validate(deep_json(d / "a.json")), "嵌套超过"),
    ("yaml-int-5000", "YAML integer of 5,000 digits", lambda d: _validate(huge_int_yaml(d / "a.yaml")), "4300 位"),
    ("json-int-5000", "JSON integer of 5,000 digits", lambda d: _validate(huge_int_json(d / "a.json")), "4300 位"),
    ("yaml-count-4300", "YAML count of exactly 4,300 digits (Python still parses it)", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + "tables:\n  t3:\n    new_received:\n      natural_person: " + "9" * 4300 + "\n")),
     "表格·表三 收到和处理政府信息公开申请情况·一、本年新收政府信息公开申请数量·自然人：超出允许范围（不超过 1000000000），实为 一个 4300 位的数"),
    ("yaml-amount-1e20", "YAML fee of 10^20 yuan", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + "other_figures:\n  processing_fee_yuan: " + "1" + "0" * 20 + "\n")),
     "其他数字·本年收取信息处理费（元）：超出允许范围（不超过 1000000000000）"),
    ("yaml-total-over-cap", "YAML counts each within the cap whose computed total is not", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + "tables:\n  t3:\n    new_received:\n      natural_person: 900000000\n"
        "      commercial_enterprise: 900000000\n")), "表格·表三 收到和处理政府信息公开申请情况·一、本年新收政府信息公开申请数量·总计：各项相加为 1800000000，超出允许范围"),
    ("txt-section-5200", "a real report with 5,200 more paragraphs in 一、总体情况", lambda d: _check(_text(
        d, "a.txt", with_paragraphs("一、总体情况", 5_200))), "a.txt：“一、总体情况”部分有 5208 段，超过 5000 段的上限"),
    ("txt-opening-5200", "a real report with 5,200 more opening paragraphs", lambda d: _check(_text(
        d, "a.txt", with_paragraphs("", 5_200))), "a.txt：开头部分有 5201 段，超过 5000 段的上限"),
    ("yaml-syntax", "YAML syntax error", lambda d: _validate(_text(d, "a.yaml", VALID_YAML + "notes: [a, b\n")),
     "行第"),
    ("json-syntax", "JSON syntax error", lambda d: _validate(_text(d, "a.json", '{"meta": {"year": 2020,}}')),
     "第 1 行第 24 列"),
    ("organ-control-char", "organ name with \\x01 (YAML escape)", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML.replace("竹亭镇人民政府", '"竹亭镇\\x01人民政府"'))), "控制字符"),
    ("note-raw-nul-yaml", "a raw NUL character inside a YAML note (not an escape)", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + 'notes:\n  other: ["见附件\x00"]\n')), "YAML 格式错误，第"),
    ("organ-nul-json", "organ name with NUL (JSON escape)", lambda d: _validate(_text(
        d, "a.json", '{"meta": {"organ_name": "竹亭镇\\u0000", "organ_kind": "乡镇", "year": 2020}}')), "控制字符"),
    *[(f"organ-{label}", f"organ name with {label}", partial(_organ_named, escaped), words)
      for label, escaped, words in (
          ("U+202E", "竹亭镇\\u202e府政民人", "文字方向控制符"),
          ("U+200B", "竹亭镇\\u200b人民政府", "基本信息·机关名称：机关名称不能含不可见的格式字符 U+200B"),
          ("U+FEFF", "\\ufeff竹亭镇人民政府", "基本信息·机关名称：机关名称不能含不可见的格式字符 U+FEFF"),
          ("U+2028", "竹亭镇\\u2028人民政府", "基本信息·机关名称：机关名称不能含换行或制表符，应为一行文字"),
          ("newline", "竹亭镇\\n人民政府", "基本信息·机关名称：机关名称不能含换行或制表符，应为一行文字"),
      )],
    ("contact-newline", "contact phone with a newline", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + '  contact: {phone: "0795\\n3648348"}\n')),
     "基本信息·联系方式·电话：电话不能含换行或制表符"),
    ("notes-bidi", "a note with U+202E", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + 'notes:\n  other: ["见附件\\u202efdp.exe"]\n')), "简要情况·其他事项·第1条：含有控制字符"),
    ("notes-100", "100 notes in one aspect", lambda d: _validate(_text(
        d, "a.yaml", VALID_YAML + "notes:\n  proactive:\n" + "".join(f"    - 第{i}条\n" for i in range(100)))),
     "最多 50 项"),
    ("html-1m-cells", "HTML report, one table of 1,000,000 cells", lambda d: _check(huge_html_table(d / "a.html")),
     "上限"),
    ("txt-nul", "text report full of NUL bytes", lambda d: _check(_nul_text(d / "a.txt")), "a.txt"),
]


def _nul_text(path: Path) -> Path:
    path.write_bytes("一、总体情况\n".encode() + b"\0" * 5_000_000)
    return path


def _understated(member: Repeated) -> Repeated:
    member.declared_size = 5_000
    return member


def run_case(build: object, folder: Path, env: dict[str, str], **guards: object) -> Measured:
    """Build a case in ``folder`` (empty) and run it there with ``TMPDIR`` inside ``folder/tmp``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tmp").mkdir()
    argv = build(folder)  # type: ignore[operator]
    return run_measured(argv, folder, {**env, "TMPDIR": str(folder / "tmp")}, **guards)  # type: ignore[arg-type]


def main() -> None:
    """Print the table of hostile inputs × (exit, message, peak memory, time) for the code on PYTHONPATH.

    ``python -m tests.hostile_inputs [case …]``; the old code is measured with a 3 GB address-space cap and a 120 s
    limit so that it cannot take the machine down (a capped run shows "≥ cap" / "killed").
    """
    import os
    import sys
    import tempfile

    wanted = sys.argv[1:]
    print("| case | exit | message (first line) | peak MB | s |")
    print("|---|---|---|---|---|")
    for case_id, _what, build, _words in CASES:
        if wanted and case_id not in wanted:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            m = run_case(build, Path(tmp) / "case", dict(os.environ), timeout=120, memory_cap=3 * 1024 ** 3)
        lines = [ln for ln in (m.stderr + m.stdout).splitlines() if ln.strip()]
        traceback = any(ln.startswith("Traceback") for ln in lines)
        first = lines[-1] if traceback and lines else (lines[0] if lines else "")
        first = ("TRACEBACK: " if traceback else "") + first[:110].replace("|", "\\|")
        print(f"| {case_id} | {'killed' if m.exit is None else m.exit} | {first} | {m.peak_mb:.0f} | {m.seconds:.1f} |",
              flush=True)


if __name__ == "__main__":
    main()
