"""Command line: thin wrappers around the functions in ``assistant``; no logic of its own."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from assistant import __version__
from assistant.errors import InputError
from assistant.model import CATEGORY_LABELS, SEVERITY_LABELS, Document, Finding

app = typer.Typer(no_args_is_help=True, add_completion=False, help="年报助手：政府信息公开工作年度报告的起草与校核")
console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        print(f"nianbao {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本")] = False,
) -> None:
    """年报助手。"""


def fail_input(exc: InputError) -> None:
    """Bad input: a Chinese message on stderr and exit 2, never a traceback."""
    err_console.print(f"[bold red]无法读取：[/]{exc}", markup=True, highlight=False)
    raise typer.Exit(2)


def print_findings(doc: Document, findings: list[Finding], as_json: bool) -> None:
    from assistant.render.findings import findings_json_text, findings_text

    if as_json:
        sys.stdout.write(findings_json_text(doc, findings) + "\n")
    else:
        sys.stdout.write(findings_text(doc, findings) + "\n")


def exit_for(findings: list[Finding]) -> None:
    from assistant.render.findings import has_errors

    raise typer.Exit(1 if has_errors(findings) else 0)


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="输入文件（YAML 或 JSON）")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """校核输入文件中的表格数字（勾稽关系、合理性、格式）。有错误时退出码为 1。"""
    from assistant.pipeline import check_figures
    from assistant.readers.inputfile import load_report

    try:
        report = load_report(file)
    except InputError as exc:
        fail_input(exc)
    doc = Document(report=report, source=str(file))
    findings = check_figures(doc)
    print_findings(doc, findings, as_json)
    exit_for(findings)


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="输入文件（YAML 或 JSON，含 narrative 正文）")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """校核报告：表格数字与正文（年份、机关名称、结构、格式、文字、正文与表格是否一致）。有错误时退出码为 1。"""
    from assistant.pipeline import check_document
    from assistant.readers import load_document

    try:
        doc = load_document(file)
    except InputError as exc:
        fail_input(exc)
    findings = check_document(doc)
    print_findings(doc, findings, as_json)
    exit_for(findings)


@app.command("rules")
def list_rules() -> None:
    """列出全部校核规则（编号、类别、严重程度、说明）。"""
    from assistant.rules import all_rules

    table = Table("编号", "类别", "严重程度", "范围", "说明")
    table.columns[-1].overflow = "fold"  # wrap long Chinese descriptions instead of cutting them with "…"
    scopes = {"figures": "表格", "text": "正文", "cross_year": "跨年度"}
    for r in all_rules():
        table.add_row(r.id, CATEGORY_LABELS[r.category], SEVERITY_LABELS[r.severity], scopes.get(r.scope, r.scope),
                      r.description)
    console.print(table)
    console.print(f"共 {len(all_rules())} 条规则")


@app.command()
def schema() -> None:
    """打印输入文件的 JSON Schema。"""
    from assistant.schema import schema_text

    sys.stdout.write(schema_text())


@app.command()
def ui(
    host: Annotated[str, typer.Option(help="监听地址；非本机地址时必须设置 NIANBAO_USERS 登录")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option(help="端口（缺省自动选择 7860 起的空闲端口）")] = None,
    workspace: Annotated[Path | None, typer.Option(help="工作区目录（缺省 NIANBAO_WORKSPACE 或 ./workspace）")] = None,
) -> None:
    """启动网页界面（填写表格、起草、对话修改、复核问题、导出、批量）。"""
    from assistant.ui.server import serve

    try:
        serve(host, port, workspace)
    except InputError as exc:
        fail_input(exc)


@app.command()
def draft(
    file: Annotated[Path, typer.Argument(help="输入文件（YAML 或 JSON）")],
    outdir: Annotated[Path, typer.Option("--out", "-o", help="输出目录")] = Path("out"),
    drafter: Annotated[str, typer.Option("--drafter", help="起草方式：template（离线模板，缺省）或 llm（语言模型）")] = "template",
    review_copy: Annotated[bool, typer.Option("--review-copy", help="另存一份带批注的审阅稿（每个问题一条批注）")] = False,
    allow_errors: Annotated[bool, typer.Option("--allow-errors", help="有错误时仍输出文档（文件名带“-草稿”，并附审阅稿）")] = False,
) -> None:
    """起草整份年报并校核，按公文格式输出 Word 文档和问题清单（.findings.json）。

    有错误时不输出正式文档、退出码为 1；加 --allow-errors 则输出“-草稿”和审阅稿。
    """
    from assistant.pipeline import draft_report, write_outputs
    from assistant.readers.inputfile import load_report
    from assistant.render.findings import findings_text, has_errors, summary_line

    try:
        report = load_report(file)
        doc, findings = draft_report(report, drafter)
    except InputError as exc:
        fail_input(exc)
    doc.source = str(file)
    try:
        paths = write_outputs(doc, findings, outdir, allow_errors=allow_errors, review_copy=review_copy)
    except OSError as exc:
        err_console.print(f"[bold red]无法写入输出目录 {outdir}：[/]{exc.strerror or exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    blocked = has_errors(findings) and not allow_errors
    problems = [f for f in findings if f.status != "not_assessable" and f.severity in ("error", "warning")]
    if problems:
        sys.stdout.write(findings_text(doc, problems).rsplit("\n", 1)[0] + "\n")
    for path in paths:
        sys.stdout.write(f"已写出：{path}\n")
    sys.stdout.write(f"校核结果：{summary_line(findings)}\n")
    if blocked:
        sys.stdout.write("存在错误，未输出正式文档。请修改输入后重试，或加 --allow-errors 输出草稿和审阅稿。\n")
        raise typer.Exit(1)
