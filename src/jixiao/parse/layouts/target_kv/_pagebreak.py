"""Rows printed just before a page break, when a new label is printed just after it.

A merged 一级/二级 label cell that spans a page break is printed on one side of it
only. The extraction shows this as: some rows carrying the label from above, a blank
line (the page break), then a row printing a *new* label. The rows just above the
break may belong to either label; the printed table cannot say which.

A human transcriber decides by what the rows are. This module does the same, and
only in exactly that situation (it is called for the carried rows between the last
printed label and the page break, never anywhere else):

- 二级: the indicator *name* says its category (…及时性/…及时率 → 时效, …满意度 → 满意度,
  …成本 → 成本, …数/…数量 → 数量, …率/合格/达标/准确/完整 → 质量);
- 一级: the row's 二级 label says its 一级 family (数量/质量/时效 → 产出, 社会效益/
  经济效益 → 效果, 长效管理/人力资源/配套设施/信息共享 → 影响力, 投入管理/财务管理/
  实施管理/资产管理 → 投入与管理).

Walking up from the break, each row whose category is the new label's and not the
old label's moves under the new label; the first row that does not stops the walk
(a merged cell covers contiguous rows, so rows above it keep the old label). The
caller reports what was decided: a P006 for the moved rows; a P008 when the walk
stopped at a row whose category is unknown, so the rows above it stay ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jixiao.model import Indicator

__all__ = ["Decision", "level1_families", "level2_family", "name_family", "split_trailing"]

_NAME_RULES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    # (family, words anywhere in the name, name endings) — the first rule that hits wins
    ("时效", ("及时", "时效", "按时"), ()),
    ("满意度", ("满意",), ()),
    ("成本", ("成本",), ()),
    ("数量", (), ("数量", "数")),
    ("质量", ("合格", "达标", "准确", "完整"), ("率",)),
)
_LABEL_FAMILIES = ("时效", "满意度", "成本", "数量", "质量")

_LEVEL1_OF_LABEL = (
    ("投入", "投入"),
    ("产出", "产出"),
    ("效果", "效果"),
    ("效益", "效果"),
    ("影响力", "影响力"),
    ("满意度", "满意度"),
    ("成本", "成本"),
)
"""一级 label word → 一级 family (``效益指标`` and ``效果目标`` are one family)."""

_LEVEL1_OF_LEVEL2: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("长效管理", "人力资源", "配套设施", "信息共享"), frozenset({"影响力"})),
    (("可持续影响",), frozenset({"效果", "影响力"})),
    (("投入管理", "财务管理", "实施管理", "资产管理", "资金管理"), frozenset({"投入"})),
    (("数量", "质量", "时效"), frozenset({"产出"})),
    (("成本",), frozenset({"产出", "成本"})),
    (("效益",), frozenset({"效果"})),
    (("满意度",), frozenset({"效果", "满意度"})),
)
"""二级 label words → the 一级 families it appears under (Shanghai 2020 target tables
and the national 2020 framework)."""


def name_family(name: str | None) -> str | None:
    """The 二级 category an indicator name says it belongs to, or ``None``."""
    if not name:
        return None
    for family, words, endings in _NAME_RULES:
        if any(w in name for w in words) or (endings and name.endswith(endings)):
            return family
    return None


def level2_family(label: str | None) -> str | None:
    """The category of a printed 二级 label (``时效``, ``时效指标`` → 时效), or ``None``."""
    if not label:
        return None
    return next((f for f in _LABEL_FAMILIES if f in label), None)


def level1_families(level2: str | None) -> frozenset[str]:
    """The 一级 families a 二级 label appears under (empty when unknown)."""
    if not level2:
        return frozenset()
    hits = (fams for words, fams in _LEVEL1_OF_LEVEL2 if any(w in level2 for w in words))
    return next(hits, frozenset())


def _level1_family(label: str | None) -> str | None:
    if not label:
        return None
    return next((fam for word, fam in _LEVEL1_OF_LABEL if word in label), None)


@dataclass(frozen=True)
class Decision:
    """How many trailing rows move, and why the walk stopped."""

    moved: int
    """The number of rows, counted from the last, that belong to the new label."""
    stopped_on_old: bool
    """The walk stopped at a row whose category is the old label's (or ran out of rows)."""
    evidence: tuple[str, ...]
    """For each moved row (top to bottom), what said it belongs to the new label: its
    二级 label (level 1) or its name (level 2)."""


def split_trailing(rows: Sequence[Indicator], level: int, old: str, new: str) -> Decision:
    """Decide which of the carried ``rows`` (top to bottom, all under ``old``) sit
    under ``new``, printed after the page break; ``level`` is 1 or 2."""
    if level == 1:
        want, avoid = _level1_family(new), _level1_family(old)
    else:
        want, avoid = level2_family(new), level2_family(old)
    if want is None or want == avoid:
        return Decision(0, False, ())
    evidence: list[str] = []
    for row in reversed(rows):
        if level == 1:
            families, shown = level1_families(row.level2), row.level2 or ""
        else:
            family = name_family(row.name)
            families, shown = frozenset({family} if family else ()), row.name or ""
        if want in families and avoid not in families:
            evidence.insert(0, shown)
            continue
        return Decision(len(evidence), avoid in families, tuple(evidence))
    return Decision(len(evidence), True, tuple(evidence))
