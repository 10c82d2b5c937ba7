"""Grade rules stated in a form's own text (e.g. the 说明 of a 项目绩效自我评价).

``自评分合计90（含）-100分为优秀，75（含）-90分为良好，60（含）-75分为合格，0-60分为不合格``
becomes bands 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, 不合格 ≥ 0. Shared by every layout that
reads such a note.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model import GradeBand

__all__ = ["parse_grade_rule"]

_CLAUSE = re.compile(r"[，,；;。\n]")
_NUM = r"(\d+(?:\.\d+)?)"
_INCL = r"(?:[（(]\s*含\s*[)）])?"
_IS = r"\s*(?:为|是|评为|[：:])\s*"
_GRADE = r"(?P<grade>[^\s\d，,；;。（）()]{1,6})$"
_RANGE = re.compile(
    rf"{_NUM}\s*分?\s*{_INCL}\s*[-－—–~～至到]+\s*{_NUM}\s*分?\s*{_INCL}{_IS}{_GRADE}"
)
_ABOVE = re.compile(rf"{_NUM}\s*分?\s*{_INCL}\s*(?:及以上|以上){_IS}{_GRADE}")
_BELOW = re.compile(rf"{_NUM}\s*分?\s*{_INCL}\s*以下{_IS}{_GRADE}")


def parse_grade_rule(text: str) -> tuple[GradeBand, ...]:
    """Grade bands stated in ``text``, highest first; ``()`` unless two or more are found.

    Understands ``90（含）-100分为优秀``, ``90分以上为优秀`` and ``60分以下为不合格``
    (lowest band, minimum 0); the lower bound of a range is the band's minimum.
    """
    bands: dict[str, Decimal] = {}
    for clause in _CLAUSE.split(text):
        clause = clause.strip()
        m = _RANGE.search(clause) or _ABOVE.search(clause)
        if m is not None:
            bands.setdefault(m.group("grade"), Decimal(m.group(1)))
            continue
        m = _BELOW.search(clause)
        if m is not None:
            bands.setdefault(m.group("grade"), Decimal(0))
    if len(bands) < 2:
        return ()
    ordered = sorted(bands.items(), key=lambda kv: -kv[1])
    return tuple(GradeBand(grade=g, min_score=s) for g, s in ordered)
