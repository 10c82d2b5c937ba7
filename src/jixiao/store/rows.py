"""A document as the rows the store writes for it, made apart from any database: plain
dicts, tuples and bytes, cheap to send from a worker process to the one that writes.

:func:`document_rows` maps the forms (with their scores and the document's lines) to
rows without ids; :func:`~jixiao.store.save.insert_document_rows` inserts them, filling
in the ids the database gives. :func:`~jixiao.store.save.write_document` is the two in a
row, so rows made in a worker are the rows the store API writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jixiao.model import Form
from jixiao.score.result import FormScore, RowScore
from jixiao.store.mapping import (
    finding_values,
    form_values,
    indicator_values,
    long_term_values,
    score_data,
    task_values,
)
from jixiao.store.texts import form_search_text, pack_lines

__all__ = ["DocumentRows", "FormRows", "document_rows", "form_rows", "row_scores"]

Row = dict[str, Any]


@dataclass(frozen=True)
class FormRows:
    """One form's rows, its id left out (``form``: its ``forms`` row without
    ``document_id``; the others without ``form_id``)."""

    form: Row
    indicators: tuple[Row, ...]
    findings: tuple[Row, ...]
    tasks: tuple[Row, ...]
    long_term: tuple[Row, ...]
    search: str
    score: Row | None
    """The ``form_scores.data`` of its computed score, if scored."""


@dataclass(frozen=True)
class DocumentRows:
    """A document's forms as rows, and its lines as stored (count, packed), if kept."""

    forms: tuple[FormRows, ...]
    lines: tuple[int, bytes] | None = None


def row_scores(score: FormScore | None) -> dict[int, RowScore]:
    """The row scores of ``score`` by indicator position (none without a score)."""
    return {} if score is None else {r.position: r for r in score.rows}


def _without(row: Row, key: str) -> Row:
    del row[key]
    return row


def form_rows(form: Form, position: int, score: FormScore | None) -> FormRows:
    """The rows of ``form``, the ``position``-th of its document."""
    by_row = row_scores(score)
    return FormRows(
        form=_without(form_values(form, 0, position, score), "document_id"),
        indicators=tuple(
            _without(indicator_values(ind, 0, i, by_row.get(i)), "form_id")
            for i, ind in enumerate(form.indicators)
        ),
        findings=tuple(
            _without(finding_values(item, 0, i), "form_id") for i, item in enumerate(form.findings)
        ),
        tasks=tuple(
            _without(task_values(task, 0, i), "form_id")
            for i, task in enumerate(getattr(form, "tasks", ()))
        ),
        long_term=tuple(
            _without(long_term_values(ind, 0, i), "form_id")
            for i, ind in enumerate(getattr(form, "long_term_indicators", ()))
        ),
        search=form_search_text(form),
        score=None if score is None else score_data(score),
    )


def document_rows(
    forms: Sequence[Form],
    scores: Sequence[FormScore | None] | None = None,
    lines: Sequence[str] | None = None,
) -> DocumentRows:
    """The rows of a document's ``forms`` (``scores[i]`` the computed score of
    ``forms[i]``, if given) and of its ``lines`` (the text the parser saw, if given)."""
    if scores is None:
        scores = [None] * len(forms)
    elif len(scores) != len(forms):
        raise ValueError(f"{len(forms)} forms but {len(scores)} scores")
    return DocumentRows(
        forms=tuple(
            form_rows(form, i, score)
            for i, (form, score) in enumerate(zip(forms, scores, strict=True))
        ),
        lines=None if lines is None else (len(lines), pack_lines(lines)),
    )
