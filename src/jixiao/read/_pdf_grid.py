"""Rules → table grids: boundaries, and cells with their merges.

Rules that touch form one table. Its column boundaries are the positions of its
vertical rules (and the ends of its horizontal ones, for tables without side borders),
its row boundaries likewise. Two neighbouring grid squares belong to one cell when no
rule separates them, so a missing internal rule is a span.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from jixiao.read._crossing import crossing_groups
from jixiao.read._pdf_rules import TOLERANCE, Rule

__all__ = ["Grid", "GridCell", "find_grids"]


GridCell = tuple[int, int, int, int]
"""A cell of a grid: its first square and how many it spans, ``(row, col, rowspan,
colspan)``. A plain tuple: a page has hundreds, and the garbage collector stops
watching a plain tuple of numbers, never a named tuple's instances."""


@dataclass(frozen=True)
class Grid:
    """A table found on a page: boundaries (top-down y) and its cells."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[GridCell, ...]

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1


def find_grids(horizontal: list[Rule], vertical: list[Rule]) -> list[Grid]:
    """Every table the rules draw, top to bottom."""
    grids = []
    for hs, vs in _components(horizontal, vertical):
        grid = _grid(hs, vs)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: (g.ys[0], g.xs[0]))


def _touch(h: Rule, v: Rule) -> bool:
    tol = TOLERANCE
    return h.start - tol <= v.at <= h.end + tol and v.start - tol <= h.at <= v.end + tol


def _components(
    horizontal: list[Rule], vertical: list[Rule]
) -> list[tuple[list[Rule], list[Rule]]]:
    return [g for g in crossing_groups(horizontal, vertical, _touch) if g[0] and g[1]]


def _cluster(values: list[float]) -> tuple[float, ...]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][0] <= TOLERANCE:
            out[-1].append(value)
        else:
            out.append([value])
    return tuple(sum(group) / len(group) for group in out)


def _grid(hs: list[Rule], vs: list[Rule]) -> Grid | None:
    xs = _cluster([v.at for v in vs] + [min(h.start for h in hs), max(h.end for h in hs)])
    ys = _cluster([h.at for h in hs] + [min(v.start for v in vs), max(v.end for v in vs)])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    if n_rows < 1 or n_cols < 1 or n_rows * n_cols < 2:
        return None
    v_at = _by_boundary(vs, xs)
    h_at = _by_boundary(hs, ys)
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # each group's root is its first square, whatever order the squares are joined in
    for c in range(n_cols - 1):
        for r in _uncovered(v_at[c + 1], ys):
            union(r * n_cols + c, r * n_cols + c + 1)
    for r in range(n_rows - 1):
        for c in _uncovered(h_at[r + 1], xs):
            union(r * n_cols + c, (r + 1) * n_cols + c)
    cells = _cells(n_rows, n_cols, [find(i) for i in range(n_rows * n_cols)])
    if len(cells) < 2:
        return None
    return Grid(xs, ys, tuple(cells))


def _by_boundary(rules: list[Rule], bounds: tuple[float, ...]) -> list[list[Rule]]:
    """Each rule by the boundary (ascending) nearest to it, the lower one on a tie;
    rules further than 1.5 tolerances from every boundary are left out."""
    out: list[list[Rule]] = [[] for _ in bounds]
    last = len(bounds) - 1
    for rule in rules:
        i = min(bisect_left(bounds, rule.at), last)
        if i and abs(bounds[i - 1] - rule.at) <= abs(bounds[i] - rule.at):
            i -= 1
        if abs(bounds[i] - rule.at) <= TOLERANCE * 1.5:
            out[i].append(rule)
    return out


def _uncovered(rules: list[Rule], bounds: tuple[float, ...]) -> list[int]:
    """The intervals ``bounds[k]..bounds[k + 1]`` (by ``k``) along which none of
    ``rules`` runs for at least half: where the squares on either side of the boundary
    of ``rules`` join (one call a boundary, no call a rule)."""
    out = []
    for k in range(len(bounds) - 1):
        start, end = bounds[k], bounds[k + 1]
        half = 0.5 * (end - start)
        for rule in rules:
            if (rule.end if rule.end < end else end) - (
                rule.start if rule.start > start else start
            ) >= half:
                break
        else:
            out.append(k)
    return out


def _cells(n_rows: int, n_cols: int, roots: list[int]) -> list[GridCell]:
    """Each group of squares as one cell; a group that is not a rectangle (a rule
    missing in an odd place) falls back to one cell per square. ``roots`` holds each
    square's group as the group's first square (row by row); the cells come in the
    order of their first squares."""
    extent: dict[int, list[int]] = {}  # group → [squares, first col, last col, last row]
    for i, root in enumerate(roots):
        row, col = divmod(i, n_cols)
        found = extent.get(root)
        if found is None:
            extent[root] = [1, col, col, row]
            continue
        found[0] += 1
        if col < found[1]:
            found[1] = col
        elif col > found[2]:
            found[2] = col
        found[3] = row
    cells = []
    for i, root in enumerate(roots):
        count, c0, c1, r1 = extent[root]
        if count == 1:
            cells.append((i // n_cols, i % n_cols, 1, 1))
            continue
        r0 = root // n_cols
        if (r1 - r0 + 1) * (c1 - c0 + 1) != count:
            cells.append((i // n_cols, i % n_cols, 1, 1))
        elif i == root:
            cells.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
    return cells
