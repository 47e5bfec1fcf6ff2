"""The narrative against itself: 其中 breakdowns that don't add up, percentages that don't match their count and base,
"N个部分" that are not the parts listed (format.md §5, E13; corpus 020, 026; 上海2019)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.claims import in_base_unit, percent_of, plain, share_base
from assistant.model import Location
from assistant.numbering import SECTION_NUMERALS, to_number
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, parts_list_paragraphs
from assistant.textview import Paragraph

_PARTS_DECLARED = re.compile(rf"(?P<n>[{SECTION_NUMERALS}\d]{{1,2}})\s*个?\s*(?:部分|方面)")
_PARTS_INTRO = re.compile(r"(?:包括|包含|分为|分成|共分|由|含)")
_PART_END_WORDS = ("情况", "事项", "思路", "思考", "措施", "举措", "内容", "计划", "安排", "打算", "概述", "概况")
_PART_SPLIT = re.compile(r"[、,，；;]")


def _span_text(para: Paragraph, start: int, end: int, limit: int = 120) -> str:
    text = para.text[start:end].strip(" ，,；;：:")
    return text if len(text) <= limit else text[:limit] + "…"


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
            listed = "＋".join(plain(p.value) for p in parts if p.value is not None)
            start = max(whole.subject_start, whole.sentence[0])
            evidence = _span_text(para, start, parts[-1].end)
            location = Location(section=para.section, paragraph=para.index, span=(whole.start, parts[-1].end))
            if added > total:
                yield Hit(
                    message=f"“其中”所列各项之和超过总数：{listed}＝{plain(added)}，而总数为{whole.text}",
                    location=location, evidence=evidence, expected=f"≤{plain(total)}", found=plain(added),
                    suggestion="核对总数和各分项，改正写错的数字",
                )
            elif added < total and len(parts) >= 2 and not whole.open_list:
                yield Hit(
                    message=f"“其中”所列各项之和小于总数：{listed}＝{plain(added)}，而总数为{whole.text}",
                    location=location, evidence=evidence, expected=plain(total), found=plain(added),
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
