"""Old Word (.doc) and WPS (.wps) reports -> lines: converted to .docx by LibreOffice (headless), then read as Word.

The conversion runs in a temporary folder (removed afterwards, with LibreOffice's own profile in it so that
concurrent conversions do not share one), in a new process group that is killed whole on timeout. Without
LibreOffice the message says how to save the file as .docx instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from assistant.errors import InputError
from assistant.readers import limits
from assistant.readers.existing import check_file

NO_LIBREOFFICE = ("读取 .doc/.wps 文件需要 LibreOffice，本机未安装。请用 Word 或 WPS 打开该文件，"
                  "“另存为”Word 文档（.docx）后再读取；或安装 LibreOffice（如 apt-get install libreoffice-writer）")


def soffice() -> str | None:
    """The LibreOffice program (``NIANBAO_SOFFICE``, else ``soffice`` or ``libreoffice`` on PATH)."""
    configured = os.environ.get("NIANBAO_SOFFICE")
    if configured:
        return shutil.which(configured)
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(sources: list[Path], outdir: Path, target: str, timeout: float | None = None) -> list[Path]:
    """Convert many files with one LibreOffice run (``target`` e.g. "docx", "pdf", "doc"); returns the outputs in
    the order of ``sources``. InputError when LibreOffice is missing, times out or writes nothing."""
    program = soffice()
    if program is None:
        raise InputError(NO_LIBREOFFICE)
    timeout = limits.CONVERT_SECONDS if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="nianbao-lo-profile-") as profile:
        command = [program, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                   "--nologo", "--convert-to", target, "--outdir", str(outdir), *map(str, sources)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise InputError(f"LibreOffice 转换超过 {timeout:.0f} 秒，已停止") from exc
    outputs = [outdir / f"{source.stem}.{target.split(':')[0]}" for source in sources]
    return outputs


def office_lines(path: Path) -> list[str]:
    """The lines of a .doc/.wps report, through a .docx made by LibreOffice."""
    raw = check_file(path)
    if raw.startswith(b"PK\x03\x04"):  # a .docx under an old name
        from assistant.readers.docx import docx_lines

        return docx_lines(path)
    if raw.startswith(b"%PDF"):
        raise InputError(f"{path}：实为 PDF 文件，请把后缀改为 .pdf 后再读取")
    if raw.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] == b"<":  # a web page named .doc (as some sites export reports)
        from assistant.readers.html import lines_of_html
        from assistant.readers.text import decode

        return lines_of_html(decode(raw, str(path)), str(path))
    # Word and WPS files are OLE compound files; Word also saves RTF under .doc
    if not raw.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")):
        from assistant.readers.docx import _sniff

        raise InputError(f"{path}：不是 Word（.doc）或 WPS（.wps）文档{_sniff(raw)}；请用 Word 或 WPS 打开后另存为 .docx 再读取")
    with tempfile.TemporaryDirectory(prefix="nianbao-doc-") as folder:
        source = Path(folder) / f"report{path.suffix.lower()}"  # a plain name: LibreOffice's names are its own
        source.write_bytes(raw)
        try:
            [converted] = convert([source], Path(folder) / "out", "docx")
        except InputError as exc:
            raise InputError(f"{path}：{exc}") from exc
        if not converted.exists():
            raise InputError(f"{path}：LibreOffice 无法转换该文件（文件可能已损坏或不是 Word/WPS 文档）。"
                             "请用 Word 或 WPS 打开后另存为 .docx 再读取")
        from assistant.readers.docx import docx_lines

        try:
            return docx_lines(converted)
        except InputError as exc:
            raise InputError(str(exc).replace(str(converted), str(path))) from exc
