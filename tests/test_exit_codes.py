"""Exit codes: one test per row of the README's table (command × situation → code), and the table has no other rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from assistant.cli import app
from assistant.readers.inputfile import load_report
from tests import pdf_files
from tests.conftest import EXAMPLES, ROOT, completed_zhuting_data
from tests.fake_llm_server import fake_llm_server
from tests.scripted_model import Writer

runner = CliRunner()
ZHUTING = EXAMPLES / "zhuting-2020.yaml"
SAMPLE = EXAMPLES / "sample-town-2024.yaml"
CORPUS_REPORT = ROOT / "tests" / "fixtures" / "corpus" / "001_pingtan_2019.txt"


def run(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def broken(tmp_path: Path, name: str = "broken.yaml") -> Path:
    """Zhuting with （七）总计 2 where 1 application was handled: an arithmetic error."""
    data = yaml.safe_load(ZHUTING.read_text(encoding="utf-8"))
    data["tables"]["t3"]["result_total"]["total"] = 2
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def readme_rows() -> list[tuple[str, str, int]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### 退出码", 1)[1].split("\n### ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[2].isdigit():
            rows.append((cells[0], cells[1], int(cells[2])))
    return rows


# --- one function per row: it runs the situation and returns the exit code (asserting what else the row says) ---


def usage_errors(tmp_path: Path) -> int:
    codes = {run("draft", str(ZHUTING), "--bogus").exit_code, run("draft").exit_code, run("drat").exit_code,
             run("batch", str(EXAMPLES), "-o", str(tmp_path), "-j", "0").exit_code,
             run("template", str(tmp_path / "t.xlsx"), "--year", "abc").exit_code}
    assert len(codes) == 1
    return codes.pop()


def unexpected_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    import assistant.readers.inputfile

    def broken_reader(_path: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(assistant.readers.inputfile, "load_report", broken_reader)
    monkeypatch.delenv("NIANBAO_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        app(["validate", str(ZHUTING)])  # as the console script calls it: the guard is in app()
    return int(exit_.value.code or 0)


def draft_ok(tmp_path: Path) -> int:
    result = run("draft", str(completed(tmp_path)), "-o", str(tmp_path))
    assert len(list(tmp_path.glob("*报告.docx"))) == 1
    return result.exit_code


def draft_errors(tmp_path: Path) -> int:
    result = run("draft", str(broken(tmp_path)), "-o", str(tmp_path / "out"))
    assert [p.suffix for p in (tmp_path / "out").iterdir()] == [".json"]
    return result.exit_code


def draft_allow_errors(tmp_path: Path) -> int:
    result = run("draft", str(broken(tmp_path)), "-o", str(tmp_path / "out"), "--allow-errors")
    assert sorted(p.name.split("报告")[1] for p in (tmp_path / "out").iterdir()) == [
        "-草稿-审阅稿.docx", "-草稿.docx", ".findings.json"]
    return result.exit_code


def draft_unreadable(tmp_path: Path) -> int:
    codes = {run("draft", str(tmp_path / "none.yaml"), "-o", str(tmp_path)).exit_code,
             run("draft", str(ZHUTING), "-o", str(tmp_path), "--drafter", "x").exit_code}
    assert len(codes) == 1
    return codes.pop()


def draft_unwritable(tmp_path: Path) -> int:
    not_a_folder = tmp_path / "out"
    not_a_folder.write_text("a file where the output folder should be", encoding="utf-8")
    result = run("draft", str(ZHUTING), "-o", str(not_a_folder))
    assert "无法写入" in result.output and "Traceback" not in result.output
    return result.exit_code


def validate_ok(tmp_path: Path) -> int:
    result = run("validate", str(ZHUTING))
    assert "警告 1 项" in result.stdout
    return result.exit_code


def validate_errors(tmp_path: Path) -> int:
    return run("validate", str(broken(tmp_path))).exit_code


def validate_unreadable(tmp_path: Path) -> int:
    return run("validate", str(tmp_path / "none.yaml")).exit_code


def check_ok(tmp_path: Path) -> int:
    return run("check", str(SAMPLE)).exit_code


def check_errors(tmp_path: Path) -> int:
    return run("check", str(broken(tmp_path))).exit_code


def check_unreadable(tmp_path: Path) -> int:
    codes = {run("check", str(tmp_path / "none.yaml")).exit_code,
             run("check", str(SAMPLE), "--previous", str(tmp_path / "none.docx")).exit_code}
    assert len(codes) == 1
    return codes.pop()


def check_unreadable_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on: no network needed
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/report.html"
    monkeypatch.delenv("NIANBAO_ALLOW_PRIVATE_URLS", raising=False)
    refused = run("check", closed)
    assert "内网或本机地址" in refused.output
    wrong_scheme = run("check", "ftp://example.gov.cn/report.pdf")
    assert "只能读取 http:// 或 https:// 网址" in wrong_scheme.output
    monkeypatch.setenv("NIANBAO_ALLOW_PRIVATE_URLS", "1")
    unreachable = run("check", closed)
    assert "无法读取" in unreachable.output and "Traceback" not in unreachable.output
    codes = {refused.exit_code, wrong_scheme.exit_code, unreachable.exit_code}
    assert len(codes) == 1
    return codes.pop()


def check_unreadable_pdf(tmp_path: Path) -> int:
    scanned, encrypted, torn = tmp_path / "扫描件.pdf", tmp_path / "加密.pdf", tmp_path / "损坏.pdf"
    scanned.write_bytes(pdf_files.scanned_pdf(pages=1))
    encrypted.write_bytes(pdf_files.encrypted_pdf())
    torn.write_bytes(b"%PDF-1.4\n" + b"\x00" * 64)
    results = [run("check", str(p)) for p in (scanned, encrypted, torn)]
    assert "没有文字层" in results[0].output and "已加密" in results[1].output
    codes = {r.exit_code for r in results}
    assert len(codes) == 1
    return codes.pop()


def import_ok(tmp_path: Path) -> int:
    result = run("import", str(CORPUS_REPORT), "-o", str(tmp_path / "in.yaml"))
    assert (tmp_path / "in.yaml").exists()
    return result.exit_code


def import_unreadable(tmp_path: Path) -> int:
    return run("import", str(tmp_path / "none.docx"), "-o", str(tmp_path / "in.yaml")).exit_code


def import_would_overwrite(tmp_path: Path) -> int:
    target = tmp_path / "in.yaml"
    target.write_text("meta: {}\n", encoding="utf-8")
    result = run("import", str(CORPUS_REPORT), "-o", str(target))
    assert target.read_text(encoding="utf-8") == "meta: {}\n"
    return result.exit_code


def template_ok(tmp_path: Path) -> int:
    result = run("template", str(tmp_path / "t.xlsx"))
    assert (tmp_path / "t.xlsx").exists()
    return result.exit_code


def template_bad_choice(tmp_path: Path) -> int:
    codes = {run("template", str(tmp_path / "t.xlsx"), "--format", "2020").exit_code,
             run("template", str(tmp_path / "t.xlsx"), "--shape", "tall").exit_code,
             run("template", str(tmp_path / "t.xlsx"), "--year", "1990").exit_code}
    assert len(codes) == 1
    return codes.pop()


def completed(tmp_path: Path) -> Path:
    """竹亭镇 with the facts its staff would add before publishing: an input that drafts a final document."""
    path = tmp_path / "zhuting-completed.yaml"
    path.write_text(yaml.safe_dump(completed_zhuting_data(), allow_unicode=True), encoding="utf-8")
    return path


def batch_ok(tmp_path: Path) -> int:
    return run("batch", str(completed(tmp_path)), str(SAMPLE), "-o", str(tmp_path / "out"), "-j", "1").exit_code


def batch_not_all_final(tmp_path: Path) -> int:
    return run("batch", str(ZHUTING), str(broken(tmp_path)), "-o", str(tmp_path / "out"), "-j", "1").exit_code


def batch_missing(tmp_path: Path) -> int:
    return run("batch", str(tmp_path / "nope"), "-o", str(tmp_path / "out")).exit_code


def batch_interrupted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # what Ctrl-C raises in the main process while the units run

    monkeypatch.setattr("assistant.batch.run_batch", interrupted)
    result = run("batch", str(ZHUTING), "-o", str(tmp_path / "out"))
    assert "已中断" in result.output
    return result.exit_code


def always_ok(tmp_path: Path) -> int:
    codes = {run("rules").exit_code, run("schema").exit_code, run("--version").exit_code}
    assert len(codes) == 1
    return codes.pop()


def rules_unknown_id(tmp_path: Path) -> int:
    assert run("rules", "--id", "C3").exit_code == 0
    result = run("rules", "--id", "ZZ9")
    assert "没有编号为“ZZ9”的规则" in result.output
    return result.exit_code


def config_ok(tmp_path: Path) -> int:
    return run("config").exit_code


def config_bad(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("NIANBAO_LLM_TIMEOUT", "-5")
    bad_timeout = run("config").exit_code
    monkeypatch.delenv("NIANBAO_LLM_TIMEOUT")
    monkeypatch.setenv("NIANBAO_LLM_PROVIDER", "foo")  # an unknown service is as wrong as a bad number
    bad_provider = run("config").exit_code
    assert bad_timeout == bad_provider
    return bad_provider


def _eval_with_model(monkeypatch: pytest.MonkeyPatch, files: list[Path]) -> int:
    monkeypatch.setenv("NIANBAO_LLM_MODEL", "fake-model")
    monkeypatch.setenv("NIANBAO_LLM_RETRIES", "0")
    with fake_llm_server(Writer([load_report(p) for p in files])) as (url, _log):
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", url)
        return run("eval", "drafting", *map(str, files)).exit_code


def eval_ok(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    return _eval_with_model(monkeypatch, [SAMPLE])


def eval_errors_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    # A note copied from a street office's report: the text of that aspect keeps an organ error (O1) whoever drafts.
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    # (全年 first: the drafter writes no 我镇 before a clause that starts with a time.)
    data["notes"]["proactive"] = ["全年本街道主动公开信息55条"]
    copied = tmp_path / "copied.yaml"
    copied.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return _eval_with_model(monkeypatch, [copied])


def eval_no_model(tmp_path: Path) -> int:
    return run("eval", "drafting").exit_code


def ui_public_without_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.delenv("NIANBAO_USERS", raising=False)
    result = run("ui", "--host", "0.0.0.0", "--workspace", str(tmp_path / "ws"))
    assert "NIANBAO_USERS" in result.output
    return result.exit_code


CASES: dict[tuple[str, str], Callable[..., int]] = {
    ("任一命令", "命令、选项或参数用错（未知选项、缺少参数、取值无效）"): usage_errors,
    ("任一命令", "意外的程序错误（中文说明，不显示程序细节）"): unexpected_failure,
    ("`draft`", "没有错误：写出正式文档"): draft_ok,
    ("`draft`", "有错误：不输出正式文档，只写问题清单"): draft_errors,
    ("`draft --allow-errors`", "有错误：写出“-草稿”和审阅稿"): draft_allow_errors,
    ("`draft`", "输入无法读取，或起草方式未知"): draft_unreadable,
    ("`draft`", "输出目录无法写入"): draft_unwritable,
    ("`validate`", "没有错误（可以有警告）"): validate_ok,
    ("`validate`", "有错误"): validate_errors,
    ("`validate`", "输入无法读取"): validate_unreadable,
    ("`check`", "没有错误"): check_ok,
    ("`check`", "有错误"): check_errors,
    ("`check`", "报告或 `--previous` 无法读取"): check_unreadable,
    ("`check`", "网址无法读取（只能读 http/https；内网或本机地址默认拒绝；连接不上或超时）"): check_unreadable_address,
    ("`check`", "PDF 无法读取（扫描件、加密或损坏）"): check_unreadable_pdf,
    ("`import`", "写出输入文件"): import_ok,
    ("`import`", "报告无法读取"): import_unreadable,
    ("`import`", "输出文件已存在且内容不同（不覆盖）"): import_would_overwrite,
    ("`template`", "写出工作簿"): template_ok,
    ("`template`", "`--format`、`--shape` 或 `--year` 取值不对"): template_bad_choice,
    ("`batch`", "全部单位生成正式文档"): batch_ok,
    ("`batch`", "有单位没有生成正式文档（输入有误或有错误）"): batch_not_all_final,
    ("`batch`", "输入不存在"): batch_missing,
    ("`batch`", "被中断（Ctrl-C）"): batch_interrupted,
    ("`rules`、`schema`、`--version`", "总是"): always_ok,
    ("`rules --id`", "没有这一编号的规则"): rules_unknown_id,
    ("`config`", "显示设置"): config_ok,
    ("`config`", "环境变量设置有误"): config_bad,
    ("`eval drafting`", "没有剩余错误"): eval_ok,
    ("`eval drafting`", "有剩余错误"): eval_errors_left,
    ("`eval drafting`", "未配置语言模型"): eval_no_model,
    ("`ui`", "监听非本机地址而未设置 `NIANBAO_USERS`"): ui_public_without_users,
}


def test_every_row_of_the_readme_table_has_a_test() -> None:
    assert [(command, situation) for command, situation, _code in readme_rows()] == list(CASES)


@pytest.mark.usefixtures("loopback_model_env")
@pytest.mark.parametrize(("command", "situation", "code"), readme_rows(),
                         ids=[re.sub(r"\W+", "-", f"{c}-{s}") for c, s, _ in readme_rows()])
def test_exit_code(command: str, situation: str, code: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES[(command, situation)]
    kwargs = {"monkeypatch": monkeypatch} if "monkeypatch" in case.__code__.co_varnames else {}
    assert case(tmp_path, **kwargs) == code
