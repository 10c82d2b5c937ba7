"""The 年度主要任务 table of a department form, where the text keeps one row a line.

Its header names the task columns (部门职能 / 年度目标任务 / 支出项目名称 / 预算金额, the
words of :data:`~jixiao.parse.layouts.grid._tasks.TASK_COLUMNS`) on one line; each line
after it is a task when it holds exactly one cell a column and numbers where the amounts
are printed. When one line does not fit so, no row is certain (a task missing from the
list would shift the others): every line stays text, with a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.parse.layouts.grid import norm, task_field
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_dash, is_number

__all__ = ["TaskBlock", "task_block", "task_header"]

_AMOUNTS = frozenset({"total", "appropriation", "other"})
_MIN_COLUMNS = 3
_MAX_COLUMNS = 8
"""More header cells than a task table has columns (名称, 内容, 项目, 金额 …)."""


@dataclass
class TaskBlock:
    header: list[Token]
    rows: list[list[Token]] = field(default_factory=list)
    """The tasks, one list a line; empty when a line fitted no row (see :attr:`text`)."""
    text: list[Token] = field(default_factory=list)
    """The lines under the header when they could not all be read as rows."""
    end: int = 0
    """Index of the first token after the table."""


def task_header(tokens: list[Token], i: int) -> bool:
    """Tokens from ``i`` on name the task columns (部门职能 年度目标任务 支出项目名称
    预算金额), whatever the lines: the task table's header, where no text runs on."""
    fields: list[str] = []
    for token in tokens[i : i + _MAX_COLUMNS]:
        name = task_field(norm(token.text))
        if name is None or name in fields:
            break
        fields.append(name)
    return _names_tasks(fields)


def _names_tasks(fields: list[str]) -> bool:
    """Header cells naming these columns are a task table's: a name first, an amount."""
    return len(fields) >= _MIN_COLUMNS and fields[0] == "name" and bool(_AMOUNTS & set(fields))


def task_block(tokens: list[Token], i: int, opens: Callable[[Token], bool]) -> TaskBlock | None:
    """The task table whose header starts at token ``i`` (``None`` when none does);
    it ends before the first line that ``opens`` the next block."""
    line = tokens[i].line
    j = i
    fields: list[str] = []
    while j < len(tokens) and tokens[j].line == line:
        name = task_field(norm(tokens[j].text))
        if name is None or name in fields:
            return None
        fields.append(name)
        j += 1
    if not _names_tasks(fields):
        return None
    block = TaskBlock(tokens[i:j])
    certain = True
    while j < len(tokens) and not opens(tokens[j]):
        k = j
        while k < len(tokens) and tokens[k].line == tokens[j].line:
            k += 1
        cells = tokens[j:k]
        certain = (
            certain
            and len(cells) == len(fields)
            and all(
                is_number(c.text) or is_dash(c.text)
                for c, f in zip(cells, fields, strict=True)
                if f in _AMOUNTS
            )
        )
        block.rows.append(cells)
        j = k
    if not certain:
        block.text = [t for row in block.rows for t in row]
        block.rows = []
    block.end = j
    return block
