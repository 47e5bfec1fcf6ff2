"""Split an existing report's text into title, opening, the six sections and closing; read organ, kind and year.

Headings are found in order by their numbering (一、 …; —、 where OCR misread 一; 1、) followed closely by the words of
the section (总体情况, 主动公开, 收到和处理, 行政复议/行政诉讼, 存在…问题, 其他…事项), so they are found whether the
text keeps line breaks or runs everything together.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field

from assistant.formats import report_sections, section_titles
from assistant.model import MAX_YEAR, MIN_YEAR
from assistant.patterns import compiled, lazy_compile
from assistant.readers.tables import compact, norm

_NUMERALS = {1: "[一—]|1", 2: "二|2", 3: "三|3", 4: "四|4", 5: "五|5", 6: "六|6"}
_KEYWORDS = {
    1: r"总体(?:公开)?情况|工作基本情况|基本情况|基本概况|总体概述|概述",
    2: r"主动公开",
    3: r"收到和处理|依申请公开|政府信息公开申请",
    4: r"行政复议|行政诉讼",
    5: r"存在的?主要问题|存在的?问题|主要问题",
    6: r"其[他它]需要?报告|其[他它]事项|其[他它]需",
}
# Known heading variants (format.md §2.1); the canonical titles come from the format YAML.
_VARIANTS = [
    "一、工作基本情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
    "四、因政府信息公开申请行政复议、提起行政诉讼的情况", "四、政府信息公开行政复议和行政诉讼情况",
    "五、政府信息公开工作存在的主要问题及改进情况", "五、存在的主要问题及改进举措", "五、存在的问题及改进措施",
    "五、存在主要问题和改进情况", "六、其他事项", "六、其它需要报告的事项", "六、其他需要报告事项",
]
_TABLE_START = {
    "proactive": lazy_compile(r"第\s*二\s*十\s*条"),
    "requests": lazy_compile(r"[（(]?\s*本列数据|申请人情况"),
    "appeals": lazy_compile(r"行政复议\s*行政诉讼"),
}

TITLE_RE = lazy_compile(
    r"(?P<title>(?P<organ>[^\s\d，。,:：《》“”\"]{0,40}?)[ \t\u3000]*(?P<year>20\d\d)[ \t\u3000]*(?:年度?)?[ \t\u3000]*"
    r"(?P<mid>[^\s\d，。,:：]{0,12}?)信息公开\S{0,6}?(?:年度报告|年报|报告))"
)
_STAT_YEAR_RE = lazy_compile(r"(?:统计期限|统计时间|统计期间|统计时段|统计数据时间范围)\D{0,8}?(20\d\d)\s*年\s*0?1\s*月\s*0?1\s*日")
_YEAR_RE = lazy_compile(r"(20\d\d)\s*年")
# "现将本单位2023年政府信息公开工作年度报告…", "编制…2023年度政府信息公开…报告": the year the report names for itself
_SELF_NAMED_YEAR_RE = lazy_compile(r"(20\d\d)\s*年度?\s*(?:政府|政务)?信息(?:与政务)?公开(?:工作)?年度?报告")


def title_variants() -> list[str]:
    """The six official section titles and the known variants (each with its numbering)."""
    return [*section_titles(), *_VARIANTS]


@dataclass
class Heading:
    number: int
    key: str
    text: str
    start: int  # index in the document text
    end: int


@dataclass
class Split:
    title: str = ""
    title_span: tuple[int, int] | None = None
    preamble: str = ""
    headings: list[Heading] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)  # section key -> text after its heading
    closing: list[str] = field(default_factory=list)


def find_headings(text: str) -> list[Heading]:
    """The section headings, in order; a number that is not found is skipped."""
    ctext, index = compact(text)
    keys = {s.number: s.key for s in report_sections()}
    titles = {s.number: norm(s.title) for s in report_sections()}
    variants = [norm(v) for v in _VARIANTS]
    found: list[Heading] = []
    cursor = 0
    for number in range(1, 7):
        chinese, arabic = _NUMERALS[number].split("|")
        # A Chinese numeral wins over "2." (a sub-item inside （一）) wherever both occur.
        m = _first_heading_match(ctext, cursor, chinese, number) or _first_heading_match(ctext, cursor, arabic, number)
        if m is None:  # "一、2019年政府信息公开工作的总体情况": more words before the section's, on a line of its own
            m = _long_heading_match(ctext, cursor, chinese, number, text, index)
        if m is None:  # "总体情况" on a line of its own, without its number (昌荣镇2025)
            m = _bare_heading_match(ctext, cursor, titles[number], number, text, index)
        if m is None:
            continue
        start_c = m.start()
        end_c = _heading_end(ctext, start_c, m.end(), [titles[number], *variants], text, index)
        start, end = index[start_c], index[end_c - 1] + 1
        found.append(Heading(number, keys[number], text[start:end].strip(), start, end))
        cursor = end_c
    return found


def _first_heading_match(ctext: str, cursor: int, numeral: str, number: int) -> re.Match[str] | None:
    pattern = compiled(rf"(?:{numeral})[、.](?P<gap>[^。;；]{{0,12}}?)(?:{_KEYWORDS[number]})")
    for m in pattern.finditer(ctext, cursor):
        if m.group(0)[0].isdigit() and m.start() > 0 and ctext[m.start() - 1].isdigit():
            continue  # "…0002、" is a value followed by a numbered label
        return m
    return None


_LONG_HEADING_GAP = 20  # words allowed before the section's own in a heading that stands on its own line
_HEADING_LINE = 40


def _long_heading_match(ctext: str, cursor: int, numeral: str, number: int, text: str,
                        index: list[int]) -> re.Match[str] | None:
    """A heading with more words before the section's keyword than ``_first_heading_match`` allows, accepted only
    when it opens a short line of its own (not a numbered point inside a paragraph)."""
    pattern = compiled(rf"(?:{numeral})[、.](?P<gap>[^。;；，,]{{0,{_LONG_HEADING_GAP}}}?)(?:{_KEYWORDS[number]})")
    for m in pattern.finditer(ctext, cursor):
        start = index[m.start()]
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:len(text) if line_end < 0 else line_end]
        if not text[line_start:start].strip() and len(line.strip()) <= _HEADING_LINE:
            return m
    return None


def _bare_heading_match(ctext: str, cursor: int, title: str, number: int, text: str,
                        index: list[int]) -> re.Match[str] | None:
    """A section's title without its number ("总体情况", "主动公开政府信息情况"), accepted only as a whole line."""
    bare = {title[2:] if title[1:2] in "、." else title}  # the official title without "一、"
    start = index[cursor] if cursor < len(index) else len(text)
    for line_match in re.finditer(r"[^\n]+", text[start:]):
        line = norm(line_match.group(0))
        # 一 also by the words of its title alone (总体情况, 概述, 基本概况 …: the heading keywords of 一)
        if line in bare or number == 1 and re.fullmatch(_KEYWORDS[1], line):
            c = bisect_left(index, start + line_match.start() + len(line_match.group(0)) - len(line_match.group(0).lstrip()))
            return re.compile(re.escape(line)).match(ctext, c)  # a line of this report: not worth keeping
    return None


def _heading_end(ctext: str, start: int, kw_end: int, candidates: list[str], text: str, index: list[int]) -> int:
    """Where a heading ends: its line's end when it stands alone, else the longest known title, else after 情况/事项."""
    line_start = text.rfind("\n", 0, index[start]) + 1
    line_end = text.find("\n", index[start])
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end]
    if not text[line_start:index[start]].strip() and len(line.strip()) <= 40 and "\t" not in line:
        # the heading is its own line
        tail = len(norm(text[index[start]:line_end]))
        return start + tail
    best = 0
    for cand in candidates:
        body = cand[2:]
        if ctext.startswith(body, start + 2) and len(body) > best:
            best = len(body)
    if best:
        return start + 2 + best
    m = compiled(r"[^。，;；\d]{0,8}?(?:情况|事项|措施|举措)").match(ctext, kw_end)
    return m.end() if m else kw_end


def split_document(text: str) -> Split:
    """Title, preamble, the sections' bodies and the closing lines."""
    out = Split()
    head_zone = text[:3000]
    headings = find_headings(text)
    first_heading = headings[0].start if headings else len(text)
    m = _find_title(head_zone, first_heading)
    if m is None or m.start("title") >= first_heading:
        split_title = _find_split_title(head_zone)  # "利辛县望疃镇2023\n\n政府信息公开工作年度报告"
        if split_title and split_title[1] < first_heading:
            out.title, out.title_span = split_title[0], (split_title[1], split_title[2])
            m = None
    if not out.title_span and (m is None or m.start("title") >= first_heading):
        yearless = _find_yearless_title(head_zone[:first_heading])  # "驼峰路街道办事处政府信息公开工作年度报告"
        if yearless:
            out.title, out.title_span, m = yearless[0], (yearless[1], yearless[2]), None
    if out.title_span:
        pre_start = out.title_span[1]
    elif m and m.start("title") < first_heading:
        out.title = _title_with_previous_line(head_zone, m)
        out.title_span = (m.start("title"), m.end("title"))
        pre_start = m.end("title")
    else:
        pre_start = 0
    out.preamble = text[pre_start:first_heading] if first_heading > pre_start else ""
    out.headings = headings
    for i, h in enumerate(headings):
        end = headings[i + 1].start if i + 1 < len(headings) else len(text)
        out.bodies[h.key] = text[h.end:end]
    return out


def _find_title(zone: str, first_heading: int) -> re.Match[str] | None:
    """The title line; of several before the first heading, the first that names the organ (a web page's own title
    "2022年政府信息公开工作年度报告" above the report's "桃江县松木塘镇人民政府" / "2022年政府信息公开工作年度报告")."""
    found = []
    for m in TITLE_RE.finditer(zone):
        before = zone[max(0, m.start("title") - 6):m.start("title")]
        line_start = zone.rfind("\n", 0, m.start("title")) + 1
        prefix = zone[line_start:m.start("title")].strip()
        if not prefix or re.fullmatch(r"标题[:：]?", prefix) or before.endswith(("标题", "标题:", "标题：")):
            found.append(m)
    if not found:
        return None
    if not found[0].group("organ").strip():  # the first names no organ: the first before the heading that does
        for m in found:
            if m.start("title") < first_heading and (m.group("organ").strip()
                                                     or _title_with_previous_line(zone, m) != _plain_title(m)):
                return m
    return found[0]


_TITLE_PART = lazy_compile(r"[^，。；;,:：！？!?]{2,30}")


def _find_split_title(zone: str) -> tuple[str, int, int] | None:
    """A title written over two or three short lines, joined: (title, start, end) in the zone."""
    lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", zone)]
    lines = [(a, b, t) for a, b, t in lines if t]
    for i in range(len(lines)):
        for n in (2, 3):
            group = lines[i:i + n]
            if len(group) < n or not all(_TITLE_PART.fullmatch(t) for _a, _b, t in group):
                continue
            joined = "".join(re.sub(r"\s+", "", t) for _a, _b, t in group)
            m = TITLE_RE.fullmatch(joined) or TITLE_RE.fullmatch(re.sub(r"^标题[:：]?", "", joined))
            if m and m.group("year"):
                return m.group("title"), group[0][0], group[-1][1]
    return None


YEARLESS_TITLE_RE = lazy_compile(
    r"(?P<organ>[^\s\d，。,:：《》“”\"]{2,40}?)(?:政府|政务)?信息公开(?:工作)?(?:年度)?报告")


def _find_yearless_title(zone: str) -> tuple[str, int, int] | None:
    """A title line without a year among the first lines, its organ named: (title, start, end) in the zone."""
    lines = [(m.start(), m.end(), m.group(0).strip()) for m in re.finditer(r"[^\n]+", zone)]
    first = [(a, b, t) for a, b, t in lines if t][:3]
    # one line, or an organ's line above "政府信息公开工作年度报告" ("乌海市工业和信息化局" / "政府信息公开工作年度报告")
    candidates = [(a, b, t) for a, b, t in first]
    candidates += [(a, d, t + u) for (a, _b, t), (_c, d, u) in zip(first, first[1:], strict=False) if organ_line_only(t)]
    for start, end, line in candidates:
        m = YEARLESS_TITLE_RE.fullmatch(re.sub(r"\s+", "", line))
        if m and re.sub(r"(?:人民政府|政府)$", "", m.group("organ")).endswith(_ORGAN_ENDINGS):
            return m.group(0), start, end
    return None


def organ_line_only(text: str) -> str | None:
    """The first line of ``text`` when it is an organ's name alone ("浑南区国资局"): what remains of a web page whose
    title stood outside the text read."""
    line = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if 2 < len(line) <= 25 and re.fullmatch(r"[\u4e00-\u9fff]+", line) and line.endswith(_ORGAN_ENDINGS):
        return line
    return None


def _plain_title(m: re.Match[str]) -> str:
    return re.sub(r"^标题[:：]?", "", m.group("title").strip())


def _title_with_previous_line(zone: str, m: re.Match[str]) -> str:
    title = _plain_title(m)
    organ = re.sub(r"\s+", "", m.group("organ"))
    if organ and organ not in _ORGAN_ENDINGS:  # a bare ending ("办事处") is a name broken over two lines
        return title
    line_start = zone.rfind("\n", 0, m.start("title"))
    if line_start <= 0:
        return title
    prev_start = zone.rfind("\n", 0, line_start) + 1
    prev = zone[prev_start:line_start].strip()
    if prev and len(prev) <= 25 and not re.search(r"[，。：:,\d]", prev) and prev.endswith(_ORGAN_ENDINGS):
        return prev + title
    return title


_ORGAN_ENDINGS = ("人民政府", "政府", "办事处", "街道", "镇", "乡", "局", "委员会", "办公室", "实验区", "管委会", "区", "县",
                  "市", "机关")


def section_table_start(key: str, body: str) -> int:
    """Where a table section's table begins in its body (len(body) when there is no table)."""
    pattern = _TABLE_START.get(key)
    m = pattern.search(body) if pattern else None
    return m.start() if m else len(body)


# --------------------------------------------------------------------------------------------------------------
# Paragraphs

_SENTENCE_END = ("。", "！", "？", "：", "；", "”", "）", ")", "!", "?", ":")


def is_wrapped(lines: list[str]) -> bool:
    """Whether plain lines are hard-wrapped (PDF text): most long lines end mid-sentence."""
    long_lines = [ln.strip() for ln in lines if "\t" not in ln and len(ln.strip()) >= 20]
    if len(long_lines) < 5:
        return False
    open_ended = sum(1 for ln in long_lines if not ln.endswith(_SENTENCE_END))
    return open_ended / len(long_lines) > 0.4


def paragraphs(body: str, wrapped: bool) -> list[str]:
    """The paragraphs of a body of text (gridded table lines dropped)."""
    lines = [ln.strip() for ln in body.split("\n") if "\t" not in ln]
    lines = [ln for ln in lines if ln and not re.fullmatch(r"[-—－]\s*\d{1,3}\s*[-—－]", ln)]
    if not wrapped:
        return [part for ln in lines for part in _split_run_on(ln)]
    width = _typical_width(lines)
    out: list[str] = []
    current = ""
    for ln in lines:
        starts_new = bool(re.match(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、])", ln))
        if current and starts_new:
            out.append(current)
            current = ""
        current = _join(current, ln)
        if ln.endswith(_SENTENCE_END[:4]) and len(ln) < width - 1:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


_SUBHEAD_START = lazy_compile(r"(?<=[。；！？：])\s*(?=（[一二三四五六七八九十]+）|[（(]\d{1,2}[）)]|\d{1,2}\.(?!\d))")


def _split_run_on(line: str) -> list[str]:
    """A whole section run into one line (archived pages): split before its sub-headings （一）, 1., （1）."""
    if len(line) < 200:
        return [line]
    return [part.strip() for part in _SUBHEAD_START.split(line) if part.strip()]


def _join(a: str, b: str) -> str:
    if a and a[-1].isascii() and a[-1].isalnum() and b[:1].isascii() and b[:1].isalnum():
        return a + " " + b
    return a + b


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(ln) for ln in lines if len(ln) >= 10)
    if not lengths:
        return 0
    return lengths[int(len(lengths) * 0.8) - 1 if len(lengths) > 1 else 0]


# --------------------------------------------------------------------------------------------------------------
# Organ, kind, year


@dataclass
class MetaGuess:
    organ_name: str | None = None
    organ_kind: str | None = None
    year: int | None = None
    parent_government: str | None = None
    short_name: str | None = None
    notes: list[str] = field(default_factory=list)
    organ_sure: bool = False  # the organ's name was read from the title (not inferred from the text)
    kind_sure: bool = False  # the kind is that of the title's organ, or the text's self-references (我镇) confirm it
    year_sure: bool = False  # the year was read from the title or the report's naming of itself


_KIND_SELF = {"乡镇": ("我镇", "本镇", "我乡", "本乡", "全镇", "全乡"), "街道": ("我街道", "本街道", "全街道", "我街")}


def organ_kind(name: str) -> str:
    """The kind of an organ from its name."""
    name = re.sub(r"(?<=政府)机关$", "", name)  # "城口县人民政府机关": the government and its office
    core = re.sub(r"(人民政府|政府|办事处)$", "", name)
    if "街道" in name:
        return "街道"
    if core.endswith(("镇", "乡", "苏木")):
        return "乡镇"
    if re.search(r"(局|委员会|委|办公室|办|中心|厅|署|院|所|站|队|部)$", name) and not name.endswith("人民政府"):
        return "部门"
    if core.endswith(("省", "自治区")) or core in ("北京市", "天津市", "上海市", "重庆市"):
        return "省级人民政府"
    if core.endswith(("区", "县", "旗")) and not core.endswith(("实验区", "新区", "开发区", "示范区", "试验区")):
        return "县级人民政府"
    if core.endswith("市") and name.endswith("政府"):
        return "设区的市人民政府"
    return "其他"


def guess_meta(split: Split, text: str) -> MetaGuess:
    """Organ, kind and year from the title and the opening paragraph (then the body), with what was inferred."""
    guess = MetaGuess()
    head = split.title + "\n" + split.preamble
    m = TITLE_RE.search(split.title) if split.title else None
    organ = re.sub(r"^标题[:：]?", "", m.group("organ").strip()) if m else ""
    organ = re.sub(r"关于$", "", organ)  # "鹤庆县人民政府关于2019年度…年度报告"
    yearless = YEARLESS_TITLE_RE.fullmatch(split.title) if split.title and not m else None
    if yearless:  # "驼峰路街道办事处政府信息公开工作年度报告": the organ is the title's, the year is read below
        organ = yearless.group("organ")
    if m and not organ:
        mid = re.sub(r"(政府|人民政府)$", "", m.group("mid") or "")
        organ = mid
    if m:
        guess.year = int(m.group("year"))
        guess.year_sure = True
    guess.organ_sure = bool(organ)
    if not organ:
        opening = split.preamble[:1500] or text[:1500]
        named = _SELF_NAMED_ORGAN_RE.search(opening) or _QUOTED_TITLE_ORGAN_RE.search(opening)
        contact = _CONTACT_ORGAN_RE.search(head[:3000])
        if named:  # "现公布遂溪县教育局2025年政府信息公开工作年度报告": as sure as a title
            organ, guess.organ_sure = named.group(1), True
            guess.notes.append(f"标题中没有机关名称，按开头对本报告的称呼推断为“{organ}”")
        elif contact:  # "请联系:杭州市滨江区人民政府长河街道办事处": likely, but it may be an office
            organ = contact.group(1)
            guess.notes.append(f"标题中没有机关名称，按联系单位推断为“{organ}”")
        else:
            organ = _organ_from_text(head) or _organ_from_text(text[:4000]) or ""
            if organ:
                guess.notes.append(f"标题中没有机关名称，按正文推断为“{organ}”")
    if organ:
        guess.organ_name = _full_name(organ, text)
        guess.short_name = organ if organ != guess.organ_name else None
        guess.organ_kind = organ_kind(guess.organ_name)
    else:
        for kind, words in _KIND_SELF.items():
            if any(w in text for w in words):
                guess.organ_kind = kind
                break
        guess.notes.append("未能从标题和正文确定机关名称")
    self_words = _KIND_SELF.get(guess.organ_kind or "", ())
    guess.kind_sure = guess.organ_sure or any(w in text for w in self_words)
    parent = re.search(r"([\u4e00-\u9fa5]{2,8}?[区县市旗])人民政府(?:网|门户|网站)", text[:4000])
    if parent:
        name = re.split(r"从|在|至|于|的|登录|访问|通过|查阅", parent.group(1))[-1]
        if len(name) >= 2 and guess.organ_name and name not in guess.organ_name:
            guess.parent_government = name + "人民政府"
    if guess.year is None:
        named = _SELF_NAMED_YEAR_RE.search(split.preamble[:1500] or text[:1500])
        if named:
            guess.year, guess.year_sure = int(named.group(1)), True
            guess.notes.append(f"标题中没有年度，按开头对本报告的称呼推断为{guess.year}年")
    if guess.year is None:
        stat = _STAT_YEAR_RE.search(text)
        if stat:
            guess.year, guess.year_sure = int(stat.group(1)), True
            guess.notes.append(f"标题中没有年度，按统计期限推断为{guess.year}年")
        else:
            years = Counter(int(y) for y in _YEAR_RE.findall(text[:4000]) if MIN_YEAR <= int(y) <= MAX_YEAR)
            if years:
                guess.year = years.most_common(1)[0][0]
                guess.notes.append(f"标题和统计期限中都没有年度，按正文中最常出现的年份推断为{guess.year}年")
            else:
                guess.notes.append("未能确定报告年度")
    return guess


_ORGAN_ENDING = r"(?:人民政府[\u4e00-\u9fa5]{2,8}?街道办事处|街道办事处|人民政府|教育局|[\u4e00-\u9fa5]{1,8}?局|委员会)"
# The report naming itself with its organ's full name, in the opening ("现公布遂溪县教育局2025年政府信息公开工作年度报告").
# Also with the year before the name ("特向社会公布2024年度永安市卫生健康局信息公开年度报告").
_SELF_NAMED_ORGAN_RE = lazy_compile(
    r"(?:现予?公布|特公布|(?:特|现)?向社会公布|发布)(?:\s*20\d{2}\s*年度?)?([\u4e00-\u9fa5]{4,30}?" + _ORGAN_ENDING
    + r")\s*(?:20\d{2}\s*年度?)?(?:政府)?信息公开(?:工作)?年度报告")
# The report's title quoted in the opening ("现编制形成了《西柳镇人民政府2023年…年度报告》"), past a label a mirror page
# put in front of it ("《uedbet体育_uedbet官网@:西柳镇人民政府…》").
_QUOTED_TITLE_ORGAN_RE = lazy_compile(
    r"《(?:[^《》:：\n]{0,24}[:：])?([\u4e00-\u9fa5]{3,30}?" + _ORGAN_ENDING
    + r")\s*(?:20\d{2})\s*年度?政府信息公开(?:工作)?年度报告》")
# The contact line with an organ's full name ("请联系:杭州市滨江区人民政府长河街道办事处；联系电话…"), or with the
# organ's office after it ("请联系：硚口区荣华街道办事处党政综合办公室", "请联系：永安市卫生健康局办公室"): the organ
# (but a 人民政府办公室 is an organ of its own).
_CONTACT_ORGAN_RE = lazy_compile(
    r"(?:请联系|请与|联系单位)[:：]?\s*([\u4e00-\u9fa5]{2,30}?" + _ORGAN_ENDING
    + r")(?:党政综合办公室|党政办公室|综合办公室|党政办|(?<!人民政府)办公室)?(?=[;；,，。(（]|联系)")
_ORGAN_IN_TEXT = lazy_compile(
    r"(?:由|请与|本报告由)([\u4e00-\u9fa5]{2,20}?(?:人民政府|街道办事处|办事处|管委会|委员会|局))"
    r"|([\u4e00-\u9fa5]{2,8}?(?:镇|乡|街道))(?:人民政府|办事处|政府)?(?:认真|严格|始终|坚持|按照|根据|在|信息公开|政务公开|紧紧|全面)"
)


_UNIT_BELOW = lazy_compile(r"([\u4e00-\u9fa5]{2,8}?(?:街道|镇|乡))(?:办事处|人民政府)?(?:党政办公室|党政办|办公室|综合科)")


def _organ_from_text(text: str) -> str | None:
    for m in _ORGAN_IN_TEXT.finditer(text):
        name = (m.group(1) or m.group(2) or "").strip()
        below = _UNIT_BELOW.match(text, m.end()) if m.group(1) and name.endswith("人民政府") else None
        if below:  # "由无锡市锡山区人民政府厚桥街道党政办公室编制": the street, not the district
            return _full_name(name + below.group(1), text)
        if m.group(1) and re.match(r"\s*(?:负责|牵头|结合|根据|按照|依据)?[\u4e00-\u9fa5]{0,10}?编制", text[m.end():m.end() + 16]) \
                and not name.endswith(("人民政府", "办事处")):
            continue  # "由区数据局编制": the compiling office, not the organ
        name = re.sub(r"(党政办公室|党政办|办公室)$", "", name) if name.endswith("办公室") else name
        name = re.sub(r"^.*?年(?:度|以来|来)?", "", name) if "年" in name[:4] else name
        name = re.sub(r"^(?:请与|本报告由|由|向|在|对|经|据|特向|向社会公布)", "", name)
        if len(name) >= 3 and not name.startswith(("我", "本", "全", "各", "该", "年")) \
                and not re.search(r"[我本该][镇乡]|我街道|本街道", name):  # "完善我镇": a self-reference after a verb
            return name
    return None


def _full_name(organ: str, text: str) -> str:
    """"竹亭镇" -> "竹亭镇人民政府" (as the text writes it when it does)."""
    organ = organ.strip()
    if organ.endswith(("镇", "乡")):
        return organ + "人民政府"
    if organ.endswith("街道"):
        return organ + "办事处"
    if re.search(r"[区县市旗]$", organ) and not organ.endswith(("实验区", "新区", "开发区", "示范区")):
        if f"{organ}人民政府" in text or f"{organ}政府" in text:
            return organ + "人民政府"
    return organ
