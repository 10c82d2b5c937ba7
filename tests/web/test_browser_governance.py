"""In chromium, as an administrator: withdraw and restore a document, undo an import run,
correct a misread cell — each seen in the figures (the dashboard's form count, the form's
scores) and in the 操作日志."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from access_support import PASSWORD, accounts_store
from jixiao.model.governance import DuplicatePolicy
from jixiao.render.docx import docx_bytes
from jixiao.service import check_file, run_import
from jixiao.store import Store

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = EXAMPLES / "004_30fc85b3e2ff877a.txt"
LEGACY = EXAMPLES / "001_5643fb32fc07280b.txt"


@pytest.fixture
def served(
    tmp_path: Path, serve_store: Callable[[Store], AbstractContextManager[str]]
) -> Iterator[tuple[str, Store, int]]:
    copy = tmp_path / "again.docx"
    copy.write_bytes(docx_bytes(list(check_file(str(SMALL)).forms)))
    with accounts_store(tmp_path, documents=False) as store:
        run_import(store, [SMALL, LEGACY], jobs=1)
        run = run_import(store, [copy], jobs=1, on_duplicate=DuplicatePolicy.VERSION).run_id
        with serve_store(store) as url:
            yield url, store, run


def _forms_on_dashboard(page: Any, url: str) -> int:
    page.goto(f"{url}/")
    return int(page.inner_text('[data-kpi="forms"] .kpi-value').replace(",", ""))


def test_withdraw_restore_undo_and_correct(
    served: tuple[str, Store, int], browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    url, store, run = served
    page = browser_page
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{url}/login")
    page.fill('[name="username"]', "admin")
    page.fill('[name="password"]', PASSWORD)
    page.click('.login-form button[type="submit"]')
    page.wait_for_url(f"{url}/")
    assert _forms_on_dashboard(page, url) == 13

    legacy = next(d["id"] for d in store.documents() if d["file_name"] == LEGACY.name)
    page.goto(f"{url}/manage")
    page.fill(f'#document-{legacy} [name="reason"]', "浏览器测试撤回")
    page.click(f"#document-{legacy} button")
    page.wait_for_selector(f"#withdrawn-{legacy}")
    assert _forms_on_dashboard(page, url) == 4
    page.goto(f"{url}/manage")
    page.click(f'#withdrawn-{legacy} button:text-is("恢复")')
    page.wait_for_selector(f"#document-{legacy}")
    assert _forms_on_dashboard(page, url) == 13

    newer = store.form_ids()
    page.goto(f"{url}/manage")
    page.click(f"#run-{run} button")
    page.wait_for_selector(f'#run-{run}:has-text("已撤销")')
    assert _forms_on_dashboard(page, url) == 13 and store.form_ids() != newer

    form_id = next(s.id for s in store.iter_stored() if s.form.kind == "legacy_self_evaluation")
    page.goto(f"{url}/forms/{form_id}")
    page.wait_for_selector(".correct-form")
    before = page.inner_text(".detail-kpis .kpi-value")
    page.select_option('.correct-form [name="field"]', "total_score")
    page.fill('.correct-form [name="value"]', "61")
    page.fill('.correct-form [name="reason"]', "合计读错")
    page.click('.correct-form button[type="submit"]')
    page.wait_for_selector(".corrections .original")
    after = page.inner_text(".detail-kpis .kpi-value")
    assert before != after and after.startswith("61")
    screenshot(page, "governance-corrected")

    page.goto(f"{url}/log")
    actions = page.eval_on_selector_all(
        "table.log tr[data-action]", "rows => rows.map(r => r.dataset.action)"
    )
    assert {"withdraw", "restore", "undo", "correct", "version", "import"} <= set(actions)
    assert "合计读错" in page.inner_text("table.log")
