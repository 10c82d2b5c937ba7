"""Computed scores in the store: saved with the forms, loaded back equal, queryable
(lenient, computed grade, sorting, paging), rewritten by ``update_reviews``; drafts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.errors import UsageError
from jixiao.model import Finding, Indicator, Location, SelfEvaluation, Severity, Source
from jixiao.score.result import BudgetScore, FormScore, RowScore
from jixiao.store import DocumentInfo, DraftNotFoundError, Page, open_store
from store_support import BACKENDS, make_url


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


def _form(project: str, reported: str) -> SelfEvaluation:
    return SelfEvaluation(
        year=2024,
        project=project,
        unit="测试单位",
        indicators=(
            Indicator(
                name="甲",
                target="≥60人",
                actual="56人",
                weight=Decimal("10.00"),
                score=Decimal("10"),
            ),
            Indicator(
                name="乙", target="好", actual="达成", weight=Decimal("20"), score=Decimal("18")
            ),
        ),
        total_score=Decimal(reported),
        source=Source(file=f"{project}.txt", lines=(1, 9)),
    )


def _score(total: str, grade: str) -> FormScore:
    return FormScore(
        ruleset="mof2020",
        rows=(
            RowScore(
                position=0,
                method="positive",
                weight=Decimal("10.00"),
                reported=Decimal("10"),
                computed=Decimal("9.33"),
                accepted=Decimal("9.33"),
                explanation="实际 56 人 / 目标 60 人 × 10 分 = 9.33 分",
            ),
            RowScore(
                position=1,
                method="qualitative",
                weight=Decimal("20"),
                reported=Decimal("18"),
                band_low=Decimal("16.00"),
                band_high=Decimal("20.00"),
                accepted=Decimal("18"),
                explanation="达成：16–20 分",
            ),
        ),
        budget=BudgetScore(
            weight=Decimal("10"),
            rate=Decimal("97.67"),
            computed=Decimal("9.77"),
            explanation="执行率 97.67% × 10 分",
        ),
        total=Decimal(total),
        reported_total=Decimal("95.00"),
        grade=grade,
        explanation="预算 9.77 + 指标 27.33",
    )


def _info(name: str) -> DocumentInfo:
    return DocumentInfo(file_name=name, content_hash=name.ljust(64, "0"))


def test_score_round_trips_and_fills_columns(db_url: str) -> None:
    form, score = _form("一", "95.00"), _score("37.10", "差")
    with open_store(db_url) as store:
        store.save_forms([form, _form("二", "9")], _info("a"), scores=[score, None])
        first, second = store.iter_stored()
        assert first.form == form and first.score == score
        assert str(first.score.rows[1].band_low) == "16.00"
        assert second.score is None and second.ruleset is None
        row = store.forms()[0]
        assert row["computed_total"] == Decimal("37.10") and row["computed_grade"] == "差"
        assert row["computed_budget_rate"] == Decimal("97.67")
        assert row["computed_budget_score"] == Decimal("9.77")
        assert row["ruleset"] == "mof2020" and "score_data" not in row
        rows = store.indicators(form_ids=(first.id,))
        assert [r["computed_score"] for r in rows] == [Decimal("9.33"), None]
        assert [r["band_high"] for r in rows] == [None, Decimal("20.00")]
        assert [r["score_method"] for r in rows] == ["positive", "qualitative"]
        assert rows[0]["explanation"].startswith("实际 56 人")


def test_save_rejects_scores_of_another_length(db_url: str) -> None:
    with open_store(db_url) as store, pytest.raises(ValueError):
        store.save_forms([_form("一", "1")], _info("a"), scores=[])


def test_lenient_grade_sort_and_paging(db_url: str) -> None:
    # reported 95.00 vs computed: above (lenient), equal, below; "9.5" vs "10" would
    # sort wrongly as text, so the amounts must compare as numbers on SQLite too.
    cases = [("高", "95.00", "10"), ("等", "95.00", "95.00"), ("低", "9.5", "10.00")]
    with open_store(db_url) as store:
        for project, reported, computed in cases:
            store.save_forms(
                [_form(project, reported)], _info(project), scores=[_score(computed, "优")]
            )
        store.save_forms([_form("未评", "50")], _info("未评"))
        assert [r["project"] for r in store.forms(lenient=True)] == ["高"]
        assert [r["project"] for r in store.forms(lenient=False)] == ["等", "低"]
        assert store.count_forms(computed_grade="优") == 3
        by_total = store.forms(page=Page(sort="computed_total"))
        assert [r["project"] for r in by_total] == ["高", "低", "等", "未评"]
        by_reported = store.forms(page=Page(sort="-total_score"))
        assert [r["project"] for r in by_reported] == ["高", "等", "未评", "低"]
        paged = store.forms(page=Page(sort="-total_score", limit=2, offset=1))
        assert [r["project"] for r in paged] == ["等", "未评"]
        assert store.count_forms() == 4
        with pytest.raises(UsageError):
            store.forms(page=Page(sort="nonsense"))


def test_update_reviews_replaces_findings_and_scores(db_url: str) -> None:
    new = Finding(
        code="R001",
        severity=Severity.ERROR,
        message="自评得分高于复核得分",
        location=Location(row=0),
        values={"computed": Decimal("9.33")},
    )
    with open_store(db_url) as store:
        store.save_forms([_form("一", "95")], _info("a"), scores=[_score("37.10", "差")])
        (form_id,) = store.form_ids()
        store.update_reviews({form_id: [new]}, {form_id: _score("99.00", "优")})
        stored = store.get(form_id)
        assert stored is not None and stored.form.findings == (new,)
        assert stored.score is not None and stored.score.total == Decimal("99.00")
        assert store.forms()[0]["computed_grade"] == "优"
        assert store.forms(code="R001")[0]["errors"] == 1
        store.update_reviews({form_id: []}, {form_id: None})
        stored = store.get(form_id)
        assert stored is not None and stored.score is None and stored.form.findings == ()
        assert store.indicators()[0]["computed_score"] is None


def test_drafts(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.drafts() == []
        first = store.save_draft(_form("草稿一", "90"))
        second = store.save_draft(_form("", "80"))
        assert store.load_draft(first) == _form("草稿一", "90")
        assert [d.title for d in store.drafts()] == ["未命名草稿", "草稿一"]
        assert store.save_draft(_form("草稿一改", "91"), first) == first
        listed = store.drafts()
        assert [d.id for d in listed] == [first, second]
        assert listed[0].kind == "self_evaluation" and listed[0].created_at <= listed[0].updated_at
        assert store.load_draft(first).project == "草稿一改"
        assert store.forms() == []
        assert store.delete_draft(first) and not store.delete_draft(first)
        with pytest.raises(DraftNotFoundError):
            store.load_draft(first)
        with pytest.raises(DraftNotFoundError):
            store.save_draft(_form("x", "1"), first)


def test_shared_projects_are_those_of_several_documents(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save_forms([_form("甲", "1"), _form("甲", "2"), _form("乙", "3")], _info("a"))
        store.save_forms([_form("乙", "4"), _form("丙", "5")], _info("b"))
        assert store.shared_projects(["甲", "乙", "丙", "丁"]) == ["乙"]
        assert store.count_forms(projects=("甲", "丙")) == 3
