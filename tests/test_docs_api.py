"""The examples of ``docs/api.md`` run as written (doctest, from the repository root)."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_api_examples_run_as_documented(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the examples read examples/*.txt
    failures, tried = doctest.testfile(
        str(ROOT / "docs" / "api.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        globs={"Decimal": __import__("decimal").Decimal},
        report=True,
    )
    assert tried > 20
    assert failures == 0
