"""The import pipeline: hash, skip what is stored, parse, score and audit in parallel,
write in order, then recheck the cross-form findings of the projects imported.

Files are parsed, scored and audited in child processes, each under a memory and a time
limit (:mod:`jixiao.service.isolation`), and written by the calling process, one
transaction per document, in the order given (so ids are reproducible). A file that
fails — unreadable, or its child died — is recorded with its reason and the others go on.

A run starts by finishing the runs a killed process left ``running``
(:func:`recover_runs`): the cross-form recheck of the projects they stored is redone and
they are marked ``interrupted``. Ctrl-C (``KeyboardInterrupt``)
stops the run after the document being written; everything committed stays, nothing is
half-written (a second Ctrl-C interrupts at once, still without half-written documents).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jixiao.model import Finding, Form, Severity
from jixiao.score import Ruleset
from jixiao.service.checking import Parsed, check_files
from jixiao.service.files import content_hash
from jixiao.service.isolation import WorkerLimits
from jixiao.service.recheck import recheck_projects
from jixiao.service.rulesets import keep_ruleset
from jixiao.store import DatabaseError, DocumentInfo, RunTotals, Store, StoreError

__all__ = ["FileEvent", "ImportReport", "recover_runs", "run_import"]

Status = Literal["stored", "replaced", "skipped", "failed"]


@dataclass(frozen=True)
class FileEvent:
    """What happened to one file."""

    path: Path
    status: Status
    forms: int = 0
    reason: str | None = None
    failure: Finding | None = None
    """The P090 finding of a file whose child process died."""


@dataclass
class ImportReport:
    """The outcome of a run: totals, whether it was interrupted, its id in the store."""

    run_id: int
    totals: RunTotals
    interrupted: bool = False
    record_failed: bool = False
    """The run's summary row could not be written (the documents are stored)."""

    @property
    def failed(self) -> bool:
        return bool(self.totals.failed)


@dataclass(frozen=True)
class _Job:
    path: Path
    hash: str
    size: int
    exists: bool


def run_import(
    store: Store,
    files: Sequence[Path],
    *,
    jobs: int | None = None,
    replace: bool = False,
    ruleset: Ruleset | None = None,
    on_file: Callable[[FileEvent], None] | None = None,
    display_paths: Mapping[Path, str] | None = None,
    limits: WorkerLimits | None = None,
) -> ImportReport:
    """Import ``files`` into ``store``, each form scored under ``ruleset`` (else the one
    made for its kind) and audited; ``on_file`` is called after each file.

    A document's ``path`` in the store is ``display_paths[file]`` when given (what the
    user called the file, e.g. an uploaded file's name, not the temporary copy read),
    else the path given. Each file is read in a child process under ``limits``
    (default: :meth:`WorkerLimits.from_env`).

    The finding counts of the report cover the forms imported, after the cross-form
    recheck of their projects."""
    totals = RunTotals(files=len(files))
    keep_ruleset(store, ruleset)
    recover_runs(store)
    report = ImportReport(store.start_run(len(files)), totals)
    notify = on_file or (lambda _event: None)
    documents: set[int] = set()
    projects: set[str] = set()
    with _deferred_interrupt() as stop:
        try:
            todo: list[_Job] = []
            seen: dict[str, Path] = {}
            for path in files:
                event = _plan(store, path, replace, seen, todo)
                if event is not None:
                    _count(totals, event)
                    notify(event)
                stop.check()
            workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
            paths = [str(job.path) for job in todo]
            parsed_files = check_files(paths, ruleset, jobs=workers, limits=limits)
            with closing(parsed_files) as results:
                for parsed, job in zip(results, todo, strict=True):
                    shown = (display_paths or {}).get(job.path, str(job.path))
                    event, doc = _store(store, parsed, job, replace, shown, report.run_id)
                    if doc is not None:
                        documents.add(doc)
                        projects.update(f.project for f in parsed.forms if f.project)
                    _count(totals, event, parsed.forms)
                    notify(event)
                    stop.check()
        except KeyboardInterrupt:
            report.interrupted = True
        try:
            _recheck(store, projects, documents, totals)
        except KeyboardInterrupt:  # the recheck is one transaction: nothing half-written
            report.interrupted = True
        except (DatabaseError, StoreError):
            report.record_failed = True
    status = "interrupted" if report.interrupted else "completed"
    try:
        store.finish_run(report.run_id, totals, status)
    except DatabaseError:  # the documents are committed; only the run record is stale
        report.record_failed = True
    return report


class _Stop:
    requested = False

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt


@contextmanager
def _deferred_interrupt() -> Iterator[_Stop]:
    """The first Ctrl-C lets the document being written finish, then stops the run;
    a second one interrupts at once."""
    stop = _Stop()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(_signum: int, _frame: object) -> None:
        stop.requested = True
        signal.signal(signal.SIGINT, previous)

    signal.signal(signal.SIGINT, handler)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _plan(
    store: Store, path: Path, replace: bool, seen: dict[str, Path], todo: list[_Job]
) -> FileEvent | None:
    try:
        digest, size = content_hash(path)
    except OSError as err:
        return FileEvent(path, "failed", reason=f"无法读取文件：{err.strerror or err}")
    if digest in seen:
        return FileEvent(path, "skipped", reason=f"与 {seen[digest]} 内容相同")
    seen[digest] = path
    exists = store.has_document(digest)
    if exists and not replace:
        return FileEvent(path, "skipped", reason="已导入（内容相同）")
    todo.append(_Job(path, digest, size, exists))
    return None


def _store(
    store: Store, parsed: Parsed, job: _Job, replace: bool, shown: str, run_id: int
) -> tuple[FileEvent, int | None]:
    """Write one document; what happened, and its id when it was stored."""
    if parsed.error is not None:
        failure = parsed.failure  # a child that died: its code leads the reason
        reason = parsed.error if failure is None else f"{failure.code} {failure.message}"
        return FileEvent(job.path, "failed", reason=reason, failure=failure), None
    info = DocumentInfo(
        file_name=parsed.name or job.path.name,
        content_hash=job.hash,
        format=parsed.format,
        size=job.size,
        layout=parsed.layout,
        encoding=parsed.encoding,
        path=shown,
        run_id=run_id,
    )
    try:
        doc = store.save_forms(
            parsed.forms, info, replace=replace, scores=parsed.scores, lines=parsed.lines
        )
    except (DatabaseError, StoreError) as err:
        reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
        return FileEvent(job.path, "failed", reason=f"写入数据库失败：{reason}"), None
    status: Status = "replaced" if job.exists else "stored"
    return FileEvent(job.path, status, forms=len(parsed.forms)), doc


def _count(totals: RunTotals, event: FileEvent, forms: Sequence[Form] = ()) -> None:
    if event.status == "failed":
        totals.failed.append((str(event.path), event.reason or ""))
        return
    if event.status == "skipped":
        totals.skipped += 1
        return
    totals.stored += 1
    totals.forms += len(forms)
    for form in forms:
        _add_findings(totals, form.findings)


def _add_findings(totals: RunTotals, findings: Sequence[Finding], sign: int = 1) -> None:
    for item in findings:
        if item.severity == Severity.ERROR:
            totals.errors += sign
        elif item.severity == Severity.WARNING:
            totals.warnings += sign
        else:
            totals.infos += sign


def recover_runs(store: Store) -> list[int]:
    """Finish the import runs whose process died while they ran (killed, the machine
    stopped): recheck the cross-form findings of the projects they stored, then mark
    them ``interrupted``; their ids. A kill during this is safe: the next start does it
    again (the recheck recomputes, it does not add)."""
    abandoned = store.abandoned_runs()
    for run_id in abandoned:
        recheck_projects(store, store.run_projects(run_id))
        store.close_abandoned_run(run_id)
    return abandoned


def _recheck(
    store: Store,
    projects: set[str],
    documents: set[int],
    totals: RunTotals,
) -> None:
    """Cross-form findings of the projects imported, checked against the whole store
    (each form under its own stored ruleset); the counts of the forms imported follow
    their new findings."""
    for change in recheck_projects(store, projects):
        if change.document_id in documents:
            _add_findings(totals, change.before, -1)
            _add_findings(totals, change.findings)
