"""The part of an import that runs in worker processes: read, parse, score and audit
one file. A scoring or audit crash does not lose the file: its forms come back unscored,
each with an R010 finding."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

from jixiao.audit import review
from jixiao.audit.locate import form_location
from jixiao.errors import JixiaoError
from jixiao.model import Form, finding
from jixiao.parse import parse_file
from jixiao.score import FormScore, Ruleset

__all__ = ["Parsed", "ignore_interrupts", "parse_one"]


@dataclass(frozen=True)
class Parsed:
    """What a worker sends back: the forms (with their parse and audit findings), their
    scores (``None`` when scoring crashed), the document's lines and how the file was
    read; or why not."""

    path: str
    forms: tuple[Form, ...] = ()
    scores: tuple[FormScore | None, ...] = ()
    lines: tuple[str, ...] = ()
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
    forms: tuple[Form, ...]
    scores: tuple[FormScore | None, ...]
    try:
        reviewed = review(result.forms, ruleset)
        forms, scores = tuple(r.form for r in reviewed), tuple(r.score for r in reviewed)
    except Exception as err:  # a scoring or audit bug: store the forms as parsed
        forms, scores = _unscored(result.forms, err), (None,) * len(result.forms)
    doc = result.document
    return Parsed(
        path,
        forms=forms,
        scores=scores,
        lines=tuple(line.text for line in doc.lines),
        layout=result.layout,
        format=doc.format,
        encoding=doc.encoding,
        name=doc.name or Path(path).name,
    )


def _unscored(forms: tuple[Form, ...] | list[Form], err: Exception) -> tuple[Form, ...]:
    """The forms as parsed, each with an R010 finding naming the error."""
    error = f"{type(err).__name__}: {err}"
    return tuple(
        form.model_copy(
            update={"findings": (*form.findings, finding("R010", form_location(form), error=error))}
        )
        for form in forms
    )


def _internal(stage: str, err: Exception) -> str:
    return f"{stage}时发生内部错误：{type(err).__name__}: {err}"


def ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is for the main process, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
