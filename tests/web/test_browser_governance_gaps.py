"""In chromium: withdrawing the newer version brings the older back (and restoring it
hides the older again) with the dashboard counting one form either way; forms repeated
inside one upload get the duplicate choice; a department's bundle is built in the
background and downloaded from its status page."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from browser_wait import wait_until

from access_support import PASSWORD, accounts_store
from jixiao.model.governance import DuplicatePolicy
from jixiao.render.docx import docx_bytes
from jixiao.service import check_file, run_import
from jixiao.store import LogFilters, Store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = EXAMPLES / "004_30fc85b3e2ff877a.txt"
OTHER = EXAMPLES / "000_52d2d39b8e94208b.txt"


@pytest.fixture
def served(
    tmp_path: Path, serve_store: Callable[[Store], AbstractContextManager[str]]
) -> Iterator[tuple[str, Store, Path]]:
    copy = tmp_path / "again.docx"
    copy.write_bytes(docx_bytes(list(check_file(str(SMALL)).forms)))
    with accounts_store(tmp_path, documents=False) as store:
        run_import(store, [SMALL], jobs=1)
        run_import(store, [copy], jobs=1, on_duplicate=DuplicatePolicy.VERSION)
        with serve_store(store) as url:
            yield url, store, tmp_path


def _sign_in(page: Any, url: str, name: str) -> None:
    page.goto(f"{url}/login")
    page.fill('[name="username"]', name)
    page.fill('[name="password"]', PASSWORD)
    page.click('.login-form button[type="submit"]')
    page.wait_for_url(f"{url}/")


def _forms_on_dashboard(page: Any, url: str) -> int:
    page.goto(f"{url}/")
    return int(page.inner_text('[data-kpi="forms"] .kpi-value').replace(",", ""))


def test_withdraw_the_newer_version(served: tuple[str, Store, Path], browser_page: Any) -> None:
    url, store, _ = served
    page = browser_page
    _sign_in(page, url, "admin")
    assert _forms_on_dashboard(page, url) == 4
    newer = store.form_ids()[0]
    older = store.versions(newer)[0]["id"]
    page.goto(f"{url}/forms/{newer}")
    page.fill('.withdraw-form [name="reason"]', "新版本读错")
    page.click(".withdraw-form button")
    page.wait_for_selector('.governance-state[data-state="withdrawn"]')
    assert _forms_on_dashboard(page, url) == 4 and older in store.form_ids()
    page.goto(f"{url}/forms/{older}")
    assert f"#{older}（" in page.inner_text(".versions") and "当前" in page.inner_text(".versions")
    page.goto(f"{url}/forms/{newer}")
    page.click(".withdraw-form button")  # 恢复这张表
    page.wait_for_selector(".withdraw-form button:has-text('撤回这张表')")
    assert _forms_on_dashboard(page, url) == 4 and older not in store.form_ids()


def test_forms_repeated_in_one_upload(served: tuple[str, Store, Path], browser_page: Any) -> None:
    url, store, folder = served
    page = browser_page
    _sign_in(page, url, "finance")
    twin = folder / "副本.docx"
    twin.write_bytes(docx_bytes(list(check_file(str(OTHER)).forms)[:2]))
    page.goto(f"{url}/import")
    page.set_input_files("#upload-input", [str(OTHER), str(twin)])
    wait_until(
        page,
        "document.querySelectorAll('.upfile').length === 2 && "
        "!document.querySelector('.upfile[data-status=uploading]') && "
        "document.getElementById('upload-list').dataset.refreshed === '1'",
        timeout=60_000,
    )
    page.wait_for_selector(".batch-twin")
    # whichever file came first in the batch is the original, the other's two forms repeat it
    selects = page.eval_on_selector_all("select[name^='dup-']", "els => els.map(e => e.name)")
    assert len(selects) == 2 and len({name.split("-")[1] for name in selects}) == 1
    said = "\n".join(  # both files' lists: either may come first in the page
        page.eval_on_selector_all(".upfile-forms", "els => els.map(e => e.innerText)")
    )
    assert said.count("与本批「") == 2 and "第 1 张表相同" in said and "第 2 张表相同" in said
    before = store.count_forms()
    versions = len(store.change_log(LogFilters(action="version"))[0])
    page.select_option(f"select[name='{selects[0]}']", "version")  # the other: 跳过
    page.click("#confirm-button")
    page.wait_for_url("**/confirm", timeout=60_000)
    assert store.count_forms() == before + 12 and store.count_forms(include="all") == 8 + 12 + 1
    assert len(store.change_log(LogFilters(action="version"))[0]) == versions + 1


def test_department_bundle_in_the_background(
    served: tuple[str, Store, Path], browser_page: Any
) -> None:
    url, store, folder = served
    page = browser_page
    _sign_in(page, url, "finance")
    run_import(store, [OTHER], jobs=1)  # forms that name their 主管部门
    stored = next(s for s in store.iter_stored() if s.form.department)
    page.goto(f"{url}/forms/{stored.id}")
    page.click(".department-downloads button[value='zip-pdf']")
    page.wait_for_url("**/departments/official/jobs/*")
    page.wait_for_selector(".bundle-job[data-status='done']", timeout=120_000)
    with page.expect_download() as got:
        page.click(".bundle-file")
    path = folder / "bundle.zip"
    got.value.save_as(str(path))
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() and all(n.endswith(".pdf") for n in archive.namelist())
    job_url = page.url
    _sign_in(page, url, "auditor")  # another account: not theirs
    assert page.goto(job_url).status == 404
