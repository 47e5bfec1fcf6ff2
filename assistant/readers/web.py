"""A report at a web address -> Document: the page itself, or the PDF/Word attachment the page links to.

Fetching is bounded (``assistant.readers.limits``): http(s) only, at most ``MAX_REDIRECTS`` redirects (each hop
checked again), ``MAX_DOWNLOAD_BYTES`` and ``FETCH_SECONDS`` per download. Addresses that resolve to private, loopback, link-local or reserved networks are
refused unless ``NIANBAO_ALLOW_PRIVATE_URLS=1`` (or ``allow_private=True``): a server running the UI must not be
made to read its own intranet. The name is checked before connecting and the peer address after (a name that resolves
anew to a private address is not read). Proxies from the environment are not used.

The page's charset comes from the HTTP header, else the page's ``<meta>``, else UTF-8 with a GB18030 fallback
(GBK/GB2312 pages are common on government sites).
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from assistant import __version__
from assistant.errors import InputError
from assistant.model import Document
from assistant.readers import limits

ALLOW_PRIVATE_ENV = "NIANBAO_ALLOW_PRIVATE_URLS"
USER_AGENT = f"nianbao-assistant/{__version__}"
ATTACHMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".wps")
MAX_LISTED_ATTACHMENTS = 10


@dataclass
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def private_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes", "是")


def _refuse_private(url: str, host: str, address: str) -> None:
    ip = ipaddress.ip_address(address.split("%")[0])
    if not ip.is_global or ip.is_multicast:
        raise InputError(f"{url}：“{host}”指向内网或本机地址（{ip}），出于安全不予读取；"
                         f"确需读取时请设置环境变量 {ALLOW_PRIVATE_ENV}=1")


def _check_address(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"{url}：只能读取 http:// 或 https:// 网址")
    host = parts.hostname
    if not host:
        raise InputError(f"{url}：网址中没有主机名")
    try:
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError as exc:
        raise InputError(f"{url}：网址中的端口无效") from exc
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(f"{url}：无法解析域名“{host}”（请检查网址和网络连接）") from exc
    if allow_private:
        return
    for info in infos:
        _refuse_private(url, host, str(info[4][0]))


def fetch(url: str, allow_private: bool | None = None) -> Fetched:
    """Download ``url`` within the limits of this module; InputError (Chinese) for anything that goes wrong."""
    import httpx

    allow = private_allowed() if allow_private is None else allow_private
    deadline = time.monotonic() + limits.FETCH_SECONDS
    timeout = httpx.Timeout(limits.FETCH_SECONDS, connect=10.0)
    with httpx.Client(follow_redirects=False, trust_env=False, timeout=timeout,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _hop in range(limits.MAX_REDIRECTS + 1):
            _check_address(url, allow)
            try:
                with client.stream("GET", url) as response:
                    if not allow:  # the address actually connected to (a name may resolve anew: DNS rebinding)
                        stream = response.extensions.get("network_stream")
                        peer = stream.get_extra_info("server_addr") if stream is not None else None
                        if peer:
                            _refuse_private(url, urlsplit(url).hostname or "", str(peer[0]))
                    if response.is_redirect:
                        target = response.headers.get("location", "")
                        if not target:
                            raise InputError(f"{url}：服务器要求跳转但没有给出地址")
                        url = urljoin(url, target)
                        continue
                    if response.status_code >= 500:
                        raise InputError(f"{url}：服务器返回错误 {response.status_code}（服务器内部错误，请稍后再试）")
                    if response.status_code >= 400:
                        raise InputError(f"{url}：服务器返回错误 {response.status_code}（网页不存在或无权访问）")
                    declared = response.headers.get("content-length", "")
                    if declared.isdigit() and int(declared) > limits.MAX_DOWNLOAD_BYTES:
                        raise InputError(f"{url}：文件过大（{int(declared) / 1024 / 1024:.1f} MB），"
                                         f"网页或附件不应超过 {limits.MAX_DOWNLOAD_BYTES / 1024 / 1024:.0f} MB")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > limits.MAX_DOWNLOAD_BYTES:
                            raise InputError(f"{url}：下载内容超过 {limits.MAX_DOWNLOAD_BYTES / 1024 / 1024:.0f} MB，已停止")
                        if time.monotonic() > deadline:
                            raise InputError(f"{url}：下载超过 {limits.FETCH_SECONDS:.0f} 秒，已停止")
                    return Fetched(url=str(response.url), content_type=response.headers.get("content-type", ""),
                                   body=bytes(body))
            except httpx.TimeoutException as exc:
                raise InputError(f"{url}：连接或下载超时（{limits.FETCH_SECONDS:.0f} 秒）") from exc
            except httpx.ConnectError as exc:
                raise InputError(f"{url}：连接不上服务器（对方拒绝连接或网络不通）；请检查网址和网络连接") from exc
            except httpx.HTTPError as exc:
                raise InputError(f"{url}：无法下载（{_HTTP_PROBLEMS.get(type(exc).__name__, '网络传输出错')}）；"
                                 "请检查网址和网络连接") from exc
    raise InputError(f"{url}：跳转次数超过 {limits.MAX_REDIRECTS} 次，已停止")


# httpx's errors by name, in Chinese (its own class names are English)
_HTTP_PROBLEMS = {"RemoteProtocolError": "服务器的回复不完整或不合规范", "ReadError": "读取时连接中断",
                  "WriteError": "发送时连接中断", "ProxyError": "代理服务器出错", "UnsupportedProtocol": "不支持的网址协议",
                  "TooManyRedirects": "跳转次数过多", "DecodingError": "内容无法解码"}


def page_text(fetched: Fetched) -> str:
    """The page's text in its own charset (header, else ``<meta>``, else UTF-8 / GB18030)."""
    from assistant.readers.text import decode

    declared = _charset(fetched.content_type) or _meta_charset(fetched.body[:4096])
    if declared:
        encoding = "gb18030" if declared.lower().replace("-", "").replace("_", "") in ("gb2312", "gbk", "gb18030",
                                                                                         "xgbk", "cp936") else declared
        try:
            return fetched.body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(fetched.body, fetched.url)


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return m.group(1) if m else None


def _meta_charset(head: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", head, re.I)
    return m.group(1).decode("ascii", "replace") if m else None


def _kind(fetched: Fetched) -> str:
    """".pdf", ".docx", ".doc" or ".html": by the bytes first, then the content type, then the address."""
    body = fetched.body
    if body[:1024].find(b"%PDF") >= 0:
        return ".pdf"
    if body.startswith(b"PK\x03\x04"):
        return ".docx"
    if body.startswith(b"\xd0\xcf\x11\xe0"):
        return ".wps" if urlsplit(fetched.url).path.lower().endswith(".wps") else ".doc"
    return ".html"


@dataclass
class Attachment:
    url: str
    label: str  # the link's text
    report_like: bool  # its text or address names a report (年度报告, 年报)


def _attachments(html: str, base: str) -> list[Attachment]:
    """Links to PDF/Word files in a page, in the page's order (the same address once)."""
    found: dict[str, Attachment] = {}
    for m in re.finditer(r"<a\b[^>]*?href\s*=\s*[\"']?([^\"'\s>]+)[^>]*>(.*?)</a>", html, re.I | re.S):
        href, label = m.group(1), re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(2))).strip()
        url = urljoin(base, href)
        if urlsplit(url).path.lower().endswith(ATTACHMENT_SUFFIXES) or re.search(r"\.(pdf|docx?|wps)\b", label, re.I):
            found.setdefault(url, Attachment(url, label, bool(re.search(r"年度报告|年报", label + href))))
    return list(found.values())


def _the_attachment(page: str, attachments: list[Attachment]) -> Attachment:
    """The one attachment to read: the only one, or the only report-like one; else a Chinese InputError listing them
    (reading the first of several would check the wrong file without saying so)."""
    if len(attachments) == 1:
        return attachments[0]
    report_like = [a for a in attachments if a.report_like]
    if len(report_like) == 1:
        return report_like[0]
    shown = "；".join(f"“{a.label or '（无文字）'}”（{a.url}）" for a in attachments[:MAX_LISTED_ATTACHMENTS])
    more = f"等，共 {len(attachments)} 个" if len(attachments) > MAX_LISTED_ATTACHMENTS else ""
    raise InputError(f"{page}：网页中有 {len(attachments)} 个附件，无法确定哪一个是年度报告：{shown}{more}。"
                     "请直接提供年度报告附件的网址")


def load_web_report(url: str, allow_private: bool | None = None) -> Document:
    """Read the report at ``url``: the page's article, or the attachment it links to when the page is only a link."""
    from assistant.readers.existing import document_from_lines
    from assistant.readers.html import lines_of_html

    fetched = fetch(url, allow_private)
    kind = _kind(fetched)
    if kind != ".html":
        return _read_file(fetched, kind, url)
    text = page_text(fetched)
    try:
        return document_from_lines(lines_of_html(text, url), url)
    except InputError as not_a_report:
        attachments = _attachments(text, fetched.url)
        if not attachments:
            raise
        linked = fetch(_the_attachment(url, attachments).url, allow_private)
        if _kind(linked) == ".html":
            raise not_a_report from None
        return _read_file(linked, _kind(linked), url)


def _read_file(fetched: Fetched, kind: str, url: str) -> Document:
    """A downloaded PDF/Word file, read by the reader of its kind; the Document's source is the address."""
    from assistant.readers import kind_of
    from assistant.readers.existing import document_from_lines

    reader = kind_of(kind)
    assert reader is not None
    with tempfile.TemporaryDirectory(prefix="nianbao-web-") as folder:
        path = Path(folder) / f"report{kind}"
        path.write_bytes(fetched.body)
        try:
            lines = reader.lines_function()(path)
        except InputError as exc:
            raise InputError(str(exc).replace(str(path), fetched.url)) from exc
    source = url if fetched.url == url else f"{url}（附件 {fetched.url}）"
    return document_from_lines(lines, source)
