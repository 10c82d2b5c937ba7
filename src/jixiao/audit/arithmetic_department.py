"""A: the arithmetic of the department forms (部门整体支出绩效自评表 / 目标表).

- A009 基本支出 + 项目支出 ≠ 年度资金总额 (by nature of spending), column by column on a
  self-evaluation, the 年度预算 of a target declaration that prints the split;
- A010 Σ the tasks' 预算金额 ≠ 金额合计, column by column (总额, 财政拨款, 其他资金);
- A005 财政拨款 + 其他资金 ≠ 总额 on a task row and on the 金额合计 row;
- A007 a negative amount in the split or a task.

The checks they share with the project self-evaluation (Σ scores, 执行率, budget score,
sources of 年度资金总额) are in :mod:`.arithmetic`. The comparisons allow for the
precision the form printed, as there.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.audit.arithmetic import sources_off
from jixiao.audit.locate import form_location
from jixiao.audit.registry import form_check
from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    DepartmentTask,
    Finding,
    Form,
    Location,
    finding,
)
from jixiao.model.department import TASK_AMOUNTS
from jixiao.model.labels import FUND_FIELD_LABELS, TASK_FIELD_LABELS
from jixiao.score.result import FormScore
from jixiao.score.ruleset import Ruleset

__all__ = ["check_spending", "check_task_amounts"]

_COLUMNS = ("initial", "adjusted", "executed")


@form_check("A009")
def check_spending(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A009 基本支出 + 项目支出 ≠ 年度资金总额."""
    if isinstance(form, DepartmentSelfEvaluation):
        for column in _COLUMNS:
            printed = getattr(form.funds.total, column)
            basic = getattr(form.spending.basic, column)
            project = getattr(form.spending.project, column)
            found = _split_off(form, printed, basic, project, FUND_FIELD_LABELS[column])
            if found is not None:
                yield found.model_copy(
                    update={"location": form_location(form, f"funds.total.{column}")}
                )
    elif isinstance(form, DepartmentTargetDeclaration):
        basic, project = form.spending.basic.initial, form.spending.project.initial
        found = _split_off(form, form.amounts.total, basic, project, "年度预算")
        if found is not None:
            yield found.model_copy(update={"location": form_location(form, "amounts.total")})


def _split_off(
    form: Form,
    printed: Decimal | None,
    basic: Decimal | None,
    project: Decimal | None,
    column: str,
) -> Finding | None:
    if basic is None and project is None:
        return None
    diff = sources_off(form, printed, [basic, project])
    if diff is None:
        return None
    return finding(
        "A009", None, column=column, basic_spending=basic, project_spending=project, **diff
    )


@form_check("A005", "A007", "A010")
def check_task_amounts(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """A010 Σ tasks ≠ 金额合计; A005 财政拨款 + 其他资金 ≠ 总额 on a task or the 合计;
    A007 a negative task amount."""
    if not isinstance(form, DepartmentSelfEvaluation | DepartmentTargetDeclaration):
        return
    for i, task in enumerate(form.tasks):
        yield from _negative(form, task, i)
        diff = sources_off(form, task.total, [task.appropriation, task.other])
        if diff is not None:
            column = f"任务「{task.name or i + 1}」预算金额"
            yield finding("A005", _task_location(form, task, i), column=column, **diff)
    if not isinstance(form, DepartmentTargetDeclaration) or not form.tasks:
        return
    amounts = form.amounts
    diff = sources_off(form, amounts.total, [amounts.appropriation, amounts.other])
    if diff is not None:
        yield finding("A005", form_location(form, "amounts.total"), column="金额合计", **diff)
    for name in TASK_AMOUNTS:
        printed: Decimal | None = getattr(amounts, name)
        parts = [getattr(t, name) for t in form.tasks]
        if printed is None or any(p is None for p in parts):
            continue
        diff = sources_off(form, printed, parts)
        if diff is not None:
            where = form_location(form, f"amounts.{name}")
            yield finding("A010", where, column=TASK_FIELD_LABELS[name], **diff)


def _negative(form: Form, task: DepartmentTask, i: int) -> Iterator[Finding]:
    for name in TASK_AMOUNTS:
        value: Decimal | None = getattr(task, name)
        if value is not None and value < 0:
            what = f"任务「{task.name or i + 1}」的{TASK_FIELD_LABELS[name]}"
            yield finding("A007", _task_location(form, task, i, name), what=what, value=value)


def _task_location(form: Form, task: DepartmentTask, i: int, field: str | None = None) -> Location:
    return Location(
        file=form.source.file,
        lines=task.lines or form.source.lines,
        field=f"tasks.{i}.{field}" if field else f"tasks.{i}",
    )
