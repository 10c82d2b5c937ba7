"""Reading one form (one :class:`Block`) of an OCR-extracted document."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.model import Finding, Funds, Indicator, SelfEvaluation, Source
from jixiao.parse.layouts.ocr_tabbed._blocks import TOTAL_WORDS, Block, compact, is_table_header
from jixiao.parse.layouts.ocr_tabbed._funds import read_funds
from jixiao.parse.layouts.ocr_tabbed._goals import read_goals
from jixiao.parse.layouts.ocr_tabbed._header import Header, read_header
from jixiao.parse.layouts.ocr_tabbed._indicators import build_indicator, split_tail_target
from jixiao.parse.layouts.ocr_tabbed._levels import assign_levels
from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._rows import RawRow, scan_table, score_columns
from jixiao.parse.layouts.ocr_tabbed._text import (
    Joined,
    cell_text,
    is_decimal,
    join_fragments,
    to_decimal,
)
from jixiao.read import Document

__all__ = ["Draft", "read_form"]

_GRADE = re.compile(r"^(优秀|良好|合格|不合格|优|良|中|差)$")
_GRADE_WORDS = re.compile(r"评分等级|评分等|等级|.级$")


@dataclass
class Draft:
    """A form read but not yet reconciled with the rest of the document."""

    block: Block
    header: Header
    unit_text: str
    notes: Notes
    data: dict[str, object] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)

    def form(self) -> SelfEvaluation:
        return SelfEvaluation(
            source=Source(file=self.notes.file, lines=(self.block.start, self.block.end)),
            findings=tuple(self.notes.items),
            **self.data,
        )


def read_form(doc: Document, block: Block) -> Draft:
    notes = Notes(doc.name)
    head = read_header(doc, block.header[0], block.header[1], notes)
    draft = Draft(block, head, "", notes)
    used = draft.consumed
    used |= head.consumed
    for n in range(block.header[0], block.header[1] + 1):
        if re.search(r"(?:19|20)\d{2}\s*年度", compact(doc.line(n).text)):
            used.add(n)
    if block.funds_header:
        used.add(block.funds_header)
        cells = doc.line(block.funds_header).cells
        cut = next((i for i, c in enumerate(cells) if "预算" in compact(c)), 0)
        draft.unit_text += "".join(cells[:cut])
    funds = read_funds(doc, block.funds[0], block.funds[1], notes)
    used |= funds.lines
    draft.unit_text += funds.unit_text
    expected, actual, goal_lines = read_goals(doc, block.goals[0], block.goals[1], notes)
    used |= goal_lines
    used |= set(range(block.table_header[0], block.table_header[1] + 1))
    cols = score_columns(doc, *block.table_header)
    table = scan_table(doc, block.table[0], block.table[1], cols)
    used |= table.lines
    for line, text in table.debris:
        notes.unplaced(line, text)
    for src, dst, text in table.carried:
        notes.add(
            "P008",
            (dst, src),
            None,
            detail=(
                f"第 {src} 行偏差原因分析开头的「{text}」接续第 {dst} 行被分页截断的说明，已移回"
            ),
        )
    spans = [(r.first, r.last) for r in table.rows]
    joined = [join_fragments(r.names) for r in table.rows]
    names = [j.text for j in joined]
    levels = assign_levels(spans, table.labels, block.table, notes, names)
    total_weight, total_score = _total(doc, block, cols, notes, used)
    for i, row in enumerate(table.rows):
        if split_tail_target(row):
            joined[i] = join_fragments(row.names)
    built = [_built(r, i, levels[i], doc.name, joined[i]) for i, r in enumerate(table.rows)]
    phantom = _phantom([ind for ind, _ in built], funds.funds(), total_weight, total_score)
    indicators: list[Indicator] = []
    for i, (row, level) in enumerate(zip(table.rows, levels, strict=True)):
        if i == phantom:
            _report_phantom(row.line, built[i][0], doc.line(row.line).text, notes)
            continue
        ind, found = (
            built[i]
            if phantom is None or i < phantom
            else _built(row, i - 1, level, doc.name, joined[i])
        )
        indicators.append(ind)
        notes.items.extend(found)
    grade = _grade(doc, block, notes, used)
    draft.data = {
        "project": head.project,
        "funds": funds.funds(),
        "goal_expected": expected,
        "goal_actual": actual,
        "indicators": tuple(indicators),
        "total_weight": total_weight,
        "total_score": total_score,
        "grade": grade,
    }
    if head.project is None:
        notes.add("P003", block.header, "project", field="项目名称")
    if expected is None and actual is None:
        notes.add(
            "P003",
            block.goals if block.goals[0] <= block.goals[1] else block.header,
            "goal_expected",
            field="年度总体目标",
        )
    return draft


def _built(
    row: RawRow, index: int, level: tuple[str | None, str | None], file: str, joined: Joined
) -> tuple[Indicator, list[Finding]]:
    """The indicator of ``row`` as the ``index``-th of its form (its name fragments
    ``joined``), and its findings: built once, and again only for the rows after a
    phantom (their index moves)."""
    notes = Notes(file)
    return build_indicator(row, index, level, notes, joined), notes.items


def _phantom(
    rows: list[Indicator], funds: Funds, weight: Decimal | None, score: Decimal | None
) -> int | None:
    """The one unreadable row (no name, no readable value) whose removal makes both
    Σ 分值 and Σ 得分 match the printed 总分: an OCR re-reading of neighbouring rows."""
    ws = [r.weight for r in rows]
    ss = [r.score for r in rows]
    if None in ws or None in ss or None in (weight, score, funds.total.weight, funds.total.score):
        return None
    sum_w = sum(w for w in ws if w is not None) + (funds.total.weight or 0)
    sum_s = sum(x for x in ss if x is not None) + (funds.total.score or 0)
    if (sum_w, sum_s) == (weight, score):
        return None
    found = [
        i
        for i, r in enumerate(rows)
        if r.name is None
        and (r.actual is None or r.target is None)
        and sum_w - (r.weight or 0) == weight
        and sum_s - (r.score or 0) == score
    ]
    return found[0] if len(found) == 1 else None


def _report_phantom(line: int, row: Indicator, text: str, notes: Notes) -> None:
    notes.add(
        "P004",
        row.lines,
        "indicators",
        field=f"第 {line} 行",
        value="OCR 重复识别的虚假行，不计入指标",
        reason=(
            f"该行名称与完成值均无法识读，去掉其分值 {row.weight}、得分 {row.score} 后"
            "分值合计与得分合计都与表中总分相符"
        ),
    )
    notes.unplaced(line, " ".join(cell_text(c) for c in text.split("\t") if cell_text(c)))


def _total(
    doc: Document, block: Block, cols: tuple[int, int], notes: Notes, used: set[int]
) -> tuple[Decimal | None, Decimal | None]:
    first, last = block.total
    if first > last:
        notes.add("P003", (block.start, block.end), "total_score", field="总分")
        return None, None
    found: list[tuple[int, str]] = []
    junk: list[str] = []
    for n in range(first, last + 1):
        used.add(n)
        for i, raw in enumerate(doc.line(n).cells):
            for tok in cell_text(raw).split():
                if is_decimal(tok):
                    found.append((i, tok))
                elif not any(w in tok for w in TOTAL_WORDS):
                    junk.append(tok)
    if junk:
        notes.stray((first, last), "total_score", " ".join(junk), label="总分行")
    weight = score = None
    if len(found) >= 2:
        weight, score = to_decimal(found[0][1]), to_decimal(found[1][1])
        if len(found) > 2 and len({t for _, t in found}) > 2:
            notes.add(
                "P008",
                (first, last),
                "total_score",
                detail=f"总分行有多于两个数字：{' '.join(t for _, t in found)}，取前两个",
            )
    elif len(found) == 1:
        if found[0][0] == cols[0]:
            weight = to_decimal(found[0][1])
        else:
            score = to_decimal(found[0][1])
    if weight is None:
        notes.add("P003", (first, last), "total_weight", field="总分的分值")
    if score is None:
        notes.add("P003", (first, last), "total_score", field="总分")
    return weight, score


def _grade(doc: Document, block: Block, notes: Notes, used: set[int]) -> str | None:
    if block.grade is None:
        notes.add("P003", (block.start, block.end), "grade", field="评分等级")
        return None
    used.add(block.grade)
    grade = None
    junk: list[str] = []
    for raw in doc.line(block.grade).cells:
        for tok in re.split(r"[\s：:]+", cell_text(raw)):  # 评价等级：优 in one cell
            if not tok:
                continue
            if _GRADE.match(tok) and grade is None:
                grade = tok
            elif not (_GRADE_WORDS.search(tok) or _GRADE.match(tok)):
                junk.append(tok)
    if junk:
        notes.stray(block.grade, "grade", " ".join(junk), label="评分等级行")
    if grade is None:
        notes.add("P003", block.grade, "grade", field="评分等级")
    return grade


def is_header_line(doc: Document, n: int) -> bool:
    return is_table_header(doc.line(n))
