"""Isolation: the reader runs in a child process with a memory and a time limit; a child
that dies is one failed file (P090), never the end of an import; children end with
their parent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from jixiao.processes import alive
from jixiao.service import checking, run_import
from jixiao.service.isolation import (
    MEMORY_ENV,
    SECONDS_ENV,
    Died,
    WorkerLimits,
    _death,
    map_isolated,
    run_isolated,
)
from jixiao.store import open_store
from support import ROOT, SEEDS, mapped_bytes

_LIMITS = WorkerLimits(memory_mb=1024, seconds=20)


def _square(n: int) -> int:
    return n * n


def _hog(_n: int) -> bytes:
    return bytes(4 * 1024**3)  # 4 GiB, over the 1 GiB limit


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _segfault(_n: int) -> int:
    os.kill(os.getpid(), signal.SIGSEGV)
    return 0


def _sigkill(_n: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def _exit(_n: int) -> int:
    os._exit(3)


def test_a_call_runs_in_a_child_and_returns_its_result() -> None:
    assert run_isolated(os.getpid, None) != os.getpid()  # type: ignore[arg-type]
    assert run_isolated(_square, 7, _LIMITS) == 49


@pytest.mark.parametrize(
    ("fn", "kind", "words"),
    [
        (_hog, "memory", "内存超过上限（1024 MiB）"),
        (_sigkill, "memory", "被系统终止，可能是内存不足"),
        (_segfault, "signal", "信号 SIGSEGV"),
        (_exit, "exit", "退出码 3"),
    ],
)
def test_a_child_that_dies_is_a_reason_not_an_exception(fn: Any, kind: str, words: str) -> None:
    died = run_isolated(fn, 0, _LIMITS)
    assert isinstance(died, Died) and died.kind == kind and words in died.why


def test_a_child_over_its_time_is_killed() -> None:
    start = time.monotonic()
    died = run_isolated(_sleep, 30.0, WorkerLimits(None, 0.5))
    assert isinstance(died, Died) and died.kind == "timeout" and "0.5 秒" in died.why
    assert time.monotonic() - start < 10


def test_many_calls_keep_their_order_whatever_dies() -> None:
    fns = [_square, _segfault, _square, _hog, _square]
    got = list(map_isolated(_dispatch, list(enumerate(fns)), 2, _LIMITS))
    assert got[0] == 0 and got[2] == 4 and got[4] == 16
    assert isinstance(got[1], Died) and isinstance(got[3], Died)


def _dispatch(job: tuple[int, Any]) -> Any:
    n, fn = job
    return fn(n)


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MEMORY_ENV, "512")
    monkeypatch.setenv(SECONDS_ENV, "0")
    assert WorkerLimits.from_env() == WorkerLimits(512, None)
    monkeypatch.setenv(SECONDS_ENV, "很久")
    with pytest.raises(Exception, match=SECONDS_ENV):
        WorkerLimits.from_env()


def test_a_dead_worker_fails_its_file_and_the_import_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = checking.check_file

    def dies_on_the_second(path: str, ruleset: Any = None) -> Any:
        if path == str(SEEDS[1]):
            os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer does
        return real(path, ruleset)

    monkeypatch.setattr(checking, "check_file", dies_on_the_second)
    events: list[Any] = []
    with open_store(str(tmp_path / "db.sqlite")) as store:
        report = run_import(store, SEEDS[:3], jobs=2, on_file=events.append)
        assert [e.status for e in events] == ["stored", "failed", "stored"]
        failure = events[1].failure
        assert failure is not None and failure.code == "P090"
        assert "内存不足" in failure.message and failure.location.file == str(SEEDS[1])
        assert report.totals.failed == [(str(SEEDS[1]), f"P090 {failure.message}")]
        assert not report.interrupted
        (run,) = store.import_runs()
        assert run["status"] == "completed" and run["failures"] == 1
        assert len(store.documents()) == 2


def test_a_timeout_is_a_failed_file_in_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from support import run_cli

    monkeypatch.setenv(SECONDS_ENV, "0.001")
    code, out, err = run_cli(["import", "--db", str(tmp_path / "db.sqlite"), str(SEEDS[0])], capsys)
    assert code == 1
    assert "P090 处理超过时间上限（0.001 秒），已终止，本文件未导入" in out + err


def test_the_preview_refuses_a_file_whose_child_died(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SECONDS_ENV, "0.001")
    parsed, checked = checking.check_upload(SEEDS[0])
    assert checked == [] and parsed.failure is not None
    assert parsed.error == parsed.failure.message
    assert "处理超过时间上限" in parsed.error


_PARENT = """
import os, sys, threading, time
sys.path.insert(0, {src!r})
from jixiao.service.isolation import WorkerLimits, map_isolated

def record(folder):
    open(os.path.join(folder, str(os.getpid())), "w").close()
    time.sleep(120)

def run():
    list(map_isolated(record, [sys.argv[1]] * 2, 2, WorkerLimits(None, None)))

if __name__ == "__main__":
    if sys.argv[2] == "thread":  # a web request's thread: children from a fork server
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    else:
        run()
"""


def _gone(pid: int) -> bool:
    return not alive(pid)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
@pytest.mark.parametrize("where", ["main", "thread"])
def test_children_end_when_their_parent_is_killed(tmp_path: Path, where: str) -> None:
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(_PARENT.format(src=str(ROOT / "src"))), "utf-8")
    pids = tmp_path / "pids"
    pids.mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(pids), where])
    try:
        deadline = time.monotonic() + 60
        while len(list(pids.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        children = [int(p.name) for p in pids.iterdir()]
        assert len(children) == 2
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while not all(map(_gone, children)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert all(map(_gone, children)), "a child outlived its parent"
    finally:
        parent.kill()
        for p in pids.iterdir():
            if not _gone(int(p.name)):
                os.kill(int(p.name), signal.SIGKILL)


def _address_space(_n: int) -> tuple[int, int]:
    import resource

    return resource.getrlimit(resource.RLIMIT_AS)


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024**2))


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS")
def test_a_parent_mapping_more_than_the_budget_still_gets_working_children() -> None:
    """A long-running parent (a web server, a whole test run) may map more address space
    than a child's budget before it forks: every import then failed with P090."""
    import mmap

    with mmap.mmap(-1, 2 * 1024**3) as _untouched:  # 2 GiB mapped, over the 1 GiB budget
        assert run_isolated(_allocate, 200, _LIMITS) == 200 * 1024**2
        assert isinstance(run_isolated(_hog, 0, _LIMITS), Died)


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS")
def test_the_memory_limit_is_set_and_never_above_one_set_around_jixiao() -> None:
    inherited = mapped_bytes()
    over = run_isolated(_address_space, 0, WorkerLimits(1024, 20))[0] - 1024**3
    assert inherited // 2 < over < inherited * 2  # the budget on top of what it inherits
    outer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, -1));"
            "from jixiao.service.isolation import run_isolated, WorkerLimits;"
            "from test_isolation import _address_space;"
            "print(run_isolated(_address_space, 0, WorkerLimits(3072, 20))[0])",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=120,
    )
    assert outer.stdout.strip() == str(2 * 1024**3), outer.stderr


class _ReapedElsewhere:
    """A child another thread has reaped: its exit code shows after a few looks."""

    def __init__(self, looks: int, code: int) -> None:
        self.looks, self.code = looks, code

    @property
    def exitcode(self) -> int | None:
        self.looks -= 1
        return None if self.looks > 0 else self.code


def test_a_child_reaped_by_another_thread_is_known_by_its_code() -> None:
    # starting a process polls every child: another thread may reap it first
    died = _death(_ReapedElsewhere(3, -signal.SIGKILL), 1024)  # type: ignore[arg-type]
    assert died.kind == "memory"
