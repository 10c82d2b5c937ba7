"""导入 in chromium: the seed documents chosen in the file picker upload one by one with
a progress bar, their preview appears, a bad file shows its reason, 确认入库 stores them.
Screenshots are test artifacts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from browser_wait import wait_until

from jixiao.store import Store, open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def fresh(
    tmp_path: Path, serve_store: Callable[[Store], AbstractContextManager[str]]
) -> Iterator[tuple[Store, str]]:
    """An empty store and a server on it."""
    with open_store(str(tmp_path / "upload.db")) as store, serve_store(store) as url:
        yield store, url


def test_upload_preview_confirm(
    fresh: tuple[Store, str],
    browser_page: Any,
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    store, url = fresh
    page = browser_page
    bad = tmp_path / "程序.exe"
    bad.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 4)
    seeds = sorted(EXAMPLES.glob("*.txt"))
    page.goto(f"{url}/import")
    assert page.title().startswith("导入")
    screenshot(page, "import-empty")

    page.set_input_files("#upload-input", [str(p) for p in seeds] + [str(bad)])
    wait_until(
        page,
        "document.querySelectorAll('.upfile').length === 6 && "
        "!document.querySelector('.upfile[data-status=uploading]')",
        timeout=20_000,
    )
    statuses = page.eval_on_selector_all(".upfile", "els => els.map(e => e.dataset.status)")
    assert statuses == ["ready"] * 5 + ["refused"]

    page.evaluate(  # drag and drop a file onto the zone
        """() => {
        const dt = new DataTransfer();
        dt.items.add(new File(["这不是一张表。\\n".repeat(20)], "拖入的说明.txt"));
        document.getElementById("dropzone").dispatchEvent(
            new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
        }"""
    )
    page.wait_for_selector(".upfile.status-failed", timeout=20_000)
    assert "拖入的说明.txt" in page.inner_text(".upfile.status-failed")
    assert "不是可识别的文件类型" in page.inner_text(".upfile.status-refused")
    assert page.inner_text("#upload-summary").startswith("共 7 个文件，5 个可入库（83 张表）")
    assert "/import/batches/" in page.url  # a reload shows the same preview
    assert store.forms() == []
    screenshot(page, "import-preview")

    link = page.locator(".upfile-forms td.project a").first
    with page.context.expect_page() as opened:
        link.click()  # opens in a new tab
    staged = opened.value
    staged.wait_for_load_state()
    assert "尚未入库" in staged.inner_text(".notice-preview")
    assert staged.locator("table.official").is_visible()
    screenshot(staged, "import-preview-form")
    staged.close()

    page.click("#confirm-button")
    page.wait_for_url("**/confirm", timeout=20_000)
    assert "入库 5 个文件、83 张表" in page.inner_text("#import-summary")
    assert len(store.forms()) == 83
    screenshot(page, "import-done")
