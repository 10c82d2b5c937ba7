"""Stored forms stay consistent: a stored form is checked again under the ruleset stored
with it, not under the bundled default (issue 11's web-upload bug), and the forms left
after a deletion are checked again without the deleted ones."""

from __future__ import annotations

from pathlib import Path

from jixiao.audit import review
from jixiao.parse import parse_file
from jixiao.score.loading import bundled_text
from jixiao.service import chosen_ruleset, content_hash, delete_document, rescore, run_import
from jixiao.service.rulesets import StoredRulesets
from jixiao.store import open_store
from support import SEEDS


def _own_ruleset(tmp_path: Path) -> Path:
    """A province's ruleset under which many more X001/X002 findings are raised."""
    text = (
        bundled_text("mof2020")
        .replace('name = "mof2020"', 'name = "woshen"')
        .replace("budget_far_ratio = 0.2", "budget_far_ratio = 0")
        .replace("near_zero_rate = 5", "near_zero_rate = 100")
    )
    path = tmp_path / "我省.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_upload_rechecks_stored_forms_under_their_own_ruleset(tmp_path: Path) -> None:
    first, second = SEEDS[0], SEEDS[1]  # the same projects in 2024 and 2019
    own = chosen_ruleset(_own_ruleset(tmp_path))
    assert own is not None
    forms = [*parse_file(first).forms, *parse_file(second).forms]
    count = len(parse_file(first).forms)
    expected = [r.published() for r in review(forms, own)][:count]
    under_default = [r.published() for r in review(forms)][:count]
    assert expected != under_default  # the rulesets disagree on these forms
    with open_store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        run_import(store, [first], jobs=1)
        assert rescore(store, own) == count  # jixiao rescore --ruleset 我省.toml
        # an upload on the web imports with no ruleset chosen
        report = run_import(store, [second], jobs=1)
        assert not report.failed
        stored = list(store.iter_stored())[:count]
        assert {s.ruleset for s in stored} == {"woshen"}
        assert [s.form for s in stored] == expected


def test_stored_rulesets_by_name(tmp_path: Path) -> None:
    own = chosen_ruleset(_own_ruleset(tmp_path))
    with open_store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        rulesets = StoredRulesets(store)
        assert rulesets("woshen") is None  # not kept yet: the one made for the kind
        assert rulesets(None) is None
        mof = rulesets("mof2020")
        assert mof is not None and mof.name == "mof2020"
        rescore(store, own)  # keeps it, even with no form to score
        assert StoredRulesets(store)("woshen") == own


def test_deleting_a_document_rechecks_the_forms_left(tmp_path: Path) -> None:
    first, second = SEEDS[0], SEEDS[1]  # 2024 and 2019 forms of the same projects
    alone = [r.published() for r in review(parse_file(first).forms)]
    with open_store(f"sqlite:///{tmp_path / 'j.db'}") as store:
        run_import(store, [first, second], jobs=1)
        left = [s.form for s in store.iter_stored()][: len(alone)]
        assert left != alone  # the 2019 forms gave them X004
        assert delete_document(store, content_hash(second)[0])
        assert not delete_document(store, content_hash(second)[0])
        assert [s.form for s in store.iter_stored()] == alone
