"""The seed corpus: real inputs of every kind the fuzzer mutates.

- ``text``: the samples (``examples/*.txt``), the wild corpus and the provinces' text
  inputs;
- ``xlsx``, ``docx``, ``html``, ``pdf``: the provinces', department and LibreOffice test
  inputs, and golden forms rendered by jixiao itself (``jixiao.render``: the official
  table as xlsx, docx and pdf) — the *rendered corpus*;
- ``value``: every 年度指标值 and 实际完成值 of the golden forms (the value grammar).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jixiao.model import Form
from jixiao.model.jsonio import loads
from jixiao.render.docx import docx_bytes
from jixiao.render.pdf import pdf_bytes
from jixiao.render.xlsx import xlsx_bytes

__all__ = ["FILE_KINDS", "KINDS", "ROOT", "Seed", "seeds", "value_seeds"]

ROOT = Path(__file__).resolve().parents[2]
FILE_KINDS = ("text", "xlsx", "docx", "html", "pdf")
KINDS = (*FILE_KINDS, "value")

_SUFFIX_KIND = {".txt": "text", ".xlsx": "xlsx", ".docx": "docx", ".html": "html", ".pdf": "pdf"}
_FOLDERS = (
    "examples",
    "tests/wild/inputs",
    "tests/provinces/inputs",
    "tests/department/inputs",
    "tests/libreoffice/files",
)
_RENDERED = 6
"""How many golden forms are rendered (spread over the golden files)."""


@dataclass(frozen=True)
class Seed:
    kind: str
    name: str
    data: bytes


@cache
def seeds(rendered: bool = True) -> dict[str, tuple[Seed, ...]]:
    """The file seeds by kind (``rendered=False``: the files on disk only)."""
    found: dict[str, list[Seed]] = {k: [] for k in FILE_KINDS}
    for folder in _FOLDERS:
        for path in sorted((ROOT / folder).glob("*")):
            kind = _SUFFIX_KIND.get(path.suffix.lower())
            if kind is not None:
                found[kind].append(Seed(kind, f"{folder}/{path.name}", path.read_bytes()))
    if rendered:
        for seed in _rendered():
            found[seed.kind].append(seed)
    return {k: tuple(v) for k, v in found.items()}


def _golden_forms() -> list[Form]:
    files = sorted((ROOT / "tests" / "golden").glob("*/[0-9][0-9].json"))
    step = max(1, len(files) // _RENDERED)
    return [f for path in files[::step][:_RENDERED] for f in loads(path.read_text("utf-8"))]


def _rendered() -> list[Seed]:
    out: list[Seed] = []
    for i, form in enumerate(_golden_forms()):
        forms = [form]
        out.append(Seed("xlsx", f"rendered/{i}.xlsx", xlsx_bytes(forms)))
        out.append(Seed("docx", f"rendered/{i}.docx", docx_bytes(forms)))
        out.append(Seed("pdf", f"rendered/{i}.pdf", pdf_bytes(forms)))
    return out


@cache
def value_seeds() -> tuple[str, ...]:
    """The indicator values of the golden forms, each once."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "tests" / "golden").glob("*/[0-9][0-9].json")):
        for form in json.loads(path.read_text("utf-8")):
            for row in form.get("indicators") or ():
                for key in ("target", "actual"):
                    if row.get(key):
                        found[row[key]] = None
    return tuple(found)
