"""The command line's own words in Chinese: the help pages Typer draws (用法, 选项, 参数,
命令, the help option's line, ``[默认：…]``) and its usage errors (a bad ``--year``, an
unknown option, a missing argument), each one Chinese line.

Typer (0.29) carries its own copy of Click, with English strings and no translation
hook; the help is drawn by a formatter of ours (set on every command through
:class:`ChineseCommand` / :class:`ChineseGroup`), and :func:`usage_message` words each
kind of usage error from what the error knows (the option, its type, the
possibilities) rather than from Click's sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import typer
from rich.cells import cell_len
from typer._click import Context as ClickContext  # Typer's own copy of Click
from typer._click import HelpFormatter
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup

from jixiao.linebreak import break_lines

__all__ = ["HELP_OPTION_HELP", "ChineseCommand", "ChineseGroup", "usage_message"]

HELP_OPTION_HELP = "显示本帮助并退出。"

_HEADINGS = {"Options": "选项", "Arguments": "参数", "Commands": "命令"}
_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND", "命令"), ("[ARGS]", "[参数]"))
_EXTRAS = re.compile(r"\[(?:default|required|env var)[^\]]*\]$")
_EXTRA_WORDS = (("default: ", "默认："), ("required", "必填"), ("env var: ", "环境变量："))
_METAVARS = {
    "<str>": "<文本>",
    "<int>": "<整数>",
    "<int range>": "<整数>",
    "<float>": "<数>",
    "<path>": "<路径>",
    "<Path>": "<路径>",
    " <list[Path]>": "",  # an argument's own name (文件…) says it
}


class _Formatter(HelpFormatter):
    """Click's help formatter with Chinese headings, measured in terminal cells (a
    Chinese character takes two) and broken by the Chinese line rules."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in _USAGE_WORDS:
            args = args.replace(english, chinese)
        args = re.sub(r"\{([^{}]*)\}", r"\1", args)  # Typer's {FILES}: a name, not a set
        super().write_usage(prog, args, prefix="用法：")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        for line in break_lines(text.strip(), self.width - self.current_indent, cell_len):
            self.write(f"{indent}{line}\n" if line else "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        terms = [_term(term) for term, _ in rows]
        first = min(max((cell_len(t) for t in terms), default=0), col_max) + col_spacing
        room = max(self.width - self.current_indent - first, 20)
        for term, (_, text) in zip(terms, rows, strict=True):
            lines = break_lines(_extras(text), room, cell_len) if text else [""]
            head = " " * self.current_indent + term
            if cell_len(term) + col_spacing > first:  # a long term: its help on the next line
                self.write(head + "\n")
                head = ""
            pad = " " * self.current_indent + " " * first
            for i, line in enumerate(lines):
                lead = head + " " * (first - cell_len(term)) if i == 0 and head else pad
                self.write(f"{lead}{line}".rstrip() + "\n")


def _term(term: str) -> str:
    for english, chinese in _METAVARS.items():
        term = term.replace(english, chinese)
    return term


def _extras(text: str) -> str:
    """``[default: table]`` → ``[默认：table]``, ``[required]`` → ``[必填]``."""
    match = _EXTRAS.search(text)
    if match is None:
        return text
    said = match.group(0)
    for english, chinese in _EXTRA_WORDS:
        said = said.replace(english, chinese)
    return text[: match.start()] + said.replace("; ", "；")


class _Context(typer.Context):
    formatter_class = _Formatter


class _ChineseHelp:
    """What makes a Typer command's help Chinese: our formatter (through the context)
    and the help option's own line."""

    context_class: type[ClickContext] = _Context

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option


class ChineseCommand(_ChineseHelp, TyperCommand):
    """A Typer command whose help is Chinese."""


class ChineseGroup(_ChineseHelp, TyperGroup):
    """The Typer group (``jixiao``) whose help is Chinese."""


_TYPES = {int: "整数", float: "数", bool: "是或否"}


def usage_message(err: Exception) -> str:
    """A usage error of Typer/Click as one Chinese line: what was wrong, and where the
    help is (``jixiao list --help``)."""
    ctx = getattr(err, "ctx", None)
    where = ctx.command_path if ctx is not None else "jixiao"
    return f"{_what(err)}。用 {where} --help 查看用法。"


def _what(err: Exception) -> str:
    if isinstance(err, click_errors.NoSuchOption):
        said = f"没有选项 {err.option_name}"
        if err.possibilities:
            said += f"（是否是 {'、'.join(sorted(err.possibilities))}？）"
        return said
    if isinstance(err, click_errors.MissingParameter):
        return f"缺少{'参数' if _is_argument(err) else '选项'} {_hint(err)}"
    if isinstance(err, click_errors.BadParameter):
        return f"{_hint(err)} 的值无效{_expected(err)}"
    if isinstance(err, click_errors.BadOptionUsage):
        if "requires" in err.message:
            return f"选项 {err.option_name} 后面要给出一个值"
        if "does not take" in err.message:
            return f"选项 {err.option_name} 不带值"
        return f"选项 {err.option_name} 用法不对"
    message = str(getattr(err, "message", err))
    if m := re.match(r"No such command '(.*)'", message):
        return f"没有命令 {m.group(1)}"
    if m := re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message):
        return f"多余的参数：{m.group(1)}"
    if message.startswith("Missing command"):
        return "缺少命令"
    return f"用法不对：{message}"


def _is_argument(err: Any) -> bool:
    param = getattr(err, "param", None)
    return param is not None and param.param_type_name == "argument"


def _hint(err: Any) -> str:
    param = getattr(err, "param", None)
    if param is None:
        return str(getattr(err, "param_hint", "") or "")
    if param.param_type_name == "argument":
        return str(param.metavar or param.name or "")
    return " / ".join(param.opts)


def _expected(err: Any) -> str:
    """What the value should have been, from the parameter's type."""
    param = getattr(err, "param", None)
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    for kind, word in _TYPES.items():
        if annotation is kind:
            return f"：应为{word}"
    choices = getattr(annotation, "__members__", None)
    if choices:
        return f"：可选 {'、'.join(str(c.value) for c in choices.values())}"
    return ""
