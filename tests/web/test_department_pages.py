"""The department forms and a target's 中长期 block in the web application and the
exports: filters, list, detail (official layout), findings, statistics, downloads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from jixiao.export import ExportFormat, export_forms
from jixiao.model import DepartmentTargetDeclaration
from jixiao.parse import parse_file
from jixiao.service import collect_files, run_import
from jixiao.store import DocumentInfo, Store, open_store
from jixiao.web import create_app
from support import LOCAL
from web_client import WebClient

INPUTS = Path(__file__).resolve().parents[1] / "department" / "inputs"


@pytest.fixture(scope="module")
def dept_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The department inputs, and a department target whose tasks do not add up (A010)."""
    path = tmp_path_factory.mktemp("dept") / "dept.db"
    with open_store(str(path)) as store:
        run_import(store, collect_files([INPUTS]), jobs=1)
        (target,) = parse_file(INPUTS / "02_dept_target.html").forms
        assert isinstance(target, DepartmentTargetDeclaration)
        task = target.tasks[0].model_copy(update={"total": Decimal("330.00")})
        broken = target.model_copy(
            update={"tasks": (task, *target.tasks[1:]), "department": "另一个人社局"}
        )
        from jixiao.audit import review

        (item,) = review([broken])
        store.save_forms(
            [item.published()], DocumentInfo(file_name="坏.html", content_hash="f" * 64)
        )
        yield store


@pytest.fixture(scope="module")
def dept_client(dept_store: Store) -> Iterator[TestClient]:
    with WebClient(create_app(dept_store), base_url=LOCAL) as client:
        yield client


def _id(store: Store, kind: str, department: str = "某市人力资源和社会保障局") -> int:
    rows = [r for r in store.forms(kind=kind) if r["department"] == department]
    return int(rows[0]["id"])


def test_kind_filter_and_list_name_the_department(dept_client: TestClient) -> None:
    page = dept_client.get("/forms", params={"kind": "department_self_evaluation"})
    assert page.status_code == 200
    assert "部门整体支出绩效自评表" in page.text
    assert "某市人力资源和社会保障局" in page.text
    assert "公共实训基地建设" not in page.text
    everything = dept_client.get("/forms").text
    assert '<option value="department_target_declaration"' in everything
    assert "部门整体支出绩效目标表" in everything


def test_department_self_evaluation_detail(dept_client: TestClient, dept_store: Store) -> None:
    fid = _id(dept_store, "department_self_evaluation")
    page = dept_client.get(f"/forms/{fid}")
    assert page.status_code == 200
    text = page.text
    assert "<h1>某市人力资源和社会保障局</h1>" in text
    assert "部门（单位）名称" in text and "年度主要任务" in text and "按支出性质分" in text
    assert "自评总分 / 复核总分" in text and "97.40" in text
    assert "同一部门的其他表单" in text  # its target declaration


def test_department_target_detail_is_not_scored(dept_client: TestClient, dept_store: Store) -> None:
    fid = _id(dept_store, "department_target_declaration")
    text = dept_client.get(f"/forms/{fid}").text
    assert "目标表不评分" in text and "自评总分 / 复核总分" not in text
    assert "金额合计" in text and "指标值（包含数字及文字描述）" in text


def test_long_term_block_on_the_target_page(dept_client: TestClient, dept_store: Store) -> None:
    (row,) = [
        r for r in dept_store.forms(kind="target_declaration") if r["project"] == "公共实训基地建设"
    ]
    text = dept_client.get(f"/forms/{row['id']}").text
    assert "中长期绩效目标" in text and "年培训能力" in text


def test_finding_of_a_department_form_is_listed_and_placed(
    dept_client: TestClient, dept_store: Store
) -> None:
    page = dept_client.get("/findings/items", params={"code": "A010"})
    assert page.status_code == 200
    assert "另一个人社局" in page.text and "金额合计·总额" in page.text
    fid = _id(dept_store, "department_target_declaration", "另一个人社局")
    detail = dept_client.get(f"/forms/{fid}").text
    assert "A010" in detail and "年度主要任务金额合计不符" in detail


def test_statistics_count_the_department_kinds(dept_client: TestClient) -> None:
    data = dept_client.get("/api/stats").json()
    labels = {e["key"]: e["label"] for e in data["by_kind"]}
    assert labels["department_self_evaluation"] == "部门整体支出绩效自评表"
    assert labels["department_target_declaration"] == "部门整体支出绩效目标表"


def test_downloads_of_a_department_form(dept_client: TestClient, dept_store: Store) -> None:
    fid = _id(dept_store, "department_target_declaration")
    data = dept_client.get(f"/forms/{fid}.json").json()
    assert data[0]["kind"] == "department_target_declaration"
    assert data[0]["amounts"]["total"] == 540.0
    book = dept_client.get(f"/forms/{fid}/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None
    texts = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "部门整体支出绩效目标表" in texts and "金额合计" in texts


def test_exports_carry_the_department_kinds(dept_store: Store, tmp_path: Path) -> None:
    stored = list(dept_store.iter_stored())
    (xlsx,) = export_forms(stored, ExportFormat.xlsx, tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(xlsx)
    summary = [[c.value for c in row] for row in book["汇总"].iter_rows()]
    kinds = {row[5] for row in summary[1:]}
    assert {"部门整体支出绩效自评表", "部门整体支出绩效目标表"} <= kinds
    dept_row = next(r for r in summary if r[5] == "部门整体支出绩效自评表")
    column = {header: i for i, header in enumerate(summary[0])}
    assert dept_row[column["主管部门"]] == "某市人力资源和社会保障局"
    assert dept_row[column["复核总分"]] == 97.4
    indicators = [[c.value for c in row] for row in book["指标"].iter_rows()]
    assert any(r[7] == "城镇新增就业人数" for r in indicators)
    assert sum(name.endswith("某市人力资源和社会保障局") for name in book.sheetnames) == 2
    paths = export_forms(stored, ExportFormat.csv, tmp_path / "csv")
    forms_csv = next(p for p in paths if p.stem.endswith("forms") or "汇总" in p.stem)
    rows = list(csv.reader(forms_csv.open(encoding="utf-8-sig")))
    assert any("部门整体支出绩效目标表" in r for r in rows)
    (json_path,) = export_forms(stored, ExportFormat.json, tmp_path / "all.json")
    items = json.loads(json_path.read_text(encoding="utf-8"))
    assert {i["kind"] for i in items} >= {"department_self_evaluation"}
    dept = next(i for i in items if i["kind"] == "department_self_evaluation")
    assert dept["score"]["total"] == 97.4 and dept["tasks"][0]["name"] == "就业促进"
    parquet = export_forms(stored, ExportFormat.parquet, tmp_path / "pq")
    table = pq.read_table(next(p for p in parquet if "forms" in p.name)).to_pylist()
    assert any(r["kind"] == "部门整体支出绩效目标表" for r in table)
