"""How much of a file the readers take: one place for every limit, checked before allocation.

A hostile or damaged file must not exhaust the machine: a small zip that inflates to
gigabytes, a merge over a whole sheet, a 200-inch PDF page rasterised for OCR. Every
reader asks :func:`current_limits` and checks what a file *says* it holds (a file's size,
a zip member's size, a grid's extent, a page's size) before it builds anything of that
size, and again while streaming when the file could lie (a zip member's real size).

A limit that is hit is a :class:`LimitExceeded` (a :class:`~jixiao.errors.ReadError`:
exit 2 in the CLI, a refusal in the web preview): one Chinese line naming what was too
large, the limit, and how to raise it.

The defaults suit published forms with a wide margin (a form is a few pages, a few
hundred rows). Each limit can be changed for a run through the environment variable
``JIXIAO_LIMIT_<NAME>`` (``JIXIAO_LIMIT_CELLS=1000000``; sizes take ``K``/``M``/``G``:
``JIXIAO_LIMIT_FILE_BYTES=200M``), which the CLI's ``--limit name=value`` sets for the
command and its worker processes, or in code with :func:`use_limits`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from jixiao.errors import ReadError, UsageError

__all__ = [
    "ENV_PREFIX",
    "LIMIT_LABELS",
    "LimitExceeded",
    "ReadLimits",
    "bounded_int",
    "current_limits",
    "env_name",
    "human_bytes",
    "limit_variables",
    "limits_from",
    "parse_limit",
    "use_limits",
]

_KIB = 1024
_MIB = 1024 * _KIB
_GIB = 1024 * _MIB

ENV_PREFIX = "JIXIAO_LIMIT_"


@dataclass(frozen=True)
class ReadLimits:
    """The limits of one read. Sizes are bytes; every field is also an environment variable
    ``JIXIAO_LIMIT_<FIELD>`` (upper case)."""

    file_bytes: int = 64 * _MIB
    """Any file (a scanned PDF of a year's disclosures fits)."""
    text_bytes: int = 4 * _MIB
    """A text or HTML file (a form as text is some ten kilobytes)."""
    html_tags: int = 200_000
    """Tags of an HTML page, counted before it is parsed (Python's HTML parser takes some
    ten microseconds a tag; a published page has a few ten thousand)."""
    lines: int = 200_000
    """Lines of one document (a text file's lines, a structured file's paragraphs and
    table rows together)."""
    line_chars: int = 200_000
    """Characters of one line (a form's longest, a whole form run on without breaks, has
    some ten thousand; the parsers' time grows with a line's length)."""
    zip_members: int = 2_000
    """Members of an xlsx/docx zip archive."""
    member_bytes: int = 64 * _MIB
    """One zip member, inflated (its declared size, and the bytes it really inflates to)."""
    zip_bytes: int = 256 * _MIB
    """All members of a zip archive together, inflated."""
    xml_elements: int = 1_000_000
    """Elements of one XML member of a zip archive (python-docx builds a part's whole
    tree: a Word form has some tens of thousands)."""
    zip_ratio: int = 200
    """Inflated size over compressed size of a zip member larger than 1 MiB (a sheet's
    XML packs some 10–30 times; a zip bomb a thousand times)."""
    rows: int = 50_000
    """Rows of one table (a sheet, a Word or HTML table)."""
    columns: int = 1_000
    """Columns of one table."""
    cells: int = 250_000
    """Rows × columns of all the tables of one file together (merged cells count for
    every position they cover)."""
    pdf_pages: int = 1_000
    """Pages of a PDF."""
    pdf_objects: int = 200_000
    """Characters, and objects drawn (paths, forms and what forms draw), of one PDF page
    (a form's page has a few thousand of each)."""
    ocr_pages: int = 40
    """Pages of a scan read by OCR (an image-only PDF; each page takes seconds)."""
    pixels: int = 25_000_000
    """Pixels of an image for OCR, and of a PDF page rasterised for OCR (page area ×
    the scan resolution²): 5000 × 5000; an A3 page at 300 dpi has 17 million."""

    def check(self, name: str, found: int, subject: str) -> None:
        """Raise :class:`LimitExceeded` when ``found`` is more than limit ``name``;
        ``subject`` says what was counted, for the user (``文件「a.xlsx」的工作表「表1」``)."""
        limit = int(getattr(self, name))
        if found > limit:
            raise LimitExceeded(name, limit, found, subject)


LIMIT_LABELS: dict[str, str] = {
    "file_bytes": "大小",
    "text_bytes": "大小（文本、网页文件）",
    "html_tags": "HTML 标签数",
    "lines": "行数",
    "line_chars": "一行的字符数",
    "zip_members": "压缩包成员数",
    "member_bytes": "解压后大小",
    "zip_bytes": "压缩包解压后总大小",
    "xml_elements": "XML 元素数",
    "zip_ratio": "压缩比",
    "rows": "表格行数",
    "columns": "表格列数",
    "cells": "表格单元格数（行数×列数）",
    "pdf_pages": "页数",
    "pdf_objects": "对象数（字符、路径与表单）",
    "ocr_pages": "需文字识别的页数",
    "pixels": "像素数",
}
"""What each limit bounds, in the words the error message uses."""

_SIZES = frozenset({"file_bytes", "text_bytes", "member_bytes", "zip_bytes"})


class LimitExceeded(ReadError):
    """A file holds (or says it holds) more than a reader limit allows."""

    def __init__(self, name: str, limit: int, found: int, subject: str) -> None:
        label = LIMIT_LABELS[name]
        # counted as it streamed, stopped one past the limit: only "more" is known
        amount = "" if found == limit + 1 else f"为 {_amount(name, found)}，"
        message = (
            f"{subject}{label}{amount}超过读取上限 {_amount(name, limit)}"
            f"（可用 --limit {name}=… 或环境变量 {env_name(name)} 调高）"
        )
        super().__init__(message)
        self.name = name
        self.limit = limit
        self.found = found


def env_name(name: str) -> str:
    """The environment variable of limit ``name`` (``JIXIAO_LIMIT_CELLS``)."""
    return ENV_PREFIX + name.upper()


def human_bytes(size: int) -> str:
    """``1536`` → ``1.5 KB``: a size as the messages write it (binary units)."""
    for unit, scale in (("GB", _GIB), ("MB", _MIB), ("KB", _KIB)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} 字节"


def _amount(name: str, value: int) -> str:
    if name in _SIZES:
        return human_bytes(value)
    if name == "zip_ratio":
        return f"{value} 倍"
    return f"{value:,}"


_VALUE = re.compile(r"^\s*([0-9][0-9_]*)\s*([KMG]?)(?:I?B)?\s*$", re.I)
_SCALE = {"": 1, "K": _KIB, "M": _MIB, "G": _GIB}


def parse_limit(name: str, text: str) -> int:
    """A limit's value as written (``1000000``, ``1_000_000``, ``200M``, ``2GiB``); a
    :class:`~jixiao.errors.UsageError` for an unknown limit or a value that is not a
    positive whole number."""
    if name not in LIMIT_LABELS:
        known = "、".join(LIMIT_LABELS)
        raise UsageError(f"没有名为「{name}」的读取上限（可用：{known}）")
    match = _VALUE.match(text)
    value = int(match.group(1)) * _SCALE[match.group(2).upper()] if match else 0
    if value < 1:
        raise UsageError(f"读取上限 {name} 的值「{text}」不是正整数（大小可写 200M、2G）")
    return value


def limit_variables(assignments: Iterable[str]) -> dict[str, str]:
    """``["cells=1000000", "file_bytes=200M"]`` (the CLI's ``--limit``) → the environment
    variables that set them; a :class:`~jixiao.errors.UsageError` for a malformed one."""
    out: dict[str, str] = {}
    for assignment in assignments:
        name, equals, value = assignment.partition("=")
        if not equals:
            raise UsageError(f"读取上限「{assignment}」应写成 名称=值，如 cells=1000000")
        out[env_name(name.strip())] = str(parse_limit(name.strip(), value))
    return out


def limits_from(environ: Mapping[str, str]) -> ReadLimits:
    """The defaults, changed by the ``JIXIAO_LIMIT_*`` variables of ``environ``."""
    changed = {
        f.name: parse_limit(f.name, environ[env_name(f.name)])
        for f in fields(ReadLimits)
        if env_name(f.name) in environ
    }
    return replace(ReadLimits(), **changed) if changed else ReadLimits()


_OVERRIDE: ContextVar[ReadLimits | None] = ContextVar("jixiao_read_limits", default=None)


def current_limits() -> ReadLimits:
    """The limits in force: those given to :func:`use_limits`, else the defaults changed
    by the environment."""
    return _OVERRIDE.get() or limits_from(os.environ)


@contextmanager
def use_limits(limits: ReadLimits) -> Iterator[ReadLimits]:
    """Read with ``limits`` inside the ``with`` block (this thread or task only)."""
    token = _OVERRIDE.set(limits)
    try:
        yield limits
    finally:
        _OVERRIDE.reset(token)


def bounded_int(value: str | None, least: int, most: int) -> int:
    """An integer attribute of a file (a span, a skip, a width) kept within
    ``least``..``most``; text that is no integer (``100%``) counts as ``least``. A file
    states such numbers; none of them may size an allocation unchecked."""
    try:
        number = int(value or least)
    except ValueError:
        return least
    return min(max(number, least), most)
