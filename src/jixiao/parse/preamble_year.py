"""The year a form that prints none takes from the text printed before it.

A form published inside a page or a notice often prints no year of its own: the year
is in the document's heading (``广水市交通运输局2021年度乡村道路项目自评表``) or, for a
target declaration sent down with the budget, in the notice (``关于提前下达2025年少数民族
发展资金预算的通知``). Only words that name the form's year count, and only when the
text before the form names exactly one such year:

- ``NNNN年度`` in a heading (a short line, no sentence): the fiscal year;
- for a target declaration, ``下达 … NNNN年`` (the budget year sent down, the year the
  targets are for) and a heading naming ``NNNN年…绩效目标``.

A bare ``NNNN年`` (``2018年财政支出项目绩效自评报告``: the report's year or the year
evaluated?), a date (``填报日期：2022年8月10日``: a declaration is filed the year before)
and a document number (``〔2021〕``) say nothing. The year goes in with a P006 finding
naming the words it came from; never from the file's name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from jixiao.model import Form, Location, finding
from jixiao.read import Document, Line

__all__ = ["with_preamble_year"]

_TARGET_KINDS = frozenset({"target_declaration", "department_target_declaration"})
_YEAR = r"((?:19|20)\d{2})\s*"
_FISCAL = re.compile(_YEAR + r"年度")
_SENT_DOWN = re.compile(r"下达[^\d。；;，,]{0,8}?" + _YEAR + r"年(?!\s*\d{1,2}\s*月)")
_TARGET_HEADING = re.compile(_YEAR + r"年度?[^\d。；;，,]{0,12}?绩效目标")
_HEADING_CHARS = 80
_SENTENCE = re.compile(r"[。；;]")


def with_preamble_year(doc: Document, forms: list[Form]) -> list[Form]:
    """``forms``, each without a year given the one year the text before it names
    (among the lines no other form holds), with a P006 finding; others unchanged."""
    spans = [f.source.lines for f in forms]
    out: list[Form] = []
    for form in forms:
        start = form.source.lines[0]
        if form.year is not None:
            out.append(form)
            continue
        before = (
            ln
            for ln in doc.lines
            if ln.number < start and not any(a <= ln.number <= b for a, b in spans)
        )
        found = _named_year(before, form.kind in _TARGET_KINDS)
        if found is None:
            out.append(form)
            continue
        year, line, words = found
        reason = f"表中未印年度，表前第 {line} 行「{words}」写明该年度"
        said = finding(
            "P006",
            Location(file=doc.name, lines=(line, line)),
            field="年度",
            value=str(year),
            reason=reason,
        )
        out.append(form.model_copy(update={"year": year, "findings": (*form.findings, said)}))
    return out


def _named_year(lines: Iterable[Line], target: bool) -> tuple[int, int, str] | None:
    """The one year the lines name as a form's year: (year, line, the words), or
    ``None`` when they name none or more than one."""
    seen: dict[int, tuple[int, str]] = {}
    for ln in lines:
        number, text = ln.number, unicodedata.normalize("NFKC", ln.text).strip()
        heading = len(text) <= _HEADING_CHARS and not _SENTENCE.search(text)
        patterns = [_FISCAL] if heading else []
        if target:
            patterns.append(_SENT_DOWN)
            if heading:
                patterns.append(_TARGET_HEADING)
        for pattern in patterns:
            for m in pattern.finditer(text):
                seen.setdefault(int(m.group(1)), (number, m.group(0).strip()))
    if len(seen) != 1:
        return None
    ((year, (line, words)),) = seen.items()
    return year, line, words
