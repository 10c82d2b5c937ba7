"""Several forms in one text, each read on its own when one reading does not hold them.

A layout reads a whole text: when a text holds forms that different layouts read (a
spaced target declaration after a department self-evaluation flattened as cells a
line, a pipe page after a run-on one), the layout that wins reads its own form and
takes the other's lines as unplaced text, or as more rows of its form. The text is then
cut at its titles into parts, each holding column headers (一级指标, 分值, 年初预算数 …)
— a title with none before the next (a web page's heading, a file name) belongs to the
part after it — and each part is read alone, as a document of its own lines (the rest
blank, so line numbers and findings stay those of the whole text).

Only a text whose parts outnumber the forms with content its reading gave is cut, and
the parts' forms replace that reading only when more of them hold content. A title
repeated with the same words (a page header over each page of one form) does not cut;
a title inside a long line (a form run into one line) cuts before that line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from jixiao.model import Form
from jixiao.parse.honesty import COLUMN_WORDS, has_content
from jixiao.parse.titles import MAX_TITLE, MENTION, TITLE, TITLE_WORDS, find_title
from jixiao.parse.wording import wording
from jixiao.read import Document
from jixiao.read.document import Line

__all__ = ["MIN_HEADERS", "by_segments", "parts"]

MIN_HEADERS = 2
"""Distinct column headers a part must print to hold a form."""

_KINDS = tuple((re.compile(p), kind) for p, kind in TITLE_WORDS)
Reader = Callable[[Document], tuple[tuple[Form, ...], bool]]
"""Reads a document: its forms, and whether they hold content."""


def parts(doc: Document) -> list[tuple[int, int]]:
    """The parts of ``doc`` (first and last line) that each begin at a title and hold
    column headers; one part (or none) when the text is one form."""
    return _parts(doc, _cuts(doc))


def _cuts(doc: Document) -> list[int]:
    """Where the parts of ``doc`` may begin: the lines that are or hold a new title (at
    most one part each)."""
    cuts: list[int] = []
    last: tuple[str, str] | None = None
    for line in doc.lines:
        found = _title_in(line.text)
        if found is not None and (found != last or _names_a_project(doc, line.number)):
            cuts.append(line.number)
            last = found
    return cuts


def _parts(doc: Document, cuts: list[int]) -> list[tuple[int, int]]:
    """The parts beginning at ``cuts`` that hold column headers (:func:`parts`)."""
    if len(cuts) < 2:
        return []
    bounds = [
        (1 if i == 0 else a, b - 1)
        for i, (a, b) in enumerate(zip(cuts, [*cuts[1:], len(doc.lines) + 1], strict=True))
    ]
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for a, b in bounds:
        start = a if pending is None else pending
        if _holds_headers(doc, a, b):
            out.append((start, b))
            pending = None
        else:
            pending = start
    if pending is not None and out:
        out[-1] = (out[-1][0], len(doc.lines))
    return out


def _title_in(text: str) -> tuple[str, str] | None:
    """The kind and wording of the title a line is, or holds (a form run into one long
    line: a title's wording not followed by the words of a sentence that mentions it)."""
    found = find_title(text)
    if found is not None:
        return found.kind, found.title
    if len(text) <= MAX_TITLE:
        return None
    squashed = "".join(text.split())
    for m in TITLE.finditer(squashed):
        if not MENTION.match(squashed, m.end()):
            kind = next(k for p, k in _KINDS if p.fullmatch(m.group(0)))
            return kind, m.group(0)
    return None


_PROJECT_LABELS = frozenset(dict(wording().header)["project"])
_LOOKAHEAD = 12
"""Lines after a title in which a form's own header (its project's name) is printed."""
_LABEL_CUT = re.compile(r"[\s|:：*＊]+")


def _names_a_project(doc: Document, number: int) -> bool:
    """Whether the few lines after the title at line ``number`` print a project-name
    label: a new form under the same title, not the page header of a form going on."""
    for line in doc.lines[number : number + _LOOKAHEAD]:
        if any(cell in _PROJECT_LABELS for cell in _LABEL_CUT.split(line.text)):
            return True
    return False


def _holds_headers(doc: Document, start: int, end: int) -> bool:
    text = "".join(ln.text for ln in doc.lines[start - 1 : end])
    return len(set(COLUMN_WORDS.findall(text))) >= MIN_HEADERS


def _part(doc: Document, start: int, end: int) -> Document:
    lines = tuple(ln if start <= ln.number <= end else Line(ln.number, "") for ln in doc.lines)
    return replace(doc, lines=lines)


def by_segments(doc: Document, forms: tuple[Form, ...], read: Reader) -> tuple[Form, ...]:
    """``forms`` (read from the whole of ``doc``), or the forms of its parts read one by
    one when more of those hold content."""
    if doc.tables:
        return forms
    found = sum(has_content(f) for f in forms)
    cuts = _cuts(doc)
    if len(cuts) <= found:  # no more parts than that: decided before their headers are read
        return forms
    cut = _parts(doc, cuts)
    if len(cut) <= found:
        return forms
    out: list[Form] = []
    for start, end in cut:
        read_forms, content = read(_part(doc, start, end))
        if content:
            out += read_forms
    return tuple(out) if sum(has_content(f) for f in out) > found else forms
