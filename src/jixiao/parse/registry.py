"""Finding the layouts, choosing one for a document, and running it.

:func:`parse_document` is the one entry point the CLI, the store and the web use.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache

from jixiao.errors import NoLayoutError
from jixiao.model import Form
from jixiao.parse import layouts as _layouts_pkg
from jixiao.parse.base import Layout, Match
from jixiao.parse.collector import collector_paused
from jixiao.parse.honesty import blank_forms, has_content, what_was_seen
from jixiao.parse.prepare import prepare
from jixiao.parse.report import with_parse_findings
from jixiao.parse.segments import by_segments
from jixiao.plugins import PluginError, plugins
from jixiao.read import Document

__all__ = ["MIN_SCORE", "ParseResult", "all_layouts", "detect", "parse_document"]

MIN_SCORE = 0.3
"""Below this no layout is considered to fit."""


@dataclass(frozen=True)
class ParseResult:
    """The forms read from one document, the layout used and how every layout matched.

    ``document`` is the document as printed; the layouts read it prepared
    (:mod:`jixiao.parse.prepare`: the summary sheets of a jixiao export set aside,
    traditional characters converted to simplified), with the same line numbers."""

    document: Document
    layout: str
    matches: tuple[Match, ...]
    forms: tuple[Form, ...]


@cache
def all_layouts() -> tuple[Layout, ...]:
    """Every layout module under :mod:`jixiao.parse.layouts`, in name order, then the
    layouts of the entry-point group ``jixiao.layouts`` (:mod:`jixiao.plugins`) — a
    province's package adds one without editing jixiao."""
    found: list[Layout] = []
    for info in sorted(pkgutil.iter_modules(_layouts_pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_layouts_pkg.__name__}.{info.name}")
        layout = getattr(module, "LAYOUT", None)
        if isinstance(layout, Layout):
            found.append(layout)
    names = {layout.name for layout in found}
    for entry, layout in plugins("jixiao.layouts", Layout):
        if layout in found:
            continue  # a built-in, declared in jixiao's own pyproject
        if layout.name in names:
            raise PluginError(f"插件「{entry}」的版式名称「{layout.name}」与已有版式重复")
        found.append(layout)
        names.add(layout.name)
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

    The layouts that fit (score at least :data:`MIN_SCORE`) are tried best first, then
    the general readers (``fallback``) that fit at all; the first that reads an
    indicator row wins, else the first that reads an amount (a layout that found only the
    money of a form gives way to one that reads its table too), else the first that found
    a form at all (its empty forms then carry P013). A text whose titles head more forms
    than the winner read is read again part by part (:mod:`.segments`: forms of
    different layouts in one text). Raises :class:`NoLayoutError` (naming what the text
    holds and every layout tried) when none finds a form. The cyclic garbage collector
    is held off meanwhile (:mod:`.collector`: a parse makes no reference cycles).
    """
    with collector_paused():
        return _parse(doc)


def _parse(doc: Document) -> ParseResult:
    printed, doc = doc, prepare(doc)  # summaries of an export aside, 繁体 → 简体
    matches = detect(doc)
    layout, forms, content = _reading(doc, matches)
    if content:
        forms = by_segments(doc, forms, lambda part: _reading(part, detect(part))[1:])
        return ParseResult(printed, layout, matches, forms)
    if forms:
        blank = blank_forms(doc, list(forms))
        if blank is None:
            return ParseResult(printed, layout, matches, forms)
        raise NoLayoutError(_no_layout_message(doc, matches, blank))
    raise NoLayoutError(_no_layout_message(doc, matches))


_Reading = tuple[str, tuple[Form, ...], bool]
"""A layout's name, the forms it read, and whether they hold content."""


def _reading(doc: Document, matches: tuple[Match, ...]) -> _Reading:
    """The first reading with an indicator row, else the first with an amount, else the
    one that found a form and read most of its head (no forms when none did)."""
    by_name = {lay.name: lay for lay in all_layouts()}
    fitting = [m for m in matches if m.score >= MIN_SCORE]
    general = [m for m in matches if 0 < m.score < MIN_SCORE and by_name[m.layout].fallback]
    first: tuple[int, _Reading] | None = None
    amounts: _Reading | None = None
    for match in [*fitting, *general]:
        result = by_name[match.layout].parse(doc)
        if not result.forms:
            continue
        read = with_parse_findings(doc, result)
        if any(f.indicators for f in read):
            return match.layout, read, True
        if any(has_content(f) for f in read):
            amounts = amounts or (match.layout, read, True)
        named = _named(read)
        if first is None or named > first[0]:
            first = (named, (match.layout, read, False))
    return amounts or (first[1] if first else None) or ("", (), False)


_HEAD_FIELDS = ("project", "department", "unit", "year")


def _named(forms: tuple[Form, ...]) -> int:
    """How many of the head's fields (项目名称, 部门, 单位, 年度) ``forms`` name: of the
    readings that found a form but none of its rows or amounts, the one that read more
    of its head is kept (the first of equals)."""
    return sum(getattr(f, key, None) is not None for f in forms for key in _HEAD_FIELDS)


def _no_layout_message(doc: Document, matches: tuple[Match, ...], blank: str | None = None) -> str:
    """Why no form was read: the blank forms found (``blank``), or what the text holds."""
    tried = "；".join(f"{m.layout} {m.score:.0%}（{m.reason}）" for m in matches)
    seen = what_was_seen(doc)
    if blank is not None:
        saw = f"文中{blank}，没有可读的值。"
    elif seen:
        saw = f"文中{seen}。没有一种版式读出其中的表。"
    else:
        saw = "文中没有表单标题或表格。"
    return f"文件「{doc.name}」中未识别出任何表单：{saw}已尝试的版式：{tried or '无'}"
