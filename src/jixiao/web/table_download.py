"""One table of the export (汇总 or 审核发现) as a download: the filtered list of a page,
as csv (UTF-8 with BOM, opens in Excel) or xlsx (that one sheet)."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from fastapi.responses import Response

from jixiao.export import build_workbook, write_csv
from jixiao.export.rows import TABLE_TITLES, ExportItem, TableName
from jixiao.web.errors import ApiError

__all__ = ["XLSX_TYPE", "content_disposition", "download", "table_download"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def content_disposition(name: str, ascii_name: str | None = None) -> str:
    """``attachment`` named ``name`` (RFC 5987 ``filename*``: every byte but letters,
    digits and ``-._~`` percent-encoded, so no quote, semicolon, slash or line break of
    a form's title reaches the header), with ``ascii_name`` as the plain ``filename``
    for old clients (only ``A-Z a-z 0-9 . _ -`` kept)."""
    disposition = f"attachment; filename*=UTF-8''{quote(name, safe='')}"
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", ascii_name or "")
    return (
        disposition.replace("attachment; ", f'attachment; filename="{plain}"; ')
        if plain
        else disposition
    )


def download(body: bytes, name: str, media_type: str, ascii_name: str | None = None) -> Response:
    """``body`` as an attachment (:func:`content_disposition`)."""
    headers = {"Content-Disposition": content_disposition(name, ascii_name)}
    return Response(body, media_type=media_type, headers=headers)


def table_download(items: Iterable[ExportItem], table: TableName, suffix: str) -> Response:
    """The ``table`` rows of ``items`` as ``<title>.csv`` or ``<title>.xlsx``; another
    suffix is a 404."""
    title = TABLE_TITLES[table]
    if suffix == "csv":
        with tempfile.TemporaryDirectory(prefix="jixiao-web-") as tmp:
            path = Path(tmp) / f"{table}.csv"
            write_csv(items, path, table)
            return download(path.read_bytes(), f"{title}.csv", "text/csv; charset=utf-8")
    if suffix == "xlsx":
        workbook = build_workbook(items, official=False)
        for name, other in TABLE_TITLES.items():
            if name != table:
                workbook.remove(workbook[other])
        buffer = BytesIO()
        workbook.save(buffer)
        return download(buffer.getvalue(), f"{title}.xlsx", XLSX_TYPE)
    raise ApiError(404, f"不支持的导出格式：{suffix}（可选 csv、xlsx）")
