"""The columns of an indicator table, found by their header text, and reading one row.

The header words of every province are one synonym table (:data:`COLUMNS`, the
``indicator_columns`` of the wording file, :mod:`jixiao.parse.wording`). Besides
the usual columns some provinces print the target in three (Sichuan: 指标性质 ``≥``,
指标值 ``20000``, 度量单位 ``人次``); these are joined into one target string
(``≥20000人次``) so the value grammar reads it. A header cell spanning several
columns (三级指标 over two) takes the text of every cell under it, joined. A 序号
column is recognised so that its numbers are not reported as unplaced text. A target
declaration may print its 中长期 target beside the annual one (``long_target``).
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.parse.layouts.grid._rows import GridCell, GridRow, norm
from jixiao.parse.synonyms import SynonymIndex
from jixiao.parse.text import join_cell
from jixiao.parse.wording import wording

__all__ = [
    "COLUMNS",
    "EXPLAINED",
    "STAND_INS",
    "TEXT_FIELDS",
    "column_field",
    "header_columns",
    "joined_target",
    "span_text",
    "sub_header",
    "year_caption",
    "year_captions",
]

COLUMNS = wording().indicator_columns
"""Field → the header words that name its column (exact match first, then prefix)."""
_INDEX = SynonymIndex(COLUMNS)

TEXT_FIELDS = ("name", "target", "actual", "note")
EXPLAINED = frozenset({"指标解释", "指标说明"})
"""Columns read as the target only where no target column is printed (the pre-2020
scorecard's 指标解释); beside one (绩效目标值) they explain the indicator and are no
field of the model (``explain``: left to the unplaced-text report)."""
"""The columns kept as text (the others are numbers, labels or parts of the target)."""
STAND_INS: dict[str, str] = {"绩效指标": "name", "绩效目标": "target"}
"""Captions that name a column only where the header prints no column of that field:
绩效指标 is the indicator's name beside 指标类型 (a caption spanning the rows beside
一级/二级/三级指标 elsewhere), 绩效目标 its target where no 指标值 column is printed."""

_OPS: dict[str, str] = {
    "≥": "≥",
    "≧": "≥",
    ">=": "≥",
    "＞＝": "≥",
    "大于等于": "≥",
    "不低于": "≥",
    "不少于": "≥",
    "≤": "≤",
    "≦": "≤",
    "<=": "≤",
    "＜＝": "≤",
    "小于等于": "≤",
    "不高于": "≤",
    "不超过": "≤",
    "=": "=",
    "＝": "=",
    "═": "=",
    "等于": "=",
    ">": ">",
    "＞": ">",
    "大于": ">",
    "<": "<",
    "＜": "<",
    "小于": "<",
}
"""What a 指标性质 cell may print, as the sign joined before the value. Words such as
定性, 定量, 正向, 反向 describe the indicator but add no sign."""


def column_field(label: str) -> str | None:
    """The field of the indicator column a (normalised) header label names."""
    return _INDEX.field(label)


_field_of = _INDEX.field
""":func:`column_field`, without a call in between (asked of every cell of every row)."""


def header_columns(row: GridRow) -> dict[str, GridCell] | None:
    """Field → header cell when ``row`` is an indicator header (a name column and two more)."""
    found: dict[str, GridCell] = {}
    stand_ins: dict[str, GridCell] = {}
    for cell in row.cells:
        name = _field_of(cell.label) if cell.text else None
        if name is None and cell.text and cell.label in STAND_INS:
            stand_ins.setdefault(STAND_INS[cell.label], cell)
        if name == "op" and "op" in found and found["op"].label == "指标性质":
            found["op"] = cell  # 指标方向 (大于等于) beside 指标性质 (定量): the sign
        elif name == "target" and "target" in found and found["target"].label in EXPLAINED:
            found["explain"] = found["target"]  # 指标解释 beside a real target column
            found["target"] = cell
        elif name is not None and name not in found:
            found[name] = cell
    for name, cell in stand_ins.items():
        found.setdefault(name, cell)
    if "name" not in found or len(found) < 3:
        return None
    return found


def sub_header(row: GridRow) -> dict[str, GridCell] | None:
    """The second row of a two-row header (年度指标值 over 指标性质 / 指标值 / 度量单位):
    every cell starting in ``row`` names a column; ``None`` otherwise."""
    own = row.own
    found = {_field_of(c.label): c for c in own}
    if not own or None in found or len(found) != len(own):
        return None
    return {k: v for k, v in found.items() if k is not None}


def year_caption(text: str) -> bool:
    """``text`` is the caption of a value column with its year (``2021年实际实现值``,
    ``预期2022年实现值``, ``2023年度目标值``): a header's cell, never an indicator's."""
    return _YEAR_CAPTION.fullmatch(norm(unicodedata.normalize("NFKC", text))) is not None


_YEAR_CAPTION = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:19|20)\d{2}年度?[\u4e00-\u9fff]{0,6}?(?:实现|指标|目标|完成|实际)值"
)


def year_captions(row: GridRow) -> bool:
    """``row`` is a header's second row of year captions over the value columns
    (``2021年实际实现值 | 预期2022年实现值``): every cell starting in it is one."""
    own = [c for c in row.own if c.text]
    return bool(own) and all(year_caption(c.text) for c in own)


def span_text(
    row: GridRow, head: GridCell, taken: set[tuple[int, int, int]]
) -> tuple[str | None, list[GridCell]] | None:
    """The text of the cells of ``row`` under ``head`` (joined when the header spans
    several), with the cells; ``None`` when no cell starts there."""
    cells: list[GridCell] = []
    for cell in row.cells:
        if cell.key in taken or not cell.origin:
            continue
        if head.col <= cell.col <= head.last_col:
            cells.append(cell)
    if not cells:
        return None
    return join_cell(c.text for c in cells), cells


def joined_target(op: str | None, value: str | None, unit: str | None) -> str | None:
    """A target printed over 指标性质 / 指标值 / 度量单位 as one string (``≥20000人次``).

    The sign is left out when the value already starts with one, the unit when the
    value already ends with it or with another word; an unknown 指标性质 word adds
    nothing; a sign in a compatibility form (``﹦``, a mirror's small equals) is the sign.
    A number printed in the unit's cell stays a word of its own
    (``=44,561 44,561``)."""
    if not value:
        return value
    sign = _OPS.get(unicodedata.normalize("NFKC", op or "").replace(" ", ""), "")
    if sign and value[0] in "≥≤=><＞＜＝≧≦":
        sign = ""
    tail = unit or ""
    if tail[:1].isdigit():  # a number where the unit is printed: kept apart, as printed
        return f"{sign}{value} {tail}"
    if tail and (value.endswith(tail) or not _NEEDS_UNIT.search(value)):
        tail = ""
    return f"{sign}{value}{tail}"


_NEEDS_UNIT = re.compile(r"[\d.万亿千百十零〇一二两三四五六七八九]$")
"""A value that ends so takes the unit printed beside it; one ending in a word has its
own (``28.8万元``, a 定性 ``应保尽保``: the ``%`` printed beside it is the template's)."""
