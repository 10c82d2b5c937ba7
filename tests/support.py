"""Paths and helpers shared by the test modules (import as ``from support import …``).

Kept out of ``conftest.py`` on purpose: two folders have a ``conftest.py``, and a test
that imported from "conftest" got whichever one pytest had loaded last.
"""

from __future__ import annotations

import ast
import functools
import json
import os
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "jixiao"
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEEDS = sorted(EXAMPLES.glob("*.txt"))
GOLDEN_FORMS = sorted(GOLDEN.glob("*/[0-9][0-9].json"))
"""The golden parsed forms (``NN.json``; ``NN.findings.json`` are the audit goldens)."""


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


STRICT_ENV = "JIXIAO_TEST_STRICT"


def skip_unless_strict(reason: str) -> NoReturn:
    """Skip with ``reason`` — or fail, when ``$JIXIAO_TEST_STRICT`` is set (CI sets it:
    there a missing chromium or an unreachable PostgreSQL is a broken setup, not a skip)."""
    if os.environ.get(STRICT_ENV):
        pytest.fail(f"{reason}（{STRICT_ENV} 已设置：不允许跳过）")
    pytest.skip(reason)


def comparable(form: Any) -> dict[str, Any]:
    """A form's interchange data without what depends on where it was read from (the
    source, the findings, the rows' line numbers): equal for the same form in any format."""
    from jixiao.model.jsonio import to_data

    data: dict[str, Any] = to_data(form)
    data.pop("source")
    data.pop("findings")
    data["indicators"] = [
        {k: v for k, v in row.items() if k != "lines"} for row in data["indicators"]
    ]
    return data


def compare_golden(path: Path, text: str, update: bool) -> None:
    """``text`` against the golden file ``path`` (as JSON), or written there with
    ``--update-golden`` (then read the diff)."""
    if update:
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden {path.name}: run with --update-golden and read it"
    want = json.loads(path.read_text(encoding="utf-8"), parse_float=str)
    got = json.loads(text, parse_float=str)
    assert got == want, f"{path.name} differs"


@functools.cache
def source_modules() -> tuple[tuple[str, str, ast.Module], ...]:
    """Every module of the package as ``(path under src/jixiao, text, syntax tree)``,
    parsed once for all the tests that read the source (architecture, one of each, rules)."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(SRC).as_posix()
        out.append((rel, text, ast.parse(text, rel)))
    return tuple(out)


LOCAL = "http://localhost"
"""The base URL of a web test client: a trusted (loopback) host, not Starlette's
``testserver``, which the application refuses (jixiao.web.hardening)."""


def mapped_bytes() -> int:
    """Bytes of address space this (Linux) process maps now: what a child forked from it
    inherits, on top of which its memory budget counts."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def parse_text(tmp_path: Path, text: str) -> tuple[Any, ...]:
    """The forms ``text`` reads as, written to a file in ``tmp_path``."""
    from jixiao.parse import parse_file

    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path).forms


def self_evaluations(tmp_path: Path, text: str) -> list[Any]:
    """The forms ``text`` reads as, each a self-evaluation (the test fails otherwise)."""
    from jixiao.model import SelfEvaluation

    forms = parse_text(tmp_path, text)
    assert all(isinstance(f, SelfEvaluation) for f in forms)
    return list(forms)
