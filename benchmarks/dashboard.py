"""Benchmark: the 总览 page and ``/api/stats`` over N forms, first request after a change
and cached, against a baseline version of jixiao measured in the same run.

    python benchmarks/dashboard.py --db /tmp/web100k.db            # built if missing (N = 100,000)
    git worktree add /tmp/base <版本> && python benchmarks/dashboard.py --db /tmp/web100k.db --baseline /tmp/base

Not a test: the figures go into the README. The database is made by
``benchmarks/make_db.py``. Each version runs in its own process (``PYTHONPATH`` its
``src``) against the same file, opened without migrating; requests go through the web
application in process (``fastapi.testclient``), so the figures are the server's own
time without the network. "First" is a request after the cache was emptied (what the
first reader sees after an import), "cached" the same request again; each the median of
``--rounds`` runs, wall clock and CPU of the process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URLS = ("/", "/api/stats?points=false", "/api/stats")


def worker(db: str, rounds: int) -> None:
    """Time each URL in this process (jixiao imported from ``PYTHONPATH``)."""
    import warnings

    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    from jixiao.store import open_store
    from jixiao.web import db_cache
    from jixiao.web.app import create_app

    store = open_store(db, migrate=False)
    client = TestClient(create_app(store), base_url="http://127.0.0.1")
    out = {}
    for url in URLS:
        first, cached = [], []
        for _ in range(rounds):
            db_cache.clear()
            for into in (first, cached):
                w, c = time.perf_counter(), time.process_time()
                assert client.get(url).status_code == 200
                into.append(((time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000))
        out[url] = {
            "first": [statistics.median(x) for x in zip(*first, strict=True)],
            "cached": [statistics.median(x) for x in zip(*cached, strict=True)],
        }
    print(json.dumps(out))


def _run(src: Path, db: str, rounds: int) -> dict[str, dict[str, list[float]]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, __file__, "--worker", "--db", db, "--rounds", str(rounds)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    result: dict[str, dict[str, list[float]]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file (built if missing)")
    parser.add_argument("--n", type=int, default=100_000, help="forms, when building")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="a checkout of another version")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.db, args.rounds)
        return
    if not Path(args.db).exists():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from make_db import build

        build(args.db, args.n)
    versions = {"本版": ROOT / "src"}
    if args.baseline:
        versions["基线"] = args.baseline / "src"
    results = {name: _run(src, args.db, args.rounds) for name, src in versions.items()}
    print(f"{'请求':<28}{'版本':<6}{'首次 ms':>10}{'(CPU)':>8}{'缓存 ms':>10}{'(CPU)':>8}")
    for url in URLS:
        for name, result in results.items():
            (fw, fc), (cw, cc) = result[url]["first"], result[url]["cached"]
            print(f"{url:<28}{name:<6}{fw:>10.0f}{fc:>8.0f}{cw:>10.1f}{cc:>8.1f}")


if __name__ == "__main__":
    main()
