"""Benchmark: import N generated forms into SQLite and PostgreSQL; export them back.

    python benchmarks/import_forms.py                      # N = 1,000 and 10,000, both modes
    python benchmarks/import_forms.py --n 1000 --mode api --db sqlite
    JIXIAO_TEST_POSTGRES_URL=postgresql+psycopg://… python benchmarks/import_forms.py

Not a test: the figures go into the README. The N forms are made by varying the 83
seed forms (their golden JSON): copy ``k`` of a seed form gets another project name
(``…（第k批）``), another city in its unit and department names, a year shifted back
by ``k mod 5`` and its amounts (budgets, executed) scaled by ``1 + 0.15·(k mod 7)``;
scores, rows and findings are kept, so each form stays consistent. The forms of one
seed document and one copy make one generated document (1–29 forms), as published.

Two modes, each in a fresh process per (mode, database, N) so peak memory is its own:

- ``api``: the documents are scored and audited (``jixiao.audit.review``, timed apart
  as ``review_s``) and written with the store API (``Store.save_forms`` with their
  scores, one transaction per document) — the database part of an import alone. Then the whole
  database is exported with ``jixiao.export`` from ``Store.iter_stored``: csv, and
  (up to ``--xlsx-max`` forms, default 1,000) xlsx without the per-form official sheets.
  Last, ``jixiao rescore`` under ``shanghai2019`` is timed (``rescore_s``).
- ``files``: each generated document is written as a text file in its seed's layout
  (the seed text with the project names replaced — the amounts and years stay as the
  seed prints them) and imported by the pipeline of ``jixiao import`` (``run_import``:
  read, detect, parse, score and audit in worker processes, store, then the cross-form
  recheck of the projects imported) — what a user waits for.

Each ``files`` figure is printed next to its baseline measured in the same run: the
``api`` writes of the same N into the same database (what storing alone costs, from
models already reviewed in process). The time of the writing process is split into its
own CPU seconds (the serial part: unpickling, inserting, the recheck) and its workers'.
``--copies 1 10 20`` imports 1, 10 and 20 copies of the samples (83 forms each) and
prints the peak memory of each, with its growth over one copy.

``--baseline CHECKOUT`` (another checkout of jixiao, e.g. ``git worktree add /tmp/base
<rev>``) runs each ``files`` import ``--repeat`` times with this checkout and with the
baseline's ``src`` alternately, so both see the same machine load, and prints the best
of each side next to the other.

PostgreSQL runs in a fresh schema of the database at ``--postgres-url`` (default
``$JIXIAO_TEST_POSTGRES_URL``), dropped afterwards; without a URL it is skipped.
Database size: the SQLite file; for PostgreSQL the tables with their indexes and
TOAST (``pg_total_relation_size``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
EXAMPLES = ROOT / "examples"
PG_ENV = "JIXIAO_TEST_POSTGRES_URL"
CITIES = ("上海市", "杭州市", "南京市", "苏州市", "宁波市", "合肥市", "无锡市")
_CENT = Decimal("0.01")


# -- generating forms ---------------------------------------------------------------------


def seed_documents() -> dict[str, list[Any]]:
    """The 83 seed forms from their golden JSON, grouped by seed file."""
    from jixiao.model.jsonio import loads

    docs: dict[str, list[Any]] = {}
    for path in sorted(GOLDEN.glob("*/[0-9][0-9].json")):
        for form in loads(path.read_text(encoding="utf-8")):
            docs.setdefault(form.source.file, []).append(form)
    return docs


def _scale(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else (value * factor).quantize(_CENT)


def _city(text: str | None, k: int) -> str | None:
    return None if text is None else text.replace("上海市", CITIES[k % len(CITIES)])


def vary(form: Any, k: int) -> Any:
    """Copy ``k`` of a seed form: other names, year, amounts (see the module doc)."""
    factor = 1 + Decimal("0.15") * (k % 7)
    update: dict[str, Any] = {
        "project": f"{form.project or '项目'}（第{k}批）",
        "unit": _city(form.unit, k),
        "department": _city(form.department, k),
        "year": None if form.year is None else form.year - k % 5,
    }
    if form.kind == "self_evaluation":
        funds = {
            name: row.model_copy(
                update={
                    c: _scale(getattr(row, c), factor) for c in ("initial", "adjusted", "executed")
                }
            )
            for name, row in form.funds
        }
        update["funds"] = form.funds.model_copy(update=funds)
    elif form.kind == "legacy_self_evaluation":
        legacy = form.legacy
        update["legacy"] = legacy.model_copy(
            update={c: _scale(getattr(legacy, c), factor) for c in ("budget", "executed")}
        )
    else:
        meta = form.target_meta
        cols = ("total_budget", "current_budget", "prior_budget", "prior_executed")
        update["target_meta"] = meta.model_copy(
            update={c: _scale(getattr(meta, c), factor) for c in cols}
        )
    return form.model_copy(update=update)


def documents(n: int) -> Iterator[tuple[str, list[Any]]]:
    """``(file name, forms)`` of generated documents, N forms in all, made lazily."""
    seeds = seed_documents()
    made = 0
    k = 0
    while made < n:
        k += 1
        for name, forms in seeds.items():
            take = forms[: n - made]
            if not take:
                return
            made += len(take)
            yield f"bench_{k:04d}_{name}", [vary(f, k) for f in take]


# -- one measured run -----------------------------------------------------------------------


def _peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _database(kind: str, pg_url: str | None, workdir: Path) -> tuple[str, Any]:
    """A URL of an empty database, and a function that returns (size in bytes, cleanup)."""
    if kind == "sqlite":
        path = workdir / "bench.db"
        path.unlink(missing_ok=True)

        def sqlite_size() -> int:
            return sum(p.stat().st_size for p in workdir.glob("bench.db*") if p.is_file())

        return f"sqlite:///{path}", sqlite_size
    from sqlalchemy import create_engine, text

    assert pg_url
    schema = f"jxbench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in pg_url else "?"

    def pg_size() -> int:
        with admin.begin() as conn:
            size = conn.execute(
                text(
                    "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE n.nspname = :s AND c.relkind = 'r'"
                ),
                {"s": schema},
            ).scalar_one()
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
        return int(size)

    return f"{pg_url}{sep}options=-csearch_path%3D{schema}", pg_size


def run_api(n: int, url: str, workdir: Path, xlsx_max: int) -> dict[str, Any]:
    from jixiao.audit import review
    from jixiao.export import write_csv, write_xlsx
    from jixiao.service import rescore
    from jixiao.score import load_ruleset
    from jixiao.store import DocumentInfo, open_store

    result: dict[str, Any] = {}
    with open_store(url) as store:
        gen = review_s = 0.0
        t0 = time.perf_counter()
        docs = forms = 0
        it = documents(n)
        while True:
            g0 = time.perf_counter()
            item = next(it, None)
            gen += time.perf_counter() - g0
            if item is None:
                break
            name, batch = item
            r0 = time.perf_counter()
            reviewed = review(batch)
            review_s += time.perf_counter() - r0
            digest = hashlib.sha256(name.encode()).hexdigest()
            store.save_forms(
                [r.form for r in reviewed],
                DocumentInfo(file_name=name, content_hash=digest),
                scores=[r.score for r in reviewed],
            )
            docs += 1
            forms += len(batch)
        result["import_s"] = time.perf_counter() - t0 - gen - review_s
        result["generate_s"] = gen
        result["review_s"] = review_s
        result["documents"] = docs
        result["forms"] = forms
        t0 = time.perf_counter()
        rows = store.forms()
        result["query_forms_s"] = time.perf_counter() - t0
        assert len(rows) == forms
        t0 = time.perf_counter()
        write_csv(store.iter_stored(), workdir / "csv")
        result["export_csv_s"] = time.perf_counter() - t0
        if forms <= xlsx_max:
            t0 = time.perf_counter()
            write_xlsx(store.iter_stored(), workdir / "bench.xlsx", official=False)
            result["export_xlsx_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        assert rescore(store, load_ruleset("shanghai2019")) == forms
        result["rescore_s"] = time.perf_counter() - t0
    return result


def run_files(
    n: int, url: str, workdir: Path, jobs: int | None, duplicates: str = "skip"
) -> dict[str, Any]:
    from jixiao.model.governance import DuplicatePolicy
    from jixiao.service import run_import
    from jixiao.store import open_store

    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))}
    folder = workdir / "docs"
    folder.mkdir(exist_ok=True)
    t0 = time.perf_counter()
    paths: list[Path] = []
    seeds = seed_documents()
    for name, forms in documents(n):
        seed = name.split("_", 2)[2]
        text = texts[seed]
        for original, varied in zip(seeds[seed], forms, strict=False):
            if original.project:
                text = text.replace(original.project, varied.project)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    generate = time.perf_counter() - t0
    with open_store(url) as store:
        t0 = time.perf_counter()
        c0 = time.process_time()
        w0 = _children_cpu()
        report = run_import(store, paths, jobs=jobs, on_duplicate=DuplicatePolicy(duplicates))
        elapsed = time.perf_counter() - t0
        main_cpu = time.process_time() - c0
        workers_cpu = _children_cpu() - w0
        forms_stored = store.count_forms()  # not every row: peak memory is the import's
    if report.totals.failed:
        raise SystemExit(f"import failed: {report.totals.failed[:3]}")
    return {
        "generate_s": generate,
        "import_s": elapsed,
        "documents": len(paths),
        "forms": forms_stored,
        "worker_peak_mib": _peak_mib(resource.RUSAGE_CHILDREN),
        "main_cpu_s": main_cpu,
        "workers_cpu_s": workers_cpu,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(args: argparse.Namespace) -> None:
    """Run one measurement in this process; print it as a JSON line."""
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        workdir = Path(tmp)
        url, size_and_cleanup = _database(args.db[0], args.postgres_url, workdir)
        try:
            if args.mode[0] == "api":
                result = run_api(args.n[0], url, workdir, args.xlsx_max)
            else:
                result = run_files(args.n[0], url, workdir, args.jobs, args.duplicates)
        finally:
            size = size_and_cleanup()
    result.update(
        mode=args.mode[0],
        db=args.db[0],
        n=args.n[0],
        db_mib=size / 2**20,
        peak_mib=_peak_mib(),
        forms_per_s=result["forms"] / result["import_s"],
    )
    print(json.dumps(result))


# -- the whole benchmark ----------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--mode", nargs="+", choices=["api", "files"], default=["api", "files"])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"], default=None)
    parser.add_argument("--postgres-url", default=os.environ.get(PG_ENV))
    parser.add_argument("--jobs", type=int, default=None, help="parse processes (files mode)")
    parser.add_argument(
        "--xlsx-max", type=int, default=1000, help="time the xlsx export up to this N (api mode)"
    )
    parser.add_argument(
        "--copies",
        type=int,
        nargs="*",
        default=None,
        help="peak memory of importing this many copies of the samples (files mode)",
    )
    parser.add_argument(
        "--duplicates",
        choices=["skip", "version", "replace"],
        default="skip",
        help="what the files import does with a form already stored (default: skip, as "
        "jixiao import); a copy whose project name is not printed verbatim keeps the "
        "seed's identity",
    )
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="alternations with --baseline")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.db is None:
        args.db = ["sqlite", "postgresql"] if args.postgres_url else ["sqlite"]
        if not args.postgres_url:
            print(f"PostgreSQL skipped: set {PG_ENV} or --postgres-url", file=sys.stderr)
    if args.one:
        one(args)
        return
    if args.copies is not None:
        copies(args)
        return
    if args.baseline is not None:
        against_checkout(args)
        return
    results: list[dict[str, Any]] = []
    for mode in args.mode:
        for db in args.db:
            for n in args.n:
                results.append(_measure(args, mode, db, n))
                print(_line(results[-1]), flush=True)
    print()
    print(_table(results))
    print()
    print(_against_baseline(results))


def _measure(
    args: argparse.Namespace, mode: str, db: str, n: int, checkout: Path | None = None
) -> dict[str, Any]:
    """One measurement in a fresh process (with the jixiao of ``checkout``, if given)."""
    env = None if checkout is None else {**os.environ, "PYTHONPATH": str(checkout / "src")}
    cmd = [sys.executable, __file__, "--one", "--mode", mode, "--db", db, "--n", str(n)]
    if args.postgres_url:
        cmd += ["--postgres-url", args.postgres_url]
    if args.jobs:
        cmd += ["--jobs", str(args.jobs)]
    cmd += ["--xlsx-max", str(args.xlsx_max), "--duplicates", args.duplicates]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


SAMPLE_FORMS = 83


def copies(args: argparse.Namespace) -> None:
    """Peak memory of importing 1, 10, 20 … copies of the samples, each in a fresh
    process, with the growth over the first."""
    counts = args.copies or [1, 10, 20]
    rows = [
        "| copies | forms | import s | forms/s | peak MiB | growth | workers' peak MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    first: float | None = None
    for count in counts:
        r = _measure(args, "files", args.db[0], SAMPLE_FORMS * count)
        first = first or r["peak_mib"]
        growth = f"{100 * (r['peak_mib'] / first - 1):+.1f} %"
        print(_line(r), flush=True)
        rows.append(
            f"| {count} | {r['forms']:,} | {r['import_s']:.1f} | {r['forms_per_s']:.0f} "
            f"| {r['peak_mib']:.0f} | {growth} | {r['worker_peak_mib']:.0f} |"
        )
    print()
    print("\n".join(rows))


def against_checkout(args: argparse.Namespace) -> None:
    """Each ``files`` import with this checkout and with ``--baseline``, alternately."""
    rows = [
        "| database | forms | forms/s | baseline forms/s | ratio | writer CPU ms/form "
        "(baseline) | workers CPU ms/form (baseline) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for db in args.db:
        for n in args.n:
            ours: list[dict[str, Any]] = []
            base: list[dict[str, Any]] = []
            for _ in range(args.repeat):
                base.append(_measure(args, "files", db, n, args.baseline))
                ours.append(_measure(args, "files", db, n))
                print(f"baseline {_line(base[-1])}\nthis     {_line(ours[-1])}", flush=True)
            mine = max(ours, key=lambda r: r["forms_per_s"])
            theirs = max(base, key=lambda r: r["forms_per_s"])
            ratio = mine["forms_per_s"] / theirs["forms_per_s"]
            rows.append(
                f"| {db} | {mine['forms']:,} | {mine['forms_per_s']:.0f} "
                f"| {theirs['forms_per_s']:.0f} | {ratio:.2f} "
                f"| {_cpu(mine, 'main_cpu_s')} ({_cpu(theirs, 'main_cpu_s')}) "
                f"| {_cpu(mine, 'workers_cpu_s')} ({_cpu(theirs, 'workers_cpu_s')}) |"
            )
    print(f"\nbest of {args.repeat}, alternating with {args.baseline}")
    print("\n".join(rows))


def _cpu(r: dict[str, Any], key: str) -> str:
    return f"{1000 * r[key] / r['forms']:.2f}"


def _against_baseline(results: list[dict[str, Any]]) -> str:
    """Each ``files`` import next to the ``api`` writes of the same N and database."""
    api = {(r["db"], r["n"]): r for r in results if r["mode"] == "api"}
    rows = [
        "| database | forms | import forms/s | baseline: API writes forms/s | ratio "
        "| writer CPU ms/form | workers CPU ms/form |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        if r["mode"] != "files":
            continue
        base = api.get((r["db"], r["n"]))
        base_rate = f"{base['forms_per_s']:.0f}" if base else "—"
        ratio = f"{r['forms_per_s'] / base['forms_per_s']:.2f}" if base else "—"
        rows.append(
            f"| {r['db']} | {r['forms']:,} | {r['forms_per_s']:.0f} | {base_rate} | {ratio} "
            f"| {1000 * r['main_cpu_s'] / r['forms']:.2f} "
            f"| {1000 * r['workers_cpu_s'] / r['forms']:.2f} |"
        )
    return "\n".join(rows)


def _line(r: dict[str, Any]) -> str:
    return (
        f"{r['mode']:5} {r['db']:10} N={r['forms']:>6}: {r['import_s']:7.1f} s, "
        f"{r['forms_per_s']:6.0f} forms/s, peak {r['peak_mib']:.0f} MiB, db {r['db_mib']:.1f} MiB"
    )


def _table(results: list[dict[str, Any]]) -> str:
    """The README table: one row per run, with the growth of time against N."""
    head = (
        "| mode | database | forms | documents | import s | forms/s | peak MiB | DB MiB "
        "| time growth | score+audit s | export csv s | export xlsx s | rescore s |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    rows = [head]
    first: dict[tuple[str, str], dict[str, Any]] = {}
    for r in results:
        key = (r["mode"], r["db"])
        base = first.setdefault(key, r)
        growth = "—"
        if base is not r:
            growth = f"{r['import_s'] / base['import_s']:.1f} (N ×{r['forms'] / base['forms']:.0f})"
        peak = f"{r['peak_mib']:.0f}"
        if "worker_peak_mib" in r:
            peak += f" (worker {r['worker_peak_mib']:.0f})"
        rows.append(
            f"| {r['mode']} | {r['db']} | {r['forms']:,} | {r['documents']:,} "
            f"| {r['import_s']:.1f} | {r['forms_per_s']:.0f} | {peak} | {r['db_mib']:.1f} "
            f"| {growth} | {_seconds(r.get('review_s'))} | {_seconds(r.get('export_csv_s'))} "
            f"| {_seconds(r.get('export_xlsx_s'))} | {_seconds(r.get('rescore_s'))} |"
        )
    return "\n".join(rows)


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


if __name__ == "__main__":
    main()
