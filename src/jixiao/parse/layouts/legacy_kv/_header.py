"""The key/value header of a 项目绩效自我评价.

Lines like ``项目名称：⇥长三角一体化服务专项⇥预算单位：⇥上海市人才服务中心``: a cell
ending with ``：`` is a key, the cells up to the next key its value. A key may carry a
unit in brackets (``当年预算数（元）：``). A line without a key continues the text
value above it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from jixiao.parse.text import clean, join_cell
from jixiao.parse.wording import wording
from jixiao.read import Line

__all__ = ["TEXT_KEYS", "HeaderField", "is_key_line", "read_header"]

_KEYS: dict[str, str] = {alias: key for key, names in wording().legacy_header for alias in names}

TEXT_KEYS = frozenset(
    {"project", "unit", "department", "division", "goal_expected", "achievements"}
    | {"problems", "improvements"}
)
"""Fields whose value may wrap onto the following lines."""

_UNIT = re.compile(r"^(?P<base>.+?)[（(](?P<unit>[^（）()]{1,6})[)）]$")
_COLON = "：:"
_COLONS = re.compile("[：:]")


@dataclass
class HeaderField:
    """One key and its value as printed, with the key's bracketed unit (``元``)."""

    key: str
    label: str
    value: str | None
    unit: str | None
    lines: list[int] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _key_of(cell: str) -> tuple[str, str | None] | None:
    """``(field, unit)`` for a key cell such as ``当年预算数（元）：``, else ``None``
    (remembered: detection, the header and every inline split ask of the same cells)."""
    text = clean(cell)
    if text is None or text[-1] not in _COLON:
        return None
    text = text.rstrip(_COLON).replace("(", "（").replace(")", "）")
    if text in _KEYS:
        return _KEYS[text], None
    m = _UNIT.match(text)
    if m is not None and m.group("base") in _KEYS:
        return _KEYS[m.group("base")], m.group("unit")
    return None


def _looks_like_key(cell: str) -> bool:
    """A short cell ending with a colon: a key, even if not one this layout knows."""
    text = clean(cell) or ""
    return 0 < len(text) <= 20 and text[-1] in _COLON


def _split_inline(cell: str) -> tuple[str, str] | None:
    """A key and value sharing one cell (``预算单位：上海市人才服务中心``)."""
    for colon in _COLONS.finditer(cell):
        i = colon.start()
        if _key_of(cell[: i + 1]) is not None:
            return cell[: i + 1], cell[i + 1 :]
    return None


def _cells(line: Line) -> list[str]:
    out: list[str] = []
    for cell in line.cells:
        split = _split_inline(cell) if _key_of(cell) is None else None
        out.extend(split if split else (cell,))
    return out


def is_key_line(line: Line) -> bool:
    """True when the first non-empty cell of ``line`` is a known header key."""
    cells = [c for c in _cells(line) if c.strip()]
    return bool(cells) and _key_of(cells[0]) is not None


def _read_line(line: Line) -> list[HeaderField] | None:
    """The fields on one key line; ``None`` if some key-like cell is unknown."""
    out: list[HeaderField] = []
    for cell in _cells(line):
        key = _key_of(cell)
        if key is not None:
            label = (clean(cell) or "").rstrip(_COLON)
            out.append(HeaderField(key[0], label, None, key[1], [line.number]))
        elif not cell.strip():
            continue
        elif not out or _looks_like_key(cell):
            return None
        else:
            out[-1].value = join_cell([out[-1].value, cell])
    return out


def read_header(lines: Sequence[Line]) -> tuple[list[HeaderField], set[int]]:
    """The header fields in ``lines`` and the line numbers they used.

    A non-key line continues the previous field when that field holds text; other
    lines (unknown keys, stray text) are not consumed, so they surface as P001.
    """
    fields: list[HeaderField] = []
    used: set[int] = set()
    last: HeaderField | None = None
    for line in lines:
        if line.blank:
            continue
        if is_key_line(line):
            got = _read_line(line)
            if got is None:
                last = None
                continue
            fields.extend(got)
            used.add(line.number)
            last = got[-1] if got else None
        elif last is not None and last.key in TEXT_KEYS:
            last.value = join_cell([last.value, *line.cells])
            last.lines.append(line.number)
            used.add(line.number)
        else:
            last = None
    return fields, used
