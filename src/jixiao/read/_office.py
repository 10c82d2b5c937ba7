"""Checks shared by the Office Open XML readers (xlsx, docx) before a library sees a file.

An OOXML file is a zip archive. A password-protected one is an OLE compound file
holding an ``EncryptionInfo`` stream; an old binary ``.xls``/``.doc`` is an OLE file
without it. Each case gets its own one-line Chinese message.

A readable archive is then inspected member by member before openpyxl or python-docx
opens it (:mod:`jixiao.read.limits`): the member count, each member's declared size
and compression ratio and their sum, then every member inflated as a stream, counting
the bytes it really gives (a header can lie) and checking its CRC; every XML member is
parsed on the way with :mod:`defusedxml` (no entity declarations, no external
references: billion laughs, XXE) and its elements counted, since python-docx builds a
whole part's tree at once. A reader may watch the elements of the members it names
(:class:`XmlWatch`), so a sheet's extent is known before a row of it is built.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Protocol

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from jixiao.errors import ReadError
from jixiao.read.limits import ReadLimits, current_limits

__all__ = ["OLE_MAGIC", "ZIP_MAGIC", "XmlWatch", "check_ooxml"]

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1 << 16
_RATIO_FLOOR = 1 << 20
"""Members inflating to less than this are not held to the compression ratio (a small
XML part of repeated tags packs well and harms nobody)."""
_XML_SUFFIXES = (".xml", ".rels", ".vml")


class XmlWatch(Protocol):
    """Sees the elements of one XML member as it streams (tags are ``{namespace}name``)."""

    def start(self, tag: str, attrib: dict[str, str]) -> None: ...

    def end(self, tag: str) -> None: ...


def check_ooxml(
    data: bytes,
    name: str,
    what: str,
    part: str,
    watch: Callable[[str], XmlWatch | None] | None = None,
) -> None:
    """Raise a :class:`ReadError` unless ``data`` is a readable zip holding ``part``,
    within the reader limits.

    ``what`` names the format for the user (``Excel（.xlsx）``), ``part`` is the member
    every such file has (``xl/workbook.xml``); ``watch`` gives the watcher of a member by
    its name, or ``None`` for a member nobody watches.
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
    limits = current_limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_directory(members, name, limits)
            if part not in {m.filename for m in members}:
                raise ReadError(f"文件「{name}」不是 {what} 文件（缺少 {part}）")
            for member in members:
                _inflate(archive, member, name, limits, watch(member.filename) if watch else None)
    except ReadError:
        raise
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        raise ReadError(f"文件「{name}」已损坏或不完整（压缩包无法打开），可能下载未完成") from None
    except Exception:  # zlib, lzma or bz2 errors in a damaged member, an encrypted member
        raise ReadError(f"文件「{name}」已损坏或不完整（压缩包内容无法解压）") from None


def _check_directory(members: list[zipfile.ZipInfo], name: str, limits: ReadLimits) -> None:
    """What the central directory declares, before anything is inflated."""
    limits.check("zip_members", len(members), f"文件「{name}」的")
    total = 0
    for member in members:
        _check_member_size(member, member.file_size, name, limits)
        total += member.file_size
    limits.check("zip_bytes", total, f"文件「{name}」的")


def _check_member_size(member: zipfile.ZipInfo, size: int, name: str, limits: ReadLimits) -> None:
    subject = f"文件「{name}」的压缩包成员「{member.filename}」的"
    limits.check("member_bytes", size, subject)
    if size > _RATIO_FLOOR:
        limits.check("zip_ratio", size // max(member.compress_size, 1), subject)


def _inflate(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    name: str,
    limits: ReadLimits,
    watch: XmlWatch | None,
) -> None:
    """Inflate one member as a stream: its real size checked as it grows, its CRC at the
    end (by :mod:`zipfile`), an XML member parsed with :mod:`defusedxml`."""
    xml = _XmlScan(member.filename, name, limits, watch) if _is_xml(member) else None
    size = 0
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > member.file_size:  # zipfile stops at the declared size; be sure
                _check_member_size(member, size, name, limits)
            if xml is not None:
                xml.feed(chunk)
    if xml is not None:
        xml.close()


def _is_xml(member: zipfile.ZipInfo) -> bool:
    return member.filename.lower().endswith(_XML_SUFFIXES)


class _XmlScan:
    """One XML member through :class:`DefusedXMLParser`, its elements counted. XML that
    does not parse is left to the library that reads it (a part nobody reads may be
    damaged harmlessly); entities and external references are refused."""

    def __init__(self, member: str, name: str, limits: ReadLimits, watch: XmlWatch | None):
        self._subject = f"文件「{name}」的压缩包成员「{member}」的"
        self._target = _Target(self._subject, limits, watch)
        self._parser: DefusedXMLParser | None = DefusedXMLParser(target=self._target)

    def feed(self, chunk: bytes) -> None:
        self._run(lambda parser: parser.feed(chunk))

    def close(self) -> None:
        self._run(lambda parser: parser.close())
        self._parser = None

    def _run(self, step: Callable[[DefusedXMLParser], object]) -> None:
        if self._parser is None:
            return
        try:
            step(self._parser)
        except DefusedXmlException:
            raise ReadError(
                f"{self._subject}XML 含有实体声明或外部引用，出于安全考虑拒绝读取"
            ) from None
        except (SyntaxError, LookupError, ValueError):
            # ParseError, an unknown encoding (encoding="UTF-88888"), one expat cannot
            # read: not ours to judge
            self._parser = None


class _Target:
    """The parser's target: counts elements, hands them to the watcher."""

    def __init__(self, subject: str, limits: ReadLimits, watch: XmlWatch | None) -> None:
        self._subject = subject
        self._limits = limits
        self._most = limits.xml_elements
        self._watch = watch
        self.elements = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > self._most:
            self._limits.check("xml_elements", self.elements, self._subject)
        if self._watch is not None:
            self._watch.start(tag, attrib)

    def end(self, tag: str) -> None:
        if self._watch is not None:
            self._watch.end(tag)

    def data(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass
