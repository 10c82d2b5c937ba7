"""项目绩效自我评价 and 财政项目支出绩效目标表 from table cells (key/value header + table)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal

from jixiao.model import (
    TARGET_AMOUNTS,
    Indicator,
    LegacyInfo,
    LegacySelfEvaluation,
    Source,
    TargetDeclaration,
    TargetMeta,
    finding,
)
from jixiao.parse.grade_rule import parse_grade_rule
from jixiao.parse.layouts.grid._blocks import read_long_term_amounts, read_target_blocks
from jixiao.parse.layouts.grid._context import FormContext
from jixiao.parse.layouts.grid._header import KeyValue, read_pairs
from jixiao.parse.layouts.grid._indicators import find_header, read_indicators
from jixiao.parse.layouts.grid._rows import GridCell, GridRow, norm
from jixiao.parse.layouts.grid._self import FUNDING, GOALS, fund_label, money_unit, read_goals

__all__ = ["TARGET_GOALS", "read_amounts", "read_legacy", "read_target", "target_goal"]

_REMARKS = re.compile(r"^\s*(?:说明|备注说明|填表说明)\s*[：:]\s*")
_DATE_YEAR = re.compile(r"((?:19|20)\d{2})")
_LEGACY_MONEY = ("budget", "prior_year_budget", "executed")
_LABELS = {
    "budget": "当年预算数",
    "prior_year_budget": "上年预算金额",
    "executed": "预算执行数",
    "rate": "预算执行率",
    "total_budget": "项目总预算",
    "current_budget": "项目当年预算",
    "prior_budget": "同名项目上年预算额",
    "prior_executed": "同名项目上年预算执行数",
}


def _yes_no(ctx: FormContext, pair: KeyValue | None, field_: str) -> bool | None:
    if pair is None or pair.value is None:
        return None
    if pair.value in ("是", "否"):
        return pair.value == "是"
    detail = f"「{pair.label}」的取值「{pair.value}」不是“是”或“否”"
    ctx.findings.append(finding("P008", ctx.loc(pair.row, field_), detail=detail))
    return None


def _numbers(
    ctx: FormContext, pairs: dict[str, KeyValue], keys: tuple[str, ...], prefix: str
) -> dict[str, Decimal | None]:
    out: dict[str, Decimal | None] = {}
    for key in keys:
        pair = pairs.get(key)
        if pair is not None:
            out[key] = ctx.number(
                pair.value, pair.row, f"{prefix}.{key}", _LABELS[key], percent=key == "rate"
            )
    return out


def _unit(pairs: dict[str, KeyValue], keys: tuple[str, ...]) -> str | None:
    return next((pairs[k].unit for k in keys if k in pairs and pairs[k].unit), None)


def _remarks(ctx: FormContext, rows: list[GridRow]) -> str | None:
    for row in rows:
        own = row.own
        if own and _REMARKS.match(own[0].text):
            ctx.use(*own)
            texts = [_REMARKS.sub("", own[0].text, count=1), *(c.text for c in own[1:])]
            return "".join(t for t in texts if t) or None
    return None


def read_legacy(ctx: FormContext, year: int | None) -> LegacySelfEvaluation:
    rows = ctx.rows
    head = find_header(rows)
    top = rows if head is None else rows[:head]
    pairs = read_pairs(ctx, top)
    legacy: dict[str, object] = dict(_numbers(ctx, pairs, (*_LEGACY_MONEY, "rate"), "legacy"))
    legacy["recurring"] = _yes_no(ctx, pairs.get("recurring"), "legacy.recurring")
    texts = ("division", "eval_date", "grade_stated", "achievements", "problems", "improvements")
    for key in texts:
        legacy[key] = pairs[key].value if key in pairs else None
    data: dict[str, object] = {}
    if head is None:
        ctx.missing("indicators", "指标表表头")
    else:
        table = read_indicators(ctx, rows, head)
        legacy["level1_weights"] = table.level1_weights
        data = {
            "indicators": tuple(table.indicators),
            "total_weight": table.total_weight,
            "total_score": table.total_score,
        }
        if table.total_row is None:
            ctx.missing("total_score", "合计行")
        rest = rows[table.end :]
        pairs.update({k: v for k, v in read_pairs(ctx, rest).items() if k not in pairs})
        remarks = _remarks(ctx, rest)
        legacy["remarks"] = remarks
        legacy["grade_rule"] = parse_grade_rule(remarks or "")
    if year is None:
        year = _year_from_date(ctx, pairs.get("eval_date"))
    if "project" not in pairs:
        ctx.missing("project", "项目名称")
    grade = pairs.get("grade") or pairs.get("grade_stated")
    return LegacySelfEvaluation.model_validate(
        {
            "year": year,
            "project": pairs["project"].value if "project" in pairs else None,
            "department": pairs["department"].value if "department" in pairs else None,
            "unit": pairs["unit"].value if "unit" in pairs else None,
            "money_unit": _unit(pairs, _LEGACY_MONEY),
            "goal_expected": pairs["goal_expected"].value if "goal_expected" in pairs else None,
            "legacy": LegacyInfo.model_validate(legacy),
            **data,
            "grade": grade.value if grade is not None else None,
            "source": Source(file=ctx.file, lines=ctx.lines),
        }
    )


_DAY = (
    r"(?:(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])?(?!\d)"
    r"|(?:19|20)\d{2}(?:\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\.\d{1,2}(?:\.\d{1,2})?)?)"
)
"""A date as a period prints it: 2023年4月, 2023.07, a year alone (2019), or its digits
run together (202001, 20200131)."""
_PERIOD = re.compile(rf"^({_DAY})\s*(?:-|—|–|~|～|至|到)+\s*({_DAY})$")


def _period(text: str | None) -> tuple[str | None, str | None]:
    """建设周期 ``2023年4月-2024年2月`` (``2023.07-2024.01``, ``2019-2021``) → its start
    and end; ``(None, None)`` unless the text is exactly two dates joined by a dash or 至."""
    m = _PERIOD.match((text or "").strip())
    return (m.group(1), m.group(2)) if m else (None, None)


def _year_from_date(ctx: FormContext, pair: KeyValue | None) -> int | None:
    """The evaluated year: the year before 自评时间 (the form does not print it)."""
    m = _DATE_YEAR.search(pair.value or "") if pair is not None else None
    if pair is None or m is None:
        return None
    year = int(m.group(1)) - 1
    reason = f"表中未印年度，自评时间为 {pair.value}，评价的是上一年度"
    loc = ctx.loc(pair.row, "year")
    ctx.findings.append(finding("P006", loc, field="年度", value=str(year), reason=reason))
    return year


def _year_of_period(
    ctx: FormContext, pairs: dict[str, KeyValue], meta: dict[str, object]
) -> int | None:
    """The year of a declaration that prints none, from a project period within one
    calendar year (开始时间 2019/1/1, 结束时间 2019/12/31), said as inferred (P006)."""
    start, end = meta.get("start"), meta.get("end")
    if not isinstance(start, str) or not isinstance(end, str):
        return None
    years = {m.group(1) for m in (_LEADING_YEAR.match(t) for t in (start, end)) if m}
    if len(years) != 1 or not all(_LEADING_YEAR.match(t) for t in (start, end)):
        return None
    year = int(years.pop())
    reason = f"表中未印年度，项目起止时间 {start} 至 {end} 在同一年内"
    row = pairs.get("start") or pairs.get("period") or pairs.get("end")
    ctx.findings.append(
        finding(
            "P006",
            ctx.loc(row.row if row else None, "year"),
            field="年度",
            value=str(year),
            reason=reason,
        )
    )
    return year


_LEADING_YEAR = re.compile(r"^\s*((?:19|20)\d{2})\s*[-./年]\s*\d{1,2}")
"""A date that opens with its year and goes on to a month."""


def read_target(ctx: FormContext, year: int | None) -> TargetDeclaration:
    rows = ctx.rows
    head = find_header(rows)
    top = rows if head is None else rows[:head]
    pairs = read_pairs(ctx, top)
    meta: dict[str, object] = dict(_numbers(ctx, pairs, TARGET_AMOUNTS, "target_meta"))
    meta["gov_purchase"] = _yes_no(ctx, pairs.get("gov_purchase"), "target_meta.gov_purchase")
    for key in ("category", "start", "end", "perf_type", "overview", "basis", "necessity"):
        meta[key] = pairs[key].value if key in pairs else None
    for key in ("measures", "plan"):
        meta[key] = pairs[key].value if key in pairs else None
    if "period" in pairs and meta["start"] is None and meta["end"] is None:
        meta["start"], meta["end"] = _period(pairs["period"].value)
    meta["goal"] = target_goal(ctx, top, pairs.get("goal"))
    for row in top:
        own = row.own
        if len(own) == 1 and ("资金使用情况" in own[0].label or own[0].label.endswith("绩效目标")):
            ctx.use(own[0])  # section captions
    for key, amount in read_long_term_amounts(ctx, top).items():
        meta[key] = meta.get(key) if meta.get(key) is not None else amount
    funding = read_amounts(ctx, top, fund_label, _TARGET_FUNDING)
    for name, amount in funding.items():
        key = FUNDING[name][0]
        if meta.get(key) is None:
            meta[key] = amount
    indicators: tuple[Indicator, ...] = ()
    long_term: tuple[Indicator, ...] = ()
    if head is None:
        ctx.missing("indicators", "指标表表头")
    else:
        indicators, long_term = read_target_blocks(ctx, rows, head)
    if "project" not in pairs:
        ctx.missing("project", "项目名称")
    if year is None:
        year = _year_of_period(ctx, pairs, meta)
    return TargetDeclaration.model_validate(
        {
            "year": year,
            "project": pairs["project"].value if "project" in pairs else None,
            "department": pairs["department"].value if "department" in pairs else None,
            "unit": pairs["unit"].value if "unit" in pairs else None,
            "money_unit": _unit(pairs, TARGET_AMOUNTS) or money_unit(ctx, top),
            "target_meta": TargetMeta.model_validate(meta),
            "indicators": indicators,
            "long_term_indicators": long_term,
            "source": Source(file=ctx.file, lines=ctx.lines),
        }
    )


TARGET_GOALS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "中长期目标",
        (
            "中长期目标",
            "中长期绩效目标",
            "总体目标（中长期）",
            "长期目标",
            "中期目标",
            "项目总目标",
            "总目标",
            "实施期绩效目标",
            "实施期目标",
            "项目中期规划绩效目标",
            "中期规划绩效目标",
            "专项长期绩效目标",
        ),
    ),
    (
        "年度目标",
        (
            "年度目标",
            "年度绩效目标",
            "当年目标",
            "总体目标（年度）",
            "年度总体目标",
            "本年度绩效目标",
            "项目当年绩效目标",
            "当年绩效目标",
            "当年整体绩效目标",
            "项目年度目标",
            "专项年度绩效目标",
        ),
    ),
)


_ANNUAL = re.compile(r"年度|当年|本年")
"""A goal label naming the year's goal (年度总体目标), not the project's overall one."""
_GOAL_CAPTIONS = frozenset(w for _, words in (*TARGET_GOALS, *GOALS) for w in words)


def _goal_pair(pair: KeyValue | None) -> str | None:
    """The text beside 总体目标, unless it is the caption of a column under it
    (``总体目标 | 中期目标 | 年度目标``: the texts are on the next row, not beside)."""
    if pair is None or pair.value is None or norm(pair.value) in _GOAL_CAPTIONS:
        return None
    return pair.value


def target_goal(ctx: FormContext, rows: list[GridRow], pair: KeyValue | None = None) -> str | None:
    """The 中长期目标 and 年度目标 columns of a 总体目标 block, as one goal text:
    ``中长期目标：…。年度目标：…`` (or the one that is printed, without caption). ``pair``:
    a goal printed beside its label (项目总体目标 | …), the 中长期目标 where a 年度目标 is
    printed too, else the goal."""
    found = {k: v for k, v in read_goals(ctx, rows, TARGET_GOALS).items() if v}
    beside = _goal_pair(pair)
    overall = beside if pair is not None and not _ANNUAL.search(pair.label) else None
    if overall is not None and list(found) == ["年度目标"]:  # 总体目标 beside its label
        found = {"中长期目标": overall, **found}
    if not found:
        return beside
    if len(found) <= 1:
        return next(iter(found.values()), None)
    parts = [f"{k}：{v}" for k, v in found.items()]
    return "".join(p if p[-1] in "。；;." else p + "。" for p in parts[:-1]) + parts[-1]


_TARGET_FUNDING = {name: (f"target_meta.{key}", label) for name, (key, label) in FUNDING.items()}


def read_amounts(
    ctx: FormContext,
    rows: list[GridRow],
    label_of: Callable[[str], str | None],
    fields: Mapping[str, tuple[str, str]],
) -> dict[str, Decimal | None]:
    """Amounts printed as label ⇥ amount (a 项目资金 block: 年度资金总额 as the year's
    budget, then its sources), each from the first amount after its label — one a row,
    or two as key/value pairs (``上年结转资金：`` ⇥ …) — or after a label saying it is
    the year's (:data:`_OF_YEAR`); a label already read as another field (项目资金总额,
    the project's whole budget) names none. ``label_of`` names a label's row; ``fields``
    gives each name its field path and label in findings."""
    out: dict[str, Decimal | None] = {}
    of_year: set[str] = set()  # read from a label saying it is the year's (当年财政拨款)
    for row in rows:
        own = row.own
        found = [(i, None if c.key in ctx.used else label_of(c.label)) for i, c in enumerate(own)]
        labels = [(i, name) for i, name in found if name is not None and name in fields]
        for n, (i, name) in enumerate(labels):
            path, label = fields[name]
            stop = labels[n + 1][0] if n + 1 < len(labels) else len(own)
            yearly = _OF_YEAR.match(own[i].label) is not None
            if name in out and (name in of_year or not yearly):
                continue
            if yearly:
                of_year.add(name)
            if i + 1 >= stop:
                if _blank_after(row, own[i]):
                    ctx.use(own[i])  # printed with its value cell left empty
                    out[name] = None
                continue
            ctx.use(own[i], own[i + 1])
            out[name] = ctx.number(own[i + 1].text, row, path, label)
        if labels:
            for cell in own[: labels[0][0]]:
                if "资金" in cell.label:
                    ctx.use(cell)  # 项目资金（万元）
    return out


_OF_YEAR = re.compile(r"^(?:其中[:：]?)?(?:当年|本年|年度)")
"""A funding label saying it is the year's money (其中：当年财政拨款), read over the same
row's label printed without it (其中：财政资金, the project's whole funds beside it)."""


def _blank_after(row: GridRow, label: GridCell) -> bool:
    """Whether the cell right of ``label`` is an empty cell of the same table row."""
    nxt = row.at(label.last_col + 1)
    return nxt is not None and nxt.origin and not nxt.text
