"""Honest outcomes: a title with nothing read under it is an error, never "1 张表" with
empty fields and exit 0; a refusal names what it saw."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support import run_cli

from jixiao.errors import NoLayoutError
from jixiao.parse import parse_file

EMPTY_FORM = "项目支出绩效自评表\n（2023年度）\n项目名称 |\n某某培训项目 |\n主管部门 |\n某某局 |\n"
"""A title and two labelled cells, then nothing: no amount, no indicator row."""


def test_a_title_with_nothing_under_it_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "空表.txt"
    path.write_text(EMPTY_FORM, encoding="utf-8")
    forms = parse_file(path).forms
    assert len(forms) == 1
    codes = [f.code for f in forms[0].findings]
    assert "P013" in codes
    p013 = next(f for f in forms[0].findings if f.code == "P013")
    assert p013.severity.value == "error"
    assert "某某培训项目" in p013.message and "第 1 行" in p013.message


def test_the_cli_exits_1_on_an_empty_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "空表.txt"
    path.write_text(EMPTY_FORM, encoding="utf-8")
    code, out, _ = run_cli(["parse", str(path)], capsys)
    assert code == 1
    assert "P013" in out


def test_a_form_with_indicators_has_no_p013(tmp_path: Path) -> None:
    text = EMPTY_FORM + (
        "一级指标 |\n二级指标 |\n三级指标 |\n年度指标值 |\n实际完成值 |\n分值 |\n得分 |\n"
        "产出指标 |\n数量指标 |\n培训人次 |\n≥100人次 |\n120人次 |\n90 |\n90 |\n"
        "总分 |\n90 |\n90 |\n"
    )
    path = tmp_path / "表.txt"
    path.write_text(text, encoding="utf-8")
    forms = parse_file(path).forms
    assert forms[0].indicators and forms[0].indicators[0].name == "培训人次"
    assert "P013" not in [f.code for f in forms[0].findings]


def test_a_refusal_names_the_title_it_saw(tmp_path: Path) -> None:
    path = tmp_path / "拒.txt"
    path.write_text("关于公开的说明\n附：项目支出绩效自评表\n以下内容略。\n", encoding="utf-8")
    with pytest.raises(NoLayoutError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "第 2 行有标题「项目支出绩效自评表」" in message


def test_a_refusal_of_text_without_forms_says_so(tmp_path: Path) -> None:
    path = tmp_path / "无.txt"
    path.write_text("今天天气很好。\n明天也很好。\n", encoding="utf-8")
    with pytest.raises(NoLayoutError) as caught:
        parse_file(path)
    assert "文中没有表单标题或表格" in str(caught.value)


def test_a_refusal_of_indicator_rows_without_title_or_header_names_them(tmp_path: Path) -> None:
    """A page cut out of a longer form: its 一级指标 labels are named, and what is missing."""
    path = tmp_path / "摘录.txt"
    rows = "产出指标数量指标足额保障率=100% 22.5 效益指标经济效益指标结余率≤5% 22.5 合计100"
    text = f"说明文字。\n{rows}\n"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NoLayoutError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "第 2 行起有指标行的文字（一级指标「产出指标、效益指标」），但没有表单标题" in message
    assert "没有「一级指标」「三级指标」「年度资金总额」一类表头" in message


def test_a_refusal_of_a_piped_table_names_its_lines_and_why(tmp_path: Path) -> None:
    path = tmp_path / "续页.txt"
    rows = ["安全警示标志设置及时率 | = | 100 | % | 100 | 5 |", "清理垃圾成本预算 | = | 4 | 万元 |"]
    path.write_text("\n".join(rows * 2) + "\n", encoding="utf-8")
    with pytest.raises(NoLayoutError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "第 1–4 行有 4 行竖线分隔的表格文字（最多 6 格一行）" in message
    assert "没有「一级指标」「三级指标」「年度资金总额」一类表头" in message


BLANK_FORM = (
    "附1: 项目支出绩效目标申报表 ( 年度) 填报单位(盖章): 项目名称 _________ 主管部门 "
    "项目属性 新增项目□ 延续项目□ 项目资金(万元) 资金总额: 财政拨款: 其他资金: "
    "绩效目标 长期目标 年度目标 一级指标 二级指标 三级指标 指标值 产出指标 数量指标 "
    "1. 2. 3. …… 效益指标 社会效益指标 …… 填报人: 填报日期: 年 月 日"
)
"""A template as published (适用2017年…): labels, tick boxes, fill lines, item numbers."""


def test_a_blank_template_is_refused_as_one(tmp_path: Path) -> None:
    path = tmp_path / "表样.txt"
    path.write_text(BLANK_FORM, encoding="utf-8")
    with pytest.raises(NoLayoutError) as err:
        parse_file(path)
    assert "空白表样" in str(err.value) and "第 1 行起有 1 张绩效目标表" in str(err.value)


@pytest.mark.parametrize(
    ("blank", "filled"),
    [("项目名称 _________", "项目名称 乡村道路养护"), ("资金总额:", "资金总额: 309")],
)
def test_a_template_with_a_name_or_a_figure_is_no_blank_one(
    blank: str, filled: str, tmp_path: Path
) -> None:
    """A name or a figure filled in: no blank template, the form is returned (with its
    findings), never refused as a template."""
    assert blank in BLANK_FORM
    path = tmp_path / "表.txt"
    path.write_text(BLANK_FORM.replace(blank, filled), encoding="utf-8")
    assert parse_file(path).forms


RUN_TOGETHER = (
    "项目支出绩效自评表\n"
    "评价指标评价内容指标名称指标说明目标值分值\n"
    "项目年度目标制度指标规章制度建立与否20\n"
    "产出数量指标培训人数达到预计值210010\n"
    "成本指标培训标准达标率100%20\n"
)
"""A title, a header of five columns and rows whose cells run together in a way no
layout splits (河北 09's shape): an empty form."""


def test_an_empty_forms_error_says_what_its_lines_hold(tmp_path: Path) -> None:
    path = tmp_path / "连写.txt"
    path.write_text(RUN_TOGETHER, encoding="utf-8")
    forms = parse_file(path).forms
    p013 = next(f for f in forms[0].findings if f.code == "P013")
    assert "第 1–5 行有 5 行文字" in p013.message
    assert "表头词「评价指标、评价内容、指标名称、目标值、分值」" in p013.message
    assert "一级指标「成本指标」" in p013.message
    assert "4 个数" in p013.message  # 20, 210010, 100%, 20


def test_an_empty_form_without_a_figure_says_it_is_not_filled(tmp_path: Path) -> None:
    path = tmp_path / "空表.txt"
    path.write_text(EMPTY_FORM, encoding="utf-8")
    p013 = next(f for f in parse_file(path).forms[0].findings if f.code == "P013")
    assert "没有一个数（表未填写）" in p013.message


READ_FORM = (
    "项目支出绩效自评表\n（2023年度）\n项目名称 |\n某某培训项目 |\n"
    "一级指标 |\n二级指标 |\n三级指标 |\n年度指标值 |\n实际完成值 |\n分值 |\n得分 |\n"
    "产出指标 |\n数量指标 |\n培训人次 |\n≥100人次 |\n120人次 |\n90 |\n90 |\n"
    "总分 |\n90 |\n90 |\n"
)
"""A form whose indicator row is read."""
CUT_OFF = "\n2023年项目支出绩效自评表\n\n\n单位:万元\n单位信息:917001-某某街道办事处(本级)\n"
"""A second title and its head lines, then the end of the text (a preview cut off)."""


def test_a_last_title_with_only_head_lines_after_it_is_a_cut_off_text(tmp_path: Path) -> None:
    """An excerpt that ends after a second title and a line of its head (the page of a
    preview cut off): the text ends there, P017 says so, and no error is raised."""
    path = tmp_path / "截断.txt"
    path.write_text(READ_FORM + CUT_OFF, encoding="utf-8")
    first, last = parse_file(path).forms
    assert first.indicators
    codes = [(f.code, f.severity.value) for f in last.findings]
    assert ("P017", "warning") in codes and "P013" not in [c for c, _ in codes]


def test_a_last_form_printing_its_header_but_no_row_is_still_an_error(tmp_path: Path) -> None:
    """The same text with the second form's column header printed: a table was there and
    nothing of it was read, so it stays a P013 error."""
    path = tmp_path / "表头.txt"
    header = "一级指标 |\n二级指标 |\n三级指标 |\n年度指标值 |\n"
    path.write_text(READ_FORM + CUT_OFF + header, encoding="utf-8")
    last = parse_file(path).forms[-1]
    assert "P013" in [f.code for f in last.findings]


def test_a_lone_title_with_nothing_read_anywhere_is_still_an_error(tmp_path: Path) -> None:
    path = tmp_path / "单表.txt"
    path.write_text("项目支出绩效自评表\n单位:万元\n", encoding="utf-8")
    try:
        forms = parse_file(path).forms
    except NoLayoutError:
        return  # refused: an error too
    assert "P013" in [f.code for f in forms[-1].findings]
