"""The 绩效目标 table: ``一级目标⇥二级目标⇥三级目标⇥指标目标值`` rows.

Each row is classified by the shapes of its non-empty cells, in order (see
:mod:`._cells`), so rows the extraction shifted one cell left or right are
read like aligned ones:

1. a first cell from the 一级 vocabulary is the 一级目标;
2. a last cell shaped like a target value is the 指标目标值;
3. of what remains, two cells are 二级目标 + 三级目标, one cell is the 三级目标;
   three cells mean the first is a label the extraction displaced into this row —
   a 一级 label if it looks like one, else a 二级 label for the rows after it.

Empty leading cells mean "same as above": 一级/二级 labels carry down; a new 一级
label starts with no 二级 label until one is printed. The one exception: rows just
before a page break, when a new label is printed just after it, may belong to that
label (a merged cell split by the break); :mod:`._pagebreak` decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model import Finding, Indicator, Location, finding
from jixiao.parse.layouts.target_kv._cells import LEVEL1_VOCAB, cell_text, is_target, looks_level1
from jixiao.parse.layouts.target_kv._pagebreak import Decision, split_trailing
from jixiao.read import Line

__all__ = ["Shape", "TableRead", "classify", "is_column_header", "read_table"]

_HEADER_WORDS = (("一级",), ("二级",), ("三级", "指标名称"), ("目标值", "指标值"))


@dataclass(frozen=True)
class Shape:
    """What a row's cells are, before carrying labels down."""

    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target: str | None = None
    displaced: str | None = None
    """A 二级 label printed in this row that belongs to the rows after it."""


@dataclass
class TableRead:
    """The indicators read from one table, the lines used and the findings."""

    indicators: list[Indicator] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def is_column_header(line: Line) -> bool:
    """The table's column header, e.g. ``一级目标⇥二级目标⇥三级目标⇥指标目标值``."""
    cells = [t for t in (cell_text(c) for c in line.cells) if t]
    if not 3 <= len(cells) <= 6 or not all(len(c) <= 8 for c in cells):
        return False
    hits = sum(any(w in c for c in cells for w in words) for words in _HEADER_WORDS)
    return hits >= 3


def target_column(line: Line) -> int | None:
    """The index of the 指标目标值 column in a column-header line."""
    for i, raw in enumerate(line.cells):
        text = cell_text(raw) or ""
        if any(w in text for w in _HEADER_WORDS[3]):
            return i
    return None


def classify(cells: list[tuple[int, str]], target_col: int | None, vocab: bool) -> Shape | None:
    """The meaning of a row's non-empty ``(column, text)`` cells; ``None`` if unreadable.

    ``vocab`` says the table's 一级 labels come from the fixed vocabulary, so another
    short label printed first is a displaced 二级 label.
    """
    texts = [t for _, t in cells]
    cols = [c for c, _ in cells]
    level1 = texts.pop(0) if texts and texts[0] in LEVEL1_VOCAB else None
    if level1 is not None:
        cols.pop(0)
    target = None
    last_in_target = bool(cols) and cols[-1] == target_col
    if texts and (len(texts) >= 2 or last_in_target) and is_target(texts[-1], last_in_target):
        target = texts.pop()
    displaced = None
    if len(texts) == 3:
        first = texts.pop(0)
        if level1 is None and (looks_level1(first) or not vocab):
            level1 = first
        else:
            displaced = first
    if len(texts) == 2:
        return Shape(level1, texts[0], texts[1], target, displaced)
    if len(texts) == 1:
        return Shape(level1, None, texts[0], target, displaced)
    if not texts and (target is not None or level1 is not None):
        return Shape(level1, None, None, target, displaced)  # may be a label-only row
    return None


@dataclass
class _Carry:
    level1: str | None = None
    level2: str | None = None
    pending: tuple[str, int] | None = None
    vocab: bool = False
    """The table's 一级 labels are from the vocabulary (known once one is read)."""
    carried_since: list[int | None] = field(default_factory=lambda: [None, None])
    """Per level, the first row since the last printed label that carried it down."""
    last_row: int = 0
    page_break: bool = False
    """A blank line (a page break) came after the last row."""


def read_table(lines: list[Line], target_col: int | None, file: str) -> TableRead:
    """Read the rows after the column header, carrying labels down."""
    table = TableRead()
    carry = _Carry()
    for line in lines:
        cells = [(i, t) for i, t in enumerate(cell_text(c) for c in line.cells) if t]
        if not cells:
            carry.page_break = bool(table.indicators)
            continue
        if len(cells) == 1 and len(line.cells) == 1:
            continue  # a lone untabbed line is not a row: it surfaces as P001
        shape = classify(cells, target_col, carry.vocab)
        if shape is None:
            continue
        _add(table, carry, shape, line.number, file)
        table.consumed.add(line.number)
    if carry.pending is not None:
        _orphan(table, carry.pending, file)
    return table


def _add(table: TableRead, carry: _Carry, shape: Shape, number: int, file: str) -> None:
    row = len(table.indicators)
    if carry.page_break:
        _check_page_break(table, carry, shape, number, file)
    printed = (shape.level1 is not None, shape.level2 is not None or carry.pending is not None)
    for level, was_printed in enumerate(printed):
        since = carry.carried_since[level]
        carry.carried_since[level] = None if was_printed else (since or number)
    carry.last_row, carry.page_break = number, False
    if shape.level1 is not None:
        if carry.level1 is None:
            carry.vocab = shape.level1 in LEVEL1_VOCAB
        if shape.level1 != carry.level1:
            carry.level1, carry.level2 = shape.level1, None
        if shape.name is None and shape.target is None:
            return  # a label-only row
    if shape.level2 is not None:
        if carry.pending is not None:
            _orphan(table, carry.pending, file)
            carry.pending = None
        carry.level2 = shape.level2
    elif carry.pending is not None:
        label, at = carry.pending
        carry.level2, carry.pending = label, None
        loc = Location(file=file, lines=(number, number), row=row, field=f"indicators.{row}.level2")
        reason = f"该标签印在第 {at} 行，本行及其后各行未印二级目标"
        table.findings.append(finding("P006", loc, field="二级目标", value=label, reason=reason))
    if shape.displaced is not None:
        carry.pending = (shape.displaced, number)
    missing = [
        label
        for label, value in (
            ("一级目标", carry.level1),
            ("二级目标", carry.level2),
            ("三级目标", shape.name),
            ("指标目标值", shape.target),
        )
        if value is None
    ]
    if missing:
        loc = Location(file=file, lines=(number, number), row=row)
        table.findings.append(finding("P007", loc, line=number, missing="、".join(missing)))
    table.indicators.append(
        Indicator(
            level1=carry.level1,
            level2=carry.level2,
            name=shape.name,
            target=shape.target,
            lines=(number, number),
        )
    )


def _orphan(table: TableRead, pending: tuple[str, int], file: str) -> None:
    label, at = pending
    loc = Location(file=file, lines=(at, at))
    detail = f"第 {at} 行的标签「{label}」位置异常，未能判定其所属的指标行"
    table.findings.append(finding("P008", loc, detail=detail))


def _check_page_break(
    table: TableRead, carry: _Carry, shape: Shape, number: int, file: str
) -> None:
    """A label printed first thing after a page break may belong to a merged cell that
    began before the break, so the carried rows above may be its rows: decide by what
    the rows are (:mod:`._pagebreak`) and say what was decided."""
    levels = (("一级", shape.level1, carry.level1), ("二级", shape.level2, carry.level2))
    pairs = zip(levels, carry.carried_since, strict=True)
    for level, ((word, new, old), since) in enumerate(pairs):
        if new is None or new == old or old is None or since is None:
            continue
        first = next(i for i, r in enumerate(table.indicators) if r.lines and r.lines[0] >= since)
        decision = split_trailing(table.indicators[first:], level + 1, old, new)
        keep = len(table.indicators) - decision.moved
        if decision.moved:
            _move(table, level, (word, old, new), number, file, decision)
        if decision.stopped_on_old or keep == first:
            return
        last = _line(table.indicators[keep - 1])
        detail = (
            f"第 {number} 行在分页（空行）后印出{word}目标「{new}」，其上第 {since}–{last} "
            f"行沿用「{old}」；跨页合并单元格的标签可能印在后一页，这些行也可能属于"
            f"「{new}」，请核对"
        )
        loc = Location(file=file, lines=(since, number), field=f"indicators.level{level + 1}")
        table.findings.append(finding("P008", loc, detail=detail))
        return


def _line(row: Indicator) -> int:
    return row.lines[0] if row.lines else 0


def _move(
    table: TableRead, level: int, labels: tuple[str, str, str], number: int, file: str, d: Decision
) -> None:
    """Put the last ``d.moved`` rows under the new label, with a P006 saying why."""
    word, old, new = labels
    rows = table.indicators
    keep = len(rows) - d.moved
    attr = "level1" if level == 0 else "level2"
    rows[keep:] = [r.model_copy(update={attr: new}) for r in rows[keep:]]
    a, b = _line(rows[keep]), _line(rows[-1])
    span = f"第 {a} 行" if a == b else f"第 {a}–{b} 行"
    said = "、".join(f"「{e}」" for e in dict.fromkeys(d.evidence))
    what = "其二级目标" if level == 0 else "其指标名称"
    above = f"；其上第 {_line(rows[keep - 1])} 行属于「{old}」" if d.stopped_on_old and keep else ""
    reason = (
        f"「{new}」印在分页（空行）后的第 {number} 行，跨页合并单元格的标签只印在一侧；"
        f"{what}{said}属于「{new}」{above}"
    )
    loc = Location(file=file, lines=(a, b), row=keep, field=f"indicators.{keep}.{attr}")
    found = finding("P006", loc, field=f"{span}的{word}目标", value=new, reason=reason)
    table.findings.append(found)
