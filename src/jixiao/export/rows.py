"""Forms flattened into rows: the ONE definition of the export tables and their headers.

Three tables, used by every format (xlsx sheets, csv files, parquet files):

- ``forms`` (汇总): one row per form;
- ``indicators`` (指标): one row per indicator row;
- ``findings`` (审核发现): one row per finding.

Every table starts with 编号, which joins the three: the form's id in the store when the
items exported carry one (any object with ``id`` and ``form``, such as
:class:`jixiao.store.StoredForm`), else its running number in the export. Money and
points stay ``Decimal``; each column says its type so a writer can format it (number
formats in xlsx, decimal128 in parquet, plain digits in csv).

The computed (复核) figures — total, grade, ruleset, each row's score and explanation —
are an item's own ``score`` when it carries one (:class:`jixiao.store.StoredForm`),
else computed with :func:`jixiao.score.score_form` as :class:`ComputedScores` says.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, Protocol, TypeAlias, runtime_checkable

from jixiao.model import (
    CODES,
    Declaration,
    DepartmentSelfEvaluation,
    DepartmentTargetDeclaration,
    Form,
    FundRow,
    LegacySelfEvaluation,
    SelfEvaluation,
    Severity,
    TargetDeclaration,
)
from jixiao.model.labels import (
    FIELD_LABELS,
    FUND_FIELD_LABELS,
    INDICATOR_FIELD_LABELS,
    KIND_LABELS,
    SEVERITY_LABELS,
    place_label,
)
from jixiao.model.leniency import score_gap
from jixiao.score import FormScore, Ruleset, ruleset_for, score_form

__all__ = [
    "TABLES",
    "TABLE_NAMES",
    "TABLE_TITLES",
    "Column",
    "ColumnType",
    "ComputedScores",
    "ExportItem",
    "FlatForm",
    "Numbered",
    "Row",
    "TableName",
    "flatten",
    "numbered",
]

ColumnType = Literal["int", "text", "money", "points"]
"""``money``: an amount in the form's 金额单位; ``points``: weights, scores, percents."""
TableName = Literal["forms", "indicators", "findings"]
Row = tuple[str | int | Decimal | None, ...]


@runtime_checkable
class Numbered(Protocol):
    """A form with its number (e.g. :class:`jixiao.store.StoredForm`)."""

    @property
    def id(self) -> int: ...

    @property
    def form(self) -> Form: ...


ExportItem: TypeAlias = (
    "SelfEvaluation | LegacySelfEvaluation | TargetDeclaration"
    " | DepartmentSelfEvaluation | DepartmentTargetDeclaration | Numbered"
)
"""What the exporters take: bare forms (numbered 1, 2, … in order) or numbered ones."""


@dataclass(frozen=True)
class Column:
    """One export column: identifier, Chinese header, type and an xlsx width hint."""

    key: str
    header: str
    type: ColumnType
    width: int = 10


@dataclass(frozen=True)
class ComputedScores:
    """Where the 复核 (recomputed) figures of an item without its own score come from:
    :func:`~jixiao.score.score_form` under ``ruleset`` (``None``: the ruleset made for
    each form's kind), or nowhere (``compute=False`` leaves the 复核 columns empty)."""

    ruleset: Ruleset | None = None
    compute: bool = True

    def of(self, item: ExportItem, form: Form) -> FormScore | None:
        """The item's own score, else one computed as this says."""
        own = getattr(item, "score", None)
        if isinstance(own, FormScore):
            return own
        if not self.compute:
            return None
        return score_form(form, ruleset_for(form, self.ruleset))


_KEY = (
    Column("no", "编号", "int", 6),
    Column("project", FIELD_LABELS["project"], "text", 30),
    Column("unit", FIELD_LABELS["unit"], "text", 24),
    Column("year", FIELD_LABELS["year"], "int", 6),
)
_SOURCE = (
    Column("file", "来源文件", "text", 24),
    Column("first_line", "起始行", "int", 7),
    Column("last_line", "结束行", "int", 7),
)

TABLES: dict[TableName, tuple[Column, ...]] = {
    "forms": (
        *_KEY[:3],
        Column("department", FIELD_LABELS["department"], "text", 24),
        _KEY[3],
        Column("kind", "类型", "text", 18),
        Column("category", FIELD_LABELS["category"], "text", 12),
        Column("money_unit", FIELD_LABELS["money_unit"], "text", 8),
        Column("initial", FUND_FIELD_LABELS["initial"], "money", 14),
        Column("adjusted", FUND_FIELD_LABELS["adjusted"], "money", 14),
        Column("executed", FUND_FIELD_LABELS["executed"], "money", 14),
        Column("rate", "执行率（%）", "points", 10),
        Column("funds_extra", FIELD_LABELS["funds_extra"], "text", 30),
        Column("total_weight", FIELD_LABELS["total_weight"], "points", 8),
        Column("total_score", "自评总分", "points", 9),
        Column("computed_total", "复核总分", "points", 9),
        Column("score_gap", "自评−复核", "points", 9),
        Column("grade", FIELD_LABELS["grade"], "text", 8),
        Column("computed_grade", "复核等级", "text", 8),
        Column("ruleset", "评分规则", "text", 12),
        Column("indicators", "指标数", "int", 7),
        Column("errors", "错误", "int", 6),
        Column("warnings", "警告", "int", 6),
        Column("infos", "提示", "int", 6),
        *_SOURCE,
    ),
    "indicators": (
        *_KEY,
        Column("row", "指标行", "int", 7),
        Column("level1", INDICATOR_FIELD_LABELS["level1"], "text", 12),
        Column("level2", INDICATOR_FIELD_LABELS["level2"], "text", 12),
        Column("name", INDICATOR_FIELD_LABELS["name"], "text", 28),
        Column("target", INDICATOR_FIELD_LABELS["target"], "text", 18),
        Column("actual", INDICATOR_FIELD_LABELS["actual"], "text", 18),
        Column("weight", INDICATOR_FIELD_LABELS["weight"], "points", 7),
        Column("score", "自评得分", "points", 9),
        Column("computed_score", "复核得分", "points", 9),
        Column("explanation", "复核说明", "text", 40),
        Column("note", INDICATOR_FIELD_LABELS["note"], "text", 36),
        *_SOURCE,
    ),
    "findings": (
        *_KEY,
        Column("code", "代码", "text", 7),
        Column("severity", "级别", "text", 6),
        Column("title", "名称", "text", 16),
        Column("message", "说明", "text", 60),
        Column("row", "指标行", "int", 7),
        Column("indicator", INDICATOR_FIELD_LABELS["name"], "text", 24),
        Column("place", "位置", "text", 28),
        Column("field", "字段", "text", 20),
        *_SOURCE,
    ),
}
TABLE_NAMES: tuple[TableName, ...] = ("forms", "indicators", "findings")
TABLE_TITLES: dict[TableName, str] = {
    "forms": "汇总",
    "indicators": "指标",
    "findings": "审核发现",
}


@dataclass(frozen=True)
class FlatForm:
    """One form and its rows in each of the three tables."""

    form: Form
    no: int
    tables: dict[TableName, list[Row]]


def numbered(items: Iterable[ExportItem]) -> Iterator[tuple[int, Form, ExportItem]]:
    """``(编号, form, item)`` for each item: its own ``id`` if it has one, else its
    position."""
    for position, item in enumerate(items, 1):
        if isinstance(item, Numbered):
            yield item.id, item.form, item
        else:
            yield position, item, item


def flatten(
    items: Iterable[ExportItem], computed: ComputedScores | None = None
) -> Iterator[FlatForm]:
    """Flatten forms one at a time (a single pass, so a long stream stays small)."""
    computed = computed or ComputedScores()
    for no, form, item in numbered(items):
        score = computed.of(item, form)
        yield FlatForm(
            form,
            no,
            {
                "forms": [_form_row(form, no, score)],
                "indicators": list(_indicator_rows(form, no, score)),
                "findings": list(_finding_rows(form, no)),
            },
        )


def _key(form: Form, no: int) -> Row:
    return (no, form.project, form.unit, form.year)


def _source(form: Form, lines: tuple[int, int] | None = None) -> Row:
    first, last = lines or form.source.lines
    return (form.source.file, first, last)


def _form_row(form: Form, no: int, score: FormScore | None) -> Row:
    counts = Counter(f.severity for f in form.findings)
    if isinstance(form, Declaration):
        total_weight = total_score = None
        grade = None
    else:
        total_weight, total_score, grade = form.total_weight, form.total_score, form.grade
    no_, project, unit, year = _key(form, no)
    return (
        no_,
        project,
        unit,
        form.department,
        year,
        KIND_LABELS[form.kind],
        _category(form),
        form.money_unit,
        *form.budget,
        _funds_extra(form),
        total_weight,
        total_score,
        score.total if score else None,
        score_gap(total_score, score.total if score else None),
        grade,
        score.grade if score else None,
        score.ruleset if score else None,
        len(form.indicators),
        counts[Severity.ERROR],
        counts[Severity.WARNING],
        counts[Severity.INFO],
        *_source(form),
    )


def _category(form: Form) -> str | None:
    """项目类型: a self-evaluation's own, a declaration's in its header."""
    if isinstance(form, TargetDeclaration):
        return form.target_meta.category
    return getattr(form, "category", None)


def _funds_extra(form: Form) -> str | None:
    """The funding rows beyond the four standard ones, one ``label：年初预算数 …`` each,
    joined by ``；`` (the amounts in the form's 金额单位, as printed)."""
    rows: dict[str, FundRow] = getattr(form, "funds_extra", {})
    parts = []
    for label, row in rows.items():
        cells = [
            f"{FUND_FIELD_LABELS[name]} {value}"
            for name, value in row.model_dump().items()
            if value is not None
        ]
        parts.append(f"{label}：{'，'.join(cells)}" if cells else label)
    return "；".join(parts) or None


def _indicator_rows(form: Form, no: int, score: FormScore | None) -> Iterator[Row]:
    computed = {} if score is None else {r.position: r for r in score.rows}
    for i, row in enumerate(form.indicators):
        found = computed.get(i)
        yield (
            *_key(form, no),
            i + 1,
            row.level1,
            row.level2,
            row.name,
            row.target,
            row.actual,
            row.weight,
            row.score,
            found.accepted if found else None,
            found.explanation if found else None,
            row.note,
            *_source(form, row.lines),
        )


def _finding_rows(form: Form, no: int) -> Iterator[Row]:
    for f in form.findings:
        index = f.location.row
        name = None
        if index is not None and 0 <= index < len(form.indicators):
            name = form.indicators[index].name
        info = CODES.get(f.code)
        yield (
            *_key(form, no),
            f.code,
            SEVERITY_LABELS[f.severity],
            info.title if info else None,
            f.message,
            None if index is None else index + 1,
            name,
            place_label(f.location.field, index),
            f.location.field,
            f.location.file or form.source.file,
            *(f.location.lines or (None, None)),
        )
