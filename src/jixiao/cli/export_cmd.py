"""``jixiao export``: forms from the store (or straight from files) to xlsx/csv/json/parquet.

A thin shell over :mod:`jixiao.export`. With FILE arguments the files are parsed,
scored and audited directly (as an import would) and nothing touches a database; the
same filters apply to them. Forms from the store carry their stored scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from jixiao.cli.options import (
    CodeOpt,
    DbOption,
    DepartmentOpt,
    GradeOpt,
    KindOpt,
    LenientOpt,
    SearchOpt,
    UnitOpt,
    YearOpt,
    check_kind,
)
from jixiao.cli.score_cmd import RulesetOpt
from jixiao.errors import UsageError
from jixiao.export import ComputedScores, ExportFormat, ExportItem, export_forms
from jixiao.export.rows import TableName
from jixiao.model import Form
from jixiao.score import FormScore
from jixiao.service import Reviewed, chosen_ruleset, collect_files, iter_checked
from jixiao.store import Filters, open_store

__all__ = ["TableChoice", "export_cmd"]


class TableChoice(StrEnum):
    """Which table ``--table`` picks for csv/parquet."""

    forms = "forms"
    indicators = "indicators"
    findings = "findings"


def export_cmd(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="直接读取并导出这些文件或文件夹（不经数据库）；不给时从数据库导出。",
            metavar="文件或文件夹",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        ExportFormat | None,
        typer.Option(
            "--to",
            "-t",
            help="导出格式：xlsx、csv、json 或 parquet（不给时按 -o 的扩展名，否则 xlsx）。",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="输出文件；csv/parquet 未指定 --table 时为目录（写出三个文件）。",
            show_default=False,
        ),
    ] = None,
    table: Annotated[
        TableChoice | None,
        typer.Option(
            "--table",
            help="csv/parquet 只导出一张表：forms（汇总）、indicators（指标）"
            "或 findings（审核发现）。",
            show_default=False,
        ),
    ] = None,
    official: Annotated[
        bool,
        typer.Option("--official/--no-official", help="xlsx 中为每张表单附一张官方版式的工作表。"),
    ] = True,
    ruleset: RulesetOpt = None,
    db: DbOption = None,
    year: YearOpt = None,
    unit: UnitOpt = None,
    department: DepartmentOpt = None,
    grade: GradeOpt = None,
    code: CodeOpt = None,
    search: SearchOpt = None,
    kind: KindOpt = None,
    lenient: LenientOpt = False,
) -> None:
    """Exit 0 when written, 2 on a usage, read or write error (one Chinese line)."""
    if output is None:
        raise UsageError("请用 -o 指定输出文件或目录")
    to = to or _format_of(output)
    check_kind(kind)
    if table is not None and to in (ExportFormat.xlsx, ExportFormat.json):
        raise UsageError(f"--table 只用于 csv 和 parquet；{to.value} 总是包含全部内容")
    if files and db is not None:
        raise UsageError("给出文件时直接读取文件，不能同时使用 --db")
    filters = Filters.of(
        year=year,
        unit=unit,
        department=department,
        grade=grade,
        code=code,
        search=search,
        kind=kind,
        lenient=lenient or None,
    )
    chosen: TableName | None = None if table is None else table.value
    rules = chosen_ruleset(ruleset)
    computed = ComputedScores(ruleset=rules)
    counter = _Counter()
    if files:
        paths = collect_files(files)
        if not paths:
            raise UsageError("没有找到可读取的文件")
        items: Iterable[ExportItem] = _numbered(iter_checked(paths, rules, filters))
        written = export_forms(
            counter.count(items), to, output, chosen, computed, official=official
        )
    else:
        with open_store(db) as store:
            stored = store.iter_stored(filters)
            written = export_forms(
                counter.count(stored), to, output, chosen, computed, official=official
            )
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if not counter.n:
        err.print("没有符合条件的表单，已写出只有表头的文件。")
    err.print(f"已导出 {counter.n} 张表单：{'、'.join(str(p) for p in written)}", markup=False)


class _Counter:
    def __init__(self) -> None:
        self.n = 0

    def count(self, items: Iterable[ExportItem]) -> Iterator[ExportItem]:
        for item in items:
            self.n += 1
            yield item


def _format_of(output: Path) -> ExportFormat:
    suffix = output.suffix.lower().lstrip(".")
    return ExportFormat(suffix) if suffix in ExportFormat.__members__ else ExportFormat.xlsx


@dataclass(frozen=True)
class _Scored:
    """A form read from a file with its score, numbered in export order."""

    id: int
    form: Form
    score: FormScore


def _numbered(items: Iterable[Reviewed]) -> Iterator[_Scored]:
    for no, item in enumerate(items, 1):
        yield _Scored(no, item.published(), item.score)
