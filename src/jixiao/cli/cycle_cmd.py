"""``jixiao cycle`` (a form's state and history, a step of the review cycle, the 待办
list) and ``jixiao due-dates`` (the dates by which forms waiting in a state are due).

A step is taken as a named account (``--as``): the service checks that user's role and
scope and the form's state exactly as on the web. Without ``--as`` the person at the
command line acts as an administrator (who has the database itself), who may read
everything and set due dates but takes no review step an administrator may not take.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import typer
from rich.console import Console

from jixiao.cli.options import DbOption
from jixiao.cli.usage import ChineseCommand, ChineseGroup
from jixiao.errors import UsageError
from jixiao.model.cycle import STATE_LABELS, STEP_LABELS, WAITING_LABELS, State, Step
from jixiao.model.labels import beijing_time
from jixiao.service import accounts, cycle, progress
from jixiao.service.access import Principal, console_user
from jixiao.store import Store, open_store

__all__ = ["cycle_app", "due_app"]

cycle_app = typer.Typer(
    cls=ChineseGroup,
    help="审核流程：查看表单的状态与历史、提交 / 通过 / 退回 / 公开、待办。",
    no_args_is_help=True,
    rich_markup_mode=None,
)
due_app = typer.Typer(
    cls=ChineseGroup,
    help="审核期限：列出、设定、清除某年度某类表单在某状态下的截止日期。",
    no_args_is_help=True,
    rich_markup_mode=None,
)

AsOpt = Annotated[
    str | None,
    typer.Option("--as", help="以哪个账号的身份（用户名；按其角色与范围检查）。默认：本机管理员。"),
]
FormArg = Annotated[int, typer.Argument(help="表单编号。", metavar="表单编号")]
_STATES = "、".join(f"{s.value}（{label}）" for s, label in WAITING_LABELS.items())

_out = Console(highlight=False, markup=False, soft_wrap=True)


def _who(store: Store, name: str | None) -> Principal:
    return accounts.named_principal(store, name) if name else console_user()


def _when(value: datetime) -> str:
    return beijing_time(value).strftime("%Y-%m-%d %H:%M")


def _state(value: str | None) -> str:
    return STATE_LABELS[State(value)] if value else "（无）"


@cycle_app.command(
    "show", cls=ChineseCommand, help="显示表单的审核状态、历史、意见与可执行的步骤。"
)
def show_cmd(form: FormArg, as_user: AsOpt = None, db: DbOption = None) -> None:
    with open_store(db) as store:
        who = _who(store, as_user)
        found = cycle.form_cycle(store, who, form)
    _out.print(f"表单 #{form}：{found.state_label}（第 {found.version} 版）")
    for t in found.history:
        said = f"：{t.comment}" if t.comment else ""
        label = STEP_LABELS.get(Step(t.step), t.step)
        _out.print(
            f"  {_when(t.at)}  {t.username}  {label}  {_state(t.from_state)} → "
            f"{_state(t.to_state)}{said}"
        )
    for c in found.comments:
        _out.print(f"  意见（第 {c.version} 版，{c.field}）{c.username}：{c.comment}")
    steps = "、".join(f"{s.value}（{STEP_LABELS[s]}）" for s in found.steps) or "无"
    _out.print(f"{who.display_name}现在可执行：{steps}")


@cycle_app.command(
    "step",
    cls=ChineseCommand,
    help="执行一步审核：submit（提交）、approve（通过）、return（退回，须填意见）、"
    "publish（公开），或步骤的全名。",
)
def step_cmd(
    form: FormArg,
    step: Annotated[
        str, typer.Argument(help="步骤：submit、approve、return、publish……", metavar="步骤")
    ],
    as_user: AsOpt = None,
    comment: Annotated[str, typer.Option("--comment", help="意见（退回时必填）。")] = "",
    cell: Annotated[
        list[str] | None,
        typer.Option(
            "--cell", help="单元格意见：栏目=意见（如 indicators.0.actual=请核实），可重复。"
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    cells = []
    for item in cell or []:
        field, sep, text = item.partition("=")
        if not sep or not field.strip():
            raise UsageError(f"单元格意见须写成 栏目=意见：{item}")
        cells.append((field.strip(), text))
    with open_store(db) as store:
        who = _who(store, as_user)
        chosen = cycle.resolve_step(store, who, form, step)
        state = cycle.take_step(store, who, form, chosen, comment, cells)
    _out.print(f"表单 #{form}：{STEP_LABELS[chosen]}，现为“{STATE_LABELS[state]}”。")


@cycle_app.command("todo", cls=ChineseCommand, help="待办：等待该用户处理的表单（逾期的在前）。")
def todo_cmd(as_user: AsOpt = None, db: DbOption = None) -> None:
    with open_store(db) as store:
        items = cycle.todo(store, _who(store, as_user))
    for item in items:
        late = f"，逾期 {item['overdue']} 天" if item["overdue"] else ""
        _out.print(
            f"#{item['id']}  {item.get('unit') or ''}  {item.get('project') or ''}  "
            f"{item['state_label']}  期限 {item['due']}{late}"
        )
    _out.print(f"共 {len(items)} 张。")


YearArg = Annotated[int, typer.Argument(help="年度，如 2024。", metavar="年度")]
KindArg = Annotated[
    str,
    typer.Argument(help="表单类型：target_declaration 或 self_evaluation。", metavar="类型"),
]
StateArg = Annotated[str, typer.Argument(help=f"等待的状态：{_STATES}。", metavar="状态")]


@due_app.command("list", cls=ChineseCommand, help="列出已设定的审核期限。")
def due_list(db: DbOption = None) -> None:
    with open_store(db) as store:
        found = progress.due_dates(store, console_user())
    for d in found:
        waiting = WAITING_LABELS.get(State(d.state), d.state)
        _out.print(f"{d.year}  {d.kind}  {waiting}（{d.state}）  {d.due.isoformat()}")
    _out.print(f"共 {len(found)} 条。")


@due_app.command("set", cls=ChineseCommand, help="设定审核期限（截止日期 YYYY-MM-DD）。")
def due_set(
    year: YearArg,
    kind: KindArg,
    state: StateArg,
    due: Annotated[str, typer.Argument(help="截止日期 YYYY-MM-DD。", metavar="日期")],
    as_user: AsOpt = None,
    db: DbOption = None,
) -> None:
    try:
        day = date.fromisoformat(due)
    except ValueError:
        raise UsageError(f"截止日期须为 YYYY-MM-DD：{due}") from None
    with open_store(db) as store:
        progress.set_due_date(store, _who(store, as_user), year, kind, state, day)
    _out.print(f"已设定：{year} 年 {kind} 在“{state}”的期限为 {day.isoformat()}。")


@due_app.command("clear", cls=ChineseCommand, help="清除审核期限（恢复默认天数）。")
def due_clear(
    year: YearArg, kind: KindArg, state: StateArg, as_user: AsOpt = None, db: DbOption = None
) -> None:
    with open_store(db) as store:
        had = progress.clear_due_date(store, _who(store, as_user), year, kind, state)
    _out.print("已清除。" if had else "没有设定这个期限。")
