"""A small store for the download tests: forms of one department in two years, and of a
department whose name contains the first one's (which a department download must leave
out)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from jixiao.parse import parse_file
from jixiao.store import DocumentInfo, Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
DEPARTMENT = "上海市人力资源和社会保障局"
WIDER = "上海市人力资源和社会保障局直属机构"


def fill_store(store: Store) -> dict[str, list[int]]:
    """Save four forms (two of DEPARTMENT in 2024, one in 2023, one of WIDER in 2024);
    the ids of each group: ``2024``, ``2023``, ``wider``."""
    forms = list(parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms)[:4]
    assert {f.department for f in forms} == {DEPARTMENT}
    groups = {
        "2024": forms[:2],
        "2023": [forms[2].model_copy(update={"year": 2023})],
        "wider": [forms[3].model_copy(update={"department": WIDER})],
    }
    ids: dict[str, list[int]] = {}
    for n, (name, group) in enumerate(groups.items()):
        store.save_forms(group, DocumentInfo(file_name=f"{name}.txt", content_hash=f"{n}" * 64))
        ids[name] = [r["id"] for r in store.forms(file=f"{name}.txt")]
    return ids


def bundle_job(client: Any, department: str, year: str | None = None, fmt: str = "pdf") -> Any:
    """Start a department's bundle as the page does, wait for it on its status page and
    download it: the status page's response when it failed, else the file's."""
    data = {"department": department, "format": fmt, **({"year": year} if year else {})}
    started = client.post("/departments/official/jobs", data=data, follow_redirects=False)
    if started.status_code != 303:
        return started
    status_url = started.headers["location"]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = client.get(status_url)
        if 'data-status="failed"' in status.text:
            return status
        if 'data-status="done"' in status.text:
            assert f'href="{status_url}/file"' in status.text
            return client.get(f"{status_url}/file")
        assert 'http-equiv="refresh"' in status.text  # the page polls while it waits
        time.sleep(0.1)
    raise AssertionError("the bundle was not built in time")
