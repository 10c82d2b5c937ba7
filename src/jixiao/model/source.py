"""Provenance: which file and which lines a form came from."""

from __future__ import annotations

from pydantic import field_validator

from jixiao.model.base import Frozen

__all__ = ["LineRange", "Source"]

LineRange = tuple[int, int]
"""First and last line (1-based, inclusive) of the source text."""


class Source(Frozen):
    """Where a form came from: the file name and its line range."""

    file: str
    lines: LineRange

    @field_validator("lines")
    @classmethod
    def _ordered(cls, value: LineRange) -> LineRange:
        start, end = value
        if start < 1 or end < start:
            raise ValueError(f"bad line range {value}")
        return value
