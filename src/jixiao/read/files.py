"""Any supported file → :class:`Document`: the reader is chosen by content, then name.

Text (.txt and anything that decodes as text), Excel (.xlsx), Word (.docx), HTML
(.html/.htm, or text that starts like a page), PDF with a text layer, and scans: PNG/JPEG
images and image-only PDFs go to OCR (the optional extra ``jixiao[ocr]``).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import ReadError
from jixiao.read._office import OLE_MAGIC, ZIP_MAGIC
from jixiao.read.document import Document
from jixiao.read.plugin import installed_readers, reader_for
from jixiao.read.text import decode_text, open_bytes

__all__ = ["FORMATS", "SUFFIXES", "detect_format", "read_any", "readable_suffixes"]

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
SUFFIXES: frozenset[str] = frozenset(_EXT)
"""The extensions a reader handles: what a folder import and an upload pick up."""


def readable_suffixes() -> frozenset[str]:
    """:data:`SUFFIXES` and those of the installed plug-in readers (:mod:`.plugin`)."""
    return SUFFIXES | {s for r in installed_readers(SUFFIXES) for s in r.suffixes}


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")


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
    """Read one file of any supported format (a plug-in's too: :mod:`jixiao.read.plugin`).
    Raises :class:`ReadError` subclasses."""
    p = Path(path)
    data = open_bytes(p, allow_empty=True)
    plugin = reader_for(p.name, frozenset(_EXT))
    if plugin is not None:
        return plugin.read(p, data)
    kind = detect_format(data, p.name)
    if kind == "xlsx":
        from jixiao.read.xlsx import read_xlsx_bytes

        return read_xlsx_bytes(data, p.name)
    if kind == "docx":
        from jixiao.read.docx import read_docx_bytes

        return read_docx_bytes(data, p.name)
    if kind == "pdf":
        from jixiao.read.pdf import ScannedPdfError, read_pdf

        try:
            return read_pdf(p, data)
        except ScannedPdfError:
            from jixiao.read.ocr import read_scanned_pdf

            return read_scanned_pdf(p)
    if kind == "image":
        from jixiao.read.ocr import read_image

        return read_image(p)
    text, encoding = decode_text(data, p.name)
    from jixiao.read.html import looks_like_html, read_html_text

    if kind == "html" and not text.strip():
        raise ReadError(f"文件「{p.name}」是空文件")
    if kind == "html" or looks_like_html(text):
        return read_html_text(text, p.name, encoding)
    return Document.from_text(p.name, text, encoding)
