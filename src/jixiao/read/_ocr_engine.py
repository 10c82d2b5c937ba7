"""The OCR engine: RapidOCR on onnxruntime, imported only when a scan is read.

RapidOCR ships its detection and recognition models inside its wheel; nothing is
downloaded. Without the ``ocr`` extra installed, reading a scan raises
:class:`OcrUnavailableError` naming the extra.
"""

from __future__ import annotations

from functools import cache
from typing import Any, cast

import numpy as np
import numpy.typing as npt

from jixiao.errors import ReadError
from jixiao.read._ocr_grid import Word

__all__ = ["OcrUnavailableError", "recognise", "recognise_line"]

_MAX_SIDE = 2400
"""Pages are shrunk to this many pixels on their long side before text detection."""


class OcrUnavailableError(ReadError):
    """A scan needs OCR but the optional OCR engine is not installed."""


@cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR  # type: ignore[import-untyped,unused-ignore]
    except ImportError as err:
        raise OcrUnavailableError(
            "读取扫描件需要文字识别（OCR）组件，请先安装：pip install 'jixiao[ocr]'"
        ) from err
    return RapidOCR(max_side_len=_MAX_SIDE, print_verbose=False)


def _run(engine: Any, rgb: npt.NDArray[np.uint8], **options: bool) -> Any:
    """The engine on one image; its own failures (onnxruntime's ``Fail`` on
    ``std::bad_alloc``, a model that refuses the image) end reading this file with a
    :class:`ReadError`, not a traceback."""
    try:
        return engine(rgb, **options)
    except MemoryError as err:
        raise ReadError("文字识别（OCR）所需内存不足，无法识别此扫描件") from err
    except Exception as err:
        if not type(err).__module__.startswith("onnxruntime"):
            raise
        reason = str(err).strip().splitlines()[0][:120] if str(err).strip() else type(err).__name__
        raise ReadError(f"文字识别（OCR）引擎未能识别此扫描件：{reason}") from err


def recognise(gray: npt.NDArray[np.uint8]) -> list[Word]:
    """Every character (Latin words whole) that OCR finds in a greyscale page image."""
    engine = _engine()
    rgb = np.ascontiguousarray(np.stack([gray, gray, gray], axis=-1))
    result, _ = _run(engine, rgb, use_cls=False, return_word_box=True)  # pages are upright
    words: list[Word] = []
    for item in result or []:
        words.extend(_words_of(cast(list[Any], item)))
    return words


def recognise_line(gray: npt.NDArray[np.uint8]) -> tuple[str, float]:
    """The text of an image holding one line of text (no detection), and its confidence."""
    engine = _engine()
    rgb = np.ascontiguousarray(np.stack([gray, gray, gray], axis=-1))
    result, _ = _run(engine, rgb, use_det=False, use_cls=False)
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text).strip(), float(score)


def _words_of(item: list[Any]) -> list[Word]:
    box, text, score = item[0], str(item[1]), float(item[2])
    if len(item) >= 6 and item[3] and len(item[3]) == len(item[4]):
        out = []
        for wbox, wtext, wscore in zip(item[3], item[4], item[5], strict=False):
            out.append(_word(wbox, str(wtext), float(wscore)))
        if "".join(w.text for w in out).replace(" ", "") == text.replace(" ", ""):
            return [w for w in out if w.text.strip()]
    return [_word(box, text, score)] if text.strip() else []


def _word(box: Any, text: str, score: float) -> Word:
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    return Word(text.strip(), min(xs), min(ys), max(xs), max(ys), score)
