"""Department forms (部门整体支出绩效自评表 / 目标表) and the 中长期 block of a project
target declaration, read from cells.

``inputs/`` holds small HTML pages modelled on the official layouts (财预〔2020〕10号
templates as provinces print them); ``golden/<name>.json`` holds the parsed forms and
``golden/<name>.review.json`` the recomputed score and every finding after the audit.
Rewrite them with ``pytest tests/department --update-golden`` and read the diff.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.audit import review
from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    TargetDeclaration,
)
from jixiao.model.jsonio import dumps, encode
from jixiao.parse import parse_document, parse_file
from jixiao.parse.layouts.grid._header import kind_of_title
from jixiao.parse.layouts.grid._rows import GridCell, GridRow
from jixiao.read.html import read_html_text
from support import compare_golden

HERE = Path(__file__).resolve().parent
INPUTS = sorted(p for p in (HERE / "inputs").iterdir() if not p.name.startswith("."))
GOLDEN = HERE / "golden"


def _review_text(forms: list[Form]) -> str:
    data = [
        {
            "kind": item.form.kind,
            "reported_total": getattr(item.form, "total_score", None),
            "total": item.score.total,
            "grade": item.score.grade,
            "budget": item.score.budget.computed if item.score.budget is not None else None,
            "rows": [
                f"{r.method} {r.band_low}–{r.band_high}"
                if r.band_low is not None
                else f"{r.method} {r.computed}"
                for r in item.score.rows
            ],
            "findings": [
                f"{f.code} {f.severity} {f.location.lines} {f.location.field}"
                for f in item.report.findings
            ],
        }
        for item in review(forms)
    ]
    return encode(data, indent=2) + "\n"


@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_form_matches_golden(source: Path, update_golden: bool) -> None:
    forms = list(parse_file(source).forms)
    compare_golden(GOLDEN / f"{source.stem}.json", dumps(forms) + "\n", update_golden)
    compare_golden(GOLDEN / f"{source.stem}.review.json", _review_text(forms), update_golden)


def test_every_input_has_its_goldens() -> None:
    names = {p.stem for p in INPUTS}
    assert names == {p.name.split(".")[0] for p in GOLDEN.glob("*.json")}


def _one(name: str) -> Form:
    (form,) = parse_file(HERE / "inputs" / name).forms
    return form


def test_department_self_evaluation_fields() -> None:
    form = _one("01_dept_self.html")
    assert isinstance(form, DepartmentSelfEvaluation)
    assert (form.year, form.department, form.project, form.unit) == (
        2023,
        "某市人力资源和社会保障局",
        None,
        None,
    )
    assert form.money_unit == "万元"
    assert [t.name for t in form.tasks] == ["就业促进", "人才服务", "社会保险经办"]
    assert [t.status for t in form.tasks] == ["完成", "基本完成", "完成"]
    assert sum((t.total or Decimal(0) for t in form.tasks), Decimal(0)) == Decimal("500.00")
    assert form.funds.total.executed == Decimal("1140.00")
    assert form.funds.carryover.adjusted == Decimal("50.00")
    assert form.spending.basic.executed == Decimal("690.00")
    assert form.spending.project.rate == Decimal("90.00")
    assert form.goal_expected is not None and form.goal_expected.startswith("全面完成")
    assert len(form.indicators) == 7
    assert (form.total_weight, form.total_score, form.grade) == (
        Decimal("100"),
        Decimal("97.40"),
        "优",
    )
    assert form.findings == ()


def test_department_target_fields() -> None:
    form = _one("02_dept_target.html")
    assert isinstance(form, DepartmentTargetDeclaration)
    assert (form.year, form.department) == (2024, "某市人力资源和社会保障局")
    assert [(t.name, t.total, t.appropriation, t.other) for t in form.tasks][1] == (
        "人才服务",
        Decimal("160.00"),
        Decimal("150.00"),
        Decimal("10.00"),
    )
    assert form.amounts.model_dump() == {
        "total": Decimal("540.00"),
        "appropriation": Decimal("510.00"),
        "other": Decimal("30.00"),
    }
    assert form.goal is not None and form.goal.startswith("城镇新增就业")
    assert [r.target for r in form.indicators][-2:] == ["≤4%", "≥90%"]
    assert form.indicators[1].level1 == "产出指标"
    assert form.findings == ()


def test_long_term_block_printed_as_its_own_table() -> None:
    form = _one("03_target_long_term_blocks.html")
    assert isinstance(form, TargetDeclaration)
    assert [r.name for r in form.indicators] == [
        "实训人次",
        "主体工程验收合格率",
        "实训后就业率",
        "参训人员满意度",
    ]
    assert [r.name for r in form.long_term_indicators] == [
        "年培训能力",
        "基地建成时间",
        "技能人才占就业人员比例",
    ]
    assert form.target_meta.total_budget == Decimal("3000.00")
    assert form.target_meta.current_budget == Decimal("800.00")
    assert form.findings == ()


def test_long_term_block_printed_as_a_column() -> None:
    form = _one("04_target_long_term_columns.html")
    assert isinstance(form, TargetDeclaration)
    assert [r.target for r in form.indicators] == ["≥1000人", "≥40%", "≥20个", "≥90%"]
    long_term = [(r.name, r.target, r.level1) for r in form.long_term_indicators]
    assert long_term == [
        ("见习人数", "≥3000人", "产出指标"),
        ("见习期满留用率", "≥50%", "产出指标"),
        ("见习人员满意度", "≥90%", "满意度指标"),
    ]


def _title(text: str) -> GridRow:
    return GridRow(1, (GridCell(text, 0, 5, True, (0, 0, 0)),), 0)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("部门整体支出绩效自评表", "department_self_evaluation"),
        ("部门（单位）整体支出绩效自评表", "department_self_evaluation"),
        ("2023年度某市人力资源和社会保障局部门整体支出绩效自评表", "department_self_evaluation"),
        ("部门整体支出绩效目标表", "department_target_declaration"),
        ("部门整体支出绩效目标申报表", "department_target_declaration"),
        ("部门（单位）整体支出绩效目标表", "department_target_declaration"),
        ("财政项目支出绩效自评表", "self_evaluation"),
        ("项目支出绩效目标申报表", "target_declaration"),
        ("项目绩效自我评价", "legacy_self_evaluation"),
    ],
)
def test_kind_of_title(title: str, kind: str) -> None:
    assert kind_of_title(_title(title)) == kind


def _untitled(name: str) -> str:
    """An input without its title and year rows."""
    html = (HERE / "inputs" / name).read_text(encoding="utf-8")
    lines = [ln for ln in html.splitlines() if "绩效自评表</td>" not in ln]
    lines = [ln for ln in lines if "绩效目标表</td>" not in ln and "年度）</td>" not in ln]
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("01_dept_self.html", "department_self_evaluation"),
        ("02_dept_target.html", "department_target_declaration"),
    ],
)
def test_department_kind_told_without_a_title(name: str, kind: str) -> None:
    html = _untitled(name)
    assert "整体支出绩效" not in html.split("<table")[1]
    (form,) = parse_document(read_html_text(html, "x.html")).forms
    assert form.kind == kind
    assert form.year is None


def test_task_table_without_merged_label_ends_at_next_section() -> None:
    html = (HERE / "inputs" / "02_dept_target.html").read_text(encoding="utf-8")
    html = html.replace('<td rowspan="5">年度主要任务</td>', "<td>年度主要任务</td>")
    for name in ("就业促进", "人才服务", "社会保险经办"):
        html = html.replace(f"<tr><td>{name}", f"<tr><td></td><td>{name}")
    html = html.replace("<tr><td>总额</td>", "<tr><td></td><td>总额</td>")
    (form,) = parse_document(read_html_text(html, "x.html")).forms
    assert isinstance(form, DepartmentTargetDeclaration)
    assert [t.name for t in form.tasks] == ["就业促进", "人才服务", "社会保险经办"]
    assert form.amounts.total == Decimal("540.00")
