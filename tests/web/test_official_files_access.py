"""The official downloads go through the user's scope: a unit's filler gets its own forms'
PDF, is refused another unit's, and a department's bundle holds only what they may see."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest

from access_support import PASSWORD, SONGJIANG, TALENT, accounts_store
from jixiao.store import Store
from jixiao.web import create_app
from publishing_support import bundle_job
from web_client import WebClient


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with accounts_store(tmp_path_factory.mktemp("official-access")) as opened:
        yield opened


@pytest.fixture
def talent(store: Store) -> Iterator[WebClient]:
    with WebClient(create_app(store)) as client:
        done = client.post(
            "/login", data={"username": "talent", "password": PASSWORD}, follow_redirects=False
        )
        assert done.status_code == 303
        yield client


def _ids(store: Store, **kw: str) -> list[int]:
    return [int(r["id"]) for r in store.forms(**kw)]  # type: ignore[arg-type]


def test_a_user_outside_the_scope_is_refused(store: Store, talent: WebClient) -> None:
    (own, *_) = _ids(store, unit=TALENT)
    (other, *_) = _ids(store, department=SONGJIANG)
    assert talent.get(f"/forms/{own}/official.pdf").content.startswith(b"%PDF")
    for ext in ("pdf", "docx"):
        assert talent.get(f"/forms/{other}/official.{ext}").status_code == 404
    refused = bundle_job(talent, SONGJIANG)
    assert 'data-status="failed"' in refused.text and "可下载的表单" in refused.text


def test_a_department_bundle_holds_only_what_the_user_sees(store: Store, talent: WebClient) -> None:
    (own, *_) = _ids(store, unit=TALENT)
    department = store.get(own).form.department  # type: ignore[union-attr]
    assert department
    got = bundle_job(talent, department, fmt="zip-pdf")
    assert got.status_code == 200
    with zipfile.ZipFile(io.BytesIO(got.content)) as archive:
        ids = sorted(int(n.rsplit("-", 1)[1].removesuffix(".pdf")) for n in archive.namelist())
    assert ids == sorted(i for i in _ids(store, unit=TALENT, department=department))
    assert len(ids) < len(_ids(store, department=department))


def test_without_login_nothing_is_given(store: Store) -> None:
    (own, *_) = _ids(store, unit=TALENT)
    with WebClient(create_app(store)) as client:
        assert client.get(f"/forms/{own}/official.pdf", follow_redirects=False).status_code in (
            303,
            401,
        )


def test_a_bundle_job_is_only_its_owners(store: Store, talent: WebClient) -> None:
    (own, *_) = _ids(store, unit=TALENT)
    department = store.get(own).form.department  # type: ignore[union-attr]
    assert department
    assert bundle_job(talent, department).content.startswith(b"%PDF")
    jobs = talent.app.state.bundle_jobs  # type: ignore[attr-defined]
    (job_id,) = [j for j in jobs._jobs if jobs._jobs[j].user[1] == "talent"][:1]
    url = f"/departments/official/jobs/{job_id}"
    assert talent.get(f"{url}/file").status_code == 200
    for name in ("finance", "talent_head"):  # everything, and the same unit: still not theirs
        with WebClient(talent.app) as other:
            other.post("/login", data={"username": name, "password": PASSWORD})
            assert other.get(url).status_code == 404
            assert other.get(f"{url}/file").status_code == 404
    refused = talent.post(
        "/departments/official/jobs",
        data={"department": department},
        headers={"X-CSRF-Token": "forged"},
        follow_redirects=False,
    )
    assert refused.status_code == 403
    talent.post("/logout")
    assert talent.get(f"{url}/file", follow_redirects=False).status_code in (303, 401)
