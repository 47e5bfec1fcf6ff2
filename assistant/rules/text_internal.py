"""The narrative against itself: 其中 breakdowns that don't add up, percentages that don't match their count and base,
"N个部分" that are not the parts listed (format.md §5, E13; corpus 020, 026; 上海2019), the report naming itself by
another title than its own, one channel's count stated twice with two numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.claims import Claim, in_base_unit, percent_of, plain, share_base, statement_year
from assistant.model import Location
from assistant.numbering import SECTION_NUMERALS, to_number
from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, all_paragraphs, parts_list_paragraphs, snippet
from assistant.textview import Paragraph

_PARTS_DECLARED = lazy_compile(rf"(?P<n>[{SECTION_NUMERALS}\d]{{1,2}})\s*个?\s*(?:部分|方面)")
_PARTS_INTRO = lazy_compile(r"(?:包括|包含|分为|分成|共分|由|含)")
_PART_END_WORDS = ("情况", "事项", "思路", "思考", "措施", "举措", "内容", "计划", "安排", "打算", "概述", "概况")
_PART_SPLIT = lazy_compile(r"[、,，；;]")


def _span_text(para: Paragraph, start: int, end: int, limit: int = 120) -> str:
    text = para.text[start:end].strip(" ，,；;：:")
    return text if len(text) <= limit else text[:limit] + "…"


# Where information is published: a list of these may count one item once on each channel
_CHANNEL_PART = lazy_compile(r"网站|公众号|微博|媒体|平台|客户端|抖音|视频号|头条|栏目|专栏|专区|公开栏|公示栏")


def _overlapping_channels(parts: list[Claim], total: Decimal) -> bool:
    """Whether a 包括 list is of channels ("包括政府网站100条，微信公众号80条"), none above the total: one item may
    be published on several channels, so their sum may exceed the total."""
    return all(_CHANNEL_PART.search(p.subject) for p in parts) and all(in_base_unit(p) <= total for p in parts)


@rule("I1", "text_internal", "error", "“其中”所列各项之和不超过总数；列全时等于总数", scope="text", needs=NARRATIVE)
def breakdown_sums(run: RuleRun) -> Iterator[Hit]:
    for para, claims in run.claims:
        for whole in claims:
            if not whole.parts or whole.value is None:
                continue
            parts = [claims[i] for i in whole.parts]
            if "approx" in whole.qualifiers or any("approx" in p.qualifiers for p in parts):
                continue
            if whole.figures and all(p.figures for p in parts):
                continue  # every number maps to a figure: the text-vs-table rules check each of them
            total = in_base_unit(whole)
            added = sum((in_base_unit(p) for p in parts), Decimal(0))
            if whole.listed_by == "包括" and _overlapping_channels(parts, total):
                continue
            listed = "＋".join(plain(p.value) for p in parts if p.value is not None)
            start = max(whole.subject_start, whole.sentence[0])
            evidence = _span_text(para, start, parts[-1].end)
            location = Location(section=para.section, paragraph=para.index, span=(whole.start, parts[-1].end))
            if added > total:
                yield Hit(
                    message=f"“{whole.listed_by}”所列各项之和超过总数：{listed}＝{plain(added)}，而总数为{whole.text}",
                    location=location, evidence=evidence, expected=f"≤{plain(total)}", found=plain(added),
                    suggestion="核对总数和各分项，改正写错的数字",
                    severity="error" if whole.listed_by == "其中" else "warning",  # a 包括 list is read less surely
                )
            elif added < total and len(parts) >= 2 and not whole.open_list:
                # short of the whole with the doubtful parts too ("…75条，收到留言56条": both readings fall short)
                written = parts + [claims[i] for i in whole.doubtful_parts]
                added = sum((in_base_unit(p) for p in written), Decimal(0))
                if added >= total:
                    continue
                listed = "＋".join(plain(p.value) for p in written if p.value is not None)
                location = Location(section=para.section, paragraph=para.index, span=(whole.start, written[-1].end))
                yield Hit(
                    message=f"“其中”所列各项之和小于总数：{listed}＝{plain(added)}，而总数为{whole.text}",
                    location=location, evidence=_span_text(para, start, written[-1].end), expected=plain(total),
                    found=plain(added),
                    suggestion="核对总数和各分项；如只列出一部分，写明“等”或补列其余各项",
                    severity="warning",
                )


@rule("I2", "text_internal", "error", "百分比等于正文所写件数除以正文所写基数（按所写位数四舍五入，不截断）",
      scope="text", needs=NARRATIVE)
def share_percentages(run: RuleRun) -> Iterator[Hit]:
    for para, claims in run.claims:
        for i, pct in enumerate(claims):
            if pct.kind != "percent" or not pct.share or pct.count is None or pct.value is None:
                continue
            base = share_base(claims, i)
            if base is None or base.claim is None:
                continue  # a base taken from the tables is C2's
            counted, whole = claims[pct.count], claims[base.claim]
            if counted.value is None or whole.value is None or not whole.value or \
                    "approx" in counted.qualifiers or "approx" in whole.qualifiers:
                continue
            expected = percent_of(in_base_unit(counted), in_base_unit(whole), pct.decimals)
            if pct.value in expected:
                continue
            exact = in_base_unit(counted) * 100 / in_base_unit(whole)
            evidence = _span_text(para, max(counted.subject_start, counted.sentence[0]), pct.end)
            yield Hit(
                message=(f"百分比与所写数字不符：{plain(counted.value)}÷{plain(whole.value)}＝"
                         f"{plain(exact.quantize(Decimal('0.0001')))}%，保留{pct.decimals}位小数应为"
                         f"{plain(expected[0])}%，正文写{pct.text}"),
                location=Location(section=para.section, paragraph=para.index, span=(pct.start, pct.end)),
                evidence=evidence, expected=f"{plain(expected[0])}%", found=pct.text,
                suggestion=f"改为{plain(expected[0])}%（四舍五入，不要截断）",
            )


def _count_parts(listing: str) -> tuple[int, int]:
    """How many parts a list such as "总体情况、主动公开政府信息情况、…和其他需要报告的事项" names: split at 、
    as written, and read as titles (pieces split off one title, "行政复议、行政诉讼情况", merged back; two titles
    joined by 和/及 split). Both counts are plausible readings; a declared number that is neither is wrong.
    """
    pieces = [p.strip() for p in _PART_SPLIT.split(listing) if p.strip()]
    ending = sum(1 for p in pieces if p.endswith(_PART_END_WORDS))
    if ending * 2 < len(pieces):
        return len(pieces), len(pieces)
    return len(pieces), _titles(pieces)


def _pieces(listing: str) -> list[str]:
    return [p.strip() for p in _PART_SPLIT.split(listing) if p.strip()]


def _titles(pieces: list[str]) -> int:
    count, pending = 0, False
    for piece in pieces:
        for sub in _split_joined(piece):
            if sub.endswith(_PART_END_WORDS):
                count += 1
                pending = False
            else:
                pending = True
    return count + (1 if pending else 0)


def _split_joined(piece: str) -> list[str]:
    """"…改进情况和其他需要报告的事项" -> two parts; "收到和处理…申请情况" stays one."""
    for joiner in ("以及", "和", "及", "与"):
        for m in re.finditer(joiner, piece):
            left, right = piece[:m.start()], piece[m.end():]
            if left.endswith(_PART_END_WORDS) and right:
                return [left, *_split_joined(right)]
    return [piece]


@rule("I3", "text_internal", "error", "报告所称“N个部分”与随后列出的部分个数一致（在开头或总体情况等处）", scope="text",
      needs=NARRATIVE)
def declared_parts(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if doc.narrative is None:
        return
    for paragraph in parts_list_paragraphs(doc):
        for sentence in re.finditer(r"[^。！？\n]+", paragraph.text):
            s = sentence.group()
            declared = _PARTS_DECLARED.search(s)
            intro = _PARTS_INTRO.search(s)
            if declared is None or intro is None:
                continue
            if intro.end() < declared.start():
                listing = s[intro.end():declared.start()]
                listing = re.sub(r"(?:等|共|计)$", "", listing.strip())
            else:
                colon = re.search(r"[：:]", s[declared.end():])
                if colon is None:
                    continue
                listing = s[declared.end() + colon.end():]
            if "、" not in listing:
                continue
            number = to_number(declared.group("n"))
            if number is None:
                continue
            raw, titles = _count_parts(listing)
            # as written (split at 、) only when every piece reads as a title; "复议、诉讼情况" is one part
            readings = {raw, titles} if all(p.endswith(_PART_END_WORDS) for p in _pieces(listing)) else {titles}
            if raw < 3 or int(number) in readings:
                continue
            count = titles
            start = sentence.start()
            yield Hit(
                message=f"文中称报告有{declared.group('n')}个部分，随后列出的却是{count}个",
                location=paragraph.location(start, sentence.end()),
                evidence=s.strip(), expected=f"所称部分数与所列一致（所列为{count}个）",
                found=f"称{declared.group('n')}个部分，列出{count}个",
                suggestion="使所称部分数与所列部分一致（规定的年度报告为六个部分）",
            )


# "编制《太平镇政府2022年度政府信息公开工作年度报告》": the report naming itself
_SELF_QUOTE = lazy_compile(r"(?:编制|形成|发布|公布|印发|现将|特将)了?\s*《([^《》]{4,80}?(?:年度报告|年报))》")
_TITLE_PARTS = lazy_compile(r"^(?P<organ>.*?)(?P<year>(?:19|20)\d{2})\s*(?P<nian>年度?)\s*(?P<rest>.+)$")


def _title_parts(text: str) -> tuple[str, int, str, str] | None:
    m = _TITLE_PARTS.match(re.sub(r"\s+", "", text))
    if m is None or "政府信息公开" not in m.group("rest"):
        return None
    return m.group("organ"), int(m.group("year")), m.group("nian"), m.group("rest")


_PLACE_CHARS = lazy_compile(r"[省市县区州旗盟镇乡街]")


def _title_organ(title_organ: str, quoted_organ: str) -> str:
    """The title's organ without page text read before it ("用微信扫描二维码分享至朋友圈利辛县城关镇人民政府" ->
    "利辛县城关镇人民政府"): cut where the quoted name starts in it, when what comes before names no place."""
    for i in range(len(quoted_organ) - 1):
        at = title_organ.find(quoted_organ[i:i + 2])
        if at >= 0:
            return title_organ if _PLACE_CHARS.search(title_organ[:at]) else title_organ[at:]
    return title_organ


@rule("I4", "text_internal", "warning", "正文称呼本报告时所写的报告名称与标题一致（机关名称、“年”与“年度”）", scope="text",
      needs=NARRATIVE)
def self_quoted_title(run: RuleRun) -> Iterator[Hit]:
    draft = run.doc.narrative
    if draft is None:
        return
    title = _title_parts(draft.title)
    if title is None:
        return  # no title read: nothing to compare with
    for p in all_paragraphs(run.doc):
        for m in _SELF_QUOTE.finditer(p.text):
            quoted = _title_parts(m.group(1))
            if quoted is None or quoted[1] != title[1]:
                continue  # another year's report, or no report title
            organ = _title_organ(title[0], quoted[0])
            differences = []
            # the places above the organ added or left out ("亳州市利辛县…人民政府") name the same organ
            if not (quoted[0].endswith(organ) or organ.endswith(quoted[0])):
                differences.append(f"机关名称写作“{quoted[0]}”，标题为“{organ}”")
            if quoted[2] != title[2]:
                differences.append(f"写作“{quoted[1]}{quoted[2]}”，标题为“{title[1]}{title[2]}”")
            if quoted[3] != title[3]:
                differences.append(f"写作“{quoted[3]}”，标题为“{title[3]}”")
            if not differences:
                continue
            expected = f"{organ}{title[1]}{title[2]}{title[3]}"
            yield Hit(
                message=f"正文所称本报告《{m.group(1)}》与标题不一致：{'；'.join(differences)}",
                location=p.location(m.start(1) - 1, m.end()), evidence=snippet(p.text, m.start(), m.end(), 4),
                expected=expected, found=m.group(1), suggestion=f"按标题写作《{expected}》",
            )


# "通过…审计信息栏目公开信息20条" … "通过审计信息专栏公开政府信息16条": one channel, two counts
_CHANNEL_COUNT = lazy_compile(
    r"(?:通过|在|依托|利用)(?P<where>[^，。；,;：:\d]{1,40}?)(?:上|中|内)?(?:共|累计)?(?:主动)?(?:公开|发布|公布)了?(?:各类)?"
    r"(?:政府|政务)?信息(?:共|累计)?(?P<n>\d+)条")
_CHANNEL_WORD = lazy_compile(r"栏目|专栏|专区|网站|公众号|微博|平台|政务号|头条号|客户端")
_SAME_CHANNEL = {"专栏": "栏目", "专区": "栏目"}
_NOT_THE_YEARS_COUNT = lazy_compile(r"累计|截至|截止|以来|总数|上年|去年|较|同比|其中|分别|约|近|余")


def _channel(where: str) -> tuple[str, str] | None:
    """(name, kind) of the channel a "通过…" phrase ends with ("示范区管委会网站审计信息栏目" -> ("审计信息", "栏目"))."""
    words = list(_CHANNEL_WORD.finditer(where))
    if not words or words[-1].end() != len(where):
        return None
    last = words[-1]
    start = words[-2].end() if len(words) > 1 else 0
    name = where[start:last.start()].strip("的")
    if len(name) < 2:
        return None
    return name, _SAME_CHANNEL.get(last.group(), last.group())


@rule("I5", "text_internal", "warning", "同一渠道同一年的公开条数前后一致（如“审计信息栏目公开信息20条”与“审计信息专栏公开16条”）",
      scope="text", needs=NARRATIVE)
def channel_counted_twice(run: RuleRun) -> Iterator[Hit]:
    year = run.doc.report.meta.year
    seen: dict[tuple[str, str], tuple[str, str]] = {}  # channel -> (count, the statement)
    for p in all_paragraphs(run.doc):
        for m in _CHANNEL_COUNT.finditer(p.text):
            channel = _channel(m.group("where"))
            clause_start = max(p.text.rfind(c, 0, m.start()) for c in "，。；,;") + 1
            sentence_start = max(p.text.rfind(c, 0, m.start()) for c in "。；;") + 1
            if channel is None or _NOT_THE_YEARS_COUNT.search(p.text, clause_start, m.end()) or \
                    statement_year(p.text, sentence_start, m.start()) not in (None, year):
                continue
            count = m.group("n")
            if channel not in seen:
                seen[channel] = (count, m.group(0))
                continue
            first_count, first = seen[channel]
            if first_count == count:
                continue
            yield Hit(
                message=f"同一渠道的公开条数前后不一：前文“{first}”，此处“{m.group(0)}”",
                location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                expected=f"{first_count}条（与前文一致）", found=f"{count}条",
                suggestion="核对该渠道本年公开的条数，前后写同一个数；如所指范围不同（如某一栏目、某一时段），写明",
            )
