"""``jixiao import``, ``jixiao list`` and ``jixiao show``: thin shells over the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from jixiao.cli.form_list import print_forms
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
from jixiao.cli.progress import progress_bar
from jixiao.cli.score_cmd import RulesetOpt
from jixiao.cli.screen import screen
from jixiao.cli.store_show import print_form, print_source
from jixiao.errors import UsageError
from jixiao.export.json import form_data
from jixiao.model.governance import DuplicatePolicy
from jixiao.model.jsonio import encode
from jixiao.service import (
    FileEvent,
    ImportReport,
    SourceExcerpt,
    chosen_ruleset,
    collect_files,
    form_excerpt,
    load_form,
    run_import,
)
from jixiao.service.dask_import import DaskExecutor
from jixiao.service.governance import actor_of, console_user
from jixiao.store import Page, Store, open_store

__all__ = ["import_cmd", "list_cmd", "show_cmd"]

_STATUS = {"stored": "已导入", "replaced": "已替换", "skipped": "跳过", "failed": "失败"}


def import_cmd(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="要导入的文件或文件夹（文件夹递归查找）。",
            metavar="文件或文件夹",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="已导入过的文件也重新解析、评分并替换。")
    ] = False,
    ruleset: RulesetOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", help="并行解析与评分的进程数（默认为 CPU 核数）。", show_default=False
        ),
    ] = None,
    executor: Annotated[
        str,
        typer.Option(
            "--executor",
            help="解析、OCR 与审核在哪里运行：local（本机子进程）或 dask（Dask 集群）。",
            metavar="local|dask",
        ),
    ] = "local",
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            help="Dask 调度器地址，如 tcp://scheduler:8786（隐含 --executor dask；"
            "不指定则在本机启动 --jobs 个工作进程）。",
            show_default=False,
        ),
    ] = None,
    on_duplicate: Annotated[
        DuplicatePolicy,
        typer.Option(
            "--on-duplicate",
            help="已存在同一张表（同单位、项目、年度、种类，不论文件格式）时："
            "skip 跳过（默认，重复导入不改变任何统计）、replace 替换旧表、"
            "version 保留为新版本（旧版本仍可查看，统计只计新版本）。",
        ),
    ] = DuplicatePolicy.SKIP,
) -> None:
    """Exit 0 when every file was imported or skipped, 1 when some failed, 130 on Ctrl-C."""
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs 必须是正整数")
    if executor not in ("local", "dask"):
        raise UsageError(f"--executor 应为 local 或 dask，而不是「{executor}」")
    prepare = DaskExecutor(cluster) if executor == "dask" or cluster else None
    chosen = chosen_ruleset(ruleset)
    files = collect_files(paths)
    if not files:
        raise UsageError("没有找到可导入的文件")
    err = Console(stderr=True, highlight=False)
    with open_store(db) as store:
        with progress_bar(err) as progress:
            task = progress.add_task("导入", total=len(files))

            def on_file(event: FileEvent) -> None:
                if event.status == "failed":
                    progress.console.print(
                        f"[red]失败：[/red]{escape(str(event.path))}：{escape(event.reason or '')}",
                        highlight=False,
                    )
                for note in event.duplicates:
                    progress.console.print(f"重复：{escape(event.path.name)}：{escape(note)}")
                progress.update(task, description=f"导入 {event.path.name}")
                progress.advance(task)

            report = run_import(
                store,
                files,
                jobs=jobs,
                replace=replace,
                ruleset=chosen,
                on_file=on_file,
                executor=prepare,
                on_duplicate=on_duplicate,
                actor=actor_of(console_user()),
            )
        _print_report(Console(highlight=False, markup=False, soft_wrap=True), report, store)
    if report.interrupted:
        raise typer.Exit(130)
    if report.failed:
        raise typer.Exit(1)


def _print_report(console: Console, report: ImportReport, store: Store) -> None:
    t = report.totals
    head = "导入已中断，已提交的文件保留" if report.interrupted else "导入完成"
    console.print(
        f"{head}（{store.url}，导入运行 #{report.run_id}）：文件 {t.files} 个，新导入 {t.stored}，"
        f"跳过 {t.skipped}，"
        f"失败 {len(t.failed)}；表单 {t.forms} 张；"
        f"审核发现 错误 {t.errors}、警告 {t.warnings}、提示 {t.infos}。"
    )
    for path, reason in t.failed:
        console.print(f"  失败 {path}：{reason}")


_SORTS = {
    "id": "id",
    "year": "year",
    "score": "-total_score",
    "computed": "-computed_total",
    "gap": "-score_gap",
    "errors": "-errors",
}


def list_cmd(
    db: DbOption = None,
    year: YearOpt = None,
    unit: UnitOpt = None,
    department: DepartmentOpt = None,
    grade: GradeOpt = None,
    code: CodeOpt = None,
    search: SearchOpt = None,
    kind: KindOpt = None,
    lenient: LenientOpt = False,
    sort: Annotated[
        str | None,
        typer.Option(
            "--sort",
            help="排序：id 编号（默认）、year 年度、score 自评总分、computed 复核总分、"
            "gap 自评−复核（--lenient 时默认，差值大的在前）、errors 错误数；分数与差值从高到低。",
            show_default=False,
        ),
    ] = None,
    wide: Annotated[
        bool, typer.Option("--wide", help="显示全部列、不截断（行宽可超出终端）。")
    ] = False,
) -> None:
    """One row per stored form that matches every filter given, with the columns that
    fit the screen (:mod:`jixiao.cli.form_list`)."""
    check_kind(kind)
    if sort is not None and sort not in _SORTS:
        raise UsageError(f"未知的排序：{sort}（可选 {'、'.join(_SORTS)}）")
    order = _SORTS[sort or ("gap" if lenient else "id")]
    with open_store(db) as store:
        rows = store.forms(
            year=year,
            unit=unit,
            department=department,
            grade=grade,
            code=code,
            search=search,
            kind=kind,
            lenient=lenient or None,
            page=Page(sort=order),
        )
    console = screen(200)
    if not rows:
        console.print("没有符合条件的表单。")
        return
    print_forms(console, rows, wide)


def show_cmd(
    form_id: Annotated[
        int,
        typer.Argument(help="表单编号（见 jixiao list）。", metavar="表单编号", show_default=False),
    ],
    db: DbOption = None,
    output: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="输出格式：table（中文）或 json（交换格式，附复核得分 score）。"
        ),
    ] = "table",
    source: Annotated[
        bool, typer.Option("--source", help="另外显示这张表在原文件中的原文行（带行号）。")
    ] = False,
) -> None:
    """The whole form: header, funds, indicator rows, totals and findings; with
    ``--source`` also its original lines."""
    if output not in ("table", "json"):
        raise UsageError(f"未知的输出格式：{output}（可选 table、json）")
    if source and output != "table":
        raise UsageError("--source 只用于 table 格式")
    excerpt: SourceExcerpt | None = None
    with open_store(db) as store:
        stored = load_form(store, form_id)
        if source:
            excerpt = form_excerpt(store, stored)
    if output == "json":
        sys.stdout.write(encode([form_data(stored.form, stored.score)], indent=2) + "\n")
        return
    console = screen(200)
    print_form(console, stored)
    if excerpt is not None:
        print_source(console, excerpt)
