"""Program and usage errors.

Data problems are :class:`~jixiao.model.finding.Finding` objects, never exceptions.
These exceptions are for things that stop a command: a file that cannot be read at all,
a file in which no form layout is recognised, a bad command line. Each carries one
Chinese line for the user; the CLI prints it and exits with :attr:`exit_code`.
"""

from __future__ import annotations

__all__ = [
    "DecodeError",
    "JixiaoError",
    "NoLayoutError",
    "ReadError",
    "UsageError",
]


class JixiaoError(Exception):
    """Base of every error jixiao raises on purpose. ``str(err)`` is a Chinese line."""

    exit_code: int = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(JixiaoError):
    """The command was called wrongly (bad option, missing argument)."""


class ReadError(JixiaoError):
    """A file could not be opened or read."""


class DecodeError(ReadError):
    """A text file is in no encoding jixiao can recognise."""


class NoLayoutError(JixiaoError):
    """No known form layout matched a document."""
