"""Preparing an import's files on a Dask cluster (``jixiao import --executor dask``).

Reading, parsing (OCR of scans included), scoring and auditing run on the workers of a
Dask ``distributed`` cluster; the calling process reads each file's bytes, sends them
with the job (the workers need no shared folder), and stores the results in order, as
the one writer of the database (:func:`~jixiao.service.importing.run_import`). On each
worker a file is still read in a child process under the memory and time limits
(:class:`~jixiao.service.pool.ReusedChild`), so a file that kills its reader is that
file's failure, not the worker's.

Without an address a :class:`distributed.LocalCluster` of ``jobs`` worker processes is
started for the import and stopped after it: the same code path on one machine (the
tests run it so). ``distributed`` is the optional extra ``jixiao[dask]``.
"""

from __future__ import annotations

import importlib
import tempfile
import threading
from collections import deque
from collections.abc import Generator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from jixiao.errors import UsageError
from jixiao.read.limits import ReadLimits, current_limits
from jixiao.score import Ruleset
from jixiao.service.checking import warm_up
from jixiao.service.isolation import Died, WorkerLimits
from jixiao.service.pool import ReusedChild
from jixiao.service.preparing import Prepared, prepare_one

__all__ = ["DaskExecutor"]

_IN_FLIGHT_PER_WORKER = 4
"""Files sent ahead per worker thread: enough to keep them busy, few enough that the
bytes and results held stay small whatever the number of files."""


class DaskExecutor:
    """An :data:`~jixiao.service.importing.Executor` on the Dask cluster whose scheduler
    is at ``address`` (``tcp://host:8786``), or on a local cluster of ``jobs``
    processes started for each import when ``address`` is ``None``. ``cluster_options``
    go to :class:`distributed.LocalCluster` (tests: ``processes=False``)."""

    def __init__(self, address: str | None = None, **cluster_options: Any) -> None:
        try:
            importlib.import_module("distributed")
        except ImportError as err:
            raise UsageError("使用 Dask 需要安装 distributed：pip install 'jixiao[dask]'") from err
        self.address = address
        self.cluster_options = cluster_options

    def __call__(
        self,
        paths: Sequence[str],
        ruleset: Ruleset | None,
        jobs: int,
        limits: WorkerLimits | None,
    ) -> Generator[Prepared, None, None]:
        if not paths:
            return
        dask: Any = importlib.import_module("distributed")  # untyped: used through Any
        cluster: Any = None
        if self.address is None:
            options = {"n_workers": jobs, "threads_per_worker": 1, "dashboard_address": None}
            cluster = dask.LocalCluster(**{**options, **self.cluster_options})
            client = dask.Client(cluster)
        else:
            try:
                client = dask.Client(self.address, timeout="30s")
            except OSError as err:
                raise UsageError(f"无法连接 Dask 集群 {self.address}：{err}") from err
        try:
            work = partial(
                _prepare_remote,
                ruleset=ruleset,
                reading=current_limits(),
                limits=limits or WorkerLimits.from_env(),
            )
            threads = sum(client.nthreads().values()) or 1
            yield from _in_order(client, work, paths, threads * _IN_FLIGHT_PER_WORKER)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()


def _in_order(
    client: Any, work: Any, paths: Sequence[str], window: int
) -> Generator[Prepared, None, None]:
    """Submit the files ``window`` ahead of the one awaited; their results in order."""
    pending: deque[tuple[str, Any]] = deque()
    following = iter(paths)
    try:
        while True:
            while len(pending) < window and (path := next(following, None)) is not None:
                pending.append((path, _submit(client, work, path)))
            if not pending:
                return
            path, future = pending.popleft()
            yield _outcome(path, future)
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()


def _submit(client: Any, work: Any, path: str) -> Any:
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None  # read again by the worker's own path: the failure says why
    return client.submit(work, path, data, pure=False, retries=0)


def _outcome(path: str, future: Any) -> Prepared:
    if future is None:
        return Prepared(path, error=f"无法读取文件：{path}")
    try:
        prepared: Prepared = future.result()
    except Exception as err:  # the worker died or the task failed: this file failed
        why = f"Dask 工作进程未能处理此文件（{type(err).__name__}: {err}）"
        return Prepared.died(path, Died("exit", why))
    return prepared


def _prepare_remote(
    path: str, data: bytes, *, ruleset: Ruleset | None, reading: ReadLimits, limits: WorkerLimits
) -> Prepared:
    """On a worker: the file's bytes under its own name in a temporary folder, read in a
    child process under ``limits`` (one kept per worker thread: the OCR engine and the
    rest loaded once, not for every file); the result names the caller's ``path``."""
    with tempfile.TemporaryDirectory(prefix="jixiao-dask-") as folder:
        local = Path(folder) / Path(path).name
        local.write_bytes(data)
        outcome = _child(limits)((str(local), ruleset, reading))
    if isinstance(outcome, Died):
        return Prepared.died(path, outcome)
    return Prepared(
        path,
        rows=outcome.rows,
        layout=outcome.layout,
        format=outcome.format,
        encoding=outcome.encoding,
        name=outcome.name,
        error=outcome.error,
    )


_children: dict[tuple[int, WorkerLimits], ReusedChild[_Job, Prepared]] = {}
_Job = tuple[str, Ruleset | None, ReadLimits]


def _child(limits: WorkerLimits) -> ReusedChild[_Job, Prepared]:
    """This worker thread's child under ``limits``, started when first needed."""
    key = (threading.get_ident(), limits)
    if key not in _children:
        warm_up()  # the fork server's children start with it loaded
        _children[key] = ReusedChild(_prepare_job, limits)
    return _children[key]


def _prepare_job(job: _Job) -> Prepared:
    path, ruleset, reading = job
    return prepare_one(path, ruleset=ruleset, reading=reading)
