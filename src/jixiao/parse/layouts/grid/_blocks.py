"""The indicator blocks of a target table: the annual one and the 中长期 one.

A 绩效目标表 may print a 中长期目标 block beside the annual (年度) one: as a table of
its own (a header, or a caption above it, naming 中长期; then one naming 年度), or as a
column (中长期指标值 beside 年度指标值, each row named once). The annual block is the
form's ``indicators`` (the one scored and compared), the other ``long_term_indicators``.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.model import Indicator
from jixiao.parse.layouts.grid._columns import header_columns
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._indicators import read_indicators
from jixiao.parse.layouts.grid._rows import GridRow
from jixiao.parse.layouts.grid._self import read_goals

__all__ = ["read_long_term_amounts", "read_target_blocks"]

_SPAN_AMOUNTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("total_budget", ("中长期资金总额", "中长期资金", "项目总额")),
    ("current_budget", ("年度资金总额",)),
)
_AMOUNT_LABELS = {"total_budget": "中长期资金总额", "current_budget": "年度资金总额"}


def read_target_blocks(
    ctx: FormContext, rows: list[GridRow], head: int
) -> tuple[tuple[Indicator, ...], tuple[Indicator, ...]]:
    """The annual indicators and the 中长期 ones of a target table whose first header is
    ``rows[head]``. The 中长期 block is printed either as a table of its own (a header
    or a caption above it naming 中长期, then one naming 年度) or as a column
    (中长期指标值 beside 年度指标值, the rows named once)."""
    heads = [i for i in range(head, len(rows)) if header_columns(rows[i])]
    blocks = [(i, _block_of(rows, i)) for i in heads]
    if not any(b == "long" for _, b in blocks):
        table = read_indicators(ctx, rows, head)
        long_term = tuple(
            Indicator(
                level1=row.level1, level2=row.level2, name=row.name, target=text, lines=row.lines
            )
            for i, row in enumerate(table.indicators)
            if (text := table.long_targets.get(i))
        )
        return tuple(table.indicators), long_term
    starts: list[tuple[int, str]] = []
    for i, block in blocks:
        current = starts[-1][1] if starts else None
        if not starts or (block is not None and block != current):
            starts.append((i, block or "annual"))
    annual: list[Indicator] = []
    long_term_rows: list[Indicator] = []
    for n, (i, block) in enumerate(starts):
        cut = len(rows) if n + 1 == len(starts) else _block_start(rows, starts[n + 1][0])
        caption = _caption_above(rows, i)
        if caption is not None:
            ctx.use_row(caption)
        found = read_indicators(ctx, rows[:cut], i).indicators
        (long_term_rows if block == "long" else annual).extend(found)
    return tuple(annual), tuple(long_term_rows)


def read_long_term_amounts(ctx: FormContext, rows: list[GridRow]) -> dict[str, Decimal | None]:
    """中长期资金总额 and 年度资金总额 printed as captions with the amounts below them."""
    for i, row in enumerate(rows):
        if not any(c.label == "中长期资金总额" for c in row.own):
            continue
        texts = read_goals(ctx, rows[i:], _SPAN_AMOUNTS)
        below = next((r for r in rows[i + 1 :] if not r.blank), row)
        for cell in row.own:
            if "资金" in cell.label and cell.key not in ctx.used:
                ctx.use(cell)  # 项目资金（万元）
        return {
            key: ctx.number(text, below, f"target_meta.{key}", _AMOUNT_LABELS[key])
            for key, text in texts.items()
        }
    return {}


def _caption_above(rows: list[GridRow], i: int) -> GridRow | None:
    """The caption row just above a header (``中长期绩效指标``), if any."""
    prev = next((rows[j] for j in range(i - 1, -1, -1) if not rows[j].blank), None)
    if prev is None or len(prev.own) != 1 or header_columns(prev):
        return None
    label = prev.own[0].label
    return prev if ("指标" in label or "目标" in label) and len(label) <= 12 else None


def _block_start(rows: list[GridRow], i: int) -> int:
    caption = _caption_above(rows, i)
    return rows.index(caption) if caption is not None else i


def _block_of(rows: list[GridRow], i: int) -> str | None:
    """``long`` or ``annual`` when the header ``rows[i]`` (a cell that names no column)
    or the caption above it names its block; ``None`` for a header that names neither
    (the header repeated on a new page)."""
    columns = {c.key for c in (header_columns(rows[i]) or {}).values()}
    texts = [c.label for c in rows[i].cells if c.key not in columns]
    caption = _caption_above(rows, i)
    if caption is not None:
        texts.append(caption.label)
    text = "".join(texts)
    if "中长期" in text:
        return "long"
    return "annual" if "年度" in text or "当年" in text else None
