"""A column header printed in two rows, flattened into one run of cells.

A table's header may stack its captions: ``指标`` over ``分值``, ``县级`` over ``评分``,
the cells of the first row spanning two rows (序号, 一级指标 …) printed once. Flattened
one cell after another, the upper parts come first and the lower parts after them:
``… 指标说明 指标 县级 市级 | 分值 评分 评分``. :func:`join_header_rows` puts each
upper part back together with the lower part under it, where every pair reads as a
column the vocabulary knows and neither part does alone.

A bare ``指标`` heads the name column when the header printed after it names other
columns but no name column (``指标 | 指标权重 | 计量单位 | 指标性质 | 指标值``);
elsewhere it is the upper part of a stacked caption, or of a vertical ``绩效`` / ``指标``.
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import header_field

__all__ = ["join_header_rows", "name_column_headings"]

_MAX_STACKED = 6
"""At most this many columns are stacked in one header."""
_MAX_PART = 4
"""A stacked caption's part is a short word."""
_BARE_NAME = "指标"
_NAMED = "指标名称"
_MIN_AFTER = 3
"""Columns a header must name after a bare ``指标`` for it to head the name column."""


def name_column_headings(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each bare ``指标`` that heads a header's name column read as
    ``指标名称``: at least :data:`_MIN_AFTER` column headers follow it, and no name
    column is printed just before or after it (else it is the upper half of a wrapped
    caption, ``指标`` / ``权重``)."""
    out = list(tokens)
    for i, token in enumerate(tokens):
        if token.text != _BARE_NAME:
            continue
        after = [header_field(t.text) for t in tokens[i + 1 : i + 1 + _MIN_AFTER]]
        before = [header_field(t.text) for t in tokens[max(0, i - _MIN_AFTER) : i]]
        if all(f is not None and f != "name" for f in after) and "name" not in before:
            out[i] = replace(token, text=_NAMED)
    return out


def join_header_rows(tokens: list[Token]) -> list[Token]:
    """``tokens`` with each two-row header run (uppers, then lowers) joined pairwise."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        joined = _stacked_at(tokens, i)
        if joined is None:
            out.append(tokens[i])
            i += 1
            continue
        merged, end = joined
        out.extend(merged)
        i = end
    return out


def _stacked_at(tokens: list[Token], i: int) -> tuple[list[Token], int] | None:
    """The run of cells starting at ``i`` with its last upper parts joined to the lower
    parts after them, and the index after those; ``None`` when no stacked header ends
    the run of short words starting there."""
    if not _part(tokens[i]) or (i and _part(tokens[i - 1])):
        return None  # a run of upper parts starts after a cell that is none
    run: list[Token] = []
    j = i
    while j < len(tokens) and _part(tokens[j]) and len(run) < _MAX_STACKED:
        run.append(tokens[j])
        j += 1
    while j < len(tokens) and tokens[j].empty:
        j += 1
    for k in range(len(run), 1, -1):
        uppers, lowers = run[-k:], tokens[j : j + k]
        if len(lowers) == k and all(
            lower.text and _joins(a.text, lower.text)
            for a, lower in zip(uppers, lowers, strict=True)
        ):
            merged = [replace(a, text=a.text + b.text) for a, b in zip(uppers, lowers, strict=True)]
            return run[:-k] + merged, j + k
    return None


def _part(token: Token) -> bool:
    """A short word that names no column alone (``指标``, ``县级``)."""
    text = token.text
    return 0 < len(text) <= _MAX_PART and header_field(text) is None and text.isalpha()


def _joins(upper: str, lower: str) -> bool:
    return header_field(upper + lower) is not None
