"""Format rules on the text (format.md E4, E5, E11): the basis notice cited, its issuer abbreviation, the other
format's table labels, the title's form, the 条例 cited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from assistant.formats import (
    current_format,
    exclusive_labels,
    foreign_labels,
    format_for_year,
    known_versions,
    load_format,
    notice_short,
    years_text,
)
from assistant.headings import edit_distance, squeeze
from assistant.model import Location, Severity
from assistant.organ_words import place_name
from assistant.patterns import compiled, lazy_compile
from assistant.resources import schema_data
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, NARRATIVE_YEAR, all_paragraphs, draft_of, is_partial, snippet
from assistant.textview import Paragraph

TITLE_TAIL = "政府信息公开工作年度报告"
_OPEN, _CLOSE = "〔\\[［(（【", "〕\\]］)）】"
_ISSUER = lazy_compile(r"国办公开办函〔(\d{4})〕(\d+)号")
_OLD_REGULATION = lazy_compile(r"国务院令\s*第?\s*492\s*号|国令第\s*492\s*号")


@cache
def _notice(version: int) -> tuple[str, str, re.Pattern[str], str]:
    """(number, title, a pattern for the number with any issuer prefix, the title's distinctive part squeezed)."""
    fmt = load_format(version)
    m = _ISSUER.fullmatch(fmt.basis_number)
    if m is None:  # the YAML always holds a 国办公开办函〔YYYY〕N号 number
        raise ValueError(fmt.basis_number)
    year, no = m.groups()
    pattern = compiled(rf"(国办[\u4e00-\u9fff]{{1,6}})?\s*[{_OPEN}]\s*{year}\s*[{_CLOSE}]\s*{no}\s*号")
    distinctive = squeeze(fmt.basis_title.split("办公室", 1)[-1])
    return fmt.basis_number, fmt.basis_title, pattern, distinctive


@rule("F2", "format", "error",
      "所引格式通知与报告年度相符（" + "，".join(f"{years_text(v)}引{notice_short(v)}" for v in known_versions()) + "）",
      scope="text", needs=NARRATIVE_YEAR)
def basis_notice(run: RuleRun) -> Iterator[Hit]:
    """One finding per citation of the other year's notice (its title and number together are one citation); a
    warning, not an error, when the report also cites the right notice on its own (it then follows the right one)."""
    doc = run.doc
    year = doc.report.meta.year
    right = format_for_year(year)
    right_number, right_title, right_pattern, right_distinctive = _notice(right)
    paragraphs = list(all_paragraphs(doc))
    for version in known_versions():
        if version == right:
            continue
        number, title, pattern, distinctive = _notice(version)
        for p in paragraphs:
            citations = _citations(p.text, pattern, distinctive)
            for start, end, has_number, has_title in citations:
                also_right = any(
                    _cites_outside(q.text, right_pattern, right_distinctive, (start, end) if q is p else None)
                    for q in paragraphs)
                cited = f"《{title}》（{number}）" if has_number and has_title else (
                    number if has_number else f"《{title}》（{number}的标题）")
                found = p.text[start:end].strip() if has_number and not has_title else (
                    title if not has_number else f"《{title}》（{number}）")
                yield Hit(
                    message=f"{year}年度报告引用了{cited}，应引用{right_number}" + (
                        f"（报告同时引用了{right_number}，宜删去过时的{number}）" if also_right else ""),
                    location=p.location(start, end), evidence=snippet(p.text, start, end),
                    expected=right_number if has_number else right_title, found=found,
                    suggestion=f"改为《{right_title}》（{right_number}）",
                    severity="warning" if also_right else None,
                )
            yield from _format_citations(p, paragraphs, version, citations, year)


def _format_citations(p: Paragraph, paragraphs: list[Paragraph], version: int,
                      notice_citations: list[tuple[int, int, bool, bool]], year: int) -> Iterator[Hit]:
    """Citations of the format another year's notice issued, by its own name ("《中华人民共和国政府信息公开工作年度报告
    格式（试行）》", 永安市卫生健康局2024): the old format, when no notice is cited where the name stands."""
    name = load_format(version).basis_format
    if not name:
        return
    number = _notice(version)[0]
    right_number, right_title, right_pattern, right_distinctive = _notice(format_for_year(year))
    for start, end in _title_spans(p.text, squeeze(name)):
        if any(s - 8 <= start < e + 8 for s, e, _has_number, _has_title in notice_citations):
            continue  # the notice cited with it is one citation, reported above
        also_right = any(_cites_outside(q.text, right_pattern, right_distinctive, (start, end) if q is p else None)
                         for q in paragraphs)
        yield Hit(
            message=f"{year}年度报告引用了《{name}》（{number}印发的旧格式），应引用{right_number}印发的格式" + (
                f"（报告同时引用了{right_number}，宜删去过时的格式名称）" if also_right else ""),
            location=p.location(start, end), evidence=snippet(p.text, start, end),
            expected=right_title, found=f"《{name}》", suggestion=f"改为《{right_title}》（{right_number}）",
            severity="warning" if also_right else None,
        )


def _title_spans(text: str, distinctive: str) -> list[tuple[int, int]]:
    """Where a notice's title (compared squeezed) lies in ``text``."""
    kept = [(i, ch) for i, ch in enumerate(text) if squeeze(ch)]
    flat = "".join(squeeze(ch) for _i, ch in kept)
    if len(flat) != len(kept):  # a character that NFKC widens: fall back to a whole-paragraph span
        return [(0, len(text))] if distinctive in squeeze(text) else []
    return [(kept[m.start()][0], kept[m.end() - 1][0] + 1) for m in re.finditer(re.escape(distinctive), flat)]


def _citations(text: str, pattern: re.Pattern[str], distinctive: str) -> list[tuple[int, int, bool, bool]]:
    """Citations of one notice in a paragraph: (start, end, with its number, with its title). A number within a few
    characters after the title (《…》（国办公开办函〔2019〕60号）) belongs to that title's citation."""
    numbers = [(m.start(), m.end()) for m in pattern.finditer(text)]
    out: list[tuple[int, int, bool, bool]] = []
    for t_start, t_end in _title_spans(text, distinctive):
        attached = next((n for n in numbers if 0 <= n[0] - t_end <= 8), None)
        if attached is not None:
            numbers.remove(attached)
            out.append((t_start, attached[1], True, True))
        else:
            out.append((t_start, t_end, False, True))
    out += [(start, end, True, False) for start, end in numbers]
    return sorted(out)


def _cites_outside(text: str, pattern: re.Pattern[str], distinctive: str, span: tuple[int, int] | None) -> bool:
    """Whether ``text`` cites a notice (its number or its title) outside ``span`` (and a few characters around it)."""
    found = [(m.start(), m.end()) for m in pattern.finditer(text)] + _title_spans(text, distinctive)
    if span is None:
        return bool(found)
    return any(end <= span[0] - 8 or start >= span[1] + 8 for start, end in found)


@rule("F3", "format", "warning",
      f"格式通知的发文字号写法正确（{current_format().basis_number}，非“国办政务公开办函”、缺括号等）",
      scope="text", needs=NARRATIVE)
def issuer_abbreviation(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    versions = known_versions()
    for version in versions:
        number, _title, pattern, _d = _notice(version)
        right_prefix = number.split("〔")[0]
        for p in all_paragraphs(doc):
            if version == versions[0]:
                for m in malformed_numbers(p.text):
                    right = _notice_of_year(m.group(1))
                    yield Hit(
                        message=f"发文字号写法有误：“{m.group(0)}”", location=p.location(m.start(), m.end()),
                        evidence=snippet(p.text, m.start(), m.end()), expected=right, found=m.group(0),
                        suggestion=f"写作“{right}”（年份用六角括号〔〕括起）",
                    )
            for m in pattern.finditer(p.text):
                prefix = m.group(1)
                if prefix and prefix != right_prefix:
                    yield Hit(
                        message=f"发文字号写作“{m.group(0).strip()}”，应为“{number}”",
                        location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                        expected=number, found=m.group(0).strip(), suggestion=f"改为“{number}”",
                    )


_BASIS_NUMBER = lazy_compile(r"(?:根据|按照|依据|依照)[^。；]{0,40}?(国办公开办函\s*〔\s*(20\d{2})\s*〕\s*(\d{1,3})\s*号)")


@rule("F7", "format", "warning",
      f"作为编制依据引用的国办公开办函是年度报告格式通知（{'或'.join(notice_short(v) for v in known_versions())}）",
      scope="text", needs=NARRATIVE)
def unknown_basis_number(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    known = {_notice(v)[0] for v in known_versions()}
    right = _notice(format_for_year(doc.report.meta.year))[0]
    for p in all_paragraphs(doc):
        if p.section != "preamble":
            continue
        for m in _BASIS_NUMBER.finditer(p.text):
            number = f"国办公开办函〔{m.group(2)}〕{m.group(3)}号"
            if number in known:
                continue
            yield Hit(
                message=f"编制依据引用了{number}，它不是年度报告格式通知，请核对", status="uncertain",
                location=p.location(m.start(1), m.end(1)), evidence=snippet(p.text, m.start(1), m.end(1)),
                expected=right, found=number, suggestion=f"年度报告的格式依据为{right}",
            )


_NOTICE_NUMBER = lazy_compile(
    rf"国办[\u4e00-\u9fff]{{0,6}}?函\s*[{_OPEN}]?\s*(20\d{{2}})\s*[{_CLOSE}]?\s*(\d{{1,3}})\s*号"
)
_WELL_FORMED = lazy_compile(rf"国办[\u4e00-\u9fff]{{0,6}}?函\s*[{_OPEN}]\s*20\d{{2}}\s*[{_CLOSE}]\s*\d{{1,3}}\s*号")


def _notice_of_year(year: str) -> str:
    """The format notice issued in ``year`` ("2019" -> 国办公开办函〔2019〕60号); the newest for any other year."""
    numbers = [_notice(v)[0] for v in known_versions()]
    return next((n for n in numbers if f"〔{year}〕" in n), numbers[-1])


def malformed_numbers(text: str) -> Iterator[re.Match[str]]:
    """Notice numbers of the 国办 with their brackets lost (国办公开办函〔202130号)."""
    for m in _NOTICE_NUMBER.finditer(text):
        if not _WELL_FORMED.fullmatch(m.group(0)):
            yield m


@cache
def _foreign_labels(version: int) -> tuple[tuple[str, str], ...]:
    """Labels only the other formats have, distinctive enough that prose would not use them by chance."""
    own = exclusive_labels(version) | {lab for lab in load_format(version).labels.values()}
    common = set(schema_data("wording")["labels_common_in_prose"])
    out = []
    for label in foreign_labels(version):
        if label in common or len(squeeze(label)) < 5 or any(squeeze(label) in squeeze(o) for o in own):
            continue
        out.append((label, squeeze(label)))
    return tuple(sorted(out))


@rule("F4", "format", "error", "正文不出现另一版格式的表格栏目（如2021年起的报告写“本年新制作数量”）", scope="text",
      needs=NARRATIVE)
def other_format_labels(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    year = doc.report.meta.year
    version = format_for_year(year)
    labels = _foreign_labels(version)
    for p in all_paragraphs(doc, headings=True):
        text = squeeze(p.text)
        for label, squeezed in labels:
            if squeezed in text:
                yield Hit(
                    message=f"{year}年度报告应使用{version}年版格式，正文却出现另一版格式的栏目“{label}”",
                    location=p.location(), evidence=snippet(p.text, 0, 0, 30), expected=f"{version}年版格式的栏目",
                    found=label, suggestion=f"按{load_format(version).basis_number}的格式改写相应内容和表格",
                )


_TITLE = lazy_compile(r"^(?P<organ>.*?)(?P<year>(?:19|20)\d{2})年(?P<du>度?)(?P<rest>.*)$")
# After the year: the organ's name, up to the tail's 政府/政务信息公开 ("湖口县人民政府信息公开…": 政府 is the organ's)
_ORGAN_AFTER_YEAR = lazy_compile(r"^(?!(?:政府|政务)?信息公开)(?P<organ>.{2,}?)(?<!人民)(?=(?:政府|政务)?信息公开)")
# "驼峰路街道办事处政府信息公开工作年度报告": an organ, no year, then the title's tail
_YEARLESS_TITLE = lazy_compile(r"^(?P<organ>[^\d]+?)(?P<rest>(?:政府|政务)?信息公开[^\d]*报告)$")


@rule("F5", "format", "warning", "标题为“机关名称＋年度＋政府信息公开工作年度报告”", scope="text", needs=NARRATIVE)
def title_form(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    draft = draft_of(doc)
    if not draft.title.strip():
        if "title" not in doc.missing and not is_partial(doc):
            yield Hit(message="缺少标题", location=Location(section="title"),
                      expected=f"{place_name(doc.report.meta)}{doc.report.meta.year}年{TITLE_TAIL}", found="无标题",
                      suggestion="补上标题")
        return
    title = squeeze(draft.title)
    m = _TITLE.match(title)
    year = doc.report.meta.year
    organ = m.group("organ") if m else ""
    rest = m.group("rest") if m else title
    yearless = _YEARLESS_TITLE.match(title) if m is None else None
    if yearless:  # the year left out is Y1's finding (one root problem, one finding); the rest is checked here
        organ, rest = yearless.group("organ"), yearless.group("rest")
    if m and not organ:  # "2021年迎宾路街道政府信息公开工作年度报告", "2022年湖口县卫生健康委员会信息公开年报"
        after_year = _ORGAN_AFTER_YEAR.match(rest)
        organ = after_year.group("organ") if after_year else ""
        rest = rest[len(organ):]
    expected = f"{organ or place_name(doc.report.meta)}{m.group('year') if m else year}年{m.group('du') if m else ''}" \
               f"{TITLE_TAIL}"
    problems: list[str] = []
    severity: Severity | None = None
    if rest != TITLE_TAIL:
        missing = [w for w in ("政府", "工作") if w not in rest and TITLE_TAIL.replace(w, "") in rest]
        problems.append("缺少“" + "”“".join(missing) + "”" if missing else f"应以“{TITLE_TAIL}”结尾")
    if not organ:
        problems.append("缺少机关名称")
    elif m and not m.group("organ"):
        problems.append("机关名称应在年度之前")
        severity = "info" if len(problems) == 1 else None
    if problems:
        yield Hit(
            message=f"标题“{draft.title.strip()}”不合规定的写法：" + "；".join(problems),
            location=Location(section="title", paragraph=0), evidence=draft.title.strip(), expected=expected,
            found=draft.title.strip(), suggestion=f"改为“{expected}”", severity=severity,
        )


@rule("F6", "format", "error", "依据的是2019年修订的条例（国务院令第711号），不是旧条例（第492号）", scope="text",
      needs=NARRATIVE)
def old_regulation(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    for p in all_paragraphs(doc):
        for m in _OLD_REGULATION.finditer(p.text):
            yield Hit(
                message="引用的是2007年的旧条例（国务院令第492号），2019年起应依据修订后的条例（国务院令第711号）",
                location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                expected="国务院令第711号", found=m.group(0), suggestion="改为“国务院令第711号”",
            )


REGULATION_TITLE = "中华人民共和国政府信息公开条例"
_CITED_TITLE = lazy_compile(r"《([^《》]{6,80})》")
# 《政府信息公开条例》: a short form of the 条例's title that real reports use now and then (4 of 74 in our sets,
# their readers mostly let it pass), so a hint; quiet when the report itself names it so ("以下简称《政府信息公开条例》")
SHORT_REGULATION_TITLE = "政府信息公开条例"
_DEFINES_SHORT_REGULATION = lazy_compile(r"简称\s*《政府信息公开条例》")


def _short_regulation(p: Paragraph, m: re.Match[str]) -> Hit:
    return Hit(
        message=f"条例名称写作《{SHORT_REGULATION_TITLE}》，规定名称为《{REGULATION_TITLE}》",
        location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
        expected=REGULATION_TITLE, found=SHORT_REGULATION_TITLE, severity="info",
        suggestion=f"首次引用写全称《{REGULATION_TITLE}》，并注明“以下简称《条例》”，其后用《条例》",
    )
_INNER_BRACKETS = str.maketrans({"<": "〈", ">": "〉", "＜": "〈", "＞": "〉"})


@cache
def fixed_titles() -> tuple[str, ...]:
    """The titles a report cites by their exact names: the 条例 and the format notices (and the format inside the
    2021 notice), each also without its issuer ("关于…的通知" is a legitimate short form)."""
    out = [REGULATION_TITLE]
    for version in known_versions():
        title = load_format(version).basis_title
        out.append(title)
        out.append(title[title.index("关于"):])
        out += re.findall(r"〈([^〈〉]+)〉", title)
    return tuple(dict.fromkeys(out))


def misnamed_fixed_title(cited: str) -> str | None:
    """The fixed title that ``cited`` truncates or misspells (one or two characters lost or changed), or None when
    the title is exact or is not one of them ("政府信息工作年度报告格式" → "政府信息公开工作年度报告格式"). A longer
    title is another document ("关于做好政府信息公开工作年度报告有关事项的通知" may be a local notice)."""
    cited = cited.translate(_INNER_BRACKETS).strip()
    titles = fixed_titles()
    if cited in titles:
        return None
    near = [t for t in titles if len(t) >= 10 and 0 <= len(t) - len(cited) <= 2 and edit_distance(cited, t) <= 2]
    return min(near, key=lambda t: edit_distance(cited, t)) if near else None


@rule("F8", "format", "warning", "所引条例和格式通知的名称与规定名称一致（如“政府信息公开工作年度报告格式”缺“公开”）",
      scope="text", needs=NARRATIVE)
def cited_title_names(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    paragraphs = list(all_paragraphs(doc, headings=True))
    own_short = any(_DEFINES_SHORT_REGULATION.search(p.text) for p in paragraphs)
    for p in paragraphs:
        for m in _CITED_TITLE.finditer(p.text):
            if m.group(1) == SHORT_REGULATION_TITLE and not own_short:
                yield _short_regulation(p, m)
                continue
            exact = misnamed_fixed_title(m.group(1))
            if exact is None:
                continue
            yield Hit(
                message=f"所引文件名称“{m.group(1)}”与规定名称不符，应为《{exact}》",
                location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                expected=exact, found=m.group(1), suggestion=f"改为《{exact}》",
            )
