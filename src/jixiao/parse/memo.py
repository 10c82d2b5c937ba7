"""Remembering what was computed for the document asked about last.

Detection and parsing ask the same questions of one document in turn (a layout's
``match`` builds the tables its ``parse`` reads; every reader of a grid wants its
rows): :func:`per_document` keeps the answer for the last document, recognised by
identity (documents are immutable), so it is computed once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from jixiao.read import Document, Line

__all__ = ["nonblank_lines", "per_document"]

T = TypeVar("T")


def per_document(fn: Callable[[Document], T]) -> Callable[[Document], T]:
    """``fn`` remembering its answer for the last document it was given."""
    last: list[tuple[Document, T]] = []

    @wraps(fn)
    def remembered(doc: Document) -> T:
        for seen, value in last[:1]:  # a copy: another thread may replace it
            if seen is doc:
                return value
        value = fn(doc)
        last[:] = [(doc, value)]
        return value

    return remembered


@per_document
def nonblank_lines(doc: Document) -> tuple[Line, ...]:
    """The lines of ``doc`` that hold any text (every text layout's ``match`` starts here)."""
    return tuple([ln for ln in doc.lines if ln.text.strip()])  # ``not ln.blank``, uncalled
