"""What the model had no field for: a project's category and the funding rows beyond the
four standard ones (财政专户管理资金, 单位资金, 人员经费 …), read from the printed form,
kept by the store and written by the exports."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import SelfEvaluation
from jixiao.model.jsonio import dumps, loads
from jixiao.parse import parse_document
from jixiao.parse.layouts.grid._header import value_of
from jixiao.read import Document
from jixiao.read.html import read_html_text
from jixiao.store import DocumentInfo, open_store

_FORM = """<table>
<tr><td colspan=8>财政项目支出绩效自评表</td></tr>
<tr><td colspan=8>（2023年度）</td></tr>
<tr><td>项目名称</td><td colspan=3>就业服务专项</td>
    <td>项目类型</td><td colspan=3>{category}</td></tr>
<tr><td>主管部门</td><td colspan=3>区人社局</td>
    <td>实施单位</td><td colspan=3>区就业促进中心</td></tr>
<tr><td rowspan=7>项目资金<br>（万元）</td><td></td><td>年初预算数</td><td>全年预算数</td>
    <td>全年执行数</td><td>分值</td><td>执行率</td><td>得分</td></tr>
<tr><td>年度资金总额</td><td>100.00</td><td>100.00</td><td>90.00</td><td>10</td>
    <td>90.00%</td><td>9.00</td></tr>
<tr><td>其中：财政资金</td><td>80.00</td><td>80.00</td><td>72.00</td><td>-</td>
    <td>90.00%</td><td>-</td></tr>
<tr><td>财政专户管理资金</td><td>15.00</td><td>15.00</td><td>13.50</td><td>-</td>
    <td>90.00%</td><td>-</td></tr>
<tr><td>单位资金</td><td>5.00</td><td>5.00</td><td>4.50</td><td>-</td><td>90.00%</td><td>-</td></tr>
<tr><td>上年结转资金</td><td>0</td><td>0</td><td>0</td><td>-</td><td>-</td><td>-</td></tr>
<tr><td>其他资金</td><td>0</td><td>0</td><td>0</td><td>-</td><td>-</td><td>-</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td colspan=2>三级指标</td><td>年度指标值</td>
    <td>实际完成值</td><td>分值</td><td>得分</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td colspan=2>培训人次</td><td>≥1000人次</td>
    <td>1200人次</td><td>90</td><td>90</td></tr>
<tr><td colspan=6>总分</td><td>100</td><td>99.00</td></tr>
</table>"""


def _read(category: str) -> SelfEvaluation:
    doc = read_html_text(f"<html><body>{_FORM.format(category=category)}</body></html>", "f.html")
    (form,) = parse_document(doc).forms
    assert isinstance(form, SelfEvaluation)
    return form


def test_extra_funding_rows_are_read_by_their_label_and_the_table_goes_on() -> None:
    form = _read("专项类")
    assert list(form.funds_extra) == ["财政专户管理资金", "单位资金"]
    assert form.funds_extra["财政专户管理资金"].executed == Decimal("13.50")
    assert form.funds_extra["单位资金"].rate == Decimal("90.00")
    # the rows after them are still the standard ones, and no text is left unplaced
    assert form.funds.carryover.initial == Decimal("0")
    assert form.funds.appropriation.executed == Decimal("72.00")
    assert not [f for f in form.findings if f.code == "P001"]


def test_category_is_read_and_a_row_of_boxes_gives_the_ticked_option() -> None:
    assert _read("专项类").category == "专项类"
    assert _read("新增项目□ 延续项目√").category == "延续项目"
    assert _read("□新增项目 ☑延续项目").category == "延续项目"
    assert _read("新增项目□ 延续项目□").category is None


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("_________", None),
        ("(盖章):_________", None),
        ("（盖章）", None),
        ("区就业促进中心______", "区就业促进中心"),
        ("(2021年度)", None),
        ("专项业务费□发展经费□", None),
        ("专项业务费√发展经费□", "专项业务费"),
        ("经常性项目(√)一次性项目()", "经常性项目"),
        ("（ ）新增项目（√）延续项目", "延续项目"),
        ("（一期）建设项目", "（一期）建设项目"),
        ("其他运转类: □专项运转类□信息化维护类", None),
        ("区人社局", "区人社局"),
    ],
)
def test_what_is_written_in_a_value_cell(printed: str, value: str | None) -> None:
    assert value_of(printed) == value


def test_two_classifications_printed_leave_the_category_unread() -> None:
    text = (
        "省级部门预算项目支出绩效目标表(2023年度)\n"
        "项目名称 博物馆免费开放\n项目类型 新增项目\n项目分类 专项工作经费\n"
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 开放天数 =300天\n"
    )
    (form,) = parse_document(Document.from_text("t.txt", text)).forms
    meta = getattr(form, "target_meta", None)
    assert meta is not None and meta.category is None


def test_category_and_extra_rows_survive_json_and_the_store(tmp_path: Path) -> None:
    form = _read("新增项目□ 延续项目√")
    assert loads(dumps([form])) == [form]
    with open_store(f"sqlite:///{tmp_path / 's.db'}") as store:
        store.save_forms([form], DocumentInfo(file_name="f.html", content_hash="1" * 64))
        (row,) = store.forms()
        assert row["category"] == "延续项目"
        assert store.load_form(row["id"]) == form


def test_exports_and_the_official_table_show_them() -> None:
    from jixiao.export.rows import TABLES, flatten
    from jixiao.render.official import RenderOptions, official_table

    form = _read("新增项目□ 延续项目√")
    (flat,) = flatten([form])
    (row,) = flat.tables["forms"]
    by_key = {c.key: v for c, v in zip(TABLES["forms"], row, strict=True)}
    assert by_key["category"] == "延续项目"
    assert by_key["funds_extra"] == (
        "财政专户管理资金：年初预算数 15.00，全年预算数 15.00，全年执行数 13.50，执行率 90.00；"
        "单位资金：年初预算数 5.00，全年预算数 5.00，全年执行数 4.50，执行率 90.00"
    )
    cells = {c.field: c.text for c in official_table(form, RenderOptions()).cells if c.field}
    assert cells["category"] == "延续项目"
    assert cells["funds_extra.单位资金"] == "单位资金"
    assert cells["funds_extra.单位资金.executed"] == "4.50"
