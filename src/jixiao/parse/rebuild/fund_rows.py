"""Placing the amounts of a funding row under their columns.

A funding row prints a label and up to six amounts (年初预算数, 全年预算数, 全年执行数,
分值, 执行率, 得分, in the header's order); flattened text drops the empty ones, so
``其中：本年财政拨款 90 89.974 89.974`` has three amounts for six columns. Every way
of keeping the amounts in order is weighed: amounts fill the money columns from the
left, a 分值/得分 belongs to the 年度资金总额 row, and a printed 执行率 must equal
执行数 / 预算数. The reading is taken only when exactly one way is best.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from itertools import combinations

from jixiao.model.labels import FUND_FIELD_LABELS
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_dash, is_number
from jixiao.parse.text import parse_percent

__all__ = ["confirmed", "place_amounts", "total_cut", "unprinted_column"]

_MONEY = ("initial", "adjusted", "executed")
_MAX_COMBINATIONS = 500
_CUT_PRICE = 0.3
"""The cost of each number a cut adds to those printed apart."""
_OVER = 5.0
"""The cost of a source row's amount above the 年度资金总额 row's."""
_SOURCE_POINTS = 6.0
"""The cost of a 分值 or 得分 in a source row: the 年度资金总额 row's, scored once; more
than a money column the total row left empty (which column it left empty, a run of
amounts may not say)."""


def place_amounts(
    values: list[Token],
    columns: list[str],
    total_row: bool,
    explicit: bool,
    bound: Mapping[str, Decimal] | None = None,
) -> dict[str, Token] | None:
    """Column → token for one funding row, or ``None`` when no single reading fits.

    Amounts run together (``194.9194.9100%``) are cut into numbers in every way the
    number grammar allows; the cut is part of the reading that must be the only best.
    ``bound``: the 年度资金总额 row's amounts, which a row of its sources cannot exceed
    (``2020`` under a total of 20 is ``20 20``)."""
    score = _Scorer(columns, total_row, bound or {})
    if explicit and len(values) <= len(columns) and not any(v.glued for v in values):
        # (an amount split out of its label's cell, 其他资金:585.62, has no column printed)
        placed = {c: v for c, v in zip(columns, values, strict=False) if v.text}
        if score(placed) < 1.0:
            return placed  # the printed empty cells put each amount in its column
    shown = [v for v in values if v.text]
    readings = _readings(shown, columns, score)
    if not readings or readings[0][0] == float("inf"):
        return None
    best = [placed for cost, placed in readings if abs(cost - readings[0][0]) < 1e-9]
    if not total_row and _lone_amount(best[0], bound or {}):
        return None
    if any(_amounts(p) != _amounts(best[0]) for p in best[1:]):
        best = [p for p in best if _printed_alike(p)]  # 2456.18 | 2456.18 | 2456.18, not
        if not best or any(_amounts(p) != _amounts(best[0]) for p in best[1:]):  # 2456.1 | …
            return None  # two places for an amount (where a dash goes changes nothing)
    if any(v.glued for v in best[0].values()) and _close_second(readings, best[0]):
        return None  # a cut of digits run together that another cut nearly matches
    return best[0]


_MARGIN = _CUT_PRICE - 1e-9
"""How much cheaper than any other a reading that cut a run of digits must be (a cut's
price): the cut is the arithmetic's, never a near tie's (``8808808801010`` as 8808 |
808 | 80 | 10 | 10 by the 执行率 80/808 ≈ 10%, 0.1 cheaper than one cut fewer)."""


def _close_second(readings: list[tuple[float, dict[str, Token]]], best: dict[str, Token]) -> bool:
    first = readings[0][0]
    alike = _printed_alike(best)
    return any(
        cost - first < _MARGIN
        and _amounts(placed) != _amounts(best)
        and not (alike and not _printed_alike(placed))
        for cost, placed in readings[1:]
    )


def _printed_alike(placed: dict[str, Token]) -> bool:
    """The amounts a run of digits was cut into print as many decimals each (a form
    prints its money columns alike: ``2456.182456.182456.18`` is 2456.18 three times,
    not 2456.1 | 82456.1 | 82456.18): where readings tie, the one that does wins."""
    cut = [t.text for c, t in placed.items() if c in _MONEY and t.glued]
    return len({len(x.partition(".")[2]) for x in cut}) <= 1


def _lone_amount(placed: dict[str, Token], bound: Mapping[str, Decimal]) -> bool:
    """One amount of a source row, nothing beside it to place it by, under a total row
    whose money columns differ: which column it stands in is not printed."""
    money = [c for c in _MONEY if c in placed and not is_dash(placed[c].text)]
    others = [c for c in placed if c not in _MONEY and not is_dash(placed[c].text)]
    return len(money) == 1 and not others and len({bound[c] for c in _MONEY if c in bound}) > 1


def _amounts(placed: dict[str, Token]) -> dict[str, str]:
    return {c: t.text for c, t in placed.items() if not is_dash(t.text)}


def total_cut(token: Token) -> list[Token]:
    """The 总分值 and 总分 of a total row printed run together (``10095`` → 100, 95): cut
    where exactly one cut gives a total weight of at most 100 and a score not above it;
    else the number as printed."""
    fits = []
    for pieces in _splits(token.text, 2) or []:
        if len(pieces) != 2 or any(p.endswith(("%", "％")) for p in pieces):
            continue
        weight, score = (Decimal(p) for p in pieces)
        if 0 < weight <= 100 and score <= weight and score > 0:
            fits.append(pieces)
    if len(fits) != 1 or (is_number(token.text) and Decimal(token.text.rstrip("分")) <= 100):
        return [token]
    return [replace(token, text=p, glued=True) for p in fits[0]]


def _readings(
    shown: list[Token], columns: list[str], score: _Scorer
) -> list[tuple[float, dict[str, Token]]]:
    """Every placing of every cut of the amounts, with its cost; a cut that makes more
    numbers than were printed apart pays for each (a printed number stays whole unless
    the arithmetic says otherwise)."""
    out: list[tuple[float, dict[str, Token]]] = []
    for cut in _cuts(shown, len(columns)):
        if len(cut) > len(columns):
            continue
        pieces = _CUT_PRICE * (len(cut) - len(shown))
        for n, places in enumerate(combinations(range(len(columns)), len(cut))):
            if n >= _MAX_COMBINATIONS:
                return []
            placed = {columns[p]: v for p, v in zip(places, cut, strict=True)}
            out.append((score(placed) + pieces, placed))
    return sorted(out, key=lambda r: r[0])


_RUN = re.compile(r"^[\d.,%]+$")
_PIECE = re.compile(r"(?:0|[1-9]\d{0,11})(?:\.\d{1,4})?%?")
_MAX_CUTS = 2000


def _cuts(tokens: list[Token], width: int) -> list[list[Token]]:
    """``tokens`` with every run of digits cut into its possible numbers (a run that
    reads as one number too keeps that reading among the others), all of them in at
    most ``width`` numbers; none when there are more cuts than can be weighed."""
    out: list[list[Token]] = [[]]
    for k, token in enumerate(tokens):
        text = token.text
        options = [[token]]
        room = width - (len(tokens) - 1)  # the other tokens take a column each
        if _RUN.match(text) and 3 <= len(text) <= 32 and room > 1:
            splits = _splits(text, room)
            if splits is None:
                return []  # too many cuts to weigh: no reading, the text stays whole
            options = [[replace(token, text=p, glued=True) for p in ps] for ps in splits]
        out = [
            done + more
            for done in out
            for more in options
            if len(done) + len(more) + (len(tokens) - k - 1) <= width
        ]
        if len(out) > _MAX_CUTS:
            return []
    return out


def _splits(text: str, parts: int) -> list[list[str]] | None:
    """Every way to read ``text`` as at most ``parts`` numbers one after another;
    ``None`` when there are more than can be weighed."""
    if not text:
        return [[]]
    if parts <= 0:
        return []
    out: list[list[str]] = []
    for end in range(len(text), 0, -1):
        head = text[:end]
        if _PIECE.fullmatch(head) is None:
            continue
        rest = _splits(text[end:], parts - 1)
        if rest is None:
            return None
        out.extend([head, *r] for r in rest)
        if len(out) > _MAX_CUTS:
            return None
    return out


def _number(token: Token | None) -> Decimal | None:
    if token is None or is_dash(token.text):
        return None
    try:
        return parse_percent(token.text)
    except (InvalidOperation, ValueError):
        return None


@dataclass(frozen=True)
class _Scorer:
    """How well a placing of amounts fits the row (lower is better)."""

    columns: list[str]
    total_row: bool
    bound: Mapping[str, Decimal]

    def __call__(self, placed: dict[str, Token]) -> float:
        cost = _cost(placed, self.total_row, self.columns, self.bound)
        # a zero cut out of a run of digits is rarely what was printed
        cost += sum(1.5 for t in placed.values() if t.glued and _number(t) == 0)
        for column in _MONEY:
            value, limit = _number(placed.get(column)), self.bound.get(column)
            if value is not None and limit and value > limit:  # a printed 0 bounds nothing
                cost += _OVER
        return cost


def _cost(
    placed: dict[str, Token], total_row: bool, columns: list[str], bound: Mapping[str, Decimal]
) -> float:
    cost = 0.0
    for column, token in placed.items():
        text = token.text
        if column == "note" or column.startswith("extra"):
            cost += 0.0 if not is_number(text) else 3.0  # a column of text
        elif not (is_number(text) or is_dash(text)):
            return float("inf")
        elif column != "rate" and text.endswith(("%", "％")):
            cost += 2.0  # a percentage is the 执行率
    money = [c for c in _MONEY if c in columns]
    if bound:  # the total row printed no amount in a column: nor do its sources
        money = [c for c in money if c in bound]
        cost += sum(_OVER for c in _MONEY if c in placed and c not in bound and _number(placed[c]))
    filled = [i for i, c in enumerate(money) if c in placed]
    if filled:
        cost += sum(1.0 for i in range(max(filled)) if money[i] not in placed)
    if not total_row:
        cost += sum(_SOURCE_POINTS for c in ("weight", "score") if _own_points(placed, c, bound))
    elif "weight" in columns and "score" in placed and "weight" not in placed:
        cost += 1.0  # a total row printing its 得分 prints the 分值 it is out of
    rate = _number(placed.get("rate"))
    budget = "adjusted" if "adjusted" in columns else "initial"  # 执行率 = B/A of 年初 A
    if rate is not None and rate > 1000:
        cost += 5.0  # no 执行率 is ten times the budget
    if rate is not None:
        close = _rate_close(placed, budget)
        cost += 1.0 if close is None else -1.0 if close else 3.0  # None: nothing to confirm
    weight, score = _number(placed.get("weight")), _number(placed.get("score"))
    if weight is not None and not (0 < weight <= 100):
        cost += 3.0
    if weight is not None and score is not None and score > weight:
        cost += 3.0
    if rate is not None and weight is not None and score is not None:
        cost -= 1.0 if _scored_by_rate(rate, weight, score, placed["score"].text) else 0.0
    return cost


def _own_points(placed: dict[str, Token], column: str, bound: Mapping[str, Decimal]) -> bool:
    """A source row's 分值 or 得分 of its own: printed, and not the 年度资金总额 row's
    printed again after all of the row's amounts (安徽's 其中:本年财政拨款 repeats
    every point of the total's: ``9.489.4810100%10``)."""
    if column not in placed or is_dash(placed[column].text):
        return False
    points = [c for c in ("weight", "score") if c in bound]
    repeated = bool(points) and all(_number(placed.get(c)) == bound[c] for c in points)
    shown = [c for c in (*_MONEY, "rate") if c in bound]  # the row is printed in full
    return not (repeated and shown and all(_number(placed.get(c)) is not None for c in shown))


def _rate_close(placed: dict[str, Token], budget: str) -> bool | None:
    """Whether the printed 执行率 is 执行数 / ``budget`` to the places it is printed with;
    ``None`` where the row prints no rate, no 执行数 or no (non-zero) budget."""
    rate, executed = _number(placed.get("rate")), _number(placed.get("executed"))
    adjusted = _number(placed.get(budget))
    if rate is None or executed is None or not adjusted:
        return None
    places = len(placed["rate"].text.rstrip("%％").partition(".")[2])
    return abs(executed / adjusted * 100 - rate) < Decimal(1).scaleb(-places)


def _scored_by_rate(rate: Decimal, weight: Decimal, score: Decimal, printed: str) -> bool:
    """The budget's 得分 is its 执行率 times its 分值 (at most the 分值), to the places
    it is ``printed`` with: a reading the form's own scoring confirms."""
    places = len(printed.rstrip("%％分").partition(".")[2])
    expected = min(rate, Decimal(100)) / 100 * weight
    return abs(expected - score) <= Decimal(1).scaleb(-places)


_ORDER = tuple(FUND_FIELD_LABELS)
"""The funding table's columns in the order every form prints them (年初预算数 … 得分)."""
_POINTS = ("weight", "score")


def unprinted_column(values: list[Token], columns: list[str]) -> tuple[int, str] | None:
    """Where the funding header left out a column its rows print (a PDF's text puts a
    caption of the last column after the rows): the row prints one number more than the
    header has columns, the header's columns are the standard ones in their order with
    exactly one left out — that one, at its place among them. Else ``None``."""
    shown = [v for v in values if v.text]
    missing = [c for c in _ORDER if c not in columns]
    ordered = [c for c in _ORDER if c in columns] == columns
    if len(shown) != len(columns) + 1 or len(missing) != 1 or not ordered:
        return None
    if not all(is_number(v.text) or is_dash(v.text) for v in shown):
        return None
    column = missing[0]
    return sum(1 for c in columns if _ORDER.index(c) < _ORDER.index(column)), column


def confirmed(placed: dict[str, Token], inferred: str) -> tuple[dict[str, Token], list[Token]]:
    """``placed`` under a header whose ``inferred`` column was not printed, and the
    tokens left out of it: a 分值 and 得分 are kept only where the form's own scoring
    confirms the pair (得分 = 执行率 × 分值), the rest only where the 执行率 is
    执行数 / 预算数 — else those numbers are not placed."""
    rest = {c: t for c, t in placed.items() if c not in _POINTS}
    budget = "adjusted" if "adjusted" in rest else "initial"
    if inferred not in _POINTS and not _rate_close(rest, budget):
        return {}, list(placed.values())
    rate, weight, score = (_number(placed.get(c)) for c in ("rate", *_POINTS))
    scored = rate is not None and weight is not None and score is not None
    if scored and _scored_by_rate(rate, weight, score, placed["score"].text):  # type: ignore[arg-type]
        return placed, []
    return rest, [placed[c] for c in _POINTS if c in placed]
