"""Profile: where one request of the slow web routes spends its time (cProfile).

    python benchmarks/web_profile.py --db /tmp/web10k.db             # the routes below
    python benchmarks/web_profile.py --db /tmp/web10k.db --url '/forms?search=教育'
    python benchmarks/web_profile.py --db /tmp/web10k.db --cpu    # CPU per request, no profiler

Not a test: the findings go into docs/web-speed.md. Requests go through the web
application in process (``fastapi.testclient``, no network); the synchronous route
functions run inline in the event loop's thread (not in the thread pool) so that one
profiler sees the whole request, timed by the thread's CPU clock
(``time.thread_time``: on a loaded machine the wall clock charges a request for the
time other processes hold the CPU). One warm-up request each first (the caches of
:mod:`jixiao.web.db_cache` are warm then, as under load). For each URL: milliseconds
of CPU per request (and wall clock), the share spent in the database driver (``execute`` and
``fetch*`` of the DB-API cursor), in templates (jinja2) and in building JSON, then the
functions with the most own time. With ``--cpu`` no profiler runs: each URL's median
CPU per request and the part of it in SQL (between the engine's
``before/after_cursor_execute`` events), the figures of docs/web-speed.md (run it
again with ``PYTHONPATH`` an older checkout's ``src``, on a database that version built,
for the figures before).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import time
import warnings
from collections.abc import Callable
from typing import Any

URLS: tuple[str, ...] = (
    "/forms?page=7&sort=unit#htmx",
    "/forms?year=2023&sort=-total_score",
    "/forms?search=培训",
    "/forms?search=教育",
    "/findings/items?code=Q001",
    "/api/forms?unit=人才&sort=-computed_total",
    "/api/findings?severity=warning",
)
CPU_URLS: tuple[str, ...] = (
    "/",
    "/forms",
    *URLS[:4],
    "/api/forms?search=满意度&sort=-score_gap",
    *URLS[4:],
    "/api/indicators?page=20",
)
_DRIVER = ("sqlite3.Cursor", "psycopg")
_PARTS = {
    "数据库驱动": lambda file, name: (
        (any(d in name for d in _DRIVER) and "execute" in name)
        or ("fetch" in name and "Cursor" in name)
    ),
    "模板": lambda file, name: "jinja2" in file or "<template>" in file,
    "JSON": lambda file, name: "jsonresponse" in file or "json/encoder" in file,
}


def _own_time(stats: pstats.Stats) -> dict[tuple[str, int, str], float]:
    raw = stats.stats  # type: ignore[attr-defined]
    return {key: value[2] for key, value in raw.items()}


async def _inline(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


class _Profiled:
    """ASGI wrapper: ``profiler`` on while a request runs (in the event loop's thread)."""

    def __init__(self, app: Any, profiler: cProfile.Profile) -> None:
        self.app, self.profiler, self.on = app, profiler, False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.on:
            self.profiler.enable()
        try:
            await self.app(scope, receive, send)
        finally:
            if self.on:
                self.profiler.disable()


class _Timed:
    """ASGI wrapper: adds each request's CPU (its thread's clock) to ``spent``."""

    def __init__(self, app: Any) -> None:
        self.app, self.spent = app, 0.0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        start = time.thread_time()
        try:
            await self.app(scope, receive, send)
        finally:
            self.spent += time.thread_time() - start


def _inline_routes() -> None:
    """Synchronous routes and dependencies run in the event loop's thread."""
    import fastapi.dependencies.utils
    import fastapi.routing

    fastapi.routing.run_in_threadpool = _inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = _inline  # type: ignore[assignment]


def cpu(db: str, urls: tuple[str, ...], repeat: int) -> None:
    """Median CPU per request of each URL and the part spent in SQL."""
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient
    from sqlalchemy import event

    from jixiao.store import open_store
    from jixiao.web.app import create_app

    _inline_routes()
    store = open_store(db)
    in_sql = [0.0]

    def before(conn: Any, *_: Any) -> None:
        conn.info["w14e_sql"] = time.thread_time()

    def after(conn: Any, *_: Any) -> None:
        in_sql[0] += time.thread_time() - conn.info["w14e_sql"]

    event.listen(store.engine, "before_cursor_execute", before)
    event.listen(store.engine, "after_cursor_execute", after)
    app = _Timed(create_app(store))
    client = TestClient(app, base_url="http://127.0.0.1")
    print(f"{'URL':<46}{'CPU ms/次':>10}{'其中 SQL':>10}")
    for url in urls:
        path = url.removesuffix("#htmx")
        headers = {"HX-Request": "true"} if url.endswith("#htmx") else {}
        assert client.get(path, headers=headers).status_code == 200
        spent, sql = [], []
        for _ in range(repeat):
            app.spent = in_sql[0] = 0.0
            client.get(path, headers=headers)
            spent.append(app.spent * 1000)
            sql.append(in_sql[0] * 1000)
        print(f"{url:<46}{statistics.median(spent):>10.1f}{statistics.median(sql):>10.1f}")
    store.close()


def profile(db: str, urls: tuple[str, ...], repeat: int, top: int) -> None:
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    from jixiao.store import open_store
    from jixiao.web.app import create_app

    _inline_routes()
    store = open_store(db)
    for url in urls:
        htmx = url.endswith("#htmx")
        path = url.removesuffix("#htmx")
        headers = {"HX-Request": "true"} if htmx else {}
        profiler = cProfile.Profile(time.thread_time)
        app = _Profiled(create_app(store), profiler)
        client = TestClient(app, base_url="http://127.0.0.1")
        assert client.get(path, headers=headers).status_code == 200
        app.on = True
        wall = time.perf_counter()
        for _ in range(repeat):
            client.get(path, headers=headers)
        wall = (time.perf_counter() - wall) * 1000 / repeat
        own = _own_time(pstats.Stats(profiler))
        total = sum(own.values()) or 1.0
        cpu = total * 1000 / repeat
        shares = "，".join(
            f"{part} {sum(t for k, t in own.items() if test(k[0], k[2])) / total:.0%}"
            for part, test in _PARTS.items()
        )
        kind = "（HTMX）" if htmx else ""
        print(f"\n{url}{kind}：CPU {cpu:.1f} ms/次（墙钟 {wall:.1f} ms）；{shares}")
        for (file, line, name), seconds in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
            where = file.split("site-packages/")[-1].split("/src/")[-1]
            print(f"  {seconds * 1000 / repeat:7.2f} ms  {name}  {where}:{line}")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite file or URL (benchmarks/make_db.py)")
    parser.add_argument("--url", action="append", help="profile this URL (repeatable)")
    parser.add_argument("--repeat", type=int, default=20, help="requests profiled per URL")
    parser.add_argument("--top", type=int, default=8, help="functions listed per URL")
    parser.add_argument("--cpu", action="store_true", help="CPU per request, no profiler")
    args = parser.parse_args()
    urls = tuple(args.url or (URLS if not args.cpu else CPU_URLS))
    if args.cpu:
        cpu(args.db, urls, args.repeat)
    else:
        profile(args.db, urls, args.repeat, args.top)


if __name__ == "__main__":
    main()
