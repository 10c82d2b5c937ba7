"""Write the province corpus inputs (``inputs/``) from the hand-written sources.

Each ``sources/NN_name.html`` is a form as a province publishes it, written by hand
from the province's official template; :data:`FORMATS` says in which format it goes
into the corpus. Excel and Word files are drawn from the HTML table by jixiao's own
renderers (merged cells, numbers as numbers with their format), so the corpus covers
the xlsx, docx, html and pdf readers. :data:`SAVED_AS_TEXT` forms also go in as the
table saved as tab-separated text (``NN_name_tsv.txt``: one row a line, a merged
cell's text in its first position). Text forms (``sources/*.txt``) are copied as
they are.

Run ``python tests/provinces/build_inputs.py`` after editing a source, then
``pytest tests/provinces --update-golden`` and read the diff.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from openpyxl import Workbook

from jixiao.read.html import read_html
from jixiao.render.docx import docx_tables_bytes
from jixiao.render.pdf import pdf_tables_bytes
from jixiao.render.xlsx import add_table_sheet

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
INPUTS = HERE / "inputs"

FORMATS: dict[str, str] = {
    "01_jiangsu_self": "html",
    "02_sichuan_target": "xlsx",
    "03_guangdong_self": "docx",
    "04_zhejiang_self": "xlsx",
    "07_fujian_self": "html",
    "08_sichuan_self": "xlsx",
    "09_hubei_target": "docx",
}
"""Source stem → the format it is published in (``txt`` sources are always text)."""

SAVED_AS_TEXT = ("01_jiangsu_self", "02_sichuan_target", "08_sichuan_self")
"""Sources also written as their table saved as tab-separated text."""

PRINTED_AS_PDF = ("07_fujian_self",)
"""Sources also printed to PDF (``NN_name_pdf.pdf``, read from its text layer)."""


def build() -> list[Path]:
    INPUTS.mkdir(exist_ok=True)
    out: list[Path] = []
    for source in sorted(SOURCES.iterdir()):
        if source.suffix == ".txt":
            target = INPUTS / source.name
            shutil.copyfile(source, target)
            out.append(target)
            continue
        if source.stem in SAVED_AS_TEXT:
            saved = INPUTS / f"{source.stem}_tsv.txt"
            lines = (ln.text for ln in read_html(source).lines)
            saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
            out.append(saved)
        if source.stem in PRINTED_AS_PDF:
            printed = INPUTS / f"{source.stem}_pdf.pdf"
            printed.write_bytes(pdf_tables_bytes(read_html(source).tables))
            out.append(printed)
        fmt = FORMATS[source.stem]
        target = INPUTS / f"{source.stem}.{fmt}"
        if fmt == "html":
            shutil.copyfile(source, target)
        else:
            tables = read_html(source).tables
            if fmt == "xlsx":
                wb = Workbook()
                for sheet in list(wb.worksheets):
                    wb.remove(sheet)
                for i, table in enumerate(tables):
                    add_table_sheet(wb, table, name=f"表{i + 1}")
                wb.save(target)
            else:
                target.write_bytes(docx_tables_bytes(tables))
        out.append(target)
    return out


if __name__ == "__main__":
    for path in build():
        print(path.relative_to(HERE))
