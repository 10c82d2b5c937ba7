"""填报: the editor's fields ↔ model, live preview, drafts, exports (route tests)."""

from __future__ import annotations

import html
import io
import json
import re
from datetime import timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from jixiao.model import SelfEvaluation, TargetDeclaration
from jixiao.model.jsonio import loads
from jixiao.parse import parse_file
from jixiao.service.checking import check_forms
from jixiao.store import LogFilters, Store
from jixiao.web.fill_form import (
    DRAFT_SOURCE,
    fields_from_form,
    form_from_fields,
    self_evaluation_from_target,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SELF = parse_file(EXAMPLES / "000_52d2d39b8e94208b.txt").forms
TARGETS = parse_file(EXAMPLES / "004_30fc85b3e2ff877a.txt").forms
EDITABLE = [
    form
    for path in sorted(EXAMPLES.glob("*.txt"))
    for form in parse_file(path).forms
    if form.kind != "legacy_self_evaluation"
]


def _fields(form: Any) -> dict[str, str]:
    return {"kind": form.kind, **fields_from_form(form)}


def _marks(html: str) -> dict[str, Any]:
    found = re.search(r'id="fill-marks">(.*?)</script>', html, re.S)
    assert found, "the result panel carries its marks"
    marks: dict[str, Any] = json.loads(found.group(1))
    return marks


def _cell(page: str, name: str) -> str:
    """The text of the editor's multi-line field ``name``."""
    found = re.search(rf'<textarea name="{re.escape(name)}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, name
    return html.unescape(found.group(1))


def _total(html: str) -> str:
    (total,) = re.findall(r'id="calc-total">([^<]*)<', html)
    return str(total)


def _bare(form: Any) -> Any:
    """The form as the editor keeps it: typed in the browser, no parse findings/lines."""
    rows = tuple(r.model_copy(update={"lines": None}) for r in form.indicators)
    return form.model_copy(update={"source": DRAFT_SOURCE, "findings": (), "indicators": rows})


@pytest.mark.parametrize("form", EDITABLE, ids=lambda f: f"{f.source.file}-{f.source.lines[0]}")
def test_fields_round_trip(form: SelfEvaluation | TargetDeclaration) -> None:
    edited = form_from_fields(form.kind, fields_from_form(form).items())
    assert edited.errors == {}
    assert edited.form == _bare(form)


def test_rows_follow_posted_order_and_bad_numbers_are_errors() -> None:
    pairs = [
        ("indicators.7.name", "第二行"),
        ("indicators.7.weight", "5"),
        ("indicators.2.name", "第一行"),
        ("indicators.2.weight", "五分"),
        ("funds.total.executed", "1,150.50"),
        ("funds.total.rate", "98.5%"),
        ("year", "24"),
        ("indicators.2.score", "-1"),
    ]
    edited = form_from_fields("self_evaluation", pairs)
    form = edited.form
    assert isinstance(form, SelfEvaluation)
    assert [r.name for r in form.indicators] == ["第二行", "第一行"]
    assert form.indicators[0].weight == Decimal("5")
    assert form.indicators[1].weight is None
    assert form.funds.total.executed == Decimal("1150.50")
    assert form.funds.total.rate == Decimal("98.5")
    assert form.year is None
    assert edited.errors == {
        "indicators.1.weight": "「五分」不是数字",
        "indicators.1.score": "不能为负数",
        "year": "「24」不是年份（如 2024）",
    }
    assert edited.values["indicators.0.name"] == "第二行"


def test_self_evaluation_from_target_copies_rows_and_targets() -> None:
    target = TARGETS[0]
    assert isinstance(target, TargetDeclaration)
    started = self_evaluation_from_target(target)
    assert (started.project, started.unit, started.year) == (
        target.project,
        target.unit,
        target.year,
    )
    assert [(r.level1, r.level2, r.name, r.target) for r in started.indicators] == [
        (r.level1, r.level2, r.name, r.target) for r in target.indicators
    ]
    assert all(r.actual is None and r.score is None for r in started.indicators)
    assert started.goal_expected == target.target_meta.goal
    assert started.funds.total.initial == target.target_meta.current_budget


def test_fill_list_empty(empty_client: TestClient) -> None:
    page = empty_client.get("/fill")
    assert page.status_code == 200
    assert "新建自评表" in page.text and "新建目标表" in page.text
    assert "还没有草稿" in page.text
    assert "还没有绩效目标表" in page.text


@pytest.mark.parametrize("kind", ["self_evaluation", "target_declaration"])
def test_new_form_has_the_usual_rows(empty_client: TestClient, kind: str) -> None:
    page = empty_client.get(f"/fill/new?kind={kind}")
    assert page.status_code == 200
    assert 'name="indicators.5.level2" value="服务对象满意度指标"' in page.text
    assert 'id="fill-marks"' in page.text
    assert ('name="indicators.0.actual"' in page.text) == (kind == "self_evaluation")
    assert ('name="target_meta.goal"' in page.text) == (kind == "target_declaration")


def test_unknown_kind_is_refused(empty_client: TestClient) -> None:
    page = empty_client.get("/fill/new?kind=legacy_self_evaluation")
    assert page.status_code == 400
    assert "只能填报" in page.text
    preview = empty_client.post("/fill/preview", data={"kind": "x"})
    assert preview.status_code == 400


def test_preview_recomputes_when_an_actual_changes(empty_client: TestClient) -> None:
    form = SELF[0]
    fields = _fields(form)
    before = empty_client.post("/fill/preview", data=fields)
    assert before.status_code == 200
    assert _total(before.text) == "97.37"
    marks = _marks(before.text)
    assert marks["calc"]["indicators.0.score"]["text"] == "✓"
    assert not any(m["code"].startswith("R") for m in marks["fields"].get("indicators.0.score", []))

    assert re.search(r"分值合计 <b>100.00</b>\s*· 自评得分合计 <b>97.37</b></p>", before.text)
    fields["indicators.0.actual"] = "300(天)"  # target =365(天), weight 6, reported 6
    after = empty_client.post("/fill/preview", data=fields)
    assert _total(after.text) == "96.30"  # 6 × 300 / 365 = 4.93 instead of 6.00
    marks = _marks(after.text)
    assert marks["calc"]["indicators.0.score"]["text"] == "复核 4.93"
    assert marks["calc"]["indicators.0.score"]["lenient"] is True
    codes = [m["code"] for m in marks["fields"]["indicators.0.score"]]
    assert "R001" in codes  # reported score above the computed one
    assert re.search(r"<section id=\"fill-official\" [^>]*hx-swap-oob=\"true\"", after.text)


def test_invalid_number_is_a_field_error(empty_client: TestClient, empty_store: Store) -> None:
    fields = _fields(SELF[0])
    fields["indicators.2.weight"] = "六分"
    fields["indicators.3.score"] = "4"
    preview = empty_client.post("/fill/preview", data=fields)
    assert preview.status_code == 200
    assert _marks(preview.text)["errors"] == {"indicators.2.weight": "「六分」不是数字"}
    assert "有 1 处输入有误" in preview.text
    sums = re.search(r'id="fill-sums">(.*?)</p>', preview.text, re.S)
    assert sums
    assert "分值合计 <b>94.00</b>" in sums.group(1) and "（总分值 100.00）" in sums.group(1)
    assert "自评得分合计 <b>96.37</b>" in sums.group(1) and "（总分 97.37）" in sums.group(1)

    saved = empty_client.post("/fill/save", data=fields)
    assert saved.status_code == 422
    assert re.search(
        r'data-field="indicators.2.weight">\s*<input[^>]*value="六分"[^>]*aria-invalid="true">\s*'
        r'<span class="fe" role="alert">「六分」不是数字</span>',
        saved.text,
    )
    assert empty_store.drafts() == []
    exported = empty_client.post("/fill/export.xlsx", data=fields)
    assert exported.status_code == 422


def test_save_load_update_delete_draft(empty_client: TestClient, empty_store: Store) -> None:
    fields = _fields(SELF[1])
    saved = empty_client.post("/fill/save", data=fields, follow_redirects=False)
    assert saved.status_code == 303
    draft_id = int(saved.headers["location"].split("/")[2].split("?")[0])
    assert empty_store.load_draft(draft_id) == _bare(SELF[1])

    page = empty_client.get(saved.headers["location"])
    assert "草稿已保存" in page.text
    assert f'value="{SELF[1].project}"' in page.text
    listing = empty_client.get("/fill")
    assert f'href="/fill/{draft_id}"' in listing.text
    updated = empty_store.drafts()[0].updated_at.astimezone(timezone(timedelta(hours=8)))
    assert f"{updated.day}日 {updated:%H:%M}" in listing.text  # 北京时间

    fields["draft_id"] = str(draft_id)
    fields["project"] = "改过名字的项目"
    again = empty_client.post("/fill/save", data=fields, follow_redirects=False)
    assert again.headers["location"].startswith(f"/fill/{draft_id}?")
    assert [d.title for d in empty_store.drafts()] == ["改过名字的项目"]
    logged, _ = empty_store.change_log(LogFilters(action="draft_save"))
    assert [e["details"]["draft_id"] for e in logged] == [draft_id, draft_id]
    assert "改过名字的项目" in logged[0]["summary"] and logged[0]["username"] == "local"

    deleted = empty_client.post(f"/fill/{draft_id}/delete", follow_redirects=False)
    assert deleted.status_code == 303
    assert empty_store.drafts() == []
    assert empty_client.get(f"/fill/{draft_id}").status_code == 404


def test_start_from_stored_target(client: TestClient, store: Store) -> None:
    target = store.forms(kind="target_declaration")[0]
    listing = client.get("/fill")
    assert f'<option value="{target["id"]}">' in listing.text
    page = client.get(f"/fill/new?kind=self_evaluation&from={target['id']}")
    assert page.status_code == 200
    loaded = store.load_form(target["id"])
    for i, row in enumerate(loaded.indicators):
        assert _cell(page.text, f"indicators.{i}.target") == (row.target or "")
    assert _cell(page.text, "indicators.0.actual") == ""
    assert "依据目标表" in page.text

    assert client.get("/fill/new?from=999999").status_code == 404
    legacy = store.forms(kind="legacy_self_evaluation")[0]["id"]
    refused = client.get(f"/fill/new?from={legacy}")
    assert refused.status_code == 400
    assert "不能据此新建项目支出绩效自评表" in refused.text


def test_copy_a_stored_form(client: TestClient, store: Store) -> None:
    stored = store.forms(kind="self_evaluation")[0]
    form = store.load_form(stored["id"])
    page = client.get(f"/fill/new?from={stored['id']}")
    assert page.status_code == 200
    assert "复制自已存表单" in page.text
    assert _cell(page.text, "indicators.0.actual") == form.indicators[0].actual
    assert client.get(f"/fill/new?kind=target_declaration&from={stored['id']}").status_code == 400


def test_export_xlsx_parses_back(empty_client: TestClient, tmp_path: Path) -> None:
    fields = _fields(SELF[0])
    fields["indicators.0.actual"] = "300(天)"
    fields["indicators.0.score"] = "4.93"
    response = empty_client.post("/fill/export.xlsx", data=fields)
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    load_workbook(io.BytesIO(response.content))  # a real workbook
    path = tmp_path / "自评表.xlsx"
    path.write_bytes(response.content)
    (back,) = parse_file(path).forms
    assert isinstance(back, SelfEvaluation)
    assert back.project == SELF[0].project
    assert [r.name for r in back.indicators] == [r.name for r in SELF[0].indicators]
    assert back.indicators[0].actual == "300(天)"
    assert back.indicators[0].score == Decimal("4.93")


@pytest.mark.parametrize("form", [SELF[2], TARGETS[1]], ids=["self", "target"])
def test_export_json(empty_client: TestClient, form: Any) -> None:
    response = empty_client.post("/fill/export.json", data=_fields(form))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert loads(response.text) == [_bare(form)]


def test_a_long_form_is_accepted(empty_client: TestClient) -> None:
    fields = _fields(SELF[0])
    for i in range(len(SELF[0].indicators), 200):  # 200 rows × 8 fields
        fields.update({f"indicators.{i}.{f}": "" for f in ("level1", "level2", "name", "note")})
        fields.update({f"indicators.{i}.{f}": "1" for f in ("weight", "score")})
        fields[f"indicators.{i}.target"] = "≥1(项)"
        fields[f"indicators.{i}.actual"] = "1(项)"
    response = empty_client.post("/fill/preview", data=fields)
    assert response.status_code == 200
    assert 'data-calc="indicators.199.score"' not in response.text  # marks are JSON
    assert '"indicators.199.score"' in response.text


def test_target_list_is_capped(
    client: TestClient, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jixiao.web.routes import fill

    monkeypatch.setattr(fill, "_TARGETS", 2)
    listing = client.get("/fill")
    newest = max(r["year"] for r in store.forms(kind="target_declaration"))
    options = re.findall(r'<option value="(\d+)">(\d+) ·', listing.text)
    assert len(options) == 2
    assert all(int(year) == newest for _, year in options)
    assert "只列出年度最近的 2 张目标表" in listing.text


def test_a_blank_form_says_what_to_fill(empty_client: TestClient) -> None:
    page = empty_client.get("/fill/new?kind=self_evaluation")
    assert 'id="not-started"' in page.text
    assert 'id="calc-total"' not in page.text
    fields = {"kind": "self_evaluation", "funds.total.adjusted": "100"}
    typed = empty_client.post("/fill/preview", data=fields)
    assert 'id="not-started"' not in typed.text
    assert 'id="calc-total"' in typed.text


_CELL = st.one_of(
    st.sampled_from(["", "100", "≥95%", "=365(天)", "达成指标", "部分达成", "-", "1,234.5", "0"]),
    st.text(max_size=12),
)


@settings(max_examples=60, deadline=None)
@given(
    kind=st.sampled_from(["self_evaluation", "target_declaration"]),
    cells=st.lists(
        st.tuples(st.sampled_from(["target", "actual", "weight", "score", "name"]), _CELL),
        max_size=12,
    ),
    amounts=st.lists(st.tuples(st.sampled_from(["adjusted", "executed", "rate"]), _CELL)),
)
def test_any_input_is_scored_or_reported(
    kind: str, cells: list[tuple[str, str]], amounts: list[tuple[str, str]]
) -> None:
    """Whatever is typed, the editor builds a form and scores it: bad text is a field
    error, never an exception."""
    pairs = [(f"indicators.{i % 3}.{f}", v) for i, (f, v) in enumerate(cells)]
    pairs += [(f"funds.total.{f}", v) for f, v in amounts]
    edited = form_from_fields(kind, pairs)
    (checked,) = check_forms([edited.form])
    assert checked.form.kind == kind
    for name in edited.errors:
        assert name in dict(pairs) or name in edited.values


def test_an_unusual_grade_is_kept(empty_client: TestClient) -> None:
    fields = _fields(SELF[0])
    fields["grade"] = "良好"
    page = empty_client.post("/fill/save", data={**fields, "year": "二〇二四"})
    assert page.status_code == 422  # shown again because of the year…
    assert '<option value="良好" selected>良好</option>' in page.text  # …grade kept
