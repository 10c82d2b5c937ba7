"""The import pipeline: hash, skip what is stored, parse, score and audit in parallel,
write in order, then recheck the cross-form findings of the projects imported.

Files are parsed, scored and audited in child processes (reused for several files),
each under a memory and a time limit (:mod:`jixiao.service.pool`), or on a Dask cluster
(:mod:`jixiao.service.dask_import`); they send back the rows to store
(:mod:`jixiao.service.preparing`), which the calling process writes in the order given
(so ids are reproducible), a few documents per transaction and each document
all-or-nothing (a savepoint). A file that fails — unreadable, or its child died — is
recorded with its reason and the others go on.

A run starts by finishing the runs a killed process left ``running``
(:func:`recover_runs`): the cross-form recheck of the projects they stored is redone and
they are marked ``interrupted``. Ctrl-C (``KeyboardInterrupt``) stops the run after the
documents read so far are written; everything committed stays, nothing is half-written
(a second Ctrl-C interrupts at once, still without half-written documents).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from dataclasses import replace as replace_dc
from pathlib import Path
from typing import Literal

from jixiao.model import Finding, Form, Severity
from jixiao.model.governance import DuplicatePolicy, form_key
from jixiao.score import Ruleset
from jixiao.service.files import content_hash
from jixiao.service.isolation import WorkerLimits
from jixiao.service.preparing import Prepared, prepare_files
from jixiao.service.recheck import drain_rechecks, iter_rechecks
from jixiao.service.rulesets import keep_ruleset
from jixiao.store import (
    Actor,
    DatabaseError,
    DocumentInfo,
    RunTotals,
    Store,
    StoreError,
    Supersede,
)

__all__ = [
    "DuplicateChoice",
    "Executor",
    "FileEvent",
    "ImportReport",
    "form_duplicates",
    "recover_runs",
    "run_import",
]

DuplicateChoice = DuplicatePolicy | Callable[[Path, int], DuplicatePolicy]
"""One policy for every duplicate form, or the choice for the ``n``-th form of a file
(the web preview asks per form)."""
_IMPORTER = Actor(None, "local")

Status = Literal["stored", "replaced", "skipped", "failed"]

Executor = Callable[
    [Sequence[str], Ruleset | None, int, WorkerLimits | None], Generator[Prepared, None, None]
]
"""What prepares the files of an import: ``(paths, ruleset, jobs, limits)`` to a
:class:`Prepared` for each path, in order (default: :func:`prepare_files`, child
processes of this one)."""

_BATCH_FORMS = 200
_BATCH_SECONDS = 1.0


@dataclass(frozen=True)
class FileEvent:
    """What happened to one file."""

    path: Path
    status: Status
    forms: int = 0
    reason: str | None = None
    failure: Finding | None = None
    """The P090 finding of a file whose child process died."""
    duplicates: tuple[str, ...] = ()
    """What was done with each duplicate form (Chinese, one line each)."""


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
    executor: Executor | None = None,
    on_duplicate: DuplicateChoice = DuplicatePolicy.SKIP,
    actor: Actor | None = None,
) -> ImportReport:
    """Import ``files`` into ``store``, each form scored under ``ruleset`` (else the one
    made for its kind) and audited; ``on_file`` is called after each file.

    A document's ``path`` in the store is ``display_paths[file]`` when given (what the
    user called the file, e.g. an uploaded file's name, not the temporary copy read),
    else the path given. Each file is read in a child process under ``limits``
    (default: :meth:`WorkerLimits.from_env`), ``jobs`` at a time; or by ``executor``
    (e.g. :class:`~jixiao.service.dask_import.DaskExecutor`: on a Dask cluster). A form
    already stored in another file (the same :func:`~jixiao.model.governance.form_key`)
    is skipped, replaces the stored one or becomes its new version, as ``on_duplicate``
    says; the audit log names ``actor`` (default: ``local``).

    The finding counts of the report cover the forms imported, after the cross-form
    recheck of their projects."""
    totals = RunTotals(files=len(files))
    keep_ruleset(store, ruleset)
    recover_runs(store)
    report = ImportReport(store.start_run(len(files)), totals)
    notify = on_file or (lambda _event: None)
    documents: set[int] = set()
    projects: set[str] = set()

    def record(event: FileEvent, prepared: Prepared | None = None, doc: int | None = None) -> None:
        if doc is not None and prepared is not None:
            documents.add(doc)
            projects.update(prepared.projects())
        _count(totals, event, prepared)

    with _deferred_interrupt() as stop:
        writer = _Writer(store, replace, report.run_id, record, notify)
        writer.on_duplicate, writer.actor = on_duplicate, actor or _IMPORTER
        try:
            todo: list[_Job] = []
            seen: dict[str, Path] = {}
            for path in files:
                event = _plan(store, path, replace, seen, todo)
                if event is not None:
                    record(event)
                    notify(event)
                stop.check()
            workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
            paths = [str(job.path) for job in todo]
            prepared_files = (executor or prepare_files)(paths, ruleset, workers, limits)
            with closing(prepared_files) as results:
                for n, (prepared, job) in enumerate(zip(results, todo, strict=True)):
                    shown = (display_paths or {}).get(job.path, str(job.path))
                    # the files after this one are all being read: what is pending is
                    # written now, while they are, not after the last one
                    writer.add(prepared, job, shown, last=len(todo) - 1 - n <= workers)
                    stop.check()
            writer.flush()
        except KeyboardInterrupt:
            report.interrupted = True
            with suppress(KeyboardInterrupt):  # a second Ctrl-C drops what is pending
                writer.flush()
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
    if exists and not replace and not store.document_withdrawn(digest):
        return FileEvent(path, "skipped", reason="已导入（内容相同）")
    todo.append(_Job(path, digest, size, exists))
    return None


class _Writer:
    """Stores prepared files a few at a time, each batch ONE transaction in which each
    document is all-or-nothing on its own (:meth:`Store.save_rows`); what happened to
    each file is recorded, then told, once its batch is committed. A batch ends after
    :data:`_BATCH_FORMS` forms or :data:`_BATCH_SECONDS` (slow files, e.g. scans, are
    then stored one by one)."""

    def __init__(
        self,
        store: Store,
        replace: bool,
        run_id: int,
        record: Callable[[FileEvent, Prepared | None, int | None], None],
        notify: Callable[[FileEvent], None],
    ) -> None:
        self.store = store
        self.replace = replace
        self.run_id = run_id
        self.record = record
        self.notify = notify
        self.pending: list[tuple[_Job, Prepared, DocumentInfo | None]] = []
        self.forms = 0
        self.started = 0.0
        self.on_duplicate: DuplicateChoice = DuplicatePolicy.SKIP
        self.actor = _IMPORTER
        self.keys: set[str] = set()
        """The identities of the pending forms (a duplicate of one is written after it)."""
        self.supersede: dict[int, list[Supersede]] = {}
        self.notes: dict[int, tuple[str, ...]] = {}
        """By place in ``pending``: the stored forms each file's forms take the place of,
        and what was done with each duplicate."""

    def _policy(self, path: Path, n: int) -> DuplicatePolicy:
        choice = self.on_duplicate
        return choice if isinstance(choice, DuplicatePolicy) else choice(path, n)

    def _duplicates(self, prepared: Prepared, job: _Job) -> Prepared:
        """``prepared`` without the duplicate forms to skip; what the others supersede
        and a note per duplicate are kept for the file's place in ``pending``."""
        if prepared.rows is None or not prepared.rows.forms:
            return prepared
        keys = [f.form.get("identity_key") for f in prepared.rows.forms]
        if self.keys & {k for k in keys if k}:
            self.flush()  # a duplicate of a pending form: that one is stored first
        found = self.store.duplicates([k for k in keys if k])
        own = set(self.store.document_forms(job.hash)) if job.exists else set()
        kept, supersede, notes = [], [], []
        here: dict[str, tuple[int, int]] = {}
        """The latest kept form of each identity in this file: (number, position)."""
        for n, (rows, key) in enumerate(zip(prepared.rows.forms, keys, strict=True)):
            stored = tuple(i for i in found.get(key or "", []) if i not in own)
            positions: tuple[int, ...] = ()
            earlier = here.get(key) if key else None
            if stored or earlier is not None:
                policy = self._policy(job.path, n)
                if earlier is not None:  # it takes the place of the copy before it
                    ids, stored, positions = f"第 {earlier[0] + 1} 张表", (), (earlier[1],)
                    twin = f"本文件{ids}"
                else:
                    ids = "、".join(f"#{i}" for i in stored)
                    twin = f"已存表单 {ids}"
                notes.append(f"第 {n + 1} 张表与{twin}相同：{_DONE[policy]} {ids}")
                if policy is DuplicatePolicy.SKIP:
                    continue
                position = rows.form["position"]
                supersede.append(Supersede(position, stored, policy.value, positions))
            if key:
                here[key] = (n, rows.form["position"])
            kept.append(rows)
        self.keys.update(k for k in keys if k)
        self.supersede[len(self.pending)] = supersede
        self.notes[len(self.pending)] = tuple(notes)
        return replace_dc(prepared, rows=replace_dc(prepared.rows, forms=tuple(kept)))

    def add(self, prepared: Prepared, job: _Job, shown: str, *, last: bool = False) -> None:
        """Add a file to the batch; ``last``: one of the last files (no file is waiting
        to be read), written at once."""
        had = prepared.forms
        prepared = self._duplicates(prepared, job)
        if not self.pending:
            self.started = time.monotonic()
        info = None if prepared.error is not None else self._info(prepared, job, shown)
        if info is not None and had and not prepared.forms:  # every form a skipped twin
            event = FileEvent(
                job.path,
                "skipped",
                reason="全部表单已存在",
                duplicates=self.notes.pop(len(self.pending)),
            )
            self.supersede.pop(len(self.pending), None)
            self.record(event, None, None)
            self.notify(event)
            return
        self.pending.append((job, prepared, info))
        self.forms += prepared.forms
        if last or self.forms >= _BATCH_FORMS or time.monotonic() - self.started >= _BATCH_SECONDS:
            self.flush()

    def _info(self, prepared: Prepared, job: _Job, shown: str) -> DocumentInfo:
        return DocumentInfo(
            file_name=prepared.name or job.path.name,
            content_hash=job.hash,
            format=prepared.format,
            size=job.size,
            layout=prepared.layout,
            encoding=prepared.encoding,
            path=shown,
            run_id=self.run_id,
        )

    def flush(self) -> None:
        """Store what is pending, then tell what happened to each file, in order."""
        pending, self.pending, self.forms = self.pending, [], 0
        supersede, notes, self.supersede, self.notes, self.keys = (
            self.supersede,
            self.notes,
            {},
            {},
            set(),
        )
        stored = [
            (i, info, p.rows)
            for i, (_, p, info) in enumerate(pending)
            if info is not None and p.rows is not None
        ]
        batch = [(info, rows) for _, info, rows in stored]
        earlier = {n: supersede.get(i, []) for n, (i, _, _) in enumerate(stored)}
        try:
            outcomes = iter(
                self.store.save_rows(
                    batch, replace=self.replace, supersede=earlier, actor=self.actor
                )
            )
        except (DatabaseError, StoreError) as err:  # the commit itself failed
            reason = str(getattr(err, "orig", None) or err).strip().splitlines()[0]
            outcomes = iter([reason] * len(batch))
        events = []
        for i, (job, prepared, info) in enumerate(pending):
            doc: int | None = None
            if info is None or prepared.rows is None:
                event = _failed(job, prepared)
            elif isinstance(outcome := next(outcomes), str):
                event = FileEvent(job.path, "failed", reason=f"写入数据库失败：{outcome}")
            else:
                doc = outcome
                status: Status = "replaced" if job.exists else "stored"
                event = FileEvent(
                    job.path, status, forms=prepared.forms, duplicates=notes.get(i, ())
                )
            self.record(event, prepared, doc)
            events.append(event)
        for event in events:  # a hook that stops the run stops it after these
            self.notify(event)


_DONE = {
    DuplicatePolicy.SKIP: "跳过",
    DuplicatePolicy.REPLACE: "替换了",
    DuplicatePolicy.VERSION: "保留为新版本，旧版本",
}


def form_duplicates(store: Store, forms: Sequence[Form]) -> list[list[int]]:
    """For each of ``forms``, the ids of the current stored forms it duplicates (the same
    :func:`~jixiao.model.governance.form_key`), oldest first; empty when none."""
    keys = [form_key(f) for f in forms]
    found = store.duplicates([k for k in keys if k is not None])
    return [found.get(k, []) if k is not None else [] for k in keys]


def _failed(job: _Job, prepared: Prepared) -> FileEvent:
    failure = prepared.failure  # a child that died: its code leads the reason
    reason = prepared.error if failure is None else f"{failure.code} {failure.message}"
    return FileEvent(job.path, "failed", reason=reason, failure=failure)


def _count(totals: RunTotals, event: FileEvent, prepared: Prepared | None = None) -> None:
    if event.status == "failed":
        totals.failed.append((str(event.path), event.reason or ""))
        return
    if event.status == "skipped":
        totals.skipped += 1
        return
    totals.stored += 1
    if prepared is not None:
        totals.forms += prepared.forms
        _add_severities(totals, prepared.severities())


def _add_severities(totals: RunTotals, counts: Mapping[str, int], sign: int = 1) -> None:
    totals.errors += sign * counts.get(Severity.ERROR.value, 0)
    totals.warnings += sign * counts.get(Severity.WARNING.value, 0)
    totals.infos += sign * sum(n for s, n in counts.items() if s not in _NOT_INFO)


_NOT_INFO = frozenset({Severity.ERROR.value, Severity.WARNING.value})


def _add_findings(totals: RunTotals, findings: Sequence[Finding], sign: int = 1) -> None:
    _add_severities(totals, Counter(item.severity.value for item in findings), sign)


def recover_runs(store: Store) -> list[int]:
    """Finish the import runs whose process died while they ran (killed, the machine
    stopped): recheck the cross-form findings of the projects they stored, then mark
    them ``interrupted``; their ids. A kill during this is safe: the next start does it
    again (the recheck recomputes, it does not add)."""
    abandoned = store.abandoned_runs()
    for run_id in abandoned:
        drain_rechecks(store, store.run_projects(run_id))
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
    for change in iter_rechecks(store, projects):
        if change.document_id in documents:
            _add_findings(totals, change.before, -1)
            _add_findings(totals, change.findings)
