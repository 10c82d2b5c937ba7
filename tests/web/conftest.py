"""Fixtures for the web tests.

- ``store``: a temporary SQLite database holding the bundled sample documents, imported
  once per session (read-only by convention; tests that write use ``empty_store``).
- ``client``: a FastAPI ``TestClient`` on ``store``; ``empty_client`` on an empty store.
- ``live_server``: uvicorn serving ``store`` on a free loopback port in a thread; its
  base URL.
- ``browser_page``: a Playwright page in Debian's ``chromium`` (skipped, with the reason,
  when chromium or Playwright is missing); ``screenshot(page, name)`` saves a full-page
  PNG under ``$JIXIAO_ARTIFACTS`` or ``test-artifacts/`` (fixture ``screenshot``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jixiao.service import collect_files, run_import
from jixiao.store import Store, open_store
from jixiao.web import create_app
from support import LOCAL, skip_unless_strict
from web_client import WebClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
ARTIFACTS = Path(os.environ.get("JIXIAO_ARTIFACTS") or ROOT / "test-artifacts")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A browser test is also a slow one (it runs in the ``-m slow`` stage)."""
    for item in items:
        if item.get_closest_marker("browser") and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The sample documents (83 forms) in a session-wide SQLite file."""
    path = tmp_path_factory.mktemp("web") / "seeds.db"
    with open_store(str(path)) as opened:
        run_import(opened, collect_files([EXAMPLES]), jobs=1)
        yield opened


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    """An empty SQLite store of its own (for tests that write)."""
    with open_store(str(tmp_path / "empty.db")) as opened:
        yield opened


@pytest.fixture(scope="session")
def client(store: Store) -> Iterator[TestClient]:
    with WebClient(create_app(store), base_url=LOCAL) as test_client:
        yield test_client


@pytest.fixture
def empty_client(empty_store: Store) -> Iterator[TestClient]:
    with WebClient(create_app(empty_store), base_url=LOCAL) as test_client:
        yield test_client


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(store: Store) -> Iterator[str]:
    """uvicorn serving ``store`` on a free loopback port in a thread; its base URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn 未能在 10 秒内启动")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_store() -> Callable[[Store], AbstractContextManager[str]]:
    """``with serve_store(store) as url:`` a server on a store of the test's own."""
    return serve


@pytest.fixture(scope="session")
def live_server(store: Store) -> Iterator[str]:
    """``http://127.0.0.1:PORT`` serving ``store`` until the session ends."""
    with serve(store) as url:
        yield url


@pytest.fixture(scope="session")
def _browser() -> Iterator[Any]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        skip_unless_strict("未安装 chromium（Debian：apt-get install chromium）：跳过浏览器测试")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_unless_strict("未安装 playwright（pip install playwright）：跳过浏览器测试")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser: Any) -> Iterator[Any]:
    """A fresh 1366×768 page (Chinese locale); closed after the test."""
    context = _browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(5000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    """``screenshot(page, name)``: save a full-page ``<name>.png`` test artifact; its path."""

    def save(page: Any, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
