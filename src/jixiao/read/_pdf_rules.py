"""The ruling lines of one PDF page, read from its path objects through pypdfium2.

Stroked lines and thin filled rectangles both count as rules (Word and WPS draw table
borders as the latter). Nearly collinear pieces are merged into one rule. The y axis
points downwards, as in :mod:`jixiao.read._pdf_chars`.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterator
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.read._pdf_calls import (
    form_count_objects,
    form_object,
    object_fill_color,
    object_matrix,
    object_stroke_color,
    object_type,
    page_object,
    path_count_segments,
    path_draw_mode,
    path_segment,
    segment_close,
    segment_point,
    segment_type,
)
from jixiao.read._pdf_chars import Transform
from jixiao.read.limits import current_limits

__all__ = ["TOLERANCE", "PageObject", "Rule", "merge_rules", "page_objects", "page_rules"]

TOLERANCE = 2.0
"""Points within which two rules are the same line, or two positions the same."""
_THIN = 2.5
"""A filled shape at most this thick is a rule."""
_MIN_LENGTH = 3.0
"""Shorter lines (once dots and dashes are joined) are not rules."""
_GAP = 3.0
"""Collinear pieces this close (dashes, per-cell borders) join into one rule."""
_MAX_DEPTH = 8

_Matrix = tuple[float, float, float, float, float, float]
_PATH, _FORM = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
_MOVETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO


class Rule(NamedTuple):
    """An axis-parallel line: ``at`` is its y (horizontal) or x (vertical) position;
    it runs from ``start`` to ``end`` along the other axis. A named tuple: a page has
    hundreds, and a frozen data class sets each field through a call."""

    at: float
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


_AT_START = attrgetter("at", "start")
_START = attrgetter("start")

PageObject = tuple[object, int]
"""A page object's handle and its type (``FPDF_PAGEOBJ_*``)."""


def page_objects(page: pdfium.PdfPage) -> list[PageObject]:
    """The objects drawn directly on ``page`` (not those inside forms) with their types,
    asked once for the rules and the clipping test."""
    raw = page.raw
    objects = [page_object(raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(raw))]
    return [(obj, object_type(obj)) for obj in objects]


def page_rules(
    objects: list[PageObject], transform: Transform, where: str = ""
) -> tuple[list[Rule], list[Rule]]:
    """The merged horizontal and vertical rules drawn by a page's ``objects``
    (:func:`page_objects`), turned upright. The objects visited, inside forms too (a
    form drawn a thousand times, each drawing another a thousand times), are held to the
    ``pdf_objects`` limit; ``where`` names the page."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    ta, tb, tc, td = transform
    upright: _Matrix = (ta, tc, tb, td, 0.0, 0.0)
    scratch = _Scratch()
    for obj, matrix in _paths(iter(objects), upright, 0, _Budget(where)):
        _collect(obj, matrix, horizontal, vertical, scratch)
    return merge_rules(horizontal), merge_rules(vertical)


class _Budget:
    """Counts the objects of a page visited, forms' objects included, against the
    ``pdf_objects`` limit."""

    def __init__(self, where: str) -> None:
        self._limits = current_limits()
        self._where = where
        self._visited = 0

    def visit(self) -> None:
        self._visited += 1
        if self._visited > self._limits.pdf_objects:
            self._limits.check("pdf_objects", self._visited, self._where)


class _Scratch:
    """The C arrays one page's paths are read into, with ``byref`` pointers to their
    items (each array is read back as one tuple, not a ctypes value per item)."""

    def __init__(self) -> None:
        self.ints = (ctypes.c_int * 2)()
        self.int_refs = [ctypes.byref(self.ints, 4 * k) for k in range(2)]
        self.colour = (ctypes.c_uint * 4)()
        self.colour_refs = [ctypes.byref(self.colour, 4 * k) for k in range(4)]
        self.point = (ctypes.c_float * 2)()
        self.point_refs = [ctypes.byref(self.point, 4 * k) for k in range(2)]


_INTS = struct.Struct("2i").unpack_from
_COLOUR = struct.Struct("4I").unpack_from
_POINT = struct.Struct("2f").unpack_from
_MATRIX = struct.Struct("6f").unpack_from
"""An ``FS_MATRIX`` (six C floats, ``a`` to ``f``) as a tuple."""


def _paths(
    objects: Iterator[PageObject], parent: _Matrix, depth: int, budget: _Budget
) -> Iterator[tuple[object, _Matrix]]:
    fs_matrix = pdfium_c.FS_MATRIX()
    matrix_ref = ctypes.byref(fs_matrix)
    for obj, kind in objects:
        budget.visit()
        if kind == _PATH:
            object_matrix(obj, matrix_ref)
            yield obj, _compose(_MATRIX(fs_matrix), parent)
        elif kind == _FORM and depth < _MAX_DEPTH:
            object_matrix(obj, matrix_ref)
            m = _MATRIX(fs_matrix)
            inner = (form_object(obj, i) for i in range(form_count_objects(obj)))
            typed = ((o, object_type(o)) for o in inner)
            yield from _paths(typed, _compose(m, parent), depth + 1, budget)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix that applies ``inner`` first, then ``outer``."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _collect(
    obj: object, m: _Matrix, horizontal: list[Rule], vertical: list[Rule], scratch: _Scratch
) -> None:
    if not path_draw_mode(obj, *scratch.int_refs):
        return
    fill_mode, stroke = _INTS(scratch.ints)
    stroked = bool(stroke)
    if not stroked and not fill_mode:
        return  # a clipping or invisible path
    if _white(obj, stroked, scratch):
        return
    for points in _subpaths(obj, m, scratch):
        if not stroked:
            xs = [p[0] for p in points]
            ys = [p[1] for p in points]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
            # a filled shape is a rule (or a dot or dash of one) only when it is thin
            if y1 - y0 <= _THIN:
                horizontal.append(Rule((y0 + y1) / 2, x0, x1))
            if x1 - x0 <= _THIN:
                vertical.append(Rule((x0 + x1) / 2, y0, y1))
            continue
        for (xa, ya), (xb, yb) in pairwise(points):
            if abs(yb - ya) <= 0.5:
                horizontal.append(Rule((ya + yb) / 2, min(xa, xb), max(xa, xb)))
            elif abs(xb - xa) <= 0.5:
                vertical.append(Rule((xa + xb) / 2, min(ya, yb), max(ya, yb)))


def _white(obj: object, stroked: bool, scratch: _Scratch) -> bool:
    get = object_stroke_color if stroked else object_fill_color
    if not get(obj, *scratch.colour_refs):
        return False
    r, g, b, a = _COLOUR(scratch.colour)
    return bool(a == 0 or min(r, g, b) >= 245)


def _subpaths(obj: object, m: _Matrix, scratch: _Scratch) -> Iterator[list[tuple[float, float]]]:
    """Each subpath's points in upright page space; a closed one ends at its start.
    A subpath with a curve is skipped: curves are not rules."""
    a, b, c, d, e, f = m
    xy, point_refs = scratch.point, scratch.point_refs
    points: list[tuple[float, float]] = []
    curved = False
    for i in range(path_count_segments(obj)):
        seg = path_segment(obj, i)
        kind = segment_type(seg)
        segment_point(seg, *point_refs)
        px, py = _POINT(xy)
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == _MOVETO:
            if len(points) > 1 and not curved:
                yield points
            points, curved = [point], False
            continue
        if kind == _BEZIERTO:
            curved = True
        points.append(point)
        if segment_close(seg) and points[0] != point:
            points.append(points[0])
    if len(points) > 1 and not curved:
        yield points


def merge_rules(rules: list[Rule]) -> list[Rule]:
    """Join pieces on (nearly) the same line whose ends touch or overlap; drop what
    stays too short to be a rule."""
    merged: list[Rule] = []
    group: list[Rule] = []
    for rule in sorted(rules, key=_AT_START):
        if group and rule.at - group[0].at > TOLERANCE:
            merged.extend(_sweep(group))
            group = []
        group.append(rule)
    if group:
        merged.extend(_sweep(group))
    return [rule for rule in merged if rule.length >= _MIN_LENGTH]


def _sweep(group: list[Rule]) -> list[Rule]:
    at = sum(r.at * r.length for r in group) / max(sum(r.length for r in group), 1e-9)
    pieces = sorted(group, key=_START)
    out: list[Rule] = []
    start, end = pieces[0].start, pieces[0].end
    for rule in pieces[1:]:
        if rule.start <= end + _GAP:
            end = max(end, rule.end)
        else:
            out.append(Rule(at, start, end))
            start, end = rule.start, rule.end
    out.append(Rule(at, start, end))
    return out
