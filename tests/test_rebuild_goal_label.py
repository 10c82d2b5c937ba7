"""The bare label 绩效目标 before a cell of text is a declaration's goal, also printed
with fillers between its characters (a page's lost spacing)."""

from __future__ import annotations

from pathlib import Path

from jixiao.parse import parse_file

_FORM = """项目支出绩效目标表 | ||||
(2023年度) | ||||
项目名称 | 乡村道路养护 | ||||
{label} | 完成道路养护120公里,路况优良率达到90%。 | ||||
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | |
产出指标 | 数量指标 | 养护道路里程 | 120公里 | ||||
效益指标 | 社会效益指标 | 道路通行状况 | 明显改善 | ||||
"""


def _goal(label: str, tmp_path: Path) -> str | None:
    path = tmp_path / "t.txt"
    path.write_text(_FORM.format(label=label), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert form.target_meta is not None
    return form.target_meta.goal


def test_the_bare_goal_label_is_read(tmp_path: Path) -> None:
    goal = "完成道路养护120公里,路况优良率达到90%。"
    assert _goal("绩?????? 效???? 目?????? 标", tmp_path) == goal
    assert _goal("绩效目标", tmp_path) == goal
