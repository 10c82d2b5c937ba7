"""Department bundles built off the request: queued in a bounded pool, scoped to the
user who asked, kept a while and cleaned up."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from pathlib import Path

import pytest

from access_support import HRSS, TALENT, accounts_store, principal_of
from jixiao.errors import UsageError
from jixiao.service import publishing
from jixiao.service.bundle_jobs import KEEP_SECONDS, MAX_PER_USER, BundleJob, BundleJobs
from jixiao.service.publishing import Bundle, DepartmentForms
from jixiao.store import FormNotFoundError, Store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with accounts_store(tmp_path_factory.mktemp("bundles")) as opened:
        yield opened


def _wait(jobs: BundleJobs, who: object, job: BundleJob) -> BundleJob:
    deadline = time.monotonic() + 120
    while jobs.get(who, job.id).pending:  # type: ignore[arg-type]
        assert time.monotonic() < deadline
        time.sleep(0.05)
    return job


def test_a_bundle_is_built_in_the_background_and_cleaned_up(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jobs = BundleJobs(tmp_path / "bundles")
    hrss = principal_of(store, "hrss")
    gate = threading.Event()
    real = publishing.official_download

    def slow(*args: object) -> object:
        gate.wait(30)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr("jixiao.service.bundle_jobs.official_download", slow)
    started = time.monotonic()
    job = jobs.start(store, hrss, DepartmentForms(HRSS, None), Bundle.zip_pdf)
    assert time.monotonic() - started < 5 and job.pending  # the caller did not wait
    assert jobs.start(store, hrss, DepartmentForms(HRSS, 2024), Bundle.pdf).pending
    with pytest.raises(UsageError, match=str(MAX_PER_USER)):
        jobs.start(store, hrss, DepartmentForms(HRSS, 2023), Bundle.pdf)
    gate.set()
    _wait(jobs, hrss, job)
    done, path = jobs.file(hrss, job.id)
    assert done.status == "done" and path.read_bytes()[:2] == b"PK" and path.parent == jobs.folder
    with pytest.raises(FormNotFoundError):
        jobs.get(principal_of(store, "finance"), job.id)  # another user
    jobs.clean(time.monotonic() + KEEP_SECONDS + 1)
    assert not path.exists()
    with pytest.raises(FormNotFoundError):
        jobs.get(hrss, job.id)
    jobs.close()
    assert not jobs.folder.exists()


def test_the_bundle_holds_what_the_user_sees(store: Store, tmp_path: Path) -> None:
    jobs = BundleJobs(tmp_path / "b")
    talent = principal_of(store, "talent")
    department = next(f.department for f in store.iter_forms(unit=TALENT) if f.department)
    assert department
    job = _wait(
        jobs, talent, jobs.start(store, talent, DepartmentForms(department), Bundle.zip_pdf)
    )
    assert job.status == "done"
    with zipfile.ZipFile(io.BytesIO(jobs.file(talent, job.id)[1].read_bytes())) as archive:
        ids = sorted(int(n.rsplit("-", 1)[1].removesuffix(".pdf")) for n in archive.namelist())
    assert ids == sorted(r["id"] for r in store.forms(unit=TALENT, department=department))
    other = _wait(jobs, talent, jobs.start(store, talent, DepartmentForms(HRSS + "外"), Bundle.pdf))
    assert other.status == "failed" and "可下载的表单" in (other.error or "")
    with pytest.raises(UsageError):
        jobs.file(talent, other.id)
    jobs.close()
