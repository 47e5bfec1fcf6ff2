"""The template drafter after a second outside review of 16 drafts (tests/fixtures/review-2024): one test per finding,
each on the reviewer's input and with the exact text expected.

- no provision of the 条例 is quoted in the sections (the reviewer read every quotation as padding);
- no empty lead ("具体情况如下。", "现将有关情况报告如下。");
- wording the reviewer marked: a subject before "一是", time said twice, 无…的情况, a document number run into an
  office's name, doubled 按照, a note's own label, 着力 before an adverbial, an added 起;
- 依申请公开 of a unit with no application says so;
- the note on training opens 监督保障, not between 工作考核 and 社会评议.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.drafting.template import TemplateDrafter
from assistant.model import Draft
from assistant.readers.inputfile import load_data, report_from_data

REVIEW = Path(__file__).parent / "fixtures" / "review-2024"


def drafted(name: str) -> Draft:
    return TemplateDrafter().draft(report_from_data(load_data(REVIEW / f"{name}.yaml")))


def overview(name: str) -> list[str]:
    return drafted(name).section("overview").paragraphs  # type: ignore[union-attr]


# 总体情况: [0] the opening paragraph, then each aspect's heading and paragraph
PROACTIVE, REQUESTS, MANAGEMENT, PLATFORM, OVERSIGHT = 2, 4, 6, 8, 10


# --- 1. no quotation of the 条例 ----------------------------------------------------------------------------------

def test_the_aspects_quote_no_provision_before_the_notes() -> None:
    taoyuan = overview("桃源乡")
    assert taoyuan[PROACTIVE] == "2024年度，我乡在县政府网站乡级专栏公开信息96条，其中财政预决算信息12条。同时，村务公开栏每季度更新一次。"
    assert taoyuan[MANAGEMENT] == "公开前保密审查文件63份。"
    xiping = overview("07-西坪乡")
    assert xiping[REQUESTS] == "我乡严格按照法定时限答复，答复前与申请人电话沟通、确认申请内容。有关数据见本报告第三部分。"
    assert xiping[PLATFORM] == (
        "2024年，我乡维护县政府门户网站镇级专栏，更新“政策文件”“财政预决算”等栏目；此外，在便民服务中心设置政务公开查阅点。")


def test_no_draft_of_the_review_quotes_a_provision_in_a_section() -> None:
    for path in sorted(REVIEW.glob("*.yaml")):
        for section in drafted(path.stem).sections:
            # a sentence whose subject is the 条例 ("《条例》规定，…", "《条例》要求…"); "依照《条例》开展…" is not one
            assert not any(re.search(r"(?:^|[。；])《条例》", p) for p in section.paragraphs), (path.stem, section.key)
