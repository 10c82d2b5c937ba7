"""Parse a file on disk: read it, then :func:`parse_document`."""

from __future__ import annotations

from pathlib import Path

from jixiao.parse.registry import ParseResult, parse_document
from jixiao.read import read_document

__all__ = ["parse_file"]


def parse_file(path: str | Path) -> ParseResult:
    """Read and parse one file. Raises :class:`~jixiao.errors.JixiaoError` subclasses."""
    return parse_document(read_document(path))
