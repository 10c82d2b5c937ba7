"""A form whose rebuilt table lost its funding caption takes the money unit the caption
names in its own lines (:mod:`jixiao.parse.caption_unit`), with a P006 finding; a form
whose lines name two units, or none, stays without one."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import Form
from support import parse_text

_HEAD = [
    "项目支出绩效目标表 |",
    "项目名称 | 松材线虫病除治 | 项目负责人及电话 | 123 |",
    "主管部门 | 区林业局 | 实施单位 | 镇农业服务中心 |",
]
_FUNDS = [
    "年度资金总额: | 179.9 |",
    "其中:财政拨款 | 179.9 |",
    "其他资金 | 0 |",
    "年度目标 | 对十七个村的死亡松树全部除治并焚烧碳化。 |",
    "一级指标 | 二级指标 | 三级指标 | 指标值 |",
]


def _read(tmp_path: Path, lines: list[str]) -> Form:
    (form,) = parse_text(tmp_path, "\n".join(lines) + "\n")
    return form


def _said(form: Form) -> str:
    said = (f.message for f in form.findings if f.code == "P006")
    return " ".join(m for m in said if "金额单位" in m)


def test_a_lone_caption_row_names_the_unit(tmp_path: Path) -> None:
    rows = [
        "产出指标 | 数量指标 | 除治村数 | 17个 |",
        "满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% |",
    ]
    form = _read(tmp_path, [*_HEAD, "资金情况 (单位:万元) |", *_FUNDS, *rows])
    assert form.money_unit == "万元"
    assert "第 4 行" in _said(form) and "单位:万元" in _said(form)


def test_two_units_in_the_form_say_nothing(tmp_path: Path) -> None:
    rows = [
        "产出指标 | 数量指标 | 人均补助资金(元) | 300 |",
        "满意度指标 | 服务对象满意度指标 | 村民满意度 | ≥90% |",
    ]
    form = _read(tmp_path, [*_HEAD, "资金情况 (单位:万元) |", *_FUNDS, *rows])
    assert form.money_unit is None and not _said(form)


def test_a_measure_unit_is_no_money_unit(tmp_path: Path) -> None:
    rows = [
        "产出指标 | 数量指标 | 补助标准 计量单位:元 | 300 |",
        "满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% |",
    ]
    form = _read(tmp_path, [*_HEAD, "资金情况 |", *_FUNDS, *rows])
    assert form.money_unit is None and not _said(form)
