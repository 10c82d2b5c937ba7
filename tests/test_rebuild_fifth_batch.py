"""Habits of the fifth batch of unseen documents (``tests/wild`` 120–125), each modelled
on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import DepartmentSelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.text import parse_points

_WILD = Path(__file__).parent / "wild" / "inputs"


def test_points_with_their_unit() -> None:
    assert parse_points("100分") == Decimal("100")
    assert parse_points("20%") == Decimal("20")
    assert parse_points("9.5") == Decimal("9.5")


def test_a_total_printed_with_its_unit_is_read(tmp_path: Path) -> None:
    """塘湖镇 120 prints its total as ``总分 | 100分``: the points, not an unreadable number."""
    text = (_WILD / "91_anhui_deptself_pipe.txt").read_text(encoding="utf-8")
    assert "总分 | 100 | 100 |" in text
    path = tmp_path / "total.txt"
    path.write_text(text.replace("总分 | 100 | 100 |", "总分 | 100分 | 100分 |"), encoding="utf-8")
    (form,) = parse_file(path).forms
    assert isinstance(form, DepartmentSelfEvaluation)
    assert (form.total_weight, form.total_score) == (Decimal("100"), Decimal("100"))
    assert not [f for f in form.findings if f.code == "P002"]
