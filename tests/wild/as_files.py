"""The wild inputs as the files they came from: ``python tests/wild/as_files.py [prefixes…]``.

A pipe or cell-a-line input is the text of a table; this writes that table back into
the files units publish — a Word table (python-docx) and a worksheet (openpyxl), cell
by cell with its merges — and reads each file. The table is the one the reconstructor
rebuilt from the text (:func:`jixiao.parse.rebuild.rebuild`, what the layouts read:
its merged 一级/二级指标 labels, a label beside a value spanning the columns), so a
field the file reads differently from the text shows a habit of the table readers.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import INPUTS, TRUTH, measure

FLATTENINGS = ("pipe", "cellline")


def tables(path: Path) -> list[Any]:
    """The tables (``jixiao.model.table.Table``) rebuilt from the text of ``path``."""
    from jixiao.parse.rebuild import rebuild
    from jixiao.read import read_document

    return list(rebuild(read_document(path)).document.tables)


def write_xlsx(found: list[Any], out: Path) -> Path:
    """One worksheet per table, each cell at its place, merged over its span."""
    from openpyxl import Workbook

    book = Workbook()
    for i, table in enumerate(found):
        sheet = book.active if i == 0 else book.create_sheet()
        assert sheet is not None
        for cell in table.cells:
            written = sheet.cell(cell.row + 1, cell.col + 1, cell.text or None)
            if cell.text.startswith("="):
                written.data_type = "s"  # typed text (=100%), not a formula never computed
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=cell.row + 1,
                    start_column=cell.col + 1,
                    end_row=cell.row + cell.rowspan,
                    end_column=cell.col + cell.colspan,
                )
    book.save(out)
    return out


def write_docx(found: list[Any], out: Path) -> Path:
    """One Word table per table, each cell at its place, merged over its span."""
    from docx import Document as WordDocument

    word = WordDocument()
    for table in found:
        grid = word.add_table(rows=table.n_rows, cols=table.n_cols)
        for cell in table.cells:
            target = grid.cell(cell.row, cell.col)
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = grid.cell(cell.row + cell.rowspan - 1, cell.col + cell.colspan - 1)
                target = target.merge(corner)
            target.text = cell.text
        word.add_paragraph("")
    word.save(str(out))
    return out


def inputs(prefixes: list[str]) -> list[Path]:
    """The pipe and cell-a-line inputs with a transcription (those named by ``prefixes``)."""
    return [
        p
        for p in sorted(INPUTS.glob("*.txt"))
        if p.stem.rsplit("_", 1)[-1] in FLATTENINGS
        and (TRUTH / f"{p.stem}.json").exists()
        and (not prefixes or p.name.startswith(tuple(prefixes)))
    ]


def compare(path: Path, tmp: Path) -> dict[str, Counter[str]]:
    """Right / missing / wrong fields of ``path`` read as text, as xlsx and as docx."""
    truth = TRUTH / f"{path.stem}.json"
    found = tables(path)
    outside = _years_before_tables(path)
    out = {"text": _counts(measure(path, truth).fields, outside)}
    if not found:
        return out
    for name, write in (("xlsx", write_xlsx), ("docx", write_docx)):
        made = write(found, tmp / f"{path.stem}.{name}")
        out[name] = _counts(measure(made, truth).fields, outside)
    return out


def _years_before_tables(path: Path) -> set[int]:
    """The forms whose year the text took from its lines before the tables (P006 of
    ``parse.preamble_year``): the files hold only the tables, so their year is not compared."""
    from jixiao.parse import parse_file

    return {
        i
        for i, form in enumerate(parse_file(path).forms)
        if any(f.code == "P006" and f.values.get("field") == "年度" for f in form.findings)
    }


def _counts(fields: list[tuple[int, str, Any]], outside: set[int]) -> Counter[str]:
    return Counter(f.status for i, _, f in fields if not (i in outside and f.path == "year"))


def main(argv: list[str]) -> int:
    total: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in inputs(argv):
            got = compare(path, Path(tmp))
            line = f"{path.stem:34}"
            for name, counts in got.items():
                line += f" | {name} {counts['right']:4}/{counts['wrong']}"
                total[f"{name} right"] += counts["right"]
                total[f"{name} wrong"] += counts["wrong"]
            print(line)
    print("right/wrong fields: " + ", ".join(f"{k} {v}" for k, v in total.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
