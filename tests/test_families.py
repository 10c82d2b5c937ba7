"""Which 一级指标 a group of 二级指标 belongs to (:mod:`jixiao.parse.families`)."""

from __future__ import annotations

import pytest

from jixiao.parse.families import family, lost_level1


def test_family_of_standard_and_unknown_labels() -> None:
    assert family("数量指标") == {"产出"}
    assert family("可持续影响指标") == {"效益"}
    assert family("成本指标") == {"产出", "成本"}
    assert family("项目完成") == set()


@pytest.mark.parametrize(
    ("level2s", "named"),
    [
        (["数量指标", "质量指标", "时效指标", "成本指标"], "产出指标"),
        (["经济效益指标", "社会效益指标", "可持续影响指标"], "效益指标"),
        (["服务对象满意度指标"], "满意度指标"),
        (["成本指标"], None),  # 产出 or 成本: two readings
        (["数量指标", "社会效益指标"], None),  # no one 一级 holds both
        (["数量指标", None], None),  # a row without a 二级 label
        (["数量指标", "项目完成"], None),  # a label the framework does not know
        ([], None),
    ],
)
def test_lost_level1_names_a_cell_only_where_one_label_fits(
    level2s: list[str | None], named: str | None
) -> None:
    assert lost_level1(level2s) == named
