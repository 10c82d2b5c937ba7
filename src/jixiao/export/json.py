"""JSON export: the interchange format (DESIGN §5), one list of forms, each with its
computed ``score`` (the :class:`~jixiao.score.FormScore`) beside the form's own fields.

:func:`jixiao.model.jsonio.loads` reads the file back into the forms (it skips ``score``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jixiao.export._files import atomic_path
from jixiao.export.rows import ComputedScores, ExportItem, numbered
from jixiao.model import Form
from jixiao.model.jsonio import encode, to_data
from jixiao.score import FormScore

__all__ = ["form_data", "write_json"]


def form_data(form: Form, score: FormScore | None) -> dict[str, Any]:
    """One form as interchange data, with its ``score`` beside its fields if it has one."""
    entry = to_data(form)
    if score is not None:
        entry["score"] = score.model_dump(mode="python")
    return entry


def write_json(
    forms: Iterable[ExportItem], path: Path, computed: ComputedScores | None = None
) -> list[Path]:
    """Write ``forms`` as interchange JSON (UTF-8) to ``path``; returns the paths written."""
    computed = computed or ComputedScores()
    data = [form_data(form, computed.of(item, form)) for _no, form, item in numbered(forms)]
    text = encode(data, indent=2) + "\n"
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return [path]
