"""The 说明 under a 项目绩效自我评价 table and the grade rule it states.

The note reads e.g. ``说明：1、…。2、绩效等级说明：自评分合计90（含）-100分为优秀，
75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格。3、…``, printed one item a
line, items separated by blank lines, or all on one line inside ``<p>`` tags.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jixiao.model import GradeBand
from jixiao.parse.grade_rule import parse_grade_rule
from jixiao.parse.text import join_cell, strip_tags
from jixiao.read import Line

__all__ = ["Remarks", "read_remarks"]

_KEY = re.compile(r"^\s*(?:说明|备注说明|填表说明)\s*[：:]\s*")
_ITEM = re.compile(r"^\s*(?:[0-9０-９]+|[一二三四五六七八九十]+)\s*[、.．]")


@dataclass
class Remarks:
    """The 说明 text (its ``说明：`` key removed), the lines it came from, the rule."""

    text: str | None = None
    lines: list[int] = field(default_factory=list)
    grade_rule: tuple[GradeBand, ...] = ()


def read_remarks(lines: Sequence[Line]) -> Remarks:
    """Read the 说明 from the lines after the 合计 row.

    The first non-blank line must start with ``说明：``; later lines belong to it
    while they start with an item number (``2、``); anything else is left unplaced.
    """
    out = Remarks()
    pieces: list[str] = []
    for line in lines:
        if line.blank:
            continue
        text = strip_tags(" ".join(c for c in line.cells if c.strip()))
        if not out.lines:
            if not _KEY.match(text):
                break
            text = _KEY.sub("", text, count=1)
        elif not _ITEM.match(text):
            break
        pieces.append(text)
        out.lines.append(line.number)
    out.text = join_cell(pieces)
    out.grade_rule = parse_grade_rule(out.text or "")
    return out
