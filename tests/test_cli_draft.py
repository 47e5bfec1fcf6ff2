"""``nianbao draft``: the main job, from an input file to the Word document and the findings."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import yaml
from typer.testing import CliRunner

from assistant.cli import app
from assistant.formats import section_titles
from assistant.render.docx import read_provenance
from tests.conftest import EXAMPLES, completed_zhuting_data

runner = CliRunner()
ZHUTING = "袁州区竹亭镇人民政府2020年政府信息公开工作年度报告"
SAMPLE = "示范县青石镇人民政府2024年政府信息公开工作年度报告"


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def completed_zhuting(tmp_path: Path) -> Path:
    """竹亭镇 with the facts its published report lacks filled in (as its staff would), so that it can be final."""
    data = completed_zhuting_data()
    path = tmp_path / "zhuting-completed.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("example", "stem"), [("zhuting", ZHUTING), ("sample-town-2024.yaml", SAMPLE)])
def test_draft_writes_the_document_and_findings(tmp_path, example, stem):
    source = completed_zhuting(tmp_path) if example == "zhuting" else EXAMPLES / example
    result = runner.invoke(app, ["draft", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert files(out) == [f"{stem}.docx", f"{stem}.findings.json"]
    assert f"已写出：{out / (stem + '.docx')}" in result.output
    assert "校核结果：错误 0 项" in result.output
    document = docx.Document(out / f"{stem}.docx")
    headings = [p.text for p in document.paragraphs if p.style.style_id == "Heading1"]
    assert headings == list(section_titles())
    assert len(document.tables) == 3
    assert read_provenance(out / f"{stem}.docx") is None  # only with --provenance
    data = json.loads((out / f"{stem}.findings.json").read_text(encoding="utf-8"))
    assert data["provenance"]["drafter"] == "template"
    assert data["blocked"] is False
    assert not [f for f in data["findings"] if f["severity"] == "error" and f["status"] == "fail"]


def test_gaps_block_the_final_document_and_check_reports_them(tmp_path):
    # The real 竹亭镇 report states no 工作考核, 社会评议 or 责任追究 results ("严肃追究责任" is a rule), no improvement of
    # last year's problems and no signing date: the outputs are the -草稿 and the review copy, exit 1, and checking the -草稿 reports each gap.
    result = runner.invoke(app, ["draft", str(EXAMPLES / "zhuting-2020.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert files(tmp_path) == [f"{ZHUTING}-草稿-审阅稿.docx", f"{ZHUTING}-草稿.docx", f"{ZHUTING}.findings.json"]
    assert "正文尚有〔待补〕内容（输入缺少的事实），未输出正式文档，已输出“-草稿”和审阅稿。" in result.output
    data = json.loads((tmp_path / f"{ZHUTING}.findings.json").read_text(encoding="utf-8"))
    assert (data["blocked"], data["gaps"]) == (True, 5)
    document = docx.Document(tmp_path / f"{ZHUTING}-草稿.docx")
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "草稿：尚有5处待补内容，请勿印发" in header
    checked = runner.invoke(app, ["check", str(tmp_path / f"{ZHUTING}-草稿.docx"), "--json"])
    assert checked.exit_code == 1
    gaps = [f["found"] for f in json.loads(checked.output)["findings"] if f["rule"] == "G1"]
    assert sorted(gaps) == sorted(["〔待补：社会评议结果情况〕", "〔待补：工作考核结果情况〕", "〔待补：责任追究结果情况〕",
                                   "〔待补：上年度问题的改进情况〕", "〔待补：落款日期〕"])


def test_zhuting_draft_states_its_application_says_wozhen_and_plans_for_2021(tmp_path):
    result = runner.invoke(app, ["draft", str(EXAMPLES / "zhuting-2020.yaml"), "-o", str(tmp_path)])
    assert result.exit_code == 1, result.output  # its gaps (above)
    text = "\n".join(p.text for p in docx.Document(tmp_path / f"{ZHUTING}-草稿.docx").paragraphs)
    assert "收到政府信息公开申请1件" in text
    assert "因本机关不掌握相关政府信息无法提供1件" in text
    assert "本镇" in text and "我局" not in text and "本街道" not in text  # its own word (我镇 or 本镇)
    assert "本镇将在2021年采取以下措施" in text  # its plans are for the next year


def _with_arithmetic_error(tmp_path: Path) -> Path:
    data = yaml.safe_load((EXAMPLES / "zhuting-2020.yaml").read_text(encoding="utf-8"))
    data["tables"]["t3"]["result_total"] = {"natural_person": 2, "total": 2}  # 1 + 0 received, 2 + 0 handled
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_an_arithmetic_error_blocks_the_document(tmp_path):
    result = runner.invoke(app, ["draft", str(_with_arithmetic_error(tmp_path)), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert files(tmp_path / "out") == [f"{ZHUTING}.findings.json"]
    assert "未输出正式文档" in result.output
    data = json.loads((tmp_path / "out" / f"{ZHUTING}.findings.json").read_text(encoding="utf-8"))
    assert data["blocked"] is True
    errors = {f["location"]["cell"] for f in data["findings"] if f["severity"] == "error"}
    assert "t3.result_total.total" in errors


def test_a_blocked_run_points_out_an_older_document(tmp_path):
    out = tmp_path / "out"
    assert runner.invoke(app, ["draft", str(completed_zhuting(tmp_path)), "-o", str(out)]).exit_code == 0
    result = runner.invoke(app, ["draft", str(_with_arithmetic_error(tmp_path)), "-o", str(out)])
    assert result.exit_code == 1
    assert f"注意：{out / (ZHUTING + '.docx')} 是此前生成的，不是本次结果。" in result.output


def test_allow_errors_writes_a_draft_and_a_review_copy(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["draft", str(_with_arithmetic_error(tmp_path)), "-o", str(out), "--allow-errors"])
    assert result.exit_code == 1, result.output  # the draft is written, but errors remain (README: 1 means errors)
    assert "存在错误：已输出草稿和审阅稿（请勿印发）" in result.output
    assert files(out) == [f"{ZHUTING}-草稿-审阅稿.docx", f"{ZHUTING}-草稿.docx", f"{ZHUTING}.findings.json"]
    review = docx.Document(out / f"{ZHUTING}-草稿-审阅稿.docx")
    errors = [c.text for c in review.comments if c.text.startswith("【错误")]
    assert errors and any("（七）总计" in text for text in errors)
    assert len(docx.Document(out / f"{ZHUTING}-草稿.docx").comments) == 0


def test_review_copy_on_request(tmp_path):
    result = runner.invoke(app, ["draft", str(completed_zhuting(tmp_path)), "-o", str(tmp_path), "--review-copy"])
    assert result.exit_code == 0, result.output
    review = docx.Document(tmp_path / f"{ZHUTING}-审阅稿.docx")
    assert len(review.comments) >= 1
    assert any("采购总金额" in c.text for c in review.comments)  # the unit warning on table 二


def test_bad_input_exits_2_with_a_chinese_message(tmp_path):
    result = runner.invoke(app, ["draft", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "文件不存在" in result.output
    assert not (tmp_path / "out").exists()


NO_MODEL = "无法完成：未配置语言模型，请设置环境变量 NIANBAO_LLM_MODEL（及 NIANBAO_LLM_BASE_URL、NIANBAO_LLM_API_KEY）"


@pytest.mark.parametrize("command", ["draft", "batch"])
def test_an_unknown_drafter_is_a_usage_error(tmp_path, command):
    """Bug: ``--drafter xyz`` began "无法读取：" though nothing failed to be read."""
    result = runner.invoke(app, [command, str(EXAMPLES / "zhuting-2020.yaml"), "-o", str(tmp_path / "out"),
                                 "--drafter", "xyz"], env={"COLUMNS": "100"})
    assert result.exit_code == 2
    assert "│ 选项 --drafter 的值无效：应为 template 或 llm，实为“xyz”" in result.stderr.splitlines()[3]
    assert "无法读取" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["draft", "batch"])
@pytest.mark.usefixtures("loopback_model_env")
def test_drafting_with_an_unconfigured_model_says_what_to_do(tmp_path, command):
    """Bug: ``--drafter llm`` with no model began "无法读取：" though nothing failed to be read."""
    result = runner.invoke(app, [command, str(EXAMPLES / "zhuting-2020.yaml"), "-o", str(tmp_path / "out"),
                                 "--drafter", "llm"])
    assert result.exit_code == 2
    assert result.stderr == f"{NO_MODEL}，或改用 --drafter template（模板起草）\n"


@pytest.mark.usefixtures("loopback_model_env")
def test_eval_drafting_without_a_model_suggests_only_what_it_has():
    """Bug: ``eval drafting`` began "无法读取：" and suggested "或改用 --drafter template", an option it has not."""
    result = runner.invoke(app, ["eval", "drafting"])
    assert result.exit_code == 2
    assert result.stderr == f"{NO_MODEL}后再评测（nianbao config 显示当前设置）\n"


@pytest.mark.usefixtures("loopback_model_env")
def test_a_wrong_setting_when_drafting_is_not_a_reading_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("NIANBAO_LLM_TIMEOUT", "abc")
    result = runner.invoke(app, ["draft", str(EXAMPLES / "zhuting-2020.yaml"), "-o", str(tmp_path), "--drafter", "llm"])
    assert result.exit_code == 2
    assert result.stderr == "无法完成：环境变量设置有误\n  - NIANBAO_LLM_TIMEOUT：应为数字，实为 “abc”\n"


def test_a_blocked_run_points_out_an_older_review_copy_too(tmp_path):
    out = tmp_path / "out"
    first = runner.invoke(app, ["draft", str(completed_zhuting(tmp_path)), "-o", str(out), "--review-copy"])
    assert first.exit_code == 0 and (out / f"{ZHUTING}-审阅稿.docx").exists()
    result = runner.invoke(app, ["draft", str(_with_arithmetic_error(tmp_path)), "-o", str(out)])
    assert result.exit_code == 1
    assert f"注意：{out / (ZHUTING + '.docx')} 是此前生成的，不是本次结果。" in result.output
    assert f"注意：{out / (ZHUTING + '-审阅稿.docx')} 是此前生成的，不是本次结果。" in result.output
