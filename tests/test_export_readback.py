"""A workbook written by ``jixiao export`` reads back as exactly its forms: the summary
sheets (汇总 / 指标 / 审核发现) are set aside, never forms or unplaced text."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli.app import main
from jixiao.errors import NoLayoutError
from jixiao.export.rows import TABLE_TITLES, TABLES
from jixiao.model import Cell, Table
from jixiao.parse import parse_document, parse_file
from jixiao.parse.prepare import EXPORT_SUMMARIES, is_export_summary
from jixiao.read.files import read_any
from support import SEEDS, comparable


def _export(work: Path, seeds: list[Path]) -> Path:
    db, out = work / "j.db", work / "绩效.xlsx"
    for args in (
        ["import", *map(str, seeds), "--db", str(db)],
        ["export", "--db", str(db), "-o", str(out)],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code in (0, 1, None)  # 1: some forms have error findings
    return out


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every sample form exported (slow: an 83-sheet workbook)."""
    return _export(tmp_path_factory.mktemp("export"), SEEDS)


@pytest.fixture(scope="module")
def exported_few(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four target declarations of one sample exported."""
    return _export(tmp_path_factory.mktemp("export_few"), [SEEDS[4]])


@pytest.mark.slow  # every sample form through an 83-sheet workbook and back
def test_export_reads_back_as_its_forms(exported: Path) -> None:
    samples = [f for seed in SEEDS for f in parse_file(seed).forms]
    result = parse_file(exported)
    assert result.layout == "grid"
    assert len(result.forms) == len(samples) == 83
    assert [comparable(f) for f in result.forms] == [comparable(f) for f in samples]
    assert not [f for form in result.forms for f in form.findings if f.code == "P001"]
    # the document as printed keeps the summary sheets; the layouts never saw them
    titles = [t.title for t in result.document.tables]
    assert titles[:3] == ["汇总", "指标", "审核发现"]
    assert all(form.source.lines[0] > result.document.tables[2].first_line for form in result.forms)


def test_summary_signatures_follow_the_export() -> None:
    for name, title in TABLE_TITLES.items():
        headers = {c.header for c in TABLES[name]}
        assert EXPORT_SUMMARIES[title] <= headers, title


def test_a_sheet_only_named_like_a_summary_is_read() -> None:
    header = [c.header for c in TABLES["forms"]]
    ours = Table(2, len(header), tuple(Cell(0, i, h) for i, h in enumerate(header)), title="汇总")
    assert is_export_summary(ours)
    theirs = Table(1, 2, (Cell(0, 0, "项目名称"), Cell(0, 1, "合计")), title="汇总")
    assert not is_export_summary(theirs)
    assert not is_export_summary(Table(2, len(header), ours.cells, title="Sheet1"))


def test_summaries_alone_are_no_forms(exported_few: Path, tmp_path: Path) -> None:
    book = load_workbook(exported_few)
    for sheet in book.worksheets[3:]:
        book.remove(sheet)
    only = tmp_path / "只有汇总.xlsx"
    book.save(only)
    with pytest.raises(NoLayoutError):
        parse_document(read_any(only))
