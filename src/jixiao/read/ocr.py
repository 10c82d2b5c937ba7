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

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from jixiao.errors import ReadError
from jixiao.model.table import Cell, Table
from jixiao.read._ocr_engine import OcrUnavailableError, recognise, recognise_line
from jixiao.read._ocr_join import JoinedTable, join_pages
from jixiao.read._ocr_page import PageBlock, analyse_page
from jixiao.read.document import Document, DocumentBuilder

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
    """Read a PDF whose pages are images: each page rasterised at ``dpi``, then OCR."""
    path = Path(path)
    _require_engine()
    pages = [analyse_page(gray, dpi, recognise, recognise_line) for gray in _pdf_pages(path, dpi)]
    return _document(path.name, pages, dpi)


def _require_engine() -> None:
    from jixiao.read._ocr_engine import _engine

    _engine()


def _load_image(path: Path) -> tuple[npt.NDArray[np.uint8], float]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            image.load()
            info_dpi = image.info.get("dpi")
            gray = np.asarray(image.convert("L"), dtype=np.uint8)
    except FileNotFoundError as err:
        raise ReadError(f"找不到文件：{path}") from err
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


def _pdf_pages(path: Path, dpi: int) -> list[npt.NDArray[np.uint8]]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped,unused-ignore]

    if not path.exists():
        raise ReadError(f"找不到文件：{path}")
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        text = str(err).lower()
        if "password" in text:
            raise ReadError(f"PDF 文件已加密，无法读取：{path.name}") from err
        raise ReadError(f"无法打开 PDF 文件（文件为空或已损坏）：{path.name}") from err
    try:
        pages = []
        for index in range(len(pdf)):
            image = pdf[index].render(scale=dpi / 72).to_pil().convert("L")
            pages.append(np.asarray(image, dtype=np.uint8))
    finally:
        pdf.close()
    if not pages:
        raise ReadError(f"PDF 文件没有页面：{path.name}")
    return pages


def _document(name: str, pages: list[list[PageBlock]], dpi: float) -> Document:
    builder = DocumentBuilder(name, "image")
    doubtful = 0
    for page, item in join_pages(pages, tol=dpi * 0.05):
        if isinstance(item, str):
            builder.paragraph(item)
        else:
            builder.add_table(_to_table(item, dpi))
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


def _to_table(joined: JoinedTable, dpi: float) -> Table:
    cells = tuple(
        Cell(r, c, text, rowspan=rs, colspan=cs) for r, c, rs, cs, text in sorted(joined.rows)
    )
    char = dpi * 10.5 / 72  # a 五号 character, in pixels
    widths = tuple(round((b - a) / char, 1) for a, b in zip(joined.xs, joined.xs[1:], strict=False))
    return Table(
        joined.n_rows,
        joined.n_cols,
        cells,
        page=joined.page,
        col_widths=widths,
        pages=tuple(sorted(set(joined.row_pages))),
        ocr_doubts=tuple(joined.doubts),
    )
