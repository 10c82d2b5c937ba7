"""The part of an import that runs in worker processes: read, parse, score and audit
one file."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

from jixiao.audit import review
from jixiao.errors import JixiaoError
from jixiao.model import Form
from jixiao.parse import parse_file
from jixiao.score import FormScore, Ruleset

__all__ = ["Parsed", "ignore_interrupts", "parse_one"]


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: the forms (with their parse and audit findings) and
    their scores, and how the file was read; or why not."""

    path: str
    forms: tuple[Form, ...] = ()
    scores: tuple[FormScore, ...] = ()
    layout: str | None = None
    format: str = "text"
    encoding: str | None = None
    name: str = ""
    error: str | None = None


def parse_one(path: str, ruleset: Ruleset | None = None) -> Parsed:
    """Parse one file and review its forms (scored under ``ruleset``, else the one made
    for each form's kind); never raises (the reason of a failure is in ``error``)."""
    try:
        result = parse_file(path)
    except JixiaoError as err:
        return Parsed(path, error=err.message)
    except Exception as err:  # a parser bug must not stop the other files
        return Parsed(path, error=_internal("解析", err))
    try:
        reviewed = review(result.forms, ruleset)
    except Exception as err:  # nor a scoring or audit bug
        return Parsed(path, error=_internal("评分或审核", err))
    doc = result.document
    return Parsed(
        path,
        forms=tuple(r.form for r in reviewed),
        scores=tuple(r.score for r in reviewed),
        layout=result.layout,
        format=doc.format,
        encoding=doc.encoding,
        name=doc.name or Path(path).name,
    )


def _internal(stage: str, err: Exception) -> str:
    return f"{stage}时发生内部错误：{type(err).__name__}: {err}"


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is for the main process, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
