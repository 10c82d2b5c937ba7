"""One page image → its tables (cells with merges and text) and the text around them.

Steps: binarise, measure and undo the skew, find the ruling lines, build the grids,
erase the rules (OCR reads better without them and no word straddles a rule), run
OCR, put each word into the cell holding its centre. Words OCR is unsure of are kept
as *doubtful* with their cell and confidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from PIL import Image

from jixiao.model.table import OcrDoubt
from jixiao.read._ocr_grid import Grid, Word, build_grids, join_words, place_words, text_lines
from jixiao.read._ocr_lines import binarize, erase_rules, estimate_skew, find_rules

__all__ = ["DOUBT_BELOW", "PageBlock", "PageTable", "analyse_page", "deskew"]

DOUBT_BELOW = 0.85
"""OCR confidence under which a character is reported as doubtful."""

Recogniser = Callable[[npt.NDArray[np.uint8]], list[Word]]
LineRecogniser = Callable[[npt.NDArray[np.uint8]], tuple[str, float]]


@dataclass
class PageTable:
    """A table found on a page: its grid, each cell's text and the doubtful characters."""

    grid: Grid
    texts: list[str]
    doubts: list[OcrDoubt] = field(default_factory=list)

    @property
    def top(self) -> float:
        return self.grid.ys[0]


@dataclass
class PageBlock:
    """A table or a line of text, at vertical position ``y`` on the page."""

    y: float
    table: PageTable | None = None
    text: str = ""


def deskew(gray: npt.NDArray[np.uint8]) -> tuple[npt.NDArray[np.uint8], float]:
    """The image turned so its rules are level, and the angle turned (degrees)."""
    angle = estimate_skew(binarize(gray))
    if not angle:
        return gray, 0.0
    image = Image.fromarray(gray).rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255
    )
    return np.asarray(image, dtype=np.uint8), angle


def analyse_page(
    gray: npt.NDArray[np.uint8],
    dpi: float,
    recognise: Recogniser,
    recognise_line: LineRecogniser | None = None,
) -> list[PageBlock]:
    """The tables and text lines of one page, top to bottom.

    A cell left empty by OCR but holding ink is read again on its own with
    ``recognise_line``; if that finds nothing either, the cell is marked doubtful.
    """
    gray, _ = deskew(gray)
    mask = binarize(gray)
    tol = max(2.0, dpi * 0.02)
    horizontal = find_rules(mask, min_len=max(20, int(dpi * 0.3)), tol=max(2, int(tol / 2)))
    vertical = find_rules(mask.T, min_len=max(10, int(dpi * 0.12)), tol=max(2, int(tol / 2)))
    grids = build_grids(horizontal, vertical, tol)
    clean = gray.copy()
    for grid in grids:  # only real rules: a run of touching strokes in text stays
        erase_rules(clean, list(grid.rules[0]), vertical=False)
        erase_rules(clean, list(grid.rules[1]), vertical=True)
    words = recognise(clean)
    blocks: list[PageBlock] = []
    for grid in grids:
        inside, words = place_words(grid, words)
        table = _table(grid, inside)
        _reread_inked(table, clean, dpi, recognise_line)
        blocks.append(PageBlock(grid.ys[0], table=table))
    for line in text_lines(words):
        text = join_words(line)
        if text:
            blocks.append(PageBlock(min(w.y0 for w in line), text=text))
    return sorted(blocks, key=lambda b: b.y)


def _table(grid: Grid, inside: dict[int, list[Word]]) -> PageTable:
    texts: list[str] = []
    doubts: list[OcrDoubt] = []
    for i, (row, col, _, _) in enumerate(grid.spans):
        words = inside.get(i, [])
        texts.append(join_words(words))
        doubts.extend(
            OcrDoubt(row, col, w.text, round(w.score, 3)) for w in words if w.score < DOUBT_BELOW
        )
    return PageTable(grid, texts, doubts)


def _reread_inked(
    table: PageTable,
    gray: npt.NDArray[np.uint8],
    dpi: float,
    recognise_line: LineRecogniser | None,
) -> None:
    """Give empty cells with ink in them a second, detection-free reading."""
    grid = table.grid
    margin = max(2, int(dpi * 0.02))
    for i, (row, col, rs, cs) in enumerate(grid.spans):
        if table.texts[i]:
            continue
        y0, y1 = int(grid.ys[row]) + margin, int(grid.ys[row + rs]) - margin
        x0, x1 = int(grid.xs[col]) + margin, int(grid.xs[col + cs]) - margin
        if y1 <= y0 or x1 <= x0:
            continue
        ink = binarize_crop(gray[y0:y1, x0:x1])
        if int(ink.sum()) < max(8, int((dpi / 100) ** 2 * 4)):
            continue
        ys, xs = np.nonzero(ink)
        pad = max(4, int(dpi * 0.03))
        top, bottom = max(0, y0 + int(ys.min()) - pad), y0 + int(ys.max()) + pad + 1
        left, right = max(0, x0 + int(xs.min()) - pad), x0 + int(xs.max()) + pad + 1
        text, score = ("", 0.0)
        if recognise_line is not None:
            text, score = recognise_line(gray[top:bottom, left:right])
        if text:
            table.texts[i] = text
        if not text or score < DOUBT_BELOW:
            table.doubts.append(OcrDoubt(row, col, text or "?", round(score, 3)))


def binarize_crop(gray: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Ink in a crop of an already clean page: clearly dark pixels only."""
    mask: npt.NDArray[np.bool_] = gray < 128
    return mask
