"""The firewall between a language model's reply and the Report's text (drafting, repair and chat alike).

Two layers:

1. ``read_reply``: the reply's envelope. A reply cut by the token limit (``finish_reason`` "length") is refused; the
   reasoning in every known shape (``<think>…</think>``, a reply that starts inside the thought with only
   ``</think>``, an unclosed ``<think>``, ``reasoning_content`` with or without content) is removed, as are a JSON
   wrapper, code fences, markdown marks and chatter lines around the text. Each removal is recorded as a note.
2. ``check_paragraph``: what a paragraph of model text may contain, as error findings (rule ids ``M1``…``M19``):
   every quantity comes from a placeholder or the staff's notes (locked facts); years, dates and plans are dated
   right; the organ speaks of itself as itself; no reasoning or markdown residue, chatter, echoed prompt, JSON
   residue, section headings, Latin-script prose or Traditional characters; the paragraph ends as a sentence ends;
   what it says happened agrees with the tables (M14, :mod:`assistant.drafting.table_events`); no sentence or phrase
   is repeated (M15); it says only what the input supports (M18, :mod:`assistant.drafting.support`); it denies
   nothing the staff's notes tell happened (M19, :mod:`assistant.drafting.denials`). A section's
   text as a whole (M13 required elements; M16 every count of each aspect told, no paragraph the same as another's;
   M17 no 〔待补〕 where the input has the facts: :mod:`assistant.drafting.section_fit`) is checked in
   ``assistant.drafting.repair``.

A paragraph that fails is repaired or replaced by the template's paragraph (``assistant.drafting.repair``); the
same checks run on the final text (``final_text_defects``), which must have none.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, cached_property
from typing import Any

from assistant.addresses import ADDRESS_RE
from assistant.claims import mask_idioms
from assistant.drafting.actors import WORK_VERBS, other_actors, other_organ_forms
from assistant.drafting.denials import RULE_ID as DENIAL_RULE
from assistant.drafting.denials import denied_notes
from assistant.drafting.figure_subjects import (
    Misattached,
    clause_before,
    misattached,
    moved_to_another_thing,
    paired_clause,
    subject_before,
)
from assistant.drafting.section_fit import aspect_paragraphs, repetition_in
from assistant.drafting.support import (
    ORGAN_NAME,
    SupportedText,
    describe,
    draft_texts,
    supported_text,
    unsupported_content,
)
from assistant.drafting.support import RULE_ID as SUPPORT_RULE
from assistant.drafting.table_events import contradicted_events
from assistant.facts import PLACEHOLDER_RE, FactSheet
from assistant.model import Draft, Finding, Location, Notes, Report
from assistant.numbering import (
    CN_NUMERALS_PLAIN,
    CN_ORDINAL,
    CN_YEAR_RE,
    NOTE_QUANTITIES,
    YEAR,
    YEAR_RE,
    chinese_percent_re,
    quantity_re,
    to_number,
)
from assistant.organ_words import SELF_WORDS, allowed_self_references, conflicting_self_references
from assistant.patterns import lazy_compile
from assistant.rules.organ import is_ordinary_phrase

# --------------------------------------------------------------------------------------------------------------
# The checks (rule id -> Chinese description)

CHECKS: dict[str, str] = {
    "M1": "模型文字中的数字只能来自数据占位符或工作情况说明（同一单位，属于说明中的同一事项）",
    "M2": "模型文字中的年份和日期只能是报告年度、下一年度、统计期限、落款日期或工作情况说明中的",
    "M3": "下一步工作、改进计划写下一年度，不写报告年度",
    "M4": "模型文字的自称和机关名称是本机关的，上级机关不作输入中没有写它做的事的主语",
    "M5": "模型文字中没有思考过程或 Markdown 标记残留",
    "M6": "模型文字中没有对话套话或关于稿子本身的说明",
    "M7": "模型文字没有复述提示词",
    "M8": "模型文字中没有 JSON 残留",
    "M9": "一个部分中不出现本部分或其他部分的标题（也不新增“附件”等部分）",
    "M10": "模型文字中没有外文语句（输入中的网址、邮箱、缩写除外）",
    "M11": "模型文字使用简体中文（没有繁体字）",
    "M12": "每段完整（以句号等结尾、不含未填的占位符、长度适当）",
    "M13": "模板文本中本部分有的必备内容，模型文字也有（如开头的编制依据、统计期限、网址、联系方式）",
    "M14": "模型文字所说发生的事（被纠正、败诉、收取信息处理费、全部办结等）与表格数字一致",
    "M15": "模型文字不重复同一句话或同一短语",
    "M16": "本部分各方面的表格数字都以占位符写出，各段不与其他方面的段落雷同",
    "M17": "模型文字不写〔待补〕，除非输入中确实缺少这项内容；输入缺少的内容，模型文字保留其〔待补〕，不写成“无”",
    DENIAL_RULE: "模型文字不否认工作情况说明写了的事（如说明写了组织社会评议，不写“未开展社会评议”“其他方面无”）",
    SUPPORT_RULE: "模型文字只写输入支持的内容：名称、文件名、人名、地名、日期、与上年的比较和其他实词都出自工作情况说明、"
           "机关信息、表格数据或模板文本（没有占位写法）",
}

MAX_PARAGRAPH_CHARS = 1500
_NO_WORK_DONE = ("problems", "measures")  # notes that tell no work done (M19): the year's problems, the plans
MAX_SECTION_CHARS = 8000


class ReplyError(Exception):
    """A reply that holds no usable text (empty, garbage, a refusal, only reasoning); the message is Chinese."""


class TruncatedReply(ReplyError):
    """The reply was cut by the token limit (finish_reason "length")."""


@dataclass
class ModelReply:
    """What the endpoint returned for one request."""

    content: Any
    reasoning: str | None = None  # reasoning_content (DeepSeek, Qwen, GLM, Moonshot, vLLM with a reasoning parser)
    finish_reason: str | None = None


@dataclass
class ReadReply:
    paragraphs: list[str]
    notes: list[str] = field(default_factory=list)  # what was removed from the envelope (Chinese)


# --------------------------------------------------------------------------------------------------------------
# Layer 1: the envelope

_THINK_OPEN = r"<\s*(?:think|thinking|reasoning|thought)\s*>|◁think▷"
_THINK_CLOSE = r"<\s*/\s*(?:think|thinking|reasoning|thought)\s*>|◁/think▷"
_THINK_BLOCK_RE = lazy_compile(rf"(?:{_THINK_OPEN}).*?(?:{_THINK_CLOSE})", re.S | re.I)
_THINK_OPEN_RE = lazy_compile(_THINK_OPEN, re.I)
_THINK_CLOSE_RE = lazy_compile(_THINK_CLOSE, re.I)
_FENCE_RE = lazy_compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.S)
_REFUSAL_RE = lazy_compile(r"^(抱歉|对不起|很抱歉|我无法|我不能|无法完成|作为一个?(?:AI|人工智能))|I('m| am) sorry|I can(?:no|')t", re.I)
_MD_LINE_RE = lazy_compile(r"^\s*(?:#{1,6}\s*|>\s*|[*\-+•·]\s+|\d{1,2}[.)]\s+)")
_MD_INLINE_RE = lazy_compile(r"\*\*|__|(?<![A-Za-z0-9])\*(?=\S)|(?<=\S)\*(?![A-Za-z0-9])")
_CJK_RE = lazy_compile(r"[\u4e00-\u9fff]")
_CHATTER_LINE_RE = lazy_compile(
    r"^(?:好的|以下是|下面是|如下|根据(?:您的|你的|以上|上述)?要求|当然|没问题|已(?:按|根据)(?:您的)?要求|希望|如需|请根据|"
    r"注[:：]|说明[:：]|备注[:：]|Here|Sure|OK\b)", re.I)


def read_reply(reply: ModelReply) -> ReadReply:
    """The paragraphs of a reply, its envelope removed; raise ReplyError when nothing usable is left."""
    if reply.finish_reason == "length":
        raise TruncatedReply("模型回复达到长度上限被截断")
    notes: list[str] = []
    content = reply.content
    if isinstance(content, list):  # content blocks
        content = "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    text = content.strip() if isinstance(content, str) else ""
    if reply.reasoning:
        notes.append("回复附带思考过程（reasoning_content），未采用")
        if not text:
            raise ReplyError("模型只返回了思考过程，没有正文")
    text, removed = strip_reasoning(text)
    if removed:
        notes.append(removed)
    if not text:
        raise ReplyError("模型返回了空回复" if not removed else "模型只返回了思考过程，没有正文")
    fenced = _FENCE_RE.findall(text)
    for candidate in [*fenced, text]:
        found = _json_paragraphs(candidate)
        if found is not None:
            if candidate is text and (text.strip()[:1] not in "{[" or text.strip()[-1:] not in "}]"):
                notes.append("JSON 之外的文字未采用")
            elif fenced:
                notes.append("代码块标记已去除")
            return ReadReply(_clean(found, notes), notes)
    if _REFUSAL_RE.search(text[:60]):
        raise ReplyError("模型拒绝了起草请求")
    if text.lstrip().startswith(("{", "[")):
        raise ReplyError("模型返回的 JSON 无法解析")
    if fenced:
        notes.append("代码块标记已去除")
    lines = (fenced[0] if fenced else text).splitlines()
    return ReadReply(_clean(_drop_chatter_lines(lines, notes), notes), notes)


def strip_reasoning(text: str) -> tuple[str, str]:
    """The text without its reasoning (every shape) and a note of what was removed ("" when nothing)."""
    note = ""
    if _THINK_BLOCK_RE.search(text):
        text = _THINK_BLOCK_RE.sub("", text)
        note = "思考过程（<think>…</think>）已去除"
    close = _THINK_CLOSE_RE.search(text)
    if close and not _THINK_OPEN_RE.search(text[:close.start()]):  # started inside the thought: only </think>
        text = text[close.end():]
        note = "回复以思考过程开头（只有 </think>），其前文字已去除"
    opened = _THINK_OPEN_RE.search(text)
    if opened:  # a thought that never closed: nothing after it is an answer
        text = text[:opened.start()]
        note = "未闭合的 <think> 及其后文字已去除"
    return text.strip(), note


def _json_paragraphs(text: str) -> list[str] | None:
    text = text.strip()
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        return None
    start = min(starts)
    end = max(text.rfind("}"), text.rfind("]"))
    if end <= start:
        return None
    try:
        data = json.loads(text[start:end + 1])
    except json.JSONDecodeError:
        return None
    if isinstance(data, dict):
        for key in ("paragraphs", "paragraph", "段落", "text", "content"):
            if key in data:
                data = data[key]
                break
        else:
            values = [v for v in data.values() if isinstance(v, str)]
            data = values or None
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        out = []
        for item in data:
            if isinstance(item, dict):
                item = item.get("text") or item.get("paragraph") or ""
            if isinstance(item, str):
                out.extend(item.split("\n"))
        return out
    return None


def _drop_chatter_lines(lines: list[str], notes: list[str]) -> list[str]:
    """Prose replies: chatter lines before and after the text ("好的，以下是…", "如需调整请告诉我。") are not text."""
    kept = [line for line in lines if line.strip()]
    dropped = 0
    while kept and _is_chatter_line(kept[0]):
        kept.pop(0)
        dropped += 1
    while kept and _is_chatter_line(kept[-1]):
        kept.pop()
        dropped += 1
    if dropped:
        notes.append(f"正文前后的{dropped}行说明性文字未采用")
    return kept


def _is_chatter_line(line: str) -> bool:
    plain = _MD_LINE_RE.sub("", line).replace("**", "").strip()
    return bool(_CHATTER_LINE_RE.match(plain)) or bool(_chatter_in(plain)) and len(plain) < 60


def _clean(lines: Iterable[str], notes: list[str]) -> list[str]:
    out = []
    marked = False
    for line in lines:
        if re.match(r"^\s*#{1,6}\s", line):  # a markdown heading: the program adds the report's own headings
            marked = True
            continue
        stripped = _MD_LINE_RE.sub("", line)
        stripped = _MD_INLINE_RE.sub("", stripped).strip()
        marked |= stripped != line.strip()
        if stripped and (_CJK_RE.search(stripped) or PLACEHOLDER_RE.search(stripped) or re.search(r"[A-Za-z]{3}", stripped)):
            out.append(stripped)
    if marked:
        notes.append("Markdown 标记（#、*、列表符号）已去除")
    if not out:
        raise ReplyError("模型回复中没有可用的正文")
    return out


# --------------------------------------------------------------------------------------------------------------
# Layer 2: what a paragraph may contain


@dataclass
class NoteQuantity:
    value: Decimal
    unit: str
    approx: bool
    stem: str  # the two characters before the number in the note ("信息" in 发布政府信息128条)
    subject: str = ""  # its clause before it, after the figure before ("通过“青石发布”微信公众号发布信息" for 86条)


@dataclass
class FirewallContext:
    """What the checks of one section need: the report, its figures, the staff's notes and the prompt's instructions."""

    report: Report
    facts: FactSheet
    section: str
    instructions: list[str] = field(default_factory=list)  # the prompt's own instruction lines (not its data)
    final_text: bool = False  # checking shipped text: figures are plain numbers, so any table figure is accepted
    template: Draft | None = None  # the template drafter's draft of the report (drafted when needed if not given)
    extra_support: list[str] = field(default_factory=list)  # what else the staff gave (a chat request)
    current: Draft | None = None  # the draft being revised (chat): its text supports the revision, aspect by aspect

    def __post_init__(self) -> None:
        self.meta = self.report.meta
        self.year = self.meta.year
        self.notes = [n for aspect in type(self.report.notes).model_fields for n in getattr(self.report.notes, aspect)
                      if isinstance(n, str)]
        self.literals = _meta_literals(self.report, self.facts)
        self.input_text = "\n".join([*self.literals, *self.notes])
        self.citable_notes = [n for n in self.notes if not _INSTRUCTION_NOTE_RE.search(n)]
        self.note_quantities = [q for n in self.citable_notes for q in _quantities_of_note(n)]
        self.other_organs = other_organ_forms(self.meta)
        self.organ_names = "\n".join(str(v) for v in (self.meta.organ_name, self.meta.short_name,
                                                       self.meta.parent_government, self.meta.parent_party) if v)
        self.note_numbers = {m.group() for n in self.citable_notes for m in _ARABIC_RE.finditer(n)}
        self.note_years = {int(m.group(1)) for n in self.notes for m in YEAR_RE.finditer(n)}
        self.note_dates = {_norm(m.group()) for n in self.notes for m in _DATE_RE.finditer(n)}
        self.allowed_dates = {_norm(d) for d in (f"{self.year}年1月1日", f"{self.year}年12月31日", "1月1日", "12月31日")}
        if self.meta.sign_date:
            d = self.meta.sign_date
            self.allowed_dates |= {f"{d.year}年{d.month}月{d.day}日", f"{d.month}月{d.day}日", f"{d.year}年{d.month}月"}
            self.note_years.add(d.year)
        self.fact_quantities = {(f.value if isinstance(f.value, int) else _decimal(f.shown), _unit(f.unit))
                                for f in self.facts if f.value is not None}
        self.self_words = allowed_self_references(self.meta)
        self.conflicting = conflicting_self_references(self.meta)
        self.input_words = {w.lower() for w in _LATIN_WORD_RE.findall(self.input_text)}
        self.prompt_markers = {m for line in self.instructions for m in re.findall(r"【[^】]{1,12}】|<<<[^>]{1,8}>>>", line)}
        self._aspect_support: dict[str | None, tuple[SupportedText, SupportedText]] = {}
        self._fitting_notes: Notes | None = None


    @cached_property
    def template_draft(self) -> Draft:
        if self.template is not None:
            return self.template
        from assistant.drafting.template import TemplateDrafter

        return TemplateDrafter().draft(citable_report(self.report)[0])

    @cached_property
    def support(self) -> SupportedText:
        """What the input supports (M18) for a paragraph of no aspect: all notes, organ facts, labels, the FactSheet,
        the template's draft, the prompt's instructions."""
        current = draft_texts(self.current) if self.current is not None else []
        return supported_text(self.report, self.facts, self.citable_notes,
                              [*draft_texts(self.template_draft), *current], self._extra)

    @property
    def _extra(self) -> list[str]:
        # the prompt's own instructions are the program's text (they name the fee measures' 《…管理办法》)
        return [*self.self_words, *self.instructions, *self.extra_support]

    def support_of(self, aspect: str | None) -> tuple[SupportedText, SupportedText]:
        """(what a paragraph of ``aspect`` may say, its own text for time words naming another year): the paragraph of
        an aspect (总体情况's （一）…（五）) tells the notes of that aspect and the template's heading and paragraph of
        the same aspect, besides the report-wide names; a paragraph of no aspect anything of the input."""
        if aspect not in self._aspect_support:
            if aspect is None:
                own = [*self.citable_notes, *self._section_of(self.template_draft), *self.extra_support]
                if self.current is not None:
                    own += self._section_of(self.current)
                self._aspect_support[aspect] = (self.support, SupportedText.of(own))
            else:
                notes = [n for n in getattr(self.report.notes, aspect, []) if isinstance(n, str)
                         and not _INSTRUCTION_NOTE_RE.search(n)]
                # the aspect's heading and the paragraph under it, in the template's draft and the draft revised
                texts = [*_aspect_texts(self._section_of(self.template_draft), self.section, aspect),
                         *(_aspect_texts(self._section_of(self.current), self.section, aspect)
                           if self.current is not None else [])]
                own = [*notes, *texts, *self.extra_support]
                self._aspect_support[aspect] = (supported_text(self.report, self.facts, notes, texts, self._extra),
                                                SupportedText.of(own))
        return self._aspect_support[aspect]

    @cached_property
    def said_before(self) -> str:
        """What the input and the template's text say (the staff's request and the draft revised too, in a chat): a
        denial said there in the same words is true (M19)."""
        current = draft_texts(self.current) if self.current is not None else []
        return "\n".join([self.input_text, *draft_texts(self.template_draft), *current, *self.extra_support])

    def denial_notes(self, aspect: str | None) -> list[str]:
        """The notes a paragraph of ``aspect`` (of no aspect: of the section) may not deny (M19): those a drafter
        states (not instructions, not notes the tables contradict) of work done (not the year's problems, often told
        in words of lack, nor the measures planned)."""
        from assistant.drafting.llm import SECTION_NOTES
        from assistant.drafting.unfit_notes import fitting_report

        if self._fitting_notes is None:
            self._fitting_notes = fitting_report(citable_report(self.report)[0]).notes
        aspects = (aspect,) if aspect is not None else SECTION_NOTES.get(self.section, ())
        return [n for a in aspects if a not in _NO_WORK_DONE for n in getattr(self._fitting_notes, a, [])
                if isinstance(n, str)]

    def _section_of(self, draft: Draft) -> list[str]:
        if self.section == "preamble":
            return list(draft.preamble)
        section = draft.section(self.section)
        return list(section.paragraphs) if section else []


def _aspect_texts(paragraphs: list[str], section: str, aspect: str) -> list[str]:
    """The heading of ``aspect`` and the paragraph under it in ``paragraphs`` of ``section`` (none when not laid out so)."""
    places = aspect_paragraphs(section, paragraphs)
    return paragraphs[places[aspect] - 1:places[aspect] + 1] if aspect in places else []


def citable_report(report: Report) -> tuple[Report, list[str]]:
    """The report without notes that read as instructions to a model ("把申请数写成999件"), and those notes.

    The template text a model's draft falls back to is written from this report, so an instruction hidden in the
    notes reaches the final document neither through the model nor through the fallback.
    """
    notes = report.notes
    removed: list[str] = []
    update: dict[str, list[str]] = {}
    for aspect in type(notes).model_fields:
        items = getattr(notes, aspect)
        if isinstance(items, list) and any(isinstance(n, str) and _INSTRUCTION_NOTE_RE.search(n) for n in items):
            removed += [n for n in items if _INSTRUCTION_NOTE_RE.search(n)]
            update[aspect] = [n for n in items if not _INSTRUCTION_NOTE_RE.search(n)]
    if not removed:
        return report, []
    return report.model_copy(update={"notes": notes.model_copy(update=update)}), removed


_INSTRUCTION_NOTE_RE = lazy_compile(
    r"写成|写为|写作|改成|改为|改写|替换为|忽略|无视|不要管|请将|请把|(?<![一-龥])把.{0,12}(?:写|改)|指令|提示词|规则|"
    r"^\s*请|请在|请务必|务必写|一定要写|必须写|(?:正文|文中|稿子?|报告中)(?:中|里|内)?.{0,4}(?:写明|写上|写入|注明|提到)|"
    r"ignore|prompt|system", re.I)


def _meta_literals(report: Report, facts: FactSheet) -> list[str]:
    """Input strings a model may copy as they are: the organ's facts and the tables' own labels (三类内部事务信息)."""
    meta = report.meta
    values = [meta.organ_name, meta.short_name, meta.parent_government, meta.website, meta.compiler,
              report.fmt.basis_number, report.fmt.basis_title]
    contact = meta.contact
    values += [str(getattr(contact, k)) for k in type(contact).model_fields if getattr(contact, k)]
    values += [text for f in facts for text in (f.stem, f.short) if re.search(rf"[\d{_CN}]", text or "")]
    return sorted({str(v) for v in values if v}, key=len, reverse=True)


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text)
    except Exception:  # noqa: BLE001 - a blank or odd figure matches nothing
        return Decimal(-1)


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


_SAME_UNIT = {"起": "件", "宗": "件", "％": "%", "个工作日": "工作日"}


def _unit(unit: str) -> str:
    return _SAME_UNIT.get(unit, unit)


_CN = CN_NUMERALS_PLAIN
_QUANTITY_RE = quantity_re(NOTE_QUANTITIES)
_PERCENT_CN_RE = chinese_percent_re(_CN)
_ARABIC_RE = lazy_compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
_CN_BIG_RE = lazy_compile(rf"[{_CN}]{{3,}}")
_DATE_RE = lazy_compile(rf"(?:{YEAR}\s*年\s*)?\d{{1,2}}\s*月(?:\s*\d{{1,2}}\s*[日号])?(?:份)?")
_DOC_NUMBER_RE = lazy_compile(rf"[〔\[［（(]\s*{YEAR}\s*[〕\]］）)]\s*第?\s*\d+\s*号")
_ORDINAL_RE = lazy_compile(rf"第\s*[\d{_CN}]+\s*(?:条|款|项|章|节|号|次|届|批|期|部分|个|段|页|年)?")
_HEAD_NUMBER_RE = lazy_compile(r"^\s*\d{1,2}\s*[.、．)）]")
_LATIN_WORD_RE = lazy_compile(r"[A-Za-z][A-Za-z'\-]*")
_PLACEHOLDER_LETTERS_RE = lazy_compile(r"(?:[Xx]{2,}|[Xx]+[Yy]+|[Yy]{2,})(?: (?:[Xx]{2,}|[Xx]+[Yy]+|[Yy]{2,}))*")
_SECTIONS_COUNT_RE = lazy_compile(r"[六6]个部分")
_STANDING_PHRASES = ("两个维护", "四个意识", "四个自信", "两个确立", "三重一大")


def _quantities_of_note(note: str) -> list[NoteQuantity]:
    text = _mask_structural(mask_idioms(note))
    out = []
    for m in _QUANTITY_RE.finditer(text):
        value = _value(m)
        if value is not None:
            out.append(NoteQuantity(value, _unit(m.group("unit")), bool(m.group("approx") or m.group("pre")),
                                    _stem_before(text, m.start()), subject_before(note, m.start(), _QUANTITY_RE, text)))
    return out


def _stem_before(text: str, index: int) -> str:
    before = re.sub(r"[^\u4e00-\u9fff]", "", text[max(0, index - 6):index])
    return before[-2:]


def _value(m: re.Match[str]) -> Decimal | None:
    return to_number(m.group("num").replace(" ", ""))


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + "□" * (end - start) + text[end:]


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: "□" * len(m.group()), text)


def _mask_structural(text: str) -> str:
    """Document numbers, ordinals (第二十条), the six parts and standing phrases are not quantities."""
    for pattern in (_DOC_NUMBER_RE, _ORDINAL_RE, _SECTIONS_COUNT_RE):
        text = _mask(text, pattern)
    for phrase in _STANDING_PHRASES:
        text = text.replace(phrase, "□" * len(phrase))
    return text


def fill_tracked(source: str, facts: FactSheet) -> tuple[str, list[tuple[int, int, str]], list[str]]:
    """Fill placeholders; return the text, the spans of filled text with their figure id, and the unknown ids."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    unknown: list[str] = []
    pos = 0
    length = 0
    for m in PLACEHOLDER_RE.finditer(source):
        out.append(source[pos:m.start()])
        length += m.start() - pos
        kind, fid = m.group(1), m.group(2)
        fact = facts.facts.get(fid)
        if fact is None:
            unknown.append(fid)
            piece = f"〔{kind}:{fid}〕"
        else:
            piece = fact.shown if kind == "F" else fact.phrase
            spans.append((length, length + len(piece), fid if kind == "F" else ""))
        out.append(piece)
        length += len(piece)
        pos = m.end()
    out.append(source[pos:])
    return "".join(out), spans, unknown


def check_paragraph(ctx: FirewallContext, index: int, text: str, spans: Sequence[tuple[int, int, str]] = (),
                    aspect: str | None = None, section_text: str = "") -> list[Finding]:
    """The firewall's findings on one paragraph of model text (placeholders filled; ``spans`` are their figures;
    ``aspect`` the aspect of 总体情况 whose heading it stands under, if any; ``section_text`` the section's text, which
    may tell the notes a paragraph of no aspect says there was no more of)."""
    findings: list[Finding] = []

    def add(rule: str, message: str, evidence: str, suggestion: str, expected: str | None = None) -> None:
        findings.append(Finding(rule=rule, category="drafting", severity="error", message=message,
                                location=Location(section=ctx.section, paragraph=index), evidence=evidence[:80],
                                expected=expected, found=evidence[:80], suggestion=suggestion))

    _check_hygiene(ctx, text, add)
    masked = _check_dates_and_years(ctx, text, add)
    _check_quantities(ctx, text, masked, spans, add)
    _check_organ(ctx, text, add)
    _check_events(ctx, text, add)
    _check_denials(ctx, text, add, aspect, section_text)
    repeated = repetition_in(text)
    if repeated:
        said, times = repeated
        add("M15", f"模型文字把“{said[:30]}{'……' if len(said) > 30 else ''}”重复写了{times}次", said,
            "同一句话、同一短语只写一次", expected="只写一次")
    _check_support(ctx, text, add, aspect)
    return findings


def _check_events(ctx: FirewallContext, text: str, add: Any) -> None:
    for claim in contradicted_events(text, ctx.facts, ctx.input_text):
        fact = ctx.facts[claim.fid]
        said = text[claim.start:claim.end]
        add("M14", f"模型文字称“{said}”（{claim.event.name}），但表格中{fact.name}为{fact.quantity}",
            _around(text, claim.start), "删去这句话，只写表格和工作情况说明中有的事", expected=fact.quantity)


def _check_denials(ctx: FirewallContext, text: str, add: Any, aspect: str | None, section_text: str) -> None:
    """M19 (``assistant.drafting.denials``): a denial of what the notes of the paragraph's aspect (or section) tell."""
    notes = ctx.denial_notes(aspect)
    if not notes:
        return
    told = text if aspect is not None or not section_text else section_text
    for denial in denied_notes(text, notes, told, ctx.said_before):
        add(DENIAL_RULE, denial.message(), _around(text, denial.start),
            "按工作情况说明写出这项工作，不写没有开展" if not denial.of_the_rest else
            "写出工作情况说明中的各项工作，不写“其他方面无”之类的话", expected=denial.note)


def _check_support(ctx: FirewallContext, text: str, add: Any, aspect: str | None) -> None:
    """M18 (``assistant.drafting.support``): one finding naming all the paragraph states that the input does not give
    (for the paragraph of an aspect, that aspect's notes)."""
    support, own = ctx.support_of(aspect)
    found = unsupported_content(support, text, own, ctx.support)
    organs = [u for u in found if u.kind == ORGAN_NAME]
    if organs:
        names = "".join(dict.fromkeys(f"“{u.text}”" for u in organs))
        add(SUPPORT_RULE, f"模型写了输入中没有的机构名称：{names}", _around(text, organs[0].start),
            "机关、机构名称照抄工作情况说明和机关信息中的写法；输入中没有的机构不写")
    rest = [u for u in found if u.kind != ORGAN_NAME]
    if rest:
        add(SUPPORT_RULE, f"模型写了输入中没有的内容：{describe(rest)}", _around(text, rest[0].start),
            "只写工作情况说明、机关信息和表格数据中有的事实；输入中没有的名称、文件、人名、时间、比较一律删去")


def _check_hygiene(ctx: FirewallContext, text: str, add: Any) -> None:
    stripped = text.strip()
    text = PLACEHOLDER_RE.sub(lambda m: "□" * len(m.group()), text)  # unknown ids are reported as L3
    if _THINK_OPEN_RE.search(text) or _THINK_CLOSE_RE.search(text) or re.search(r"<\|[^|]{1,30}\|>", text):
        add("M5", "模型回复中的思考过程标记残留在正文中", _around(text, (_THINK_OPEN_RE.search(text)
            or _THINK_CLOSE_RE.search(text) or re.search(r"<\|", text)).start()), "删去思考过程，只保留正文")  # type: ignore[union-attr]
    md = re.search(r"\*\*|__|```|`|^#{1,6}\s|^\s*[-*•]\s|\|\s*-{3,}|\]\(https?:", text, re.M)
    if md:
        add("M5", "正文中有 Markdown 标记（井号、星号、列表符号、代码或表格标记）", _around(text, md.start()),
            "用规范公文语体，不用 Markdown 标记")
    chatter = _chatter_in(text)
    if chatter:
        add("M6", "正文中有对话套话或关于稿子本身的说明（不属于年报正文）", chatter, "删去这句话，只写报告正文")
    echo = _echo_in(ctx, text)
    if echo:
        add("M7", "正文复述了提示词中的写作要求或标记", echo, "删去复述的要求，只写报告正文")
    residue = re.search(r"[{}]|\"\s*[:,\]]|\\[n\"]|\bparagraphs\b|\[\s*\"|\"\s*$|^\s*\"", text)
    if residue:
        add("M8", "正文中有 JSON 残留（花括号、引号、转义符或字段名）", _around(text, residue.start()), "只保留正文文字")
    heading = _heading_in(ctx, text)
    if heading:
        add("M9", "段落中出现了部分标题或新增部分（如“附件”）", heading, "删去标题，各部分标题由程序统一加上")
    latin = _latin_in(ctx, text)
    if latin and _PLACEHOLDER_LETTERS_RE.fullmatch(latin):
        letters = latin.split()[0]
        add("M12", f"正文中有未填写的占位文字“{letters}”", _around(text, text.find(letters)),
            "写出输入中的名称或内容，不用“XX”代替")
    elif latin:
        add("M10", "正文中有外文语句或输入中没有的外文词、网址", latin, "用中文表述；网址、邮箱照抄输入中的")
    traditional = _traditional_in(ctx, text)
    if traditional:
        add("M11", f"正文中有繁体字（{'、'.join(traditional)}）", "".join(traditional), "改用简体中文",
            expected=_t2s("".join(traditional)))
    if re.search(r"[〔\[【{]\s*[FP]\s*[:：]|[〔\[【]\s*[FP]\s*$", text):
        add("M12", "段落中有未填入的占位符（或占位符残缺）", _around(text, re.search(r"[〔\[【{]\s*[FP]", text).start()),  # type: ignore[union-attr]
            "只使用数据清单中的完整占位符")
    if not re.search(r"[。！？!?][”’」』）)]*$|〔待补[^〕]*〕$", stripped):
        add("M12", "段落没有以句号等结尾（句子未写完，可能被截断）", stripped[-20:], "把句子写完整")
    if len(stripped) > MAX_PARAGRAPH_CHARS:
        add("M12", f"段落过长（{len(stripped)}字，上限{MAX_PARAGRAPH_CHARS}字）", stripped[:30], "压缩为一段正常长度的文字")


_CHATTER_RE = lazy_compile(
    r"[^。！？\n]*(?:您|你可以|请根据(?:贵|本|实际|具体)|"
    r"(?:请|可|可以|建议|需)(?:根据|结合)(?:贵单位|本单位|你们|各地|自身)?(?:的)?实际情况(?:进行)?(?:调整|修改|补充|完善|删改)|"
    r"仅供参考|供参考|如需(?:调整|修改|补充)|以上(?:内容|段落|文字|稿件|草稿|为)|以下(?:是|为)(?:起草|修改|改写|正文)|"
    r"本段|此段|(?:这|该)段(?:文字|话|内容)|该段落|(?:修改|改写|改正)后的(?:段落|正文|文字|内容|稿)|起草的正文|字数|作为(?:一个)?(?:AI|人工智能|语言模型)|语言模型|人工智能助手|"
    r"希望(?:对您|能帮|以上)|有(?:任何)?问题(?:请|欢迎)|好的，|温馨提示|注意事项：|注：|说明：|备注：)[^。！？\n]*[。！？]?")


def _chatter_in(text: str) -> str:
    m = _CHATTER_RE.search(text)
    return m.group().strip() if m else ""


def _echo_in(ctx: FirewallContext, text: str) -> str:
    for marker in ctx.prompt_markers:
        if marker in text:
            return marker
    for word in ("占位符", "只输出", "写作要求", "工作情况说明", "数据清单", "素材开始", "素材结束", "JSON", "依次写明",
                 "不写小标题", "不得编造", "校核发现"):
        if word in text:
            return _around(text, text.index(word))
    numbered = re.search(r"第\d+段[：:，,]?", text)
    if numbered:
        return numbered.group()
    compact = re.sub(r"\s", "", text)
    for line in ctx.instructions:
        head = re.sub(r"\s", "", re.sub(r"^\d+\.\s*", "", line))[:16]
        if len(head) >= 12 and head in compact:
            return head
    return ""


_SECTION_TITLE_RE = lazy_compile(
    rf"(?:^|[。；！？\s])\s*(?:{CN_ORDINAL}+、\s*(?:总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告|"
    r"[\u4e00-\u9fff]{2,12}(?:情况|事项|问题))|附件[一二三四五1-9]?\s*[:：、]?|附\s*件)")
_SUBHEAD_RE = lazy_compile(rf"(?:^|[。；！？])\s*[（(]{CN_ORDINAL}[）)]\s*[\u4e00-\u9fff]{{2,12}}(?:[。：:\s]|$)")


def _heading_in(ctx: FirewallContext, text: str) -> str:
    m = _SECTION_TITLE_RE.search(text)
    if m:
        return m.group().strip("。；！？ ")
    if ctx.section != "overview":
        m = _SUBHEAD_RE.search(text)
        if m:
            return m.group().strip("。；！？ ")
    return ""


def _latin_in(ctx: FirewallContext, text: str) -> str:
    for url in ADDRESS_RE.findall(text):
        if url.rstrip("/") not in ctx.input_text and url not in ctx.input_text:
            return url
    rest = _mask(text, ADDRESS_RE)
    words = _LATIN_WORD_RE.findall(rest)
    foreign = [w for w in words if w.lower() not in ctx.input_words]
    return " ".join(foreign[:6]) if foreign else ""


@cache
def _converter() -> Any:
    import opencc  # a maintained converter (OpenCC's own Python package) rather than a hand list

    return opencc.OpenCC("t2s")


def _t2s(text: str) -> str:
    return str(_converter().convert(text))


def _traditional_in(ctx: FirewallContext, text: str) -> list[str]:
    simplified = _t2s(text)
    if simplified == text:
        return []
    found = []
    for a, b in zip(text, simplified, strict=False):
        if a != b and a not in ctx.input_text and a not in found:
            found.append(a)
    return found


_FUTURE_RE = lazy_compile(
    r"计划|拟|下一步|下步|明年|来年|今后|下一年度|将(?:进一步|继续|持续|加强|着力|重点|不断|全面|积极|深入|切实|认真|大力|努力|坚持|"
    r"围绕|聚焦|结合|推进|推动|做好|抓好|完善|强化|提升|加大|丰富|拓展|拓宽|落实|建立|健全|开展|从以下|在以下|以|按照|加以)")
_SENTENCE_RE = lazy_compile(r"[^。！？!?]+[。！？!?]?")


def _check_dates_and_years(ctx: FirewallContext, text: str, add: Any) -> str:
    """Years and dates checked, then masked; returns the text left for the quantity check."""
    masked = mask_idioms(text)
    for literal in ctx.literals:
        masked = masked.replace(literal, "□" * len(literal))
    masked = _mask(masked, ADDRESS_RE)
    masked = _mask_structural(masked)
    for m in _DATE_RE.finditer(masked):
        token = _norm(m.group())
        if "日" not in token and "号" not in token and not re.match(rf"{YEAR}年", token):
            continue  # a month alone ("3月份") is checked as a number below
        if token.removesuffix("份") not in ctx.allowed_dates and token not in ctx.note_dates:
            add("M2", f"模型写了输入中没有的日期“{m.group()}”", _around(text, m.start()),
                "删去日期，或只写统计期限和工作情况说明中的日期",
                expected=f"{ctx.year}年1月1日至{ctx.year}年12月31日")
        masked = _blank(masked, m.start(), m.end())
    years = [(int(m.group(1)), m.start(), m.end()) for m in YEAR_RE.finditer(masked)]
    for m in CN_YEAR_RE.finditer(masked):
        digits = "".join(str("〇一二三四五六七八九".find(c)) if c != "零" else "0" for c in m.group(1))
        years.append((int(digits), m.start(), m.end()))
    measures = ctx.section == "problems" and _is_measures_paragraph(ctx, text)
    for year, start, end in years:
        if year not in (ctx.year, ctx.year + 1) and year not in ctx.note_years:
            add("M2", f"模型写了报告年度（{ctx.year}年）和下一年度以外的年份“{year}年”", _around(text, start),
                f"本年度的工作写{ctx.year}年，下一步工作写{ctx.year + 1}年", expected=f"{ctx.year}年或{ctx.year + 1}年")
        elif year == ctx.year:
            sentence = next((s.group() for s in _SENTENCE_RE.finditer(text) if s.start() <= start < s.end()), "")
            if _FUTURE_RE.search(sentence) or measures:
                add("M3", f"下一步工作写成了报告年度“{year}年”", _around(text, start),
                    f"改进计划、下一步工作写{ctx.year + 1}年", expected=f"{ctx.year + 1}年")
        masked = _blank(masked, start, end)
    return masked


def _is_measures_paragraph(ctx: FirewallContext, text: str) -> bool:
    return bool(re.search(r"下一步|下步|将从以下|改进措施|今后|明年", text))


def _check_quantities(ctx: FirewallContext, text: str, masked: str, spans: Sequence[tuple[int, int, str]],
                      add: Any) -> None:
    masked = _mask(masked, _HEAD_NUMBER_RE)

    def from_placeholder(start: int, end: int) -> tuple[bool, str]:
        for a, b, fid in spans:
            if a <= start and end <= b:
                return True, fid
        return False, ""

    for m in _QUANTITY_RE.finditer(masked):
        num_start, num_end = m.span("num")
        unit = _unit(m.group("unit"))
        value = _value(m)
        approx = bool(m.group("approx") or m.group("pre"))
        inside, fid = from_placeholder(num_start, num_end)
        if inside:
            fact = ctx.facts.facts.get(fid) if fid else None
            if fact is not None and fact.unit and _unit(fact.unit) != unit and not approx:
                add("M1", f"数字“{m.group().strip()}”的单位与数据不符（{fact.name}的单位是“{fact.unit}”）",
                    _around(text, m.start()), f"改用“{fact.unit}”", expected=fact.quantity)
            elif approx:
                add("M1", f"表格数字被写成了约数“{m.group().strip()}”", _around(text, m.start()), "照写表格中的准确数字")
            masked = _blank(masked, m.start(), m.end())
            continue
        if m.group("num") == "一" and not approx:  # 一项、一个、一次: an article, not a count
            masked = _blank(masked, m.start(), m.end())
            continue
        # a figure of the notes written after another thing (its stem, 培训 of 培训2次, may be missing then)
        swapped = _misattached(ctx, text, m, value, unit, approx) if value is not None else None
        if swapped is not None:
            add("M1", f"模型文字把数字“{m.group().strip()}”写成了“{swapped.other}”的，工作情况说明中它是“{swapped.own}”的",
                _around(text, m.start()), "照工作情况说明写出每个数字所属的事项", expected=swapped.own)
            masked = _blank(masked, m.start(), m.end())
            continue
        if value is not None and _quantity_allowed(ctx, text, m, value, unit, approx):
            masked = _blank(masked, m.start(), m.end())
            continue
        add("M1", f"模型自行写出了数字“{m.group().strip()}”（不来自表格数据，工作情况说明中也没有）",
            _around(text, m.start()), "统计数字只用数据占位符；工作情况说明中没有的数字一律不写")
        masked = _blank(masked, m.start(), m.end())
    for m in _PERCENT_CN_RE.finditer(masked):
        add("M1", f"模型自行写出了比例“{m.group()}”", _around(text, m.start()), "不写表格数据以外的比例")
        masked = _blank(masked, m.start(), m.end())
    for m in _ARABIC_RE.finditer(masked):
        if any(a <= m.start() and m.end() <= b for a, b, _fid in spans) or m.group() in ctx.note_numbers:
            continue
        if int(float(m.group())) in (ctx.year, ctx.year + 1) and "." not in m.group():
            continue
        add("M1", f"模型自行写出了数字“{m.group()}”（不来自表格数据，工作情况说明中也没有）", _around(text, m.start()),
            "删去这个数字，统计数字只用数据占位符")
    for m in _CN_BIG_RE.finditer(masked):
        value = to_number(m.group())
        if value is not None and value >= 100 and not any(a <= m.start() < b for a, b, _f in spans):
            add("M1", f"模型自行写出了数字“{m.group()}”", _around(text, m.start()), "统计数字只用数据占位符")


def _quantity_allowed(ctx: FirewallContext, text: str, m: re.Match[str], value: Decimal, unit: str,
                      approx: bool) -> bool:
    if ctx.final_text and not approx and (value, unit) in ctx.fact_quantities:
        return True
    for q in ctx.note_quantities:
        if q.value == value and q.unit == unit and q.approx == approx and (not q.stem or q.stem in text):
            return True
    return False


def _misattached(ctx: FirewallContext, text: str, m: re.Match[str], value: Decimal, unit: str, approx: bool) -> Misattached | None:
    """A figure of the notes the model ties to the subject of another figure of the same unit in the notes
    (:mod:`assistant.drafting.figure_subjects`); none for a table figure in the final text."""
    if ctx.final_text and (value, unit) in ctx.fact_quantities:
        return None
    own = [q.subject for q in ctx.note_quantities if (q.value, q.unit, q.approx) == (value, unit, approx)]
    others = [q.subject for q in ctx.note_quantities if q.unit == unit and q.value != value]
    # the clause back to the figure before it as written (figures already judged are blanked in masked)
    written_before = paired_clause(text, m.start(), _QUANTITY_RE, clause_before(text, m.start(), _QUANTITY_RE))
    if written_before is None:
        return None
    # the clauses of the notes that give no figure of this unit (a note that does is told apart by its subjects)
    things = [clause for note in ctx.citable_notes if not any(q.unit == unit for q in _quantities_of_note(note))
              for clause in _CLAUSE_SPLIT_RE.split(note) if clause]
    return misattached(written_before, own, others, ctx.organ_names) or \
        moved_to_another_thing(written_before, own, things, ctx.organ_names)


_CLAUSE_SPLIT_RE = lazy_compile(r"[，,；;。！？!?：:\n]")


_OTHER_SELF_RE = lazy_compile("[我本](?:" + "|".join(sorted(SELF_WORDS, key=len, reverse=True)) + ")")
_OTHER_PLACE_RE = lazy_compile(r"([\u4e00-\u9fff]{2,4}?)(镇|乡|街道)(?=人民政府|政府|办事处|党委)")
_PLACE_STOP = set("我本全该各每和与及或在对向于以为将把从经由的了是乡村县区市省城集小重大中直其此这那等个各年月日条件次项")
_SCOPE_RE = lazy_compile(r"全(?:县|区|市|省|州)(?![域场面部体员国镇])")


def _check_organ(ctx: FirewallContext, text: str, add: Any) -> None:
    for m in _OTHER_SELF_RE.finditer(text):
        word = m.group()
        if text[m.end():m.end() + 1] in ("法", "公", "事", "镇"):  # 本办法、本办公室、本乡镇
            continue
        if word in ctx.conflicting and word not in ctx.input_text:
            add("M4", f"本报告是{ctx.meta.organ_name}的报告，模型却写了“{word}”", _around(text, m.start()),
                f"自称用“{'”或“'.join(sorted(ctx.self_words))}”", expected=next(iter(sorted(ctx.self_words)), None))
    if ctx.meta.organ_kind in ("乡镇", "街道"):
        for m in _SCOPE_RE.finditer(text):
            if m.group() not in ctx.input_text:
                add("M4", f"乡镇、街道的报告以“{m.group()}”的范围叙述工作", _around(text, m.start()),
                    "只写本机关的工作")
    for actor in other_actors(text, ctx.other_organs, ctx.said_before):
        add("M4", actor.message(ctx.citable_notes), _around(text, actor.start),
            "本机关做的工作写本机关（或自称）做的；上级机关只照工作情况说明写")
    for m in _OTHER_PLACE_RE.finditer(text):
        stem = m.group(1)
        name = stem + m.group(2)
        while stem and stem[0] in _PLACE_STOP:
            stem = stem[1:]
        if len(stem) < 2 or any(c in _PLACE_STOP for c in stem):
            continue
        name = stem + m.group(2)
        if is_ordinary_phrase(stem) or stem in WORK_VERBS:  # "组织清理镇政府…", "清理镇政府…": a verb | 镇政府
            continue
        if name not in ctx.input_text:
            add("M4", f"模型写了输入中没有的机关名称“{name}”", _around(text, m.start()), f"改为“{ctx.meta.organ_name}”或自称")


def _around(text: str, index: int, width: int = 14) -> str:
    return text[max(0, index - width):index + width]


# --------------------------------------------------------------------------------------------------------------
# Required elements of a section (M13): what the template's text of the section has, the model's text must have too

REQUIRED_ELEMENTS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    "preamble": (
        ("编制依据（《条例》）", lazy_compile(r"条例")),
        ("编制机关", lazy_compile(r"编制|编写|制作")),
        ("报告由六个部分组成", lazy_compile(r"[六6]\s*个?部分")),
        ("数据统计期限", lazy_compile(r"1\s*月\s*1\s*日[^。]{0,14}12\s*月\s*31\s*日")),
        ("报告电子版所在网站", lazy_compile(r"网站|网址|https?://|www\.")),
        ("联系方式", lazy_compile(r"联系|咨询|电话|邮箱")),
    ),
    "problems": (
        ("存在的主要问题", lazy_compile(r"问题|不足|短板|差距|薄弱|有待")),
        ("上年度问题的改进情况", lazy_compile(r"上一?年度?|去年")),
        ("改进措施", lazy_compile(r"下一步|改进|今后|计划|拟|将")),
    ),
}


def missing_elements(key: str, paragraphs: Sequence[str], template: Sequence[str]) -> list[str]:
    """The required elements of section ``key`` that the template's text has and ``paragraphs`` lack."""
    text, base = "\n".join(paragraphs), "\n".join(template)
    return [name for name, pattern in REQUIRED_ELEMENTS.get(key, ()) if pattern.search(base)
            and not pattern.search(text)]


def element_findings(key: str, paragraphs: Sequence[str], template: Sequence[str]) -> list[Finding]:
    """An error (M13, on the whole section) when the model's text lacks what the template's text of it has."""
    missing = missing_elements(key, paragraphs, template)
    if not missing:
        return []
    names = "、".join(missing)
    return [Finding(rule="M13", category="drafting", severity="error", location=Location(section=key),
                    message=f"这一部分缺少必备内容：{names}", expected=names, found="（缺）",
                    suggestion=f"按数据清单和工作情况说明补写{names}")]


# --------------------------------------------------------------------------------------------------------------
# The final text


def instruction_lines(prompt_texts: Iterable[str]) -> list[str]:
    """The prompt's own instruction lines: not the data (organ facts, figures, the staff's notes), no list items."""
    out: list[str] = []
    for prompt in prompt_texts:
        inside_notes = False
        for line in prompt.splitlines():
            s = line.strip()
            if s.startswith("<<<") and s.endswith(">>>"):
                inside_notes = "开始" in s
                continue
            if inside_notes or not s or s.startswith(("- ", "· ", "第")):
                continue
            if s.startswith("【") and s.endswith("】"):
                continue
            out.append(s)
    return out


def final_text_defects(report: Report, draft: Draft, sections: Sequence[str], base: Draft | None = None,
                       extra_support: Sequence[str] = (), current: Draft | None = None) -> list[Finding]:
    """The firewall's findings on the text a draft would ship, in the given sections (must be none); ``base`` is the
    template's draft of the same report (drafted here when not given), whose required elements the text must have;
    ``extra_support`` is what else the staff gave that model text may tell (M18: a chat request), ``current`` the draft
    a chat revised (its text supports the revision, aspect by aspect)."""
    from assistant.drafting.template import TemplateDrafter, is_program_heading

    if base is None:
        base = TemplateDrafter().draft(report)
    facts = FactSheet(report)
    findings: list[Finding] = []
    for key in sections:
        ctx = FirewallContext(report, facts, key, instructions=section_instructions(report, facts, key),
                              final_text=True, template=base, extra_support=list(extra_support), current=current)
        paragraphs = list(draft.preamble) if key == "preamble" else list(getattr(draft.section(key), "paragraphs", []))
        total = 0
        aspects = {i: a for a, i in aspect_paragraphs(key, paragraphs).items()}
        for i, text in enumerate(paragraphs):
            if is_program_heading(key, text):
                continue
            total += len(text)
            findings.extend(check_paragraph(ctx, i, text, aspect=aspects.get(i), section_text="\n".join(paragraphs)))
        template = list(base.preamble) if key == "preamble" else list(getattr(base.section(key), "paragraphs", []))
        findings.extend(element_findings(key, paragraphs, template))
        if total > MAX_SECTION_CHARS:
            findings.append(Finding(rule="M12", category="drafting", severity="error",
                                    message=f"这一部分过长（{total}字，上限{MAX_SECTION_CHARS}字）",
                                    location=Location(section=key)))
    return findings


def section_instructions(report: Report, facts: FactSheet, key: str) -> list[str]:
    """The instruction lines of the prompts that draft section ``key`` (system and section prompt)."""
    from assistant.drafting.llm import SECTION_PROMPTS, prompt_context, prompts

    ctx = prompt_context(report, facts, key)
    return instruction_lines([prompts().render("system.j2", **ctx), prompts().render(SECTION_PROMPTS[key], **ctx)])


__all__ = ["CHECKS", "citable_report", "ModelReply", "ReadReply", "ReplyError", "TruncatedReply", "FirewallContext", "read_reply",
           "strip_reasoning", "fill_tracked", "check_paragraph", "element_findings", "missing_elements", "final_text_defects", "instruction_lines",
           "section_instructions"]
