"""A PDF's drawing cost, estimated from its bytes before pdfium loads a page.

pdfium parses a page's whole content when the page is loaded, and builds every object
a form XObject draws once for each time the form is drawn: a 7 KB file drawing a form
of 1,000 lines 3,000 times makes three million objects (a gigabyte) before any count
of ours could run. So the file's streams are looked at first (:func:`check_streams`):

- every content stream and form XObject is decoded (ASCII85, ASCIIHex, Flate), at
  most the ``member_bytes`` limit each (a flate bomb in a content stream stops there);
- the operators that make an object (a path painted, text shown) are counted, and the
  forms it draws (``/Name Do``, the name looked up in the file's ``/XObject`` resource
  dictionaries) add what they draw, recursively (a form drawing itself counts once);
- the largest total of any content stream is held to the ``pdf_objects`` limit (in a
  file without forms, a stream no longer than that limit cannot exceed it and is not
  searched).

The estimate is generous rather than exact (names are matched across the whole file,
operators counted by pattern); images, fonts and other data streams are not counted.
"""

from __future__ import annotations

import base64
import re
import zlib
from collections.abc import Iterator
from itertools import chain

from jixiao.read.limits import ReadLimits, current_limits

__all__ = ["check_streams"]

_OBJECT = re.compile(rb"(\d+)\s+\d+\s+obj\b")
_BODY = re.compile(rb"\bstream\r?\n|\bendobj\b")
_END = re.compile(rb"\bendstream\b")
_XOBJECTS = re.compile(rb"/XObject\s*<<(.*?)>>", re.S)
_ENTRY = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+\d+\s+R")
_DRAWS = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
_OPERATOR = re.compile(rb"(?<![\w*'\"])(?:[SsfFBb]\*?|Tj|TJ|'|\"|Do|BI)(?![\w*])")
"""The operators that end a drawn object: a path painted (a clip, ``W n``, is none),
text shown, an XObject or inline image drawn (pdfium makes one object of each)."""
_DATA = (b"/Length1", b"/Length2", b"/Type", b"/Subtype")
"""A dictionary with any of these is no page content (fonts, images, metadata, object
and cross-reference streams), unless it is a form XObject."""
_FORM = re.compile(rb"/Subtype\s*/Form\b")
_FILTERS = re.compile(rb"/Filter\s*(\[[^\]]*\]|/\w+)")
_MAX_DEPTH = 8
_CHUNK = 1 << 20


def check_streams(data: bytes, name: str) -> None:
    """Raise :class:`~jixiao.read.limits.LimitExceeded` when a stream of the PDF ``data``
    inflates beyond ``member_bytes`` or a page content stream would draw more than
    ``pdf_objects`` objects, forms included."""
    limits = current_limits()
    forms: dict[int, tuple[int, list[bytes]]] = {}
    contents: list[tuple[int, list[bytes]]] = []
    streams = [
        (number, head, body, bool(_FORM.search(head))) for number, head, body in _streams(data)
    ]
    has_forms = any(is_form for *_, is_form in streams)
    for number, head, body, is_form in streams:
        if not is_form and any(key in head for key in _DATA):
            continue
        chunks = _decode(body, head, limits, f"文件「{name}」中对象 {number} 的")
        if is_form:
            forms[number] = _count(chunks)
        elif has_forms:
            contents.append(_count(chunks))
        else:
            contents.append(_count_beyond(chunks, limits.pdf_objects))
    if not contents:
        return
    names: dict[bytes, set[int]] = {}
    for table in _XOBJECTS.findall(data):
        for key, ref in _ENTRY.findall(table):
            names.setdefault(key, set()).add(int(ref))
    cost = _Cost(forms, names)
    drawn = max(ops + sum(cost.of_name(n, 0) for n in draws) for ops, draws in contents)
    limits.check("pdf_objects", drawn, f"文件「{name}」的一页按内容估算的")


def _streams(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """Each stream object's number, dictionary and raw body, in file order (a body is
    skipped whole, so nothing inside one is taken for an object)."""
    out = []
    at = 0
    while header := _OBJECT.search(data, at):
        body = _BODY.search(data, header.end())
        if body is None:
            break
        at = body.end()
        if body.group().startswith(b"endobj"):
            continue
        end = _END.search(data, body.end())
        if end is None:
            break
        out.append(
            (
                int(header.group(1)),
                data[header.end() : body.start()],
                data[body.end() : end.start()],
            )
        )
        at = end.end()
    return out


def _count(chunks: Iterator[bytes]) -> tuple[int, list[bytes]]:
    """The object-making operators of a stream given in pieces, and the names it draws
    (a piece is cut after its last blank, so no operator is split)."""
    ops = 0
    draws: list[bytes] = []
    carry = b""
    for chunk in chain(chunks, [b" "]):
        text = carry + chunk
        cut = max(text.rfind(b" "), text.rfind(b"\n"), text.rfind(b"\r")) + 1
        if cut == 0 and len(text) < _CHUNK:
            carry = text
            continue
        cut = cut or len(text)
        ops += len(_OPERATOR.findall(text, 0, cut))
        draws += _DRAWS.findall(text, 0, cut)
        carry = text[cut:]
    return ops, draws


def _count_beyond(chunks: Iterator[bytes], limit: int) -> tuple[int, list[bytes]]:
    """:func:`_count` of a content stream in a file without forms, where only a count
    above ``limit`` matters: each operator counted takes bytes of its own, and so does
    each name drawn (its ``/``), so a stream of at most ``limit`` bytes stands for its
    count by its size, and is not searched."""
    held: list[bytes] = []
    size = 0
    for chunk in chunks:
        held.append(chunk)
        size += len(chunk)
        if size > limit:
            return _count(chain(held, chunks))
    return size, []


def _decode(body: bytes, head: bytes, limits: ReadLimits, where: str) -> Iterator[bytes]:
    """The stream decoded through its filters (ASCII85, ASCIIHex, Flate), in pieces,
    inflating no further than ``member_bytes``; what cannot be decoded counts as empty."""
    found = _FILTERS.search(head)
    filters = re.findall(rb"/(\w+)", found.group(1)) if found else []
    text = body
    try:
        for position, name in enumerate(filters):
            if name in (b"ASCII85Decode", b"A85"):
                text = _a85decode(text.strip().removesuffix(b"~>"))
            elif name in (b"ASCIIHexDecode", b"AHx"):
                text = bytes.fromhex(re.sub(rb"\s|>", b"", text).decode("ascii"))
            elif name in (b"FlateDecode", b"Fl") and position == len(filters) - 1:
                yield from _inflate(text, limits, where)
                return
            else:
                return  # LZW, images' own codes, flate then more: nothing to count
    except (ValueError, zlib.error):
        return  # damaged: pdfium will say so, or draw nothing
    yield text


_A85_DIGITS = bytes(c - 33 if 33 <= c <= 117 else 255 for c in range(256))
"""Each byte's ASCII85 digit value (``!`` 0 … ``u`` 84), 255 for a byte that is none."""


def _a85decode(data: bytes) -> bytes:
    """``base64.a85decode(data, adobe=False)``, the same bytes and the same
    :class:`ValueError`, all groups of five digits at once (numpy; ``base64`` goes one
    character at a time in Python, some thirty times slower); data with a ``z`` (four
    zero bytes) or ``y`` goes through :mod:`base64` itself."""
    data = data.translate(None, b" \t\n\r\v")
    if b"z" in data or b"y" in data:
        return base64.a85decode(data, adobe=False)
    padding = -len(data) % 5
    digits = (data + b"u" * padding).translate(_A85_DIGITS)
    if not digits:
        return b""
    if b"\xff" in digits:  # a byte that is no digit (one memchr, not a loop over ints)
        raise ValueError("Non-Ascii85 digit found")
    import numpy as np  # here: only PDFs need it, and most files have no ASCII85

    groups = np.frombuffer(digits, dtype=np.uint8).reshape(-1, 5).astype(np.uint64)
    words = groups @ np.array(_A85_WEIGHTS, dtype=np.uint64)
    if int(words.max()) > 0xFFFFFFFF:
        raise ValueError("Ascii85 overflow")
    decoded = words.astype(">u4").tobytes()
    return decoded[: len(decoded) - padding]


_A85_WEIGHTS = (85**4, 85**3, 85**2, 85, 1)


def _inflate(data: bytes, limits: ReadLimits, where: str) -> Iterator[bytes]:
    """Flate data inflated a piece at a time (never more than :data:`_CHUNK` at once),
    its size held to ``member_bytes``."""
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    while pending and not inflater.eof:
        piece = inflater.decompress(pending, _CHUNK)
        pending = inflater.unconsumed_tail
        size += len(piece)
        limits.check("member_bytes", size, where)
        yield piece
        if not piece and not pending:
            break


class _Cost:
    """What drawing a form costs, its forms included (memoised; cycles count once)."""

    def __init__(
        self, forms: dict[int, tuple[int, list[bytes]]], names: dict[bytes, set[int]]
    ) -> None:
        self._forms = forms
        self._names = names
        self._known: dict[int, int] = {}

    def of_name(self, name: bytes, depth: int) -> int:
        refs = [r for r in self._names.get(name, ()) if r in self._forms]
        return 1 + max((self._of_form(r, depth + 1) for r in refs), default=0)

    def _of_form(self, number: int, depth: int) -> int:
        if number in self._known:
            return self._known[number]
        if depth > _MAX_DEPTH:
            return 0
        self._known[number] = 0  # drawn inside itself: no more than once
        ops, draws = self._forms[number]
        total = ops + sum(self.of_name(n, depth) for n in draws)
        self._known[number] = total
        return total
