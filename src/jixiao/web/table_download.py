"""One table of the export (汇总 or 审核发现) as a download: the filtered list of a page,
as csv (UTF-8 with BOM, opens in Excel) or xlsx (that one sheet)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from fastapi.responses import Response

from jixiao.export import build_workbook, write_csv
from jixiao.export.rows import TABLE_TITLES, ExportItem, TableName
from jixiao.web.errors import ApiError

__all__ = ["XLSX_TYPE", "download", "table_download"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(body: bytes, name: str, media_type: str, ascii_name: str | None = None) -> Response:
    """``body`` as an attachment named ``name`` (a Chinese name, RFC 5987 ``filename*``),
    with ``ascii_name`` as the plain ``filename`` for old clients when given."""
    disposition = f"attachment; filename*=UTF-8''{quote(name)}"
    if ascii_name:
        disposition = f'attachment; filename="{ascii_name}"; ' + disposition.removeprefix(
            "attachment; "
        )
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


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
