"""H1: a report's text says applications were handled while table 三 has none."""

from __future__ import annotations

from assistant.pipeline import check_document
from assistant.rules.examples import example_document

NONE = {"t3.new_received.natural_person": 0, "t3.new_received.commercial_enterprise": 0, "t3.new_received.other_org": 0,
        "t3.new_received.total": 0, "t3.carried_over.natural_person": 0, "t3.carried_over.total": 0}


def h1(text: str, figures: dict[str, int] | None = None) -> list[tuple[str, str, str | None, tuple[int, int] | None]]:
    doc = example_document({"text": text, "figures": figures or {}})
    return [(f.severity, f.message, f.found, f.location.span) for f in check_document(doc) if f.rule == "H1"]


def test_handling_told_without_applications_is_a_warning() -> None:
    text = "2024年，青石镇未收到政府信息公开申请。依申请公开方面，我镇规范受理流程，所有申请均在法定期限内答复。"
    assert h1(text, NONE) == [("warning", "正文写了办理、答复申请的情况，但表三本年没有收到申请，也无上年结转",
                               "依申请公开方面，我镇规范受理流程，所有申请均在法定期限内答复。", (21, 52))]


def test_quiet_with_applications_with_none_said_or_with_plans() -> None:
    assert h1("依申请公开方面，我镇规范受理流程，所有申请均在法定期限内答复。") == []  # the sample has 13 applications
    assert h1("2024年，青石镇未收到政府信息公开申请。今后如收到申请，我镇将在法定期限内答复。", NONE) == []
    assert h1("2024年，青石镇明确党政办为依申请公开受理机构，畅通申请渠道。", NONE) == []


def test_quiet_on_what_the_regulation_says() -> None:
    # the 条例's own provision on answering is a statement of the law, not of applications handled
    text = ("《条例》规定，行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复；不能当场答复的，应当自收到申请之日起"
            "20个工作日内予以答复。2024年，青石镇未收到政府信息公开申请。")
    assert h1(text, NONE) == []
    assert h1("按照规定，所有申请均在法定期限内答复。", NONE) != []  # a fact told after a mere 按照 is still one
