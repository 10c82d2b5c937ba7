"""Characters a clipping path hides: they are in the text layer but not on the page.

LibreOffice Calc prints a merged cell that a page break cuts by drawing its whole text
on both pages, each clipped to the cell's part on that page; the clipped-off lines are
still in the text layer (below the table on the first page, over the repeated header on
the next). A character whose centre lies outside its text object's clipping path is
not printed, so it is not read. Only text objects drawn directly on the page are
tested (a form XObject's clipping path is in its own space), and only clipping paths
PDFium reports as straight segments (their bounding boxes, intersected).
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING, Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.read._pdf_calls import (
    char_text_object,
    clip_count_paths,
    clip_count_segments,
    clip_path,
    clip_segment,
    object_bounds,
    segment_point,
    segment_type,
)

if TYPE_CHECKING:
    from jixiao.read._pdf_rules import PageObject

__all__ = ["ClipTest"]

_Box = tuple[float, float, float, float]
_SLACK = 0.1
"""Points a character's centre may lie outside its clipping box (rounding): a line the
cut runs through belongs to the side holding more than half of it."""
_MAX_SEGMENTS = 64
"""Clipping paths with more segments than this (curves, glyph outlines) are ignored."""


class ClipTest:
    """Whether character ``i`` of a text page is hidden by its object's clipping path.

    The text objects that reach outside their clipping box are found once per page;
    on most pages there are none and no character is looked at."""

    def __init__(self, textpage: pdfium.PdfTextPage, objects: list[PageObject]) -> None:
        """``objects``: the page's own objects (:func:`~jixiao.read._pdf_rules.page_objects`)."""
        self._textpage = getattr(textpage, "raw", textpage)
        self._suspects: dict[int, tuple[_Box, _Box]] = {}
        values = [ctypes.c_float() for _ in range(4)]
        refs = [ctypes.byref(v) for v in values]
        text = pdfium_c.FPDF_PAGEOBJ_TEXT
        for obj, kind in objects:
            if kind != text:
                continue
            clip = clip_path(obj)  # most text objects: not clipped (two calls, no more)
            n_paths = clip_count_paths(clip) if clip else 0
            if n_paths <= 0:
                continue
            box = _clip_box(clip, n_paths)
            if box is None or not object_bounds(obj, *refs):
                continue
            left, bottom, right, top = values
            bounds = (left.value, bottom.value, right.value, top.value)
            if not _inside(bounds, box):
                self._suspects[_address(obj)] = (box, bounds)

    @property
    def active(self) -> bool:
        """Whether any character of the page may be hidden (else none is looked at)."""
        return bool(self._suspects)

    def hidden(self, index: int, left: float, right: float, bottom: float, top: float) -> bool:
        """Whether the character at ``index`` (its box in PDF user space) is clipped away."""
        if not self._suspects:
            return False
        x, y = (left + right) / 2, (bottom + top) / 2
        if not any(_holds(bounds, x, y, 1.0) for _, bounds in self._suspects.values()):
            return False
        obj = char_text_object(self._textpage, index)
        found = self._suspects.get(_address(obj)) if obj else None
        return found is not None and not _holds(found[0], x, y, _SLACK)


def _holds(box: _Box, x: float, y: float, slack: float) -> bool:
    x0, y0, x1, y1 = box
    return x0 - slack <= x <= x1 + slack and y0 - slack <= y <= y1 + slack


def _inside(bounds: _Box, box: _Box) -> bool:
    return (
        bounds[0] >= box[0] - _SLACK
        and bounds[1] >= box[1] - _SLACK
        and bounds[2] <= box[2] + _SLACK
        and bounds[3] <= box[3] + _SLACK
    )


def _address(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _clip_box(clip: object, n_paths: int) -> _Box | None:
    """The intersection of the bounding boxes of the ``n_paths`` paths of an object's
    clipping path ``clip``."""
    box: list[float] = [-1e12, -1e12, 1e12, 1e12]
    x, y = ctypes.c_float(), ctypes.c_float()
    point = ctypes.byref(x), ctypes.byref(y)
    for p in range(n_paths):
        n_segments = clip_count_segments(clip, p)
        if n_segments <= 0 or n_segments > _MAX_SEGMENTS:
            return None
        xs: list[float] = []
        ys: list[float] = []
        for s in range(n_segments):
            segment = clip_segment(clip, p, s)
            if not segment or segment_type(segment) == pdfium_c.FPDF_SEGMENT_BEZIERTO:
                return None
            if not segment_point(segment, *point):
                return None
            xs.append(x.value)
            ys.append(y.value)
        box = [
            max(box[0], min(xs)),
            max(box[1], min(ys)),
            min(box[2], max(xs)),
            min(box[3], max(ys)),
        ]
    if box[0] > box[2] or box[1] > box[3]:
        return None  # an empty intersection: something this test does not understand
    return box[0], box[1], box[2], box[3]
