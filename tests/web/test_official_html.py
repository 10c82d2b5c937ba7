"""official_view: where each finding is drawn, and the 复核 notes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import Finding, Location, SelfEvaluation
from jixiao.model.codes import finding
from jixiao.parse import parse_file
from jixiao.render.official import official_table
from jixiao.score.result import BudgetScore, FormScore, RowScore
from jixiao.web.official_html import official_view, score_notes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _form() -> SelfEvaluation:
    form = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    assert isinstance(form, SelfEvaluation)
    return form


def _marks_by_anchor(form: SelfEvaluation, items: list[Finding]) -> dict[str, list[str]]:
    view = official_view(official_table(form), items)
    out: dict[str, list[str]] = {}
    for row in view.rows:
        for cell in row.cells:
            for mark in cell.marks:
                out.setdefault(cell.anchor or "", []).append(mark.code)
    out["unplaced"] = [m.code for m in view.unplaced]
    return out


def test_a_label_inside_a_merged_cell_is_drawn_on_the_merged_cell() -> None:
    form = _form()
    inner = next(
        i
        for i in range(1, len(form.indicators))
        if form.indicators[i].level1 == form.indicators[i - 1].level1
    )
    start = inner
    while start > 0 and form.indicators[start - 1].level1 == form.indicators[inner].level1:
        start -= 1
    item = finding(
        "P006",
        Location(row=inner, field=f"indicators.{inner}.level1"),
        field="一级指标",
        value="产出指标",
        reason="测试",
    )
    marks = _marks_by_anchor(form, [item])
    assert marks == {f"field-indicators.{start}.level1": ["P006"], "unplaced": []}


def test_a_whole_row_goes_to_its_name_and_an_unknown_field_above_the_table() -> None:
    form = _form()
    row = finding(
        "P007", Location(row=2, field="indicators.2", lines=(40, 40)), line=40, missing="得分"
    )
    loose = finding("P001", Location(lines=(7, 7)), line=7, text="某段文字")
    odd = finding("P003", Location(field="nothing.here"), field="某字段")
    fund = finding("P009", Location(field="funds.other"), row="其他资金", count=2, columns=6)
    marks = _marks_by_anchor(form, [row, loose, odd, fund])
    assert marks["field-indicators.2.name"] == ["P007"]
    assert marks["field-funds.other"] == ["P009"]
    assert sorted(marks["unplaced"]) == ["P001", "P003"]


def test_findings_on_a_row_without_field_are_anchored_to_the_row() -> None:
    form = _form()
    view = official_view(official_table(form), [finding("P003", Location(row=99), field="x")])
    assert view.unplaced[0].anchor is None
    view = official_view(
        official_table(form), [finding("P003", Location(row=1, field="zz"), field="x")]
    )
    assert [c.anchor for r in view.rows for c in r.cells if c.marks] == ["field-indicators.1.name"]


def test_score_notes_flag_reported_above_computed_or_band() -> None:
    d = Decimal
    score = FormScore(
        ruleset="mof2020",
        rows=(
            RowScore(
                position=0,
                method="positive",
                weight=d(6),
                reported=d(6),
                computed=d(6),
                accepted=d(6),
                explanation="满分",
            ),
            RowScore(
                position=1,
                method="positive",
                weight=d(9),
                reported=d(7),
                computed=d("6.55"),
                accepted=d("6.55"),
                explanation="实际 8 / 目标 11",
            ),
            RowScore(
                position=2,
                method="qualitative",
                weight=d(6),
                reported=d(6),
                band_low=d("3.6"),
                band_high=d("4.8"),
                accepted=d("4.8"),
                explanation="部分达成",
            ),
            RowScore(position=3, method="unscored", explanation="无分值"),
        ),
        budget=BudgetScore(
            weight=d(10),
            rate=d("97.68"),
            computed=d("9.77"),
            reported=d("9.77"),
            explanation="执行率",
        ),
        total=d("90.00"),
        reported_total=d("91.00"),
        grade="优",
        explanation="合计",
    )
    notes = score_notes(score)
    assert notes["indicators.0.score"].text == "✓" and not notes["indicators.0.score"].lenient
    assert notes["indicators.1.score"].text == "复核 6.55" and notes["indicators.1.score"].lenient
    assert (
        notes["indicators.2.score"].text == "区间 3.6–4.8" and notes["indicators.2.score"].lenient
    )
    assert "indicators.3.score" not in notes
    assert not notes["funds.total.score"].lenient
    assert notes["total_score"].lenient and notes["grade"].text == "复核 优"
    assert score_notes(None) == {}
