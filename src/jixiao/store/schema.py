"""The database tables (SQLAlchemy 2 declarative). Alembic revisions build the same schema.

One row per document, per form, per indicator row and per finding, plus one per import
run. Money and points are :class:`~jixiao.store.types.ExactDecimal`. The funding block is
flattened into ``funds_<row>_<column>`` columns (a department's 基本支出 / 项目支出 into
``spending_<row>_<column>``, its 金额合计 into ``amounts_<column>``; its tasks and a
declaration's 中长期 indicators have tables of their own); the kind-specific headers (``legacy`` /
``target_meta``) are kept whole in the JSON column ``extras``, their budget figures also
in ``budget_total``/``budget_executed``/``budget_rate``. What only a whole form needs
(its computed score, its search text, its document's lines) lives in side tables, so
the ``forms`` rows the lists and the dashboard scan stay small.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from jixiao.store.types import ExactDecimal, UtcDateTime

__all__ = [
    "FUND_COLUMNS",
    "Base",
    "DocumentRow",
    "DocumentTextRow",
    "DraftRow",
    "FindingRow",
    "FormRow",
    "FormScoreRow",
    "FormSearchRow",
    "ImportRunRow",
    "IndicatorRow",
    "LongTermIndicatorRow",
    "RulesetRow",
    "TaskRow",
    "fund_column",
    "spending_column",
]

_NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

FUND_COLUMNS: tuple[str, ...] = ("initial", "adjusted", "executed", "weight", "rate", "score")
"""The columns of a funding row, in the order of :class:`~jixiao.model.FundRow`."""


def fund_column(row: str, column: str) -> str:
    """The flattened column name of ``funds.<row>.<column>``."""
    return f"funds_{row}_{column}"


def spending_column(row: str, column: str) -> str:
    """The flattened column name of ``spending.<row>.<column>`` (``basic``/``project``)."""
    return f"spending_{row}_{column}"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=_NAMING)
    type_annotation_map = {Decimal: ExactDecimal(), dict[str, Any]: JSON()}


class DocumentRow(Base):
    """An imported file, known by the SHA-256 of its bytes."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_run_id", "run_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(16))
    size: Mapped[int | None] = mapped_column(BigInteger)
    layout: Mapped[str | None] = mapped_column(String(64))
    encoding: Mapped[str | None] = mapped_column(String(32))
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime())
    run_id: Mapped[int | None] = mapped_column(Integer)
    """The import run that stored it (``None``: stored otherwise, or before 0009)."""
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    """When it was withdrawn (soft delete; ``None``: it is not): its forms are hidden
    everywhere until it is restored (:func:`jixiao.store.filters.current_forms`)."""
    withdrawn_by: Mapped[str | None] = mapped_column(String(64))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)


_NOT_WITHDRAWN = text("withdrawn_at IS NULL")
"""A condition :func:`jixiao.store.filters.current_forms` always has (a partial index
with it serves every query of the current forms)."""
_SUPERSEDED = text("superseded_by IS NOT NULL")
_SCORED_CURRENT = text("withdrawn_at IS NULL AND total_score IS NOT NULL")


class FormRow(Base):
    """One form; ``position`` is its 0-based place in the document."""

    __tablename__ = "forms"
    __table_args__ = (
        Index(
            # covers the dashboard's groups (jixiao.store.summary) and the lists' filters
            # and sorts on these columns, with what current_forms asks (0019)
            "ix_forms_summary",
            "year",
            "department",
            "unit",
            "grade",
            "computed_grade",
            "kind",
            "total_score",
            "computed_total",
            "document_id",
            "superseded_by",
            sqlite_where=_NOT_WITHDRAWN,
            postgresql_where=_NOT_WITHDRAWN,
        ),
        Index(
            # covers the charts' points (the current forms with a printed total), with
            # what current_forms asks (0022)
            "ix_forms_points",
            "id",
            "total_score",
            "computed_total",
            "computed_budget_rate",
            "budget_rate",
            "year",
            "unit",
            "project",
            "document_id",
            "superseded_by",
            sqlite_where=_SCORED_CURRENT,
            postgresql_where=_SCORED_CURRENT,
        ),
        Index("ix_forms_unit", "unit"),
        Index("ix_forms_department", "department"),
        Index("ix_forms_grade", "grade"),
        Index("ix_forms_kind", "kind"),
        Index("ix_forms_computed_grade", "computed_grade"),
        Index("ix_forms_project_key", "project_key"),
        Index("ix_forms_identity_key", "identity_key"),
        Index(  # the few superseded forms only: never chosen for current_forms (0019)
            "ix_forms_superseded_by",
            "superseded_by",
            sqlite_where=_SUPERSEDED,
            postgresql_where=_SUPERSEDED,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    year: Mapped[int | None] = mapped_column(Integer)
    project: Mapped[str | None] = mapped_column(Text)
    project_key: Mapped[str | None] = mapped_column(Text)
    """The project name as the cross-form checks compare it
    (:func:`jixiao.model.keys.text_key`)."""
    department: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text)
    money_unit: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str | None] = mapped_column(Text)
    """A self-evaluation's 项目类型 / 项目属性 as printed (a declaration's is in ``extras``)."""
    goal_expected: Mapped[str | None] = mapped_column(Text)
    goal_actual: Mapped[str | None] = mapped_column(Text)
    funds_total_initial: Mapped[Decimal | None]
    funds_total_adjusted: Mapped[Decimal | None]
    funds_total_executed: Mapped[Decimal | None]
    funds_total_weight: Mapped[Decimal | None]
    funds_total_rate: Mapped[Decimal | None]
    funds_total_score: Mapped[Decimal | None]
    funds_appropriation_initial: Mapped[Decimal | None]
    funds_appropriation_adjusted: Mapped[Decimal | None]
    funds_appropriation_executed: Mapped[Decimal | None]
    funds_appropriation_weight: Mapped[Decimal | None]
    funds_appropriation_rate: Mapped[Decimal | None]
    funds_appropriation_score: Mapped[Decimal | None]
    funds_carryover_initial: Mapped[Decimal | None]
    funds_carryover_adjusted: Mapped[Decimal | None]
    funds_carryover_executed: Mapped[Decimal | None]
    funds_carryover_weight: Mapped[Decimal | None]
    funds_carryover_rate: Mapped[Decimal | None]
    funds_carryover_score: Mapped[Decimal | None]
    funds_other_initial: Mapped[Decimal | None]
    funds_other_adjusted: Mapped[Decimal | None]
    funds_other_executed: Mapped[Decimal | None]
    funds_other_weight: Mapped[Decimal | None]
    funds_other_rate: Mapped[Decimal | None]
    funds_other_score: Mapped[Decimal | None]
    spending_basic_initial: Mapped[Decimal | None]
    spending_basic_adjusted: Mapped[Decimal | None]
    spending_basic_executed: Mapped[Decimal | None]
    spending_basic_weight: Mapped[Decimal | None]
    spending_basic_rate: Mapped[Decimal | None]
    spending_basic_score: Mapped[Decimal | None]
    spending_project_initial: Mapped[Decimal | None]
    spending_project_adjusted: Mapped[Decimal | None]
    spending_project_executed: Mapped[Decimal | None]
    spending_project_weight: Mapped[Decimal | None]
    spending_project_rate: Mapped[Decimal | None]
    spending_project_score: Mapped[Decimal | None]
    """A department form's 基本支出 / 项目支出 rows (``spending``), flattened as ``funds``."""
    amounts_total: Mapped[Decimal | None]
    amounts_appropriation: Mapped[Decimal | None]
    amounts_other: Mapped[Decimal | None]
    """A department target declaration's 金额合计 (``amounts``)."""
    budget_total: Mapped[Decimal | None]
    """全年预算数 for every kind: ``funds.total.adjusted`` of a self-evaluation,
    ``legacy.budget`` of a scorecard, ``target_meta.current_budget`` (else
    ``total_budget``) of a declaration (:attr:`jixiao.model.Form.budget`)."""
    budget_executed: Mapped[Decimal | None]
    """全年执行数: ``funds.total.executed`` or ``legacy.executed``."""
    budget_rate: Mapped[Decimal | None]
    """执行率 (percent) as printed: ``funds.total.rate`` or ``legacy.rate``."""
    total_weight: Mapped[Decimal | None]
    total_score: Mapped[Decimal | None]
    grade: Mapped[str | None] = mapped_column(Text)
    ruleset: Mapped[str | None] = mapped_column(String(64))
    """The scoring ruleset the computed scores below were computed under."""
    computed_total: Mapped[Decimal | None]
    computed_grade: Mapped[str | None] = mapped_column(Text)
    computed_budget_rate: Mapped[Decimal | None]
    computed_budget_score: Mapped[Decimal | None]
    extras: Mapped[dict[str, Any] | None]
    """``{"legacy": {...}}`` or ``{"target_meta": {...}}``, and ``{"funds_extra": {label:
    row}}`` for the funding rows the model names no field for; numbers as exact strings."""
    source_file: Mapped[str] = mapped_column(Text)
    source_start: Mapped[int] = mapped_column(Integer)
    source_end: Mapped[int] = mapped_column(Integer)
    identity_key: Mapped[str | None] = mapped_column(Text)
    """Which form this is, whatever file it was read from
    (:func:`jixiao.model.keys.form_identity`): equal keys are duplicates."""
    superseded_by: Mapped[int | None] = mapped_column(Integer)
    """The form that took its place (a duplicate imported later); ``None``: current."""
    supersede: Mapped[str | None] = mapped_column(String(16))
    """How it was superseded: ``replace`` (替换) or ``version`` (保留为新版本)."""
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    """When it was withdrawn on its own (soft delete); ``None``: it is not."""
    withdrawn_by: Mapped[str | None] = mapped_column(String(64))
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)


class TaskRow(Base):
    """One 年度主要任务 of a department form; ``position`` is its 0-based index."""

    __tablename__ = "department_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(Text)
    total: Mapped[Decimal | None]
    appropriation: Mapped[Decimal | None]
    other: Mapped[Decimal | None]
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)


class LongTermIndicatorRow(Base):
    """One row of a target declaration's 中长期 indicator block (not scored)."""

    __tablename__ = "long_term_indicators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[Decimal | None]
    score: Mapped[Decimal | None]
    note: Mapped[str | None] = mapped_column(Text)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)


class FormScoreRow(Base):
    """The computed score of a form, read only when the whole form is loaded."""

    __tablename__ = "form_scores"

    form_id: Mapped[int] = mapped_column(
        ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True
    )
    data: Mapped[dict[str, Any]]
    """The :class:`~jixiao.score.result.FormScore` (numbers as exact strings) without what
    its rows keep on ``indicators``; the ``computed_*`` columns of ``forms`` and
    ``indicators`` are its queryable copies."""


class FormSearchRow(Base):
    """The text the free-text search (``search=``) matches, one row per form."""

    __tablename__ = "form_search"

    form_id: Mapped[int] = mapped_column(
        ForeignKey("forms.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    """Project, unit, department, goals, indicator names and targets, lower-cased."""


class DocumentTextRow(Base):
    """The lines of a document as the parser saw them (line ``n`` is the ``n``-th)."""

    __tablename__ = "document_texts"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    line_count: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    """The lines as a JSON list of strings, UTF-8, zlib-compressed."""


class IndicatorRow(Base):
    """One indicator row of a form; ``position`` is its 0-based index."""

    __tablename__ = "indicators"
    __table_args__ = (Index("ix_indicators_form_id_position", "form_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str | None] = mapped_column(Text)
    level2: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    weight: Mapped[Decimal | None]
    score: Mapped[Decimal | None]
    note: Mapped[str | None] = mapped_column(Text)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    computed_score: Mapped[Decimal | None]
    band_low: Mapped[Decimal | None]
    band_high: Mapped[Decimal | None]
    accepted: Mapped[Decimal | None]
    score_method: Mapped[str | None] = mapped_column(String(16))
    explanation: Mapped[str | None] = mapped_column(Text)


class FindingRow(Base):
    """One finding of a form; ``row`` is the indicator index it points at, if any."""

    __tablename__ = "findings"
    __table_args__ = (
        Index("ix_findings_code", "code"),
        Index("ix_findings_severity", "severity"),
        Index("ix_findings_form_id_severity", "form_id", "severity"),
        Index("ix_findings_form_id_position", "form_id", "position"),
        Index("ix_findings_code_severity_form_id", "code", "severity", "form_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("forms.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(8))
    severity: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text)
    file: Mapped[str | None] = mapped_column(Text)
    line_start: Mapped[int | None] = mapped_column(Integer)
    line_end: Mapped[int | None] = mapped_column(Integer)
    row: Mapped[int | None] = mapped_column(Integer)
    field: Mapped[str | None] = mapped_column(Text)
    values: Mapped[dict[str, Any] | None]
    """Finding values; a ``Decimal`` is tagged (see :func:`~jixiao.store.types.encode_values`)."""


class ImportRunRow(Base):
    """One ``jixiao import`` run and its summary."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(16))
    """``running``, ``completed`` or ``interrupted``."""
    files: Mapped[int] = mapped_column(Integer, default=0)
    stored: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    forms: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    infos: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    failure_details: Mapped[dict[str, Any] | None]
    """``{"files": [{"file": ..., "reason": ...}, ...]}``."""
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    """The host and process id of the process running the import."""


class DraftRow(Base):
    """A form being filled in on the web 填报 page, kept as interchange JSON."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int | None] = mapped_column(Integer)
    """The account that started it (``None``: made without accounts)."""
    unit: Mapped[str | None] = mapped_column(Text)
    """The unit the form is filled for (its 单位名称), which scopes who sees it."""
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    """The form as :func:`jixiao.model.jsonio.dumps` writes it (a list of one form)."""
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class StoreChangeRow(Base):
    """One row (``id`` 1) whose ``counter`` PostgreSQL triggers raise with every statement
    that writes forms, findings or the organisation tree (migration 0015); see
    :mod:`jixiao.store.changes`."""

    __tablename__ = "store_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counter: Mapped[int] = mapped_column(BigInteger)


class RulesetRow(Base):
    """A user's own ruleset that stored forms were scored under, kept by its name (the
    ``forms.ruleset`` of those forms) so they are checked again under the same rules."""

    __tablename__ = "rulesets"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text)
    """The ruleset as JSON (:meth:`~jixiao.score.Ruleset.model_dump_json`)."""
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime())


from jixiao.store import schema_access as _access  # noqa: E402,F401  (tables of accounts)
from jixiao.store import schema_cycle as _cycle  # noqa: E402,F401  (versions, comments, due dates)
from jixiao.store import schema_governance as _governance  # noqa: E402,F401  (log, corrections)
