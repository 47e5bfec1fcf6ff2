"""The template drafter after an outside county reviewer's read of 16 drafts (tests/fixtures/review-2026, the reviewer's
own inputs): how the clerk's notes are stitched into sentences. One test per finding, with the exact text expected.

- a note's clause cut because its count repeats table 三 leaves what refers back to it with its subject ("上述申请均…"),
  and notes on how the year's applications were handled come after the count (item 1; 该件申请, item 6);
- a note too thin to be a sentence ("公开栏") is not written, whether or not other notes stand beside it (item 3);
- no lead "全年，" before a note that says 全年 itself (item 4); the subject after "全年，", not before it (item 7);
- a step of the work ("答复前与申请人沟通") goes on after "；", not as "另外，…" without a subject (item 6);
- a note on handling applications in a year without any is not written (item 11);
- "公开信息40条" is something the organ did, and gets its subject as the note after it would (item 14);
- 五's notes are kept whole: a problem rests on its count ("本年度1件行政复议被纠正", item 19).
"""

from __future__ import annotations

from assistant.drafting.unfit_notes import unfit_notes
from tests.review_inputs import ReviewInputs

REVIEWED = ReviewInputs("review-2026")
# 总体情况: [0] the opening paragraph, then each aspect's heading and paragraph
PROACTIVE, REQUESTS, MANAGEMENT, PLATFORM = 2, 4, 6, 8
report, drafted, section = REVIEWED.report, REVIEWED.drafted, REVIEWED.section


def test_a_note_cut_for_its_count_keeps_its_subject_and_follows_the_count() -> None:  # item 1
    # "2025年，我镇共受理政府信息公开申请6件，均已按时答复": was "均已按时答复；我镇严格执行…" before the count
    assert section("07-clerk-notes", "overview")[REQUESTS] == (
        "我镇全年共收到政府信息公开申请6件，其中自然人申请5件，法人或其他组织申请1件。上年度无结转至本年的申请。"
        "办结的6件申请中，予以公开3件、因本机关不掌握相关政府信息无法提供3件。不存在结转下年度继续办理的申请。"
        "上述申请均已按时答复；我镇严格执行登记、审核、办理、答复、归档流程。")
    # "全年共受理申请6件，均在法定期限内答复，无逾期": was "申请均在法定期限内答复，无逾期；…" before the count
    assert section("16-dup-figure", "overview")[REQUESTS].endswith(
        "不存在结转下年度继续办理的申请。上述申请均在法定期限内答复，无逾期；我镇严格执行登记、审核、办理、答复、归档流程。")


def test_a_note_too_thin_to_be_a_sentence_is_not_written() -> None:  # item 3
    # beside another note: was "2025年，公开栏。此外，我乡维护…"
    assert section("11-thin-filled", "overview")[PLATFORM] == "2025年，我乡维护县政府门户网站白河乡专栏，更新“通知公告”栏目。"
    # alone: was "2025年，公开栏。〔待补：…的具体内容…〕"; now the aspect has no note, and its 〔待补〕
    assert section("03-thin-xiang", "overview")[PLATFORM] == (
        "〔待补：政府信息公开平台建设情况，如政府网站专栏、政务新媒体、公开栏的建设和更新〕")
    # either way the clerk is told (D.thin)
    for name in ("03-thin-xiang", "11-thin-filled"):
        assert [(u.aspect, u.note, u.reason) for u in unfit_notes(report(name))] == [("platform", "公开栏", "thin")]


def test_no_lead_time_word_the_note_says_itself() -> None:  # item 4
    # was "全年，县政府门户网站全年主动公开政府信息5200条。"
    # (table 二's decisions first for this organ; no 全年 of theirs before the note's own: review-2026c 03)
    assert section("10-county-gov-2022", "overview")[PROACTIVE] == (
        "县政府作出行政许可决定4100件，行政处罚决定900件，未作出行政强制决定。县政府门户网站全年主动公开政府信息5200条。")
    # was "全年，“示范发布”政务新媒体全年发布信息2100余条。"
    # (the note on the portal, before left out as another organ's "优化县", is written: test_template_review9_parts)
    # then "县政府优化县政府门户网站…": the own word once (review-2026c 03)
    assert section("04-county-gov", "overview")[PLATFORM] == (
        "县政府优化门户网站政府信息公开专栏，新增“政策问答”栏目；此外，“示范发布”政务新媒体全年发布信息2100余条。")


def test_one_application_is_told_after_its_count() -> None:  # item 6
    # was "该件申请已在法定期限内答复。另外，答复前与申请人沟通。我镇本年度共收到…"
    assert section("08-one-app", "overview")[REQUESTS] == (
        "我镇2024年共收到政府信息公开申请1件，申请人为自然人，没有上年结转的申请。经办理，予以公开1件，没有结转下年度继续"
        "办理的申请。该件申请已在法定期限内答复；答复前与申请人沟通。")
    # was "县政府办公室作为依申请公开受理机构，该件申请已按时答复。本年度，…"
    assert section("12-county-clerk", "overview")[REQUESTS] == (
        "本级政府2025年度共收到政府信息公开申请1件，申请人为自然人，上年度没有结转的申请。本年度办结的申请中，因本机关不掌握"
        "相关政府信息无法提供1件，没有结转下年度继续办理的申请。县政府办公室作为依申请公开受理机构，已按时答复该件申请。")


def test_the_subject_comes_after_the_whole_year() -> None:  # item 7
    # "2025年全年，通过…公开信息88条": was "本镇全年，通过…"
    assert section("13-contradict", "overview")[PROACTIVE].startswith(
        "全年，本镇通过县政府门户网站东山镇专栏公开信息88条；今年以来，在各村公开栏公开低保、特困供养等信息；")


def test_handling_applications_in_a_year_without_any_is_not_written() -> None:  # item 11
    # "依法依规办理政府信息公开申请" with table 三 empty: was written before "2022年本级政府未收到政府信息公开申请"
    assert section("10-county-gov-2022", "overview")[REQUESTS] == "本级政府2022年度未收到政府信息公开申请，也没有上年结转的申请。"
    assert [(u.aspect, u.note, u.reason) for u in unfit_notes(report("10-county-gov-2022"))] == [
        ("on_request", "依法依规办理政府信息公开申请", "handling")]


def test_notes_of_one_aspect_get_their_subject_evenly() -> None:  # item 14
    # was "全年，公开信息40条；另外，我乡发布惠农补贴信息12条。"
    assert section("11-thin-filled", "overview")[PROACTIVE].startswith("一是我乡公开信息40条；二是发布惠农补贴信息12条。")


def test_a_problem_keeps_the_count_it_rests_on() -> None:  # item 19
    # were "…主要问题是依申请公开答复文书不够规范。" and "…依申请公开答复说理不充分。"
    # (no "从全年情况看，" before a problem that says 本年度 itself: review-2026c 03)
    assert section("08-one-app", "problems")[0] == (
        "我镇政府信息公开工作的不足之处在于依申请公开答复文书不够规范，本年度1件行政复议被纠正。")
    assert section("09-litigation-dept", "problems")[0] == (
        "本年度我局政府信息公开工作存在的主要问题是依申请公开答复说理不充分，行政复议被纠正2件。")
