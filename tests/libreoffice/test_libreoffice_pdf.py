"""PDFs printed by LibreOffice read as the forms they show (files made by ``lo_files.py``).

A row broken across a page is one indicator row; a merged label cut by the page break
is one label, whether Writer flowed its text on or Calc drew it across the break.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lo_files import FILES, NOTE, expected

from jixiao.parse import parse_file
from jixiao.read.pdf import read_pdf
from support import comparable


@pytest.mark.parametrize("case", ["split_row", "writer_cut_label", "calc_cut_label"])
def test_reads_as_the_form(case: str) -> None:
    path = FILES / f"{case}.pdf"
    forms = parse_file(path).forms
    assert len(forms) == 1
    assert comparable(forms[0]) == comparable(expected(case))


def test_row_broken_across_pages_is_one_row() -> None:
    doc = read_pdf(FILES / "split_row.pdf")
    assert doc.meta["pages"] == "2"
    (table,) = doc.tables
    assert table.pages == (1, 2)
    # LibreOffice spaces Chinese from digits (第 1 项); the parser takes such spaces out
    texts = {c: c.text.replace(" ", "") for c in table.cells}
    notes = [c for c, text in texts.items() if text.startswith("第1项")]
    assert [texts[c] for c in notes] == [NOTE]
    row = notes[0].row
    names = {texts[c] for c in table.cells if c.row == row}
    assert "网络安全事故发生数" in names and "5.00" in names
    assert not any(text.startswith("差原因") for text in texts.values())
    form = parse_file(FILES / "split_row.pdf").forms[0]
    long_rows = [r for r in form.indicators if r.note == NOTE]
    assert len(long_rows) == 1 and long_rows[0].name == "网络安全事故发生数"
    assert len(form.indicators) == len(expected("split_row").indicators)
    assert not [f for f in form.findings if f.code == "P001"]


def test_calc_text_clipped_off_the_page_is_not_read() -> None:
    doc = read_pdf(FILES / "calc_cut_label.pdf")
    texts = [ln.text for ln in doc.lines]
    assert "标" not in texts and "效益指标" not in texts  # the clipped-off lines
    (table,) = doc.tables
    labels = [c for c in table.cells if c.text == "社会效益指标"]
    assert len(labels) == 1 and labels[0].rowspan == 4
    headers = [c.text for c in table.cells if c.text.startswith("二级指标")]
    assert headers == ["二级指标"]


def test_files_are_pdfs() -> None:
    for path in Path(FILES).glob("*.pdf"):
        assert path.read_bytes()[:5] == b"%PDF-"
