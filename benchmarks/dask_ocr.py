"""Benchmark: importing scanned pages (OCR) on a Dask cluster of 1 and 2 local workers,
next to the local executor (child processes) with 1 and 2 jobs, in the same run.

    python benchmarks/dask_ocr.py                    # 8 pages at 200 dpi
    python benchmarks/dask_ocr.py --pages 16 --dpi 150
    python benchmarks/dask_ocr.py --cluster tcp://scheduler:8786   # a real cluster too

The pages are the seed forms rendered as PDF (``jixiao.render.pdf``) and rasterised to
greyscale PNG, one file a page (``scripts/make_corpus.py`` does the same for the OCR
corpus). Each configuration imports them into a fresh SQLite file with ``run_import``:
the Dask runs through :class:`~jixiao.service.dask_import.DaskExecutor` on a
``LocalCluster`` of N single-threaded worker processes (started before the clock, as a
bureau's workers are), the local ones through the default pool of N children. Needs the
``ocr`` and ``dask`` extras. Not a test: the figures go into the README.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from make_corpus import rasterise, seed_forms  # noqa: E402


def make_pages(folder: Path, pages: int, dpi: int) -> list[Path]:
    """``pages`` PNG pages of seed forms, rendered and rasterised."""
    from jixiao.render.pdf import write_pdf

    out: list[Path] = []
    for k, (_seed, _index, form) in enumerate(seed_forms()):
        pdf = folder / f"f{k:03d}.pdf"
        write_pdf([form], pdf)
        out += rasterise(pdf, dpi, f"f{k:03d}")
        if len(out) >= pages:
            return out[:pages]
    return out


def run(pages: list[Path], workdir: Path, label: str, jobs: int, executor: Any) -> dict[str, Any]:
    from jixiao.service import run_import
    from jixiao.store import open_store

    db = workdir / f"{label}-{jobs}.db"
    with open_store(f"sqlite:///{db}") as store:
        t0 = time.perf_counter()
        report = run_import(store, pages, jobs=jobs, executor=executor)
        seconds = time.perf_counter() - t0
    return {
        "label": label,
        "jobs": jobs,
        "seconds": seconds,
        "pages_per_s": len(pages) / seconds,
        "forms": report.totals.forms,
        "failed": len(report.totals.failed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--cluster", default=None, help="also time a running cluster")
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    from jixiao.service.dask_import import DaskExecutor

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="jixiao-ocr-") as tmp:
        workdir = Path(tmp)
        pages = make_pages(workdir, args.pages, args.dpi)
        print(f"{len(pages)} pages at {args.dpi} dpi", flush=True)
        for jobs in (1, 2):
            results.append(run(pages, workdir, "local", jobs, None))
            print(_line(results[-1]), flush=True)
        for jobs in (1, 2):
            with (
                LocalCluster(
                    n_workers=jobs, threads_per_worker=1, dashboard_address=None
                ) as cluster,
                Client(cluster) as client,
            ):
                client.wait_for_workers(jobs)
                results.append(
                    run(pages, workdir, "dask", jobs, DaskExecutor(cluster.scheduler_address))
                )
            print(_line(results[-1]), flush=True)
        if args.cluster:
            results.append(run(pages, workdir, "cluster", 1, DaskExecutor(args.cluster)))
            print(_line(results[-1]), flush=True)
    print()
    print(_table(results))


def _line(r: dict[str, Any]) -> str:
    return (
        f"{r['label']:7} workers={r['jobs']}: {r['seconds']:6.1f} s, "
        f"{r['pages_per_s']:5.2f} pages/s, {r['forms']} forms, {r['failed']} failed"
    )


def _table(results: list[dict[str, Any]]) -> str:
    """Each executor with 1 and 2 workers side by side, and the speed-up."""
    rows = [
        "| executor | 1 worker pages/s | 2 workers pages/s | speed-up |",
        "|---|---:|---:|---:|",
    ]
    by: dict[str, dict[int, float]] = {}
    for r in results:
        by.setdefault(r["label"], {})[r["jobs"]] = r["pages_per_s"]
    for label, rates in by.items():
        one, two = rates.get(1), rates.get(2)
        speed = f"{two / one:.2f}×" if one and two else "—"
        rows.append(f"| {label} | {_rate(one)} | {_rate(two)} | {speed} |")
    return "\n".join(rows)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
