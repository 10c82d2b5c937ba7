"""Cleaning extracted text: tags, extraction whitespace, wrapped cells, numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.parse.text import clean, join_cell, parse_number, parse_percent, strip_tags


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("通过 app现代服务方式", "通过app现代服务方式"),
        ("在 2024年计划开展 3场", "在2024年计划开展3场"),
        ("≥ 90%", "≥90%"),
        (">= 47 件", ">=47件"),
        ("10000.00 (份)", "10000.00(份)"),
        ("<b>公共服务</b>专项", "公共服务专项"),
        ("=3600m <sup>2</sup>", "=3600m²"),
        ("力度不够 2、三省一市", "力度不够 2、三省一市"),
        ("推进，2、完成", "推进，2、完成"),
        ("HR manager", "HR manager"),
        ("  \n ", None),
        ("<del>x</del>", "x"),
    ],
)
def test_clean(raw: str, want: str | None) -> None:
    assert clean(raw) == want


def test_strip_tags_keeps_non_html_angle_brackets() -> None:
    assert strip_tags("印发<加快实施人才高峰工程行动方案>的通知") == (
        "印发<加快实施人才高峰工程行动方案>的通知"
    )


def test_join_cell_drops_line_breaks_even_inside_numbers() -> None:
    assert (
        join_cell(["完成市指标的126", ".2%；2023 年 1", "1 月"]) == "完成市指标的126.2%；2023年11月"
    )
    assert join_cell(["部分达成指", "标并具有一", "定效果"]) == "部分达成指标并具有一定效果"
    assert join_cell(["HR", "manager"]) == "HR manager"
    assert join_cell([None, ""]) is None


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("1,150.00", Decimal("1150.00")),
        ("7,762,496.1", Decimal("7762496.1")),
        ("0", Decimal("0")),
        ("-", None),
        ("—", None),
        ("--", None),  # two dashed cells run together, or one printed so
        ("———", None),
        ("", None),
        ("１２.５", Decimal("12.5")),
    ],
)
def test_parse_number(raw: str, want: Decimal | None) -> None:
    assert parse_number(raw) == want


@pytest.mark.parametrize("raw", ["abc", "1,2,3", "12.3.4", "=100(%)", "+"])
def test_parse_number_rejects_non_numbers(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


def test_parse_percent() -> None:
    assert parse_percent("100.00%") == Decimal("100.00")
    assert parse_percent("97.67") == Decimal("97.67")


@given(st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False))
def test_parse_number_reads_grouped_thousands(value: Decimal) -> None:
    assert parse_number(format(value, ",")) == value
