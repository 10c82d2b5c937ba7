"""Hostile files sent to the web upload (导入 → preview): a Chinese refusal, never a 500.

The merge bomb of issue 15 took the server to 4 GB in 36 s; now the preview says which
reader limit it hit, and the file is not offered for storing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hostile_inputs import CASES, make

from jixiao.store import Store, open_store
from jixiao.web import create_app
from support import LOCAL
from web_client import WebClient

_SENT = ("merge_bomb.xlsx", "far_cell.xlsx", "span_bomb.html", "bomb.png", "laughs.docx")


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, Store]]:
    with (
        open_store(str(tmp_path / "empty.db")) as store,
        WebClient(create_app(store), base_url=LOCAL) as web,
    ):
        yield web, store


def test_hostile_uploads_are_refused_in_chinese(
    client: tuple[TestClient, Store], tmp_path: Path
) -> None:
    web, store = client
    cases = [c for c in CASES if c.name in _SENT]
    files = [("files", (c.name, make(c, tmp_path).read_bytes())) for c in cases]
    preview = web.post("/import", files=files)
    assert preview.status_code == 200
    assert re.findall(r'class="upfile status-(\w+)"', preview.text) == ["failed"] * len(cases)
    for case in cases:
        assert case.says in preview.text, case.name
    assert "超过读取上限" in preview.text
    done = web.post(f"/import/batches/{str(preview.url).rstrip('/').rsplit('/', 1)[-1]}/confirm")
    assert done.status_code == 200
    assert store.forms() == []
