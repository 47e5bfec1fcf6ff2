"""A 街道's report that speaks of its own villages as a 镇 does (“在村务公开栏公开”“对各村的年度考核”“村级公开内容”)
and never of its 社区: words of a township's notes, shared with or copied by a 街道, whose units are 社区.

Some 街道 do have villages: they name them as such (行政村、村委会、村（居）、村居), tie them to the 街道 itself
(“街道村级公示栏”“街道所辖各村”), or have 社区 beside them, and then nothing is reported. A warning: a 街道 made only of villages may speak of them so; the reader decides.
"""

from __future__ import annotations

from collections.abc import Iterator

from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE_ORGAN, all_paragraphs, snippet

# How a 镇 speaks of its own villages: 村务公开(栏), 各村 (not 各村民, 各村居, 各村（社区）), 村级, 村民代表
_OWN_VILLAGES = lazy_compile(r"村务公开|村级|村民代表|(?<![乡农])各村(?![民居社（(])")
# Words that show the 街道 has 社区 or names its villages as administrative units, or ties the villages to itself
# ("利用街道村级公示栏", "街道所辖各村", "辖12个村"): the village words are its own.
_COMMUNITIES_OR_VILLAGES = lazy_compile(r"社区|居委会|居民委员会|村居|村[（(]居[）)]|行政村|村委会|村民委员会|"
                                        r"街道(?:所辖|辖区|辖)?(?:各村|村级|村务|村民)|辖\d+个村")


@rule("O8", "organ", "warning", "街道的报告不像乡镇那样叙述本级的村（村务公开栏、各村、村级），而通篇不提社区", scope="text",
      needs=NARRATIVE_ORGAN)
def street_speaks_of_villages(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    if doc.report.meta.organ_kind != "街道":
        return
    paragraphs = list(all_paragraphs(doc, headings=True))
    if any(_COMMUNITIES_OR_VILLAGES.search(p.text) for p in paragraphs):
        return
    found = [(p, m) for p in paragraphs for m in _OWN_VILLAGES.finditer(p.text)]
    if not found:
        return
    words = "”“".join(dict.fromkeys(m.group(0) for _p, m in found))
    first, m = found[0]
    yield Hit(
        message=f"本街道的正文说到“{words}”，却通篇未提社区：街道下设社区，这些说法疑为照搬乡镇的材料",
        location=first.location(m.start(), m.end()), evidence=snippet(first.text, m.start(), m.end()),
        expected="本街道的社区（或写明所辖行政村）", found=words,
        suggestion="核对本街道是否辖村：不辖村的，改为社区的说法（如“社区公开栏”“各社区”）；辖村的，写明“行政村”或“村（社区）”",
    )
