"""The rebuilt document: one table per form, each row a line, and the way back.

:func:`rebuild` returns a :class:`Document` of the rebuilt rows (what the ``grid``
layout reads) and, for every one of its lines, the lines of the original text the
row's cells came from, so that the forms, their rows and their findings point at the
text as it was printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from jixiao.model import Finding, Form, Location, finding
from jixiao.model.table import Table
from jixiao.parse.layouts.tabbed_grid import table_of_rows
from jixiao.parse.rebuild.blocks import scan, to_findings
from jixiao.parse.rebuild.header_rows import join_header_rows, name_column_headings
from jixiao.parse.rebuild.list_tables import Listed, split_lists
from jixiao.parse.rebuild.runon import join_wrapped, split_runon
from jixiao.parse.rebuild.tokens import Token, flattening, tokenize
from jixiao.parse.rebuild.vocab import LABEL_WORDS, is_op, reordered_level
from jixiao.parse.titles import find_title
from jixiao.read import Document, Line

__all__ = ["Rebuilt", "rebuild"]

_EXPLICIT = frozenset({"pipe", "cellline"})
"""Flattenings that print an empty cell as an empty token."""


@dataclass
class Rebuilt:
    document: Document
    """The rebuilt rows as lines, one table per form (``format`` stays ``text``)."""
    origin: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Rebuilt line → (first, last) line of the original text."""
    findings: list[Finding] = field(default_factory=list)
    """What rebuilding found doubtful (P012) and the text it placed nowhere (P001),
    located in the original text."""

    def lines_of(self, number: int) -> tuple[int, int]:
        return self.origin.get(number, (number, number))

    def remap(self, form: Form) -> Form:
        """``form`` (read from :attr:`document`) with every line range in the original."""
        data = form.model_dump(mode="python")
        data["source"]["lines"] = self._span(data["source"]["lines"])
        for row in data.get("indicators") or ():
            if row.get("lines"):
                row["lines"] = self._span(row["lines"])
        findings = [self._finding(f) for f in form.findings]
        data["findings"] = ()
        out = type(form).model_validate(data)
        return out.model_copy(update={"findings": tuple(findings)})

    def _span(self, lines: tuple[int, int]) -> tuple[int, int]:
        first = self.lines_of(lines[0])[0]
        return first, max(self.lines_of(lines[1])[1], first)

    def _finding(self, f: Finding) -> Finding:
        if f.location.lines is None:
            return f
        loc: Location = f.location.model_copy(update={"lines": self._span(f.location.lines)})
        return f.model_copy(update={"location": loc})


def rebuild(doc: Document) -> Rebuilt:
    """The forms of ``doc``'s text laid out as tables, whatever the flattening (a list
    table of many projects first written out one form per project)."""
    listed = split_lists(doc) if not doc.tables else None
    if listed is None:
        return _rebuild(doc)
    out = _rebuild(listed.document)
    out.origin = {n: (listed.line(a), listed.line(b)) for n, (a, b) in out.origin.items()}
    out.findings = [_moved(f, listed) for f in out.findings]
    return out


def _moved(f: Finding, listed: Listed) -> Finding:
    """``f`` located in the text the list table was written out from (the line its
    message names too)."""
    if f.location.lines is None:
        return f
    first, last = (listed.line(n) for n in f.location.lines)
    loc = f.location.model_copy(update={"lines": (first, max(first, last))})
    line = f.values.get("line")
    if isinstance(line, int):
        return finding(f.code, loc, **{**f.values, "line": listed.line(line)})
    return f.model_copy(update={"location": loc})


def _rebuild(doc: Document) -> Rebuilt:
    kind = flattening(doc)
    explicit = kind in _EXPLICIT
    spaced = kind == "flat"
    cells = [replace(t, spaced=True) if spaced else t for t in tokenize(doc)]
    pieces = [piece for t in cells for piece in split_runon(t, explicit or spaced)]
    pieces = name_column_headings(pieces)
    tokens = _label_cut_off(_years_in_titles(join_header_rows(join_wrapped(pieces, explicit))))
    out = Rebuilt(Document(doc.name, ()))
    tokens = [_in_order(t, doc.name, out.findings) for t in tokens]
    forms = scan(tokens, explicit)
    lines: list[Line] = []
    tables: list[Table] = []
    for form in forms:
        out.findings.extend(to_findings(form, doc.name))
        if not form.rows:
            continue
        first = len(lines) + 1
        for row in form.rows:
            number = len(lines) + 1
            lines.append(Line(number, "\t".join(c.replace("\t", " ") for c in row.cells)))
            nums = [t.line for t in row.tokens] or [1]
            out.origin[number] = (min(nums), max(nums))
        tables.append(table_of_rows([list(r.cells) for r in form.rows], first))
    out.document = Document(doc.name, tuple(lines), doc.encoding, dict(doc.meta), tuple(tables))
    return out


def _years_in_titles(tokens: list[Token]) -> list[Token]:
    """A title's year printed apart from it on its line (``2017 年部门整体支出绩效评价
    得分表``, PDF text spacing a number from the word after it) joined to the title."""
    out: list[Token] = []
    for token in tokens:
        last = out[-1] if out else None
        if (
            last is not None
            and _YEAR.fullmatch(last.text)
            and last.line == token.line
            and token.text.startswith("年")
            and find_title(token.text) is not None
        ):
            out[-1] = replace(token, text=last.text + token.text)
            continue
        out.append(token)
    return out


_YEAR = re.compile(r"(?:19|20)\d{2}")


def _label_cut_off(tokens: list[Token]) -> list[Token]:
    """``tokens`` with the last one marked cut off where it is the beginning of a label
    (``资金名称 | 林业草原生态保护恢复资金 | 中央主``: the excerpt ends inside 中央主管部门)
    or a comparison's sign alone (``…覆盖率 | ≧``, the excerpt ends inside the target):
    a cell's first characters, no value and no part of the one before them."""
    k = len(tokens) - 1
    while k >= 0 and not tokens[k].text:
        k -= 1
    if k < 0:
        return tokens
    text = tokens[k].text
    begun = len(text) >= 2 and any(w.startswith(text) and w != text for w in LABEL_WORDS)
    if not (begun or is_op(text)):  # ≧: a target cut off after its sign
        return tokens
    return [*tokens[:k], replace(tokens[k], cut=True), *tokens[k + 1 :]]


def _in_order(token: Token, file: str, said: list[Finding]) -> Token:
    """``token`` with a 一级/二级 label OCR read in another order (``出标产指``) as the
    label (said with P006); else itself."""
    word = reordered_level(token.text) if token.text else None
    if word is None:
        return token
    loc = Location(file=file, lines=(token.line, token.line))
    reason = "字序被文字识别打乱（竖排的合并格横着读出），字与该标签相同"
    said.append(finding("P006", loc, field=f"「{token.text}」", value=word, reason=reason))
    return replace(token, text=word)
