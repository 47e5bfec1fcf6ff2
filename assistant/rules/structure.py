"""Structure and completeness rules (format.md §2.1, §4, E6, E15): the six sections, the list of parts in the opening
paragraph, what 总体情况, 五 and 六 must contain."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from assistant.facts import overview_aspect_names
from assistant.headings import (
    canonical_sections,
    find_section,
    infer_key,
    parse_heading,
    section_number,
    section_title,
    sections_data,
    squeeze,
)
from assistant.model import GOVERNMENT_KINDS, Document, Location
from assistant.numbering import CN_ORDINAL, cn_number, cn_numeral
from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import (
    NARRATIVE,
    body,
    draft_of,
    is_partial,
    may_be_cut_off,
    parts_list_paragraphs,
    quoted,
    sentences,
    snippet,
    spans,
)


def _heading_loc(key: str | None, heading: str) -> Location:
    return Location(section=key or heading, paragraph=-1, span=(0, len(heading)))


@rule("S1", "structure", "error", "六个部分齐全（总体情况……其他需要报告的事项）", scope="text", needs=NARRATIVE)
def sections_present(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    draft = draft_of(doc)
    for number, key, title in canonical_sections():
        if key in doc.missing or find_section(draft, key) is not None:
            continue
        yield Hit(message=f"缺少第{cn_numeral(number)}部分“{title}”", location=Location(section=key),
                  expected=title, found="缺少", suggestion=f"补上“{title}”及其内容")


@rule("S2", "structure", "error", "各部分按一至六的顺序排列，编号为“一、”……“六、”，不多出部分", scope="text", needs=NARRATIVE)
def sections_order(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    draft = draft_of(doc)
    last = 0
    for i, section in enumerate(draft.sections):
        heading = parse_heading(section.heading)
        key = section.key or heading.key
        loc = _heading_loc(key, section.heading)
        if key is None:
            yield Hit(message=f"“{section.heading}”不是年度报告格式规定的六个部分之一", location=loc,
                      evidence=section.heading, expected="六个规定部分之一", found=section.heading, severity="warning",
                      suggestion="将其内容并入相应部分（如并入“五、存在的主要问题及改进情况”或“六、其他需要报告的事项”）")
            continue
        number = section_number(key) or 0
        if number < last:
            yield Hit(message=f"“{section.heading}”的位置不对：应排在第{cn_numeral(number)}部分",
                      location=loc, evidence=section.heading, expected=f"第{cn_numeral(number)}部分",
                      found=f"排在第{i + 1}个", suggestion="按一至六的顺序排列各部分")
        last = max(last, number)
        canonical_no = cn_numeral(number)
        if heading.number is None:
            yield Hit(message=f"标题“{section.heading}”缺少编号“{canonical_no}、”", location=loc,
                      evidence=section.heading, expected=section_title(key), found=section.heading,
                      severity="warning", suggestion=f"写作“{section_title(key)}”")
        elif heading.number != number:
            yield Hit(message=f"标题“{section.heading}”的编号应为“{canonical_no}、”", location=loc,
                      evidence=section.heading, expected=f"{canonical_no}、", found=section.heading,
                      suggestion=f"写作“{section_title(key)}”")
        elif heading.style != "cn" or _NUMBER_WITH_STOP.match(section.heading):  # "1、", "一.总体情况"
            yield Hit(message=f"标题“{section.heading}”的编号应使用“{canonical_no}、”", location=loc,
                      evidence=section.heading, expected=f"{canonical_no}、", found=section.heading,
                      severity="warning", suggestion=f"写作“{section_title(key)}”")


_NUMBER_WITH_STOP = lazy_compile(r"\s*[一二三四五六七八九十]{1,2}\s*[.．]")  # "一.总体情况": a stop where 、 belongs


@rule("S3", "structure", "warning", "各部分标题使用规定的写法（变体可接受，但建议改为规定标题）", scope="text",
      needs=NARRATIVE)
def section_titles_canonical(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    sections = draft_of(doc).sections
    for section in sections:
        heading = parse_heading(section.heading)
        key = section.key or heading.key
        if key is None or not section.heading.strip():
            continue
        official = squeeze(parse_heading(section_title(key)).title)
        if section is sections[-1] and not section.text.strip() and official.startswith(squeeze(heading.title)):
            continue  # the text ends inside its last heading ("三、收到和处理政府信息公开"): cut off, not renamed
        if squeeze(heading.title) != official:
            yield Hit(message=f"标题“{section.heading}”与规定写法不同", location=_heading_loc(key, section.heading),
                      evidence=section.heading, expected=section_title(key), found=section.heading,
                      suggestion=f"改为“{section_title(key)}”")


_PARTS_INTRO = lazy_compile(r"包括|包含|涵盖|分为|共分|分成|由(?!于)")
_PARTS_COUNT = lazy_compile(rf"(?:等|共)?({CN_ORDINAL}|\d{{1,2}})\s*(?:个|大)?(?:部分|方面)")
_EXPLANATION = lazy_compile(r"[（(][^（）()]*[）)]")
_PART_SPLIT = lazy_compile(r"(?:[、，,；;“”\"]|以及|(?<=情况)和|和(?=其他)|(?<!以)及(?=其他))+")


_REPORT_WORDS = lazy_compile(r"报告|全文|年报")


def _parts_list(sentence: str, report_before: bool = False) -> tuple[list[str], int | None, int, int] | None:
    """The listed parts, the declared count, and the list's span in an opening sentence; None if none.
    ``report_before``: the previous sentence ended speaking of the report, so a sentence that opens with the list
    ("……要求编制。由总体情况、……六部分组成。") has the report as its subject."""
    count_m = _PARTS_COUNT.search(sentence)
    intros = list(_PARTS_INTRO.finditer(sentence))
    intro = next((m for m in intros if m.group(0) != "由"), intros[0] if intros else None)
    if not intro:
        return None
    opens_with_list = report_before and not sentence[: intro.start()].strip()
    if not opens_with_list and not _REPORT_WORDS.search(sentence[: intro.start()]):
        return None
    if count_m and count_m.start() < intro.start():  # "本报告共分6个部分：总体情况、……"
        start = sentence.find("：", count_m.end())
        start = count_m.end() + 1 if start < 0 else start + 1
        end = len(sentence)
    else:
        start, end = intro.end(), count_m.start() if count_m else len(sentence)
    text = sentence[start:end]
    text = re.sub(r"(?:等|共)$|[。；]$|(?:组成|构成|内容)$", "", text.strip()).lstrip("：:")
    text = _EXPLANATION.sub("", text)  # "诉讼和申诉的情况（公民、法人和其他组织就…）": one part, explained
    items = [s.strip() for s in _PART_SPLIT.split(text) if s.strip()]
    if len(items) < 3:
        return None
    declared = None
    if count_m:
        value = count_m.group(1)
        declared = int(value) if value.isdigit() else cn_number(value)
    return items, declared, start, end


def _merge_parts(items: list[str]) -> list[tuple[str, str | None]]:
    """Pair each listed part with its section; pieces split off one title (复议、诉讼) are merged back."""
    out: list[tuple[str, str | None]] = []
    for item in items:
        key = infer_key(item)
        if out and ((key is not None and key == out[-1][1]) or (key is None and out[-1][1] == "appeals" and "诉讼" in item)):
            out[-1] = (out[-1][0] + "、" + item, out[-1][1])
        else:
            out.append((item, key))
    return out


# 复议、诉讼 joined by 和/与/及 inside a list that is itself separated by 、 is the official label, not a variant
_APPEALS_JOIN = lazy_compile(r"(?<=行政复议)(?:以及|和|与|及)(?=行政诉讼)")
_LEADING_JOIN = lazy_compile(r"^(?:以及|和|与|及)")
_TRAILING_WORDS = lazy_compile(r"(?:等?(?:(?:[一二三四五六七八九十]|\d{1,2})[个项大]?)?(?:部分|方面|内容|组成|构成))+$")  # "…事项等六项内容"


def _label(key: str) -> str:
    """The official label of a part, without its numbering ("存在的主要问题及改进情况")."""
    return parse_heading(section_title(key)).title


_DROPPED_LEAD = 3  # "主要问题及改进情况" for "存在的主要问题及改进情况": a few words left off the front


def _is_label(item: str, key: str) -> bool:
    """Whether a listed part is its official label, allowing the field named before 总体情况 ("政府信息公开工作总体
    情况") or a few words left off a label's front ("主要问题及改进情况"). A word changed inside a label ("改进措施",
    "复议和诉讼") or the 条例's wording put before it ("行政机关主动公开…", "政府信息公开工作存在的…") is a variant."""
    item = squeeze(_APPEALS_JOIN.sub("", _TRAILING_WORDS.sub("", _LEADING_JOIN.sub("", item))))
    label = squeeze(_label(key))
    return (item == label or (key == "overview" and item.endswith(label))
            or (label.endswith(item) and len(label) - len(item) <= _DROPPED_LEAD))


# Words a listed part name may add or drop and still be the part ("政府信息公开工作总体情况", "主要问题及改进情况"),
# and the 条例 第五十条's own wording of part 四: independent readers of real reports never mark these
_FILLER = lazy_compile(r"政府信息公开|信息公开|行政机关|工作|中|的|等")
_REGULATION_APPEALS = lazy_compile(r"^因政府信息公开(?:工作)?被?申请行政复议[、和及与]?提起行政诉讼的?情况$")


def _is_paraphrase(item: str, key: str) -> bool:
    """Whether a listed name is the official label in other words, not a different part or a wrong label."""
    said = squeeze(_TRAILING_WORDS.sub("", _LEADING_JOIN.sub("", item)))
    if key == "appeals" and _REGULATION_APPEALS.match(said):
        return True
    said = re.sub(r"复议[和及与]?诉讼", "复议行政诉讼", said)  # "行政复议及诉讼情况"
    said, label = _FILLER.sub("", said), _FILLER.sub("", squeeze(_label(key)))
    return bool(said) and (label in said or said in label)


def _names_an_aspect(item: str) -> bool:
    """Whether a listed item names one of the overview's aspects (政府信息管理, 平台建设, 监督保障, …)."""
    core = _FILLER.sub("", _TRAILING_WORDS.sub("", squeeze(item)))  # "政府信息公开管理" -> "管理"
    return any(w in item for a in sections_data()["overview_aspects"] for w in a["words"]) or bool(core) and any(
        core in a["name"] for a in sections_data()["overview_aspects"])


_NOT_A_PART = lazy_compile(r"\d+月\d+日|统计期限|所列数据")  # a sentence run into the list, not a listed part


_ASPECTS_WORD = lazy_compile(r"方面(?!.*部分)")
_FULL_SENTENCE = lazy_compile(r"[^。！？!?\n]+[。！？!?]?")


@rule("S4", "structure", "error", "报告所列的组成部分（在开头或总体情况等处）与规定的六个部分一致", scope="text",
      needs=NARRATIVE)
def parts_list(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    expected_keys = [k for _n, k, _t in canonical_sections()]
    titles = [parse_heading(t).title for _n, _k, t in canonical_sections()]
    expected_text = "、".join(titles)
    for paragraph in parts_list_paragraphs(doc):
        previous = ""
        for s_start, _s_end, sentence in spans(_FULL_SENTENCE, paragraph.text):  # a list may be split by ；
            parsed = _parts_list(sentence, bool(_REPORT_WORDS.search(previous)))
            previous = sentence
            if parsed is None:
                continue
            items, declared, start, end = parsed
            parts = _merge_parts(items)
            keys = [k for _item, k in parts]
            problems = []
            # A declared count that disagrees with the list itself is I3's finding; here only a count that
            # agrees with the list but is not six.
            count_not_six = declared is not None and declared != 6 and declared in (len(items), len(parts))
            if count_not_six:
                problems.append(f"称共{declared}个部分")
            unknown = [item for item, k in parts if k is None and not _NOT_A_PART.search(item)]
            if unknown and all(_names_an_aspect(item) for item in unknown) \
                    and _ASPECTS_WORD.search(paragraph.text, s_start + start):
                continue  # "…政府信息公开管理、平台建设、监督保障等方面内容": the overview's aspects, not its parts
            if unknown:
                problems.append("所列“" + "”“".join(unknown) + "”不是规定的部分")
            # the 条例 第五十条's own list of what a report contains has no 总体情况: leaving it out is no fault
            absent = [section_title(k) for k in expected_keys if k not in keys and k != "overview"]
            short_of_declared = declared == 6 and len(parts) + len(absent) == 6 and not unknown
            if absent and len(parts) >= 3 and not short_of_declared:  # a part left out of "六个部分" is I3's
                problems.append("未列" + "、".join(f"“{t}”" for t in absent))
            known = [k for k in keys if k]
            if not absent and not unknown and known != sorted(known, key=expected_keys.index):
                problems.append("顺序与规定不同")
            if problems:
                # an error only for a count said or a listed item that is no part (not in a list of "方面", which
                # may list the work's aspects); a part left out of a list of known parts, or their order: a warning
                certain = count_not_six or (unknown and not _ASPECTS_WORD.search(paragraph.text, s_start + start))
                yield Hit(
                    message="所列的报告组成部分与规定的六个部分不符：" + "；".join(problems),
                    location=paragraph.location(s_start + start, s_start + end),
                    severity=None if certain else "warning",
                    evidence=snippet(sentence, start, end, 4), expected="六个部分：" + quoted(titles),
                    found=quoted(items), suggestion=f"改为“本报告包括{expected_text}六个部分”",
                )
                continue
            renamed = [(item, _label(k)) for item, k in parts if k and not _is_label(item, k)]
            if renamed:  # the right parts, but not under their official labels: a tip when only reworded
                reworded = all(_is_paraphrase(i, k) for i, k in parts if k and not _is_label(i, k))
                yield Hit(
                    message="所列部分的名称不是年度报告格式规定的标签：" + "；".join(f"“{i}”应为“{t}”" for i, t in renamed),
                    location=paragraph.location(s_start + start, s_start + end),
                    severity="info" if reworded else "warning",
                    evidence=snippet(sentence, start, end, 6), expected=quoted([t for _i, t in renamed]),
                    found=quoted([i for i, _t in renamed]), suggestion=f"改为“本报告包括{expected_text}六个部分”",
                )


def _section_text(doc: Document, key: str) -> str | None:
    section = find_section(draft_of(doc), key)
    return None if section is None else section.text


FIVE_ASPECTS_FROM = 2021


def _applications(doc: Document) -> int:
    """Applications in table 三 (new and carried over), 0 when its first two rows are not read (C5.silent's test)."""
    if "t3" in doc.missing:
        return 0
    values = [doc.report.tables.get(f"t3.{row}.total") for row in ("new_received", "carried_over")]
    return sum(v for v in values if isinstance(v, int)) if all(isinstance(v, int) for v in values) else 0


_CLAUSE = lazy_compile(r"[^，。；！？,;!?\n]+")


def speaks_of(text: str, aspect_name: str) -> bool:
    """Whether a text speaks of one of 总体情况's aspects ("依申请公开") in the words of ``schemas/sections.yaml``."""
    return _covers(text, next(a for a in sections_data()["overview_aspects"] if a["name"] == aspect_name))


def _covers(text: str, aspect: dict[str, list[str]]) -> bool:
    """Whether the overview's text speaks of an aspect: one of its words (not inside one of its ``except`` phrases),
    or a channel (网站) named with a word of building or upkeep in the same clause (a channel named as where
    information was published is not the aspect)."""
    for phrase in aspect.get("except", ()):
        text = text.replace(phrase, "")
    if any(w in text for w in aspect["words"]):
        return True
    return any(any(c in clause for c in aspect.get("channels", ())) and any(u in clause for u in aspect["upkeep"])
               for clause in _CLAUSE.findall(text))


@dataclass(frozen=True)
class _Subheading:
    paragraph: int  # index of its paragraph in 总体情况
    style: str  # "paren" (（一）) or "arabic" (1. 1、)
    text: str  # numbering and title, as written ("（三）政府信息公开的收费情况")
    title: str  # the title alone ("政府信息公开的收费情况")


_SUBHEADING = lazy_compile(
    r"^\s*(?:(?P<paren>[（(][一二三四五六七八九十]{1,2}[）)])|(?P<arabic>\d{1,2}\s*[.．、](?!\d)))\s*"
    r"(?P<title>[^。：:；;，,\s]{2,24})(?=[。：:；;，,\s]|$)")


def _overview_subheadings(doc: Document) -> list[_Subheading]:
    """The sub-headings of 总体情况 at its top level (the numbering style of the first one: （一） or 1.)."""
    section = find_section(draft_of(doc), "overview")
    found = []
    for i, paragraph in enumerate(section.paragraphs if section else ()):
        m = _SUBHEADING.match(paragraph)
        if m:
            style = "paren" if m.group("paren") else "arabic"
            found.append(_Subheading(i, style, paragraph[m.start(style):m.end("title")].strip(), m.group("title")))
    return [h for h in found if h.style == found[0].style] if found else []


def _topic(title: str) -> tuple[str, str] | None:
    """What a sub-heading of 总体情况 is about: ("old", topic) for a topic of the old outline, ("aspect", name) for
    one of the five aspects, None for anything else ("强化组织领导")."""
    words = squeeze(title)
    data = sections_data()
    for old in data["overview_old_topics"]:
        if any(w in words for w in old["words"]):
            return "old", str(old["name"])
    for aspect in data["overview_aspects"]:
        if any(w in words for w in aspect["heading"]):
            return "aspect", str(aspect["name"])
    return None


def _aspect_topics(headings: list[_Subheading]) -> list[tuple[str, str]] | None:
    """The topics of 总体情况's sub-headings when it is written as one sub-heading per topic (at least three, each an
    aspect or an old-outline topic); None when it is not (themed sub-headings may cover any aspect)."""
    topics = [_topic(h.title) for h in headings]
    if len(topics) < 3 or any(t is None for t in topics):
        return None
    return [t for t in topics if t is not None]


def _names_aspect(text: str, aspect: dict[str, Any]) -> bool:
    """Whether the text writes out an aspect's name ("平台建设", "信息管理", "监督保障")."""
    name = str(aspect["name"])
    short = name.removeprefix("政府信息公开").removeprefix("政府")
    return name in text or short in text


def _without_parts_lists(text: str) -> str:
    """The text without its sentences listing the report's parts or aspects ("全文包括主动公开……监督保障等方面内容"):
    naming an aspect in such a list is no account of it."""
    return "\n".join("".join(sentence for _s, _e, sentence in spans(_FULL_SENTENCE, line) if _parts_list(sentence) is None)
                     for line in text.split("\n"))  # paragraph by paragraph: sub-headings are found by paragraph


def _absent_aspects(doc: Document, text: str, cut_off: bool) -> list[str]:
    """The aspects the overview leaves out. When the overview may be cut off (a partial document ending in it), only
    aspects skipped between sub-headings can be known: one that comes, in the format's order, before an aspect that
    has its sub-heading ("（三）政府信息管理" then "（四）监督保障": 平台建设 was skipped)."""
    aspects = sections_data()["overview_aspects"]
    headings = _overview_subheadings(doc)
    topics = _aspect_topics(headings)
    if topics is not None:  # one sub-heading per aspect: an aspect without one is missing unless named in the text
        # or spoken of in the opening paragraphs before the first sub-heading ("加强组织领导，严格审查程序")
        opening = "\n".join(text.split("\n")[: headings[0].paragraph])
        headed = {name for kind, name in topics if kind == "aspect"}
        last = max((i for i, a in enumerate(aspects) if a["name"] in headed), default=-1)
        return [a["name"] for i, a in enumerate(aspects)
                if a["name"] not in headed and not _names_aspect(text, a) and not _covers(opening, a)
                and (not cut_off or i < last)]
    return [] if cut_off else [a["name"] for a in aspects if not _covers(text, a)]


# Before the 2021 format the aspects were not listed (2019 format, 国办公开办函〔2019〕60号): a warning only for an
# overview that leaves out most of them, or several of them in a few sentences; else a hint.
MOSTLY_ABSENT = 3
SEVERAL_ABSENT, SHORT_OVERVIEW = 2, 300  # characters, punctuation aside


@rule("S5", "completeness", "warning", "总体情况涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障", scope="text",
      needs=NARRATIVE)
def overview_aspects(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if "overview" in doc.missing:
        return
    text = _section_text(doc, "overview")
    if text is None:
        return
    absent = _absent_aspects(doc, _without_parts_lists(text), may_be_cut_off(doc, "overview"))
    if _applications(doc):
        absent = [a for a in absent if a != "依申请公开"]  # C5.silent says so, with table 三's figures
    if absent:
        # the five aspects are required from the 2021 format (国办公开办函〔2021〕30号); before, a warning only when
        # the overview leaves out most of them or is a few sentences (see MOSTLY_ABSENT)
        required = (doc.report.meta.year >= FIVE_ASPECTS_FROM or len(absent) >= MOSTLY_ABSENT
                    or (len(absent) >= SEVERAL_ABSENT and len(squeeze(text)) < SHORT_OVERVIEW))
        yield Hit(message="总体情况未写" + "、".join(absent) + "方面的情况", location=Location(section="overview"),
                  severity=None if required else "info",
                  expected="、".join(overview_aspect_names()),
                  found="缺" + "、".join(absent),
                  suggestion="在总体情况中分别写明" + "、".join(absent) + "的情况（无相关情况也应说明）")


@rule("S9", "structure", "warning", "总体情况按规定的方面分项，不沿用旧提纲（收费、行政复议和行政诉讼等分项属于其他部分）",
      scope="text", needs=NARRATIVE)
def overview_old_outline(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    headings = _overview_subheadings(doc)
    if _aspect_topics(headings) is None:  # themed sub-headings with an old one among them: a matter of style
        return
    old = [(h, t[1]) for h in headings if (t := _topic(h.title)) is not None and t[0] == "old"]
    if not old:
        return
    first = old[0][0]
    yield Hit(message="总体情况沿用旧提纲分项：" + "、".join(f"“{h.text}”" for h, _t in old)
                      + "，这些内容不属于总体情况（申请和复议、诉讼在第三、四部分报告）",
              location=Location(section="overview", paragraph=first.paragraph, span=(0, len(first.text))),
              evidence=first.text, expected="、".join(overview_aspect_names()),
              found="、".join(h.title for h, _t in old),
              suggestion="总体情况按主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障分项叙述，"
                         "删去重复第三、四部分的分项")


@rule("S10", "structure", "warning", "总体情况的分项标题用“（一）（二）……”编号（“1.”是再下一级）", scope="text",
      needs=NARRATIVE)
def overview_heading_level(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    headings = _overview_subheadings(doc)
    if not headings or headings[0].style != "arabic" or _aspect_topics(headings) is None:
        return
    first = headings[0]
    yield Hit(message=f"总体情况的分项标题用“{first.text}”这样的“1.”编号，跳过了“（一）”一级",
              location=Location(section="overview", paragraph=first.paragraph, span=(0, len(first.text))),
              evidence=first.text, expected=f"（一）{first.title}", found=first.text,
              suggestion="分项标题依次写作“（一）”“（二）”……（公文层次为一、（一）、1.、（1））")


# In a partial report, 总体情况 alone: a finding when it leaves out two of the three results (one left out of an
# account of 督查考核与责任追究 is too slight to call, as readers of 昌隆镇2025 judged)
PARTIAL_DUTIES_ABSENT = 2


@rule("S6", "completeness", "warning", "人民政府的报告写明工作考核、社会评议和责任追究结果情况", scope="text",
      needs=NARRATIVE)
def government_duties(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if doc.report.meta.organ_kind not in GOVERNMENT_KINDS:
        return
    if is_partial(doc):  # the results may be reported in a part that is absent, except that from the 2021 format
        # on (30号) they belong to 总体情况's 监督保障: a complete 总体情况 is enough to judge
        if doc.report.meta.year < FIVE_ASPECTS_FROM or "overview" in doc.missing or may_be_cut_off(doc, "overview"):
            return
        text = _section_text(doc, "overview") or ""
    else:
        text = "\n".join(p.text for p in body(doc))
    absent = [d["name"] for d in sections_data()["government_duties"] if not any(w in text for w in d["words"])]
    if is_partial(doc) and len(absent) >= PARTIAL_DUTIES_ABSENT:  # judged on 总体情况 alone
        yield Hit(message="总体情况未写" + "、".join(absent) + "的结果情况（人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况）",
                  location=Location(section="overview"), expected="工作考核、社会评议和责任追究结果情况",
                  found="缺" + "、".join(absent),
                  suggestion="在总体情况“监督保障”中写明" + "、".join(absent) + "的结果（条例第五十条第（四）项）")
    elif absent and not is_partial(doc):
        yield Hit(message="人民政府的年度报告应包括工作考核、社会评议和责任追究结果情况，文中未见" + "、".join(absent),
                  location=Location(section="overview"), expected="工作考核、社会评议和责任追究结果情况",
                  found="缺" + "、".join(absent),
                  suggestion="在总体情况“监督保障”中写明" + "、".join(absent) + "的结果（条例第五十条第（四）项）")


@rule("S7", "completeness", "error", "“五、存在的主要问题及改进情况”有实际内容（不为空、不只写“无”）", scope="text",
      needs=NARRATIVE)
def problems_not_empty(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if "problems" in doc.missing or may_be_cut_off(doc, "problems"):
        return
    section = find_section(draft_of(doc), "problems")
    if section is None:
        return
    content = squeeze(section.text)
    empty = set(sections_data()["empty_section_texts"])
    if len(content) < 10 or content in empty:
        yield Hit(message="“五、存在的主要问题及改进情况”没有实际内容", location=Location(section="problems"),
                  evidence=section.text or "（空）", expected="存在的问题和改进措施", found=section.text or "空",
                  suggestion="写明本年度存在的主要问题、上年度问题的改进情况和下一步改进措施")


# Far beyond any real report: the longest section of the real reports in tests/fixtures (corpus and eval, 5,000
# sections and more) is 平潭2019's 总体情况 at 3,830 characters, and none repeats a sentence of 8 characters or more even
# once. A section five times that long (rounded up to whole thousands: 20,000), or a sentence three times over, is a
# paste gone wrong (a 204,000-character note of one repeated sentence passed as 六 with no finding). The message
# names the measured length to the hundred ("约3,800字"), so what it says and the threshold come from one figure.
LONGEST_REAL_SECTION = 3_830
SECTION_LENGTH_BEYOND_REAL = math.ceil(5 * LONGEST_REAL_SECTION / 1000) * 1000
SENTENCE_REPEATS_BEYOND_REAL = 3
REPEATED_SENTENCE_MIN_LENGTH = 8


@rule("S11", "structure", "warning", "各部分的篇幅与真实报告相当：不远超常见长度，不把同一句话重复多遍（粘贴出错）",
      scope="text", needs=NARRATIVE)
def pasted_too_much(run: RuleRun) -> Iterator[Hit]:
    for section in draft_of(run.doc).sections:
        key = section.key or parse_heading(section.heading).key
        title, where = (section_title(key), key) if key else (section.heading, section.heading)
        yield from pasted_too_much_in(title, where, section.paragraphs)


def pasted_too_much_in(title: str, where: str, paragraphs: list[str]) -> Iterator[Hit]:
    """S11 on one text (a section, or a note the clerk pasted: the UI says so when it is saved): too long, or one
    sentence many times over."""
    text = "".join(paragraphs)
    if len(text) > SECTION_LENGTH_BEYOND_REAL:
        longest = f"{round(LONGEST_REAL_SECTION, -2):,}"
        yield Hit(message=f"“{title}”长达{len(text):,}字，远超一般年度报告一个部分的篇幅（真实报告最长的部分约{longest}字），"
                          "可能粘贴了多余的内容",
                  location=Location(section=where), evidence=text[:40] + "……",
                  expected=f"不超过{SECTION_LENGTH_BEYOND_REAL:,}字", found=f"{len(text):,}字",
                  suggestion="检查这一部分（及其来源的备注）是否粘贴了多余或重复的内容，删去后重新起草")
    counts: dict[str, int] = {}
    first_paragraph: dict[str, int] = {}
    for i, paragraph in enumerate(paragraphs):
        for _start, _end, sentence in sentences(paragraph):
            sentence = sentence.strip()
            if len(sentence) >= REPEATED_SENTENCE_MIN_LENGTH:
                counts[sentence] = counts.get(sentence, 0) + 1
                first_paragraph.setdefault(sentence, i)
    if not counts:
        return
    sentence, _tally = max(counts.items(), key=lambda item: item[1])
    # "重复了N次" is the sentence's occurrences in the text, the first one included, wherever it stands: also in a
    # sentence the drafter opened with a lead ("关于建议提案办理，" + the pasted sentence), so that a draft says the
    # same N as the notes it was drafted from
    times = sum(paragraph.count(sentence) for paragraph in paragraphs)
    if times >= SENTENCE_REPEATS_BEYOND_REAL:
        yield Hit(message=f"“{title}”中“{sentence[:30]}{'……' if len(sentence) > 30 else ''}”这句话重复了{times}次，"
                          "可能是粘贴出错",
                  location=Location(section=where, paragraph=first_paragraph[sentence]),
                  evidence=sentence, expected="同一句话只写一次", found=f"重复{times}次",
                  suggestion="删去重复的句子（并检查备注中是否重复粘贴），只保留一次")


@rule("S8", "completeness", "warning", "2021年起，“六、其他需要报告的事项”写明信息处理费收取情况（未收取也应说明）",
      scope="text", needs=NARRATIVE)
def processing_fee_stated(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if doc.report.meta.year < 2021 or "other" in doc.missing or may_be_cut_off(doc, "other"):
        return
    text = _section_text(doc, "other")
    if text is None:
        return
    if not any(w in text for w in sections_data()["processing_fee_words"]):
        fee = doc.report.other_figures.processing_fee_yuan
        example = "本年度未收取信息处理费" if not fee else f"本年度收取信息处理费{fee}元"
        yield Hit(message="“六、其他需要报告的事项”未说明信息处理费收取情况", location=Location(section="other"),
                  evidence=text[:40] or "（空）", expected="信息处理费收取情况", found="未说明",
                  suggestion=f"写明依据《政府信息公开信息处理费管理办法》收取信息处理费的情况，如“{example}。”")

