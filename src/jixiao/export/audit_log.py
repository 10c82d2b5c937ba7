"""The audit log as a download: CSV (UTF-8 with BOM) or xlsx, one row per change, every
text cell made inert (:mod:`jixiao.render.inert_cells`: a reason typed as ``=1+1``
stays text)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook

from jixiao.export.csv import ENCODING
from jixiao.model.governance import CHANGE_LABELS, ChangeAction
from jixiao.model.labels import beijing_time
from jixiao.render.inert_cells import inert_csv_text, inert_xlsx_cell

__all__ = ["LOG_HEADERS", "log_cells", "log_csv", "log_xlsx"]

LOG_HEADERS = ("时间（北京时间）", "用户", "操作", "文件编号", "表单编号", "导入运行", "说明")


def _action(value: str) -> str:
    try:
        return CHANGE_LABELS[ChangeAction(value)]
    except ValueError:
        return value


def log_cells(entry: Mapping[str, Any]) -> list[object]:
    """One audit-log entry (:meth:`jixiao.store.Store.change_log`) as the cells of a row."""
    return [
        beijing_time(entry["at"]).strftime("%Y-%m-%d %H:%M:%S"),
        entry["username"],
        _action(entry["action"]),
        entry["document_id"],
        entry["form_id"],
        entry["run_id"],
        entry["summary"],
    ]


def log_csv(entries: Iterable[Mapping[str, Any]]) -> bytes:
    """The entries as CSV bytes (UTF-8 with BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(LOG_HEADERS)
    for entry in entries:
        writer.writerow(["" if v is None else inert_csv_text(str(v)) for v in log_cells(entry)])
    return buffer.getvalue().encode(ENCODING)


def log_xlsx(entries: Iterable[Mapping[str, Any]]) -> bytes:
    """The entries as an xlsx workbook of one sheet, 操作日志."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "操作日志"
    sheet.append(LOG_HEADERS)
    for entry in entries:
        sheet.append(log_cells(entry))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            inert_xlsx_cell(cell)
    for column, width in zip("ABCDEFG", (20, 18, 10, 9, 9, 9, 80), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
