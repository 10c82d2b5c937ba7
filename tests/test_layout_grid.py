"""The grid layout on variants of the official tables found in the wild.

Tables are written as small HTML pages (the form in which government sites publish
them) and read with the HTML reader; one test builds a :class:`Table` directly.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.model import Cell, OcrDoubt, SelfEvaluation, Table
from jixiao.parse import detect, parse_document, parse_file
from jixiao.parse.layouts.grid import LAYOUT
from jixiao.parse.reconcile import adds_up
from jixiao.read import Document, DocumentBuilder
from jixiao.read.html import read_html_text
from jixiao.render.official import official_table
from support import EXAMPLES

HEAD = """
<tr><td colspan=8>财政项目支出绩效自评表</td></tr>
<tr><td colspan=8>（2023年度）</td></tr>
<tr><td>项目名称</td><td colspan=7>就业服务专项</td></tr>
<tr><td>主管部门</td><td colspan=3>区人社局</td>
    <td>实施单位</td><td colspan=3>区就业促进中心</td></tr>
<tr><td rowspan=5>项目资金<br>（元）</td><td></td><td>年初预算数</td><td>全年预算数</td>
    <td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td>年度资金总额</td><td>1,000.00</td><td>1,000.00</td><td>900.00</td><td>10</td>
    <td>90.00%</td><td>9.00</td></tr>
<tr><td>其中：本年财政拨款</td><td>1,000.00</td><td>1,000.00</td><td>900.00</td><td>-</td>
    <td>90.00%</td><td>-</td></tr>
<tr><td>上年结转资金</td><td>0</td><td>0</td><td>0</td><td>-</td><td>-</td><td>-</td></tr>
<tr><td>其他资金</td><td>0</td><td>0</td><td>0</td><td>-</td><td>-</td><td>-</td></tr>
<tr><td rowspan=2>年度总体目标</td><td colspan=4>预期目标</td><td colspan=3>实际完成情况</td></tr>
<tr><td colspan=4>完成全年就业<br>服务任务。</td><td colspan=3>已完成。</td></tr>
"""
# indicator columns in another order: 实际完成值 before 年度指标值, 得分 before 分值, no 偏差原因
IND_HEAD = """<tr><td>一级指标</td><td>二级指标</td><td colspan=2>三级指标</td><td>实际完成值</td>
    <td>年度指标值</td><td>得分</td><td>分值</td></tr>"""
ROWS_1 = """
<tr><td rowspan=2>产出指标</td><td rowspan=2>数量指标</td><td colspan=2>培训人次</td>
    <td>1200人次</td><td>≥1000人次</td><td>45</td><td>45</td></tr>
<tr><td colspan=2>服务天数</td><td>250天</td><td>=250天</td><td>X5</td><td>5</td></tr>
"""
ROWS_2 = """
<tr><td></td><td>质量指标</td><td colspan=2>合格率</td><td>100%</td><td>=100%</td>
    <td>30</td><td>30</td></tr>
<tr><td>满意度指标</td><td>服务对象满意度指标</td><td colspan=2>满意度</td><td>95%</td>
    <td>≥90%</td><td>10</td><td>10</td></tr>
"""
TAIL = """
<tr><td colspan=6>总分</td><td>99.00</td><td>100</td></tr>
<tr><td colspan=6>评价等级</td><td colspan=2>优</td></tr>
"""


def _html(body: str) -> Document:
    return read_html_text(f"<html><body>{body}</body></html>", "form.html")


def _one_table() -> Document:
    return _html(f"<table>{HEAD}{IND_HEAD}{ROWS_1}{ROWS_2}{TAIL}</table>")


def _form(doc: Document) -> SelfEvaluation:
    result = parse_document(doc)
    assert result.layout == "grid"
    (form,) = result.forms
    assert isinstance(form, SelfEvaluation)
    return form


def test_variant_wording_units_and_column_order() -> None:
    form = _form(_one_table())
    assert (form.year, form.project, form.department, form.unit) == (
        2023,
        "就业服务专项",
        "区人社局",
        "区就业促进中心",
    )
    assert form.money_unit == "元"
    assert form.funds.total.executed == Decimal("900.00")
    assert form.funds.total.rate == Decimal("90.00")
    assert form.funds.appropriation.initial == Decimal("1000.00")
    assert form.funds.appropriation.weight is None
    assert form.funds.carryover.rate is None
    assert form.goal_expected == "完成全年就业服务任务。"
    assert form.goal_actual == "已完成。"
    first = form.indicators[0]
    assert (first.level1, first.level2, first.name) == ("产出指标", "数量指标", "培训人次")
    assert (first.target, first.actual) == ("≥1000人次", "1200人次")
    assert (first.weight, first.score, first.note) == (Decimal(45), Decimal(45), None)
    assert form.indicators[3].level1 == "满意度指标"
    assert (form.total_weight, form.total_score, form.grade) == (
        Decimal(100),
        Decimal("99.00"),
        "优",
    )


def test_merged_labels_cover_their_rows_and_an_empty_label_means_none() -> None:
    form = _form(_one_table())
    assert [i.level1 for i in form.indicators] == ["产出指标", "产出指标", None, "满意度指标"]
    assert [i.level2 for i in form.indicators][:3] == ["数量指标", "数量指标", "质量指标"]


def test_unreadable_number_is_a_finding_not_a_guess() -> None:
    form = _form(_one_table())
    assert form.indicators[1].score is None
    (p002,) = [f for f in form.findings if f.code == "P002"]
    assert "X5" in p002.message
    assert p002.location.lines == form.indicators[1].lines


def test_table_continued_on_a_new_page_is_joined() -> None:
    """The second table repeats the header; its empty top label continues the label above."""
    first = f"<table>{HEAD}{IND_HEAD}{ROWS_1}</table>"
    doc = _html(f"{first}<p>— 2 —</p><table>{IND_HEAD}{ROWS_2}{TAIL}</table>")
    form = _form(doc)
    assert [i.name for i in form.indicators] == ["培训人次", "服务天数", "合格率", "满意度"]
    assert form.indicators[2].level1 == "产出指标"  # carried over the page break
    assert form.total_score == Decimal("99.00")
    # the page number is page furniture, not form text: not reported as unplaced
    assert not any(f.code == "P001" for f in form.findings)


def test_forms_stacked_in_one_table_are_separated() -> None:
    one = f"{HEAD}{IND_HEAD}{ROWS_1}{TAIL}"
    two = one.replace("就业服务专项", "创业服务专项")
    result = parse_document(_html(f"<table>{one}{two}</table>"))
    assert [f.project for f in result.forms] == ["就业服务专项", "创业服务专项"]
    first, second = result.forms
    assert first.source.lines[1] < second.source.lines[0]
    assert [len(f.indicators) for f in result.forms] == [2, 2]


def test_forms_without_titles_split_at_the_second_project_name() -> None:
    one = f"{HEAD}{IND_HEAD}{ROWS_1}{TAIL}".split("</tr>", 2)[2]  # drop title and year
    result = parse_document(_html(f"<table>{one}</table><table>{one}</table>"))
    assert len(result.forms) == 2


def test_every_line_is_consumed_or_reported() -> None:
    doc = _html(
        f"<table>{HEAD}{IND_HEAD}{ROWS_1}{TAIL}<tr><td colspan=8>附注：另见附件</td></tr></table>"
    )
    form = _form(doc)
    unplaced = [f for f in form.findings if f.code == "P001"]
    assert len(unplaced) == 1
    assert "附注" in unplaced[0].message


def test_target_declaration_from_cells() -> None:
    builder = DocumentBuilder("t.xlsx", "xlsx")
    rows = [
        ["财政项目支出绩效目标表"],
        ["(2021年度)"],
        ["申报单位名称：某中心"],
        ["项目名称：", "甲项目", "项目类别：", "经常性"],
        ["项目总预算（万元）：", "12.50", "项目当年预算（万元）：", "10"],
        ["一级目标", "二级目标", "三级目标", "指标目标值"],
        ["产出目标", "数量", "人数", "=15名"],
        ["", "", "系统数", "=1套"],
    ]
    cells = []
    for r, row in enumerate(rows):
        if len(row) == 1:
            cells.append(Cell(r, 0, row[0], colspan=4))
            continue
        cells.extend(Cell(r, c, text) for c, text in enumerate(row) if not (r == 6 and c < 2))
    cells.extend([Cell(6, 0, "产出目标", rowspan=2), Cell(6, 1, "数量", rowspan=2)])
    cells = [c for c in cells if not (c.row == 7 and c.col < 2)]
    builder.table(len(rows), 4, cells)
    (form,) = parse_document(builder.build()).forms
    assert form.kind == "target_declaration"
    assert (form.year, form.unit, form.project, form.money_unit) == (
        2021,
        "某中心",
        "甲项目",
        "万元",
    )
    assert form.target_meta.category == "经常性"
    assert form.target_meta.total_budget == Decimal("12.50")
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出目标", "数量", "人数", "=15名"),
        ("产出目标", "数量", "系统数", "=1套"),
    ]


def test_text_documents_score_zero() -> None:
    doc = Document.from_text("a.txt", "财政项目支出绩效自评表\n项目名称 信息化运维项目\n")
    assert LAYOUT.match(doc).score == 0.0


def test_grid_wins_on_tables_with_official_headings() -> None:
    matches = detect(_one_table())
    assert matches[0].layout == "grid"
    assert matches[0].score >= 0.9


def test_unrelated_table_scores_low() -> None:
    doc = _html(
        "<table><tr><td>姓名</td><td>电话</td></tr><tr><td>张三</td><td>123</td></tr></table>"
    )
    assert LAYOUT.match(doc).score < 0.3


def test_ocr_doubtful_cells_become_p010_findings() -> None:
    form = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    table = official_table(form)
    doubts = (OcrDoubt(12, 3, "=365(天)", 0.61),)
    builder = DocumentBuilder("scan.png", "image")
    placed = builder.add_table(replace(table, ocr_doubts=doubts))
    parsed = parse_document(builder.build()).forms[0]
    p010 = [f for f in parsed.findings if f.code == "P010"]
    assert len(p010) == 1
    assert p010[0].location.lines == (placed.line_of(12), placed.line_of(12))
    assert "0.61" in p010[0].message


def _scan_with(form_table: Table, row: int, col: int, text: str) -> tuple[Document, int]:
    """The official table as an OCR'd scan whose cell (row, col) was read as ``text``."""
    cells = tuple(
        replace(c, text=text) if (c.row, c.col) == (row, col) else c for c in form_table.cells
    )
    doubts = (OcrDoubt(row, col, text, 0.52),)
    builder = DocumentBuilder("scan.png", "image")
    placed = builder.add_table(replace(form_table, cells=cells, ocr_doubts=doubts))
    return builder.build(), placed.line_of(row)


def test_arithmetic_chooses_the_reading_of_a_doubtful_digit() -> None:
    form = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    assert isinstance(form, SelfEvaluation)
    table = official_table(form)
    score_cell = next(c for c in table.cells if c.text == "6.00" and c.col == 7)
    doc, line = _scan_with(table, score_cell.row, score_cell.col, "8.00")  # 6 read as 8
    parsed = parse_document(doc).forms[0]
    assert isinstance(parsed, SelfEvaluation)
    assert [r.score for r in parsed.indicators] == [r.score for r in form.indicators]
    chosen = [f for f in parsed.findings if f.code == "P004"]
    assert len(chosen) == 1 and chosen[0].location.lines == (line, line)
    assert adds_up(parsed)


def test_a_digit_is_not_changed_when_the_doubt_is_elsewhere() -> None:
    form = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    table = official_table(form)
    score_cell = next(c for c in table.cells if c.text == "6.00" and c.col == 7)
    cells = tuple(
        replace(c, text="8.00") if c is score_cell else c for c in table.cells
    )  # misread but not doubted: the sum finding stays, nothing is re-read
    builder = DocumentBuilder("scan.png", "image")
    builder.add_table(replace(table, cells=cells))
    parsed = parse_document(builder.build()).forms[0]
    assert not adds_up(parsed)
    assert not any(f.code == "P004" for f in parsed.findings)


def test_a_target_printed_over_value_and_unit_cells_keeps_its_unit() -> None:
    """The unit printed beside a value joins it when the value ends in a number, digits or
    Chinese numerals (``五`` + ``次``); a value ending in a word keeps its own (the ``%``
    beside ``28.8万元`` or a 定性 ``应保尽保`` is the template's)."""
    from jixiao.parse.layouts.grid._columns import joined_target

    assert joined_target("≥", "五", "次") == "≥五次"
    assert joined_target(None, "12", "个") == "12个"
    assert joined_target(None, "两", "批") == "两批"
    assert joined_target(None, "28.8万元", "%") == "28.8万元"
    assert joined_target(None, "应保尽保", "%") == "应保尽保"


def test_a_sign_in_a_compatibility_form_is_the_sign() -> None:
    """A mirror site prints 指标性质 as a small or full-width sign (``﹦``, ``＞＝``):
    the sign all the same (104_yunnan_self_pipe)."""
    from jixiao.parse.layouts.grid._columns import joined_target

    assert joined_target("﹦", "72890", "元") == "=72890元"
    assert joined_target("﹦", "100", "%") == "=100%"
    assert joined_target("＞＝", "95", "%") == "≥95%"
