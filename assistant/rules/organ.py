"""Organ rules (format.md P3, E10, E18): the text speaks as this organ, of its own scope, to the public."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from assistant.drafting.note_text import says_what_the_organ_did
from assistant.model import UNKNOWN_ORGAN, Location, Meta
from assistant.numbering import YEAR
from assistant.organ_words import (
    MEDIA_WORDS,
    SELF_WORDS,
    abbreviates,
    advertising_pattern,
    conflicting_self_references,
    folded_place,
    organ_unit,
    own_names,
    parent_place,
    place_name,
)
from assistant.patterns import compiled, lazy_compile
from assistant.resources import schema_data
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE, NARRATIVE_ORGAN, all_paragraphs, draft_of, snippet, years_in
from assistant.segmenter import is_dictionary_word, is_place_name, is_word, part_of_speech, starts_word, word_at, words

TOWNSHIP_UNITS = ("镇", "乡", "街道", "苏木")
REGION_UNITS = ("区", "县", "市", "旗", "州", "盟", "省")
_SELF_REF = lazy_compile(
    "(?:我|本)(?:" + "|".join(sorted(SELF_WORDS, key=lambda u: (-len(u), u))) + ")(?![域场法民级份外])"
)
# Bare words that name a township organ of another kind (街道 in a 镇 report …), by the organ's own unit.
_ACTOR_VERBS = ("加强|坚持|认真|积极|严格|进一步|不断|持续|扎实|全面|深入|切实|高度|按照|围绕|结合|通过|始终|及时|主动|"
                "依法|共|累计|全年|组织|开展|建立|落实|完善|推进|做好|抓好|强化|重视|把|将|对|在|以")
_STREET_WORDS = (rf"(?:^|(?<=[，。；：\s]))街道(?:办)?(?={_ACTOR_VERBS})|街道办事处|街道党工委|全街道"
                 r"|(?<![镇乡各（(、和与及/])街道办(?!事处)")
# What a 镇 or a 乡 calls its own bodies and scope (镇级专栏, 镇直站所, 全镇, 镇政府 …): in another kind of township's
# report, words of the organ whose text was copied. Not after a character that makes the unit part of another word
# (乡镇级, 城镇, 集镇, 各镇, 县乡两级 …) or a count (12个镇级).
_TOWNSHIP_OWN_SUFFIXES = ("人民政府", "政府", "党委", "党政办", "人大", "纪委", "机关", "长", "级", "直", "属", "域")
_NOT_BEFORE_UNIT = "乡城村镇集小古重名各该两县市下家水个"


def _township_words(unit: str) -> str:
    suffixes = "|".join("长(?![效期久远足])" if s == "长" else s for s in _TOWNSHIP_OWN_SUFFIXES)  # not 镇长效机制
    return rf"(?<![{_NOT_BEFORE_UNIT}])(?:全{unit}|{unit}(?:{suffixes}))"


_FOREIGN_TOWNSHIP = {
    "镇": _STREET_WORDS + "|" + _township_words("乡"),
    "乡": _STREET_WORDS + "|" + _township_words("镇"),
    "街道": _township_words("镇") + "|" + _township_words("乡"),
}
# The departments directly under a county-level government: 县直部门, 区直单位, 旗直 … In the report of a 区 (or of a
# township under one), 县直 is the word of a 县's text it was copied from. 市直 is left out (a county's city above it),
# and so is 区直 where an autonomous region may be meant (广西、内蒙古 … call the region's departments 区直).
_AUTONOMOUS_REGIONS = ("自治区", "广西", "内蒙古", "宁夏", "新疆", "西藏")
# Column names of another kind of organ's website left in a copied text: the word, and the units whose reports it
# does not belong in (审批服务局2021 "街办动态75条"; a 乡's "镇街动态信息"). Always a warning: a name, not a self-reference.
_FOREIGN_COLUMNS: dict[str, tuple[str, ...]] = {
    "街办动态": tuple(u for u in SELF_WORDS if u != "街道"),
    "镇街动态": ("乡", "苏木"),
}
_WORK_VERB = r"(?:组织|推动|指导|统筹|部署|督促|督导|带领|协调|推进|牵头|要求)(?:推动|推进|开展|做好|落实|指导)?"
_TOTAL_VERB = r"(?:共|累计|全年)?(?:受理|收到|办结|答复|主动公开|公开|发布)"
# Scope words above each level.
_HIGHER_SCOPES = {
    "township": ("全省", "全市", "全县", "全区", "我省", "各县区", "各县（市、区）", "各县(市、区)", "各乡镇", "各镇",
                 "各街道", "各乡镇（街道）", "各地各部门"),
    "county": ("全省", "全市", "我省", "各县区", "各县（市、区）", "各县(市、区)", "各区县"),
    "city": ("全省", "我省", "各设区市", "各市"),
}
_LEVEL_CHARS = {"township": "省市县区", "county": "省市", "city": "省"}


_KIND_LEVELS = {"乡镇": "township", "街道": "township", "县级人民政府": "county", "设区的市人民政府": "city",
                "省级人民政府": "province"}
_LEVEL_UNITS = {"township": TOWNSHIP_UNITS, "county": ("区", "县", "旗", "市"), "city": ("市", "州", "盟", "区"),
                "province": ("省", "区", "市")}
_LEVEL_ORDER = ("township", "county", "city", "province")


def _county_unit(meta: Meta, unit: str) -> str | None:
    """The unit word of the county-level government the organ is (县级人民政府) or is under (a township's parent)."""
    if meta.organ_kind == "县级人民政府":
        return unit if unit in ("县", "区", "旗", "市") else None
    if meta.organ_kind in ("乡镇", "街道") and meta.parent_government:
        # not a parent 市: read from a report, it is often the city above the township's district (金厂镇: 通化市)
        parent = parent_place(meta.parent_government)
        return parent[-1] if parent and parent[-1] in ("县", "区", "旗") else None
    return None


def _foreign_direct(meta: Meta, unit: str, text: str) -> re.Pattern[str] | None:
    """县直 / 旗直 / 区直 where they are not the words of the organ's county-level government; None where all may be."""
    county = _county_unit(meta, unit)
    if county is None:
        return None
    names = " ".join(n for n in (meta.organ_name, meta.short_name, meta.parent_government) if n)
    region_meant = county == "旗" or any(r in names or r in text for r in _AUTONOMOUS_REGIONS)
    words = [f"{u}直" for u in ("县", "区", "旗") if u != county and not (u == "区" and region_meant)]
    return compiled(r"(?<![省市区县旗、])(?:" + "|".join(words) + ")") if words else None


def _level(meta: Meta) -> str | None:
    return _KIND_LEVELS.get(meta.organ_kind)


def _lower_or_sibling_units(level: str, unit: str) -> tuple[str, ...]:
    """Unit words of the organ's own level (other than its own) and of the levels below it."""
    out: list[str] = []
    for lv in _LEVEL_ORDER[: _LEVEL_ORDER.index(level) + 1]:
        out += [u for u in _LEVEL_UNITS[lv] if u != unit and u not in out]
    return tuple(u for u in out if u != unit)


@cache
def _sibling_patterns(level: str, unit: str) -> re.Pattern[str] | None:
    """全县 / 县政府 (as the actor) in a report of a 市, 全街道 in a 镇's … : another organ's scope or voice."""
    units = _lower_or_sibling_units(level, unit)
    if not units:
        return None
    # 全区 is left out: in 广西、新疆… it names the 自治区, a higher level.
    scope = "|".join(sorted((u for u in units if u != "区"), key=len, reverse=True))
    gov = "|".join(u for u in units if u not in ("街道",))
    return compiled(
        rf"全(?:{scope})(?![域场面部体员国镇])"
        rf"|(?:^|(?<=[，。；：\s]))(?:{gov})(?:人民)?政府"
    )


def _stem(meta: Meta) -> str:
    """The place name without its unit word: 竹亭镇 -> 竹亭, 迎宾路街道 -> 迎宾路."""
    name = place_name(meta)
    unit = organ_unit(meta)
    return name[: -len(unit)] if unit and name.endswith(unit) and len(name) > len(unit) else name


@rule("O1", "organ", "error", "自称（我镇、本街道、我局……）与本机关的类型和名称一致", scope="text",
      needs=(*NARRATIVE_ORGAN, "organ_kind"))  # an error only when the kind is known, not guessed
def self_references(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    meta = doc.report.meta
    unit = organ_unit(meta)
    if unit is None:
        return
    conflicting = conflicting_self_references(meta)
    own_words = "、".join(SELF_WORDS.get(unit, ()))
    region_ok = meta.organ_kind in ("部门", "其他")  # a 市统计局 may well say 本市
    foreign = compiled(_FOREIGN_TOWNSHIP[unit]) if unit in _FOREIGN_TOWNSHIP else None
    county_direct = _foreign_direct(meta, unit, "\n".join(p.text for p in all_paragraphs(doc, headings=True)))
    level = _level(meta)
    siblings = _sibling_patterns(level, unit) if level else None
    stem = _stem(meta)
    wrong_name = (compiled(re.escape(stem) + "(?:" + "|".join(u for u in TOWNSHIP_UNITS if u != unit) + ")")
                  if unit in TOWNSHIP_UNITS and len(stem) >= 2 else None)
    own_names = [n for n in (meta.organ_name, meta.short_name, meta.parent_government) if n]
    for p in all_paragraphs(doc, headings=True):
        hits: list[tuple[int, int, str]] = []
        for m in _SELF_REF.finditer(p.text):
            word = m.group(0)
            if word in conflicting and not (region_ok and word[1:] in REGION_UNITS):
                hits.append((m.start(), m.end(), word))
        for pattern in (wrong_name, siblings):
            if pattern is not None:
                hits.extend((m.start(), m.end(), m.group(0)) for m in pattern.finditer(p.text))
        shielded = _shielded_spans(p.text, own_names, meta) if foreign or county_direct else []
        compounds = [(m.start(), m.end(), m.group(0)) for pattern in (foreign, county_direct) if pattern is not None
                     for m in pattern.finditer(p.text) if _stands_alone(p.text, m.start())
                     and not any(s < m.end() and m.start() < e for s, e in shielded)]
        columns = [(m.start(), m.end(), word) for word, units in _FOREIGN_COLUMNS.items() if unit in units
                   for m in re.finditer(word, p.text)]
        reported_to = -1
        for start, end, word in sorted(set(hits) | set(columns) | set(compounds)):
            # 本市场, 我区域: a longer word (compounds are cut by jieba in their own way: 由镇/党政办, 副镇长)
            if not is_word(p.text, start, end) and (start, end, word) not in columns + compounds:
                continue
            if start < reported_to:  # 我镇政府: one finding, for 我镇
                continue
            reported_to = end
            kind_mix = unit in TOWNSHIP_UNITS and any(u in word for u in TOWNSHIP_UNITS if u != unit) and \
                word not in _FOREIGN_COLUMNS
            yield Hit(
                message=f"本报告是{meta.organ_name}的报告，文中却出现“{word}”（疑为照搬其他机关的报告）",
                location=p.location(start, end), evidence=snippet(p.text, start, end),
                expected=own_words or place_name(meta), found=word, severity=None if kind_mix else "warning",
                suggestion=_self_reference_suggestion(word, unit, place_name(meta), _county_unit(meta, unit)),
            )


def _stands_alone(text: str, start: int) -> bool:
    """Whether a compound (镇级, 镇长, 乡党委) begins a word of its own: its first character does not end a word with
    the character before it (返乡, 坐镇, 乡镇). Its end is not asked: jieba cuts 镇/直站/所 and 由镇/党政办."""
    return not (start and is_dictionary_word(text[start - 1:start + 1]))


def _shielded_spans(text: str, names: list[str], meta: Meta) -> list[tuple[int, int]]:
    """Where a compound word (镇级, 乡政府) is no self-reference: in a quoted document title (《…镇级…》), in the organ's
    own names, or in another organ's name (“石门乡”政府: O2 reports the name)."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"《[^《》]*》", text)]
    spans += [(m.start(), m.end()) for name in names for m in re.finditer(re.escape(name), text)]
    return spans + [(start, end) for start, end, _name in other_organ_names(meta, text)]


def _self_reference_suggestion(word: str, unit: str, place: str, county: str | None) -> str:
    if word in _FOREIGN_COLUMNS:
        return "改为本机关网站的栏目名称（如“工作动态”）"
    township = re.fullmatch(r"(全)?(镇|乡)(.*)", word)
    if re.fullmatch(r"[县区旗]直", word) and county:
        own = county + "直"  # 县直 -> 区直 (the organ's county-level government's)
    elif township and unit in ("镇", "乡") and township.group(3) in ("", *_TOWNSHIP_OWN_SUFFIXES):
        own = (township.group(1) or "") + unit + township.group(3)  # 镇级 -> 乡级, 全镇 -> 全乡
    else:
        own = SELF_WORDS[unit][0]
    return f"改为“{own}”或“{place}”，并核对这段内容是否属于本机关"


# The contact office named in the opening ("请与…联系") may well be another office (政务公开办 of the county);
# the compiling office ("由…编制") is not the organ at all, so it is not checked.
_NAME_CONTEXTS = (lazy_compile(r"请与(.{2,24}?)联系"),)
# Verbs of a township's or county's work: before a unit word ("办理县人大代表建议") they speak of the unit without naming it
_VERBS = (r"办理|完成|维护|组织|纳入|列入|报送|上报|参加|配合|协助|推进|落实|召开|举办|开展|建立|完善|统一|"
          r"加强|接受|参与|邀请|发布|公开|更新|设置|运营|指导|督促|检查|对接|承办|提交|成立|形成|包括|涵盖|遵循|促进|提升|加上")
# The name is the place with its government's office when one follows ("府谷县人民政府办公室" is the county's office,
# not the county): group 1 the place, group 2 the office.
_SUBJECT_NAME = lazy_compile(
    rf"(?:^|(?<=[。；]))\s*(?:{YEAR}\s*年度?(?:以来)?|今年以来|本年度|一年来)[，,]\s*"
    r"([\u4e00-\u9fff]{2,8}?(?:街道办事处|街道|镇|乡|县|区|市))((?:人民政府|政府)(?:办公室|办)|)(?:人民政府|政府)?"
    r"(?!委|政府|级|直)"
)
# Learning from another organ or going to it: "学习“石门镇”的做法", "赴石门镇政府学习考察", "向石门镇人民政府学习"
# name an organ that is not this one, and no copied text. 到 not as the end of another word (收到, 做到 …).
_LEARNING_WORDS = "学习|借鉴|取经|观摩|参观|考察|调研|交流|对标"
_GOING_WORDS = "赴|前往|走访|(?<![收达做得遇受想看听找感送报])到|去"
# A subject that holds a verb or 政府 is a sentence, not a name: "本年度，县政府维护县政府门户网站" (a county's own 县政府),
# "2024年，赴石门镇学习…", "2024年，联合石门镇开展交叉检查"
_NOT_A_NAME = lazy_compile(rf"通过|按照|根据|代表|围绕|坚持|结合|依托|利用|办|政府|党委|[我本全在对向于以为将把从经由]|"
                           rf"联合|协同|会同|携手|结对|联动|帮扶|{_LEARNING_WORDS}|{_GOING_WORDS}|{_VERBS}")
_ORGAN_NAME = lazy_compile(r"[\u4e00-\u9fff]{1,16}(?:人民政府|办事处|街道|镇|乡|县|区|市|局|委员会)")
# "市人民政府办公室2025年…", "区政府国资局": the organ's name begins with its level alone, the place left out
_PLACELESS_ORGAN = lazy_compile(r"^[省市县区旗镇乡](?:人民)?政府")


def _government_office_words(name: str) -> str:
    """An organ's kind in one spelling: 人民政府办公室, 政府办公室, 政府办 -> 政府办."""
    return re.sub(r"办公室$", "办", name.replace("人民政府", "政府"))


def _may_be_placeless_organ(meta: Meta, name: str) -> bool | None:
    """For an organ named without its place (县政府办, from a title "县政府办2022年度…"): whether ``name`` may be it
    or its county — a place of its level alone or with the organ's kind ("府谷县", "府谷县人民政府办公室"), in the
    county of the parent government when that is known. None when the organ has a place name, or ``name`` is of
    another shape (another kind of organ, whose name says nothing of this one's place)."""
    if not _PLACELESS_ORGAN.match(meta.organ_name):
        return None
    level, kind = meta.organ_name[0], _government_office_words(meta.organ_name[1:])
    m = re.fullmatch(rf"(.{{2,}}?{level})(.*)", name)
    if m is None or _government_office_words(m.group(2)) not in ("", "政府", kind):
        return None
    parent = parent_place(meta.parent_government)
    return not parent or parent.endswith(m.group(1))


def _foreign_name(meta: Meta, name: str) -> bool:
    """Whether an organ name in a self-naming place is not this organ's."""
    stem = folded_place(_stem(meta))
    names = [folded_place(n) for n in (meta.organ_name, meta.short_name) if n]
    name = folded_place(name)  # "通道侗族自治县卫生健康局" in the report of 通道县卫生健康局
    if stem and stem in name:
        return False
    core = re.sub(r"(?:人民政府|办事处|党政(?:综合)?办公室|党政办|办公室)+$", "", name)
    return not any(core and (core in n or abbreviates(core, n)) for n in names)  # "通道县卫健局": its short name


# Another organ's place name in a note or sentence: "通过“石门镇”微信公众号" in 金竹镇's notes (copied from a neighbour).
# Only a name in a name's context counts (after a quote, a comma or 与/和/在…, before a quote, 人民政府, 政府, 党委, 微信…),
# so that "成立了镇政务公开领导小组", "一是镇党委…", "以公开促进街道各项工作" name no place.
_UNIT_WORD = lazy_compile(r"街道|镇|乡|县")
_HAN = lazy_compile(r"[\u4e00-\u9fff]+")
# Before a would-be name (过: 通过/经过, as 在, before a name: "通过石门镇人民政府网站发布…")
_NAME_BEFORE = "“「‘\"（(、，,；;：:和与及同向赴到至在对过"
# Before a stem that stands where only a name can: a quote, or 在/向/赴/到/至/同 (not 和/与/及/、, which join verbs too)
_NAME_PLACE_BEFORE = "“「‘\"（(在向赴到至同"
# 通过/经过 before a stem that is no verb and a channel after its unit: a channel reached through a name ("通过青石镇政府
# 网站…" names 青石镇 though 青石 is also an ordinary word; "通过优化县政府网站…" and "通过规范镇政府信息发布流程" name none)
_THROUGH = ("通过", "经过")
_CHANNEL_AFTER = lazy_compile(rf"(?:人民政府|政府)?(?:门户网站|网站|官网|专栏|平台|融媒体|{MEDIA_WORDS})")
# After a unit word: an organ or a channel of that level ("镇政府", "县政府门户网站", "镇政务公开", "镇党委" …)
_LEVEL_WORD_AFTER = lazy_compile(r"人民政府|政府|党委|党工委|办事处|微信|公众号|发布|门户|网站|政务|融媒体|官网")
_ORGAN_AFTER = lazy_compile(r"人民政府|政府|党委|党工委|办事处")
_NAME_AFTER = lazy_compile(rf"[”」’\"）)、，,；;。和与及等的]|{_LEVEL_WORD_AFTER.pattern}")
_NAMED_UNITS = {"township": ("街道", "镇", "乡"), "county": ("县",)}
# Words ending in a unit that name no place (乡镇, 城乡, 送法下乡, 特色小镇 …).
_GENERIC_PLACE_ENDINGS = ("乡镇", "城镇", "集镇", "村镇", "小镇", "古镇", "重镇", "名镇", "城乡", "下乡", "家乡", "故乡",
                          "老乡", "返乡", "回乡", "同乡", "入乡", "水乡", "他乡", "异乡", "郊县", "邻县", "外县", "市县",
                          "区县", "省县")
_NOT_A_PLACE = lazy_compile(r"通过|按照|根据|代表|围绕|坚持|结合|依托|利用|"
                          r"[我本全在对向于以为将把从经由各该其的和与及等个所有了是含委党府镇乡县街]")
# A verb before the unit word: "办理县人大代表建议", "纳入县对各乡镇的考核", "统一使用县政务公开办制定的范本" speak of
# the county without naming it.
_VERB_BEFORE_UNIT = lazy_compile(rf"(?:{_VERBS}|使用|采用|沿用|运用|执行|参照|依照|遵照|转发|下发|印发|借鉴|报|送|经|获)$")


def is_ordinary_phrase(stem: str) -> bool:
    """Whether a would-be place name's stem is ordinary words, not a name: two or more dictionary words ("统一使用" in
    "统一使用县政务公开办制定的范本": 统一｜使用, and 县 is the county itself). A name is one word (石门, 平安), or
    characters the dictionary does not join (东岭, 黄土岭)."""
    found = list(words(stem))
    return len(found) > 1 and all(is_dictionary_word(w) for w in found)


def _word_and_own_level(text: str, start: int, unit: int, unit_end: int) -> bool:
    """Whether a would-be name before an organ or a channel is ordinary words followed by the organ's own level:
    "优化县政府门户网站" is 优化｜县政府门户网站, "规范镇政府信息发布流程" 规范｜镇政府…, "修订镇政务公开制度" 修订｜镇政务…,
    "用好县政府网站" 用｜好｜县政府…, whatever the verb. A place name is a proper name: unless it is quoted or follows 在, 向…
    (“石门镇”, 在竹亭镇), a stem is a name only when it is one word the dictionary does not know (黄土岭, 郭仓) or knows as a
    place (白马, 东岭), or the dictionary knows the whole name (石门镇, 平安县, 示范县)."""
    if not _LEVEL_WORD_AFTER.match(text, unit_end) or (start and text[start - 1] in _NAME_PLACE_BEFORE):
        return False
    if (text[max(0, start - 2):start] in _THROUGH and _CHANNEL_AFTER.match(text, unit_end)
            and part_of_speech(text[start:unit]) not in ("v", "vn")):
        return False
    organ = _ORGAN_AFTER.match(text, unit_end)
    if organ and says_what_the_organ_did(text[organ.end():]):
        return False  # the subject of what follows: "连生乡人民政府按照…", "西柳镇人民政府利用电子屏…"
    stem, name = text[start:unit], text[start:unit_end]
    if is_dictionary_word(name) or is_place_name(stem):
        return False
    return is_dictionary_word(stem) or len(word_at(text, start)) < len(stem)  # 优化 | 用｜好 (but 西柳镇 is one)


# The names listed before a name, after the verb they share ("学习石门镇、郭仓镇的经验")
_LISTED_BEFORE = r"[“「‘\"]?(?:[^，。；：、,;]{2,12}?[”」’\"]?、[“「‘\"]?)*$"
_AFTER_LEARNING = lazy_compile(rf"(?:{_LEARNING_WORDS})了?{_LISTED_BEFORE}")
_AFTER_GOING = lazy_compile(rf"(?:{_GOING_WORDS}){_LISTED_BEFORE}")
_AFTER_TOWARDS = lazy_compile(rf"[向与同]{_LISTED_BEFORE}")
_LEARNING_NEXT = lazy_compile(rf"[”」’\"]?(?:人民政府|政府|党委|办事处)?[”」’\"]?(?:{_LEARNING_WORDS})")
_LEARNING_LATER = lazy_compile(rf"[^，。；,;]*?(?:{_LEARNING_WORDS})")


def learned_from(text: str, start: int, end: int) -> bool:
    """Whether the organ named at ``text[start:end]`` is one this organ learned from or went to, in its clause: after
    学习/借鉴/观摩… ("学习“石门镇”的做法", "借鉴石门镇、郭仓镇的经验"), after 赴/前往/到 with 学习/考察/交流… later in
    the clause ("赴石门镇政府学习考察"), or after 向/与/同 with 学习/交流… right after it ("向石门镇人民政府学习")."""
    before = text[max(text.rfind(c, 0, start) for c in "，。；：,;") + 1:start]
    if _AFTER_LEARNING.search(before):
        return True
    if _AFTER_GOING.search(before):
        return bool(_LEARNING_LATER.match(text, end))
    return bool(_AFTER_TOWARDS.search(before) and _LEARNING_NEXT.match(text, end))


def other_organ_names(meta: Meta, text: str) -> list[tuple[int, int, str]]:
    """Names of another 乡镇/街道 (for a township; also a county other than its parent government's, when that is
    given) or of another county (for a county government) in ``text``: (start, end, name). Its own names and its
    parent's are not another's; lower units (a county naming its townships) are not either."""
    level = _level(meta)
    units = _NAMED_UNITS.get(level or "")
    if not units or meta.organ_name == UNKNOWN_ORGAN:
        return []
    if level == "township" and meta.parent_government:
        units = (*units, "县")  # with the parent known, another county is another organ's too
    own = " ".join(own_names(meta))
    found: list[tuple[int, int, str]] = []
    for m in _UNIT_WORD.finditer(text):
        if m.group(0) not in units or not _NAME_AFTER.match(text, m.end()):
            continue
        if any(text[max(0, m.start() - k):m.end()] in own for k in range(2, 5)):
            continue  # "维护示范县人民政府…": its own name or its parent's, whatever comes before it
        for length in range(2, 5):  # the shortest stem in a name's context: "示范县" in "维护示范县…" is not one
            start = m.start() - length
            if start < 0 or not _HAN.fullmatch(text[start:m.start()]):
                break
            if start and text[start - 1] not in _NAME_BEFORE:
                continue
            stem, name = text[start:m.start()], text[start:m.end()]
            if not (_NOT_A_PLACE.search(stem) or _VERB_BEFORE_UNIT.search(stem) or name.endswith(_GENERIC_PLACE_ENDINGS)
                    or not starts_word(text, start) or is_ordinary_phrase(stem) or _word_and_own_level(text, start, m.start(), m.end())
                    or name in own or not _foreign_name(meta, name)):
                found.append((start, m.end(), name))
            break
    return found


@rule("O2", "organ", "error", "标题、开头、落款及“××年，××镇……”句中的机关名称是本机关的名称", scope="text", needs=NARRATIVE_ORGAN)
def other_organ_name(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    meta = doc.report.meta
    if meta.organ_name == UNKNOWN_ORGAN or not doc.has("organ"):
        # nothing to compare a name with; or the organ was guessed, and then the name found in the title or the
        # opening is far more likely the organ itself than another organ's (厚桥街道 in its own report)
        return
    draft = draft_of(doc)
    places: list[tuple[str, int, int, int, str, bool]] = []  # (section, paragraph, start, end, name, is_contact)
    title = draft.title.strip()
    if title:
        first = next(iter(years_in(title)), None)
        head = title[: first[1]] if first and first[1] > 0 else ""
        if not head and first:  # "2021年迎宾路街道政府信息公开工作年度报告"
            tail = title[first[2]:]
            m = re.match(r"\s*年度?([\u4e00-\u9fff]{2,20}?)政府", tail)
            head = m.group(1) if m else ""
        head = head.strip()
        if head and _ORGAN_NAME.search(head) and _foreign_name(meta, head):
            start = title.find(head)
            places.append(("title", 0, start, start + len(head), head, False))
    for p in all_paragraphs(doc):
        if p.section not in ("preamble", "closing"):
            continue
        contexts = _NAME_CONTEXTS if p.section == "preamble" else (compiled(r"^(.{2,30})$"),)
        for pattern in contexts:
            for m in pattern.finditer(p.text.strip()):
                name = m.group(1)
                if years_in(name) and p.section == "closing":
                    continue
                organ = _ORGAN_NAME.search(name)
                if organ and not _SELF_REF.fullmatch(organ.group(0)) and _foreign_name(meta, organ.group(0)):
                    places.append((p.section, p.index, m.start(1), m.end(1), organ.group(0), p.section == "preamble"))
    for p in all_paragraphs(doc):  # "2024年，兴国镇严格遵循……" in another organ's report
        if p.section in ("title", "closing"):
            continue
        for m in _SUBJECT_NAME.finditer(p.text):
            name = m.group(1) + m.group(2)
            if not _NOT_A_NAME.search(m.group(1)) and _foreign_name(meta, name):
                places.append((p.section, p.index, m.start(1), m.end(2), name, False))
    seen = {(section, index, start) for section, index, start, _e, _n, _c in places}
    for p in all_paragraphs(doc):  # "通过“石门镇”微信公众号发布…" in 金竹镇's report: notes shared in a county
        if p.section in ("title", "closing", "preamble"):
            continue
        for start, end, name in other_organ_names(meta, p.text):
            if (p.section, p.index, start) not in seen and not learned_from(p.text, start, end):
                yield Hit(
                    severity="warning", message=f"文中出现其他机关的名称“{name}”（本机关为{meta.organ_name}），疑为照搬其他机关的材料",
                    location=p.location(start, end), evidence=snippet(p.text, start, end), expected=place_name(meta),
                    found=name, suggestion=f"核对这句是否属于本机关：是本机关的工作的，改为“{place_name(meta)}”或本机关的渠道名称；"
                                           "否则删去",
                )
    for section, index, start, end, name, contact in places:
        if _may_be_placeless_organ(meta, name):
            continue  # 府谷县人民政府办公室 in the report of the 县政府办 of 府谷县
        # the organ's own name has no place: what another name says of it is a guess
        unsure = contact or _PLACELESS_ORGAN.match(meta.organ_name) is not None
        yield Hit(
            severity="warning" if unsure else None, status="uncertain" if unsure else "fail",
            message=(f"联系机关“{name}”不是本机关（{meta.organ_name}），请核对" if contact
                     else f"机关名称“{name}”不是本机关（{meta.organ_name}），请核对" if unsure
                     else f"机关名称“{name}”不是本机关（{meta.organ_name}）"), evidence=name,
            location=Location(section=section, paragraph=index, span=(start, end)), expected=place_name(meta), found=name,
            suggestion=f"改为“{place_name(meta)}”；并核对全文是否照搬了该机关的报告",
        )


@cache
def _scope_patterns(level: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    scopes = "|".join(re.escape(s) for s in sorted(_HIGHER_SCOPES[level], key=len, reverse=True))
    work = compiled(f"{_WORK_VERB}({scopes})")
    totals = compiled(f"(?:^|(?<=[，。；：\\s]))({scopes}){_TOTAL_VERB}")
    # applications filed with the higher government ("向市政府…提出的申请"), not the organ's own reporting upward
    # ("向区政府门户网站报送信息", "向区政府汇报"): the clause must go on to 提出/申请/递交/提交
    acting = compiled(f"(?:向|代表)([{_LEVEL_CHARS[level]}](?:人民)?政府)(?=[^，。；]{{0,16}}(?:提出|申请|递交|提交))")
    return work, totals, acting


@rule("O3", "organ", "error", "不以上级的范围（全省、全市……）或上级政府的身份叙述本机关的工作", scope="text",
      needs=("narrative", "organ_kind"))
def higher_scope(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    meta = doc.report.meta
    level = _level(meta)
    if level is None or level == "province":
        return
    patterns = _scope_patterns(level)
    for p in all_paragraphs(doc, headings=True):
        for i, pattern in enumerate(patterns):
            for m in pattern.finditer(p.text):
                if not is_word(p.text, m.start(1), m.end(1)):  # 全市场 is no scope
                    continue
                what = "以上级政府的身份受理或答复" if i == 2 else "以上级的范围叙述工作"
                yield Hit(
                    message=f"{meta.organ_name}的报告{what}：“{m.group(0)}”（疑为照搬上级报告）",
                    location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                    expected=f"本机关（{place_name(meta)}）的范围", found=m.group(1),
                    suggestion="只写本机关自己的工作和数字；上级的工作不写入本报告",
                )


@rule("O5", "organ", "warning", "页面中的机关名称或正文夹杂广告、赌博用语（镜像或被篡改的页面，不能作为本机关的报告发布）",
      scope="text", needs=NARRATIVE)
def advertising(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    pattern = advertising_pattern()
    for p in all_paragraphs(doc, headings=True):
        words = list(pattern.finditer(p.text))
        if words:  # one finding a paragraph: the injected words come together
            m, found = words[0], "、".join(dict.fromkeys(w.group(0) for w in words))
            yield Hit(
                message=f"文中夹杂与政务无关的广告用语“{found}”（疑为镜像或被篡改的页面）",
                location=p.location(m.start(), words[-1].end()), evidence=snippet(p.text, m.start(), m.end()),
                expected="本机关的名称和正文", found=found,
                suggestion="从本机关网站取得原文核对；发布的报告中不得出现这类文字",
            )


@cache
def _upward() -> re.Pattern[str]:
    return compiled("|".join(f"(?:{p})" for p in schema_data("wording")["upward_letter"]))


@rule("O4", "organ", "warning", "面向社会公开的报告不用上行文用语（贵办、贵单位、特此报告、请审阅）", scope="text",
      needs=NARRATIVE)
def upward_letter(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    pattern = _upward()
    for p in all_paragraphs(doc, headings=True):
        for m in pattern.finditer(p.text):
            if not starts_word(p.text, m.start()):
                continue
            yield Hit(
                message=f"年度报告面向社会公开，不宜使用上行文用语“{m.group(0)}”", location=p.location(m.start(), m.end()),
                evidence=snippet(p.text, m.start(), m.end()), expected="面向公众的表述", found=m.group(0),
                suggestion="删去该用语（年度报告不是呈报上级的公文）",
            )


@rule("O6", "organ", "warning", "标题中的机关名称写明地名（不写“市人民政府办公室”“区政府××局”）", scope="text",
      needs=NARRATIVE)
def placeless_title_organ(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    title = re.sub(r"\s+", "", draft_of(doc).title)
    m = _PLACELESS_ORGAN.match(title)
    if m is None:
        return
    organ = re.split(r"(?:19|20)\d{2}|政府信息公开", title[m.end():], maxsplit=1)[0]
    name = m.group(0) + organ
    yield Hit(
        message=f"标题中的机关名称“{name}”没有地名", location=Location(section="title", paragraph=0),
        evidence=title, expected=f"××{name}", found=name,
        suggestion=f"写出机关的全称，如“××{name}”（××为所在的市、县、区名称）",
    )
