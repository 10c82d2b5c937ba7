"""Findings (审核发现): data problems, each with a stable code and a Chinese message."""

from __future__ import annotations

from enum import StrEnum

from jixiao.model.base import Frozen
from jixiao.model.number import Number
from jixiao.model.source import LineRange

__all__ = ["Finding", "Location", "Severity", "Value", "severity_rank"]

Value = str | Number | int | None


class Severity(StrEnum):
    """How bad a finding is. ``error`` makes a command exit 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Where findings of this severity are listed: errors (0) first, then warnings
        (1), then notes (2)."""
        return _RANKS[self.value]


_RANKS: dict[str, int] = {severity.value: i for i, severity in enumerate(Severity)}


def severity_rank(value: str) -> int:
    """:attr:`Severity.rank` of a severity given as text (e.g. a stored one); an unknown
    text ranks after every severity."""
    return _RANKS.get(value, len(_RANKS))


class Location(Frozen):
    """Where a finding points: file, source lines, and optionally a row and field."""

    file: str | None = None
    lines: LineRange | None = None
    row: int | None = None
    """0-based index into the form's ``indicators``."""
    field: str | None = None
    """Dotted field path, e.g. ``funds.total.rate`` or ``indicators.3.score``."""


class Finding(Frozen):
    """One finding. Build it with :func:`jixiao.model.codes.finding`."""

    code: str
    severity: Severity
    message: str
    location: Location = Location()
    values: dict[str, Value] = {}
