"""The firewall end to end: every mode of the fake model (tests/fake_modes.py) through ``nianbao eval drafting``,
``nianbao draft --drafter llm`` on both examples and the UI's chat handler, asserting on the text of the final .docx.

What is asserted on the final document does not rely on the firewall's own checks alone: the mode's own markers,
years, organ words, residue, Latin and Traditional characters and sentence ends are checked here directly.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from assistant.cli import app
from assistant.drafting.firewall import final_text_defects
from assistant.drafting.llm import DRAFTED_SECTIONS
from assistant.drafting.template import ASPECT_HEADINGS
from assistant.model import Draft, Report, Section
from assistant.organ_words import in_drafted_form
from assistant.readers.inputfile import load_report, report_from_data
from tests.conftest import EXAMPLES, completed_zhuting
from tests.fake_llm_server import fake_llm_server
from tests.fake_modes import MODES, REVISED, Mode

KEY = "sk-test-firewall-0123456789"
EXAMPLE_FILES = ("sample-town-2024.yaml", "zhuting-2020.yaml")
RESIDUE = ("<think", "</think>", "◁think", "```", "**", "##", "{", "}", '"', "\\n", "paragraphs", "【", "】", "<<<",
           "仅供参考", "您", "附件", "以下是", "占位符", "〔F", "〔P", "JSON")
OTHER_ORGAN_WORDS = ("我县", "全县", "我街道", "本街道", "我区", "我市", "本县")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

pytestmark = pytest.mark.usefixtures("loopback_model_env")


def mode_report(mode: Mode, name: str, tmp_path: Path) -> tuple[Report, Path]:
    """The example (竹亭镇 with the facts its staff would add before publishing), with the mode's notes added (a
    hidden instruction), written where the CLI reads it."""
    report = completed_zhuting() if name == "zhuting-2020.yaml" else load_report(EXAMPLES / name)
    if mode.notes:
        data = report.model_dump(mode="json", exclude_none=True)
        for aspect, items in mode.notes.items():
            data["notes"][aspect] = [*data["notes"].get(aspect, []), *items]
        report = report_from_data(data)
    path = tmp_path / f"{mode.name}-{name.replace('.yaml', '.json')}"
    path.write_text(report.model_dump_json(exclude_none=True), encoding="utf-8")
    return report, path


def point_at(monkeypatch: pytest.MonkeyPatch, url: str, mode_settings: dict[str, Any], cache: Path) -> None:
    values = {"base_url": url, "model": "fake-model", "api_key": KEY, "retries": 1, "timeout": 2,
              "section_deadline": 20, "draft_deadline": 40} | mode_settings
    for name, value in values.items():
        monkeypatch.setenv(f"NIANBAO_LLM_{name.upper()}", str(value))
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(cache))


def read_final(path: Path, report: Report) -> tuple[Draft, list[str]]:
    """The drafted sections of a final .docx as a Draft (by its Heading 1 paragraphs), and every paragraph's text."""
    import docx

    titles = {s.title: s.key for s in report.fmt.sections}
    draft = Draft()
    current: Section | None = None
    texts = []
    for p in docx.Document(str(path)).paragraphs:
        style = p.style.name if p.style is not None else ""
        text = p.text.translate(ZERO_WIDTH).strip()  # the renderer binds addresses with word joiners
        texts.append(text)
        if style in ("Title", "落款") or not text:
            continue
        if style == "Heading 1":
            current = Section(heading=text, key=titles.get(text))
            draft.sections.append(current)
        elif current is None:
            draft.preamble.append(text)
        else:
            current.paragraphs.append(text)
    return draft, texts


def assert_clean_final_text(report: Report, draft: Draft, texts: list[str], markers: tuple[str, ...]) -> None:
    """No invented quantity, wrong year or organ word, residue, truncated sentence or non-Simplified text."""
    import opencc

    to_simplified = opencc.OpenCC("t2s")
    whole = "\n".join(texts)
    for marker in markers:
        assert marker not in whole, marker
    drafted = [p for key in DRAFTED_SECTIONS
               for p in (draft.preamble if key == "preamble" else draft.section(key).paragraphs)  # type: ignore[union-attr]
               if p not in ASPECT_HEADINGS]
    source = "\n".join([report.model_dump_json(), *[n for a in type(report.notes).model_fields
                                                     for n in getattr(report.notes, a)]])
    years = {report.meta.year, report.meta.year + 1} | {int(y) for y in re.findall(r"(\d{4})年", source)}
    for text in drafted:
        assert not any(r in text for r in RESIDUE), text
        assert not any(w in text for w in OTHER_ORGAN_WORDS), text
        assert re.search(r"[。！？][”）)]*$", text), f"未以句号结尾：{text}"
        assert {int(y) for y in re.findall(r"(?<![〔\d])(\d{4})年", text)} <= years, text
        assert to_simplified.convert(text) == text, text
        for word in re.findall(r"[A-Za-z]+", text):
            assert word in source, f"外文：{word}"
        assert len(text) < 1500
    assert_required_elements(report, draft)
    assert final_text_defects(report, draft, DRAFTED_SECTIONS) == []


# Words of the required elements (the opening's legal basis, compiler, six parts, period, website, contact; 五's
# problems, last year's improvements, measures): the final text has each one the template's text of that part has.
ELEMENT_WORDS = {"preamble": ("条例", "编制", "六个部分", "1月1日", "12月31日", "网站", "联系"),
                 "problems": ("不足", "上年度", "将")}


def assert_required_elements(report: Report, draft: Draft) -> None:
    from assistant.drafting.template import TemplateDrafter

    template = TemplateDrafter().draft(report)
    for key, words in ELEMENT_WORDS.items():
        base = "".join(template.preamble if key == "preamble" else template.section(key).paragraphs)  # type: ignore[union-attr]
        text = "".join(draft.preamble if key == "preamble" else draft.section(key).paragraphs)  # type: ignore[union-attr]
        assert [w for w in words if w in base and w not in text] == [], (key, text)


@pytest.mark.parametrize("mode_name", list(MODES))
def test_every_mode_ends_in_a_clean_final_document(mode_name: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.drafting.evaluation import run
    from assistant.render.docx import read_provenance

    mode = MODES[mode_name]
    reports = [mode_report(mode, name, tmp_path) for name in EXAMPLE_FILES]
    writer = mode.writer([r for r, _p in reports])
    with fake_llm_server(writer) as (url, log):
        point_at(monkeypatch, url, writer.settings, tmp_path / "cache")
        # 1. nianbao eval drafting: the counts of the final text (a cold cache)
        result = run([p for _r, p in reports])
        requests = len(log.requests)
        # 2. nianbao draft --drafter llm on both examples (the cache holds only the replies that passed)
        for report, path in reports:
            out = tmp_path / f"out-{path.stem}"
            cli = CliRunner().invoke(app, ["draft", str(path), "--out", str(out), "--drafter", "llm", "--provenance"])
            assert cli.exit_code == 0, cli.output
            assert KEY not in cli.output and KEY[5:] not in cli.output
            [final] = [f for f in out.glob("*.docx") if not f.stem.endswith(("-草稿", "-审阅稿"))]
            draft, texts = read_final(final, report)
            assert_clean_final_text(report, draft, texts, writer.markers_for(report))
            provenance = read_provenance(final)
            assert provenance is not None and provenance.drafter == "llm"
            if mode.uses_model:  # the well-behaved text got through (after retries or the envelope's removal)
                assert provenance.fallbacks == [], provenance.fallbacks
    t = result.totals()
    assert result.defects == 0 and result.errors_left == 0
    rows = [r for _name, stats in result.rows for r in stats.section_rows]
    for r in rows:  # the result said of a section agrees with the counts of its final text
        assert (r.result in ("fell_back", "faulted")) == (r.fell_back > 0), r
    if mode_name == "lazy":  # the opening and 五 lack their required elements: not counted as model text used
        assert [(r.key, r.result, r.from_model + r.repaired) for r in rows if r.key in ("preamble", "problems")] == [
            ("preamble", "fell_back", 0), ("problems", "fell_back", 0)] * len(EXAMPLE_FILES)
    assert t["requests"] == requests  # failed HTTP requests included
    assert t["paragraphs"] == t["from_model"] + t["repaired"] + t["fell_back_paragraphs"]
    if mode.uses_model:
        assert t["from_model"] == t["paragraphs"]
    else:
        assert t["fell_back_paragraphs"] + t["repaired"] > 0
    MODE_TABLE[mode_name] = (t["defects"], t["paragraphs"], t["from_model"], t["repaired"],
                             t["fell_back_paragraphs"], t["requests"], t["failed_requests"])


MODE_TABLE: dict[str, tuple[int, ...]] = {}


@pytest.mark.parametrize("mode_name", list(MODES))
def test_every_mode_through_the_chat_handler(mode_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.drafting.template import TemplateDrafter
    from assistant.ui.chat import reply
    from assistant.ui.workspace import Workspace

    mode = MODES[mode_name]
    report, _path = mode_report(mode, EXAMPLE_FILES[0], tmp_path)
    ws = Workspace(tmp_path / "ws")
    unit = ws.save_report("青石镇", report)
    before = TemplateDrafter().draft(report)
    ws.save_draft(unit.id, before)
    writer = mode.writer([report])
    with fake_llm_server(writer) as (url, _log):
        point_at(monkeypatch, url, writer.settings, tmp_path / "cache")
        answer = reply(ws, "青石镇", unit.id, "把总体情况写得更简洁一些")
    saved = ws.get(unit.id, "青石镇").draft  # type: ignore[union-attr]
    assert saved is not None
    changed = saved.full_text() != before.full_text()
    if changed:
        assert answer.startswith("已按要求修改“一、总体情况”。"), answer
        # the model's 我镇 is saved in the form of the report's drafts (本镇 or 我镇)
        assert in_drafted_form(REVISED, report.meta) in saved.section("overview").paragraphs[-1]  # type: ignore[union-attr]
    else:
        assert "已按要求修改" not in answer and ("未保存" in answer or "未改变" in answer), answer
    if mode.uses_model:
        assert changed, answer
    texts = [*saved.preamble, *(p for s in saved.sections for p in s.paragraphs)]
    # the revision must not carry the mode's faults; text the template drafter wrote before is not the model's
    template_text = before.full_text()
    for marker in writer.markers_for(report):
        if marker not in template_text:
            assert marker not in "\n".join(texts), marker
    assert final_text_defects(report, saved, ("overview",)) == [] or not changed
    assert KEY not in answer


def test_the_mode_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Prints the table of the issue (run with -s to see it) once the mode tests above have run."""
    if set(MODE_TABLE) != set(MODES):  # run alone, with -k, or with tests spread one by one over processes (-n)
        pytest.skip("the mode tests did not all run in this process")
    lines = ["模式\t终稿缺陷\t段落\t采用模型原文\t修改后采用\t退回模板\t请求\t其中失败"]
    lines += ["\t".join([name, *map(str, row)]) for name, row in MODE_TABLE.items()]
    print("\n" + "\n".join(lines))
    assert all(row[0] == 0 for row in MODE_TABLE.values())
    assert len(MODES) >= 20
