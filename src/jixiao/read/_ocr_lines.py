"""Ruling lines in a page image: binarise, measure the skew, find long dark runs.

Everything here works on numpy arrays (``True`` = ink) and knows nothing of OCR. A
ruling line is a run of dark pixels much longer than a character is wide; runs on
neighbouring pixel rows (a line's thickness, or a line that drifts by a pixel after
deskewing) merge into one :class:`Rule`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = ["Rule", "binarize", "erase_rules", "estimate_skew", "find_rules"]

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Rule:
    """A ruling line: ``pos`` across it (y of a horizontal rule), ``start``..``end`` along."""

    pos: float
    start: int
    end: int
    thickness: int = 1

    @property
    def length(self) -> int:
        return self.end - self.start


def binarize(gray: npt.NDArray[np.uint8]) -> Mask:
    """Ink mask of a greyscale image by Otsu's threshold (kept between 96 and 208)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256, dtype=np.float64)
    weight0 = np.cumsum(hist)
    weight1 = total - weight0
    sum0 = np.cumsum(hist * levels)
    mean0 = np.divide(sum0, weight0, out=np.zeros(256), where=weight0 > 0)
    mean1 = np.divide(sum0[-1] - sum0, weight1, out=np.zeros(256), where=weight1 > 0)
    between = weight0 * weight1 * (mean0 - mean1) ** 2
    threshold = int(np.clip(np.argmax(between), 96, 208))
    mask: Mask = gray <= threshold
    return mask


def estimate_skew(mask: Mask, max_degrees: float = 3.0) -> float:
    """The angle (degrees) by which horizontal lines descend to the right.

    Projection profiles of the ink, sheared by candidate angles, are sharpest when the
    shear cancels the skew (rules and text lines then fall on few pixel rows).
    """
    step = max(1, max(mask.shape) // 1200)
    small = mask[::step, ::step]
    ys, xs = np.nonzero(small)
    if len(ys) < 50:
        return 0.0
    if len(ys) > 200_000:
        pick = np.random.default_rng(0).choice(len(ys), 200_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    yf, xf = ys.astype(np.float64), xs.astype(np.float64)

    def sharpness(angle: float) -> float:
        shifted = np.round(yf - xf * np.tan(np.radians(angle))).astype(np.int64)
        counts = np.bincount(shifted - shifted.min())
        return float(np.dot(counts, counts))

    coarse = np.arange(-max_degrees, max_degrees + 1e-9, 0.2)
    best = float(max(coarse, key=sharpness))
    fine = np.arange(best - 0.2, best + 0.2 + 1e-9, 0.02)
    angle = float(max(fine, key=sharpness))
    return 0.0 if abs(angle) < 0.03 else angle


def find_rules(mask: Mask, min_len: int, gap: int = 2, tol: int = 3) -> list[Rule]:
    """Horizontal rules of ``mask`` (transpose the mask for vertical ones).

    Dark runs of at least ``min_len`` pixels (gaps up to ``gap`` pixels bridged) on
    pixel rows within ``tol`` of each other and overlapping along merge into one rule.
    """
    runs = _runs(mask, gap)
    runs = runs[(runs[:, 2] - runs[:, 1]) >= min_len]
    rules: list[list[float]] = []  # [pos_sum, n, start, end, first_y, last_y]
    for y, x0, x1 in sorted(runs.tolist(), key=lambda r: (r[1], r[0])):
        for rule in rules:
            near = rule[4] - tol <= y <= rule[5] + tol
            if near and x0 <= rule[3] + gap and x1 >= rule[2] - gap:
                rule[0] += y
                rule[1] += 1
                rule[2], rule[3] = min(rule[2], x0), max(rule[3], x1)
                rule[4], rule[5] = min(rule[4], y), max(rule[5], y)
                break
        else:
            rules.append([float(y), 1.0, x0, x1, y, y])
    found = [
        Rule(r[0] / r[1], int(r[2]), int(r[3]), int(r[5] - r[4] + 1))
        for r in rules
        if r[5] - r[4] <= max(tol * 3, 12)  # thicker than that is a filled block
    ]
    return _merge_collinear(found, gap=max(gap, min_len // 8), tol=tol)


def erase_rules(
    gray: npt.NDArray[np.uint8], rules: list[Rule], *, vertical: bool, pad: int = 2
) -> None:
    """Paint ``rules`` white in ``gray`` (in place), so OCR sees only the text."""
    for rule in rules:
        half = rule.thickness // 2 + pad
        lo, hi = round(rule.pos) - half, round(rule.pos) + half + 1
        if vertical:
            gray[rule.start : rule.end + 1, max(lo, 0) : hi] = 255
        else:
            gray[max(lo, 0) : hi, rule.start : rule.end + 1] = 255


def _runs(mask: Mask, gap: int) -> npt.NDArray[np.int64]:
    """Every dark run as ``(row, start, end)``; runs split by at most ``gap`` light pixels join."""
    padded = np.zeros((mask.shape[0], mask.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    edges = np.diff(padded, axis=1)
    sy, sx = np.nonzero(edges == 1)
    _, ex = np.nonzero(edges == -1)
    if len(sy) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    # consecutive runs on a row merge when the light gap between them is small
    new = np.ones(len(sy), dtype=bool)
    new[1:] = (sy[1:] != sy[:-1]) | (sx[1:] - ex[:-1] > gap)
    group = np.cumsum(new) - 1
    starts = sx[new]
    ends = np.zeros(int(group[-1]) + 1, dtype=np.int64)
    np.maximum.at(ends, group, ex)
    runs: npt.NDArray[np.int64] = np.stack([sy[new], starts, ends], axis=1).astype(np.int64)
    return runs


def _merge_collinear(rules: list[Rule], gap: int, tol: int) -> list[Rule]:
    """Join pieces of one rule (same position within ``tol``, touching along)."""
    merged: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (r.start, r.pos)):
        for i, other in enumerate(merged):
            if abs(other.pos - rule.pos) <= tol and rule.start <= other.end + gap:
                total = other.length + rule.length or 1
                pos = (other.pos * other.length + rule.pos * rule.length) / total
                merged[i] = Rule(
                    pos,
                    other.start,
                    max(other.end, rule.end),
                    max(other.thickness, rule.thickness),
                )
                break
        else:
            merged.append(rule)
    return merged
