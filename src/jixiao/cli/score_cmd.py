"""``jixiao score FILE...``: re-score every form under a ruleset and show how."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Group
from rich.table import Table
from rich.text import Text

from jixiao.cli.parse_cmd import OutputFormat
from jixiao.cli.reading import read_files
from jixiao.cli.screen import screen
from jixiao.model import Form, LegacySelfEvaluation, SelfEvaluation
from jixiao.model.jsonio import encode
from jixiao.model.labels import KIND_LABELS, form_title
from jixiao.score import FormScore, RowScore, Ruleset
from jixiao.service import chosen_ruleset, row_excess, score_forms

__all__ = ["RulesetOpt", "score"]

RulesetOpt = Annotated[
    str | None,
    typer.Option(
        "--ruleset",
        "-r",
        help="规则集：内置名称（mof2020、shanghai2019）或 .toml 文件路径。"
        "默认按表单类型选择（2020 年前自我评价表用 shanghai2019，其余用 mof2020）。",
        show_default=False,
    ),
]


def score(
    files: Annotated[
        list[Path],
        typer.Argument(help="要评分的表单文件（可多个）。", metavar="文件", show_default=False),
    ],
    ruleset: RulesetOpt = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式：table（表格）或 json。")
    ] = OutputFormat.table,
) -> None:
    """Exit 0 when every file was scored, 2 when a file or the ruleset could not be read."""
    chosen = chosen_ruleset(ruleset)
    results, failed = read_files(files, "评分")
    scored = score_forms((f for r in results for f in r.forms), chosen)
    if output is OutputFormat.json:
        sys.stdout.write(encode([_json(s.form, s.score) for s in scored], indent=2) + "\n")
    else:
        console = screen()
        for item in scored:
            console.print(_render(item.form, item.score, item.ruleset))
    if failed:
        raise typer.Exit(2)


def _json(form: Form, result: FormScore) -> dict[str, Any]:
    data: dict[str, Any] = {
        "file": form.source.file,
        "lines": list(form.source.lines),
        "kind": form.kind,
        "year": form.year,
        "project": form.project,
        "unit": form.unit,
    }
    data.update(result.model_dump(mode="python"))
    return data


def _render(form: Form, result: FormScore, ruleset: Ruleset) -> Group:
    title = (
        f"{form_title(form.kind, form.project, form.department) or '（无项目名称）'}"
        f" — {form.unit or '单位不详'}"
        f"（{form.source.file} 第 {form.source.lines[0]}–{form.source.lines[1]} 行，"
        f"{KIND_LABELS[form.kind]}，规则集 {result.ruleset}）"
    )
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    table.add_column("#", justify="right")
    table.add_column("指标")
    table.add_column("分值", justify="right")
    table.add_column("自评得分", justify="right")
    table.add_column("复核得分", justify="right")
    table.add_column("说明", overflow="fold")
    names = [ind.name or ind.level2 or "—" for ind in form.indicators]
    for row in result.rows:
        table.add_row(
            str(row.position + 1),
            names[row.position],
            _num(row.weight),
            _num(row.reported),
            _checked(row, ruleset),
            row.explanation,
        )
    lines: list[Table | Text] = [table]
    above = [(r.position + 1, row_excess(r, ruleset)) for r in result.rows]
    above = [(n, x) for n, x in above if x > 0]
    if above:
        listed = "、".join(f"第 {n} 行（高 {x} 分）" for n, x in above)
        lines.append(Text(f"自评得分高于规则允许：{listed}", style="bold red"))
    if result.budget is not None:
        b = result.budget
        lines.append(
            Text(
                f"预算执行率：自评 {_num(b.reported)} 分，复核 {_num(b.computed)} 分。"
                + b.explanation
            )
        )
    stated = form.grade if isinstance(form, SelfEvaluation | LegacySelfEvaluation) else None
    if result.total is not None:
        lines.append(
            Text(
                f"总分：自评 {_num(result.reported_total)} 分（{stated or '未印等级'}），"
                f"复核 {_num(result.total)} 分（{result.grade}）。{result.explanation}",
                style="bold",
            )
        )
    elif result.incomplete:
        lines.append(
            Text(
                f"总分：自评 {_num(result.reported_total)} 分（{stated or '未印等级'}），"
                f"复核总分不完整，不作比较。{result.explanation}",
                style="bold",
            )
        )
    else:
        lines.append(Text(result.explanation, style="bold"))
    lines.append(Text(""))
    return Group(*lines)


def _checked(row: RowScore, ruleset: Ruleset) -> Text:
    if row.band_low is not None and row.band_high is not None:
        shown = f"{row.band_low}–{row.band_high}"
    elif row.computed is not None:
        shown = str(row.computed)
    else:
        return Text("—", style="dim")
    low = row.band_low if row.band_low is not None else row.computed
    style = ""
    if row_excess(row, ruleset) > 0:
        style = "bold red"
    elif row.reported is not None and low is not None and row.reported < low:
        style = "cyan"
    return Text(shown, style=style)


def _num(value: Decimal | None) -> str:
    return "—" if value is None else str(value)
