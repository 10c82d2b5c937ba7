"""Command-line options shared by several commands: the database, the form filters, and
whether ``--debug`` was given."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Annotated

import typer
from typer.models import OptionInfo

from jixiao.errors import UsageError
from jixiao.model.labels import FIELD_LABELS, KIND_LABELS
from jixiao.read.limits import limit_variables

__all__ = [
    "CodeOpt",
    "DbOption",
    "DepartmentOpt",
    "GradeOpt",
    "KindOpt",
    "LenientOpt",
    "SearchOpt",
    "UnitOpt",
    "YearOpt",
    "check_kind",
    "debugging",
    "restore_limits",
    "set_debug",
    "set_limits",
]


def _opt(name: str, help_: str) -> OptionInfo:
    option: OptionInfo = typer.Option(name, help=help_, show_default=False)
    return option


DbOption = Annotated[
    str | None,
    _opt(
        "--db",
        "数据库：SQLite 文件路径或 URL（如 postgresql+psycopg://用户:密码@主机/库）。"
        "默认取环境变量 JIXIAO_DB，否则为 ~/.local/share/jixiao/jixiao.db。",
    ),
]
YearOpt = Annotated[int | None, _opt("--year", f"{FIELD_LABELS['year']}。")]
UnitOpt = Annotated[str | None, _opt("--unit", f"{FIELD_LABELS['unit']}（部分匹配）。")]
DepartmentOpt = Annotated[
    str | None, _opt("--department", f"{FIELD_LABELS['department']}（部分匹配）。")
]
GradeOpt = Annotated[str | None, _opt("--grade", "评分等级，如 优。")]
CodeOpt = Annotated[str | None, _opt("--code", "含此审核发现编号的表单（可只写前缀，如 A）。")]
SearchOpt = Annotated[str | None, _opt("--search", "在项目、单位、目标和指标名称中查找。")]
KindOpt = Annotated[
    str | None,
    _opt(
        "--kind",
        "表单类型：" + "、".join(f"{key}（{label}）" for key, label in KIND_LABELS.items()) + "。",
    ),
]

LenientOpt = Annotated[
    bool, typer.Option("--lenient", help="只列自评总分高于复核总分的表单。", show_default=False)
]


_debug = False


def set_debug(on: bool) -> None:
    """Record the root command's ``--debug`` (before any command runs)."""
    global _debug
    _debug = on


_saved_limits: dict[str, str | None] = {}


def set_limits(assignments: Sequence[str]) -> None:
    """Apply the root command's ``--limit name=value`` options: they become the
    ``JIXIAO_LIMIT_*`` environment variables of this process, which its import workers
    inherit (:mod:`jixiao.read.limits`); :func:`restore_limits` undoes them."""
    for variable, value in limit_variables(assignments).items():
        _saved_limits.setdefault(variable, os.environ.get(variable))
        os.environ[variable] = value


def restore_limits() -> None:
    """The environment as it was before :func:`set_limits` (a command run in-process by
    a test or a script leaves no limit behind)."""
    for variable, value in _saved_limits.items():
        if value is None:
            os.environ.pop(variable, None)
        else:
            os.environ[variable] = value
    _saved_limits.clear()


def debugging() -> bool:
    """Whether ``jixiao --debug`` was given: an error then raises with its traceback
    instead of becoming one Chinese line."""
    return _debug


def check_kind(kind: str | None) -> None:
    """Raise :class:`UsageError` for an unknown ``--kind``."""
    if kind is not None and kind not in KIND_LABELS:
        raise UsageError(f"未知的表单类型：{kind}（可选 {'、'.join(KIND_LABELS)}）")
