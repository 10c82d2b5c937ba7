"""Habits of the eighth batch of unseen self-evaluations (``tests/wild`` 144–150), each
modelled on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file


def _forms(tmp_path: Path, text: str) -> list[SelfEvaluation]:
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    forms = parse_file(path).forms
    assert all(isinstance(f, SelfEvaluation) for f in forms)
    return forms  # type: ignore[return-value]


_BY_LEVEL = """医疗救助补助资金转移支付项目绩效目标自评表 | |||||||
(2024年度) | |||||||
转移支付(项目)名称 | 医疗救助补助资金 | ||||||
中央主管部门 | 医疗保障局 | ||||||
地方主管部门 | 医疗保障局 | 资金使用单位 | 某县医疗保障局 | ||||
资金投入情况(万元) | 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A×100%) | ||||
年度资金总额: | 3359.62万 | 3359.62万 | 100% | ||||
其中:中央财政资金 | 829.3万 | 829.3万 | 100% | ||||
彩票公益金用于医疗救助 | 0 | 0 | 100% | ||||
地方资金 | 2530.32万 | 2530.32万 | 100% | ||||
其他资金 | |||||||
"""
"""The funding rows of a 转移支付 self-evaluation as 霍山 144 (安徽) prints them: the money
by the government it comes from (中央财政资金, 地方资金), a lottery fund between them,
amounts with their unit."""


def test_funding_rows_by_government_are_sources_not_the_appropriation(tmp_path: Path) -> None:
    (form,) = _forms(tmp_path, _BY_LEVEL)
    assert form.funds.total.adjusted == Decimal("3359.62")
    assert form.funds.appropriation.adjusted is None  # 中央财政资金 is no 财政资金 row
    extra = form.funds_extra
    assert list(extra) == ["中央财政资金", "彩票公益金用于医疗救助", "地方资金"]
    assert extra["中央财政资金"].executed == Decimal("829.3")
    assert extra["彩票公益金用于医疗救助"].adjusted == Decimal("0")
    assert (extra["地方资金"].adjusted, extra["地方资金"].rate) == (
        Decimal("2530.32"),
        Decimal("100"),
    )


def test_one_government_named_row_is_still_the_appropriation(tmp_path: Path) -> None:
    """Alone, a row naming a level (``其中:市级财政资金``) is this level's appropriation:
    only two or more such rows are a breakdown by level."""
    text = _BY_LEVEL.replace("其中:中央财政资金", "其中:市级财政资金")
    text = text.replace("彩票公益金用于医疗救助 | 0 | 0 | 100% | ||||\n", "")
    text = text.replace("地方资金 | 2530.32万 | 2530.32万 | 100% | ||||\n", "")
    (form,) = _forms(tmp_path, text)
    assert form.funds.appropriation.adjusted == Decimal("829.3")
    assert not form.funds_extra


_COVER = """岳阳市某区财政支出项目绩效评价自评报告

项目名称        优 抚

项目单位     某区民政局

主管部门

评价方式:部门(单位)绩效自评

评价机构:部门(单位)评价组

报告日期:2017 年7 月 15  日

项目负责人

张三

联系电话

8328726

项目绩效定量目标(指标)及完成情况

一级指标

二级指标

指标内容

指标(目标)值

实际完成值
"""
"""The cover of a 湖南 《财政支出项目绩效评价自评报告》 as 南湖新区 150 prints it, a cell a
paragraph: 主管部门 printed empty, the cover's own captions and values after it."""


def test_a_name_printed_empty_takes_no_captioned_cell_after_it(tmp_path: Path) -> None:
    path = tmp_path / "cover.txt"
    path.write_text(_COVER, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.unit == "某区民政局"
    assert form.department is None  # not 评价方式:部门(单位)绩效自评评价机构:…
