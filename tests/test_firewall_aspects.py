"""An outside tester's leaks (firewall9b), each a mode of the fake model (tests/fake_modes.py): true paragraphs under
each other's headings, a fact of one aspect told under another, the year's facts moved to last year, an organ
misnamed, a denial given a reason the table does not have. None reaches the final draft; the paragraph falls back to
the template's with exactly this reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.drafting.firewall import final_text_defects
from assistant.drafting.llm import DRAFTED_SECTIONS, LLMDrafter
from assistant.drafting.template import TemplateDrafter
from assistant.model import Report
from assistant.readers.inputfile import load_report
from tests.conftest import EXAMPLES
from tests.fake_llm_server import fake_llm_server, loopback_settings
from tests.fake_modes import DENIED_AS_SECRET, MODES

pytestmark = pytest.mark.usefixtures("loopback_model_env")

ROUNDS = "经2轮修改仍有错误（{}），本段改用模板文本"
UNSUPPORTED = "模型写了输入中没有的内容：{}"
UNSUPPORTED_ORGAN = "模型写了输入中没有的机构名称：“{}”"

# mode -> (what must not reach the final draft, [(section, paragraph, reason of its fallback)])
EXPECTED: dict[str, tuple[str, list[tuple[str, int, str]]]] = {
    "swap_aspects": ("（四）政府信息公开平台建设\n本镇组织政务公开业务培训", [
        ("overview", 8, ROUNDS.format(UNSUPPORTED.format(
            "词语“业务培训、纳入、邀请、村民代表、代表、满意率、发生”；时间“年末”"))),
        ("overview", 10, ROUNDS.format(UNSUPPORTED.format(
            "词语“维护、县政府、镇级、便民服务、中心”；名称“政策文件”“财政预决算”")))]),
    "fact_of_another_aspect": ("查阅点。本镇还组织政务公开业务培训", [
        ("overview", 8, ROUNDS.format(UNSUPPORTED.format("词语“业务培训”")))]),
    "year_moved": ("上年度未发生", [("overview", 10, ROUNDS.format(UNSUPPORTED.format("时间“上年度”")))]),
    "year_moved_facts": ("上年度本镇通过", [("overview", 2, ROUNDS.format(UNSUPPORTED.format("时间“上年度”")))]),
    "parent_organ_typo": ("示范市人民政府", [
        ("overview", 0, ROUNDS.format(UNSUPPORTED_ORGAN.format("示范市人民政府")))]),
    "compiler_typo": ("人民政府党政办公室", [
        ("preamble", 0, ROUNDS.format(UNSUPPORTED_ORGAN.format("示范县青石镇人民政府党政办公室")))]),
    "denied_as_secret": (DENIED_AS_SECRET, [("overview", 4, ROUNDS.format(
        "模型文字称“属于国家秘密”（属于国家秘密），但表格中属于国家秘密（总计）为0件"))]),
}


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(EXAMPLES / "sample-town-2024.yaml")


@pytest.mark.parametrize("mode", list(EXPECTED))
def test_the_leak_stays_out_of_the_final_draft(mode: str, sample: Report, tmp_path: Path) -> None:
    wrong, fallbacks = EXPECTED[mode]
    writer = MODES[mode].writer([sample])
    with fake_llm_server(writer) as (url, _log):
        draft = LLMDrafter(loopback_settings(url, cache_dir=str(tmp_path))).draft(sample)
    assert [(f.section, f.paragraph, f.reason) for f in draft.provenance.fallbacks] == fallbacks
    whole = "\n".join([*draft.preamble, *(p for s in draft.sections for p in s.paragraphs)])
    assert wrong not in whole
    template = TemplateDrafter().draft(sample)
    for section, paragraph, _reason in fallbacks:
        got = draft.preamble if section == "preamble" else draft.section(section).paragraphs  # type: ignore[union-attr]
        base = template.preamble if section == "preamble" else template.section(section).paragraphs  # type: ignore[union-attr]
        assert got[paragraph] == base[paragraph]
    assert final_text_defects(sample, draft, DRAFTED_SECTIONS) == []


@pytest.mark.parametrize(("aspect", "text"), [
    ("management", "本镇加强政府信息管理，落实“三审三校”和保密审查制度，对镇政府行政规范性文件开展清理。"),
    ("platform", "本镇加强平台建设，维护好县政府门户网站镇级专栏，定期更新“政策文件”“财政预决算”等栏目。"),
])
def test_a_paragraph_may_use_its_own_headings_words(aspect: str, text: str, sample: Report) -> None:
    """The outside tester's free rewording (h_own): 信息管理 under （三）政府信息管理, 平台 under （四）…平台建设."""
    from assistant.drafting.firewall import FirewallContext, check_paragraph
    from assistant.facts import FactSheet

    assert check_paragraph(FirewallContext(sample, FactSheet(sample), "overview"), 0, text, aspect=aspect) == []
