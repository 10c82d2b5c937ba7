"""Header cells an OCR scan scrambled are read by the one vocabulary word nearest them.

A caption with characters dropped, swapped or split, or with look-alike glyphs, names
the column of the vocabulary word it is clearly nearest to (a bound set by the word's
length); a caption as near to two columns' words, a short one, or a value names none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.parse import parse_file
from jixiao.parse.rebuild.nearest import distance, fold, nearest_field
from jixiao.parse.rebuild.vocab import near_header, reordered_level


@pytest.mark.parametrize(
    ("text", "field", "word"),
    [
        ("年成值全完值", "actual", "全年完成值"),  # scrambled, one character twice
        ("际实完成值", "actual", "实际完成值"),  # two characters swapped
        ("实际完值", "actual", "实际完成值"),  # one dropped
        ("级三指标", "name", "三级指标"),
        ("年度指标", "target", "年度指标值"),
    ],
)
def test_a_scrambled_header_names_its_column(text: str, field: str, word: str) -> None:
    assert near_header(text) == (field, word)


@pytest.mark.parametrize(
    "text",
    [
        "实际完成率",  # one character replaced: an indicator's name, not 实际完成值
        "三级指示",
        "分得",  # too short to be read by anything but its exact words
        "100%",
        "实际完成值",  # the exact word: no tolerant reading needed
        "绩效目标",  # a stand-in caption, read by its own rule
        "项目名称",  # a field label of the form's header
        "得分系数(%)",
    ],
)
def test_no_tolerant_reading_where_none_is_clear(text: str) -> None:
    assert near_header(text) is None


def test_lookalike_glyphs_are_folded_and_order_is_ignored() -> None:
    assert fold("己完 成") == "已完成"
    assert fold("曰期") == "日期"
    assert distance("年成值全完值", "全年完成值") == 1
    assert distance("实际完成率", "实际完成值") == 2


def test_two_fields_as_near_name_neither() -> None:
    table = [("a", ["甲乙丙丁"]), ("b", ["甲乙丙戊"])]
    assert nearest_field("甲乙丙", table) is None  # one character from both
    assert nearest_field("乙甲丙丁", table) == (
        "a",
        "甲乙丙丁",
    )  # a's word exactly, in another order
    assert nearest_field("甲乙丙丁戊", [("a", ["甲乙丙丁"]), ("b", ["甲乙丙丁戊己"])]) is None


_FORM = (
    "项目支出绩效自评表\n"
    "项目名称 | 道路养护 |\n"
    "主管部门 | 某某局 |\n"
    "一级指标 | 二级指标 | {name} | 分值 | {target} | {actual} | 得分 |\n"
    "产出指标 | 数量指标 | 养护里程 | 50 | 300公里 | 300公里 | 50 |\n"
    "效益指标 | 社会效益指标 | 出行条件改善 | 50 | 明显改善 | 明显改善 | 45 |\n"
    "总分 | 100 | 95 |\n"
)


@pytest.mark.parametrize("joined", [False, True])
def test_a_form_with_scrambled_headers_reads_its_rows(joined: bool, tmp_path: Path) -> None:
    text = _FORM.format(name="级三指标", target="年度指标", actual="际实完成值")
    if joined:  # every cell run together, as an OCR preview prints it
        text = _FORM.format(name="三级指标", target="年度指标值", actual="际实完成值")
        text = "".join(c.strip() for c in text.replace("\n", "|").split("|"))
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    rows = [(i.name, i.target, i.actual, str(i.score)) for i in form.indicators]
    assert rows == [
        ("养护里程", "300公里", "300公里", "50"),
        ("出行条件改善", "明显改善", "明显改善", "45"),
    ]
    said = [f.message for f in form.findings if f.code == "P006"]
    assert any("际实完成值" in m and "实际完成值" in m for m in said)


def test_a_header_near_two_columns_reads_no_rows_into_either(tmp_path: Path) -> None:
    text = _FORM.format(name="三级指标", target="年度指标值", actual="实际完成率")
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert all(i.actual is None for i in form.indicators)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("出标产指", "产出指标"),
        ("益标效指", "效益指标"),
        ("量数指标", "数量指标"),
        ("标指意度满", "满意度指标"),
    ],
)
def test_a_level_label_read_in_another_order_is_that_label(text: str, word: str) -> None:
    assert reordered_level(text) == word


@pytest.mark.parametrize("text", ["产出指标", "养护里程", "出产", "出标产指(40分)", "指标产出率"])
def test_no_level_label_where_the_characters_differ(text: str) -> None:
    assert reordered_level(text) is None


def test_a_scrambled_level_label_in_a_run_on_table_opens_its_rows(tmp_path: Path) -> None:
    text = (
        "项目支出绩效自评表项目名称道路养护主管部门某某局"
        "一级指标二级指标三级指标分值年度指标值实际完成值得分"
        "出标产指数量指标养护里程50300公里300公里50"
        "益标效指社会效益指标出行条件改善50明显改善明显改善45总分10095"
    )
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    assert [i.level1 for i in form.indicators] == ["产出指标", "效益指标"]
    assert any(f.code == "P006" and "出标产指" in f.message for f in form.findings)
