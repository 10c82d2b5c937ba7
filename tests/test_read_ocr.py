"""Scans: ruling lines, grids with merges, words into cells, pages joined, OCR end to end."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("PIL")

from jixiao.errors import ReadError  # noqa: E402
from jixiao.model import OcrDoubt  # noqa: E402
from jixiao.read import _ocr_engine  # noqa: E402
from jixiao.read._ocr_grid import Grid, Word, build_grids, join_words, place_words  # noqa: E402
from jixiao.read._ocr_join import is_page_number, join_pages  # noqa: E402
from jixiao.read._ocr_lines import Rule, binarize, estimate_skew, find_rules  # noqa: E402
from jixiao.read._ocr_page import PageBlock, PageTable, analyse_page, deskew  # noqa: E402
from ocr_images import FONT, ROWS, XS, YS, draw_table  # noqa: E402


def _gray(dpi: int = 300, angle: float = 0.0, with_text: bool = False) -> np.ndarray:
    return np.asarray(draw_table(dpi, angle, with_text=with_text), dtype=np.uint8)


def _grid_of(gray: np.ndarray, dpi: int) -> list[Grid]:
    mask = binarize(gray)
    h = find_rules(mask, min_len=int(dpi * 0.3))
    v = find_rules(mask.T, min_len=int(dpi * 0.12))
    return build_grids(h, v, tol=dpi * 0.02)


@pytest.mark.parametrize("dpi", [300, 150])
def test_rules_of_a_drawn_table(dpi: int) -> None:
    mask = binarize(_gray(dpi))
    h = find_rules(mask, min_len=int(dpi * 0.3))
    s = dpi / 300
    h.sort(key=lambda r: r.pos)
    assert [round(r.pos / s) for r in h] == pytest.approx(list(YS), abs=3)
    # the rules crossing the merged cell start at column 1
    assert [round(r.start / s) for r in h] == pytest.approx(
        [XS[0], XS[0], XS[1], XS[1], XS[0]], abs=4
    )
    v = find_rules(mask.T, min_len=int(dpi * 0.12))
    assert sorted(round(r.pos / s) for r in v) == pytest.approx(list(XS), abs=3)
    assert all(r.length >= (YS[-1] - YS[0]) * s - 4 for r in v)


@pytest.mark.parametrize(("dpi", "angle"), [(300, 0.0), (150, 0.0), (300, 1.5), (200, -2.0)])
def test_grid_with_merged_cell(dpi: int, angle: float) -> None:
    gray, _ = deskew(_gray(dpi, angle))
    grids = _grid_of(gray, dpi)
    assert len(grids) == 1
    grid = grids[0]
    assert (grid.n_rows, grid.n_cols) == (4, 5)
    assert (1, 0, 3, 1) in grid.spans
    assert len(grid.spans) == 4 * 5 - 2


@pytest.mark.parametrize("angle", [1.5, -1.0, 2.5])
def test_skew_is_measured(angle: float) -> None:
    measured = estimate_skew(binarize(_gray(200, angle)))
    # PIL turns counter-clockwise: the rules then rise to the right
    assert measured == pytest.approx(-angle, abs=0.1)


def test_broken_rule_is_still_one_rule() -> None:
    mask = np.zeros((100, 800), dtype=bool)
    mask[50:52, 10:400] = True
    mask[51:53, 402:790] = True  # a one-pixel gap and a one-pixel step
    rules = find_rules(mask, min_len=100)
    assert len(rules) == 1
    assert (rules[0].start, rules[0].end) == (10, 790)


def test_text_strokes_are_not_rules() -> None:
    mask = np.zeros((100, 800), dtype=bool)
    for x in range(0, 700, 50):  # characters 40 px wide, 10 px apart
        mask[40:42, x : x + 40] = True
    assert find_rules(mask, min_len=90) == []


def test_lone_rules_make_no_table() -> None:
    h = [Rule(100, 0, 500), Rule(200, 0, 500)]
    assert build_grids(h, [Rule(1000, 0, 300)], tol=4) == []


def test_words_go_to_the_cell_holding_their_centre() -> None:
    grid = Grid((0, 100, 200), (0, 50, 100), ((0, 0, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1)))
    words = [
        Word("甲", 120, 10, 140, 30),
        Word("乙", 60, 60, 80, 80),
        Word("外", 300, 10, 320, 30),
        Word("跨", 90, 10, 110, 30),
    ]
    inside, outside = place_words(grid, words)
    assert [w.text for w in inside[0]] == ["甲", "跨"]
    assert [w.text for w in inside[1]] == ["乙"]
    assert [w.text for w in outside] == ["外"]


def test_words_join_in_reading_order() -> None:
    words = [
        Word("网", 50, 0, 70, 20),
        Word("配", 10, 2, 30, 22),
        Word("套", 30, 1, 50, 21),
        Word("天", 10, 30, 30, 50),
        Word("PM", 100, 60, 130, 80),
        Word("2.5", 140, 60, 170, 80),
        Word("9", 10, 90, 20, 110),
        Word("8", 21, 90, 31, 110),
    ]
    assert join_words(words) == "配套网\n天\nPM 2.5\n98"


def test_page_numbers() -> None:
    for text in ["- 3 -", "第 2 页", "2/5", "第1页 共3页", "12"]:
        assert is_page_number(text), text
    for text in ["产出指标", "2024年", "总分 95"]:
        assert not is_page_number(text), text


def _page_table(rows: list[list[str]], x0: float = 0) -> PageTable:
    n_cols = len(rows[0])
    spans = tuple((r, c, 1, 1) for r in range(len(rows)) for c in range(n_cols))
    grid = Grid(
        tuple(x0 + 100 * c for c in range(n_cols + 1)),
        tuple(50 * r for r in range(len(rows) + 1)),
        spans,
    )
    return PageTable(grid, [t for row in rows for t in row])


def test_table_continued_on_next_page_is_joined_without_repeated_header() -> None:
    first = _page_table([["指标", "分值"], ["甲", "1"]])
    second = _page_table([["指标", "分值"], ["乙", "2"], ["丙", "3"]])
    pages = [
        [PageBlock(0, text="标题"), PageBlock(10, table=first), PageBlock(900, text="- 1 -")],
        [PageBlock(10, table=second), PageBlock(400, text="说明")],
    ]
    out = join_pages(pages, tol=5)
    kinds = [item if isinstance(item, str) else "TABLE" for _, item in out]
    assert kinds == ["标题", "TABLE", "- 1 -", "说明"]
    table = out[1][1]
    assert not isinstance(table, str)
    assert table.n_rows == 4
    assert [t for *_, t in sorted(table.rows)] == ["指标", "分值", "甲", "1", "乙", "2", "丙", "3"]
    assert table.row_pages == [1, 1, 2, 2]


def test_different_columns_are_not_joined() -> None:
    pages = [
        [PageBlock(10, table=_page_table([["a", "b"]]))],
        [PageBlock(10, table=_page_table([["c", "d"]], x0=300))],
    ]
    assert len(join_pages(pages, tol=5)) == 2


def _fake_recognise(dpi: int):  # type: ignore[no-untyped-def]
    s = dpi / 300

    def recognise(gray: np.ndarray) -> list[Word]:
        words = []
        for r, row in enumerate(ROWS):
            for c, text in enumerate(row):
                if text and text != "8":  # the 8s "escape detection"
                    x, y = (XS[c] + 15) * s, (YS[r] + 35) * s
                    words.append(Word(text, x, y, x + 42 * s * len(text), y + 42 * s, 0.99))
        words.append(Word("表", 250 * s, 150 * s, 300 * s, 200 * s, 0.6))
        return words

    return recognise


@pytest.mark.skipif(not FONT.exists(), reason="CJK font fonts-wqy-microhei not installed")
def test_page_analysis_with_a_stand_in_for_ocr() -> None:
    gray = _gray(300, 0.0, with_text=True)
    rereads: list[tuple[int, int]] = []

    def line(crop: np.ndarray) -> tuple[str, float]:
        rereads.append(crop.shape)
        return "8", 0.5

    blocks = analyse_page(gray, 300, _fake_recognise(300), line)
    assert [b.text for b in blocks if b.table is None] == ["表"]
    (table,) = [b.table for b in blocks if b.table is not None]
    assert table.texts[table.grid.spans.index((1, 0, 3, 1))] == "产出指标"
    assert table.texts[table.grid.spans.index((1, 2, 1, 1))] == "配套电信网络服务天数"
    # the two 8s were missed by detection, read again alone, and kept as doubtful
    assert len(rereads) == 2
    assert table.texts[table.grid.spans.index((3, 4, 1, 1))] == "8"
    assert {(d.row, d.col, d.text) for d in table.doubts} == {(3, 3, "8"), (3, 4, "8")}


def test_without_the_ocr_extra_a_scan_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.read.ocr import read_image

    path = tmp_path / "scan.png"
    draw_table(100, with_text=False).save(path)
    _ocr_engine._engine.cache_clear()
    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    try:
        with pytest.raises(_ocr_engine.OcrUnavailableError) as err:
            read_image(path)
    finally:
        _ocr_engine._engine.cache_clear()
    assert isinstance(err.value, ReadError)
    assert "pip install 'jixiao[ocr]'" in err.value.message
    assert "\n" not in err.value.message


@pytest.mark.parametrize("content", [b"", b"\x89PNG\r\n\x1a\n garbage", b"not an image"])
def test_bad_image_files(tmp_path: Path, content: bytes) -> None:
    from jixiao.read.ocr import read_image

    path = tmp_path / "bad.png"
    path.write_bytes(content)
    with pytest.raises(ReadError) as err:
        read_image(path)
    assert "bad.png" in err.value.message


def test_bad_pdf_files(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from jixiao.read.ocr import read_scanned_pdf

    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n truncated")
    with pytest.raises(ReadError, match="无法打开 PDF"):
        read_scanned_pdf(path)
    with pytest.raises(ReadError, match="找不到文件"):
        read_scanned_pdf(tmp_path / "missing.pdf")


@pytest.mark.slow
@pytest.mark.skipif(not FONT.exists(), reason="CJK font fonts-wqy-microhei not installed")
def test_ocr_end_to_end_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    from jixiao.read.ocr import read_image, read_scanned_pdf

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    _ocr_engine._engine.cache_clear()  # load the models again, offline
    png = tmp_path / "scan.png"
    draw_table(200, angle=1.0).save(png, dpi=(200, 200))
    pdf = tmp_path / "scan.pdf"
    draw_table(150).save(pdf, resolution=150)
    for doc in (read_image(png), read_scanned_pdf(pdf)):
        assert doc.format == "image"
        (table,) = doc.tables
        grid = table.grid()
        texts = [[cell.text if cell else "" for cell in row] for row in grid]
        assert texts[1][2] == "配套电信网络服务天数"
        assert texts[2][2] == "系统可用率≥99%"
        assert [row[3] for row in texts[1:]] == ["6", "10.00", "8"]
        assert [row[4] for row in texts[1:]] == ["5.98", "9.5", "8"]
        assert texts[3][0] == "产出指标"  # the merged cell
        assert doc.lines[0].text == "2024年度财政项目支出绩效自评表"
        assert all(isinstance(d, OcrDoubt) for d in table.ocr_doubts)
        assert "ocr_doubtful" not in table.meta  # typed, not a JSON string


@pytest.mark.parametrize(
    ("read", "want"),
    [
        ("≥250.00(人次）", "≥250.00(人次)"),
        ("沪人〔1991]172号", "沪人〔1991〕172号"),
        ("（沪计教（87）第549号)", "（沪计教（87）第549号）"),
        ("=100(%)", "=100(%)"),
        ("无括号）", "无括号）"),
    ],
)
def test_closing_brackets_follow_the_open_one(read: str, want: str) -> None:
    from jixiao.read._ocr_grid import balance_brackets

    assert balance_brackets(read) == want
