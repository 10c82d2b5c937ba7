"""DOCX rendering of official tables: Word table grid, merges, header rows, fonts."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from jixiao.model import Cell, Table
from jixiao.parse import parse_file
from jixiao.read.docx import read_docx_bytes
from jixiao.render import RenderOptions, official_table
from jixiao.render.docx import docx_bytes, docx_tables_bytes, write_docx, write_docx_tables
from jixiao.render.signature import signature_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def small_table() -> Table:
    """A title row, a 2-column merge, the header (row 2) and a 3-row 一级 label."""
    cells = (
        Cell(0, 0, "财政项目支出绩效自评表", colspan=4, role="title", align="center"),
        Cell(1, 0, "项目名称", role="label", align="center"),
        Cell(1, 1, "信息化运维项目" * 5, colspan=3),
        Cell(2, 0, "一级指标", role="header", align="center"),
        Cell(2, 1, "三级指标", role="header", align="center"),
        Cell(2, 2, "分值", role="header", align="center"),
        Cell(2, 3, "得分", role="header", align="center"),
        Cell(3, 0, "产出指标", rowspan=3, role="label", align="center"),
        *(
            c
            for r in (3, 4, 5)
            for c in (
                Cell(r, 1, f"指标{r}"),
                Cell(r, 2, "5.00", role="number"),
                Cell(r, 3, "4.50", role="number", align="right"),
            )
        ),
    )
    return Table(
        n_rows=6,
        n_cols=4,
        cells=cells,
        col_widths=(6, 20, 5, 5),
        header_rows=3,
        title="财政项目支出绩效自评表",
        meta={"title_rows": "1", "repeat_rows": "2-2"},
    )


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_title_paragraph_then_two_tables_with_the_header_on_top(tmp_path: Path) -> None:
    out = tmp_path / "t.docx"
    write_docx_tables([small_table()], out)
    doc = docx.Document(str(out))
    title = doc.paragraphs[0]
    assert title.text == "财政项目支出绩效自评表"
    assert title.runs[0].bold
    # Word repeats only top rows: the table is cut at the header to repeat
    head, body = doc.tables
    assert (len(head.rows), len(head.columns)) == (1, 4)
    assert (len(body.rows), len(body.columns)) == (4, 4)
    header_tr = body.rows[0]._tr
    assert header_tr.trPr is not None and header_tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(
        r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in body.rows[1:]
    )


def test_merges_are_gridspan_and_vmerge() -> None:
    doc = open_docx(docx_tables_bytes([small_table()]))
    head, body = doc.tables
    first_tcs = head.rows[0]._tr.findall(qn("w:tc"))
    assert len(first_tcs) == 2
    span = first_tcs[1].tcPr.find(qn("w:gridSpan"))
    assert span is not None and span.get(qn("w:val")) == "3"
    merges = []
    for row in body.rows[1:]:
        tc = row._tr.findall(qn("w:tc"))[0]
        vm = tc.tcPr.find(qn("w:vMerge"))
        merges.append(None if vm is None else vm.get(qn("w:val")))
    assert merges == ["restart", None, None]
    assert body.cell(1, 0).text == "产出指标"
    assert body.cell(3, 0).text == "产出指标"  # the same merged cell


def test_borders_fonts_widths_alignment() -> None:
    doc = open_docx(docx_tables_bytes([small_table()]))
    for table in doc.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert borders is not None
        edges = {child.tag.split("}")[1]: child.get(qn("w:val")) for child in borders}
        assert edges == dict.fromkeys(
            ("top", "left", "bottom", "right", "insideH", "insideV"), "single"
        )
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    fonts = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体"
    body = doc.tables[1]
    widths = [col.w for col in body._tbl.tblGrid.gridCol_lst]
    assert widths[1] > 3 * widths[2]  # 20 : 5
    assert body.cell(1, 2).paragraphs[0].alignment == 2  # number → right


def test_reads_back_as_the_same_cells() -> None:
    table = small_table()
    back = read_docx_bytes(docx_tables_bytes([table]), "t.docx")
    rows = [line for t in back.tables for line in t.row_texts()]
    assert rows == table.row_texts()[1:]


@pytest.mark.parametrize(
    ("page", "landscape", "size"),
    [("A4", False, (210, 297)), ("A3", True, (420, 297))],
)
def test_page_setup(page: str, landscape: bool, size: tuple[int, int]) -> None:
    doc = open_docx(docx_tables_bytes([small_table()], page_size=page, landscape=landscape))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == size
    assert (section.orientation == WD_ORIENT.LANDSCAPE) is landscape


def test_seed_forms_one_document_with_page_breaks(tmp_path: Path) -> None:
    forms = list(parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms)[:3]
    out = tmp_path / "f.docx"
    write_docx(forms, out, RenderOptions())
    doc = docx.Document(str(out))
    titles = [p for p in doc.paragraphs if p.text == "财政项目支出绩效自评表"]
    assert len(titles) == 3
    assert [bool(p.paragraph_format.page_break_before) for p in titles] == [False, True, True]
    back = read_docx_bytes(out.read_bytes(), "f.docx")
    lines = [line for t in back.tables for line in t.row_texts()]
    for form in forms:
        table = official_table(form)
        n_title, n_footer = int(table.meta["title_rows"]), int(table.meta["footer_rows"])
        for line in table.row_texts()[n_title : table.n_rows - n_footer]:
            assert line in lines
    signatures = [p.text for p in doc.paragraphs if p.text.startswith("填报人：")]
    assert signatures == [signature_text(form) for form in forms]


def test_docx_bytes_is_a_word_file() -> None:
    forms = list(parse_file(EXAMPLES / "004_30fc85b3e2ff877a.txt").forms)[:1]
    data = docx_bytes(forms)
    assert data[:2] == b"PK"
    assert open_docx(data).tables
