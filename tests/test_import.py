"""The import pipeline: parallel parse, idempotence, failures, interrupts, both backends."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import SQLAlchemyError

from jixiao.audit import review
from jixiao.errors import UsageError
from jixiao.model import Form
from jixiao.parse import parse_file
from jixiao.service import FileEvent, collect_files, importing, run_import
from jixiao.store import open_store
from jixiao.store import store as store_module
from store_support import BACKENDS, make_url
from support import EXAMPLES, SEEDS

PARSED = {p.name: parse_file(p).forms for p in SEEDS}


def reviewed(paths: list[Path]) -> dict[str, list[Form]]:
    """The forms of ``paths`` as an import stores them: reviewed all together (the
    cross-form checks see every form of a project), grouped by file."""
    out: dict[str, list[Form]] = {p.name: [] for p in paths}
    for r in review([f for p in paths for f in PARSED[p.name]]):
        out[r.form.source.file].append(r.published())
    return out


FORMS = reviewed(SEEDS)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from make_url(request.param, tmp_path)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The seeds in nested folders, plus files an import must ignore or reject."""
    root = tmp_path / "in"
    (root / "a" / "b").mkdir(parents=True)
    for i, seed in enumerate(SEEDS):
        shutil.copy(seed, root / ("a/b" if i % 2 else "a") / seed.name)
    (root / "a" / "notes.md").write_text("不是表单", encoding="utf-8")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "x.txt").write_text("隐藏", encoding="utf-8")
    return root


def test_collect_files_recurses_and_dedups(folder: Path) -> None:
    files = collect_files([folder, folder / "a" / SEEDS[0].name])
    assert sorted(p.name for p in files) == sorted(p.name for p in SEEDS)
    with pytest.raises(UsageError, match="找不到"):
        collect_files([folder / "nope"])


def test_a_folder_import_takes_every_file_a_reader_reads(tmp_path: Path) -> None:
    """One suffix list: the readers' (``.docm`` and ``.xhtml`` included), not a copy."""
    from jixiao.read.files import SUFFIXES

    assert {".docm", ".xhtml", ".xlsm", ".txt", ".pdf"} <= SUFFIXES
    for suffix in SUFFIXES:
        (tmp_path / f"form{suffix}").write_bytes(b"x")
    (tmp_path / "notes.md").write_text("不是表单", encoding="utf-8")
    taken = {p.suffix for p in collect_files([tmp_path])}
    assert taken == SUFFIXES


def test_import_is_parallel_idempotent_and_replaceable(db_url: str, folder: Path) -> None:
    files = collect_files([folder])
    with open_store(db_url) as store:
        report = run_import(store, files, jobs=2)
        assert not report.failed and not report.interrupted
        t = report.totals
        assert (t.files, t.stored, t.skipped, t.forms) == (5, 5, 0, 83)
        findings = [x for forms in FORMS.values() for f in forms for x in f.findings]
        assert t.errors + t.warnings + t.infos == len(findings)
        assert len(store.forms()) == 83
        by_file: dict[str, list[Any]] = {}
        for stored in store.iter_stored():
            by_file.setdefault(stored.file_name, []).append(stored.form)
        assert by_file == {name: list(forms) for name, forms in FORMS.items()}

        again = run_import(store, [*files, EXAMPLES / SEEDS[0].name], jobs=2)
        assert (again.totals.stored, again.totals.skipped) == (0, 6)
        assert len(store.forms()) == 83

        events: list[FileEvent] = []
        small = [SEEDS[1], SEEDS[4]]
        replaced = run_import(store, small, jobs=2, replace=True, on_file=events.append)
        assert [e.status for e in events] == ["replaced", "replaced"]
        assert replaced.totals.forms == 13 and len(store.forms()) == 83
        assert list(store.iter_forms(file=SEEDS[4].name)) == list(FORMS[SEEDS[4].name])
        runs = store.import_runs()
        assert [r["status"] for r in runs] == ["completed"] * 3
        assert [r["forms"] for r in runs] == [83, 0, 13]


def test_bad_files_fail_alone(db_url: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 4)
    files = [SEEDS[0], empty, garbage, SEEDS[4]]
    with open_store(db_url) as store:
        report = run_import(store, files, jobs=2)
        assert report.failed
        failed = dict(report.totals.failed)
        assert set(failed) == {str(empty), str(garbage)}
        assert all(reason for reason in failed.values())
        assert report.totals.stored == 2
        assert len(store.forms()) == len(FORMS[SEEDS[0].name]) + len(FORMS[SEEDS[4].name])
        (run,) = store.import_runs()
        assert run["failures"] == 2
        assert {f["file"] for f in run["failure_details"]["files"]} == set(failed)


def test_a_document_that_fails_to_store_leaves_nothing(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = store_module.insert_document_rows

    def failing(conn: Any, info: Any, rows: Any) -> int:
        doc = real(conn, info, rows)  # every row written, then no commit
        if info.file_name == SEEDS[0].name:
            raise SQLAlchemyError("磁盘已满")
        return doc

    monkeypatch.setattr(store_module, "insert_document_rows", failing)
    monkeypatch.setattr(importing, "_BATCH_SECONDS", 3600.0)  # the three in one transaction
    with open_store(db_url) as store:
        report = run_import(store, [SEEDS[4], SEEDS[0], SEEDS[1]], jobs=1)
        assert [Path(f).name for f, _ in report.totals.failed] == [SEEDS[0].name]
        assert "写入数据库失败" in report.totals.failed[0][1]
        names = {d["file_name"] for d in store.documents()}
        assert names == {SEEDS[4].name, SEEDS[1].name}
        done = reviewed([SEEDS[4], SEEDS[1]])
        expected = [*done[SEEDS[4].name], *done[SEEDS[1].name]]
        assert len(store.forms()) == len(expected)
        assert len(store.indicators()) == sum(len(f.indicators) for f in expected)
        assert len(store.findings()) == sum(len(f.findings) for f in expected)


@pytest.mark.parametrize(
    ("jobs", "files"),
    [
        # one worker, the quick seeds
        (1, [SEEDS[1], SEEDS[4], SEEDS[0]]),
        # two workers still reading when the first batch is stored (the last three
        # files are written as they come): they are shut down, nothing of theirs kept
        (2, [SEEDS[1], SEEDS[4], SEEDS[0], SEEDS[2], SEEDS[3]]),
    ],
)
def test_interrupt_keeps_only_whole_documents(
    db_url: str, monkeypatch: pytest.MonkeyPatch, jobs: int, files: list[Path]
) -> None:
    """Stopped after the first batch stored: its documents whole, none of the later."""
    seen: list[FileEvent] = []

    def hook(event: FileEvent) -> None:
        seen.append(event)
        raise KeyboardInterrupt

    monkeypatch.setattr(importing, "_BATCH_FORMS", 10)  # seed 1 (9 forms) and 4 (4)
    monkeypatch.setattr(importing, "_BATCH_SECONDS", 3600.0)
    with open_store(db_url) as store:
        report = run_import(store, files, jobs=jobs, on_file=hook)
        assert report.interrupted
        assert [e.path for e in seen] == [SEEDS[1]]
        docs = store.documents()
        assert [d["file_name"] for d in docs] == [p.name for p in files[:2]]
        done = reviewed(files[:2])
        for doc in docs:
            stored = [s.form for s in store.iter_stored(file=doc["file_name"])]
            assert stored == done[doc["file_name"]]
        (run,) = store.import_runs()
        assert run["status"] == "interrupted" and run["stored"] == 2
        # the next run picks up where this one stopped
        rest = run_import(store, files, jobs=2)
        assert (rest.totals.skipped, rest.totals.stored) == (2, len(files) - 2)
        assert len(store.forms()) == sum(len(FORMS[p.name]) for p in files)


def _comparable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    drop = {"imported_at"}
    return [{k: v for k, v in r.items() if k not in drop} for r in rows]


@pytest.mark.slow
def test_sqlite_and_postgresql_give_the_same_results(tmp_path: Path) -> None:
    results = []
    for backend in BACKENDS:
        urls = make_url(backend, tmp_path)
        url = next(urls)
        with open_store(url) as store:
            run_import(store, list(SEEDS), jobs=2)
            results.append(
                (
                    _comparable(store.forms()),
                    store.indicators(),
                    store.findings(),
                    list(store.iter_forms()),
                    [len(store.forms(code=c)) for c in ("A", "P001", "P0")],
                    [len(store.forms(search=s)) for s in ("满意度", "人才", "%")],
                )
            )
        urls.close()
    assert results[0] == results[1]
