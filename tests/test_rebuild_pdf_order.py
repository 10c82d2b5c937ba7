"""Habits of a PDF's text layer dumped as one flat run (``tests/wild`` 132, 上饶市司法局):
captions wrapped inside their brackets, the money unit printed apart from the funding
header, and the header's last caption printed after the rows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.fund_rows import confirmed, unprinted_column
from jixiao.parse.rebuild.tokens import Token, tokenize
from jixiao.read import Document

_FLAT = (
    "附件1 项目支出绩效自评表 ( 2022 年度) 项目名称 普法宣传经费 主管部门 某市司法局 "
    "项目资金(万元) 实施单位 某市司法局 年初预算数 全年预算数 全年执行数 分值 执行率(全年 "
    "执行数/全年 预算数) 年度资金总额: 80万元 80万元 72万元 {weight} 90% {score} "
    "其中:当年财政 拨款 80万元 80万元 72万元 {weight} 90% {score} 得分 上年结转资金 其他资金 "
    "预期目标 实际完成情况 年度总体 目标 开展普法宣传。 开展了普法宣传。"
)


def _form(tmp_path: Path, weight: str, score: str) -> SelfEvaluation:
    path = tmp_path / "flat.txt"
    path.write_text(_FLAT.format(weight=weight, score=score) + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    return form


def test_a_caption_wrapped_twice_inside_its_bracket_is_one_cell() -> None:
    doc = Document.from_text("a.txt", "分值 执行率(全年 执行数/全年 预算数) 得分 (20 分*执行率)")
    assert [t.text for t in tokenize(doc)] == [
        "分值",
        "执行率(全年执行数/全年预算数)",
        "得分",
        "(20分*执行率)",
    ]


def test_the_last_column_printed_after_the_rows_is_read_where_the_scoring_confirms_it(
    tmp_path: Path,
) -> None:
    form = _form(tmp_path, "10", "9")
    total = form.funds.total
    assert (total.initial, total.adjusted, total.executed) == (
        Decimal(80),
        Decimal(80),
        Decimal(72),
    )
    assert (total.rate, total.weight, total.score) == (Decimal(90), Decimal(10), Decimal(9))
    assert not [f for f in form.findings if f.code == "P012"]


def test_points_the_scoring_does_not_confirm_stay_in_a_finding(tmp_path: Path) -> None:
    form = _form(tmp_path, "100", "10")  # 100 × 90% is not 10: which one is misprinted?
    total = form.funds.total
    assert (total.adjusted, total.executed, total.rate) == (Decimal(80), Decimal(72), Decimal(90))
    assert (total.weight, total.score) == (None, None)
    assert any(f.code == "P012" and "100 10" in f.message for f in form.findings)


def _tokens(*texts: str) -> list[Token]:
    return [Token(t, 1) for t in texts]


def test_an_unprinted_column_is_one_standard_column_left_out_of_an_ordered_header() -> None:
    columns = ["initial", "adjusted", "executed", "weight", "rate"]
    assert unprinted_column(_tokens("5", "5", "5", "10", "100%", "10"), columns) == (5, "score")
    assert unprinted_column(_tokens("5", "5", "5", "10", "100%"), columns) is None  # fits
    assert unprinted_column(_tokens("5", "5", "5", "10", "100%", "10"), columns[::-1]) is None
    assert unprinted_column(_tokens("5", "5", "5", "10", "100%", "10"), columns[1:]) is None


def test_an_inferred_money_column_needs_the_rate_to_confirm_it() -> None:
    columns = ["initial", "adjusted", "executed", "rate"]
    placed = dict(zip(columns, _tokens("8", "8", "6", "75%"), strict=True))
    assert confirmed(placed, "initial") == (placed, [])
    wrong = {**placed, "executed": Token("7", 1)}
    assert confirmed(wrong, "initial") == ({}, list(wrong.values()))
