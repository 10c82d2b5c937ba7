"""The reader limits (jixiao.read.limits): one place, set by environment, CLI or code;
each checked before the allocation it guards."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.cli.app import main
from jixiao.errors import ReadError, UsageError
from jixiao.read.document import Document, DocumentBuilder, count_lines
from jixiao.read.docx import read_docx_bytes
from jixiao.read.files import read_any
from jixiao.read.html import read_html_text
from jixiao.read.limits import (
    LIMIT_LABELS,
    LimitExceeded,
    ReadLimits,
    current_limits,
    env_name,
    limit_variables,
    limits_from,
    parse_limit,
    use_limits,
)
from jixiao.read.xlsx import read_xlsx_bytes


def test_every_limit_has_a_label_and_a_variable() -> None:
    names = set(ReadLimits.__dataclass_fields__)
    assert names == set(LIMIT_LABELS)
    assert env_name("cells") == "JIXIAO_LIMIT_CELLS"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1000", 1000),
        ("1_000_000", 1_000_000),
        ("200M", 200 << 20),
        ("2GiB", 2 << 30),
        ("8k", 8192),
    ],
)
def test_values_are_whole_numbers_with_size_suffixes(text: str, value: int) -> None:
    assert parse_limit("file_bytes", text) == value


@pytest.mark.parametrize(("name", "text"), [("cells", "0"), ("cells", "-1"), ("cells", "lots")])
def test_bad_values_are_usage_errors(name: str, text: str) -> None:
    with pytest.raises(UsageError, match="不是正整数"):
        parse_limit(name, text)


def test_unknown_limit_and_malformed_assignment() -> None:
    with pytest.raises(UsageError, match="没有名为「size」的读取上限"):
        limit_variables(["size=1"])
    with pytest.raises(UsageError, match="名称=值"):
        limit_variables(["cells"])


def test_environment_changes_the_defaults() -> None:
    limits = limits_from({"JIXIAO_LIMIT_CELLS": "10", "JIXIAO_LIMIT_FILE_BYTES": "1K"})
    assert (limits.cells, limits.file_bytes) == (10, 1024)
    assert limits.rows == ReadLimits().rows


def test_use_limits_overrides_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LIMIT_LINES", "7")
    assert current_limits().lines == 7
    with use_limits(ReadLimits(lines=3)):
        assert current_limits().lines == 3
    assert current_limits().lines == 7


def test_the_message_names_the_limit_and_how_to_raise_it() -> None:
    with pytest.raises(LimitExceeded) as caught:
        ReadLimits(member_bytes=1 << 20).check("member_bytes", 3 << 30, "文件「a.xlsx」的")
    message = caught.value.message
    assert message.startswith("文件「a.xlsx」的解压后大小为 3.0 GB，超过读取上限 1.0 MB")
    assert "--limit member_bytes=" in message and "JIXIAO_LIMIT_MEMBER_BYTES" in message
    assert caught.value.exit_code == 2


def test_cli_limit_option_applies_and_is_undone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "三行.txt"
    text.write_text("一\n二\n三\n", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["--limit", "lines=2", "parse", str(text)])
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "行数超过读取上限 2（" in err and len(err.strip().splitlines()) == 1
    assert env_name("lines") not in os.environ  # a command run in-process leaves nothing
    with pytest.raises(SystemExit) as bad:
        main(["--limit", "lines=many", "parse", str(text)])
    assert bad.value.code == 2


def test_count_lines_agrees_with_splitlines() -> None:
    for text in ["", "a", "a\n", "a\r\nb", "a\rb\n\nc", "x\x0cy\u2028z\x85", "\r\n\r\n"]:
        assert count_lines(text) == len(text.splitlines()), repr(text)


def test_lines_are_counted_before_a_text_is_split() -> None:
    with use_limits(ReadLimits(lines=5)):
        Document.from_text("ok.txt", "1\n2\n3\n4\n5\n")
        with pytest.raises(LimitExceeded, match="行数超过读取上限 5"):
            Document.from_text("long.txt", "1\n2\n3\n4\n5\n6")


def test_builder_reserves_rows_columns_and_cells_of_the_whole_file() -> None:
    with use_limits(ReadLimits(cells=100)):
        builder = DocumentBuilder("t.xlsx", "xlsx")
        builder.table(5, 10, [])
        with pytest.raises(LimitExceeded, match=r"表格单元格数（行数×列数）超过读取上限 100"):
            builder.reserve(1, 51)
    with (
        use_limits(ReadLimits(columns=3)),
        pytest.raises(LimitExceeded, match="表格「表1」的表格列数"),
    ):
        DocumentBuilder("t.xlsx", "xlsx").reserve(1, 4, "表1")


# files ---------------------------------------------------------------------------------


def test_file_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(2048)
    with (
        use_limits(ReadLimits(file_bytes=1024)),
        pytest.raises(LimitExceeded, match=r"大小为 2\.0 KB"),
    ):
        read_any(big)


def test_text_size_limit_is_smaller_than_the_file_limit(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<table><tr><td>项目</td></tr></table>" * 100, encoding="utf-8")
    with use_limits(ReadLimits(text_bytes=1000)), pytest.raises(LimitExceeded, match="文本、网页"):
        read_any(page)


# zip archives ----------------------------------------------------------------------------


def _xlsx(**cells: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for ref, value in cells.items():
        sheet[ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_member_over_the_size_or_ratio_is_refused_from_the_directory() -> None:
    data = _xlsx(A1="项目")
    with use_limits(ReadLimits(member_bytes=200)), pytest.raises(LimitExceeded, match="解压后大小"):
        read_xlsx_bytes(data, "a.xlsx")
    with use_limits(ReadLimits(zip_bytes=500)), pytest.raises(LimitExceeded, match="解压后总大小"):
        read_xlsx_bytes(data, "a.xlsx")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename), zipfile.ZIP_DEFLATED)
        new.writestr("xl/media/blank.bin", b"\0" * (3 << 20), zipfile.ZIP_DEFLATED)
    with pytest.raises(LimitExceeded, match=r"xl/media/blank\.bin」的压缩比"):
        read_xlsx_bytes(out.getvalue(), "a.xlsx")


def test_xml_elements_are_counted_while_streaming() -> None:
    word = docx.Document()
    for i in range(50):
        word.add_paragraph(f"第 {i} 段")
    out = io.BytesIO()
    word.save(out)
    with use_limits(ReadLimits(xml_elements=100)), pytest.raises(LimitExceeded, match="XML 元素数"):
        read_docx_bytes(out.getvalue(), "a.docx")


def test_a_sheet_is_read_up_to_its_last_value_only() -> None:
    """Styled empty cells far away cost nothing; a value beyond the rows limit stops."""
    data = _xlsx(A1="项目", B2="金额")
    doc = read_xlsx_bytes(data, "a.xlsx")
    (table,) = doc.tables
    assert (table.n_rows, table.n_cols) == (2, 2)
    with use_limits(ReadLimits(rows=1)), pytest.raises(LimitExceeded, match="行数超过读取上限 1"):
        read_xlsx_bytes(data, "a.xlsx")


def test_merges_are_laid_out_within_the_cells_limit() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "标题"
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("A1:B2")  # overlapping: a damaged file, the first is kept
    sheet["A3"] = "x"
    out = io.BytesIO()
    book.save(out)
    (table,) = read_xlsx_bytes(out.getvalue(), "m.xlsx").tables
    (first,) = [c for c in table.cells if (c.row, c.col) == (0, 0)]
    assert (first.rowspan, first.colspan) in {(1, 4), (2, 2)}  # one of them, whole
    with use_limits(ReadLimits(cells=11)), pytest.raises(LimitExceeded):
        read_xlsx_bytes(out.getvalue(), "m.xlsx")


# html --------------------------------------------------------------------------------------


def test_html_spans_are_laid_out_column_by_column() -> None:
    html = (
        "<table><tr><td rowspan=2>甲</td><td colspan=3>乙</td></tr>"
        "<tr><td colspan=5>丙</td></tr></table>"
    )
    (table,) = read_html_text(html, "t.html").tables
    cells = {(c.row, c.col): (c.rowspan, c.colspan, c.text) for c in table.cells}
    assert cells == {(0, 0): (2, 1, "甲"), (0, 1): (1, 3, "乙"), (1, 1): (1, 5, "丙")}
    assert table.n_cols == 6


def test_html_tags_rows_and_cells_are_bounded() -> None:
    with use_limits(ReadLimits(html_tags=10)), pytest.raises(LimitExceeded, match="HTML 标签数"):
        read_html_text("<p>" * 11, "t.html")
    with use_limits(ReadLimits(rows=2)), pytest.raises(LimitExceeded, match="行数超过读取上限 2"):
        read_html_text("<table>" + "<tr><td>x</td></tr>" * 3 + "</table>", "t.html")
    with use_limits(ReadLimits(columns=5)), pytest.raises(LimitExceeded, match="表格列数"):
        read_html_text('<table><tr><td colspan="4">x</td><td colspan="4">y</td></tr></table>', "t")


def test_a_read_error_is_what_every_limit_raises() -> None:
    assert issubclass(LimitExceeded, ReadError)


def test_every_limit_is_documented() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "reliability.md").read_text("utf-8")
    for name in ReadLimits.__dataclass_fields__:
        assert f"| `{name}` |" in page, name


def test_a_count_stopped_one_past_the_limit_says_only_more() -> None:
    with pytest.raises(LimitExceeded) as caught:
        ReadLimits(rows=10).check("rows", 11, "表「甲」的")
    assert caught.value.message.startswith("表「甲」的表格行数超过读取上限 10（")


def test_pdf_stream_pieces_are_cut_between_operators() -> None:
    from jixiao.read._pdf_scan import _count

    pieces = [b"0 0 m 1 1 l S\nq 1 0 0 1 0 0 cm /F", b"m1 Do Q\nBT (x) Tj ET", b"\n"]
    assert _count(iter(pieces)) == (3, [b"Fm1"])  # S, Do, Tj


def _content_pdf(content: bytes) -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    body = b"".join(b"%d 0 obj\n%s\nendobj\n" % (i, o) for i, o in enumerate(objects, start=1))
    return b"%PDF-1.4\n" + body + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize("strokes, too_many", [(60, False), (102, True), (5_000, True)])
def test_pdf_content_without_forms_is_counted_once_longer_than_the_limit(
    strokes: int, too_many: bool
) -> None:
    """A stream no longer than ``pdf_objects`` bytes cannot draw more objects than that
    and is not searched; a longer one is counted, every piece of it."""
    from jixiao.read._pdf_scan import check_streams

    data = _content_pdf(b"0 0 m 1 1 l S\n" * strokes)  # 14 bytes a stroke
    with use_limits(ReadLimits(pdf_objects=100)):
        if too_many:
            with pytest.raises(LimitExceeded, match=f"为 {strokes:,}，"):
                check_streams(data, "x.pdf")
        else:
            check_streams(data, "x.pdf")
