"""Reused isolated children (the import's workers): results in order, each child kept
for several calls under the same limits, and a call whose child dies is that call's
reason while a fresh child takes the next ones."""

from __future__ import annotations

import gc
import os
import resource
import time
from pathlib import Path
from typing import Any

from jixiao.service.isolation import Died, WorkerLimits
from jixiao.service.pool import map_pooled
from support import mapped_bytes
from test_isolation import _LIMITS, _dispatch, _exit, _hog, _segfault, _sigkill, _sleep, _square


def _pid(_n: int) -> int:
    return os.getpid()


def _address_limit(_n: int) -> int:
    return resource.getrlimit(resource.RLIMIT_AS)[0]


def _touch(path: Path) -> str:
    path.touch()
    return path.name


def test_children_go_on_while_the_caller_holds_a_result(tmp_path: Path) -> None:
    """The children are given their next calls while the caller is busy (an import
    writing what it got): the calls after the first are made before it asks again."""
    paths = [tmp_path / f"{n}.done" for n in range(6)]
    results = map_pooled(_touch, paths, 2, _LIMITS)
    assert next(results) == "0.done"
    deadline = time.monotonic() + 60
    while not all(p.exists() for p in paths) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert all(p.exists() for p in paths)  # window 8: all six given without asking
    assert list(results) == [p.name for p in paths[1:]]


def _meet(job: tuple[int, Path]) -> bool:
    """Call 0 waits for call 1's mark: both must run at once."""
    n, mark = job
    if n == 1:
        mark.touch()
        return True
    deadline = time.monotonic() + 30
    while not mark.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return mark.exists()


def test_as_many_children_as_workers_start_at_once(tmp_path: Path) -> None:
    mark = tmp_path / "second.started"
    assert list(map_pooled(_meet, [(0, mark), (1, mark)], 2, _LIMITS)) == [True, True]


def test_children_are_reused_for_several_calls() -> None:
    pids = list(map_pooled(_pid, range(8), 2, _LIMITS))
    assert os.getpid() not in pids and len(set(pids)) <= 2
    one_at_a_time = list(map_pooled(_pid, range(6), 1, _LIMITS, per_child=2))
    assert [len(set(one_at_a_time[i : i + 2])) for i in (0, 2, 4)] == [1, 1, 1]
    assert len(set(one_at_a_time)) == 3  # a fresh child every two calls


def test_every_child_runs_under_the_memory_limit() -> None:
    limits = list(map_pooled(_address_limit, range(4), 2, _LIMITS))
    # the budget of 1 GiB on top of the address space each child inherits
    assert all(1024**3 < n < 1024**3 + 2 * mapped_bytes() for n in limits)


def _collector(_n: int) -> tuple[int, int]:
    return gc.get_freeze_count(), gc.get_threshold()[0]


def test_children_leave_the_inherited_heap_out_of_garbage_collection() -> None:
    for frozen, threshold in map_pooled(_collector, range(2), 2, _LIMITS):
        assert frozen > 1000 and threshold > gc.get_threshold()[0]


def test_a_call_that_dies_is_its_reason_and_the_next_calls_go_on() -> None:
    fns = [_square, _segfault, _square, _hog, _square, _sigkill, _exit, _square]
    got = list(map_pooled(_dispatch, list(enumerate(fns)), 2, _LIMITS))
    assert [got[i] for i in (0, 2, 4, 7)] == [0, 4, 16, 49]
    kinds = {i: g.kind for i, g in enumerate(got) if isinstance(g, Died)}
    assert kinds == {1: "signal", 3: "memory", 5: "memory", 6: "exit"}


def test_a_child_out_of_memory_is_not_reused() -> None:
    jobs: list[tuple[int, Any]] = [(0, _pid), (0, _hog), (0, _pid)]
    before, died, after = map_pooled(_dispatch, jobs, 1, _LIMITS)
    assert isinstance(died, Died) and died.kind == "memory"
    assert before != after


def test_a_call_over_its_time_is_killed_and_the_next_runs() -> None:
    jobs: list[tuple[Any, Any]] = [(30.0, _sleep), (3, _square)]
    slow, quick = map_pooled(_dispatch, jobs, 1, WorkerLimits(None, 1.0))
    assert isinstance(slow, Died) and slow.kind == "timeout" and "1 秒" in slow.why
    assert quick == 9
