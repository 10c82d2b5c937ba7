"""A department's "all published forms as one PDF / zip", built off the request.

A bundle of hundreds of forms takes minutes to render; a request starts a
:class:`BundleJob` and returns at once, the page polls its status, and the finished
file is handed out from a folder of its own. The jobs run in a small thread pool
(:data:`WORKERS` at a time); at most :data:`MAX_PENDING` wait or run at once, and
:data:`MAX_PER_USER` of them for one user (more is refused with a message, never
queued without bound). A bundle holds at most
:data:`~jixiao.service.publishing.MAX_BUNDLE` forms and :data:`MAX_BYTES` bytes.
Finished files are deleted :data:`KEEP_SECONDS` after they were made (looked at on
every new job and poll), and the whole folder when the :class:`BundleJobs` is closed
or collected.

Scope: the job is built from the store *as the requesting user sees it*
(:func:`~jixiao.service.access.store_for`), exactly as
:func:`~jixiao.service.publishing.official_download` is, and a job is only shown to and
downloaded by the user who started it, with the same scope: anyone else is told it does
not exist.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
import weakref
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jixiao.errors import JixiaoError, UsageError
from jixiao.model.access import Action, Scope
from jixiao.service.access import Principal, require, store_for
from jixiao.service.publishing import Bundle, DepartmentForms, official_download
from jixiao.store import FormNotFoundError, Store

__all__ = [
    "KEEP_SECONDS",
    "MAX_BYTES",
    "MAX_PENDING",
    "MAX_PER_USER",
    "WORKERS",
    "BundleJob",
    "BundleJobs",
    "JobStatus",
]

WORKERS = 1
"""Bundles rendered at the same time (rendering is CPU-bound)."""
MAX_PENDING = 8
"""Jobs waiting or running at once, for every user together."""
MAX_PER_USER = 2
"""Jobs waiting or running at once for one user."""
MAX_BYTES = 512 * 1024 * 1024
"""The largest bundle kept (a larger one fails with a message)."""
KEEP_SECONDS = 30 * 60
"""How long a finished bundle (or its failure) is kept."""

JobStatus = Literal["queued", "running", "done", "failed"]
STATUS_LABELS: dict[str, str] = {
    "queued": "排队中",
    "running": "正在生成",
    "done": "已完成",
    "failed": "失败",
}


@dataclass
class BundleJob:
    """One bundle being built: for whom (account id, name, scope), which forms, in which
    format, its status and, once done, the file and its names."""

    id: str
    user: tuple[int | None, str]
    scope: Scope
    which: DepartmentForms
    bundle: Bundle
    created: float = field(default_factory=time.monotonic)
    status: JobStatus = "queued"
    finished: float | None = None
    error: str | None = None
    path: Path | None = None
    name: str = ""
    ascii_name: str = ""
    media_type: str = ""
    size: int = 0

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def pending(self) -> bool:
        return self.status in ("queued", "running")


def _owner(who: Principal) -> tuple[int | None, str]:
    return (who.user_id, who.username)


class BundleJobs:
    """The bundle jobs of one application (see the module doc)."""

    def __init__(self, folder: Path | None = None, workers: int = WORKERS) -> None:
        self.folder = folder or Path(tempfile.mkdtemp(prefix="jixiao-bundles-"))
        self.folder.mkdir(parents=True, exist_ok=True)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="jixiao-bundle")
        self._jobs: dict[str, BundleJob] = {}
        self._lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _close, self._pool, self.folder)

    def start(
        self, store: Store, who: Principal, which: DepartmentForms, bundle: Bundle
    ) -> BundleJob:
        """Queue the bundle ``which`` as ``bundle`` for ``who`` (who must be allowed to
        view forms); the job. :class:`UsageError` when too many are pending."""
        require(who, Action.VIEW)
        if not which.department.strip():
            raise UsageError("请指定主管部门。")
        self.clean()
        scoped = store_for(store, who)
        job = BundleJob(uuid.uuid4().hex, _owner(who), who.scope, which, bundle)
        with self._lock:
            pending = [j for j in self._jobs.values() if j.pending]
            if len(pending) >= MAX_PENDING:
                raise UsageError("正在生成的合并下载过多，请稍后再试。")
            if sum(j.user == job.user for j in pending) >= MAX_PER_USER:
                raise UsageError(f"您已有 {MAX_PER_USER} 个合并下载正在生成，请等其完成后再试。")
            self._jobs[job.id] = job
        self._pool.submit(self._run, scoped, job)
        return job

    def _run(self, store: Store, job: BundleJob) -> None:
        job.status = "running"
        try:
            made = official_download(store, job.which, job.bundle)
            if len(made.body) > MAX_BYTES:
                raise UsageError(
                    f"合并文件超过 {MAX_BYTES // (1024 * 1024)} MB，请按年度分别下载。"
                )
            path = self.folder / f"{job.id}.bin"
            path.write_bytes(made.body)
        except JixiaoError as err:
            job.error = err.message
            job.status = "failed"
        except Exception as err:  # a renderer's bug: said on the page, not lost in a thread
            job.error = f"生成失败（{type(err).__name__}），请稍后重试或联系管理员。"
            job.status = "failed"
        else:
            job.path, job.size = path, len(made.body)
            job.name, job.ascii_name, job.media_type = made.name, made.ascii_name, made.media_type
            job.status = "done"
        job.finished = time.monotonic()

    def get(self, who: Principal, job_id: str) -> BundleJob:
        """Job ``job_id`` if ``who`` started it (with the scope they have now); else
        :class:`~jixiao.store.FormNotFoundError`."""
        self.clean()
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.user != _owner(who) or job.scope != who.scope:
            raise FormNotFoundError("没有这个合并下载（可能已过期，请重新生成）")
        return job

    def file(self, who: Principal, job_id: str) -> tuple[BundleJob, Path]:
        """The finished file of job ``job_id`` (see :meth:`get`)."""
        job = self.get(who, job_id)
        if job.status != "done" or job.path is None or not job.path.exists():
            raise UsageError("合并文件尚未生成完成")
        return job, job.path

    def clean(self, now: float | None = None) -> None:
        """Forget the jobs finished more than :data:`KEEP_SECONDS` ago and delete their
        files."""
        now = time.monotonic() if now is None else now
        with self._lock:
            old = [
                j
                for j in self._jobs.values()
                if j.finished is not None and now - j.finished > KEEP_SECONDS
            ]
            for job in old:
                del self._jobs[job.id]
        for job in old:
            if job.path is not None:
                job.path.unlink(missing_ok=True)

    def close(self) -> None:
        """Stop the pool (waiting for the job running) and delete every file."""
        self._finalizer()


def _close(pool: ThreadPoolExecutor, folder: Path) -> None:
    pool.shutdown(wait=True, cancel_futures=True)
    shutil.rmtree(folder, ignore_errors=True)
