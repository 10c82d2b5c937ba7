"""The 审核发现 page: groups by code, lazy items, links to cells, exports."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from jixiao.store import Store
from jixiao.web.routes.findings import finding_link


def test_groups_count_every_finding(client: TestClient, store: Store) -> None:
    html = client.get("/findings").text
    counts = Counter(f["code"] for f in store.findings())
    shown = dict(re.findall(r'id="code-(\w+)".*?<strong>(\d+)</strong> 条', html, re.S))
    assert {code: int(n) for code, n in shown.items()} == dict(counts)
    assert f"共 {sum(counts.values())} 条" in html


def test_severity_and_code_filters(client: TestClient, store: Store) -> None:
    html = client.get("/findings?severity=error").text
    errors = {f["code"] for f in store.findings(severity="error")}
    assert set(re.findall(r'id="code-(\w+)"', html)) == errors
    code = sorted(errors)[0]
    one = client.get(f"/findings?code={code}").text
    assert re.findall(r'id="code-(\w+)"', one) == [code]
    assert " open" in one  # a single group opens by itself
    few = min(
        {f["form_id"] for f in store.findings()}, key=lambda i: len(store.findings(form_ids=(i,)))
    )
    assert client.get(f"/findings?form={few}").text.count(" open\n") == len(
        {f["code"] for f in store.findings(form_ids=(few,))}
    )


def test_items_are_paged_and_link_to_cells(client: TestClient, store: Store) -> None:
    code, count = Counter(f["code"] for f in store.findings()).most_common(1)[0]
    html = client.get(f"/findings/items?code={code}&per_page=5").text
    assert html.count("<tr>") == 1 + 5  # header + 5 findings
    assert f"共 {count} 条" in html
    assert re.search(r'href="/forms/\d+#(row-\d+|field-[\w.]+)"', html) or "整张表" in html
    last = -(-count // 5)
    tail = client.get(f"/findings/items?code={code}&per_page=5&page={last}").text
    assert tail.count("<tr>") == 1 + count - 5 * (last - 1)


def test_finding_link_prefers_the_cell() -> None:
    assert finding_link({"form_id": 7, "field": "indicators.2.score", "row": 2}) == (
        "/forms/7#field-indicators.2.score"
    )
    assert finding_link({"form_id": 7, "field": "indicators", "row": 2}) == "/forms/7#row-2"
    assert finding_link({"form_id": 7, "field": "grade", "row": None}) == "/forms/7#field-grade"
    assert finding_link({"form_id": 7, "field": None, "row": None}) == "/forms/7"


def test_field_labels_are_chinese(client: TestClient, store: Store) -> None:
    row = next(f for f in store.findings() if f["field"] and f["field"].startswith("funds."))
    html = client.get(f"/findings/items?code={row['code']}&form={row['form_id']}").text
    assert "年度资金总额" in html or "当年财政拨款" in html


def test_export_csv_has_only_matching_findings(client: TestClient, store: Store) -> None:
    response = client.get("/findings/export.csv?severity=warning")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["编号", "项目名称", "实施单位", "年度", "代码"]
    assert len(rows) - 1 == len(store.findings(severity="warning"))
    assert {r[5] for r in rows[1:]} == {"警告"}


def test_export_xlsx_is_the_findings_sheet(client: TestClient, store: Store) -> None:
    response = client.get("/findings/export.xlsx?code=Q")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["审核发现"]
    sheet = workbook["审核发现"]
    assert sheet.max_row - 1 == len(store.findings(code="Q"))


def test_unknown_export_format(client: TestClient) -> None:
    response = client.get("/findings/export.pdf")
    assert response.status_code == 404
    assert "不支持的导出格式" in response.text


def test_empty_state(empty_client: TestClient) -> None:
    assert "没有审核发现" in empty_client.get("/findings").text
