"""Governing stored data over the web: withdraw / restore / purge, undo a run, correct a
cell, the audit log and its export, the duplicate choice at upload — each checked by
role and scope in the service, each POST refused without the CSRF token."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from access_support import PASSWORD, USERS, accounts_store
from jixiao.render.docx import docx_bytes
from jixiao.service import check_file, run_import
from jixiao.store import Store
from jixiao.web import create_app
from web_client import WebClient

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SMALL = EXAMPLES / "004_30fc85b3e2ff877a.txt"
LEGACY = EXAMPLES / "001_5643fb32fc07280b.txt"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with accounts_store(tmp_path, documents=False) as opened:
        run_import(opened, [SMALL, LEGACY], jobs=1)
        yield opened


def _as(store: Store, name: str) -> WebClient:
    client = WebClient(create_app(store))
    done = client.post(
        "/login", data={"username": name, "password": PASSWORD}, follow_redirects=False
    )
    assert done.status_code == 303
    return client


def _document(store: Store, name: str) -> int:
    return next(d["id"] for d in store.documents() if d["file_name"] == name)


def test_withdraw_and_restore_a_document(store: Store) -> None:
    finance, auditor = _as(store, "finance"), _as(store, "auditor")
    doc = _document(store, SMALL.name)
    assert "数据管理" in finance.get("/").text and "数据管理" not in auditor.get("/").text
    assert auditor.get("/manage").status_code == 403
    assert auditor.post(f"/documents/{doc}/withdraw", data={"reason": "x"}).status_code == 403
    assert finance.post(f"/documents/{doc}/withdraw", data={"reason": " "}).status_code == 400
    done = finance.post(f"/documents/{doc}/withdraw", data={"reason": "误传"})
    assert done.is_success and f'id="withdrawn-{doc}"' in done.text
    assert store.count_forms() == 9
    hidden = store.form_ids(include="withdrawn")[0]
    panel = finance.get(f"/forms/{hidden}/governance").text
    assert "已撤回" in panel and "所在的文件已撤回" in panel
    assert finance.post(f"/documents/{doc}/restore").is_success
    assert store.count_forms() == 13
    log = auditor.get("/log", params={"document": doc}).text
    assert "误传" in log and "撤回" in log and "恢复" in log


def test_purge_is_for_administrators(store: Store) -> None:
    finance, admin = _as(store, "finance"), _as(store, "admin")
    doc = _document(store, SMALL.name)
    finance.post(f"/documents/{doc}/withdraw", data={"reason": "作废"})
    assert finance.post(f"/documents/{doc}/purge").status_code == 403
    assert admin.post(f"/documents/{doc}/purge").is_success
    assert store.document(doc) is None


def test_undo_a_run(store: Store, tmp_path: Path) -> None:
    copy = tmp_path / "again.docx"
    copy.write_bytes(docx_bytes(list(check_file(str(SMALL)).forms)))
    from jixiao.model.governance import DuplicatePolicy

    report = run_import(store, [copy], jobs=1, on_duplicate=DuplicatePolicy.VERSION)
    before = store.form_ids()
    finance, songjiang = _as(store, "finance"), _as(store, "songjiang")
    page = finance.get("/manage").text
    assert f'action="/runs/{report.run_id}/undo"' in page
    assert songjiang.post(f"/runs/{report.run_id}/undo").status_code == 403
    assert finance.post(f"/runs/{report.run_id}/undo").is_success
    after = store.form_ids()
    assert len(after) == len(before) == 13 and set(after) != set(before)


def test_correct_a_cell_on_the_form_page(store: Store) -> None:
    form_id = next(s.id for s in store.iter_stored() if s.form.kind == "legacy_self_evaluation")
    reviewer, filler = _as(store, "finance"), _as(store, "talent")
    panel = reviewer.get(f"/forms/{form_id}/governance")
    assert panel.is_success and 'name="field"' in panel.text and "当前版本" in panel.text
    data = {"field": "total_score", "value": "60", "reason": "合计读错"}
    assert filler.post(f"/forms/{form_id}/corrections", data=data).status_code in (403, 404)
    done = reviewer.post(f"/forms/{form_id}/corrections", data=data)
    assert done.is_success
    panel = reviewer.get(f"/forms/{form_id}/governance").text
    assert "原读值" in panel and ">94<" in panel.replace(" ", "")
    assert str(store.load_form(form_id).total_score) == "60"
    bad = reviewer.post(f"/forms/{form_id}/corrections", data={"field": "source", "value": "x"})
    assert bad.status_code == 400


def test_the_log_page_and_its_exports(store: Store) -> None:
    auditor, finance = _as(store, "auditor"), _as(store, "finance")
    assert finance.get("/log").status_code == 403
    page = auditor.get("/log", params={"action": "import"})
    assert page.is_success and SMALL.name in page.text
    assert auditor.get("/log", params={"action": "nope"}).status_code == 400
    assert auditor.get("/log", params={"since": "2024/01/01"}).status_code == 400
    body = auditor.get("/log.csv", params={"action": "import"})
    rows = list(csv.reader(io.StringIO(body.content.decode("utf-8-sig"))))
    assert rows[0][0].startswith("时间") and len(rows) == 3
    sheet = load_workbook(io.BytesIO(auditor.get("/log.xlsx").content)).active
    # a header, the two imports and the fixture's accounts (each logged as added)
    assert sheet is not None and sheet.max_row == 3 + len(USERS)
    assert auditor.get("/log.pdf").status_code == 404


def test_every_post_needs_the_csrf_token(store: Store) -> None:
    finance = _as(store, "finance")
    doc = _document(store, SMALL.name)
    for url in (f"/documents/{doc}/withdraw", "/forms/1/corrections", "/runs/1/undo"):
        refused = finance.post(
            url, data={"reason": "x", "field": "project"}, headers={"X-CSRF-Token": ""}
        )
        assert refused.status_code == 403, url
    assert store.count_forms() == 13


def test_upload_asks_per_duplicate_form(store: Store) -> None:
    finance = _as(store, "finance")
    body = docx_bytes(list(check_file(str(SMALL)).forms))
    preview = finance.post("/import", files=[("files", ("再次.docx", body, "application/zip"))])
    assert preview.is_success
    choices = re.findall(r'<select name="(dup-\d+-\d+)" form="confirm-form"', preview.text)
    assert len(choices) == 4
    token = str(preview.url).rstrip("/").rsplit("/", 1)[-1]
    data = {choices[0]: "version", choices[1]: "replace"}  # the other two: skip
    done = finance.post(f"/import/batches/{token}/confirm", data=data)
    assert done.is_success
    assert store.count_forms() == 13 and store.count_forms(include="all") == 15
    kinds = {e["action"] for e in store.change_log()[0]}
    assert {"version", "replace"} <= kinds


def test_upload_asks_for_forms_repeated_inside_the_upload(store: Store, tmp_path: Path) -> None:
    """Two files of one upload repeating each other (and a file repeating its own form):
    the same choice per form as a duplicate of a stored form, applied at import."""
    finance = _as(store, "finance")
    other = EXAMPLES / "000_52d2d39b8e94208b.txt"  # not stored yet
    forms = list(check_file(str(other)).forms)
    first = ("新.txt", other.read_bytes(), "text/plain")
    again = ("新-副本.docx", docx_bytes([forms[0], forms[1], forms[0]]), "application/zip")
    preview = finance.post("/import", files=[("files", first), ("files", again)])
    assert preview.is_success
    choices = re.findall(r'<select name="(dup-\d+-\d+)" form="confirm-form"', preview.text)
    assert choices == ["dup-1-0", "dup-1-1", "dup-1-2"]
    assert "与本批「新.txt」第 1 张表相同" in preview.text
    token = str(preview.url).rstrip("/").rsplit("/", 1)[-1]
    before = store.count_forms()
    data = {"dup-1-0": "version", "dup-1-2": "replace"}  # dup-1-1: skip
    assert finance.post(f"/import/batches/{token}/confirm", data=data).is_success
    assert store.count_forms() == before + len(forms)
    assert store.count_forms(include="all") == before + len(forms) + 2
    newest = max(store.form_ids())
    chain = [v["id"] for v in store.versions(newest)]
    assert len(chain) == 3 and chain[-1] == newest  # the .txt form, its version, its replacement
    actions = [e["action"] for e in store.change_log()[0] if e["action"] in ("version", "replace")]
    assert sorted(actions) == ["replace", "version"]
