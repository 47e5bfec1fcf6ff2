"""The template drafter after an outside county reviewer's read of 16 drafts (tests/fixtures/review-2026, its inputs):
one test per finding, with the exact text expected.

- a verb before 县/镇 (优化县政府…, 制定镇政府…, 规范镇政府…, 修订镇政务…) is the organ's own level, not another organ;
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.template import TemplateDrafter
from assistant.drafting.unfit_notes import unfit_notes
from assistant.model import Draft, Report
from assistant.readers.inputfile import load_data, report_from_data
from assistant.rules.organ import other_organ_names

REVIEW = Path(__file__).parent / "fixtures" / "review-2026"
# 总体情况: [0] the opening paragraph, then each aspect's heading and paragraph
PROACTIVE, ON_REQUEST, MANAGEMENT, PLATFORM, OVERSIGHT = 2, 4, 6, 8, 10


def report(name: str) -> Report:
    return report_from_data(load_data(REVIEW / f"{name}.yaml"))


def drafted(name: str) -> Draft:
    return TemplateDrafter().draft(report(name))


def section(name: str, key: str) -> list[str]:
    return drafted(name).section(key).paragraphs  # type: ignore[union-attr]


# --- 2. a verb before 县/镇 is the organ's own level ------------------------------------------------------------------

VERBS = ("优化", "制定", "规范", "修订", "完善", "建立", "更新", "维护", "印发", "加强", "健全", "梳理", "改版", "用好", "抓好")
OWN_LEVEL = ("县政府门户网站政府信息公开专栏", "县人民政府网站", "镇政府规范性文件1件", "镇政府信息发布流程", "镇政务公开制度",
             "镇党委会议公开事项", "镇微信公众号", "镇门户网站栏目")


@pytest.mark.parametrize("name", ["04-county-gov", "15-foreign-probe", "13-contradict"])
def test_a_verb_before_the_unit_word_names_no_organ(name: str) -> None:
    meta = report(name).meta  # a county government; a town of 示范县; another town of 示范县
    misread = [(verb + words, found) for verb in VERBS for words in OWN_LEVEL
               if (found := other_organ_names(meta, verb + words))]
    assert misread == []  # before, e.g. ("优化县政府门户网站…", [(0, 3, "优化县")]), ("规范镇政府信息发布流程", [(0, 3, "规范镇")])


def test_other_organs_names_are_still_found() -> None:
    qingshi = report("15-foreign-probe").meta  # 示范县青石镇
    assert other_organ_names(qingshi, "东山镇人民政府网站发布信息") == [(0, 3, "东山镇")]  # the dictionary knows 东山镇
    assert other_organ_names(qingshi, "白马镇党委高度重视政务公开") == [(0, 3, "白马镇")]  # …knows 白马 as a place
    assert other_organ_names(qingshi, "郭仓镇政府网站发布信息") == [(0, 3, "郭仓镇")]  # …does not know 郭仓: a name
    assert other_organ_names(qingshi, "黄土岭镇政务公开专栏") == [(0, 4, "黄土岭镇")]
    assert other_organ_names(qingshi, "在竹亭镇政府网站发布信息") == [(1, 4, "竹亭镇")]  # 在: only a place follows
    assert other_organ_names(qingshi, "通过“金溪镇”微信公众号发布") == [(3, 6, "金溪镇")]  # quoted
    county = report("04-county-gov").meta  # 示范县人民政府
    assert other_organ_names(county, "平安县政府门户网站发布信息") == [(0, 3, "平安县")]
    # a word the dictionary knows, not as a place, right before the organ: the verb reading (a town named so is missed)
    assert other_organ_names(qingshi, "建设镇政府网站发布信息") == []


def test_genuine_notes_with_a_verb_before_the_unit_are_written() -> None:
    assert [u.name for u in unfit_notes(report("04-county-gov"))] == []  # before: ["优化县"]
    assert [u.name for u in unfit_notes(report("07-clerk-notes"))] == []  # before: ["制定镇"]
    assert [u.name for u in unfit_notes(report("15-foreign-probe"))] == []  # before: ["规范镇", "修订镇"]
    # before: "全年，“示范发布”政务新媒体全年发布信息2100余条。" (the note on the portal left out)
    assert "优化县政府门户网站政府信息公开专栏，新增“政策问答”栏目" in section("04-county-gov", "overview")[PLATFORM]
    management = section("15-foreign-probe", "overview")[MANAGEMENT]
    assert "规范镇政府信息发布流程" in management and "修订镇政务公开制度" in management
