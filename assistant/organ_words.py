"""How a report refers to its own organ: 我镇, 我街道, 我局, 我县 … (format.md §3.4 P3).

One place for the organ-kind/name -> self-reference logic, shared by the drafters (which write it) and the organ
rules (which check that a text uses it and not another kind's word).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from functools import cache

from assistant.model import Meta
from assistant.patterns import compiled, lazy_compile
from assistant.resources import schema_data

# Unit word -> the self-references that organ uses (the first is the one drafters write).
SELF_WORDS: dict[str, tuple[str, ...]] = {
    "镇": ("我镇", "本镇"),
    "乡": ("我乡", "本乡"),
    "苏木": ("我苏木", "本苏木"),
    "街道": ("我街道", "本街道"),
    "区": ("我区", "本区"),
    "县": ("我县", "本县"),
    "市": ("我市", "本市"),
    "旗": ("我旗", "本旗"),
    "州": ("我州", "本州"),
    "盟": ("我盟", "本盟"),
    "省": ("我省", "本省"),
    "局": ("我局", "本局"),
    "委": ("我委", "本委"),
    "办": ("我办", "本办"),
    "厅": ("我厅", "本厅"),
    "院": ("我院", "本院"),
    "中心": ("我中心", "本中心"),
}
NEUTRAL_WORDS: tuple[str, ...] = ("本机关", "本单位")  # fit every organ (条例 and table 三 say 本机关)
GOVERNMENT_FALLBACK = "本级政府"
# The organ's new-media channels as reports name them (微信公众号, 微博, 抖音号 …): the platform rules and the
# drafter's reading of whose channel a note speaks of both read this list
MEDIA_WORDS = r"微信公众号|公众号|微信|微博|抖音号?|头条号|视频号|客户端|APP|App|app"
_FALLBACK_KINDS = ("县级人民政府", "设区的市人民政府", "省级人民政府")  # may say 本级政府 of themselves

_GOVERNMENT_SUFFIX = lazy_compile(r"(人民政府|政府|办事处|管理委员会)$")
# Department name endings -> unit word; longest first.
_DEPARTMENT_ENDINGS: tuple[tuple[str, str], ...] = (
    ("委员会", "委"), ("办公室", "办"), ("中心", "中心"), ("局", "局"), ("委", "委"), ("办", "办"),
    ("厅", "厅"), ("院", "院"),
)
# Government name endings (after 人民政府 is stripped) -> unit word, per kind; longest first.
_GOVERNMENT_ENDINGS: dict[str, tuple[tuple[str, str], ...]] = {
    "乡镇": (("苏木", "苏木"), ("镇", "镇"), ("乡", "乡")),
    "街道": (("街道", "街道"),),
    "县级人民政府": (("自治县", "县"), ("自治旗", "旗"), ("区", "区"), ("县", "县"), ("市", "市"), ("旗", "旗")),
    "设区的市人民政府": (("自治州", "州"), ("市", "市"), ("州", "州"), ("盟", "盟")),
    "省级人民政府": (("自治区", "区"), ("省", "省"), ("市", "市")),
}


def organ_unit(meta: Meta) -> str | None:
    """The unit word of the organ (镇, 乡, 街道, 区, 局, 委 …) from its kind and name; None when unclear."""
    kind = meta.organ_kind
    names = [meta.organ_name] + ([meta.short_name] if meta.short_name else [])
    if kind == "街道":
        return "街道"
    if kind in _GOVERNMENT_ENDINGS:
        for name in names:
            core = _GOVERNMENT_SUFFIX.sub("", name.strip())
            for ending, unit in _GOVERNMENT_ENDINGS[kind]:
                if core.endswith(ending):
                    return unit
        return None
    for name in names:  # 部门 and 其他: by the name's ending
        for ending, unit in _DEPARTMENT_ENDINGS:
            if name.strip().endswith(ending):
                return unit
    return None


def self_reference(meta: Meta) -> str:
    """The word the report uses for its own organ: 我镇, 我乡, 我街道, 我局, 我委, 我县, 本级政府, 本机关 …"""
    unit = organ_unit(meta)
    if unit is not None:
        return SELF_WORDS[unit][0]
    if meta.organ_kind in _FALLBACK_KINDS:
        return GOVERNMENT_FALLBACK
    return NEUTRAL_WORDS[0]


def reporting_self_reference(meta: Meta) -> str:
    """How the report names its organ where it states the organ's own figures and work.

    A county-level government or above writes 本级政府: "我县共收到…" reads as a county-wide total, while the report
    covers the government itself. Other organs use :func:`self_reference` (我镇, 我街道, 我局 …).
    """
    return GOVERNMENT_FALLBACK if meta.organ_kind in _FALLBACK_KINDS else self_reference(meta)


def stable_digest(meta: Meta, *parts: str) -> bytes:
    """A hash of the organ name, the year and ``parts``: the same for the same report, another for a neighbouring
    unit or the organ's next year (the drafters' choices among equivalent wordings and orders)."""
    return hashlib.sha256("\x1f".join([meta.organ_name, str(meta.year), *parts]).encode()).digest()


def stable_choice(meta: Meta, slot: str, options: Sequence[str]) -> str:
    """One of equivalent phrasings, chosen by :func:`stable_digest` of the slot."""
    return options[int.from_bytes(stable_digest(meta, slot)[:8], "big") % len(options)]


def drafted_self_reference(meta: Meta) -> str:
    """The one form of :func:`self_reference` a draft of this report uses throughout, whoever writes it (the
    template drafter, the model, a chat revision): 我镇 or 本镇 (both are the organ's own; chosen per report)."""
    unit = organ_unit(meta)
    return stable_choice(meta, "self", SELF_WORDS[unit]) if unit else self_reference(meta)


# 本镇 after these characters is part of another word (基本, 根本, 成本 …), not a self-reference
_WORD_BEFORE_BEN = "基根成资样版文课剧账日原脚蓝范善"


def in_drafted_form(text: str, meta: Meta) -> str:
    """``text`` with the organ's other self-reference form (本镇 for 我镇, or the other way round) replaced by the
    one its drafts use, so that a model's paragraph and the template's read as one report."""
    unit = organ_unit(meta)
    if not unit:
        return text
    form = drafted_self_reference(meta)
    for other in SELF_WORDS[unit]:
        if other != form:
            text = re.sub(f"(?<![{_WORD_BEFORE_BEN}])" + re.escape(other), form, text)
    return text


def allowed_self_references(meta: Meta) -> frozenset[str]:
    """Self-references that fit this organ (its own words plus the neutral 本机关/本单位)."""
    unit = organ_unit(meta)
    own = SELF_WORDS.get(unit, ()) if unit else ()
    extra = (GOVERNMENT_FALLBACK,) if meta.organ_kind in _FALLBACK_KINDS else ()
    return frozenset(own + NEUTRAL_WORDS + extra)


def conflicting_self_references(meta: Meta) -> frozenset[str]:
    """Self-references of other kinds of organ (e.g. 我街道 in a 镇 report): signs of copied text.

    Empty when the organ's own word cannot be told from its name (nothing can then be said to conflict).
    """
    if organ_unit(meta) is None:
        return frozenset()
    every = {w for words in SELF_WORDS.values() for w in words}
    return frozenset(every - allowed_self_references(meta))


def own_names(meta: Meta) -> list[str]:
    """The names a report may give as its own: the organ's, its short name, its parent government's and its compiling
    office's (the organ's own office or the county's). Another place's name is none of these."""
    return [n for n in (meta.organ_name, meta.short_name, meta.parent_government, meta.compiler) if n]


# "温州市鹿城区人民政府七都街道办事处": a township's or street's name after its parent government's
_UNDER_PARENT = lazy_compile(r"^.+?(?:人民政府|政府)(?=.{2,})")


_PARENT_SUFFIX = lazy_compile(r"(?:人民政府|政府)$")


def parent_place(parent_government: str | None) -> str:
    """The place of a parent government: "示范县人民政府" -> "示范县" ("" when none is given)."""
    return _PARENT_SUFFIX.sub("", (parent_government or "").strip())


def place_name(meta: Meta) -> str:
    """The organ's short name for prose (竹亭镇, 七都街道): meta.short_name, else the name without 人民政府/办事处 and,
    for a township or street, without its parent government before it."""
    if meta.short_name:
        return meta.short_name
    name = _GOVERNMENT_SUFFIX.sub("", meta.organ_name) or meta.organ_name
    if meta.organ_kind in ("乡镇", "街道"):
        name = _UNDER_PARENT.sub("", name)
    return name


# The 55 minority nationalities (longest first, so that 土家 is not read as 土) and 各 ("隆林各族自治县"): the full name
# of an autonomous county, prefecture or banner and its short form name the same place.
_NATIONALITIES = sorted((
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎",
    "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬", "羌", "布朗", "撒拉",
    "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京",
    "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺", "各"), key=len, reverse=True)
_AUTONOMOUS = lazy_compile(rf"(?:(?:{'|'.join(_NATIONALITIES)})族)+自治(?=[县州旗])")


def folded_place(name: str) -> str:
    """``name`` with an autonomous place's full name in its short form: "通道侗族自治县卫生健康局" -> "通道县卫生健康局",
    "恩施土家族苗族自治州" -> "恩施州"."""
    return _AUTONOMOUS.sub("", name)


def abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` shortened by leaving characters out, as organs are called in short ("通道县卫健局"
    for "通道县卫生健康局", "县发改局" for "县发展和改革局"): the same first two and last characters, the rest of it in
    ``full`` in order."""
    if not (4 <= len(short) < len(full)) or short[:2] != full[:2] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(char in rest for char in short)


@cache
def advertising_pattern() -> re.Pattern[str]:
    """Advertising injected into mirrored or tampered pages, often into the organ's name (``advertising`` in
    schemas/wording.yaml): the page's 信息来源 field and the text are searched for it."""
    return compiled("|".join(f"(?:{p})" for p in schema_data("wording")["advertising"]))


__all__ = [
    "SELF_WORDS", "NEUTRAL_WORDS", "organ_unit", "self_reference", "reporting_self_reference", "allowed_self_references",
    "stable_digest", "stable_choice", "drafted_self_reference", "in_drafted_form",
    "conflicting_self_references", "place_name", "parent_place", "advertising_pattern", "folded_place", "abbreviates",
]
