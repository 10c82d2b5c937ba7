"""Any supported file → :class:`Document`: the reader is chosen by content, then name.

Text (.txt and anything that decodes as text), Excel (.xlsx), Word (.docx), HTML
(.html/.htm, or text that starts like a page). PDF and images are read by
``jixiao.read.pdf.read_pdf`` and ``jixiao.read.ocr.read_image`` when those modules
are installed; they plug in here without an edit (looked up by name at call time).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from jixiao.errors import ReadError
from jixiao.read._office import OLE_MAGIC, ZIP_MAGIC, open_bytes
from jixiao.read.document import Document
from jixiao.read.text import decode_text

__all__ = ["FORMATS", "detect_format", "read_any"]

FORMATS = ("text", "xlsx", "docx", "html", "pdf", "image")
_EXT = {
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".docx": "docx",
    ".docm": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".bmp": "image",
    ".txt": "text",
}
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")
_PLUGINS = {"pdf": ("jixiao.read.pdf", "read_pdf"), "image": ("jixiao.read.ocr", "read_image")}
_NAMES = {"pdf": "PDF", "image": "图片"}


def detect_format(data: bytes, name: str) -> str:
    """One of :data:`FORMATS` for a file's bytes; the extension breaks ties."""
    ext = _EXT.get(Path(name).suffix.lower())
    head = data[:8]
    if data.lstrip()[:5] == b"%PDF-" or head.startswith(b"%PDF"):
        return "pdf"
    if any(head.startswith(m) for m in _IMAGE_MAGIC):
        return "image"
    if head.startswith(ZIP_MAGIC) or head.startswith(OLE_MAGIC):
        if ext in ("xlsx", "docx"):
            return ext
        if b"word/document.xml" in data[:200_000] or b"word/" in data[:4096]:
            return "docx"
        if b"xl/workbook.xml" in data[:200_000] or b"xl/" in data[:4096]:
            return "xlsx"
        return ext if ext in ("xlsx", "docx") else "xlsx"
    if ext == "html":
        return "html"
    if ext in ("xlsx", "docx", "pdf", "image"):
        return ext  # the reader explains why the content does not fit
    return "text"


def read_any(path: str | Path) -> Document:
    """Read one file of any supported format. Raises :class:`ReadError` subclasses."""
    p = Path(path)
    data = open_bytes(p, allow_empty=True)
    kind = detect_format(data, p.name)
    if kind == "xlsx":
        from jixiao.read.xlsx import read_xlsx_bytes

        return read_xlsx_bytes(data, p.name)
    if kind == "docx":
        from jixiao.read.docx import read_docx_bytes

        return read_docx_bytes(data, p.name)
    if kind in _PLUGINS:
        return _plugin(kind)(p)
    text, encoding = decode_text(data, p.name)
    from jixiao.read.html import looks_like_html, read_html_text

    if kind == "html" and not text.strip():
        raise ReadError(f"文件「{p.name}」是空文件")
    if kind == "html" or looks_like_html(text):
        return read_html_text(text, p.name, encoding)
    return Document.from_text(p.name, text, encoding)


def _plugin(kind: str) -> Callable[[Path], Document]:
    module_name, function = _PLUGINS[kind]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        raise ReadError(f"本版本的 jixiao 还不能读取{_NAMES[kind]}文件") from None
    reader: Callable[[Path], Document] = getattr(module, function)
    return reader
