"""The 表单 page: filters in the URL, HTMX partials, sorting, paging, badges."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from jixiao.store import Store
from jixiao.web.params import Paging
from jixiao.web.routes.forms_list import pager_links

_ROW = re.compile(r'<tr id="form-(\d+)">')


def _ids(html: str) -> list[int]:
    return [int(i) for i in _ROW.findall(html)]


def test_page_lists_forms_with_navigation_and_filters(client: TestClient, store: Store) -> None:
    response = client.get("/forms")
    assert response.status_code == 200
    html = response.text
    assert "<title>表单 · jixiao 绩效</title>" in html
    assert 'aria-current="page">表单</a>' in html
    for label in ("年度", "主管部门", "实施单位", "类型", "评分等级", "审核发现代码", "全文搜索"):
        assert f"<label>{label}" in html
    assert _ids(html) == store.form_ids()[:50]
    assert "第 1 / 2 页" in html


def test_filters_match_the_store(client: TestClient, store: Store) -> None:
    for query, kw in (
        ("year=2023", {"year": 2023}),
        ("unit=就业", {"unit": "就业"}),
        ("kind=legacy_self_evaluation", {"kind": "legacy_self_evaluation"}),
        ("search=培训", {"search": "培训"}),
        ("code=q001", {"code": "Q001"}),
        ("year=2024&grade=优", {"year": 2024, "grade": "优"}),
    ):
        html = client.get(f"/forms?{query}&per_page=200").text
        expected = store.form_ids(**kw)  # type: ignore[arg-type]
        assert expected, query
        assert sorted(_ids(html)) == expected, query
        assert f"符合条件的表单 <strong>{len(expected)}</strong> 张" in html


def test_empty_filter_values_mean_any(client: TestClient, store: Store) -> None:
    html = client.get("/forms?year=&unit=&kind=&per_page=200").text
    assert sorted(_ids(html)) == store.form_ids()


def test_htmx_request_gets_only_the_results(client: TestClient) -> None:
    response = client.get("/forms?year=2019", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "<html" not in response.text and "<form" not in response.text
    assert len(_ids(response.text)) == 9
    restore = client.get(
        "/forms?year=2019", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.text


def test_sorting_by_column(client: TestClient, store: Store) -> None:
    html = client.get("/forms?sort=-total_score&per_page=200").text
    ids = _ids(html)
    by_id = {r["id"]: r for r in store.forms()}
    scores = [by_id[i]["total_score"] for i in ids if by_id[i]["total_score"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert 'class="sort desc"' in html
    # the header of the sorted column now links to the opposite order
    assert 'href="/forms?sort=total_score&amp;per_page=200"' in html


def test_paging(client: TestClient, store: Store) -> None:
    ids = store.form_ids()
    second = client.get("/forms?page=2&per_page=20").text
    assert _ids(second) == ids[20:40]
    assert 'href="/forms?page=3&amp;per_page=20"' in second
    assert "第 2 / 5 页" in second


def test_pager_links_have_gaps() -> None:
    assert pager_links(Paging(1, 10), 95) == [1, 2, 3, None, 10]
    assert pager_links(Paging(6, 10), 95) == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert pager_links(Paging(1, 10), 0) == [1]


def test_reported_above_computed_is_highlighted(client: TestClient, store: Store) -> None:
    lenient = [
        r["id"]
        for r in store.forms()
        if r["total_score"] is not None
        and r["computed_total"] is not None
        and r["total_score"] > r["computed_total"]
    ]
    html = client.get("/forms?lenient=true&per_page=200").text
    assert sorted(_ids(html)) == lenient
    assert html.count('class="num over"') == len(lenient)


def test_finding_badges_link_to_findings(client: TestClient, store: Store) -> None:
    row = next(r for r in store.forms() if r["warnings"])
    html = client.get(f"/forms?per_page=200&search={row['project']}").text
    assert f'href="/findings?form={row["id"]}&amp;severity=warning"' in html
    assert f"警告 {row['warnings']}" in html


def test_empty_states(client: TestClient, empty_client: TestClient) -> None:
    assert "没有符合条件的表单" in client.get("/forms?search=不存在的项目名称").text
    assert "数据库中还没有表单" in empty_client.get("/forms").text


def test_bad_filter_is_a_chinese_error_page(client: TestClient) -> None:
    response = client.get("/forms?year=abc")
    assert response.status_code == 422
    assert "年度应为整数" in response.text


def test_filter_choices_follow_the_data(empty_store: Store) -> None:
    from jixiao.service import collect_files, run_import
    from jixiao.store.stats import facets

    examples = Path(__file__).resolve().parents[2] / "examples"
    assert facets(empty_store)["years"] == []
    run_import(empty_store, collect_files([examples / "004_30fc85b3e2ff877a.txt"]), jobs=1)
    assert facets(empty_store)["years"] == [2020]
    run_import(empty_store, collect_files([examples / "001_5643fb32fc07280b.txt"]), jobs=1)
    assert facets(empty_store)["years"] == [2020, 2019]


def test_the_gap_column_sorts_the_lenient_first(client: TestClient, store: Store) -> None:
    html = client.get("/forms?sort=-score_gap&per_page=200").text
    assert ">自评−复核</a>" in html
    by_id = {r["id"]: r for r in store.forms()}
    gaps = [by_id[i]["score_gap"] for i in _ids(html)]
    known = [g for g in gaps if g is not None]
    assert known and known == sorted(known, reverse=True)
    assert gaps[: len(known)] == known  # forms without a computed total last
    top = known[0]
    assert top > 0 and f"+{top:f}" in html


def test_the_filtered_list_downloads_as_csv_and_xlsx(client: TestClient, store: Store) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    wanted = store.forms(year=2024, lenient=True)
    assert wanted
    response = client.get("/forms/export.csv?year=2024&lenient=true")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert "自评−复核" in header and "项目名称" in header
    gaps = sorted(row[header.index("自评−复核")] for row in rows[1:])
    assert gaps == sorted(f"{r['score_gap']:f}" for r in wanted)  # exact digits in csv

    response = client.get("/forms/export.xlsx?year=2024&lenient=true")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["汇总"]
    assert book["汇总"].max_row - 1 == len(wanted)
    assert client.get("/forms/export.pdf").status_code == 404
    html = client.get("/forms?year=2024&lenient=true").text
    assert 'href="/forms/export.xlsx?year=2024&amp;lenient=true"' in html
