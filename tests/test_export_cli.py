"""``jixiao export``: from the store on both databases, from files, filters, exit codes."""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.export import write_csv
from jixiao.model import Form
from jixiao.model.jsonio import loads
from jixiao.score import FormScore
from jixiao.store import DocumentInfo, Filters, open_store
from jixiao.store import form_matches as matches
from store_support import BACKENDS, make_url
from support import EXAMPLES, GOLDEN_FORMS, SEEDS, run_cli

TARGET = EXAMPLES / "004_30fc85b3e2ff877a.txt"


def _golden() -> dict[str, list[Form]]:
    by_file: dict[str, list[Form]] = {}
    for path in GOLDEN_FORMS:
        for form in loads(path.read_text(encoding="utf-8")):
            by_file.setdefault(form.source.file, []).append(form)
    return by_file


GOLDEN_BY_FILE = _golden()
ALL_FORMS = [f for forms in GOLDEN_BY_FILE.values() for f in forms]


def _fill(url: str) -> None:
    with open_store(url) as store:
        for name, forms in GOLDEN_BY_FILE.items():
            digest = hashlib.sha256(name.encode()).hexdigest()
            store.save_forms(forms, DocumentInfo(file_name=name, content_hash=digest))


@pytest.fixture(params=BACKENDS)
def filled(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The seed forms stored in an empty database of each backend in turn."""
    for url in make_url(request.param, tmp_path):
        _fill(url)
        yield url


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'seeds.db'}"
    _fill(url)
    yield url


def test_store_export_equals_direct_export_on_each_database(
    filled: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite and PostgreSQL give byte-identical csv, equal to exporting the forms."""
    code, _, err = run_cli(
        ["export", "--db", filled, "--to", "csv", "-o", str(tmp_path / "db")], capsys
    )
    assert code == 0, err
    assert "已导出 83 张表单" in err
    write_csv(ALL_FORMS, tmp_path / "direct")
    for name in ("forms.csv", "indicators.csv", "findings.csv"):
        assert (tmp_path / "db" / name).read_bytes() == (tmp_path / "direct" / name).read_bytes()


def test_store_export_json_round_trips(
    sqlite_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "all.json"
    code, _, _ = run_cli(["export", "--db", sqlite_db, "-o", str(target)], capsys)
    assert code == 0
    assert loads(target.read_text(encoding="utf-8")) == ALL_FORMS


@pytest.mark.parametrize(
    ("args", "count"),
    [
        (["--year", "2019"], 9),
        (["--kind", "target_declaration"], 4),
        (["--unit", "人才服务", "--year", "2024"], 12),
        (["--code", "A001"], sum(any(x.code == "A001" for x in f.findings) for f in ALL_FORMS)),
        (["--year", "1999"], 0),
    ],
)
def test_filters_narrow_the_export(
    sqlite_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    count: int,
) -> None:
    target = tmp_path / "f.xlsx"
    code, _, err = run_cli(
        ["export", "--db", sqlite_db, *args, "--no-official", "-o", str(target)], capsys
    )
    assert code == 0, err
    book = openpyxl.load_workbook(target, read_only=True)
    assert book.sheetnames == ["汇总", "指标", "审核发现"]
    assert book["汇总"].max_row == count + 1
    assert f"已导出 {count} 张表单" in err


def test_export_files_directly_without_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_DB", str(tmp_path / "must-not-exist.db"))
    target = tmp_path / "t.json"
    code, _, _ = run_cli(["export", str(TARGET), "-o", str(target)], capsys)
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [f["kind"] for f in data] == ["target_declaration"] * 4
    assert not (tmp_path / "must-not-exist.db").exists()


def test_export_files_to_parquet_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "rows.parquet"
    code, _, _ = run_cli(
        ["export", str(TARGET), "--table", "indicators", "-o", str(target)], capsys
    )
    assert code == 0
    assert pq.read_table(target).num_rows == sum(
        len(f.indicators) for f in GOLDEN_BY_FILE[TARGET.name]
    )


@pytest.mark.parametrize(
    "args",
    [
        ["export", str(TARGET)],  # no -o
        ["export", str(TARGET), "--to", "xlsx", "--table", "forms", "-o", "x.xlsx"],
        ["export", str(TARGET), "--kind", "nonsense", "-o", "x.json"],
        ["export", str(TARGET), "--db", "x.db", "-o", "x.json"],
        ["export", "no-such-file.txt", "-o", "x.json"],
        ["export", str(TARGET), "-o", "no/such/dir/x.json"],
    ],
)
def test_usage_and_io_errors_exit_two_with_one_chinese_line(
    args: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(args, capsys)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：")
    assert not list(tmp_path.iterdir()), "nothing written on error"


_YEARS = sorted({f.year for f in ALL_FORMS if f.year is not None})
_UNITS = sorted({f.unit for f in ALL_FORMS if f.unit})
_CODES = sorted({x.code for f in ALL_FORMS for x in f.findings})


def _part(values: list[str]) -> st.SearchStrategy[str]:
    return st.sampled_from(values).flatmap(
        lambda v: st.integers(0, len(v) - 1).flatmap(
            lambda i: st.integers(i + 1, len(v)).map(lambda j: v[i:j])
        )
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    year=st.none() | st.sampled_from(_YEARS),
    unit=st.none() | _part(_UNITS),
    code=st.none() | st.sampled_from(_CODES).map(lambda c: c[: 1 + len(c) % 4]),
    search=st.none() | _part([f.project or "" for f in ALL_FORMS if f.project]),
    kind=st.none() | st.sampled_from(["self_evaluation", "target_declaration"]),
)
def test_file_filters_agree_with_the_store(
    sqlite_db: str,
    year: int | None,
    unit: str | None,
    code: str | None,
    search: str | None,
    kind: str | None,
) -> None:
    """``export FILE...`` filters forms in memory exactly as the store's queries do."""
    filters = Filters.of(year=year, unit=unit, code=code, search=search, kind=kind)
    with open_store(sqlite_db) as store:
        ids = store.form_ids(filters)
    assert ids == [i for i, f in enumerate(ALL_FORMS, 1) if matches(f, filters)]


def test_exports_carry_the_stored_scores(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "scored.db")
    assert run_cli(["import", str(EXAMPLES / SEEDS[2].name), "--db", db, "-j", "1"], capsys)[0] == 0
    assert run_cli(["rescore", "--db", db, "--ruleset", "shanghai2019"], capsys)[0] == 0
    with open_store(db) as store:
        rows = store.forms()
        stored = list(store.iter_stored())
    code, _, err = run_cli(["export", "--db", db, "--to", "csv", "-o", str(tmp_path / "c")], capsys)
    assert code == 0, err
    with (tmp_path / "c" / "forms.csv").open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert [r["评分规则"] for r in exported] == ["shanghai2019"] * len(rows)
    assert [r["复核总分"] for r in exported] == [format(r["computed_total"], "f") for r in rows]
    assert [r["复核等级"] for r in exported] == [r["computed_grade"] for r in rows]
    with (tmp_path / "c" / "findings.csv").open(encoding="utf-8-sig", newline="") as handle:
        codes = {r["代码"][0] for r in csv.DictReader(handle)}
    assert {"R", "Q"} <= codes
    target = tmp_path / "all.json"
    assert run_cli(["export", "--db", db, "-o", str(target)], capsys)[0] == 0
    data = json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    assert [FormScore.model_validate(d["score"]) for d in data] == [s.score for s in stored]

    # straight from the file: the same review, under the ruleset asked for
    direct = tmp_path / "d"
    code, _, _ = run_cli(
        [
            "export",
            str(EXAMPLES / SEEDS[2].name),
            "--ruleset",
            "shanghai2019",
            "--to",
            "csv",
            "-o",
            str(direct),
        ],
        capsys,
    )
    assert code == 0
    for name in ("forms.csv", "indicators.csv"):
        mine = (direct / name).read_text(encoding="utf-8-sig").splitlines()
        theirs = (tmp_path / "c" / name).read_text(encoding="utf-8-sig").splitlines()
        assert [line.split(",", 1)[1] for line in mine] == [
            line.split(",", 1)[1] for line in theirs
        ]
