"""Benchmark: the sample forms as LibreOffice saves them, read back by jixiao.

    python benchmarks/libreoffice_roundtrip.py [--dir DIR] [--keep]

Not a test: the figures go into the README. The 83 sample forms (``examples/*.txt``)
are rendered by jixiao into one Word file and one Excel workbook (``jixiao render
--to docx`` / ``--to xlsx``); LibreOffice (``soffice --headless --convert-to``) then
makes four files of them, as a user who opens and saves them would:

- ``docx→pdf``: the Word file printed to PDF (writer_pdf_Export);
- ``docx→docx``: the Word file saved again by LibreOffice Writer;
- ``xlsx→xlsx``: the workbook saved again by LibreOffice Calc;
- ``xlsx→pdf``: the workbook printed to PDF (calc_pdf_Export).

Each file is read and parsed by jixiao (``jixiao.parse.parse_file``) and compared field
for field with parsing the sample texts: every leaf of the interchange JSON (provenance
``source``, row ``lines`` and the parse ``findings`` aside) counts as one field. A form
is matched to the sample form of the same kind and project (in order); a sample form
that was not found counts all its fields as wrong. Prints, per format: forms found,
fields right / total, and the first differing fields.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CONVERSIONS = (
    ("docx→pdf", "docx", "pdf"),
    ("docx→docx", "docx", "docx:MS Word 2007 XML"),
    ("xlsx→xlsx", "xlsx", "xlsx:Calc MS Excel 2007 XML"),
    ("xlsx→pdf", "xlsx", "pdf"),
)


def comparable(form: Any) -> dict[str, Any]:
    """A form's interchange JSON without provenance and findings."""
    from jixiao.model.jsonio import to_data

    data: dict[str, Any] = to_data(form)
    data.pop("source", None)
    data.pop("findings", None)
    data["indicators"] = [
        {k: v for k, v in row.items() if k != "lines"} for row in data["indicators"]
    ]
    return data


def leaves(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar of a JSON value with its dotted path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, f"{path}.{i}")
    else:
        yield path, value


def compare(
    truth: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[int, int, int, list[str]]:
    """(forms matched, fields right, fields total, first differences)."""
    unused = list(range(len(found)))
    right = total = matched = 0
    diffs: list[str] = []
    for t in truth:
        key = (t["kind"], t["project"])
        index = next((i for i in unused if (found[i]["kind"], found[i]["project"]) == key), None)
        if index is None and unused:
            index = unused[0]  # a project name read wrongly: compare with the next one
        mine = dict(leaves(t))
        theirs = dict(leaves(found[index])) if index is not None else {}
        if index is not None:
            unused.remove(index)
            matched += 1
        total += len(mine)
        for path, value in mine.items():
            if path in theirs and theirs[path] == value:
                right += 1
            elif len(diffs) < 12:
                diffs.append(f"{t['project']} {path}: {value!r} ≠ {theirs.get(path, '（无）')!r}")
    return matched, right, total, diffs


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        sys.exit(
            "需要 LibreOffice（soffice）："
            "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
        )
    return found


def convert(binary: str, source: Path, target: str, out: Path, profile: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            binary,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        env={**os.environ, "HOME": str(profile)},
        timeout=600,
    )
    return out / (source.stem + "." + target.split(":")[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    from jixiao.parse import parse_file
    from jixiao.render.docx import write_docx
    from jixiao.render.xlsx import write_xlsx

    binary = soffice()
    work = args.dir or Path(tempfile.mkdtemp(prefix="jixiao-lo-"))
    work.mkdir(parents=True, exist_ok=True)
    forms = [f for p in sorted(EXAMPLES.glob("*.txt")) for f in parse_file(p).forms]
    truth = [comparable(f) for f in forms]
    sources = {"docx": work / "样例.docx", "xlsx": work / "样例.xlsx"}
    write_docx(forms, sources["docx"])
    write_xlsx(forms, sources["xlsx"])
    print(f"样例表 {len(forms)} 张；LibreOffice：{binary}")
    print(f"{'转换':<10} {'表单':>9} {'字段正确/总数':>20} {'比例':>8} {'读取+解析 s':>12}")
    for name, source, target in CONVERSIONS:
        made = convert(binary, sources[source], target, work / name, work / "profile")
        start = time.perf_counter()
        found = [comparable(f) for f in parse_file(made).forms]
        seconds = time.perf_counter() - start
        _, right, total, diffs = compare(truth, found)
        share = right / total if total else 0.0
        print(
            f"{name:<10} {len(found):>4}/{len(truth):<4} {right:>9}/{total:<10} "
            f"{share:>8.2%} {seconds:>12.1f}"
        )
        for line in diffs:
            print("    ", line)
    if not args.keep and not args.dir:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"文件在 {work}")


if __name__ == "__main__":
    main()
