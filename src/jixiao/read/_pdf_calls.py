"""The pdfium functions called once per character, page object or path segment, as
copies that ctypes calls without converting their arguments.

pypdfium2 declares every function's argument types, so ctypes checks and converts each
argument on every call (a pointer argument makes a new object each time): more than half
the cost of a call that does little. These copies take the same arguments unchecked —
handles (:class:`Handle`, or pypdfium2's ``raw`` pointers), plain ints, and ``byref``
pointers made once per page — and cost less than half as much. A function that returns a
handle returns a :class:`Handle` (never a Python int, which an undeclared argument would
pass on as a 32-bit C int).
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

__all__ = [
    "Handle",
    "char_box",
    "char_generated",
    "char_text_object",
    "clip_count_paths",
    "clip_count_segments",
    "clip_path",
    "clip_segment",
    "form_count_objects",
    "form_object",
    "object_bounds",
    "object_fill_color",
    "object_matrix",
    "object_stroke_color",
    "object_type",
    "page_object",
    "path_count_segments",
    "path_draw_mode",
    "path_segment",
    "segment_close",
    "segment_point",
    "segment_type",
]


class Handle(ctypes.c_void_p):
    """A pdfium object's handle (false when null). A subclass, so that ctypes returns it
    as it is rather than as a Python int."""


def _copy(function: Any, restype: Any = ctypes.c_int) -> Any:
    address = ctypes.cast(function, ctypes.c_void_p).value
    if not address:
        raise ImportError(f"pdfium has no {function!r}")
    return ctypes.CFUNCTYPE(restype)(address)


char_box = _copy(pdfium_c.FPDFText_GetCharBox)
char_generated = _copy(pdfium_c.FPDFText_IsGenerated)
char_text_object = _copy(pdfium_c.FPDFText_GetTextObject, Handle)
page_object = _copy(pdfium_c.FPDFPage_GetObject, Handle)
form_count_objects = _copy(pdfium_c.FPDFFormObj_CountObjects)
form_object = _copy(pdfium_c.FPDFFormObj_GetObject, Handle)
object_type = _copy(pdfium_c.FPDFPageObj_GetType)
object_bounds = _copy(pdfium_c.FPDFPageObj_GetBounds)
object_matrix = _copy(pdfium_c.FPDFPageObj_GetMatrix)
object_fill_color = _copy(pdfium_c.FPDFPageObj_GetFillColor)
object_stroke_color = _copy(pdfium_c.FPDFPageObj_GetStrokeColor)
clip_path = _copy(pdfium_c.FPDFPageObj_GetClipPath, Handle)
clip_count_paths = _copy(pdfium_c.FPDFClipPath_CountPaths)
clip_count_segments = _copy(pdfium_c.FPDFClipPath_CountPathSegments)
clip_segment = _copy(pdfium_c.FPDFClipPath_GetPathSegment, Handle)
path_draw_mode = _copy(pdfium_c.FPDFPath_GetDrawMode)
path_count_segments = _copy(pdfium_c.FPDFPath_CountSegments)
path_segment = _copy(pdfium_c.FPDFPath_GetPathSegment, Handle)
segment_type = _copy(pdfium_c.FPDFPathSegment_GetType)
segment_point = _copy(pdfium_c.FPDFPathSegment_GetPoint)
segment_close = _copy(pdfium_c.FPDFPathSegment_GetClose)
