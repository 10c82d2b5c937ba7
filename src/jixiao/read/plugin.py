"""Readers other packages add (entry-point group ``jixiao.readers``, :mod:`jixiao.plugins`).

A province whose forms come in a format jixiao does not read (``.ofd``, say) installs a
package declaring a :class:`Reader`; :func:`~jixiao.read.files.read_any` hands it the
files whose suffix it names. A plug-in reads new suffixes only: the built-in formats
are chosen by content, and a reader claiming one of their suffixes is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jixiao.plugins import PluginError, plugins
from jixiao.read.document import Document

__all__ = ["Reader", "installed_readers", "reader_for"]


@dataclass(frozen=True)
class Reader:
    """A plug-in reader: its name, the suffixes it reads (``.ofd``) and how: the path
    and the file's bytes to a :class:`Document` (raise :class:`~jixiao.errors.ReadError`
    subclasses for a file it cannot read)."""

    name: str
    suffixes: frozenset[str]
    read: Callable[[Path, bytes], Document]


def installed_readers(built_in: frozenset[str]) -> list[Reader]:
    """The readers of the entry-point group ``jixiao.readers``; ``built_in`` are the
    suffixes jixiao reads itself, which no plug-in may take."""
    found = [reader for _, reader in plugins("jixiao.readers", Reader)]
    for reader in found:
        taken = sorted(s for s in reader.suffixes if s.lower() in built_in)
        if taken:
            raise PluginError(f"插件读取器「{reader.name}」不能接管内置格式 {'、'.join(taken)}")
    return found


def reader_for(name: str, built_in: frozenset[str]) -> Reader | None:
    """The plug-in reader of a file named ``name`` (by its suffix), if any."""
    suffix = Path(name).suffix.lower()
    if not suffix or suffix in built_in:
        return None
    return next((r for r in installed_readers(built_in) if suffix in r.suffixes), None)
