"""The :class:`Store`: save parsed documents, query them, load forms back.

Open one with :func:`open_store`; the database is created and migrated on first use.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal, Unpack

from sqlalchemy import ColumnElement, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from jixiao.model import Finding, Form
from jixiao.model.governance import ChangeAction
from jixiao.model.keys import text_key
from jixiao.parse import ParseResult
from jixiao.score.result import FormScore
from jixiao.store import drafts, governance, query, runs
from jixiao.store.drafts import DraftInfo
from jixiao.store.engine import create_store_engine, display_url
from jixiao.store.errors import FormNotFoundError, StoreError
from jixiao.store.filters import FilterArgs, Filters, Visibility, form_conditions
from jixiao.store.governance import Actor, Change, LogFilters, Supersede
from jixiao.store.migrate import upgrade
from jixiao.store.projects import document_projects, same_project_rows, shared_projects
from jixiao.store.query import Page
from jixiao.store.rows import DocumentRows, document_rows
from jixiao.store.rulesets import read_ruleset, write_ruleset
from jixiao.store.save import (
    DocumentInfo,
    begin_batch,
    delete_document,
    document_id,
    insert_document_rows,
    replace_findings,
    replace_scores,
    rewrite_form,
)
from jixiao.store.schema import DocumentRow, FormRow
from jixiao.store.texts import DocumentLines, read_lines

__all__ = ["DocumentLines", "Store", "StoredForm", "open_store"]

_BATCH = 200


@dataclass(frozen=True)
class StoredForm:
    """A form as stored: its id, its document, the model and its computed score
    (``None`` when it was stored without one)."""

    id: int
    document_id: int
    position: int
    file_name: str
    content_hash: str
    imported_at: datetime
    ruleset: str | None
    form: Form
    score: FormScore | None = None


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open the store at ``url`` (see :func:`~jixiao.store.engine.resolve_url`).

    With ``migrate`` (the default) an empty or older database is brought to the newest
    schema first. Raises :class:`StoreError` with a Chinese message when it cannot.
    """
    engine = create_store_engine(url)
    store = Store(engine)
    if migrate:
        try:
            upgrade(engine)
        except DBAPIError as err:
            engine.dispose()
            raise StoreError(
                f"无法打开数据库 {display_url(str(engine.url))}：{_reason(err)}"
            ) from err
    return store


def _save_rows(
    conn: Connection,
    info: DocumentInfo,
    rows: DocumentRows,
    replace: bool,
    supersede: Sequence[Supersede] = (),
    actor: Actor | None = None,
) -> int:
    existing = document_id(conn, info.content_hash)
    if existing is not None:
        if not replace:
            return existing
        delete_document(conn, info.content_hash)
    doc = insert_document_rows(conn, info, rows)
    done = governance.supersede(conn, doc, supersede)
    if actor is not None:
        governance.log_changes(conn, actor, _import_changes(doc, info, len(rows.forms), done))
    return doc


def _reason(err: SQLAlchemyError) -> str:
    text = str(getattr(err, "orig", None) or err).strip().splitlines()
    return text[0] if text else type(err).__name__


class Store:
    """A database of documents, forms, indicator rows, findings and import runs.

    A store made by :meth:`within` sees only what its :class:`Visibility` allows: every
    query below keeps to it (a form outside is "not found"), as do the statistics
    (:meth:`scoped` lays it over their filters).
    """

    def __init__(self, engine: Engine, visibility: Visibility | None = None) -> None:
        self.engine = engine
        self.visibility = visibility

    def within(self, visibility: Visibility | None) -> Store:
        """The same database seen through ``visibility`` (``None``: everything). The
        original keeps ownership of the engine."""
        return Store(self.engine, visibility)

    def scoped(self, filters: Filters | None = None, **kw: Unpack[FilterArgs]) -> Filters:
        """``filters`` (with ``kw`` laid over) restricted to what this store may see."""
        chosen = Filters.of(filters, **kw)
        if self.visibility is None:
            return chosen
        return replace(chosen, visible=self.visibility)

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return display_url(self.engine.url.render_as_string(hide_password=False))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------

    def save_document(
        self,
        result: ParseResult,
        content_hash: str,
        *,
        size: int | None = None,
        path: str | None = None,
        replace: bool = False,
        scores: Sequence[FormScore | None] | None = None,
    ) -> int:
        """Store a parsed document, its lines and all its forms in ONE transaction; its id.

        ``path`` is where the user says the file came from (kept for reference only: the
        原文 panel reads the stored lines). ``scores[i]``, if given, is the computed score
        of ``result.forms[i]``. A document
        already stored under ``content_hash`` is left as it is (and its id returned)
        unless ``replace``, which deletes it and stores ``result`` instead.
        """
        doc = result.document
        info = DocumentInfo(
            file_name=doc.name,
            content_hash=content_hash,
            format=doc.format,
            size=size,
            layout=result.layout,
            encoding=doc.encoding,
            path=path,
        )
        lines = [line.text for line in doc.lines]
        return self.save_forms(result.forms, info, replace=replace, scores=scores, lines=lines)

    def save_forms(
        self,
        forms: Sequence[Form],
        info: DocumentInfo,
        *,
        replace: bool = False,
        scores: Sequence[FormScore | None] | None = None,
        lines: Sequence[str] | None = None,
        supersede: Sequence[Supersede] = (),
        actor: Actor | None = None,
    ) -> int:
        """Like :meth:`save_document` for forms made without a parse (import, tests);
        ``lines`` is the document's text as the parser saw it, if known. The stored forms
        each of ``supersede`` names become earlier versions of the new form at its
        position; with an ``actor`` the import (and each superseded form) is written to
        the audit log, all in the same transaction."""
        rows = document_rows(forms, scores, lines)
        with self.engine.begin() as conn:
            return _save_rows(conn, info, rows, replace, supersede, actor)

    def save_rows(
        self,
        documents: Sequence[tuple[DocumentInfo, DocumentRows]],
        *,
        replace: bool = False,
        supersede: Mapping[int, Sequence[Supersede]] | None = None,
        actor: Actor | None = None,
    ) -> list[int | str]:
        """Store several documents, each given as its rows (:mod:`jixiao.store.rows`), in
        ONE transaction; each is all-or-nothing on its own (a savepoint): one that fails
        is rolled back alone and the others are kept. For each, in order: its id (an
        existing one when it is already stored and not ``replace``, as
        :meth:`save_forms`), or why it failed (the database's first line). Raises
        :class:`DatabaseError` when the transaction itself cannot be committed: then
        none of them is stored. ``supersede[i]`` and ``actor`` as for :meth:`save_forms`
        (for the ``i``-th document)."""
        out: list[int | str] = []
        with self.engine.begin() as conn:
            begin_batch(conn)
            for i, (info, rows) in enumerate(documents):
                earlier = (supersede or {}).get(i, ())
                try:
                    with conn.begin_nested():
                        out.append(_save_rows(conn, info, rows, replace, earlier, actor))
                except SQLAlchemyError as err:
                    out.append(_reason(err))
        return out

    def update_reviews(
        self,
        findings: Mapping[int, Sequence[Finding]],
        scores: Mapping[int, FormScore | None] | None = None,
    ) -> None:
        """Replace the findings (``findings[form_id]``) and computed scores of stored
        forms, all in ONE transaction; the forms' own fields stay as they are."""
        with self.engine.begin() as conn:
            replace_findings(conn, findings)
            replace_scores(conn, scores or {})

    def has_document(self, content_hash: str) -> bool:
        """Whether a document with this SHA-256 is stored (withdrawn or not)."""
        with self.engine.connect() as conn:
            return document_id(conn, content_hash) is not None

    def document_forms(self, content_hash: str) -> list[int]:
        """The ids of the forms of the document with this SHA-256 (none if not stored)."""
        query = (
            select(FormRow.id)
            .join(DocumentRow, DocumentRow.id == FormRow.document_id)
            .where(DocumentRow.content_hash == content_hash)
            .order_by(FormRow.position)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def document_withdrawn(self, content_hash: str) -> bool:
        """Whether the document with this SHA-256 is stored and withdrawn."""
        query = select(DocumentRow.id).where(
            DocumentRow.content_hash == content_hash, DocumentRow.withdrawn_at.is_not(None)
        )
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    # -- governing: duplicates, withdraw / restore / purge, undo, corrections, log ------

    def duplicates(self, keys: Sequence[str]) -> dict[str, list[int]]:
        """The current forms of each identity key among ``keys``
        (:func:`~jixiao.model.keys.form_identity`), oldest first."""
        with self.engine.connect() as conn:
            return governance.current_duplicates(conn, keys)

    def versions(self, form_id: int) -> list[dict[str, Any]]:
        """Every stored form with the identity of form ``form_id`` (see
        :func:`~jixiao.store.governance.versions`); none when this store does not see it."""
        if self.get(form_id) is None:
            return []
        with self.engine.connect() as conn:
            return governance.versions(conn, form_id)

    def set_withdrawn(
        self,
        target: Literal["document", "form"],
        row_id: int,
        withdrawn: bool,
        actor: Actor,
        reason: str,
        change: Change,
    ) -> bool:
        """Withdraw (or restore) a document or a form (on its own), logging ``change``;
        whether it changed."""
        table = DocumentRow if target == "document" else FormRow
        with self.engine.begin() as conn:
            done = governance.set_withdrawn(conn, table, row_id, withdrawn, actor, reason)
            if done:
                governance.log_changes(conn, actor, [change])
            return done

    def purge_document(self, document_id: int, actor: Actor, change: Change) -> list[int]:
        """Delete a document for good, logging ``change``; the forms it had superseded,
        now current again."""
        with self.engine.begin() as conn:
            released = governance.purge_document(conn, document_id)
            governance.log_changes(conn, actor, [change])
            return released

    def purge_form(self, form_id: int, actor: Actor, change: Change) -> list[int]:
        """Delete a form for good, logging ``change``; the forms it had superseded."""
        with self.engine.begin() as conn:
            released = governance.purge_form(conn, form_id)
            governance.log_changes(conn, actor, [change])
            return released

    def run_documents(self, run_id: int) -> list[int]:
        """The ids of the documents import run ``run_id`` stored (still stored)."""
        with self.engine.connect() as conn:
            return governance.run_document_ids(conn, run_id)

    def undo_run(
        self, run_id: int, actor: Actor, reason: str, change: Change
    ) -> tuple[list[int], list[int]]:
        """Withdraw what import run ``run_id`` stored and bring back what it superseded,
        logging ``change``: ``(documents withdrawn, forms current again)``."""
        with self.engine.begin() as conn:
            done = governance.undo_run(conn, run_id, actor, reason)
            governance.log_changes(conn, actor, [change])
            return done

    def correct_form(
        self,
        form_id: int,
        form: Form,
        score: FormScore | None,
        correction: tuple[str, str | None, str | None],
        actor: Actor,
        change: Change,
    ) -> None:
        """Rewrite stored form ``form_id`` as ``form`` (re-scored: ``score``) after the
        cell ``correction`` = ``(path, original, value)``, recorded and logged."""
        path, original, value = correction
        with self.engine.begin() as conn:
            rewrite_form(conn, form_id, form, score)
            governance.write_correction(conn, form_id, path, original, value, actor, change.summary)
            governance.log_changes(conn, actor, [change])

    def corrections(self, form_id: int) -> list[dict[str, Any]]:
        """The corrected cells of form ``form_id`` (this store sees), oldest first."""
        if self.get(form_id) is None:
            return []
        with self.engine.connect() as conn:
            return governance.corrections(conn, form_id)

    def change_log(self, filters: LogFilters | None = None) -> tuple[list[dict[str, Any]], int]:
        """The audit log, newest first (the entries of what this store sees), and how many
        entries match in all (:func:`~jixiao.store.governance.change_rows`)."""
        with self.engine.connect() as conn:
            return governance.change_rows(conn, filters or LogFilters(), self.visibility)

    def document_projects(self, content_hash: str) -> list[str]:
        """The project names of the forms of the document with this SHA-256."""
        with self.engine.connect() as conn:
            return document_projects(conn, content_hash)

    def delete_document(self, content_hash: str) -> bool:
        """Delete a document with everything in it; whether there was one."""
        with self.engine.begin() as conn:
            return delete_document(conn, content_hash)

    def start_run(self, files: int) -> int:
        """Record the start of an import run; its id."""
        with self.engine.begin() as conn:
            return runs.start_run(conn, files)

    def finish_run(self, run_id: int, totals: runs.RunTotals, status: str) -> None:
        """Record the end of an import run."""
        with self.engine.begin() as conn:
            runs.finish_run(conn, run_id, totals, status)

    def abandoned_runs(self) -> list[int]:
        """The runs left ``running`` by a process that died (see
        :func:`~jixiao.store.runs.abandoned_runs`)."""
        with self.engine.connect() as conn:
            return runs.abandoned_runs(conn)

    def run_projects(self, run_id: int) -> list[str]:
        """The project names of the forms stored by import run ``run_id``."""
        with self.engine.connect() as conn:
            return runs.run_projects(conn, run_id)

    def close_abandoned_run(self, run_id: int) -> None:
        """Mark an abandoned run ``interrupted`` (its stored documents counted)."""
        with self.engine.begin() as conn:
            runs.close_abandoned_run(conn, run_id)

    def save_ruleset(self, name: str, data: str) -> None:
        """Keep a user's own ruleset (JSON ``data``) as ``name``, over an earlier one."""
        with self.engine.begin() as conn:
            write_ruleset(conn, name, data)

    def ruleset(self, name: str) -> str | None:
        """The JSON of the ruleset kept as ``name`` (:meth:`save_ruleset`), or ``None``."""
        with self.engine.connect() as conn:
            return read_ruleset(conn, name)

    # -- drafts (the web 填报 page) -----------------------------------------------------

    def save_draft(
        self, form: Form, draft_id: int | None = None, actor: Actor | None = None
    ) -> int:
        """Save ``form`` as a new draft, or over draft ``draft_id``; the draft's id. A
        scoped store saves only over a draft it sees, and only a form of a unit it sees
        (:class:`DraftNotFoundError` / :class:`StoreError` otherwise). With ``actor``
        the save is written to the audit log in the same transaction."""
        with self.engine.begin() as conn:
            saved = drafts.save_draft(conn, form, draft_id, self.visibility)
            if actor is not None:
                title = (form.project or "").strip() or "未命名草稿"
                change = Change(
                    ChangeAction.DRAFT_SAVE,
                    f"{'保存' if draft_id is not None else '新建'}草稿 #{saved}「{title}」",
                    details={"draft_id": saved, "kind": form.kind, "unit": form.unit},
                )
                governance.log_changes(conn, actor, [change])
            return saved

    def drafts(self) -> list[DraftInfo]:
        """Every draft (this store sees), most recently changed first."""
        with self.engine.connect() as conn:
            return drafts.draft_rows(conn, self.visibility)

    def load_draft(self, draft_id: int) -> Form:
        """The form of draft ``draft_id``; :class:`DraftNotFoundError` if none (or not
        seen by this store)."""
        with self.engine.connect() as conn:
            return drafts.load_draft(conn, draft_id, self.visibility)

    def delete_draft(self, draft_id: int) -> bool:
        """Delete draft ``draft_id``; whether there was one (this store sees)."""
        with self.engine.begin() as conn:
            return drafts.delete_draft(conn, draft_id, self.visibility)

    # -- reading ---------------------------------------------------------------------

    def forms(
        self,
        filters: Filters | None = None,
        *,
        page: Page | None = None,
        **kw: Unpack[FilterArgs],
    ) -> list[dict[str, Any]]:
        """One row per matching form (header, ``funds_<row>_<column>``, reported
        ``total_score``/``grade`` and ``computed_total``/``computed_grade``/
        ``computed_budget_rate``/``computed_budget_score``/``ruleset``, ``indicators``
        and ``errors``/``warnings``/``infos`` counts, file name), in id order or as
        ``page`` sorts and slices them."""
        with self.engine.connect() as conn:
            return query.form_rows(conn, self.scoped(filters, **kw), page)

    def count_forms(self, filters: Filters | None = None, **kw: Unpack[FilterArgs]) -> int:
        """How many forms match (the total behind a paged :meth:`forms`)."""
        with self.engine.connect() as conn:
            return query.count_forms(conn, self.scoped(filters, **kw))

    def indicators(
        self,
        filters: Filters | None = None,
        *,
        page: Page | None = None,
        **kw: Unpack[FilterArgs],
    ) -> list[dict[str, Any]]:
        """One row per indicator row of the matching forms (``row`` is its index), with
        its computed score: ``computed_score``, ``band_low``/``band_high``, ``accepted``,
        ``score_method`` and ``explanation``."""
        with self.engine.connect() as conn:
            return query.indicator_rows(conn, self.scoped(filters, **kw), page)

    def count_indicators(self, filters: Filters | None = None, **kw: Unpack[FilterArgs]) -> int:
        """How many indicator rows :meth:`indicators` returns unpaged."""
        with self.engine.connect() as conn:
            return query.count_indicators(conn, self.scoped(filters, **kw))

    def findings(
        self,
        filters: Filters | None = None,
        *,
        page: Page | None = None,
        **kw: Unpack[FilterArgs],
    ) -> list[dict[str, Any]]:
        """One row per finding of the matching forms (``page`` slices them)."""
        with self.engine.connect() as conn:
            return query.finding_rows(conn, self.scoped(filters, **kw), page)

    def count_findings(self, filters: Filters | None = None, **kw: Unpack[FilterArgs]) -> int:
        """How many findings :meth:`findings` returns unpaged."""
        with self.engine.connect() as conn:
            return query.count_findings(conn, self.scoped(filters, **kw))

    def documents(self, *, withdrawn: bool = False) -> list[dict[str, Any]]:
        """One row per stored document (with a form this store sees) that is not
        withdrawn, or (``withdrawn``) that is."""
        table = DocumentRow.__table__
        state = table.c.withdrawn_at.is_not(None) if withdrawn else table.c.withdrawn_at.is_(None)
        query = select(table).where(state, *self._seen_documents()).order_by(table.c.id)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def document(self, document_id: int) -> dict[str, Any] | None:
        """The row of stored document ``document_id`` (as :meth:`documents` gives it,
        withdrawn or not), or ``None``."""
        table = DocumentRow.__table__
        query = select(table).where(table.c.id == document_id, *self._seen_documents())
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return dict(row._mapping) if row is not None else None

    def _seen_documents(self) -> list[ColumnElement[bool]]:
        """The condition on ``documents``: one of its forms is seen (none: all are)."""
        if self.visibility is None:
            return []
        seen = select(FormRow.document_id).where(self.visibility.form_condition())
        return [DocumentRow.id.in_(seen)]

    def import_runs(self) -> list[dict[str, Any]]:
        """Every import run, oldest first."""
        with self.engine.connect() as conn:
            return runs.run_rows(conn)

    def shared_projects(self, projects: Sequence[str]) -> list[str]:
        """The keys (:func:`~jixiao.model.keys.text_key`) of those of ``projects``
        whose forms are in more than one document; ``projects=`` filters take them."""
        with self.engine.connect() as conn:
            return shared_projects(conn, sorted({text_key(p) for p in projects}))

    def same_project(
        self, form: Form, *, exclude: int | None = None, limit: int = 20
    ) -> list[dict[str, Any]]:
        """``id``, ``year``, ``kind``, ``total_score`` and ``grade`` of the stored forms
        of ``form``'s project (:func:`~jixiao.model.keys.project_identity`; a department
        form: its department's) but form ``exclude``, by year, at most ``limit``."""
        with self.engine.connect() as conn:
            return same_project_rows(conn, form, exclude, limit, self.visibility)

    def document_lines(
        self, document_id: int, start: int = 1, end: int | None = None
    ) -> DocumentLines | None:
        """Lines ``start``–``end`` of a stored document (numbered as the findings' line
        numbers), or ``None`` when its text was not stored (imported before schema 0005)."""
        if self.visibility is not None and self.document(document_id) is None:
            return None
        with self.engine.connect() as conn:
            return read_lines(conn, document_id, start, end)

    def form_ids(self, filters: Filters | None = None, **kw: Unpack[FilterArgs]) -> list[int]:
        """The ids of the matching forms, in id order."""
        conditions = form_conditions(self.scoped(filters, **kw))
        with self.engine.connect() as conn:
            found = conn.execute(select(FormRow.id).where(*conditions).order_by(FormRow.id))
            return list(found.scalars())

    def get(self, form_id: int) -> StoredForm | None:
        """The stored form with this id, or ``None`` (also when this store does not see
        it)."""
        if self.visibility is not None and not self.form_ids(form_ids=(form_id,), include="all"):
            return None
        return next(self._stored([form_id]), None)

    def load_form(self, form_id: int) -> Form:
        """The form with this id, equal to the one saved; :class:`FormNotFoundError` if none."""
        stored = self.get(form_id)
        if stored is None:
            raise FormNotFoundError(f"数据库中没有编号为 {form_id} 的表单")
        return stored.form

    def iter_stored(
        self, filters: Filters | None = None, *, scores: bool = True, **kw: Unpack[FilterArgs]
    ) -> Iterator[StoredForm]:
        """Every matching form with its ids, in id order, loaded in batches; without
        ``scores`` their computed scores are not read (``score`` is ``None``)."""
        ids = self.form_ids(filters, **kw)
        for start in range(0, len(ids), _BATCH):
            yield from self._stored(ids[start : start + _BATCH], scores=scores)

    def iter_forms(
        self, filters: Filters | None = None, **kw: Unpack[FilterArgs]
    ) -> Iterator[Form]:
        """Every matching form (the model), in id order."""
        for stored in self.iter_stored(filters, **kw):
            yield stored.form

    def _stored(self, ids: list[int], *, scores: bool = True) -> Iterator[StoredForm]:
        try:
            with self.engine.connect() as conn:
                loaded = list(query.load_forms(conn, ids, scores=scores))
                docs = {
                    r.id: r
                    for r in conn.execute(
                        select(
                            DocumentRow.id,
                            DocumentRow.file_name,
                            DocumentRow.content_hash,
                            DocumentRow.imported_at,
                        ).where(DocumentRow.id.in_({row["document_id"] for row, _, _ in loaded}))
                    )
                }
        except SQLAlchemyError as err:
            raise StoreError(f"读取数据库失败：{err}") from err
        for row, form, score in loaded:
            doc = docs[row["document_id"]]
            yield StoredForm(
                id=row["id"],
                document_id=row["document_id"],
                position=row["position"],
                file_name=doc.file_name,
                content_hash=doc.content_hash,
                imported_at=doc.imported_at,
                ruleset=row["ruleset"],
                form=form,
                score=score,
            )


def _import_changes(
    document_id: int, info: DocumentInfo, forms: int, superseded: list[tuple[int, int, str]]
) -> list[Change]:
    """The audit-log entries of a document written by an import."""
    out = [
        Change(
            ChangeAction.IMPORT,
            f"导入「{info.file_name}」：{forms} 张表",
            document_id=document_id,
            run_id=info.run_id,
            details={"content_hash": info.content_hash, "format": info.format},
        )
    ]
    for old, new, how in superseded:
        action = ChangeAction(how)
        said = f"被 #{new} 替换" if action is ChangeAction.REPLACE else f"有了新版本 #{new}"
        out.append(
            Change(
                action,
                f"表单 #{old} {said}（「{info.file_name}」）",
                document_id=document_id,
                form_id=old,
                run_id=info.run_id,
                details={"new_form": new},
            )
        )
    return out
