"""Whole forms whose tables are laid out in columns in spaced text: each habit modelled
on the real document of ``tests/wild`` named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import TargetDeclaration
from jixiao.parse import parse_document, parse_file
from jixiao.parse.layouts.grid import is_stamp
from jixiao.read.html import read_html_text

_DECLARATION = """项目支出预算绩效目标申报表
(2017年度)
项目名称 流动人口公卫经费
主管部门 某区卫计局  项目起止时间 2017年1月至2017年12月
项目资金情况 项目资金申请(万元) 项 目  上年度安排资金 本年度申请资金
合 计 {total}
区级资金 40 40
市级资金
"""


def _target(tmp_path: Path, text: str) -> TargetDeclaration:
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    return form


def test_amounts_in_columns_over_the_total_row(tmp_path: Path) -> None:
    # 岳阳楼区 (113): 上年度安排资金 / 本年度申请资金 over 合 计 40 40
    form = _target(tmp_path, _DECLARATION.format(total="30 40"))
    assert form.target_meta.prior_budget == Decimal("30")
    assert form.target_meta.current_budget == Decimal("40")
    assert not [f for f in form.findings if f.severity == "error"]


def test_a_total_row_that_does_not_fit_the_columns_is_not_read(tmp_path: Path) -> None:
    # three numbers under two captions: which is whose is not known
    form = _target(tmp_path, _DECLARATION.format(total="30 40 70"))
    assert form.target_meta.prior_budget is None
    assert form.target_meta.current_budget is None


_GRID = """<table>
<tr><td colspan=5>项目支出绩效目标表</td></tr>
<tr><td colspan=5>（2023年度）</td></tr>
<tr><td>项目名称</td><td colspan=4>乡村道路养护</td></tr>
<tr><td>实施单位</td><td colspan=4>某县交通运输局</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>依据说明</td></tr>
<tr><td></td><td></td><td></td><td>2022年实际完成值</td><td>预期2023年目标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>养护道路里程</td><td>120公里</td><td></td></tr>
<tr><td>效益指标</td><td>社会效益指标</td><td>道路通行状况</td><td>明显改善</td><td></td></tr>
<tr><td colspan=3>财政资金管理科室(盖章) 年 月 日</td>
    <td colspan=2>财政绩效管理科室(盖章) 年 月 日</td></tr>
</table>"""

_ROWS = [
    ("产出指标", "数量指标", "养护道路里程", "120公里"),
    ("效益指标", "社会效益指标", "道路通行状况", "明显改善"),
]


def test_year_captions_and_stamps_in_a_table_are_no_indicator() -> None:
    # the year-caption row under the header (2021年实际实现值 | 预期2022年实现值) and the
    # stamp line under the table (湖北 99: 财政资金管理科室(盖章) 年 月 日) in table cells
    doc = read_html_text(f"<html><body>{_GRID}</body></html>", "form.html")
    (form,) = parse_document(doc).forms
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == _ROWS


def test_a_stamp_line_ends_the_indicators_in_pipe_text(tmp_path: Path) -> None:
    # 湖北 (99): | 财政资金管理科室(盖章) 年 月 日 | 财政绩效管理科室(盖章) 年 月 日 |
    text = (
        "项目支出绩效目标表 | ||||\n(2023年度) | ||||\n项目名称 | 乡村道路养护 | ||||\n"
        "实施单位 | 某县交通运输局 | ||||\n"
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
        "产出指标 | 数量指标 | 养护道路里程 | 120公里 | |||\n"
        "效益指标 | 社会效益指标 | 道路通行状况 | 明显改善 | |||\n"
        "财政资金管理科室(盖章) 年 月 日 | 财政绩效管理科室(盖章) 年 月 日 |\n"
    )
    form = _target(tmp_path, text)
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == _ROWS
    assert is_stamp("单位(盖章)") and is_stamp("年 月 日")
    assert not is_stamp("盖章率") and not is_stamp("2023年6月1日")
