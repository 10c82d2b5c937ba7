"""``spaced_target``: a 绩效目标表 as text extracted from a PDF, cells separated by spaces.

One printed table line per text line: the header as label/value pairs (``项目名称 …``,
``主管部门 … 实施单位 …``, ``年度资金总额： 6,500,000.00``, ``年度总体目标 …``), then the
indicator header (一级指标 二级指标 三级指标 年度指标值) and one row a line: the 一级
and 二级 labels where their merged cells begin, the 三级指标 and, last, the target.
Labels are the same words as in every layout (``grid.KEYS``); a line this
reader cannot place is left to the registry, which reports it (P001).
"""

from __future__ import annotations

import re
from typing import ClassVar

from jixiao.model import (
    Finding,
    Indicator,
    Location,
    Source,
    TargetDeclaration,
    TargetMeta,
    finding,
)
from jixiao.parse.base import LayoutResult, Match
from jixiao.parse.layouts.grid import FUNDING, GOALS, KEYS, TARGET_GOALS, fund_label, norm
from jixiao.parse.layouts.spaced import LEVEL1, LEVEL2, SpacedText, tokens
from jixiao.parse.rebuild.vocab import is_other_label, looks_like_value
from jixiao.parse.text import join_cell, parse_number
from jixiao.parse.titles import MAX_TITLE, find_title
from jixiao.read import Document, Line

__all__ = ["LAYOUT", "SpacedTargetLayout"]

_TITLE = re.compile(r"^(?:(?:19|20)\d{2}年度?)?[\u4e00-\u9fff]{0,12}绩效目标(?:申报)?表$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_UNIT = re.compile(r"[（(]\s*(万元|千元|元)\s*[)）]")
_WEIGHTED = re.compile(r"^(?P<label>.+?指标)[（(]\d+(?:\.\d+)?分[)）]$")
_HEAD_WORDS = ("一级指标", "三级指标")
_NOTE = "备注"
_HEAD_TOKENS = frozenset(
    {"绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "指标值", _NOTE}
)
"""The header words of this layout's table. A 备注 column is read only where it is left
empty (a row's last word is then its target: a value, never a note's words)."""
_FIELDS = ("project", "department", "unit", "goal")
_GOAL_CAPTIONS = frozenset(w for _, words in (*GOALS, *TARGET_GOALS) for w in words)
"""Captions of the columns under 总体目标 (年度目标, 年度总体目标完成情况): printed beside
the label, they head the goal's text on the next line and are no part of it."""
_FUND_LEAD = re.compile(r"^(?:项目资金|资金情况)[（(](?:万元|千元|元)[)）]")
_FUND_PAIR = re.compile(
    r"(?:其中[：:])?(?P<label>[\u4e00-\u9fff]{2,10}?)[：:]?(?P<amount>[^\u4e00-\u9fff：:]+)"
)
_NOTHING = frozenset("-—/／")


def _is_title(line: Line) -> bool:
    if "表" not in line.text:  # decided before the line is copied
        return False
    text = "".join(line.text.split())
    found = find_title(text) if _TITLE.match(text) else None
    return found is not None and found.kind == "target_declaration"  # not a department's


def _is_other_title(line: Line) -> bool:
    """A line that is the title of another kind of form (部门整体支出绩效自评表 …)."""
    text = "".join(line.text.split())
    found = find_title(text) if len(text) <= MAX_TITLE else None
    return found is not None and found.kind != "target_declaration"


def _is_head(line: Line) -> bool:
    return all(map(line.text.__contains__, _HEAD_WORDS))


def _four_columns(line: Line) -> bool:
    """The header is this layout's: 一级 / 二级 / 三级指标 and the target, nothing more.
    A row under a header of more columns (分值, 指标性质, 实际完成值 …) is no name and a
    last target cell, so such a table is left to the layouts that read its columns."""
    toks = {_unweighted(t) for t in tokens(line.text)}
    return toks <= _HEAD_TOKENS


class SpacedTargetLayout(SpacedText):
    name: ClassVar[str] = "spaced_target"
    title: ClassVar[str] = "空格分隔的绩效目标表（PDF 文字提取）"

    def match(self, doc: Document) -> Match:
        lines, refused = self._text_lines(doc)
        if refused is not None:
            return refused
        titles = sum(1 for ln in lines if _is_title(ln))
        heads = sum(1 for ln in lines if _is_head(ln) and _four_columns(ln))
        why = f"目标表标题 {titles} 处，“一级指标…三级指标”表头 {heads} 处"
        return self._match(0.8 if titles and heads else 0.1 * bool(heads), why)

    def parse(self, doc: Document) -> LayoutResult:
        result = LayoutResult()
        lines = [ln for ln in doc.lines if not ln.blank]
        titles = [i for i, ln in enumerate(lines) if _is_title(ln)]
        ends = [*titles[1:], len(lines)]
        starts = [a for a, b in zip(titles, ends, strict=True) if _has_body(lines[a + 1 : b])]
        others = [i for i, ln in enumerate(lines) if _is_other_title(ln)]
        for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
            b = min([o for o in others if a < o < b] or [b])  # another kind of form begins
            caption = next((t for t in reversed(titles) if t < a), None)  # the page's heading
            heading = lines[caption] if caption is not None and caption not in starts else None
            heading = heading or _page_heading(lines, a, result.consumed)
            result.forms.append(_form(doc.name, lines[a:b], result.consumed, heading))
        return result


_HEADING_REACH = 3
"""How many lines above a form's title its page heading may stand (a publishing date
or a source line between them)."""


def _page_heading(lines: list[Line], at: int, consumed: set[int]) -> Line | None:
    """A page heading above the title at ``at`` that names the form, project and year
    first (``2018年市级专项…绩效目标申报表`` over ``绩效目标申报表``): too long to be a
    title itself, it is the form's heading and gives its year."""
    title = "".join(lines[at].text.split())
    for ln in reversed(lines[max(0, at - _HEADING_REACH) : at]):
        if ln.number in consumed:
            return None
        text = "".join(ln.text.split())
        if text != title and text.endswith(title) and _YEAR.match(text):
            consumed.add(ln.number)
            return ln
    return None


def _has_body(lines: list[Line]) -> bool:
    """A title heads a form when a label or the indicator header follows it before the
    next title; else it is a caption (a web page's heading repeating the form's name)."""
    return any(_is_head(ln) or any(KEYS.get(norm(t)) for t in ln.text.split()) for ln in lines)


def _form(
    file: str, lines: list[Line], consumed: set[int], heading: Line | None = None
) -> TargetDeclaration:
    consumed.add(lines[0].number)
    head = next((i for i, ln in enumerate(lines) if _is_head(ln)), len(lines))
    data: dict[str, object] = {}
    meta: dict[str, object] = {}
    findings: list[Finding] = []
    last: str | None = None
    year = _YEAR.search(lines[0].text) or (_YEAR.search(heading.text) if heading else None)
    for ln in lines[1:head]:
        m = _YEAR.search(ln.text)
        if year is None and m and len(norm(ln.text)) <= 10:
            year = m
            consumed.add(ln.number)
            continue
        key = _pairs(ln, data)
        if key or _funds(ln, data, meta, file, findings):
            consumed.add(ln.number)
            last = key
        elif last == "goal":  # the goal wraps on, or is printed under its captions
            data["goal"] = join_cell([str(data.get("goal") or ""), ln.text])
            consumed.add(ln.number)
    if head < len(lines):
        consumed.add(lines[head].number)
    noted = head < len(lines) and _NOTE in tokens(lines[head].text)
    rows = _rows(lines[head + 1 :], consumed, noted)
    for key, label in (("project", "项目名称"), ("indicators", "指标表表头")):
        if not data.get(key) and not (key == "indicators" and rows):
            loc = Location(file=file, lines=(lines[0].number, lines[-1].number), field=key)
            findings.append(finding("P003", loc, field=label))
    meta["goal"] = data.pop("goal", None)
    return TargetDeclaration.model_validate(
        {
            **data,
            "year": int(year.group(1)) if year else None,
            "target_meta": TargetMeta.model_validate(meta),
            "indicators": tuple(rows),
            "source": Source(file=file, lines=(lines[0].number, lines[-1].number)),
            "findings": tuple(findings),
        }
    )


def _pairs(line: Line, data: dict[str, object]) -> str | None:
    """``项目名称 X`` / ``主管部门 X 实施单位 Y`` / ``年度总体目标 X``: every token after a
    label until the next label is its value. The last label of the line, ``None`` when
    the line holds none."""
    current: str | None = None
    values: dict[str, list[str]] = {}
    for tok in line.text.split():
        key = KEYS.get(norm(tok))
        if key in _FIELDS:
            current = key
            values[current] = []
        elif current is None:
            return None
        elif is_other_label(tok):  # 项目负责人及电话: no field of ours, but it ends the value
            current = f"other:{tok}"
            values[current] = []
        elif not (current == "goal" and norm(tok) in _GOAL_CAPTIONS):
            values[current].append(tok)
    values = {k: v for k, v in values.items() if k in _FIELDS}
    for key, parts in values.items():
        data.setdefault(key, join_cell(parts))
    return current


def _funds(
    line: Line,
    data: dict[str, object],
    meta: dict[str, object],
    file: str,
    findings: list[Finding],
) -> bool:
    """``项目资金（元） 年度资金总额： 6,500,000.00`` (the money unit and the year's total),
    ``其中：本年财政拨款 6,000,000.00``, ``上年结转资金 …``, ``其他资金 …`` (its sources),
    one a line or several on one line."""
    text = "".join(line.text.split())
    unit = _UNIT.search(text)
    if unit and "资金" in text:
        data.setdefault("money_unit", unit.group(1))
    pairs = _fund_pairs(_FUND_LEAD.sub("", text, count=1))
    if not pairs:
        return bool(unit) and text.startswith("项目资金") and len(text) <= 10
    for row, amount in pairs:
        key, label = FUNDING[row]
        if set(amount) <= _NOTHING:
            continue  # 其他资金 —: nothing printed
        try:
            meta[key] = parse_number(amount)
        except ValueError:
            where = Location(
                file=file, lines=(line.number, line.number), field=f"target_meta.{key}"
            )
            findings.append(finding("P002", where, field=label, text=amount))
    return True


def _fund_pairs(text: str) -> list[tuple[str, str]]:
    """``本年财政拨款86.50其他资金0.00`` → [(``appropriation``, ``86.50``), (``other``,
    ``0.00``)]: funding labels each followed by its amount, and nothing else."""
    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _FUND_PAIR.match(text, pos)
        row = fund_label(m.group("label")) if m else None
        if m is None or row is None:
            return []
        pairs.append((row, m.group("amount")))
        pos = m.end()
    return pairs


def _rows(lines: list[Line], consumed: set[int], noted: bool = False) -> list[Indicator]:
    """One indicator a line: the labels, the name, the target last (``noted``: a 备注
    column is printed, so a last word that is no value is a note and the row is left
    to the unplaced-text report)."""
    out: list[Indicator] = []
    level1: str | None = None
    level2: str | None = None
    for ln in lines:
        toks = [_unweighted(t) for t in tokens(ln.text)]
        if toks and all(t in _HEAD_TOKENS for t in toks):
            consumed.add(ln.number)  # the header repeated on a new page
            continue
        while toks and (toks[0] in LEVEL1 or toks[0] in LEVEL2):
            # 成本指标 is 一级 on newer forms, 二级 under 产出指标 on older ones: 一级 when
            # a 二级 label follows it
            nxt = toks[1] if len(toks) > 1 else ""
            if toks[0] in LEVEL1 and (toks[0] not in LEVEL2 or nxt in LEVEL2):
                level1, level2 = toks[0], None
            else:
                level2 = toks[0]
            toks = toks[1:]
        if len(toks) < 2:
            if not toks:
                consumed.add(ln.number)
            continue
        name, target = join_cell(toks[:-1]), toks[-1]
        if noted and not looks_like_value(target):
            continue
        row = Indicator(
            level1=level1, level2=level2, name=name, target=target, lines=(ln.number, ln.number)
        )
        out.append(row)
        consumed.add(ln.number)
    return out


def _unweighted(tok: str) -> str:
    m = _WEIGHTED.match(tok)
    return m.group("label") if m else tok


LAYOUT = SpacedTargetLayout()
