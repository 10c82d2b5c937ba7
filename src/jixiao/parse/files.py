"""Parse a file on disk: read it (any supported format), then :func:`parse_document`."""

from __future__ import annotations

from pathlib import Path

from jixiao.parse.registry import ParseResult, parse_document
from jixiao.read.files import read_any

__all__ = ["parse_file"]


def parse_file(path: str | Path) -> ParseResult:
    """Read and parse one file (text, xlsx, docx, html; pdf and images when their
    readers are installed). Raises :class:`~jixiao.errors.JixiaoError` subclasses."""
    return parse_document(read_any(path))
