"""Import scores and audits every form; the cross-form recheck after a run; rescore."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.audit import review
from jixiao.model import Form, Severity
from jixiao.parse import parse_file
from jixiao.score import load_ruleset, ruleset_for, score_form
from jixiao.service import rescore, run_import
from jixiao.store import open_store
from store_support import BACKENDS, make_url
from support import SEEDS

PARSED = [f for p in SEEDS for f in parse_file(p).forms]
REVIEWED = review(PARSED)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def _severities(forms: list[Form]) -> tuple[int, int, int]:
    counts = Counter(x.severity for f in forms for x in f.findings)
    return counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO]


def test_import_stores_scores_and_audit_findings(db_url: str) -> None:
    with open_store(db_url) as store:
        report = run_import(store, SEEDS, jobs=2)
        stored = list(store.iter_stored())
        rows = store.forms()
        t = report.totals
        assert (t.errors, t.warnings, t.infos) == _severities([r.published() for r in REVIEWED])
        assert t.errors > 0 and any(x.code[0] in "ARQ" for s in stored for x in s.form.findings)
        assert [s.form for s in stored] == [r.published() for r in REVIEWED]
        for parsed, s, row in zip(PARSED, stored, rows, strict=True):
            expected = score_form(parsed, ruleset_for(parsed))
            assert s.score == expected
            assert row["computed_total"] == expected.total
            assert row["computed_grade"] == expected.grade
            assert s.ruleset == row["ruleset"] == expected.ruleset
        assert {r["ruleset"] for r in rows} == {"mof2020", "shanghai2019"}
        with_r001 = [
            r.published() for r in REVIEWED if any(x.code == "R001" for x in r.report.findings)
        ]
        assert with_r001 and len(store.forms(code="R001")) == len(with_r001)
        lenient = [
            r
            for r in REVIEWED
            if r.score.total is not None
            and r.form.total_score is not None
            and r.form.total_score > r.score.total
        ]  # type: ignore[union-attr]
        assert lenient and store.count_forms(lenient=True) == len(lenient)
        indicators = store.indicators()
        assert sum(r["explanation"] is not None for r in indicators) == len(indicators)


def test_a_later_import_rechecks_the_projects_already_stored(db_url: str) -> None:
    first, second = SEEDS[0], SEEDS[1]  # 2024 and 2019 forms of the same projects
    both = review([*parse_file(first).forms, *parse_file(second).forms])
    alone = review(parse_file(first).forms)
    assert [r.published() for r in alone] != [
        r.published() for r in both[: len(alone)]
    ]  # X004 appears
    with open_store(db_url) as store:
        run_import(store, [first], jobs=1)
        report = run_import(store, [second], jobs=1)
        assert [s.form for s in store.iter_stored()] == [r.published() for r in both]
        # the run's counts are those of the forms it imported, after the recheck
        later = [r.published() for r in both[len(alone) :]]
        t = report.totals
        assert (t.errors, t.warnings, t.infos) == _severities(later)
        assert store.forms(code="X004")


def test_import_and_rescore_under_a_chosen_ruleset(db_url: str) -> None:
    files = [SEEDS[1], SEEDS[4]]
    forms = [f for p in files for f in parse_file(p).forms]
    chosen = load_ruleset("shanghai2019")
    with open_store(db_url) as store:
        run_import(store, files, jobs=1)
        before = [s.score for s in store.iter_stored()]
        assert before == [r.score for r in review(forms)]
        assert rescore(store, chosen) == len(forms)
        expected = review(forms, chosen)
        after = list(store.iter_stored())
        assert [s.score for s in after] == [r.score for r in expected]
        assert [s.form for s in after] == [r.published() for r in expected]
        assert {s.ruleset for s in after} == {"shanghai2019"}
        done: list[int] = []
        assert rescore(store, None, None, done.append) == len(forms)
        assert sum(done) == len(forms)
        assert [s.score for s in store.iter_stored()] == before

    with open_store(db_url) as store:
        store_files = [SEEDS[1]]
        report = run_import(store, store_files, jobs=1, replace=True, ruleset=chosen)
        assert not report.failed
        assert {r["ruleset"] for r in store.forms(file=SEEDS[1].name)} == {"shanghai2019"}
