"""The import pipeline: hash, skip what is stored, parse, score and audit in parallel,
write in order, then recheck the cross-form findings of the projects imported.

Files are parsed, scored and audited in worker processes and written by the calling
process, one transaction per document, in the order given (so ids are reproducible). A file that
fails is recorded with its reason and the others go on. Ctrl-C (``KeyboardInterrupt``)
stops the run after the document being written; everything committed stays, nothing is
half-written (a second Ctrl-C interrupts at once, still without half-written documents).
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jixiao.model import Finding, Form, Severity
from jixiao.score import Ruleset
from jixiao.service.checking import Parsed, check_file
from jixiao.service.files import content_hash
from jixiao.service.recheck import recheck_projects
from jixiao.service.rulesets import keep_ruleset
from jixiao.store import DatabaseError, DocumentInfo, RunTotals, Store, StoreError

__all__ = ["FileEvent", "ImportReport", "run_import"]

Status = Literal["stored", "replaced", "skipped", "failed"]


@dataclass(frozen=True)
class FileEvent:
    """What happened to one file."""

    path: Path
    status: Status
    forms: int = 0
    reason: str | None = None


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
) -> ImportReport:
    """Import ``files`` into ``store``, each form scored under ``ruleset`` (else the one
    made for its kind) and audited; ``on_file`` is called after each file.

    A document's ``path`` in the store is ``display_paths[file]`` when given (what the
    user called the file, e.g. an uploaded file's name, not the temporary copy read),
    else the path given.

    The finding counts of the report cover the forms imported, after the cross-form
    recheck of their projects."""
    totals = RunTotals(files=len(files))
    keep_ruleset(store, ruleset)
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
            with closing(_parsed(todo, jobs, ruleset)) as results:
                for parsed, job in results:
                    shown = (display_paths or {}).get(job.path, str(job.path))
                    event, doc = _store(store, parsed, job, replace, shown)
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


def _ignore_interrupts() -> None:
    """Worker initializer: Ctrl-C is for the main process, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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


def _parsed(
    todo: list[_Job], jobs: int | None, ruleset: Ruleset | None
) -> Generator[tuple[Parsed, _Job], None, None]:
    """Parse results in the order of ``todo``, in a process pool when it pays."""
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if workers == 1:
        for job in todo:
            yield check_file(str(job.path), ruleset), job
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_interrupts)
    window: deque[tuple[Future[Parsed], _Job]] = deque()
    pending = iter(todo)
    try:
        for job in pending:
            window.append((pool.submit(check_file, str(job.path), ruleset), job))
            if len(window) >= workers * 4:
                break
        while window:
            future, job = window.popleft()
            parsed = future.result()
            nxt = next(pending, None)
            if nxt is not None:
                window.append((pool.submit(check_file, str(nxt.path), ruleset), nxt))
            yield parsed, job
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _store(
    store: Store, parsed: Parsed, job: _Job, replace: bool, shown: str
) -> tuple[FileEvent, int | None]:
    """Write one document; what happened, and its id when it was stored."""
    if parsed.error is not None:
        return FileEvent(job.path, "failed", reason=parsed.error), None
    info = DocumentInfo(
        file_name=parsed.name or job.path.name,
        content_hash=job.hash,
        format=parsed.format,
        size=job.size,
        layout=parsed.layout,
        encoding=parsed.encoding,
        path=shown,
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
