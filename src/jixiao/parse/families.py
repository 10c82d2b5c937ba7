"""Which 一级指标 each 二级指标 is printed under (the 2020 framework, 财预〔2020〕10号).

数量/质量/时效 belong to 产出指标, 经济/社会/生态效益 and 可持续影响 to 效益指标, 服务对象
满意度 to 满意度指标; 成本指标 is a 二级 of 产出指标 or (2021 framework) a 一级 of its
own. The layouts use this to place a 一级 label printed elsewhere than its first row
(:mod:`jixiao.parse.rebuild.merged_labels`) and to name a 一级 cell whose words the
text lost where the form says which label it is (:func:`lost_level1`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

__all__ = ["FAMILIES", "family", "lost_level1", "printed_level1_weights"]

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


def printed_level1_weights(texts: Iterable[str]) -> dict[Decimal, set[str]]:
    """The 一级 labels a form's text names with their weights (the national template's
    note ``一级指标分值统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分``):
    weight → the 一级 stems printed with it."""
    out: dict[Decimal, set[str]] = {}
    for text in texts:
        if "分" not in text or "指标" not in text:  # most lines: decided before a search
            continue
        for m in _WEIGHED.finditer(text):
            out.setdefault(Decimal(m["w"]), set()).add(m["stem"])
    return out


_WEIGHED = re.compile(r"(?P<stem>产出|效益|满意度|成本)指标\s*[:：为]?\s*(?P<w>\d+(?:\.\d+)?)\s*分")


def lost_level1(
    level2s: Iterable[str | None], weight: Decimal | None, printed: Mapping[Decimal, set[str]]
) -> str | None:
    """The 一级 label of a merged cell whose words the text lost (only its weight,
    ``(50分)``, is left): the one label the form prints with that weight
    (:func:`printed_level1_weights`), where the 二级 labels of the cell's rows all
    belong to it; ``None`` where the form prints no label with that weight or more
    than one, or a row has no 二级 label or one of another family."""
    stems = printed.get(weight, set()) if weight is not None else set()
    if len(stems) != 1:
        return None
    (stem,) = stems
    labels = list(level2s)
    if not labels or any(stem not in family(label or "") for label in labels):
        return None
    return f"{stem}指标"
