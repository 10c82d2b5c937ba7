"""A list table (many projects' declarations as one table, one project after another)
read as one form per project: :mod:`jixiao.parse.rebuild.list_tables`, modelled on
``tests/wild`` 140 (井研县马踏镇 部门预算项目绩效目标申报表)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import TargetDeclaration
from jixiao.parse import parse_file
from jixiao.parse.rebuild import rebuild
from jixiao.parse.rebuild.list_tables import split_lists
from jixiao.read import Document

_HEAD = [
    "| 部门预算项目绩效目标申报表(2024年度) | ||||||||||",
    "| 金额单位:元 | ||||||||||",
    "| 单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 "
    "| 指标值 | 度量单位 | 权重 |",
    "| 901-某街道部门 | 1,250,000.00 | |||||||||",
]
_FIRST = [
    "| 901001-某街道办事处 | 环境卫生保洁 | 1,000,000.00 | 保持辖区道路整洁 | 产出指标 | 数量指标 "
    "| 保洁道路长度 | ≥ | 30 | 公里 | 40 |",
    "| 效益指标 | 社会效益指标 | 道路整洁度 | ≥ | 90 | % | 30 | ||||",
    "| 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥ | 90 | % | 30 | ||||",
]
_SECOND = [
    "| 老年活动中心运行 | 250,000.00 | 保障活动中心全年开放 | 产出指标 | 时效指标 | 开放天数 "
    "| ≥ | 300 | 天 | 60 | |",
    "| 服务对象满意度指标 | 老人满意度 | ≥ | 95 | % | 40 | |||||",
]


def _forms(tmp_path: Path, lines: list[str]) -> list[TargetDeclaration]:
    path = tmp_path / "list.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    forms = parse_file(path).forms
    assert all(isinstance(f, TargetDeclaration) for f in forms)
    return [f for f in forms if isinstance(f, TargetDeclaration)]


def test_each_project_of_a_list_table_is_a_form(tmp_path: Path) -> None:
    forms = _forms(tmp_path, _HEAD + _FIRST + _SECOND)
    assert [f.project for f in forms] == ["环境卫生保洁", "老年活动中心运行"]
    assert {f.department for f in forms} == {"901-某街道部门"}
    assert [f.unit for f in forms] == ["901001-某街道办事处"] * 2  # merged over the second
    assert [f.target_meta.current_budget for f in forms] == [
        Decimal("1000000.00"),
        Decimal("250000.00"),
    ]
    assert [f.target_meta.goal for f in forms] == ["保持辖区道路整洁", "保障活动中心全年开放"]
    assert [[(i.name, i.target, i.weight) for i in f.indicators] for f in forms] == [
        [
            ("保洁道路长度", "≥30公里", Decimal(40)),
            ("道路整洁度", "≥90%", Decimal(30)),
            ("居民满意度", "≥90%", Decimal(30)),
        ],
        [("开放天数", "≥300天", Decimal(60)), ("老人满意度", "≥95%", Decimal(40))],
    ]
    # a level-2 label starting a row: its level-1 cell merged from the row above
    assert forms[1].indicators[1].level2 == "服务对象满意度指标"
    assert [f.source.lines for f in forms] == [(1, 7), (1, 9)]


def test_a_row_that_does_not_fit_the_columns_leaves_the_text_as_it_was() -> None:
    bad = "| 901001-某街道办事处 | 环境卫生保洁 | 一百万 | 保持辖区道路整洁 | 产出指标 | 数量指标 |"
    doc = Document.from_text("list.txt", "\n".join([*_HEAD, bad, *_FIRST[1:]]))
    assert split_lists(doc) is None
    fits = Document.from_text("list.txt", "\n".join(_HEAD + _FIRST))
    assert split_lists(fits) is not None


def test_a_form_naming_its_project_above_the_indicator_header_is_no_list() -> None:
    lines = [
        "| 项目支出绩效目标申报表 |",
        "| 项目名称 | 环境卫生保洁 |",
        "| 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 产出指标 | 数量指标 | 保洁道路长度 | ≥30公里 |",
    ]
    assert split_lists(Document.from_text("form.txt", "\n".join(lines))) is None


def _tabbed(line: str) -> str:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells)


def test_a_list_table_copied_from_a_worksheet_is_read_the_same(tmp_path: Path) -> None:
    piped = _forms(tmp_path, _HEAD + _FIRST + _SECOND)
    tabbed = _forms(tmp_path, [_tabbed(line) for line in _HEAD + _FIRST + _SECOND])
    assert [f.project for f in tabbed] == ["环境卫生保洁", "老年活动中心运行"]
    assert [[i.model_dump() for i in f.indicators] for f in tabbed] == [
        [i.model_dump() for i in f.indicators] for f in piped
    ]


def test_what_rebuilding_a_list_leaves_out_is_said_at_the_printed_line() -> None:
    lines = [*_HEAD, *_FIRST, *_SECOND, "审核意见：同意申报，待复核后公开"]
    rebuilt = rebuild(Document.from_text("list.txt", "\n".join(lines)))
    said = [f for f in rebuilt.findings if f.code == "P001"]
    assert [f.values["line"] for f in said] == [len(lines)]
    assert [f.location.lines for f in said] == [(len(lines), len(lines))]
    assert f"第 {len(lines)} 行" in said[0].message


def test_text_no_field_took_is_located_at_the_line_its_finding_names() -> None:
    wild = Path(__file__).parent / "wild" / "inputs"
    for name in (
        "140_sichuan_target_pipe.txt",
        "98_hubei_self_flat.txt",
        "78_anhui_self_spaced.txt",
    ):
        said = [
            f for form in parse_file(wild / name).forms for f in form.findings if f.code == "P001"
        ]
        assert said, name
        for f in said:
            assert f.location.lines is not None
            assert f.location.lines[0] == f.values["line"], (name, f.message, f.location.lines)
