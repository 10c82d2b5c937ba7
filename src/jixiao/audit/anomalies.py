"""The kinds of anomaly the audit must find, each as a way to plant it in a real form.

Used by the recall benchmark (``benchmarks/audit_recall.py``) and its test: every kind
names the finding that must report it at the place it was planted. Amounts are changed
by whole printed units, beyond any rounding the checks allow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import ROUND_UP, Decimal
from random import Random

from jixiao.audit.inject import (
    Anomaly,
    Injection,
    at_precision,
    fund_row,
    pick,
    quantity_text,
    rescore_row,
    restate_actual,
    scored_rows,
    set_row,
    shift_total,
)
from jixiao.audit.precision import HUNDRED, unit_of
from jixiao.audit.rules import blank_note, reported_incomplete
from jixiao.model import Form, Indicator, LegacySelfEvaluation, SelfEvaluation
from jixiao.model.value import Op
from jixiao.parse.reconcile import form_sums
from jixiao.score.result import FormScore, RowScore
from jixiao.score.ruleset import Ruleset, grade_in

__all__ = ["ANOMALIES", "anomaly"]

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


def _name(form: Form, i: int) -> str:
    return f"第 {i + 1} 行「{form.indicators[i].name or '（无名称）'}」"


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
    detail = f"{_name(form, i)}实际改为「{text}」（目标 {ind.target}），得分 {reported}（分值 {w}）"
    return rescore_row(form, i, reported, rs, detail, actual=text)


def _missed_full(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    return _lenient(form, score, rs, rng, partial=False)


def _raised(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    return _lenient(form, score, rs, rng, partial=True)


def _reverse_missed(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
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
        form, i, text, f"{_name(form, i)}实际改为 {text}（目标 {ind.target}），仍得满分"
    )


def _zero_missed(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, lambda ind, r: _full(ind, r) and r.method == "zero"))
    if i is None or not _below(Decimal(0), score.rows[i].reported or Decimal(0)):
        return None
    t = form.indicators[i].parsed_target
    text = quantity_text(Decimal(2), t.unit if t is not None else None)
    return restate_actual(form, i, text, f"{_name(form, i)}目标为 0，实际改为 {text}，仍得满分")


def _band_exceeded(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    band = rs.qualitative.partial

    def keep(ind: Indicator, r: RowScore) -> bool:
        w = r.weight or Decimal(0)
        return r.method == "qualitative" and _full(ind, r) and _below(w * band.high / HUNDRED, w)

    i = pick(rng, scored_rows(form, score, keep))
    if i is None:
        return None
    return restate_actual(form, i, _PARTIAL, f"{_name(form, i)}实际改为「{_PARTIAL}」，仍得满分")


def _band_not_achieved(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    """未达成 with 70 % of the weight: above the 未达成 band [0, 60 %)."""

    def keep(ind: Indicator, r: RowScore) -> bool:
        return r.method == "qualitative" and _full(ind, r) and (r.weight or 0) >= 5

    i = pick(rng, scored_rows(form, score, keep))
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    reported = (w * Decimal("0.7")).quantize(unit_of(w), rounding=ROUND_UP)
    detail = f"{_name(form, i)}实际改为「{_NOT_ACHIEVED}」，得分 {reported}（分值 {w}）"
    return rescore_row(form, i, reported, rs, detail, actual=_NOT_ACHIEVED, note="未达成")


def _score_above_weight(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, _full))
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    delta = max(unit_of(w), at_precision(w / 5, w))
    return rescore_row(form, i, w + delta, rs, f"{_name(form, i)}得分改为 {w + delta}（分值 {w}）")


def _negative(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = pick(rng, scored_rows(form, score, lambda ind, r: (r.reported or 0) > 0))
    if i is None:
        return None
    s = form.indicators[i].score
    assert s is not None
    return rescore_row(form, i, -s, rs, f"{_name(form, i)}得分改为 {-s}", note="得分有误")


def _silent_full_row(form: Form, score: FormScore, rng: Random) -> int | None:
    """A self-evaluation row with full marks and no note."""
    if form.kind != "self_evaluation":
        return None
    return pick(
        rng, scored_rows(form, score, lambda ind, r: _full(ind, r) and blank_note(ind.note))
    )


def _deduction_no_note(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = _silent_full_row(form, score, rng)
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    delta = max(unit_of(w), at_precision(w / 5, w))
    note = rng.choice((None, "", "无", "/", "—"))
    detail = f"{_name(form, i)}扣 {delta} 分，偏差原因为「{note or ''}」"
    planted = rescore_row(form, i, w - delta, rs, detail, note=note)
    return replace(planted, field=f"indicators.{i}.note")


def _note_full_marks(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    i = _silent_full_row(form, score, rng)
    if i is None:
        return None
    note = rng.choice(_SHORTFALL_NOTES)
    changed = set_row(form, i, note=note)
    return Injection(changed, f"indicators.{i}.note", f"{_name(form, i)}满分，偏差原因写「{note}」")


def _missing_actual(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if form.kind != "self_evaluation":
        return None
    rows = scored_rows(form, score, lambda ind, r: bool(ind.actual))
    i = pick(rng, [i for i in rows if not reported_incomplete(form, i)])
    if i is None:
        return None
    changed = set_row(form, i, actual=None)
    return Injection(changed, f"indicators.{i}.actual", f"{_name(form, i)}实际完成值删去")


def _total_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not any(s.field == "total_score" for s in form_sums(form)):
        return None
    delta = Decimal(rng.choice((1, 2, 5)))
    assert isinstance(form, SelfEvaluation | LegacySelfEvaluation)
    assert form.total_score is not None
    delta = -delta if form.total_score + delta > HUNDRED else delta
    changed = shift_total(form, delta, rs)
    return Injection(
        changed, "total_score", f"总分 {form.total_score} 改为 {form.total_score + delta}"
    )


def _weights_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation):
        return None
    if form.total_weight is not None and not any(
        s.field == "total_weight" for s in form_sums(form)
    ):
        return None
    i = pick(rng, scored_rows(form, score, lambda ind, r: True))
    if i is None:
        return None
    w = form.indicators[i].weight
    assert w is not None
    delta = Decimal(rng.choice((1, 2, 3)))
    changed = set_row(form, i, weight=w + delta)
    return Injection(changed, "total_weight", f"{_name(form, i)}分值 {w} 改为 {w + delta}")


def _grade_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation | LegacySelfEvaluation):
        return None
    if form.total_score is None or form.grade is None:
        return None
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_rule:
        bands = [(b.grade, b.min_score) for b in form.legacy.grade_rule]
    else:
        bands = [(g.name, g.min) for g in rs.grades]
    earned = grade_in(bands, form.total_score)
    if form.grade != earned:
        return None
    other = rng.choice([name for name, _ in bands if name != earned])
    changed = form.model_copy(update={"grade": other})
    return Injection(changed, "grade", f"总分 {form.total_score}，等级「{earned}」改为「{other}」")


def _rate_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if isinstance(form, LegacySelfEvaluation):
        rate, field = form.legacy.rate, "legacy.rate"
    elif isinstance(form, SelfEvaluation):
        rate, field = form.funds.total.rate, "funds.total.rate"
    else:
        return None
    if rate is None or not _has_rate_inputs(form):
        return None
    whole = rate == rate.to_integral_value()  # may be the ratio rounded to whole percent
    delta = Decimal(rng.choice((2, 5, 10) if whole else (1, 2, 5, 10)))
    new = rate - delta if rate - delta > rs.audit.near_zero_rate else rate + delta
    new = new.quantize(unit_of(rate))
    if isinstance(form, LegacySelfEvaluation):
        changed: Form = form.model_copy(
            update={"legacy": form.legacy.model_copy(update={"rate": new})}
        )
    else:
        assert isinstance(form, SelfEvaluation)
        changed = fund_row(form, "total", rate=new)
    return Injection(changed, field, f"执行率 {rate}% 改为 {new}%")


def _has_rate_inputs(form: Form) -> bool:
    if isinstance(form, LegacySelfEvaluation):
        budget, executed = form.legacy.budget, form.legacy.executed
    else:
        assert isinstance(form, SelfEvaluation)
        budget, executed = form.funds.total.adjusted, form.funds.total.executed
    return executed is not None and budget is not None and budget > 0


def _budget_score_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    row = form.funds.total
    if row.score is None or row.weight is None or row.rate is None or row.score < 2:
        return None
    delta = max(Decimal(1), at_precision(row.score * Decimal("0.3"), row.score))
    changed = shift_total(fund_row(form, "total", score=row.score - delta), -delta, rs)
    return Injection(
        changed, "funds.total.score", f"预算执行得分 {row.score} 改为 {row.score - delta}"
    )


def _sub_rows_off(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    total, part = form.funds.total.initial, form.funds.appropriation.initial
    if total is None or part is None or total <= 0:
        return None
    delta = max(unit_of(total) * 10, at_precision(total / 10, total))
    changed = fund_row(form, "appropriation", initial=part + delta)
    return Injection(
        changed, "funds.total.initial", f"当年财政拨款年初预算数 {part} 改为 {part + delta}"
    )


def _idle_budget(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    row = form.funds.total
    outputs = [r for r in form.indicators if r.level1 and "产出" in r.level1]
    if not outputs or not all(
        r.weight and r.score is not None and r.score >= r.weight for r in outputs
    ):
        return None
    if row.executed is None or row.rate is None or row.score is None or not row.adjusted:
        return None
    changed: Form = form
    for key in ("total", "appropriation", "carryover", "other"):
        sub = getattr(form.funds, key)
        zero = {
            f: Decimal(0).quantize(unit_of(v))
            for f in ("executed", "rate", "score")
            if (v := getattr(sub, f)) is not None
        }
        assert isinstance(changed, SelfEvaluation)
        changed = fund_row(changed, key, **zero)
    changed = shift_total(changed, -row.score, rs)
    return Injection(
        changed,
        "funds.total.rate",
        f"全年执行数 {row.executed} 改为 0（执行率 0%），产出指标仍全部满分",
    )


def _budget_above_weight(
    form: Form, score: FormScore, rs: Ruleset, rng: Random
) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    row = form.funds.total
    if row.score is None or row.weight is None:
        return None
    delta = max(Decimal(1), row.weight - row.score + 1)
    changed = shift_total(fund_row(form, "total", score=row.score + delta), delta, rs)
    return Injection(
        changed,
        "funds.total.score",
        f"预算执行得分 {row.score} 改为 {row.score + delta}（分值 {row.weight}）",
    )


def _negative_amount(form: Form, score: FormScore, rs: Ruleset, rng: Random) -> Injection | None:
    if not isinstance(form, SelfEvaluation):
        return None
    key = rng.choice(("initial", "adjusted", "executed"))
    value = getattr(form.funds.total, key)
    if value is None or value <= 0:
        return None
    changed = fund_row(form, "total", **{key: -value})
    return Injection(changed, f"funds.total.{key}", f"年度资金总额的{key}（{value}）改为负数")


ANOMALIES: tuple[Anomaly, ...] = (
    Anomaly("lenient_full", "未达到指标值却得满分", "R001", _missed_full),
    Anomaly("lenient_raised", "得分高于按比例计算的得分", "R001", _raised),
    Anomaly("lenient_reverse", "反向指标超标仍得满分", "R001", _reverse_missed),
    Anomaly("lenient_zero", "目标为 0 而实际不为 0 仍得满分", "R001", _zero_missed),
    Anomaly("band_exceeded", "定性得分高于所属档次", "R002", _band_exceeded),
    Anomaly("band_not_achieved", "未达成却得分值的 70%", "R002", _band_not_achieved),
    Anomaly("total_off", "总分不等于各项之和", "A001", _total_off),
    Anomaly("weights_off", "分值合计不为 100", "A002", _weights_off),
    Anomaly("rate_off", "执行率 ≠ 执行数 / 预算数", "A003", _rate_off),
    Anomaly("budget_score_off", "预算执行得分 ≠ 执行率 × 分值", "A004", _budget_score_off),
    Anomaly("sub_rows_off", "资金来源各行之和 ≠ 年度资金总额", "A005", _sub_rows_off),
    Anomaly(
        "score_above_weight",
        "得分超过分值",
        "A006",
        _score_above_weight,
        frozenset({"R001", "R002"}),
    ),
    Anomaly("negative", "得分为负数", "A007", _negative),
    Anomaly(
        "budget_above_weight",
        "预算执行得分超过分值",
        "A006",
        _budget_above_weight,
        frozenset({"A004"}),
    ),
    Anomaly(
        "negative_amount",
        "金额为负数",
        "A007",
        _negative_amount,
        frozenset({"A003", "A004", "A005", "A008"}),
    ),
    Anomaly("grade_off", "评分等级与总分不符", "R004", _grade_off),
    Anomaly("deduction_no_note", "扣分未说明原因", "R005", _deduction_no_note),
    Anomaly("note_full_marks", "偏差说明未完成却得满分", "R006", _note_full_marks),
    Anomaly("missing_actual", "缺少实际完成值", "R007", _missing_actual),
    Anomaly("idle_budget", "预算未执行而产出全部满分", "X001", _idle_budget),
)
"""Every kind of anomaly, in the order the benchmark reports them."""


def anomaly(name: str) -> Anomaly:
    """The kind called ``name``; ``KeyError`` for an unknown one."""
    for kind in ANOMALIES:
        if kind.name == name:
            return kind
    raise KeyError(name)
