"""The preview of an uploaded file: its forms, scores and findings, before it is stored.

Each staged file is checked by :func:`jixiao.service.check_upload` (the very pipeline
``jixiao import`` runs, :func:`jixiao.service.check_file`). Whether the store already
holds a file with the same content is said too (the import would skip it), and which
forms are already stored from another file (duplicates: the user chooses per form). Previews are
kept in memory per batch so that reloading the page does not parse again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Literal

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
            return known
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
        return made

    def put(self, token: str, preview: FilePreview) -> None:
        with self._lock:
            self._data.setdefault(token, {})[preview.index] = preview
            self._data.move_to_end(token)
            while len(self._data) > self._batches:
                self._data.popitem(last=False)

    def drop(self, token: str) -> None:
        with self._lock:
            self._data.pop(token, None)
