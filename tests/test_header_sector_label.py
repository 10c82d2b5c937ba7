"""A level's 主管部门 printed with its sector (``区级林业主管部门``) names the department, as the
level's 主管部门 does; a finance bureau's label names none (:func:`key_of`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model import TargetDeclaration
from jixiao.parse.layouts.grid._header import key_of
from support import parse_text


@pytest.mark.parametrize(
    "label", ["区级林业主管部门", "省级林业和草原主管部门", "市级教育主管部门"]
)
def test_a_sector_main_department_is_the_department(label: str) -> None:
    found = key_of(label)
    assert found is not None and found[0] == "department"


@pytest.mark.parametrize("label", ["市级财政主管部门", "区级林业部门", "林业主管部门审核意见"])
def test_other_labels_name_no_department(label: str) -> None:
    found = key_of(label)
    assert found is None or found[0] != "department"


def test_a_sector_main_department_in_one_cell_a_line(tmp_path: Path) -> None:
    # 陈仓 (177): 区级财政部门 | 宝鸡市陈仓区财政局 | 区级林业主管部门 | 宝鸡市陈仓区林业局
    cells = [
        "2021年林业生态保护恢复资金区域绩效目标申报表",
        "项目名称 |",
        "林业草原生态保护恢复资金 | |||",
        "区级财政部门 |",
        "宝鸡市陈仓区财政局 | |||",
        "区级林业主管部门 |",
        "宝鸡市陈仓区林业局 | |||",
        "年度金额(万元) |",
        "189.42 | |||",
        "一级指标 |",
        "二级指标 |",
        "三级指标 |",
        "指标值 |",
        "产出指标 |",
        "数量指标 |",
        "参保人数(人) |",
        "163 |",
    ]
    (form,) = parse_text(tmp_path, "\n".join(cells) + "\n")
    assert isinstance(form, TargetDeclaration)
    assert form.department == "宝鸡市陈仓区林业局"
