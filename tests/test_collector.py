"""A parse runs with the cyclic garbage collector held off, and leaves it as it found it."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from jixiao.errors import NoLayoutError
from jixiao.parse import parse_document
from jixiao.parse.collector import collector_paused
from jixiao.read import Document, read_document
from support import SEEDS


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_a_parse_of_the_seeds_leaves_no_cycle_for_the_collector() -> None:
    """What justifies holding the collector off: a parse frees everything it made by
    reference counting (a layout keeping cycles would grow an importer's memory)."""
    docs = [read_document(p) for p in SEEDS]
    for doc in docs:  # first parses fill the caches of imports and wordings
        parse_document(doc)
    gc.collect()
    for doc in docs:
        assert parse_document(doc).forms
    assert gc.collect() == 0


def test_the_collector_is_off_during_a_parse_and_back_after_it_and_after_a_refusal() -> None:
    seen: list[bool] = []
    with collector_paused():
        seen.append(gc.isenabled())
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(NoLayoutError):
        parse_document(Document.from_text("x.txt", "没有任何表格的一段话。\n"))
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    parse_document(read_document(SEEDS[-1]))
    assert not gc.isenabled()


def test_the_collector_resumes_when_the_last_of_overlapping_parses_ends() -> None:
    inside, release = threading.Event(), threading.Event()

    def hold() -> None:
        with collector_paused():
            inside.set()
            release.wait(10)

    worker = threading.Thread(target=hold)
    worker.start()
    inside.wait(10)
    with collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the other parse still runs
    release.set()
    worker.join(10)
    assert gc.isenabled()
