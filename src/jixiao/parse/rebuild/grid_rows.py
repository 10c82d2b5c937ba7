"""Indicator rows whose cells the text keeps row by row: each row fills the last columns.

Where the text says where each table row ends (one cell a line, each row closed by a
line of bars: :func:`~.tokens.tokenize`), a row prints every cell it has, empty ones
too, and lacks only the cells merged over it from the rows above — the 一级 and 二级
labels at its left. So a row of k cells is the header's last k columns: no reading to
weigh. :func:`grid_rows` lays the rows out so, and gives up (``None``) where a cell
does not fit its column's grammar or a row has values but no name, leaving the table
to the general reading (:mod:`.indicator_rows`).

Piped text keeps no rows in general (a copied page breaks its lines anywhere), but
where every line of a scored indicator table (with a 分值 column, whose numbers pin
the cells down) is closed by a bar and holds a whole row — all the header's columns,
or all but the merged 一级/二级 labels at its left — each line is that row
(:func:`_rows_by_lines`); a last line cut off is stray text.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import groupby

from jixiao.parse.rebuild.cell_costs import INF, cell_cost
from jixiao.parse.rebuild.indicator_rows import CutRow, Reading
from jixiao.parse.rebuild.tokens import Token

__all__ = ["grid_rows"]

_LABELS = frozenset({"level1", "level2"})


def grid_rows(tokens: list[Token], columns: list[str]) -> Reading | None:
    """The rows of ``tokens`` under a header of ``columns``, each row's cells in the
    header's last columns; the tokens after the last row the text ends (a row cut
    off) are left out, as stray text. ``None`` where the text keeps no rows here or
    a row does not fit."""
    if "weight" in columns and not any(t.whole or t.row is not None for t in tokens):
        tokens = _rows_by_lines(tokens, columns)
    cut = next((i for i, t in enumerate(tokens) if not t.whole), len(tokens))
    if cut == 0 or any(t.whole for t in tokens[cut:]):
        return None
    rows: list[CutRow] = []
    for _, group in groupby(tokens[:cut], key=lambda t: t.row):
        cells = list(group)
        if not any(t.text for t in cells):
            continue  # a row printed empty
        if len(cells) > len(columns):
            return None
        placed = dict(zip(columns[len(columns) - len(cells) :], cells, strict=True))
        if any(cell_cost(c, [t], placed=True) == INF for c, t in placed.items()):
            return None
        named = "name" in placed and placed["name"].text
        if not named:
            if any(t.text for c, t in placed.items() if c not in _LABELS):
                return None  # values under a name merged from above: not this reading's
            placed = {c: t for c, t in placed.items() if t.text}  # labels of rows to come
        rows.append(CutRow({c: [t] for c, t in placed.items()}))
    if not any("name" in r.cells for r in rows):
        return None
    return rows, tokens[cut:]


def _rows_by_lines(tokens: list[Token], columns: list[str]) -> list[Token]:
    """``tokens`` with each piped line as a whole row, where every line is closed by a
    bar and prints the header's columns, or all but the merged labels (lines of empty
    cells are no rows); a last line cut off (not closed, or its cells only the first
    columns' ones) is left as it is. Unchanged where any other line does not fit."""
    lines = [list(g) for _, g in groupby(tokens, key=lambda t: t.line)]
    out: list[Token] = []
    for n, cells in enumerate(lines, 1):
        row = _row_in_line(cells, columns) if cells[-1].closed else None
        if row is None:
            if n < len(lines) or (cells[-1].closed and not _cut_off(cells, columns)):
                return tokens
            out.extend(cells)
            break
        out.extend(replace(t, row=n, whole=True) for t in row)
    return out


def _row_in_line(cells: list[Token], columns: list[str]) -> list[Token] | None:
    """The cells of one line's row: from the first or a later one of the empty cells that
    open it (a corner column printed empty) to the last printed cell and as many of the
    empty cells after it (a mirror pads every line to one width) as make the placement
    whose cells fit their columns best (``None`` where none fits or two fit alike); a
    line of empty cells is a row printed empty."""
    printed = [i for i, t in enumerate(cells) if t.text]
    if not printed:
        return cells
    fits: list[tuple[float, list[Token]]] = []
    for lead in range(printed[0] + 1):
        for end in range(printed[-1] + 1, len(cells) + 1):
            k = end - lead
            if not len(columns) - len(_LABELS) <= k <= len(columns):
                continue
            placed = zip(columns[len(columns) - k :], cells[lead:end], strict=True)
            cost = sum(cell_cost(c, [t], placed=True) for c, t in placed)
            if cost < INF:
                fits.append((cost, cells[lead:end]))
    fits.sort(key=lambda f: f[0])
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
        return None
    return fits[0][1]


def _cut_off(cells: list[Token], columns: list[str]) -> bool:
    """Whether a line's cells are a row's first ones, its end cut off (an excerpt's last
    line): each fits the column it stands in from the left."""
    placed = zip(columns, cells, strict=False)
    fits = all(cell_cost(c, [t], placed=True) < INF for c, t in placed)
    return len(cells) < len(columns) and fits
