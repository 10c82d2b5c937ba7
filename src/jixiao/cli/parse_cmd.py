"""``jixiao parse FILE...``: read forms and print a summary or the interchange JSON."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.reading import read_files
from jixiao.cli.screen import screen
from jixiao.cli.summary import print_summary
from jixiao.model import Severity
from jixiao.model.jsonio import dumps

__all__ = ["OutputFormat", "parse"]


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def parse(
    files: Annotated[
        list[Path],
        typer.Argument(help="要读取的文件（可多个）。", metavar="文件", show_default=False),
    ],
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式：table（摘要）或 json。")
    ] = OutputFormat.table,
    info: Annotated[bool, typer.Option("--info", help="摘要中也列出提示级发现。")] = False,
) -> None:
    """Exit 0 when no error-level finding, 1 when some, 2 when a file could not be read."""
    results, failed = read_files(files)
    forms = [f for r in results for f in r.forms]
    if output is OutputFormat.json:
        sys.stdout.write(dumps(forms) + "\n")
    else:
        console = screen()
        for result in results:
            print_summary(console, result, show_info=info)
    if failed:
        raise typer.Exit(2)
    if any(f.severity == Severity.ERROR for form in forms for f in form.findings):
        raise typer.Exit(1)
