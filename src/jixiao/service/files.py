"""Which files an import takes: the files named, and inside folders (recursively) every
file whose extension a reader handles (:func:`jixiao.read.files.readable_suffixes`: the
built-in :data:`~jixiao.read.files.SUFFIXES` and those of plug-in readers)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from jixiao.errors import UsageError
from jixiao.read.files import SUFFIXES, readable_suffixes
from jixiao.read.text import require_regular

__all__ = ["SUFFIXES", "collect_files", "content_hash"]


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files to import, each once, in a stable order (folders sorted inside).

    Raises :class:`UsageError` for a path that does not exist, a
    :class:`~jixiao.errors.ReadError` for one that is no regular file (inside folders
    such files are passed over).
    """
    seen: set[Path] = set()
    out: list[Path] = []
    suffixes = readable_suffixes()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in suffixes
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.exists():  # a file named is always taken, whatever its extension
            require_regular(path)  # not a named pipe or a device: hashing it would hang
            found = [path]
        else:
            raise UsageError(f"找不到文件或文件夹：{path}")
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def content_hash(path: Path) -> tuple[str, int]:
    """The SHA-256 (hex) of a file's bytes and its size."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size
