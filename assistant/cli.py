"""Command line: thin wrappers around the functions in ``assistant``; no logic of its own.

Start-up is part of the product (``make bench``): this module imports only typer; each command imports what it uses
(pydantic models, rules, rich, python-docx, gradio, the model clients). The ``nianbao`` command starts in
:mod:`assistant.entry`, which runs ``check`` and ``--version`` without building this app.
"""

from __future__ import annotations

import errno
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from assistant.cli_text import ChineseCommand, ChineseGroup, refuse_other_arguments
from assistant.entry import console, print_failure, print_findings, run_check, unexpected_failure_code, version_line
from assistant.errors import InputError, ModelNotConfigured, SetupError
from assistant.readers import INPUT_SUFFIXES, REPORT_SUFFIXES, WEB_ADDRESS  # light: no pydantic models at import

if TYPE_CHECKING:
    from assistant.model import Document, Finding


class _Guarded(typer.Typer):
    """No traceback reaches a user: an unexpected failure ends with a Chinese line and exit 2
    (``NIANBAO_DEBUG=1`` shows the traceback)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            sys.exit(unexpected_failure_code(exc))


app = _Guarded(cls=ChineseGroup, no_args_is_help=True, add_completion=False,
               help="年报助手：政府信息公开工作年度报告的起草与校核")


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        refuse_other_arguments(ctx, "--version")
        print(version_line())
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, metavar="",
                                          help="显示版本")] = False,
) -> None:
    """年报助手。"""


def fail_input(exc: InputError, prefix: str | None = None, without_model: str = "") -> NoReturn:
    """Bad input: a Chinese message on stderr and exit 2, never a traceback. An input that could not be read begins
    "无法读取："; what is not set up (a wrong setting, no model configured: SetupError) "无法完成：".
    ``without_model``: what the user of this command can do when no language model is configured."""
    if prefix is None:
        prefix = "无法完成：" if isinstance(exc, SetupError) else "无法读取："
    print_failure(prefix, str(exc) + (without_model if isinstance(exc, ModelNotConfigured) else ""))
    raise typer.Exit(2)


def fail_write(target: Path, exc: OSError) -> NoReturn:
    """An output that can't be written: a Chinese message on stderr and exit 2."""
    from assistant.errors import os_reason

    console(stderr=True).print(f"[bold red]无法写入 {target}：[/]{os_reason(exc)}", markup=True, highlight=False)
    raise typer.Exit(2) from None


def print_findings_and_exit(doc: Document, findings: list[Finding], as_json: bool) -> NoReturn:
    """Print the findings (text or JSON) and exit 1 when any is an error, else 0."""
    raise typer.Exit(print_findings(doc, findings, as_json))


# Arguments and options: metavars and help in Chinese, short enough for an 80-column terminal.
InputFile = Annotated[Path, typer.Argument(metavar="输入文件", help="YAML 或 JSON")]
AsJson = Annotated[bool, typer.Option("--json", metavar="", help="以 JSON 输出")]


def _drafter(value: str) -> str:
    from assistant.drafting import DRAFTERS

    if value not in DRAFTERS:
        raise typer.BadParameter(f"应为 {' 或 '.join(DRAFTERS)}，实为“{value}”")
    return value


Drafter = Annotated[str, typer.Option("--drafter", metavar="方式", callback=_drafter,
                                      help="template（模板）或 llm（语言模型）")]
WITHOUT_MODEL_DRAFT = "，或改用 --drafter template（模板起草）"
ReviewCopy = Annotated[bool, typer.Option("--review-copy", metavar="", help="另存带批注的审阅稿")]
WithProvenance = Annotated[bool, typer.Option("--provenance", metavar="", help="在 Word 文档属性中记录起草来源")]


@app.command(cls=ChineseCommand, short_help="校核输入文件中的表格数字")
def validate(file: InputFile, as_json: AsJson = False) -> None:
    """校核输入文件中的表格数字（勾稽关系、合理性、格式）。

    退出码：0 无错误；1 有错误；2 输入无法读取。
    """
    from assistant.model import Document
    from assistant.pipeline import check_figures
    from assistant.readers.inputfile import load_report

    try:
        report = load_report(file)
    except InputError as exc:
        fail_input(exc)
    doc = Document(report=report, source=str(file))
    print_findings_and_exit(doc, check_figures(doc), as_json)


@app.command(cls=ChineseCommand, short_help="校核一份报告：表格、正文、跨年度")
def check(
    file: Annotated[str, typer.Argument(metavar="报告", help=f"输入文件（{' '.join(INPUT_SUFFIXES)}）、已有报告"
                                                            f"（{' '.join(REPORT_SUFFIXES)}）或{WEB_ADDRESS}")],
    previous: Annotated[str | None, typer.Option("--previous", metavar="上年报告", help="用于跨年度比对（格式同上）")] = None,
    as_json: AsJson = False,
) -> None:
    """校核报告：表格数字；正文（年份、机关、结构、格式、文字、与表格是否一致）；给出 --previous 时再做跨年度比对。

    输出开头说明检查了哪些范围，没有检查的也说明原因（如输入中没有正文）。

    退出码：0 无错误；1 有错误；2 输入无法读取。
    """
    raise typer.Exit(run_check(file, previous, as_json))


@app.command("import", cls=ChineseCommand, short_help="把已有报告读成输入文件")
def import_report(
    file: Annotated[str, typer.Argument(metavar="报告", help=f"已有报告（{' '.join(REPORT_SUFFIXES)}）或{WEB_ADDRESS}")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="文件", help="写出的输入文件（YAML）")],
    next_year: Annotated[bool, typer.Option("--next-year", metavar="", help="预填下一年度")] = False,
) -> None:
    """把已有报告读成输入文件；加 --next-year 则预填下一年度的输入文件（上年结转、机关信息、可参考的情况说明）。

    退出码：0 已写出；2 报告无法读取或文件无法写入。
    """
    from assistant.atomic import atomic_write_text
    from assistant.readers import load_document
    from assistant.readers.prefill import import_header, imported_report, input_file_text, next_year_report

    try:
        doc = load_document(file)
    except InputError as exc:
        fail_input(exc)
    report = next_year_report(doc) if next_year else imported_report(doc)
    text = input_file_text(report, import_header(doc, report, next_year))
    try:
        if output.exists() and output.read_text(encoding="utf-8", errors="replace") != text:
            # an input file already there may hold figures and notes typed since: never written over
            raise FileExistsError(errno.EEXIST, "已存在，未覆盖（其中可能已填写了数字或情况说明）；请换一个文件名，或先移走它")
        atomic_write_text(output, text)
    except OSError as exc:
        fail_write(output, exc)
    sys.stdout.write(f"已写出：{output}（{report.meta.organ_name} {report.meta.year}年度）\n")


@app.command("rules", cls=ChineseCommand, short_help="列出全部校核规则，或一条规则的示例")
def list_rules(
    rule_id: Annotated[str | None, typer.Option("--id", metavar="编号", help="只显示这一条规则及其示例，如 C3")] = None,
) -> None:
    """列出全部校核规则（编号、类别、严重程度、范围、说明）；--id 显示一条规则的说明及会报告、不报告的示例。

    退出码：0 已列出；2 没有这一编号的规则。
    """
    from rich.table import Table

    from assistant.model import CATEGORY_LABELS, SCOPE_LABELS, SEVERITY_LABELS, rule_label
    from assistant.rules import all_rules

    if rule_id is not None:
        show_rule(rule_id)
        return

    table = Table("编号", "类别", "严重程度", "范围", "说明")
    table.columns[-1].overflow = "fold"  # wrap long Chinese descriptions instead of cutting them with "…"
    for r in all_rules():
        table.add_row(rule_label(r.id), CATEGORY_LABELS[r.category], SEVERITY_LABELS[r.severity], SCOPE_LABELS[r.scope],
                      r.description)
    out = console()
    out.print(table)
    out.print(f"共 {len(all_rules())} 条规则")


def show_rule(rule_id: str) -> None:
    """One rule's description and its firing and quiet examples (``nianbao rules --id C3``)."""
    from assistant.model import CATEGORY_LABELS, SEVERITY_LABELS, rule_id_of, rule_label
    from assistant.rules import REGISTRY, all_rules
    from assistant.rules.examples import describe, load_examples

    all_rules()
    known = {*REGISTRY, *load_examples()}
    rule_id = next((known_id for known_id in known if known_id.casefold() == rule_id.casefold()), rule_id)  # c3 is C3
    rule_id = rule_id_of(rule_id)  # as findings name it
    examples = load_examples().get(rule_id)
    rule = REGISTRY.get(rule_id)
    if rule is None and examples is None:
        console(stderr=True).print(f"没有编号为“{rule_id}”的规则（nianbao rules 列出全部规则）", highlight=False,
                                   markup=False)
        raise typer.Exit(2)
    out = console()
    if rule is not None:
        out.print(f"{rule_label(rule.id)}（{CATEGORY_LABELS[rule.category]}，{SEVERITY_LABELS[rule.severity]}）：{rule.description}",
                  highlight=False)
    else:
        out.print(f"{rule_label(rule_id)}：起草时报告的问题（不是校核规则）", highlight=False)
    for title, items in (("会报告的示例", examples.firing if examples else ()),
                         ("不报告的示例", examples.quiet if examples else ())):
        out.print(f"{title}：", highlight=False)
        for i, example in enumerate(items, 1):
            out.print(f"  {i}. {describe(example)}", highlight=False, markup=False)


@app.command(cls=ChineseCommand, short_help="打印输入文件的 JSON Schema")
def schema() -> None:
    """打印输入文件的 JSON Schema。"""
    from assistant.schema import schema_text

    sys.stdout.write(schema_text())


@app.command(cls=ChineseCommand, short_help="启动网页界面")
def ui(
    host: Annotated[str, typer.Option(metavar="地址", help="监听地址；非本机须设 NIANBAO_USERS")] = "127.0.0.1",
    port: Annotated[int | None, typer.Option(metavar="端口", help="缺省：7860 起的空闲端口", min=1, max=65535)] = None,
    workspace: Annotated[Path | None, typer.Option(metavar="目录", help="工作区（缺省 ./workspace）")] = None,
) -> None:
    """启动网页界面（填写表格、起草、对话修改、复核问题、导出、批量）。

    工作区缺省为 NIANBAO_WORKSPACE 或 ./workspace。

    退出码：设置有误时为 2。
    """
    from assistant.ui.server import serve

    try:
        serve(host, port, workspace)
    except InputError as exc:
        fail_input(exc, "无法启动网页界面：")


@app.command(cls=ChineseCommand, short_help="起草整份年报，输出 Word 文档和问题清单")
def draft(
    file: InputFile,
    outdir: Annotated[Path, typer.Option("--out", "-o", metavar="目录", help="输出目录")] = Path("out"),
    drafter: Drafter = "template",
    review_copy: ReviewCopy = False,
    allow_errors: Annotated[bool, typer.Option("--allow-errors", metavar="",
                                               help="有错误时仍输出“-草稿”和审阅稿")] = False,
    provenance: WithProvenance = False,
) -> None:
    """起草整份年报并校核，按公文格式输出 Word 文档和问题清单（.findings.json）。

    有错误时不输出正式文档、退出码为 1；加 --allow-errors 则输出“-草稿”和审阅稿。
    输入缺少事实（正文中有“〔待补〕”）时同样不输出正式文档、退出码为 1，并输出“-草稿”和审阅稿。

    起草来源（起草方式、模型、提示词版本、时间）总写入问题清单，加 --provenance 也写入 Word 文档属性。

    退出码：0 已输出正式文档；1 有错误（加 --allow-errors 也是 1）；2 输入无法读取或输出无法写入。
    """
    from assistant.pipeline import draft_report, gaps_only, output_stem, write_outputs
    from assistant.readers.inputfile import load_report
    from assistant.render.findings import findings_text, has_errors, summary_line

    try:
        report = load_report(file)
        doc, findings = draft_report(report, drafter)
    except InputError as exc:
        fail_input(exc, without_model=WITHOUT_MODEL_DRAFT)
    doc.source = str(file)
    try:
        paths = write_outputs(doc, findings, outdir, allow_errors=allow_errors, review_copy=review_copy,
                              provenance=provenance)
    except OSError as exc:
        fail_write(outdir, exc)
    errors = has_errors(findings)
    if doc.draft is not None and doc.draft.provenance.fallbacks:
        from assistant.drafting.llm import describe_fallbacks

        sys.stdout.write("以下部分未采用语言模型的文字，改用模板文本：\n")
        sys.stdout.write("".join(f"  {line}\n" for line in describe_fallbacks(doc.draft)))
    problems = [f for f in findings if f.status != "not_assessable" and f.severity in ("error", "warning")]
    if problems:
        sys.stdout.write(findings_text(doc, problems, summary=False) + "\n")
    for path in paths:
        sys.stdout.write(f"已写出：{path}\n")
    sys.stdout.write(f"校核结果：{summary_line(findings)}\n")
    document = next((p for p in paths if p.suffix == ".docx"), None)
    if document is not None:
        sys.stdout.write(f"请用 Word 或 WPS 打开 {document}；问题清单见 {paths[-1]}\n")
    if errors:
        if gaps_only(findings):
            sys.stdout.write("正文尚有〔待补〕内容（输入缺少的事实），未输出正式文档，已输出“-草稿”和审阅稿。"
                             "请在输入文件中补全后重新起草。\n")
        elif allow_errors:
            sys.stdout.write("存在错误：已输出草稿和审阅稿（请勿印发），改正后重新起草才有正式文档。\n")
        else:
            sys.stdout.write("存在错误，未输出正式文档。请修改输入后重试，或加 --allow-errors 输出草稿和审阅稿。\n")
        from assistant.pipeline import REVIEW_MARK

        stem = output_stem(report)
        for stale in (outdir / f"{stem}.docx", outdir / f"{stem}{REVIEW_MARK}.docx"):
            if stale.exists() and stale not in paths:
                sys.stdout.write(f"注意：{stale} 是此前生成的，不是本次结果。\n")
    raise typer.Exit(1 if errors else 0)


@app.command(cls=ChineseCommand, short_help="生成供填报的 Excel 工作簿")
def template(
    out: Annotated[Path, typer.Argument(metavar="输出", help="工作簿（.xlsx）；按单位分册时为目录")],
    format_version: Annotated[int | None, typer.Option("--format", metavar="年版",
                                                       help="表格格式的年版（如 2021；缺省为最新格式）")] = None,
    units: Annotated[Path | None, typer.Option("--units", metavar="名单", help="文本文件，每行一个单位")] = None,
    shape: Annotated[str | None, typer.Option("--shape", metavar="形式", help="unit 或 wide，见上")] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="年度", help="预填的报告年度")] = None,
) -> None:
    """生成供填报的 Excel 工作簿（Excel、WPS 均可填写），填好后用 nianbao batch 批量起草。

    形式（--shape）：unit 每个单位一个工作簿（同官方表格）；wide 一张“汇总”表，每行一个单位（有名单时的缺省）。

    退出码：0 已写出；2 参数有误、名单无法读取或文件无法写入。
    """
    from assistant.errors import year_range
    from assistant.formats import current_format, known_versions, versions_text
    from assistant.model import MAX_YEAR, MIN_YEAR
    from assistant.workbook.write import read_units_list, template_paths, write_templates

    if format_version is None:
        format_version = current_format().version
    elif format_version not in known_versions():
        raise typer.BadParameter(f"应为 {versions_text()}，实为 {format_version}", param_hint="--format")
    if shape not in (None, "unit", "wide"):
        raise typer.BadParameter(f"应为 unit 或 wide，实为“{shape}”", param_hint="--shape")
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise typer.BadParameter(f"应为{year_range()}之间的年度，实为 {year}", param_hint="--year")
    try:
        names = read_units_list(units) if units else []
        existing = [path for path in template_paths(out, names, shape) if path.exists()]
        if existing:  # a workbook already there may hold a unit's figures: never written over
            raise FileExistsError(errno.EEXIST, "已存在，未覆盖（其中可能已填写了数字）；请换一个文件名或输出目录，或先移走"
                                  + "、".join(path.name for path in existing))
        paths = write_templates(out, format_version, names, shape, year)
    except InputError as exc:
        fail_input(exc)
    except OSError as exc:
        fail_write(out, exc)
    for path in paths:
        sys.stdout.write(f"已写出：{path}\n")


def _concurrency(value: int | None) -> int | None:
    if value is not None and not 1 <= value <= 64:
        raise typer.BadParameter(f"应为 1 到 64 之间的整数，实为 {value}")
    return value


@app.command(cls=ChineseCommand, short_help="批量起草多个单位，生成汇总")
def batch(
    inputs: Annotated[list[Path], typer.Argument(metavar="输入", help=f"工作簿、输入文件（{' '.join(INPUT_SUFFIXES)}）或其所在目录")],
    outdir: Annotated[Path, typer.Option("-o", "--outdir", metavar="目录", help="输出目录（每单位一个子目录）")],
    drafter: Drafter = "template",
    concurrency: Annotated[int | None, typer.Option("--concurrency", "-j", metavar="N", callback=_concurrency,
                                                    help="同时处理的单位数（1–64）")] = None,
    resume: Annotated[bool, typer.Option("--resume", metavar="", help="跳过输入和输出都未变的单位")] = False,
    review_copy: ReviewCopy = False,
    provenance: WithProvenance = False,
) -> None:
    """批量起草：逐个单位校核、起草、复核、排版，输出 Word 文档与问题清单，并生成 汇总.xlsx 和 汇总.html。

    同时处理的单位数缺省：template 为 CPU 核数，llm 为 8。

    退出码：0 全部生成正式文档；1 有单位未生成；2 输入无法读取；130 被中断（已完成的单位不受影响，可加 --resume 续跑）。
    """

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from assistant.batch import BatchInterrupted, run_batch
    from assistant.batch.pool import default_concurrency
    from assistant.batch.summary import summary_text
    from assistant.batch.work import UnitResult

    workers = concurrency or default_concurrency(drafter)
    err_console = console(stderr=True)
    progress = Progress(TextColumn("批量起草"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("失败 {task.fields[failed]}"), TextColumn("剩余"), TimeRemainingColumn(),
                        console=err_console, auto_refresh=False)  # no refresh thread: workers are forked
    task = progress.add_task("batch", total=None, failed=0)
    failed = 0

    def started(total: int) -> None:
        progress.update(task, total=total)
        progress.start()
        progress.refresh()

    def finished(result: UnitResult) -> None:
        nonlocal failed
        failed += not result.done
        progress.update(task, advance=1, failed=failed)
        progress.refresh()

    def stop() -> None:
        if progress.live.is_started:  # stopping one never started would print an empty line before the message
            progress.stop()

    try:
        summary = run_batch(inputs, outdir, drafter, workers, resume, review_copy, on_result=finished,
                            on_start=started, provenance=provenance)
    except InputError as exc:
        stop()
        fail_input(exc, without_model=WITHOUT_MODEL_DRAFT)
    except KeyboardInterrupt as exc:
        done = "已完成的单位不受影响"
        if isinstance(exc, BatchInterrupted):  # the units finished by then, though some had not been reported yet
            progress.update(task, completed=exc.finished)
            done = f"已完成 {exc.finished} 个单位（共 {exc.total} 个），它们不受影响"
        stop()
        err_console.print(f"已中断。{done}，可加 --resume 续跑。", highlight=False)
        raise typer.Exit(130) from None
    progress.stop()
    sys.stdout.write(summary_text(summary) + "\n")
    raise typer.Exit(0 if summary.ok else 1)


@app.command("config", cls=ChineseCommand, short_help="显示语言模型设置（Key 已隐去）")
def show_config() -> None:
    """显示当前生效的语言模型设置（来自环境变量；API Key 已隐去）。设置有误时退出码为 2。"""
    from rich.table import Table

    from assistant.config import load_settings
    from assistant.drafting.llm import prompt_hash

    try:
        settings = load_settings()
    except InputError as exc:
        fail_input(exc)
    table = Table("环境变量", "设置", "当前值")
    rows = settings.shown()
    for column in table.columns:  # a narrow terminal wraps every cell, never cuts one with "…"
        column.overflow = "fold"
    table.columns[0].width = max(len(env) for env, _, _ in rows)  # a variable's name is copied: kept on one line
    for env, name, value in rows:
        table.add_row(env, name, value)
    out = console()
    out.print(table)
    state = "已配置，可用 --drafter llm 起草" if settings.configured else "未配置模型，起草时使用模板（--drafter template）"
    out.print(f"语言模型：{state}；提示词版本：{prompt_hash()}", highlight=False)


eval_app = typer.Typer(cls=ChineseGroup, no_args_is_help=True, help="评测")
app.add_typer(eval_app, name="eval", short_help="评测（用模型起草全部示例）")


@eval_app.command("drafting", cls=ChineseCommand, short_help="用当前配置的模型起草各例子并统计")
def eval_drafting(
    files: Annotated[list[Path] | None, typer.Argument(metavar="输入文件", help="缺省为 examples/ 下全部例子")] = None,
) -> None:
    """用当前配置的语言模型起草每个例子，按部分统计终稿中采用模型原文、修改后采用、退回模板的段落和终稿缺陷，以及请求（含失败）、tokens。

    退出码：0 没有剩余错误；1 有剩余错误；2 输入或设置有误。
    """
    from assistant.drafting.evaluation import run

    try:
        result = run(files or None)
    except InputError as exc:
        fail_input(exc, without_model="后再评测（nianbao config 显示当前设置）")
    sys.stdout.write(result.table() + "\n")
    raise typer.Exit(1 if result.errors_left or result.defects else 0)


if __name__ == "__main__":
    app()
