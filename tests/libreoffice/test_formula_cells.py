"""An xlsx cell holding a formula whose value is an error reads as the formula typed
(``=365(天)``), with a P015 finding on its line, never as ``#VALUE!``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lo_files import FILES, expected, typed_as_formulas

from jixiao.parse import parse_file
from jixiao.read.xlsx import read_xlsx
from jixiao.read.xlsx_formulas import formula_errors
from jixiao.render.xlsx import write_xlsx
from support import comparable


def _plain(number_text: str | None) -> str | None:
    """``1.00(套)`` → ``1(套)``: Calc writes a formula's numbers in its own way."""
    return re.sub(r"(\d)\.0+(?!\d)", r"\1", number_text) if number_text else number_text


def _without_targets(data: dict[str, Any]) -> dict[str, Any]:
    rows = [
        {k: v for k, v in row.items() if k not in ("target", "parsed_target")}
        for row in data["indicators"]
    ]
    return {**data, "indicators": rows}


def _check(path: Path, *, recomputed: bool = False) -> None:
    form = expected("formula_error")
    typed = [r.target for r in form.indicators if r.target and r.target.startswith("=")]
    assert len(typed) > 5
    doc = read_xlsx(path)
    text = "\n".join(line.text for line in doc.lines)
    assert "#VALUE!" not in text and "=365(天)" in text
    (parsed,) = parse_file(path).forms
    if recomputed:  # Calc wrote the formula =1.00(套) as =1(套)
        assert _without_targets(comparable(parsed)) == _without_targets(comparable(form))
        printed = [_plain(r.target) for r in form.indicators]
        assert [r.target for r in parsed.indicators] == printed
    else:
        assert comparable(parsed) == comparable(form)
    notes = [f for f in parsed.findings if f.code == "P015"]
    assert len(notes) == len(typed)
    first = notes[0]
    assert first.severity.value == "warning"
    assert "E13" in first.message and "#VALUE!" in first.message
    assert "按公式原文「=365(天)」读取" in first.message
    (line,) = {first.location.lines}
    assert line[0] == line[1] and "=365(天)" in doc.line(line[0]).text


def test_typed_formula_as_excel_saves_it(tmp_path: Path) -> None:
    path = Path(write_xlsx([expected("formula_error")], tmp_path / "表.xlsx"))
    path.write_bytes(typed_as_formulas(path.read_bytes()))
    _check(path)


def test_typed_formula_as_libreoffice_saves_it() -> None:
    _check(FILES / "formula_error.xlsx", recomputed=True)


def test_formula_errors_in_sheet_xml() -> None:
    xml = (
        '<sheetData><row r="2">'
        '<c r="B2" s="1" t="e"><f>365(&#22825;)</f><v>#VALUE!</v></c>'
        '<c r="C2" t="e"><f t="shared" ref="C2:C3" si="0">A1&amp;"x"</f><v>#NAME?</v></c>'
        '<c r="D2" t="e"><f t="shared" si="0"/><v>#NAME?</v></c>'
        '<c r="E2" t="e"><v>#N/A</v></c>'
        '<c r="G2" s="1" t="e"/><c r="H2"><f>SUM(A1)</f><v>#REF!</v></c>'
        '<c r="AA10" t="n"><f>1+1</f><v>2</v></c>'
        '<x:c r="F2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c>'
        "</row></sheetData>"
    )
    found = formula_errors(xml)
    assert sorted(found) == [(1, 1), (1, 2), (1, 3), (1, 5)]
    assert found[(1, 1)].text == "=365(天)" and found[(1, 1)].ref == "B2"
    assert found[(1, 2)].text == '=A1&"x"' and found[(1, 2)].error == "#NAME?"
    assert found[(1, 3)].formula is None and found[(1, 3)].text == ""
    assert found[(1, 5)].text == "=1/0"
    assert formula_errors("<sheetData/>") == {}
