"""An uploaded file keeps its own name as its path, and its 原文 after the staging
folder is gone (the lines are in the database)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from jixiao.store import Store

SEED = Path(__file__).resolve().parents[2] / "examples" / "000_52d2d39b8e94208b.txt"


def test_an_upload_shows_its_source_after_staging_is_gone(
    empty_client: TestClient, empty_store: Store
) -> None:
    preview = empty_client.post("/import", files=[("files", (SEED.name, SEED.read_bytes()))])
    token = str(preview.url).rstrip("/").rsplit("/", 1)[-1]
    assert empty_client.post(f"/import/batches/{token}/confirm").status_code == 200
    (doc,) = empty_store.documents()
    assert doc["path"] == SEED.name and doc["file_name"] == SEED.name
    stored = next(empty_store.iter_stored())
    first, last = stored.form.source.lines
    source = empty_client.get(f"/forms/{stored.id}/source").text
    lines = SEED.read_text("utf-8").splitlines()
    assert f'id="line-{first}"' in source and f'id="line-{last}"' in source
    assert lines[first - 1].split()[0] in source
    assert "无法显示原文" not in source and "已不在" not in source
