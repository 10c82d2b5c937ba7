"""The seed forms reworded the way other provinces print them read the same.

Each text seed of the self-evaluation layouts is rewritten with other provinces'
words (本年财政拨款, 评价等级, 指标值, 预算单位, 达成预期指标, 合计 …) and parsed again: every
number, name, target, tier, the header and the grade must come out as from the seed,
with no more findings.
"""

from __future__ import annotations

import re

import pytest

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_document
from jixiao.read import Document, read_document
from support import EXAMPLES

_WORDING = (
    ("当年财政拨款", "本年财政拨款"),
    ("当年财政", "本年财政"),
    ("评分等级", "评价等级"),
    ("年度指标值", "指标值"),
    ("实施单位", "预算单位"),
    ("部分达成指标", "部分达成预期指标"),
    ("达成指标", "达成预期指标"),
    ("总分", "合计"),
    ("评分等级\t", "评价等级："),
    ("评分等级 ", "评价等级："),
)
_SEEDS = ("000_52d2d39b8e94208b.txt", "002_3d7362f935c9f97e.txt", "003_e808c967bf7c4d08.txt")


def _essence(form: SelfEvaluation) -> tuple[object, ...]:
    rows = tuple(
        (
            r.level1,
            r.level2,
            r.name,
            r.target,
            r.weight,
            r.score,
            r.parsed_actual.tier if r.parsed_actual else None,
            r.parsed_actual.number if r.parsed_actual else None,
        )
        for r in form.indicators
    )
    head = (form.year, form.project, form.department, form.unit, form.money_unit)
    return (*head, form.funds, rows, form.total_weight, form.total_score, form.grade)


@pytest.mark.parametrize("name", _SEEDS, ids=[s[:3] for s in _SEEDS])
def test_reworded_seed_reads_the_same(name: str) -> None:
    doc = read_document(EXAMPLES / name)
    text = "\n".join(line.text for line in doc.lines)
    for old, new in _WORDING:
        text = text.replace(old, new)
    assert text != "\n".join(line.text for line in doc.lines)
    seed = parse_document(doc).forms
    reworded = parse_document(Document.from_text(name, text)).forms
    assert len(reworded) == len(seed)
    for a, b in zip(seed, reworded, strict=True):
        assert isinstance(a, SelfEvaluation) and isinstance(b, SelfEvaluation)
        assert _essence(b) == _essence(a)
        assert [f.code for f in b.findings] == [f.code for f in a.findings]


_AMOUNT = re.compile(r"^(?:-|[\d,.]+%?)$")


@pytest.mark.parametrize("name", _SEEDS[:2], ids=[s[:3] for s in _SEEDS[:2]])
def test_funding_columns_in_another_order(name: str) -> None:
    """执行率 printed before 分值 (header and rows): the header decides the order."""
    doc = read_document(EXAMPLES / name)
    out: list[str] = []
    for text in (line.text for line in doc.lines):
        if "年初预算数" in text:
            text = re.sub(r"(分数|分值)\s+(执行率\S*)", r"\2 \1", text)
        else:
            toks = text.split()
            if len(toks) >= 6 and all(_AMOUNT.match(t) for t in toks[-6:]):
                toks[-3], toks[-2] = toks[-2], toks[-3]
                text = " ".join(toks)
        out.append(text)
    seed = parse_document(doc).forms
    swapped = parse_document(Document.from_text(name, "\n".join(out))).forms
    assert [f.funds for f in swapped] == [f.funds for f in seed]  # type: ignore[union-attr]


@pytest.mark.parametrize(("printed", "p008"), [("50", False), ("45", True)])
def test_weight_printed_beside_level1(printed: str, p008: bool) -> None:
    """Seed 002 with ``产出指标（50分）``: the label reads as 产出指标; a printed weight
    that is not the sum of its rows' weights (45 ≠ 50) is a P008 on every form."""
    doc = read_document(EXAMPLES / _SEEDS[1])
    text = "\n".join(line.text for line in doc.lines).replace(
        "产出指标", f"产出指标（{printed}分）"
    )
    seed = parse_document(doc).forms
    weighted = parse_document(Document.from_text(_SEEDS[1], text)).forms
    for a, b in zip(seed, weighted, strict=True):
        assert isinstance(a, SelfEvaluation) and isinstance(b, SelfEvaluation)
        assert _essence(b) == _essence(a)
        extra = [f for f in b.findings if f.code == "P008" and "标注" in f.message]
        assert bool(extra) == p008
