"""The old scoring sheet: every tier of labels weighted, its rows read by the weights.

Before the 产出/效益/满意度 table, a project was scored on a sheet of 决策 / 管理 / 绩效
(or 投入 / 过程 / 产出 / 效果) whose header prints a 分值 after each tier:
``一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分``, or the weight inside the
label (``决策(20分)``). Its labels are the unit's own words, so no vocabulary tells a
一级 label from a 二级 one or from an indicator's name; the weights do. A label is
printed with its weight alone, an indicator with its weight and score; the indicators
under a 二级 label add up to its weight, the 二级 labels under a 一级 label to the 一级
weight. :func:`tiered_rows` reads the rows where those sums close exactly, and leaves
the table to the general reading (``None``) where they do not. A sheet cut off in the
middle keeps the blocks whose sums closed; the rest is stray text.

A sheet whose header prints no 分值 column (``一级指标 | 二级指标 | 三级指标 | 得分``)
prints every weight inside its label, an indicator's too (``相关性(5分) 5``): there an
indicator is a weighted label with one number after it, its 得分. Text taken from a PDF
breaks such a label where its cell wrapped (``部门决 策(25分)``); in a sheet where every
label is weighted, a piece printed with no weight before a weighted one on its line is
the start of that label.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.parse.rebuild.anchors import decimal
from jixiao.parse.rebuild.indicator_rows import CutRow, Reading
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_number, printed_weight, without_weight

__all__ = ["TIER_COLUMNS", "opens_weighted", "set_aside", "tiered_rows"]

TIER_COLUMNS = ["level1", "level2", "name", "weight", "score"]
"""The columns :func:`tiered_rows` fills."""


@dataclass(frozen=True)
class _Group:
    """A label or an indicator: its text and the numbers printed after it."""

    label: Token
    numbers: tuple[Token, ...]
    inside: bool = False
    """The sheet prints every weight inside its label (no 分值 column)."""

    @property
    def weight(self) -> Decimal | None:
        if self.leaf:
            return decimal(self._leaf_weight.text)
        inside = printed_weight(self.label.text)
        if inside is not None and not self.numbers:
            return Decimal(inside)
        return decimal(self.numbers[0].text) if len(self.numbers) == 1 and not inside else None

    @property
    def leaf(self) -> bool:
        """An indicator: its 分值 and 得分 printed after its name (or its 分值 inside
        its name and its 得分 after it, where the sheet has no 分值 column)."""
        if self.inside:
            return len(self.numbers) == 1 and printed_weight(self.label.text) is not None
        return len(self.numbers) == 2

    @property
    def _leaf_weight(self) -> Token:
        if self.inside:
            return replace(self.label, text=printed_weight(self.label.text) or "")
        return self.numbers[0]

    @property
    def cells(self) -> dict[str, list[Token]]:
        """An indicator's name, 分值 and 得分."""
        name = _bare(self.label) if self.inside else self.label
        return {"name": [name], "weight": [self._leaf_weight], "score": [self.numbers[-1]]}


class _Mismatch(Exception):
    """The weights do not close: the sheet is not read this way."""


_Block = tuple[Decimal, "_Group | None", list[_Group]]
"""A 二级 label's weight, the label (``None``: an indicator right under the 一级 label)
and its indicators."""


def set_aside(tokens: list[Token], columns: list[str]) -> tuple[list[Token], list[Token]]:
    """The labels, 分值 and 得分 of a sheet's body, and the text set aside from them:
    the text printed between an indicator's 分值 and its 得分 (指标解释, 评分标准) where
    the header prints columns between the indicators' 分值 and 得分. The 序号 1, 2, 3 …
    opening the rows (a number where the row before has closed, next in the count), where
    the header prints a 序号 column, are neither: the column holds no field. (A
    department's evaluation sheet: ``序号 | 一级指标 | 二级指标 | 三级指标 | 指标分值 |
    指标解释 | 评分标准 | 自评得分``.)"""
    seq = "seq" in columns
    after = columns[columns.index("name") + 1 :] if "name" in columns else []
    between = "weight" in after and "score" in after
    between = between and after.index("score") > after.index("weight") + 1
    kept: list[Token] = []
    aside: list[Token] = []
    count = 1
    scoring = False  # after an indicator's 分值, before its 得分
    for token in (t for t in tokens if t.text):
        number = is_number(token.text)
        closed = not kept or (len(kept) >= 2 and all(is_number(t.text) for t in kept[-2:]))
        if seq and number and token.text == str(count) and closed:
            count += 1
            continue
        if scoring and not number:
            aside.append(token)
            continue
        last = kept[-1].text if kept else ""
        scoring = between and number and bool(last) and not is_number(last)
        scoring = scoring and printed_weight(last) is None
        kept.append(token)
    return kept, aside


def opens_weighted(tokens: list[Token], inside: bool) -> bool:
    """The first two labels of ``tokens`` print their weights (``决策(20分)`` then
    ``项目立项(8分)``); ``inside``: the sheet has no 分值 column."""
    groups = _groups([t for t in tokens if t.text], inside)
    return len(groups) >= 2 and all(printed_weight(g.label.text) for g in groups[:2])


def tiered_rows(body: list[Token], inside: bool = False) -> Reading | None:
    """The indicator rows of an old scoring sheet's ``body`` (see the module), or
    ``None`` where its weights do not read it one way. ``inside``: the sheet has no
    分值 column (every weight is printed inside its label)."""
    groups = _groups([t for t in body if t.text], inside)
    rows: list[CutRow] = []
    i = 0
    try:
        while i < len(groups):
            if _cut_off(groups, i):
                return (rows, [groups[i].label]) if rows else None
            top = groups[i]
            need = top.weight
            if top.leaf or need is None:
                raise _Mismatch
            i += 1
            while need > 0:
                block = _block(groups, i)
                if block is None:  # cut off: the blocks whose sums closed stand
                    stray = [t for g in groups[i:] for t in (g.label, *g.numbers)]
                    return (rows, stray) if rows else None
                (weight, middle, leaves), i = block
                need -= weight
                rows += [_row(top, middle, leaf) for leaf in leaves]
            if need < 0:
                raise _Mismatch
    except _Mismatch:
        return None
    return (rows, []) if rows else None


def _block(groups: list[_Group], i: int) -> tuple[_Block, int] | None:
    """The indicator at ``i`` (right under the 一级 label), or the 二级 label at ``i``
    with the indicators whose weights make up its own, and where the next begins;
    ``None`` where the text ends before it closes."""
    if _cut_off(groups, i):
        return None
    head = groups[i]
    weight = head.weight
    if weight is None:
        raise _Mismatch
    if head.leaf:
        return (weight, None, [head]), i + 1
    need, k = weight, i + 1
    while need > 0:
        if _cut_off(groups, k):
            return None
        leaf = groups[k]
        if not leaf.leaf or leaf.weight is None:
            raise _Mismatch
        need -= leaf.weight
        k += 1
    if need < 0:
        raise _Mismatch
    return (weight, head, groups[i + 1 : k]), k


def _cut_off(groups: list[_Group], i: int) -> bool:
    """The text ends at ``i``, or with a last word printed without its numbers (or an
    indicator without its 得分: ``预算执行率 5`` and the text stops)."""
    if i >= len(groups):
        return True
    last = groups[i]
    unscored = len(last.numbers) == 1 and printed_weight(last.label.text) is None
    return i == len(groups) - 1 and (not last.numbers or (unscored and not last.inside))


def _groups(tokens: list[Token], inside: bool) -> list[_Group]:
    """Each label with the numbers after it; a label cut at a word the vocabulary
    knows (立项依据 | 充分性, one line of the text), or where its cell wrapped in a
    sheet weighing every label inside it (:func:`_wrapped`), joined again."""
    out: list[_Group] = []
    for token in tokens:
        last = out[-1] if out else None
        if last is not None and is_number(token.text) and len(last.numbers) < 2:
            out[-1] = _Group(last.label, (*last.numbers, token), inside)
        elif last is not None and (_cut(last, token) or (inside and _wrapped(last, token))):
            label = replace(last.label, text=last.label.text + token.text)
            out[-1] = _Group(label, (), inside)
        else:
            out.append(_Group(token, (), inside))
    return out


def _cut(last: _Group, token: Token) -> bool:
    """``token`` goes on the label before it: printed on its line with no number or
    weight between them."""
    return (
        not last.numbers
        and printed_weight(last.label.text) is None
        and token.line == last.label.line
        and (token.glued or last.label.glued)
    )


def _wrapped(last: _Group, token: Token) -> bool:
    """``token`` ends the label before it (``部门决`` | ``策(25分)``): that piece prints
    no weight and no number, ``token`` prints a weight, both on one line."""
    return (
        not last.numbers
        and printed_weight(last.label.text) is None
        and token.line == last.label.line
        and printed_weight(token.text) is not None
    )


def _row(top: _Group, middle: _Group | None, leaf: _Group) -> CutRow:
    cells: dict[str, list[Token]] = {"level1": [_bare(top.label)]}
    if middle is not None:
        cells["level2"] = [_bare(middle.label)]
    return CutRow({**cells, **leaf.cells})


def _bare(token: Token) -> Token:
    """A label without the weight printed in it (``决策(20分)`` → 决策)."""
    return replace(token, text=without_weight(token.text))
