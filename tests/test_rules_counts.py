"""C9: counts of applications, 复议 and 诉讼 written in other words than the table's (the sample: 新收12、办结12)."""

from __future__ import annotations

from assistant.pipeline import check_document
from assistant.rules.examples import example_document

# 东岭镇2025, an outside reviewer's draft: a training held once, in a paragraph that names 依申请公开 and 行政复议
DONGLING_OVERSIGHT = ("本年度，我镇组织依申请公开专题培训1次，邀请县司法局讲解行政复议案例。关于工作考核，我镇将政务公开工作纳入"
                      "各村和镇直单位年度考核。责任追究方面，我镇对承办人员进行约谈提醒。")


def c9(text: str) -> list[tuple[str, str, str | None]]:
    doc = example_document({"text": text})
    return [(f.severity, f.status, f.found) for f in check_document(doc) if f.rule == "C9"]


def test_dongling_a_training_on_applications_is_no_count_of_applications() -> None:
    assert c9(DONGLING_OVERSIGHT) == []


def test_occasions_named_after_the_topic_are_what_is_counted() -> None:
    assert c9("召开行政复议案件研判会2次。") == []
    assert c9("开展依申请公开案卷评查3次。") == []
    assert c9("组织依申请公开工作督查5次。") == []


def test_a_count_of_applications_beside_a_training_is_still_read() -> None:
    assert c9("组织依申请公开专题培训1次，受理群众信息公开诉求999件。") == [("warning", "uncertain", "999件")]
    assert c9("依申请公开培训后，本年度收到申请近千件。") == [("warning", "uncertain", "近千件")]
    assert c9("组织依申请公开培训1次。依申请公开事项999件。") == [("warning", "uncertain", "999件")]


def test_cases_told_one_by_one_are_no_count_of_applications() -> None:
    """青峰镇2025: "一件申请……，另一件……" (the sample has 12 applications)."""
    assert c9("在依申请公开办理中，一件申请按信访事项转镇信访办处理，另一件按时答复。") == []
    assert c9("一件申请转信访办处理，其余两件申请已答复。") == []


def test_a_count_of_one_told_alone_is_still_read() -> None:
    assert c9("在依申请公开办理中，一件申请按信访事项转镇信访办处理。") == [("warning", "uncertain", "一件")]
