"""Finding the layouts, choosing one for a document, and running it.

:func:`parse_document` is the one entry point the CLI, the store and the web use.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache

from jixiao.errors import NoLayoutError
from jixiao.model import Finding, Form, Location, finding
from jixiao.parse import layouts as _layouts_pkg
from jixiao.parse.base import Layout, Match
from jixiao.parse.text import strip_tags
from jixiao.parse.values import with_value_findings
from jixiao.read import Document

__all__ = ["MIN_SCORE", "ParseResult", "all_layouts", "detect", "parse_document"]

MIN_SCORE = 0.3
"""Below this no layout is considered to fit."""

_FURNITURE = re.compile(
    r"^\s*(?:附\s*件\s*[\d一二三四五六七八九十]*\s*[：:]?"
    r"|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?"
    r"|[-—–]\s*\d+\s*[-—–])\s*$"
)
"""Page furniture that holds no data: ``附件2``, ``第 3 页 共 12 页``, ``- 3 -``."""


@dataclass(frozen=True)
class ParseResult:
    """The forms read from one document, the layout used and how every layout matched."""

    document: Document
    layout: str
    matches: tuple[Match, ...]
    forms: tuple[Form, ...]


@cache
def all_layouts() -> tuple[Layout, ...]:
    """Every layout module under :mod:`jixiao.parse.layouts`, in name order."""
    found: list[Layout] = []
    for info in sorted(pkgutil.iter_modules(_layouts_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_layouts_pkg.__name__}.{info.name}")
        layout = getattr(module, "LAYOUT", None)
        if isinstance(layout, Layout):
            found.append(layout)
    return tuple(found)


def detect(doc: Document) -> tuple[Match, ...]:
    """How well each layout that reads ``doc`` fits it, best first.

    A layout reads the formats it names; a document without tables (a PDF or scan in
    which no ruled table was found, say) is plain lines of text, offered to text
    layouts too.
    """
    matches = [layout.match(doc) for layout in all_layouts() if _reads(layout, doc)]
    return tuple(sorted(matches, key=lambda m: -m.score))


def _reads(layout: Layout, doc: Document) -> bool:
    return doc.format in layout.formats or (not doc.tables and "text" in layout.formats)


def parse_document(doc: Document) -> ParseResult:
    """Detect the layout of ``doc`` and read its forms.

    Raises :class:`NoLayoutError` (naming every layout tried and its score) when no
    layout fits or the best one finds no form.
    """
    matches = detect(doc)
    best = matches[0] if matches else None
    if best is None or best.score < MIN_SCORE:
        raise NoLayoutError(_no_layout_message(doc, matches))
    layout = next(lay for lay in all_layouts() if lay.name == best.layout)
    result = layout.parse(doc)
    if not result.forms:
        raise NoLayoutError(_no_layout_message(doc, matches))
    forms = [with_value_findings(f) for f in _attach_unplaced(doc, result.forms, result.consumed)]
    return ParseResult(doc, layout.name, matches, tuple(forms))


def _no_layout_message(doc: Document, matches: tuple[Match, ...]) -> str:
    tried = "；".join(f"{m.layout} {m.score:.0%}（{m.reason}）" for m in matches)
    return f"文件「{doc.name}」中未识别出任何表单。已尝试的版式：{tried or '无'}"


def _attach_unplaced(doc: Document, forms: list[Form], consumed: set[int]) -> list[Form]:
    """Add a P001 finding for every non-blank line no field took, to the form it is in."""
    extra: dict[int, list[Finding]] = {i: [] for i in range(len(forms))}
    for line in doc.lines:
        if line.blank or line.number in consumed or _FURNITURE.match(strip_tags(line.text)):
            continue
        index = _owner(forms, line.number)
        loc = Location(file=doc.name, lines=(line.number, line.number))
        extra[index].append(finding("P001", loc, line=line.number, text=line.text.strip()))
    out: list[Form] = []
    for i, form in enumerate(forms):
        if extra[i]:
            merged = sorted(
                (*form.findings, *extra[i]),
                key=lambda f: (f.location.lines or (0, 0))[0],
            )
            form = form.model_copy(update={"findings": tuple(merged)})
        out.append(form)
    return out


def _owner(forms: list[Form], number: int) -> int:
    """The form whose line range holds ``number``, else the last one starting before it."""
    owner = 0
    for i, form in enumerate(forms):
        start, end = form.source.lines
        if start <= number <= end:
            return i
        if start <= number:
            owner = i
    return owner
