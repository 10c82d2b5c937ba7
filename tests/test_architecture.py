"""The layers as the import graph shows them (DESIGN §4, issue 11): the shells (cli,
web, export) reach the core through :mod:`jixiao.service`; only the service builds the
read → parse → review pipeline and loads the ruleset a user names."""

from __future__ import annotations

import ast
from collections.abc import Iterator

import pytest

from support import source_modules

SHELLS = ("cli", "web", "export")

PIPELINE = {
    "jixiao.parse": {"parse_file", "parse_document"},
    "jixiao.parse.files": {"parse_file"},
    "jixiao.parse.registry": {"parse_document"},
    "jixiao.audit": {"review"},
    "jixiao.audit.review": {"review"},
    "jixiao.score": {"load_ruleset", "score_form"},
    "jixiao.score.loading": {"load_ruleset"},
    "jixiao.score.form": {"score_form"},
}
"""The steps of the pipeline (and the loading of a named ruleset): who imports them
builds a pipeline or resolves a ruleset of its own."""

PIPELINE_OWNERS = ("service/checking.py", "service/rulesets.py", "parse/", "audit/", "score/")
"""Inside the service too the pipeline is built once (checking), the named ruleset loaded
once (rulesets)."""
PIPELINE_ALLOWED = {
    ("cli/rulesets_cmd.py", "load_ruleset"): "shows a ruleset file, scores nothing",
    ("export/rows.py", "score_form"): "a stored form kept without a score, scored for its row",
}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for rel, _, tree in source_modules():
        if "/migrations/" not in rel:
            yield rel, tree


def _imports(tree: ast.Module) -> Iterator[tuple[str, set[str]]]:
    """``(module, names imported from it)`` for every import in ``tree``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, set()


MODULES = dict(_modules())


def test_the_walk_sees_the_package() -> None:
    assert "service/checking.py" in MODULES and "cli/export_cmd.py" in MODULES
    imported = {m for m, _ in _imports(MODULES["cli/export_cmd.py"])}
    assert "jixiao.service" in imported


def _shell_imports(shell: str) -> Iterator[tuple[str, str]]:
    """``(module file, module imported)`` for every import of the shell's modules."""
    for rel, tree in MODULES.items():
        if rel.startswith(f"{shell}/"):
            for module, _ in _imports(tree):
                yield rel, module


@pytest.mark.parametrize("shell", SHELLS)
def test_shells_do_not_import_parse_or_audit(shell: str) -> None:
    wrong = [
        f"{rel} imports {module}"
        for rel, module in _shell_imports(shell)
        if module.split(".")[:2] in (["jixiao", "parse"], ["jixiao", "audit"])
    ]
    assert not wrong, "shells reach parse/audit through jixiao.service:\n" + "\n".join(wrong)


@pytest.mark.parametrize("shell", SHELLS)
def test_shells_take_statistics_from_the_service(shell: str) -> None:
    """The dashboard's figures are put together once, in :mod:`jixiao.service.statistics`."""
    wrong = [
        f"{rel} imports {module}"
        for rel, module in _shell_imports(shell)
        if module in ("jixiao.store.stats", "jixiao.store.dashboard")
    ]
    assert not wrong, "\n".join(wrong)


def test_only_the_service_builds_the_pipeline() -> None:
    wrong = [
        f"{rel} imports {name} from {module}"
        for rel, tree in MODULES.items()
        if not rel.startswith(PIPELINE_OWNERS)
        for module, names in _imports(tree)
        for name in sorted(names & PIPELINE.get(module, set()))
        if (rel, name) not in PIPELINE_ALLOWED
    ]
    assert not wrong, "only jixiao.service reads, reviews and loads rulesets:\n" + "\n".join(wrong)


def test_the_front_door_is_the_service() -> None:
    """Every front-door function is the service's (not a sub-package of the same name,
    which would shadow it once imported)."""
    import jixiao.parse
    import jixiao.read
    import jixiao.service

    for name in jixiao.__all__:
        if not name.startswith("_") and name != "JixiaoError":
            assert getattr(jixiao, name) is getattr(jixiao.service, name), name
    with pytest.raises(AttributeError):
        _ = jixiao.no_such_name  # type: ignore[attr-defined]
