"""Waiting in a browser test under the application's Content-Security-Policy.

Playwright's ``page.wait_for_function`` compiles its predicate inside the page, which a
policy without ``'unsafe-eval'`` forbids; :func:`wait_until` polls ``page.evaluate``
(run by the DevTools protocol, outside the page's policy) instead.
"""

from __future__ import annotations

import time
from typing import Any

__all__ = ["wait_until"]


def wait_until(page: Any, expression: str, arg: Any = None, timeout: float = 5000) -> None:
    """Wait until the JavaScript ``expression`` (or function of ``arg``) is truthy;
    ``timeout`` in milliseconds, as Playwright's."""
    function = expression if "=>" in expression.split("\n")[0][:40] else f"() => ({expression})"
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"等待超时（{timeout:.0f} ms）：{expression}")
        page.wait_for_timeout(50)
