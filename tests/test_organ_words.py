"""Self-references by organ kind and name."""

from __future__ import annotations

import pytest

from assistant.model import Meta
from assistant.organ_words import (
    abbreviates,
    allowed_self_references,
    conflicting_self_references,
    folded_place,
    organ_unit,
    parent_place,
    place_name,
    self_reference,
)


def meta(name: str, kind: str, short: str | None = None) -> Meta:
    return Meta(organ_name=name, organ_kind=kind, year=2024, short_name=short)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "kind", "expected"), [
    ("袁州区竹亭镇人民政府", "乡镇", "我镇"),
    ("德安县河东乡人民政府", "乡镇", "我乡"),
    ("某旗某某苏木人民政府", "乡镇", "我苏木"),
    ("沈阳市于洪区迎宾路街道办事处", "街道", "我街道"),
    ("开平市农业农村局", "部门", "我局"),
    ("示范县发展和改革委员会", "部门", "我委"),
    ("示范县人民政府办公室", "部门", "我办"),
    ("示范县档案馆", "部门", "本机关"),
    ("淮安市洪泽区人民政府", "县级人民政府", "我区"),
    ("示范县人民政府", "县级人民政府", "我县"),
    ("新乐市人民政府", "县级人民政府", "我市"),
    ("某某自治县人民政府", "县级人民政府", "我县"),
    ("平潭综合实验区管理委员会", "县级人民政府", "我区"),
    ("淮安市人民政府", "设区的市人民政府", "我市"),
    ("某某藏族自治州人民政府", "设区的市人民政府", "我州"),
    ("江苏省人民政府", "省级人民政府", "我省"),
    ("广西壮族自治区人民政府", "省级人民政府", "我区"),
    ("某某试验场", "县级人民政府", "本级政府"),
    ("示范县政务服务中心", "其他", "我中心"),
])
def test_self_reference(name: str, kind: str, expected: str) -> None:
    assert self_reference(meta(name, kind)) == expected


def test_short_name_decides_when_the_full_name_does_not() -> None:
    assert organ_unit(meta("某某人民政府", "乡镇", short="青石镇")) == "镇"
    assert self_reference(meta("某某人民政府", "乡镇")) == "本机关"


def test_allowed_and_conflicting_words_of_a_town() -> None:
    town = meta("袁州区竹亭镇人民政府", "乡镇")
    assert allowed_self_references(town) == {"我镇", "本镇", "本机关", "本单位"}
    conflicts = conflicting_self_references(town)
    assert {"我街道", "本街道", "我乡", "我局", "我县"} <= conflicts
    assert not conflicts & {"我镇", "本镇", "本机关"}


def test_governments_may_say_benji_zhengfu() -> None:
    county = meta("示范县人民政府", "县级人民政府")
    assert "本级政府" in allowed_self_references(county)
    assert "本级政府" not in conflicting_self_references(county)
    assert "我镇" in conflicting_self_references(county)


def test_nothing_conflicts_when_the_unit_is_unknown() -> None:
    assert conflicting_self_references(meta("示范县档案馆", "部门")) == frozenset()


def test_place_name() -> None:
    assert place_name(meta("袁州区竹亭镇人民政府", "乡镇", short="竹亭镇")) == "竹亭镇"
    assert place_name(meta("沈阳市于洪区迎宾路街道办事处", "街道")) == "沈阳市于洪区迎宾路街道"
    # a township's or street's name after its parent government (七都 2024); a department keeps its whole name
    assert place_name(meta("温州市鹿城区人民政府七都街道办事处", "街道")) == "七都街道"
    assert place_name(meta("示范县人民政府白沙乡人民政府", "乡镇")) == "白沙乡"
    assert place_name(meta("府谷县人民政府办公室", "部门")) == "府谷县人民政府办公室"


def test_a_report_has_one_self_reference_form_whoever_writes_it() -> None:
    """The template drafter, the model's prompt and the model's text all use the form drafted_self_reference
    chooses for the report (issue 16: a chat revision wrote 我镇 into a draft that says 本镇)."""
    from assistant.drafting.llm import prompt_context
    from assistant.drafting.template import TemplateDrafter
    from assistant.facts import FactSheet
    from assistant.organ_words import drafted_self_reference, in_drafted_form
    from assistant.readers.inputfile import load_report
    from tests.conftest import EXAMPLES

    report = load_report(EXAMPLES / "sample-town-2024.yaml")
    assert drafted_self_reference(report.meta) == "本镇"
    text = TemplateDrafter().draft(report).full_text()
    assert "本镇" in text and "我镇" not in text
    assert prompt_context(report, FactSheet(report), "problems")["self_ref"] == "本镇"
    assert in_drafted_form("我镇将继续推进，基本镇村全覆盖。", report.meta) == "本镇将继续推进，基本镇村全覆盖。"
    other_year = report.meta.model_copy(update={"year": 2022})
    assert drafted_self_reference(other_year) == "我镇"
    assert in_drafted_form("本镇将继续推进，基本镇村全覆盖。", other_year) == "我镇将继续推进，基本镇村全覆盖。"


@pytest.mark.parametrize(("parent", "place"), [
    ("示范县人民政府", "示范县"), (" 袁州区政府 ", "袁州区"), ("通化市人民政府办公室", "通化市人民政府办公室"), (None, ""), ("", ""),
])
def test_the_place_of_a_parent_government(parent, place):
    assert parent_place(parent) == place


@pytest.mark.parametrize(("full", "short"), [
    ("通道侗族自治县卫生健康局", "通道县卫生健康局"),
    ("恩施土家族苗族自治州", "恩施州"),  # 土家 before 土
    ("隆林各族自治县人民政府", "隆林县人民政府"),
    ("鄂伦春自治旗", "鄂伦春自治旗"),  # no 族: left as written
    ("民族乡人民政府", "民族乡人民政府"),
])
def test_an_autonomous_places_full_name_folds_to_its_short_form(full: str, short: str) -> None:
    assert folded_place(full) == short


def test_a_short_name_leaves_characters_out_of_the_full_name() -> None:
    """Unseen report (通道县卫生健康局 2022): the page's 信息来源 "通道县卫健局" was called another organ."""
    assert abbreviates("通道县卫健局", "通道县卫生健康局")
    assert abbreviates("县发改局", "县发展和改革局")
    assert not abbreviates("通道县财政局", "通道县卫生健康局")  # a character not in the name
    assert not abbreviates("通道县卫生健康委", "通道县卫生健康委员会")  # its last character differs
    assert not abbreviates("靖州县卫健局", "通道县卫生健康局")  # another place
    assert not abbreviates("县局", "县卫生健康局")  # too short to tell
