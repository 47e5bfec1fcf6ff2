"""内容雷同: masking, the difflib ratio, the shingle similarity, and finding the alike pairs of many texts fast."""

from __future__ import annotations

import copy
import statistics
from itertools import combinations

from assistant.drafting.template import TemplateDrafter
from assistant.model import Report
from assistant.readers.inputfile import load_data, report_from_data
from assistant.similarity import (
    THRESHOLD,
    alike_pairs,
    dice,
    masked,
    organ_names,
    ratio,
    shingles,
    signature,
    similar_pairs,
)
from tests.conftest import EXAMPLES

TOWNS = ("青石镇", "白沙镇", "东河镇", "西岭镇", "南山镇", "北港镇", "杨林镇", "柳溪镇", "桃源镇", "梅岭镇", "石门镇",
         "金鸡镇", "双溪镇")


def town(name: str, year: int = 2024, notes: dict | None = None) -> Report:
    data = load_data(EXAMPLES / "sample-town-2024.yaml")
    data["meta"].update(organ_name=f"示范县{name}人民政府", short_name=name, compiler=f"示范县{name}人民政府", year=year,
                        sign_date=f"{year + 1}-01-20")
    data["tables"]["t3"]["new_received"]["natural_person"] += len(name) * TOWNS.index(name) % 5
    data["tables"]["t3"]["granted"]["natural_person"] += len(name) * TOWNS.index(name) % 5
    if notes is not None:
        data["notes"] = copy.deepcopy(notes)
    return report_from_data(data)


def text_of(report: Report) -> str:
    return masked(TemplateDrafter().draft(report).full_text(), organ_names(report.meta))


def test_masked_hides_names_and_numbers() -> None:
    report = town("白沙镇")
    assert organ_names(report.meta) == ["示范县白沙镇人民政府", "白沙镇"]
    assert masked("示范县白沙镇人民政府2024年收到申请12件，白沙镇办结3.5件。", organ_names(report.meta)) == \
        "〇#年收到申请#件，〇办结#件。"


def test_ratio_and_dice() -> None:
    assert ratio("甲乙丙丁", "甲乙丙丁") == 1.0 == dice(shingles("甲乙丙丁戊"), shingles("甲乙丙丁戊"))
    assert ratio("甲乙丙丁", "子丑寅卯") == 0.0 == dice(shingles("甲乙丙丁戊"), shingles("子丑寅卯辰"))
    assert dice(shingles("甲乙丙丁戊"), shingles("甲乙丙丁己")) == 2 * 1 / (2 + 2)
    assert signature("甲乙丙丁戊") == signature("甲乙丙丁戊")  # stable (CRC-32 and fixed hash parameters)


def test_thirteen_townships_with_the_same_notes_read_differently() -> None:
    """Issue 15: 13 townships of one county, each with its own figures (evals/similarity.py), identical notes. The median
    masked difflib similarity was 0.91, then 0.591 with varied filler: 《条例》 quotations and "…如下。" leads made
    30–40% of 总体情况, and the figures were told in 总体情况 in some units and above the tables in others. Outside
    reviewers sent those drafts back; without the filler, with one layout and each count told once, it measured 0.766.
    With tables 二 and 三 told in 总体情况's aspects and a few more phrasings it measured 0.774; with new sentence
    structures where evals.similarity_kinds found the drafter's own text most alike (监督保障's duties in one sentence,
    a row of table 二 as a topic, table 三's results before their total, 五 opening with the problems) 0.764; with the
    format notice cited by its title and number in every opening (a third reviewer's finding) 0.777; with more sentence
    structures for the kinds evals.similarity_kinds found biggest (the preamble's basis sentence, table 三 in words, the
    framing sentence, the leads into tables 二 and 三, 四) and, for some organs, table 二's figures before the
    office's notes in 主动公开 and 政府信息管理 (same paragraph, the notes unchanged) 0.740: the target 0.6 is not
    reachable with identical notes (see the next test); copied notes are for the batch's pair finder and X6 to report, not for the drafter to hide
    under filler."""
    from evals.similarity import TOWNS as COUNTY
    from evals.similarity import masked_text, sample_data, township

    notes = sample_data()["notes"]
    reports = [township(i, name, notes=notes) for i, name in enumerate(COUNTY)]
    texts = [masked_text(r, TemplateDrafter().draft(r)) for r in reports]
    ratios = [ratio(a, b) for a, b in combinations(texts, 2)]
    assert len(ratios) == 78 and round(statistics.median(ratios), 3) == 0.740
    assert len(set(texts)) == len(COUNTY)


def test_what_identical_notes_leave_to_vary_and_what_real_notes_give() -> None:
    """Were the drafter's own wording entirely different in every township, what the 13 drafts must share (the notes
    word for word, the headings, the parent organs and the contact details, the website, the 条例 and the format notice,
    the tables' item names) would still give a median of 0.556 (it moves a little with the notes' order and with
    what the drafter says of its own); phrasings of the same facts share words, so 0.6 is out of reach. Townships with the notes real townships wrote (published reports in the
    fixtures) measure 0.528."""
    from evals.similarity import TOWNS as COUNTY
    from evals.similarity import floor_ratios, pair_ratios, real_township_notes, sample_data, township

    notes = sample_data()["notes"]
    same = [(r, TemplateDrafter().draft(r)) for r in (township(i, n, notes=notes) for i, n in enumerate(COUNTY))]
    assert round(statistics.median(floor_ratios(same)), 3) == 0.556
    real_notes = real_township_notes()
    real = [(r, TemplateDrafter().draft(r)) for r in (township(i, n, notes=real_notes[i])
                                                      for i, n in enumerate(COUNTY[:len(real_notes)]))]
    assert len(real) == 7 and round(statistics.median(pair_ratios(real)), 3) == 0.528


def test_similar_pairs_finds_what_comparing_every_pair_finds() -> None:
    texts = [text_of(town(name)) for name in TOWNS[:8]]
    texts.append(texts[2].replace("。", "；", 3))  # a near copy of the third
    texts.append(texts[5])  # a copy of the sixth
    exact = {(i, j): dice(shingles(a), shingles(b)) for (i, a), (j, b) in combinations(enumerate(texts), 2)}
    found = similar_pairs(texts)
    assert (found[0].first, found[0].second, found[0].similarity) == (5, 9, 1.0)
    estimates = {(p.first, p.second): p.similarity for p in found}
    assert {pair for pair, value in exact.items() if value > THRESHOLD + 0.06} <= set(estimates)
    # the estimate is off by at most 0.0600 on these drafts (pair 2, 3: 0.80 for 0.740); 0.06 was the bound while the
    # drafts were more alike, where the shingle sample errs less
    assert all(exact[pair] > THRESHOLD - 0.06 and abs(exact[pair] - value) < 0.065 for pair, value in estimates.items())
    assert (2, 8) in estimates


def test_signatures_given_are_used_as_they_are() -> None:
    texts = ["甲乙丙丁戊己庚辛" * 10, "甲乙丙丁戊己庚辛" * 10, "子丑寅卯辰巳午未" * 10]
    assert [(p.first, p.second) for p in similar_pairs(texts)] == [(0, 1)]
    # signatures that say nothing is near: the texts themselves are not compared again
    assert similar_pairs(texts, signatures=[signature(texts[2]), (0,) * 256, tuple(range(256))]) == []


def test_alike_pairs_are_decided_by_the_ratio_the_threshold_is_set_in() -> None:
    """An outside reviewer's two townships with the same notes read alike at ratio 0.74, yet 汇总 listed no pair: the
    shingle estimate (dice 0.645) was held against the ratio's threshold. The shingles now only find candidates; every
    pair above THRESHOLD by ratio is listed with its ratio, and no other."""
    texts = [text_of(town(name)) for name in TOWNS[:6]]
    exact = {(i, j): ratio(a, b) for (i, a), (j, b) in combinations(enumerate(texts), 2)}
    alike, unchecked = alike_pairs(texts)
    assert unchecked == 0
    assert {(p.first, p.second): p.similarity for p in alike} == {
        pair: round(value, 2) for pair, value in exact.items() if value > THRESHOLD}
    missed_by_estimate = {pair for pair, value in exact.items() if value > THRESHOLD} - {
        (p.first, p.second) for p in similar_pairs(texts)}
    assert missed_by_estimate  # what the shingle estimate alone left out
    assert [p.similarity for p in alike] == sorted((p.similarity for p in alike), reverse=True)


def test_alike_pairs_compare_at_most_as_many_as_asked() -> None:
    texts = ["甲乙丙丁戊己庚辛" * 10, "甲乙丙丁戊己庚辛" * 10, "甲乙丙丁戊己庚辛" * 10, "子丑寅卯辰巳午未" * 10]
    alike, unchecked = alike_pairs(texts, check_at_most=1)
    assert [(p.first, p.second, p.similarity) for p in alike] == [(0, 1, 1.0)] and unchecked == 2


def test_each_kind_of_the_drafters_own_text_is_measured() -> None:
    """evals.similarity_kinds gives every character of the 13 drafts a kind; the drafter's own text (39%) is still
    about half matched between two townships, which is what keeps the median above 0.6 (README)."""
    from evals.similarity_kinds import OTHER, SHARED, matched_share, measured, median_ratio

    items, kinds = measured()
    text, first = items[0]
    assert len(first) == len(text) and "".join(c for c, k in zip(text, first, strict=True) if k == OTHER) == "〇#年#月#日"
    own = {k for k in kinds if k not in (SHARED, OTHER)}
    # (0.777, 0.588) before issue 15's further phrasings and orders; 0.585 with heads repeating a duty note's own words
    assert (round(median_ratio(items, set()), 3), round(median_ratio(items, own), 3)) == (0.740, 0.577)
    matched = matched_share(items)
    assert (round(matched[SHARED], 2), round(matched["监督保障（考核/评议/追究的引语）"], 2),
            round(matched["四（复议诉讼）"], 2)) == (0.94, 0.5, 0.43)
