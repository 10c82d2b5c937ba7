"""导入: upload with preview, then confirm (route tests, FastAPI test client)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from jixiao.read.files import SUFFIXES
from jixiao.score.loading import bundled_text
from jixiao.service import chosen_ruleset, rescore, run_import
from jixiao.store import Store
from jixiao.web.staging import Staging, UploadLimits, UploadRefused, sniff_type

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED_000 = EXAMPLES / "000_52d2d39b8e94208b.txt"  # 12 self-evaluations
SEED_004 = EXAMPLES / "004_30fc85b3e2ff877a.txt"  # 4 target declarations
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + bytes(range(256))


def _file(path: Path) -> tuple[str, tuple[str, bytes, str]]:
    return ("files", (path.name, path.read_bytes(), "text/plain"))


def _statuses(html: str) -> list[str]:
    return re.findall(r'class="upfile status-(\w+)"', html)


def _token(client_url: object) -> str:
    return str(client_url).rstrip("/").rsplit("/", 1)[-1]


def test_import_page_has_dropzone_and_limits(empty_client: TestClient) -> None:
    page = empty_client.get("/import")
    assert page.status_code == 200
    assert 'type="file" name="files" multiple' in page.text
    assert "把文件拖到这里" in page.text
    assert "50 MiB" in page.text
    assert "/static/upload.js" in page.text
    accept = re.search(r'accept="([^"]*)"', page.text)
    assert accept is not None
    assert set(accept.group(1).split(",")) == SUFFIXES  # .docm and .xhtml too


def test_preview_then_confirm_stores(empty_client: TestClient, empty_store: Store) -> None:
    files = [
        _file(SEED_000),
        ("files", ("bad.exe", EXE, "application/octet-stream")),
        ("files", ("empty.txt", b"", "text/plain")),
        ("files", ("note.txt", "这不是一张表。\n".encode() * 20, "text/plain")),
        _file(SEED_004),
    ]
    preview = empty_client.post("/import", files=files)
    assert preview.status_code == 200
    assert "/import/batches/" in str(preview.url)
    assert _statuses(preview.text) == ["ready", "refused", "refused", "failed", "ready"]
    assert "「bad.exe」不是可识别的文件类型" in preview.text
    assert "「empty.txt」是空文件" in preview.text
    assert "未识别出任何表单" in preview.text
    assert "上海市人才服务中心" in preview.text  # the forms of seed 000 are listed
    assert "共 5 个文件，2 个可入库（16 张表）" in preview.text
    assert empty_store.forms() == []  # nothing stored before 确认入库

    done = empty_client.post(f"/import/batches/{_token(preview.url)}/confirm")
    assert done.status_code == 200
    assert "入库 2 个文件、16 张表；跳过 0 个；失败 1 个；未接收 2 个。" in done.text
    assert "未接收" in done.text and "bad.exe" in done.text
    assert len(empty_store.forms()) == 16
    assert {r["file_name"] for r in empty_store.documents()} == {SEED_000.name, SEED_004.name}
    links = re.findall(r'<a href="/forms/(\d+)">', done.text)
    assert sorted(map(int, links)) == sorted(r["id"] for r in empty_store.forms())

    again = empty_client.post(f"/import/batches/{_token(preview.url)}/confirm")
    assert again.status_code == 404
    assert "已入库、已放弃或已过期" in again.text


def test_reupload_is_idempotent(empty_client: TestClient, empty_store: Store) -> None:
    first = empty_client.post("/import", files=[_file(SEED_004)])
    empty_client.post(f"/import/batches/{_token(first.url)}/confirm")
    assert len(empty_store.forms()) == 4

    second = empty_client.post("/import", files=[_file(SEED_004)])
    assert _statuses(second.text) == ["stored"]
    assert "数据库中已有内容完全相同的文件" in second.text
    done = empty_client.post(f"/import/batches/{_token(second.url)}/confirm")
    assert "已跳过" in done.text and "已导入（内容相同）" in done.text
    assert len(empty_store.forms()) == 4


def test_one_file_at_a_time(empty_client: TestClient) -> None:
    batch = empty_client.post("/import/batches").json()
    url = f"/import/batches/{batch['token']}/files"
    good = empty_client.post(url, files={"file": (SEED_004.name, SEED_004.read_bytes())})
    assert good.status_code == 200
    assert _statuses(good.text) == ["ready"]
    assert 'data-forms="4"' in good.text
    wrong = empty_client.post(url, files={"file": ("x.exe", EXE)})
    assert wrong.status_code == 415
    assert _statuses(wrong.text) == ["refused"]
    twin = empty_client.post(url, files={"file": ("副本.txt", SEED_004.read_bytes())})
    assert _statuses(twin.text) == ["duplicate"]
    assert f"与本批中的「{SEED_004.name}」内容相同" in twin.text
    page = empty_client.get(batch["url"])
    assert _statuses(page.text) == ["ready", "refused", "duplicate"]


def test_oversized_file_is_refused(empty_client: TestClient) -> None:
    empty_client.app.state.upload_limits = UploadLimits(file_bytes=30_000)  # type: ignore[attr-defined]
    big = SEED_000.read_bytes()
    assert len(big) > 30_000
    preview = empty_client.post("/import", files=[_file(SEED_000), _file(SEED_004)])
    assert _statuses(preview.text) == ["refused", "ready"]
    assert "超过单个文件的大小上限 29 KiB" in preview.text

    batch = empty_client.post("/import/batches").json()
    one = empty_client.post(
        f"/import/batches/{batch['token']}/files", files={"file": (SEED_000.name, big)}
    )
    assert one.status_code == 413
    assert "超过单个文件的大小上限" in one.text


def test_request_too_large_and_too_many_files(empty_client: TestClient) -> None:
    empty_client.app.state.upload_limits = UploadLimits(batch_bytes=1000)  # type: ignore[attr-defined]
    big = empty_client.post("/import", files=[_file(EXAMPLES / "003_e808c967bf7c4d08.txt")])
    assert big.status_code == 413  # refused on Content-Length, before reading the body
    assert "合计不能超过" in big.text
    small = empty_client.post("/import", files=[_file(SEED_004)])
    assert "本批文件合计超过上限" in small.text  # refused while copying
    empty_client.app.state.upload_limits = UploadLimits(files=1)  # type: ignore[attr-defined]
    many = empty_client.post("/import", files=[_file(SEED_004), _file(SEED_000)])
    assert many.status_code == 413
    assert "一次最多上传 1 个文件" in many.text


def test_no_file_and_unknown_batch(empty_client: TestClient) -> None:
    none = empty_client.post("/import", data={"x": "1"})
    assert none.status_code == 400
    assert "请选择要上传的文件" in none.text
    for token in ("A" * 24, "../../etc", "x"):
        gone = empty_client.get(f"/import/batches/{token}")
        assert gone.status_code == 404
    discarded = empty_client.post("/import/batches/" + "B" * 24 + "/discard")
    assert discarded.status_code == 200  # redirected to /import


def test_discard_removes_the_batch(empty_client: TestClient, empty_store: Store) -> None:
    preview = empty_client.post("/import", files=[_file(SEED_004)])
    token = _token(preview.url)
    empty_client.post(f"/import/batches/{token}/discard")
    assert empty_client.get(f"/import/batches/{token}").status_code == 404
    assert empty_store.forms() == []


def test_staging_expires_and_keeps_names(tmp_path: Path) -> None:
    staging = Staging(tmp_path, ttl_seconds=60)
    batch = staging.new_batch()
    staged = staging.add(batch, "../../自评表.txt", io.BytesIO(b"abc\n"), UploadLimits())
    assert staged.name == "自评表.txt"
    assert staged.path.parent.parent == batch.dir
    assert [f.name for f in batch.files()] == ["自评表.txt"]
    old = time.time() - 120
    os.utime(batch.dir, (old, old))
    assert staging.batch(batch.token) is None
    assert not batch.dir.exists()


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (b"%PDF-1.7\n", "a.bin", "pdf"),
        (b"\x89PNG\r\n\x1a\n0000", "scan", "image"),
        ("项目支出绩效自评表".encode("gb18030"), "a.txt", "text"),
        ("项目支出绩效自评表".encode()[:-1], "cut.txt", "text"),
        (b"<html><body>x</body></html>", "a.html", "html"),
    ],
)
def test_sniff_type_by_content(head: bytes, name: str, expected: str) -> None:
    assert sniff_type(head, name) == expected


def test_sniff_type_refuses_binary() -> None:
    with pytest.raises(UploadRefused) as err:
        sniff_type(EXE, "table.txt")
    assert err.value.status == 415


def test_excel_files_are_read_by_content(empty_client: TestClient) -> None:
    from jixiao.parse import parse_file
    from jixiao.render.xlsx import xlsx_bytes

    forms = parse_file(SEED_004).forms[2:4]
    files = [
        ("files", ("目标表.xlsx", xlsx_bytes(forms), "application/octet-stream")),
        ("files", ("改了扩展名.txt", xlsx_bytes(forms[:1]), "text/plain")),
    ]
    preview = empty_client.post("/import", files=files)
    assert _statuses(preview.text) == ["ready", "ready"]
    assert re.findall(r'data-forms="(\d+)"', preview.text) == ["2", "1"]
    assert preview.text.count(">Excel<") == 2


@pytest.mark.slow
def test_word_and_pdf_files_are_read(empty_client: TestClient) -> None:
    from jixiao.parse import parse_file
    from jixiao.render.docx import docx_bytes
    from jixiao.render.pdf import pdf_bytes

    forms = parse_file(SEED_004).forms[2:4]
    files = [
        ("files", ("目标表.docx", docx_bytes(forms), "application/octet-stream")),
        ("files", ("目标表.pdf", pdf_bytes(forms), "application/pdf")),
    ]
    preview = empty_client.post("/import", files=files)
    assert _statuses(preview.text) == ["ready", "ready"]
    assert re.findall(r'data-forms="(\d+)"', preview.text) == ["2", "2"]
    assert ">Word<" in preview.text and ">PDF<" in preview.text


def test_a_previewed_form_shows_its_official_table(empty_client: TestClient) -> None:
    preview = empty_client.post("/import", files=[_file(SEED_000), _file(SEED_004)])
    links = re.findall(r'href="(/import/batches/[^/]+/files/(\d+)/forms/(\d+))"', preview.text)
    assert len(links) == 16
    url = next(u for u, i, n in links if (i, n) == ("1", "2"))
    page = empty_client.get(url)
    assert page.status_code == 200
    assert "尚未入库" in page.text
    assert '<table class="official"' in page.text
    assert "财政项目支出绩效目标表" in page.text
    assert empty_client.get(url.replace("/forms/2", "/forms/9")).status_code == 404
    assert empty_client.get(url.replace("/files/1/", "/files/7/")).status_code == 404


def test_staging_in_parallel(tmp_path: Path) -> None:
    """Files copied in by several threads while others list the batch (as the page's
    parallel uploads do): every file is staged once, no reader sees half a note."""
    from concurrent.futures import ThreadPoolExecutor

    staging = Staging(tmp_path)
    batch = staging.new_batch()
    limits = UploadLimits()
    body = SEED_004.read_bytes()

    def add(i: int) -> int:
        data = body + f"\n{i}\n".encode() if i % 5 else b""  # every fifth is empty: refused
        with contextlib.suppress(UploadRefused):
            staging.add(batch, f"{i}.txt", io.BytesIO(data), limits)
        return len(batch.entries()) + batch.size()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(add, range(40)))
    entries = batch.entries()
    assert len(entries) == 40
    assert len(batch.files()) == 32
    assert len({f.content_hash for f in batch.files()}) == 32


def test_an_upload_rechecks_stored_forms_under_their_own_ruleset(
    empty_client: TestClient, empty_store: Store, tmp_path: Path
) -> None:
    """Issue 11's bug: after ``jixiao rescore --ruleset 我省.toml`` an upload of the same
    projects re-checked the stored forms under the bundled default."""
    own_file = tmp_path / "我省.toml"
    own_file.write_text(
        bundled_text("mof2020")
        .replace('name = "mof2020"', 'name = "woshen"')
        .replace("near_zero_rate = 5", "near_zero_rate = 100"),
        encoding="utf-8",
    )
    run_import(empty_store, [SEED_000], jobs=1)
    rescore(empty_store, chosen_ruleset(own_file))
    before = {s.id: s.form.findings for s in empty_store.iter_stored()}
    assert any(f.code == "X001" for found in before.values() for f in found)

    preview = empty_client.post("/import", files=[_file(EXAMPLES / "001_5643fb32fc07280b.txt")])
    empty_client.post(f"/import/batches/{_token(preview.url)}/confirm")
    after = {s.id: s.form.findings for s in empty_store.iter_stored() if s.id in before}
    x001 = [[f for f in found if f.code == "X001"] for found in before.values()]
    assert [[f for f in found if f.code == "X001"] for found in after.values()] == x001
    assert any(a != b for a, b in zip(after.values(), before.values(), strict=True))  # X004


def test_a_file_whose_reader_dies_is_refused_in_chinese(
    empty_client: TestClient, empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview reads in a child process (from a fork server: this is a request
    thread) under a time limit; past it the file is one failed line, the page stands."""
    from jixiao.service.isolation import SECONDS_ENV

    monkeypatch.setenv(SECONDS_ENV, "0.001")
    preview = empty_client.post("/import", files=[_file(SEED_004)])
    assert preview.status_code == 200
    assert _statuses(preview.text) == ["failed"]
    assert "处理超过时间上限（0.001 秒），已终止，本文件未导入" in preview.text
    assert empty_store.forms() == []
