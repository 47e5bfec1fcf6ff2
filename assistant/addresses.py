"""Web and e-mail addresses and phone numbers as they stand in Chinese running text (the firewall keeps the input's
addresses and lets no other Latin text through; the renderer keeps each on one line).

The PDF reader's child process loads it by its path (a line after a layout break continues its paragraph), without
the package on its path: its patterns are compiled on first use through :mod:`assistant.patterns` where the package is
there (every command), and by ``re.compile`` at once in the child.
"""

from __future__ import annotations

import re

try:
    from assistant.patterns import lazy_compile
except ImportError:  # the PDF reader's child process
    lazy_compile = re.compile

# An address is ASCII and ends at the first full-width mark or Chinese character ("…@example.gov.cn联系。",
# "http://www.a.gov.cn进行公开"), but for one case: a path segment in Chinese ("http://www.a.gov.cn/xxgk/长岭/") is part
# of a web address when it follows a "/" of the path (not the "//" before the host) and is followed by another "/" or
# by the address's end: a closing bracket, a space or the end of the text ("（http://www.a.gov.cn/xxgk/长岭）"). Chinese
# after a "/" that runs on to a punctuation mark is the sentence going on ("登录http://www.a.gov.cn/查询。": the
# address is "http://www.a.gov.cn/").
URL_CHARS = r"[A-Za-z0-9\-._~:/?#@!$&'*+=%]"
HAN = r"[\u3400-\u4dbf\u4e00-\u9fff]"
PATH_SEGMENT_CHARS = r"[A-Za-z0-9\-._~!$&'*+=%]"  # what a path segment may hold beside Chinese (no "/", "?", "#")
CHINESE_PATH_SEGMENT = rf"(?<=[^/]/){PATH_SEGMENT_CHARS}*{HAN}(?:{HAN}|{PATH_SEGMENT_CHARS})*(?=/|[）)]|\s|$)"
URL_TAIL = rf"(?:{CHINESE_PATH_SEGMENT}|{URL_CHARS})+"
EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
ADDRESS_RE = lazy_compile(rf"https?://{URL_TAIL}|www\.{URL_TAIL}|{EMAIL}")
PHONE = r"(?<![0-9])0\d{2,3}-\d{7,8}(?![0-9])"  # a fixed-line number with its area code: 0795-3648348
PHONE_RE = lazy_compile(PHONE)
# a document number with its issuing prefix: "湘源政办发〔2019〕27号", "国办公开办函〔2019〕60号" (up to seven Chinese
# characters ending in 发, 函, 字, 文 or 令 before "〔year〕N号"); a word that leads into it ("依据", "按照") is not
# part of the prefix, nor is a particle after a verb or a noun ("印发了", "学习过", "文件中的"), which no issuer's
# abbreviation holds: the prefix starts after the last one (:func:`doc_number_spans`)
DOC_NUMBER = rf"(?:(?!号){HAN}){{0,6}}[发函字文令]〔\d{{4}}〕\d+号"  # (not from the 号 of a number before it)
DOC_NUMBER_RE = lazy_compile(DOC_NUMBER)
DOC_NUMBER_LEAD_WORDS = ("依据", "根据", "按照", "依照", "参照", "对照", "落实", "印发", "转发", "执行", "通过", "和", "及", "与")
DOC_NUMBER_PARTICLES = "了过着的"
# the manual line breaks the renderer makes (a line break of the layout, not of the text): before an address or phone
# number that would straddle a line end (an opening bracket goes down with it); inside an address longer than a line,
# after a "/", "?" or "-" (the line before is then not spread; a Chinese path segment may follow); after a closing
# mark before a year, where LibreOffice would not break ("…主动公开。" / "2020年"); before a document number with its prefix, which goes down whole
# ("依据" / "湘源政办发〔2019〕27号"). Never inside a document number: "湘源政办发〔2021〕30号" stays on one line.
_BREAK_BEFORE_ADDRESS = rf"\n(?=[（(〔“]?(?:https?://|www\.|{EMAIL}|{PHONE}|{DOC_NUMBER}))"
_BREAK_INSIDE_ADDRESS = rf"(?<=[/?\-])\n(?=[A-Za-z0-9]|{HAN})"
_BREAK_BEFORE_YEAR = r"(?<=[，。、）》])\n(?=\d{4}年)"
LAYOUT_BREAK_RE = lazy_compile(f"{_BREAK_BEFORE_ADDRESS}|{_BREAK_INSIDE_ADDRESS}|{_BREAK_BEFORE_YEAR}")
# the breaks of those that keep an address, phone number or document number whole (not the one before a year)
ADDRESS_BREAK_RE = lazy_compile(f"{_BREAK_BEFORE_ADDRESS}|{_BREAK_INSIDE_ADDRESS}")


def doc_number_spans(text: str) -> list[tuple[int, int]]:
    """Where the document numbers with their issuing prefixes stand in ``text``: the prefix starts after the
    word leading into it and after a particle ("依据湘源政办发〔2019〕27号", "印发了湘政办发〔2023〕5号": from 湘)."""
    spans = []
    for match in DOC_NUMBER_RE.finditer(text):
        start = match.start()
        lead = next((w for w in DOC_NUMBER_LEAD_WORDS if text.startswith(w, start)
                     and DOC_NUMBER_RE.match(text, start + len(w))), None)
        start += len(lead) if lead else 0
        prefix = text[start:text.index("〔", start)]
        start += max(prefix.rfind(particle) for particle in DOC_NUMBER_PARTICLES) + 1
        spans.append((start, match.end()))
    return spans


def join_layout_breaks(text: str) -> str:
    """A paragraph's text without the line breaks that only keep an address whole on its line."""
    return LAYOUT_BREAK_RE.sub("", text)


__all__ = ["ADDRESS_BREAK_RE", "ADDRESS_RE", "DOC_NUMBER", "DOC_NUMBER_RE", "EMAIL", "LAYOUT_BREAK_RE", "PHONE", "PHONE_RE", "URL_CHARS", "doc_number_spans", "join_layout_breaks"]
