"""Bounded zip packages: every member's size and ratio checked before and while inflating; XML parts scanned.

:func:`check_package` reads a .docx/.xlsx once, streaming (never more than a chunk in memory), and raises a Chinese
InputError naming the limit when a member is too large, inflates too much, or an XML part declares a DTD or entity
(entity bombs, XXE), holds an oversized comment or text node (quadratic paths in XML parsers), or has more
paragraphs, tables or cells than a report can. Only then do python-docx or openpyxl open the file.
:func:`extract_member` copies one member of an uploaded zip to disk under the same bounds.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from assistant.errors import InputError
from assistant.patterns import lazy_compile
from assistant.readers import limits
from assistant.readers.limits import mb

CHUNK = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD_RE = lazy_compile(rb"<!(?i:doctype|entity)")
_OPEN_RE = lazy_compile(rb"<!--|<!\[CDATA\[|<\?")
_CLOSE = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}
_COUNTED_RE = lazy_compile(rb"<(?:[A-Za-z_][\w.-]*:)?(p|tbl|tc|c|row)[\s/>]")
_COUNT_LABELS = {"p": ("段落", limits.MAX_PARAGRAPHS), "tbl": ("表格", limits.MAX_TABLES)}


def _too_big(name: str, what: str) -> InputError:
    return InputError(f"{name}：{what}；文件可能是恶意构造的或已损坏，未读取")


@dataclass
class _XmlScan:
    """Streaming checks of one XML part (state carried across chunks)."""

    part: str
    open_token: bytes | None = None  # the opener of a comment/CDATA/PI still open at the chunk's end
    token_bytes: int = 0
    text_run: int = 0  # bytes since the last "<"
    carry: bytes = b""
    counts: Counter[str] = field(default_factory=Counter)
    tags: int = 0

    def feed(self, chunk: bytes, name: str) -> None:
        if b"\x00" in chunk:
            raise _too_big(name, f"{self.part} 不是 UTF-8 编码的 XML（含空字节）")
        buffer = self.carry + chunk
        if _DTD_RE.search(buffer):
            raise _too_big(name, f"{self.part} 含有文档类型定义或实体声明（<!DOCTYPE>/<!ENTITY>），Office 文件不应有")
        self._tokens(buffer, name)
        self._text_runs(chunk, name)
        self.tags += chunk.count(b"<")
        self.counts.update(m.decode() for m in _COUNTED_RE.findall(buffer[len(self.carry):]))
        self.carry = buffer[-16:]

    def _tokens(self, buffer: bytes, name: str) -> None:
        pos, start = 0, len(self.carry)
        while True:
            if self.open_token is not None:
                close = _CLOSE[self.open_token]
                end = buffer.find(close, max(pos, start - len(close) + 1))
                if end < 0:
                    self.token_bytes += len(buffer) - max(pos, start)
                    self._check_token(name)
                    return
                self.token_bytes += end - max(pos, start)
                self._check_token(name)
                self.open_token, pos = None, end + len(close)
                continue
            match = _OPEN_RE.search(buffer, max(pos, start - 8))
            if match is None or match.end() <= start:  # none, or one already seen in the last chunk
                if match is None:
                    return
                pos = match.end()
                continue
            self.open_token, self.token_bytes, pos = match.group(), 0, match.end()

    def _check_token(self, name: str) -> None:
        if self.token_bytes > limits.MAX_XML_TOKEN_BYTES:
            kind = {b"<!--": "注释", b"<![CDATA[": "CDATA 段", b"<?": "处理指令"}[self.open_token or b"<!--"]
            raise _too_big(name, f"{self.part} 中的一段 XML {kind}超过 {limits.MAX_XML_TOKEN_BYTES // 1024} KB 的上限")

    def _text_runs(self, chunk: bytes, name: str) -> None:
        pieces = chunk.split(b"<")
        if len(pieces) == 1:
            self.text_run += len(chunk)
            longest = self.text_run
        else:
            longest = max(self.text_run + len(pieces[0]), max(map(len, pieces[1:-1]), default=0))
            self.text_run = len(pieces[-1])
            longest = max(longest, self.text_run)
        if longest > limits.MAX_XML_TEXT_BYTES:
            raise _too_big(name, f"{self.part} 中的一段文字或标记超过 {mb(limits.MAX_XML_TEXT_BYTES)} 的上限")


def _member_checks(info: zipfile.ZipInfo, name: str, total: int) -> None:
    """The checks on a member's declared sizes, before anything is inflated."""
    if info.flag_bits & 0x1:
        raise InputError(f"{name}：{info.filename} 已加密，无法读取")
    if info.file_size > limits.MAX_MEMBER_BYTES:
        raise _too_big(name, f"{info.filename} 解压后约 {-(-info.file_size // 2**20)} MB，超过单个文件 "
                             f"{mb(limits.MAX_MEMBER_BYTES)} 的上限")
    if info.file_size > limits.RATIO_FLOOR and info.file_size > limits.MAX_RATIO * max(info.compress_size, 1):
        raise _too_big(name, f"{info.filename} 的压缩比超过 {limits.MAX_RATIO} 倍的上限（压缩炸弹）")
    if total + info.file_size > limits.MAX_PACKAGE_BYTES:
        raise _too_big(name, f"解压后总大小超过 {mb(limits.MAX_PACKAGE_BYTES)} 的上限")


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, total: int, sink: IO[bytes] | None = None,
            scan: _XmlScan | None = None) -> int:
    """Inflate one member chunk by chunk (to ``sink`` when given), stopping at the first bound; its real size."""
    limit = limits.MAX_XML_PART_BYTES if scan is not None else limits.MAX_MEMBER_BYTES
    size = 0
    with archive.open(info) as member:
        while chunk := member.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise _too_big(name, f"{info.filename} 解压后超过 {mb(limit)} 的上限")
            if total + size > limits.MAX_PACKAGE_BYTES:
                raise _too_big(name, f"解压后总大小超过 {mb(limits.MAX_PACKAGE_BYTES)} 的上限")
            if size > limits.RATIO_FLOOR and size > limits.MAX_RATIO * max(info.compress_size, 1):
                raise _too_big(name, f"{info.filename} 的压缩比超过 {limits.MAX_RATIO} 倍的上限（压缩炸弹）")
            if scan is not None:
                scan.feed(chunk, name)
            if sink is not None:
                sink.write(chunk)
    return size


def _open_zip(path: Path, name: str, kind: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        broken = {"工作簿": "无法作为 Excel 工作簿（.xlsx）打开（文件已损坏或不是 .xlsx 格式）",
                  "Word 文件": "Word 文件已损坏或不是 .docx 格式"}
        raise InputError(f"{name}：{broken.get(kind, kind + '已损坏或不是 zip 格式的文件')}") from exc


def _infos(archive: zipfile.ZipFile, name: str, max_members: int) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > max_members:
        raise _too_big(name, f"包含 {len(infos)} 个文件，超过 {max_members} 个的上限")
    return infos


def check_package(path: Path, name: str, kind: str) -> None:
    """Check a .docx/.xlsx package under the bounds of :mod:`limits`; InputError (Chinese, naming the limit)."""
    counts: Counter[str] = Counter()
    tags = 0
    total = 0
    with _open_zip(path, name, kind) as archive:
        for info in _infos(archive, name, limits.MAX_MEMBERS):
            if info.is_dir():
                continue
            _member_checks(info, name, total)
            scan = _XmlScan(info.filename) if info.filename.lower().endswith(XML_SUFFIXES) else None
            try:
                total += _stream(archive, info, name, total, scan=scan)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise InputError(f"{name}：{kind}中的 {info.filename} 已损坏，无法解压") from exc
            if scan is not None:
                counts += scan.counts
                tags += scan.tags
                if tags > limits.MAX_XML_TAGS:
                    raise _too_big(name, f"XML 标记超过 {limits.MAX_XML_TAGS:,} 个的上限")
    for key, (label, limit) in _COUNT_LABELS.items():
        if counts[key] > limit:
            raise _too_big(name, f"{label}超过 {limit:,} 个的上限")
    if counts["tc"] + counts["c"] > limits.MAX_CELLS:
        raise _too_big(name, f"单元格超过 {limits.MAX_CELLS:,} 个的上限")


def extract_members(path: Path, name: str, wanted: tuple[str, ...], max_members: int,
                    target: Callable[[str], Path]) -> list[Path]:
    """Copy the members of an uploaded zip whose suffix is in ``wanted`` to ``target(base name)``, each under the
    bounds (declared size and ratio first, then the real inflated size); a member past a bound is removed again."""
    written: list[Path] = []
    total = 0
    with _open_zip(path, name, "压缩包") as archive:
        for info in _infos(archive, name, max_members):
            base = Path(info.filename.replace("\\", "/")).name
            if info.is_dir() or not base.lower().endswith(wanted) or base.startswith("."):
                continue
            _member_checks(info, name, total)
            out = target(base)
            try:
                with out.open("xb") as sink:
                    total += _stream(archive, info, name, total, sink=sink)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
                out.unlink(missing_ok=True)
                raise InputError(f"{name}：压缩包中的 {base} 已损坏，无法解压") from exc
            except InputError:
                out.unlink(missing_ok=True)
                raise
            written.append(out)
    return written
