"""The review cycle over the web: submit from 填报, 待办, steps with comments; each user
only what the role and scope allow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from access_support import EXAMPLES, TALENT, accounts_store
from access_support import signed_in as _as
from jixiao.service import read_file
from jixiao.store import Store
from jixiao.web.fill_form import fields_from_form


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with accounts_store(tmp_path, documents=False) as opened:
        yield opened


def _fields() -> dict[str, str]:
    form = read_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    assert form.unit == TALENT
    return {"kind": form.kind, **fields_from_form(form)}


def test_submit_return_resubmit_approve_publish(store: Store) -> None:
    head, hrss, finance = _as(store, "talent_head"), _as(store, "hrss"), _as(store, "finance")
    submitted = head.post("/fill/submit", data=_fields(), follow_redirects=False)
    assert submitted.status_code == 303
    url = submitted.headers["location"]
    form_id = int(url.rsplit("/", 1)[1])
    assert "已提交" in head.get(f"{url}/cycle").text
    assert f'href="/forms/{form_id}"' in hrss.get("/todo").text
    assert f'href="/forms/{form_id}"' not in finance.get("/todo").text
    steps = f"{url}/steps"
    assert hrss.post(steps, data={"step": "department_return"}).status_code == 400
    assert hrss.post(steps, data={"step": "department_return", "comment": "目标值偏低"}).is_success
    panel = head.get(f"{url}/cycle").text
    assert "主管部门退回" in panel and "目标值偏低" in panel
    assert head.post(steps, data={"step": "submit", "comment": "已修改"}).is_success
    assert hrss.post(steps, data={"step": "department_approve"}).is_success
    assert finance.post(steps, data={"step": "finance_approve"}).is_success
    assert finance.post(steps, data={"step": "publish"}).is_success
    assert "已公开" in hrss.get(f"{url}/cycle").text


def test_steps_outside_role_or_scope_are_refused(store: Store) -> None:
    head = _as(store, "talent_head")
    form_id = int(
        head.post("/fill/submit", data=_fields(), follow_redirects=False)
        .headers["location"]
        .rsplit("/", 1)[1]
    )
    steps = f"/forms/{form_id}/steps"
    assert _as(store, "talent").post("/fill/submit", data=_fields()).status_code == 403
    assert (
        _as(store, "songjiang").post(steps, data={"step": "department_approve"}).status_code == 404
    )
    assert _as(store, "songjiang").get(f"/forms/{form_id}/cycle").status_code == 404
    assert _as(store, "auditor").post(steps, data={"step": "department_approve"}).status_code == 403
    assert _as(store, "finance").post(steps, data={"step": "publish"}).status_code == 400
    assert head.post(steps, data={"step": "nonsense"}).status_code == 400
    other = {**_fields(), "unit": "上海市松江区人才服务中心"}
    assert head.post("/fill/submit", data=other).status_code == 403
