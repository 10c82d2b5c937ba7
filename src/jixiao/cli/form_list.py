"""The table ``jixiao list`` prints: the columns that fit the screen.

Each column has a rank; when the table is wider than the screen the least needed
columns go first (文件, then 类型, 主管部门 …), and the text columns that stay (项目,
单位) are cut to what is left, ending in ``…``; 编号 and 项目 always stay, the two
totals and 自评−复核 go last. Widths are terminal cells (a Chinese character takes two).
``--wide`` prints every column in full, however wide. Amounts carry thousands
separators here (``7,762,496.10``); the JSON and CSV exports keep the exact digits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from jixiao.model.display import DASH as _DASH
from jixiao.model.display import money, points, signed_points
from jixiao.model.labels import FIELD_LABELS, FUND_FIELD_LABELS, KIND_LABELS, form_title
from jixiao.model.leniency import score_gap

__all__ = [
    "COLUMNS",
    "ListColumn",
    "fit_columns",
    "form_table",
    "print_forms",
]


@dataclass(frozen=True)
class ListColumn:
    """A column of the list: header, cell text of a row, alignment, rank (higher stays
    longer) and, for a text column that may be cut, the narrowest it may get."""

    header: str
    cell: Callable[[dict[str, Any]], str]
    rank: int
    justify: Literal["left", "right"] = "left"
    shrink_to: int | None = None


COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("编号", lambda r: str(r["id"]), 100, "right"),
    ListColumn(FIELD_LABELS["year"], lambda r: str(r["year"] or _DASH), 60, "right"),
    ListColumn("类型", lambda r: KIND_LABELS.get(r["kind"], r["kind"]), 15),
    ListColumn(
        "项目",
        lambda r: form_title(r["kind"], r["project"], r["department"]) or _DASH,
        100,
        shrink_to=24,
    ),
    ListColumn(FIELD_LABELS["unit"], lambda r: r["unit"] or _DASH, 50, shrink_to=12),
    ListColumn(FIELD_LABELS["department"], lambda r: r["department"] or _DASH, 20, shrink_to=10),
    ListColumn(
        FUND_FIELD_LABELS["adjusted"],
        lambda r: money(r.get("budget_total"), r.get("money_unit")),
        30,
        "right",
    ),
    ListColumn("自评总分", lambda r: points(r["total_score"]), 95, "right"),
    ListColumn("复核总分", lambda r: points(r["computed_total"]), 95, "right"),
    ListColumn(
        "自评−复核",
        lambda r: signed_points(score_gap(r["total_score"], r["computed_total"])),
        90,
        "right",
    ),
    ListColumn("等级", lambda r: r["grade"] or _DASH, 70),
    ListColumn("复核等级", lambda r: r["computed_grade"] or _DASH, 45),
    ListColumn("错误", lambda r: str(r["errors"]), 65, "right"),
    ListColumn("警告", lambda r: str(r["warnings"]), 55, "right"),
    ListColumn("文件", lambda r: r["file_name"], 10, shrink_to=10),
)
"""Every column, in the order printed."""

_GAP = 2
"""Cells a column takes besides its text: the space after it and the (blank) rule."""


def fit_columns(
    columns: Sequence[ListColumn], cells: Sequence[Sequence[str]], width: int | None
) -> list[tuple[int, int]]:
    """The columns kept (their indexes, in order) with the width each gets, so the
    table is no wider than ``width`` (``None``: every column at full width)."""
    natural = [
        max([cell_len(c.header), *(cell_len(row[i]) for row in cells)])
        for i, c in enumerate(columns)
    ]
    least = [
        natural[i] if c.shrink_to is None else max(cell_len(c.header), min(natural[i], c.shrink_to))
        for i, c in enumerate(columns)
    ]
    kept = list(range(len(columns)))
    if width is None:
        return [(i, natural[i]) for i in kept]

    def needed(chosen: list[int], widths: Sequence[int]) -> int:
        return sum(widths[i] for i in chosen) + _GAP * len(chosen) - 1

    for i in sorted(kept, key=lambda i: columns[i].rank):
        if needed(kept, least) <= width:
            break
        if columns[i].rank < 100:
            kept.remove(i)
    spare = width - needed(kept, least)
    widths = {i: least[i] for i in kept}
    shrunk = [i for i in kept if natural[i] > least[i]]
    for i in sorted(shrunk, key=lambda i: -columns[i].rank):  # the more needed first
        more = min(natural[i] - least[i], max(spare, 0))
        widths[i] += more
        spare -= more
    return [(i, widths[i]) for i in kept]


def form_table(rows: Sequence[dict[str, Any]], width: int | None, title: str) -> Table:
    """The list as a rich table at most ``width`` cells wide (``None``: every column in
    full; the table's :attr:`~rich.table.Table.width` is then what it needs)."""
    cells = [[c.cell(r) for c in COLUMNS] for r in rows]
    chosen = fit_columns(COLUMNS, cells, width)
    table = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        width=sum(w for _, w in chosen) + _GAP * len(chosen) - 1 if width is None else None,
    )
    for i, w in chosen:
        column = COLUMNS[i]
        table.add_column(
            column.header, justify=column.justify, no_wrap=True, overflow="ellipsis", width=w
        )
    for row in cells:
        table.add_row(*(row[i] for i, _ in chosen))
    return table


def print_forms(console: Console, rows: Sequence[dict[str, Any]], wide: bool) -> None:
    """Print the list on ``console``: to its width, or (``wide``) every column in full
    however wide the lines get."""
    title = f"共 {len(rows)} 张表单"
    if not wide:
        console.print(form_table(rows, console.width, title))
        return
    table = form_table(rows, None, title)
    full = Console(
        highlight=False, markup=False, width=max(console.width, table.width or 0), file=console.file
    )
    full.print(table)
