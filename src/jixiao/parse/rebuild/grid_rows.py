"""Indicator rows whose cells the text keeps row by row: each row fills the last columns.

Where the text says where each table row ends (one cell a line, each row closed by a
line of bars: :func:`~.tokens.tokenize`), a row prints every cell it has, empty ones
too, and lacks only the cells merged over it from the rows above — the 一级 and 二级
labels at its left. So a row of k cells is the header's last k columns: no reading to
weigh. :func:`grid_rows` lays the rows out so, and gives up (``None``) where a cell
does not fit its column's grammar or a row has values but no name, leaving the table
to the general reading (:mod:`.indicator_rows`).
"""

from __future__ import annotations

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
