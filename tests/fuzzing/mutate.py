"""Mutations of real bytes, each decision drawn from a :class:`~fuzzing.choices.Choices`.

- bytes: bit flips, interesting bytes, deleted / duplicated / swapped ranges,
  truncation, splicing with another seed of the same kind, tokens inserted (the forms'
  own vocabulary, absurd numbers, separators, control and odd Unicode characters);
- text: whole lines deleted, duplicated, swapped or split by tabs, spaces and pipes;
- xml and html: an attribute's value replaced (spans, coordinates, sizes: huge,
  negative, fractional, empty, not a number);
- zip containers (xlsx, docx): one member mutated by any of the above while the
  container stays valid, or a member dropped, duplicated or emptied.

:func:`mutate_file` and :func:`mutate_value` apply 1–4 of them; what comes out is
bounded (:data:`MAX_SIZE`) so that a case stays a test of robustness, not of the
machine's memory.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence

from fuzzing.choices import Choices

__all__ = ["MAX_SIZE", "TOKENS", "mutate_bytes", "mutate_file", "mutate_value", "mutate_zip"]

MAX_SIZE = 4_000_000
"""No mutated input is larger than this many bytes."""

_NUMBERS = (
    "0",
    "-1",
    "100",
    "100.00",
    "1e999",
    "NaN",
    "Infinity",
    "-0",
    "9" * 25,
    "1" + "0" * 40,
    "0." + "0" * 30 + "1",
    "12,345,678.90",
    "１２３",
    "一千二百万",
    "1/0",
    "∞",
    "²",
    "½",
)
TOKENS: tuple[str, ...] = (
    # the forms' own words
    "项目支出绩效自评表",
    "项目支出绩效目标表",
    "部门整体支出绩效自评表",
    "项目名称",
    "主管部门",
    "实施单位",
    "年度指标值",
    "实际完成值",
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "得分",
    "合计",
    "总分",
    "年度资金总额",
    "财政拨款",
    "其他资金",
    "预算执行率",
    "全年预算数",
    "全年执行数",
    "年初预算数",
    "绩效目标",
    "产出指标",
    "效益指标",
    "满意度指标",
    "数量指标",
    "偏差原因分析及改进措施",
    "（万元）",
    "（元）",
    "评分等级",
    "优",
    "≥",
    "≤",
    "＞",
    "%",
    "（2024年度）",
    *_NUMBERS,
    # separators and control characters
    "\t",
    "\t\t\t",
    "\n",
    "\n\n",
    "\r",
    "|",
    "｜",
    "　",
    " " * 40,
    "\x00",
    "\x0c",
    "\ufeff",
    "\u200b",
    "\u202e",
    "\U0001f600",
    "々",
    "：",
    # markup
    "<table>",
    "</table>",
    "<tr><td>",
    "</td></tr>",
    '<td rowspan="999" colspan="999">',
    "<br>",
    "<!--",
    "<![CDATA[",
    "&#0;",
    "&lt;",
)
_TOKEN_BYTES = (
    *(t.encode("utf-8") for t in TOKENS),
    b"\xed\xa0\x80",  # a lone surrogate
    b"\xff\xfe",
    b"\xc3",
    "项目名称".encode("gb18030"),
    b"%PDF-1.7\n",
    b"PK\x03\x04",
)
_INTERESTING_BYTES = (
    0,
    1,
    0x7F,
    0x80,
    0xFF,
    0x09,
    0x0A,
    0x0D,
    0x20,
    0x22,
    0x25,
    0x2D,
    0x30,
    0x39,
    0x3C,
    0x3E,
)
ATTRIBUTE_VALUES: tuple[str, ...] = (
    "",
    "0",
    "1",
    "-1",
    "-2147483648",
    "2147483647",
    "2000000000",
    "99999999999999999999",
    "1.5",
    "100%",
    "1e9",
    "abc",
    " 2",
    "NaN",
    "A1:XFD1048576",
    "XFD1048576",
    "A0",
    "ZZZZ1",
    "A1:A1",
    "B2:A1",
    "999",
    "　",
    "&amp;",
    "true",
)
_ATTRIBUTE = re.compile(rb'([\w:-]+)=(["\'])(.*?)\2', re.S)


def _cap(data: bytes) -> bytes:
    return data[:MAX_SIZE]


def _pick(c: Choices, items: Sequence[bytes]) -> bytes:
    return items[c.below(len(items))]


def _flip(data: bytes, c: Choices) -> bytes:
    if not data:
        return data
    i = c.below(len(data))
    return data[:i] + bytes([data[i] ^ (1 << c.below(8))]) + data[i + 1 :]


def _set_byte(data: bytes, c: Choices) -> bytes:
    if not data:
        return bytes([_INTERESTING_BYTES[c.below(len(_INTERESTING_BYTES))]])
    i = c.below(len(data))
    return data[:i] + bytes([_INTERESTING_BYTES[c.below(len(_INTERESTING_BYTES))]]) + data[i + 1 :]


def _span(data: bytes, c: Choices) -> tuple[int, int]:
    start = c.below(len(data) + 1)
    longest = max(1, min(len(data) - start, 1 << (1 + c.below(12))))
    return start, start + c.below(longest + 1)


def _delete(data: bytes, c: Choices) -> bytes:
    start, stop = _span(data, c)
    return data[:start] + data[stop:]


def _duplicate(data: bytes, c: Choices) -> bytes:
    start, stop = _span(data, c)
    at = c.below(len(data) + 1)
    times = 1 + c.below(3) if c.below(8) else 1 + c.below(200)
    return _cap(data[:at] + data[start:stop] * times + data[at:])


def _swap(data: bytes, c: Choices) -> bytes:
    a0, a1 = _span(data, c)
    b0, b1 = _span(data, c)
    if a1 <= b0:
        return data[:a0] + data[b0:b1] + data[a1:b0] + data[a0:a1] + data[b1:]
    return data


def _truncate(data: bytes, c: Choices) -> bytes:
    return data[: c.below(len(data) + 1)]


def _insert_token(data: bytes, c: Choices) -> bytes:
    at = c.below(len(data) + 1)
    return data[:at] + _pick(c, _TOKEN_BYTES) + data[at:]


def _replace_token(data: bytes, c: Choices) -> bytes:
    start, stop = _span(data, c)
    return data[:start] + _pick(c, _TOKEN_BYTES) + data[stop:]


def _digits(data: bytes, c: Choices) -> bytes:
    """A run of digits grown or replaced: the amounts and scores of a form."""
    runs = [m.span() for m in re.finditer(rb"\d+(?:\.\d+)?", data)]
    if not runs:
        return _insert_token(data, c)
    start, stop = runs[c.below(len(runs))]
    choice = c.below(4)
    if choice == 0:
        new = b"9" * (1 + c.below(40))
    elif choice == 1:
        new = b"-" + data[start:stop]
    elif choice == 2:
        new = data[start:stop] * (2 + c.below(5))
    else:
        new = b"0" * c.below(3)
    return data[:start] + new + data[stop:]


_BYTE_MUTATORS: tuple[Callable[[bytes, Choices], bytes], ...] = (
    _flip,
    _set_byte,
    _delete,
    _duplicate,
    _swap,
    _truncate,
    _insert_token,
    _replace_token,
    _digits,
    _digits,
    _insert_token,
)


def mutate_bytes(data: bytes, c: Choices) -> bytes:
    """One byte-level mutation."""
    return _BYTE_MUTATORS[c.below(len(_BYTE_MUTATORS))](data, c)


def _lines(data: bytes, c: Choices) -> bytes:
    """One line-level edit: delete, duplicate, swap, or split a line by separators."""
    lines = data.split(b"\n")
    i = c.below(len(lines))
    choice = c.below(5)
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(c.below(len(lines) + 1), lines[i])
    elif choice == 2:
        j = c.below(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif choice == 3:  # at a character boundary
        sep = ("\t", "  ", "|", "\u3000", "\n")[c.below(5)]
        line = lines[i].decode("utf-8", "surrogateescape")
        cut = c.below(len(line) + 1)
        lines[i] = (line[:cut] + sep + line[cut:]).encode("utf-8", "surrogateescape")
    else:
        lines[i] = b""
    return b"\n".join(lines)


def _text_token(data: bytes, c: Choices) -> bytes:
    """A token inserted into, or replacing part of, one line at a character boundary:
    the text stays in its encoding (a byte mutation inside a Chinese character makes
    the whole file undecodable, which tests the decoder, not the parsers)."""
    lines = data.split(b"\n")
    i = c.below(len(lines))
    line = lines[i].decode("utf-8", "surrogateescape")
    at = c.below(len(line) + 1)
    stop = at + (c.below(8) if c.below(3) == 0 else 0)
    token = TOKENS[c.below(len(TOKENS))]
    lines[i] = (line[:at] + token + line[stop:]).encode("utf-8", "surrogateescape")
    return b"\n".join(lines)


def _text(data: bytes, c: Choices) -> bytes:
    """One mutation that keeps a text in its encoding (mostly), or a byte mutation."""
    choice = c.below(10)
    if choice < 4:
        return _lines(data, c)
    if choice < 8:
        return _text_token(data, c)
    if choice < 9:
        return _digits(data, c)
    return mutate_bytes(data, c)


def _attribute(data: bytes, c: Choices) -> bytes:
    """One XML or HTML attribute's value replaced."""
    found = [m for m in _ATTRIBUTE.finditer(data[:1_000_000])]
    if not found:
        return mutate_bytes(data, c)
    match = found[c.below(len(found))]
    value = ATTRIBUTE_VALUES[c.below(len(ATTRIBUTE_VALUES))].encode()
    return data[: match.start(3)] + value + data[match.end(3) :]


def _markup(data: bytes, c: Choices) -> bytes:
    return _attribute(data, c) if c.below(2) else mutate_bytes(data, c)


def mutate_zip(data: bytes, c: Choices) -> bytes:
    """One member of a zip container mutated (the container rebuilt valid), or a member
    dropped, duplicated or emptied; bytes that are no zip get a byte mutation."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [(i.filename, archive.read(i)) for i in archive.infolist()]
    except Exception:  # an earlier mutation broke the container: mutate its bytes
        return mutate_bytes(data, c)
    if not members:
        return data
    xml = [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]
    index = xml[c.below(len(xml))] if xml and c.below(4) else c.below(len(members))
    name, body = members[index]
    choice = c.below(10)
    if choice == 0:
        del members[index]
    elif choice == 1:
        members.append((name, body))
    elif choice == 2:
        members[index] = (name, b"")
    elif name.endswith((".xml", ".rels")) and choice < 7:
        members[index] = (name, _markup(body, c))
    else:
        members[index] = (name, mutate_bytes(body, c))
    out = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore")  # "Duplicate name": a duplicated member, on purpose
        for member, content in members:  # a fixed date: the same decisions, the same bytes
            entry = zipfile.ZipInfo(member, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(entry, content, compress_type=zipfile.ZIP_DEFLATED)
    return _cap(out.getvalue())


def mutate_file(kind: str, data: bytes, c: Choices, others: Sequence[bytes] = ()) -> bytes:
    """1–4 mutations fitting ``kind`` (``others``: seeds of the same kind to splice)."""
    for _ in range(1 + c.below(4)):
        choice = c.below(10)
        if choice == 0 and others:
            other = others[c.below(len(others))]
            if kind in ("text", "html"):  # at line boundaries: the text stays decodable
                mine, theirs = data.split(b"\n"), other.split(b"\n")
                mine[c.below(len(mine) + 1) :] = theirs[c.below(len(theirs) + 1) :]
                data = b"\n".join(mine)
            else:
                data = data[: c.below(len(data) + 1)] + other[c.below(len(other) + 1) :]
        elif kind in ("xlsx", "docx") and choice < 8:
            data = mutate_zip(data, c)
        elif kind == "html" and choice < 5:
            data = _attribute(data, c)
        elif kind in ("text", "html"):
            data = _text(data, c)
        else:
            data = mutate_bytes(data, c)
    return _cap(data)


_VALUE_PIECES = (
    *_NUMBERS,
    "以上",
    "以下",
    "以内",
    "不低于",
    "不高于",
    "不少于",
    "达到",
    "≥",
    "≤",
    ">=",
    "<=",
    "=",
    "≧",
    "～",
    "~",
    "-",
    "—",
    "至",
    "%",
    "‰",
    "(天)",
    "（个）",
    "万元",
    "亿",
    "年",
    "月",
    "日",
    "前",
    "底",
    "1:1",
    "比",
    "零",
    "无",
    "十",
    "百",
    "千",
    "万",
    "两",
    "半",
    ".",
    ",",
    "点",
    "m²",
    "㎡",
    "达成年度指标",
    "部分达成",
    "每月",
    "按时",
)


def mutate_value(text: str, c: Choices, others: Sequence[str] = ()) -> str:
    """1–4 character-level edits of an indicator value."""
    for _ in range(1 + c.below(4)):
        choice = c.below(6)
        at = c.below(len(text) + 1)
        if choice == 0 and text:
            stop = at + 1 + c.below(4)
            text = text[:at] + text[stop:]
        elif choice == 1 and others:
            other = others[c.below(len(others))]
            text = text[:at] + other[c.below(len(other) + 1) :]
        elif choice == 2:
            text = text[:at] + "9" * (1 + c.below(40)) + text[at:]
        elif choice == 3 and text:
            text = text[:at] + text[at:] * (1 + c.below(3))
        else:
            text = text[:at] + _VALUE_PIECES[c.below(len(_VALUE_PIECES))] + text[at:]
    return text[:2000]
