"""The official layout of the department forms and of a target's 中长期 block: render →
file (xlsx, docx, html) → read → parse gives the same form; the layout as published."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import (
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    DepartmentTask,
    Form,
    Indicator,
    Spending,
    TargetDeclaration,
)
from jixiao.model.jsonio import to_data
from jixiao.parse import parse_document, parse_file
from jixiao.read import DocumentBuilder
from jixiao.read.files import read_any
from jixiao.render import RenderOptions, format_number, official_table
from strategies import (
    department_self_evaluations,
    department_target_declarations,
    target_declarations_with_long_term,
)
from test_roundtrip_official import WRITERS

INPUTS = Path(__file__).resolve().parent / "inputs"
NAMES = ("01_dept_self.html", "02_dept_target.html", "03_target_long_term_blocks.html")


def _form(name: str) -> Form:
    (form,) = parse_file(INPUTS / name).forms
    return form


def _comparable(form: Any) -> dict[str, Any]:
    data = to_data(form)
    data.pop("source")
    data.pop("findings")
    for block in ("indicators", "long_term_indicators", "tasks"):
        if block in data:
            data[block] = [{k: v for k, v in r.items() if k != "lines"} for r in data[block]]
    return data


def _cells_round_trip(form: Form, options: RenderOptions | None = None) -> Form:
    builder = DocumentBuilder("t.xlsx", "xlsx")
    builder.add_table(official_table(form, options or RenderOptions()))
    result = parse_document(builder.build())
    (got,) = result.forms
    bad = [f.message for f in got.findings if f.code in ("P001", "P002", "P003", "P008")]
    assert bad == []
    return got


@pytest.mark.parametrize("name", NAMES)
def test_official_table_reads_back(name: str) -> None:
    form = _form(name)
    assert _comparable(_cells_round_trip(form)) == _comparable(form)


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_department_forms_round_trip_through_files(fmt: str, tmp_path: Path) -> None:
    forms = [_form(name) for name in NAMES]
    path = WRITERS[fmt](forms, tmp_path / "forms")
    result = parse_document(read_any(path))
    assert result.layout == "grid"
    assert [_comparable(f) for f in result.forms] == [_comparable(f) for f in forms]


def test_department_self_layout_as_published() -> None:
    form = _form("01_dept_self.html")
    table = official_table(form)
    rows = [[t for t in r.split("\t") if t] for r in table.row_texts()]
    assert rows[0] == ["部门整体支出绩效自评表"] and rows[1] == ["（2023年度）"]
    assert rows[2] == ["部门（单位）名称", "某市人力资源和社会保障局"]
    assert rows[3] == ["年度主要任务", "任务名称", "主要内容", "完成情况", "预算金额（万元）"]
    assert rows[8] == ["年度资金总额", "1000.00", "1200.00", "1140.00", "10", "95.00", "9.50"]
    assert rows[9] == ["按收入性质分："] and rows[13] == ["按支出性质分："]
    assert rows[14][0] == "其中：基本支出"
    assert rows[-2] == ["总分", "100", "97.40", "优"]
    assert rows[-1][0].endswith("单位（盖章）：某市人力资源和社会保障局")
    assert table.meta["footer_rows"] == "1"
    assert table.n_cols == 9 and table.meta["kind"] == "department_self_evaluation"
    assert all(cell is not None for row in table.grid() for cell in row)


def test_department_target_layout_as_published() -> None:
    form = _form("02_dept_target.html")
    table = official_table(form)
    rows = [[t for t in r.split("\t") if t] for r in table.row_texts()]
    assert rows[3] == ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）"]
    assert rows[4] == ["总额", "财政拨款", "其他资金"]
    assert rows[8] == ["金额合计", "540.00", "510.00", "30.00"]
    assert rows[9][0] == "年度总体目标"
    assert table.n_cols == 8 and all(c is not None for r in table.grid() for c in r)
    first, last = (int(x) for x in table.meta["repeat_rows"].split("-"))
    assert rows[first][-1] == "指标值（包含数字及文字描述）" and first == last


def test_long_term_block_follows_the_annual_one() -> None:
    form = _form("03_target_long_term_blocks.html")
    table = official_table(form)
    texts = table.row_texts()
    at = texts.index("中长期绩效目标")
    assert "实训人次" in "".join(texts[:at]) and "年培训能力" in "".join(texts[at:])
    first, _ = (int(x) for x in table.meta["repeat_rows"].split("-"))
    assert first < at  # the annual header is the one repeated on a new page


def test_generated_department_forms_read_back() -> None:
    """Forms not from a file: every task column, amounts converted, tasks without amounts."""
    tasks = (
        DepartmentTask(name="甲", content="内容甲", project="项目甲", status="完成"),
        DepartmentTask(name="乙", content="内容乙", total=Decimal("12.50"), other=Decimal("2.50")),
    )
    rows = (
        Indicator(level1="产出指标", level2="数量指标", name="人数", target="≥5人", actual="6人"),
    )
    evaluation = DepartmentSelfEvaluation(
        year=2022,
        department="某局",
        unit="某局本级",
        money_unit="万元",
        tasks=tasks,
        indicators=rows,
        grade="良好",
        source=_form(NAMES[0]).source,
    )
    assert _comparable(_cells_round_trip(evaluation)) == _comparable(evaluation)
    target = DepartmentTargetDeclaration(
        year=2022,
        department="某局",
        money_unit="万元",
        tasks=tasks,
        spending=Spending.model_validate({"basic": {"initial": "8.00"}}),
        indicators=tuple(r.model_copy(update={"actual": None}) for r in rows),
        source=evaluation.source,
    )
    got = _cells_round_trip(target)
    assert _comparable(got) == _comparable(target)
    in_yuan = _cells_round_trip(target, RenderOptions(money_unit="元"))
    assert isinstance(in_yuan, DepartmentTargetDeclaration)
    assert in_yuan.money_unit == "元" and in_yuan.tasks[1].total == Decimal("125000.00")


def test_long_term_column_form_renders_as_blocks() -> None:
    (form,) = parse_file(INPUTS / "04_target_long_term_columns.html").forms
    assert isinstance(form, TargetDeclaration) and form.long_term_indicators
    got = _cells_round_trip(form)
    assert isinstance(got, TargetDeclaration)
    assert got.long_term_indicators == tuple(
        Indicator(level1=r.level1, level2=r.level2, name=r.name, target=r.target, lines=ln)
        for r, ln in zip(
            form.long_term_indicators, [x.lines for x in got.long_term_indicators], strict=True
        )
    )


def _printed(form: Form) -> list[str]:
    """Every value the official layout of ``form`` prints."""
    plain: list[str | None] = [form.department, form.unit]
    nums: list[Decimal | None] = []
    for task in getattr(form, "tasks", ()):
        plain += [task.name, task.content, task.project, task.status]
        nums += [task.total, task.appropriation, task.other]
    rows = list(form.indicators)
    if isinstance(form, TargetDeclaration):
        rows += form.long_term_indicators
    for ind in rows:
        plain += [ind.level1, ind.level2, ind.name, ind.target]
        if isinstance(form, DepartmentSelfEvaluation):
            plain += [ind.actual, ind.note]
            nums += [ind.weight, ind.score]
    if isinstance(form, DepartmentSelfEvaluation):
        plain += [form.goal_expected, form.goal_actual, form.grade, *form.funds_extra]
        funds = [*form.funds.model_dump().values(), *form.spending.model_dump().values()]
        funds += [row.model_dump() for row in form.funds_extra.values()]
        nums += [v for row in funds for v in row.values()]
        nums += [form.total_weight, form.total_score]
    elif isinstance(form, DepartmentTargetDeclaration):
        plain += [form.goal]
        nums += [*form.amounts.model_dump().values()]
        nums += [form.spending.basic.initial, form.spending.project.initial]
    return [v for v in plain if v] + [format_number(n) for n in nums if n is not None]


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(
        department_self_evaluations,
        department_target_declarations,
        target_declarations_with_long_term,
    )
)
def test_every_printed_field_of_a_random_form_is_in_some_cell(form: Form) -> None:
    table = official_table(form, RenderOptions(thousands=False))
    texts = [c.text for c in table.cells]
    for value in _printed(form):
        assert any(value in t for t in texts), f"{value!r} missing"
    assert all(cell is not None for row in table.grid() for cell in row)
    if form.year is not None:
        assert any(str(form.year) in t for t in texts)


def test_department_forms_round_trip_through_pdf(tmp_path: Path) -> None:
    from jixiao.render.pdf import write_pdf

    forms = [_form(name) for name in NAMES]
    path = tmp_path / "forms.pdf"
    write_pdf(forms, path)
    result = parse_file(path)
    assert [_comparable(f) for f in result.forms] == [_comparable(f) for f in forms]


@pytest.mark.parametrize("name", NAMES)
def test_official_table_saved_as_tab_separated_text_reads_back(name: str, tmp_path: Path) -> None:
    """Excel's 另存为文本: department forms through ``tabbed_grid``, the Shanghai-style
    project target (中长期 block under its caption) through ``target_kv``."""
    form = _form(name)
    path = tmp_path / "form.txt"
    path.write_text("\n".join(official_table(form).row_texts()) + "\n", encoding="utf-8")
    result = parse_file(path)
    assert [_comparable(f) for f in result.forms] == [_comparable(form)]
    assert [f.code for f in result.forms[0].findings if f.code.startswith("P")] == []
