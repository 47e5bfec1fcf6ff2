"""Platform names of another place (format.md P3): "通过“青石发布”微信公众号" in 白马镇's report, copied from a
neighbour's notes. A platform named "X发布", "X政务" or "微X" carries its owner's place name X; in a township's or a
department's report X is the organ's own place or that of a government above it. A warning: a county's or a
city's platform may carry a name the report does not give. In a batch whose units include the one named after X
(白马镇's report says “青石发布” while 青石镇 is in the same batch), it is certain, and an error."""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.model import UNKNOWN_ORGAN, Meta
from assistant.organ_words import MEDIA_WORDS, own_names, place_name
from assistant.patterns import lazy_compile
from assistant.rules.registry import Hit, RuleRun, rule
from assistant.rules.textscan import NARRATIVE_ORGAN, all_paragraphs, draft_of, snippet
from assistant.segmenter import starts_word

_OPEN, _CLOSE = "“「\"‘", "”」\"’"
_MEDIA = MEDIA_WORDS
# (the place part, the whole name): quoted “青石发布” / “青石政务” / “微青石”, or 青石发布 before 微信公众号 … (unquoted
# X政务 is left out: 通过部门政务微博, 各级政务微信 name no place)
_VIA = "通过|依托|利用|借助|运用|开通"
_PLATFORM = lazy_compile(
    rf"[{_OPEN}](?P<q>[\u4e00-\u9fff]{{2,8}}?)(?:发布|政务)(?:平台|号)?[{_CLOSE}]"
    rf"|[{_OPEN}]微(?P<w>[\u4e00-\u9fff]{{2,4}})[{_CLOSE}]"
    rf"|(?:{'|'.join(f'(?<={v})' for v in _VIA.split('|'))}|(?<=[在和与及、]))(?!{_VIA}|在)"
    rf"(?P<u>[\u4e00-\u9fff]{{2,6}}?)发布(?=(?:平台)?(?:{_MEDIA}))"
)
# Words before 发布/政务 or after 微 that name no place (新闻发布, 同步发布, 网上政务, 微信, 微视频, 微阵地 …).
_GENERIC = (
    "新闻", "信息", "权威", "政策", "政府", "政务", "同步", "统一", "集中", "及时", "网上", "电子", "阳光", "数字", "智慧",
    "掌上", "指尖", "移动", "便民", "公开", "官方", "在线", "线上", "网络", "互联网", "数据", "通知", "公告", "动态", "联合",
    "首发", "对外", "定期", "主动", "依法", "预警", "气象", "应急", "平安", "文明", "健康", "安全", "服务", "党建", "民生",
    "阵地", "平台", "党课", "心愿", "宣讲", "课堂", "讲堂", "矩阵", "公益", "电影", "直播", "网格", "问政",
    "治理", "调解", "普法", "社区", "生活", "家园", "互动", "故事", "访谈", "短视频", "小程序", "中国", "全国", "国务院",
    # a sector without a place (税务发布, 文旅政务): some department's, not another township's
    "教育", "税务", "交通", "人社", "卫健", "卫生", "司法", "公安", "警方", "交警", "法院", "检察", "消防", "农业", "农村",
    "文旅", "文化", "旅游", "人才", "就业", "医保", "环保", "生态", "城管", "住建", "水利", "林业", "市场", "统计", "审计",
    "财政", "民政", "退役", "自然资源", "发改", "工信", "商务", "科技", "体育", "妇联", "共青", "团委", "工会", "残联", "信访",
    "档案", "经济", "法治", "廉政", "清风", "纪检", "组工", "宣传", "统战", "政法", "人大", "政协",
)
_NO_PLACE = lazy_compile(r"^[各本我该其全这此每]|级|部门|单位|机关")  # 各级政务, 本单位发布, 县级政务
_GENERIC_AFTER_WEI = ("信", "博", "视", "网", "站", "课", "党", "民")  # 微信, 微博, 微视频, 微网站, 微课堂 …
# Province-level places: their platforms (四川发布, 浙江发布) are above every organ.
_PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
    "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏",
    "宁夏", "新疆", "香港", "澳门",
)
_UNITS = "自治区|自治州|自治县|自治旗|街道|苏木|省|市|州|盟|县|区|旗|镇|乡"
_UNIT_END = lazy_compile(f"(?:{_UNITS})$")
_NAME_PARTS = lazy_compile(rf"[\u4e00-\u9fff]+?(?:{_UNITS})")
_HIGHER_UNITS = "县区市旗州盟省"


def own_places(meta: Meta) -> tuple[str, ...]:
    """The place names of the organ and of its parent government (示范县白沙乡人民政府 -> 示范, 白沙)."""
    out: list[str] = []
    for name in own_names(meta):
        core = re.sub(r"人民政府|政府|办事处", "", name)
        for part in _NAME_PARTS.findall(core):
            stem = _UNIT_END.sub("", part)
            if len(stem) >= 2:
                out.append(stem)
    out.append(place_name(meta))
    return tuple(dict.fromkeys(out))


def _is_own(place: str, meta: Meta, stems: tuple[str, ...], text: str) -> bool:
    """Whether a platform's place is the organ's, its parent's, a province's or a county's or city's the text names."""
    if any(place in n for n in own_names(meta)) or any(place.startswith(s) or s.startswith(place) for s in stems):
        return True  # 青石 of 青石镇, 石家庄教育 of 石家庄市教育局, 平潭 of 平潭综合实验区
    if place.startswith(_PROVINCES):
        return True
    # a county or a city the text names (袁州 of 袁州区人民政府网站): a government above the organ
    return re.search(re.escape(place) + f"[{_HIGHER_UNITS}]", text) is not None


def unit_place(unit_name: str) -> tuple[str, str] | None:
    """A batch unit's lowest place and its stem, from the name it is listed by (02-青石镇 -> (青石镇, 青石),
    示范县城关街道办事处 -> (城关街道, 城关)); None for a name without a place (第1单位, qingshi)."""
    parts = _NAME_PARTS.findall(re.sub(r"人民政府|政府|办事处", "", unit_name))
    if not parts:
        return None
    stem = _UNIT_END.sub("", parts[-1])
    return (parts[-1], stem) if len(stem) >= 2 else None


def _batch_unit_named(place: str, batch_units: tuple[str, ...]) -> str | None:
    """The unit of the batch whose place the platform is named after (青石 -> 青石镇), if any."""
    for name in batch_units:
        found = unit_place(name)
        if found is not None and found[1] == place:
            return found[0]
    return None


@rule("O7", "organ", "warning", "平台名称（××发布、××政务、微××）中的地名是本机关或上级政府的（批量处理中为本批次另一单位的平台名称时为错误）",
      scope="text", needs=NARRATIVE_ORGAN)
def other_place_platform(run: RuleRun) -> Iterator[Hit]:
    doc = run.doc
    meta = doc.report.meta
    if meta.organ_name == UNKNOWN_ORGAN or meta.organ_kind not in ("乡镇", "街道", "部门"):
        return  # a county or a city may well name its townships' or districts' platforms
    stems = own_places(meta)
    paragraphs = list(all_paragraphs(doc, headings=True))
    text = "\n".join([draft_of(doc).title, *(p.text for p in paragraphs)])
    for p in paragraphs:
        for m in _PLATFORM.finditer(p.text):
            group = next(g for g in ("q", "w", "u") if m.group(g))
            place, start = m.group(group), m.start(group)
            if group == "u" and not starts_word(p.text, start):
                continue
            if (place.startswith(_GENERIC) or _NO_PLACE.search(place)
                    or (group == "w" and place.startswith(_GENERIC_AFTER_WEI))):
                continue
            if _UNIT_END.search(place):  # a unit name: O2's (石门镇发布)
                continue
            if _is_own(place, meta, stems, text):
                continue
            name = m.group(0).strip(_OPEN + _CLOSE)
            other_unit = _batch_unit_named(place, doc.batch_units)
            if other_unit is not None:
                yield Hit(
                    message=f"“{name}”是本批次中{other_unit}的平台名称，不是本机关（{meta.organ_name}）的，系照搬{other_unit}的材料",
                    location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                    expected=f"本机关（{place_name(meta)}）或上级政府的平台名称", found=name, severity="error",
                    suggestion="改为本机关实际使用的平台名称，或删去",
                )
                continue
            yield Hit(
                message=f"平台名称“{name}”中的地名“{place}”不是本机关（{meta.organ_name}）或上级政府的，疑为照搬其他单位的材料",
                location=p.location(m.start(), m.end()), evidence=snippet(p.text, m.start(), m.end()),
                expected=f"本机关（{place_name(meta)}）或上级政府的平台名称", found=name,
                suggestion="核对该平台是否为本机关或上级政府的平台：不是的，改为本机关实际使用的平台名称或删去",
            )
