"""``jixiao list`` at 100 columns: the columns that fit, cut with an ellipsis, the
自评−复核 column and its sort, ``--wide`` for every column, amounts with separators."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rich.cells import cell_len

from jixiao.cli.form_list import COLUMNS, fit_columns
from jixiao.model.display import money
from jixiao.model.display import signed_points as signed
from jixiao.store import open_store
from support import SEEDS, run_cli


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Sample 003 (Shanghai 2024, with the lenient forms of the demo) and sample 002."""
    path = str(tmp_path_factory.mktemp("list") / "list.db")
    from jixiao.cli.app import main

    with pytest.raises(SystemExit) as done:
        main(["import", str(SEEDS[2]), str(SEEDS[3]), "--db", path, "--jobs", "1"])
    assert done.value.code == 0
    return path


def _lines(out: str) -> list[str]:
    return [line.rstrip() for line in out.splitlines()]


def _body(out: str) -> list[list[str]]:
    """The table's rows, split on runs of two spaces (the column gap)."""
    lines = _lines(out)
    start = next(i for i, line in enumerate(lines) if line.startswith("─")) + 1
    return [[c.strip() for c in line.split("  ") if c.strip()] for line in lines[start:] if line]


@pytest.mark.parametrize("width", [100, 80, 140])
def test_list_fits_the_screen(
    db: str, width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    code, out, _ = run_cli(["list", "--db", db], capsys)
    assert code == 0
    lines = _lines(out)
    assert max(cell_len(line) for line in lines) <= width
    header = lines[1]
    for name in ("编号", "项目", "自评总分", "复核总分", "自评−复核"):
        assert name in header
    assert "…" in out  # long names are cut, not folded onto a second line
    assert len(_body(out)) == int(lines[0].split()[1])  # one line a form
    if width == 100:
        assert "实施单位" in header and "文件" not in header


def test_wide_shows_every_column_in_full(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run_cli(["list", "--db", db, "--wide"], capsys)
    assert code == 0
    header = _lines(out)[1]
    for column in COLUMNS:
        assert column.header in header
    assert "…" not in out
    assert SEEDS[3].name in out and "上海市人力资源和社会保障局" in out
    with open_store(db) as store:
        amounts = [r["budget_total"] for r in store.forms() if r["budget_total"] is not None]
    big = max(amounts)
    assert big >= 1000 and f"{big:,f}" in out  # thousands separators


def test_lenient_is_sorted_by_the_gap(
    db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run_cli(["list", "--db", db, "--lenient"], capsys)
    assert code == 0
    header = [c.strip() for c in _lines(out)[1].split("  ") if c.strip()]
    gaps = [Decimal(row[header.index("自评−复核")]) for row in _body(out)]
    assert gaps and all(g > 0 for g in gaps)
    assert gaps == sorted(gaps, reverse=True)
    with open_store(db) as store:
        assert len(gaps) == len(store.forms(lenient=True))
    # any list sorts by it on request; forms without a computed total go last
    code, out, _ = run_cli(["list", "--db", db, "--sort", "gap"], capsys)
    cells = [row[header.index("自评−复核")] for row in _body(out)]
    known = [Decimal(c) for c in cells if c != "—"]
    assert known == sorted(known, reverse=True)
    assert cells[: len(known)] == [c for c in cells if c != "—"]


def test_unknown_sort_is_a_usage_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["list", "--db", db, "--sort", "name"], capsys)
    assert code == 2 and "未知的排序" in err and "gap" in err


def test_cells_and_columns() -> None:
    assert money(Decimal("7762496.10")) == "7,762,496.10"
    assert money(Decimal("175.65"), "万元") == "175.65 万元"
    assert signed(Decimal("20.00")) == "+20.00" and signed(Decimal("-0.33")) == "-0.33"
    assert signed(Decimal("-0.00")) == "0.00" and signed(None) == "—"
    cells = [[c.header + ("很长很长的内容" * 3 if c.shrink_to else "") for c in COLUMNS]]
    for width in (60, 100, 200):
        kept = fit_columns(COLUMNS, cells, width)
        assert sum(w for _, w in kept) + 2 * len(kept) - 1 <= width
        names = [COLUMNS[i].header for i, _ in kept]
        assert {"编号", "项目"} <= set(names)
        assert ("自评−复核" in names) == (width >= 100)
        assert names == [c.header for c in COLUMNS if c.header in names]  # order kept
        assert ("文件" in names) == (width == 200)
    everything = fit_columns(COLUMNS, cells, None)
    assert len(everything) == len(COLUMNS)


def test_json_and_csv_exports_keep_exact_digits(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "forms.csv"
    code, _, err = run_cli(
        ["export", "--db", db, "--to", "csv", "--table", "forms", "-o", str(out)], capsys
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8-sig")
    with open_store(db) as store:
        big = max(r["budget_total"] for r in store.forms() if r["budget_total"] is not None)
    assert f"{big:f}" in text and f"{big:,f}" not in text
