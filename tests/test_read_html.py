"""The HTML reader: rowspan/colspan on a grid, <br> in cells, paragraphs, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.errors import ReadError
from jixiao.read.files import read_any
from jixiao.read.html import read_html_text

PAGE = """<!DOCTYPE html>
<html><head><title>页面标题</title><style>td {color: red}</style>
<script>var x = "<table>";</script></head>
<body>
<h1>财政项目支出绩效自评表</h1>
<p>（2024年度）</p>
<table>
  <tr><th colspan="3">项目名称</th></tr>
  <tr><td rowspan="2">产出<br>指标</td><td>服务天数</td><td>6.00</td></tr>
  <tr><td>运维&amp;数量</td><td>
    <table><tr><td>内层甲</td><td>内层乙</td></tr></table>
  </td></tr>
  <tr><td colspan=2>总分</td><td>100</td></tr>
</table>
<div>说明：测试&nbsp;页面</div>
</body></html>
"""


def test_tables_and_paragraphs_in_order() -> None:
    doc = read_html_text(PAGE, "page.html")
    assert doc.format == "html"
    texts = [ln.text for ln in doc.lines]
    assert texts[:2] == ["财政项目支出绩效自评表", "（2024年度）"]
    assert texts[-1] == "说明：测试 页面"
    assert "页面标题" not in "".join(texts)
    assert "var x" not in "".join(texts)
    (table,) = doc.tables
    assert table.first_line == 3


def test_spans_laid_out_on_the_grid() -> None:
    (table,) = read_html_text(PAGE, "page.html").tables
    assert (table.n_rows, table.n_cols) == (4, 3)
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[(0, 0)].colspan == 3
    assert cells[(1, 0)].rowspan == 2
    assert cells[(1, 0)].text == "产出\n指标"
    assert cells[(2, 1)].text == "运维&数量"  # placed right of the row span
    assert cells[(2, 2)].text == "内层甲\n内层乙"  # nested table flattened
    assert cells[(3, 0)].colspan == 2


def test_malformed_spans_do_not_overlap() -> None:
    page = "<table><tr><td rowspan=3>甲</td><td colspan=5>乙</td></tr><tr><td>丙</td></tr></table>"
    (table,) = read_html_text(page, "x.html").tables
    assert (table.n_rows, table.n_cols) == (2, 6)
    assert {c.text for c in table.cells} == {"甲", "乙", "丙"}


def test_gb18030_page(tmp_path: Path) -> None:
    path = tmp_path / "gbk.htm"
    path.write_bytes(PAGE.replace("<!DOCTYPE html>", "").encode("gb18030"))
    doc = read_any(path)
    assert doc.encoding == "gb18030"
    assert doc.tables[0].cells[0].text == "项目名称"


def test_html_without_extension_is_recognised(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_text(PAGE, encoding="utf-8")
    assert read_any(path).format == "html"


def test_empty_and_tagless_html(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(ReadError, match="空文件"):
        read_any(empty)
    plain = tmp_path / "plain.html"
    plain.write_text("只是一句话", encoding="utf-8")
    with pytest.raises(ReadError, match="不是 HTML"):
        read_any(plain)
