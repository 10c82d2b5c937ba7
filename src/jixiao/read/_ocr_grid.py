"""From ruling lines to cell grids, and from OCR words to the cells they sit in.

Rules that cross or touch form one table. Their positions, clustered, are the row and
column boundaries; where an internal boundary has no rule, the two cells are one
merged cell. A word belongs to the cell that holds its centre; a cell's words are
read in lines, top to bottom, left to right.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jixiao.read._crossing import crossing_groups
from jixiao.read._ocr_lines import Rule

__all__ = [
    "Grid",
    "Word",
    "balance_brackets",
    "build_grids",
    "join_words",
    "place_words",
    "text_lines",
]


@dataclass(frozen=True, slots=True)
class Word:
    """A recognised token (a character, or a Latin word) with its box and confidence."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    score: float = 1.0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Grid:
    """Row boundaries ``ys``, column boundaries ``xs`` and the (merged) cells.

    ``spans`` holds ``(row, col, rowspan, colspan)`` for every cell, merged or not;
    ``rules`` are the ruling lines that drew it (horizontal, then vertical).
    """

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    spans: tuple[tuple[int, int, int, int], ...]
    rules: tuple[tuple[Rule, ...], tuple[Rule, ...]] = ((), ())

    @property
    def n_rows(self) -> int:
        return len(self.ys) - 1

    @property
    def n_cols(self) -> int:
        return len(self.xs) - 1

    def cell_at(self, x: float, y: float) -> int | None:
        """Index into ``spans`` of the cell containing point ``(x, y)``, if any."""
        col = bisect_right(self.xs, x) - 1
        row = bisect_right(self.ys, y) - 1
        if not (0 <= row < self.n_rows and 0 <= col < self.n_cols):
            return None
        for i, (r, c, rs, cs) in enumerate(self.spans):
            if r <= row < r + rs and c <= col < c + cs:
                return i
        return None


def build_grids(horizontal: Sequence[Rule], vertical: Sequence[Rule], tol: float) -> list[Grid]:
    """Every table the rules draw (at least two rules each way), top to bottom."""

    def touch(h: Rule, v: Rule) -> bool:
        return h.start - tol <= v.pos <= h.end + tol and v.start - tol <= h.pos <= v.end + tol

    groups = crossing_groups(horizontal, vertical, touch)
    grids = [_grid(hs, vs, tol) for hs, vs in groups if len(hs) >= 2 and len(vs) >= 2]
    return sorted((g for g in grids if g.n_rows and g.n_cols), key=lambda g: g.ys[0])


def _cluster(values: Iterable[float], tol: float) -> tuple[float, ...]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return tuple(sum(g) / len(g) for g in out)


def _covered(rules: Sequence[Rule], pos: float, lo: float, hi: float, tol: float) -> bool:
    """Whether rules at ``pos`` cover most of ``lo``..``hi``."""
    if hi <= lo:
        return True
    cover = sum(
        max(0.0, min(hi, r.end) - max(lo, r.start)) for r in rules if abs(r.pos - pos) <= tol
    )
    return cover >= 0.5 * (hi - lo)


def _grid(hs: Sequence[Rule], vs: Sequence[Rule], tol: float) -> Grid:
    ys = _cluster((h.pos for h in hs), tol)
    xs = _cluster((v.pos for v in vs), tol)
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not _covered(vs, xs[c + 1], ys[r], ys[r + 1], tol):
                parent[find(here)] = find(here + 1)
            if r + 1 < n_rows and not _covered(hs, ys[r + 1], xs[c], xs[c + 1], tol):
                parent[find(here)] = find(here + n_cols)
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            members.setdefault(find(r * n_cols + c), []).append((r, c))
    spans: list[tuple[int, int, int, int]] = []
    for cells in members.values():
        r0, r1 = min(r for r, _ in cells), max(r for r, _ in cells)
        c0, c1 = min(c for _, c in cells), max(c for _, c in cells)
        if len(cells) == (r1 - r0 + 1) * (c1 - c0 + 1):
            spans.append((r0, c0, r1 - r0 + 1, c1 - c0 + 1))
        else:  # not a rectangle: a broken rule, keep the pieces apart
            spans.extend((r, c, 1, 1) for r, c in cells)
    return Grid(xs, ys, tuple(sorted(spans)), (tuple(hs), tuple(vs)))


def place_words(grid: Grid, words: Iterable[Word]) -> tuple[dict[int, list[Word]], list[Word]]:
    """The words in each cell (by index into ``grid.spans``) and the words outside."""
    inside: dict[int, list[Word]] = {}
    outside: list[Word] = []
    for word in words:
        index = grid.cell_at(word.cx, word.cy)
        if index is None:
            outside.append(word)
        else:
            inside.setdefault(index, []).append(word)
    return inside, outside


def text_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into visual lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: w.cy):
        if lines:
            last = lines[-1]
            cy = sum(w.cy for w in last) / len(last)
            height = max(w.height for w in last)
            if abs(word.cy - cy) <= 0.5 * max(height, word.height):
                last.append(word)
                continue
        lines.append([word])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_words(words: Iterable[Word]) -> str:
    """The words' text in reading order: lines joined by a line break; a space only
    between Latin letters or digits set visibly apart."""
    out: list[str] = []
    for line in text_lines(words):
        parts: list[str] = []
        prev: Word | None = None
        for word in line:
            if (
                prev is not None
                and parts
                and _latin(parts[-1][-1:])
                and _latin(word.text[:1])
                and word.x0 - prev.x1 > 0.4 * max(word.height, prev.height)
            ):
                parts.append(" ")
            parts.append(word.text)
            prev = word
        out.append("".join(parts).strip())
    return balance_brackets("\n".join(p for p in out if p))


_PAIRS = {"(": ")", "（": "）", "[": "]", "〔": "〕", "【": "】", "《": "》", "〈": "〉"}
_CLOSERS = frozenset(_PAIRS.values())


def balance_brackets(text: str) -> str:
    """A closing bracket of the wrong shape becomes the partner of the open one.

    OCR confuses ``)``/``）`` and ``]``/``〕``; the printed text pairs brackets of one
    shape, so ``(人次）`` is read as ``(人次)`` and ``〔1991]`` as ``〔1991〕``.
    """
    stack: list[str] = []
    out: list[str] = []
    for ch in text:
        if ch in _PAIRS:
            stack.append(_PAIRS[ch])
        elif ch in _CLOSERS and stack:
            ch = stack.pop()
        out.append(ch)
    return "".join(out)
