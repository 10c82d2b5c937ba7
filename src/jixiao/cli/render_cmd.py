"""``jixiao render``: the official tables of the forms in some files, as xlsx/pdf/docx."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from jixiao.errors import UsageError
from jixiao.model import Form
from jixiao.render.options import MoneyUnit, PageSize, RenderOptions, Wording

__all__ = ["render"]

T = TypeVar("T")
AnyForm = Form


class Target(StrEnum):
    xlsx = "xlsx"
    pdf = "pdf"
    docx = "docx"


def render(
    files: Annotated[
        list[Path],
        typer.Argument(help="要读取的表单文件（parse 能读的任何格式）。", metavar="文件"),
    ],
    to: Annotated[Target, typer.Option("--to", help="输出格式：xlsx、pdf 或 docx。")] = Target.xlsx,
    output: Annotated[Path, typer.Option("-o", "--output", help="输出文件路径。")] = Path(
        "官方表格.xlsx"
    ),
    money_unit: Annotated[
        str | None, typer.Option("--money-unit", help="金额单位：元 或 万元（默认沿用原表）。")
    ] = None,
    wording: Annotated[
        str, typer.Option("--wording", help="拨款措辞：当年 或 本年（当年财政拨款/本年财政拨款）。")
    ] = "当年",
    page: Annotated[str, typer.Option("--page", help="纸张：A4 或 A3。")] = "A4",
    landscape: Annotated[bool, typer.Option("--landscape", help="横向打印。")] = False,
    narrow: Annotated[bool, typer.Option("--narrow", help="窄列，使长单元格折行。")] = False,
    thousands: Annotated[
        bool | None,
        typer.Option("--thousands/--no-thousands", help="金额是否带千位分隔符（默认按原表样式）。"),
    ] = None,
    font: Annotated[
        str | None,
        typer.Option(
            "--font",
            help="PDF 字体：默认内置宋体 STSong-Light（无需字体文件）；embed 嵌入已安装的中文 "
            "TrueType 字体（或环境变量 JIXIAO_FONT 指定的字体）；也可给出 .ttf/.ttc 文件路径。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """读取表单文件，按官方版式输出表格（每张表一个工作表或一页起）。"""
    from jixiao.service import read_file

    unit: MoneyUnit | None = None
    if money_unit:
        unit = _choose("--money-unit", money_unit, _UNITS)
    options = RenderOptions(
        money_unit=unit,
        wording=_choose("--wording", wording, _WORDINGS),
        page=_choose("--page", page.upper(), _PAGES),
        landscape=landscape,
        narrow=narrow,
        thousands=thousands,
        font=font,
    )
    forms: list[AnyForm] = []
    for path in files:
        forms.extend(read_file(path).forms)
    if not forms:
        raise UsageError("输入文件中没有找到任何表单，未生成输出文件。")
    written = _write(to, forms, output, options)
    typer.echo(f"已写出 {len(forms)} 张表：{written}")


def _write(to: Target, forms: list[AnyForm], output: Path, options: RenderOptions) -> Path:
    if to is Target.xlsx:
        from jixiao.render.xlsx import write_xlsx

        return write_xlsx(forms, output, options)
    module = f"jixiao.render.{to.value}"
    try:
        writer = getattr(importlib.import_module(module), f"write_{to.value}")
    except (ImportError, AttributeError) as err:
        raise UsageError(f"尚不支持输出 {to.value.upper()}：缺少 {module}（{err}）。") from err
    result = writer(forms, output, options)
    return Path(result) if result is not None else output


_UNITS: dict[str, MoneyUnit] = {"元": "元", "万元": "万元"}
_WORDINGS: dict[str, Wording] = {"当年": "当年", "本年": "本年"}
_PAGES: dict[str, PageSize] = {"A4": "A4", "A3": "A3"}


def _choose(option: str, value: str, choices: Mapping[str, T]) -> T:
    if value in choices:
        return choices[value]
    allowed = "、".join(choices)
    raise UsageError(f"{option} 只能是 {allowed} 之一，不能是“{value}”。")
