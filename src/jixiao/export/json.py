"""JSON export: the interchange format (DESIGN §5), one list of forms."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from jixiao.export._files import atomic_path
from jixiao.export.rows import ExportItem, numbered
from jixiao.model.jsonio import dumps

__all__ = ["write_json"]


def write_json(forms: Iterable[ExportItem], path: Path) -> list[Path]:
    """Write ``forms`` as interchange JSON (UTF-8) to ``path``; returns the paths written."""
    text = dumps(form for _, form in numbered(forms)) + "\n"
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return [path]
