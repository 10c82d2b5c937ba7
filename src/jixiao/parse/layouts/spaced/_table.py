"""The indicator table of a ``spaced`` form: header, labels, rows → ``Indicator``s."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise

from jixiao.model import Finding, Indicator, Location, finding
from jixiao.parse.text import DASHES, join_cell
from jixiao.parse.wording import wording
from jixiao.read import Line

from ._labels import Label, find_labels
from ._levels import Levels, assign_levels, name_lost_level1
from ._rows import Row, RowLine, Widths, build_rows
from ._text import tokens, width

__all__ = [
    "HEADER_TOKENS",
    "Table",
    "TableResult",
    "Widths",
    "note_width",
    "parse_table",
    "read_table",
]

HEADER_TOKENS = frozenset(
    {
        "一级",
        "二级",
        "年度绩效指标",
        "绩效指标完成情况",
        "年度绩效指标完成情况",
        "三级",
        "指标",
        "一级指标",
        "二级指标",
        "三级指标",
        "年度",
        "指标值",
        "年度指标值",
        "实际",
        "完成值",
        "实际完成值",
        "分值",
        "得分",
        "权重",
        "偏差原因分析",
        "及改进措施",
        "偏差原因分析及",
        "改进措施",
        "偏差原因分析及改进措施",
        "目标值",
        "年度目标值",
        "预期指标值",
        "指标目标值",
        "实际值",
        "实际完成情况",
        "备注",
        "偏差原因",
        "说明",
    }
)
_COLUMN_WORDS = frozenset(w for _, words in wording().indicator_columns for w in words)
_MARK = re.compile(r"[（(][A-Za-z/]{1,5}[)）]$")
"""A column's letter printed after its name: ``预期指标值(A)``, ``实际完成指标值(B)``."""
_COLUMN_CHARS = frozenset("绩效指标")
_CELL_NAMES = (("name", "指标名称"), ("target", "年度指标值"), ("actual", "实际完成值"))
_DEFAULT_NOTE = 18
"""Note column width (half-width units) when no form of the document shows one."""
_PLACEHOLDER = re.compile(r"(?:…+|\.{3,}|指标\d+\s*[:：]?(?:\s*[/／])*)")
"""A template row left unfilled: ``……``, or a numbered slot with nothing (or only
``/``) after it (``指标2:``, ``指标1:/ / /``). Neither a name nor its wrapped part."""


@dataclass
class TableResult:
    indicators: list[Indicator] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)


def _header_lines(lines: list[Line]) -> set[int]:
    used: set[int] = set()
    for line in lines:
        toks = tokens(line.text)
        if toks and all(_header_word(t) for t in toks):
            used.add(line.number)
        elif len(toks) == 1 and toks[0] in _COLUMN_CHARS:
            continue
        else:
            break
    return used


def _header_word(tok: str) -> bool:
    """A word of the indicator table's header: a column's name (its letter mark
    dropped), or the caption of an explanation column."""
    # the reconstructor's vocabulary reads the layouts' wording: imported when first needed
    from jixiao.parse.rebuild.vocab import EXTRA_COLUMNS

    word = _MARK.sub("", tok)
    return word in HEADER_TOKENS or word in _COLUMN_WORDS or tok in EXTRA_COLUMNS


def _explained(table: Table) -> bool:
    """The header prints an explanation column (得分计算方法) beside the note column."""
    from jixiao.parse.rebuild.vocab import EXTRA_COLUMNS

    head = [ln for ln in table.lines if ln.number in table.header]
    return any(t in EXTRA_COLUMNS for ln in head for t in tokens(ln.text))


def _own_note(row: Row, explained: bool) -> tuple[Row, set[int]]:
    """The row with only the note text that is the row's own: a placeholder cell
    (``-``, ``- -``) is empty; where an explanation column stands beside the note column,
    text below the row's numbers may be either, so it is left unread (the second set:
    its lines, for P001) rather than guessed."""
    note = [f for f in row.note if not DASHES.issuperset(f.text.split())]
    unread = {f.line for f in note if f.line != row.anchor.number} if explained else set()
    kept = [f for f in note if f.line not in unread] if unread else note
    if len(kept) == len(row.note):  # the note is all its own (most rows): the row as built
        return row, unread
    return replace(row, note=kept), unread


def _row_lines(
    lines: list[Line], used: set[tuple[int, int]], page_starts: set[int]
) -> tuple[list[RowLine], set[int]]:
    out: list[RowLine] = []
    label_only: set[int] = set()
    pending_break = pending_label = False
    labelled = {number for number, _ in used}
    for line in lines:
        pending_break = pending_break or line.number in page_starts
        toks = tokens(line.text)
        at: Sequence[int] = (
            [i for i in range(len(toks)) if (line.number, i) not in used]
            if line.number in labelled
            else range(len(toks))  # no label on the line (most lines): every token kept
        )
        pending_label = pending_label or len(at) < len(toks)
        if not at:
            label_only.add(line.number)
            continue
        row = RowLine(line.number, [toks[i] for i in at], at[0], pending_break, pending_label)
        out.append(row)
        pending_break = pending_label = False
    return out, label_only


def note_width(lines: list[RowLine]) -> int | None:
    """The widest note printed beside its numbers (the note column's width)."""
    best: int | None = None
    for ln in lines:
        j = ln.anchor_at()
        if j is not None and len(ln.toks) > j + 2:
            w = width(" ".join(ln.toks[j + 2 :]))
            best = w if best is None else max(best, w)
    return best


def _name_width(rows: list[Row]) -> int | None:
    """The name column's width, learnt from names seen to wrap onto another line."""
    widths = []
    for r in rows:
        name = r.cells.get("name", [])
        widths += [width(a.text) for a, b in pairwise(name) if a.line != b.line]
    return max(widths) if widths else None


def _by_score(row: Row, ind: Indicator, file: str, index: int) -> Finding:
    """P004: the row's score decided whether text below it is its note."""
    lines = sorted(row.lines())
    fld = f"indicators.{index}.note"
    loc = Location(file=file, lines=(lines[0], lines[-1]), row=index, field=fld)
    verdict = "未扣分，不作其偏差说明" if row.full_marks() else "有扣分，归作其偏差说明"
    reason = (
        f"第 {row.by_score} 行起的文字可归本行或下一行；"
        f"本行得分 {row.score}/{row.weight}，{verdict}"
    )
    label = f"第 {index + 1} 个指标的偏差说明"
    return finding("P004", loc, field=label, value=ind.note or "无", reason=reason)


def _indicator(
    row: Row, own: set[int], levels: Levels, file: str, index: int
) -> tuple[Indicator, list[Finding]]:
    """The row as an indicator, with its findings; ``own``: the row's lines."""
    level1, level2 = levels.texts
    texts = {k: join_cell([f.text for f in v]) for k, v in row.cells.items()}
    lines = sorted(own)
    ind = Indicator(
        level1=level1,
        level2=level2,
        name=texts.get("name"),
        target=texts.get("target"),
        actual=texts.get("actual"),
        weight=Decimal(row.weight),
        score=Decimal(row.score),
        note=join_cell([f.text for f in row.note]),
        lines=(lines[0], lines[-1]),
    )
    missing = [zh for key, zh in _CELL_NAMES if not texts.get(key)]
    found: list[Finding] = []
    if missing:
        loc = Location(file=file, lines=(lines[0], lines[-1]), row=index)
        found.append(finding("P007", loc, line=row.anchor.number, missing="、".join(missing)))
    if row.by_score is not None:
        found.append(_by_score(row, ind, file, index))
    if levels.moved is not None:
        fld = f"indicators.{index}.level1"
        loc = Location(file=file, lines=(lines[0], lines[-1]), row=index, field=fld)
        label = f"第 {index + 1} 个指标的一级/二级指标"
        value = f"{level1}/{level2}"
        found.append(finding("P004", loc, field=label, value=value, reason=levels.moved))
    if levels.named is not None:
        fld = f"indicators.{index}.level1"
        loc = Location(file=file, lines=(lines[0], lines[-1]), row=index, field=fld)
        label = f"第 {index + 1} 个指标的一级指标"
        found.append(finding("P006", loc, field=label, value=level1, reason=levels.named))
    if not level1:
        fld = f"indicators.{index}.level1"
        loc = Location(file=file, lines=(lines[0], lines[-1]), row=index, field=fld)
        found.append(finding("P003", loc, field="一级指标"))
    return ind, found


@dataclass
class Table:
    """One form's indicator table read up to its rows: header, level labels and row
    lines do not depend on the column widths; the rows do, and are built once per
    widths (:meth:`rows`)."""

    lines: list[Line]
    page_starts: set[int]
    header: set[int]
    labels: list[Label]
    row_lines: list[RowLine]
    label_only: set[int]
    unfilled: set[int]
    """Template rows left unfilled (``指标2:``, ``……``): no rows, no text."""
    own_note: int | None
    """The note column's width this form shows (notes printed beside their numbers)."""
    _built: dict[tuple[int, int | None], list[Row]] = field(default_factory=dict)

    def rows(self, widths: Widths) -> list[Row]:
        key = (widths.note, widths.name)
        if key not in self._built:
            self._built[key] = build_rows(self.row_lines, widths)[0]
        return self._built[key]

    def widths(self, known: Widths | None) -> Widths:
        """``known`` (the document's widths; defaults when ``None``) refined by this
        form's own note width."""
        floor = known.note if known is not None else _DEFAULT_NOTE
        return Widths(note=max(self.own_note or floor, floor), name=known.name if known else None)

    def own(self) -> tuple[int | None, int | None]:
        """The note and name column widths this form itself shows, if any."""
        return self.own_note, _name_width(
            build_rows(self.row_lines, self.widths(None), mark=False)[0]
        )


def read_table(lines: list[Line], page_starts: set[int]) -> Table:
    """The table of one form from its lines (blank lines excluded), rows not yet built."""
    header = _header_lines(lines)
    unfilled = {ln.number for ln in lines if _PLACEHOLDER.fullmatch(ln.text.strip())}
    body = [ln for ln in lines if ln.number not in header | unfilled]
    labels, used = find_labels(body)
    row_lines, label_only = _row_lines(body, used, page_starts)
    own_note = note_width(row_lines)
    return Table(lines, page_starts, header, labels, row_lines, label_only, unfilled, own_note)


def parse_table(
    file: str,
    table: Table,
    known: Widths | None,
    printed: Mapping[Decimal, set[str]] | None = None,
) -> TableResult:
    """Read the indicator rows of one form.

    ``known`` holds the column widths seen across the document; the form's own
    widths (notes printed beside their numbers, names seen to wrap) refine them.
    ``printed``: the 一级 labels the form names with their weights (its note), which
    name a 一级 cell whose words the text lost.
    """
    result = TableResult()
    result.consumed |= table.header
    result.consumed |= table.label_only
    result.consumed |= table.unfilled
    widths = table.widths(known)
    rows = table.rows(widths)
    own_name = _name_width(rows)
    if own_name is not None:
        widths.name = own_name
        rows = table.rows(widths)
    lines, labels, page_starts = table.lines, table.labels, table.page_starts
    explained = _explained(table)
    if not rows:
        if not lines:  # a title with no table under it: nothing to report here
            return result
        first, last = lines[0].number, lines[-1].number
        detail = "未找到任何带分值和得分的指标行"
        loc = Location(file=file, lines=(first, last))
        result.findings.append(finding("P008", loc, detail=detail))
        return result
    for i, (row, levels) in enumerate(
        zip(
            rows,
            name_lost_level1(assign_levels(rows, labels, page_starts), printed or {}),
            strict=True,
        )
    ):
        row, unread = _own_note(row, explained)
        own = row.lines()
        ind, found = _indicator(row, own, levels, file, i)
        result.indicators.append(ind)
        result.findings.extend(found)
        result.consumed |= own - unread
    result.findings.extend(_level1_weights(file, labels, result.indicators))
    return result


def _level1_weights(file: str, labels: list[Label], rows: list[Indicator]) -> list[Finding]:
    """P008 when a weight printed beside a 一级指标 is not the sum of its rows' weights."""
    out: list[Finding] = []
    for lab in labels:
        if lab.weight is None or lab.level != 1:
            continue
        weights = [r.weight for r in rows if r.level1 == lab.text]
        if not weights or any(w is None for w in weights):
            continue
        total = sum((w for w in weights if w is not None), Decimal(0))
        if total != lab.weight:
            detail = f"一级指标「{lab.text}」标注 {lab.weight} 分，其下各行分值合计 {total} 分"
            loc = Location(
                file=file, lines=(lab.start[0], lab.start[0]), field=f"level1.{lab.text}"
            )
            out.append(finding("P008", loc, detail=detail))
    return out
