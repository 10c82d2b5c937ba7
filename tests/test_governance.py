"""Data governance in the service: duplicates (skip, replace, keep as a new version),
withdraw / restore / purge, undoing an import run, correcting a misread cell and the
audit log — each rule on SQLite and PostgreSQL, and each check able to fail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model.access import Role, Scope, ScopeKind
from jixiao.model.governance import DuplicatePolicy, FieldError, field_value, form_key, with_field
from jixiao.render.docx import docx_bytes
from jixiao.render.xlsx import xlsx_bytes
from jixiao.service import check_file, run_import
from jixiao.service.access import LOCAL, AccessDenied, Principal
from jixiao.service.governance import (
    GovernanceError,
    audit_log,
    correct_cell,
    purge_document,
    restore_document,
    restore_form,
    undo_run,
    withdraw_document,
    withdraw_form,
)
from jixiao.service.statistics import dashboard_figures
from jixiao.store import Filters, FormNotFoundError, LogFilters, Store, open_store
from store_support import BACKENDS, make_url

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SMALL = EXAMPLES / "004_30fc85b3e2ff877a.txt"  # 4 forms
OTHER = EXAMPLES / "001_5643fb32fc07280b.txt"  # 9 forms, one project shared with SMALL
ADMIN = replace(LOCAL, username="admin")
AUDITOR = Principal(7, "auditor", "审计", Role.AUDITOR, Scope.everything())
FINANCE = Principal(8, "finance", "财政", Role.FINANCE_REVIEWER, Scope.everything())
REVIEWER = Principal(9, "dept", "部门", Role.DEPARTMENT_REVIEWER, Scope.everything())
FILLER = Principal(10, "filler", "填报", Role.FILLER, Scope.everything())


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    for url in make_url(request.param, tmp_path):
        with open_store(url) as opened:
            yield opened


def _copies(tmp_path: Path, source: Path = SMALL) -> list[Path]:
    """``source`` rendered again as Word and Excel (other bytes, the same forms)."""
    forms = list(check_file(str(source)).forms)
    out = []
    for suffix, body in (("docx", docx_bytes(forms)), ("xlsx", xlsx_bytes(forms))):
        path = tmp_path / f"again.{suffix}"
        path.write_bytes(body)
        out.append(path)
    return out


def _kpis(store: Store) -> int:
    return dashboard_figures(store, Filters()).kpis.forms


def test_form_key_ignores_width_spaces_and_a_trailing_xiangmu() -> None:
    form = check_file(str(SMALL)).forms[0]
    assert form.project is not None
    spaced = form.model_copy(update={"project": f" {form.project.removesuffix('项目')}项目 "})
    wide = form.model_copy(update={"unit": (form.unit or "").replace("(", "（")})
    assert form_key(spaced) == form_key(form) == form_key(wide)
    assert form_key(form.model_copy(update={"year": 1999})) != form_key(form)


def test_importing_again_in_other_formats_skips_every_form(store: Store, tmp_path: Path) -> None:
    run_import(store, [SMALL], jobs=1)
    report = run_import(store, _copies(tmp_path), jobs=1)
    assert report.totals.skipped == 2 and report.totals.forms == 0
    assert store.count_forms() == 4 == _kpis(store)
    assert store.count_forms(include="all") == 4


@pytest.mark.parametrize("policy", [DuplicatePolicy.REPLACE, DuplicatePolicy.VERSION])
def test_a_replacing_or_new_version_counts_once(
    store: Store, tmp_path: Path, policy: DuplicatePolicy
) -> None:
    run_import(store, [SMALL], jobs=1)
    old = store.form_ids()
    report = run_import(store, _copies(tmp_path)[:1], jobs=1, on_duplicate=policy)
    assert report.totals.forms == 4
    new = store.form_ids()
    assert len(new) == 4 == _kpis(store) and not set(new) & set(old)
    assert store.count_forms(include="all") == 8
    assert store.get(old[0]) is not None  # the older one stays reachable
    versions = store.versions(new[0])
    assert [v["id"] for v in versions] == [old[0], new[0]]
    assert versions[0]["superseded_by"] == new[0] and versions[0]["supersede"] == policy.value
    same = store.same_project(store.load_form(new[0]), exclude=new[0])
    assert old[0] not in {r["id"] for r in same}
    entries, _ = store.change_log(LogFilters(action=policy.value))
    assert {e["form_id"] for e in entries} == set(old)


@pytest.mark.parametrize("policy", [DuplicatePolicy.REPLACE, DuplicatePolicy.VERSION])
def test_withdrawing_the_newer_version_brings_the_older_back(
    store: Store, tmp_path: Path, policy: DuplicatePolicy
) -> None:
    run_import(store, [SMALL], jobs=1)
    old = store.form_ids()
    run_import(store, _copies(tmp_path)[:1], jobs=1, on_duplicate=policy)
    new = store.form_ids()
    withdraw_form(store, FINANCE, new[0], "新版本有误")
    assert store.form_ids() == sorted([old[0], *new[1:]]) and _kpis(store) == 4
    assert [v["current"] for v in store.versions(new[0])] == [True, False]
    assert store.form_ids(include="withdrawn") == [new[0]]
    same = store.same_project(store.load_form(new[1]), exclude=new[1])
    assert new[0] not in {r["id"] for r in same}
    restore_form(store, FINANCE, new[0])
    assert store.form_ids() == new and _kpis(store) == 4
    doc = store.document(store.get(new[0]).document_id)  # type: ignore[union-attr]
    assert doc is not None
    withdraw_document(store, FINANCE, doc["id"], "整份文件有误")
    assert store.form_ids() == old and _kpis(store) == 4
    restore_document(store, FINANCE, doc["id"])
    assert store.form_ids() == new and _kpis(store) == 4
    # three versions: withdrawing the newest brings back the middle one only
    third = run_import(store, _copies(tmp_path)[1:], jobs=1, on_duplicate=policy)
    assert third.totals.forms == 4
    newest = store.form_ids()
    withdraw_form(store, FINANCE, newest[0], "再撤")
    assert store.form_ids() == sorted([new[0], *newest[1:]]) and _kpis(store) == 4
    # withdrawing the middle version too brings the oldest back; restoring the newest
    # then hides both older ones again (never two current versions of one form)
    withdraw_form(store, FINANCE, new[0], "中间版本也撤")
    assert store.form_ids() == sorted([old[0], *newest[1:]]) and _kpis(store) == 4
    restore_form(store, FINANCE, newest[0])
    assert store.form_ids() == newest and _kpis(store) == 4
    assert [v["current"] for v in store.versions(newest[0])] == [False, False, True]


@pytest.mark.parametrize("policy", list(DuplicatePolicy))
def test_a_form_repeated_in_its_own_file_is_a_duplicate(
    store: Store, tmp_path: Path, policy: DuplicatePolicy
) -> None:
    doubled = tmp_path / "doubled.txt"
    text = SMALL.read_text("utf-8")
    doubled.write_text(f"{text}\n\n{text}", "utf-8")
    assert len(check_file(str(doubled)).forms) == 8
    report = run_import(store, [doubled], jobs=1, on_duplicate=policy)
    kept = 4 if policy is DuplicatePolicy.SKIP else 8
    assert report.totals.forms == kept and store.count_forms(include="all") == kept
    assert store.count_forms() == 4 == _kpis(store)
    (doc,) = store.documents()
    entries, _ = store.change_log(LogFilters(document_id=doc["id"]))
    logged = [e["action"] for e in entries if e["action"] != "import"]
    assert logged == ([] if policy is DuplicatePolicy.SKIP else [policy.value] * 4)
    if policy is not DuplicatePolicy.SKIP:
        newest = store.form_ids()[0]
        assert [v["id"] for v in store.versions(newest)] == [newest - 4, newest]


def test_a_choice_per_form(store: Store, tmp_path: Path) -> None:
    run_import(store, [SMALL], jobs=1)

    def choose(_path: Path, n: int) -> DuplicatePolicy:
        return DuplicatePolicy.VERSION if n == 0 else DuplicatePolicy.SKIP

    report = run_import(store, _copies(tmp_path)[:1], jobs=1, on_duplicate=choose)
    assert report.totals.forms == 1
    assert store.count_forms() == 4 and store.count_forms(include="all") == 5


def test_withdraw_and_restore_a_document(store: Store) -> None:
    run_import(store, [SMALL, OTHER], jobs=1)
    small = next(d for d in store.documents() if d["file_name"] == SMALL.name)
    with pytest.raises(GovernanceError, match="原因"):
        withdraw_document(store, FINANCE, small["id"], "  ")
    with pytest.raises(AccessDenied):
        withdraw_document(store, AUDITOR, small["id"], "重复")
    withdraw_document(store, FINANCE, small["id"], "误传")
    assert store.count_forms() == 9 == _kpis(store)
    assert store.count_findings() == store.count_findings(file=OTHER.name)
    assert [d["id"] for d in store.documents(withdrawn=True)] == [small["id"]]
    assert small["id"] not in {d["id"] for d in store.documents()}
    shared = next(f for f in store.iter_forms() if f.project == "高峰人才及其团队服务专项")
    assert all(r["id"] > 4 for r in store.same_project(shared))
    with pytest.raises(GovernanceError, match="已经撤回"):
        withdraw_document(store, FINANCE, small["id"], "再次")
    restore_document(store, FINANCE, small["id"])
    assert store.count_forms() == 13 == _kpis(store)
    entries, total = audit_log(store, AUDITOR, LogFilters(document_id=small["id"]))
    assert [e["action"] for e in entries] == ["restore", "withdraw", "import"] and total == 3
    assert entries[0]["username"] == "finance" and "误传" in entries[1]["summary"]


def test_withdraw_a_form_and_purge_only_what_was_withdrawn(store: Store) -> None:
    run_import(store, [SMALL], jobs=1)
    first = store.form_ids()[0]
    withdraw_form(store, FINANCE, first, "读错整张表")
    assert first not in store.form_ids() and store.count_forms(include="withdrawn") == 1
    restore_form(store, FINANCE, first)
    assert first in store.form_ids()
    doc = store.documents()[0]["id"]
    with pytest.raises(AccessDenied):
        purge_document(store, FINANCE, doc)
    with pytest.raises(GovernanceError, match="先撤回"):
        purge_document(store, ADMIN, doc)
    withdraw_document(store, ADMIN, doc, "作废")
    purge_document(store, ADMIN, doc)
    assert store.count_forms(include="all") == 0 and store.document(doc) is None
    assert [e["action"] for e in store.change_log()[0]][:2] == ["purge", "withdraw"]


def test_undo_a_run_brings_back_what_it_replaced(store: Store, tmp_path: Path) -> None:
    run_import(store, [SMALL], jobs=1)
    old = store.form_ids()
    report = run_import(store, _copies(tmp_path)[:1], jobs=1, on_duplicate=DuplicatePolicy.REPLACE)
    assert store.form_ids() != old
    with pytest.raises(AccessDenied):
        undo_run(store, AUDITOR, report.run_id)
    scoped = Principal(3, "d", "d", Role.FINANCE_REVIEWER, Scope(ScopeKind.DEPARTMENT, "某局"))
    with pytest.raises(AccessDenied):
        undo_run(store, scoped, report.run_id)
    assert undo_run(store, FINANCE, report.run_id) == (1, 4)
    assert store.form_ids() == old and _kpis(store) == 4
    assert next(r for r in store.import_runs() if r["id"] == report.run_id)["status"] == "undone"
    with pytest.raises(GovernanceError, match="已经撤销"):
        undo_run(store, FINANCE, report.run_id)
    # the same file imported again takes the withdrawn copy's place
    again = run_import(store, _copies(tmp_path)[:1], jobs=1, on_duplicate=DuplicatePolicy.REPLACE)
    assert again.totals.stored == 1 and store.count_forms() == 4


def test_correct_a_cell_keeps_the_original_and_rescores(store: Store) -> None:
    run_import(store, [OTHER], jobs=1)
    stored = next(store.iter_stored())
    path = "indicators.0.score"
    original = field_value(stored.form, path)
    assert stored.score is not None
    with pytest.raises(AccessDenied):
        correct_cell(store, AUDITOR, stored.id, path, "0", "")
    with pytest.raises(GovernanceError, match="数字"):
        correct_cell(store, REVIEWER, stored.id, path, "十分", "")
    with pytest.raises(GovernanceError, match="没有"):
        correct_cell(store, REVIEWER, stored.id, "indicators.999.score", "1", "")
    done = correct_cell(store, REVIEWER, stored.id, "total_score", "1", "合计读错")
    assert done.original == str(stored.form.total_score) and done.value == "1"
    after = store.get(stored.id)
    assert after is not None and after.form.total_score == Decimal("1")
    assert after.form.indicators[0].score == original
    (row,) = store.corrections(stored.id)
    assert row["original"] == done.original and row["username"] == "dept"
    assert store.forms(form_ids=(stored.id,))[0]["total_score"] == Decimal("1")
    assert store.count_forms(lenient=True, form_ids=(stored.id,)) == 0
    (entry,), _ = store.change_log(LogFilters(action="correct"))
    assert entry["form_id"] == stored.id and "合计读错" in entry["summary"]


def test_correcting_an_indicator_score_rescores_at_once(store: Store) -> None:
    run_import(store, [OTHER], jobs=1)
    stored = next(store.iter_stored())
    assert stored.score is not None and stored.score.total is not None
    weight = stored.form.indicators[0].weight
    assert weight is not None
    done = correct_cell(store, REVIEWER, stored.id, "indicators.0.weight", str(weight + 5))
    assert done.total_before == stored.score.total != done.total_after
    fresh = store.get(stored.id)
    assert fresh is not None and fresh.score is not None
    assert fresh.score.total == done.total_after
    assert store.forms(form_ids=(stored.id,))[0]["computed_total"] == done.total_after
    codes = {f.code for f in fresh.form.findings} - {f.code for f in stored.form.findings}
    assert codes  # the weights no longer add up: the audit saw the corrected form


def test_with_field_validates_like_the_model() -> None:
    form = check_file(str(SMALL)).forms[0]
    with pytest.raises(FieldError):
        with_field(form, "kind", "target_declaration")
    with pytest.raises(FieldError):
        with_field(form, "indicators.0.lines", None)
    assert with_field(form, "project", "新名称").project == "新名称"


def test_the_log_is_for_administrators_and_auditors(store: Store) -> None:
    run_import(store, [SMALL], jobs=1)
    for who in (FILLER, REVIEWER, FINANCE):
        with pytest.raises(AccessDenied):
            audit_log(store, who)
    entries, total = audit_log(store, AUDITOR)
    assert total == 1 and entries[0]["action"] == "import"
    scoped = Principal(5, "a", "a", Role.AUDITOR, Scope(ScopeKind.UNIT, "没有的单位"))
    assert audit_log(store, scoped) == ([], 0)


def test_out_of_scope_is_not_found(store: Store) -> None:
    run_import(store, [SMALL], jobs=1)
    unit = Principal(4, "u", "u", Role.ADMIN, Scope(ScopeKind.UNIT, "没有的单位"))
    doc = store.documents()[0]["id"]
    with pytest.raises(FormNotFoundError):
        withdraw_document(store, unit, doc, "x")
    with pytest.raises(FormNotFoundError):
        correct_cell(store, unit, store.form_ids()[0], "project", "x")


@pytest.mark.slow
@pytest.mark.parametrize("policy", list(DuplicatePolicy))
def test_the_demo_imported_again_as_pdf_docx_and_xlsx_is_83_forms(
    tmp_path: Path, policy: DuplicatePolicy
) -> None:
    """The judged case: every sample rendered by the official renderers as PDF, Word and
    Excel and imported again leaves 83 forms on the dashboard, whatever the choice."""
    from jixiao.render.pdf import pdf_bytes

    again = []
    for source in sorted(EXAMPLES.glob("*.txt")):
        forms = list(check_file(str(source)).forms)
        for suffix, body in (
            ("pdf", pdf_bytes(forms)),
            ("docx", docx_bytes(forms)),
            ("xlsx", xlsx_bytes(forms)),
        ):
            path = tmp_path / f"{source.stem}.{suffix}"
            path.write_bytes(body)
            again.append(path)
    with open_store(f"sqlite:///{tmp_path / 'demo.db'}") as store:
        run_import(store, sorted(EXAMPLES.glob("*.txt")), jobs=2)
        assert _kpis(store) == 83
        report = run_import(store, again, jobs=2, on_duplicate=policy)
        assert not report.failed
        assert _kpis(store) == 83 == store.count_forms()
        stats = dashboard_figures(store, Filters())
        assert stats.kpis.forms == 83
        expected = 83 if policy is DuplicatePolicy.SKIP else 83 * 4
        assert store.count_forms(include="all") == expected
