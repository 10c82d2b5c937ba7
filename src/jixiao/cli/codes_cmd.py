"""``jixiao codes``: the catalogue of finding codes as a table, JSON or Markdown."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from jixiao.cli.screen import screen
from jixiao.model.finding import Severity
from jixiao.model.jsonio import encode
from jixiao.model.labels import SEVERITY_LABELS
from jixiao.service import catalogue_markdown, catalogue_rows

__all__ = ["CodesFormat", "codes"]


class CodesFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


def codes(
    output: Annotated[
        CodesFormat,
        typer.Option("--format", "-f", help="输出格式：table（表格）、json 或 markdown。"),
    ] = CodesFormat.table,
) -> None:
    """List every finding code: family, severity, title, what is checked, the template."""
    if output is CodesFormat.markdown:
        sys.stdout.write(catalogue_markdown())
        return
    rows = catalogue_rows()
    if output is CodesFormat.json:
        sys.stdout.write(encode(rows, indent=2) + "\n")
        return
    console = screen()
    table = Table(title=f"审核发现编号（共 {len(rows)} 个）", title_justify="left")
    for header in ("编号", "类别", "级别", "名称", "检查内容"):
        table.add_column(header)
    for row in rows:
        severity = SEVERITY_LABELS[Severity(row["severity"])]
        table.add_row(row["code"], row["family_name"], severity, row["title"], row["rule"])
    console.print(table)
