"""Writing export files safely: whole files or nothing, and one error class."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jixiao.errors import JixiaoError

__all__ = ["ExportError", "atomic_path", "output_dir"]


class ExportError(JixiaoError):
    """An export could not be written (bad path, unwritable file, unrepresentable value)."""


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, renamed onto it when the block succeeds.

    A failed or interrupted export leaves the old file (or no file), never half of one.
    """
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"输出目录不存在：{parent}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except OSError as err:
        raise ExportError(f"无法写入 {path}：{err.strerror or err}") from err
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        umask = os.umask(0)
        os.umask(umask)
        tmp_path.chmod(0o666 & ~umask)  # mkstemp makes it private; an export is not
        os.replace(tmp_path, path)
    except OSError as err:
        raise ExportError(f"无法写入 {path}：{err.strerror or err}") from err
    finally:
        tmp_path.unlink(missing_ok=True)


def output_dir(path: Path) -> Path:
    """``path`` as a directory for several files, created if missing."""
    if path.exists() and not path.is_dir():
        raise ExportError(f"输出位置不是目录：{path}")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ExportError(f"无法创建目录 {path}：{err.strerror or err}") from err
    return path
