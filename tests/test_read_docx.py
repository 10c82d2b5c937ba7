"""The docx reader: body order, gridSpan and vMerge merges, nested tables, bad files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from jixiao.errors import ReadError
from jixiao.read.docx import read_docx
from jixiao.read.files import read_any


def _document(path: Path) -> Path:
    word = docx.Document()
    word.add_paragraph("财政项目支出绩效自评表")
    word.add_paragraph("（2024年度）")
    table = word.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "项目名称 信息化运维项目"
    table.cell(1, 0).text = "一级指标"
    table.cell(1, 1).text = "三级指标"
    table.cell(1, 2).text = "分值"
    table.cell(1, 3).text = "得分"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "产出指标"
    table.cell(2, 1).text = "服务天数"
    table.cell(2, 2).text = "6.00"
    table.cell(2, 3).text = "6.00"
    wrapped = table.cell(3, 1)
    wrapped.text = "上海公共服务"
    wrapped.add_paragraph("管理系统运维数量")
    nested = table.cell(3, 2).add_table(rows=1, cols=2)
    nested.cell(0, 0).text = "内层甲"
    nested.cell(0, 1).text = "内层乙"
    word.add_paragraph("说明：本表为测试。")
    out = path / "form.docx"
    word.save(str(out))
    return out


def test_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    doc = read_docx(_document(tmp_path))
    assert doc.format == "docx"
    assert [ln.text for ln in doc.lines[:2]] == ["财政项目支出绩效自评表", "（2024年度）"]
    (table,) = doc.tables
    assert table.first_line == 3
    assert doc.lines[-1].text == "说明：本表为测试。"
    assert len(doc.lines) == 2 + table.n_rows + 1


def test_merges_become_spans(tmp_path: Path) -> None:
    (table,) = read_docx(_document(tmp_path)).tables
    cells = {(c.row, c.col): c for c in table.cells}
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert cells[(0, 0)].colspan == 4
    assert cells[(0, 0)].text == "项目名称 信息化运维项目"
    assert cells[(2, 0)].rowspan == 2
    assert cells[(2, 0)].text == "产出指标"
    assert (3, 0) not in cells


def test_wrapped_and_nested_text(tmp_path: Path) -> None:
    (table,) = read_docx(_document(tmp_path)).tables
    cells = {(c.row, c.col): c.text for c in table.cells}
    assert cells[(3, 1)] == "上海公共服务\n管理系统运维数量"
    assert "内层甲" in cells[(3, 2)]
    assert "内层乙" in cells[(3, 2)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空文件"),
        (b"PK\x03\x04" + b"\x01" * 30, "损坏或不完整"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "加密"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "旧版"),
        ("不是 Word 文件".encode(), "不是 Word"),
    ],
)
def test_bad_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        read_any(path)


def test_truncated_document(tmp_path: Path) -> None:
    data = _document(tmp_path).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(ReadError, match="损坏或不完整"):
        read_any(path)


def test_zip_without_document_part(tmp_path: Path) -> None:
    path = tmp_path / "odd.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/other.xml", "<x/>")
    with pytest.raises(ReadError, match=r"缺少 word/document\.xml"):
        read_any(path)


def _rewritten(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    """The test document with text replacements in word/document.xml."""
    source = _document(tmp_path)
    out = tmp_path / "changed.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                for old, new in changes:
                    assert old in text
                    text = text.replace(old, new, 1)
                data = text.encode("utf-8")
            dst.writestr(item, data)
    return out


@pytest.mark.parametrize(
    "span",
    ['w:val="100%"', 'w:val="-3"', 'w:val="2000000000"', 'w:val="x"'],
)
def test_a_span_that_is_no_sane_integer_is_bounded(tmp_path: Path, span: str) -> None:
    """``gridSpan="100%"`` was a ValueError, ``2000000000`` gigabytes of cells."""
    path = _rewritten(tmp_path, ('<w:gridSpan w:val="4"/>', f"<w:gridSpan {span}/>"))
    (table,) = read_docx(path).tables
    assert 1 <= table.n_cols <= 64 + 4


def test_a_negative_skip_is_no_skip(tmp_path: Path) -> None:
    path = _rewritten(tmp_path, ("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="-5"/></w:trPr>'))
    (table,) = read_docx(path).tables
    assert min(c.col for c in table.cells) == 0


def test_a_document_part_that_is_no_word_document(tmp_path: Path) -> None:
    path = _rewritten(
        tmp_path, ("<w:document ", "<w:settings "), ("</w:document>", "</w:settings>")
    )
    with pytest.raises(ReadError, match="无法作为 Word 文档读取"):
        read_docx(path)
