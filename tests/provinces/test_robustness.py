"""Odd tables read right or reported with a finding, never an exception.

One small self-evaluation is written as an HTML table with any combination of the
habits found in published forms: an extra column, no 偏差原因 column, blank rows in
the middle of the indicators, a 三级指标 printed over two cells, full-width digits,
thousands separators with spaces. Whatever the combination, the same rows, names,
weights and scores come out; cells no column takes are reported (P001).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.audit import review
from jixiao.model import SelfEvaluation
from jixiao.model.value_grammar import parse_value
from jixiao.parse import parse_document, parse_file
from jixiao.parse.text import parse_number
from jixiao.read import Document
from jixiao.read.html import read_html_text

_ROWS = (
    # level1, level2, name (two parts), target, actual, weight, score, note
    ("产出指标", "数量指标", ("培训", "人次"), "≥1000人次", "1200人次", "30", "30", ""),
    ("产出指标", "质量指标", ("培训", "合格率"), "≥95%", "90%", "20", "18.95", "考核偏严"),
    ("效益指标", "社会效益指标", ("就业", "能力"), "明显提升", "达成预期指标", "30", "28", ""),
    ("满意度指标", "服务对象满意度指标", ("学员", "满意度"), "≥90%", "96%", "10", "10", ""),
)
_WIDE = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _form_html(
    *,
    extra_column: bool = False,
    no_note: bool = False,
    blank_rows: bool = False,
    split_name: bool = False,
    full_width: bool = False,
    spaced_thousands: bool = False,
) -> str:
    def num(text: str) -> str:
        return text.translate(_WIDE) if full_width else text

    def money(text: str) -> str:
        return text.replace(",", " ") if spaced_thousands else text

    name_head = '<td colspan="2">三级指标</td>' if split_name else "<td>三级指标</td>"
    head = ["<td>一级指标</td><td>二级指标</td>", name_head]
    if extra_column:
        head.append("<td>评分标准</td>")
    head.append("<td>年度指标值</td><td>实际完成值</td><td>分值</td><td>得分</td>")
    if not no_note:
        head.append("<td>偏差原因分析及改进措施</td>")
    rows = [f"<tr>{''.join(head)}</tr>"]
    for i, (l1, l2, name, target, actual, weight, score, note) in enumerate(_ROWS):
        if split_name:
            cells = f"<td>{name[0]}</td><td>{name[1]}</td>"
        else:
            cells = f"<td>{''.join(name)}</td>"
        if extra_column:
            cells += "<td>完成得满分</td>"
        cells += f"<td>{target}</td><td>{actual}</td><td>{num(weight)}</td><td>{num(score)}</td>"
        if not no_note:
            cells += f"<td>{note}</td>"
        rows.append(f"<tr><td>{l1}</td><td>{l2}</td>{cells}</tr>")
        if blank_rows and i == 1:
            rows.append("<tr>" + "<td></td>" * 9 + "</tr>")
    width = 8 + split_name + extra_column - no_note
    span = width - 2 - (0 if no_note else 1)
    tail = (
        f'<tr><td colspan="{span}">总分</td><td>{num("100")}</td><td>{num("96.26")}</td></tr>'
        f'<tr><td colspan="{span}">评分等级</td><td colspan="2">优</td></tr>'
    )
    funds = (
        '<tr><td rowspan="2">项目资金（元）</td><td></td><td>年初预算数</td><td>全年预算数</td>'
        "<td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>"
        f"<tr><td>年度资金总额</td><td>{money('1,280,000.00')}</td>"
        f"<td>{money('1,280,000.00')}</td><td>{money('1,195,000.00')}</td>"
        f"<td>{num('10')}</td><td>93.36%</td><td>{num('9.34')}</td></tr>"
    )
    return (
        "<html><body><table>"
        f'<tr><td colspan="{width}">项目支出绩效自评表</td></tr>'
        f'<tr><td colspan="{width}">（2024年度）</td></tr>'
        f'<tr><td>项目名称</td><td colspan="{width - 1}">技能培训补贴</td></tr>'
        f"{funds}{''.join(rows)}{tail}</table></body></html>"
    )


def _parse(html: str) -> SelfEvaluation:
    (form,) = parse_document(read_html_text(html, "form.html")).forms
    assert isinstance(form, SelfEvaluation)
    return form


_BASE = _parse(_form_html())


def _essence(form: SelfEvaluation) -> list[tuple[object, ...]]:
    return [
        (r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.score) for r in form.indicators
    ]


def test_base_form_reads_completely() -> None:
    assert [r.name for r in _BASE.indicators] == ["".join(r[2]) for r in _ROWS]
    assert [r.score for r in _BASE.indicators] == [Decimal(r[6]) for r in _ROWS]
    assert _BASE.total_score == Decimal("96.26")
    assert _BASE.funds.total.executed == Decimal("1195000.00")
    assert _BASE.indicators[1].note == "考核偏严"
    assert not _BASE.findings


@settings(max_examples=40, deadline=None)
@given(
    extra_column=st.booleans(),
    no_note=st.booleans(),
    blank_rows=st.booleans(),
    split_name=st.booleans(),
    full_width=st.booleans(),
    spaced_thousands=st.booleans(),
)
def test_variants_read_the_same_rows(
    extra_column: bool,
    no_note: bool,
    blank_rows: bool,
    split_name: bool,
    full_width: bool,
    spaced_thousands: bool,
) -> None:
    html = _form_html(
        extra_column=extra_column,
        no_note=no_note,
        blank_rows=blank_rows,
        split_name=split_name,
        full_width=full_width,
        spaced_thousands=spaced_thousands,
    )
    form = _parse(html)
    assert _essence(form) == _essence(_BASE)
    assert form.total_score == _BASE.total_score
    assert form.total_weight == _BASE.total_weight
    assert form.funds == _BASE.funds
    unplaced = [f for f in form.findings if f.code == "P001"]
    # the extra column's text is placed nowhere: one P001 per row that carries it
    assert len(unplaced) == (len(_ROWS) if extra_column else 0)
    assert all("完成得满分" in str(f.values["text"]) for f in unplaced)
    assert [f.code for f in form.findings if f.code != "P001"] == []


def test_negative_amount_is_read_and_audited() -> None:
    html = _form_html().replace("1,195,000.00", "-5.00")
    form = _parse(html)
    assert form.funds.total.executed == Decimal("-5.00")
    (item,) = review([form])
    assert "A007" in {f.code for f in item.report.findings}


def test_unreadable_number_is_a_finding() -> None:
    # 分 is the unit of points (18.95分 reads as 18.95); 左右 makes the figure uncertain
    html = _form_html().replace("<td>18.95</td>", "<td>18.9５左右</td>")
    form = _parse(html)
    assert form.indicators[1].score is None
    (bad,) = [f for f in form.findings if f.code == "P002"]
    assert bad.values["text"] == "18.9５左右"


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("１００", "100"),
        ("１，２８０．５０", "1280.50"),
        ("1 280 000.00", "1280000.00"),
        ("1, 280, 000.00", "1280000.00"),
        ("-5.00", "-5.00"),
        ("－５．００", "-5.00"),
        ("—", None),
    ],
)
def test_number_spellings(printed: str, value: str | None) -> None:
    assert parse_number(printed) == (None if value is None else Decimal(value))


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.booleans(),
    st.sampled_from(["", ",", ", ", " "]),
)
def test_number_formats_round_trip(value: Decimal, wide: bool, sep: str) -> None:
    text = f"{value:,.2f}".replace(",", sep) if sep else f"{value:.2f}"
    if wide:
        text = text.translate(str.maketrans("0123456789.,-", "０１２３４５６７８９．，－"))
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("wide", "narrow"),
    [("≥９５％", "≥95%"), ("＝１００％", "=100%"), ("≤ 3 个工作日", "≤3个工作日")],
)
def test_full_width_targets_read_as_narrow(wide: str, narrow: str) -> None:
    a, b = parse_value(wide), parse_value(narrow)
    assert a is not None and b is not None
    assert (a.kind, a.op, a.number, a.unit) == (b.kind, b.op, b.number, b.unit)


@pytest.mark.parametrize(
    ("printed", "op", "number", "unit"),
    [
        ("100%到位", None, "100", "%"),
        ("≥90.00（%）", ">=", "90.00", "%"),
        ("＞＝90％", ">=", "90", "%"),
        ("1000人次以上", ">=", "1000", "人次"),
        ("不低于95分", ">=", "95", "分"),
        ("≥ 1,000 人次", ">=", "1000", "人次"),
        ("≤1500元/人", "<=", "1500", "元/人"),
        ("≥1.2万人次", ">=", "12000", "人次"),
    ],
)
def test_province_target_spellings(printed: str, op: str | None, number: str, unit: str) -> None:
    value = parse_value(printed)
    assert value is not None and value.kind == "quantity"
    assert (value.op, value.number, value.unit) == (op, Decimal(number), unit)


def test_two_row_header_with_split_target() -> None:
    """年度指标值 printed over 指标性质 / 指标值 / 度量单位 in a second header row."""
    html = _form_html().replace(
        "<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td>",
        '<tr><td rowspan="2">一级指标</td><td rowspan="2">二级指标</td>'
        '<td rowspan="2">三级指标</td><td colspan="3">年度指标值</td>',
    )
    html = html.replace(
        "<td>实际完成值</td><td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>",
        '<td rowspan="2">实际完成值</td><td rowspan="2">分值</td><td rowspan="2">得分</td>'
        '<td rowspan="2">偏差原因分析及改进措施</td></tr>'
        "<tr><td>指标性质</td><td>指标值</td><td>度量单位</td></tr>",
    )
    for target, parts in (("≥1000人次", "≥|1000|人次"), ("≥95%", "≥|95|%")):
        html = html.replace(
            f"<td>{target}</td>", "".join(f"<td>{p}</td>" for p in parts.split("|"))
        )
    html = html.replace("<td>明显提升</td>", "<td>定性</td><td>明显提升</td><td></td>")
    html = html.replace("<td>≥90%</td>", "<td>≥</td><td>90</td><td>%</td>")
    html = html.replace('colspan="5">', 'colspan="7">')  # two more columns before 分值
    form = _parse(html)
    assert [r.target for r in form.indicators] == ["≥1000人次", "≥95%", "明显提升", "≥90%"]
    assert _essence(form)[0][2:] == _essence(_BASE)[0][2:]
    assert [r.score for r in form.indicators] == [r.score for r in _BASE.indicators]
    assert not form.findings


def test_saved_table_padded_crlf_gb18030(tmp_path: Path) -> None:
    """A table saved as text by Excel: every row padded with tabs, CRLF, GB18030."""
    inputs = Path(__file__).resolve().parent / "inputs"
    lines = (inputs / "08_sichuan_self_tsv.txt").read_text(encoding="utf-8").splitlines()
    width = max(line.count("\t") for line in lines)
    padded = "\r\n".join(line + "\t" * (width - line.count("\t")) for line in lines)
    saved = tmp_path / "自评表.txt"
    saved.write_bytes(padded.encode("gb18030"))
    result = parse_file(saved)
    assert result.layout == "tabbed_grid"
    (want,) = parse_file(inputs / "08_sichuan_self.xlsx").forms
    (got,) = result.forms
    assert isinstance(want, SelfEvaluation) and isinstance(got, SelfEvaluation)
    assert _essence(got) == _essence(want)
    assert (got.funds, got.total_score, got.grade) == (want.funds, want.total_score, want.grade)
    assert not got.findings


@pytest.mark.parametrize(("printed", "p008"), [("30", False), ("25", True)])
def test_weight_printed_beside_level2(printed: str, p008: bool) -> None:
    html = _form_html().replace("<td>数量指标</td>", f"<td>数量指标（{printed}分）</td>")
    form = _parse(html)
    assert _essence(form) == _essence(_BASE)
    found = [f.message for f in form.findings if f.code == "P008"]
    assert found == (["二级指标「数量指标」标注 25 分，其下各行分值合计 30 分"] if p008 else [])


def test_spaced_text_in_full_width_digits() -> None:
    """A whole text form printed with full-width digits reads as the narrow one."""
    source = Path(__file__).resolve().parent / "sources" / "05_henan_self.txt"
    narrow = source.read_text(encoding="utf-8")
    wide = narrow.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    (a,) = parse_document(Document.from_text("a.txt", narrow)).forms
    (b,) = parse_document(Document.from_text("a.txt", wide)).forms
    assert isinstance(a, SelfEvaluation) and isinstance(b, SelfEvaluation)
    assert (b.year, b.funds, b.total_score) == (a.year, a.funds, a.total_score)
    assert [(r.weight, r.score) for r in b.indicators] == [
        (r.weight, r.score) for r in a.indicators
    ]
    assert [r.parsed_target.kind for r in b.indicators if r.parsed_target] == [
        r.parsed_target.kind for r in a.indicators if r.parsed_target
    ]
    assert not b.findings
