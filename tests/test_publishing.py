"""The official PDF / Word of stored forms as downloads (service.publishing): one form, a
department's forms as one PDF or a zip, exactly that department's, with the signature block."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from jixiao.errors import UsageError
from jixiao.render.signature import SIGNATURE_LABELS
from jixiao.service import (
    Bundle,
    DepartmentForms,
    OfficialFile,
    department_forms,
    official_download,
)
from jixiao.store import FormNotFoundError, Store, open_store
from jixiao.store.cycle import Transition, move
from publishing_support import DEPARTMENT, fill_store

_NOW = datetime(2025, 3, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
def filled(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[Store, dict[str, list[int]]]]:
    path: Path = tmp_path_factory.mktemp("publishing") / "p.db"
    with open_store(str(path)) as store:
        yield store, fill_store(store)


def pdf_text(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


def test_department_forms_are_exactly_the_department_s(
    filled: tuple[Store, dict[str, list[int]]],
) -> None:
    store, ids = filled
    year_2024 = department_forms(store, DepartmentForms(DEPARTMENT, 2024))
    assert [s.id for s in year_2024] == ids["2024"]
    every_year = department_forms(store, DepartmentForms(f" {DEPARTMENT} ", None))
    assert sorted(s.id for s in every_year) == sorted(ids["2024"] + ids["2023"])
    with pytest.raises(UsageError, match="请指定主管部门"):
        department_forms(store, DepartmentForms("  "))


def test_one_form_as_pdf_carries_the_signature_block(
    filled: tuple[Store, dict[str, list[int]]],
) -> None:
    store, ids = filled
    got = official_download(store, ids["2024"][0], OfficialFile.pdf)
    assert got.body.startswith(b"%PDF") and got.media_type == "application/pdf"
    assert got.name.endswith(f"-{ids['2024'][0]}.pdf") and got.name.startswith("2024-")
    text = "".join(pdf_text(got.body))
    for label in SIGNATURE_LABELS:
        assert f"{label}：" in text
    assert "单位（盖章）：上海市人才服务中心" in text


def test_one_form_as_word(filled: tuple[Store, dict[str, list[int]]]) -> None:
    store, ids = filled
    got = official_download(store, ids["2023"][0], OfficialFile.docx)
    with zipfile.ZipFile(io.BytesIO(got.body)) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "填报人：" in xml and "联系电话：" in xml
    assert got.media_type.endswith("wordprocessingml.document")


def test_a_form_not_in_the_store_is_not_found(filled: tuple[Store, dict[str, list[int]]]) -> None:
    store, _ = filled
    with pytest.raises(FormNotFoundError):
        official_download(store, 10**6, OfficialFile.pdf)
    with pytest.raises(UsageError):
        official_download(store, 1, Bundle.zip_pdf)  # type: ignore[arg-type]


def test_department_as_one_pdf_one_form_after_another(
    filled: tuple[Store, dict[str, list[int]]],
) -> None:
    store, ids = filled
    got = official_download(store, DepartmentForms(DEPARTMENT, 2024), Bundle.pdf)
    assert got.name == f"2024-{DEPARTMENT}-绩效表.pdf"
    pages = pdf_text(got.body)
    assert sum(p.count("填报人：") for p in pages) == len(ids["2024"])
    assert sum(p.count("财政项目支出绩效自评表") for p in pages) == len(ids["2024"])


@pytest.mark.parametrize(("bundle", "ext"), [(Bundle.zip_pdf, "pdf"), (Bundle.zip_docx, "docx")])
def test_department_as_zip_of_one_file_per_form(
    filled: tuple[Store, dict[str, list[int]]], bundle: Bundle, ext: str
) -> None:
    store, ids = filled
    got = official_download(store, DepartmentForms(DEPARTMENT), bundle)
    assert got.media_type == "application/zip" and got.name == f"{DEPARTMENT}-绩效表.zip"
    with zipfile.ZipFile(io.BytesIO(got.body)) as archive:
        names = archive.namelist()
        bodies = [archive.read(n) for n in names]
    wanted = sorted(ids["2024"] + ids["2023"])
    assert sorted(int(n.rsplit("-", 1)[1].removesuffix(f".{ext}")) for n in names) == wanted
    for body in bodies:
        if ext == "pdf":
            assert body.startswith(b"%PDF")
        else:
            assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(body)).namelist()


def test_a_department_without_forms_is_said_so(
    filled: tuple[Store, dict[str, list[int]]],
) -> None:
    store, _ = filled
    with pytest.raises(UsageError, match="没有某局 2030 年度可下载的表单"):
        official_download(store, DepartmentForms("某局", 2030), Bundle.pdf)


def test_a_department_publishes_only_forms_that_left_the_cycle_published(
    tmp_path: Path,
) -> None:
    with open_store(str(tmp_path / "cycle.db")) as store:
        ids = fill_store(store)
        first, second = ids["2024"]
        submitted = Transition(first, "submit", None, "submitted", None, "u", _NOW, "")
        assert move(store, submitted)
        which = DepartmentForms(DEPARTMENT, 2024)
        assert [s.id for s in department_forms(store, which)] == [second]
        steps = ("submitted", "department_approved", "finance_approved", "published")
        for before, after in itertools.pairwise(steps):
            assert move(store, Transition(first, "step", before, after, None, "u", _NOW, ""))
        assert [s.id for s in department_forms(store, which)] == [first, second]
