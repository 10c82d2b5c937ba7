"""The layouts as the folder and the import graph show them (issue 11, item 5): each
layout family is a sub-package whose modules are private (``_``); another module uses
what the family shares through the package itself, never one of its private modules."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from jixiao.parse.registry import all_layouts
from support import SRC, source_modules

LAYOUTS = SRC / "parse" / "layouts"
PKG = "jixiao.parse.layouts"


def _families() -> list[str]:
    return sorted(p.name for p in LAYOUTS.iterdir() if (p / "__init__.py").exists())


def private_imports(rel: str, tree: ast.Module) -> Iterator[str]:
    """The private layout modules ``rel`` (a path under src/jixiao) imports from a
    family it is not part of."""
    parts = rel.split("/")
    home = parts[2] if parts[:2] == ["parse", "layouts"] and len(parts) > 3 else None
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            deep = len(node.module.split(".")) > len(PKG.split(".")) + 1
            names = [node.module] if deep else [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            bits = name.split(".")
            if bits[:3] != PKG.split(".") or len(bits) < 5:
                continue
            family, module = bits[3], bits[4]
            if module.startswith("_") and family != home:
                yield name


def _trees() -> Iterator[tuple[str, ast.Module]]:
    for rel, _, tree in source_modules():
        yield rel, tree


def test_the_check_sees_a_private_module_of_another_family() -> None:
    bad = ast.parse(f"from {PKG}.grid._header import KEYS\nimport {PKG}.spaced._text")
    good = ast.parse(f"from {PKG}.grid import KEYS\nfrom {PKG}.grid._rows import norm")
    assert list(private_imports("parse/rebuild/vocab.py", bad)) == [
        f"{PKG}.grid._header",
        f"{PKG}.spaced._text",
    ]
    assert list(private_imports("parse/layouts/grid/_self.py", good)) == []
    assert list(private_imports("parse/layouts/spaced/_form.py", good)) == [f"{PKG}.grid._rows"]


def test_no_module_imports_a_private_module_of_another_family() -> None:
    wrong = [f"{rel}: {name}" for rel, tree in _trees() for name in private_imports(rel, tree)]
    assert not wrong, f"import what a family shares from the family package: {wrong}"


def test_each_family_is_a_package_of_private_modules() -> None:
    assert {"grid", "spaced", "ocr_tabbed", "legacy_kv", "target_kv"} <= set(_families())
    loose = sorted(p.name for p in LAYOUTS.glob("_*.py") if p.name != "__init__.py")
    assert not loose, f"a private module belongs in its family's package: {loose}"
    for family in _families():
        public = [p.name for p in (LAYOUTS / family).glob("[!_]*.py")]
        assert not public, (family, public)
    names = {layout.name for layout in all_layouts()}
    assert set(_families()) <= names
