"""Uploaded files waiting for the user to confirm the import (导入 → 确认入库).

A *batch* is a folder ``<root>/<token>/`` named by a random token (``root`` is by
default ``<temp>/jixiao-uploads-<uid>``, private to the server's user); each accepted file
lies in ``<root>/<token>/<NNN>/<its own name>`` so that the import stores it under the
name the user gave it. Everything lives on disk (any worker process of the server can
find a batch by its token); a batch older than ``ttl`` seconds is removed the next time
any batch is opened or created.

Files are checked while they are copied in: the size limit per file and per batch
(:class:`UploadLimits`) and the type, recognised by content (as the readers of
:mod:`jixiao.read` do), never by the extension alone. A refused file is not kept; the
reason is a Chinese line for the page.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from jixiao.atomic import write_atomic
from jixiao.errors import DecodeError
from jixiao.read.files import detect_format
from jixiao.read.text import decode_text

__all__ = [
    "MULTIPART_OVERHEAD",
    "Batch",
    "Refusal",
    "StagedFile",
    "Staging",
    "UploadLimits",
    "UploadRefused",
    "human_size",
    "sniff_type",
]

_CHUNK = 1 << 20
_HEAD = 256 * 1024
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


MULTIPART_OVERHEAD = 64 * 1024
"""Bytes of a multipart upload beyond its files (boundaries, part headers, fields)."""


@dataclass(frozen=True)
class UploadLimits:
    """How much one upload may bring. Set ``app.state.upload_limits`` to change them."""

    file_bytes: int = 50 * 1024 * 1024
    """One file (50 MiB: a scanned PDF of a whole year's disclosures fits)."""
    batch_bytes: int = 500 * 1024 * 1024
    """All files of one batch together, and one request."""
    files: int = 500
    """Files in one batch."""
    ttl_seconds: int = 6 * 3600
    """How long an unconfirmed batch is kept."""


class UploadRefused(Exception):
    """A file (or request) was refused; ``message`` is one Chinese line."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class StagedFile:
    """One accepted file of a batch."""

    index: int
    name: str
    path: Path
    size: int
    content_hash: str
    format: str


@dataclass(frozen=True)
class Refusal:
    """A file that was not accepted, and why (kept so the page can show it)."""

    index: int
    name: str
    message: str


@dataclass(frozen=True)
class Batch:
    """A folder of uploaded files, named by its token."""

    token: str
    dir: Path

    def entries(self) -> list[StagedFile | Refusal]:
        """Every file sent to the batch, accepted or refused, in upload order (files still
        being copied in are left out)."""
        out: list[StagedFile | Refusal] = []
        for slot in sorted(p for p in self.dir.iterdir() if p.is_dir() and p.name.isdigit()):
            try:
                entry = _entry(slot)
            except FileNotFoundError:  # refused or removed while we looked
                continue
            if entry is not None:
                out.append(entry)
        return out

    def files(self) -> list[StagedFile]:
        """The accepted files, in upload order."""
        return [e for e in self.entries() if isinstance(e, StagedFile)]

    def size(self) -> int:
        """Bytes held by the batch."""
        return sum(f.size for f in self.files())


def _entry(slot: Path) -> StagedFile | Refusal | None:
    index = int(slot.name)
    refused = slot / ".refused"
    if refused.is_file():
        name, _, message = refused.read_text(encoding="utf-8").partition("\n")
        return Refusal(index, name, message)
    found = [p for p in slot.iterdir() if p.is_file() and not p.name.startswith(".")]
    meta = slot / ".meta"
    if len(found) != 1 or not meta.is_file():
        return None  # a file still being copied in
    digest, fmt = meta.read_text(encoding="utf-8").split()  # written atomically
    path = found[0]
    return StagedFile(index, path.name, path, path.stat().st_size, digest, fmt)


def human_size(n: int) -> str:
    """``52428800`` → ``50 MiB``."""
    value = float(n)
    for unit in ("字节", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            text = f"{value:.0f}" if unit == "字节" or value >= 10 else f"{value:.1f}"
            return f"{text} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def sniff_type(head: bytes, name: str) -> str:
    """The format (:data:`jixiao.read.files.FORMATS`) of a file by its first bytes.

    Raises :class:`UploadRefused` for a file no reader takes: empty, or binary content
    that is neither PDF, image, Word nor Excel.
    """
    if not head.strip():
        raise UploadRefused(f"「{name}」是空文件")
    fmt = detect_format(head, name)
    if fmt != "text" and fmt != "html":
        return fmt
    for cut in range(4):  # the head may end inside a multi-byte character
        try:
            decode_text(head[: len(head) - cut] if cut else head, name)
        except DecodeError:
            continue
        return fmt
    raise UploadRefused(
        f"「{name}」不是可识别的文件类型（支持 PDF、Word .docx、Excel .xlsx、HTML、"
        "图片和文本文件）",
        status=415,
    )


def _safe_name(name: str, index: int) -> str:
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = _UNSAFE.sub("_", base).strip().lstrip(".")
    return base[:180] or f"文件{index + 1}"


def _default_folder() -> str:
    """``jixiao-uploads-<uid>``: one private folder per user of the machine."""
    uid = getattr(os, "getuid", None)
    return f"jixiao-uploads-{uid()}" if uid else "jixiao-uploads"


class Staging:
    """The folder of every batch. One per application (``app.state.staging``)."""

    def __init__(self, root: Path | None = None, ttl_seconds: int = UploadLimits.ttl_seconds):
        self.root = root or Path(tempfile.gettempdir()) / _default_folder()
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.ttl_seconds = ttl_seconds
        self._lock = threading.Lock()

    def new_batch(self) -> Batch:
        """A new, empty batch."""
        self.purge_expired()
        token = secrets.token_urlsafe(18)
        path = self.root / token
        path.mkdir()
        return Batch(token, path)

    def batch(self, token: str) -> Batch | None:
        """The batch of ``token`` if it exists and has not expired."""
        self.purge_expired()
        if not _TOKEN.match(token):
            return None
        path = self.root / token
        return Batch(token, path) if path.is_dir() else None

    def discard(self, batch: Batch) -> None:
        """Remove a batch and its files."""
        shutil.rmtree(batch.dir, ignore_errors=True)

    def purge_expired(self) -> int:
        """Remove batches older than the time to live; how many."""
        limit = time.time() - self.ttl_seconds
        removed = 0
        for path in self._batch_dirs():
            try:
                if path.stat().st_mtime < limit:
                    shutil.rmtree(path, ignore_errors=True)
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def _batch_dirs(self) -> Iterator[Path]:
        try:
            yield from (p for p in self.root.iterdir() if p.is_dir() and _TOKEN.match(p.name))
        except FileNotFoundError:
            return

    def add(self, batch: Batch, name: str, stream: BinaryIO, limits: UploadLimits) -> StagedFile:
        """Copy one uploaded file into ``batch``, checking size and type as it comes.

        Raises :class:`UploadRefused` (nothing is kept) when the file is empty, too
        large, of no supported type, or the batch is full.
        """
        with self._lock:
            slots = [p for p in batch.dir.iterdir() if p.name.isdigit()]
            if len(slots) >= limits.files:
                raise UploadRefused(f"一次最多上传 {limits.files} 个文件", status=413)
            index = max((int(p.name) for p in slots), default=-1) + 1
            while True:  # another server process may take the same number
                slot = batch.dir / f"{index:04d}"
                try:
                    slot.mkdir()
                    break
                except FileExistsError:
                    index += 1
        room = limits.batch_bytes - batch.size()
        try:
            return self._copy(slot, index, name, stream, limits, room)
        except UploadRefused as err:
            for path in slot.iterdir():
                path.unlink()
            write_atomic(slot / ".refused", f"{_safe_name(name, index)}\n{err.message}")
            raise
        except BaseException:
            shutil.rmtree(slot, ignore_errors=True)
            raise

    def _copy(
        self, slot: Path, index: int, name: str, stream: BinaryIO, limits: UploadLimits, room: int
    ) -> StagedFile:
        safe = _safe_name(name, index)
        target = slot / safe
        digest = hashlib.sha256()
        size = 0
        head = b""
        with target.open("wb") as out:
            while block := stream.read(_CHUNK):
                size += len(block)
                if size > limits.file_bytes:
                    raise UploadRefused(
                        f"「{safe}」超过单个文件的大小上限 {human_size(limits.file_bytes)}",
                        status=413,
                    )
                if size > room:
                    raise UploadRefused(
                        f"本批文件合计超过上限 {human_size(limits.batch_bytes)}，「{safe}」未收下",
                        status=413,
                    )
                if len(head) < _HEAD:
                    head += block[: _HEAD - len(head)]
                digest.update(block)
                out.write(block)
        fmt = sniff_type(head, safe)
        hexdigest = digest.hexdigest()
        write_atomic(slot / ".meta", f"{hexdigest} {fmt}")
        return StagedFile(index, safe, target, size, hexdigest, fmt)
