"""Checks shared by the Office Open XML readers (xlsx, docx) before a library sees a file.

An OOXML file is a zip archive. A password-protected one is an OLE compound file
holding an ``EncryptionInfo`` stream; an old binary ``.xls``/``.doc`` is an OLE file
without it. Each case gets its own one-line Chinese message.
"""

from __future__ import annotations

import io
import zipfile

from jixiao.errors import ReadError

__all__ = ["OLE_MAGIC", "ZIP_MAGIC", "check_ooxml"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION = "EncryptionInfo".encode("utf-16-le")


def check_ooxml(data: bytes, name: str, what: str, part: str) -> None:
    """Raise a :class:`ReadError` unless ``data`` is a readable zip holding ``part``.

    ``what`` names the format for the user (``Excel（.xlsx）``), ``part`` is the member
    every such file has (``xl/workbook.xml``).
    """
    if not data.strip():
        raise ReadError(f"文件「{name}」是空文件")
    if data.startswith(OLE_MAGIC):
        if _ENCRYPTION in data:
            raise ReadError(
                f"文件「{name}」已加密（设有打开密码），请先在 Office/WPS 中去除密码再读取"
            )
        raise ReadError(
            f"文件「{name}」是旧版 Office 二进制格式（.xls/.doc），请另存为 .xlsx/.docx 后再读取"
        )
    if not data.startswith(ZIP_MAGIC):
        raise ReadError(f"文件「{name}」不是 {what} 文件（内容不是 Office Open XML 压缩包）")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise ReadError(f"文件「{name}」已损坏或不完整（压缩包无法打开），可能下载未完成") from None
    except Exception:  # zlib errors inside a damaged member
        raise ReadError(f"文件「{name}」已损坏或不完整（压缩包内容无法解压）") from None
    if bad is not None:
        raise ReadError(f"文件「{name}」已损坏或不完整（压缩包成员「{bad}」校验失败）")
    if part not in names:
        raise ReadError(f"文件「{name}」不是 {what} 文件（缺少 {part}）")
