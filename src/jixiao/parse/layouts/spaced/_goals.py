"""年度总体目标: splitting 预期目标 from 实际完成情况.

The two cells sit side by side in the printed table, but the extraction prints
them one after the other, each wrapped at its own column width. The split point is
chosen by scoring every cut between two lines:

* the last expected line should end a sentence (``。`` …) and be shorter than its
  column (a wrapped line fills its column, the last line of a paragraph does not);
* inside each part a short line that does not end a sentence is unexplained;
* when the extraction separates paragraphs by blank lines but not the lines of one
  paragraph, a cut at a blank line is strongly preferred;
* an indented line is a paragraph start.

Measured on the seeds the cut is unambiguous (the best cut beats the next by at
least one unexplained line) except where the expected paragraph itself ends with a
full-width line, which does not happen there.
"""

from __future__ import annotations

from itertools import pairwise

from jixiao.read import Line

from ._text import ends_sentence, width

__all__ = ["split_goals"]

_TOLERANCE = 3
"""Half-width units a wrapped line may fall short of its column (line-start rules)."""


class _Shapes:
    """The printed width of each line and whether it ends a sentence, measured once
    for every cut."""

    def __init__(self, lines: list[Line]) -> None:
        self.widths = [width(ln.text.strip()) for ln in lines]
        self.ends = [ends_sentence(ln.text) for ln in lines]

    def ragged(self, start: int, stop: int) -> float:
        """Unexplained short lines inside the paragraph block of lines ``start … stop - 1``."""
        if stop - start < 2:
            return 0.0
        full = max(self.widths[start:stop])
        cost = 0.0
        for i in range(start, stop - 1):
            if self.widths[i] < full - _TOLERANCE:
                cost += 0.3 if self.ends[i] else 1.0
        return cost


def _indent(line: Line) -> int:
    return len(line.text) - len(line.text.lstrip())


def _cut_cost(lines: list[Line], shapes: _Shapes, k: int, gaps_informative: bool) -> float:
    full = max(shapes.widths[:k])
    cost = shapes.ragged(0, k) + shapes.ragged(k, len(lines))
    if not shapes.ends[k - 1]:  # the last expected line
        cost += 2.0
    if k > 1 and shapes.widths[k - 1] >= full - 1:
        cost += 1.0
    if gaps_informative:
        cost += 0.0 if lines[k].number - lines[k - 1].number > 1 else 2.0
    if _indent(lines[k]) >= 2 and _indent(lines[0]) < 2:
        cost -= 1.0
    return cost


def _split_line(text: str) -> tuple[str, str | None]:
    """One line holding both cells: cut at a space after a sentence end."""
    parts = text.split()
    for i in range(1, len(parts)):
        if ends_sentence(parts[i - 1]):
            return " ".join(parts[:i]), " ".join(parts[i:])
    return text, None


def split_goals(lines: list[Line]) -> tuple[list[str], list[str]]:
    """The expected-goal lines and the actual lines, as printed (non-blank lines)."""
    if not lines:
        return [], []
    if len(lines) == 1:
        first, second = _split_line(lines[0].text.strip())
        return [first], ([second] if second else [])
    steps = [b.number - a.number for a, b in pairwise(lines)]
    gapped = sum(1 for s in steps if s > 1)
    informative = 0 < gapped <= len(steps) / 2
    shapes = _Shapes(lines)
    costs = [(_cut_cost(lines, shapes, k, informative), k) for k in range(1, len(lines))]
    _, k = min(costs)
    return [ln.text for ln in lines[:k]], [ln.text for ln in lines[k:]]
