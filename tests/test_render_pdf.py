"""PDF rendering of official tables: grid, merges, wrapping, pages, embedded font."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jixiao.linebreak import NO_LINE_END, NO_LINE_START
from jixiao.model import Cell, Table
from jixiao.parse import parse_file
from jixiao.render import RenderOptions, official_table
from jixiao.render import fonts as fonts_mod
from jixiao.render.fonts import FontNotFoundError, find_cjk_font
from jixiao.render.pdf import pdf_bytes, pdf_tables_bytes, write_pdf, write_pdf_tables
from support import skip_unless_strict

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOAL = "，保障系统稳定运行并强化政务信息推送"
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def indicator_table(n_rows: int, *, long_text: bool = True) -> Table:
    """Title rows, one wrapped goal row, the indicator header, then ``n_rows`` rows
    under two merged 一级 labels."""
    cells = [
        Cell(0, 0, "财政项目支出绩效自评表", colspan=7, role="title", align="center"),
        Cell(1, 0, "项目名称", colspan=2, role="label", align="center"),
        Cell(
            1,
            2,
            "信息化运维项目" + ("，保障系统稳定运行并强化政务信息推送" * 4 if long_text else ""),
            colspan=5,
        ),
    ]
    cells += [Cell(2, c, t, role="header", align="center") for c, t in enumerate(HEADER)]
    first = 3
    half = n_rows // 2
    for i in range(n_rows):
        r = first + i
        cells += [
            Cell(r, 1, f"数量{i}", role="label"),
            Cell(r, 2, f"指标{i:03d}" + ("需要换行的很长的指标名称" if i % 3 == 0 else "")),
            Cell(r, 3, f"≥{i}(件)"),
            Cell(r, 4, f"{i}(件)"),
            Cell(r, 5, "2.00", role="number"),
            Cell(r, 6, f"{i % 2}.50", role="number"),
        ]
    cells.append(Cell(first, 0, "产出指标", rowspan=half, role="label", align="center"))
    cells.append(Cell(first + half, 0, "效益指标", rowspan=n_rows - half, role="label"))
    return Table(
        n_rows=first + n_rows,
        n_cols=7,
        cells=tuple(cells),
        col_widths=(6, 7, 14, 8, 8, 5, 5),
        header_rows=3,
        title="财政项目支出绩效自评表",
        meta={"title_rows": "1", "repeat_rows": "2-2"},
    )


def page_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_all_text(table: Table, text: str) -> None:
    """Every cell's characters appear in the text (counted, whitespace ignored), and
    every short cell appears whole."""
    have = Counter(squash(text))
    want = Counter(squash("".join(c.text for c in table.cells)))
    missing = want - have
    assert not missing, f"missing characters: {dict(missing)}"
    flat = squash(text)
    for cell in table.cells:
        if 0 < len(cell.text) <= 6:
            assert squash(cell.text) in flat, cell.text


def installed_font() -> Path:
    """The CJK TrueType font installed here, or a skip (the default run needs none)."""
    try:
        return find_cjk_font()
    except FontNotFoundError as err:
        skip_unless_strict(f"没有安装中文 TrueType 字体：{err}")


def test_font_is_found() -> None:
    path = installed_font()
    assert path.suffix.lower() in {".ttf", ".ttc"}
    assert path.is_file()


def test_font_from_env_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JIXIAO_FONT", str(tmp_path / "nope.ttf"))
    with pytest.raises(FontNotFoundError, match="JIXIAO_FONT"):
        find_cjk_font()
    with pytest.raises(FontNotFoundError, match="JIXIAO_FONT"):
        pdf_tables_bytes([indicator_table(2)])  # the variable set is the font asked for


def test_font_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(FontNotFoundError, match=r"nope\.ttf"):
        pdf_tables_bytes([indicator_table(2)], font=str(tmp_path / "nope.ttf"))


def test_no_font_names_the_debian_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIXIAO_FONT", raising=False)
    monkeypatch.setattr(fonts_mod, "_FONT_DIRS", ())
    with pytest.raises(FontNotFoundError, match="fonts-wqy-microhei") as info:
        find_cjk_font()
    assert "\n" not in str(info.value)
    # the default needs no font file at all
    assert page_texts(pdf_tables_bytes([indicator_table(2)]))


def test_default_font_is_the_builtin_song_no_file_embedded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("JIXIAO_FONT", raising=False)
    table = indicator_table(6)
    out = tmp_path / "t.pdf"
    write_pdf_tables([table], out)
    data = out.read_bytes()
    texts = page_texts(data)
    assert len(texts) == 1
    assert_all_text(table, texts[0])
    assert b"/BaseFont /STSong-Light" in data
    assert b"/FontFile" not in data  # nothing embedded: every reader has 宋体
    assert b"/Helvetica" not in data  # no base-14 font for the Latin digits either


def test_embedded_font_by_option_and_by_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = installed_font()
    table = indicator_table(6)
    for data in (
        pdf_tables_bytes([table], font="embed"),
        pdf_tables_bytes([table], font=str(path)),
    ):
        assert b"/FontFile2" in data  # TrueType program embedded
        assert b"/STSong-Light" not in data
        assert_all_text(table, page_texts(data)[0])
    monkeypatch.setenv("JIXIAO_FONT", str(path))
    assert b"/FontFile2" in pdf_tables_bytes([table])


def _cell_lines(text: str, width: float) -> list[str]:
    """The lines a one-cell table of ``text`` is printed in, as the PDF's text says."""
    table = Table(
        n_rows=1,
        n_cols=2,
        cells=(Cell(0, 0, text), Cell(0, 1, "")),
        col_widths=(width, 100 - width),
    )
    page = pdfium.PdfDocument(pdf_tables_bytes([table]))[0]
    return [line for line in page.get_textpage().get_text_range().splitlines() if line.strip()]


@pytest.mark.parametrize("mark", ["，", "。", "”", "；", "）", "、"])
def test_no_closing_mark_starts_a_printed_line(mark: str) -> None:
    text = ("保障系统稳定运行" + mark) * 8
    for width in (9.0, 11.0, 13.0, 17.0):
        lines = _cell_lines(text, width)
        assert len(lines) > 1
        assert "".join(lines) == text
        assert not [line for line in lines[1:] if line[0] in NO_LINE_START], lines


def test_no_opening_quote_ends_a_printed_line() -> None:
    text = "按照“放管服”改革要求，推进“一网通办”建设“一件事”" * 3
    for width in (9.0, 11.0, 13.0, 17.0):
        lines = _cell_lines(text, width)
        assert "".join(lines) == text
        assert not [line for line in lines[:-1] if line[-1] in NO_LINE_END], lines


def test_long_table_repeats_header_and_labels_on_each_page() -> None:
    table = indicator_table(120)
    texts = page_texts(pdf_tables_bytes([table]))
    assert len(texts) >= 2
    for text in texts:
        flat = squash(text)
        for head in HEADER:
            assert head in flat
    assert "财政项目支出绩效自评表" in squash(texts[0])
    assert "财政项目支出绩效自评表" not in squash(texts[1])
    # a merged label cut by a page break is printed in each part
    pages_with = [i for i, t in enumerate(texts) if "产出指标" in squash(t)]
    assert len(pages_with) >= 2
    joined = "".join(texts)
    for i in range(120):
        assert f"指标{i:03d}" in squash(joined)


def test_several_tables_each_start_a_page() -> None:
    one = page_texts(pdf_tables_bytes([indicator_table(4)]))
    three = page_texts(pdf_tables_bytes([indicator_table(4)] * 3))
    assert len(one) == 1
    assert len(three) == 3


@pytest.mark.parametrize(
    ("page", "landscape", "size"), [("A4", False, (595, 842)), ("A3", True, (1191, 842))]
)
def test_page_size(page: str, landscape: bool, size: tuple[int, int]) -> None:
    doc = pdfium.PdfDocument(
        pdf_tables_bytes([indicator_table(3)], page_size=page, landscape=landscape)
    )
    w, h = doc[0].get_size()
    assert (round(w), round(h)) == size


def test_numbers_right_aligned_text_left() -> None:
    table = Table(
        n_rows=1,
        n_cols=2,
        cells=(Cell(0, 0, "甲"), Cell(0, 1, "12.50", role="number")),
        col_widths=(1, 1),
    )
    doc = pdfium.PdfDocument(pdf_tables_bytes([table]))
    page = doc[0]
    tp = page.get_textpage()
    width = page.get_width()
    boxes = [tp.get_charbox(i) for i in range(tp.count_chars())]
    text = tp.get_text_range()
    left = boxes[text.index("甲")]
    last = boxes[text.index("0", text.index("12.5"))]
    assert left[0] < width * 0.2  # text hugs the left border
    assert last[2] > width * 0.75  # the number ends at the right border


@pytest.fixture(scope="module")
def seed_forms() -> list:  # type: ignore[type-arg]
    return list(parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms)


def test_seed_form_pdf_has_every_cell(seed_forms: list, tmp_path: Path) -> None:  # type: ignore[type-arg]
    form = seed_forms[0]
    out = tmp_path / "f.pdf"
    write_pdf([form], out)
    texts = page_texts(out.read_bytes())
    assert_all_text(official_table(form), "".join(texts))


def test_seed_forms_each_start_a_page(seed_forms: list) -> None:  # type: ignore[type-arg]
    forms = seed_forms[:3]
    texts = page_texts(pdf_bytes(forms, RenderOptions(page="A4")))
    starts = [i for i, t in enumerate(texts) if "财政项目支出绩效自评表" in squash(t)]
    assert len(starts) == 3
    for form, page in zip(forms, starts, strict=True):
        assert squash(form.project or "") in squash(texts[page])
