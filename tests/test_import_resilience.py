"""Import follow-ups: a scoring crash keeps the file (forms stored unscored, R010), the
recheck finds a project under a differently spaced or punctuated name, export --lenient."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jixiao.audit import review
from jixiao.model import Form
from jixiao.parse import parse_file
from jixiao.service import checking, recheck_projects, run_import
from jixiao.store import DocumentInfo, open_store
from store_support import BACKENDS, make_url
from support import SEEDS, run_cli


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def test_a_scoring_crash_stores_the_forms_unscored(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(forms: Any, ruleset: Any = None) -> Any:
        raise ZeroDivisionError("除数为零")

    monkeypatch.setattr(checking, "review_forms", broken)
    parsed = parse_file(SEEDS[0]).forms
    with open_store(db_url) as store:
        events: list[Any] = []
        report = run_import(store, [SEEDS[0]], jobs=1, on_file=events.append)
        assert [e.status for e in events] == ["stored"] and not report.failed
        stored = list(store.iter_stored())
        assert len(stored) == len(parsed) > 0
        for form, s in zip(parsed, stored, strict=True):
            assert s.score is None and s.ruleset is None
            *same, note = s.form.findings
            assert tuple(same) == form.findings
            assert note.code == "R010" and "ZeroDivisionError: 除数为零" in note.message
            assert note.location.lines == form.source.lines
        assert store.count_forms(code="R010") == len(parsed)
        assert store.document_lines(stored[0].document_id) is not None
        assert report.totals.warnings >= len(parsed)


def _spaced(form: Form) -> Form:
    """The same project printed with a space and full-width punctuation."""
    name = form.project or ""
    return form.model_copy(update={"project": f"{name[:2]} {name[2:]}，"})


def test_the_recheck_matches_project_names_as_the_x_checks_do(db_url: str) -> None:
    first = parse_file(SEEDS[0]).forms  # 2024
    second = [_spaced(f) for f in parse_file(SEEDS[1]).forms]  # 2019, names respaced
    both = review([*first, *second])
    assert any(x.code == "X004" for r in both[: len(first)] for x in r.report.findings)
    with open_store(db_url) as store:
        for name, forms in (("a.txt", first), ("b.txt", second)):
            alone = review(forms)
            store.save_forms(
                [r.published() for r in alone],
                DocumentInfo(name, name[0] * 64),
                scores=[r.score for r in alone],
            )
        assert store.forms(code="X004") == []
        changed = recheck_projects(store, [f.project for f in second])
        assert changed
        assert [s.form for s in store.iter_stored()] == [r.published() for r in both]
        assert store.forms(code="X004")
        project = first[0].project
        assert project is not None
        spaced = _spaced(first[0]).project
        assert spaced is not None
        assert store.form_ids(projects=(spaced,)) == store.form_ids(projects=(project,))


def test_export_lenient_keeps_the_forms_scored_above_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewed = review([f for p in SEEDS for f in parse_file(p).forms])
    lenient = [
        r.form.project
        for r in reviewed
        if r.score.total is not None
        and getattr(r.form, "total_score", None) is not None
        and r.form.total_score > r.score.total  # type: ignore[union-attr]
    ]
    assert lenient
    out = tmp_path / "宽松.json"
    code, _, _ = run_cli(["export", *map(str, SEEDS), "--lenient", "-o", str(out)], capsys)
    assert code == 0
    assert [f["project"] for f in json.loads(out.read_text("utf-8"))] == lenient
    db = tmp_path / "db.sqlite"
    with open_store(str(db)) as store:
        run_import(store, SEEDS, jobs=1)
    stored = tmp_path / "库.json"
    args = ["export", "--db", str(db), "--lenient", "-o", str(stored)]
    assert run_cli(args, capsys)[0] == 0
    assert [f["project"] for f in json.loads(stored.read_text("utf-8"))] == lenient
