"""Whether a reading of the indicator rows can be trusted: the form's own arithmetic.

Rows cut from text without separators are a proposal. They are kept only when the
form confirms them: the 分值 of the rows add up to the printed 总分值 (less the
budget's own weight), or, on a form without weights, the rows read as a name and a
target each with no 一级/二级 label run into a cell. Otherwise the text stays whole
with a finding, never in wrong fields.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.parse.rebuild.indicator_rows import CutRow, explaining, number_cuts
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    LEVEL1_WORDS,
    LEVEL2_WORDS,
    is_level1,
    is_level2,
    is_number,
    looks_like_value,
)
from jixiao.parse.text import parse_percent

__all__ = [
    "Printed",
    "aligned",
    "column_sum",
    "doubtful",
    "expected_scores",
    "expected_weights",
    "points",
    "rows_fit",
    "scores_add_up",
]

_SHARE = 0.85
_TEXT = ("name", "target", "actual")
_VALUE_END = re.compile(r"(?<!指标)(?<=[\u4e00-\u9fff])\d+(?:\.\d+)?[\u4e00-\u9fff%‰]{0,2}$")
_VERDICT = re.compile(r"达成(?:预期|年度)?指标|部分达成|未达成")
_PERCENT = re.compile(r"\d+(?:\.\d+)?\s*[%％]")
_LEVEL_INSIDE = re.compile(
    "|".join(w for w in (*LEVEL1_WORDS, *LEVEL2_WORDS) if w.endswith("指标"))
)
"""On a form without weights, at least this share of rows must have a value-like target."""


def points(text: str) -> Decimal | None:
    """A cell's number (``12.5``, ``12.5分``, ``95%``), ``None`` when it holds none."""
    try:
        return parse_percent(text.rstrip("分"))
    except (InvalidOperation, ValueError):
        return None


def _text(row: CutRow, column: str) -> str:
    return "".join(t.text for t in row.cells.get(column, ()))


def _is_value(text: str) -> bool:
    """A target that reads as a value: short, with a number, a sign or a verdict word
    (a long sentence is an explanation that ran into the target's place)."""
    return len(text) <= _VALUE_LENGTH and looks_like_value(text)


_VALUE_LENGTH = 30


def _bad_name(name: str, confirmed: bool = False) -> bool:
    """A number, a value, an item's number, or a bare label where an indicator's name
    should be (a bare
    label may name a row of a scorecard, 满意度 under 项目效益, where the ``confirmed``
    arithmetic says the rows are cut right)."""
    bare = name in _BARE and not confirmed
    unworded = not any(ch.isalpha() for ch in name)  # 1. or ……: a template's numbering
    quantity = _QUANTITY.fullmatch(name) is not None  # 1.5亩, 180只: a value
    bad = is_number(name) or name[:1] in "≥≤<>=" or quantity
    return bad or bare or unworded or len(name) < 2


def _confirmed(rows: list[CutRow], printed: Printed, cells_kept: bool) -> bool:
    """The cells were kept apart and the rows' 分值 and 得分 both add up to the printed
    总分值 and 总分."""
    if not cells_kept or printed.total_weight is None:
        return False
    return scores_add_up(rows, printed) and _weights_add_up(rows, printed)


def _weights_add_up(rows: list[CutRow], printed: Printed) -> bool:
    """Σ 分值 of the rows is what the printed 总分值 allows (:func:`expected_weights`)."""
    total = column_sum(rows)
    if total is None:
        return False
    return any(abs(total - e) < Decimal("0.01") for e in expected_weights(printed))


_TWICE = re.compile(r"(\d+(?:\.\d+)?[\u4e00-\u9fff%％]{1,3})\1")
"""A quantity printed twice: a target and its actual, never one cell."""
_QUANTITY = re.compile(r"\d+(?:\.\d+)?\s*(?:[%％‰]|[\u4e00-\u9fff]{1,2})")
"""A number and its unit, nothing else (``1.5亩``, ``180只``, ``95%``)."""
_BARE = frozenset({"指标", "产出", "效益", "满意度", "成本", "效果"})


def _run_into(row: CutRow, column: str, columns: list[str], cells_kept: bool) -> bool:
    """A 一级/二级 label inside a cell, other than a name that is a label word: in a
    table without a 二级指标 column naming its rows by them (指标类型 | 指标名称:
    产出指标 | 数量指标), or printed as one cell of its own beside the row's 二级 label
    (成本指标 | 社会成本指标: a 三级 worded as a label, the cells kept apart)."""
    text = _text(row, column)
    if column == "name" and is_level2(text) and _named_as_label(row, columns, cells_kept):
        return False
    return _LEVEL_INSIDE.search(text) is not None


def _named_as_label(row: CutRow, columns: list[str], cells_kept: bool) -> bool:
    if "level2" not in columns:
        return True
    level2 = _text(row, "level2")
    one_cell = len(row.cells.get("name", ())) == 1
    return cells_kept and one_cell and is_level2(level2)


def _one_shape(rows: list[CutRow]) -> bool:
    """The rows print their numbers alike: every 分值 as a percentage (权重 20%) or none,
    and a 得分 in every row with a 分值 or in none."""
    weights = [_text(r, "weight") for r in rows if _text(r, "weight")]
    if len({w.endswith(("%", "％")) for w in weights}) > 1:
        return False
    return len({bool(_text(r, "score")) for r in rows if _text(r, "weight")}) <= 1


def _swallowed(row: CutRow) -> bool:
    """The name ends in a number and its unit (``…变压器3台``) where that may be the
    target run into it: not where the name was printed apart, as one cell (``flat``)."""
    name = row.cells.get("name", [])
    return bool(name) and not name[-1].spaced and _VALUE_END.search(_text(row, "name")) is not None


def column_sum(rows: list[CutRow], column: str = "weight") -> Decimal | None:
    """Σ 分值 (or Σ 得分) of the rows (a row printing none adds nothing: a breakdown row
    such as ``其中桃树种植面积``), ``None`` when no row prints one."""
    weights = [points(_text(r, column)) for r in rows if "name" in r.cells]
    printed = [w for w in weights if w is not None]
    return sum(printed, Decimal(0)) if printed else None


@dataclass(frozen=True)
class Printed:
    """What the form prints beside its indicator rows to check them against."""

    total_weight: Decimal | None = None
    total_score: Decimal | None = None
    fund_weight: Decimal | None = None
    fund_score: Decimal | None = None
    cut: bool = False
    """The excerpt ends inside the table: its last row may lack the cells after it."""


def scores_add_up(rows: list[CutRow], printed: Printed) -> bool:
    """Σ 得分 of the rows is the printed 总分 (less the budget's own score)."""
    expected = expected_scores(printed)
    total = column_sum(rows, "score")
    if total is None:
        return False
    return any(abs(total - e) < Decimal("0.01") for e in expected)


def expected_scores(printed: Printed) -> set[Decimal]:
    """What Σ 得分 of the rows may be: the printed 总分, with or without the budget's
    score (none when no 总分 is printed)."""
    if printed.total_score is None:
        return set()
    return {printed.total_score, printed.total_score - (printed.fund_score or Decimal(0))}


def expected_weights(printed: Printed) -> set[Decimal]:
    """What Σ 分值 of the rows may be: the printed 总分值 with or without the budget's
    weight, or (none printed) 100 or 90 with or without it."""
    budget = printed.fund_weight or Decimal(0)
    if printed.total_weight is not None:
        return {printed.total_weight - budget, printed.total_weight}
    return {Decimal(100) - budget, Decimal(100), Decimal(90)}


def rows_fit(
    rows: list[CutRow],
    columns: list[str],
    printed: Printed,
    cells_kept: bool = True,
    stray: Sequence[Token] = (),
) -> bool:
    """True when the form's arithmetic (or, without weights, its values; without a
    printed 总分值, the grid of cells kept apart: :func:`aligned`) confirms ``rows``.

    ``cells_kept``: the text kept the cells apart (pipes, one a line); where it did not,
    a form without weights must also read a value in most rows' 年度指标值. A row whose
    得分 is above its 分值 (a bonus) is read only where the printed 总分值 and 总分 both
    add up."""
    named = [r for r in rows if "name" in r.cells]
    if not named:
        return False
    if not cells_kept and any(is_level1(t.text) or is_level2(t.text) for t in stray):
        return False  # a 一级/二级 label left out of every row: the rows run into each other
    if any(_bad_name(_text(r, "name"), _confirmed(rows, printed, cells_kept)) for r in named):
        return False
    if not cells_kept and any(_swallowed(r) for r in named):
        return False  # a name ending in a number and unit swallowed its target
    if not cells_kept and any(_TWICE.search(_text(r, "name")) for r in named):
        return False  # …豪华墓32座32座20…: a target and an actual inside a name
    if not cells_kept and any(_text(r, "actual") and not _text(r, "target") for r in named):
        return False  # 受训教师人数效果明显 | 达成预期指标: the name may hold its target
    if not cells_kept and not _one_shape(named):
        return False  # 11% | 1% | 0 beside 89 | 1 | 1 | 1: the numbers are cut differently
    if any(_run_into(r, c, columns, cells_kept) for r in named for c in (*_TEXT, "note")):
        return False  # a 一级/二级 label inside a cell: rows run into each other
    if any(len(_PERCENT.findall(_text(r, c))) > 1 for r in named for c in _TEXT):
        return False  # two percentages in one cell: cells run into each other
    if any(_VERDICT.search(_text(r, c)) for r in named for c in ("name", "target")):
        return False  # a verdict (达成预期指标) is an actual, never inside a name or target
    bonus = False
    for r in named:  # 得分 ≤ 分值 on every row, but for a bonus the totals confirm
        weight, score = points(_text(r, "weight")), points(_text(r, "score"))
        bonus = bonus or (weight is not None and score is not None and score > weight)
    if bonus and (printed.total_weight is None or not scores_add_up(rows, printed)):
        return False
    if "weight" not in columns:
        whole = named[:-1] if printed.cut and len(named) > 1 else named  # the last row cut off
        targeted = sum(1 for r in whole if _text(r, "target") or _stated(r, cells_kept))
        valued = sum(1 for r in whole if _is_value(_text(r, "target")))
        return targeted >= _SHARE * len(whole) and (
            cells_kept or valued >= _SHARE * len(whole) or _every_cell(rows, columns, stray)
        )
    if any("weight" in r.unsure for r in named):
        return False  # a 分值 the arithmetic does not settle: the sum checks nothing
    if _weights_add_up(rows, printed):
        return True
    # no 总分值 printed (an excerpt that stops early): the grid itself may confirm
    if printed.total_weight is not None:
        return False
    return aligned(rows, columns, stray) if cells_kept else _every_cell(rows, columns, stray)


def _stated(row: CutRow, cells_kept: bool) -> bool:
    """A row whose 三级指标 is a sentence with no value beside it, the cells kept apart
    (``增加就业机会,提高农民收入。``): an indicator stated in one merged cell, its target
    in its words."""
    name = _text(row, "name")
    return cells_kept and len(name) >= _STATED and _PROSE.search(name) is not None


_STATED = 10
_PROSE = re.compile(r"[，,；;。]")


def _every_cell(rows: list[CutRow], columns: list[str], stray: Sequence[Token]) -> bool:
    """Every row of a text that drops empty cells prints each column from 三级指标 on,
    one token a cell, and no token is left out: the rows' cells can then be placed one
    way only, whatever the sums."""
    if any(t.text for t in stray) or not rows:
        return False
    needed = columns[columns.index("name") :]
    for row in rows:
        cells = {c: [t for t in ts if t.text] for c, ts in row.cells.items()}
        if any(len(cells.get(c, ())) != 1 for c in needed):
            return False
    return True


def aligned(rows: list[CutRow], columns: list[str], stray: Sequence[Token] = ()) -> bool:
    """Every cell of the text placed, and every row a run of neighbouring columns up to
    the last (its merged labels at the left left out): where the cells are kept apart
    there is then one way to put them in the columns, whatever the sums."""
    if any(t.text for t in stray):
        return False
    last = len(columns) - 1 if columns[-1] == "note" else len(columns)
    for row in rows:  # a row's empty 偏差原因 at the end may be dropped with its cell
        cols = [columns.index(c) for c in row.cells]
        if cols[-1] < last - 1 or cols != list(range(cols[0], cols[-1] + 1)):
            return False
        if "name" not in row.cells:
            return False
    return bool(rows)


_SATISFACTION = re.compile(r"满意")
_BARE_NUMBER = re.compile(r"[≥≤<>=＞＜]?(\d+(?:\.\d+)?)")
_NUMBER_COLUMNS = ("actual", "weight", "score")


def _open_run(row: CutRow, column: str, text: str, columns: Sequence[str]) -> bool:
    """``text`` in ``column`` is a bare number (no unit) of which the number grammar
    makes two, and a number column after it in ``columns`` is empty in ``row``."""
    bare = _BARE_NUMBER.fullmatch(text)
    if bare is None or column not in columns or not number_cuts(bare.group(1), 2):
        return False
    later = columns[columns.index(column) + 1 :]
    return any(c in _NUMBER_COLUMNS and not _text(row, c) for c in later)


_DOUBT_LENGTH = 8


def _explanation_run_in(row: CutRow, columns: Sequence[str]) -> bool:
    """The column after 三级指标 explains it (指标说明) and is empty in ``row``: its
    words may have run into the name (``享受资助人数达到预计值``), so where the name
    ends is not known."""
    if "name" not in columns:
        return False
    after = columns[columns.index("name") + 1 : columns.index("name") + 2]
    return bool(after) and explaining(after[0]) and not _text(row, after[0])


def doubtful(row: CutRow, columns: Sequence[str] = ()) -> list[str]:
    """The columns of ``row`` (cut from text without separators) whose reading is not
    certain: a 年度指标值 / 实际完成值 cut out of a run, of long words that read as no
    value (a reason or the next name ran into it), a satisfaction rate above 100 %
    (a scan's ≥ read as 2: ``290%``; the other of the two is then unsure too: a scan
    may print them in either order), or (given the table's ``columns``) a bare number
    that could be numbers run together while a number column after it is empty
    (``≤0.1814`` with no 实际完成值 or 得分: ≤0.18 | 1 | 4?)."""
    out = sorted(row.unsure)
    name = _text(row, "name")
    if name and "name" not in out and _explanation_run_in(row, columns):
        out.append("name")
    for column in ("target", "actual"):
        text = _text(row, column)
        if not text or column in out:
            continue
        if _open_run(row, column, text, columns):
            out.append(column)
            continue
        glued = any(t.glued for t in row.cells[column])
        if glued and len(text) > _DOUBT_LENGTH and not looks_like_value(text):
            out.append(column)
            continue
        bare = text.lstrip("≥≤<>=＞＜")
        value = points(bare) if _PERCENT.fullmatch(bare) else None
        if _SATISFACTION.search(name) and value is not None and value > 100:
            # which of the two the damaged one is, and so the other's column, is unsure
            out += [c for c in ("target", "actual") if c not in out]
    return out
