"""The official PDF / Word downloads of the web: a form's, and a department's forms as one
PDF or a zip; content types, Chinese file names (RFC 5987), the links on 表单详情."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from jixiao.store import Store
from jixiao.web import create_app
from publishing_support import DEPARTMENT, bundle_job, fill_store
from support import LOCAL
from web_client import WebClient


@pytest.fixture
def filled(empty_store: Store) -> Iterator[tuple[TestClient, dict[str, list[int]]]]:
    ids = fill_store(empty_store)
    with WebClient(create_app(empty_store), base_url=LOCAL) as client:
        yield client, ids


def test_form_pdf_and_word(filled: tuple[TestClient, dict[str, list[int]]]) -> None:
    client, ids = filled
    fid = ids["2024"][0]
    pdf = client.get(f"/forms/{fid}/official.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    disposition = pdf.headers["content-disposition"]
    assert disposition.startswith(f'attachment; filename="form-{fid}.pdf"; ')
    assert f"filename*=UTF-8''{quote('2024-')}" in disposition
    assert quote(f"-{fid}.pdf") in disposition
    word = client.get(f"/forms/{fid}/official.docx")
    assert word.status_code == 200
    assert word.headers["content-type"].endswith("wordprocessingml.document")
    with zipfile.ZipFile(io.BytesIO(word.content)) as archive:
        assert "填报人：" in archive.read("word/document.xml").decode()
    assert client.get(f"/forms/{fid}/official.exe").status_code == 404
    assert client.get("/forms/999999/official.pdf").status_code == 404


def test_department_zip_holds_exactly_its_forms(
    filled: tuple[TestClient, dict[str, list[int]]],
) -> None:
    client, ids = filled
    got = bundle_job(client, DEPARTMENT, "2024", "zip-docx")
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    assert quote(f"2024-{DEPARTMENT}-绩效表.zip") in got.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(got.content)) as archive:
        names = archive.namelist()
    assert sorted(int(n.rsplit("-", 1)[1].removesuffix(".docx")) for n in names) == ids["2024"]


def test_department_one_pdf_and_bad_requests(
    filled: tuple[TestClient, dict[str, list[int]]],
) -> None:
    client, _ = filled
    got = bundle_job(client, DEPARTMENT)
    assert got.status_code == 200 and got.content.startswith(b"%PDF")
    jobs = "/departments/official/jobs"
    bad = {"department": DEPARTMENT, "format": "rar"}
    assert client.post(jobs, data=bad).status_code == 422
    bad_year = {"department": DEPARTMENT, "year": "二〇二四"}
    assert client.post(jobs, data=bad_year).status_code == 422
    assert client.post(jobs, data={"department": " "}).status_code == 400
    none = bundle_job(client, "没有这个部门")
    assert 'data-status="failed"' in none.text and "没有没有这个部门可下载的表单" in none.text
    assert client.get("/departments/official", params={"department": DEPARTMENT}).status_code in (
        404,
        405,
    )  # nothing is built on the request any more
    assert client.get(f"{jobs}/{'0' * 32}").status_code == 404
    assert client.get(f"{jobs}/../../etc").status_code == 404


def test_form_page_links_the_downloads(filled: tuple[TestClient, dict[str, list[int]]]) -> None:
    client, ids = filled
    fid = ids["2024"][0]
    html = client.get(f"/forms/{fid}").text
    assert f'href="/forms/{fid}/official.pdf"' in html
    assert f'href="/forms/{fid}/official.docx"' in html
    assert 'action="/departments/official/jobs"' in html
    assert f'name="department" value="{DEPARTMENT}"' in html
    for fmt in ("pdf", "zip-pdf", "zip-docx"):
        assert f'name="format" value="{fmt}"' in html
