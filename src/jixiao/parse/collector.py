"""Parsing without the cyclic garbage collector's passes.

Reading a document makes tens of thousands of short-lived containers (lines, cells,
fragments, candidate rows) and no reference cycles: each is freed by its reference
count as soon as it is dropped. The collector still walks the youngest objects every
700 allocations and, now and then, every object the process holds, finding nothing —
about 7 % of the parse time of the sample forms (``gc.get_stats()`` counts no object
collected across repeated parses). :func:`collector_paused` holds the collector off
while a parse runs; it is switched back on (if it was on) when the last concurrent
parse ends, and the collection it then owes runs at the next allocation threshold.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]

_lock = threading.Lock()
_depth = 0
"""Parses under way (in any thread): the collector is resumed when the last ends."""
_resume = False
"""The collector was on when the first of them began."""


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector off (re-entrant, thread-safe)."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
