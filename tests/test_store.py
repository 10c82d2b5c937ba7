"""The store on SQLite and PostgreSQL: exact decimals, save/load, idempotence, filters,
one transaction per document."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from jixiao.audit import Reviewed, review
from jixiao.model import (
    Finding,
    Form,
    FundRow,
    Funds,
    Indicator,
    LegacyInfo,
    LegacySelfEvaluation,
    Location,
    SelfEvaluation,
    Severity,
    Source,
)
from jixiao.parse import ParseResult, parse_file
from jixiao.store import DocumentInfo, FormNotFoundError, Store, open_store
from jixiao.store import save as save_module
from store_support import BACKENDS, make_url
from support import SEEDS


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


_PARSED: dict[Path, ParseResult] = {}


def parsed(path: Path) -> ParseResult:
    if path not in _PARSED:
        _PARSED[path] = parse_file(path)
    return _PARSED[path]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def exact_form() -> SelfEvaluation:
    return SelfEvaluation(
        year=2024,
        project="精度项目",
        unit="测试单位",
        money_unit="万元",
        funds=Funds(total=FundRow(initial=Decimal("21.960"), weight=Decimal("10.00"))),
        indicators=(
            Indicator(name="甲", weight=Decimal("6.00"), score=Decimal("6"), lines=(3, 4)),
            Indicator(name="乙", weight=Decimal("0.10"), score=Decimal("1234567.891")),
        ),
        total_score=Decimal("97.370"),
        source=Source(file="x.txt", lines=(1, 9)),
        findings=(
            Finding(
                code="A001",
                severity=Severity.ERROR,
                message="差",
                location=Location(file="x.txt", lines=(5, 5), row=1, field="total_score"),
                values={"dec": Decimal("6"), "int": 6, "text": "6", "none": None},
            ),
        ),
    )


def info(name: str = "x.txt", content_hash: str = "h" * 64) -> DocumentInfo:
    return DocumentInfo(file_name=name, content_hash=content_hash)


def test_decimals_come_back_exactly(db_url: str) -> None:
    form = exact_form()
    with open_store(db_url) as store:
        store.save_forms([form], info())
        (row,) = store.forms()
        loaded = store.load_form(row["id"])
    assert loaded == form
    assert str(loaded.indicators[0].weight) == "6.00"
    assert str(loaded.indicators[1].score) == "1234567.891"
    assert str(loaded.funds.total.initial) == "21.960"
    assert str(row["funds_total_weight"]) == "10.00"
    values = loaded.findings[0].values
    assert type(values["dec"]) is Decimal and type(values["int"]) is int
    assert values["text"] == "6"


def test_legacy_extras_round_trip(db_url: str) -> None:
    form = LegacySelfEvaluation(
        legacy=LegacyInfo(
            budget=Decimal("1245505.00"),
            recurring=True,
            level1_weights={"投入与管理": Decimal("36")},
        ),
        source=Source(file="l.txt", lines=(1, 2)),
    )
    with open_store(db_url) as store:
        store.save_forms([form], info("l.txt"))
        assert store.load_form(store.form_ids()[0]) == form


def test_seed_documents_load_back_equal(db_url: str) -> None:
    with open_store(db_url) as store:
        for path in SEEDS:
            result = parsed(path)
            store.save_document(result, digest(path), size=path.stat().st_size)
            ids = store.form_ids(file=path.name)
            assert [store.load_form(i) for i in ids] == list(result.forms)
        assert len(store.forms()) == sum(len(parsed(p).forms) for p in SEEDS)
        assert [s.form for s in store.iter_stored()] == [f for p in SEEDS for f in parsed(p).forms]
        docs = store.documents()
        assert [d["file_name"] for d in docs] == [p.name for p in SEEDS]
        assert docs[0]["layout"] == parsed(SEEDS[0]).layout


def test_same_hash_is_stored_once_and_replace_swaps_it(db_url: str) -> None:
    path = SEEDS[0]
    result = parsed(path)
    with open_store(db_url) as store:
        assert not store.has_document(digest(path))
        first = store.save_document(result, digest(path))
        assert store.has_document(digest(path))
        assert store.save_document(result, digest(path)) == first
        assert len(store.forms()) == len(result.forms)
        replaced = store.save_document(result, digest(path), replace=True)
        assert len(store.forms()) == len(result.forms)
        assert {r["document_id"] for r in store.forms()} == {replaced}
        assert store.delete_document(digest(path))
        assert store.forms() == [] and store.indicators() == [] and store.findings() == []


_REVIEWED: dict[Path, list[Reviewed]] = {}


def reviewed(path: Path) -> list[Reviewed]:
    """The forms of a seed scored and audited (with A/R/Q/X findings), as imported."""
    if path not in _REVIEWED:
        _REVIEWED[path] = review(parsed(path).forms)
    return _REVIEWED[path]


def _seeded(store: Store) -> list[Form]:
    """Store every seed document's reviewed forms with their scores; the forms."""
    for path in SEEDS:
        done = reviewed(path)
        scores = [r.score for r in done]
        store.save_document(
            dataclasses.replace(parsed(path), forms=tuple(r.published() for r in done)),
            digest(path),
            scores=scores,
        )
    return [r.published() for p in SEEDS for r in reviewed(p)]


def test_filters(db_url: str) -> None:

    def count(**kw: Any) -> int:
        return len(store.forms(**kw))

    with open_store(db_url) as store:
        forms = _seeded(store)
        assert count() == len(forms)
        assert count(year=2019) == sum(f.year == 2019 for f in forms) > 0
        assert count(unit="人才服务") == sum("人才服务" in (f.unit or "") for f in forms) > 0
        assert count(department="社会保障局") == sum(
            "社会保障局" in (f.department or "") for f in forms
        )
        assert count(grade="优") == sum(getattr(f, "grade", None) == "优" for f in forms)
        assert count(kind="target_declaration") == 4
        with_a = sum(any(x.code.startswith("A") for x in f.findings) for f in forms)
        assert count(code="A") == with_a > 0
        assert count(code="a001") == sum(any(x.code == "A001" for x in f.findings) for f in forms)
        assert count(severity="error") == sum(
            any(x.severity == Severity.ERROR for x in f.findings) for f in forms
        )

        def searched(text: str, form: Form) -> bool:
            parts = [form.project, form.unit, form.department]
            parts += [getattr(form, "goal_expected", None), getattr(form, "goal_actual", None)]
            parts += [p for i in form.indicators for p in (i.name, i.target)]
            return any(text.lower() in (p or "").lower() for p in parts)

        for text in ("满意度", "%", "_", "Ｋ", "kpi", "≥95"):
            assert count(search=text) == sum(searched(text, f) for f in forms), text
        assert count(search="满意度") > 0 and count(search="%") > 0
        assert count(file=SEEDS[1].name) == len(parsed(SEEDS[1]).forms)
        assert count(year=2024, unit="人才服务中心", grade="优") == sum(
            f.year == 2024 and "人才服务中心" in (f.unit or "") and getattr(f, "grade", "") == "优"
            for f in forms
        )


def test_rows_are_pandas_friendly(db_url: str) -> None:
    with open_store(db_url) as store:
        forms = _seeded(store)
        rows = store.forms()
        assert [r["errors"] for r in rows] == [
            sum(x.severity == Severity.ERROR for x in f.findings) for f in forms
        ]
        assert [r["indicators"] for r in rows] == [len(f.indicators) for f in forms]
        indicators = store.indicators(kind="legacy_self_evaluation")
        assert len(indicators) == sum(
            len(f.indicators) for f in forms if f.kind == "legacy_self_evaluation"
        )
        assert {"form_id", "row", "name", "weight", "score", "unit", "year"} <= set(indicators[0])
        findings = store.findings(code="A001")
        assert findings and all(f["code"] == "A001" for f in findings)
        values = findings[0]["values"]
        assert all(isinstance(values[k], Decimal) for k in ("computed", "printed", "diff"))
        assert isinstance(values["year"], int)
        for row in rows:
            for value in row.values():
                assert not isinstance(value, dict | list | tuple)


def test_a_failing_document_leaves_nothing(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    result = parsed(SEEDS[0])
    real = save_module.insert_rows

    def broken(conn: Any, table: Any, rows: Any) -> None:  # after the document and forms
        if table is save_module.FindingRow:
            raise RuntimeError("boom")
        real(conn, table, rows)

    with open_store(db_url) as store:
        store.save_document(parsed(SEEDS[4]), digest(SEEDS[4]))
        monkeypatch.setattr(save_module, "insert_rows", broken)
        doc = SEEDS[2]
        with pytest.raises(RuntimeError):
            store.save_document(parsed(doc), digest(doc))
        monkeypatch.setattr(save_module, "insert_rows", real)
        assert not store.has_document(digest(doc))
        assert len(store.documents()) == 1
        assert len(store.forms()) == len(parsed(SEEDS[4]).forms)
        assert len(store.indicators()) == sum(len(f.indicators) for f in parsed(SEEDS[4]).forms)
        store.save_document(result, digest(SEEDS[0]))
        assert len(store.documents()) == 2


def test_missing_form(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.get(12345) is None
        with pytest.raises(FormNotFoundError, match="12345"):
            store.load_form(12345)
        assert list(store.iter_forms()) == []
