"""Write the LibreOffice-made PDFs of ``files/`` (needs ``soffice`` on the PATH).

Each case is a sample form (from ``examples/``) that jixiao renders to Word or Excel;
LibreOffice then prints it to PDF, as a unit that edits and prints its form would:

- ``split_row``: one indicator row with a note so long that the row is broken across
  the page (the rows may break: ``w:cantSplit`` taken out of jixiao's Word file);
- ``writer_cut_label``: a pre-2020 scorecard whose merged 一级指标 label
  ``效果目标 (15分)`` is cut by the page break, its text flowing on to the next page;
- ``calc_cut_label``: a self-evaluation printed from Calc, whose merged 二级指标
  ``社会效益指标`` straddles the page break: Calc draws the label's text on both pages,
  clipped to each page's part;
- ``formula_error.xlsx``: a self-evaluation whose targets ``=365(天)`` … were typed
  into the workbook as formulas (:func:`typed_as_formulas`), saved again by Calc, which
  computes them and keeps the formula with its error value (``#VALUE!``).

:func:`expected` gives the forms each PDF must read as. Run
``python tests/libreoffice/lo_files.py`` to write the files again (they are kept in the
repository, so the tests need no LibreOffice).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from jixiao.model import Form
from jixiao.parse import parse_file

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
EXAMPLES = HERE.parent.parent / "examples"
NOTE = "；".join(f"第{k}项偏差原因说明文字较长需要折行显示" for k in range(1, 25))


def _form(seed: str, project: str) -> Form:
    forms = parse_file(EXAMPLES / seed).forms
    return next(f for f in forms if f.project == project)


def _with_long_note(form: Form, index: int) -> Form:
    rows = list(form.indicators)
    rows[index] = rows[index].model_copy(update={"note": NOTE})
    return form.model_copy(update={"indicators": tuple(rows)})


def expected(case: str) -> Form:
    """The form the PDF of ``case`` must read as."""
    if case == "split_row":
        return _with_long_note(_form("000_52d2d39b8e94208b.txt", "信息化运维项目"), 8)
    if case == "writer_cut_label":
        return _form("001_5643fb32fc07280b.txt", "公共服务专项经费")
    if case == "calc_cut_label":
        return _form("000_52d2d39b8e94208b.txt", "人事人才公共服务工作经费")
    if case == "formula_error":
        return _form("000_52d2d39b8e94208b.txt", "信息化运维项目")
    raise KeyError(case)


_TYPED = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is><t>=([^<]*)</t></is></c>')


def typed_as_formulas(data: bytes, error: str = "#VALUE!") -> bytes:
    """A workbook of jixiao's in which every text cell starting with ``=`` is what Excel
    keeps when that text is typed: a formula whose value is ``error``."""
    cell = rb'<c r="\1"\2 t="e"><f>\3</f><v>' + error.encode() + rb"</v></c>"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                body = _TYPED.sub(cell, body)
            dst.writestr(item, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _rows_may_break(data: bytes) -> bytes:
    """A Word file with every ``w:cantSplit`` taken out."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "word/document.xml":
                body = re.sub(rb"<w:cantSplit/>", b"", body)
            dst.writestr(item, body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _docx(form: Form) -> tuple[bytes, str]:
    from jixiao.render.docx import docx_bytes

    return docx_bytes([form]), "docx"


def _xlsx(form: Form) -> tuple[bytes, str]:
    from jixiao.render.xlsx import write_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        path = write_xlsx([form], Path(tmp) / "form.xlsx")
        return Path(path).read_bytes(), "xlsx"


CASES: dict[str, Callable[[Form], tuple[bytes, str]]] = {
    "split_row": lambda form: (_rows_may_break(_docx(form)[0]), "docx"),
    "writer_cut_label": _docx,
    "calc_cut_label": _xlsx,
    "formula_error": lambda form: (typed_as_formulas(_xlsx(form)[0]), "xlsx"),
}
TARGETS = {"formula_error": "xlsx:Calc MS Excel 2007 XML"}
"""What LibreOffice saves each case as (a PDF unless named here)."""


def build() -> list[Path]:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）")
    FILES.mkdir(exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for case, make in CASES.items():
            data, ext = make(expected(case))
            source = work / "in" / f"{case}.{ext}"
            source.parent.mkdir(exist_ok=True)
            source.write_bytes(data)
            target = TARGETS.get(case, "pdf")
            subprocess.run(
                [
                    soffice,
                    "--headless",
                    f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(work),
                    str(source),
                ],
                check=True,
                capture_output=True,
                env={**os.environ, "HOME": str(work)},
                timeout=300,
            )
            made = f"{case}.{target.split(':')[0]}"
            shutil.copyfile(work / made, FILES / made)
            written.append(FILES / made)
    return written


if __name__ == "__main__":
    for path in build():
        print(path, path.stat().st_size)
