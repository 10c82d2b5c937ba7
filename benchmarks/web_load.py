"""Benchmark: the web application under load on loopback, with N forms in SQLite.

    python benchmarks/web_load.py                          # N = 10,000, 8 concurrent clients
    python benchmarks/web_load.py --n 1000 --requests 100 --concurrency 4
    python benchmarks/web_load.py --db /tmp/web10k.db      # reuse (or build once) a database
    git worktree add /tmp/base <版本> && python benchmarks/web_load.py --baseline /tmp/base

Not a test: the figures go into docs/web.md. The database is built by
``benchmarks/make_db.py`` (the 83 seed forms varied, reviewed by ``jixiao.audit.review``
and stored with their computed scores, then copied in SQL up to N forms). The server is the real
``jixiao serve --db …`` in its own process (one uvicorn worker); the load generator is
httpx on asyncio with ``--concurrency`` requests in flight, ``--requests`` requests per
endpoint after a short warm-up. For each endpoint it prints p50 / p95 latency and
requests per second.

With ``--baseline DIR`` (a checkout of an older version) the database is built by that
version (``PYTHONPATH=DIR/src``) and copied; the older version serves the original and
this one the copy (which it migrates first), both at once, and each endpoint is loaded
on the baseline and then on this version, so both figures come from the same minutes of
a machine whose load varies; the last columns are the baseline's p50 / p95 and the
ratio of the p95s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_db import build as make_db

ENDPOINTS: tuple[tuple[str, str], ...] = (
    ("页面 总览", "/"),
    ("页面 表单列表", "/forms"),
    ("页面 表单列表 筛选+排序", "/forms?year=2023&sort=-total_score"),
    ("页面 表单列表 全文搜索", "/forms?search=培训"),
    ("页面 表单列表 两字搜索", "/forms?search=教育"),
    ("页面 表单列表 HTMX 局部", "/forms?page=7&sort=unit#htmx"),
    ("页面 表单详情", "/forms/{id}"),
    ("页面 审核发现", "/findings"),
    ("页面 审核发现 一组", "/findings/items?code=Q001"),
    ("API 表单列表", "/api/forms"),
    ("API 表单列表 筛选", "/api/forms?unit=人才&sort=-computed_total"),
    ("API 表单列表 搜索", "/api/forms?search=满意度&sort=-score_gap"),
    ("API 单张表单", "/api/forms/{id}"),
    ("API 审核发现", "/api/findings?severity=warning"),
    ("API 指标", "/api/indicators?page=20"),
    ("API 统计", "/api/stats?points=false"),
    ("API 统计（含逐表点）", "/api/stats"),
)


def build(db: Path, n: int, src: Path | None = None) -> None:
    """A SQLite database of ``n`` generated, reviewed and scored forms
    (``benchmarks/make_db.py``: the seed variants stored, the rest copied in SQL), by
    the jixiao in ``src`` if given."""
    t0 = time.perf_counter()
    if src is None:
        make_db(str(db), n, quiet=True)
    else:
        script = Path(__file__).resolve().parent / "make_db.py"
        command = [sys.executable, str(script), "--n", str(n), "--db", str(db)]
        subprocess.run(command, env=_env(src), check=True, stdout=subprocess.DEVNULL)
    print(f"建库：{n} 张表单，{time.perf_counter() - t0:.0f} 秒，{db.stat().st_size >> 20} MiB")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _env(src: Path | None) -> dict[str, str]:
    """The environment of a process running the jixiao in ``src`` (``None``: this one)."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    return env


def serve(db: Path, src: Path | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """``jixiao serve --db db`` of the jixiao in ``src`` (``None``: the one imported here)."""
    port = _free_port()
    main = "from jixiao.cli.app import main; main()"
    proc = subprocess.Popen(
        [sys.executable, "-c", main, "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_env(src),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # a migration of the copy first
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/static/app.css", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"服务未能启动：{proc.stderr.read().decode() if proc.stderr else ''}")


async def _load(
    client: httpx.AsyncClient, urls: list[str], concurrency: int, htmx: bool
) -> tuple[list[float], float, int]:
    latencies: list[float] = []
    failures = 0
    queue = list(reversed(urls))
    headers = {"HX-Request": "true"} if htmx else {}

    async def worker() -> None:
        nonlocal failures
        while queue:
            url = queue.pop()
            t0 = time.perf_counter()
            response = await client.get(url, headers=headers)
            await response.aread()
            latencies.append(time.perf_counter() - t0)
            if response.status_code != 200:
                failures += 1

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, time.perf_counter() - t0, failures


def _figures(latencies: list[float], wall: float) -> tuple[float, float, float]:
    ms = sorted(x * 1000 for x in latencies)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return statistics.median(ms), p95, len(ms) / wall


async def run(
    bases: list[str], ids: list[int], requests: int, concurrency: int
) -> list[tuple[str, list[tuple[float, float, float]]]]:
    """Load every endpoint on each server in ``bases`` (the baseline first, if any);
    prints a line per endpoint and returns the figures."""
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    clients = [httpx.AsyncClient(base_url=base, timeout=120, limits=limits) for base in bases]
    out = []
    head = f"{'端点':<30}{'p50 ms':>9}{'p95 ms':>9}{'请求/秒':>9}  失败"
    if len(bases) > 1:
        head += f"{'基线 p50':>10}{'基线 p95':>10}{'p95 比':>8}"
    print(head)
    try:
        for label, pattern in ENDPOINTS:
            htmx = pattern.endswith("#htmx")
            pattern = pattern.removesuffix("#htmx")
            urls = [pattern.format(id=ids[i % len(ids)]) for i in range(requests)]
            figures, failed = [], 0
            for client in clients:
                await _load(client, urls[: max(2, requests // 10)], concurrency, htmx)  # warm-up
                latencies, wall, failures = await _load(client, urls, concurrency, htmx)
                figures.append(_figures(latencies, wall))
                failed += failures
            p50, p95, rate = figures[-1]
            pad = 30 - sum(2 if ord(c) > 127 else 1 for c in label) + len(label)
            line = f"{label:<{pad}}{p50:>9.1f}{p95:>9.1f}{rate:>9.1f}  {failed}"
            if len(figures) > 1:
                b50, b95, _ = figures[0]
                line += f"{b50:>10.1f}{b95:>10.1f}{b95 / p95:>7.1f}×"
            print(line, flush=True)
            out.append((pattern, figures))
    finally:
        for client in clients:
            await client.aclose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="forms in the database")
    parser.add_argument("--db", type=Path, help="SQLite file (built if missing)")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument(
        "--baseline", type=Path, help="checkout of an older version, measured in the same run"
    )
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="jixiao-webload-"))
    db = args.db or workdir / "web.db"
    baseline = args.baseline.resolve() / "src" if args.baseline else None
    procs: list[subprocess.Popen[bytes]] = []
    try:
        if not db.exists():
            build(db, args.n, baseline)
        dbs = [db]
        if baseline is not None:
            copy = workdir / "this.db"
            shutil.copyfile(db, copy)
            dbs = [db, copy]
        with sqlite3.connect(db) as conn:
            all_ids = [r[0] for r in conn.execute("SELECT id FROM forms ORDER BY id")]
        ids = all_ids[:: max(1, len(all_ids) // 97)]
        print(
            f"{len(all_ids)} 张表单；{args.concurrency} 个并发客户端，"
            f"每个端点 {args.requests} 个请求；CPU {os.cpu_count()} 核"
        )
        srcs = [baseline, None] if baseline is not None else [None]
        bases = []
        for path, src in zip(dbs, srcs, strict=True):
            proc, base = serve(path, src)
            procs.append(proc)
            bases.append(base)
        asyncio.run(run(bases, ids, args.requests, args.concurrency))
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
