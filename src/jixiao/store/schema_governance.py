"""The tables of data governance: the audit log of every change and the corrections of
misread cells. Part of :data:`jixiao.store.schema.Base`'s metadata (imported at the end
of that module). Neither has a foreign key: what they record stays when a form is purged.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from jixiao.store.schema import Base
from jixiao.store.types import UtcDateTime

__all__ = ["ChangeRow", "CorrectionRow"]


class ChangeRow(Base):
    """One change to the stored data, kept for ever: who, when, what was done to which
    document, form or import run, in a Chinese sentence and as data."""

    __tablename__ = "change_log"
    __table_args__ = (Index("ix_change_log_at", "at"), Index("ix_change_log_action", "action"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    """:class:`jixiao.store.governance.ChangeAction` (``import``, ``withdraw`` …)."""
    document_id: Mapped[int | None] = mapped_column(Integer, index=True)
    form_id: Mapped[int | None] = mapped_column(Integer, index=True)
    run_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any] | None]


class CorrectionRow(Base):
    """A value of a stored form corrected by a reviewer; ``original`` is what the reader
    read (原读值), ``value`` what the form holds now."""

    __tablename__ = "cell_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[int] = mapped_column(Integer, index=True)
    field: Mapped[str] = mapped_column(Text)
    """The dotted path (:attr:`jixiao.model.Location.field`), e.g. ``funds.total.executed``."""
    original: Mapped[str | None] = mapped_column(Text)
    value: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(Integer)
    username: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    reason: Mapped[str] = mapped_column(Text)
