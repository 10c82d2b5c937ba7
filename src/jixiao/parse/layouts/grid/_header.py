"""Key/value cells of the official tables: a label cell and the value cell right of it.

A label may carry a money unit (``当年预算数（元）：``) and may hold its value itself
(``申报单位名称：上海市人才服务中心``). Titles (``财政项目支出绩效自评表``) and year
lines (``（2024年度）``) are recognised here too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._rows import GridCell, GridRow, norm
from jixiao.parse.titles import find_title
from jixiao.parse.wording import wording

__all__ = [
    "KEYS",
    "KeyValue",
    "is_stamp",
    "is_title",
    "key_of",
    "kind_of_title",
    "read_pairs",
    "value_of",
    "year_of",
]

KEYS: dict[str, str] = {norm(a): key for key, names in wording().header for a in names}
"""Printed label (normalised, unit removed) → field."""

_WEAK = frozenset({"预算单位", "预算单位名称"})
"""Labels another label of the same field overrides: a form printing 预算单位 above its
table and 实施单位 in it names the unit that carries the project out."""
_AMBIGUOUS = frozenset({"category"})
"""Fields several labels name, each a different classification (项目类别, 项目分类, 项目类型,
项目属性): a form printing two of them does not say which is meant, so none is read."""
_UNIT = re.compile(r"^(?P<key>.+?)[（(](?P<unit>万元|千元|元|%|％)[)）]$")
_CODED = re.compile(r"^(?P<key>.{2,}?)及(?:部门|单位)?(?:预算)?(?:代码|编码)$")
"""A label that names the code printed with its value (``…及代码``, ``…及部门预算编码``)."""
_SECTOR = re.compile(
    r"^(?P<level>省级|市级|区级|县级|市县|区县)(?P<sector>[\u4e00-\u9fff]{2,8}?)主管部门$"
)
"""A level's 主管部门 naming its sector (``区级林业主管部门``, ``省级林业和草原主管部门``): the
level's 主管部门; a finance bureau (``市级财政主管部门``) is none."""
_FILL_IN = re.compile(r"[_＿]{2,}")
"""A fill-in line (``项目名称：_________``): nothing written on it."""
_SEAL = re.compile(r"^[(（](?:盖章|印章|签章|公章)[)）][:：]?")
"""``实施单位（盖章）：``: the seal note after a label, no value."""
_STAMP = re.compile(r"[（(]\s*(?:盖章|印章|公章|签章|签字|签名)\s*[)）]|^年\s+月\s+日$")


def is_stamp(text: str) -> bool:
    """A place for a stamp or a signature (``财政资金管理科室(盖章) 年 月 日``), or its
    date left blank: the sign-off under a form's table, never an indicator's text."""
    return _STAMP.search(text.strip()) is not None


_BOXES = "□☐○"
_TICKS = "√✓✔☑■☒●"
_INLINE = re.compile(r"^(?P<key>[^：:]{2,20})[：:](?P<value>.+)$", re.S)
_YEAR = re.compile(r"^[（(]?(?P<year>(?:19|20)\d{2})年度?[)）]?$")


@dataclass(frozen=True)
class KeyValue:
    """A label cell, its field, its unit and its value (``None`` when blank)."""

    key: str
    label: str
    unit: str | None
    value: str | None
    row: GridRow
    cells: tuple[GridCell, ...]


def key_of(text: str) -> tuple[str, str, str | None] | None:
    """``(field, label, unit)`` when ``text`` is a known label, else ``None``."""
    label = norm(text)
    m = _UNIT.match(label)
    base, unit = (m.group("key"), m.group("unit")) if m else (label, None)
    key = KEYS.get(base) or KEYS.get(label)
    coded = _CODED.match(base) if key is None else None
    if coded is not None:  # 主管部门(单位)名称及预算编码: the label, naming its code too
        base = coded.group("key")
        key = KEYS.get(base)
    sector = _SECTOR.match(base) if key is None else None
    if sector is not None and "财政" not in sector.group("sector"):
        key = KEYS.get(sector.group("level") + "主管部门")
    if key is None:
        return None
    return key, base, unit if unit in ("万元", "千元", "元") else None


def read_pairs(ctx: FormContext, rows: list[GridRow]) -> dict[str, KeyValue]:
    """Every key/value pair in ``rows`` (first occurrence wins, but over a weak label);
    cells marked used."""
    out: dict[str, KeyValue] = {}
    labels: dict[str, set[str]] = {}
    for row in rows:
        cells = list(row.cells)
        for i, cell in enumerate(cells):
            if not cell.origin or not cell.text:
                continue
            pair = _pair(row, cells, i)
            if pair is not None and pair.value is not None:
                labels.setdefault(pair.key, set()).add(pair.label)
            if pair is None or (pair.key in out and out[pair.key].label not in _WEAK):
                continue
            out[pair.key] = pair
            ctx.use(*pair.cells)
    for key in _AMBIGUOUS:
        if len(labels.get(key, ())) > 1:
            del out[key]
    return out


def value_of(text: str | None) -> str | None:
    """What is written in a value cell: nothing on a fill-in line (``_____``) or after a
    seal note (``（盖章）：``); of a row of tick boxes (``新增项目□延续项目√``) the one
    option ticked, none when none is."""
    if not text:
        return None
    blank = _FILL_IN.search(text)
    text = _SEAL.sub("", text[: blank.start()] if blank else text).strip()
    if _YEAR.match(text):
        return None  # （2021年度）: the form's year line, not this label's value
    if any(c in _BOXES or c in _TICKS for c in text):
        text = _ticked(_BRACKETED_MARK.sub(_mark_of, text)) or ""
    return text.strip(" ：:") or None


_BRACKETED_MARK = re.compile(r"[(（]\s*([√✓✔☑■☒●]?)\s*[)）]")
"""A tick box printed as brackets: ``(√)`` ticked, ``()`` empty (``经常性项目(√)一次性项目()``)."""


def _mark_of(m: re.Match[str]) -> str:
    return m.group(1) or _BOXES[0]


def _ticked(text: str) -> str | None:
    """The ticked option of ``a□b√`` (marks after their options) or ``□a√b`` (before)."""
    marks = _BOXES + _TICKS
    before = text.lstrip()[:1] in marks
    parts = re.split(f"([{marks}])", text)
    options: list[tuple[str, str]] = []  # (option, its mark)
    if before:
        for mark, option in zip(parts[1::2], parts[2::2], strict=False):
            options.append((option.strip(), mark))
    else:
        for option, mark in zip(parts[0::2], parts[1::2], strict=False):
            options.append((option.strip(), mark))
    ticked = [o for o, m in options if m in _TICKS and o]
    return ticked[0] if len(ticked) == 1 else None


def _pair(row: GridRow, cells: list[GridCell], i: int) -> KeyValue | None:
    cell = cells[i]
    found = key_of(cell.text)
    if found is not None:
        key, label, unit = found
        nxt = cells[i + 1] if i + 1 < len(cells) else None
        if nxt is not None and nxt.text and key_of(nxt.text) is not None:
            nxt = None  # the next cell is another label: this one is blank
        value = value_of(nxt.text) if nxt is not None else None
        used = (cell, nxt) if nxt is not None else (cell,)
        return KeyValue(key, label, unit, value, row, used)
    m = _INLINE.match(cell.text)
    if m is None:
        return None
    inner = key_of(m.group("key"))
    if inner is None:
        return None
    key, label, unit = inner
    return KeyValue(key, label, unit, value_of(m.group("value")), row, (cell,))


def kind_of_title(row: GridRow) -> str | None:
    """The kind of form a title row names, or ``None`` when it is no title. The
    department wordings (部门（单位）整体支出绩效自评表 / 目标表 / 目标申报表) come first:
    their titles contain the project words."""
    label = row.label
    if not label or len(label) > 40 or len(row.own) > 2:
        return None
    found = find_title(label)
    return found.kind if found else None


def is_title(row: GridRow) -> bool:
    return kind_of_title(row) is not None


def year_of(row: GridRow) -> int | None:
    """The year of a ``（2024年度）`` row (digits full-width too) or of a title
    ``2024年度财政…``."""
    label = unicodedata.normalize("NFKC", row.label)
    m = _YEAR.match(label)
    if m:
        return int(m.group("year"))
    if is_title(row):
        t = re.search(r"((?:19|20)\d{2})年", label)
        if t:
            return int(t.group(1))
    return None
