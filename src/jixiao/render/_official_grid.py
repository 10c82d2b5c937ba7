"""A small builder for official tables: rows are appended, cells placed with spans."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from jixiao.model import Align, Cell, CellRole, Indicator, Table
from jixiao.render.options import RenderOptions, convert_amount, format_number

__all__: list[str] = []


class Grid:
    """Rows of cells under construction; every position ends up covered by a cell."""

    def __init__(self, widths: Sequence[float]) -> None:
        self.n_cols = len(widths)
        self.widths = tuple(widths)
        self.n_rows = 0
        self.cells: list[Cell] = []
        self.repeat: tuple[int, int] | None = None
        self.footer_rows = 0

    def new_row(self) -> int:
        self.n_rows += 1
        return self.n_rows - 1

    def put(
        self,
        row: int,
        col: int,
        text: str | None,
        *,
        colspan: int = 1,
        rowspan: int = 1,
        role: CellRole = "text",
        align: Align = "left",
        field: str | None = None,
    ) -> None:
        self.cells.append(
            Cell(
                row,
                col,
                text or "",
                rowspan=rowspan,
                colspan=colspan,
                role=role,
                align=align,
                field=field,
            )
        )

    def full_row(
        self,
        text: str | None,
        *,
        role: CellRole = "text",
        align: Align = "left",
        field: str | None = None,
    ) -> int:
        """A row made of one cell spanning every column."""
        row = self.new_row()
        self.put(row, 0, text, colspan=self.n_cols, role=role, align=align, field=field)
        return row

    def header_row(
        self,
        headers: Sequence[str],
        spans: Sequence[int] | None = None,
        *,
        first_col: int = 0,
        repeat: bool = True,
    ) -> int:
        """The indicator table's column headers from ``first_col``: a row that repeats on
        every page (``repeat``: the first indicator table's; a second block's does not)."""
        row = self.new_row()
        col = first_col
        for head, span in zip(headers, spans or [1] * len(headers), strict=True):
            self.put(row, col, head, colspan=span, role="header", align="center")
            col += span
        if repeat:
            self.repeat = (row, row)
        return row

    def level_labels(
        self,
        first: int,
        items: Sequence[Indicator],
        *,
        level2: bool = True,
        label1: Callable[[str | None], str | None] = lambda text: text,
        first_col: int = 0,
        block: str = "indicators",
    ) -> None:
        """The merged 一级指标 (column ``first_col``) and, with ``level2``, 二级指标 (the
        next column) cells of the indicator rows placed from table row ``first``;
        ``label1`` words the first; ``block`` names the rows' field (``indicators`` or
        ``long_term_indicators``)."""
        for start, length in runs(items, lambda i: i.level1):
            self.put(
                first + start,
                first_col,
                label1(items[start].level1),
                rowspan=length,
                role="label",
                align="center",
                field=f"{block}.{start}.level1",
            )
            if not level2:
                continue
            group = items[start : start + length]
            for sub, sublen in runs(group, lambda i: i.level2):
                self.put(
                    first + start + sub,
                    first_col + 1,
                    group[sub].level2,
                    rowspan=sublen,
                    role="label",
                    align="center",
                    field=f"{block}.{start + sub}.level2",
                )

    def add_rows(self, count: int) -> int:
        """Reserve ``count`` rows; returns the first."""
        first = self.n_rows
        self.n_rows += count
        return first

    def table(self, title: str, kind: str) -> Table:
        meta = {"kind": kind, "title_rows": str(_title_rows(self.cells))}
        header_rows = 0
        if self.footer_rows:
            meta["footer_rows"] = str(self.footer_rows)
        if self.repeat is not None:
            first, last = self.repeat
            meta["repeat_rows"] = f"{first}-{last}"
            header_rows = last + 1
        return Table(
            n_rows=self.n_rows,
            n_cols=self.n_cols,
            cells=tuple(sorted(self.cells, key=lambda c: (c.row, c.col))),
            col_widths=self.widths,
            header_rows=header_rows,
            title=title,
            meta=meta,
        )


def _title_rows(cells: Sequence[Cell]) -> int:
    rows = 0
    while any(c.row == rows and c.role == "title" for c in cells):
        rows += 1
    return rows


def runs(
    items: Sequence[Indicator], key: Callable[[Indicator], str | None]
) -> list[tuple[int, int]]:
    """Maximal runs ``(start, length)`` of consecutive rows with the same non-empty key.

    Rows with no key form runs of length 1 (an empty label is never merged).
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(items):
        value = key(items[i])
        j = i + 1
        if value:
            while j < len(items) and key(items[j]) == value:
                j += 1
        out.append((i, j - i))
        i = j
    return out


def num(value: Decimal | None, *, thousands: bool = False) -> str:
    return format_number(value, thousands=thousands)


def amount(
    value: Decimal | None, form_unit: str | None, options: RenderOptions, thousands: bool
) -> str:
    """An amount converted to the unit the options ask for, as printed."""
    if value is None:
        return ""
    if options.money_unit is not None:
        value = convert_amount(value, form_unit, options.money_unit)
    return format_number(value, thousands=thousands)


def shown_unit(form_unit: str | None, options: RenderOptions, default: str) -> str:
    """The unit printed in the headers."""
    if options.money_unit is not None and form_unit in (None, "元", "万元"):
        return options.money_unit
    return form_unit or default


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def widths(base: Sequence[float], wide: Sequence[int], options: RenderOptions) -> tuple[float, ...]:
    """Column widths; ``narrow`` halves the wide (text) columns."""
    if not options.narrow:
        return tuple(base)
    return tuple(w / 2 if i in wide else w for i, w in enumerate(base))
