"""Text files → :class:`Document`, with the encoding detected, not assumed.

Recognised: UTF-8 (with or without BOM), UTF-16 (with BOM, or without one when the
NUL pattern shows it), and GB18030 (which covers GBK and GB2312). A file that decodes
in none of them, or only into implausible characters, raises :class:`DecodeError`.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

from jixiao.errors import DecodeError, ReadError
from jixiao.read.document import Document
from jixiao.read.limits import current_limits

__all__ = ["decode_text", "open_bytes", "read_document", "read_text", "require_regular"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PLAUSIBLE = 0.95
"""Share of characters that must be ordinary text for a GB18030 reading to count."""


def _without_nul(text: str) -> str:
    """``text`` without NUL characters: nothing prints them, and PostgreSQL cannot store
    them (only a UTF-16 or UTF-32 text can carry one; UTF-8 with a NUL byte is refused)."""
    return text.replace("\x00", "")


def decode_text(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode ``data``; return the text and the encoding name used. Text over the text
    size limit (:mod:`jixiao.read.limits`) is refused first: its lines, words and tables
    grow from every byte, unlike those of a packed format."""
    current_limits().check("text_bytes", len(data), f"文件「{name}」的")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _without_nul(_strict(data, encoding, name)), encoding
    guessed = _utf16_without_bom(data)
    if guessed:
        return _without_nul(_strict(data, guessed, name)), guessed
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and _plausible(text):
            return text, "gb18030"
    raise DecodeError(f"无法识别文件「{name}」的文字编码（已尝试 UTF-8、UTF-16、GB18030）")


def open_bytes(path: str | Path, allow_empty: bool = False) -> bytes:
    """The bytes of ``path``; a :class:`ReadError` for a missing, unreadable or (unless
    ``allow_empty``) empty file, for anything but a regular file (a named pipe, a device,
    a folder: refused before it is opened, so nothing blocks or streams for ever) and
    for a file over the size limit (:mod:`jixiao.read.limits`), read no further than it."""
    p = Path(path)
    limits = current_limits()
    require_regular(p)
    try:
        fd = os.open(p, os.O_RDONLY | _NONBLOCK | _NOCTTY)
    except OSError as exc:
        raise _unreadable(p, exc) from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())  # the file itself, whatever the name now points to
        _require_regular(info.st_mode, p)
        limits.check("file_bytes", info.st_size, f"文件「{p.name}」的")
        try:
            # no further than the size (a buffer of the limit's size for every file
            # costs a large allocation each time), on to the limit if it grew meanwhile
            data = stream.read(min(info.st_size, limits.file_bytes) + 1)
            if len(data) > info.st_size:
                data += stream.read(limits.file_bytes + 1 - len(data))
        except OSError as exc:
            raise _unreadable(p, exc) from None
    limits.check("file_bytes", len(data), f"文件「{p.name}」的")  # it grew meanwhile
    if not allow_empty and not data.strip():
        raise ReadError(f"文件「{p.name}」是空文件")
    return data


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_KINDS = (
    (stat.S_ISDIR, "文件夹"),
    (stat.S_ISFIFO, "命名管道"),
    (stat.S_ISCHR, "字符设备"),
    (stat.S_ISBLK, "块设备"),
    (stat.S_ISSOCK, "套接字"),
)


def require_regular(path: str | Path) -> None:
    """A :class:`ReadError` unless ``path`` is a regular file (or a link to one): a named
    pipe would block whoever opens it, a device like ``/dev/zero`` never ends. Looks at
    the path only, never opens it."""
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        raise _unreadable(p, exc) from None
    _require_regular(mode, p)


def _unreadable(p: Path, exc: OSError) -> ReadError:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return ReadError(f"找不到文件「{p}」")
    return ReadError(f"无法读取文件「{p}」：{exc.strerror or exc}")


def _require_regular(mode: int, p: Path) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((word for test, word in _KINDS if test(mode)), "特殊文件")
    if kind == "文件夹":
        raise ReadError(f"「{p}」是文件夹，不是文件")
    raise ReadError(f"「{p}」不是普通文件（是{kind}），拒绝读取")


def read_text(path: str | Path) -> tuple[str, str]:
    """Read a text file; return its text and detected encoding."""
    return decode_text(open_bytes(path, allow_empty=True), Path(path).name)


def read_document(path: str | Path) -> Document:
    """Read a text file into a :class:`Document` named after the file."""
    text, encoding = read_text(path)
    return Document.from_text(Path(path).name, text, encoding)


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise DecodeError(f"文件「{name}」看似 {encoding} 编码，但有无法解码的字节") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: UTF-8 and GB18030 text has no NUL bytes, UTF-16 text with
    any ASCII has them, all on the high-byte side."""
    sample = data[:8192]
    if len(sample) < 2 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if even + odd == 0:
        return None
    if odd >= 0.9 * (even + odd):
        return "utf-16-le"
    if even >= 0.9 * (even + odd):
        return "utf-16-be"
    return None


def _plausible(text: str) -> bool:
    good = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if ch.isspace() or " " <= ch <= "~" or cat[0] in "LNP" or cat in ("Sm", "Sc", "So"):
            good += 1
    return good >= _PLAUSIBLE * len(text)
