"""Batch drafting (assistant.batch, ``nianbao batch``): 20 workbooks with three broken, resume, and kill -9."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
import yaml
from docx import Document as open_docx
from typer.testing import CliRunner

from assistant.batch.pool import _pooled, _run_chunk
from assistant.batch.summary import SUMMARY_HTML, SUMMARY_XLSX
from assistant.batch.units import discover
from assistant.batch.work import MANIFEST
from assistant.cli import app
from assistant.model import Report
from assistant.readers.inputfile import dump_report, report_from_data
from assistant.workbook.write import unit_workbook, wide_workbook
from tests.conftest import EXAMPLES, ROOT

SAMPLE = EXAMPLES / "sample-town-2024.yaml"
runner = CliRunner()


def township(i: int) -> Report:
    """A consistent 2021-format report for the i-th generated township (figures vary with i, totals computed)."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8").replace("青石镇", f"第{i}镇"))
    for row in ("new_received", "granted"):  # more requests, all granted
        data["tables"]["t3"][row]["natural_person"] += i % 4
    return report_from_data(data)


def make_folder(folder: Path, n: int = 20) -> dict[str, Path]:
    """n unit workbooks; the 5th, 11th and 17th broken three different ways."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for i in range(1, n + 1):
        wb = unit_workbook(2021, township(i))
        if i == 5:
            wb["表三"]["J28"] = 99  # （七）总计「总计」 that doesn't add up
        elif i == 11:
            wb["表三"]["D7"] = "一"  # text in a number cell
        elif i == 17:
            wb.remove(wb["表四"])  # a missing sheet
        paths[f"第{i}镇"] = folder / f"第{i}镇.xlsx"
        wb.save(paths[f"第{i}镇"])
    return paths


@pytest.fixture(scope="module")
def twenty(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("twenty") / "各镇"
    make_folder(folder)
    return folder


def test_twenty_workbooks_three_broken(twenty, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(twenty), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1, result.output
    assert "共 20 个单位：已生成定稿 17 个，因错误未生成定稿 1 个，输入无法读取 2 个" in result.stdout
    assert "本次处理 20 个，跳过 0 个" in result.stdout
    docs = sorted(out.glob("*/*.docx"))
    assert len(docs) == 17
    assert {d.parent.name for d in docs} == {f"第{i}镇" for i in range(1, 21)} - {"第5镇", "第11镇", "第17镇"}
    for d in docs:
        assert open_docx(str(d)).paragraphs  # every document opens

    ws = openpyxl.load_workbook(out / SUMMARY_XLSX)["汇总"]
    header = [c.value for c in ws[1]]
    rows = {r[2]: dict(zip(header, r, strict=False)) for r in ws.iter_rows(min_row=2, values_only=True)}  # by 来源
    assert len(rows) == 20
    bad = {source: row for source, row in rows.items() if row["状态"] != "已生成定稿"}
    assert set(bad) == {"第5镇.xlsx", "第11镇.xlsx", "第17镇.xlsx"}
    assert bad["第5镇.xlsx"]["状态"] == "因错误未生成定稿"
    assert bad["第5镇.xlsx"]["首个错误"].startswith("第5镇.xlsx 表三 J28：")
    assert bad["第5镇.xlsx"]["勾稽关系·错误"] >= 1
    assert bad["第11镇.xlsx"]["首个错误"] == "第11镇.xlsx 表三 D7（（一）予以公开「自然人」）：应为非负整数，实为“一”"
    assert bad["第17镇.xlsx"]["首个错误"] == "第17镇.xlsx：缺少工作表“表四”（应有：基本信息、表二、表三、表四、情况说明）"
    assert bad["第11镇.xlsx"]["输入·错误"] == 1
    assert rows["第1镇.xlsx"]["错误"] == 0 and rows["第1镇.xlsx"]["首个错误"] is None
    # 单位 is the organ the input names; blank for an input that could not be read (来源 names the file)
    assert [rows[f"第{i}镇.xlsx"]["单位"] for i in (1, 5, 11, 17)] == ["示范县第1镇人民政府", "示范县第5镇人民政府", None, None]
    # Links to the unit's files, relative to the summary.
    link_row = next(r for r in ws.iter_rows(min_row=2) if r[2].value == "第1镇.xlsx")
    links = [c.hyperlink.target for c in link_row if c.hyperlink]
    assert "第1镇/示范县第1镇人民政府2024年政府信息公开工作年度报告.docx" in links
    page = (out / SUMMARY_HTML).read_text(encoding="utf-8")
    assert "第11镇.xlsx 表三 D7（（一）予以公开「自然人」）：应为非负整数，实为“一”" in page
    assert 'href="%E7%AC%AC1%E9%95%87/' in page  # 第1镇/…, percent-encoded
    assert (out / "第11镇" / "输入错误.txt").read_text(encoding="utf-8").startswith("第11镇.xlsx 表三 D7")
    assert not list(out.rglob("*.tmp"))


def test_resume_redoes_only_what_changed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in (1, 2, 3):
        (folder / f"第{i}镇.yaml").write_text(dump_report(township(i)), encoding="utf-8")
    out = tmp_path / "out"
    first = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1"])
    assert first.exit_code == 0, first.output
    stamps = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["finished"] for p in out.glob(f"*/{MANIFEST}")}
    assert len(stamps) == 3
    changed = township(2)
    changed.notes.other = ["本年度无其他需要报告的事项"]
    (folder / "第2镇.yaml").write_text(dump_report(changed), encoding="utf-8")
    second = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1", "--resume"])
    assert second.exit_code == 0, second.output
    assert "本次处理 1 个，跳过 2 个" in second.stdout
    after = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["finished"] for p in out.glob(f"*/{MANIFEST}")}
    assert after["第1镇"] == stamps["第1镇"] and after["第3镇"] == stamps["第3镇"]
    assert after["第2镇"] > stamps["第2镇"]
    # An output deleted by hand is an output changed: the unit is redone.
    next(out.glob("第3镇/*.docx")).unlink()
    third = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1", "--resume"])
    assert "本次处理 1 个，跳过 2 个" in third.stdout
    assert len(list(out.glob("第3镇/*.docx"))) == 1
    # A damaged manifest (cut short, or of another shape) is no proof of anything: the unit is redone.
    (out / "第1镇" / MANIFEST).write_text("{", encoding="utf-8")
    manifest = json.loads((out / "第2镇" / MANIFEST).read_text(encoding="utf-8"))
    manifest["result"]["retired_field"] = 1
    (out / "第2镇" / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    fourth = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1", "--resume"])
    assert fourth.exit_code == 0 and "本次处理 2 个，跳过 1 个" in fourth.stdout
    # A manifest from before 汇总 named units by their organ would leave 单位 blank: the unit is redone.
    manifest = json.loads((out / "第3镇" / MANIFEST).read_text(encoding="utf-8"))
    del manifest["result"]["organ"]
    (out / "第3镇" / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    fifth = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1", "--resume"])
    assert fifth.exit_code == 0 and "本次处理 1 个，跳过 2 个" in fifth.stdout
    ws = openpyxl.load_workbook(out / SUMMARY_XLSX)["汇总"]
    assert [(r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True)] == [
        ("示范县第1镇人民政府", "第1镇.yaml"), ("示范县第2镇人民政府", "第2镇.yaml"), ("示范县第3镇人民政府", "第3镇.yaml")]


def test_wide_workbook_rows_are_units(tmp_path):
    reports = [township(i) for i in (1, 2)]
    wb = wide_workbook(2021, reports=reports)
    wb["汇总"]["AZ5"] = "x"  # a number cell of the second unit
    path = tmp_path / "县汇总.xlsx"
    wb.save(path)
    jobs = discover([path], tmp_path / "out")
    assert [(j.name, j.kind, j.row) for j in jobs] == [("第1镇", "row", 4), ("第2镇", "row", 5)]
    result = runner.invoke(app, ["batch", str(path), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 1
    message = "县汇总.xlsx 汇总 AZ5（（二）部分公开（区分处理的，只计这一情形，不计其他情形）「总计」）：应为非负整数，实为“x”"
    assert f"第2镇（输入无法读取）：{message[:30]}" in result.stdout  # the terminal line is shortened
    assert len(list((tmp_path / "out").glob("*/*.docx"))) == 1


def test_bad_inputs_are_usage_errors(tmp_path):
    result = runner.invoke(app, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr == f"无法读取：{tmp_path / 'nope'}：文件或目录不存在\n"  # no empty line before it
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["batch", str(empty), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and "目录中没有工作簿或输入文件" in result.output
    assert not (tmp_path / "out").exists()  # a refused batch leaves no empty output folder behind


def _session_alive(sid: int) -> bool:
    """Whether any process of session ``sid`` is still running (zombies excepted)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            return True
    return False


def test_kill_minus_nine_then_resume(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    total = 80
    for i in range(1, total + 1):
        (folder / f"第{i:02d}镇.yaml").write_text(dump_report(township(i)), encoding="utf-8")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "assistant.cli", "batch", str(folder), "-o", str(out), "-j", "2"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(list(out.glob(f"*/{MANIFEST}"))) < 5:  # poll until some units are done
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # the main process only: its workers must not outlive it
        proc.wait()
        deadline = time.monotonic() + 30
        while _session_alive(proc.pid):
            assert time.monotonic() < deadline, "pool workers outlived the killed batch"
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()

    done = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["finished"] for p in out.glob(f"*/{MANIFEST}")}
    assert 5 <= len(done) < total
    for d in out.glob("*/*.docx"):  # nothing half-written: every document there opens
        open_docx(str(d))

    resumed = subprocess.run([*cmd, "--resume"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    match = re.search(r"本次处理 (\d+) 个，跳过 (\d+) 个", resumed.stdout)
    assert match and (int(match[1]), int(match[2])) == (total - len(done), len(done))
    after = {p.parent.name: json.loads(p.read_text(encoding="utf-8"))["finished"] for p in out.glob(f"*/{MANIFEST}")}
    assert len(after) == total
    assert all(after[name] == stamp for name, stamp in done.items())  # no finished unit redone
    docs = list(out.glob("*/*.docx"))
    assert len(docs) == total
    for d in docs:
        assert open_docx(str(d)).paragraphs
    assert not list(out.rglob("*.tmp"))


def crash_on_third(jobs, outdir, drafter, resume, review_copy):
    """A chunk runner whose worker dies (as on a segfault or the OOM killer) at the unit 第3镇."""
    results = []
    for job in jobs:
        if job.name == "第3镇":
            os._exit(1)
        results.extend(_run_chunk([job], outdir, drafter, resume, review_copy))
    return results


def test_a_unit_that_kills_its_worker_fails_alone(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1, 9):
        (folder / f"第{i}镇.yaml").write_text(dump_report(township(i)), encoding="utf-8")
    out = tmp_path / "out"
    jobs = discover([folder], out)
    results = {r.name: r for r in _pooled(jobs, out, "template", 2, False, False, runner=crash_on_third)}
    assert len(results) == 8
    assert results["第3镇"].status == "failed"
    assert results["第3镇"].first_error == "第3镇.yaml：处理出错（工作进程意外退出，可能是内存不足或程序崩溃）"
    assert all(r.status == "ok" for name, r in results.items() if name != "第3镇")
    assert len(list(out.glob("*/*.docx"))) == 7


def test_llm_drafter_batch_runs_units_in_threads_within_the_bound(tmp_path, monkeypatch):
    from tests.fake_llm_server import fake_llm_server

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(1, 7):
        (folder / f"第{i}镇.yaml").write_text(dump_report(township(i)), encoding="utf-8")
    from assistant.readers.inputfile import load_report
    from tests.scripted_model import Writer

    writer = Writer([load_report(p) for p in folder.glob("*.yaml")])  # replies that pass: one call per section
    with fake_llm_server(lambda body: {"sleep": 0.05, **writer(body)}) as (url, log):
        for name, value in {"NIANBAO_LLM_BASE_URL": url, "NIANBAO_LLM_MODEL": "fake", "NIANBAO_LLM_API_KEY": "k",
                            "NIANBAO_LLM_CONCURRENCY": "1", "NIANBAO_TEST_LOOPBACK_ONLY": "1",
                            "NIANBAO_CACHE_DIR": str(tmp_path / "cache")}.items():
            monkeypatch.setenv(name, value)
        result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "4",
                                     "--drafter", "llm"])
        calls, in_flight = log.chat_calls, log.max_in_flight
    assert result.exit_code == 0, result.output
    assert "共 6 个单位：已生成定稿 6 个" in result.stdout
    assert calls == 6 * 4  # the opening, 一、五、六 of each unit
    assert 1 < in_flight <= 4  # units drafted at once, never more than -j
    manifest = json.loads(next((tmp_path / "out").glob(f"第1镇/{MANIFEST}")).read_text(encoding="utf-8"))
    assert manifest["drafter"] == "llm"


def test_provenance_goes_into_the_documents_only_when_asked(tmp_path):
    from assistant.render.docx import read_provenance

    source = Path(__file__).resolve().parent.parent / "examples" / "sample-town-2024.yaml"
    for flag, out in (([], tmp_path / "plain"), (["--provenance"], tmp_path / "asked")):
        result = runner.invoke(app, ["batch", str(source), "-o", str(out), "-j", "1", *flag])
        assert result.exit_code == 0, result.output
        [document] = out.glob("*/*.docx")
        [findings] = out.glob("*/*.findings.json")
        assert json.loads(findings.read_text(encoding="utf-8"))["provenance"]["drafter"] == "template"
        recorded = read_provenance(document)
        assert (recorded.drafter if recorded else None) == ("template" if flag else None)


def test_units_that_copy_one_another_are_listed_in_the_summary(tmp_path):
    """内容雷同 across a batch: a unit sent in twice (same input, another file) reads alike; the pair (and only it) is
    listed in 汇总.xlsx and 汇总.html, from the MinHash signatures the workers computed."""
    from evals.similarity import own_notes
    from evals.similarity import township as county_township

    folder = tmp_path / "各镇"
    folder.mkdir()
    reports = [county_township(i, name, notes=own_notes(i)) for i, name in enumerate(("青石镇", "白沙镇", "东河镇"))]
    copied = reports[0].model_copy(deep=True)
    for i, report in enumerate([*reports, copied]):
        (folder / f"{i}.yaml").write_text(dump_report(report), encoding="utf-8")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
    # one organ sent twice: named by its organ and, to tell the two apart, the input file
    first, second = "示范县青石镇人民政府（0.yaml）", "示范县青石镇人民政府（3.yaml）"
    assert f"内容雷同：1 对单位的正文相似度超过阈值（见汇总的“内容雷同”表），最高：{first} 与 {second}" in result.output
    sheet = openpyxl.load_workbook(tmp_path / "out" / SUMMARY_XLSX)["内容雷同"]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0] == ["序号", "单位", "相似的单位", "相似度"]
    assert rows[1:] == [[1, first, second, 1.0]]
    html = (tmp_path / "out" / SUMMARY_HTML).read_text(encoding="utf-8")
    assert "内容雷同（1 对）" in html and f"<td>{first}</td><td>{second}</td>" in html


def _o7(unit_dir: Path) -> list[tuple[str, str, str]]:
    findings = json.loads(next(unit_dir.glob("*.findings.json")).read_text(encoding="utf-8"))["findings"]
    return [(f["severity"], f["status"], f["message"]) for f in findings if f["rule"] == "O7"]


def test_a_platform_named_after_another_unit_of_the_batch_is_an_error(tmp_path):
    """An outside reviewer's 13-township batch: 白马镇's notes (copied from 青石镇's) say “青石发布”, and 青石镇 is a
    unit of the same batch: certainly copied, so no final document; alone, it is only a question."""
    folder = tmp_path / "in"
    folder.mkdir()
    sample = SAMPLE.read_text(encoding="utf-8")
    for name in ("白马镇", "青石镇", "龙泉镇"):  # each with the sample's notes: “青石发布”微信公众号
        (folder / f"0{len(list(folder.iterdir())) + 1}-{name}.yaml").write_text(sample.replace("青石镇", name),
                                                                               encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "2"])  # in worker processes
    assert result.exit_code == 1, result.output  # units with errors
    assert "已生成定稿 1 个，因错误未生成定稿 2 个" in result.output
    assert _o7(out / "01-白马镇") == [("error", "fail", "“青石发布”是本批次中青石镇的平台名称，不是本机关（示范县白马镇人民政府）的，"
                                                        "系照搬青石镇的材料")]
    assert _o7(out / "03-龙泉镇") == [("error", "fail", "“青石发布”是本批次中青石镇的平台名称，不是本机关（示范县龙泉镇人民政府）的，"
                                                        "系照搬青石镇的材料")]
    assert _o7(out / "02-青石镇") == []
    finals = sorted(p.parent.name for p in out.glob("*/*.docx") if "-草稿" not in p.name)
    assert finals == ["02-青石镇"]
    # Without 青石镇 in the batch, the same report is a question (a warning), and 白马镇 gets its final document.
    (folder / "02-青石镇.yaml").unlink()
    again = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1", "--resume"])
    assert again.exit_code == 0, again.output
    assert _o7(out / "01-白马镇") == [("warning", "fail", "平台名称“青石发布”中的地名“青石”不是本机关（示范县白马镇人民政府）或上级政府的，"
                                                          "疑为照搬其他单位的材料")]
    assert [p.name for p in (out / "01-白马镇").glob("*.docx")] == ["示范县白马镇人民政府2024年政府信息公开工作年度报告.docx"]


def test_the_summary_lists_the_most_alike_pairs_and_counts_them_all(tmp_path):
    """Bench: 1,000 townships sharing their notes gave 84,016 pairs; writing them all into 汇总 took 760 MB. The most
    alike LISTED_PAIRS are listed and the count is given in full."""
    from assistant.batch.summary import LISTED_PAIRS, SimilarUnits, write_summary

    similar = [SimilarUnits(f"{i}镇", f"{i + 1}镇", 0.99) for i in range(LISTED_PAIRS + 2)]
    write_summary([], tmp_path, similar)
    sheet = openpyxl.load_workbook(tmp_path / SUMMARY_XLSX)["内容雷同"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert f"共{LISTED_PAIRS + 2}对，下表列出相似度最高的{LISTED_PAIRS}对；" in rows[0][0]
    assert len(rows) == 2 + LISTED_PAIRS and rows[-1][:3] == [LISTED_PAIRS, f"{LISTED_PAIRS - 1}镇", f"{LISTED_PAIRS}镇"]
    html = (tmp_path / SUMMARY_HTML).read_text(encoding="utf-8")
    assert f"内容雷同（{LISTED_PAIRS + 2} 对）" in html and html.count("<td>0.99</td>") == LISTED_PAIRS


def test_the_summary_names_each_unit_by_its_organ_and_its_input_file(tmp_path):
    """Outside reviewer, session 9 (item 21): 汇总's 单位 showed the input file ("01-sample"), not the organ. 单位 is
    meta.organ_name; 来源 keeps the input file, for the clerk who must open it; an unread input has no 单位."""
    review = Path(__file__).parent / "fixtures" / "review-2026"
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("06-street-zero", "07-clerk-notes"):
        (folder / f"{name}.yaml").write_bytes((review / f"{name}.yaml").read_bytes())
    (folder / "08-broken.yaml").write_text("meta: [\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1"])
    assert result.exit_code == 1
    assert "  ✗ 08-broken.yaml（输入无法读取）：08-broken.yaml：YAML 格式错误" in result.stdout
    ws = openpyxl.load_workbook(out / SUMMARY_XLSX)["汇总"]
    assert [r[:4] for r in ws.iter_rows(min_row=2, values_only=True)] == [
        (1, "示范县城东街道办事处", "06-street-zero.yaml", "已生成定稿"),
        (2, "示范县长岭镇人民政府", "07-clerk-notes.yaml", "已生成定稿"),
        (3, None, "08-broken.yaml", "输入无法读取"),
    ]
    page = (out / SUMMARY_HTML).read_text(encoding="utf-8")
    assert "<tr class=\"ok\"><td>1</td><td>示范县城东街道办事处</td><td>06-street-zero.yaml</td>" in page
    assert "<tr class=\"input_error\"><td>3</td><td></td><td>08-broken.yaml</td>" in page
    assert "<td>06-street-zero</td>" not in page  # the file's stem is no unit's name


def test_llm_retry_lines_name_the_unit(tmp_path, monkeypatch, caplog):
    """In a batch, "一、总体情况：模型接口返回错误（500）" alone does not say whose section it is: the unit comes first."""
    import logging

    from assistant.batch.work import draft_unit
    from assistant.readers.inputfile import load_report
    from tests.fake_llm_server import fake_llm_server
    from tests.scripted_model import Writer

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "第1镇.yaml").write_text(dump_report(township(1)), encoding="utf-8")
    writer = Writer([load_report(p) for p in folder.glob("*.yaml")])
    seen: set[str] = set()

    def first_time_500(body):
        prompt = body["messages"][-1]["content"]
        if prompt not in seen:
            seen.add(prompt)
            return {"status": 500, "headers": {"Retry-After": "0"}, "message": "internal error"}
        return writer(body)

    with fake_llm_server(first_time_500) as (url, _log):
        for name, value in {"NIANBAO_LLM_BASE_URL": url, "NIANBAO_LLM_MODEL": "fake", "NIANBAO_LLM_API_KEY": "k",
                            "NIANBAO_LLM_RETRIES": "1", "NIANBAO_TEST_LOOPBACK_ONLY": "1",
                            "NIANBAO_CACHE_DIR": str(tmp_path / "cache")}.items():
            monkeypatch.setenv(name, value)
        [job] = discover([folder], tmp_path / "out")
        with caplog.at_level(logging.WARNING, logger="assistant.drafting.llm"):
            draft_unit(job, tmp_path / "out", "llm")
    lines = {r.getMessage() for r in caplog.records if r.name == "assistant.drafting.llm"}
    assert "第1镇 一、总体情况：模型接口返回错误（500），0.0 秒后重试" in lines
    assert not any(line.startswith("一、") for line in lines)


def test_an_interrupted_batch_counts_the_units_finished(tmp_path, monkeypatch):
    """Bug: after Ctrl-C the bar showed 0/200 though 12 units were done: a worker returns its chunk of units at once,
    so units it had finished were not yet counted. Now the units whose manifest this run wrote count too."""
    from assistant.batch.work import run_unit

    def interrupted(jobs, outdir, *_args, **_kwargs):
        for job in jobs[:2]:  # finished by a worker whose chunk had not come back
            run_unit(job, outdir)
        raise KeyboardInterrupt  # Ctrl-C
        yield

    monkeypatch.setattr("assistant.batch.iter_results", interrupted)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in (1, 2, 3):
        (folder / f"第{i}镇.yaml").write_text(dump_report(township(i)), encoding="utf-8")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 130
    bar, message = result.stderr.rstrip("\n").split("\n")
    assert re.match(r"批量起草 [━╸ ]+ 2/3 失败 0 剩余", bar), bar
    assert message == "已中断。已完成 2 个单位（共 3 个），它们不受影响，可加 --resume 续跑。"


def test_every_column_of_the_summary_workbook_has_a_header(tmp_path):
    """Bug: 汇总.xlsx had 11 header names over 12 data columns: the second file link (.findings.json) had none."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "第1镇.yaml").write_text(dump_report(township(1)), encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1"]).exit_code == 0
    ws = openpyxl.load_workbook(out / SUMMARY_XLSX)["汇总"]
    header, row = ([c.value for c in r] for r in ws.iter_rows(max_row=2))
    assert header == ["序号", "单位", "来源", "状态", "本次", "错误", "警告", "机关名称·错误", "机关名称·警告", "首个错误",
                      "文件1", "文件2"]
    assert [c.hyperlink.target.split("/")[-1] for c in ws[2] if c.hyperlink] == [
        "示范县第1镇人民政府2024年政府信息公开工作年度报告.docx",
        "示范县第1镇人民政府2024年政府信息公开工作年度报告.findings.json"]
    assert len(row) == len(header)


def test_a_workbook_s_input_errors_are_reported_all_at_once(tmp_path):
    """Bug: a workbook with a wrong 机关类型 and two unreadable cells reported the cells only; the 机关类型 came on
    the next run, after the cells were fixed."""
    from assistant.workbook.layout import unit_layout

    wb = unit_workbook(2021, township(1))
    kind = unit_layout(2021).values["meta.organ_kind"]
    wb[kind.sheet].cell(kind.row, kind.col).value = "村委会"
    wb["表三"]["D7"] = "一"
    wb["表三"]["E8"] = -3
    folder = tmp_path / "in"
    folder.mkdir()
    wb.save(folder / "坏镇.xlsx")
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(folder), "-o", str(out), "-j", "1"]).exit_code == 1
    assert (out / "坏镇" / "输入错误.txt").read_text(encoding="utf-8").splitlines() == [
        "坏镇.xlsx 表三 D7（（一）予以公开「自然人」）：应为非负整数，实为“一”",
        "坏镇.xlsx 表三 E8（（二）部分公开（区分处理的，只计这一情形，不计其他情形）「商业企业」）：应为非负整数，实为-3",
        "坏镇.xlsx 基本信息 B3（机关类型）：应为以下之一：乡镇、街道、县级人民政府、设区的市人民政府、省级人民政府、部门、其他，"
        "实为 “村委会”",
    ]
