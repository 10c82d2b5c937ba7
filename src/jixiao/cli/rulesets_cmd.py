"""``jixiao rulesets``: the bundled rulesets, their grades and weights."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from jixiao.cli.parse_cmd import OutputFormat
from jixiao.cli.screen import screen
from jixiao.model.jsonio import encode
from jixiao.model.labels import KIND_LABELS
from jixiao.score import bundled_rulesets, load_ruleset
from jixiao.score.dumping import dump_ruleset
from jixiao.score.explain import number
from jixiao.score.loading import BUNDLED, bundled_text

__all__ = ["rulesets"]


def rulesets(
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="输出格式：table（表格）或 json。")
    ] = OutputFormat.table,
    show: Annotated[
        str | None,
        typer.Option(
            "--show",
            help="打印一个规则集的 TOML：内置名称给出带注释的原文（可复制后改写），"
            "文件路径给出校验后的全部取值（含默认值）。",
            show_default=False,
        ),
    ] = None,
) -> None:
    """List the bundled rulesets; a user's own file is used with ``--ruleset PATH``."""
    if show is not None:
        text = bundled_text(show) if show in BUNDLED else dump_ruleset(load_ruleset(show))
        sys.stdout.write(text)
        return
    found = bundled_rulesets()
    if output is OutputFormat.json:
        data = [r.model_dump(mode="python") for r in found]
        sys.stdout.write(encode(data, indent=2) + "\n")
        return
    table = Table(title="内置规则集（自定义规则集：--ruleset 文件.toml，格式见 docs/rulesets.md）")
    for header in ("名称", "标题", "适用表单", "预算执行率", "一级指标分值", "等级", "反向指标"):
        table.add_column(header, overflow="fold")
    for r in found:
        table.add_row(
            r.name,
            r.title,
            "、".join(KIND_LABELS[k] for k in r.kinds),
            f"{number(r.budget.weight)} 分" + ("（封顶）" if r.budget.cap else ""),
            "、".join(f"{k} {number(v)}" for k, v in r.weights.level1.items()),
            "、".join(f"{g.name} ≥ {number(g.min)}" for g in r.grades),
            "目标/实际" if r.reverse.formula == "ratio" else "线性扣分",
        )
    console = screen()
    console.print(table)
