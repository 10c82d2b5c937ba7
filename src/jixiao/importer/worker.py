"""The part of an import that runs in worker processes: read and parse one file."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

from jixiao.errors import JixiaoError
from jixiao.model import Form
from jixiao.parse import parse_file

__all__ = ["Parsed", "ignore_interrupts", "parse_one"]


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: the forms and how the file was read, or why not."""

    path: str
    forms: tuple[Form, ...] = ()
    layout: str | None = None
    format: str = "text"
    encoding: str | None = None
    name: str = ""
    error: str | None = None


def parse_one(path: str) -> Parsed:
    """Parse one file; never raises (the reason of a failure is in ``error``)."""
    try:
        result = parse_file(path)
    except JixiaoError as err:
        return Parsed(path, error=err.message)
    except Exception as err:  # a parser bug must not stop the other files
        return Parsed(path, error=f"解析时发生内部错误：{type(err).__name__}: {err}")
    doc = result.document
    return Parsed(
        path,
        forms=result.forms,
        layout=result.layout,
        format=doc.format,
        encoding=doc.encoding,
        name=doc.name or Path(path).name,
    )


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is for the main process, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
