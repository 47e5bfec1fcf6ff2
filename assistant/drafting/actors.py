"""Who did the work (part of firewall check M4): model text does not make another organ the doer of what the input
tells.

The staff's notes tell the organ's own work ("组织政务公开业务培训2次", "参加示范县人民政府组织的培训"). A model that
writes the parent government or party committee (the organ information's 上级人民政府, 上级党委, in any of their forms:
示范县人民政府, 示范县政府, 县政府, 示范县, 中共示范县委, 县委) as the subject of a clause doing a thing
("示范县人民政府组织政务公开业务培训2次", "县政府将政务公开纳入…考核") turns who did what around. Such a clause passes only
when the input (notes, organ information, the template's text) has the same organ doing the same: as a clause's subject
("县政府组织全县乡镇开展培训"), after 由 ("由县政府统一组织"), or as its noun ("按照袁州区人民政府的部署" lets the text
say 袁州区人民政府部署…). A modifier ("示范县人民政府组织的培训") makes no organ the subject: what the notes say so does not
let the text say "示范县人民政府组织培训". Only a verb right after the organ (adverbs between) is judged; "在示范县人民政府的
领导下", "示范县人民政府门户网站" and "县政府和本镇共同…" are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from assistant.drafting.denials import content_words
from assistant.model import Meta
from assistant.organ_words import parent_place
from assistant.patterns import lazy_compile
from assistant.segmenter import part_of_speech, words

_LEVELS = "省市县区州旗"
# What may stand between a clause's start and its subject: a time, a linking word
_LEAD_RE = lazy_compile(r"(?:^|[。；;，,！？!?：:\n])\s*(?:(?:本年度|全年|年内|今年|年初|年中|年末|年底|上半年|下半年|同时|此外|另外|其中|"
                        r"\d{4}\s*年度?)\s*[，,]?\s*)?$")
# Words between the subject and its verb that tell how or how often (统一组织, 多次开展, 还组织)
_MANNER = frozenset({"统一", "高度", "多次", "先后", "共", "专门", "积极", "认真", "及时", "还", "也", "又", "均", "已", "亲自",
                     "每年", "定期", "全年", "年内", "严格", "切实", "扎实", "深入", "全面", "持续", "不断", "进一步", "稳步",
                     "有序", "依法"})
# Verbs of office work the dictionary tags otherwise (落实 an adjective, 办理 a noun)
WORK_VERBS = frozenset({"落实", "办理", "组织", "开展", "推进", "推动", "部署", "安排", "指导", "负责", "建立", "设立", "设置",
                        "维护", "更新", "发布", "公开", "印发", "制定", "出台", "完善", "加强", "做好", "抓好", "统筹", "协调",
                        "督促", "检查", "考核", "评议", "培训", "清理", "审查", "邀请", "答复", "受理"})
_MANNER_TAGS = frozenset({"d", "ad", "t"})
_VERB_TAGS = frozenset({"v", "vn", "vd", "vi"})
_CLAUSE_RE = lazy_compile(r"[^。；;，,！？!?\n]*")
_CLAUSE_START_RE = lazy_compile(r"[^。；;，,！？!?\n]*$")


@dataclass(frozen=True)
class OtherActor:
    """A clause of model text (``said``, from ``start``) whose subject is another organ (``organ``) doing ``verb``."""

    organ: str
    verb: str
    said: str
    start: int

    def message(self, notes: Sequence[str]) -> str:
        """The finding's message: the note that tells the thing (most of the clause's content words), if one does."""
        things = [w for w in content_words(self.said.replace(self.organ, "", 1)) if w != self.verb]
        alike = {n: sum(w in n for w in things) for n in notes}
        note = max(alike, key=lambda n: alike[n], default=None)
        note = note if note is not None and alike[note] else None
        instead = f"但工作情况说明写的是“{note}”" if note else f"但输入中没有写{self.organ}{self.verb}"
        return f"模型文字称“{self.said}”，把{self.organ}写成了“{self.verb}”的机关，{instead}"


def other_organ_forms(meta: Meta) -> list[str]:
    """How text may name the organ's parent government and party committee (longest first): 示范县人民政府, 示范县政府,
    县人民政府, 县政府, 示范县; 中共示范县委, 示范县委, 县委."""
    forms: set[str] = set()
    place = parent_place(meta.parent_government)
    if meta.parent_government:
        forms.add(meta.parent_government)
    if place and place != meta.parent_government:
        forms |= {place, place + "人民政府", place + "政府"}
        if place[-1] in _LEVELS:
            forms |= {place[-1] + "人民政府", place[-1] + "政府"}
    party = (meta.parent_party or "").strip()
    if party:
        forms.add(party)
        bare = re.sub(r"^(?:中共|中国共产党)", "", party).replace("委员会", "委")
        forms.add(bare)
        if len(bare) >= 2 and bare.endswith("委") and bare[-2] in _LEVELS:
            forms.add(bare[-2:])
    own = {n for n in (meta.organ_name, meta.short_name) if n}
    return sorted((f for f in forms if f and f not in own), key=len, reverse=True)


def other_actors(text: str, forms: Sequence[str], input_text: str) -> Iterator[OtherActor]:
    """The clauses of ``text`` whose subject is an organ named by one of ``forms`` doing a thing that ``input_text``
    (all the input and the template's text) does not have that organ do: the organ first in its clause (after a time
    word, or after other such organs it is joined to: 县委、县政府在…公开), or after 由 (培训由示范县人民政府组织)."""
    if not forms:
        return
    pattern = re.compile("|".join(map(re.escape, forms)))
    joined = re.compile(f"(?:(?:{pattern.pattern})[、和及与])+$")
    for m in pattern.finditer(text):
        lead = joined.search(text, 0, m.start())
        start = lead.start() if lead else m.start()
        passive = text[start - 1:start] == "由"
        if not (passive or _LEAD_RE.search(text, 0, start)):
            continue
        clause = _CLAUSE_RE.match(text, m.start())
        verb = _verb_after(text, m.end())
        if verb is None or (clause.group() if clause else "").startswith(m.group() + verb + "的") or \
                _told(pattern, input_text, verb, passive):
            continue  # 示范县人民政府组织的培训: a modifier, no subject
        said_from = _CLAUSE_START_RE.search(text, 0, start).start() if passive else start  # type: ignore[union-attr]
        said = _CLAUSE_RE.match(text, said_from)
        yield OtherActor(text[start:m.end()], verb, said.group() if said else m.group(), said_from)


def _verb_after(text: str, index: int) -> str | None:
    """The verb right after an organ's name (how, when and how often skipped; after 将/把 or a preposition, the first
    verb); None when a noun, 的 or 和 comes first."""
    clause = _CLAUSE_RE.match(text, index)
    object_first = False  # 将/把 + what + verb: 县政府将政务公开纳入…考核
    for word in words(clause.group() if clause else ""):
        tag = part_of_speech(word)
        if tag in _SET_PHRASE_TAGS and part_of_speech(word[2:]) in _VERB_TAGS:
            word, tag = word[2:], part_of_speech(word[2:])  # 积极开展: 开展
        if word in _OBJECT_FIRST and not object_first:
            object_first = True
            continue
        verb = tag in _VERB_TAGS or word in WORK_VERBS
        if word in _MANNER or tag in _MANNER_TAGS or object_first and not verb:
            continue
        return word if verb and len(word) >= 2 else None
    return None


# What comes between the subject and its verb: 将/把 and the thing (将政务公开纳入), or where and how (在…设置, 按照…答复)
_OBJECT_FIRST = frozenset({"将", "把", "在", "对", "向", "通过", "按照", "依照", "根据", "于"})
_SET_PHRASE_TAGS = frozenset({"l", "i"})


def _told(pattern: re.Pattern[str], input_text: str, verb: str, passive: bool) -> bool:
    """Whether the input has the organ (any of its forms) do ``verb``: as a clause's subject doing something, after
    由, or as its noun (的部署); for text that has it do so after 由, also as a modifier (示范县人民政府组织的培训)."""
    for m in pattern.finditer(input_text):
        clause = _CLAUSE_RE.match(input_text, m.end())
        after = clause.group() if clause else ""
        if after.startswith("的" + verb) or passive and after.startswith(verb):
            return True
        subject = _LEAD_RE.search(input_text, 0, m.start()) or input_text[m.start() - 1:m.start()] == "由"
        # the organ doing something (not 示范县人民政府门户网站“政府信息公开”专栏), the verb among what it does
        if subject and verb in after.split("的")[0] and _verb_after(input_text, m.end()) is not None:
            return True
    return False


__all__ = ["WORK_VERBS", "OtherActor", "other_actors", "other_organ_forms"]
