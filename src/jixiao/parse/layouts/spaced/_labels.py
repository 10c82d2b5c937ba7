"""Level labels (一级/二级指标) of the ``spaced`` layout.

The merged label cells are printed either horizontally (``效益指标 社会效益指标``)
or vertically, one or two characters a line (``可持\\n续影\\n响指\\n标``), and their
fragments can be interleaved with rows, share a line with a row (``效益 社会 安全
事故发生数 …``) or continue after a page break. Fragments are assembled into labels
by prefix-matching against the standard label vocabulary (a fragment continues
the nearest open label it fits); a fragment that never completes a label is given
back to the rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.read import Line

from ._text import is_tier_prefix, tokens

__all__ = ["COLUMN_LABELS", "LEVEL1", "LEVEL2", "Label", "find_labels"]

LEVEL1 = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2 = (
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济成本指标",
    "社会成本指标",
    "生态环境成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
    "社会公众满意度指标",
)
_OUTPUT_LEVEL2 = ("数量指标", "质量指标", "时效指标")
"""The 二级 labels of 产出指标: a 成本指标 right after them in an unnamed 一级 cell is one more."""
COLUMN_LABELS = ("绩效指标",)
"""Labels of the whole indicator block, printed down the left edge: structure only."""

_VOCAB = frozenset(LEVEL1 + LEVEL2 + COLUMN_LABELS)
_GENERIC = re.compile(r"^[\u4e00-\u9fff]{1,8}指标$")
_MAX_FRAGMENT = 5
_WEIGHTED = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,10}指标)[（(](?P<w>\d+(?:\.\d+)?)分[)）]$")
"""A label with its weight printed beside it: ``产出指标(50分)``."""
_LONE_WEIGHT = re.compile(r"^[（(](?P<w>\d+(?:\.\d+)?)分[)）]$")
"""A 一级 cell's weight on a line of its own: under a label printed just above it, or
all that is left of a label printed down the cell whose characters the text lost."""


@dataclass
class Label:
    """One assembled label; ``start`` is (line, token index) of its first fragment."""

    text: str
    start: tuple[int, int]
    level: int | None = None
    """1 or 2; ``0`` for a column label such as 绩效指标."""
    parts: list[tuple[int, int]] = field(default_factory=list)
    weight: Decimal | None = None
    """The weight printed beside the label (``产出指标（50分）``), if any."""

    @property
    def complete(self) -> bool:
        return self.text in _VOCAB


def _whole_label(tok: str) -> bool:
    return tok in _VOCAB or (bool(_GENERIC.match(tok)) and not is_tier_prefix(tok))


def _level_of(text: str) -> int:
    if text in COLUMN_LABELS:
        return 0
    if text in LEVEL1 and text not in LEVEL2:
        return 1
    return 2


_PREFIXES = frozenset(v[:i] for v in _VOCAB for i in range(len(v) + 1))
"""Every beginning of a label of the vocabulary (the empty one too)."""


def find_labels(lines: list[Line]) -> tuple[list[Label], set[tuple[int, int]]]:
    """Assemble the labels in ``lines``; also return the (line, token) positions used."""
    done: list[Label] = []
    open_: list[Label] = []
    previous: int | None = None
    for line in lines:
        weights: dict[str, Decimal] = {}
        toks: Sequence[str] = tokens(line.text)
        if "分" in line.text:  # a weight may be printed beside a label
            toks = [_unweighted(t, weights) for t in toks]
        if not toks:
            continue
        lone = _LONE_WEIGHT.match(toks[0]) if len(toks) == 1 else None
        if lone is not None:
            _lone_weight(done, line.number, previous, Decimal(lone["w"]))
            previous = line.number
            continue
        previous = line.number
        closing = [lab for lab in open_ if lab.text + toks[0] in _VOCAB] if open_ else []
        if len(toks) == 1 and closing:  # 服务对象 / 满意度指标: one label in two lines
            closed = max(closing, key=lambda lab: lab.parts[-1])
            closed.text += toks[0]
            closed.parts.append((line.number, 0))
            open_.remove(closed)
            done.append(closed)
            continue
        if len(toks) <= 2 and all(_whole_label(t) for t in toks):
            for i, t in enumerate(toks):
                level = (1 if i == 0 else 2) if len(toks) == 2 else _level_of(t)
                if t in COLUMN_LABELS:
                    level = 0
                done.append(Label(t, (line.number, i), level, [(line.number, i)], weights.get(t)))
            continue
        for i, tok in enumerate(toks):  # most lines: the first word starts no label
            if tok in _VOCAB or tok in weights:
                pos = (line.number, i)
                done.append(Label(tok, pos, None, [pos], weights.get(tok)))
                continue
            fits = [lab for lab in open_ if lab.text + tok in _PREFIXES] if open_ else []
            if fits:
                target = max(fits, key=lambda lab: lab.parts[-1])
                target.text += tok
                target.parts.append((line.number, i))
                if target.complete:
                    open_.remove(target)
                    done.append(target)
                continue
            if len(tok) <= _MAX_FRAGMENT and tok in _PREFIXES:
                pos = (line.number, i)
                open_.append(Label(tok, pos, None, [pos]))
                continue
            break
    done.sort(key=lambda lab: lab.start)
    _assign_levels(done)
    used = {p for lab in done for p in lab.parts}
    return done, used


def _lone_weight(done: list[Label], number: int, previous: int | None, weight: Decimal) -> None:
    """``(50分)`` alone on a line: the weight of the 一级 label on the line above, else a
    一级 cell whose name was lost (its rows get no 一级 rather than the one before)."""
    last = done[-1] if done else None
    if last is not None and last.parts[-1][0] == previous and _level_of(last.text) == 1:
        if last.weight is None:
            last.weight = weight
        last.parts.append((number, 0))
        return
    done.append(Label("", (number, 0), 1, [(number, 0)], weight))


def _unweighted(tok: str, weights: dict[str, Decimal]) -> str:
    """``产出指标(50分)`` → ``产出指标``, its weight noted in ``weights``."""
    if "分" not in tok:  # most tokens: no weight to look for
        return tok
    m = _WEIGHTED.match(tok)
    if m is None:
        return tok
    weights[m["label"]] = Decimal(m["w"])
    return m["label"]


def _assign_levels(labels: list[Label]) -> None:
    """Give each label without a level one, by vocabulary and by what follows it."""
    level1: str | None = None
    for i, lab in enumerate(labels):
        if lab.level is None:
            if lab.text == "成本指标":
                nxt = labels[i + 1] if i + 1 < len(labels) else None
                adjacent = nxt is not None and nxt.start[0] - lab.start[0] <= 4
                after_output = i > 0 and labels[i - 1].text in _OUTPUT_LEVEL2
                output = level1 == "产出指标" or (level1 == "" and after_output)
                lab.level = 1 if adjacent or not output else 2
            else:
                lab.level = _level_of(lab.text)
        if lab.level == 1:
            level1 = lab.text
