"""The parse findings a layout does not give itself, put on the forms it read in one place.

After a layout has read its forms, :func:`with_parse_findings` adds what the registry
knows about them: the text no field took (P001, :mod:`.unplaced`), the reader's notes
(P015 / P016, :mod:`.read_notes`) — each on the form whose lines hold it, in line order
— then for each form its unreadable targets and actuals (P011, :mod:`.values`) and, when
nothing under its title was read, P013 (:mod:`.honesty`), or P017 when the text ends
after the last title of a document whose other forms were read.
"""

from __future__ import annotations

from jixiao.model import Form
from jixiao.parse.base import LayoutResult
from jixiao.parse.honesty import empty_form_finding, has_content
from jixiao.parse.read_notes import read_notes
from jixiao.parse.unplaced import attach_findings, unplaced_lines
from jixiao.parse.values import unreadable_values
from jixiao.read import Document
from jixiao.read.document import Line

__all__ = ["with_parse_findings"]


def with_parse_findings(doc: Document, result: LayoutResult) -> tuple[Form, ...]:
    """The forms of ``result`` (read from ``doc``) with every parse finding."""
    forms = result.forms
    placed = [*unplaced_lines(doc, forms, result.consumed), *read_notes(doc, forms)]
    out: list[Form] = []
    starts = sorted(f.source.lines[0] for f in forms)
    some_read = any(has_content(f) for f in forms)
    for form in attach_findings(forms, placed):
        extra = list(unreadable_values(form))
        last = form.source.lines[0] == starts[-1]
        lines = _lines_of(doc, form, starts)
        empty = empty_form_finding(form, lines, cut_off=last and some_read)
        if empty is not None:
            extra.append(empty)
        if extra:
            form = form.model_copy(update={"findings": (*form.findings, *extra)})
        out.append(form)
    return tuple(out)


_MAX_LINES = 400
"""Lines of an empty form looked at to say what they hold."""


def _lines_of(doc: Document, form: Form, starts: list[int]) -> tuple[Line, ...]:
    """The lines from ``form``'s first to the line before the next form's first."""
    start = form.source.lines[0]
    following = [s for s in starts if s > start]
    end = min(following[0] - 1 if following else len(doc.lines), start + _MAX_LINES)
    return doc.lines[start - 1 : end]
