"""The ``jixiao`` command. Errors become one Chinese line and a non-zero exit."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from typer import Abort
from typer._click.exceptions import NoArgsIsHelpError
from typer._click.exceptions import UsageError as ClickUsageError

from jixiao import __version__
from jixiao.cli import (
    audit_cmd,
    codes_cmd,
    cycle_cmd,
    export_cmd,
    governance_cmd,
    parse_cmd,
    render_cmd,
    rescore_cmd,
    rulesets_cmd,
    schema_cmd,
    score_cmd,
    serve_cmd,
    store_cmds,
    users_cmd,
)
from jixiao.cli.options import debugging, restore_limits, set_debug, set_limits
from jixiao.cli.usage import ChineseCommand, ChineseGroup, usage_message
from jixiao.errors import JixiaoError

__all__ = ["INTERNAL_ERROR_EXIT", "app", "main"]

INTERNAL_ERROR_EXIT = 3
"""Exit code of an unexpected internal error (0 clean, 1 error-level findings, 2 usage
error or unreadable file)."""

app = typer.Typer(
    name="jixiao",
    cls=ChineseGroup,
    help="绩效：读取、核对、存储、导出财政项目支出绩效自评表与绩效目标表，并按官方版式输出。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
_COMMANDS = (
    ("parse", "读取表单文件并打印每张表的摘要或 JSON。", parse_cmd.parse),
    ("schema", "打印交换格式（JSON）的 JSON Schema。", schema_cmd.schema),
    ("import", "把表单文件或文件夹导入数据库（按内容去重）。", store_cmds.import_cmd),
    ("list", "列出数据库中的表单（可按条件筛选）。", store_cmds.list_cmd),
    ("show", "显示数据库中一张表单的全部内容与审核发现。", store_cmds.show_cmd),
    ("render", "按官方版式输出表格（xlsx、pdf 或 docx）。", render_cmd.render),
    ("export", "导出表单为 xlsx、csv、json 或 parquet。", export_cmd.export_cmd),
    ("score", "按评分规则复核每张表的得分，并说明算法。", score_cmd.score),
    ("rulesets", "列出内置评分规则集。", rulesets_cmd.rulesets),
    ("audit", "审核表单：算术、评分规则、目标质量与跨表核对，列出审核发现。", audit_cmd.audit),
    ("codes", "列出审核发现编号目录。", codes_cmd.codes),
    ("rescore", "按规则集重新评分并审核数据库中的表单。", rescore_cmd.rescore_cmd),
    ("serve", "启动网页应用（浏览、审核、导入、填报）。", serve_cmd.serve),
    ("documents", "列出数据库中的文件（含已撤回的）及其编号。", governance_cmd.documents_cmd),
    ("withdraw", "撤回文件或表单（软删除，可恢复；须说明原因）。", governance_cmd.withdraw_cmd),
    ("restore", "恢复已撤回的文件或表单。", governance_cmd.restore_cmd),
    ("purge", "永久删除已撤回的文件或表单（不可恢复）。", governance_cmd.purge_cmd),
    (
        "correct",
        "更正表单中读错的值（保留原读值，立即重新评分与审核）。",
        governance_cmd.correct_cmd,
    ),
    (
        "log",
        "查看或导出操作日志（导入、替换、撤回、恢复、更正、审核流程……）。",
        governance_cmd.log_cmd,
    ),
)
for _name, _help, _function in _COMMANDS:
    app.command(_name, cls=ChineseCommand, help=_help)(_function)
app.add_typer(users_cmd.users_app, name="users", help="管理账号（角色与范围、密码、停用）。")
app.add_typer(users_cmd.units_app, name="units", help="管理组织结构（单位所属的主管部门）。")
app.add_typer(governance_cmd.runs_app, name="runs", help="导入运行：列出、撤销一次导入。")
app.add_typer(
    cycle_cmd.cycle_app, name="cycle", help="审核流程：状态与历史、提交 / 通过 / 退回、待办。"
)
app.add_typer(cycle_cmd.due_app, name="due-dates", help="审核期限：列出、设定、清除。")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jixiao {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈。")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="显示版本号。"),
    ] = False,
    limit: Annotated[
        list[str] | None,
        typer.Option(
            "--limit",
            metavar="名称=值",
            help="调整读取上限，可重复，如 --limit cells=1000000 --limit file_bytes=200M"
            "（各上限见 docs/reliability.md；也可用环境变量 JIXIAO_LIMIT_名称）。",
        ),
    ] = None,
) -> None:
    set_debug(debug)
    set_limits(limit or [])


def main(argv: list[str] | None = None) -> None:
    """Console entry point."""
    args = sys.argv[1:] if argv is None else argv
    set_debug(False)
    try:
        code = app(args=args, prog_name="jixiao", standalone_mode=False)
    except NoArgsIsHelpError as err:  # bare ``jixiao``: the help, as ``--help`` prints it
        typer.echo(err.ctx.get_help() if err.ctx else "")
        sys.exit(0)
    except ClickUsageError as err:
        if debugging():
            raise
        typer.echo(f"错误：{usage_message(err)}", err=True)
        sys.exit(2)
    except Abort:
        typer.echo("已中断。", err=True)
        sys.exit(130)
    except JixiaoError as err:
        if debugging():
            raise
        typer.echo(f"错误：{err.message}", err=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        typer.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as err:  # an unexpected internal error: one line, exit 3
        if debugging():
            raise
        said = " ".join(str(err).split())[:200]  # one line, however the error was worded
        typer.echo(
            f"内部错误：{type(err).__name__}: {said}。这是 jixiao 的缺陷，不是数据的问题；"
            "加 --debug 重新运行可看到调用栈，请随文件一起报告。",
            err=True,
        )
        sys.exit(INTERNAL_ERROR_EXIT)
    finally:
        restore_limits()
    sys.exit(code if isinstance(code, int) else 0)  # a command's typer.Exit(n), else 0
