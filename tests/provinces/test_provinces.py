"""Other provinces' forms, end to end: parse → score → audit, against goldens.

``inputs/`` holds forms as other provinces print them (see ``docs/provinces.md`` and
``build_inputs.py``); for each input ``golden/<name>.json`` holds the parsed forms and
``golden/<name>.review.json`` the recomputed score and grade, each row's scoring method,
score and band, and every finding after the audit (code, severity, line, field: the
wording of messages belongs to the catalogue and may change). Rewrite them with
``pytest tests/provinces --update-golden`` and read the diff: a golden is only right
once a person has checked it against the form.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.audit import review
from jixiao.model.jsonio import dumps, encode
from jixiao.parse import parse_file
from jixiao.score import RowScore
from support import compare_golden

HERE = Path(__file__).resolve().parent
INPUTS = sorted(p for p in (HERE / "inputs").iterdir() if not p.name.startswith("."))
GOLDEN = HERE / "golden"


def _review_text(path: Path) -> str:
    items = review(list(parse_file(path).forms))
    data = [
        {
            "project": item.form.project,
            "reported_total": item.score.reported_total,
            "total": item.score.total,
            "grade": item.score.grade,
            "rows": [_row(r) for r in item.score.rows],
            "findings": [
                f"{f.code} {f.severity} {_lines(f.location.lines)} {f.location.field}"
                for f in item.report.findings
            ],
        }
        for item in items
    ]
    return encode(data, indent=2) + "\n"


def _lines(lines: tuple[int, int] | None) -> str:
    if lines is None:
        return "第0行"
    return f"第{lines[0]}行" if lines[0] == lines[1] else f"第{lines[0]}–{lines[1]}行"


def _row(row: RowScore) -> str:
    if row.band_low is not None:
        return f"{row.method} {row.band_low}–{row.band_high}"
    return f"{row.method} {row.computed}"


@pytest.mark.parametrize("source", INPUTS, ids=[p.name for p in INPUTS])
def test_province_form_matches_golden(source: Path, update_golden: bool) -> None:
    forms = parse_file(source).forms
    compare_golden(GOLDEN / f"{source.stem}.json", dumps(list(forms)) + "\n", update_golden)
    compare_golden(GOLDEN / f"{source.stem}.review.json", _review_text(source), update_golden)


def test_every_input_has_its_goldens() -> None:
    names = {p.stem for p in INPUTS}
    goldens = {p.name.split(".")[0] for p in GOLDEN.glob("*.json")}
    assert names == goldens


def test_inputs_copied_from_sources_are_current() -> None:
    """Text and HTML sources go in as they are (``build_inputs.py`` copies them): a source
    edited without rebuilding would leave its golden checking a stale input."""
    sources = HERE / "sources"
    copied = [p for p in INPUTS if (sources / p.name).exists()]
    assert copied, "no input is a copy of its source"
    for path in copied:
        assert path.read_bytes() == (sources / path.name).read_bytes(), (
            f"{path.name} differs from sources/: run python tests/provinces/build_inputs.py"
        )
