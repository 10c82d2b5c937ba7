"""Plug-ins through entry points: a fake one is registered (nothing is installed) by
replacing :func:`jixiao.plugins.entry_points`, and jixiao picks it up."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from types import ModuleType

import pytest

from jixiao.audit import CROSS_FORM_CODES, Check, UndeclaredCodeError, all_checks, review
from jixiao.errors import NoLayoutError
from jixiao.model import CODES, Finding, Form, finding, is_audit_code
from jixiao.parse import parse_document, parse_file
from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.registry import all_layouts
from jixiao.plugins import Group, PluginError
from jixiao.read import Document
from jixiao.read.plugin import Reader
from jixiao.score import FormScore, Ruleset, load_ruleset
from jixiao.score.loading import DEFAULT_RULESET, RulesetError, bundled_text
from jixiao.service import collect_files
from support import ROOT, SEEDS

_MODULE = "jixiao_fake_province"


Register = Callable[[Group, str, object], None]


@pytest.fixture
def register(monkeypatch: pytest.MonkeyPatch) -> Iterator[Register]:
    """``register(group, name, obj)``: a fake installed package declares ``obj`` as the
    entry point ``name`` of ``group``."""
    module = ModuleType(_MODULE)
    entries: dict[tuple[str, str], str] = {}
    monkeypatch.setitem(sys.modules, _MODULE, module)

    def fake(group: Group) -> tuple[metadata.EntryPoint, ...]:
        return tuple(
            metadata.EntryPoint(name, f"{_MODULE}:{attr}", group)
            for (g, name), attr in entries.items()
            if g == group
        )

    def add(group: Group, name: str, obj: object) -> None:
        setattr(module, f"obj_{len(entries)}", obj)
        entries[(group, name)] = f"obj_{len(entries)}"
        all_layouts.cache_clear()

    monkeypatch.setattr("jixiao.plugins.entry_points", fake)
    all_layouts.cache_clear()
    yield add
    all_layouts.cache_clear()


class _Marked(Layout):
    """A province's layout: any text with its marker line, read as the built-in layout
    that fits best would read it."""

    name = "fake_province"
    title = "某省特制表"

    def match(self, doc: Document) -> Match:
        marked = any("某省特制表" in line.text for line in doc.lines)
        return self._match(1.0 if marked else 0.0, "有某省特制表标记" if marked else "无标记")

    def parse(self, doc: Document) -> LayoutResult:
        best = next(m for m in _built_in_matches(doc) if m.layout != self.name)
        return next(lay for lay in all_layouts() if lay.name == best.layout).parse(doc)


def _built_in_matches(doc: Document) -> list[Match]:
    return sorted((lay.match(doc) for lay in all_layouts()), key=lambda m: -m.score)


def _marked_seed() -> Document:
    text = SEEDS[0].read_text(encoding="utf-8")
    return Document.from_text("某省.txt", "某省特制表\n" + text, "utf-8")


def test_a_layout_of_an_installed_package_is_found_and_chosen(register: Register) -> None:
    plain = parse_document(_marked_seed())
    assert plain.layout != "fake_province"
    layout = _Marked()
    register("jixiao.layouts", "province", layout)
    assert all_layouts()[-1] is layout
    result = parse_document(_marked_seed())
    assert result.layout == "fake_province"
    assert [f.project for f in result.forms] == [f.project for f in plain.forms]


def test_a_plugin_layout_may_not_take_a_built_in_name(register: Register) -> None:
    clash = _Marked()
    clash.name = all_layouts()[0].name  # type: ignore[misc]
    register("jixiao.layouts", "clash", clash)
    with pytest.raises(PluginError, match="重复"):
        all_layouts()


def test_an_entry_point_naming_something_else_is_refused(register: Register) -> None:
    layout = "不是版式"
    register("jixiao.layouts", "wrong", layout)
    with pytest.raises(PluginError, match="wrong"):
        all_layouts()


def _no_satisfaction(form: Form, score: FormScore, ruleset: Ruleset) -> Iterator[Finding]:
    yield finding("Q004", None)


def test_a_check_of_an_installed_package_runs_in_every_review(register: Register) -> None:
    form = next(f for f in parse_document(_marked_seed()).forms if f.indicators)
    (before,) = review([form], ignore=["Q004"])
    check = Check("province.always", frozenset({"Q004"}), _no_satisfaction)
    register("jixiao.checks", "always", check)
    assert all_checks()[-1] is check
    (after,) = review([form])
    assert "Q004" in {f.code for f in after.report.findings}
    assert before.report.findings == review([form], ignore=["Q004"])[0].report.findings


def test_a_check_raising_a_code_it_did_not_declare_is_a_bug(register: Register) -> None:
    form = next(f for f in parse_document(_marked_seed()).forms if f.indicators)
    check = Check("province.liar", frozenset({"Q001"}), _no_satisfaction)
    register("jixiao.checks", "liar", check)
    with pytest.raises(UndeclaredCodeError, match="Q004"):
        review([form])


def test_a_check_declares_catalogue_audit_codes_only() -> None:
    with pytest.raises(ValueError, match="P001"):
        Check("bad", frozenset({"P001"}), _no_satisfaction)
    with pytest.raises(ValueError):
        Check("empty", frozenset(), _no_satisfaction)


def test_every_audit_code_is_declared_by_a_check() -> None:
    """The catalogue's audit codes are those the checks declare (and R010, the code the
    importer gives a form whose review crashed)."""
    declared = {code for check in all_checks() for code in check.codes} | CROSS_FORM_CODES
    audit = {code for code in CODES if is_audit_code(code)}
    assert declared | {"R010"} == audit


def _declared(group: str) -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return dict(project["entry-points"][group])


def test_jixiao_declares_its_own_layouts_and_checks_which_are_found_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Installed, jixiao's own entry points are seen too: nothing is found twice."""
    all_layouts.cache_clear()
    layouts, checks = all_layouts(), all_checks()
    own = {group: _declared(group) for group in ("jixiao.layouts", "jixiao.checks")}

    def installed(group: Group) -> tuple[metadata.EntryPoint, ...]:
        return tuple(metadata.EntryPoint(n, v, group) for n, v in own.get(group, {}).items())

    monkeypatch.setattr("jixiao.plugins.entry_points", installed)
    all_layouts.cache_clear()
    try:
        assert all_layouts() == layouts and all_checks() == checks
    finally:
        all_layouts.cache_clear()
    assert sorted(own["jixiao.layouts"]) == sorted(lay.name for lay in layouts)
    assert {c.run.__module__ for c in checks} == set(own["jixiao.checks"].values())


def test_a_ruleset_of_an_installed_package_loads_by_name(
    register: Register, tmp_path: Path
) -> None:
    text = bundled_text(DEFAULT_RULESET).replace(
        f'name = "{DEFAULT_RULESET}"', 'name = "province2026"', 1
    )
    assert 'name = "province2026"' in text
    with pytest.raises(RulesetError, match="province2026"):
        load_ruleset("province2026")
    (tmp_path / "province2026.toml").write_text(text, encoding="utf-8")
    register("jixiao.rulesets", "province2026", tmp_path / "province2026.toml")
    loaded = load_ruleset("province2026")
    assert loaded.name == "province2026"
    assert loaded.model_copy(update={"name": DEFAULT_RULESET}) == load_ruleset(DEFAULT_RULESET)


def test_an_installed_ruleset_must_carry_its_own_name(register: Register, tmp_path: Path) -> None:
    (tmp_path / "other.toml").write_text(bundled_text(DEFAULT_RULESET), encoding="utf-8")
    register("jixiao.rulesets", "other", tmp_path / "other.toml")
    with pytest.raises(PluginError, match="other"):
        load_ruleset("other")
    register("jixiao.rulesets", DEFAULT_RULESET, tmp_path / "other.toml")
    with pytest.raises(PluginError, match="同名"):
        load_ruleset("other")


def test_a_reader_of_an_installed_package_reads_its_suffix(
    register: Register, tmp_path: Path
) -> None:
    seed = SEEDS[0].read_text(encoding="utf-8")
    packed = tmp_path / "自评表.ofd"
    packed.write_bytes(seed[::-1].encode("utf-8"))  # a format jixiao cannot read itself

    def unpack(path: Path, data: bytes) -> Document:
        return Document.from_text(path.name, data.decode("utf-8")[::-1], "utf-8")

    with pytest.raises(NoLayoutError):  # read as text, it is no form
        parse_file(packed)
    assert collect_files([tmp_path]) == []
    register("jixiao.readers", "ofd", Reader("ofd", frozenset({".ofd"}), unpack))
    result = parse_file(packed)
    assert [f.project for f in result.forms] == [f.project for f in parse_file(SEEDS[0]).forms]
    assert collect_files([tmp_path]) == [packed]  # a folder import takes it too
    register("jixiao.readers", "pdf", Reader("pdf", frozenset({".pdf"}), unpack))
    with pytest.raises(PluginError, match=r"\.pdf"):
        parse_file(packed)


def test_a_code_the_catalogue_does_not_know_is_kept_by_a_review() -> None:
    """A form written by another version may carry a code jixiao does not know: a review
    keeps it as read (it computed no such finding) instead of failing on it."""
    assert "A000" not in CODES
    assert not is_audit_code("A000")
    assert is_audit_code("A001") and not is_audit_code("P001")
