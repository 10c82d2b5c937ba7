"""A001 / A002 point at the printed 总分 row, not at the whole form.

Every self-evaluation of the seeds and of the other provinces' corpus is given a wrong
总分 (and a wrong 总分值); the findings must name a short range of lines that holds the
row printing 总分 (合计, 总计) — in the document the form was read from.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.audit import review
from jixiao.model import LegacySelfEvaluation, SelfEvaluation
from jixiao.parse import parse_document
from jixiao.read.document import Document
from jixiao.read.files import read_any

HERE = Path(__file__).resolve().parent
SEEDS = sorted((HERE.parent / "examples").glob("*.txt"))
PROVINCES = HERE / "provinces" / "inputs"
INPUTS = [*SEEDS, *sorted(p for p in PROVINCES.iterdir() if not p.name.startswith("."))]
_TOTAL = re.compile(r"总\s*分|合\s*计|总\s*计")


def _total_lines(doc: Document, start: int, end: int) -> list[int]:
    return [n for n in range(start, end + 1) if _TOTAL.search(doc.line(n).text)]


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_a001_and_a002_point_at_the_total_row(path: Path) -> None:
    doc = read_any(path)
    forms = parse_document(doc).forms
    broken = []
    for form in forms:
        if not isinstance(form, SelfEvaluation | LegacySelfEvaluation):
            continue
        if form.total_score is None or not _total_lines(doc, *form.source.lines):
            continue
        update = {"total_score": form.total_score + Decimal(7)}
        if form.total_weight is not None:
            update["total_weight"] = form.total_weight + Decimal(7)
        broken.append(form.model_copy(update=update))
    checked = 0
    for item in review(broken, select=["A001", "A002"]):
        sums = [f for f in item.report.findings if f.code in ("A001", "A002")]
        for f in sums:
            assert f.location.lines is not None
            start, end = f.location.lines
            first, last = item.form.source.lines
            assert first <= start <= end <= last
            assert (start, end) != (first, last) or not any(r.lines for r in item.form.indicators)
            assert _total_lines(doc, start, end), f"{f.code} {f.location.lines}: no 总分 row"
            assert end - start <= 12, f"{f.code} {f.location.lines} is not one row's place"
            checked += f.code == "A001"
    assert checked or not broken, "no A001 for a wrong 总分"


def test_hunan_wrong_total_points_at_its_total_row() -> None:
    doc = read_any(PROVINCES / "06_hunan_self.txt")
    (item,) = review(parse_document(doc).forms, select=["A001"])
    (a001,) = item.report.findings
    assert a001.location.lines is not None
    start, end = a001.location.lines
    assert "总分 100.00 89.00" in doc.text_of(start, end)
    assert a001.location.field == "total_score"


def test_cli_prints_the_total_row_lines(capsys: pytest.CaptureFixture[str]) -> None:
    from jixiao.cli.app import main

    with pytest.raises(SystemExit):
        main(["audit", str(PROVINCES / "06_hunan_self.txt")])
    (line,) = [ln for ln in capsys.readouterr().out.splitlines() if "A001 错误" in ln]
    assert line.endswith("（第 28–31 行）")  # 预算执行得分 has a 行, yet the lines are shown
