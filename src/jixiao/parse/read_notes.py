"""What the reader noted about a document, as findings on the forms parsed from it.

Readers note what a parser cannot see in the text: a spreadsheet cell read from its
formula because its value was an error (``Table.formula_cells``, see
:mod:`jixiao.read.xlsx_formulas`), a document converted from traditional characters
(``Document.meta["traditional"]``, see :mod:`jixiao.read.traditional`). Each note
becomes a finding on the form whose lines hold it, whatever layout read the form.
"""

from __future__ import annotations

from jixiao.model import Finding, Form, Location, finding
from jixiao.parse.unplaced import Placed
from jixiao.read import Document
from jixiao.read.traditional import META_KEY as TRADITIONAL

__all__ = ["formula_findings", "read_notes"]


def formula_findings(doc: Document) -> list[Finding]:
    """P015 for every cell the reader took from its formula (its value an error)."""
    out: list[Finding] = []
    for table in doc.tables:
        for note in table.formula_cells:
            line = table.line_of(note.row)
            formula = note.formula
            reading = (
                f"按公式原文「={formula}」读取" if formula else "文件中没有公式原文，按空白读取"
            )
            out.append(
                finding(
                    "P015",
                    Location(file=doc.name, lines=(line, line)),
                    line=line,
                    ref=note.ref,
                    error=note.error,
                    reading=reading,
                )
            )
    return out


def read_notes(doc: Document, forms: list[Form]) -> list[Placed]:
    """The reader's notes on ``doc`` as findings on lines (P015 on the cell's line, P016
    on the first line of every form of a converted document); none without forms."""
    if not forms:
        return []
    converted = doc.meta.get(TRADITIONAL)
    placed: list[Placed] = []
    if converted:
        for form in forms:
            start = form.source.lines[0]
            loc = Location(file=doc.name, lines=form.source.lines)
            placed.append((start, finding("P016", loc, count=converted)))
    placed += [((f.location.lines or (0, 0))[0], f) for f in formula_findings(doc)]
    return placed
