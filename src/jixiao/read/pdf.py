"""PDF files with a text layer → :class:`Document` with tables (pypdfium2).

Characters with their boxes and the ruling lines of every page give the table grids:
merged cells where an internal rule is missing, text wrapped inside a cell joined in
reading order, a table continued on the next page joined into one (its repeated header
rows dropped). Text outside tables becomes paragraphs, one per printed line; tables and
paragraphs keep page order (page numbers that stood between the parts of a joined
table come right after it). A PDF without any text (a scan) raises
:class:`ScannedPdfError`, which the OCR reader catches.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from jixiao.errors import ReadError
from jixiao.read._pdf_join import join_pages, to_table
from jixiao.read._pdf_page import PageLine, PageTable, read_page
from jixiao.read._pdf_scan import check_streams
from jixiao.read.document import Document, DocumentBuilder
from jixiao.read.limits import current_limits, use_limits
from jixiao.read.text import open_bytes

__all__ = ["ScannedPdfError", "read_pdf"]

_TAIL = 4096
"""Bytes at the end of the file searched for ``%%EOF``."""


class ScannedPdfError(ReadError):
    """A PDF with pages but no text layer at all (a scan): it needs OCR."""

    def __init__(self, message: str, path: Path, pages: int) -> None:
        super().__init__(message)
        self.path = path
        self.pages = pages


def read_pdf(path: str | Path, data: bytes | None = None) -> Document:
    """Read a PDF with a text layer; raise :class:`ReadError` for anything unreadable.

    ``data`` is the file's content when the caller has already read it.
    """
    p = Path(path)
    if data is None:
        data = open_bytes(p)
    _check_bytes(data, p)
    with use_limits(current_limits()):  # looked up once, not on every page
        check_streams(data, p.name)  # before pdfium builds a page's objects
        try:
            pdf = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            raise _open_error(p, exc) from None
        try:
            return _read(pdf, p)
        except pdfium.PdfiumError:
            raise ReadError(f"文件「{p.name}」已损坏，无法读取其中的页面") from None
        finally:
            pdf.close()


def _check_bytes(data: bytes, p: Path) -> None:
    if not data:
        raise ReadError(f"文件「{p.name}」是空文件")
    if b"%PDF-" not in data[:1024]:
        raise ReadError(f"文件「{p.name}」不是 PDF 文件（文件头不是 %PDF-）")
    if b"%%EOF" not in data[-_TAIL:]:
        raise ReadError(f"文件「{p.name}」不完整（可能在下载或复制时被截断），无法读取")


def _open_error(p: Path, exc: pdfium.PdfiumError) -> ReadError:
    code = getattr(exc, "err_code", None)
    if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
        return ReadError(f"文件「{p.name}」已加密，无法读取")
    return ReadError(f"文件「{p.name}」已损坏，不是可以读取的 PDF")


def _read(pdf: pdfium.PdfDocument, p: Path) -> Document:
    n_pages = len(pdf)
    if n_pages == 0:
        raise ReadError(f"文件「{p.name}」没有任何页面")
    current_limits().check("pdf_pages", n_pages, f"文件「{p.name}」的")
    items: list[PageLine | PageTable] = []
    blank: list[int] = []
    for index in range(n_pages):
        page = pdf[index]
        try:
            page_items, n_chars = read_page(page, index + 1, f"文件「{p.name}」第 {index + 1} 页的")
        finally:
            page.close()
        items.extend(page_items)
        if n_chars == 0:
            blank.append(index + 1)
    if len(blank) == n_pages:
        raise ScannedPdfError(
            f"文件「{p.name}」没有文字层（可能是扫描件），需要文字识别："
            "请安装 pip install 'jixiao[ocr]'",
            p,
            n_pages,
        )
    builder = DocumentBuilder(p.name, "pdf")
    builder.meta["pages"] = str(n_pages)
    if blank:
        builder.meta["pages_without_text"] = ",".join(map(str, blank))
    for item in join_pages(items):
        if isinstance(item, PageLine):
            builder.paragraph(item.text)
            continue
        n_rows, n_cols, cells, widths = to_table(item)
        builder.table(
            n_rows, n_cols, cells, page=item.page, col_widths=widths, pages=tuple(item.pages)
        )
    return builder.build()
