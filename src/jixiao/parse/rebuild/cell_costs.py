"""What placing a token in a column of an indicator row costs (lower is likelier).

The row builder (:mod:`.indicator_rows`) adds these up over a whole reading: a cell's
fit to its column (a 一级/二级 label, a number for 分值/得分, a value for 年度指标值),
joining tokens into one cell, leaving a column out, ending a row. ``INF`` forbids.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import (
    LEVEL2_WORDS,
    header_field,
    is_dash,
    is_level1,
    is_level2,
    is_noted_label,
    is_number,
    is_op,
    looks_like_value,
    without_weight,
)

__all__ = ["INF", "NUMBER_PIECE", "cell_cost", "skip_cost", "tail_cost"]

INF = float("inf")
NUMBER_PIECE = re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")
"""A number as printed: no leading zero (``0.5`` but not ``05``)."""
_TEXT = frozenset({"name", "target", "actual", "note", "explain"})
_EMPTY_COLUMNS = frozenset({"level1", "level2", "seq", "note"})
"""Columns an empty cell may stand for where empty cells are read as no value's (the
labels of the next row, merged so printed empty, and the last column)."""
_SKIP_FLAT: dict[str, float] = {
    "level1": 0.0,
    "level2": 0.0,
    "seq": 0.5,
    "name": INF,
    "op": 0.4,
    "sign": 0.4,
    "target": 2.0,
    "unit": 0.2,
    "actual": 0.8,
    "weight": 3.0,
    "score": 0.6,
    "note": 0.05,
    "explain": 1.0,
}
"""What leaving a column out of a row costs when empty cells are not printed."""
_SKIP_EXPLICIT = 1.5
"""… and when they are (``|``): any left-out column past the labels is suspect."""
_VERDICT = re.compile(r"^(?:部分|未)?达成(?:预期|年度)?指标")
_VALUE_HEAD = re.compile(r"^[≥≤<>=＞＜]?\d")
_VALUE_IN_NAME = 0.5
_CAPTIONS = frozenset({"绩效指标", "年度绩效指标", "绩效目标"})
_PLACEHOLDER = re.compile(r"^指标\s*\d+")


def tail_cost(columns: list[str], skip: list[float], c: int) -> float:
    """The cost of ending a row after column ``c``: the columns left out, or a fixed
    price for a row of labels only (a 二级指标 printed with no indicator under it)."""
    if columns[c] in ("level1", "level2"):
        return 0.5
    return sum(skip[c + 1 :])


def skip_cost(column: str, explicit: bool) -> float:
    flat = _SKIP_FLAT.get(column, 0.1 if column.startswith("extra") else 0.5)
    if explicit and column not in ("level1", "level2", "note", "seq"):
        return max(flat, _SKIP_EXPLICIT) if flat < INF else flat
    return flat


def _join_cost(group: list[Token]) -> float:
    cost = 0.0
    for t in group[1:]:
        if t.empty:
            return INF
        cost += 0.02 if t.glued else 0.5
    return cost


class _Joined(NamedTuple):
    """What tokens joined into one cell cost in any text column: the joining, the
    labels and verdicts among them, and (in the name column only) values run on."""

    token: Token
    join: float
    labels: float
    in_name: float
    in_value: float


@lru_cache(maxsize=4096)
def _group(group: tuple[Token, ...]) -> _Joined | None:
    """Several tokens as one cell, the same in every text column (weighed once for all
    of them); ``None`` where they make no cell."""
    if group[0].empty or any(is_number(t.text) for t in group):
        return None
    labels = sum(2.5 for t in group if is_level1(t.text) or is_level2(t.text))
    labels += sum(_UNKNOWN_LABEL for t in group if not t.glued and _unknown_level2(t.text))
    labels += sum(3.0 for t in group if _VERDICT.match(t.text))
    labels += sum(1.0 for a, b in itertools.pairwise(group) if a.text == b.text)
    # a value with its unit (0起) run on after a name is a cell
    in_name = sum(_VALUE_IN_NAME for t in group[1:] if _VALUE_HEAD.match(t.text))
    if any(_PLACEHOLDER.match(t.text) for t in group[1:]):
        return None  # 指标2 starts the next row
    if _value_beside_words(list(group)):
        return None  # 1.5亩 其中苹果树种植面积: a value and a name, two cells
    if any(without_weight(t.text) in _CAPTIONS for t in group):
        return None  # a table's caption (repeated after a page break) is no cell's text
    in_value = _NEXT_ROW * sum(
        1
        for a, b, c in zip(group, group[1:], group[2:], strict=False)
        if _VALUE_HEAD.match(a.text) and _name_words(b.text) and _VALUE_HEAD.match(c.text)
    )
    return _Joined(_joined(list(group)), _join_cost(list(group)), labels, in_name, in_value)


_NEXT_ROW = 0.5
"""A value, words and another value in one value cell (``≥500人`` ``解决饮水安全问题人数``
``≥1000人``): rather the next row's name and value run on after this row's, more than
starting a row costs."""


def _name_words(text: str) -> bool:
    return _VALUE_HEAD.match(text) is None and _WORD.search(text) is not None


def cell_cost(
    column: str,
    group: list[Token],
    empty_values: bool = True,
    level2_names: bool = False,
    placed: bool = False,
) -> float:
    """What ``group`` (tokens joined into one cell) costs in ``column``. ``empty_values``:
    an empty cell (padding a line, or a lone bar) may be a value column's empty cell,
    else it stands for a merged label or the last column only; ``level2_names``:
    the table has a 一级 but no 二级 column, so a 二级 word may name a row; ``placed``:
    the text keeps its cells apart (pipes, one a line), so a short caption the
    vocabulary does not know (项目立项, 资金到位率) may be a 一级/二级 label by its place."""
    if len(group) > 1:
        if column not in _TEXT:
            return INF
        joined = _group(tuple(group))
        if joined is None:
            return INF
        labels = joined.labels
        if column == "name":
            labels += joined.in_name
        elif column in ("target", "actual"):
            labels += joined.in_value
        alone = cell_cost(column, [joined.token], empty_values, level2_names)
        return joined.join + labels + alone
    token = group[0]
    text = token.text
    if not empty_values and token.empty and column not in _EMPTY_COLUMNS:
        return INF  # an empty cell stands in no value column: those left out are
    if column == "level1":
        if not text:
            return 0.2
        if not is_level1(text):
            return _UNKNOWN_LABEL + 0.2 if placed and _caption(text) else INF
        return 0.1 if is_level2(text) else 0.0
    if column == "level2":
        if not text:
            return 0.2
        if not is_level2(text):  # 产出指标 under 实施效果指标 (中央预算内投资 tables)
            if is_level1(text) and text.endswith("指标"):
                return 0.3
            return _UNKNOWN_LABEL if (placed or _indicator_word(text)) and _caption(text) else INF
        return 0.0 if without_weight(text).endswith("指标") else 0.8  # 服务对象满意度
    if column == "seq":
        return 0.2 if not text else (0.0 if text.isdigit() and len(text) <= 3 else INF)
    if column in ("op", "sign"):
        return 0.0 if not text or is_op(text) else INF
    if column == "unit":
        if not text:
            return 0.0
        if is_number(text):
            return 1.0  # a number where the unit is printed (a spreadsheet's date serial)
        return 0.1 if len(text) <= 5 and not any(ch.isdigit() for ch in text) else INF
    if column in ("weight", "score"):
        if is_number(text):
            if column == "score" and text.endswith(("%", "％")):
                return INF  # a 得分 is points, never a percentage (a 分值 may be: 权重 20%)
            return INF if column == "weight" and _over_hundred(text) else 0.0
        if not text or is_dash(text):
            return 2.0 if column == "weight" else 0.3
        return INF
    if column.startswith("extra"):
        return 0.0 if not text else (1.0 if is_level1(text) or is_level2(text) else 0.3)
    return _text_cost(column, text, level2_names, placed)


_UNKNOWN_LABEL = 1.0
"""A caption the vocabulary does not know, in a 二级 column by its place (a little more
in a 一级 one): less than leaving a cell out of every row (the text then shifts into
the wrong columns)."""
_CAPTION = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff（()）]{1,11}$")
"""A short caption of Chinese characters (a weight in brackets aside), no sentence."""


def _indicator_word(text: str) -> bool:
    return without_weight(text).endswith("指标")


def _unknown_level2(text: str) -> bool:
    """A caption the vocabulary does not know that ends in 指标 (``日效性指标``, a 时效
    misprinted): a 二级 label by its words, whatever the flattening (a cell of its own,
    not the start of the indicator's name beside it)."""
    return _indicator_word(text) and _caption(text) and not is_level1(text) and not is_level2(text)


def _caption(text: str) -> bool:
    label = without_weight(text)
    return (
        _CAPTION.match(label) is not None
        and header_field(text) is None
        and label.replace(" ", "") not in _CAPTIONS
    )


_WORD = re.compile(r"[\u4e00-\u9fff]{2}")


def _value_beside_words(group: list[Token]) -> bool:
    """Cells printed apart (a form dumped on one line, spaces between its cells) with a
    quantity (``1.5亩``, ``95%``) beside words or another quantity: never one cell (a sign
    before its number, ``≥ 95%``, may be)."""
    if not all(t.spaced and not t.glued for t in group):
        return False
    values = [t for t in group if _VALUE_HEAD.match(t.text)]
    words = any(_WORD.search(t.text) for t in group if t not in values)
    return len(values) > 1 or (bool(values) and words)


def _over_hundred(text: str) -> bool:
    """A weight above 100 points (no indicator is worth more than the whole form)."""
    head = NUMBER_PIECE.match(text.lstrip("+"))
    return head is not None and Decimal(head.group(0)) > 100


_BARE_UNITS = frozenset({"%", "％", "‰"})
_LABEL_NAME = 1.5
"""A 一级/二级 word as an indicator's name where the cells are kept apart (a scorecard's
三级 column prints 社会效益, 满意度): a doubt, settled by the sums (:mod:`.row_check`)."""
_NAME_LENGTH = 10
_PROSE_MARK = re.compile(r"[，,；;。]")
_PROSE_NAME = 1.5
"""A sentence longer than :data:`_NAME_LENGTH` as a name, where the cells are kept apart:
rather the scoring rule or explanation beside the name."""


def _text_cost(column: str, text: str, level2_names: bool, placed: bool) -> float:
    if text and (header_field(text) is not None or without_weight(text) in _CAPTIONS):
        return 3.0  # a header repeated where a page broke the table: stray text
    if column == "name":
        if not text:
            return 2.5
        if _VERDICT.match(text):
            return 3.0  # 达成预期指标 is an actual or a note, never a name
        if is_dash(text):
            return 6.0  # a dash names nothing
        if is_number(text):
            return 3.0
        if level2_names and is_level2(text) and not is_level1(text):
            return 0.5  # no 二级 column: the rows are named by 二级 words (指标名称 数量指标)
        if is_noted_label(text):
            return INF  # 经济效益指标 (选填): the template's label, never a name
        if is_level1(text) or without_weight(text) in LEVEL2_WORDS:
            # a printed 一级/二级 label is hardly ever an indicator's name, but where
            # the cells are kept apart its place may say so (社会效益 under 项目效益)
            return _LABEL_NAME if placed else 3.0
        if is_level2(text):
            return 1.0  # 服务对象满意度: a label or a name
        if placed and len(text) > _NAME_LENGTH and _PROSE_MARK.search(text):
            return _PROSE_NAME  # a sentence: an explanation or a scoring rule, seldom a name
        return 2.5 if text[0] in "≥≤<>=＞＜" else 0.0
    if column in ("target", "actual"):
        if not text:
            return 1.5 if column == "target" else 0.2
        if column == "target" and _VERDICT.match(text):
            return 3.0  # a verdict is what was achieved, not the target
        if _PLACEHOLDER.match(text):
            return 3.0  # the template's 指标2: the next row's name, never a value
        if text in _BARE_UNITS:
            return 2.0  # a unit alone (the 度量单位 cell after its number) is no value
        if is_level1(text) or is_level2(text):
            return 2.0
        return 0.0 if looks_like_value(text) else 0.3
    if column == "explain":  # 指标解释 beside the target: words, seldom left empty
        return 0.0 if text and not is_number(text) else 1.0
    # note
    if not text:
        return 0.0
    if _PLACEHOLDER.match(text):
        return 3.0  # the template's 指标1 / 指标2: a row's name, never a note
    if is_number(text):
        return 2.0
    return 1.5 if is_level1(text) or is_level2(text) else 0.4


def _joined(group: list[Token]) -> Token:
    text = group[0].text
    for t in group[1:]:
        text += t.text if t.glued else " " + t.text
    return Token(text, group[0].line, group[0].row, group[0].glued)
