"""Organ and office names in model text (part of the support check, M18): a name must be one the input gives whole.

An organ's name ends in an organ word: 人民政府, 政府, 办公室, 办事处, 委员会, 党委, or a word of its own ending in an
office word (jieba's: 县政务公开办 is 县 | 政务 | 公开 | 办, 镇财政所 … | 所, 县信访局 … | 信访局, 镇文化站 … | 文化站).
What stands before it back to a preposition, a particle or the organ's self-reference (在, 的, 本镇) is the name; a name
with a place in it (县, 镇, 街道) or a government, or an office after the organ's self-reference (本镇综治中心), is
judged. It passes when the input has it whole: not as the tail of a
longer name ("政务公开办公室" of 国务院办公厅政府信息与政务公开办公室, "政务公开办" of …办公室). Ordinary words before
the name that name nothing may be left out ("组织清理镇政府": 组织清理 | 镇政府); a place left out is the organ whose
office it is ("示范县青石镇党政综合办公室" is 示范县青石镇人民政府党政综合办公室), or a level alone ("镇党政综合办公室",
"前往镇便民服务中心"); another organ's name before it is judged on its own (竹亭镇人民政府按照 | 袁州区人民政府).
"""

from __future__ import annotations

import re

from assistant.organ_words import SELF_WORDS
from assistant.patterns import lazy_compile
from assistant.segmenter import is_dictionary_word, part_of_speech, words

# The last word of an organ's name (示范县人民政府, 党政综合办公室, 县财政局): the name before it must be one the input gives.
_ORGAN_SUFFIX_RE = lazy_compile(r"(?:人民政府|政府)(?!信息|网站|门户|网|规章|文件|工作报告|采购|投资|债务|购买)|办公室|办事处|委员会|党委|"
                                r"(?<=[县市区])[\u4e00-\u9fff]{1,3}局")
# A word of its own that ends in an office word: 办, 局, 委, 中心, 科, 股, 所, 站 (not 门户网站, 场所, 大局 …)
_OFFICE_WORD_RE = lazy_compile(r"^[\u4e00-\u9fff]{0,5}(?:中心|[办局委科股所站])$")
_NOT_OFFICES = ("网站", "场所", "住所", "处所", "厕所", "格局", "大局", "布局", "结局", "当局", "全局", "开局",
                          "重心", "核心", "学科", "本科", "专科", "外科", "内科", "百科")
_NOT_AN_OFFICE_AFTER_CENTRE = ("工作", "任务", "环节", "城区", "位置", "地位", "思想", "内容", "镇区")
NAME_RUN_RE = lazy_compile(r"[\u4e00-\u9fff]{1,12}$")
# Where a name starts in a run of characters: after a preposition, a particle or the organ's self-reference
# The organ's self-references of every kind of organ (本镇, 本街道, 我局 …: organ_words.SELF_WORDS), longest first
_SELF = frozenset(word for kind in SELF_WORDS.values() for word in kind)
_SELF_ALTERNATIVES = "|".join(sorted(_SELF, key=len, reverse=True))
_NAME_BOUNDARY_RE = lazy_compile(rf"[在由与向对和及从经被把为于的了是将请到自]|{_SELF_ALTERNATIVES}|本报告")
_PLACE_OR_ORGAN_RE = lazy_compile(r"[省市县区镇乡]|街道|政府")
LEVELS = frozenset("省市县区镇乡")
# Where a whole name may start in the input: after a preposition or particle (not a conjunction: 住房和城乡建设局,
# 政府信息与政务公开办公室), after the organ whose office it is (…人民政府党政综合办公室), or anywhere with its place first
_WHOLE_NAME_AFTER_RE = lazy_compile(rf"(?:[^\u4e00-\u9fff]|[在由向对从经被把为于的了是将请到自设]|政府|办事处|党委|委员会|"
                                    rf"{_SELF_ALTERNATIVES})$")
# What continues an office word into a longer word (办 of 办公室, 委 of 委员会, 办 of 依申请公开办理): a name so followed is
# not whole
_LONGER_OFFICE = {"办": ("公室", "事处", "公厅", "理", "结", "法"), "委": ("员会",)}
_NAMING_WORD_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nt", "nz", None})


def unsupported_organ_names(input_text: str, text: str) -> list[tuple[int, int, str]]:
    """The organ and office names in ``text`` (a paragraph of model text) that ``input_text`` (all the input) does not
    give whole, as (start, end, name)."""
    found = []
    for start, end in _organ_words(text):
        run = NAME_RUN_RE.search(text, 0, start)
        before = run.group() if run else ""
        boundaries = list(_NAME_BOUNDARY_RE.finditer(before))
        of_the_organ = bool(boundaries) and boundaries[-1].group() in _SELF  # 本镇综治中心: an office of the organ
        before = before[boundaries[-1].end() if boundaries else 0:]
        organ_word = text[start:end]
        if not before or not (organ_word.endswith("政府") or _PLACE_OR_ORGAN_RE.search(before) or of_the_organ):
            continue  # the organ word alone (政府, 办公室), or an office of no place (领导小组办公室): nothing to judge
        if any(_names_nothing(_after_other_organs(before[:cut])) and
               _given(input_text, _after_other_organs(before[:cut]), before[cut:] + organ_word)
               for cut in range(len(before))):
            continue
        name = _from_its_place(before) + organ_word
        found.append((end - len(name), end, name))
    return found


def _from_its_place(before: str) -> str:
    """The name before an organ word from its first word with a place in it (前往示范县政务公开 -> 示范县政务公开),
    after another organ's name when a place follows it (竹亭镇人民政府按照袁州市 -> 袁州市)."""
    own = _after_other_organs(before)
    if own != before and _PLACE_OR_ORGAN_RE.search(own):
        before = own
    position, previous = 0, ""
    for word in words(before):
        if _PLACE_OR_ORGAN_RE.search(word):  # a level alone (市) names its place with the word before (示范 | 市)
            named = word in LEVELS and previous and part_of_speech(previous) not in _NOT_A_PLACE_NAME_TAGS
            return before[position - len(previous) if named else position:]
        position, previous = position + len(word), word
    return before


# Words before a level (县, 镇) that are not its place's name: prepositions, adverbs, time words (前往), particles …
_NOT_A_PLACE_NAME_TAGS = frozenset({"p", "c", "u", "uj", "ul", "r", "d", "t", "a", "ad", "m", "q", "y", "z", "zg"})


# An office character the segmenter may glue to the character after it (镇政务服务股在: … | 股在): one of no word on
# either side (not 股份, 入股, 所有, 办理), followed by no other office character (镇直站所)
_GLUED_OFFICE_RE = lazy_compile(r"(?<=[\u4e00-\u9fff])[股科所站办](?![股科所站办])")


def _organ_words(text: str) -> list[tuple[int, int]]:
    """The spans of the organ words in ``text``: the organ suffixes, words of their own ending in an office word, and
    office characters standing alone in the raw text, however the segmenter joins them."""
    spans = [m.span() for m in _ORGAN_SUFFIX_RE.finditer(text)]
    position = 0
    for word in words(text):
        start, position = position, position + len(word)
        if not _OFFICE_WORD_RE.match(word) or word.endswith(_NOT_OFFICES) or any(a < position and start < b for a, b in spans):
            continue
        if word.endswith("中心") and text.startswith(_NOT_AN_OFFICE_AFTER_CENTRE, position):
            continue  # 中心工作
        spans.append((start, position))
    for m in _GLUED_OFFICE_RE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in spans) and \
                not is_dictionary_word(text[m.start() - 1:m.end()]) and not is_dictionary_word(text[m.start():m.end() + 1]):
            spans.append(m.span())  # 镇政务服务股在…: jieba reads 股在 as a word
    return sorted(spans)


def _after_other_organs(dropped: str) -> str:
    """What is left out before a name after another organ's name, judged on its own (竹亭镇人民政府按照 -> 按照)."""
    return dropped[max((m.end() for m in _ORGAN_SUFFIX_RE.finditer(dropped)), default=0):]


def _given(input_text: str, dropped: str, name: str) -> bool:
    """Whether the input gives ``name`` whole, the ordinary words ``dropped`` before it left out: a place among them
    must be the organ whose office ``name`` is (示范县青石镇 + 人民政府 + 党政综合办公室), unless it is a level alone at
    their end (前往镇 | 便民服务中心)."""
    if _PLACE_OR_ORGAN_RE.search(dropped.removesuffix(dropped[-1:] if dropped[-1:] in LEVELS else "")):
        return any(_whole_in(input_text, dropped + government + name) for government in ("人民政府", "政府"))
    return _whole_in(input_text, name)


def _whole_in(input_text: str, name: str) -> bool:
    """Whether ``name`` stands whole in the input (人民政府 and 政府 alike): not the tail or head of a longer name."""
    text, name = input_text.replace("人民政府", "政府"), name.replace("人民政府", "政府")
    longer = next((tails for word, tails in _LONGER_OFFICE.items() if name.endswith(word)), ())
    for m in re.finditer(re.escape(name), text):
        starts_whole = name[0] in LEVELS or name.startswith("街道") or _WHOLE_NAME_AFTER_RE.search(text, 0, m.start()) \
            or m.start() == 0
        if starts_whole and not text.startswith(longer, m.end()):
            return True
    return False


def _names_nothing(text: str) -> bool:
    """Ordinary words (本镇, 在, 组织清理, 更新) that are no name: none tagged as a name or unknown to the dictionary."""
    return all(part_of_speech(w) not in _NAMING_WORD_TAGS for w in words(text))


__all__ = ["LEVELS", "NAME_RUN_RE", "unsupported_organ_names"]
