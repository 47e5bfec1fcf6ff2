"""The support check (M18, ``assistant.drafting.support``): model text says only what the input supports.

The leaked paragraphs are an outside tester's (a misbehaving fake server; each reached a final document before M18);
the honest ones (tests/fixtures/drafting/honest-paraphrases.yaml) paraphrase the examples' notes and must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.drafting.firewall import FirewallContext, check_paragraph, fill_tracked
from assistant.drafting.llm import LLMDrafter, describe_fallbacks
from assistant.facts import FactSheet
from assistant.model import Report
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES, completed_zhuting
from tests.fake_llm_server import fake_llm_server, loopback_settings
from tests.fake_modes import MODES, WellBehaved

pytestmark = pytest.mark.usefixtures("loopback_model_env")

HONEST = Path(__file__).parent / "fixtures" / "drafting" / "honest-paraphrases.yaml"
WEB = "示范县人民政府门户网站“政府信息公开”专栏（https://www.shifan.gov.cn/）"
PREAMBLE = ("本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国"
            "政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，由{compiler}编制。全文共六个部分。"
            f"本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。本报告电子版可在{WEB}查阅。")
OVERSIGHT = ("本镇组织政务公开业务培训2次，将政务公开纳入对各村和镇直站所的年度考核；年末邀请村民代表和企业代表对政务公开工作"
             "进行评议，满意率为95%；本年度未发生政府信息公开工作责任追究情况。")
PLATFORM = "本镇维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算”等栏目，在便民服务中心设置政务公开查阅点。"

# mode -> (section, the leaked paragraph as the model wrote it, the firewall's message on it)
LEAKS = {
    "invent_platform": ("overview", PLATFORM.replace("在便民", "新开通“青石政务”微信公众号和“青石镇人民政府网”，在便民"),
                        "模型写了输入中没有的内容：词语“新开通”；名称“青石政务”“青石镇人民政府网”"),
    "invent_doc": ("overview", "本镇印发《青石镇政务公开工作实施方案》，落实“三审三校”和保密审查制度，对镇政府行政规范性文件"
                   "开展清理。本年制发行政规范性文件〔F:t2.normative_docs.issued〕件。",
                   "模型写了输入中没有的内容：文件名《青石镇政务公开工作实施方案》"),
    "person_name": ("overview", OVERSIGHT + "政务公开工作由党政综合办公室主任张建国具体负责。",
                    "模型写了输入中没有的内容：词语“主任”；人名“张建国”"),
    "award2": ("overview", OVERSIGHT + "本镇政务公开工作获得上级通报表扬。",
               "模型写了输入中没有的内容：词语“获得、上级、通报、表扬”"),
    "growth": ("overview", "本镇严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。本年新收政府信息公开申请〔F:t3.new_received.total〕件，"
               "上年结转〔F:t3.carried_over.total〕件。申请数量较上年明显增长。", "模型写了输入中没有的内容：与上年比较“较上年”；词语“增长”"),
    "date_words": ("overview", OVERSIGHT.replace("年末邀请", "于六月中旬和年末两次邀请"),
                   "模型写了输入中没有的内容：时间“六月中旬”"),
    "other_organ_subject": ("overview", PLATFORM + "石门镇也在便民服务中心设置了查阅点。",
                            "模型写了输入中没有的内容：地名或机关名“石门镇”"),
    "ph_bracket": ("preamble", PREAMBLE.format(compiler="[机关名称]"), "模型写了输入中没有的内容：占位写法[机关名称]"),
    "ph_angle": ("preamble", PREAMBLE.format(compiler="【编制单位】"), "模型写了输入中没有的内容：占位写法【编制单位】"),
    "ph_mou_zhen": ("overview", "某镇通过县政府门户网站镇级专栏发布政府信息128条，通过“青石发布”微信公众号发布信息86条，"
                    "在村务公开栏公开惠农补贴发放、低保评议等信息。", "模型写了输入中没有的内容：占位写法某镇"),
}


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


def firewall_messages(report: Report, section: str, source: str) -> list[str]:
    ctx = FirewallContext(report, FactSheet(report), section)
    text, spans, _unknown = fill_tracked(source, ctx.facts)
    return [f.message for f in check_paragraph(ctx, 0, text, spans)]


@pytest.mark.parametrize("mode", list(LEAKS))
def test_each_leaked_paragraph_fails_with_what_it_invents(mode: str, sample: Report) -> None:
    section, text, message = LEAKS[mode]
    assert firewall_messages(sample, section, text) == [message]


@pytest.mark.parametrize(("section", "text", "message"), [
    ("overview", "本镇被评为全县政务公开工作先进单位。", "模型写了输入中没有的内容：词语“评为、全县”"),
    ("overview", "本镇政务公开工作受到市政府表彰。", "模型写了输入中没有的机构名称：“市政府”|模型写了输入中没有的内容：词语“受到、表彰”"),
    ("overview", "本镇开通了“青石通”小程序。", "模型写了输入中没有的内容：词语“开通”；名称“青石通”"),
    ("overview", "联系人为党政综合办公室李红梅。", "模型写了输入中没有的内容：词语“联系人”；人名“红梅”"),
    ("overview", "本镇上半年召开政务公开工作推进会。", "模型写了输入中没有的内容：时间“上半年”；词语“召开”"),
    ("overview", "本镇主动公开信息数量同比有所提高。", "模型写了输入中没有的内容：与上年比较“同比”"),
    ("overview", "XX镇维护县政府门户网站镇级专栏。", "模型写了输入中没有的内容：占位写法XX"),
    ("overview", "本镇依据《政府信息公开信息处理费管理办法》开展工作。",
     "模型写了输入中没有的内容：文件名《政府信息公开信息处理费管理办法》"),
])
def test_the_next_invented_fact_fails_too(section: str, text: str, message: str, sample: Report) -> None:
    """Not the tester's wordings: an allow-list catches facts no one listed (an organ's name is a finding of its own)."""
    assert [m for m in firewall_messages(sample, section, text) if m.startswith("模型写了输入中没有的")] == \
        message.split("|")


@pytest.mark.parametrize(("text", "message"), [
    ("本镇组织开展政务公开业务培训，将政务公开纳入年度绩效考核。", "模型写了输入中没有的内容：词语“业务培训”"),
    ("本镇开通政务微博，发布政府信息。", "模型写了输入中没有的内容：词语“开通”"),
    ("本镇在政务公开工作考评中获评优秀等次。", "模型写了输入中没有的内容：词语“考评、获评”"),
])
def test_an_event_another_report_may_tell_fails_where_the_notes_do_not_tell_it(text: str, message: str) -> None:
    """竹亭镇's notes tell no training (青石镇's do), no account opened, no rating."""
    assert firewall_messages(completed_zhuting(), "overview", text) == [message]


def honest_paragraphs() -> list[tuple[str, str, str]]:
    data = yaml.safe_load(HONEST.read_text(encoding="utf-8"))
    return [(example, section, text) for example, sections in data.items() for section, texts in sections.items()
            for text in texts]


@pytest.mark.parametrize(("example", "section", "text"), honest_paragraphs())
def test_honest_paraphrases_of_the_notes_pass(example: str, section: str, text: str, sample: Report) -> None:
    report = sample if example.startswith("sample") else completed_zhuting()
    assert firewall_messages(report, section, text) == []


def test_a_chat_request_and_the_current_text_support_what_they_say(sample: Report) -> None:
    text = "政务公开工作由党政综合办公室主任张建国具体负责。"
    facts = FactSheet(sample)
    alone = FirewallContext(sample, facts, "overview")
    told = FirewallContext(sample, facts, "overview", extra_support=["请补充：政务公开工作由党政综合办公室主任张建国负责"])
    assert [f.rule for f in check_paragraph(alone, 0, text)] == ["M18"]
    assert check_paragraph(told, 0, text) == []


@pytest.mark.parametrize("mode", list(LEAKS))
def test_a_stubborn_leak_ends_in_the_templates_paragraph_with_the_message(mode: str, sample: Report) -> None:
    """The fake model writes the invented fact at every repair round: the paragraph is the template's, and the draft
    says which paragraph and what it invented."""
    writer = MODES[mode].writer([sample])
    with fake_llm_server(writer) as (url, _log):
        draft, stats = LLMDrafter(loopback_settings(url)).draft_with_stats(sample)
    text = draft.full_text()
    for marker in writer.markers_for(sample):
        assert marker not in text, marker
    assert (stats.errors_left, stats.defects) == (0, 0)
    assert describe_fallbacks(draft) == [EXPECTED_FALLBACKS[mode]]


FALLBACK = "经2轮修改仍有错误（模型写了输入中没有的内容：{}），本段改用模板文本"
EXPECTED_FALLBACKS = {  # the paragraph (一's headings counted, as in the document) and what it invented
    "invent_platform": "一、总体情况 第9段：" + FALLBACK.format("词语“新开通、微信”；名称“青石政务”“青石镇人民政府网”"),
    "invent_doc": "一、总体情况 第7段：" + FALLBACK.format("文件名《青石镇政务公开工作实施方案》"),
    "person_name": "一、总体情况 第11段：" + FALLBACK.format("词语“主任”；人名“张建国”"),
    "award2": "一、总体情况 第11段：" + FALLBACK.format("词语“获得、上级、通报、表扬”"),
    "growth": "一、总体情况 第5段：" + FALLBACK.format("与上年比较“较上年”；词语“增长”"),
    "date_words": "一、总体情况 第11段：" + FALLBACK.format("时间“六月中旬”"),
    "other_organ_subject": "一、总体情况 第9段：" + FALLBACK.format("地名或机关名“石门镇”"),
    "ph_bracket": "开头 第1段：" + FALLBACK.format("占位写法[机关名称]"),
    "ph_angle": "开头 第1段：" + FALLBACK.format("占位写法【编制单位】"),
    "ph_mou_zhen": "一、总体情况 第3段：" + FALLBACK.format("占位写法某镇"),
}


def test_a_cached_reply_passes_the_current_firewall_when_read(sample: Report, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A reply cached when the firewall was weaker is checked again when read: a tightened firewall applies to it."""
    import assistant.drafting.firewall as firewall

    cache = tmp_path / "cache"
    leaky = MODES["invent_platform"].writer([sample])
    with monkeypatch.context() as weaker:  # the firewall before M18: the leak passes and is cached
        weaker.setattr(firewall, "unsupported_content", lambda *_args: [])
        with fake_llm_server(leaky) as (url, _log):
            before = LLMDrafter(loopback_settings(url, cache_dir=cache)).draft(sample)
    assert "青石政务" in before.full_text()
    assert any("青石政务" in f.read_text(encoding="utf-8") for f in cache.rglob("*.json"))
    with fake_llm_server(WellBehaved([sample])) as (url, log):  # now a well-behaved model, the same cache
        after, stats = LLMDrafter(loopback_settings(url, cache_dir=cache)).draft_with_stats(sample)
    assert "青石政务" not in after.full_text()
    # every section's reply came from the cache; 一's failed (M18) and its paragraph was asked again
    assert (stats.cache_hits, stats.repair_calls, log.chat_calls) == (4, 1, 1)
    assert not any("青石政务" in f.read_text(encoding="utf-8") for f in cache.rglob("*.json"))
    assert describe_fallbacks(after) == []


@pytest.mark.parametrize(("section", "text"), [
    ("preamble", "本报告电子版可登录示范县人民政府门户网站查看。"),
    ("preamble", "如有疑问请与示范县青石镇人民政府党政综合办公室联系。"),
    ("overview", "本镇组织清理镇政府行政规范性文件。"),
    ("overview", "2024年，本镇在示范县人民政府的领导下，认真做好政务公开工作。"),
])
def test_the_outside_testers_honest_wordings_pass(section: str, text: str, sample: Report) -> None:
    """firewall9b's honest paraphrases rejected for 查看, 疑问请 (疑问 | 请) and an organ “组织清理镇”."""
    assert firewall_messages(sample, section, text) == []


def test_a_word_the_dictionary_tags_a_place_is_no_place_unless_it_ends_as_one(sample: Report) -> None:
    assert firewall_messages(sample, "overview", "群众满意度显著提升。") == ["模型写了输入中没有的内容：词语“满意度”"]
