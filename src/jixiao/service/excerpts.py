"""The original lines of a stored form, for the 表单详情 page's 原文 panel and
``jixiao show --source``.

The store keeps each document's lines as the parser saw them (schema 0005), numbered as
the findings' line numbers; they are shown from there. Documents imported before that
have only where they were imported from (``documents.path``) and the SHA-256 of their
bytes: their lines are re-read from that path when the file is still there, and the page
says plainly when it is not, when it changed since the import, or when it is a scan
(re-reading would mean running OCR again).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.read.files import read_any
from jixiao.service.files import content_hash
from jixiao.store import Store

__all__ = ["SourceExcerpt", "source_excerpt"]

_CONTEXT = 2
_MAX_LINES = 2000


@dataclass(frozen=True)
class SourceExcerpt:
    """Numbered lines ``(number, text, in_form)`` and, if any, a note for the reader;
    ``kept`` is False when the store has not kept the document's lines (imported
    before schema 0005), so they were re-read from the original file or not shown."""

    file_name: str
    lines: tuple[tuple[int, str, bool], ...]
    note: str | None = None
    kept: bool = False


def _window(first: int, last: int, count: int) -> tuple[int, int, str | None]:
    """The lines to show of a document of ``count`` lines, and a note when cut short."""
    start = max(1, first - _CONTEXT)
    end = min(count, last + _CONTEXT, start + _MAX_LINES - 1)
    cut = f"只显示前 {_MAX_LINES} 行。" if end < min(count, last + _CONTEXT) else None
    return start, end, cut


def source_excerpt(store: Store, document_id: int, first: int, last: int) -> SourceExcerpt:
    """Lines ``first``–``last`` of the document (with a little context), or why not."""
    doc = store.document(document_id)
    if doc is None:
        return SourceExcerpt("", (), "数据库中找不到这张表所属的文件记录。")
    name = doc["file_name"]
    stored = store.document_lines(document_id, 1, 0)
    if stored is not None:
        start, end, cut = _window(first, last, stored.count)
        part = store.document_lines(document_id, start, end)
        shown = part.lines if part is not None else ()
        return SourceExcerpt(
            name,
            tuple((n, text, first <= n <= last) for n, text in shown),
            cut,
            kept=True,
        )
    if doc["format"] == "image":
        return SourceExcerpt(name, (), "原件是扫描图像，文字由 OCR 识别，此处不重新识别。")
    if not doc["path"]:
        return SourceExcerpt(name, (), "导入时没有记录原文件的位置，无法显示原文。")
    path = Path(doc["path"])
    if not path.is_file():
        return SourceExcerpt(name, (), f"原文件已不在导入时的位置（{doc['path']}），无法显示原文。")
    try:
        changed = content_hash(path)[0] != doc["content_hash"]
        document = read_any(path)
    except (JixiaoError, OSError) as err:
        return SourceExcerpt(name, (), f"无法重新读取原文件：{err}")
    start, end, cut = _window(first, last, len(document))
    lines = tuple((n, document.line(n).text, first <= n <= last) for n in range(start, end + 1))
    note = "原文件在导入后已被修改，以下是它现在的内容，行号可能已经对不上。" if changed else None
    if cut:
        note = (note + " " if note else "") + cut
    return SourceExcerpt(name, lines, note)
