"""R: the scoring rules — the reported scores against the scores the rules give.

The rows are scored by :func:`jixiao.score.score_form`; this module compares. A score
above what the rules allow (beyond the ruleset's tolerance) is an error; a score below
is the unit's right (evaluators often deduct more), but a deduction needs a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from jixiao.audit.locate import form_location, row_location
from jixiao.audit.precision import unit_of
from jixiao.audit.registry import form_check
from jixiao.model import Finding, Form, FundedEvaluation, LegacySelfEvaluation, finding
from jixiao.score.qualitative import hedged_word
from jixiao.score.result import FormScore, RowScore
from jixiao.score.ruleset import Ruleset, grade_in

__all__ = [
    "blank_note",
    "check_deductions",
    "check_grade",
    "check_hedged_full_marks",
    "check_missing_actual",
    "check_row_scores",
    "check_total_above_computed",
    "explains_shortfall",
    "lenient_margin",
    "reported_incomplete",
    "row_excess",
    "self_score_excess",
]

_QUANTITATIVE = ("positive", "reverse", "zero")


def lenient_margin(ruleset: Ruleset) -> Decimal:
    """How far a reported score may exceed the computed one before it is lenient."""
    return max(ruleset.tolerance.points, ruleset.audit.lenient_margin)


def _allowed(row: RowScore) -> Decimal | None:
    """The most a row may score: its computed score, or the top of its tier's band."""
    if row.method in _QUANTITATIVE:
        return row.computed
    if row.method == "qualitative":
        return row.band_high
    return None


def _rounds_to(value: Decimal, reported: Decimal) -> bool:
    """Whether ``reported`` is ``value`` rounded to the precision ``reported`` is printed
    with (a form that scores in whole points may give 7 for 6.55)."""
    return value.quantize(unit_of(reported), rounding=ROUND_HALF_UP) == reported


def row_excess(row: RowScore, ruleset: Ruleset) -> Decimal:
    """How many points a row's reported score lies above what the rules allow; 0 when
    within the lenient margin or when it is the allowed score rounded as printed."""
    allowed = _allowed(row)
    if row.reported is None or allowed is None:
        return Decimal(0)
    excess = row.reported - allowed
    if excess <= lenient_margin(ruleset) or _rounds_to(allowed, row.reported):
        return Decimal(0)
    return excess


@form_check("R001", "R002", "R003")
def check_row_scores(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """R001 a quantitative row scored above its computed score; R002/R003 a qualitative
    row scored above / below its tier's band."""
    for row in score.rows:
        if row.reported is None:
            continue
        excess = row_excess(row, ruleset)
        if excess and row.method != "qualitative":
            yield finding(
                "R001",
                row_location(form, row.position, "score"),
                reported=row.reported,
                computed=None if row.computed is None else ruleset.rounding.points(row.computed),
                explanation=row.explanation,
            )
            continue
        if excess:
            code = "R002"
        elif _below_band(row, ruleset):
            code = "R003"
        else:
            continue
        yield finding(
            code,
            row_location(form, row.position, "score"),
            actual=form.indicators[row.position].actual,
            band_low=row.band_low,
            band_high=row.band_high,
            reported=row.reported,
        )


@form_check("R009")
def check_hedged_full_marks(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """R009 full marks for an actual hedged with 较 / 基本 (较及时) that the ruleset reads
    as achieved (read as partial, full marks are R002 instead)."""
    for row in score.rows:
        if row.method != "qualitative" or row.reported is None or row.weight is None:
            continue
        ind = form.indicators[row.position]
        hedge = hedged_word(ind.parsed_actual)
        if hedge is None or hedged_word(ind.parsed_target) is not None:
            continue  # a target that is itself 较好 is met by 较好
        if row.reported < row.weight or row_excess(row, ruleset):
            continue
        yield finding(
            "R009",
            row_location(form, row.position, "score"),
            actual=ind.actual,
            hedge=hedge,
            target=ind.target,
            score=row.reported,
        )


def _below_band(row: RowScore, ruleset: Ruleset) -> bool:
    low, reported = row.band_low, row.reported
    if row.method != "qualitative" or low is None or reported is None:
        return False
    return low - reported > lenient_margin(ruleset) and not _rounds_to(low, reported)


@form_check("R004")
def check_grade(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """R004 a printed grade (the 评分等级, and a scorecard's 绩效等级 in its header when
    it says otherwise) is not the one the printed total earns."""
    if not isinstance(form, FundedEvaluation | LegacySelfEvaluation) or form.total_score is None:
        return
    printed = [("grade", form.grade)]
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_stated != form.grade:
        printed.append(("legacy.grade_stated", form.legacy.grade_stated))
    if isinstance(form, LegacySelfEvaluation) and form.legacy.grade_rule:
        bands = [(b.grade, b.min_score) for b in form.legacy.grade_rule]
        rule = "表内说明的等级划分"
    else:
        bands = [(g.name, g.min) for g in ruleset.grades]
        rule = f"「{ruleset.title}」"
    expected = grade_in(bands, form.total_score)
    for field, grade in printed:
        if grade is None:
            continue
        named = _same_grade(grade, [name for name, _ in bands])
        if named is not None and named != expected:  # an unknown grade: nothing to compare
            yield finding(
                "R004",
                form_location(form, field),
                total=form.total_score,
                rule=rule,
                expected=expected,
                grade=grade,
            )


def _same_grade(printed: str, names: list[str]) -> str | None:
    """The ruleset's grade ``printed`` names (优 / 优秀, 良 / 良好 …), else ``None``."""
    text = re.sub(r"\s+", "", printed)
    for name in names:
        if text == name:
            return name
    for name in sorted(names, key=len, reverse=True):
        if text.startswith(name) or name.startswith(text):
            return name
    return None


_SHORTFALL = re.compile(
    r"未(?:能|完成|达|达到|按|及时|全部|实现|开展)|没有|不足|偏低|低于|下降|减少|延迟|滞后|"
    r"推迟|延期|暂停|取消|差距|未达|尚未|还需|有待|需进一步|仍需|不够|不到位|欠缺|扣|"
    r"少于|受.{0,10}影响"
)
_NO_SHORTFALL = re.compile(r"^(?:无|无偏差|无差异|未发生偏差|不存在偏差|/|-|—|／|无。)$")


def explains_shortfall(note: str | None) -> bool:
    """Whether a 偏差原因 note says something fell short (not just 无 / 无偏差)."""
    if note is None:
        return False
    text = re.sub(r"\s+", "", note)
    if not text or _NO_SHORTFALL.match(text):
        return False
    if re.search(r"无偏差|没有偏差|未发生偏差|不存在偏差", text):
        return False
    return bool(_SHORTFALL.search(text))


def blank_note(note: str | None) -> bool:
    """Whether a 偏差原因 / 备注 cell says nothing (empty, 无, a dash)."""
    return note is None or re.sub(r"[\s/／\-—无。]", "", note) == ""


@form_check("R005", "R006")
def check_deductions(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """R005 points deducted without a note; R006 a note explaining a shortfall on a row
    with full marks."""
    if not isinstance(form, FundedEvaluation):
        return
    tolerance = ruleset.tolerance.points
    for i, ind in enumerate(form.indicators):
        if ind.score is None or ind.weight is None or ind.weight <= 0:
            continue
        if ind.weight - ind.score > tolerance and blank_note(ind.note):
            yield finding("R005", row_location(form, i, "note"), score=ind.score, weight=ind.weight)
        elif ind.score >= ind.weight and explains_shortfall(ind.note):
            yield finding("R006", row_location(form, i, "note"), note=ind.note, score=ind.score)


@form_check("R007")
def check_missing_actual(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """R007 a weighted row of a self-evaluation without 实际完成值 (unless the parser
    already reported the row incomplete)."""
    if not isinstance(form, FundedEvaluation):
        return
    for i, ind in enumerate(form.indicators):
        if ind.weight is None or (ind.actual and ind.actual.strip()):
            continue
        if reported_incomplete(form, i):
            continue
        yield finding(
            "R007", row_location(form, i, "actual"), indicator=ind.name, weight=ind.weight
        )


def reported_incomplete(form: Form, position: int) -> bool:
    """Whether the parser already reported row ``position`` incomplete (P007)."""
    lines = form.indicators[position].lines
    if lines is None:
        return False
    return any(
        f.code == "P007"
        and f.location.lines
        and f.location.lines[0] <= lines[1]
        and lines[0] <= f.location.lines[1]
        for f in form.findings
    )


def self_score_excess(form: Form, score: FormScore, ruleset: Ruleset) -> Decimal:
    """How many points the unit's own scores exceed what the rules allow, summed over
    the rows (:func:`row_excess`) and the budget row (whose score may follow the rate as
    printed: a wrong rate is A003). Independent of whether the printed 总分 adds up
    (that is A001) and of rows the rules cannot score."""
    excess = sum((row_excess(r, ruleset) for r in score.rows), Decimal(0))
    budget = score.budget
    if budget is None or budget.reported is None or budget.computed is None:
        return excess
    allowed = budget.computed
    rate = form.funds.total.rate if isinstance(form, FundedEvaluation) else None
    if rate is not None and budget.weight is not None:
        capped = min(rate, Decimal(100)) if ruleset.budget.cap else rate
        allowed = max(allowed, budget.weight * capped / 100)
    over = budget.reported - allowed
    if over > lenient_margin(ruleset) and not _rounds_to(allowed, budget.reported):
        excess += over
    return excess


@form_check("R008")
def check_total_above_computed(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    """R008 the unit's scores add up to more than the rules give, beyond the margin."""
    excess = self_score_excess(form, score, ruleset)
    if score.total is not None and excess > lenient_margin(ruleset):
        yield finding(
            "R008",
            form_location(form, "total_score"),
            reported=score.total + excess,
            rule=f"「{ruleset.title}」",
            computed=score.total,
            grade=score.grade,
            diff=ruleset.rounding.points(excess),
        )
