"""The readable Chinese view of one stored form, printed by ``jixiao show``."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from jixiao.cli.store_show_department import extra_parts
from jixiao.model import (
    DEPARTMENT_KINDS,
    Declaration,
    DepartmentTargetDeclaration,
    Form,
    FundedEvaluation,
    Indicator,
    LegacySelfEvaluation,
    Severity,
    TargetDeclaration,
)
from jixiao.model.funds import FUND_ROWS
from jixiao.model.labels import (
    FIELD_LABELS,
    FUND_FIELD_LABELS,
    FUND_ROW_LABELS,
    INDICATOR_FIELD_LABELS,
    KIND_LABELS,
    LEGACY_FIELD_LABELS,
    SEVERITY_LABELS,
    TARGET_FIELD_LABELS,
    beijing_time,
    name_label,
    place_label,
)
from jixiao.score import FormScore, RowScore
from jixiao.service import SourceExcerpt
from jixiao.store import StoredForm

__all__ = ["print_form", "print_source"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def _s(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _names(form: Form) -> list[tuple[str, object]]:
    """项目名称 and 主管部门, or a department form's 部门（单位）名称 alone."""
    if form.kind in DEPARTMENT_KINDS:
        return [(name_label(form.kind), form.department)]
    return [(name_label(form.kind), form.project), (FIELD_LABELS["department"], form.department)]


def print_form(console: Console, stored: StoredForm) -> None:
    """Header, funds, goals, indicator rows (reported and computed scores), totals,
    the computed budget score, total and grade, and findings of one form."""
    form = stored.form
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    a, b = form.source.lines
    for label, value in (
        ("编号", stored.id),
        ("类型", KIND_LABELS[form.kind]),
        *_names(form),
        (FIELD_LABELS["unit"], form.unit),
        (FIELD_LABELS["year"], form.year),
        (FIELD_LABELS["money_unit"], form.money_unit),
        ("来源", f"{stored.file_name} 第 {a}–{b} 行"),
        ("导入时间", f"{beijing_time(stored.imported_at):%Y-%m-%d %H:%M:%S} 北京时间"),
    ):
        head.add_row(label, _s(value))
    parts: list[RenderableType] = [head]
    if isinstance(form, FundedEvaluation):
        funds = Table(title="项目资金", title_justify="left")
        amounts = (FUND_FIELD_LABELS[c] for c in ("initial", "adjusted", "executed", "weight"))
        for header in ("", *amounts, "执行率（%）", FUND_FIELD_LABELS["score"]):
            funds.add_column(header, justify="left" if not header else "right")
        for name in FUND_ROWS:
            row = getattr(form.funds, name)
            funds.add_row(
                FUND_ROW_LABELS[name],
                *(_s(getattr(row, c)) for c in ("initial", "adjusted", "executed")),
                *(_s(getattr(row, c)) for c in ("weight", "rate", "score")),
            )
        parts.append(funds)
    if isinstance(form, LegacySelfEvaluation):
        parts.append(_pairs("项目信息", LEGACY_FIELD_LABELS, form.legacy.model_dump()))
    if isinstance(form, TargetDeclaration):
        parts.append(_pairs("项目信息", TARGET_FIELD_LABELS, form.target_meta.model_dump()))
    parts += extra_parts(form)
    goals = Table.grid(padding=(0, 2), expand=True)
    goals.add_column(style="bold", no_wrap=True)
    goals.add_column(ratio=1, overflow="fold")
    if isinstance(form, FundedEvaluation | LegacySelfEvaluation):
        goals.add_row("预期目标", _s(form.goal_expected))
    if isinstance(form, FundedEvaluation):
        goals.add_row("实际完成情况", _s(form.goal_actual))
    if isinstance(form, DepartmentTargetDeclaration):
        goals.add_row("年度总体目标", _s(form.goal))
    if goals.row_count:
        parts.append(goals)
    scored = not isinstance(form, Declaration)
    if console.width >= _WIDE_TABLE:
        parts.append(_indicators(form.indicators, scored, stored.score))
    else:
        parts.append(_indicators_narrow(form.indicators, scored, stored.score))
    if isinstance(form, FundedEvaluation | LegacySelfEvaluation):
        parts.append(
            Text(
                f"总分值 {_s(form.total_weight)}　自评总分 {_s(form.total_score)}"
                f"　评分等级 {_s(form.grade)}",
                style="bold",
            )
        )
    parts += _computed(stored.score)
    parts.append(Text(f"审核发现（{len(form.findings)}）", style="bold"))
    for item in form.findings:
        parts.append(
            Text.assemble(
                (f"  {item.code} {SEVERITY_LABELS[item.severity]} ", _STYLE[item.severity]),
                _place(item.location.field, item.location.row),
                item.message,
                _where(item.location.lines),
            )
        )
    console.print(Group(*parts))


def _place(field: str | None, row: int | None) -> str:
    """``第 3 项指标·得分：`` before a finding that points at a row or a field (numbered
    as the indicator table above numbers its rows)."""
    return f"{place_label(field, row)}：" if field or row is not None else ""


def print_source(console: Console, excerpt: SourceExcerpt) -> None:
    """The form's original lines, numbered as the findings' line numbers; a bar marks
    the form's own lines (the others are context), then why lines are missing, if so."""
    console.print(Text(f"原文（{excerpt.file_name}）", style="bold"))
    if not excerpt.kept:
        again = "以下从原文件重新读取。" if excerpt.lines else ""
        console.print(
            Text(
                "这份文件导入时数据库还不保存原文行；"
                f"{again}用 jixiao import --replace 重新导入即可保存。",
                style="yellow",
            )
        )
    width = len(str(excerpt.lines[-1][0])) if excerpt.lines else 1
    for number, line, in_form in excerpt.lines:
        console.print(
            Text.assemble(
                (f"{number:>{width}} {'│' if in_form else ' '} ", "dim"),
                (line, "" if in_form else "dim"),
            ),
            soft_wrap=True,  # a long line stays one line, as in the file
        )
    if excerpt.note:
        console.print(Text(excerpt.note, style="yellow"))


def _where(lines: tuple[int, int] | None) -> str:
    if lines is None:
        return ""
    return f"（第 {lines[0]} 行）" if lines[0] == lines[1] else f"（第 {lines[0]}–{lines[1]} 行）"


def _pairs(title: str, labels: dict[str, str], data: dict[str, object]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, label in labels.items():
        if data.get(key) not in (None, ""):
            table.add_row(label, _s(data[key]))
    return table


def _computed(score: FormScore | None) -> list[RenderableType]:
    """The 复核 lines: budget, total and grade under the ruleset, with how."""
    if score is None:
        return [Text("复核：未评分（用 jixiao rescore 计算）", style="dim")]
    out: list[RenderableType] = []
    budget = score.budget
    if budget is not None:
        out.append(
            Text(
                f"复核预算执行：执行率 {_s(budget.rate)}%，自评 {_s(budget.reported)} 分，"
                f"复核 {_s(budget.computed)} 分。{budget.explanation}"
            )
        )
    if score.incomplete:
        out.append(
            Text(
                f"复核总分 —（不完整，已复核部分 {_s(score.partial_total)}）"
                f"　自评总分 {_s(score.reported_total)}　规则集 {score.ruleset}",
                style="bold",
            )
        )
        out.append(Text(score.explanation))
    elif score.total is None:
        out.append(Text(f"复核（规则集 {score.ruleset}）：{score.explanation}", style="bold"))
    else:
        out.append(
            Text(
                f"复核总分 {_s(score.total)}　复核等级 {_s(score.grade)}"
                f"　自评总分 {_s(score.reported_total)}　规则集 {score.ruleset}",
                style="bold",
            )
        )
        out.append(Text(score.explanation))
    return out


def _band(row: RowScore | None) -> str:
    if row is None:
        return "—"
    if row.band_low is not None and row.band_high is not None:
        return f"{_s(row.band_low)}–{_s(row.band_high)}"
    return _s(row.computed)


_TARGET_COLUMNS = ("level1", "level2", "name", "target")
_RESULT_COLUMNS = ("actual", "weight", "score")


_WIDE_TABLE = 150
"""Below this many columns the indicator rows are printed two columns narrower: the
levels, the explanation and the 偏差原因 go under each row's name."""


def _indicators_narrow(rows: tuple[Indicator, ...], scored: bool, score: FormScore | None) -> Table:
    """The indicator rows on a narrow screen (100 columns): one column for what the row
    is (三级 name, then 一级·二级, the computed score's explanation and the 偏差原因,
    each on its own line), the figures beside it."""
    table = Table(title=f"绩效指标（{len(rows)} 行）", title_justify="left", show_lines=True)
    labels = INDICATOR_FIELD_LABELS
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(labels["name"], ratio=1, overflow="fold")
    table.add_column(labels["target"], overflow="fold", max_width=14)
    if scored:
        table.add_column(labels["actual"], overflow="fold", max_width=14)
        for header in (labels["weight"], labels["score"], "复核得分"):
            table.add_column(header, justify="right", no_wrap=True)
    computed = {} if score is None else {r.position: r for r in score.rows}
    for i, row in enumerate(rows):
        what = Text(_s(row.name))
        levels = "·".join(x for x in (row.level1, row.level2) if x)
        if levels:
            what.append(f"\n{levels}", style="dim")
        cells: list[RenderableType] = [str(i + 1), what, _s(row.target)]
        if scored:
            found = computed.get(i)
            if found is not None and found.explanation:
                what.append(f"\n复核：{found.explanation}")
            if row.note:
                what.append(f"\n{labels['note']}：{row.note}")
            cells += [_s(row.actual), _s(row.weight), _s(row.score), _band(found)]
        table.add_row(*cells)
    return table


def _indicators(rows: tuple[Indicator, ...], scored: bool, score: FormScore | None) -> Table:
    table = Table(title=f"绩效指标（{len(rows)} 行）", title_justify="left", show_lines=True)
    labels = INDICATOR_FIELD_LABELS
    headers = ["#", *(labels[c] for c in _TARGET_COLUMNS)]
    numbers = ("#", labels["weight"], labels["score"], "复核得分")
    justify: Literal["left", "right"]
    if scored:
        headers += [*(labels[c] for c in _RESULT_COLUMNS), "复核得分", "复核说明", labels["note"]]
    for header in headers:
        justify = "right" if header in numbers else "left"
        table.add_column(header, justify=justify, overflow="fold")
    computed = {} if score is None else {r.position: r for r in score.rows}
    for i, row in enumerate(rows):
        cells = [str(i + 1)] + [_s(getattr(row, c)) for c in _TARGET_COLUMNS]
        if scored:
            found = computed.get(i)
            cells += [_s(getattr(row, c)) for c in _RESULT_COLUMNS]
            cells += [_band(found), found.explanation if found else "—", _s(row.note)]
        table.add_row(*cells)
    return table
