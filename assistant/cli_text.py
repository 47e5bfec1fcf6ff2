"""Chinese for the command-line framework's own words (typer, and the click it vendors).

Typer marks its words for gettext: ``typer.core`` calls ``_()`` at run time, ``typer.rich_utils`` keeps them in module
constants made with ``_()`` when it is imported. Both are translated through the gettext catalogue below
(:data:`TRANSLATIONS`), bound into typer by :func:`install_translations`. The click that typer vendors has no gettext:
its words (the usage line, the help option, the parser's errors, a number option's range) come from the command
classes below, which typer lets an application choose (``cls=``), and the parameter classes they give their
parameters. Nothing is done to text once it is printed.
"""

from __future__ import annotations

import gettext
from difflib import get_close_matches
from typing import Any

import typer.core
from typer._click import exceptions as click_errors
from typer._coercion import RuntimeParam, build_runtime_param

# msgid (typer's English, exactly as typer marks it) -> msgstr
CATALOGUE: dict[str, str] = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "Error": "错误",
    "Aborted.": "已中止。",
    "Aborted!": "已中止！",
    "(deprecated) ": "（已停用）",
    "[default: {}]": "[默认：{}]",
    "default: {default}": "默认：{default}",
    "[env var: {}]": "[环境变量：{}]",
    "[required]": "[必填]",
    "required": "必填",
    "(dynamic)": "（运行时确定）",
    "Try [blue]'{command_path} {help_option}'[/] for help.": "查看帮助：[blue]{command_path} {help_option}[/]",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令“{name}”。",
}
USAGE_PREFIX = "用法："
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."
HELP_OPTION_HELP = "显示本帮助并退出"
COMMAND_LINE = "nianbao.command_line"  # ctx.meta key: the arguments this command was given


def refuse_other_arguments(ctx: Any, option: str) -> None:
    """An option that ends the command at once (``--version``) takes nothing else: anything beside it is the usual
    usage error (exit 2), not silently ignored."""
    extra = [arg for arg in ctx.meta.get(COMMAND_LINE, ()) if arg != option]
    if extra:
        install_translations()
        raise click_errors.UsageError(f"多余的参数：{' '.join(extra)}", ctx=ctx)


class ChineseTranslations(gettext.NullTranslations):
    """A gettext translation object over :data:`CATALOGUE` (words not in it stay as they are)."""

    def gettext(self, message: str) -> str:
        return CATALOGUE.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


TRANSLATIONS = ChineseTranslations()

# typer.rich_utils' constants made with _() at import time
RICH_CONSTANTS = ("DEPRECATED_STRING", "DEFAULT_STRING", "ENVVAR_STRING", "REQUIRED_LONG_STRING",
                  "ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE", "ERRORS_PANEL_TITLE",
                  "ABORTED_TEXT", "RICH_HELP")

typer.core._ = TRANSLATIONS.gettext  # type: ignore[attr-defined]  # typer's run-time words: cheap, at once


def install_translations() -> None:
    """Translate typer.rich_utils' constants (imports rich, so it runs only when help or an error is shown)."""
    from typer import rich_utils

    for name in RICH_CONSTANTS:
        setattr(rich_utils, name, TRANSLATIONS.gettext(getattr(rich_utils, name)))


def _param_hint(param: Any) -> str:
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return param.metavar or param.name.upper()
    return " / ".join(param.opts)


def _kind(param: Any) -> str:
    return "参数" if param is not None and param.param_type_name == "argument" else "选项"


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def chinese_usage_error(exc: click_errors.UsageError) -> click_errors.UsageError:
    """The same usage error, said in Chinese (by its kind and fields, not by rewriting its English text)."""
    if isinstance(exc, click_errors.NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"；是否想用 {'、'.join(sorted(exc.possibilities))}？"
    elif isinstance(exc, click_errors.MissingParameter):
        text = f"缺少{_kind(exc.param)} {_param_hint(exc.param)}".rstrip()
    elif isinstance(exc, click_errors.BadOptionUsage):
        takes_value = "requires" in exc.message  # the parser's two cases: a value missing, or a value given to a flag
        text = f"选项 {exc.option_name} {'后面要写一个值' if takes_value else '不接受值'}"
    elif isinstance(exc, click_errors.BadParameter):
        given = exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint or ())
        hint = _param_hint(exc.param) if exc.param is not None else given
        reason = exc.message if _has_chinese(exc.message) else _expected_value(exc.param)
        text = f"{_kind(exc.param)} {hint} 的值无效：{reason}"
    elif isinstance(exc, click_errors.BadArgumentUsage):
        text = "参数个数不对"
    else:
        text = exc.message if _has_chinese(exc.message) else f"用法不对（{exc.message}）"
    return click_errors.UsageError(text, ctx=exc.ctx)


def _expected_value(param: Any) -> str:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if annotation is int:
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if low is not None and high is not None:
            return f"应为 {low} 到 {high} 之间的整数"
        return "应为整数"
    return "无法识别"


class ChineseArgument(typer.core.TyperArgument):
    """A positional argument shown by its Chinese metavar only (typer would add its Python type, "<path>")."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None


def number_range(low: float | None, high: float | None) -> str | None:
    """A number option's range as its help shows it: "1–65535", "不小于 1", "不大于 64" (typer: "1<=x<=65535")."""
    if low is None and high is None:
        return None
    if low is None:
        return f"不大于 {high}"
    if high is None:
        return f"不小于 {low}"
    return f"{low}–{high}"


class ChineseOption(typer.core.TyperOption):
    """An option whose range of values its help shows in Chinese."""

    def _get_number_range_help_str(self) -> str | None:
        if self.count and self.min == 0 and self.max is None:  # as typer: a counting flag shows no range
            return None
        return number_range(self.min, self.max)


class _AsGiven(RuntimeParam):
    """A text or yes/no parameter's value as the command line gives it, without typer's coercion when none is needed.

    Typer coerces values through pydantic ``TypeAdapter``s, built on the first run of a command even for a flag left
    unset: that imports pydantic, a visible part of start-up (``nianbao check`` on a published report needs no
    pydantic otherwise). A ``str`` for a text parameter and a ``bool`` for a flag are what those adapters return
    unchanged; any other value still goes through typer's own coercion, built when first needed.
    """

    _typer_coercion: RuntimeParam | None = None

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if type(value) is self.annotation:
            return value
        if self._typer_coercion is None:
            object.__setattr__(self, "_typer_coercion", build_runtime_param(param.type_descriptor))
        assert self._typer_coercion is not None
        return self._typer_coercion._coerce_value(value, param=param, ctx=ctx)


def _take_values_as_given(param: Any) -> None:
    """Use :class:`_AsGiven` for a ``str`` or ``bool`` parameter with no parser, choices or path checks of its own."""
    descriptor = getattr(param, "type_descriptor", None)
    if (descriptor is not None and descriptor.annotation in (str, bool) and descriptor.parameter_info.parser is None
            and descriptor.choices is None and not descriptor.is_path and not descriptor.is_file):
        param._runtime_param = _AsGiven(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation)


class _ChineseCommandMixin:
    """The vendored click's words, in Chinese, for a typer command or group."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options_metavar: str | None = OPTIONS_METAVAR
        for param in self.params:  # type: ignore[attr-defined]
            if type(param) is typer.core.TyperArgument:  # typer makes them; there is no cls= for an argument
                param.__class__ = ChineseArgument
            elif type(param) is typer.core.TyperOption:  # nor for an option
                param.__class__ = ChineseOption
            _take_values_as_given(param)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),  # type: ignore[attr-defined]
                              prefix=USAGE_PREFIX)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
            option.metavar = ""  # a flag: no value to show
            _take_values_as_given(option)
        return option

    def format_help(self, ctx: Any, formatter: Any) -> None:
        install_translations()
        super().format_help(ctx, formatter)  # type: ignore[misc]

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta[COMMAND_LINE] = list(args)  # for an option that ends the command at once (--version)
        allow_extra = ctx.allow_extra_args
        ctx.allow_extra_args = True  # extra arguments are refused below, in Chinese
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except click_errors.NoArgsIsHelpError:
            raise
        except click_errors.UsageError as exc:
            install_translations()
            exc.ctx = exc.ctx or ctx  # the parser's own errors come without one: the usage line needs it
            raise chinese_usage_error(exc) from None
        finally:
            ctx.allow_extra_args = allow_extra
        if rest and not allow_extra and not ctx.resilient_parsing:
            install_translations()
            raise click_errors.UsageError(f"多余的参数：{' '.join(rest)}", ctx=ctx)
        return rest


class ChineseCommand(_ChineseCommandMixin, typer.core.TyperCommand):
    """A typer command whose framework words are Chinese."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except click_errors.UsageError as exc:  # a value the command itself refuses (typer.BadParameter in its body)
            install_translations()
            exc.ctx = exc.ctx or ctx
            raise chinese_usage_error(exc) from None


class ChineseGroup(_ChineseCommandMixin, typer.core.TyperGroup):
    """A typer group whose framework words are Chinese, including an unknown command and its suggestions."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommand_metavar = SUBCOMMAND_METAVAR

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except click_errors.UsageError as exc:
            install_translations()
            if not args or exc.ctx is None or args[0].startswith("-"):
                raise chinese_usage_error(exc) from None
            text = f"没有命令“{args[0]}”"
            matches = get_close_matches(args[0], list(self.commands))
            if matches:
                text += f"；是否想用 {'、'.join(matches)}？"
            raise click_errors.UsageError(text, ctx=exc.ctx) from None
