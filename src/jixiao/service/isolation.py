"""Running a step in a child process with a memory and a time limit: the reader (read →
parse → review) of every imported or previewed file runs so, and a child that dies —
out of memory, killed, crashed, too slow — is "this file failed", never the end of the
import or of the web server.

One child per file: its memory limit (``RLIMIT_AS``) and its clock start afresh, and
nothing a bad file did to the heap outlives it. :func:`run_isolated` runs one call,
:func:`map_isolated` many, a few at a time, results in the order given. A child ends
with its caller: ``prctl(PR_SET_PDEATHSIG)`` on Linux, elsewhere (and for a child of
the fork server) a thread that watches the caller's pid.

On Linux a child is forked from the calling thread when that is the main thread (the
CLI: cheap, and what the caller patched is what the child runs); from another thread
(the web server's request threads) it is forked from a clean, single-threaded fork
server instead. Elsewhere the platform's default start method is used.

The limits come from :class:`WorkerLimits`: ``JIXIAO_WORKER_MEMORY_MB`` and
``JIXIAO_WORKER_SECONDS`` (``0``: no limit), else the defaults below.
"""

from __future__ import annotations

import faulthandler
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable
from contextlib import suppress
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Generic, TypeVar

from jixiao.errors import UsageError
from jixiao.processes import alive

__all__ = [
    "MEMORY_ENV",
    "SECONDS_ENV",
    "Died",
    "WorkerLimits",
    "map_isolated",
    "run_isolated",
]

A = TypeVar("A")
R = TypeVar("R")

MEMORY_ENV = "JIXIAO_WORKER_MEMORY_MB"
SECONDS_ENV = "JIXIAO_WORKER_SECONDS"
_DEFAULT_MEMORY_MB = 3072
_DEFAULT_SECONDS = 600.0
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class WorkerLimits:
    """How much address space (MiB) and wall time (seconds) one child may use;
    ``None``: no limit."""

    memory_mb: int | None = _DEFAULT_MEMORY_MB
    seconds: float | None = _DEFAULT_SECONDS

    @classmethod
    def from_env(cls) -> WorkerLimits:
        """The limits set by ``JIXIAO_WORKER_MEMORY_MB`` / ``JIXIAO_WORKER_SECONDS``
        (``0`` for none), else the defaults."""
        memory = _env_number(MEMORY_ENV, _DEFAULT_MEMORY_MB)
        seconds = _env_number(SECONDS_ENV, _DEFAULT_SECONDS)
        return cls(int(memory) or None, seconds or None)


def _env_number(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = float(value)
    except ValueError:
        number = -1
    if not number >= 0 or number == float("inf"):
        raise UsageError(f"环境变量 {name} 应为非负数（0 表示不限），而不是「{value}」")
    return number


@dataclass(frozen=True)
class Died:
    """A child that gave no result: ``why`` says it in Chinese; ``kind`` is ``memory``,
    ``timeout``, ``signal`` or ``exit``."""

    kind: str
    why: str


class _MemoryExceeded:
    """Sent by a child whose call ran out of memory (a ``MemoryError``)."""


def run_isolated(fn: Callable[[A], R], arg: A, limits: WorkerLimits | None = None) -> R | Died:
    """``fn(arg)`` in a child process under ``limits`` (default: from the environment);
    its result, or :class:`Died`. ``fn`` and ``arg`` must pickle (a module-level function)."""
    return next(map_isolated(fn, [arg], 1, limits))


def map_isolated(
    fn: Callable[[A], R],
    args: Iterable[A],
    workers: int = 1,
    limits: WorkerLimits | None = None,
) -> Generator[R | Died, None, None]:
    """``fn(a)`` for each ``a`` of ``args``, each in its own child, at most ``workers``
    at a time; the results (or :class:`Died`) in the order of ``args``. Closing the
    iterator early kills the children still running."""
    limits = limits or WorkerLimits.from_env()
    context = _context()
    pending = iter(enumerate(args))
    running: dict[int, _Child[R]] = {}
    done: dict[int, R | Died] = {}
    window = max(1, workers) * 4  # results held back for order: bounded
    following = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(running) < max(1, workers):
                if len(running) + len(done) >= window:
                    break
                item = next(pending, None)
                if item is None:
                    exhausted = True
                    break
                running[item[0]] = _Child.start(context, fn, item[1], limits)
            while following in done:
                yield done.pop(following)
                following += 1
            if not running:
                if exhausted and not done:
                    return
                continue
            _collect(running, done)
    finally:
        for child in running.values():
            child.kill()


def _collect(running: dict[int, _Child[R]], done: dict[int, R | Died]) -> None:
    """Wait until a child ends or one's time is up; move what ended to ``done``."""
    deadlines = [c.deadline for c in running.values() if c.deadline is not None]
    timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
    waits: list[Connection | int] = []
    for child in running.values():
        waits += [child.conn, child.process.sentinel]
    ready = set(wait(waits, timeout))
    now = time.monotonic()
    for index, child in list(running.items()):
        if child.conn in ready or child.process.sentinel in ready:
            done[index] = child.result()
        elif child.deadline is not None and now >= child.deadline:
            child.kill()
            done[index] = Died("timeout", f"处理超过时间上限（{child.seconds:g} 秒），已终止")
        else:
            continue
        del running[index]


@dataclass
class _Child(Generic[R]):
    process: BaseProcess
    conn: Connection
    deadline: float | None
    seconds: float | None
    memory_mb: int | None

    @classmethod
    def start(
        cls, context: BaseContext, fn: Callable[[A], R], arg: A, limits: WorkerLimits
    ) -> _Child[R]:
        receive, send = context.Pipe(duplex=False)
        memory = limits.memory_mb * 1024 * 1024 if limits.memory_mb else None
        direct = context.get_start_method() != "forkserver"  # the caller is its parent
        process = context.Process(  # type: ignore[attr-defined]
            target=_child_main,
            args=(send, fn, arg, memory, os.getpid(), direct),
            daemon=True,
        )
        for stream in (sys.stdout, sys.stderr):  # a forked child flushes its copy
            with suppress(OSError, ValueError):
                stream.flush()
        process.start()
        send.close()
        deadline = time.monotonic() + limits.seconds if limits.seconds else None
        return cls(process, receive, deadline, limits.seconds, limits.memory_mb)

    def result(self) -> R | Died:
        """What the child sent, or why it sent nothing (it has ended or is ending)."""
        try:
            sent: R | _MemoryExceeded = self.conn.recv()
        except (EOFError, OSError):
            self.process.join()
            return self._death()
        finally:
            self.conn.close()
        self.process.join(5)
        if isinstance(sent, _MemoryExceeded):
            return Died("memory", f"处理所需内存超过上限（{self.memory_mb} MiB），已终止")
        return sent

    def _death(self) -> Died:
        return _death(self.process, self.memory_mb)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


_REAPED_WAIT = 5.0
"""Seconds to wait for the exit code of a child another thread has reaped."""


def _exit_code(process: BaseProcess) -> int | None:
    """The exit code of a child that has ended. Starting a process polls every child of
    this one, so another thread may reap it first; its code is set a moment after, and
    until then ``exitcode`` says None."""
    deadline = time.monotonic() + _REAPED_WAIT
    while (code := process.exitcode) is None and time.monotonic() < deadline:
        time.sleep(0.002)
    return code


def _death(process: BaseProcess, memory_mb: int | None) -> Died:
    """Why a child that has ended sent nothing, from its exit code."""
    code = _exit_code(process)
    if code is not None and code < 0:
        number = -code
        if number == signal.SIGKILL:
            limit = f"（上限 {memory_mb} MiB）" if memory_mb else ""
            return Died("memory", f"处理进程被系统终止，可能是内存不足{limit}")
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = str(number)
        return Died("signal", f"处理进程异常终止（信号 {name}）")
    return Died("exit", f"处理进程异常退出（退出码 {code}）")


def _context() -> BaseContext:
    if sys.platform != "linux":
        return multiprocessing.get_context()
    if threading.current_thread() is threading.main_thread():
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["jixiao.service._preload"])
    return context


def _child_main(
    conn: Connection,
    fn: Callable[[A], R],
    arg: A,
    memory: int | None,
    caller: int,
    direct: bool,
) -> None:
    """In the child: end with the caller, leave Ctrl-C to it, limit memory, run, send
    the result."""
    _end_with(caller, direct)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    faulthandler.disable()  # a crash is reported by the parent, in one line
    _limit_memory(memory)
    _collect_less()
    try:
        conn.send(fn(arg))
    except MemoryError:  # what ran out is unwound by now: a small note still fits
        conn.send(_MemoryExceeded())
    finally:
        conn.close()


_CHILD_GC_THRESHOLD = 10_000
"""Allocations between two collections of the youngest generation in a child (Python's
default: 700)."""


def _collect_less() -> None:
    """In a child: what it inherited from its parent (modules, layouts, rulesets: it lives
    as long as the child) is left out of the cyclic garbage collector, and the youngest
    generation is collected less often. A parse makes many short-lived objects, freed by
    their reference counts; scanning the inherited heap again and again was about a tenth
    of an import worker's time (its pages stay shared with the parent's, too)."""
    gc.freeze()
    gc.set_threshold(_CHILD_GC_THRESHOLD)


def _end_with(caller: int, direct: bool) -> None:
    """Die with the process that started this one. ``direct``: it is the parent, and
    the kernel's parent-death signal does it on Linux (else a thread watching the
    parent's pid). Otherwise a fork server is the parent, which lives as long as its
    children do: a thread watches the caller."""
    if direct:
        if _parent_death_signal():
            if os.getppid() != caller:
                os._exit(1)  # the caller died before the signal was armed
            return
        parent = os.getppid()
        watch = threading.Thread(target=_watch, args=(lambda: os.getppid() == parent,))
    else:
        watch = threading.Thread(target=_watch, args=(lambda: alive(caller),))
    watch.daemon = True
    watch.start()


def _watch(running: Callable[[], bool]) -> None:
    while running():
        time.sleep(0.5)
    os._exit(1)


def _parent_death_signal() -> bool:
    if sys.platform != "linux":
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _address_space() -> int:
    """Bytes of address space this process maps now (0 where /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_memory(memory: int | None) -> None:
    if memory is None:
        return
    try:
        import resource
    except ImportError:  # not POSIX: the time limit still holds
        return
    # The budget is on top of what the child inherits: a long-running parent (a web
    # server, a test run) may map more than the whole budget before it forks.
    memory += _address_space()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    for outer in (soft, hard):  # a limit set around jixiao stays in force
        if outer != resource.RLIM_INFINITY:
            memory = min(memory, outer)
    resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
