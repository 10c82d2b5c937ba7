"""A header's second row of year captions over the 指标值 column is no indicator row."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.parse import parse_file
from jixiao.parse.rebuild.vocab import year_caption

_FORM = """项目支出绩效目标表 | ||||
(2023年度) | ||||
项目名称 | 乡村道路养护 | ||||
实施单位 | 某县交通运输局 | ||||
年度绩效目标 | 完成道路养护120公里。 | ||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | {extra} |
{captions} | |||||
产出指标 | 数量指标 | 养护道路里程 | 120公里 | ||||
效益指标 | 社会效益指标 | 道路通行状况 | 明显改善 | ||||
"""


@pytest.mark.parametrize(
    ("extra", "captions"),
    [
        ("依据说明", "2022年实际完成值 | 预期2023年目标值"),
        ("", "2022年度实现值 | 2023年度指标值"),
    ],
)
def test_year_captions_under_the_header_are_no_indicator(
    extra: str, captions: str, tmp_path: Path
) -> None:
    path = tmp_path / "t.txt"
    path.write_text(_FORM.format(extra=extra, captions=captions), encoding="utf-8")
    (form,) = parse_file(path).forms
    rows = [(i.level1, i.level2, i.name, i.target) for i in form.indicators]
    assert rows == [
        ("产出指标", "数量指标", "养护道路里程", "120公里"),
        ("效益指标", "社会效益指标", "道路通行状况", "明显改善"),
    ]


def test_year_caption_words() -> None:
    assert year_caption("2021年实际实现值")
    assert year_caption("预期2022年实现值")
    assert not year_caption("2022年完成道路养护120公里")
    assert not year_caption("实现值")
    assert not year_caption("2022年")
