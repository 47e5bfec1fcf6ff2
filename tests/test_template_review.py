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


# --- 2. no empty lead ----------------------------------------------------------------------------------------------

def test_the_opening_paragraph_ends_without_a_lead() -> None:
    # before: "…推进本机关的政府信息公开工作。具体情况如下。", "…工作。主要工作情况如下。", "…法定职责。现将有关情况报告如下。"
    # (the wording of a report to a superior), "…开展政府信息公开工作，各方面情况如下。"
    assert overview("02-青石镇")[0] == (
        "2024年，在中共示范县委、示范县人民政府的领导下，示范县青石镇人民政府根据《条例》的各项规定，推进本机关的政府信息公开工作。")
    assert overview("05-龙泉镇")[0] == (
        "一年来，示范县龙泉镇人民政府在中共示范县委、示范县人民政府的坚强领导下，依照《条例》开展主动公开、依申请公开、政府信息管理等工作。")
    assert overview("10-凤山乡")[0] == (
        "在中共示范县委、示范县人民政府的统一部署下，2024年示范县凤山乡人民政府依照《条例》履行政府信息公开的法定职责。")
    assert overview("13-南塘街道")[0] == (
        "示范县南塘街道办事处在中共示范县委、示范县人民政府的领导下，按照《条例》和上级关于政务公开工作的要求开展政府信息公开工作。")


def test_no_draft_of_the_review_has_an_empty_lead() -> None:
    for path in sorted(REVIEW.glob("*.yaml")):
        text = drafted(path.stem).full_text()
        for lead in ("具体情况如下。", "主要工作情况如下。", "各方面情况如下。", "报告如下"):
            assert lead not in text, (path.stem, lead)
