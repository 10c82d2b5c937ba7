"""The review cycle and its due dates as JSON (``/api/forms/{id}/cycle`` and
``/steps``, ``/api/todo``, ``/api/due-dates``): the service's role, scope and state
checks, the CSRF token and signing in, as every other route."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from access_support import EXAMPLES, TALENT, accounts_store, principal_of
from access_support import signed_in as _as
from jixiao.service import read_file
from jixiao.service.cycle import submit_form
from jixiao.store import Store
from jixiao.web import create_app
from web_client import WebClient


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with accounts_store(tmp_path, documents=False) as opened:
        yield opened


def _submitted(store: Store) -> int:
    form = read_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms[0]
    assert form.unit == TALENT
    return submit_form(store, principal_of(store, "talent_head"), form)


def test_the_cycle_through_the_api(store: Store) -> None:
    form_id = _submitted(store)
    head, hrss, finance = _as(store, "talent_head"), _as(store, "hrss"), _as(store, "finance")
    steps = f"/api/forms/{form_id}/steps"
    seen = hrss.get(f"/api/forms/{form_id}/cycle").json()
    assert seen["state"] == "submitted" and seen["state_label"] == "已提交"
    assert [s["step"] for s in seen["steps"]] == ["department_approve", "department_return"]
    assert [i["id"] for i in hrss.get("/api/todo").json()["items"]] == [form_id]
    assert finance.get("/api/todo").json()["total"] == 0
    refused = hrss.post(steps, json={"step": "return"})
    assert refused.status_code == 400 and "意见" in refused.json()["error"]["message"]
    cells = [{"field": "project", "comment": "名称不全"}]
    done = hrss.post(steps, json={"step": "return", "comment": "请修改", "cells": cells})
    assert done.json()["state"] == "department_returned"
    cycle = head.get(f"/api/forms/{form_id}/cycle").json()
    assert (
        cycle["comments"][0]["field"] == "project" and cycle["history"][-1]["comment"] == "请修改"
    )
    assert head.post(steps, json={"step": "submit"}).json()["state"] == "submitted"
    assert hrss.post(steps, json={"step": "approve"}).json()["step"] == "department_approve"
    assert finance.post(steps, json={"step": "通过"}).json()["step"] == "finance_approve"
    assert finance.post(steps, json={"step": "publish"}).json()["state_label"] == "已公开"


def test_role_scope_csrf_and_sign_in_are_checked(store: Store) -> None:
    form_id = _submitted(store)
    steps = f"/api/forms/{form_id}/steps"
    songjiang, auditor = _as(store, "songjiang"), _as(store, "auditor")
    assert songjiang.get(f"/api/forms/{form_id}/cycle").status_code == 404
    assert songjiang.post(steps, json={"step": "department_approve"}).status_code == 404
    assert auditor.post(steps, json={"step": "department_approve"}).status_code == 403
    assert auditor.post(steps, json={"step": "approve"}).status_code == 400  # none of its steps
    hrss = _as(store, "hrss")
    forged = hrss.post(steps, json={"step": "approve"}, headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    assert hrss.post(steps, json={"step": "x' OR 1=1 --"}).status_code == 400
    anonymous = WebClient(create_app(store))
    assert anonymous.get(f"/api/forms/{form_id}/cycle").status_code == 401
    assert anonymous.post(steps, json={"step": "approve"}).status_code in (401, 403)
    hrss.post("/logout")
    assert hrss.get(f"/api/forms/{form_id}/cycle").status_code == 401
    assert _as(store, "hrss").get(f"/api/forms/{form_id}/cycle").json()["state"] == "submitted"


def test_due_dates(store: Store) -> None:
    finance, head = _as(store, "finance"), _as(store, "talent_head")
    body = {"year": 2024, "kind": "target_declaration", "state": "submitted", "due": "2024-06-30"}
    assert head.post("/api/due-dates", json=body).status_code == 403
    assert finance.post("/api/due-dates", json=body).json()["due"] == "2024-06-30"
    assert head.get("/api/due-dates").json()["items"] == [body]
    bad = finance.post("/api/due-dates", json={**body, "state": "published"})
    assert bad.status_code == 400
    query = {k: body[k] for k in ("year", "kind", "state")}
    assert head.delete("/api/due-dates", params=query).status_code == 403
    assert finance.delete("/api/due-dates", params=query).json() == {"cleared": True}
    assert finance.get("/api/due-dates").json()["items"] == []
