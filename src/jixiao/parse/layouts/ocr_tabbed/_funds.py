"""The funding rows (年度资金总额 and its three sub-rows) of an OCR-extracted form.

Each row is read as a stream of tokens after its label: 年初预算数, 全年预算数, 全年执行数,
分值, 执行率, 得分. OCR splits the header ``全年执行⇥数`` into two columns, so a junk cell
(``2``, ``)``, ``}``) often follows 全年执行数 — and sometimes that cell holds the last
digit of the amount (``1,220.1⇥6``). The printed 执行率 decides: the reading whose
executed / adjusted matches the printed rate (rounded or truncated to its decimals) is
kept, and the choice is reported (P004).
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from jixiao.model import FundRow, Funds
from jixiao.parse.layouts.ocr_tabbed._blocks import compact
from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._text import cell_text
from jixiao.parse.text import DASHES, parse_number
from jixiao.read import Document

__all__ = ["FundsRead", "rate_matches", "read_funds"]

_KEYS = (
    ("total", ("年度资金总额",)),
    ("appropriation", ("当年财政拨款", "财政拨款", "当年财政", "本年财政拨款")),
    ("carryover", ("上年结转资金", "上年结转")),
    ("other", ("其他资金",)),
)
_NAMES = {
    "total": "年度资金总额",
    "appropriation": "当年财政拨款",
    "carryover": "上年结转资金",
    "other": "其他资金",
}
_NUM = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


class FundsRead:
    """The funds of one form, the lines used and what the row labels say of the unit."""

    def __init__(self) -> None:
        self.rows: dict[str, FundRow] = {}
        self.lines: set[int] = set()
        self.unit_text = ""

    def funds(self) -> Funds:
        return Funds(**self.rows)


def rate_matches(executed: Decimal, adjusted: Decimal, rate: Decimal) -> bool:
    """executed / adjusted × 100 equals ``rate`` rounded or truncated to its decimals."""
    if adjusted == 0:
        return False
    exact = executed / adjusted * 100
    quantum = Decimal(1).scaleb(rate.as_tuple().exponent)  # type: ignore[arg-type]
    return rate in (
        exact.quantize(quantum, rounding=ROUND_HALF_UP),
        exact.quantize(quantum, rounding=ROUND_DOWN),
    )


def _key(cell: str) -> tuple[str, str] | None:
    flat = compact(cell)
    for name, words in _KEYS:
        for w in words:
            if w in flat:
                return name, w
    return None


def read_funds(doc: Document, first: int, last: int, notes: Notes) -> FundsRead:
    out = FundsRead()
    for n in range(first, last + 1):
        cells = doc.line(n).cells
        found = next(((i, k) for i, c in enumerate(cells) if (k := _key(c))), None)
        if found is None:
            continue
        idx, (name, word) = found
        out.lines.add(n)
        out.unit_text += "".join(cells[:idx])
        label = cell_text(cells[idx])
        flat_label = re.sub(r"\s+", "", label)
        rest = flat_label.split(word, 1)[1] if word in flat_label else ""
        out.unit_text += flat_label.split(word, 1)[0] if word in flat_label else ""
        rest = re.sub(r"^[^\d\-—]*", "", rest)
        tokens = [rest, *cells[idx + 1 :]] if rest else list(cells[idx + 1 :])
        out.rows[name] = _row(name, n, tokens, notes)
    return out


def _tokens(cells: list[str]) -> tuple[list[str], list[str]]:
    values: list[str] = []
    junk: list[str] = []
    for cell in cells:
        for tok in cell_text(cell).split():
            if _NUM.match(tok) or tok in DASHES or set(tok) <= set("-—–"):
                values.append(tok)
            else:
                junk.append(tok)
    return values, junk


def _num(tok: str | None) -> Decimal | None:
    if tok is None or tok in DASHES or set(tok) <= set("-—–"):
        return None
    return parse_number(tok)


def _readable(tok: str, line: int, fld: str, label: str, notes: Notes) -> str | None:
    """A number token kept in its column, or None with P002 when it is no number to
    compute with (more than 30 digits: ``parse_number`` refuses it)."""
    try:
        _num(tok)
    except ValueError:
        notes.add("P002", line, fld, field=label, text=tok)
        return None
    return tok


def _row(name: str, line: int, cells: list[str], notes: Notes) -> FundRow:
    tokens, junk = _tokens(cells)
    label = _NAMES[name]
    fld = f"funds.{name}"
    slots = [_readable(tok, line, fld, label, notes) for tok in tokens]
    if len(slots) < 6:
        notes.add("P007", line, fld, line=line, missing=f"{label}的部分数值")
        slots = slots[:3] + [None] * (6 - len(slots)) + slots[3:]
    head, middle, tail = slots[:2], slots[2:-3], slots[-3:]
    adjusted = _num(head[1])
    rate = _num(tail[1])
    executed, rest = _executed([m for m in middle if m], adjusted, rate, line, fld, label, notes)
    if len(tokens) > 7:
        notes.unplaced(line, " ".join([*junk, *rest]))
    elif junk:
        notes.stray(line, f"{fld}.executed", " ".join(junk), label=f"{label}全年执行数")
    return FundRow(
        initial=_num(head[0]),
        adjusted=adjusted,
        executed=executed,
        weight=_num(tail[0]),
        rate=rate,
        score=_num(tail[2]),
    )


def _executed(
    middle: list[str],
    adjusted: Decimal | None,
    rate: Decimal | None,
    line: int,
    fld: str,
    label: str,
    notes: Notes,
) -> tuple[Decimal | None, list[str]]:
    """全年执行数 from the cells between 全年预算数 and 分值 (normally one, plus junk),
    and the number tokens left over."""
    if not middle:
        return None, []
    first = middle[0]
    if len(middle) == 1:
        return _num(first), []
    cands: list[tuple[str, str]] = []
    if len(middle) == 2 and "." in first and middle[1].isdigit():
        cands = [
            (first + middle[1], f"后一单元格「{middle[1]}」是被拆开的末位数字"),
            (first, f"后一单元格「{middle[1]}」是杂散字符"),
        ]
    else:
        cands = [(tok, "其余数字为混入的杂散文字") for tok in middle if _num(tok) is not None]
    scored = []
    for text, why in cands:
        value = _num(text)
        fits = bool(
            value is not None
            and adjusted
            and rate is not None
            and rate_matches(value, adjusted, rate)
        )
        places = -value.as_tuple().exponent if value is not None else 0  # type: ignore[operator]
        scored.append((fits, places == 2, text, why, value))
    fits, _, text, why, value = max(scored, key=lambda s: (s[0], s[1]))
    others = "、".join(f"「{s[2]}」" for s in scored if s[2] != text)
    if fits:
        reason = (
            f"{why}；执行数 / 全年预算数 与执行率 {rate}% 相符，其他读法 {others} 不符或位数不合"
        )
    else:
        reason = f"{why}；无一读法与执行率相符，按金额两位小数选取，未选 {others}"
    notes.add(
        "P004", line, f"{fld}.executed", field=f"{label}全年执行数", value=value, reason=reason
    )
    rest = list(middle)
    if len(middle) > 2:
        rest.remove(text)
    else:
        rest = []
    return value, rest
