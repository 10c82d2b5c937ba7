"""财政项目支出绩效自评表 from table cells: header, funds, goals, indicators, total, grade."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from jixiao.model import FundRow, SelfEvaluation, Source
from jixiao.model.funds import FUND_ROWS
from jixiao.model.labels import FUND_FIELD_LABELS
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._header import read_pairs
from jixiao.parse.layouts.grid._indicators import find_header, read_scored_table
from jixiao.parse.layouts.grid._rows import GridCell, GridRow
from jixiao.parse.text import parse_percent
from jixiao.parse.wording import wording

__all__ = [
    "FUNDING",
    "FUND_COLUMNS",
    "GOALS",
    "fund_label",
    "fund_row",
    "goal_word",
    "money_unit",
    "read_fund_table",
    "read_goals",
    "read_self_evaluation",
    "split_funds",
]

FUND_COLUMNS = wording().fund_columns
"""The columns of the funding table: field → the header words that name it."""
_FUND_ROWS = wording().fund_rows
_NOT_AMOUNT = re.compile(r"(?:代码|编码|科目|分类|类别|类型)$")
"""A label naming a code or a class of the money (财政资金科目代码, 财政资金预算分类):
no amount, whatever funding word it holds."""
_BY_LEVEL = re.compile(r"中央|地方")
"""A transfer payment's money by the level of government that gives it (中央财政资金,
地方财政资金, 中央补助): sources of their own (``funds_extra``), never the unit's 财政拨款
however they are worded."""
FUNDING: dict[str, tuple[str, str]] = {
    "total": ("current_budget", "年度资金总额"),
    "appropriation": ("appropriation", "财政拨款"),
    "carryover": ("carryover", "上年结转资金"),
    "other": ("other", "其他资金"),
}
"""A target table's 项目资金 rows → the ``target_meta`` field and its label in findings."""
_UNIT = re.compile(r"[（(]\s*(万元|千元|元)\s*[)）]|单位[:：]?\s*(万元|千元|元)")
GOALS = wording().goal_columns
"""The goal columns of a self-evaluation: field → the captions printed above them."""


def money_unit(ctx: FormContext, rows: list[GridRow]) -> str | None:
    """The unit printed in a funding label (``项目资金（万元）``) or a ``单位：元`` line
    (a line of its own, then marked used)."""
    for row in rows:
        for cell in row.cells:
            m = _UNIT.search(cell.label)
            if m and any(w in cell.label for w in ("资金", "金额", "单位", "预算", "投入目标")):
                if m.group(2) and m.end() == len(cell.label):
                    ctx.use(cell)
                return m.group(1) or m.group(2)
    return None


def _fund_header(row: GridRow) -> dict[str, GridCell] | None:
    found: dict[str, GridCell] = {}
    for cell in row.cells:
        for name, words in FUND_COLUMNS:
            if name not in found and any(w in cell.label for w in words):
                found[name] = cell
                break
    return found if len(found) >= 3 else None


def fund_label(label: str) -> str | None:
    """The funding row a label names (``total``, ``appropriation``, ``carryover``,
    ``other``): 年度资金总额, 其中：本年财政拨款, 上年结转资金, 其他资金 …; none for a
    label naming a code or class of the money (财政资金科目代码)."""
    if _NOT_AMOUNT.search(label):
        return None
    for name, words in _FUND_ROWS:
        if any(w in label for w in words):
            return name
    return None


def fund_row(
    row: GridRow, label_of: Callable[[str], str | None] = fund_label
) -> tuple[str, GridCell] | None:
    """The funding row ``row`` holds (``label_of`` names it) and its label cell; money
    given by a level of government (中央财政资金, 地方财政资金) is a row of its own, under
    its printed label (``funds_extra``), printed empty or not."""
    for cell in row.cells:
        if not cell.origin:
            continue
        name = label_of(cell.label)
        if name == "appropriation" and _BY_LEVEL.match(_LEAD.sub("", cell.label)):
            return _LEAD.sub("", cell.label), cell
        if name is not None:
            return name, cell
    return None


def read_fund_table(
    ctx: FormContext,
    rows: list[GridRow],
    label_of: Callable[[str], str | None] = fund_label,
    captions: frozenset[str] = frozenset(),
    what: str = "项目资金表",
) -> dict[str, FundRow] | None:
    """The rows of the first funding table in ``rows`` (its header names three of
    :data:`FUND_COLUMNS`), by the name ``label_of`` gives each row's label; rows whose
    every cell is a caption in ``captions`` (按收入性质分) are passed over. ``None`` and a
    P003 naming ``what`` when there is no such table."""
    start = next((i for i, r in enumerate(rows) if _fund_header(r)), None)
    if start is None:
        ctx.missing("funds", what)
        return None
    cols = _fund_header(rows[start]) or {}
    ctx.use_row(rows[start])
    funds: dict[str, FundRow] = {}
    for row in rows[start + 1 :]:
        if row.blank:
            continue
        found = fund_row(row, label_of)
        if found is None:
            if captions and all(c.label in captions for c in row.own):
                ctx.use_row(row)
                continue
            found = _extra_row(row, cols)
            if found is None:
                break
        name, label = found
        ctx.use(label)
        values: dict[str, Decimal | None] = {}
        for field_, head in cols.items():
            cell = row.at(head.col)
            if cell is None or cell.key == label.key or not cell.origin:
                continue
            ctx.use(cell)
            values[field_] = ctx.number(
                cell.text,
                row,
                f"{_block(name)}.{name}.{field_}",
                FUND_FIELD_LABELS[field_],
                percent=field_ == "rate",
                points=field_ in ("weight", "score"),
            )
        if name not in funds:
            funds[name] = FundRow.model_validate(values)
    for row in rows[: start + 1]:
        for cell in row.cells:
            if "资金" in cell.label and cell.origin and _UNIT.search(cell.label):
                ctx.use(cell)
    return funds


_EXTRA_LABEL = re.compile(r"资金|拨款|补助|预算|经费|收入|基金|专户|支出|公益金|财政")
"""A funding row the model names no field for still says it is money (财政专户管理资金,
单位资金, 中央补助, 人员经费, 政府性基金拨款, 彩票公益金…, 省级财政 …)."""
_LEAD = re.compile(r"^(?:其中[:：]?|[(（]?[0-9一二三四五六七八九十]+[)）.、．]?)")
_SPENDING = ("basic", "project")


def _extra_row(row: GridRow, cols: dict[str, GridCell]) -> tuple[str, GridCell] | None:
    """A row of the funding table whose label the vocabulary does not know, read under
    that label (``funds_extra``): its first cell says it is money and at least one cell
    under the table's columns holds a number. Anything else ends the table."""
    first = next((c for c in row.cells if c.origin and c.text), None)
    if first is None or first.col in {c.col for c in cols.values()}:
        return None
    label = extra_fund_label(first.label)
    if label is None:
        return None
    if not any(_is_number(row.at(head.col), first) for head in cols.values()):
        return None
    return label, first


def extra_fund_label(text: str) -> str | None:
    """The label a funding row the model names no field for is read under (``其中：单位
    资金`` → ``单位资金``), ``None`` when the text does not say it is money."""
    label = _LEAD.sub("", text)
    if not label or not _EXTRA_LABEL.search(label) or _NOT_AMOUNT.search(label):
        return None
    return label


def _is_number(cell: GridCell | None, label: GridCell) -> bool:
    if cell is None or not cell.origin or cell.key == label.key or not cell.text:
        return False
    try:
        return parse_percent(cell.text) is not None
    except ValueError:
        return False


def _block(name: str) -> str:
    """The block of the model a funding row goes to: ``funds``, ``spending`` or
    ``funds_extra`` (a row by its printed label)."""
    if name in FUND_ROWS:
        return "funds"
    return "spending" if name in _SPENDING else "funds_extra"


def split_funds(rows: dict[str, FundRow]) -> dict[str, dict[str, FundRow]]:
    """The rows :func:`read_fund_table` read, by the block of the model each goes to."""
    out: dict[str, dict[str, FundRow]] = {"funds": {}, "spending": {}, "funds_extra": {}}
    for name, row in rows.items():
        out[_block(name)][name] = row
    return out


_NUMBERED = re.compile(
    r"^(?P<word>\D+?)(?P<number>[1-9一二三四五])?(?:[（(]\d+(?:\.\d+)?分[)）])?$"
)


def goal_word(label: str) -> tuple[str, str | None]:
    """A goal caption's wording and number without the points it prints
    (``年度目标1(80分)`` → ``("年度目标", "1")``, ``预期目标`` → ``("预期目标", None)``)."""
    m = _NUMBERED.match(label)
    return (m.group("word"), m.group("number")) if m else (label, None)


def _goal_field(
    label: str, goals: tuple[tuple[str, tuple[str, ...]], ...]
) -> tuple[str, str | None] | None:
    word, number = goal_word(label)
    return next(((name, number) for name, words in goals if word in words), None)


def _numbered_twice(rows: list[GridRow], goals: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """More than one numbered caption of one goal (年度目标1, 年度目标2): each its own
    text, none of them the goal alone."""
    seen: set[tuple[str, str]] = set()
    for cell in (c for r in rows for c in r.cells if c.origin):
        found = _goal_field(cell.label, goals)
        if found is not None and found[1] is not None:
            seen.add((found[0], found[1]))
    return len(seen) > len({name for name, _ in seen})


def read_goals(
    ctx: FormContext, rows: list[GridRow], goals: tuple[tuple[str, tuple[str, ...]], ...] = GOALS
) -> dict[str, str | None]:
    """The texts below the first row of goal captions (``goals``: field → captions; a
    caption may print a number and its points: ``年度目标1(80分)``, unless another
    number of the same goal is printed too)."""
    out: dict[str, str | None] = {}
    for i, row in enumerate(rows[:-1]):
        heads: dict[str, GridCell] = {}
        for cell in row.cells:
            found = _goal_field(cell.label, goals)
            if found is not None and found[0] not in heads:
                heads[found[0]] = cell
        if not heads:
            continue
        if _numbered_twice(rows, goals):
            break
        ctx.use_row(row)
        below = next((r for r in rows[i + 1 :] if not r.blank), None)
        left = min(h.col for h in heads.values())
        if below is None or any(c.origin and c.text and c.col < left for c in below.cells):
            break  # the next row opens with a label of its own: nothing under the captions
        for name, head in heads.items():
            value = below.at(head.col)
            if value is not None and value.origin:
                ctx.use(value)
                out[name] = value.text or None
        break
    return out


def read_self_evaluation(ctx: FormContext, year: int | None) -> SelfEvaluation:
    rows = ctx.rows
    head = find_header(rows)
    top = rows if head is None else rows[:head]
    pairs = read_pairs(ctx, top)
    funds = split_funds(read_fund_table(ctx, top) or {})
    goals = read_goals(ctx, top)
    data, _ = read_scored_table(ctx, rows, head, pairs)
    if "project" not in pairs:
        ctx.missing("project", "项目名称")

    def text(key: str) -> str | None:
        return pairs[key].value if key in pairs else None

    return SelfEvaluation.model_validate(
        {
            "year": year,
            "project": text("project"),
            "category": text("category"),
            "department": text("department"),
            "unit": text("unit"),
            "money_unit": money_unit(ctx, top),
            "funds": funds["funds"],
            "funds_extra": funds["funds_extra"],
            **goals,
            **data,
            "grade": text("grade") or text("grade_stated"),
            "source": Source(file=ctx.file, lines=ctx.lines),
        }
    )
