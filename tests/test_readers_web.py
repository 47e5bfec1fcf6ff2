"""Reports at a web address, served by a loopback server in the test: charsets, an attachment behind a link, and the
limits (private addresses, schemes, redirects, size, time), each refused with its Chinese message."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import InputError
from assistant.model import Document
from assistant.readers import limits, load_document, web
from assistant.readers.inputfile import load_report
from assistant.render.docx import docx_bytes, render
from assistant.ui import handlers
from assistant.ui.workspace import Workspace
from tests.conftest import EXAMPLES
from tests.report_builders import build_html

SAMPLE = load_report(EXAMPLES / "sample-town-2024.yaml")
PAGE = build_html(SAMPLE)
NO_META = PAGE.replace("<meta charset='utf-8'>", "")
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/utf8.html": (200, {"Content-Type": "text/html; charset=utf-8"}, PAGE.encode("utf-8")),
    "/gbk-header.html": (200, {"Content-Type": "text/html; charset=GBK"}, NO_META.encode("gbk")),
    "/gbk-undeclared.html": (200, {"Content-Type": "text/html"}, NO_META.encode("gbk")),
    "/attachment.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                         "<html><body><p>青石镇2024年政府信息公开工作年度报告</p><p>附件："
                         "<a href='/files/report.docx'>青石镇2024年年度报告.docx</a></p></body></html>".encode()),
    "/files/report.docx": (200, {"Content-Type": "application/octet-stream"},
                           docx_bytes(render(Document(report=SAMPLE)).document)),
    "/several.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                      "<html><body><p>青石镇2024年政府信息公开工作年度报告</p><p>附件："
                      "<a href='/files/report.docx'>青石镇2024年年度报告.docx</a>"
                      "<a href='/files/other.pdf'>2024年年度报告（修订版）.pdf</a>"
                      "<a href='files/policy.pdf'>政策解读.pdf</a></p></body></html>".encode()),
    "/report-among-others.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                                  "<html><body><p>附件：<a href='/files/policy.pdf'>政策解读.pdf</a>"
                                  "<a href='/files/report.docx'>青石镇2024年年度报告.docx</a></p></body></html>".encode()),
    "/broken-server.html": (500, {"Content-Type": "text/html"}, b"internal error"),
    "/news.html": (200, {"Content-Type": "text/html; charset=utf-8"},
                   "<html><body><p>今日新闻：镇里召开会议。</p></body></html>".encode()),
    "/moved": (302, {"Location": "/utf8.html"}, b""),
    "/to-ftp": (302, {"Location": "ftp://127.0.0.1/report.pdf"}, b""),
    "/big.html": (200, {"Content-Type": "text/html"}, b"<html>" + b" " * (3 << 20)),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        if self.path.startswith("/loop/"):  # an endless chain of redirects
            self.send_response(302)
            self.send_header("Location", f"/loop/{int(self.path.rsplit('/', 1)[1]) + 1}")
            self.end_headers()
            return
        if self.path == "/slow.html":
            time.sleep(3)
        if self.path == "/chunked-big.html":  # no Content-Length: the size is found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(3):
                self.wfile.write(b" " * (1 << 20))
            return
        status, headers, body = ROUTES.get(self.path, (404, {}, b"not found"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(web.ALLOW_PRIVATE_ENV, "1")


def _cells_differ(doc: Document) -> list[str]:
    return [p for p in SAMPLE.fmt.cell_paths() if SAMPLE.tables.get(p) != doc.report.tables.get(p)]


@pytest.mark.parametrize("page", ["/utf8.html", "/gbk-header.html", "/gbk-undeclared.html", "/moved"])
def test_pages_in_any_charset_are_read(server: str, allowed: None, page: str) -> None:
    doc = load_document(server + page)
    assert doc.source == server + page
    assert (doc.report.meta.organ_name, doc.report.meta.year) == ("示范县青石镇人民政府", 2024)
    assert _cells_differ(doc) == []
    assert doc.draft is not None and doc.draft.title == "示范县青石镇人民政府2024年政府信息公开工作年度报告"


def test_a_page_that_only_links_to_the_report_is_followed_to_the_attachment(server: str, allowed: None) -> None:
    doc = load_document(server + "/attachment.html")
    assert doc.source == f"{server}/attachment.html（附件 {server}/files/report.docx）"
    assert _cells_differ(doc) == []


def test_a_page_without_a_report_or_an_attachment(server: str, allowed: None) -> None:
    with pytest.raises(InputError) as caught:
        load_document(server + "/news.html")
    assert str(caught.value) == (f"{server}/news.html：网页中未找到政府信息公开工作年度报告的内容"
                                 "（没有“一、总体情况”等部分，也没有统计表）")


def _refused(address: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_document(address)
    assert str(caught.value) == message


def test_loopback_and_private_addresses_are_refused_unless_allowed(server: str, monkeypatch) -> None:
    monkeypatch.delenv(web.ALLOW_PRIVATE_ENV, raising=False)
    _refused(server + "/utf8.html", f"{server}/utf8.html：“127.0.0.1”指向内网或本机地址（127.0.0.1），出于安全不予读取；"
                                    "确需读取时请设置环境变量 NIANBAO_ALLOW_PRIVATE_URLS=1")
    _refused("http://10.0.0.8/report.html", "http://10.0.0.8/report.html：“10.0.0.8”指向内网或本机地址（10.0.0.8），"
                                            "出于安全不予读取；确需读取时请设置环境变量 NIANBAO_ALLOW_PRIVATE_URLS=1")
    _refused("http://[::1]/report.html", "http://[::1]/report.html：“::1”指向内网或本机地址（::1），出于安全不予读取；"
                                         "确需读取时请设置环境变量 NIANBAO_ALLOW_PRIVATE_URLS=1")


def test_only_http_and_https(server: str, allowed: None) -> None:
    _refused("ftp://example.gov.cn/report.pdf", "ftp://example.gov.cn/report.pdf：只能读取 http:// 或 https:// 网址")
    _refused("file:///etc/passwd", "file:///etc/passwd：只能读取 http:// 或 https:// 网址")
    _refused(server + "/to-ftp", "ftp://127.0.0.1/report.pdf：只能读取 http:// 或 https:// 网址")  # not by a redirect


def test_redirects_are_limited(server: str, allowed: None) -> None:
    _refused(server + "/loop/0", f"{server}/loop/6：跳转次数超过 5 次，已停止")


def test_size_is_limited(server: str, allowed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_DOWNLOAD_BYTES", 2 << 20)
    _refused(server + "/big.html", f"{server}/big.html：文件过大（3.0 MB），网页或附件不应超过 2 MB")
    _refused(server + "/chunked-big.html", f"{server}/chunked-big.html：下载内容超过 2 MB，已停止")


def test_time_is_limited(server: str, allowed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "FETCH_SECONDS", 1.0)
    _refused(server + "/slow.html", f"{server}/slow.html：连接或下载超时（1 秒）")


def test_missing_page(server: str, allowed: None) -> None:
    _refused(server + "/gone.html", f"{server}/gone.html：服务器返回错误 404（网页不存在或无权访问）")


def test_cli_check_and_import_a_web_address(server: str, allowed: None, tmp_path: Path) -> None:
    checked = CliRunner().invoke(app, ["check", "--json", server + "/gbk-header.html"])
    assert checked.exit_code in (0, 1), checked.output
    assert f'"source": "{server}/gbk-header.html"' in checked.stdout
    out = tmp_path / "imported.yaml"
    imported = CliRunner().invoke(app, ["import", server + "/attachment.html", "-o", str(out)])
    assert imported.exit_code == 0, imported.output
    report = load_report(out)
    assert report.meta.organ_name == "示范县青石镇人民政府"
    assert report.tables.model_dump() == SAMPLE.tables.model_dump()


def test_cli_refuses_a_loopback_address_with_exit_2(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(web.ALLOW_PRIVATE_ENV, raising=False)
    result = CliRunner().invoke(app, ["check", server + "/utf8.html"])
    assert result.exit_code == 2 and "出于安全不予读取" in result.stderr


def test_ui_import_from_a_web_address(server: str, allowed: None, tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "ws")
    [view] = handlers.prefill_from_file(ws, "青石镇", server + "/utf8.html")
    assert (view.unit.report.meta.organ_name, view.unit.report.meta.year) == ("示范县青石镇人民政府", 2025)


def test_the_address_connected_to_is_checked_too(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A name that resolved to a public address when checked may resolve anew to a private one when connecting
    (DNS rebinding): the peer of the connection is checked before anything is read."""
    monkeypatch.delenv(web.ALLOW_PRIVATE_ENV, raising=False)
    monkeypatch.setattr(web, "_check_address", lambda url, allow: None)  # as if the first answer had been public
    _refused(server + "/utf8.html", f"{server}/utf8.html：“127.0.0.1”指向内网或本机地址（127.0.0.1），出于安全不予读取；"
                                    "确需读取时请设置环境变量 NIANBAO_ALLOW_PRIVATE_URLS=1")


def test_a_page_with_several_attachments_is_refused_with_their_list(server: str, allowed: None) -> None:
    """Reading the first of several attachments would check a file nobody chose: the user is asked which one."""
    result = CliRunner().invoke(app, ["check", server + "/several.html"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"无法读取：{server}/several.html：网页中有 3 个附件，无法确定哪一个是年度报告："
        f"“青石镇2024年年度报告.docx”（{server}/files/report.docx）；"
        f"“2024年年度报告（修订版）.pdf”（{server}/files/other.pdf）；"
        f"“政策解读.pdf”（{server}/files/policy.pdf）。请直接提供年度报告附件的网址")


def test_more_than_ten_attachments_are_listed_ten_and_counted(server: str, allowed: None) -> None:
    links = "".join(f"<a href='/f/{i}.pdf'>附件{i}.pdf</a>" for i in range(12))
    attachments = web._attachments(f"<html><body>{links}</body></html>", server + "/list.html")
    with pytest.raises(InputError) as caught:
        web._the_attachment(server + "/list.html", attachments)
    message = str(caught.value)
    assert message.startswith(f"{server}/list.html：网页中有 12 个附件，无法确定哪一个是年度报告：“附件0.pdf”（{server}/f/0.pdf）；")
    assert f"“附件9.pdf”（{server}/f/9.pdf）等，共 12 个。请直接提供年度报告附件的网址" in message
    assert "附件10.pdf" not in message


def test_the_one_report_among_other_attachments_is_read(server: str, allowed: None) -> None:
    doc = load_document(server + "/report-among-others.html")
    assert doc.source == f"{server}/report-among-others.html（附件 {server}/files/report.docx）"
    assert _cells_differ(doc) == []


def test_a_server_error_is_not_called_a_missing_page(server: str, allowed: None) -> None:
    _refused(server + "/broken-server.html", f"{server}/broken-server.html：服务器返回错误 500（服务器内部错误，请稍后再试）")


def test_a_refused_ipv6_address_shows_its_host(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(web.ALLOW_PRIVATE_ENV, raising=False)
    result = CliRunner().invoke(app, ["check", "http://[fd00::1]/report.html"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == ("无法读取：http://[fd00::1]/report.html：“fd00::1”指向内网或本机地址（fd00::1），"
                                     "出于安全不予读取；确需读取时请设置环境变量 NIANBAO_ALLOW_PRIVATE_URLS=1")


def test_a_refused_connection_is_said_in_chinese(monkeypatch) -> None:
    import socket

    monkeypatch.setenv(web.ALLOW_PRIVATE_ENV, "1")
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"http://127.0.0.1:{port}/x.html"
    _refused(address, f"{address}：连接不上服务器（对方拒绝连接或网络不通）；请检查网址和网络连接")
