"""Section headings: numbering, the standard section they name, keys inferred for a narrative."""

from __future__ import annotations

from assistant.formats import section_titles
from assistant.headings import find_section, infer_key, parse_heading, section_key
from assistant.model import Draft, Section
from assistant.numbering import cn_number, cn_numeral


def test_the_six_canonical_titles_parse_to_their_keys() -> None:
    parsed = [parse_heading(t) for t in section_titles()]
    assert [(h.number, h.style, h.key, h.exact) for h in parsed] == [
        (1, "cn", "overview", True), (2, "cn", "proactive", True), (3, "cn", "requests", True),
        (4, "cn", "appeals", True), (5, "cn", "problems", True), (6, "cn", "other", True)]


def test_variants_from_real_reports() -> None:
    cases = {
        "1、 总体情况": (1, "arabic", "overview", True),  # 正阳街道2023
        "五、存在的主要问题及改进举措": (5, "cn", "problems", False),  # 张掖2025
        "六、其他事项": (6, "cn", "other", False),  # 威海
        "四、因政府信息公开工作被申请行政复议提起行政诉讼情况": (4, "cn", "appeals", False),
        "一、工作基本情况": (1, "cn", "overview", False),  # 016
        "第三部分：收到和处理政府信息公开申请情况": (3, "part", "requests", True),
        "七、2022年工作思路": (7, "cn", None, False),  # 019
    }
    for text, expected in cases.items():
        h = parse_heading(text)
        assert (h.number, h.style, h.key, h.exact) == expected, text


def test_listed_parts_that_are_no_section() -> None:
    assert infer_key("政策解读") is None
    assert infer_key("监督保障") is None
    assert infer_key("复议、诉讼和申诉情况") == "appeals"


def test_chinese_numerals() -> None:
    assert [cn_number(t) for t in ("一", "六", "十", "十二", "二十", "二十三")] == [1, 6, 10, 12, 20, 23]
    assert [cn_numeral(n) for n in (1, 6, 10, 12, 20, 23)] == ["一", "六", "十", "十二", "二十", "二十三"]


def test_section_key_given_or_inferred() -> None:
    draft = Draft(sections=[Section(heading="一、工作基本情况"), Section(heading="随便写的", key="problems")])
    assert [section_key(s) for s in draft.sections] == ["overview", "problems"]
    assert find_section(draft, "problems") is draft.sections[1]
    assert find_section(draft, "other") is None
