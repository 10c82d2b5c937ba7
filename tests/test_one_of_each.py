"""One of each (issue 11, item 6), checked on the source: one suffix list, one atomic
writer, one ``--debug``, typed reader notes on ``Table``, and the fault-injection harness
outside the package. Each test fails when a second copy appears."""

from __future__ import annotations

import ast

from support import SRC, source_modules


def _modules() -> tuple[tuple[str, str, ast.Module], ...]:
    return source_modules()


def _strings(node: ast.AST) -> list[str]:
    return [
        n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


def test_one_suffix_list() -> None:
    """Only the readers (``read/files.py``) list the file extensions they read."""
    suffixes = {".pdf", ".docx", ".xlsx", ".html", ".txt", ".png"}
    found = [
        f"{name}:{node.lineno}"
        for name, _, tree in _modules()
        if name != "read/files.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Set | ast.List | ast.Tuple | ast.Dict)
        and len(suffixes & set(_strings(node))) >= 3
    ]
    assert found == [], "use jixiao.read.files.SUFFIXES"


def test_one_atomic_writer() -> None:
    """No module but :mod:`jixiao.atomic` renames a temporary file onto a target."""
    renames = ("os.replace(", "tmp.replace(", "mkstemp(", ".rename(")
    found = [
        name
        for name, text, _ in _modules()
        if name != "atomic.py" and any(r in text for r in renames)
    ]
    assert found == [], "write through jixiao.atomic"


def test_one_debug() -> None:
    """``--debug`` is read once, by the root command (``cli/app.py``); nothing else
    looks at ``sys.argv``."""
    found = [
        name
        for name, text, _ in _modules()
        if name != "cli/app.py" and ('"--debug"' in text or "sys.argv" in text)
    ]
    assert found == [], "use jixiao.cli.options.debugging()"


def test_reader_notes_are_typed() -> None:
    """Readers and parsers pass no JSON through ``Table.meta`` (``ocr_doubts`` and
    ``formula_cells`` are typed)."""
    found = [
        name
        for name, _, tree in _modules()
        if name.startswith(("read/", "parse/"))
        for node in ast.walk(tree)
        if (
            isinstance(node, ast.Import | ast.ImportFrom)
            and any(a.name == "json" for a in node.names)
        )
        or (isinstance(node, ast.ImportFrom) and node.module == "json")
    ]
    assert found == []


def test_the_fault_injection_harness_is_test_support() -> None:
    """Planting anomalies (random edits of forms) is for the recall test and benchmark
    (``tests/faults``); nothing in the package draws random numbers."""
    found = [
        f"{name}:{node.lineno}"
        for name, _, tree in _modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        and (
            (isinstance(node, ast.ImportFrom) and node.module == "random")
            or any(a.name == "random" for a in node.names)
        )
    ]
    assert found == []
    assert not list(SRC.glob("audit/*anomal*")) and not (SRC / "audit" / "inject.py").exists()
