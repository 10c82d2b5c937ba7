"""The JSON API: every route, its filters and paging, and the error envelope."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient

from jixiao.model.jsonio import loads
from jixiao.store import Store


def _json(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def test_forms_are_paged(client: TestClient, store: Store) -> None:
    total = len(store.forms())
    first = _json(client, "/api/forms?per_page=10")
    assert (first["total"], first["page"], first["per_page"]) == (total, 1, 10)
    assert len(first["items"]) == 10
    last_page = -(-total // 10)
    last = _json(client, f"/api/forms?per_page=10&page={last_page}")
    assert len(last["items"]) == total - 10 * (last_page - 1)
    ids = [i["id"] for i in first["items"]] + [i["id"] for i in last["items"]]
    assert len(set(ids)) == len(ids)
    beyond = _json(client, f"/api/forms?per_page=10&page={last_page + 1}")
    assert beyond["items"] == [] and beyond["total"] == total


def test_forms_filters_match_the_store(client: TestClient, store: Store) -> None:
    for query, kw in (
        ("year=2019", {"year": 2019}),
        ("unit=人才", {"unit": "人才"}),
        ("kind=target_declaration", {"kind": "target_declaration"}),
        ("grade=优", {"grade": "优"}),
        ("search=网络", {"search": "网络"}),
        ("code=Q", {"code": "Q"}),
    ):
        data = _json(client, f"/api/forms?per_page=200&{query}")
        expected = [r["id"] for r in store.forms(**kw)]  # type: ignore[arg-type]
        assert data["total"] == len(expected) > 0, query
        assert sorted(i["id"] for i in data["items"]) == sorted(expected), query


def test_forms_sort(client: TestClient) -> None:
    rows = _json(client, "/api/forms?per_page=200&sort=-total_score")["items"]
    scores = [Decimal(str(r["total_score"])) for r in rows if r["total_score"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert rows[-1]["total_score"] is None or all(r["total_score"] is not None for r in rows)
    years = [r["year"] for r in _json(client, "/api/forms?per_page=200&sort=year")["items"]]
    assert years == sorted(years)


def test_decimals_keep_their_printed_digits(client: TestClient) -> None:
    text = client.get("/api/forms?per_page=1").text
    assert '"total_weight": 100.00' in text


def test_one_form_is_the_interchange_format(client: TestClient, store: Store) -> None:
    form_id = store.form_ids()[0]
    data = _json(client, f"/api/forms/{form_id}")
    assert data["id"] == form_id
    assert {"form", "score", "file_name", "imported_at"} <= set(data)
    raw = client.get(f"/api/forms/{form_id}").text
    start = raw.index('"form": ') + len('"form": ')
    form_json = _form_object(raw, start)
    assert loads(f"[{form_json}]") == [store.load_form(form_id)]


def _form_object(text: str, start: int) -> str:
    depth = 0
    in_string = escaped = False
    for i in range(start, len(text)):
        ch = text[i]
        if in_string:
            escaped = ch == "\\" and not escaped
            if ch == '"' and not escaped:
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start : i + 1]
    raise AssertionError("unterminated object")


@pytest.mark.parametrize(
    ("url", "status", "code", "field"),
    [
        ("/api/forms/999999", 404, "not_found", None),
        ("/api/forms/abc", 422, "validation", "form_id"),
        ("/api/forms?year=二〇二四", 422, "validation", "year"),
        ("/api/forms?page=0", 422, "validation", "page"),
        ("/api/forms?per_page=201", 422, "validation", "per_page"),
        ("/api/forms?sort=nonsense", 422, "validation", "sort"),
        ("/api/forms?kind=invoice", 422, "validation", "kind"),
        ("/api/forms?lenient=maybe", 422, "validation", "lenient"),
        ("/api/findings?severity=fatal", 422, "validation", "severity"),
        ("/api/findings?form=x", 422, "validation", "form"),
        ("/api/stats?year=x", 422, "validation", "year"),
        ("/api/indicators?per_page=0", 422, "validation", "per_page"),
    ],
)
def test_errors_share_one_envelope(
    client: TestClient, url: str, status: int, code: str, field: str | None
) -> None:
    data = _json(client, url, status)
    assert set(data) == {"error"}
    error = data["error"]
    assert error["code"] == code
    assert error["message"] and not error["message"].isascii()
    if field is not None:
        assert [d["field"] for d in error["details"]] == [field]


def test_method_not_allowed_is_an_envelope(client: TestClient) -> None:
    data = _json(client, "/api/forms", 200)
    assert data["total"] > 0
    response = client.post("/api/forms")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_findings_filters(client: TestClient, store: Store) -> None:
    everything = _json(client, "/api/findings?per_page=200")
    assert everything["total"] == len(store.findings())
    warnings = _json(client, "/api/findings?severity=warning&per_page=200")
    assert warnings["total"] > 0
    assert {f["severity"] for f in warnings["items"]} == {"warning"}
    form_id = warnings["items"][0]["form_id"]
    one = _json(client, f"/api/findings?form={form_id}&per_page=200")
    assert {f["form_id"] for f in one["items"]} == {form_id}
    assert one["total"] == len(store.findings(form_ids=(form_id,)))
    code = warnings["items"][0]["code"]
    by_code = _json(client, f"/api/findings?code={code.lower()}&per_page=200")
    assert {f["code"] for f in by_code["items"]} == {code}


def test_findings_pages_cover_all(client: TestClient) -> None:
    total = _json(client, "/api/findings?per_page=1")["total"]
    seen = []
    page = 1
    while len(seen) < total:
        items = _json(client, f"/api/findings?per_page=50&page={page}")["items"]
        assert items
        seen += [(f["form_id"], f["position"]) for f in items]
        page += 1
    assert len(set(seen)) == total


def test_indicators(client: TestClient, store: Store) -> None:
    data = _json(client, "/api/indicators?year=2019&per_page=5")
    assert data["total"] == len(store.indicators(year=2019)) > 0
    assert len(data["items"]) == 5
    assert all(i["year"] == 2019 and "row" in i for i in data["items"])


def test_stats(client: TestClient, store: Store) -> None:
    data = _json(client, "/api/stats")
    total = len(store.forms())
    assert data["forms"] == total
    for key in ("by_year", "by_grade", "by_kind", "by_computed_grade"):
        assert sum(e["count"] for e in data[key]) == total, key
    assert sum(e["count"] for e in data["findings_by_code"]) == len(store.findings())
    assert sum(e["count"] for e in data["findings_by_severity"]) == len(store.findings())
    with_total = [r for r in store.forms() if r["total_score"] is not None]
    assert len(data["points"]) == len(with_total)
    filtered = _json(client, "/api/stats?year=2019&points=false")
    assert filtered["forms"] == len(store.forms(year=2019))
    assert "points" not in filtered


def test_codes(client: TestClient) -> None:
    codes = _json(client, "/api/codes")
    assert {"P001", "A001"} <= {c["code"] for c in codes}
    assert all(c["severity"] in ("error", "warning", "info") for c in codes)


def test_openapi_lists_the_api_with_chinese_tags(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/forms", "/api/forms/{form_id}", "/api/findings", "/api/indicators"):
        assert path in paths
    assert paths["/api/forms"]["get"]["tags"] == ["表单"]
    assert paths["/api/stats"]["get"]["summary"] == "统计"
    for path in ("/api/forms", "/api/findings", "/api/stats"):
        responses = paths[path]["get"]["responses"]
        envelope = responses["422"]["content"]["application/json"]["schema"]["$ref"]
        assert envelope == "#/components/schemas/ErrorEnvelope"
        assert responses["200"]["description"] == "成功"


def test_json_numbers_are_exact() -> None:
    import json
    from datetime import UTC, datetime
    from enum import StrEnum

    from jixiao.web.jsonresponse import dumps_exact

    class Colour(StrEnum):
        RED = "red"

    value = {
        "money": Decimal("1220.10"),
        "negative": Decimal("-0.5"),
        "big": Decimal("12345678901234567890.123"),
        "text": 'a "quoted" 1.5 and 中文',
        "enum": Colour.RED,
        "when": datetime(2024, 3, 5, tzinfo=UTC),
        "nested": [(Decimal("1.0"), None, True, 3)],
    }
    text = dumps_exact(value)
    assert '"money": 1220.10' in text and '"negative": -0.5' in text
    assert "12345678901234567890.123" in text
    back = json.loads(text, parse_float=Decimal)
    assert back["money"] == Decimal("1220.10") and back["text"] == value["text"]
    assert back["enum"] == "red" and back["when"] == "2024-03-05T00:00:00+00:00"
    assert back["nested"] == [[Decimal("1.0"), None, True, 3]]
    with pytest.raises(ValueError):
        dumps_exact({"x": Decimal("NaN")})
