"""The readable Chinese summary of parsed forms printed by ``jixiao parse``."""

from __future__ import annotations

import re

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from jixiao.model import Form, FundedEvaluation, LegacySelfEvaluation, Severity
from jixiao.model.labels import KIND_LABELS, SEVERITY_LABELS, form_title
from jixiao.service import ParseResult

__all__ = ["names_line", "print_summary"]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


_LINE = re.compile(r"第\s*\d+\s*行")


def names_line(message: str) -> bool:
    """Whether a finding's message already names its line (第 12 行), so the line is not
    added again (a bare 行 is no sign: 执行率 has one)."""
    return _LINE.search(message) is not None


def print_summary(console: Console, result: ParseResult, show_info: bool = False) -> None:
    """One table per file (a row per form), then each form's findings."""
    doc = result.document
    table = Table(
        title=f"{doc.name}（版式 {result.layout}，{len(result.forms)} 张表）",
        title_justify="left",
        show_lines=False,
    )
    for header, justify in (
        ("#", "right"),
        ("项目", "left"),
        ("单位", "left"),
        ("年度", "right"),
        ("类型", "left"),
        ("行数", "right"),
        ("总分", "right"),
        ("等级", "left"),
        ("发现", "right"),
        ("行号", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for i, form in enumerate(result.forms, start=1):
        total, grade = _total_and_grade(form)
        table.add_row(
            str(i),
            form_title(form.kind, form.project, form.department)
            or Text("（无项目名称）", style="red"),
            form.unit or "—",
            str(form.year or "—"),
            KIND_LABELS[form.kind],
            str(len(form.indicators)),
            total,
            grade,
            _counts(form),
            f"{form.source.lines[0]}–{form.source.lines[1]}",
        )
    parts: list[Table | Text] = [table]
    for i, form in enumerate(result.forms, start=1):
        shown = [f for f in form.findings if show_info or f.severity != Severity.INFO]
        for f in shown:
            where = ""
            if f.location.lines and not names_line(f.message):
                a, b = f.location.lines
                where = f"（第 {a} 行）" if a == b else f"（第 {a}–{b} 行）"
            parts.append(
                Text.assemble(
                    (f"  #{i} ", "bold"),
                    (f"{f.code} {SEVERITY_LABELS[f.severity]} ", _STYLE[f.severity]),
                    f"{f.message}{where}",
                )
            )
    console.print(Group(*parts))


def _total_and_grade(form: Form) -> tuple[str, str]:
    if isinstance(form, FundedEvaluation | LegacySelfEvaluation):
        total = "—" if form.total_score is None else str(form.total_score)
        return total, form.grade or "—"
    return "—", "—"


def _counts(form: Form) -> str:
    errors = sum(f.severity == Severity.ERROR for f in form.findings)
    warnings = sum(f.severity == Severity.WARNING for f in form.findings)
    return f"{errors} 错 / {warnings} 警" if errors or warnings else "—"
