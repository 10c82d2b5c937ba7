"""Which 一级指标 each 二级指标 is printed under (the 2020 framework, 财预〔2020〕10号).

数量/质量/时效 belong to 产出指标, 经济/社会/生态效益 and 可持续影响 to 效益指标, 服务对象
满意度 to 满意度指标; 成本指标 is a 二级 of 产出指标 or (2021 framework) a 一级 of its
own. The layouts use this to place a 一级 label printed elsewhere than its first row
(:mod:`jixiao.parse.rebuild.merged_labels`) and to name a 一级 cell whose words the
text lost (:func:`lost_level1`).
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["FAMILIES", "family", "lost_level1"]

FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("产出", ("数量", "质量", "时效", "进度", "产出数量", "产出质量", "产出时效")),
    ("效益", ("经济效益", "社会效益", "生态效益", "可持续影响")),
    ("满意度", ("服务对象满意度", "社会公众或服务对象满意度", "社会公众满意度", "满意度")),
    ("成本", ("经济成本", "社会成本", "生态环境成本", "生态成本")),
)
"""The 一级 label (its stem) each 二级 label (its stem) is printed under."""


def family(level2: str) -> set[str]:
    """The 一级 stems a 二级 label (printed without its weight) may be printed under;
    an empty set for a label the framework does not know."""
    stem = level2.removesuffix("指标")
    if stem == "成本":
        return {"产出", "成本"}  # under 产出指标, or a 一级 of its own (2021 framework)
    return {one for one, words in FAMILIES if stem in words}


def lost_level1(level2s: Iterable[str | None]) -> str | None:
    """The 一级 label of a merged cell whose words the text lost (only its weight,
    ``(50分)``, or nothing is left), named by the 二级 labels of its rows: the one 一级
    label all of them belong to; ``None`` where a row has no known 二级 label or the
    labels fit no 一级 label or more than one (成本指标 alone: 产出 or 成本)."""
    common: set[str] | None = None
    for label in level2s:
        stems = family(label or "")
        if not stems:
            return None
        common = stems if common is None else common & stems
    if common is None or len(common) != 1:
        return None
    return f"{common.pop()}指标"
