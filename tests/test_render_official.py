"""The official table layout: every value present, merges right, options effective."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings

from jixiao.model import (
    Indicator,
    LegacySelfEvaluation,
    SelfEvaluation,
    Table,
    TargetDeclaration,
)
from jixiao.model.jsonio import loads
from jixiao.render import (
    RenderOptions,
    convert_amount,
    format_number,
    official_table,
    repeat_rows,
    split_head,
)
from jixiao.render._official_self import INDICATOR_HEADERS as SELF_HEADERS
from jixiao.render.signature import signature_text
from strategies import forms as any_forms
from support import GOLDEN

AnyForm = SelfEvaluation | LegacySelfEvaluation | TargetDeclaration
GOLDEN_FILES = sorted(GOLDEN.glob("*/[0-9][0-9].json"))


@cache
def _form(path: Path) -> AnyForm:
    (form,) = loads(path.read_text(encoding="utf-8"))
    return form


def _seed(prefix: str, n: int = 1) -> AnyForm:
    return _form(sorted(GOLDEN.glob(f"{prefix}*/[0-9][0-9].json"))[n - 1])


def _texts(table: Table) -> list[str]:
    return [c.text for c in table.cells]


def _contains(table: Table, value: str) -> bool:
    return any(value in t for t in _texts(table))


def _indicator_cells(table: Table) -> tuple[int, list[list[str]]]:
    """The first indicator row and each indicator row's cell texts (start cells only)."""
    rows = repeat_rows(table)
    assert rows is not None
    first = rows[1] + 1
    out: list[list[str]] = [[] for _ in range(table.n_rows - first)]
    for cell in table.cells:
        if cell.row >= first:
            out[cell.row - first].append(cell.text)
    return first, out


def _printed_values(form: AnyForm, ind: Indicator) -> list[str]:
    values = [ind.name, ind.target]
    if isinstance(form, SelfEvaluation):
        values += [ind.actual, ind.note, format_number(ind.weight), format_number(ind.score)]
    elif isinstance(form, LegacySelfEvaluation):
        values += [ind.note, format_number(ind.weight), format_number(ind.score)]
    return [v for v in values if v]


@pytest.mark.parametrize(
    "path", GOLDEN_FILES, ids=[f"{p.parent.name[:3]}-{p.stem}" for p in GOLDEN_FILES]
)
def test_every_seed_indicator_row_is_in_its_table_row(path: Path) -> None:
    form = _form(path)
    table = official_table(form)
    _, rows = _indicator_cells(table)
    for i, ind in enumerate(form.indicators):
        for value in _printed_values(form, ind):
            assert value in rows[i], f"row {i}: {value!r} not in {rows[i]}"
    assert table.n_cols == {"self_evaluation": 10, "legacy_self_evaluation": 6}.get(form.kind, 4)


@pytest.mark.parametrize(
    "path", GOLDEN_FILES, ids=[f"{p.parent.name[:3]}-{p.stem}" for p in GOLDEN_FILES]
)
def test_level_labels_are_merged_over_their_rows(path: Path) -> None:
    form = _form(path)
    table = official_table(form)
    first, _ = _indicator_cells(table)
    labels = {(c.row - first, c.col): c for c in table.cells if c.row >= first and c.col == 0}
    i = 0
    items = form.indicators
    while i < len(items):
        j = i + 1
        while items[i].level1 and j < len(items) and items[j].level1 == items[i].level1:
            j += 1
        cell = labels[(i, 0)]
        assert cell.rowspan == j - i
        assert (items[i].level1 or "") in cell.text
        i = j


def test_output_indicators_span_all_their_rows_in_seed_000() -> None:
    form = _seed("000")
    table = official_table(form)
    n = sum(1 for i in form.indicators if i.level1 == "产出指标")
    (cell,) = [c for c in table.cells if c.text == "产出指标"]
    assert cell.rowspan == n == 8
    (quantity,) = [c for c in table.cells if c.text == "数量指标"]
    assert (quantity.col, quantity.rowspan) == (1, 3)


def test_self_evaluation_blocks_as_published() -> None:
    form = _seed("000")
    assert isinstance(form, SelfEvaluation)
    table = official_table(form)
    rows = table.row_texts()
    assert rows[0] == "财政项目支出绩效自评表"
    assert rows[1] == "（2024年度）"
    assert rows[2].split("\t")[0] == "项目名称"
    assert "实施单位" in rows[3] and "上海市人才服务中心" in rows[3]
    head = [t for t in rows[4].split("\t") if t]
    assert head == [
        "项目资金（万元）",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "分值",
        "执行率(%)",
        "得分",
    ]
    assert [t for t in rows[5].split("\t") if t] == [
        "年度资金总额：",
        "21.96",
        "21.96",
        "21.45",
        "10.00",
        "97.67",
        "9.77",
    ]
    assert [t for t in rows[6].split("\t") if t] == [
        "其中：当年财政拨款",
        "21.96",
        "21.96",
        "21.45",
        "-",
        "97.67",
        "-",
    ]
    assert "预期目标" in rows[9] and "实际完成情况" in rows[9]
    assert form.goal_expected and form.goal_expected in rows[10]
    assert [t for t in rows[11].split("\t") if t] == list(SELF_HEADERS)
    assert table.meta["repeat_rows"] == "11-11"
    assert table.header_rows == 12
    assert [t for t in rows[-3].split("\t") if t] == ["总分", "100.00", "97.37"]
    assert [t for t in rows[-2].split("\t") if t] == ["评分等级", "优"]
    assert rows[-1] == signature_text(form)
    assert table.meta["footer_rows"] == "1"
    (label,) = [c for c in table.cells if c.text.startswith("项目资金")]
    assert (label.rowspan, label.colspan) == (5, 2)


def test_every_position_is_covered_once() -> None:
    for prefix in ("000", "001", "004"):
        table = official_table(_seed(prefix))
        grid = table.grid()
        assert all(cell is not None for row in grid for cell in row)


def test_legacy_layout() -> None:
    form = _seed("001")
    table = official_table(form)
    rows = table.row_texts()
    assert rows[0] == "项目绩效自我评价"
    assert "1,245,505.00" in rows[3] and "当年预算数（元）：" in rows[3]
    assert "95.00%" in rows[4]
    assert _contains(table, "投入与管理 (36分)")
    assert rows[-3].split("\t")[0] == "合计"
    assert rows[-2].startswith("说明：1、依据本项目")
    assert rows[-1] == (
        "填报人：＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿　　填报日期：2020-04-20　　"
        "单位（盖章）：上海市人才服务中心"
    )
    assert table.meta["footer_rows"] == "2"
    header = rows[int(table.meta["repeat_rows"].split("-")[0])]
    assert header.split("\t") == ["一级指标", "指标名称", "指标解释", "权重", "自评分", "备注"]


def test_target_layout() -> None:
    form = _seed("004")
    table = official_table(form)
    rows = table.row_texts()
    assert rows[:3] == ["财政项目支出绩效目标表", "(2020年度)", "申报单位名称：上海市人才服务中心"]
    assert "本项目上年度市级财政资金使用情况" in rows
    assert "2020年绩效目标" in rows
    assert _contains(table, "9,900,000")
    (cell,) = [c for c in table.cells if c.text == "投入与管理"]
    assert cell.rowspan == 15


def test_money_unit_option_converts_exactly() -> None:
    form = _seed("000")
    table = official_table(form, RenderOptions(money_unit="元"))
    assert _contains(table, "项目资金（元）")
    assert _contains(table, "219600.00")
    assert not _contains(table, "21.96")
    legacy = official_table(_seed("001"), RenderOptions(money_unit="万元"))
    assert _contains(legacy, "当年预算数（万元）：")
    assert _contains(legacy, "124.5505")


def test_convert_amount_is_exact_and_reversible() -> None:
    value = Decimal("1245505.00")
    there = convert_amount(value, "元", "万元")
    assert there == Decimal("124.5505")
    assert convert_amount(there, "万元", "元") == value
    assert str(convert_amount(Decimal("21.96"), "万元", "元")) == "219600.00"
    assert convert_amount(value, None, "万元") is value


def test_wording_thousands_and_narrow_options() -> None:
    form = _seed("000")
    plain = official_table(form)
    assert _contains(official_table(form, RenderOptions(wording="本年")), "其中：本年财政拨款")
    assert _contains(plain, "其中：当年财政拨款")
    narrow = official_table(form, RenderOptions(narrow=True))
    assert sum(narrow.col_widths) < sum(plain.col_widths)
    legacy = _seed("001")
    assert _contains(official_table(legacy, RenderOptions(thousands=False)), "1245505.00")
    big = _seed("002")
    assert _contains(official_table(big, RenderOptions(thousands=True)), "11,864,850.00")
    assert _contains(official_table(big), "11864850.00")


def test_bad_options_raise_usage_errors() -> None:
    from jixiao.errors import UsageError

    with pytest.raises(UsageError):
        RenderOptions(money_unit="美元")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        RenderOptions(page="B5")  # type: ignore[arg-type]


def test_split_head_cuts_above_the_indicator_header() -> None:
    table = official_table(_seed("000"))
    head, body = split_head(table)
    assert head.n_rows + body.n_rows == table.n_rows
    assert len(head.cells) + len(body.cells) == len(table.cells)
    assert body.header_rows == 1
    assert body.row_texts()[0].startswith("一级指标")
    assert head.row_texts() == table.row_texts()[: head.n_rows]


def _field_values(form: AnyForm) -> list[str]:
    """Every non-empty value the published layout of the form's kind prints."""
    plain = [form.project, form.unit]
    nums: list[Decimal | None] = []
    if not isinstance(form, TargetDeclaration) or form.department:
        plain.append(form.department)
    for ind in form.indicators:
        plain += [ind.level1, ind.name, ind.target]
        if isinstance(form, SelfEvaluation):
            plain += [ind.level2, ind.actual, ind.note]
            nums += [ind.weight, ind.score]
        elif isinstance(form, LegacySelfEvaluation):
            plain += [ind.note]
            nums += [ind.weight, ind.score]
        else:
            plain += [ind.level2]
    if isinstance(form, SelfEvaluation):
        plain += [form.goal_expected, form.goal_actual, form.grade, form.category]
        plain += list(form.funds_extra)
        for row in (
            form.funds.total,
            form.funds.appropriation,
            form.funds.carryover,
            form.funds.other,
            *form.funds_extra.values(),
        ):
            nums += [row.initial, row.adjusted, row.executed, row.weight, row.rate, row.score]
        nums += [form.total_weight, form.total_score]
    elif isinstance(form, LegacySelfEvaluation):
        info = form.legacy
        plain += [form.goal_expected, form.grade, info.eval_date, info.grade_stated, info.division]
        plain += [info.achievements, info.problems, info.improvements, info.remarks]
        nums += [info.budget, info.prior_year_budget, info.executed, info.rate]
        nums += [form.total_weight, form.total_score]
        used = {i.level1 for i in form.indicators}
        nums += [w for k, w in info.level1_weights.items() if k in used]
    else:
        meta = form.target_meta
        plain += [meta.category, meta.start, meta.end, meta.perf_type, meta.overview]
        plain += [meta.basis, meta.necessity, meta.measures, meta.plan, meta.goal]
        nums += [meta.total_budget, meta.current_budget, meta.prior_budget, meta.prior_executed]
    return [v for v in plain if v] + [format_number(n) for n in nums if n is not None]


@settings(max_examples=40, deadline=None)
@given(any_forms)
def test_every_printed_field_of_a_random_form_is_in_some_cell(form: AnyForm) -> None:
    table = official_table(form, RenderOptions(thousands=False))
    texts = _texts(table)
    for value in _field_values(form):
        assert any(value in t for t in texts), f"{value!r} missing"
    if form.year is not None:
        derivable = isinstance(form, LegacySelfEvaluation) and str(form.year + 1) in (
            form.legacy.eval_date or ""
        )
        assert derivable or any(str(form.year) in t for t in texts)
    _, rows = _indicator_cells(table)
    assert len(rows) - (1 if table.meta.get("footer_rows") else 0) >= len(form.indicators)
