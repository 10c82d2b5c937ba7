"""Flat text a PDF scrambled: the indicator rows that print every cell are read, the
rest stays text (:mod:`jixiao.parse.rebuild.full_rows`).

A whole form on one line, taken from a PDF's text layer, keeps some rows as printed and
interleaves others (a name wrapped over two lines of its cell, the values of one row after
the name of the next, the captions of the header among the first rows' cells). Only the
rows whose cut is forced are read; a row whose name may be longer or whose values may be
another row's is never read.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from tempfile import TemporaryDirectory

from jixiao.model import SelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.rebuild.full_rows import full_rows, scattered_header
from jixiao.parse.rebuild.row_check import Printed
from jixiao.parse.rebuild.tokens import Token

_HEAD = "项目支出绩效自评表 (2021年度) 项目名称 公共卫生服务 主管部门 某县卫生健康局"


def _parse(text: str) -> SelfEvaluation:
    with TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.txt"
        path.write_text(text + "\n", encoding="utf-8")
        (form,) = parse_file(path).forms
    assert isinstance(form, SelfEvaluation)
    return form


def _rows(form: SelfEvaluation) -> list[tuple[str | None, ...]]:
    def text(v: object) -> str | None:
        return None if v is None else str(v)

    return [(i.name, i.target, i.actual, text(i.weight), text(i.score)) for i in form.indicators]


def _tokens(text: str) -> list[Token]:
    return [Token(t, 1, spaced=True) for t in text.split()]


def _never(token: Token) -> bool:
    return False


_NONE = Printed()


# the rows of a 4-column table (三级指标, 年初目标值, 实际完成值, 得分) as a PDF prints them:
# the third name wrapped (its values printed with its second line), the fourth row's target
# and actual wrapped, the 二级 labels of the merged cells after the rows
_PDF_ROWS = (
    "三级指标 年初目标值 实际完成值 得分 "
    "服务外包在岸(万美元) 20000 23333.56 10 服务外包离岸(万美元) 4500 4557.51 10 "
    "支持服务贸易、服务外 包企业数量 3 3 10 企业国际质量提升 获得目的国 (地区)受 众欢迎 "
    "受目的国受 众欢迎显著 10 预算资金执行率 90% 100% 10 资金拨付及时性 98%以上 100% 10 "
    "社会效益指标 企业把握政治导向和文 化方向情况 二级指标 数量指标 时效指标 质量指标"
)


def test_the_rows_a_pdf_kept_are_read_and_the_scrambled_ones_stay_text() -> None:
    form = _parse(f"{_HEAD} {_PDF_ROWS}")
    assert _rows(form) == [
        ("服务外包在岸(万美元)", "20000", "23333.56", None, "10"),
        ("预算资金执行率", "90%", "100%", None, "10"),
        ("资金拨付及时性", "98%以上", "100%", None, "10"),
    ]
    # no 一级/二级 label is placed: where a PDF prints a merged cell's label is no row's
    assert all(i.level1 is None and i.level2 is None for i in form.indicators)
    kept = " ".join(f.message for f in form.findings if f.code == "P012")
    assert "服务外包离岸(万美元) 4500 4557.51 10 支持服务贸易、服务外 包企业数量" in kept


def test_a_row_before_words_that_may_be_the_rest_of_its_name_is_not_read() -> None:
    # 服务外包离岸 is followed by 支持服务贸易、服务外: the row's name may go on there
    text = "服务外包在岸 20000 23333.56 10 服务外包离岸 4500 4557.51 10 支持服务贸易、服务外 结尾"
    found = full_rows(_tokens(text), ["name", "target", "actual", "score"], _NONE, _never)
    assert found is None  # one row alone is no evidence
    text2 = f"甲项 1 2 3 {text}"
    found2 = full_rows(_tokens(text2), ["name", "target", "actual", "score"], _NONE, _never)
    assert found2 is not None
    assert [r.cells["name"][0].text for r in found2[0]] == ["甲项", "服务外包在岸"]


def test_a_name_after_other_words_is_not_read() -> None:
    # 包企业数量 3 3 10 has every cell, but its name may begin in the words before it
    text = "甲项 1 2 3 乙项 4 5 6 丙项 7 8 9 支持服务贸易、服务外 包企业数量 3 3 10"
    found = full_rows(_tokens(text), ["name", "target", "actual", "score"], _NONE, _never)
    assert found is not None
    rows, left = found
    assert [r.cells["name"][0].text for r in rows] == ["甲项", "乙项"]
    rest = ["丙项", "7", "8", "9", "支持服务贸易、服务外", "包企业数量", "3", "3", "10"]
    assert [[t.text for t in run] for run in left] == [rest]


def test_values_followed_by_more_values_are_no_row() -> None:
    # 指标25's name is followed by the values of 指标24 and then its own: neither is read
    text = (
        "指标22:老年人体检数 5662人 4044人 2 1.4 指标23:早孕建册数 120人 69人 2 1 "
        "指标24:传染病报告 数 指标25:家庭医生签约率 14例 14例 2 2 24694人 22584人 2 1.7"
    )
    columns = ["name", "target", "actual", "weight", "score"]
    found = full_rows(_tokens(text), columns, _NONE, _never)
    assert found is not None
    rows, _ = found
    assert [r.cells["name"][0].text for r in rows] == ["指标22:老年人体检数", "指标23:早孕建册数"]


def test_a_score_above_its_weight_is_no_row() -> None:
    text = "甲项 1人 2人 2 3 乙项 4人 5人 2 1 丙项 4人 5人 2 1"
    found = full_rows(_tokens(text), ["name", "target", "actual", "weight", "score"], _NONE, _never)
    assert found is not None
    assert [r.cells["name"][0].text for r in found[0]] == ["乙项", "丙项"]


def test_rows_that_do_not_keep_the_printed_totals_are_not_read() -> None:
    columns = ["name", "target", "actual", "weight", "score"]
    every = _tokens("产出指标 甲项 1人 2人 60 50 效益指标 乙项 4人 5人 35 30")
    assert full_rows(every, columns, Printed(total_weight=Decimal(100)), _never) is None
    found = full_rows(every, columns, Printed(total_weight=Decimal(95)), _never)
    assert found is not None and len(found[0]) == 2
    assert full_rows(every, columns, Printed(total_score=Decimal(70)), _never) is None
    # a row left unread: the rows read cannot be checked against a printed 总分值
    some = _tokens("丙项 明显 明显 5 5 甲项 1人 2人 60 50 乙项 4人 5人 35 30")
    assert full_rows(some, columns, _NONE, _never) is not None
    assert full_rows(some, columns, Printed(total_weight=Decimal(100)), _never) is None


def test_only_tables_of_names_and_values_are_read_so() -> None:
    text = "甲项 1 2 3 乙项 4 5 6"
    assert full_rows(_tokens(text), ["name", "target", "note"], _NONE, _never) is None
    assert full_rows(_tokens(text), ["level1", "target", "actual"], _NONE, _never) is None
    unspaced = [Token(t, 1) for t in text.split()]
    assert full_rows(unspaced, ["name", "target", "actual", "score"], _NONE, _never) is None


_SCATTERED = (
    "一级 指标 — 公共卫生服务 年度 实际 指标值 完成值 指标1:居民健康档案 38508人 "
    "指标2:发放健康教育资料 不少于12 种 二级指标 三级指标 指标5:举办健康教育知识讲座 "
    "分值 得分 37442人 3 3 14种 1 1 28种 1 1 "
    "指标6:举办健康教育宣传咨询活动 12次 96次 1 1 指标7:建立预防接种证 221人 221人 2 2 "
    "指标8:适龄儿童疫苗接种率 100.00% 97.30% 2 1.9 "
    "指标9:传染病及突发公共卫生事件报告 数 指标10:家庭医生签约率 14例 14例 2 2 "
    "24694人 22584人 2 1.7"
)


def test_a_header_printed_among_the_first_rows_reads_the_full_rows() -> None:
    form = _parse(f"{_HEAD} {_SCATTERED}")
    assert _rows(form) == [
        ("指标6:举办健康教育宣传咨询活动", "12次", "96次", "1", "1"),
        ("指标7:建立预防接种证", "221人", "221人", "2", "2"),
        ("指标8:适龄儿童疫苗接种率", "100.00%", "97.30%", "2", "1.9"),
    ]
    kept = " ".join(f.message for f in form.findings if f.code == "P012")
    assert "指标1:居民健康档案 38508人" in kept and "指标10:家庭医生签约率 14例" in kept


def test_a_scattered_header_with_its_values_in_another_order_reads_nothing() -> None:
    tokens = _tokens(
        "三级指标 甲项 年度指标值 乙项 得分 丙项 实际完成值 "
        "指标6:甲 12次 96次 1 指标7:乙 221人 221人 2 指标8:丙 1人 1人 1"
    )
    assert scattered_header(tokens, 0, _never) is None
    tokens[4], tokens[6] = tokens[6], tokens[4]  # 实际完成值 before 得分, as the table prints
    found = scattered_header(tokens, 0, _never)
    assert found is not None
    assert found.columns == ["name", "target", "actual", "score"]
