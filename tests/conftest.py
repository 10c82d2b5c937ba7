"""Shared test fixtures and the ``--update-golden`` switch."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = sorted(EXAMPLES.glob("*.txt"))
GOLDEN_FORMS = sorted(GOLDEN.glob("*/[0-9][0-9].json"))
"""The golden parsed forms (``NN.json``; ``NN.findings.json`` are the audit goldens)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files from the current output instead of comparing",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``jixiao ARGS`` in-process; return the exit code, stdout and stderr."""
    from jixiao.cli.app import main

    code = 0
    try:
        main(args)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
