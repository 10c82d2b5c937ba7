"""Text no field took: a P001 finding for each such line, on the form it belongs to."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from jixiao.model import Finding, Form, Location, finding
from jixiao.parse.text import strip_tags
from jixiao.read import Document

__all__ = [
    "FURNITURE",
    "SIGN_OFF",
    "TABLE_NUMBER",
    "WEB_CHROME",
    "Placed",
    "attach_findings",
    "attach_unplaced",
    "owner_of",
    "unplaced_lines",
]

FURNITURE = re.compile(
    r"^\s*(?:附\s*件\s*[\d一二三四五六七八九十]*\s*[：:]?"
    r"|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?"
    r"|[-—–]\s*\d+\s*[-—–])\s*$"
)
"""Page furniture that holds no data: ``附件2``, ``第 3 页 共 12 页``, ``- 3 -``."""
TABLE_NUMBER = re.compile(r"^\s*\|?\s*(?:附\s*)?表\s*[\d一二三四五六七八九十]{1,3}\s*\|?\s*$")
"""A line that only numbers the table after it (``表十二 |``, ``附表3``): a budget
disclosure's caption over each of its tables, no cell of a form."""

_CHROME = (
    r"(?:扫一扫在手机(?:上)?(?:打开|查看)(?:当前|本)页(?:面)?|打印本页|关闭(?:本页|窗口)"
    r"|附\s*件\s*[：:]|\[\s*(?:下载|打印|关闭|收藏|返回)\s*\])"
)
WEB_CHROME = re.compile(rf"^\s*{_CHROME}(?:\s*{_CHROME})*\s*$")
"""What a government site prints under a page's text (``扫一扫在手机打开当前页``,
``[下载] [打印] [关闭]``, an empty ``附件:`` list): the page has ended, no form's data."""

SIGN_OFF = re.compile(
    r"^\s*(?:填\s*报\s*人|联\s*系\s*人|联系电话|填报日期|单位负责人|财务负责人|审\s*核\s*人"
    r"|(?:填报)?单位\s*[（(]\s*(?:盖章|印章|公章)\s*[)）])\s*[：:]"
)
"""The sign-off line published forms end with (``填报人：…　联系电话：…　单位（盖章）：…``):
who filled the form and the stamp, no field of it."""


Placed = tuple[int, Finding]
"""A finding and the line of the document it is on (which decides the form it goes to)."""


def attach_unplaced(
    doc: Document,
    forms: list[Form],
    consumed: set[int],
    origin: Callable[[int], tuple[int, int]] | None = None,
) -> list[Form]:
    """Add a P001 finding for every non-blank line of ``doc`` no field took, to the form
    it is in (:func:`unplaced_lines`)."""
    return attach_findings(forms, unplaced_lines(doc, forms, consumed, origin))


def unplaced_lines(
    doc: Document,
    forms: list[Form],
    consumed: set[int],
    origin: Callable[[int], tuple[int, int]] | None = None,
) -> list[Placed]:
    """A P001 finding for every non-blank line of ``doc`` no field took (none when no
    form was read). ``origin`` maps a line of ``doc`` to the lines of the original text
    it was rebuilt from: the message names the first of those, while the location stays
    in ``doc``'s lines like the forms' line ranges (the caller maps both back at once)."""
    if not forms:
        return []
    placed: list[Placed] = []
    for line in doc.lines:
        if line.blank or line.number in consumed or _furniture(strip_tags(line.text)):
            continue
        start = origin(line.number)[0] if origin else line.number
        loc = Location(file=doc.name, lines=(line.number, line.number))
        text = line.text.strip()
        if origin is not None:  # a rebuilt row: its cells, not the tabs joining them
            text = " ".join(c.strip() for c in line.text.split("\t") if c.strip())
        placed.append((line.number, finding("P001", loc, line=start, text=text)))
    return placed


def _furniture(text: str) -> bool:
    if FURNITURE.match(text) or TABLE_NUMBER.match(text) or SIGN_OFF.match(text):
        return True
    cells = [c for c in re.split(r"[\t|]", text) if c.strip()]  # a rebuilt row's cells
    return bool(cells) and all(WEB_CHROME.match(c) for c in cells)


def attach_findings(forms: list[Form], placed: Iterable[Placed]) -> list[Form]:
    """Each finding added to the form that owns its line (:func:`owner_of`; the line is
    given beside the finding), every form's findings kept in line order."""
    extra: dict[int, list[Finding]] = {}
    for number, f in placed:
        extra.setdefault(owner_of(forms, number), []).append(f)
    out: list[Form] = []
    for i, form in enumerate(forms):
        if i in extra:
            merged = sorted((*form.findings, *extra[i]), key=_first_line)
            form = form.model_copy(update={"findings": tuple(merged)})
        out.append(form)
    return out


def _first_line(f: Finding) -> int:
    return (f.location.lines or (0, 0))[0]


def owner_of(forms: list[Form], number: int) -> int:
    """The form whose line range holds ``number``, else the last one starting before it."""
    owner = 0
    for i, form in enumerate(forms):
        start, end = form.source.lines
        if start <= number <= end:
            return i
        if start <= number:
            owner = i
    return owner
