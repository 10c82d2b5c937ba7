"""The tables of the cycle beyond states and steps (:mod:`jixiao.store.schema_access`):
each submitted version of a form, the reviewers' comments pinned to its cells, and the
due dates of the steps. Part of :data:`jixiao.store.schema.Base`'s metadata (imported at
the end of that module). Like the history, versions and comments have no foreign key:
they stay when the form is gone.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store.schema import Base
from jixiao.store.types import UtcDateTime

__all__ = ["CellCommentRow", "DueDateRow", "FormVersionRow"]


class FormVersionRow(Base):
    """A form as it was submitted (version 1) or resubmitted after a return (2, 3, …):
    the whole form in the interchange format, who and when."""

    __tablename__ = "form_versions"
    __table_args__ = (UniqueConstraint("form_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    data: Mapped[str] = mapped_column(Text)
    """The form as :func:`jixiao.model.jsonio.dumps` writes it (a list of one form)."""
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class CellCommentRow(Base):
    """A reviewer's comment on one field or cell of a version of a form (``field`` the
    dotted path, e.g. ``indicators.2.target``), made with a step at ``at``."""

    __tablename__ = "form_cell_comments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer)
    field: Mapped[str] = mapped_column(String(128))
    comment: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class DueDateRow(Base):
    """The date by which the forms of a year and kind waiting in ``state`` should move on
    (set by 财政 or an administrator; without one, a default number of days applies)."""

    __tablename__ = "cycle_due_dates"
    __table_args__ = (UniqueConstraint("year", "kind", "state"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(32))
    due: Mapped[date] = mapped_column(Date)
