"""Profile: where one request of the slow web routes spends its time (cProfile).

    python benchmarks/web_profile.py --db /tmp/web10k.db             # the routes below
    python benchmarks/web_profile.py --db /tmp/web10k.db --url '/forms?search=教育'

Not a test: the findings go into docs/web-speed.md. Requests go through the web
application in process (``fastapi.testclient``, no network); the synchronous route
functions run inline in the event loop's thread (not in the thread pool) so that one
profiler sees the whole request, timed by the thread's CPU clock
(``time.thread_time``: on a loaded machine the wall clock charges a request for the
time other processes hold the CPU). One warm-up request each first (the caches of
:mod:`jixiao.web.db_cache` are warm then, as under load). For each URL: milliseconds
of CPU per request (and wall clock), the share spent in the database driver (``execute`` and
``fetch*`` of the DB-API cursor), in templates (jinja2) and in building JSON, then the
functions with the most own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
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


def profile(db: str, urls: tuple[str, ...], repeat: int, top: int) -> None:
    warnings.filterwarnings("ignore")
    import fastapi.dependencies.utils
    import fastapi.routing
    from fastapi.testclient import TestClient

    from jixiao.store import open_store
    from jixiao.web.app import create_app

    fastapi.routing.run_in_threadpool = _inline  # type: ignore[assignment]
    fastapi.dependencies.utils.run_in_threadpool = _inline  # type: ignore[assignment]
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
    args = parser.parse_args()
    profile(args.db, tuple(args.url or URLS), args.repeat, args.top)


if __name__ == "__main__":
    main()
