"""Benchmark: jixiao's PDF table reader against pdfplumber's ``extract_tables``.

    python benchmarks/pdf_tables.py [--styles plain,narrow] [--forms N] [--dir DIR] [--repeat K]

Not a test: the figures go into the README. Every seed form (``examples/*.txt``, 83
forms) is rendered to its own PDF by ``jixiao.render.pdf.write_pdf`` in each style
(``plain``: the published grid; ``narrow``: narrow columns, long cells wrapped, tables
broken over pages). The ground truth of each PDF is the form's
``jixiao.render.official.official_table``. Each reader then runs in its own fresh
process (one core, so its peak memory is its own) over the same files:

- pages per second, by the wall clock and by the process's CPU time (the latter is
  steadier on a busy machine), over all files after a warm-up file; each reader reads
  all files K times in its process (``--repeat K``, 3 unless given) and each time is
  the least of the K passes (every reader treated alike: a busy machine slows some
  passes, never speeds one up; the first pass is slower for every phase of jixiao's
  reading, not for one cost paid once);
- peak memory: the process's peak resident set (``VmHWM``: ``RSS`` in all,
  ``+RSS`` its growth while reading, after imports and one warm-up file) and the
  Python heap peak (``tracemalloc``, a separate pass, since tracing slows reading);
- cell accuracy: the share of non-empty ground-truth cells inside the ruled grid (the
  title and 说明 rows printed without rules excluded) whose text, whitespace removed,
  is found as a cell;
- for jixiao only: the share of merged ground-truth cells found with the same spans,
  and of forms that ``jixiao.parse`` reads back field for field.

A third reader, ``raw text`` (pypdfium2's text of each page, no tables), is the floor:
it opens the document and, for each page, loads the page (pdfium parses the content
stream and, for a CJK font, loads each glyph's box) and its text page, and asks the
page's text — all of which jixiao does too (it cannot read positions without them);
the last lines print jixiao's CPU time per page as a multiple of the floor's and
pdfplumber's as a multiple of jixiao's.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
_WS = re.compile(r"\s+")

Extract = Callable[[Path], tuple[int, list[str], list[tuple[str, int, int]]]]
"""path → (pages, cell texts, (text, rowspan, colspan) of merged cells)."""


def _norm(text: str | None) -> str:
    return _WS.sub("", text or "")


# ---------------------------------------------------------------- corpus


def make_corpus(out: Path, styles: list[str], limit: int | None) -> list[dict[str, Any]]:
    """Render the seed forms; return one entry per PDF with its ground truth."""
    from jixiao.model.jsonio import dumps
    from jixiao.parse import parse_file
    from jixiao.render.official import official_table
    from jixiao.render.options import RenderOptions
    from jixiao.render.pdf import plain_rows, write_pdf

    options = {"plain": RenderOptions(), "narrow": RenderOptions(narrow=True)}
    forms = [f for p in sorted(EXAMPLES.glob("*.txt")) for f in parse_file(p).forms]
    entries = []
    for i, form in enumerate(forms[:limit]):
        for style in styles:
            path = out / f"f{i:03d}.{style}.pdf"
            write_pdf([form], path, options[style])
            truth = official_table(form, options[style])
            n_title, n_footer = plain_rows(truth)  # drawn above / below the ruled grid
            cells = [
                c
                for c in truth.cells
                if n_title <= c.row < truth.n_rows - n_footer and _norm(c.text)
            ]
            entries.append(
                {
                    "path": str(path),
                    "cells": [_norm(c.text) for c in cells],
                    "merged": [
                        [_norm(c.text), c.rowspan, c.colspan]
                        for c in cells
                        if c.rowspan > 1 or c.colspan > 1
                    ],
                    "form": _comparable(json.loads(dumps([form]))[0]),
                }
            )
    return entries


def _comparable(data: Any) -> Any:
    """Form data without provenance and findings (they differ by nature)."""
    if isinstance(data, dict):
        return {
            k: _comparable(v)
            for k, v in data.items()
            if k not in ("source", "findings", "lines", "line", "page")
        }
    if isinstance(data, list):
        return [_comparable(v) for v in data]
    return data


# ---------------------------------------------------------------- readers


def _jixiao(path: Path) -> tuple[int, list[str], list[tuple[str, int, int]]]:
    from jixiao.read.pdf import read_pdf

    doc = read_pdf(path)
    cells = [c for t in doc.tables for c in t.cells]
    merged = [(_norm(c.text), c.rowspan, c.colspan) for c in cells if c.rowspan * c.colspan > 1]
    return int(doc.meta["pages"]), [_norm(c.text) for c in cells], merged


def _pdfplumber(path: Path) -> tuple[int, list[str], list[tuple[str, int, int]]]:
    import pdfplumber

    texts: list[str] = []
    with pdfplumber.open(path) as pdf:
        pages = len(pdf.pages)
        for page in pdf.pages:
            for table in page.extract_tables():
                texts.extend(_norm(cell) for row in table for cell in row if cell is not None)
            page.close()
    return pages, texts, []


def _raw_text(path: Path) -> tuple[int, list[str], list[tuple[str, int, int]]]:
    """The floor: pypdfium2's text of every page, no positions, no tables."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf), [], []
    finally:
        pdf.close()


READERS: dict[str, Extract] = {"jixiao": _jixiao, "pdfplumber": _pdfplumber, "raw text": _raw_text}


def _round_trip(path: Path) -> Any:
    from jixiao.model.jsonio import dumps
    from jixiao.parse import parse_document
    from jixiao.read.pdf import read_pdf

    forms = parse_document(read_pdf(path)).forms
    return _comparable(json.loads(dumps(forms[:1]))[0]) if len(forms) == 1 else None


def worker(reader: str, entries_file: Path, repeat: int = 1) -> None:
    """Run one reader over the corpus ``repeat`` times in this (fresh) process; print
    JSON results (times: the least of the passes)."""
    entries = json.loads(entries_file.read_text(encoding="utf-8"))
    extract = READERS[reader]
    paths = [Path(e["path"]) for e in entries]
    extract(paths[0])  # warm up imports
    rss_before = _peak_rss_kib()
    wall = cpu = math.inf
    for _ in range(repeat):  # the least of each: the run least disturbed by the machine
        pages, results = 0, []
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for path in paths:
            n, texts, merged = extract(path)
            pages += n
            results.append((texts, merged))
        wall = min(wall, time.perf_counter() - wall0)
        cpu = min(cpu, time.process_time() - cpu0)
    rss = _peak_rss_kib()
    tracemalloc.start()
    for path in paths:
        extract(path)
    _, heap = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = total = spans_ok = spans_total = 0
    for entry, (texts, merged) in zip(entries, results, strict=True):
        f, t = _matched(entry["cells"], texts)
        found, total = found + f, total + t
        f, t = _matched([tuple(m) for m in entry["merged"]], [tuple(m) for m in merged])
        spans_ok, spans_total = spans_ok + f, spans_total + t
    same = None
    if reader == "jixiao":
        same = sum(1 for e, p in zip(entries, paths, strict=True) if _round_trip(p) == e["form"])
    print(
        json.dumps(
            {
                "files": len(paths),
                "pages": pages,
                "wall": wall,
                "cpu": cpu,
                "rss_mib": rss / 1024,
                "rss_growth_mib": (rss - rss_before) / 1024,
                "heap_mib": heap / 2**20,
                "cells_found": found,
                "cells_total": total,
                "spans_found": spans_ok if reader == "jixiao" else None,
                "spans_total": spans_total,
                "forms_same": same,
            }
        )
    )


def _peak_rss_kib() -> int:
    """Peak resident memory of this process in KiB: ``VmHWM`` on Linux (``ru_maxrss``
    would include the parent's peak, inherited across ``exec``)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _matched(truth: Iterable[Any], found: Iterable[Any]) -> tuple[int, int]:
    pool = Counter(found)
    hits = total = 0
    for item in truth:
        total += 1
        if pool[item] > 0:
            pool[item] -= 1
            hits += 1
    return hits, total


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--styles", default="plain,narrow")
    parser.add_argument("--forms", type=int, default=None, help="only the first N forms")
    parser.add_argument("--dir", type=Path, default=None, help="keep the PDFs here")
    parser.add_argument(
        "--repeat", type=int, default=3, help="passes per reader; times are the least of them"
    )
    parser.add_argument("--worker", choices=sorted(READERS), help=argparse.SUPPRESS)
    parser.add_argument("--entries", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.entries, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        out = args.dir or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        entries = make_corpus(out, args.styles.split(","), args.forms)
        entries_file = out / "entries.json"
        entries_file.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
        print(f"rendered {len(entries)} PDFs ({args.styles}) in {time.perf_counter() - t0:.1f} s")
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        rows = {}
        for reader in READERS:
            cmd = [sys.executable, __file__, "--worker", reader, "--entries", str(entries_file)]
            cmd += ["--repeat", str(args.repeat)]
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
            rows[reader] = json.loads(done.stdout.strip().splitlines()[-1])
    _report(rows)


def _report(rows: dict[str, dict[str, Any]]) -> None:
    head = (
        f"{'reader':<11} {'files':>5} {'pages':>5} {'pages/s':>8} {'pages/cpu-s':>11} "
        f"{'RSS':>6} {'+RSS':>6} {'heap':>7} {'cells found':>17} {'spans':>13} {'forms':>8}"
    )
    print(head)
    print("-" * len(head))
    for name, r in rows.items():
        share = 100 * r["cells_found"] / r["cells_total"]
        cells = f"{r['cells_found']}/{r['cells_total']} {share:.1f}%"
        spans = f"{r['spans_found']}/{r['spans_total']}" if r["spans_found"] is not None else "-"
        forms = f"{r['forms_same']}/{r['files']}" if r["forms_same"] is not None else "-"
        print(
            f"{name:<11} {r['files']:>5} {r['pages']:>5} {r['pages'] / r['wall']:>8.1f} "
            f"{r['pages'] / r['cpu']:>11.1f} {r['rss_mib']:>4.0f}MB {r['rss_growth_mib']:>4.0f}MB "
            f"{r['heap_mib']:>5.1f}MB {cells:>17} "
            f"{spans:>13} {forms:>8}"
        )
    per_page = {name: r["cpu"] / r["pages"] for name, r in rows.items()}
    print(f"jixiao / raw text: {per_page['jixiao'] / per_page['raw text']:.1f}× the CPU per page")
    slower = per_page["pdfplumber"] / per_page["jixiao"]
    print(f"pdfplumber / jixiao: {slower:.1f}× the CPU per page")


if __name__ == "__main__":
    main()
