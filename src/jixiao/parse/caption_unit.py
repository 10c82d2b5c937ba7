"""The money unit a form's text prints in a caption its rebuilt table lost.

A form's amounts are in the unit its funding caption names: ``项目资金（万元）``,
``资金情况（单位：万元）``, ``金额单位：万元``. Rebuilding a flattened table keeps the cells
and may drop such a caption (a lone caption row, or the unit split off the label it was
printed in), and the form then reads with no money unit. A form that read none takes
the one unit its own lines name in such a caption, with a P006 finding naming the line;
a form whose lines name two units (a caption and an indicator's ``补助资金(元)``), or
none, is left as read.
"""

from __future__ import annotations

import re
import unicodedata

from jixiao.model import Form, Location, finding
from jixiao.read import Document

__all__ = ["with_caption_unit"]

_UNIT = re.compile(
    r"(?:资金|金额|预算|投资|经费|情况)\s*[（(]\s*(?:(?:金额)?单位\s*[:：]?\s*)?(万元|千元|元)\s*[)）]"
    r"|(?<!量)(?:金额)?单位\s*[:：]\s*(万元|千元|元)(?![\u4e00-\u9fff/／])"
)


def with_caption_unit(doc: Document, forms: list[Form]) -> list[Form]:
    """``forms``, each without a money unit given the one its lines' captions name
    (with a P006 finding); others unchanged."""
    out: list[Form] = []
    for form in forms:
        found = None if form.money_unit is not None else _caption_unit(doc, form)
        if found is None:
            out.append(form)
            continue
        unit, line, words = found
        said = finding(
            "P006",
            Location(file=doc.name, lines=(line, line)),
            field="金额单位",
            value=unit,
            reason=f"第 {line} 行「{words}」写明金额单位",
        )
        out.append(form.model_copy(update={"money_unit": unit, "findings": (*form.findings, said)}))
    return out


def _caption_unit(doc: Document, form: Form) -> tuple[str, int, str] | None:
    """(unit, line, the caption) of the one unit ``form``'s lines name, else ``None``."""
    first, last = form.source.lines
    seen: dict[str, tuple[int, str]] = {}
    for ln in doc.lines[first - 1 : last]:
        text = unicodedata.normalize("NFKC", ln.text)
        for m in _UNIT.finditer(text):
            seen.setdefault(m.group(1) or m.group(2), (ln.number, m.group(0).strip()))
    if len(seen) != 1:
        return None
    ((unit, (line, words)),) = seen.items()
    return unit, line, words
