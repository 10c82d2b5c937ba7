"""Indicator rows of the ``spaced`` layout: anchors, gaps and wrapped fragments.

Every indicator row prints its weight and score (分值 得分) as two plain numbers on
one line, the row's *anchor*. The lines between two anchors hold the end of the
previous row (its wrapped note, the tail of a wrapped actual or name) followed by
the start of the next row (its name and any target/actual printed above its
numbers, occasionally the first line of its note). Each way of cutting such a gap
is scored, and the cheapest kept:

* a note line after a line that ended the note (short, or a full stop) is unlikely,
  and so is a note line wider than the form's note column;
* a row whose anchor lacks its name needs at least one line before it; a name whose
  non-final line is short is unlikely (a wrapped line fills its column);
* a note begun *above* its row's numbers happens, mostly when a page break splits
  the row, and only for a row that prints a note beside its numbers;
* a name goes on below its row's numbers only across a page break;
* a note is expected on a row that lost points and less so on one with full marks
  (偏差原因分析 explains a deduction); when this alone decides a cut, the row gets
  a P004 finding.

Column widths are learnt per form from the lines whose cell is certain (notes
printed beside their numbers, names seen to wrap), with the document's typical
widths as a floor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from ._cells import CELLS, Frag, continues_cell, split_cells
from ._text import ends_sentence, is_number, short_of, slack, width

__all__ = ["Row", "RowLine", "Widths", "build_rows"]


_MAX_PRE = 10
"""Lines a row may print above its numbers (name, wrapped target and actual)."""
_SLOT = re.compile(r"指标\d+\s*[:：]")
"""A template's numbered indicator slot printed before the name (``指标1:工程质量合格``)."""
_MAX_HEAD = 4
"""Lines of a note a row may print above its numbers."""


@dataclass(slots=True)
class RowLine:
    """A table line with label fragments removed."""

    number: int
    toks: list[str]
    first_tok: int
    page_break: bool = False
    """A page begins at or just above this line."""
    label_before: bool = False
    """A level label begins just above this line (or at its start)."""
    text: str = field(init=False)
    bare_width: int = field(init=False, repr=False, compare=False)
    """The width of ``text`` without the punctuation that may hang past a column."""
    span: int = field(init=False, repr=False, compare=False)
    """The width of ``text``."""
    stop: bool = field(init=False, repr=False, compare=False)
    """``text`` ends a sentence."""
    slack: float = field(init=False, repr=False, compare=False)
    """How far short of its column ``text`` may stop and still be wrapped."""
    _frags: list[Frag] | None = field(init=False, repr=False, compare=False, default=None)
    whole: Frag = field(init=False, repr=False, compare=False)
    """The whole line as one fragment (of a note)."""
    _anchor: int | None = field(init=False, repr=False)
    _splits: dict[int, _Split] = field(init=False, repr=False, compare=False, default_factory=dict)
    """When this line is an anchor: how the lines above it split into cells, by the
    first of those lines (the same whatever the column widths; see ``_split_pre``)."""

    def __post_init__(self) -> None:  # ``toks`` is never changed: both computed once
        self.text = " ".join(self.toks)
        self.bare_width = width(self.text.rstrip(_HANGING))
        self.span = width(self.text)
        self.stop = ends_sentence(self.text)
        self.slack = slack(self.text)
        self.whole = Frag(self.number, self.text)
        self._anchor = None
        after = False  # the token after ``j`` is a plain number
        for j in range(len(self.toks) - 1, -1, -1):  # each token tested once
            number = is_number(self.toks[j])
            if number and after:
                self._anchor = j
                break
            after = number

    def anchor_at(self) -> int | None:
        """Index of the weight in ``toks`` (the last pair of plain numbers)."""
        return self._anchor

    def frags(self) -> list[Frag]:
        """Each token as a fragment of a cell: made when the line is first split (every
        cut of a gap splits the same lines)."""
        if self._frags is None:
            self._frags = [Frag(self.number, t) for t in self.toks]
        return self._frags

    def ends_note(self, full: int) -> bool:
        """:func:`_ends_note` of ``text``, from what was found of it once."""
        return self.stop or self.span < full - self.slack


@dataclass
class Widths:
    """Printed column widths (half-width units) of one form."""

    note: int
    name: int | None = None


@dataclass
class Row:
    anchor: RowLine
    weight: str
    score: str
    cells: dict[str, list[Frag]] = field(default_factory=dict)
    note: list[Frag] = field(default_factory=list)
    name_in_pre: bool = False
    """The name's last fragment sits alone on a line above the numbers (it may wrap on)."""
    start: tuple[int, int] = (0, 0)
    by_score: int | None = None
    """First line of a gap whose reading the row's score decided (see ``_split_gap``)."""

    def full_marks(self) -> bool:
        return Decimal(self.score) >= Decimal(self.weight)

    def lines(self) -> set[int]:
        out = {self.anchor.number, *(f.line for f in self.note)}
        for frags in self.cells.values():
            out.update(f.line for f in frags)
        return out


def _ends_note(last: str, full: int) -> bool:
    return ends_sentence(last) or short_of(last, full)


_HANGING = "。，、；：！？.,;"
"""Punctuation that may hang past the end of a full line."""


def _too_wide(text: str, w_note: int) -> bool:
    """Wider than the note column (punctuation may hang past the line end)."""
    return width(text.rstrip(_HANGING)) > w_note + 2


@dataclass
class _Post:
    """Where the lines after a row's anchor go (cell, fragment) and what that costs,
    for every prefix of them (entry ``k``: the first ``k`` lines): the routes of a
    prefix are the prefix of the routes, so one pass serves every cut."""

    routes: list[tuple[str, Frag]]
    ends: list[int]
    """The routes of the first ``k`` lines are ``routes[: ends[k]]``."""
    scored: list[float]
    """The cost with the deduction prior."""
    plain: list[float]
    """The cost without it."""

    def upto(self, k: int) -> list[tuple[str, Frag]]:
        return self.routes[: self.ends[k]]


def _route_post(row: Row, lines: list[RowLine], w: Widths) -> _Post:
    """Send the lines after ``row``'s anchor to its open cells; the cost of doing so
    for every prefix of ``lines``, with the deduction prior and without it.

    With the prior a note is expected on a row that lost points (偏差原因分析
    explains a deduction) and is less likely on a row with full marks.
    """
    actual = "".join(f.text for f in row.cells.get("actual", []))
    note = [f.text for f in row.note]
    full = max([w.note, *(width(t) for t in note)])
    name = row.cells.get("name", [])
    post = _Post([], [0], [0.0], [0.0])
    routes, scored, plain = post.routes, post.scored, post.plain
    no_note = (0.6 if row.full_marks() else 0.1) if not note else 0.0
    last: RowLine | None = None  # the line whose whole text ends ``note``
    for ln in lines:
        by_score, cost = scored[-1], plain[-1]
        toks = ln.toks
        text, frag = ln.text, ln.whole
        wide = ln.bare_width > w.note + 2
        if actual and continues_cell("actual", actual, toks[0]):
            actual += toks[0]
            routes.append(("actual", Frag(ln.number, toks[0])))
            toks = toks[1:]
            if not toks:
                scored.append(by_score)
                plain.append(cost)
                post.ends.append(len(routes))
                continue
            text = " ".join(toks)
            frag = Frag(ln.number, text)
            wide = _too_wide(text, w.note)
        name_open = (
            w.name is not None
            and ln.page_break
            and row.name_in_pre
            and not note
            and name
            and width(name[-1].text) >= w.name - 1
            and width(text) <= w.name
        )
        if name_open:
            routes.append(("name", frag))
            name = [*name, frag]
            scored.append(by_score + 0.4)
            plain.append(cost + 0.4)
            post.ends.append(len(routes))
            continue
        if not note:
            by_score += no_note
            cost += 0.3
        elif last.ends_note(full) if last is not None else _ends_note(note[-1], full):
            by_score += 3.0
            cost += 3.0
        if wide:
            by_score += 3.0
            cost += 3.0
        note.append(text)
        last = ln if text is ln.text else None
        full = max(full, ln.span if last is not None else width(text))
        routes.append(("note", frag))
        scored.append(by_score)
        plain.append(cost)
        post.ends.append(len(routes))
    return post


@dataclass
class _Head:
    """What the cost of reading lines of a gap as the next row's note head needs to
    know of each line, found once per gap."""

    gap: list[RowLine]
    anchor: RowLine
    w: Widths
    later: list[bool] = field(init=False)
    """A page break comes below the line (or at the anchor)."""
    wide: list[bool] = field(init=False)
    """The line is wider than the note column."""
    has_note: bool = field(init=False)
    """The anchor prints a note beside its numbers."""

    def __post_init__(self) -> None:
        j = self.anchor.anchor_at()
        self.has_note = j is not None and len(self.anchor.toks) > j + 2
        self.later = [False] * len(self.gap)
        below = self.anchor.page_break
        for k in range(len(self.gap) - 1, -1, -1):
            self.later[k] = below
            below = below or self.gap[k].page_break
        limit = self.w.note + 2
        self.wide = [ln.bare_width > limit for ln in self.gap]

    def costs(self, m1: int, stop: int) -> list[float]:
        """Cost of reading ``gap[m1:m2]`` as the first lines of the next row's note,
        for every ``m2`` from ``m1`` to ``stop`` (entry ``m2 - m1``)."""
        out = [0.0]
        cost = 0.0
        last: RowLine | None = None
        widest = self.w.note
        for k in range(m1, stop):
            line = self.gap[k]
            if not self.has_note:
                cost += 5.0
            cost += 0.3 if self.later[k] else 1.0
            if last is not None and last.ends_note(widest):
                cost += 3.0
            if self.wide[k]:
                cost += 3.0
            last = line
            widest = max(widest, line.span)
            out.append(cost)
        return out


def _pre_frags(pre: list[RowLine]) -> list[Frag]:
    return [f for ln in pre for f in ln.frags()]


class _Split(NamedTuple):
    """How the lines above an anchor and the anchor's own cells split into cells."""

    cells: dict[str, list[Frag]]
    cost: float
    names: list[Frag]
    """The name's fragments printed above the anchor."""
    widest: int
    """The width of the widest of them (0 when there are none)."""


def _split_pre(pre: list[RowLine], anchor: RowLine) -> _Split:
    """The cells of ``pre`` (the lines just above ``anchor``) and the anchor's own
    cells, and the cost of that split; remembered on the anchor, since every cut of
    every build of the rows asks again (the caller must not change the lists)."""
    key = pre[0].number if pre else anchor.number
    if key not in anchor._splits:
        anchor._splits[key] = _split_pre_once(pre, anchor)
    return anchor._splits[key]


def _split_pre_once(pre: list[RowLine], anchor: RowLine) -> _Split:
    j = anchor.anchor_at() or 0
    a = min(j, 3)
    kinds = CELLS[: 3 - a]
    cells, cost = split_cells(_pre_frags(pre), kinds)
    on_anchor = anchor.frags()[:j]
    if j > 3:  # a name printed with a space in it
        joined = " ".join(anchor.toks[: j - 2])
        on_anchor = [Frag(anchor.number, joined), *on_anchor[j - 2 :]]
    first = 3 - a
    if not pre and on_anchor and _SLOT.match(on_anchor[0].text):
        first = 0  # a template's numbered slot (指标1:) opens the name cell
    for kind, frag in zip(CELLS[first : first + len(on_anchor)], on_anchor, strict=True):
        cells[kind] = [*cells.get(kind, []), frag]
    names = [f for f in cells.get("name", []) if f.line != anchor.number]
    return _Split(cells, cost, names, max((width(f.text) for f in names), default=0))


def _pre_cost(pre: list[RowLine], anchor: RowLine, w: Widths) -> float:
    j = anchor.anchor_at() or 0
    if j >= 3:
        return 10.0 * len(pre)
    if not pre:
        return 10.0
    split = _split_pre(pre, anchor)
    cost, names = split.cost, split.names
    full = w.name if w.name is not None else split.widest
    for f in names[:-1]:
        if short_of(f.text, full):
            cost += 1.0
    if len(names) > 3:
        cost += 2.0 * (len(names) - 3)
    return cost


def _split_gap(
    prev: Row | None, gap: list[RowLine], anchor: RowLine, w: Widths, mark: bool
) -> tuple[list[tuple[str, Frag]], list[RowLine], list[RowLine]]:
    """Cut the lines between two anchors into: previous row's tail (as the routes of
    its fragments to that row's cells), next row's note head, next row's own lines.
    When the scores decided the cut (the cut differs without the deduction prior),
    the previous row is marked for a P004 finding (only when ``mark``)."""
    if not gap:  # two anchors in a row (half the gaps): nothing to cut
        return [], [], []
    post = _route_post(prev, gap, w) if prev is not None else None
    (m1, m2), plain = _best_cuts(post, gap, anchor, w, mark)
    if prev is not None and (m1, m2) != plain:
        prev.by_score = gap[0].number
    return (post.upto(m1) if post is not None else []), gap[m1:m2], gap[m2:]


def _best_cuts(
    post: _Post | None, gap: list[RowLine], anchor: RowLine, w: Widths, mark: bool = True
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The best cut with the deduction prior and, when ``mark`` (else the same cut),
    without it, in one pass: only the previous row's tail cost depends on the prior (no
    previous row: the same cut). Each part's cost is computed once: the tail's and the
    head's for every length in one walk, the next row's own lines' for every start."""
    n = len(gap)
    low = max(0, n - _MAX_PRE)
    pre: dict[int, float] = {}  # by m2, when a cut needs it
    scored = post.scored if post is not None else [0.0]
    plain = post.plain if post is not None and mark else None
    inf = float("inf")  # every cost is finite: the first cut is always taken
    best_s, cut_s = inf, (0, 0)
    best_p, cut_p = inf, (0, 0)
    head_of = _Head(gap, anchor, w)
    for m1 in range(n + 1 if post is not None else 1):
        if m1 + _MAX_HEAD < low:
            continue
        stop = min(m1 + _MAX_HEAD, n)
        heads = head_of.costs(m1, stop)
        tail_s = scored[m1]
        tail_p = plain[m1] if plain is not None else 0.0
        for m2 in range(max(m1, low), stop + 1):
            head = heads[m2 - m1]
            label = 0 < m2 < n and gap[m2].label_before
            bonus = 0.5 if label else 0.0
            if (tail_s + head) - bonus >= best_s - 1e-9 and (
                plain is None or (tail_p + head) - bonus >= best_p - 1e-9
            ):
                continue  # the next row's own lines cost nothing less than 0: no better
            own = pre.get(m2)
            if own is None:
                own = pre[m2] = _pre_cost(gap[m2:], anchor, w)
            cost = tail_s + head + own - bonus
            if cost < best_s - 1e-9:
                best_s, cut_s = cost, (m1, m2)
            if plain is not None:
                cost = tail_p + head + own - bonus
                if cost < best_p - 1e-9:
                    best_p, cut_p = cost, (m1, m2)
    return cut_s, (cut_p if plain is not None else cut_s)


def _new_row(anchor: RowLine, head: list[RowLine], pre: list[RowLine]) -> Row:
    j = anchor.anchor_at()
    assert j is not None
    row = Row(anchor, anchor.toks[j], anchor.toks[j + 1])
    row.cells = dict(_split_pre(pre, anchor)[0])  # its lists are replaced, never changed
    row.note = [ln.whole for ln in head]
    if len(anchor.toks) > j + 2:
        row.note.append(Frag(anchor.number, " ".join(anchor.toks[j + 2 :])))
    last = row.cells["name"][-1] if row.cells["name"] else None
    if last is not None and last.line != anchor.number:  # ``pre`` runs down the page
        at = bisect_left(pre, last.line, key=lambda ln: ln.number)
        row.name_in_pre = at < len(pre) and pre[at].number == last.line and len(pre[at].toks) == 1
    if pre:
        row.start = (pre[0].number, pre[0].first_tok)
    else:
        row.start = (anchor.number, anchor.first_tok)
    return row


def _apply_post(row: Row, routes: list[tuple[str, Frag]]) -> None:
    for cell, frag in routes:
        if cell == "note":
            row.note.append(frag)
        else:
            row.cells[cell] = [*row.cells.get(cell, []), frag]


def build_rows(
    lines: list[RowLine], w: Widths, *, mark: bool = True
) -> tuple[list[Row], list[RowLine]]:
    """Rows of the table; also the lines no row could take (text before any anchor).
    Without ``mark`` no row is marked for a P004 finding (:func:`_split_gap`): the rows
    that only show the form's own column widths are built without the second cut."""
    anchors = [i for i, ln in enumerate(lines) if ln.anchor_at() is not None]
    rows: list[Row] = []
    if not anchors:
        return rows, list(lines)
    start = max(0, anchors[0] - _MAX_PRE - _MAX_HEAD)
    leftover = list(lines[:start])
    prev: Row | None = None
    for i in anchors:
        post, head, pre = _split_gap(prev, lines[start:i], lines[i], w, mark)
        if prev is not None:
            _apply_post(prev, post)
        prev = _new_row(lines[i], head, pre)
        rows.append(prev)
        start = i + 1
    assert prev is not None
    _apply_post(prev, _route_post(prev, lines[start:], w).routes)
    return rows, leftover
