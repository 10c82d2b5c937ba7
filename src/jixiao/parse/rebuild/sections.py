"""An indicator table no one reading fits, read one 一级 section at a time.

Where the cells of a whole table cannot be cut for certain (one row's cells damaged by
a scan, a value that runs into its name with nothing to cut it by), the rest of the
table is no less certain: each block under a 一级 label (产出指标(40分) and the rows up
to the next 一级 label) is read on its own and kept where the form's arithmetic
confirms it as it would a table — its 分值 adding up to the weight its 一级 label
prints, or (a table without weights) its rows reading a value each. A block that does
not fit stays whole in a finding (P012); one whose label prints no weight in a table
with weights is checked by nothing and stays whole too.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

from jixiao.parse.rebuild.row_check import Printed, expected_weights
from jixiao.parse.rebuild.ties import Settled
from jixiao.parse.rebuild.tokens import Token
from jixiao.parse.rebuild.vocab import is_level1, is_level2, printed_weight

__all__ = ["by_sections"]

Read = Callable[[list[Token], list[str], Printed], Settled]
"""How a run of indicator tokens is read under the columns and checked (a table's)."""


def by_sections(
    body: list[Token], columns: list[str], printed: Printed, read: Read
) -> Settled | None:
    """The rows of the 一级 sections of ``body`` that fit on their own, the others'
    tokens doubtful; ``None`` when the table has fewer than two sections, none fits, or
    (a table with weights) the weights its 一级 labels print do not make the table's
    whole 总分值 (``printed``): a form whose own figures disagree is not read by them.
    The table must open with a 一级 label: one printed mid-cell (below its block's first
    row, as a merged cell's text is centred) says not where its block begins."""
    if "level1" not in columns:
        return None
    parts = _sections(body)
    first = next((i for i, t in enumerate(body) if t.text), 0)
    if len(parts) < 2 or not _opens(body, first):
        return None  # a 一级 label printed below its block's first row: no block's start
    weighted = "weight" in columns
    if weighted and not _labels_add_up(parts, printed):
        return None
    out = Settled()
    for part in parts:
        weight = printed_weight(part[0].text)
        if weighted and weight is None:
            settled = Settled()  # no sum to check the section's cuts against
        else:
            total = Decimal(weight) if weighted and weight is not None else None
            settled = read(part, columns, Printed(total_weight=total))
        if settled.rows:
            out.rows += settled.rows
            out.stray += settled.stray
            out.doubtful += settled.doubtful
        else:
            out.doubtful.append([t for t in part if t.text])
    return out if out.rows else None


def _labels_add_up(parts: list[list[Token]], printed: Printed) -> bool:
    weights = [printed_weight(p[0].text) for p in parts]
    total = sum((Decimal(w) for w in weights if w is not None), Decimal(0))
    return total in expected_weights(printed)


def _sections(body: list[Token]) -> list[list[Token]]:
    """``body`` cut before each 一级 label that opens a block of its own: the next
    token with text is a 二级 label (a 一级 word over other 一级 words, 实施效果指标 ›
    产出指标, opens none)."""
    cuts = [0, *(i for i in range(1, len(body)) if _opens(body, i)), len(body)]
    return [body[a:b] for a, b in itertools.pairwise(cuts) if b > a]


def _opens(body: list[Token], i: int) -> bool:
    text = body[i].text
    if not is_level1(text):
        return False
    after = next((t.text for t in body[i + 1 :] if t.text), "")
    return is_level2(after) and not is_level1(after)
