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
import threading
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
    _collect_less,
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
    The children keep working while the caller uses a result (:class:`_Pool`).
    Closing the iterator early ends the children."""
    pool = _Pool(fn, args, max(1, workers), limits or WorkerLimits.from_env(), per_child)
    try:
        yield from pool.results()
    finally:
        pool.close()


class _Pool(Generic[A, R]):
    """The calls of :func:`map_pooled`. A thread of this process gives each idle child
    its next call and takes what the children send back, so a child that finishes gets
    more work at once even while the caller is busy with a result (an import writing a
    batch: on two cores the workers would otherwise wait for the writer). The caller's
    thread takes the results in order and starts the children: they are forked from the
    caller's thread only (:mod:`jixiao.service.isolation`), the thread merely asks for
    them. At most ``4 × workers`` calls are given or held back for order."""

    def __init__(
        self,
        fn: Callable[[A], R],
        args: Iterable[A],
        workers: int,
        limits: WorkerLimits,
        per_child: int,
    ) -> None:
        self.fn = fn
        self.args = iter(enumerate(args))
        self.workers = workers
        self.limits = limits
        self.per_child = per_child
        self.context = _context()
        self.lock = threading.Condition()
        self.idle: list[_Worker] = []
        self.busy: list[_Worker] = []
        self.done: dict[int, Any] = {}
        self.call: tuple[int, A] | None = None
        """The next call, taken from ``args`` but not given yet."""
        self.exhausted = False
        self.closing = False
        self.failure: BaseException | None = None
        self.wake_fd, self._wake_w = os.pipe()
        for fd in (self.wake_fd, self._wake_w):
            os.set_blocking(fd, False)
        self.thread = threading.Thread(target=self._feed, name="jixiao-pool", daemon=True)
        self.thread.start()

    def results(self) -> Iterator[R | Died]:
        """In the caller's thread: each result in order, starting children when asked."""
        following = 0
        while True:
            with self.lock:
                while following not in self.done:
                    if self.failure is not None:
                        raise self.failure
                    if self._next_call() is None and not self.busy:
                        return
                    if self._short():
                        break
                    self.lock.wait()
                outcome = self.done.pop(following, _STARTING)
                if outcome is not _STARTING:
                    following += 1
                    self._wake()
            if outcome is _STARTING:
                worker = _Worker.start(self.context, self.fn, self.limits)
                with self.lock:
                    self.idle.append(worker)
                    self._wake()
                continue
            yield outcome

    def close(self) -> None:
        """Stop the thread, then end the children."""
        with self.lock:
            self.closing = True
            self._wake()
        self.thread.join()
        for worker in (*self.busy, *self.idle):
            worker.stop()
        os.close(self.wake_fd)
        os.close(self._wake_w)

    def _next_call(self) -> tuple[int, A] | None:
        if self.call is None and not self.exhausted:
            self.call = next(self.args, None)
            self.exhausted = self.call is None
        return self.call

    def _room(self) -> bool:
        return len(self.busy) + len(self.done) < self.workers * 4

    def _short(self) -> bool:
        """Whether a call waits for a child that is yet to be started."""
        return (
            not self.idle
            and len(self.busy) < self.workers
            and self._room()
            and self._next_call() is not None
        )

    def _wake(self) -> None:
        """Tell the thread that something changed (it may be waiting for the children)."""
        self.lock.notify_all()
        with suppress(BlockingIOError):
            os.write(self._wake_w, b"\0")

    def _feed(self) -> None:
        """In the thread: give calls to idle children, collect results, until closed."""
        try:
            while True:
                with self.lock:
                    while not self.closing:
                        while self.idle and self._room() and (call := self._next_call()):
                            worker = self.idle.pop()
                            worker.give(*call, self.limits.seconds)
                            self.call = None
                            self.busy.append(worker)
                        if self._short():  # the caller starts the child it waits for
                            self.lock.notify_all()
                        if self.busy:
                            break
                        self.lock.wait()
                    if self.closing:
                        return
                    busy = list(self.busy)
                retired = []
                ended = _collect(busy, self.limits, self.wake_fd)
                with self.lock:
                    for worker, outcome in ended:
                        assert worker.index is not None
                        self.done[worker.index] = outcome
                        worker.index = None
                        self.busy.remove(worker)
                        if worker.usable(self.per_child):
                            self.idle.append(worker)
                        else:
                            retired.append(worker)
                    if ended:
                        self.lock.notify_all()
                for worker in retired:
                    worker.stop()
        except BaseException as err:  # the caller raises it
            with self.lock:
                self.failure = err
                self.lock.notify_all()


_STARTING: Any = object()
"""What the caller's thread takes instead of a result when it is to start a child."""


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


def _collect(
    busy: list[_Worker], limits: WorkerLimits, wake: int | None = None
) -> list[tuple[_Worker, Any]]:
    """Wait until a call ends, one's time is up or something is written to the pipe
    ``wake`` (read out here); the calls that ended, with results."""
    deadlines = [w.deadline for w in busy if w.deadline is not None]
    timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    waits: list[Connection | int] = [] if wake is None else [wake]
    for worker in busy:
        waits += [worker.conn, worker.process.sentinel]
    ready = set(wait(waits, timeout))
    if wake in ready:
        with suppress(BlockingIOError):
            os.read(wake, 4096)
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
    _collect_less()
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
