"""The xlsx reader: sheets as tables, merges as spans, numbers as displayed, bad files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment

from jixiao.errors import ReadError
from jixiao.read.files import detect_format, read_any
from jixiao.read.xlsx import display_text, read_xlsx


def _book(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    ws["A1"] = "财政项目支出绩效自评表"
    ws.merge_cells("A1:D1")
    ws["A2"] = "一级指标"
    ws["B2"] = "三级指标"
    ws["C2"] = "分值"
    ws["D2"] = "执行率"
    ws["A3"] = "产出指标"
    ws.merge_cells("A3:A4")
    ws["B3"] = "配套电信网络\n服务天数"
    ws["B3"].alignment = Alignment(wrap_text=True)
    ws["C3"] = 6
    ws["C3"].number_format = "0.00"
    ws["D3"] = 0.9767
    ws["D3"].number_format = "0.00%"
    ws["B4"] = "预算"
    ws["C4"] = 1245505
    ws["C4"].number_format = "#,##0.00"
    ws["D4"] = dt.datetime(2020, 4, 20)
    second = wb.create_sheet("目标表")
    second["A1"] = "项目名称"
    second["B1"] = "高峰人才"
    out = path / "book.xlsx"
    wb.save(out)
    return out


def test_sheets_become_tables_with_merges(tmp_path: Path) -> None:
    doc = read_xlsx(_book(tmp_path))
    assert doc.format == "xlsx"
    assert [t.title for t in doc.tables] == ["自评表", "目标表"]
    first = doc.tables[0]
    assert (first.n_rows, first.n_cols) == (4, 4)
    cells = {(c.row, c.col): c for c in first.cells}
    assert cells[(0, 0)].colspan == 4
    assert cells[(2, 0)].rowspan == 2
    assert cells[(2, 1)].text == "配套电信网络\n服务天数"
    # rows are lines too, so provenance works; the second sheet follows the first
    assert doc.line(first.first_line).text == "财政项目支出绩效自评表"
    assert doc.tables[1].first_line == first.first_line + 4


def test_numbers_shown_with_their_format(tmp_path: Path) -> None:
    doc = read_xlsx(_book(tmp_path))
    cells = {(c.row, c.col): c.text for c in doc.tables[0].cells}
    assert cells[(2, 2)] == "6.00"
    assert cells[(2, 3)] == "97.67%"
    assert cells[(3, 2)] == "1,245,505.00"
    assert cells[(3, 3)] == "2020-04-20"


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (6, "General", "6"),
        (6.0, "General", "6"),
        (97.67, "General", "97.67"),
        (6, "0.00", "6.00"),
        (2.345, "0.00", "2.35"),
        (1245505.5, "#,##0.00", "1,245,505.50"),
        (0.5, "0%", "50%"),
        (12, '0.00"万元"', "12.00万元"),
        (-3, "0.0;[Red]-0.0", "-3.0"),
        ("=100(%)", "@", "=100(%)"),
        (None, "General", ""),
        (True, "General", "TRUE"),
    ],
)
def test_display_text(value: object, fmt: str, shown: str) -> None:
    assert display_text(value, fmt) == shown


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="空文件"):
        read_any(path)


def test_truncated_file(tmp_path: Path) -> None:
    data = _book(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match="损坏或不完整"):
        read_any(path)


def test_encrypted_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    path.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 100)
    with pytest.raises(ReadError, match="加密"):
        read_any(path)


def test_old_binary_xls(tmp_path: Path) -> None:
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    with pytest.raises(ReadError, match="旧版"):
        read_any(path)


def test_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("项目名称\t信息化运维项目\n", encoding="utf-8")
    with pytest.raises(ReadError, match="不是 Excel"):
        read_any(path)


def test_zip_without_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match=r"缺少 xl/workbook\.xml"):
        read_any(path)


def test_detect_format_by_content(tmp_path: Path) -> None:
    data = _book(tmp_path).read_bytes()
    assert detect_format(data, "download.bin") == "xlsx"
    assert detect_format(b"%PDF-1.7\n", "a.xlsx") == "pdf"
    assert detect_format("项目名称".encode(), "a.txt") == "text"
    assert detect_format(b"<html>", "a.htm") == "html"
