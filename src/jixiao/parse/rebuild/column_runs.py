"""An indicator table taken column by column: every 一级 label, then every 二级, then …

A PDF's text layer and some preview sites emit a table a column at a time: the header,
then the k cells of its first column, the k cells of the next, and so on
(:func:`by_columns`), or each column's header followed by its k cells
(:func:`interleaved`). The rows are rebuilt only where exactly one alignment fits:
every column holds the same number of cells, each cell has the shape its column takes
(一级/二级 labels in theirs, numbers under 分值 and 得分, no number for a name), and the
rows pass the form's own checks (:func:`~jixiao.parse.rebuild.row_check.rows_fit`:
Σ分值 = 总分值, 得分 ≤ 分值 …). The reading row by row is always tried first; this one
is taken only where that found no rows, so the two never both stand.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao.parse.rebuild.indicator_rows import CutRow
from jixiao.parse.rebuild.row_check import Printed, rows_fit
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    LEVEL2_WORDS,
    header_field,
    is_dash,
    is_level1,
    is_level2,
    is_number,
    is_total,
    without_weight,
)

__all__ = ["by_columns", "interleaved"]

_MIN_ROWS = 2
"""A column of one cell is no evidence of the order: a row and a column look alike."""


def _fits(column: str, text: str) -> bool:
    """``text`` has the shape of a cell of ``column``."""
    if header_field(text) is not None or is_total(text):
        return False  # a header or the total is no cell of the body
    if column == "level1":
        return is_level1(text)
    if column == "level2":
        return is_level2(text)
    if is_level1(text) or without_weight(text) in LEVEL2_WORDS:
        return False  # a label only in its own column (群众满意度 may be a name)
    if column in ("weight", "score"):
        return is_number(text) or is_dash(text)
    if column == "name":
        return not is_number(text) and not is_dash(text)
    return True


def _rows(runs: list[list[Token]], columns: list[str], printed: Printed) -> list[CutRow] | None:
    """The rows of equal ``runs`` (one a column), where every cell fits its column and the
    rows pass the form's checks; else ``None``."""
    k = len(runs[0])
    if k < _MIN_ROWS or any(len(r) != k for r in runs):
        return None
    if not all(_fits(c, t.text) for c, run in zip(columns, runs, strict=True) for t in run):
        return None
    pairs = list(zip(columns, runs, strict=True))
    rows = [CutRow({c: [run[r]] for c, run in pairs if not is_dash(run[r].text)}) for r in range(k)]
    return rows if rows_fit(rows, columns, printed) else None


def by_columns(body: list[Token], columns: list[str], printed: Printed) -> list[CutRow] | None:
    """The rows of a ``body`` printed after its header a whole column at a time: as many
    cells as columns times rows, the first k the first column's …; ``None`` unless that
    reading fits."""
    cells = [t for t in body if t.text]
    width = len(columns)
    if width < 3 or not cells or len(cells) % width:
        return None
    k = len(cells) // width
    return _rows([cells[c * k : (c + 1) * k] for c in range(width)], columns, printed)


def interleaved(
    tokens: list[Token], i: int, ends: Callable[[Token], bool], printed: Printed
) -> tuple[list[str], list[Token], list[CutRow], int] | None:
    """Each column's header at ``i`` followed by its cells (三级指标 n₁ … nₖ 年度目标值 v₁ …
    vₖ …) up to a token that ``ends`` the table: the columns, their header tokens, the
    rows and the index after them; ``None`` unless at least three columns with a name
    column, all of k cells, fit."""
    columns: list[str] = []
    heads: list[Token] = []
    runs: list[list[Token]] = []
    j = i
    while j < len(tokens) and not ends(tokens[j]):
        token = tokens[j]
        j += 1
        if not token.text:
            continue
        column = header_field(token.text)
        if column is not None:
            if column in columns:
                return None
            columns.append(column)
            heads.append(token)
            runs.append([])
        elif runs:
            runs[-1].append(token)
        else:
            return None
    if len(columns) < 3 or "name" not in columns:
        return None
    rows = _rows(runs, columns, printed)
    return None if rows is None else (columns, heads, rows, j)
