"""Which cell a wrapped fragment belongs to: name, target (年度指标值) or actual.

The fragments of one row that precede its weight/score are split into consecutive
cells. Fragments printed on the same line are different cells; across lines a
fragment either continues the current cell or starts the next one. Every way of
choosing the cell boundaries is scored by the shapes of the fragments (an open
parenthesis wants its close, ``部分达成指`` wants ``标并具有一``, a comparison sign
starts a value, a bare unit ``(页)`` ends one) and the cheapest is taken.
"""

from __future__ import annotations

from itertools import combinations
from typing import NamedTuple

from ._text import (
    balanced,
    is_tier,
    is_tier_prefix,
    looks_like_value_start,
    starts_with_operator,
)

__all__ = ["CELLS", "Frag", "continues_cell", "split_cells"]

CELLS = ("name", "target", "actual")


class Frag(NamedTuple):
    """A piece of one cell as printed: its line and its text (a tuple: the cuts of every
    gap make many)."""

    line: int
    text: str


def _tier_open(cur: str) -> bool:
    return is_tier_prefix(cur) and not is_tier(cur)


def continues_cell(kind: str, cur: str, tok: str) -> bool:
    """Does ``tok`` (on a new line) plainly continue the value cell ``cur``?"""
    if not cur:
        return False
    if not balanced(cur):
        return True
    if _tier_open(cur) and is_tier_prefix(cur + tok):
        return True
    return kind != "name" and tok[:1] in "(（" and not starts_with_operator(tok)


def _cont_cost(kind: str, cur: str, tok: str, same_line: bool) -> float:
    if same_line:
        return 2.5 if kind == "name" else 4.0
    if not balanced(cur):
        return 0.0
    if _tier_open(cur) and is_tier_prefix(cur + tok):
        return 0.0
    if tok[:1] in "(（)）":
        return 0.3
    if starts_with_operator(tok):
        return 5.0
    if len(tok) >= 2 and is_tier_prefix(tok):
        return 3.0
    if tok[:1].isdigit():
        return 0.5 if cur[-1:].isdigit() or cur.endswith(".") else 2.5
    return 0.2 if kind == "name" else 1.5


def _boundary_cost(cur: str, tok: str, next_kind: str) -> float:
    if not balanced(cur):
        return 4.0
    if _tier_open(cur) and is_tier_prefix(cur + tok):
        return 3.0
    if tok[:1] in ")）":
        return 3.0
    if tok[:1] in "(（":
        return 2.0
    if next_kind != "name" and not looks_like_value_start(tok):
        return 1.0
    return 0.0


def _cost(frags: list[Frag], kinds: tuple[str, ...], cuts: tuple[int, ...]) -> float:
    cell = 0
    cur = frags[0].text
    total = 0.0
    for i in range(1, len(frags)):
        tok = frags[i].text
        if i - 1 in cuts:
            cell += 1
            total += _boundary_cost(cur, tok, kinds[cell])
            cur = tok
        else:
            same = frags[i].line == frags[i - 1].line
            total += _cont_cost(kinds[cell], cur, tok, same)
            if not same and i + 1 < len(frags) and frags[i + 1].line == frags[i].line:
                total += 1.0  # a wrapped piece seldom shares its line with the next cell
            cur += tok
    return total


def split_cells(frags: list[Frag], kinds: tuple[str, ...]) -> tuple[dict[str, list[Frag]], float]:
    """Split ``frags`` into the consecutive cells ``kinds`` (e.g. name, target, actual).

    Returns the cells and the cost of the chosen split. With fewer fragments than
    cells the first cells stay empty when the fragments look like values, else the
    last ones do.
    """
    out: dict[str, list[Frag]] = {k: [] for k in kinds}
    if not frags or not kinds:
        return out, 0.0
    n = len(kinds)
    if len(frags) < n:
        value_like = starts_with_operator(frags[0].text) or frags[0].text[:1].isdigit()
        chosen = kinds[n - len(frags) :] if value_like else kinds[: len(frags)]
        for kind, frag in zip(chosen, frags, strict=True):
            out[kind].append(frag)
        return out, 0.0
    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in combinations(range(len(frags) - 1), n - 1):
        cost = _cost(frags, kinds, cuts)
        if best is None or cost < best[0]:
            best = (cost, cuts)
    assert best is not None
    cell = 0
    for i, frag in enumerate(frags):
        out[kinds[cell]].append(frag)
        if i in best[1]:
            cell += 1
    return out, best[0]
