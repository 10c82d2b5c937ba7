"""Which 一级指标 a group of 二级指标 belongs to (:mod:`jixiao.parse.families`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.parse.families import family, lost_level1, printed_level1_weights

_NOTE = (
    "注:1.一级指标分值统一设置为:产出指标50分、效益指标30分、服务对象满意度指标10分、"
    "预算资金执行率10分。"
)


def test_family_of_standard_and_unknown_labels() -> None:
    assert family("数量指标") == {"产出"}
    assert family("可持续影响指标") == {"效益"}
    assert family("成本指标") == {"产出", "成本"}
    assert family("项目完成") == set()


def test_the_weights_a_note_prints_for_the_level1_labels() -> None:
    assert printed_level1_weights([_NOTE, "总分 100 100"]) == {
        Decimal(50): {"产出"},
        Decimal(30): {"效益"},
        Decimal(10): {"满意度"},
    }
    assert printed_level1_weights(["产出指标(50分)"]) == {}  # a label's own weight


@pytest.mark.parametrize(
    ("level2s", "weight", "named"),
    [
        (["数量指标", "质量指标", "时效指标", "成本指标"], 50, "产出指标"),
        (["经济效益指标", "社会效益指标", "可持续影响指标"], 30, "效益指标"),
        (["服务对象满意度指标"], 10, "满意度指标"),
        (["数量指标", "质量指标"], 30, None),  # the note's 30 is 效益指标's
        (["数量指标", "质量指标"], 20, None),  # no label printed with 20
        (["数量指标", "质量指标"], None, None),
        (["数量指标", None], 50, None),  # a row without a 二级 label
        (["数量指标", "项目完成"], 50, None),  # a label the framework does not know
        ([], 50, None),
    ],
)
def test_lost_level1_names_a_cell_only_where_the_form_says_which(
    level2s: list[str | None], weight: int | None, named: str | None
) -> None:
    printed = printed_level1_weights([_NOTE])
    w = Decimal(weight) if weight is not None else None
    assert lost_level1(level2s, w, printed) == named


def test_a_weight_printed_for_two_labels_names_neither() -> None:
    printed = printed_level1_weights(["产出指标40分、效益指标40分"])
    assert lost_level1(["数量指标"], Decimal(40), printed) is None
