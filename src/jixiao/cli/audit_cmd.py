"""``jixiao audit FILE...``: score and audit forms, list the findings and a summary.

Data (the findings) on stdout, progress and file errors on stderr; with ``--format
json`` or ``csv`` the summary goes to stderr too, so stdout stays machine-readable.
Exit 0 when no error-level finding, 1 when some, 2 on a usage error or unreadable file.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from jixiao.cli.reading import read_files
from jixiao.cli.score_cmd import RulesetOpt
from jixiao.cli.screen import screen
from jixiao.cli.summary import names_line
from jixiao.model import CODES, Severity
from jixiao.model.jsonio import encode
from jixiao.model.labels import KIND_LABELS, SEVERITY_LABELS, form_title, place_label
from jixiao.render.inert_cells import inert_csv_text
from jixiao.score import Ruleset
from jixiao.service import (
    Reviewed,
    chosen_ruleset,
    collect_files,
    is_lenient,
    review_forms,
)

__all__ = ["AuditFormat", "audit", "finding_records"]


class AuditFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


_CodesOpt = Annotated[
    str | None,
    typer.Option(
        "--select",
        help="只列出这些编号的发现：逗号分隔的编号或前缀，如 R001,A。",
        show_default=False,
    ),
]
_IgnoreOpt = Annotated[
    str | None,
    typer.Option(
        "--ignore",
        help="不列出这些编号的发现（编号或前缀，逗号分隔），如 Q,X004。",
        show_default=False,
    ),
]

_COLUMNS = (
    "file",
    "form",
    "kind",
    "project",
    "unit",
    "year",
    "code",
    "severity",
    "title",
    "message",
    "row",
    "indicator",
    "place",
    "field",
    "line_start",
    "line_end",
)


def audit(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="要审核的表单文件或文件夹（可多个）。", metavar="文件或文件夹", show_default=False
        ),
    ],
    select: _CodesOpt = None,
    ignore: _IgnoreOpt = None,
    output: Annotated[
        AuditFormat,
        typer.Option("--format", "-f", help="输出格式：table（表格）、json 或 csv。"),
    ] = AuditFormat.table,
    ruleset: RulesetOpt = None,
    info: Annotated[bool, typer.Option("--info", help="表格中也列出提示级发现。")] = False,
) -> None:
    """Exit 0 when no error-level finding, 1 when some, 2 on a usage error."""
    chosen = chosen_ruleset(ruleset)
    picked, dropped = _split(select), _split(ignore)
    review_forms(  # a bad --select/--ignore is a usage error before any file is read
        [], chosen, select=picked, ignore=dropped
    )
    paths = [p for f in files for p in (collect_files([f]) if f.is_dir() else [f])]
    results, failed = read_files(paths, "审核")
    forms = [f for r in results for f in r.forms]
    reviewed = review_forms(forms, chosen, select=picked, ignore=dropped)
    records = finding_records(reviewed)
    if output is AuditFormat.table:
        console = screen()
        _print_table(console, reviewed, show_info=info)
    else:
        data = encode(records, indent=2) + "\n" if output is AuditFormat.json else _csv(records)
        sys.stdout.write(data)
        console = Console(highlight=False, markup=False, stderr=True)
    _print_summary(console, reviewed, chosen)
    if failed:
        raise typer.Exit(2)
    if any(r["severity"] == Severity.ERROR.value for r in records):
        raise typer.Exit(1)


def _split(text: str | None) -> list[str]:
    return [p for p in re.split(r"[,，\s]+", text or "") if p]


def finding_records(reviewed: Sequence[Reviewed]) -> list[dict[str, Any]]:
    """Every finding as a flat, self-contained record (the JSON and CSV rows)."""
    out: list[dict[str, Any]] = []
    numbers: Counter[str] = Counter()
    for item in reviewed:
        form = item.form
        numbers[form.source.file] += 1
        for f in item.report.findings:
            row = f.location.row
            name = None
            if row is not None and 0 <= row < len(form.indicators):
                name = form.indicators[row].name
            lines = f.location.lines or form.source.lines
            info = CODES.get(f.code)
            out.append(
                {
                    "file": f.location.file or form.source.file,
                    "form": numbers[form.source.file],
                    "kind": form.kind,
                    "project": form.project,
                    "unit": form.unit,
                    "year": form.year,
                    "code": f.code,
                    "severity": f.severity.value,
                    "title": info.title if info else None,
                    "message": f.message,
                    "row": row,
                    "indicator": name,
                    "place": place_label(f.location.field, row),
                    "field": f.location.field,
                    "line_start": lines[0],
                    "line_end": lines[1],
                    "values": dict(f.values),
                }
            )
    return out


def _csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*_COLUMNS, "values"])
    for r in records:
        cells = ["" if r[c] is None else inert_csv_text(str(r[c])) for c in _COLUMNS]
        writer.writerow([*cells, encode(r["values"])])
    return "\ufeff" + buffer.getvalue()


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def _print_table(console: Console, reviewed: Sequence[Reviewed], show_info: bool) -> None:
    numbers: Counter[str] = Counter()
    for item in reviewed:
        form = item.form
        numbers[form.source.file] += 1
        shown = sorted(
            (f for f in item.report.findings if show_info or f.severity != Severity.INFO),
            key=lambda f: f.severity.rank,
        )  # errors first, each severity in the order found
        if not shown:
            continue
        a, b = form.source.lines
        console.print(
            Text(
                f"{form.source.file} #{numbers[form.source.file]}（第 {a}–{b} 行）"
                f"{form_title(form.kind, form.project, form.department) or '（无项目名称）'}"
                f"｜{form.unit or '—'}｜{form.year or '—'}",
                style="bold",
            )
        )
        for f in shown:
            where = ""
            if f.location.row is not None and 0 <= f.location.row < len(form.indicators):
                name = form.indicators[f.location.row].name or "（无名称）"
                where = f"第 {f.location.row + 1} 项指标「{name}」："
            lines = f.location.lines
            at = ""
            if lines and lines != form.source.lines and not names_line(f.message):
                at = (
                    f"（第 {lines[0]} 行）"
                    if lines[0] == lines[1]
                    else f"（第 {lines[0]}–{lines[1]} 行）"
                )
            console.print(
                Text.assemble(
                    "  ",
                    (f"{f.code} {SEVERITY_LABELS[f.severity]} ", _STYLE[f.severity]),
                    f"{where}{f.message}{at}",
                )
            )


def _print_summary(console: Console, reviewed: Sequence[Reviewed], chosen: Ruleset | None) -> None:
    kinds = Counter(r.form.kind for r in reviewed)
    read = "、".join(f"{KIND_LABELS[k]} {n}" for k, n in kinds.items())
    console.print(f"共读取 {len(reviewed)} 张表单（{read or '无'}）。")
    severities = Counter(f.severity for r in reviewed for f in r.report.findings)
    counts = "，".join(f"{SEVERITY_LABELS[s]} {severities[s]}" for s in Severity)
    console.print(f"审核发现：{counts}。")
    by_code = Counter(f.code for r in reviewed for f in r.report.findings)
    for code in sorted(by_code):
        info = CODES.get(code)
        title = info.title if info else ""
        console.print(f"  {code} {title}：{by_code[code]}")
    scored = [r for r in reviewed if r.score.total is not None]
    higher = [r for r in scored if r.score.reported_above]
    lenient = [r for r in scored if is_lenient(r, chosen)]
    if scored:
        share = Decimal(len(higher)) / len(scored) * 100
        console.print(
            f"自评总分高于复核总分的表单：{len(higher)} / {len(scored)}"
            f"（{share.quantize(Decimal('0.1'))}%），其中 {len(lenient)} 张各行自评得分合计"
            "超出按规则计算的得分且超出印刷精度所允许的取舍（R008）。"
        )
    incomplete = sum(1 for r in reviewed if r.score.incomplete)
    if incomplete:
        console.print(f"另有 {incomplete} 张表单分值或得分未读全，复核总分不完整，不作比较。")
