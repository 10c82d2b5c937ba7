"""Writing a file whole or not at all: the one atomic writer of exports, rendered tables
and the web's upload notes.

The content goes to a temporary file beside the target (same folder, so the same file
system), which is renamed onto the target only when it is complete: a reader — another
thread, another process, the user — sees the old file (or none) or the new one, never
half of one. Errors are ``OSError``; each caller says them in its own words.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "write_atomic"]


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write, renamed onto ``path`` when the block
    succeeds and removed when it fails."""
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` atomically."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
