"""The preview of an uploaded file: its forms, scores and findings, before it is stored.

Each staged file is checked by :func:`jixiao.service.check_upload` (the very pipeline
``jixiao import`` runs, :func:`jixiao.service.check_file`). Whether the store already
holds a file with the same content is said too (the import would skip it), and which
forms are already stored from another file, or repeat a form earlier in the same upload
(another file of the batch, or the same file): duplicates, for which the user chooses per
form 跳过 / 替换 / 保留为新版本 (the import applies the choice to both kinds alike). Previews
are kept in memory per batch so that reloading the page does not parse again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Literal

from jixiao.model.governance import form_key
from jixiao.service import Checked, check_upload
from jixiao.service.importing import form_duplicates
from jixiao.store import Store
from jixiao.web.staging import Batch, Refusal, StagedFile, human_size

__all__ = ["FORMAT_LABELS", "FilePreview", "PreviewCache", "preview_file"]

PreviewStatus = Literal["ready", "stored", "duplicate", "failed", "refused"]

FORMAT_LABELS: dict[str, str] = {
    "text": "文本",
    "xlsx": "Excel",
    "docx": "Word",
    "html": "网页",
    "pdf": "PDF",
    "image": "图片",
}


@dataclass(frozen=True)
class FilePreview:
    """What the page shows for one file.

    ``status``: ``ready`` (parsed, will be stored), ``stored`` (the same content is
    already in the database), ``duplicate`` (the same content as an earlier file of the
    batch, named in ``error``), ``failed`` (no form could be read: ``error`` says why),
    ``refused`` (not accepted at upload: too large, wrong type).
    """

    index: int
    name: str
    size: int
    status: PreviewStatus
    format: str | None = None
    layout: str | None = None
    error: str | None = None
    forms: tuple[Checked, ...] = field(default=())
    duplicates: tuple[tuple[int, ...], ...] = field(default=())
    """For each form, the stored current forms it duplicates (the import asks what to do)."""
    batch_twins: tuple[str | None, ...] = field(default=())
    """For each form, the earlier form of the same upload it repeats (「a.docx」第 2 张表),
    or ``None``; the import asks what to do with it as with a stored duplicate."""

    def twin_of(self, n: int) -> str | None:
        """The earlier form of the upload the ``n``-th form repeats, if any."""
        return self.batch_twins[n] if n < len(self.batch_twins) else None

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(self.format or "", self.format or "—")

    @property
    def size_text(self) -> str:
        return human_size(self.size)

    @property
    def errors(self) -> int:
        return sum(c.errors for c in self.forms)

    @property
    def warnings(self) -> int:
        return sum(c.warnings for c in self.forms)


def preview_file(staged: StagedFile, store: Store) -> FilePreview:
    """Parse, score and audit one staged file (never raises for a bad file)."""
    parsed, checked = check_upload(staged.path)
    index, name, size = staged.index, staged.name, staged.size
    if parsed.error is not None:
        return FilePreview(index, name, size, "failed", staged.format, error=parsed.error)
    status: PreviewStatus = "stored" if store.has_document(staged.content_hash) else "ready"
    twins = form_duplicates(store, [c.form for c in checked])
    return FilePreview(
        index,
        name,
        size,
        status,
        parsed.format,
        parsed.layout,
        forms=tuple(checked),
        duplicates=tuple(tuple(t) for t in twins),
    )


class PreviewCache:
    """Previews by (batch token, file index); the least recently used batches drop out."""

    def __init__(self, batches: int = 32) -> None:
        self._batches = batches
        self._data: OrderedDict[str, dict[int, FilePreview]] = OrderedDict()
        self._lock = threading.Lock()

    def previews(self, batch: Batch, store: Store) -> list[FilePreview]:
        """The preview of every file of ``batch``, refused ones included, in order."""
        return [self.get(batch, entry, store) for entry in batch.entries()]

    def get(self, batch: Batch, staged: StagedFile | Refusal, store: Store) -> FilePreview:
        """The preview of ``staged``, computed on first use."""
        if isinstance(staged, Refusal):
            return FilePreview(staged.index, staged.name, 0, "refused", error=staged.message)
        with self._lock:
            known = self._data.get(batch.token, {}).get(staged.index)
        if known is not None:
            return self._with_twins(batch.token, known)
        twin = next(
            (
                f
                for f in batch.files()
                if f.index < staged.index and f.content_hash == staged.content_hash
            ),
            None,
        )
        if twin is not None:
            note = f"与本批中的「{twin.name}」内容相同，入库时跳过"
            return FilePreview(
                staged.index, staged.name, staged.size, "duplicate", staged.format, error=note
            )
        made = preview_file(staged, store)
        self.put(batch.token, made)
        return self._with_twins(batch.token, made)

    def _with_twins(self, token: str, preview: FilePreview) -> FilePreview:
        """``preview`` with the forms of the upload each of its forms repeats: an earlier
        form of the same file or of an earlier file of the batch (as previewed so far)."""
        with self._lock:
            earlier = sorted(
                (p for i, p in self._data.get(token, {}).items() if i < preview.index),
                key=lambda p: p.index,
            )
        seen: dict[str, str] = {}
        for other in earlier:
            for n, checked in enumerate(other.forms):
                key = form_key(checked.form)
                if key is not None and key not in seen:
                    seen[key] = f"本批「{other.name}」第 {n + 1} 张表"
        twins: list[str | None] = []
        for n, checked in enumerate(preview.forms):
            key = form_key(checked.form)
            twins.append(seen.get(key) if key is not None else None)
            if key is not None and key not in seen:
                seen[key] = f"本文件第 {n + 1} 张表"
        return replace(preview, batch_twins=tuple(twins))

    def put(self, token: str, preview: FilePreview) -> None:
        with self._lock:
            self._data.setdefault(token, {})[preview.index] = preview
            self._data.move_to_end(token)
            while len(self._data) > self._batches:
                self._data.popitem(last=False)

    def drop(self, token: str) -> None:
        with self._lock:
            self._data.pop(token, None)
