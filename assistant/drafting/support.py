"""The support check (firewall rule ``M18``): a model paragraph says only what the input supports.

An allow-list, not a list of bad words. The **supported text** of a report is what its input gives and what is true
of it by construction: the staff's notes (every aspect, notes that read as instructions left out), the organ's and
its parent organs' names, contact details and website, the compiler, the format's section titles and table labels,
the FactSheet's names and phrases, and the template drafter's draft of the same report (its words are true for this
report by construction). In a chat revision the current text of the draft and the user's request are supported too.

A paragraph of model text fails when, outside that text and a short list of office words that state no fact
(``GENERAL_OFFICE_WORDS``: 做好, 加强, 认真 …), it has

- a content word: a noun, name, place, verb (an event: 开通, 表扬, 印发), time word, or a word the dictionary does not
  know (an unknown name), as jieba's dictionary tags it (``assistant.segmenter``);
- a quoted name “…” or a title 《…》 that the input does not have as a whole;
- a placeholder of a template ([机关名称], 【编制单位】, 某镇, 某某, XX, ××);
- a date in words (六月中旬, 上半年, 第三季度, 春节) or a comparison with last year (较上年, 同比) the input does not make.

Only words of two characters or more are judged (a single character is too ambiguous to be a fact of its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assistant.drafting.organ_names import LEVELS, NAME_RUN_RE, unsupported_organ_names
from assistant.facts import FactSheet
from assistant.model import Draft, Report
from assistant.patterns import lazy_compile
from assistant.segmenter import part_of_speech, words

ORGAN_NAME = "机关名称"  # the kind of an organ's or office's name, reported on its own
RULE_ID = "M18"  # the firewall's check id (CHECKS); M14–M17 are left to the checks of model text
# against the tables, of repetition and of gaps, written at the same time

# jieba's tags of words that state no fact of their own: adjectives, adverbs, conjunctions, prepositions, pronouns,
# numerals and measure words (M1 judges quantities), particles, idioms and set phrases, state words, interjections.
FUNCTION_TAGS = frozenset({"a", "ad", "ag", "an", "c", "d", "dg", "df", "e", "f", "h", "i", "k", "l", "m", "mg", "mq",
                           "o", "p", "q", "r", "rg", "rr", "rz", "u", "ud", "ug", "uj", "ul", "uv", "uz", "x", "y",
                           "z", "zg"})

# Words of office prose that state no fact about the organ's year (the allow-list's only words not from the input):
# how work is done, the generic things every report speaks of, and the opening's form. Not events (培训, 考核, 评议,
# 开通, 印发, 表扬), places, names or times: those must come from the input.
_HOW_WORK_IS_DONE = """
做好 抓好 加强 认真 严格 落实 贯彻 贯彻落实 推进 推动 扎实 持续 深入 不断 进一步 切实 提升 提高 完善 规范 健全 强化 优化
确保 保障 依法 依规 依法依规 有序 有效 及时 准确 全面 积极 稳步 重视 高度重视 坚持 围绕 聚焦 结合 按照 根据 依据 依照 遵循
开展 组织 着力 努力 主动 领导 正确领导 指导 部署 安排 统筹 协调 配合 做到 实现 加大 拓展 拓宽 丰富 创新 改进 整改 提质 增效
常态化 规范化 标准化 制度化 精准 高效 便捷 依托 利用 充分利用 借助 运用 设立 设置 建立 关心 关注 方便 便于 方便群众 取得
负责 严格执行 执行 夯实 营造 切实加强 稳步推进 有序推进 防止 避免 杜绝 提供 保证 保护 运行 顺利 对照 指出 发现 表现 存在
还有 仍有 定期 继续 同时 此外 其中 以及 通过 加以 进行 予以 给予 实行 作为 办理 处理 答复 受理 管理 建设 监督
"""
_GENERIC_THINGS = """
工作 质量 水平 质效 实效 成效 一定成效 机制 长效机制 工作机制 制度 要求 规定 办法 情况 方面 措施 举措 力度 能力 业务水平 意识
群众 公众 社会 人民群众 社会公众 知情权 参与权 表达权 监督权 透明度 公信力 关切 需求 回应 服务 便利 权益 合法权益
政务公开 信息公开 政府信息 政府信息公开 公开 主动公开 依申请公开 公开透明 应公开尽公开 常态 例外 泄密 相关 有关 各项 重点
重要 领域 内容 形式 渠道 载体 手段 途径 方式 工作人员 人员 业务 条例 精神 原则 目标 任务 职责 责任 环节 流程 程序 时限
法定 时效 及时性 准确性 申请 申请人 信息 数据 问题 不足 差距 短板 薄弱 效果 效率 氛围 中心工作 新台阶 本年度 全年 年度 本年
当年 今后 下一步 下一年度 本机关 机关 单位 本级 日常
"""
_OPENING_FORM = """
报告 本报告 正文 部分 包括 期限 查看 统计期限 统计区间 区间 日起 日止 查阅 下载 登录 访问 浏览 疑问 联系 咨询 电子版 邮编 邮政编码
通信地址 地址 电话 邮箱 电子邮箱
"""
GENERAL_OFFICE_WORDS = frozenset((_HOW_WORK_IS_DONE + _GENERIC_THINGS + _OPENING_FORM).split())

# Placeholders of a template or a sample text: [机关名称], 【编制单位】, 某镇, 某某, XX镇, ××次, ○○.
_PLACEHOLDER_RE = lazy_compile(
    r"\[[^\]\n]{1,16}\]|［[^］\n]{1,16}］|【[^】\n]{1,16}】|某(?!些|种|一|个别|方面)[\u4e00-\u9fff]?|"
    r"(?<![A-Za-z])[Xx]{2,}(?![A-Za-z])|[×＊*]{2,}|○{2,}|□{2,}|△{2,}")
_QUOTED_RE = lazy_compile(r"“([^”\n]{1,40})”|‘([^’\n]{1,40})’|「([^」\n]{1,40})」")
_TITLE_RE = lazy_compile(r"《([^》\n]{1,80})》")
# Dates in words: months, parts of a month or year, quarters, festivals.
_DATE_WORDS_RE = lazy_compile(
    r"(?:[一二三四五六七八九十]|十[一二]|正|腊)月(?:份|初|中旬|上旬|下旬|底|末)?|[上中下]旬|月[初底末中]|"
    r"年[初中底末]|[上下]半年|(?:第?[一二三四1-4])季度|春节|元旦|国庆|五一|端午|中秋|清明|汛期|岁末|年终")
# A comparison with last year (the input gives no previous year's figures unless it makes the comparison itself).
_COMPARISON_RE = lazy_compile(
    r"较(?:上一?年度?|去年|往年|以往)|比(?:上一?年度?|去年|往年)|与(?:上一?年度?|去年|往年)(?:同期)?相比|同比|环比|"
    r"(?:明显|大幅|显著|稳步|持续)?(?:增长|上升|下降|减少|增加|提高)(?:了)?\d*(?:\.\d+)?(?:%|％|个百分点|倍)|翻[一两]?番")
# A time word naming another year than the report's (the table's 上年结转 is a label, not a time the text sets).
_OTHER_YEAR_RE = lazy_compile(r"上一?年度?(?!结转)|上一年|去年|前年|往年|以往年度")
_KINDS_OF_NAMES = {"nr": "人名", "nrfg": "人名", "nrt": "人名", "ns": "地名或机关名", "nt": "机关或团体名称"}
_CJK_WORD_RE = lazy_compile(r"^[\u4e00-\u9fff]{2,}$")
_BRACKETS = str.maketrans("", "", "《》〈〉“”‘’「」『』\"'（）()[]【】 ")


@dataclass(frozen=True)
class SupportedText:
    """What a report's input supports, as one text (and that text without quotes and brackets, for titles)."""

    text: str
    plain: str

    @classmethod
    def of(cls, pieces: Iterable[str]) -> SupportedText:
        text = "\n".join(pieces)
        return cls(text, text.translate(_BRACKETS))

    def has(self, phrase: str) -> bool:
        return phrase in self.text or phrase.translate(_BRACKETS) in self.plain


@dataclass(frozen=True)
class Unsupported:
    """Something a model paragraph states that the input does not: what kind (Chinese) and the words."""

    kind: str
    text: str
    start: int


def report_wide_text(report: Report, facts: FactSheet) -> list[str]:
    """What any paragraph of ``report`` may name: the organ and its parent organs, contact, website, compiler, the
    format's titles and labels, the FactSheet's names and phrases."""
    meta = report.meta
    contact = meta.contact
    pieces = [str(v) for v in (meta.organ_name, meta.short_name, meta.parent_government, meta.parent_party,
                               meta.website, meta.compiler, report.fmt.basis_title, report.fmt.basis_number) if v]
    pieces += [str(getattr(contact, k)) for k in type(contact).model_fields if getattr(contact, k)]
    pieces += [s.title for s in report.fmt.sections]
    pieces += list(report.fmt.labels.values())
    pieces += [text for f in facts for text in (f.name, f.stem, f.short, f.phrase) if text]
    return pieces


def supported_text(report: Report, facts: FactSheet, notes: Sequence[str], template: Sequence[str],
                   extra: Iterable[str] = ()) -> SupportedText:
    """The supported text of a paragraph of ``report``: ``notes`` are the citable notes it may tell (of its own aspect,
    where the section is laid out by aspects), ``template`` the template drafter's text it may say (its paragraph of
    the same aspect, or its whole draft), ``extra`` what else the staff gave (a chat request, the text revised)."""
    return SupportedText.of([*notes, *extra, *report_wide_text(report, facts), *template])


def draft_texts(draft: Draft) -> list[str]:
    """Every paragraph of a draft, its title first."""
    return [draft.title or "", *draft.preamble, *(p for s in draft.sections for p in s.paragraphs)]


def unsupported_content(support: SupportedText, text: str, own: SupportedText | None = None,
                        names: SupportedText | None = None) -> list[Unsupported]:
    """What ``text`` (a paragraph of model text, placeholders filled) states that ``support`` does not give; a time
    word naming another year (上年度, 去年) must be in ``own`` (the paragraph's own notes and template text), an organ's
    name in ``names`` (all the input, when the paragraph's ``support`` is its aspect's)."""
    found: list[Unsupported] = []
    covered: list[tuple[int, int]] = []

    def add(kind: str, phrase: str, start: int) -> None:
        found.append(Unsupported(kind, phrase, start))
        covered.append((start, start + len(phrase)))

    for m in _PLACEHOLDER_RE.finditer(text):
        if m.group() not in support.text:  # as written: 【编制单位】 is not the label 编制单位
            add("占位写法", m.group(), m.start())
    for m in _TITLE_RE.finditer(text):
        if not support.has(m.group(1)):
            add("文件名", m.group(), m.start())
        covered.append(m.span())
    for m in _QUOTED_RE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        if not support.has(inner) and not _overlaps(covered, m.start()):
            add("名称", m.group(), m.start())
        covered.append(m.span())
    for m in _COMPARISON_RE.finditer(text):
        if not support.has(m.group()) and not _overlaps(covered, m.start()):
            add("与上年比较", m.group(), m.start())
    for m in _DATE_WORDS_RE.finditer(text):
        if not support.has(m.group()) and not _overlaps(covered, m.start()):
            add("时间", m.group(), m.start())
    for m in _OTHER_YEAR_RE.finditer(text):
        if not (own or support).has(m.group()) and not _overlaps(covered, m.start()):
            add("时间", m.group(), m.start())
    for start, end, name in unsupported_organ_names((names or support).text, text):
        if not _overlaps(covered, start):
            add(ORGAN_NAME, name, start)
            covered.append((start, end))
    position = 0
    for word in words(text):
        start, position = position, position + len(word)
        if _overlaps(covered, start) or not _CJK_WORD_RE.match(word) or word in GENERAL_OFFICE_WORDS:
            continue
        tag = part_of_speech(word)
        if tag in FUNCTION_TAGS or support.has(word) or tag is None and _of_function_characters(word):
            continue
        if _made_of_supported_parts(support, word):
            continue  # a segmentation artefact: 疑问请 in 如有疑问请与…联系 is 疑问 | 请
        if _said_otherwise(support, word, text[:start]):
            continue
        kind = _KINDS_OF_NAMES.get(tag or "", "词语")
        if kind == "地名或机关名" and word[-1] not in _PLACE_ENDINGS:
            kind = "词语"  # 满意度 (tagged a place) names no place
        add(kind, word, start)
    return sorted(found, key=lambda u: u.start)


_PLACE_ENDINGS = frozenset("省市县区州旗镇乡村街道路山河湖岭湾坪营庄屯寨沟桥门口关")


def _made_of_supported_parts(support: SupportedText, word: str) -> bool:
    """Whether ``word`` is a supported or office word, or a level (由镇: 由 | 镇政务服务股, a name judged on its own),
    and one function character (疑问 + 请, 联系 + 了)."""
    for head, tail in ((word[:-1], word[-1]), (word[1:], word[0])):
        if (len(head) >= 2 or head in LEVELS) and (head in GENERAL_OFFICE_WORDS or support.has(head)) and \
                part_of_speech(tail) in _FUNCTION_CHARACTER_TAGS:
            return True
    return False


_FUNCTION_CHARACTER_TAGS = frozenset({"p", "c", "u", "uj", "ul", "d", "r", "y", "v"})
# Nouns that name the kind of thing the word before them names: 行政诉讼案件 is the table's 行政诉讼, told as cases
_KIND_NOUNS = {"案件": ("复议", "诉讼")}


def other_way_round(word: str) -> str:
    """A four-character word with its halves swapped (追究责任 -> 责任追究): the same thing in the other order."""
    return word[2:] + word[:2] if len(word) == 4 else word


def _said_otherwise(support: SupportedText, word: str, before: str) -> bool:
    """Whether ``word`` words what the input says in other words: its two halves the other way round (追究责任 for
    责任追究), or a kind noun after a supported word it names the kind of (案件 after the table's 行政诉讼)."""
    if len(word) == 4 and support.has(other_way_round(word)):
        return True
    kinds = _KIND_NOUNS.get(word, ())
    thing = NAME_RUN_RE.search(before)
    return any(thing is not None and thing.group().endswith(k) and support.has(thing.group()[-4:]) for k in kinds)


_NAMING_TAGS = frozenset({"n", "ng", "nr", "nrfg", "nrt", "ns", "nt", "nz", "b", "s", "t", "tg", "j", None})


def _of_function_characters(word: str) -> bool:
    """A word the dictionary does not know in which no character names anything ("如对本" in 如对本报告有疑问);
    an unknown name has one (李, 梅, 镇)."""
    return not any(part_of_speech(char) in _NAMING_TAGS for char in word)


def _overlaps(spans: list[tuple[int, int]], index: int) -> bool:
    return any(a <= index < b for a, b in spans)


def describe(found: Sequence[Unsupported]) -> str:
    """The unsupported things of a paragraph for its message: 名称“青石政务”；词语“上级、通报、表扬”."""
    by_kind: dict[str, list[str]] = {}
    for u in found:
        items = by_kind.setdefault(u.kind, [])
        if u.text not in items:
            items.append(u.text)
    parts = []
    for kind, items in by_kind.items():
        if kind in ("名称", "文件名", "占位写法"):
            parts.append(kind + "".join(items))
        else:
            parts.append(f"{kind}“{'、'.join(items)}”")
    return "；".join(parts)


__all__ = ["FUNCTION_TAGS", "GENERAL_OFFICE_WORDS", "ORGAN_NAME", "RULE_ID", "SupportedText", "Unsupported", "describe", "draft_texts", "other_way_round", "report_wide_text", "supported_text",
           "unsupported_content"]
