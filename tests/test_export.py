"""Exports: each format written from the 83 seed forms and read back."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl.utils import get_column_letter

from jixiao.export import (
    TABLES,
    ComputedScores,
    ExportError,
    ExportFormat,
    export_forms,
    flatten,
    write_csv,
    write_json,
    write_parquet,
    write_xlsx,
)
from jixiao.model import Form, SelfEvaluation
from jixiao.model.jsonio import loads
from jixiao.score import FormScore, load_ruleset, ruleset_for, score_form
from support import GOLDEN_FORMS


def _score(form: Form) -> FormScore:
    return score_form(form, ruleset_for(form))


@pytest.fixture(scope="module")
def seed_forms() -> list[Form]:
    """The 83 seed forms, from their golden JSON (checked against the sources)."""
    return [f for p in GOLDEN_FORMS for f in loads(p.read_text("utf-8"))]


def test_seed_forms_are_all_there(seed_forms: list[Form]) -> None:
    assert len(seed_forms) == 83


def test_every_row_has_one_value_per_column(seed_forms: list[Form]) -> None:
    for flat in flatten(seed_forms):
        for name, rows in flat.tables.items():
            assert all(len(row) == len(TABLES[name]) for row in rows)
    headers = [c.header for cols in TABLES.values() for c in cols]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers)


def test_flatten_counts_rows_and_findings(seed_forms: list[Form]) -> None:
    flats = list(flatten(seed_forms))
    assert [f.no for f in flats] == list(range(1, 84))
    assert sum(len(f.tables["indicators"]) for f in flats) == sum(
        len(f.indicators) for f in seed_forms
    )
    by_header = {c.header: i for i, c in enumerate(TABLES["forms"])}
    for flat in flats:
        row = flat.tables["forms"][0]
        counted = row[by_header["错误"]], row[by_header["警告"]], row[by_header["提示"]]
        assert sum(counted) == len(flat.form.findings) == len(flat.tables["findings"])  # type: ignore[arg-type]


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "csv must start with a UTF-8 BOM"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_csv_three_files_with_bom(seed_forms: list[Form], tmp_path: Path) -> None:
    paths = write_csv(seed_forms, tmp_path / "out")
    assert [p.name for p in paths] == ["forms.csv", "indicators.csv", "findings.csv"]
    forms_rows = _read_csv(paths[0])
    assert forms_rows[0][:4] == ["编号", "项目名称", "实施单位", "主管部门"]
    assert len(forms_rows) == 84
    first = dict(zip(forms_rows[0], forms_rows[1], strict=True))
    assert first["项目名称"] == "信息化运维项目"
    assert first["全年预算数"] == "21.96"
    assert first["自评总分"] == "97.37"
    expected = _score(seed_forms[0])
    assert expected.total is not None and first["复核总分"] == format(expected.total, "f")
    assert first["复核等级"] == expected.grade and first["评分规则"] == "mof2020"
    indicators = _read_csv(paths[1])
    assert len(indicators) - 1 == sum(len(f.indicators) for f in seed_forms)
    row = dict(zip(indicators[0], indicators[1], strict=True))
    assert row["复核说明"] == expected.rows[0].explanation
    assert row["复核得分"] == format(expected.rows[0].accepted, "f")
    findings = _read_csv(paths[2])
    assert len(findings) - 1 == sum(len(f.findings) for f in seed_forms)
    assert {r[findings[0].index("级别")] for r in findings[1:]} <= {"错误", "警告", "提示"}


def test_csv_one_table(seed_forms: list[Form], tmp_path: Path) -> None:
    target = tmp_path / "rows.csv"
    assert write_csv(seed_forms, target, table="indicators") == [target]
    rows = _read_csv(target)
    assert rows[0][rows[0].index("三级指标")] == "三级指标"
    assert rows[1][rows[0].index("三级指标")] == seed_forms[0].indicators[0].name


def test_json_reads_back_equal(seed_forms: list[Form], tmp_path: Path) -> None:
    target = tmp_path / "forms.json"
    write_json(seed_forms, target)
    assert loads(target.read_text(encoding="utf-8")) == seed_forms
    data = json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    scores = [FormScore.model_validate(item["score"]) for item in data]
    assert scores == [_score(f) for f in seed_forms]


def test_parquet_types_and_values(seed_forms: list[Form], tmp_path: Path) -> None:
    paths = write_parquet(seed_forms, tmp_path / "pq")
    forms_table = pq.read_table(paths[0])
    assert forms_table.num_rows == 83
    assert forms_table.schema.field("year").type == pa.int32()
    assert forms_table.schema.field("adjusted").type == pa.decimal128(20, 4)
    assert forms_table.schema.field("total_score").type == pa.decimal128(12, 4)
    assert forms_table.schema.field("project").metadata == {b"header": "项目名称".encode()}
    first = forms_table.slice(0, 1).to_pylist()[0]
    form = seed_forms[0]
    assert isinstance(form, SelfEvaluation)
    assert first["adjusted"] == form.funds.total.adjusted == Decimal("21.96")
    assert first["year"] == 2024
    assert first["computed_total"] == _score(form).total
    indicators = pq.read_table(paths[1])
    assert indicators.num_rows == sum(len(f.indicators) for f in seed_forms)
    scores = [r.score for f in seed_forms for r in f.indicators]
    assert indicators.column("score").to_pylist() == scores
    findings = pq.read_table(paths[2])
    assert findings.column("code").to_pylist() == [x.code for f in seed_forms for x in f.findings]


def test_parquet_refuses_to_round(seed_forms: list[Form], tmp_path: Path) -> None:
    form = seed_forms[0]
    assert isinstance(form, SelfEvaluation)
    bad = form.model_copy(update={"total_score": Decimal("97.123456")})
    with pytest.raises(ExportError, match="精度"):
        write_parquet([bad], tmp_path / "x.parquet", table="forms")
    assert not list(tmp_path.iterdir()), "a failed export leaves no file behind"


def test_computed_scores_fill_the_review_columns(seed_forms: list[Form], tmp_path: Path) -> None:
    form = seed_forms[0]
    own = _score(form).model_copy(update={"total": Decimal("88.5"), "ruleset": "mine"})
    items = [_Scored(id=7, form=form, score=own), form]
    chosen = ComputedScores(ruleset=load_ruleset("shanghai2019"))
    paths = write_csv(items, tmp_path / "c", computed=chosen)
    head, mine, bare = _read_csv(paths[0])
    assert (mine[head.index("复核总分")], mine[head.index("评分规则")]) == ("88.5", "mine")
    other = score_form(form, load_ruleset("shanghai2019"))
    assert bare[head.index("复核总分")] == format(other.total, "f")
    assert bare[head.index("评分规则")] == "shanghai2019"
    indicators = _read_csv(paths[1])
    col = indicators[0].index("复核得分")
    rows = len(form.indicators)
    assert [r[col] for r in indicators[1 : rows + 1]] == [
        "" if r.accepted is None else format(r.accepted, "f") for r in own.rows
    ]
    paths = write_csv([form], tmp_path / "e", computed=ComputedScores(compute=False))
    head, row = _read_csv(paths[0])
    assert row[head.index("复核总分")] == row[head.index("复核等级")] == ""


@dataclass(frozen=True)
class _Scored:
    id: int
    form: Form
    score: FormScore


def test_export_forms_single_file_by_suffix(seed_forms: list[Form], tmp_path: Path) -> None:
    target = tmp_path / "forms.parquet"
    assert export_forms(seed_forms, ExportFormat.parquet, target) == [target]
    assert pq.read_table(target).num_rows == 83


def test_missing_output_directory_is_an_export_error(
    seed_forms: list[Form], tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="输出目录不存在"):
        write_json(seed_forms, tmp_path / "nowhere" / "f.json")


def _one_per_seed(forms: list[Form]) -> list[Form]:
    firsts: dict[str, Form] = {}
    for form in forms:
        firsts.setdefault(form.source.file, form)
    return list(firsts.values())


def test_xlsx_sheets_headers_numbers(seed_forms: list[Form], tmp_path: Path) -> None:
    forms = _one_per_seed(seed_forms)
    assert {f.kind for f in forms} == {
        "self_evaluation",
        "legacy_self_evaluation",
        "target_declaration",
    }
    target = tmp_path / "forms.xlsx"
    write_xlsx(forms, target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames[:3] == ["汇总", "指标", "审核发现"]
    official = book.sheetnames[3:]
    assert len(official) == len(forms), "one official sheet per form"
    assert official[0] == "1 信息化运维项目"
    summary = book["汇总"]
    headers = [c.value for c in summary[1]]
    for wanted in WANTED_SUMMARY:
        assert wanted in headers
    assert all(c.font.bold for c in summary[1])
    assert summary.freeze_panes == "C2"
    last = get_column_letter(len(headers))
    assert summary.auto_filter.ref == f"A1:{last}{len(forms) + 1}"
    row = {h: c.value for h, c in zip(headers, summary[2], strict=True)}
    assert row["全年预算数"] == pytest.approx(21.96)
    assert isinstance(row["年度"], int)
    assert row["复核总分"] == pytest.approx(float(_score(forms[0]).total or 0))
    assert row["复核等级"] == _score(forms[0]).grade
    assert summary.cell(2, headers.index("全年预算数") + 1).number_format == "#,##0.00"
    link = summary.cell(2, headers.index("项目名称") + 1).hyperlink
    assert link is not None
    assert "1 信息化运维项目" in (link.location or link.target or "")
    assert book["指标"].max_row - 1 == sum(len(f.indicators) for f in forms)
    assert book["审核发现"].max_row - 1 == sum(len(f.findings) for f in forms)
    for name, form in zip(official, forms, strict=True):
        sheet = book[name]
        texts = {c.value for r in sheet.iter_rows() for c in r if isinstance(c.value, str)}
        assert form.project in texts
        assert sheet.merged_cells.ranges, "the official layout has merged cells"


WANTED_SUMMARY = (
    "项目名称",
    "实施单位",
    "主管部门",
    "年度",
    "类型",
    "全年预算数",
    "全年执行数",
    "执行率（%）",
    "自评总分",
    "复核总分",
    "评分等级",
    "复核等级",
    "错误",
    "警告",
    "提示",
)


@pytest.mark.slow
def test_xlsx_all_seed_forms_one_official_sheet_each(
    seed_forms: list[Form], tmp_path: Path
) -> None:
    target = tmp_path / "all.xlsx"
    write_xlsx(seed_forms, target)
    book = openpyxl.load_workbook(target, read_only=True)
    assert len(book.sheetnames) == 3 + 83
    assert len(set(book.sheetnames)) == len(book.sheetnames)
    assert book["汇总"].max_row == 84


def test_xlsx_numbered_items_use_their_ids(seed_forms: list[Form], tmp_path: Path) -> None:
    items = [_Stored(id=40 + i, form=f) for i, f in enumerate(seed_forms[:2])]
    target = tmp_path / "n.xlsx"
    write_xlsx(items, target, official=False)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["汇总", "指标", "审核发现"]
    assert [r[0].value for r in book["汇总"].iter_rows(min_row=2)] == [40, 41]
    assert {r[0].value for r in book["指标"].iter_rows(min_row=2)} == {40, 41}


@dataclass(frozen=True)
class _Stored:
    id: int
    form: Form


def test_exported_file_has_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from jixiao.export._files import atomic_path

    target = tmp_path / "out.csv"
    with atomic_path(target) as tmp:
        tmp.write_text("x", encoding="utf-8")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
