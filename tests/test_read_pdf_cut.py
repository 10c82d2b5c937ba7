"""The rules for cells a page break cuts (``jixiao.read._pdf_cut``), on made-up cells.

The LibreOffice PDFs in ``tests/libreoffice`` show them on real files; here each rule
meets the near misses it must leave alone: a new row atop a page is a new row.
"""

from __future__ import annotations

import math

from jixiao.read._pdf_cut import cut_action, glue, split_row
from jixiao.read._pdf_page import PageCell

_COLUMNS = ((0, 40), (40, 120), (120, 180), (180, 220), (220, 260), (260, 400))
"""三级指标 … like columns: label, name, target, weight, score, note."""
_SIZE = 8.0


def _row(texts: list[str], top: list[float], bottom: list[float], row: int = 0) -> list[PageCell]:
    return [
        PageCell(row, 1, x0, x1, text, t if text else math.inf, b if text else math.inf)
        for (x0, x1), text, t, b in zip(_COLUMNS, texts, top, bottom, strict=True)
    ]


def test_a_row_cut_by_the_page_is_continued() -> None:
    # the note ran to the foot of the page; the short cells end well above it
    above = _row(
        ["效益指标", "网络安全事故发生数", "=0(起)", "5.00", "5.00", "第1项……第16项偏"],
        [2.5] * 6,
        [230.0, 240.0, 240.0, 241.0, 241.0, 3.1],
    )
    below = _row(["", "", "", "", "", "差原因……第24项"], [2.5] * 6, [3.0] * 6, row=1)
    assert split_row(above, below, _SIZE)


def test_a_new_row_atop_the_page_is_not_continued() -> None:
    full = ["质量指标", "维保工作完工及时率", "=100(%)", "2.00", "2.00", ""]
    above = _row(full, [3.4] * 6, [3.0] * 6)
    # the same columns, every cell one line: nothing was cut
    below = _row(["", "改造工程完工及时率", "=100(%)", "2.00", "2.00", ""], [3.4] * 6, [3.0] * 6)
    assert not split_row(above, below, _SIZE)
    # a new row leaving a cell blank under a filled one is still a new row
    blank = _row(["", "改造工程完工及时率", "=100(%)", "", "", ""], [3.4] * 6, [3.0] * 6)
    assert not split_row(above, blank, _SIZE)


def test_a_tall_row_followed_by_a_new_row_is_not_continued() -> None:
    # the note filled a tall row; the next page starts a new row with its own note
    above = _row(
        ["", "网络安全事故发生数", "=0(起)", "5.00", "5.00", "很长的说明"],
        [2.5] * 6,
        [math.inf, 40.0, 40.0, 41.0, 41.0, 3.0],
    )
    below = _row(["", "", "", "", "", "另一条说明"], [20.0] * 6, [20.0] * 6)
    assert not split_row(above, below, _SIZE)  # centred, not run on from the top
    assert not split_row(above, [PageCell(0, 1, 0, 400, "说明：", 2.0, 2.0)], _SIZE)


def _cell(text: str, rowspan: int = 1, top: float = 3.0, bottom: float = 3.0) -> PageCell:
    if not text:
        top = bottom = math.inf
    return PageCell(0, rowspan, 0, 40, text, top, bottom)


def test_a_merged_label_cut_by_the_page() -> None:
    assert cut_action(_cell("产出指标", 5), _cell(""), label_column=True) == "keep"
    assert cut_action(_cell("质量指标", 1), _cell(""), label_column=True) == "keep"
    assert cut_action(_cell("产出指标", 3), _cell("产出指标"), label_column=True) == "keep"
    # Writer flows the label's text on; Calc may print it all on the second page
    assert cut_action(_cell("效果目标(15"), _cell("分)", 5), label_column=True) == "join"
    assert cut_action(_cell("影响力目标"), _cell("(15分)"), label_column=True) == "join"
    assert cut_action(_cell("", 2), _cell("效益指标", 6), label_column=True) == "take"
    # a line of text runs over the cut (Calc clips it): the same cell on both pages
    crossed = _cell("社会效益指", 2, bottom=-2.9)
    assert cut_action(crossed, _cell("标", 2), label_column=True) == "join"


def test_a_new_label_atop_the_page_stays_its_own() -> None:
    assert cut_action(_cell("数量指标"), _cell("质量指标", 3), label_column=True) is None
    assert cut_action(_cell("时效指标"), _cell("社会效益指标"), label_column=True) is None
    assert cut_action(_cell("甲"), _cell("乙"), label_column=False) is None
    assert cut_action(_cell("甲"), _cell(""), label_column=False) is None


def test_glue() -> None:
    assert glue("效果目标(15", "分)") == "效果目标(15分)"
    assert glue("service", "level") == "service level"
    assert glue("", "分)") == "分)"
