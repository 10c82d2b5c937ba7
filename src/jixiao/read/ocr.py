"""Scans: PNG/JPEG images and image-only PDF pages → a :class:`Document` with tables.

OCR (RapidOCR on onnxruntime) is the optional extra ``jixiao[ocr]``; it is imported
only here, when a scan is read. Tables are rebuilt from the ruling lines printed on
the page (merged cells where an internal rule is missing), each recognised character
goes into the cell holding its centre, and a table continued on the next page is
joined into one. Characters OCR is unsure of are listed in the table's ``ocr_doubts``
(:class:`~jixiao.model.table.OcrDoubt`) and counted in the document's ``meta``, so the
parsers' arithmetic checks can point at them.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from jixiao.errors import ReadError
from jixiao.model.table import Cell
from jixiao.read._ocr_engine import OcrUnavailableError, recognise, recognise_line
from jixiao.read._ocr_join import JoinedTable, join_pages
from jixiao.read._ocr_page import PageBlock, analyse_page
from jixiao.read._pdf_scan import check_streams
from jixiao.read.document import Document, DocumentBuilder
from jixiao.read.limits import LimitExceeded, current_limits
from jixiao.read.text import open_bytes

__all__ = ["SCAN_DPI", "OcrUnavailableError", "read_image", "read_images", "read_scanned_pdf"]

SCAN_DPI = 200
"""Resolution at which image-only PDF pages are rasterised for OCR."""


def read_image(path: str | Path) -> Document:
    """Read a scanned page saved as PNG or JPEG."""
    path = Path(path)
    gray, dpi = _load_image(path)
    _require_engine()
    return _document(path.name, [analyse_page(gray, dpi, recognise, recognise_line)], dpi)


def read_images(paths: Sequence[str | Path], name: str | None = None) -> Document:
    """Read the pages of one scanned document saved as several images, in order."""
    if not paths:
        raise ReadError("没有给出图像文件")
    loaded = [_load_image(Path(p)) for p in paths]
    _require_engine()
    pages = [analyse_page(gray, dpi, recognise, recognise_line) for gray, dpi in loaded]
    return _document(name or Path(paths[0]).name, pages, loaded[0][1])


def read_scanned_pdf(path: str | Path, dpi: int = SCAN_DPI) -> Document:
    """Read a PDF whose pages are images: each page rasterised at ``dpi``, then OCR.
    The page count and every page's size in pixels are held to the reader limits
    (:mod:`jixiao.read.limits`) before the OCR engine loads or a page is rasterised;
    one page image is in memory at a time."""
    path = Path(path)
    pdf = _open_scan(path, dpi)
    try:
        _require_engine()
        pages = [analyse_page(gray, dpi, recognise, recognise_line) for gray in _render(pdf, dpi)]
    finally:
        pdf.close()
    return _document(path.name, pages, dpi)


def _require_engine() -> None:
    from jixiao.read._ocr_engine import _engine

    _engine()


def _load_image(path: Path) -> tuple[npt.NDArray[np.uint8], float]:
    from PIL import Image, UnidentifiedImageError

    limits = current_limits()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:  # the header only: nothing decoded yet
                width, height = image.size
                limits.check("pixels", width * height, f"图像文件「{path.name}」的")
                image.load()
                info_dpi = image.info.get("dpi")
                gray = np.asarray(image.convert("L"), dtype=np.uint8)
    except FileNotFoundError as err:
        raise ReadError(f"找不到文件：{path}") from err
    except Image.DecompressionBombError as err:  # larger than Pillow opens at all
        found = re.search(r"\((\d+) pixels\)", str(err))
        size = int(found.group(1)) if found else limits.pixels + 1
        raise LimitExceeded("pixels", limits.pixels, size, f"图像文件「{path.name}」的") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise ReadError(f"无法读取图像文件（文件为空、已损坏或不是图像）：{path.name}") from err
    if gray.size == 0:
        raise ReadError(f"图像文件为空：{path.name}")
    return gray, _dpi_of(gray.shape, info_dpi)


def _dpi_of(shape: tuple[int, ...], info_dpi: object) -> float:
    """The image's resolution as stored, else guessed from an A4 page's width."""
    if isinstance(info_dpi, tuple) and info_dpi and float(info_dpi[0]) >= 50:
        return float(info_dpi[0])
    height, width = shape[0], shape[1]
    inches = 8.27 if width <= height else 11.69
    return float(min(600.0, max(72.0, width / inches)))


def _open_scan(path: Path, dpi: int) -> Any:
    """The opened PDF once its page count and page sizes at ``dpi`` are within limits."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped,unused-ignore]

    if not path.exists():
        raise ReadError(f"找不到文件：{path}")
    check_streams(open_bytes(path), path.name)  # before pdfium builds a page's objects
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        text = str(err).lower()
        if "password" in text:
            raise ReadError(f"PDF 文件已加密，无法读取：{path.name}") from err
        raise ReadError(f"无法打开 PDF 文件（文件为空或已损坏）：{path.name}") from err
    try:
        if len(pdf) == 0:
            raise ReadError(f"PDF 文件没有页面：{path.name}")
        limits = current_limits()
        limits.check("ocr_pages", len(pdf), f"扫描件「{path.name}」的")
        scale = dpi / 72
        for index in range(len(pdf)):
            width, height = pdf.get_page_size(index)  # points, read without the page
            where = f"扫描件「{path.name}」第 {index + 1} 页按 {dpi} dpi 转成图像后的"
            limits.check("pixels", round(width * scale) * round(height * scale), where)
    except BaseException:
        pdf.close()
        raise
    return pdf


def _render(pdf: Any, dpi: int) -> Iterator[npt.NDArray[np.uint8]]:
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            image = page.render(scale=dpi / 72).to_pil().convert("L")
        finally:
            page.close()
        yield np.asarray(image, dtype=np.uint8)


def _document(name: str, pages: list[list[PageBlock]], dpi: float) -> Document:
    builder = DocumentBuilder(name, "image")
    doubtful = 0
    for page, item in join_pages(pages, tol=dpi * 0.05):
        if isinstance(item, str):
            builder.paragraph(item)
        else:
            _add_table(builder, item, dpi)
            doubtful += len(item.doubts)
        _ = page
    builder.meta.update(
        {
            "pages": str(len(pages)),
            "ocr": "rapidocr",
            "dpi": str(round(dpi)),
            "ocr_doubtful": str(doubtful),
        }
    )
    return builder.build()


def _add_table(builder: DocumentBuilder, joined: JoinedTable, dpi: float) -> None:
    cells = [Cell(r, c, text, rowspan=rs, colspan=cs) for r, c, rs, cs, text in sorted(joined.rows)]
    char = dpi * 10.5 / 72  # a 五号 character, in pixels
    widths = tuple(round((b - a) / char, 1) for a, b in zip(joined.xs, joined.xs[1:], strict=False))
    builder.table(
        joined.n_rows,
        joined.n_cols,
        cells,
        page=joined.page,
        col_widths=widths,
        pages=tuple(sorted(set(joined.row_pages))),
        ocr_doubts=tuple(joined.doubts),
    )
