"""一级/二级 labels of an OCR-extracted table, rebuilt from vertical fragments.

The merged label cells are printed vertically, one or two characters per text line,
centred in the rows they cover; OCR hands them back as fragments in the two leftmost
cells of successive lines (``产出`` … ``指标``), often garbled (``数里 指标``, ``1日7小``).

1. Each column's fragments are joined in line order into labels while the text still
   reads as the start of a known label (fuzzy), and each label is resolved against the
   vocabulary of the 2020 indicator framework; a reading that needed correction or
   completion is reported (P006), debris that matches nothing is dropped (P005).
2. The labels are laid over the rows so that each label's printed centre is as close
   as possible to the centre of the rows it covers (least squares, by dynamic
   programming); a label printed whole on one line may instead stand on the first of
   its rows, where table extractors put a merged cell's text. The wording of a row's
   name (及时 → 时效, 合格率 → 质量 …) weighs as much as two lines of centring error.
   The 二级 label of a row implies its 一级 family, which the 一级 layout must
   respect; a family with no printed 一级 label is inferred (P006).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._rows import LabelFrag
from jixiao.parse.layouts.ocr_tabbed._text import cell_text, hanzi_of

__all__ = [
    "FAMILY",
    "L1_VOCAB",
    "L2_VOCAB",
    "Label",
    "assign",
    "assign_levels",
    "resolve",
    "segment",
]

L1_VOCAB = ("产出指标", "效益指标", "满意度指标", "成本指标")
FAMILY = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "经济成本指标": "成本指标",
    "社会成本指标": "成本指标",
    "生态环境成本指标": "成本指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}
L2_VOCAB = tuple(FAMILY)
_L2_ONLY = ("数量", "质量", "时效", "经济", "社会", "生态", "可持续", "服务", "对象")


@dataclass
class Label:
    text: str
    printed: str
    lines: list[int] = field(default_factory=list)
    inferred: bool = False
    choices: list[str] = field(default_factory=list)
    """Equally good readings of an ambiguous label (``社会`` → 社会效益/社会成本)."""

    @property
    def center(self) -> float:
        return sum(self.lines) / len(self.lines)

    @property
    def whole(self) -> bool:
        """Printed whole on one line (``质量 指标``): such a label is written either in
        the middle of its rows or, as table extractors put a merged cell, on the first."""
        return len(self.lines) == 1 and self.printed.endswith("标")


@lru_cache(maxsize=4096)
def _lcs(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ch in a:
        cur = [0]
        for j, other in enumerate(b):
            cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def score(s: str, v: str) -> float:
    common = sum((Counter(s) & Counter(v)).values())
    return (common / len(s) + _lcs(s, v) / len(v)) / 2


def resolve(printed: str, vocab: tuple[str, ...]) -> list[str]:
    """The vocabulary labels ``printed`` can be read as (one = resolved; several = tie)."""
    return list(_resolved(printed, vocab))


@lru_cache(maxsize=4096)
def _resolved(printed: str, vocab: tuple[str, ...]) -> tuple[str, ...]:
    """:func:`resolve`, remembered: segmenting asks again of every label as it grows."""
    if printed in vocab:
        return (printed,)
    starts = tuple(v for v in vocab if v.startswith(printed))
    if len(starts) == 1:
        return starts
    scored = sorted(((score(printed, v), v) for v in vocab), reverse=True)
    best = scored[0][0]
    if best < 0.5:
        return ()
    return tuple(v for sc, v in scored if best - sc < 0.1)


@lru_cache(maxsize=4096)
def _prefixish(s: str, vocab: tuple[str, ...]) -> bool:
    return any(v.startswith(s) or (len(s) <= len(v) and _lcs(s, v) >= len(s) - 1) for v in vocab)


def segment(frags: list[tuple[int, str]], vocab: tuple[str, ...]) -> tuple[list[Label], list[str]]:
    """Join fragments (line, text) into resolved labels; return them and the debris."""
    labels: list[Label] = []
    junk: list[str] = []
    cur: Label | None = None

    def emit(lab: Label | None) -> None:
        if lab is None:
            return
        found = resolve(lab.printed, vocab)
        if len(found) > 1 and labels and labels[-1].text in found:
            labels[-1].lines.extend(lab.lines)
            labels[-1].printed += lab.printed
        elif len(found) > 1 and lab.printed.strip("指标度") and len(lab.printed) >= 2:
            lab.text, lab.choices = found[0], found
            labels.append(lab)
        elif len(found) == 1:
            lab.text = found[0]
            if labels and labels[-1].text == lab.text:
                labels[-1].lines.extend(lab.lines)
                labels[-1].printed += lab.printed
            else:
                labels.append(lab)
        else:
            junk.append(lab.printed)

    for line, raw in frags:
        text = hanzi_of(cell_text(raw))
        if not text:
            if cell_text(raw).strip():
                junk.append(cell_text(raw))
            continue
        if cur is not None:
            whole = resolve(cur.printed, vocab)
            complete = cur.printed.endswith("标") and len(whole) == 1
            if not complete and _prefixish(cur.printed + text, vocab):
                cur.printed += text
                cur.lines.append(line)
                continue
            emit(cur)
        cur = Label("", text, [line])
    emit(cur)
    return labels, junk


def assign(
    rows: list[tuple[int, int]],
    labels: list[Label],
    span: tuple[int, int],
    family: list[str | None] | None = None,
    hints: list[str | None] | None = None,
    pins: list[str | None] | None = None,
) -> list[int | None]:
    """The label index of each row: contiguous runs, label centres near run centres,
    each label's own lines inside its run; ``family`` must agree (一级 over 二级),
    ``hints`` (a label the row's name suggests) break ties, ``pins`` (the 一级 label
    printed on a row) must hold the label's family."""
    m, k = len(rows), len(labels)
    if not m or not k:
        return [None] * m
    top = [span[0] - 0.5] + [(rows[i - 1][1] + rows[i][0]) / 2 for i in range(1, m)]
    bottom = [(rows[i][1] + rows[i + 1][0]) / 2 for i in range(m - 1)] + [span[1] + 0.5]
    skip, clash, outside, hinted = 400.0, 1e6, 30.0, 4.0

    penalty = [_penalties(lab, m, family, hints, pins, clash, hinted, outside) for lab in labels]

    inf = float("inf")
    dp = [[inf] * (m + 1) for _ in range(k + 1)]
    back: list[list[int]] = [[-1] * (m + 1) for _ in range(k + 1)]
    dp[0][0] = 0.0
    tie = [1e-3 * (m - i) for i in range(m)]
    for a in range(1, k + 1):  # the cost of label a - 1 on rows i … j - 1, inlined
        label, pen, before = labels[a - 1], penalty[a - 1], dp[a - 1]
        center, whole, lines = label.center, label.whole, sorted(label.lines)
        # the label's lines outside rows i … j - 1: all but those from top[i] to bottom[j - 1]
        below = [bisect_left(lines, lo) for lo in top]
        upto = [0] + [bisect_right(lines, hi) for hi in bottom]
        count = len(lines)
        first = [(center - r[0]) ** 2 for r in rows] if whole else [inf] * m
        # A start i costs at least ``before[i] + (pen[j] - pen[i])`` (every other term is at
        # least 0): the starts before j are tried by ``before[i] - pen[i]``, least first, so
        # that a good start is found early, and once that bound passes the best found (with
        # a margin for rounding) no later start can do better.
        # every cost and penalty is at least 0, the penalties running totals
        scale = max([b for b in before if b != inf], default=0.0) + pen[-1] + 1.0
        starts: list[tuple[float, int]] = []
        for j in range(0, m + 1):
            if j:
                insort(starts, (before[j - 1] - pen[j - 1], j - 1))
            best, arg = before[j] + skip, j
            hi, within, pen_j = bottom[j - 1], upto[j], pen[j]
            stop = best + 1e-9 * (scale + abs(best))
            for bound, i in starts:
                if bound + pen_j > stop:
                    break
                b_i, p_i = before[i], pen[i]
                if b_i + (pen_j - p_i) > best:  # every other term adds to it
                    continue
                c = (center - (top[i] + hi) / 2) ** 2
                if first[i] < c:  # ``min(c, first[i])`` (a label printed whole on its first row)
                    c = first[i]
                inside = within - below[i]
                c += outside * (count - (inside if inside > 0 else 0))
                c += pen_j - p_i
                c = b_i + (c + tie[i])
                # the least cost; among equal costs the earliest start, and the skip before any
                if c < best or (c == best and j != arg > i):
                    best, arg = c, i
                    stop = best + 1e-9 * (scale + abs(best))
            dp[a][j], back[a][j] = best, arg
    out: list[int | None] = [None] * m
    j = m
    for a in range(k, 0, -1):
        i = back[a][j]
        for r in range(i, j):
            out[r] = a - 1
        j = i
    return out


def _penalties(
    label: Label,
    m: int,
    family: list[str | None] | None,
    hints: list[str | None] | None,
    pins: list[str | None] | None,
    clash: float,
    hinted: float,
    outside: float,
) -> list[float]:
    """Running totals over the rows of what putting ``label`` on each row costs: a
    family clash, a name pointing elsewhere, a printed 一级 label of another family."""
    fam = FAMILY.get(label.text)
    total, out = 0.0, [0.0]
    for r in range(m):
        if family and family[r] not in (None, label.text):
            total += clash
        if hints and hints[r] not in (None, label.text):
            total += hinted
        if pins and pins[r] not in (None, fam):
            total += outside
        out.append(total)
    return out


_HINTS = (
    ("时效指标", ("及时", "时效", "按时", "时间", "期限")),
    ("服务对象满意度指标", ("满意",)),
    ("数量指标", ("数量", "次数", "人数", "场次", "个数", "份数", "完成数", "户数", "册数")),
    ("质量指标", ("合格率", "达标率", "准确率", "覆盖率", "质量", "验收", "错误率")),
    ("经济成本指标", ("成本", "费用", "节约")),
    ("可持续影响指标", ("长效", "机制", "持续")),
)


@lru_cache(maxsize=4096)
def hint(name: str | None) -> str | None:
    """The 二级 label an indicator name points to by its wording, if any (remembered)."""
    for label, words in _HINTS:
        if name and any(w in name for w in words):
            return label
    return None


def _settle(l2: list[Label], l1: list[Label]) -> None:
    """An ambiguous 二级 label takes the reading whose family is the nearest 一级 label."""
    for lab in l2:
        if not lab.choices or not l1:
            continue
        near = min(l1, key=lambda x: abs(x.center - lab.center)).text
        fits = [c for c in lab.choices if FAMILY.get(c) == near]
        lab.text = fits[0] if fits else lab.choices[0]
    merged: list[Label] = []
    for lab in l2:
        if merged and merged[-1].text == lab.text:
            merged[-1].lines.extend(lab.lines)
            merged[-1].printed += lab.printed
        else:
            merged.append(lab)
    l2[:] = merged


def assign_levels(
    rows: list[tuple[int, int]],
    frags: list[LabelFrag],
    span: tuple[int, int],
    notes: Notes,
    names: list[str | None] | None = None,
) -> list[tuple[str | None, str | None]]:
    """(一级, 二级) for each row (first, last line), findings into ``notes``."""
    cols: dict[int, list[tuple[int, str]]] = {0: [], 1: []}
    for f in frags:
        col = f.col
        if col == -1:
            flat = hanzi_of(cell_text(f.text))
            col = 1 if flat.startswith(_L2_ONLY) else 0
        cols[min(col, 1)].append((f.line, f.text))
    l2_labels, junk2 = segment(cols[1], L2_VOCAB)
    l1_labels, junk1 = segment(cols[0], L1_VOCAB)
    _settle(l2_labels, l1_labels)
    hints = [hint(n) for n in names] if names else None
    pins: list[str | None] = [None] * len(rows)
    rows_at: dict[int, list[int]] = {}  # line → the rows that span it
    for r, (a, b) in enumerate(rows):
        for ln in range(a, b + 1):
            rows_at.setdefault(ln, []).append(r)
    for lab in l1_labels:
        for ln in lab.lines:
            for r in rows_at.get(ln, ()):
                pins[r] = lab.text
    l2_of = assign(rows, l2_labels, span, hints=hints, pins=pins)
    level2 = [l2_labels[i].text if i is not None else None for i in l2_of]
    family = [FAMILY.get(t) if t else None for t in level2]
    present = {lab.text for lab in l1_labels}
    for fam in dict.fromkeys(f for f in family if f):
        if fam not in present:
            lines = [ln for r, f in enumerate(family) if f == fam for ln in rows[r]]
            l1_labels.append(Label(fam, "", lines, inferred=True))
    l1_labels.sort(key=lambda lab: lab.center)
    l1_of = assign(rows, l1_labels, span, family)
    level1 = [l1_labels[i].text if i is not None else None for i in l1_of]
    used1 = {i for i in l1_of if i is not None}
    used2 = {i for i in l2_of if i is not None}
    for name, labs, used in (("一级指标", l1_labels, used1), ("二级指标", l2_labels, used2)):
        for i, lab in enumerate(labs):
            if i not in used:
                if lab.printed:
                    notes.add(
                        "P008",
                        (min(lab.lines), max(lab.lines)),
                        None,
                        detail=f"{name}「{lab.printed}」未能对应到任何指标行",
                    )
            elif lab.inferred or lab.printed != lab.text:
                reason = (
                    "一级指标未能识读，由所辖二级指标推定"
                    if lab.inferred
                    else f"竖排文字识读为「{lab.printed}」"
                )
                span_ = (min(lab.lines), max(lab.lines))
                notes.add("P006", span_, None, field=name, value=lab.text, reason=reason)
    for name, junk in (("一级指标列", junk1), ("二级指标列", junk2)):
        if junk:
            notes.add("P005", span, None, field=name, text=" ".join(junk))
    return list(zip(level1, level2, strict=True))
