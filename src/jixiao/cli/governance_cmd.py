"""Governing the stored data from the command line: ``jixiao withdraw`` / ``restore`` /
``purge`` a document or a form, ``jixiao runs`` (list, undo an import run),
``jixiao documents`` (list, withdrawn ones too), ``jixiao correct`` a misread cell and
``jixiao log`` (the audit log, as a table or exported to CSV / xlsx).

Whoever runs these has the database itself: they act as an administrator, logged under
their system user name (:func:`jixiao.service.governance.console_user`); every rule of
the service (a reason to withdraw, purge only what was withdrawn …) still applies.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from jixiao.cli.options import DbOption
from jixiao.cli.usage import ChineseCommand, ChineseGroup
from jixiao.errors import UsageError
from jixiao.export.audit_log import LOG_HEADERS, log_cells, log_csv, log_xlsx
from jixiao.model.governance import CHANGE_LABELS, ChangeAction
from jixiao.model.labels import beijing_time
from jixiao.service import governance
from jixiao.store import LogFilters, open_store

__all__ = [
    "correct_cmd",
    "documents_cmd",
    "log_cmd",
    "purge_cmd",
    "restore_cmd",
    "runs_app",
    "withdraw_cmd",
]


class Target(StrEnum):
    DOCUMENT = "document"
    FORM = "form"


_NAMES = {Target.DOCUMENT: "文件", Target.FORM: "表单"}

TargetArg = Annotated[
    Target, typer.Argument(help="document（文件）或 form（表单）。", metavar="document|form")
]
IdArg = Annotated[int, typer.Argument(help="文件或表单的编号。", metavar="编号")]
ReasonOpt = Annotated[str, typer.Option("--reason", help="原因（撤回时必填，记入操作日志）。")]

_out = Console(highlight=False, markup=False, soft_wrap=True)


def _when(value: datetime | None) -> str:
    return beijing_time(value).strftime("%Y-%m-%d %H:%M") if value is not None else ""


def _set(target: Target, item: int, db: str | None, reason: str, withdraw: bool) -> None:
    who = governance.console_user()
    chosen = {
        (Target.DOCUMENT, True): governance.withdraw_document,
        (Target.DOCUMENT, False): governance.restore_document,
        (Target.FORM, True): governance.withdraw_form,
        (Target.FORM, False): governance.restore_form,
    }[(target, withdraw)]
    with open_store(db) as store:
        chosen(store, who, item, reason)


def withdraw_cmd(
    target: TargetArg, item: IdArg, db: DbOption = None, reason: ReasonOpt = ""
) -> None:
    """Exit 0 when withdrawn, 2 when it cannot be (not found, no reason, already withdrawn)."""
    _set(target, item, db, reason, withdraw=True)
    _out.print(f"已撤回{_NAMES[target]} #{item}（可用 jixiao restore 恢复）。")


def restore_cmd(
    target: TargetArg, item: IdArg, db: DbOption = None, reason: ReasonOpt = ""
) -> None:
    """Exit 0 when restored, 2 when it cannot be."""
    _set(target, item, db, reason, withdraw=False)
    _out.print(f"已恢复{_NAMES[target]} #{item}。")


def purge_cmd(
    target: TargetArg,
    item: IdArg,
    db: DbOption = None,
    yes: Annotated[bool, typer.Option("--yes", help="确认永久删除（不可恢复）。")] = False,
) -> None:
    """Exit 0 when purged, 2 without ``--yes`` or when it was not withdrawn first."""
    if not yes:
        raise UsageError("永久删除不可恢复，请加 --yes 确认")
    who = governance.console_user()
    with open_store(db) as store:
        if target is Target.DOCUMENT:
            governance.purge_document(store, who, item)
        else:
            governance.purge_form(store, who, item)
    _out.print(f"已永久删除{_NAMES[target]} #{item}。")


def documents_cmd(
    db: DbOption = None,
    withdrawn: Annotated[bool, typer.Option("--withdrawn", help="只列出已撤回的文件。")] = False,
) -> None:
    """The stored documents (or the withdrawn ones) with their ids."""
    with open_store(db) as store:
        rows = store.documents(withdrawn=withdrawn)
    table = Table(
        "编号", "文件", "格式", "导入时间", "导入运行", *(("撤回", "原因") if withdrawn else ())
    )
    for r in rows:
        extra = (f"{_when(r['withdrawn_at'])} {r['withdrawn_by']}", r["withdrawn_reason"] or "")
        table.add_row(
            str(r["id"]),
            r["file_name"],
            r["format"],
            _when(r["imported_at"]),
            str(r["run_id"] or ""),
            *(extra if withdrawn else ()),
        )
    _out.print(table)


runs_app = typer.Typer(
    cls=ChineseGroup,
    help="导入运行：列出每次导入，撤销一次导入（撤回它导入的全部文件，恢复被它替换的表单）。",
    no_args_is_help=True,
    rich_markup_mode=None,
)

_RUN_STATUS = {"running": "进行中", "completed": "完成", "interrupted": "中断", "undone": "已撤销"}


@runs_app.command("list", cls=ChineseCommand, help="列出全部导入运行。")
def runs_list(db: DbOption = None) -> None:
    with open_store(db) as store:
        rows = store.import_runs()
    table = Table("编号", "开始", "状态", "文件", "新导入", "跳过", "表单", "失败")
    for r in rows:
        table.add_row(
            str(r["id"]),
            _when(r["started_at"]),
            _RUN_STATUS.get(r["status"], r["status"]),
            *(str(r[k]) for k in ("files", "stored", "skipped", "forms", "failures")),
        )
    _out.print(table)


@runs_app.command(
    "undo",
    cls=ChineseCommand,
    help="撤销一次导入：撤回它导入的全部文件，恢复被它替换或取代的表单。",
)
def runs_undo(
    run_id: Annotated[
        int, typer.Argument(help="导入运行的编号（见 jixiao runs list）。", metavar="编号")
    ],
    db: DbOption = None,
    reason: ReasonOpt = "",
) -> None:
    with open_store(db) as store:
        documents, released = governance.undo_run(store, governance.console_user(), run_id, reason)
    _out.print(f"已撤销导入运行 #{run_id}：撤回文件 {documents} 个，恢复表单 {released} 张。")


def correct_cmd(
    form_id: Annotated[int, typer.Argument(help="表单编号。", metavar="表单编号")],
    field: Annotated[
        str,
        typer.Argument(
            help="栏目（审核发现中的字段路径，如 funds.total.executed、indicators.3.actual）。",
            metavar="栏目",
        ),
    ],
    value: Annotated[str, typer.Argument(help="正确的值（空字符串表示清空）。", metavar="值")],
    db: DbOption = None,
    reason: ReasonOpt = "",
) -> None:
    """Exit 0 when corrected (the form re-scored and re-audited), 2 when it cannot be."""
    with open_store(db) as store:
        done = governance.correct_cell(
            store, governance.console_user(), form_id, field, value, reason
        )
    _out.print(
        f"已更正表单 #{form_id}「{done.label}」：原读值 {done.original or '（空）'} → "
        f"{done.value or '（空）'}；复核总分 {done.total_before} → {done.total_after}。"
    )


class LogFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    XLSX = "xlsx"


_ACTIONS = "、".join(f"{a.value}（{label}）" for a, label in CHANGE_LABELS.items())


def log_cmd(
    db: DbOption = None,
    action: Annotated[str | None, typer.Option("--action", help=f"操作：{_ACTIONS}。")] = None,
    user: Annotated[str | None, typer.Option("--user", help="用户名（包含即可）。")] = None,
    form: Annotated[int | None, typer.Option("--form", help="表单编号。")] = None,
    document: Annotated[int | None, typer.Option("--document", help="文件编号。")] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="起始日期 YYYY-MM-DD（含）。")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="截止日期 YYYY-MM-DD（不含）。")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="最多列出多少条（最新的在前）。")] = 200,
    to: Annotated[
        LogFormat, typer.Option("--to", help="输出：table、csv 或 xlsx。")
    ] = LogFormat.TABLE,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="csv / xlsx 的输出文件。")
    ] = None,
) -> None:
    """The audit log, newest first."""
    if action is not None and action not in {a.value for a in ChangeAction}:
        raise UsageError(f"没有这种操作：{action}（可选：{_ACTIONS}）")
    if limit < 1:
        raise UsageError("--limit 必须是正整数")
    if to is not LogFormat.TABLE and output is None:
        raise UsageError("导出 csv / xlsx 时请用 -o 指定输出文件")
    filters = LogFilters(
        action=action,
        username=user,
        form_id=form,
        document_id=document,
        since=governance.log_day(since, "--since "),
        until=governance.log_day(until, "--until "),
        limit=limit,
    )
    with open_store(db) as store:
        rows, total = governance.audit_log(store, governance.console_user(), filters)
    if to is LogFormat.TABLE:
        table = Table(*LOG_HEADERS)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in log_cells(row)))
        _out.print(table)
        _out.print(f"共 {total} 条，列出 {len(rows)} 条。")
        return
    assert output is not None
    output.write_bytes(log_csv(rows) if to is LogFormat.CSV else log_xlsx(rows))
    _out.print(f"已导出 {len(rows)} 条操作日志到 {output}。")
