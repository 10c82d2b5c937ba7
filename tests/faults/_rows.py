"""Anomalies planted in one indicator row (see :mod:`jixiao.audit.anomalies`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_UP, Decimal
from random import Random

from faults.inject import (
    Injection,
    at_precision,
    pick,
    quantity_text,
    rescore_row,
    restate_actual,
    row_name,
    scored_rows,
    set_row,
)
from jixiao.audit.precision import HUNDRED, unit_of
from jixiao.audit.rules import blank_note, reported_incomplete
from jixiao.model import Form, Indicator
from jixiao.model.value import Op
from jixiao.score.result import FormScore, RowScore
from jixiao.score.ruleset import Ruleset

__all__ = [
    "band_exceeded",
    "band_not_achieved",
    "deduction_no_note",
    "missed_full",
    "missing_actual",
    "negative",
    "note_full_marks",
    "raised",
    "reverse_missed",
    "score_above_weight",
    "zero_missed",
]

_PARTIAL = "部分达成年度指标并具有一定效果"
_NOT_ACHIEVED = "未达成年度指标且效果较差"
_SHORTFALL_NOTES = (
    "受疫情影响，部分培训未能按计划开展",
    "因经费调减，部分活动取消",
    "项目进度滞后，年底前未全部完成",
    "实际完成数量少于计划",
    "部分设备到货延迟，影响使用",
    "与目标值存在一定差距，明年将加强管理",
    "实际参训人数未达预期",
    "完成率偏低，主要原因是报名人数不足",
)
"""Notes that say a row fell short, as units write them."""
_WORDINGS = ("{}", "完成{}", "达到{}", "共{}", "实际完成{}", "已完成{}")
"""How units write a figure reached."""


def _full(ind: Indicator, row: RowScore) -> bool:
    return row.reported == row.weight


def _met_quantity(ops: tuple[Op, ...]) -> Callable[[Indicator, RowScore], bool]:
    """Rows with full marks whose quantitative target (with one of ``ops``) was met."""

    def keep(ind: Indicator, row: RowScore) -> bool:
        t, a = ind.parsed_target, ind.parsed_actual
        return (
            _full(ind, row)
            and row.method in ("positive", "reverse")
            and t is not None
            and t.number is not None
            and t.number > 0
            and (t.op or Op.EQ) in ops
            and a is not None
            and a.op in (None, Op.EQ)
        )

    return keep


def _below(computed: Decimal, reported: Decimal) -> bool:
    """Whether ``computed`` stays below ``reported`` however it is rounded as printed."""
    return computed.quantize(unit_of(reported)) < reported and reported - computed > 1


def _lenient(
    form: Form, score: FormScore, rs: Ruleset, rng: Random, partial: bool
) -> Injection | None:
    i = pick(rng, scored_rows(form, score, _met_quantity((Op.GE, Op.GT, Op.EQ))))
    if i is None:
        return None
    ind, w = form.indicators[i], score.rows[i].weight
    t = ind.parsed_target
    assert t is not None and t.number is not None and w is not None
    share = Decimal(rng.choice(("0.2", "0.4", "0.5", "0.6")))
    actual = at_precision(t.number * share, t.number)
    computed = w * actual / t.number
    reported = at_precision((computed + w) / 2, w) if partial else w
    if not _below(computed, reported):
        return None
    text = rng.choice(_WORDINGS).format(quantity_text(actual, t.unit, ind.target))
    detail = (
        f"{row_name(form, i)}实际改为「{text}」（目标 {ind.target}），得分 {reported}（分值 {w}）"
    )
    return rescore_row(form, i, reported, rs, detail, actual=text)


def missed_full(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    return _lenient(form, score, rs, rng, partial=False)


def raised(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    return _lenient(form, score, rs, rng, partial=True)


def reverse_missed(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, _met_quantity((Op.LE, Op.LT))))
    if i is None:
        return None
    ind, w = form.indicators[i], score.rows[i].weight
    t = ind.parsed_target
    assert t is not None and t.number is not None and w is not None
    actual = t.number * 3
    if not _below(w * t.number / actual, w):
        return None
    text = quantity_text(actual, t.unit, ind.target)
    return restate_actual(
        form, i, text, f"{row_name(form, i)}实际改为 {text}（目标 {ind.target}），仍得满分"
    )


def zero_missed(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, lambda ind, r: _full(ind, r) and r.method == "zero"))
    if i is None or not _below(Decimal(0), score.rows[i].reported or Decimal(0)):
        return None
    t = form.indicators[i].parsed_target
    text = quantity_text(Decimal(2), t.unit if t is not None else None)
    return restate_actual(form, i, text, f"{row_name(form, i)}目标为 0，实际改为 {text}，仍得满分")


def band_exceeded(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    band = rs.qualitative.partial

    def keep(ind: Indicator, r: RowScore) -> bool:
        w = r.weight or Decimal(0)
        return r.method == "qualitative" and _full(ind, r) and _below(w * band.high / HUNDRED, w)

    i = pick(rng, scored_rows(form, score, keep))
    if i is None:
        return None
    return restate_actual(form, i, _PARTIAL, f"{row_name(form, i)}实际改为「{_PARTIAL}」，仍得满分")


def band_not_achieved(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    """未达成 with 70 % of the weight: above the 未达成 band [0, 60 %)."""

    def keep(ind: Indicator, r: RowScore) -> bool:
        return r.method == "qualitative" and _full(ind, r) and (r.weight or 0) >= 5

    i = pick(rng, scored_rows(form, score, keep))
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    reported = (w * Decimal("0.7")).quantize(unit_of(w), rounding=ROUND_UP)
    detail = f"{row_name(form, i)}实际改为「{_NOT_ACHIEVED}」，得分 {reported}（分值 {w}）"
    return rescore_row(form, i, reported, rs, detail, actual=_NOT_ACHIEVED, note="未达成")


def score_above_weight(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, _full))
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    delta = max(unit_of(w), at_precision(w / 5, w))
    return rescore_row(
        form, i, w + delta, rs, f"{row_name(form, i)}得分改为 {w + delta}（分值 {w}）"
    )


def negative(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, lambda ind, r: (r.reported or 0) > 0))
    if i is None:
        return None
    s = form.indicators[i].score
    assert s is not None
    return rescore_row(form, i, -s, rs, f"{row_name(form, i)}得分改为 {-s}", note="得分有误")


def _silent_full_row(form: Form, score: FormScore, rng: Random) -> int | None:
    """A self-evaluation row with full marks and no note."""
    if form.kind != "self_evaluation":
        return None
    return pick(
        rng, scored_rows(form, score, lambda ind, r: _full(ind, r) and blank_note(ind.note))
    )


def deduction_no_note(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = _silent_full_row(form, score, rng)
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    delta = max(unit_of(w), at_precision(w / 5, w))
    note = rng.choice((None, "", "无", "/", "—"))
    detail = f"{row_name(form, i)}扣 {delta} 分，偏差原因为「{note or ''}」"
    planted = rescore_row(form, i, w - delta, rs, detail, note=note)
    return replace(planted, field=f"indicators.{i}.note")


def note_full_marks(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = _silent_full_row(form, score, rng)
    if i is None:
        return None
    note = rng.choice(_SHORTFALL_NOTES)
    changed = set_row(form, i, note=note)
    return Injection(
        changed, f"indicators.{i}.note", f"{row_name(form, i)}满分，偏差原因写「{note}」"
    )


def missing_actual(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if form.kind != "self_evaluation":
        return None
    rows = scored_rows(form, score, lambda ind, r: bool(ind.actual))
    i = pick(rng, [i for i in rows if not reported_incomplete(form, i)])
    if i is None:
        return None
    changed = set_row(form, i, actual=None)
    return Injection(changed, f"indicators.{i}.actual", f"{row_name(form, i)}实际完成值删去")
