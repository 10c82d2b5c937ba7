"""Round trip: seed form → official table → xlsx / docx / html file → read_any → parse.

The parsed form must equal the seed form field for field (provenance ``source`` and
row ``lines`` and the parse ``findings`` aside). The default run takes one seed form
per format (one of each kind); the whole corpus (83 forms × formats) is ``slow``.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from jixiao.model import Table
from jixiao.model.jsonio import loads, to_data
from jixiao.parse import parse_document
from jixiao.read.files import read_any
from jixiao.render.official import official_table
from jixiao.render.options import RenderOptions
from support import run_cli

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_FILES = sorted(GOLDEN.glob("*/[0-9][0-9].json"))


def _forms(path: Path) -> list[Any]:
    return list(loads(path.read_text(encoding="utf-8")))


def _comparable(form: Any) -> dict[str, Any]:
    data = to_data(form)
    data.pop("source")
    data.pop("findings")
    data["indicators"] = [
        {k: v for k, v in row.items() if k != "lines"} for row in data["indicators"]
    ]
    return data


def table_html(tables: Sequence[Table]) -> str:
    """The tables as an HTML page (``rowspan``/``colspan``, ``<br>`` in cells)."""
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>绩效</title></head><body>"]
    for table in tables:
        parts.append("<table border='1'>")
        for row in table.rows():
            parts.append("<tr>")
            for cell in row:
                attrs = ""
                if cell.rowspan > 1:
                    attrs += f" rowspan='{cell.rowspan}'"
                if cell.colspan > 1:
                    attrs += f" colspan='{cell.colspan}'"
                text = "<br>".join(html.escape(t) for t in cell.text.split("\n"))
                parts.append(f"<td{attrs}>{text}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _write_xlsx(forms: list[Any], path: Path) -> Path:
    from jixiao.render.xlsx import write_xlsx

    return write_xlsx(forms, path.with_suffix(".xlsx"))


def _write_docx(forms: list[Any], path: Path) -> Path:
    render_docx = pytest.importorskip("jixiao.render.docx")
    out = path.with_suffix(".docx")
    render_docx.write_docx(forms, out)
    return out


def _write_html(forms: list[Any], path: Path) -> Path:
    out = path.with_suffix(".html")
    tables = [official_table(f, RenderOptions()) for f in forms]
    out.write_text(table_html(tables), encoding="utf-8")
    return out


WRITERS: dict[str, Callable[[list[Any], Path], Path]] = {
    "xlsx": _write_xlsx,
    "docx": _write_docx,
    "html": _write_html,
}


def _round_trip(forms: list[Any], fmt: str, tmp_path: Path) -> None:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = WRITERS[fmt](forms, tmp_path / "forms")
    result = parse_document(read_any(path))
    assert result.layout == "grid"
    assert len(result.forms) == len(forms)
    for want, got in zip(forms, result.forms, strict=True):
        assert _comparable(got) == _comparable(want)
        bad = [f.message for f in got.findings if f.code in ("P001", "P002", "P003", "P008")]
        assert bad == []


FAST = {
    "xlsx": GOLDEN / "000_52d2d39b8e94208b" / "01.json",
    "docx": GOLDEN / "004_30fc85b3e2ff877a" / "01.json",
    "html": GOLDEN / "001_5643fb32fc07280b" / "01.json",
}


@pytest.mark.parametrize("fmt", sorted(FAST))
def test_one_seed_form_per_format_round_trips(fmt: str, tmp_path: Path) -> None:
    _round_trip(_forms(FAST[fmt])[:1], fmt, tmp_path)


def test_every_kind_round_trips_through_cells() -> None:
    """Without a file: the official Table itself parses back, one form of each kind."""
    from jixiao.read import DocumentBuilder

    for path in FAST.values():
        form = _forms(path)[0]
        builder = DocumentBuilder("t.xlsx", "xlsx")
        builder.add_table(official_table(form, RenderOptions()))
        result = parse_document(builder.build())
        assert [_comparable(f) for f in result.forms] == [_comparable(form)]


def test_several_forms_in_one_file_are_found_separately(tmp_path: Path) -> None:
    forms = (
        _forms(GOLDEN / "000_52d2d39b8e94208b" / "02.json")[:1]
        + _forms(GOLDEN / "004_30fc85b3e2ff877a" / "02.json")[:1]
    )
    for fmt in ("xlsx", "html"):
        _round_trip(forms, fmt, tmp_path / fmt)


def test_wording_and_unit_options_read_back(tmp_path: Path) -> None:
    """本年财政拨款 and amounts converted to 元: the form reads back in 元."""
    form = _forms(GOLDEN / "000_52d2d39b8e94208b" / "01.json")[0]
    opts = RenderOptions(money_unit="元", wording="本年")
    path = tmp_path / "f.html"
    path.write_text(table_html([official_table(form, opts)]), encoding="utf-8")
    got = parse_document(read_any(path)).forms[0]
    assert got.money_unit == "元"
    assert got.funds.total.initial == form.funds.total.initial * 10000
    assert got.funds.appropriation.executed == form.funds.appropriation.executed * 10000
    assert got.indicators == tuple(
        i.model_copy(update={"lines": g.lines})
        for i, g in zip(form.indicators, got.indicators, strict=True)
    )


@pytest.mark.parametrize("fmt", ["xlsx", "html", "docx"])
def test_cli_parses_structured_files(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = _forms(FAST["xlsx"])[:1]
    path = WRITERS[fmt](forms, tmp_path / "cli")
    code, out, _ = run_cli(["parse", str(path), "--format", "json"], capsys)
    assert code in (0, 1)
    data = json.loads(out)
    assert [d["project"] for d in data] == [forms[0].project]
    assert data[0]["source"]["file"] == path.name


def test_cli_bad_xlsx_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    code, _, err = run_cli(["parse", str(path)], capsys)
    assert code == 2
    assert "损坏" in err
    assert "Traceback" not in err


@pytest.mark.slow
@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("golden", GOLDEN_FILES, ids=lambda p: f"{p.parent.name[:3]}-{p.stem}")
def test_every_seed_form_round_trips(golden: Path, fmt: str, tmp_path: Path) -> None:
    _round_trip(_forms(golden), fmt, tmp_path)
