"""What a drafter may do with one of the office's notes before it merges the note into a sentence.

Notes are short phrases typed by staff: "2024年，本镇共发布信息88条", "街道落实保密审查", "社会评议待定", "无".
This module says, for one note, without the report around it:

- which time word and self-reference it begins with, so the drafter can drop them and add its own once
  (never "2024年，2024年共发布…" or "本街道街道落实…");
- whether it starts with something the organ does (发布、建立、落实 …), the only case where the drafter puts the organ
  in front of it ("公开前由法律顾问审核" or "两件申请均在5个工作日内答复" have a subject of their own, or none that
  the organ could be);
- whether it tells a step of the work ("公开前由法律顾问审核"): how the work is done, which no year leads into, and
  which names what is disclosed ("政府信息公开前…");
- whether it is a placeholder ("待定", "待补充", "暂无数据") or only says "无";
- whether a 工作考核/社会评议/责任追究 or 上年度问题改进 note states a result, or only names the work
  ("本乡社会评议。", "本街道已整改。").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.patterns import lazy_compile

_PUNCT = "，,、：:；; "
# Placeholders staff leave in a note instead of the fact.
PLACEHOLDER_WORDS = ("待定", "待补充", "待补", "待填", "暂无数据", "待统计", "待核实", "待确认", "TBD", "XXX", "xxx", "××")
# Notes that say there is nothing (after punctuation is dropped).
NOTHING_NOTES = frozenset({"无", "暂无", "没有", "无其他", "无其他事项", "无其他需要报告的事项", "无问题", "不涉及", "无此项"})
_YEAR_WORD = lazy_compile(r"^(\d{4})年度?")
_LEADING_TIME = lazy_compile(r"^(?:\d{4}年度?|本年度|本年|今年|全年|年内)")
_OTHER_TIME_WORDS = ("本年度", "本年", "今年", "年内")
# What, right after a year ("2020年", "本年"), makes it part of a date, a period or a list of years, which are the
# office's facts and stay whole: "2020年3月1日至2020年4月30日", "2020年1—6月", "2020年上半年", "2020年底前",
# "2020年以来", "2020年至2021年", "2020年、2021年", "本年3月".
_TIME_GOES_ON = lazy_compile(
    r"\d|[一二三四五六七八九十]{1,2}月|正月|腊月|[上下]半年|第?[一二三四1-4]季度|[底初末中内前后起春夏秋冬]|以来|以前|以后|"
    r"至|到|[—\-~～－–、/.]|[和与及或]")

# Verbs (and a few adverbials) with which a note says what the organ did: only such a note gets the organ in front.
ACTION_STARTS = (
    "发布", "公开", "主动公开", "建立", "健全", "完善", "落实", "开展", "组织", "维护", "更新", "设置", "设立", "推进", "规范",
    "加强", "加大", "强化", "做好", "抓好", "办理", "印发", "制定", "制发", "修订", "出台", "邀请", "召开", "举办", "运营",
    "运行", "新增", "增设", "开设", "开通", "梳理", "清理", "编制", "明确", "畅通", "实行", "实施", "坚持", "严格", "认真",
    "及时", "按照", "依托", "利用", "通过", "围绕", "针对", "对", "在", "将", "把", "向", "与", "以", "按", "根据", "结合",
    "扎实", "积极", "持续", "进一步", "全面", "重点", "定期", "逐条", "逐项", "集中", "统一", "安排", "配备", "指定",
    "确定", "接受", "参加", "参与", "回应", "答复", "受理", "登记", "审核", "审查", "核查", "检查", "督查", "督促",
    "指导", "培训", "召集", "聘请", "制作", "录制", "拍摄", "推出", "上线", "建成", "提升", "提高", "优化", "调整",
    "动态", "全年", "共", "累计", "成立", "组建", "召开", "编印", "发放", "张贴", "公示", "公布", "制订", "完成", "应用",
    "录入", "上传", "报送", "收集", "整理", "落细", "细化", "压实", "探索", "创新", "拓展", "拓宽", "丰富", "增加", "先后", "分别", "已", "主要", "重新", "专门", "深入", "广泛", "及早", "注重", "注意",
    "未收到", "没有收到", "未接到", "未收取",  # what the organ did not receive or charge: "本镇未收到人大代表建议"
)
# ...but not these, which begin with a verb-looking word and go on as a subject ("公开前由…", "对外公开的…").
_NOT_ACTION = ("规范性", "公开前", "公开后", "公开时", "答复前", "答复后", "答复时", "公开栏", "公开专栏", "公开内容", "公开信息", "公开的", "对外公开的", "在办理",
               "将于", "全年未", "共有", "已有", "主要是", "主要有", "对象")


# A note on a step of the work, before, after or at disclosure or a reply ("公开前由法律顾问审核", "答复前与申请人电话
#沟通"): it tells how the work is done, not an event of the year ("2024年度，公开前由法律顾问审核" frames it as one).
_PROCESS_STEP = lazy_compile(r"^(?:政府信息)?(?:公开|答复)(?:前|后|时(?![间限效]))")
_DISCLOSURE_STEP = lazy_compile(r"^公开(?:前|后|时(?![间限效]))")
DISCLOSED = "政府信息"


def tells_a_process_step(note: str) -> bool:
    """Whether the note tells a step of the work ("公开前由法律顾问审核", "答复前与申请人沟通"), which no year leads into."""
    return bool(_PROCESS_STEP.match(note))


def with_what_is_disclosed(note: str) -> str:
    """A note on a step of disclosure with what is disclosed named, as a careful office writes it: "公开前由法律顾问
    审核" -> "政府信息公开前由法律顾问审核" (other notes as they are)."""
    return DISCLOSED + note if _DISCLOSURE_STEP.match(note) else note


def clean(note: str) -> str:
    return note.strip().rstrip("。；;，,、 \t")


def is_placeholder(note: str) -> bool:
    """A note that stands in for a fact not yet known ("社会评议待定", "暂无数据", "待补充")."""
    return any(w in note for w in PLACEHOLDER_WORDS) or "〔待补" in note


def is_nothing(note: str) -> bool:
    """A note that only says there is nothing ("无", "暂无", "无。", "2025年无其他事项")."""
    return _LEADING_TIME.sub("", re.sub(r"[。；;，,、：:\s]", "", note)) in NOTHING_NOTES


def strip_time(note: str, years: Iterable[int]) -> tuple[str, bool]:
    """The note without a leading time word that is the report's own ("2024年，", "本年度，", "本年"), and whether it
    had one. A year other than ``years`` (e.g. 上年度, 2023年 in a 2024 report) stays: it says something; so does a
    year that begins a date, a period or a list of years ("2020年3月1日至2020年4月30日", "2020年底前", "本年3月")."""
    text = note
    found = False
    while True:
        word = _report_time_word(text, years)
        if not word:
            return text, found
        text = text[len(word):].lstrip(_PUNCT)
        found = True


def _report_time_word(text: str, years: Iterable[int]) -> str:
    """The time word the text begins with when it only repeats the report's year ("2024年", "2024年度", "本年度"),
    or "" (none, another year, or one that a date or a period goes on from)."""
    m = _YEAR_WORD.match(text)
    if m and int(m.group(1)) in set(years):
        word = m.group(0)
    else:
        word = next((w for w in _OTHER_TIME_WORDS if text.startswith(w)), "")
    if not word or _TIME_GOES_ON.match(text, len(word)):
        return ""
    return word


def strip_inner_times(note: str, years: Iterable[int]) -> str:
    """Each clause of the note without the report's own leading time word ("本年发布…12期，本年更新…" -> "发布…12期，
    更新…"): the drafter's sentence says the year once."""
    parts = re.split(r"([，,；;])", note)
    kept = [parts[0]]
    for mark, clause in zip(parts[1::2], parts[2::2], strict=True):
        clause = strip_time(clause, years)[0]
        if clause:  # a clause that was only the time word goes with its mark ("…，2020年，更新…" -> "…，更新…")
            kept += [mark, clause]
    return "".join(kept)


def strip_subject(note: str, subjects: Iterable[str]) -> tuple[str, bool]:
    """The note without a leading self-reference from ``subjects`` (我镇、本镇、本街道、街道、县政府 …)."""
    for word in sorted(subjects, key=len, reverse=True):
        if word and note.startswith(word) and len(note) > len(word):
            rest = note[len(word):]
            if rest[0] in "的":  # "本镇的公开栏…": the word is part of the subject, keep it
                return note, False
            return rest.lstrip(_PUNCT), True
    return note, False


# "公开信息40条": a count after it makes 公开 the organ's verb (not "公开信息涉及…", where 公开信息 is the subject).
_COUNTED_RELEASE = lazy_compile(r"公开信息(?:共|累计|合计)?\d")


def says_what_the_organ_did(body: str) -> bool:
    """True when the note begins with something the organ does (发布…, 建立…, 在13个村设置…, 公开信息40条), so that
    "我镇" fits in front of it."""
    if body.startswith(_NOT_ACTION) and not _COUNTED_RELEASE.match(body):
        return False
    return body.startswith(ACTION_STARTS)


# An aspect's note shorter than this says too little to report the aspect ("接受群众监督").
THIN_NOTE_CHARS = 8


def too_thin(note: str, subjects: Iterable[str] = (), years: Iterable[int] = ()) -> bool:
    """Whether a note is too thin to be written as a sentence: without its time word and self-reference, shorter than
    :data:`THIN_NOTE_CHARS`, with no figure, and not something the organ did ("公开栏", "指南更新"; not "公开信息40条",
    "加强审核")."""
    body, _ = strip_time(clean(note), years)
    body, _ = strip_subject(body, subjects)
    return (bool(body) and len(body) < THIN_NOTE_CHARS and not re.search(r"\d", body)
            and not says_what_the_organ_did(body) and not is_nothing(body) and not is_placeholder(body))


# --- notes on handling applications ---------------------------------------------------------------------------------

# A note that tells how applications were handled, as a fact: it needs applications ("所有申请均在法定期限内答复",
# "答复前与申请人电话沟通", "对群众提出的政府信息公开申请…"). A mechanism ("明确党政办为受理机构", "畅通申请渠道")
# does not; neither does a plan ("将…") or a note that says there were none ("未收到申请").
_HANDLING = lazy_compile(
    r"(?:所有|全部|各|每)(?:件|项|份|一件)?(?:政府信息公开|依申请公开)?申请|申请(?:均|都|全部|一律)|[与向对给]申请人|"
    r"(?:提出|收到|受理|办理)的(?:政府信息公开|依申请公开)?申请|\d+件申请|(?:两|三|四|五|六|七|八|九|十)件申请|"
    r"对[^，。；]{0,12}的申请|疑难申请")
# ...or, in a note on 依申请公开 (or a sentence that speaks of 申请), says that something was handled or answered.
_HANDLED = lazy_compile(
    r"逐件|办理(?:中|过程中|时)|在办理|(?:按时|及时|依法(?:依规)?|如期|当场|逐一)(?:予以)?(?:答复|办结|回复)|(?:答复|办结)率|"
    r"(?:依法依规|依法|依规|认真|规范|妥善|及时|按时)(?:地)?(?:办理|处理)(?:好)?(?:政府信息公开|依申请公开)?申请|"
    r"均(?:已)?(?:在|按|于).{0,12}(?:答复|办结)|(?:法定|规定)(?:期限|时限)内(?:予以)?(?:答复|办结)|按(?:照)?法定时限答复")
# The text's own signposts ("…情况说明如下", "见下表", "具体办理情况见第三部分"): they point at facts, they state none
_SIGNPOST = r"下表|见表|如下|见第.部分|附表"
_NOT_A_FACT = lazy_compile(r"(?:^|[，,])[^，,。；]{0,8}?将|今后|下一步|如有|一旦|若有|遇有|未收到|没有收到|无申请|未发生|尚无|明年|"
                         + _SIGNPOST)
_SIGNPOST_RE = lazy_compile(_SIGNPOST)
# A sentence whose subject is the 条例, or that says what ought to be done, states the law ("《条例》规定，行政机关收到
#申请…", "不能当场答复的，应当自收到申请之日起20个工作日内予以答复"), not what was done.
_STATES_THE_LAW = lazy_compile(r"^\s*(?:按照|根据|依照)?《条例》(?:，)?(?:规定|要求|对)|应当")


def is_signpost(sentence: str) -> bool:
    """Whether a sentence points elsewhere in the report (如下, 见下表, 见第三部分) instead of stating a fact."""
    return bool(_SIGNPOST_RE.search(sentence))


def states_the_law(sentence: str) -> bool:
    """Whether a sentence states what the 条例 requires rather than what the organ did (no fact of the office)."""
    return bool(_STATES_THE_LAW.search(sentence))


def tells_handling(note: str, on_applications: bool = False) -> bool:
    """Whether a note (or a sentence) states how applications were handled ("所有申请均在法定期限内答复", "答复前与
    申请人沟通"), which is true only when there were applications. ``on_applications``: the note is one on 依申请公开,
    so "按时答复" needs no 申请 to be about applications ("办理县人大代表建议2件，均已按期办结" elsewhere is not)."""
    if _NOT_A_FACT.search(clean(note)) or states_the_law(note):
        return False
    if _HANDLING.search(note):
        return True
    return bool(_HANDLED.search(note)) and (on_applications or "申请" in note)


# --- results of 监督保障 duties and of 上年度问题改进 ---------------------------------------------------------------

# 开展…满意度调查/测评 names the activity; what came of it is the result.
_ACTIVITY_PHRASES = ("满意度调查", "满意度测评", "满意度评议", "满意度评价", "满意度问卷")
_DUTY_RESULT_WORDS: dict[str, tuple[str, ...]] = {
    "工作考核": ("纳入", "列入", "考核结果", "得分", "等次", "优秀", "良好", "合格", "排名", "第一", "满分", "考核为"),
    "社会评议": ("满意", "好评", "认可", "优秀", "良好", "合格", "较好", "意见", "建议", "评价为", "评为"),
    "责任追究": ("未发生", "没有发生", "未出现", "没有出现", "未因", "无", "没有", "未有", "约谈", "问责", "通报", "处分",
                 "诫勉", "批评教育", "被追究", "追究了", "未追究", "不存在"),
}
# That a duty was not carried out this year is a result too: what happened ("本年度未开展社会评议").
NOT_CARRIED_OUT = ("未开展", "没有开展", "尚未开展", "未组织", "尚未组织", "没有组织", "未进行", "没有进行")
# That nothing of the kind happened ("未发生责任追究"): a note that says so takes the organ as subject in a sentence of
# its own ("本镇未发生责任追究")
NOTHING_HAPPENED = ("未发生", "没有发生", "未出现")
# Words that say a 责任追究 happened or did not, besides the duty words of schemas/sections.yaml.
ACCOUNTABILITY_WORDS = ("约谈", "通报批评", "批评教育", "诫勉", "处分")


def states_duty_result(duty: str, note: str) -> bool:
    """Whether a 工作考核/社会评议/责任追究 note states a result ("满意度为96%", "纳入年度考核", "未发生责任追究"), not
    only the work ("本乡社会评议", "开展群众评议", "严肃追究责任")."""
    if is_placeholder(note):
        return False
    text = note
    for phrase in _ACTIVITY_PHRASES:
        text = text.replace(phrase, "")
    if re.search(r"\d", text):
        return True
    return any(w in text for w in (*_DUTY_RESULT_WORDS.get(duty, ()), *NOT_CARRIED_OUT))


# An improvement note that only says it was dealt with ("已整改", "针对上年度问题开展整改") states no result.
_EMPTY_IMPROVEMENT = lazy_compile(
    r"针对|对照|上年度?|上一年度?|报告中?|所列|提出|指出|存在|的|问题|已经|已|全面|认真|积极|及时|开展|进行|完成|落实|"
    r"整改|到位|工作|情况|均|全部|逐项|予以|加以|改进|完善|得到|解决|本年度|本年")


def states_improvement(note: str, subjects: Iterable[str] = ()) -> bool:
    """Whether a 上年度问题改进 note says what was done ("明确专人每周更新一次"), not only that it was ("已整改")."""
    if is_placeholder(note) or is_nothing(note):
        return False
    text, _ = strip_subject(clean(note), subjects)
    for word in sorted(subjects, key=len, reverse=True):
        text = text.replace(word, "")
    rest = _EMPTY_IMPROVEMENT.sub("", text)
    rest = re.sub(r"[。；;，,、：:\s“”\"（）()]", "", rest)
    return len(rest) >= 4


__all__ = ["PLACEHOLDER_WORDS", "NOTHING_NOTES", "NOT_CARRIED_OUT", "NOTHING_HAPPENED", "ACTION_STARTS", "THIN_NOTE_CHARS", "too_thin", "ACCOUNTABILITY_WORDS", "clean",
           "is_placeholder", "is_nothing", "tells_a_process_step", "tells_handling", "with_what_is_disclosed", "strip_time",
           "strip_inner_times", "strip_subject", "says_what_the_organ_did", "states_duty_result",
           "states_improvement"]
