"""The kinds of anomaly the audit must find, each as a way to plant it in a real form.

Used by the recall benchmark (``benchmarks/audit_recall.py``) and its test: every kind
names the finding that must report it at the place it was planted. Amounts are changed
by whole printed units, beyond any rounding the checks allow. The planting functions are
in :mod:`._rows` (one indicator row) and :mod:`._forms` (totals, funds,
grade).
"""

from __future__ import annotations

from faults import _forms as forms
from faults import _rows as rows
from faults.inject import Anomaly

__all__ = ["ANOMALIES", "anomaly"]

ANOMALIES: tuple[Anomaly, ...] = (
    Anomaly("lenient_full", "未达到指标值却得满分", "R001", rows.missed_full),
    Anomaly("lenient_raised", "得分高于按比例计算的得分", "R001", rows.raised),
    Anomaly("lenient_reverse", "反向指标超标仍得满分", "R001", rows.reverse_missed),
    Anomaly("lenient_zero", "目标为 0 而实际不为 0 仍得满分", "R001", rows.zero_missed),
    Anomaly("band_exceeded", "定性得分高于所属档次", "R002", rows.band_exceeded),
    Anomaly("band_not_achieved", "未达成却得分值的 70%", "R002", rows.band_not_achieved),
    Anomaly("total_off", "总分不等于各项之和", "A001", forms.total_off),
    Anomaly("weights_off", "分值合计不为 100", "A002", forms.weights_off),
    Anomaly("rate_off", "执行率 ≠ 执行数 / 预算数", "A003", forms.rate_off),
    Anomaly(
        "executed_off", "执行数改动而执行率未变", "A003", forms.executed_off, frozenset({"A004"})
    ),
    Anomaly("budget_score_off", "预算执行得分 ≠ 执行率 × 分值", "A004", forms.budget_score_off),
    Anomaly("sub_rows_off", "资金来源各行之和 ≠ 年度资金总额", "A005", forms.sub_rows_off),
    Anomaly(
        "score_above_weight",
        "得分超过分值",
        "A006",
        rows.score_above_weight,
        frozenset({"R001", "R002"}),
    ),
    Anomaly("negative", "得分为负数", "A007", rows.negative),
    Anomaly(
        "budget_above_weight",
        "预算执行得分超过分值",
        "A006",
        forms.budget_above_weight,
        frozenset({"A004"}),
    ),
    Anomaly(
        "negative_amount",
        "金额为负数",
        "A007",
        forms.negative_amount,
        frozenset({"A003", "A004", "A005", "A008"}),
    ),
    Anomaly("grade_off", "评分等级与总分不符", "R004", forms.grade_off),
    Anomaly("deduction_no_note", "扣分未说明原因", "R005", rows.deduction_no_note),
    Anomaly("note_full_marks", "偏差说明未完成却得满分", "R006", rows.note_full_marks),
    Anomaly("missing_actual", "缺少实际完成值", "R007", rows.missing_actual),
    Anomaly("idle_budget", "预算未执行而产出全部满分", "X001", forms.idle_budget),
)
"""Every kind of anomaly, in the order the benchmark reports them."""


def anomaly(name: str) -> Anomaly:
    """The kind called ``name``; ``KeyError`` for an unknown one."""
    for kind in ANOMALIES:
        if kind.name == name:
            return kind
    raise KeyError(name)
