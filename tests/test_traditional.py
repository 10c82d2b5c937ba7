"""Forms printed in traditional characters parse as the simplified ones; the document
as printed is what is kept (``jixiao.read.traditional``, applied in ``parse_document``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import opencc
import pytest

from jixiao.parse import parse_document, parse_file
from jixiao.read import Document
from jixiao.read.files import read_any
from jixiao.read.html import read_html_text
from jixiao.read.traditional import count_traditional, is_traditional, to_simplified
from jixiao.render.official import official_table
from jixiao.render.options import RenderOptions
from jixiao.service import run_import
from jixiao.store import open_store
from support import SEEDS, comparable

_S2T = opencc.OpenCC("s2t")
SMALL = next(s for s in SEEDS if s.name.startswith("004_"))
"""The 2020 target tables: four small forms."""


def _traditional(text: str) -> str:
    out = str(_S2T.convert(text))
    assert out != text
    return out


def test_text_in_traditional_characters_parses_as_simplified(tmp_path: Path) -> None:
    simplified = parse_file(SMALL)
    source = tmp_path / "繁體.txt"
    source.write_text(_traditional(SMALL.read_text(encoding="utf-8")), encoding="utf-8")
    result = parse_file(source)
    assert [comparable(f) for f in result.forms] == [comparable(f) for f in simplified.forms]
    assert result.layout == simplified.layout
    # the document as printed: traditional lines, numbered as the simplified ones
    printed = read_any(source)
    assert result.document.lines == printed.lines
    assert "績效" in "\n".join(line.text for line in result.document.lines)
    for form in result.forms:
        notes = [f for f in form.findings if f.code == "P016"]
        assert len(notes) == 1 and notes[0].severity.value == "info"
        assert "繁体字" in notes[0].message
        assert [f.code for f in form.findings if f.code != "P016"] == [
            f.code for f in next(s for s in simplified.forms if s.project == form.project).findings
        ]


def test_a_workbook_in_traditional_characters_parses_as_simplified(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from jixiao.render.xlsx import write_xlsx

    forms = parse_file(SMALL).forms
    path = Path(write_xlsx(forms, tmp_path / "表.xlsx"))
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and not cell.value.startswith("="):
                    cell.value = str(_S2T.convert(cell.value))
    book.save(path)
    result = parse_file(path)
    assert "績效" in "".join(c.text for t in result.document.tables for c in t.cells)
    assert [comparable(f) for f in result.forms] == [comparable(f) for f in forms]


def test_every_format_benefits(tmp_path: Path) -> None:
    """An HTML table (cells and lines) in traditional characters reads the same."""
    forms = parse_file(SMALL).forms
    page = _html([official_table(f, RenderOptions()) for f in forms])
    simplified = parse_document(read_html_text(page, "表.html", "utf-8"))
    converted = parse_document(read_html_text(_traditional(page), "表.html", "utf-8"))
    assert [comparable(f) for f in converted.forms] == [comparable(f) for f in simplified.forms]
    assert converted.document.tables[0].cells != simplified.document.tables[0].cells


def _html(tables: list[Any]) -> str:
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    for table in tables:
        parts.append("<table border='1'>")
        for row in table.rows():
            parts.append("<tr>")
            for cell in row:
                span = f" rowspan='{cell.rowspan}' colspan='{cell.colspan}'"
                parts.append(f"<td{span}>{cell.text}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    return "".join(parts) + "</body></html>"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_simplified_documents_are_left_alone(seed: Path) -> None:
    doc = read_any(seed)
    assert to_simplified(doc) is doc
    outside, han = count_traditional("\n".join(line.text for line in doc.lines))
    assert han > 1000 and outside < 0.01 * han  # seed 003's OCR slips (況, 類) included


def test_detection() -> None:
    assert not is_traditional("财政项目支出绩效自评表 著名 乾隆")
    assert is_traditional(_traditional("财政项目支出绩效自评表，预算执行率，实际完成值。" * 3))
    assert not is_traditional("績效")  # too few to judge a document by
    assert count_traditional("") == (0, 0)


def test_stored_lines_keep_the_printed_characters(tmp_path: Path) -> None:
    source = tmp_path / "繁體.txt"
    printed = _traditional(SMALL.read_text(encoding="utf-8"))
    source.write_text(printed, encoding="utf-8")
    with open_store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        run_import(store, [source], jobs=1)
        (doc,) = store.documents()
        stored = store.document_lines(doc["id"])
        assert stored is not None
        assert [t for _, t in stored.lines] == printed.splitlines()
        forms = [s.form for s in store.iter_stored()]
        assert {f.project for f in forms} == {f.project for f in parse_file(SMALL).forms}


def test_a_document_is_converted_once(tmp_path: Path) -> None:
    doc = Document.from_text("x.txt", _traditional(SMALL.read_text(encoding="utf-8")))
    once = to_simplified(doc)
    assert once is not doc and to_simplified(once) is once
    assert int(once.meta["traditional"]) > 100


_PINYIN = {"標": "biāo", "產": "chǎn", "預": "yù", "績": "jì", "數": "shù", "項": "xiàng"}
"""A mirror site's notes after characters (岳阳楼区 2023 整體績效目標(biāo)表)."""


def test_a_mirror_sites_pinyin_notes_are_dropped_before_parsing(tmp_path: Path) -> None:
    simplified = parse_file(SMALL)
    text = _traditional(SMALL.read_text(encoding="utf-8"))
    noted = "".join(f"{ch}({_PINYIN[ch]})" if ch in _PINYIN else ch for ch in text)
    assert noted.count("(biāo)") > 10
    source = tmp_path / "注音.txt"
    source.write_text(noted, encoding="utf-8")
    result = parse_file(source)
    assert [comparable(f) for f in result.forms] == [comparable(f) for f in simplified.forms]
    assert "(biāo)" in "\n".join(line.text for line in result.document.lines)  # as printed


@pytest.mark.parametrize(
    "text", ["执行率(B/A)", "预算数(a)", "金额(万元)", "指标(2)", "Word(ā)", "标(biao)"]
)
def test_brackets_that_are_not_pinyin_notes_stay(text: str) -> None:
    from jixiao.read.pinyin_notes import without_pinyin

    doc = Document.from_text("x.txt", text)
    assert without_pinyin(doc) is doc
