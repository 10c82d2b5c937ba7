"""Isolated children reused for many calls: the import's workers.

:func:`map_pooled` is :func:`~jixiao.service.isolation.map_isolated` with each child
kept for up to ``per_child`` calls instead of one, so an import of many small files does
not fork once per file (a fork of a large parent costs 10–30 ms of the parent's time,
more than storing a one-form document). The safety stays: each child runs under the
same memory limit (``RLIMIT_AS``) and each call under the time limit; a call whose
child dies (killed, crashed, out of memory, too slow) is that call's :class:`Died` and
a fresh child takes the next calls. A child that ran out of memory is not reused, and
none is kept past ``per_child`` calls, so what one file did to a heap is forgotten soon.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from jixiao.service.isolation import (
    Died,
    WorkerLimits,
    _context,
    _death,
    _end_with,
    _limit_memory,
    _MemoryExceeded,
)

__all__ = ["PER_CHILD", "ReusedChild", "map_pooled"]

A = TypeVar("A")
R = TypeVar("R")

PER_CHILD = 50
"""Calls a child makes before a fresh one takes over."""


def map_pooled(
    fn: Callable[[A], R],
    args: Iterable[A],
    workers: int = 1,
    limits: WorkerLimits | None = None,
    per_child: int = PER_CHILD,
) -> Generator[R | Died, None, None]:
    """``fn(a)`` for each ``a`` of ``args`` in at most ``workers`` children, each kept
    for ``per_child`` calls; the results (or :class:`Died`) in the order of ``args``.
    Closing the iterator early ends the children."""
    limits = limits or WorkerLimits.from_env()
    context = _context()
    workers = max(1, workers)
    pending = iter(enumerate(args))
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    done: dict[int, R | Died] = {}
    window = workers * 4  # results held back for order: bounded
    following = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(busy) < workers and len(busy) + len(done) < window:
                item = next(pending, None)
                if item is None:
                    exhausted = True
                    break
                worker = idle.pop() if idle else _Worker.start(context, fn, limits)
                worker.give(*item, limits.seconds)
                busy.append(worker)
            while following in done:
                yield done.pop(following)
                following += 1
            if not busy:
                if exhausted and not done:
                    return
                continue
            for worker, outcome in _collect(busy, limits):
                assert worker.index is not None
                done[worker.index] = outcome
                worker.index = None
                busy.remove(worker)
                if worker.usable(per_child):
                    idle.append(worker)
                else:
                    worker.stop()
    finally:
        for worker in (*busy, *idle):
            worker.stop()


class ReusedChild(Generic[A, R]):
    """One isolated child for calls made one at a time (a Dask worker thread's), kept
    for ``per_child`` calls as in :func:`map_pooled`."""

    def __init__(
        self, fn: Callable[[A], R], limits: WorkerLimits, per_child: int = PER_CHILD
    ) -> None:
        self.fn = fn
        self.limits = limits
        self.per_child = per_child
        self.worker: _Worker | None = None

    def __call__(self, arg: A) -> R | Died:
        if self.worker is not None and not self.worker.usable(self.per_child):
            self.worker.stop()
            self.worker = None
        if self.worker is None:
            self.worker = _Worker.start(_context(), self.fn, self.limits)
        worker = self.worker
        worker.give(0, arg, self.limits.seconds)
        while not (ended := _collect([worker], self.limits)):
            pass
        worker.index = None
        outcome: R | Died = ended[0][1]
        return outcome

    def close(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


def _collect(busy: list[_Worker], limits: WorkerLimits) -> list[tuple[_Worker, Any]]:
    """Wait until a call ends or one's time is up; the calls that ended, with results."""
    deadlines = [w.deadline for w in busy if w.deadline is not None]
    timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    waits: list[Connection | int] = []
    for worker in busy:
        waits += [worker.conn, worker.process.sentinel]
    ready = set(wait(waits, timeout))
    now = time.monotonic()
    ended: list[tuple[_Worker, Any]] = []
    for worker in busy:
        if worker.conn in ready or worker.process.sentinel in ready:
            ended.append((worker, worker.result(limits)))
        elif worker.deadline is not None and now >= worker.deadline:
            worker.kill()
            why = f"处理超过时间上限（{limits.seconds:g} 秒），已终止"
            ended.append((worker, Died("timeout", why)))
    return ended


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    index: int | None = None
    deadline: float | None = None
    calls: int = 0
    alive: bool = field(default=True)

    @classmethod
    def start(cls, context: BaseContext, fn: Callable[[A], R], limits: WorkerLimits) -> _Worker:
        mine, theirs = context.Pipe()
        memory = limits.memory_mb * 1024 * 1024 if limits.memory_mb else None
        direct = context.get_start_method() != "forkserver"  # the caller is its parent
        process = context.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(theirs, fn, memory, os.getpid(), direct),
            daemon=True,
        )
        for stream in (sys.stdout, sys.stderr):  # a forked child flushes its copy
            with suppress(OSError, ValueError):
                stream.flush()
        with _allowed_children():
            process.start()
        theirs.close()
        return cls(process, mine)

    def give(self, index: int, arg: Any, seconds: float | None) -> None:
        self.index = index
        self.calls += 1
        self.deadline = time.monotonic() + seconds if seconds else None
        with suppress(OSError):  # it died idle: its result says how
            self.conn.send(arg)

    def result(self, limits: WorkerLimits) -> Any:
        """What the child sent, or why it sent nothing."""
        try:
            sent = self.conn.recv()
        except (EOFError, OSError):
            self.alive = False
            self.process.join()
            return _death(self.process, limits.memory_mb)
        if isinstance(sent, _MemoryExceeded):
            self.alive = False  # its heap is suspect: the child ends
            return Died("memory", f"处理所需内存超过上限（{limits.memory_mb} MiB），已终止")
        return sent

    def usable(self, per_child: int) -> bool:
        return self.alive and self.calls < per_child and self.process.is_alive()

    def kill(self) -> None:
        self.alive = False
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    def stop(self) -> None:
        """End the child: asked to, else killed."""
        if self.alive and self.index is None:
            with suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(5)
        self.kill()
        self.conn.close()


@contextmanager
def _allowed_children() -> Iterator[None]:
    """Let a daemonic process (a Dask worker under its nanny) start our child:
    multiprocessing refuses, lest the child outlive it, but ours dies with its caller
    (:func:`~jixiao.service.isolation._end_with`)."""
    config: dict[str, Any] = getattr(multiprocessing.current_process(), "_config", {})
    daemonic = config.get("daemon")
    if daemonic:
        config["daemon"] = False
    try:
        yield
    finally:
        if daemonic:
            config["daemon"] = daemonic


def _worker_main(
    conn: Connection, fn: Callable[[A], R], memory: int | None, caller: int, direct: bool
) -> None:
    """In the child: as :func:`~jixiao.service.isolation._child_main`, for each call
    received until told to stop (``None``) or out of memory."""
    _end_with(caller, direct)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.disable()
    _limit_memory(memory)
    try:
        while (arg := conn.recv()) is not None:
            try:
                conn.send(fn(arg))
            except MemoryError:  # what ran out is unwound by now: a small note still fits
                conn.send(_MemoryExceeded())
                return
    except (EOFError, OSError):  # the caller went away
        return
    finally:
        conn.close()
