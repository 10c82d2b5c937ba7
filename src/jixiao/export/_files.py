"""Writing export files safely: whole files or nothing, and one error class."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao import atomic
from jixiao.errors import JixiaoError

__all__ = ["ExportError", "atomic_path", "output_dir"]


class ExportError(JixiaoError):
    """An export could not be written (bad path, unwritable file, unrepresentable value)."""


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block succeeds
    (:func:`jixiao.atomic.atomic_path`), its errors as :class:`ExportError`.

    A failed or interrupted export leaves the old file (or no file), never half of one.
    """
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"输出目录不存在：{parent}")
    try:
        with atomic.atomic_path(path) as tmp:
            yield tmp
    except OSError as err:
        raise ExportError(f"无法写入 {path}：{err.strerror or err}") from err


def output_dir(path: Path) -> Path:
    """``path`` as a directory for several files, created if missing."""
    if path.exists() and not path.is_dir():
        raise ExportError(f"输出位置不是目录：{path}")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"无法创建目录 {path}：{err.strerror or err}") from err
    return path
