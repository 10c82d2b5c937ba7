"""A form that prints no year takes the one year the text before it names as its own
(:mod:`jixiao.parse.preamble_year`), with a P006 finding; other years say nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.parse import parse_file

SELF = [
    ["项目支出绩效自评表"],
    ["项目名称", "委托业务项目"],
    ["主管部门", "池州市贵池区棠溪镇人民政府", "实施单位", "棠溪镇财政所"],
    ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "90", "90", "89.97", "10", "99.97%", "10"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "委托业务项目数量", "≥50个", "50个", "30", "30"],
    ["满意度指标", "服务对象满意度指标", "公众满意度", "≥90%", "95%", "10", "10"],
]
TARGET = [
    ["项目支出绩效目标表"],
    ["项目名称", "生猪调出大县奖励"],
    ["主管部门", "县农业农村委", "实施单位", "县畜牧站"],
    ["年度目标", "扶持生猪产业发展，稳定生猪生产。"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "奖励县数", "1个"],
    ["满意度指标", "服务对象满意度指标", "养殖户满意度", "≥90%"],
]


def _read(tmp_path: Path, preamble: list[str], rows: list[list[str]]) -> tuple[int | None, str]:
    table = ["| " + " | ".join(r) + " |" for r in rows]
    path = tmp_path / "form.txt"
    path.write_text("\n".join([*preamble, *table]) + "\n", encoding="utf-8")
    (form,) = parse_file(path).forms
    said = [f.message for f in form.findings if f.code == "P006" and "年度" in f.message]
    return form.year, " ".join(said)


def test_a_heading_naming_the_fiscal_year(tmp_path: Path) -> None:
    year, said = _read(tmp_path, ["广水市交通运输局2021年度乡村道路项目自评表.pdf"], SELF)
    assert year == 2021
    assert "第 1 行" in said and "2021年度" in said


@pytest.mark.parametrize(
    "notice",
    [
        "重庆市大足区财政局 关于提前下达2025年少数民族发展资金预算的通知",
        "现向你区下达2025年预算2350万元，专门用于畜禽粪污资源化利用。",
        "广水市教育局2025年整体绩效目标申报.pdf",
    ],
)
def test_a_declaration_takes_the_year_sent_down(tmp_path: Path, notice: str) -> None:
    year, said = _read(tmp_path, ["发文日期：2024-12-27", notice], TARGET)
    assert year == 2025 and "第 2 行" in said


@pytest.mark.parametrize(
    ("preamble", "rows"),
    [
        (["2018年财政支出项目绩效自评报告"], SELF),  # the report's year or the year evaluated?
        (["填报日期：2022 年 8 月 10 日"], SELF),  # a date
        (["关于下达2021年预算的通知"], SELF),  # money sent down: no self-evaluation's year
        (["中心2021年度较好完成了各项履职任务，群众满意。"], SELF),  # a sentence
        (["2021年度项目自评表", "2022年度项目自评表"], SELF),  # two years
        (["关于下达2021年预算的通知", "下达2022年资金"], TARGET),
        (["填报日期：2021 年 1 月 28 日"], TARGET),  # declared the year before, or that year?
    ],
)
def test_no_year_unless_one_is_named_as_the_forms(
    tmp_path: Path, preamble: list[str], rows: list[list[str]]
) -> None:
    assert _read(tmp_path, preamble, rows) == (None, "")


def test_a_printed_year_stays(tmp_path: Path) -> None:
    rows = [SELF[0], ["(2020年度)"], *SELF[1:]]
    assert _read(tmp_path, ["2021年度乡村道路项目自评表"], rows) == (2020, "")
