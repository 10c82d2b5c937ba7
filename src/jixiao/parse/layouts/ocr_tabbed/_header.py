"""The form header: 项目名称, 主管部门 and 实施单位 from OCR-split cells.

The header lines are read as one stream of words. A label word (``名称``, ``主管``,
``部门``, ``实施单位``, and their OCR variants) switches the field the following words
belong to; a cell holding a label among other words (``项目名称 专业技术…``) is split
around it. A one-character word right after ``实施单(位)`` is what OCR kept of the
label's last character (``位``/``立``/``泣``) and is dropped. Organisation names are
recognised by their ending (局, 中心, …), so a name printed in the wrong place (a
project beside the 主管部门, an organisation beside the project) is put back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from jixiao.parse.layouts.ocr_tabbed._notes import Notes
from jixiao.parse.layouts.ocr_tabbed._text import (
    cell_marked,
    cell_text,
    is_junk,
    join_fragments,
    strip_stray,
)
from jixiao.read import Document

__all__ = ["Header", "is_org", "read_header"]

_PROJECT = re.compile(r"^(?:[项型]?\s*目\s*)?[名夕]\s*称[:：]?$|^项\s*目[:：]?$")
_DEPT = re.compile(r"^(?:主\s*管\s*(?:部\s*门)?|部\s*门)(?:\s*及\s*代\s*码)?[:：]?$")
_UNIT = re.compile(r"^(?:实\s*施|预\s*算|项\s*目|申\s*报)\s*单\s*(位)?[:：]?$")
_ORG = re.compile(r"^\S{5,}(?:局|厅|委员会|中心|办公室|研究院|院|所|站|馆|总队|支队|处)$")


def is_org(text: str | None) -> bool:
    """A whole organisation name (``上海市人力资源和社会保障局``)."""
    return bool(text and _ORG.match(text))


def _label(word: str) -> str | None:
    w = cell_text(word)
    if _PROJECT.match(w):
        return "project"
    if _DEPT.match(w):
        return "department"
    if _UNIT.match(w):
        return "unit"
    return None


@dataclass
class _Group:
    kind: str
    line: int
    words: list[str] = field(default_factory=list)


@dataclass
class Header:
    project: str | None = None
    department: str | None = None
    unit: str | None = None
    partial: dict[str, list[str]] = field(default_factory=dict)
    """Fragments of a department/unit that did not read as a whole name."""
    lines: dict[str, int] = field(default_factory=dict)
    consumed: set[int] = field(default_factory=set)


_NAMES = {"project": "项目名称", "department": "主管部门", "unit": "实施单位"}


def _words(cell: str) -> list[str]:
    """A cell as words: split at spaces only around labels and organisation names, so
    ``第 48 届`` stays whole."""
    text = cell_text(cell)
    parts = text.split()
    if any(_label(p) or is_org(p) for p in parts):
        return parts
    return [cell_marked(cell)] if text else []


def _groups(doc: Document, first: int, last: int, notes: Notes) -> list[_Group]:
    groups: list[_Group] = []
    for n in range(first, last + 1):
        line = doc.line(n)
        if line.blank:
            continue
        current = _Group("pre", n)
        groups.append(current)
        residue = False
        for w in (w for c in line.cells for w in _words(c)):
            kind = _label(w)
            if kind:
                residue = kind == "unit"
                current = _Group(kind, n)
                groups.append(current)
                continue
            text, _ = strip_stray(w)
            if residue and len(text) == 1:
                if text != "位":
                    notes.stray(n, "unit", text, label="实施单位")
                residue = False
                continue
            residue = False
            current.words.append(w)
    return groups


def _plausible(words: list[str]) -> bool:
    """A header line without labels still counts if it holds real words."""
    return any(not is_junk(w) and len(strip_stray(w)[0]) >= 3 for w in words)


def _wordy(text: str) -> bool:
    """Text in an organisation slot that is a different phrase (not a name fragment)."""
    return len(text) >= 4 and not any(k in text for k in ("上海", "人力", "资源", "社会", "保障"))


def read_header(doc: Document, first: int, last: int, notes: Notes) -> Header:
    """Read 项目名称/主管部门/实施单位 from lines ``first``..``last``."""
    head = Header()
    groups = _groups(doc, first, last, notes)
    labelled = {g.line for g in groups if g.kind != "pre"}
    has_project = any(g.kind == "project" and join_fragments(g.words).text for g in groups)
    orgs: dict[str, list[tuple[int, str]]] = {"department": [], "unit": [], "loose": []}
    partial: dict[str, list[tuple[int, list[str]]]] = {"department": [], "unit": []}
    phrases: list[tuple[int, str]] = []
    project: list[_Group] = []
    for g in groups:
        fld = g.kind
        if fld == "pre":
            first_label = min(labelled, default=g.line)
            if has_project or not _plausible(g.words) or g.line >= first_label:
                continue
            fld = "project"
        kept: list[str] = []
        for w in g.words:
            text = join_fragments([w]).text or ""
            if is_org(text):
                orgs[fld if fld != "project" else "loose"].append((g.line, text))
            elif fld != "project" and _wordy(text):
                phrases.append((g.line, w))
            else:
                kept.append(w)
        if fld == "project":
            project.append(_Group(fld, g.line, kept))
            head.consumed.add(g.line)
        elif kept:
            partial[fld].append((g.line, kept))
    head.consumed |= labelled
    used: set[str] = set()
    for fld in ("department", "unit"):
        _pick_org(head, fld, orgs, partial[fld], notes, used)
    _pick_project(head, project, phrases, notes)
    for line, text in orgs["loose"] + orgs["department"] + orgs["unit"]:
        if text not in (head.department, head.unit):
            notes.unplaced(line, text)
    return head


def _pick_org(
    head: Header,
    fld: str,
    orgs: dict[str, list[tuple[int, str]]],
    partial: list[tuple[int, list[str]]],
    notes: Notes,
    used: set[str],
) -> None:
    joined = []
    for line, words in partial:
        j = join_fragments(words)
        if j.text:
            joined.append((line, j, words))
    whole = [(ln, j.text or "") for ln, j, _ in joined if is_org(j.text)]
    whole += orgs[fld]
    if not whole:
        whole = [(ln, t) for ln, t in orgs["loose"] if t not in used][:1]
    if whole:
        line, text = whole[-1]
        for ln, j, _ in joined:
            if j.text == text:
                notes.joined(ln, fld, _NAMES[fld], j)
    elif joined:
        line, j, words = max(joined, key=lambda c: len(c[1].text or ""))
        notes.joined(line, fld, _NAMES[fld], j)
        text = j.text or ""
        head.partial[fld] = [t for w in words if (t := strip_stray(w)[0])]
    else:
        return
    used.add(text)
    setattr(head, fld, text)
    head.lines[fld] = line
    for ln, j, _ in joined:
        if j.text and j.text != text and j.text not in text:
            notes.unplaced(ln, j.text)


def _pick_project(
    head: Header, groups: list[_Group], phrases: list[tuple[int, str]], notes: Notes
) -> None:
    chosen = None
    for g in groups:
        j = join_fragments(g.words)
        if j.text and chosen is None:
            chosen = (g.line, j)
        elif j.text:
            notes.unplaced(g.line, j.text)
        else:
            notes.joined(g.line, "project", _NAMES["project"], j)
    if chosen is None and phrases:
        line, text = phrases.pop(0)
        chosen = (line, join_fragments([text]))
    if chosen is not None:
        line, j = chosen
        notes.joined(line, "project", _NAMES["project"], j)
        head.project = j.text
        head.lines["project"] = line
    for line, raw in phrases:
        text = join_fragments([raw]).text or ""
        if head.project and _cleaner(text, head.project):
            notes.add(
                "P006",
                line,
                "project",
                field=_NAMES["project"],
                value=text,
                reason=f"第 {line} 行另印出「{text}」，识读的「{head.project}」多出的字是 OCR 痕迹",
            )
            head.project = text
        elif text != head.project:
            notes.unplaced(line, text)


def _cleaner(other: str, project: str) -> bool:
    """``other`` (a second printing of the project name, e.g. in a text layer fused
    into the header) is ``project`` without one or two characters OCR added."""
    if not 1 <= len(project) - len(other) <= 2 or len(other) < 4:
        return False
    if other[:2] != project[:2] or other[-2:] != project[-2:]:
        return False
    rest = iter(project)
    return all(ch in rest for ch in other)
