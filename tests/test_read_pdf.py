"""PDF reader: small PDFs generated with reportlab → tables, paragraphs and errors."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen import canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, TableStyle
from reportlab.platypus import Table as RLTable

from jixiao.errors import ReadError
from jixiao.model.jsonio import loads, to_data
from jixiao.model.table import Cell, Table
from jixiao.parse import parse_document
from jixiao.read.pdf import ScannedPdfError, read_pdf
from jixiao.render.fonts import BUILTIN_FONT, pdf_font_name
from jixiao.render.options import RenderOptions
from jixiao.render.pdf import write_pdf


def _font() -> str:
    """reportlab's built-in 宋体 (no font file needed, as a fresh machine has none)."""
    return pdf_font_name(BUILTIN_FONT)


def _para(text: str, size: float = 9) -> Paragraph:
    style = ParagraphStyle("c", fontName=_font(), fontSize=size, leading=size * 1.25)
    style.wordWrap = "CJK"
    return Paragraph(text, style)


def _title(text: str) -> Paragraph:
    return Paragraph(text, ParagraphStyle("t", fontName=_font(), fontSize=16, leading=22))


def _table(
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    repeat: int = 0,
) -> RLTable:
    data = [[_para(text) for text in row] for row in rows]
    table = RLTable(data, colWidths=list(widths), repeatRows=repeat)
    style = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    style += [("SPAN", a, b) for a, b in spans]
    table.setStyle(TableStyle(style))
    return table


def _page_number(c: canvas.Canvas, _doc: object) -> None:
    c.setFont(_font(), 9)
    c.drawCentredString(A4[0] / 2, 30, f"- {c.getPageNumber()} -")


def _build(
    path: Path,
    flowables: list[Flowable],
    encrypt: StandardEncryption | None = None,
    numbered: bool = False,
) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4, encrypt=encrypt)
    if numbered:
        doc.build(flowables, onFirstPage=_page_number, onLaterPages=_page_number)
    else:
        doc.build(flowables)
    return path


def _cell(table: Table, row: int, col: int) -> Cell:
    found = table.grid()[row][col]
    assert found is not None, (row, col)
    return found


LONG = "配套电信网络服务天数以及很长很长的三级指标名称需要在单元格里换行显示"

FORM = [
    ["项目名称", "信息化运维项目", "", ""],
    ["一级指标", "二级指标", "三级指标", "分值"],
    ["产出指标", "数量指标", LONG, "6"],
    ["", "", "系统可用率", "1,220.16"],
    ["", "质量指标", "ISO 9001 certification", "10"],
    ["效益指标", "满意度", "服务对象满意度", "10"],
]


def test_merged_cells_and_wrapped_text(tmp_path: Path) -> None:
    # reportlab spans are ((col, row), (col, row)): name over 3 columns, 产出指标 over
    # 3 rows, 数量指标 over 2
    spans = [((1, 0), (3, 0)), ((0, 2), (0, 4)), ((1, 2), (1, 3))]
    path = _build(tmp_path / "a.pdf", [_table(FORM, [60, 60, 120, 60], spans)])
    doc = read_pdf(path)
    assert doc.format == "pdf" and len(doc.tables) == 1
    table = doc.tables[0]
    assert (table.n_rows, table.n_cols, table.page) == (6, 4, 1)
    name = _cell(table, 0, 1)
    assert (name.text, name.colspan, name.rowspan) == ("信息化运维项目", 3, 1)
    level1 = _cell(table, 3, 0)
    assert (level1.row, level1.text, level1.rowspan) == (2, "产出指标", 3)
    level2 = _cell(table, 3, 1)
    assert (level2.row, level2.text, level2.rowspan) == (2, "数量指标", 2)
    assert _cell(table, 2, 2).text == LONG  # wrapped over several printed lines
    assert _cell(table, 3, 3).text == "1,220.16"
    assert _cell(table, 4, 2).text == "ISO 9001 certification"
    assert _cell(table, 5, 0).rowspan == 1
    # every row is also a line of the document, for provenance
    assert doc.line(table.line_of(2)).text == f"产出指标\t数量指标\t{LONG}\t6"


def test_title_and_year_are_paragraphs_in_page_order(tmp_path: Path) -> None:
    flow = [_title("财政项目支出绩效自评表"), _title("（2024年度）")]
    note = "说明：" + "依据本项目应实现的绩效目标或工作计划，对照已完成的情况进行自评。" * 4
    flow += [_table(FORM[:2], [60, 60, 120, 60]), _para(note, 10), _title("填报人：张三")]
    doc = read_pdf(_build(tmp_path / "b.pdf", flow))
    texts = [line.text for line in doc.lines]
    assert texts[:2] == ["财政项目支出绩效自评表", "（2024年度）"]
    assert texts[2].startswith("项目名称\t信息化运维项目")
    assert texts[-2:] == [note, "填报人：张三"]  # a wrapped paragraph is one line
    assert doc.tables[0].first_line == 3


def _rows(start: int, stop: int, label: str) -> list[list[str]]:
    return [
        [label if i == start else "", "数量指标", f"第{i}项{LONG}", str(i)]
        for i in range(start, stop)
    ]


HEADER = ["一级指标", "二级指标", "三级指标", "分值"]


def test_table_over_pages_is_joined_without_repeated_header(tmp_path: Path) -> None:
    rows = [HEADER, *_rows(0, 60, "产出指标")]
    flow = [_title("财政项目支出绩效自评表"), _table(rows, [60, 60, 150, 40], repeat=1)]
    path = _build(tmp_path / "c.pdf", flow, numbered=True)  # page numbers do not split it
    assert len(pdfium.PdfDocument(str(path))) >= 2
    doc = read_pdf(path)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.n_rows == 61
    assert [c.text for c in table.cells if c.text == "一级指标"] == ["一级指标"]
    assert [_cell(table, r, 3).text for r in range(1, 61)] == [str(i) for i in range(60)]
    assert table.pages[:2] == (1, 2)
    # page numbers are kept, after the joined table
    after = [line.text for line in doc.lines[table.first_line - 1 + table.n_rows :]]
    assert after[:2] == ["- 1 -", "- 2 -"]


@pytest.mark.parametrize("label", ["", "产出指标"])
def test_label_cut_by_page_break_is_one_cell(tmp_path: Path, label: str) -> None:
    spans_a = [((0, 1), (0, 4))]  # (col, row): 一级 label over rows 1-4
    spans_b = [((0, 1), (0, 3))]
    flow = [
        _table([HEADER, *_rows(0, 4, "产出指标")], [60, 60, 150, 40], spans_a),
        PageBreak(),
        _table([HEADER, *_rows(4, 7, label)], [60, 60, 150, 40], spans_b),
    ]
    table = read_pdf(_build(tmp_path / "d.pdf", flow)).tables[0]
    assert table.n_rows == 8
    level1 = _cell(table, 7, 0)
    assert (level1.row, level1.rowspan, level1.text) == (1, 7, "产出指标")


def test_two_row_label_split_one_and_one_is_rejoined(tmp_path: Path) -> None:
    """质量指标 spans two rows, one on each page, printed on both; column 1 holds merged
    labels elsewhere, so the two halves are one cell again. Equal numbers stay apart."""
    rows_a = [HEADER, ["产出指标", "数量指标", "甲", "5"], ["", "", "乙", "5"]]
    rows_a.append(["", "质量指标", "丙", "5"])
    rows_b = [HEADER, ["", "质量指标", "丁", "5"]]
    flow = [
        _table(rows_a, [60, 60, 150, 40], [((0, 1), (0, 3)), ((1, 1), (1, 2))]),
        PageBreak(),
        _table(rows_b, [60, 60, 150, 40]),
    ]
    table = read_pdf(_build(tmp_path / "h.pdf", flow)).tables[0]
    label = _cell(table, 4, 1)
    assert (label.row, label.rowspan, label.text) == (3, 2, "质量指标")
    assert [_cell(table, r, 3).row for r in (3, 4)] == [3, 4]


def test_two_forms_stay_separate(tmp_path: Path) -> None:
    flow: list[Flowable] = []
    for name in ("甲项目", "乙项目"):
        flow += [
            _title("财政项目支出绩效自评表"),
            _table([["项目名称", name], HEADER[:2]], [80, 200]),
        ]
        flow.append(PageBreak())
    doc = read_pdf(_build(tmp_path / "e.pdf", flow))
    assert [t.page for t in doc.tables] == [1, 2]
    assert [_cell(t, 0, 1).text for t in doc.tables] == ["甲项目", "乙项目"]
    assert [line.text for line in doc.lines].count("财政项目支出绩效自评表") == 2


def test_two_tables_on_one_page_with_a_title_between(tmp_path: Path) -> None:
    flow = [
        _title("财政项目支出绩效自评表"),
        _table([["项目名称", "甲项目"], HEADER[:2]], [80, 200]),
        _title("财政项目支出绩效自评表"),
        _table([["项目名称", "乙项目"], HEADER[:2]], [80, 200]),
    ]
    doc = read_pdf(_build(tmp_path / "two.pdf", flow))
    assert [(t.page, _cell(t, 0, 1).text) for t in doc.tables] == [(1, "甲项目"), (1, "乙项目")]
    assert [line.text for line in doc.lines][3] == "财政项目支出绩效自评表"


def test_dotted_rules(tmp_path: Path) -> None:
    """Borders drawn as rows of small dots still make rules."""
    path = tmp_path / "dots.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for y in (700, 680, 660):
        for x in range(100, 300, 2):
            c.rect(x, y, 1, 1, stroke=0, fill=1)
    for x in (100, 200, 300):
        for y in range(660, 700, 2):
            c.rect(x, y, 1, 1, stroke=0, fill=1)
    c.setFont(_font(), 10)
    for x, y, text in ((110, 686, "分值"), (210, 686, "得分"), (110, 666, "10"), (210, 666, "9")):
        c.drawString(x, y, text)
    c.save()
    assert read_pdf(path).tables[0].row_texts() == ["分值\t得分", "10\t9"]


def test_thin_filled_rectangles_and_rotation(tmp_path: Path) -> None:
    """Word draws borders as thin filled rectangles; a landscape page may be /Rotate'd."""
    for rotation in (0, 90, 180, 270):
        path = tmp_path / f"r{rotation}.pdf"
        _filled_rect_table(path, rotation)
        assert read_pdf(path).tables[0].row_texts() == ["分值\t得分", "10\t9.77"], rotation


def _filled_rect_table(path: Path, rotation: int) -> None:
    """A 2×2 table drawn so that it reads upright once the page is turned by ``rotation``."""
    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setPageRotation(rotation)
    if rotation == 90:
        c.translate(width, 0)
    elif rotation == 180:
        c.translate(width, height)
    elif rotation == 270:
        c.translate(0, height)
    c.rotate(rotation)
    c.setFont(_font(), 10)
    xs, ys = [100, 200, 300], [500, 480, 460]
    for y in ys:
        c.rect(xs[0], y, xs[-1] - xs[0], 0.6, stroke=0, fill=1)
    for x in xs:
        c.rect(x, ys[-1], 0.6, ys[0] - ys[-1], stroke=0, fill=1)
    c.drawString(110, 486, "分值")
    c.drawString(210, 486, "得分")
    c.drawString(110, 466, "10")
    c.drawString(210, 466, "9.77")
    c.save()


def test_encrypted(tmp_path: Path) -> None:
    enc = StandardEncryption("user-secret", "owner-secret")
    path = _build(tmp_path / "x.pdf", [_title("绩效")], encrypt=enc)
    with pytest.raises(ReadError, match=r"文件「x\.pdf」已加密，无法读取"):
        read_pdf(path)


def test_truncated_corrupt_empty_and_missing(tmp_path: Path) -> None:
    whole = _build(tmp_path / "ok.pdf", [_table(FORM, [60, 60, 120, 60])]).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ReadError, match="不完整"):
        read_pdf(tmp_path / "cut.pdf")
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\n garbage garbage\n%%EOF\n")
    with pytest.raises(ReadError, match="已损坏"):
        read_pdf(tmp_path / "bad.pdf")
    (tmp_path / "text.pdf").write_bytes("财政项目支出绩效自评表".encode())
    with pytest.raises(ReadError, match="不是 PDF 文件"):
        read_pdf(tmp_path / "text.pdf")
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(ReadError, match="空文件"):
        read_pdf(tmp_path / "empty.pdf")
    with pytest.raises(ReadError, match="找不到文件"):
        read_pdf(tmp_path / "none.pdf")


def test_image_only_pdf_asks_for_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(100, 100, 300, 300, stroke=1, fill=1)  # no text layer at all
    c.showPage()
    c.rect(50, 50, 30, 30, stroke=1, fill=0)
    c.save()
    with pytest.raises(ScannedPdfError, match=r"没有文字层.*jixiao\[ocr\]") as err:
        read_pdf(path)
    assert err.value.pages == 2
    assert isinstance(err.value, ReadError)


# ------------------------------------------------------------ round trip of seed forms

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("*/[0-9][0-9].json"))


def _comparable(form: Any, spaces: bool = True) -> Any:
    data = to_data(form)
    data.pop("source")
    data.pop("findings")
    data["indicators"] = [
        {k: v for k, v in row.items() if k != "lines"} for row in data["indicators"]
    ]
    return data if spaces else _without_spaces(data)


def _without_spaces(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_spaces(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_without_spaces(v) for v in data]
    return "".join(data.split()) if isinstance(data, str) else data


def _seed_forms(paths: Sequence[Path]) -> list[Any]:
    return [form for path in paths for form in loads(path.read_text(encoding="utf-8"))]


def _round_trip(
    tmp_path: Path, forms: Sequence[Any], options: RenderOptions, spaces: bool = True
) -> None:
    path = tmp_path / "forms.pdf"
    write_pdf(forms, path, options)
    parsed = parse_document(read_pdf(path)).forms
    assert [_comparable(f, spaces) for f in parsed] == [_comparable(f, spaces) for f in forms]


FAST = ["000_52d2d39b8e94208b/01.json", "001_5643fb32fc07280b/01.json"]
FAST += ["004_30fc85b3e2ff877a/01.json", "002_3d7362f935c9f97e/05.json"]


@pytest.mark.parametrize("style", [RenderOptions(), RenderOptions(narrow=True, wording="本年")])
def test_seed_forms_in_one_pdf_read_back_field_for_field(
    tmp_path: Path, style: RenderOptions
) -> None:
    """One of each kind in one PDF (separate forms); narrow: wrapped cells, page breaks."""
    _round_trip(tmp_path, _seed_forms([GOLDEN / name for name in FAST]), style)


@pytest.mark.slow
@pytest.mark.parametrize("narrow", [False, True])
@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: f"{p.parent.name[:3]}-{p.stem}")
def test_every_seed_form_reads_back(tmp_path: Path, golden: Path, narrow: bool) -> None:
    """Spaces aside: where a cell wraps at a space (seed 003 has OCR spaces inside
    sentences: ``90 0%``), the PDF no longer holds that space."""
    _round_trip(tmp_path, _seed_forms([golden]), RenderOptions(narrow=narrow), spaces=False)
