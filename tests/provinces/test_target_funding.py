"""A 目标表's 项目资金 block: 年度资金总额 and its sources (财政拨款, 上年结转资金,
其他资金) are read into ``target_meta`` in every layout that prints them, rendered in
the official table, read back from it, and kept by the store."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.model import TargetDeclaration
from jixiao.parse import parse_document, parse_file
from jixiao.read import Document, DocumentBuilder
from jixiao.render.official import official_table
from jixiao.render.options import RenderOptions
from jixiao.store import DocumentInfo, open_store

D = Decimal
INPUTS = Path(__file__).resolve().parent / "inputs"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# file, current_budget (年度资金总额), appropriation, carryover, other
PRINTED = [
    ("02_sichuan_target.xlsx", "1850.00", "1850.00", None, "0.00"),
    ("02_sichuan_target_tsv.txt", "1850.00", "1850.00", None, "0.00"),
    ("09_hubei_target.docx", "6500000.00", "6000000.00", "500000.00", "0.00"),
    ("10_shaanxi_target.txt", "86.50", "86.50", None, None),
]


def _target(path: Path) -> TargetDeclaration:
    (form,) = parse_file(path).forms
    assert isinstance(form, TargetDeclaration)
    return form


def _amounts(form: TargetDeclaration) -> tuple[Decimal | None, ...]:
    m = form.target_meta
    return (m.current_budget, m.appropriation, m.carryover, m.other)


@pytest.mark.parametrize(("name", "total", "appropriation", "carryover", "other"), PRINTED)
def test_funding_sources_are_read_not_left_unplaced(
    name: str, total: str, appropriation: str | None, carryover: str | None, other: str | None
) -> None:
    form = _target(INPUTS / name)
    want = tuple(None if v is None else D(v) for v in (total, appropriation, carryover, other))
    assert _amounts(form) == want
    assert [f.code for f in form.findings if f.code in ("P001", "P002")] == []


def _target_kv(extra: list[str]) -> Document:
    lines = (EXAMPLES / "004_30fc85b3e2ff877a.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("同名项目上年预算额")) + 1
    return Document.from_text("x.txt", "\n".join([*lines[:at], *extra, *lines[at:]]))


def test_key_value_header_reads_the_sources() -> None:
    doc = _target_kv(
        [
            "其中：本年财政拨款（元）：\t9,000,000\t上年结转资金（元）：\t900,000",
            "其他资金（元）：\t0",
        ]
    )
    result = parse_document(doc)
    assert result.layout == "target_kv"
    form = result.forms[0]
    assert isinstance(form, TargetDeclaration)
    assert _amounts(form) == (D(9_900_000), D(9_000_000), D(900_000), D(0))
    assert [f.code for f in form.findings if f.code.startswith("P")] == []


def test_spaced_text_reports_an_unreadable_source_amount() -> None:
    text = (INPUTS / "10_shaanxi_target.txt").read_text(encoding="utf-8")
    text = text.replace("其中：本年财政拨款 86.50", "其中：本年财政拨款 8６.5O")
    (form,) = parse_document(Document.from_text("s.txt", text)).forms
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.appropriation is None
    (p002,) = [f for f in form.findings if f.code == "P002"]
    assert p002.location.field == "target_meta.appropriation" and "8６.5O" in p002.message


@pytest.mark.parametrize("wording", ["当年", "本年"])
def test_official_table_prints_the_sources_and_reads_back(wording: str) -> None:
    form = _target(INPUTS / "09_hubei_target.docx")
    table = official_table(form, RenderOptions(wording=wording))
    texts = [c.text for row in table.rows() for c in row]
    assert f"其中：{wording}财政拨款（元）：" in texts and "上年结转资金（元）：" in texts
    builder = DocumentBuilder("t.xlsx", "xlsx")
    builder.add_table(table)
    (back,) = parse_document(builder.build()).forms
    assert isinstance(back, TargetDeclaration)
    assert back.target_meta == form.target_meta
    assert [f.message for f in back.findings if f.code in ("P001", "P002", "P008")] == []


def test_official_table_has_no_source_rows_when_none_is_known() -> None:
    form = _target(INPUTS / "09_hubei_target.docx")
    bare = form.model_copy(
        update={
            "target_meta": form.target_meta.model_copy(
                update={"appropriation": None, "carryover": None, "other": None}
            )
        }
    )
    texts = [c.text for row in official_table(bare, RenderOptions()).rows() for c in row]
    assert not any("结转" in t or "其他资金" in t for t in texts)


def test_store_keeps_the_sources(tmp_path: Path) -> None:
    form = _target(INPUTS / "09_hubei_target.docx")
    with open_store(f"sqlite:///{tmp_path / 'jixiao.db'}") as store:
        doc = store.save_forms([form], DocumentInfo(file_name="h.docx", content_hash="0" * 64))
        (row,) = [r for r in store.forms() if r["document_id"] == doc]
        assert store.load_form(row["id"]) == form


def test_fill_in_page_keeps_the_sources() -> None:
    from jixiao.web.fill_form import fields_from_form, form_from_fields

    form = _target(INPUTS / "09_hubei_target.docx")
    fields = fields_from_form(form)
    assert fields["target_meta.carryover"] == "500000.00"
    edited = form_from_fields(form.kind, fields.items())
    assert edited.errors == {}
    assert isinstance(edited.form, TargetDeclaration)
    assert edited.form.target_meta == form.target_meta


def test_sources_that_do_not_add_up_are_a005() -> None:
    from jixiao.audit import review

    form = _target(INPUTS / "09_hubei_target.docx")
    meta = form.target_meta.model_copy(update={"carryover": D("400000.00")})
    broken = form.model_copy(update={"target_meta": meta})
    items = review([form, broken, _target(INPUTS / "10_shaanxi_target.txt")], select=["A005"])
    assert [len(i.report.findings) for i in items] == [0, 1, 0]
    (a005,) = items[1].report.findings
    assert a005.location.field == "target_meta.current_budget"
    assert a005.values["diff"] == D("100000.00") and "项目资金" in a005.message


def test_spaced_text_reads_several_sources_on_one_line() -> None:
    text = (INPUTS / "10_shaanxi_target.txt").read_text(encoding="utf-8")
    text = text.replace(
        "其中：本年财政拨款 86.50", "其中：本年财政拨款 80.00 上年结转资金： 6.50 其他资金 —"
    )
    (form,) = parse_document(Document.from_text("s.txt", text)).forms
    assert isinstance(form, TargetDeclaration)
    assert _amounts(form) == (D("86.50"), D("80.00"), D("6.50"), None)
    assert [f.code for f in form.findings if f.code.startswith("P")] == []
