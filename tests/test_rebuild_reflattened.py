"""The same forms as another site or tool flattens them (``tests/wild/reflatten.py``).

A whole form dumped on one line after a page's few stray bars is still a run of
space-separated cells, not one cell; a label and its name glued into one cell, with the
label of the next name run on after it, is three cells.
"""

from __future__ import annotations

from pathlib import Path

from tests.support import parse_text

from jixiao.model import TargetDeclaration
from jixiao.parse.rebuild.runon import split_runon
from jixiao.parse.rebuild.tokens import Token, tokenize
from jixiao.read import Document, Line

_FORM = (
    "绩效目标申报表(基础设施建设类) (2022年度) 项目名称 岳阳县2022年高标准农田建设项目 "
    "项目负责人及电话 ××× 主管部门 岳阳县农业农村局 实施单位 农田建设服务中心 资金情况 (万元) "
    "年度资金总额: 854 其中:财政拨款 854 其他资金 总体目标 年度目标 完成项目主体工程70% "
    "绩效指标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 脱贫村村内道路硬化里程 "
    "≥100公里 脱贫户供水设施数量 ≥20座 质量指标 项目(工程)验收合格率 100% "
    "满意度指标 服务对象满意度指标 受益脱贫(监测)户满意度 ≥95%"
)
_HEADLINE = "乡村振兴衔接资金绩效目标申报表(高标准农田建设) 来源:岳阳县农业农村局 浏览量:1 | | | | "


def _doc(text: str) -> Document:
    return Document("x.txt", (Line(1, text),))


def test_a_flat_form_after_a_pages_stray_bars_is_cut_at_its_spaces() -> None:
    texts = [t.text for t in tokenize(_doc(_HEADLINE + _FORM))]
    assert "项目名称" in texts and "岳阳县2022年高标准农田建设项目" in texts
    # a short cell between bars keeps its spaces' words together
    assert [t.text for t in tokenize(_doc("| 项目名称 | 岳阳县 高标准 农田 |"))][1] == (
        "岳阳县 高标准 农田"
    )


def test_a_flat_form_after_a_pages_stray_bars_reads(tmp_path: Path) -> None:
    (form,) = parse_text(tmp_path, _HEADLINE + _FORM)
    assert isinstance(form, TargetDeclaration)
    assert form.project == "岳阳县2022年高标准农田建设项目"
    assert form.department == "岳阳县农业农村局"
    assert form.unit == "农田建设服务中心"
    assert [i.name for i in form.indicators][:2] == ["脱贫村村内道路硬化里程", "脱贫户供水设施数量"]


def test_a_names_label_run_on_after_a_name_cuts_it() -> None:
    glued = Token("项目主管部门青山区教育局项目执行单位化工区学校", 1)
    assert [t.text for t in split_runon(glued, True)] == [
        "项目主管部门",
        "青山区教育局",
        "项目执行单位",
        "化工区学校",
    ]
    # no label inside the name, or none with words after it: the name stays whole
    for text, name in (
        ("项目名称党外人才专项服务工作经费", "党外人才专项服务工作经费"),
        ("主管部门青山区教育局实施单位", "青山区教育局实施单位"),
    ):
        assert [t.text for t in split_runon(Token(text, 1), True)][-1] == name
