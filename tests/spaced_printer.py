"""Print a :class:`SelfEvaluation` the way seed 000 prints it (the ``spaced`` layout).

Used by the round-trip property: a form built consistent by construction, printed
here with wrapped cells, vertical labels and injected page breaks, must parse back to
itself. The habits copied from seed 000:

- every printed line is followed by a blank line, except where the PDF text layer
  glued two lines together (a cell's last fragment and the next row's numbers);
- 一级/二级 labels are printed vertically, two characters per line, before their rows;
- a long 三级指标 wraps after 14 characters, the row's values on the next line;
- a long target or actual wraps inside its parenthesised unit (``≥250.00(人`` / ``次)``),
  each piece on its own line;
- a qualitative actual wraps every 5 characters, then ``weight score`` on a line;
- the note follows the row's numbers, wrapped every 10 characters;
- a page break is two extra blank lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.model import FundRow, Indicator, SelfEvaluation

__all__ = ["print_spaced"]

NAME_WIDTH = 14
TIER_WIDTH = 5
NOTE_WIDTH = 10
GOAL_WIDTH = 24


def _chunks(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def _vertical(label: str) -> list[str]:
    return _chunks(label, 2)


def _num(value: Decimal | None) -> str:
    return "-" if value is None else str(value)


def _amount(value: Decimal | None) -> str:
    return "-" if value is None else format(value, ",")


def _fund_cells(row: FundRow) -> str:
    amounts = [_amount(v) for v in (row.initial, row.adjusted, row.executed)]
    return " ".join([*amounts, _num(row.weight), _num(row.rate), _num(row.score)])


def _value_pieces(value: str) -> list[str]:
    """A target/actual such as ``≥250.00(人次)`` wraps inside its unit when long."""
    if len(value) > 9 and "(" in value:
        head, _, unit = value.partition("(")
        unit = "(" + unit
        if len(unit) > 3:
            return [head + unit[:2], unit[2:]]
    return [value]


def _row(ind: Indicator, breaks: set[int], index: int) -> list[str]:
    name = ind.name or ""
    target = ind.target or ""
    actual = ind.actual or ""
    numbers = f"{_num(ind.weight)} {_num(ind.score)}"
    out: list[str] = []
    name_pieces = _chunks(name, NAME_WIDTH)
    qualitative = "达成" in actual and len(actual) > TIER_WIDTH
    long_value = len(_value_pieces(target)) > 1 or len(_value_pieces(actual)) > 1
    if len(name_pieces) == 1 and not qualitative and not long_value:
        out.append(f"{name} {target} {actual} {numbers}")
    elif qualitative:
        first = f"{name_pieces[0]} {target}" if len(name_pieces) == 1 else name_pieces[0]
        out.append(first)
        if len(name_pieces) > 1:
            out.extend(name_pieces[1:-1])
            out.append(f"{name_pieces[-1]} {target}")
        out.extend(_chunks(actual, TIER_WIDTH))
        out.append(numbers)
    else:
        out.extend(name_pieces)
        pieces = [*_value_pieces(target), *_value_pieces(actual)]
        if len(pieces) == 2:
            out[-1:] = [out[-1], f"{pieces[0]} {pieces[1]} {numbers}"]
        else:
            out.extend(pieces)
            out.append(numbers)
    if ind.note:
        out.extend(_chunks(ind.note, NOTE_WIDTH))
    if index in breaks:
        out.extend(["", ""])
    return out


def _spread(lines: Iterable[str]) -> str:
    return "\n\n".join(lines)


def print_spaced(form: SelfEvaluation, page_breaks: Iterable[int] = ()) -> str:
    """The form as seed-000 text; ``page_breaks`` are row indexes followed by a break."""
    breaks = set(page_breaks)
    f = form.funds
    head = [
        "",
        "财政项目支出绩效自评表",
        f"（{form.year}年度）",
        f"项目名称 {form.project}",
        f"主管部门 {form.department} 实施单位 {form.unit}",
        "项目资金",
        f"（{form.money_unit}）",
        "年初预算数 全年预算数 全年执行数 分数 执行率(%) 得分",
        f"年度资金总额： {_fund_cells(f.total)}",
        "其中：当年财政",
        f"拨款\n{_fund_cells(f.appropriation)}",
        f"上年结转资金 {_fund_cells(f.carryover)}",
        f"其他资金 {_fund_cells(f.other)}",
        "年度",
        "总体",
        "目标",
        "预期目标 实际完成情况",
        *_chunks(form.goal_expected or "", GOAL_WIDTH),
        *_chunks(form.goal_actual or "", GOAL_WIDTH),
        "一级",
        "指标",
        "二级",
        "指标\n三级指标 年度指标值 实际完成值 分值 得分",
        "偏差原因分析",
        "及改进措施",
    ]
    body: list[str] = []
    level1 = level2 = None
    for i, ind in enumerate(form.indicators):
        if ind.level1 != level1:
            body.extend(_vertical(ind.level1 or ""))
            level1, level2 = ind.level1, None
        if ind.level2 != level2:
            body.extend(_vertical(ind.level2 or ""))
            level2 = ind.level2
        body.extend(_row(ind, breaks, i))
    tail = [f"总分 {_num(form.total_weight)} {_num(form.total_score)}", f"评分等级 {form.grade}"]
    return _spread([*head, *body, *tail]) + "\n"
