"""What an import worker makes of a file: read, parse, score and audit it
(:func:`~jixiao.service.checking.check_file`), then the rows the store writes for it
(:func:`~jixiao.store.rows.document_rows`) — plain dicts, tuples and bytes, so the
process that writes only unpickles plain data and inserts it, and the mapping of models
to rows runs in the workers, in parallel.

:func:`prepare_files` runs it in child processes under memory and time limits
(:mod:`jixiao.service.isolation`), as every import does on one machine; the Dask
executor (:mod:`jixiao.service.dask_import`) runs the same :func:`prepare_file` on a
cluster's workers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from functools import partial

from jixiao.model import Finding
from jixiao.read.limits import ReadLimits, current_limits, use_limits
from jixiao.score import Ruleset
from jixiao.service import checking
from jixiao.service.checking import died_failure, warm_up
from jixiao.service.isolation import Died, WorkerLimits
from jixiao.service.pool import map_pooled
from jixiao.store.rows import DocumentRows, document_rows

__all__ = ["Prepared", "prepare_file", "prepare_files", "prepare_one"]


@dataclass(frozen=True)
class Prepared:
    """A file as an import worker sends it back: how it was read and its rows; or why
    not (``error``; ``failure``: the P090 finding of a child process that died)."""

    path: str
    rows: DocumentRows | None = None
    layout: str | None = None
    format: str = "text"
    encoding: str | None = None
    name: str = ""
    error: str | None = None
    failure: Finding | None = None

    @property
    def forms(self) -> int:
        return 0 if self.rows is None else len(self.rows.forms)

    def projects(self) -> set[str]:
        """The project names of its forms."""
        forms = () if self.rows is None else self.rows.forms
        return {f.form["project"] for f in forms if f.form["project"]}

    def severities(self) -> Counter[str]:
        """How many findings of each severity its forms have."""
        forms = () if self.rows is None else self.rows.forms
        return Counter(item["severity"] for f in forms for item in f.findings)

    @classmethod
    def died(cls, path: str, death: Died) -> Prepared:
        """The failure of a file whose worker died: its reason and P090 finding."""
        failure = died_failure(path, death)
        return cls(path, error=failure.message, failure=failure)


def prepare_file(path: str, ruleset: Ruleset | None = None) -> Prepared:
    """:func:`~jixiao.service.checking.check_file` of ``path``, as rows; never raises."""
    parsed = checking.check_file(path, ruleset)
    if parsed.error is not None:
        return Prepared(path, error=parsed.error)
    return Prepared(
        path,
        rows=document_rows(parsed.forms, parsed.scores, parsed.lines),
        layout=parsed.layout,
        format=parsed.format,
        encoding=parsed.encoding,
        name=parsed.name,
    )


def prepare_files(
    paths: Sequence[str],
    ruleset: Ruleset | None = None,
    jobs: int = 1,
    limits: WorkerLimits | None = None,
) -> Generator[Prepared, None, None]:
    """:func:`prepare_file` of each path in child processes under ``limits`` (default:
    :meth:`WorkerLimits.from_env`), ``jobs`` at a time, each child reused for several
    files (:func:`~jixiao.service.pool.map_pooled`); in the order given."""
    if not paths:
        return
    warm_up()
    reading = current_limits()
    work = partial(prepare_one, ruleset=ruleset, reading=reading)
    outcomes = map_pooled(work, paths, jobs, limits)
    for path, outcome in zip(paths, outcomes, strict=True):
        yield Prepared.died(path, outcome) if isinstance(outcome, Died) else outcome


def prepare_one(path: str, *, ruleset: Ruleset | None, reading: ReadLimits) -> Prepared:
    """:func:`prepare_file` under the reader limits ``reading`` of the caller (in a child
    of a fork server, or on another machine, those of the process would differ)."""
    with use_limits(reading):
        return prepare_file(path, ruleset)
