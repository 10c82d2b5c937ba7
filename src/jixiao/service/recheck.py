"""Bringing stored forms up to date: the cross-form (X) findings of forms that share a
project with newly imported ones or with a deleted document, and whole re-scoring under
another ruleset.

The X checks compare a form with the others of its project (its target declaration,
earlier years), so after an import the forms already stored for the same projects are
checked again together with the new ones, and their X findings replaced. Re-scoring
reviews every stored form again (score + per-form audit) and then rechecks X the same way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from jixiao.audit import CROSS_FORM_CODES, cross_form_findings
from jixiao.audit.locate import with_context
from jixiao.model import Finding, is_audit_code
from jixiao.model.keys import text_key
from jixiao.score import FormScore, Ruleset
from jixiao.service.checking import review_forms
from jixiao.service.rulesets import StoredRulesets, keep_ruleset
from jixiao.store import Filters, Store, StoredForm

__all__ = [
    "Recheck",
    "delete_document",
    "drain_rechecks",
    "iter_rechecks",
    "recheck_projects",
    "rescore",
]

_PROJECTS_PER_QUERY = 100
_PROJECTS_PER_LOAD = 10
"""Projects whose stored forms are loaded at once: memory bounded by a few projects'."""
_FORMS_PER_BATCH = 200


@dataclass(frozen=True)
class Recheck:
    """A stored form whose findings changed: its ids, its findings before and after
    (not the whole form, so a long list of changes stays small)."""

    form_id: int
    document_id: int
    before: tuple[Finding, ...]
    findings: tuple[Finding, ...]


def _order(item: Finding) -> tuple[int, str]:
    """The order :func:`jixiao.audit.review` gives audit findings: by row, then code."""
    return (-1 if item.location.row is None else item.location.row, item.code)


def _with_cross(stored: StoredForm, cross: Sequence[Finding]) -> tuple[Finding, ...]:
    form = stored.form
    parse = [f for f in form.findings if not is_audit_code(f.code)]
    audit = [f for f in form.findings if is_audit_code(f.code) and f.code not in CROSS_FORM_CODES]
    audit += [with_context(f, form) for f in cross]
    return (*parse, *sorted(audit, key=_order))


def _chunks(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def recheck_projects(
    store: Store,
    projects: Iterable[str | None],
    *,
    across_documents_only: bool = True,
) -> list[Recheck]:
    """Recompute the X findings of every stored form of ``projects`` (all forms of a
    project together, names compared as the X checks compare them:
    :func:`~jixiao.model.keys.text_key`) and store those that changed; returns them.
    Each form is checked under the ruleset stored with it (:class:`StoredRulesets`).

    By default only projects with forms in more than one document are looked at: the
    forms of one document were already checked together when it was reviewed."""
    return list(iter_rechecks(store, projects, across_documents_only=across_documents_only))


def drain_rechecks(
    store: Store, projects: Iterable[str | None], *, across_documents_only: bool = True
) -> None:
    """:func:`recheck_projects` without keeping the changes (memory flat however many)."""
    deque(iter_rechecks(store, projects, across_documents_only=across_documents_only), 0)


def iter_rechecks(
    store: Store,
    projects: Iterable[str | None],
    *,
    across_documents_only: bool = True,
) -> Iterator[Recheck]:
    """:func:`recheck_projects`, the changes given as each group of projects is stored
    (only one group's forms in memory at a time)."""
    names = sorted({text_key(p) for p in projects if p})
    rulesets = StoredRulesets(store)
    for chunk in _chunks(names, _PROJECTS_PER_QUERY):
        shared = store.shared_projects(chunk) if across_documents_only else chunk
        for loaded in _chunks(shared, _PROJECTS_PER_LOAD):
            yield from _recheck_group(store, loaded, rulesets)


def _recheck_group(
    store: Store, projects: Sequence[str], rulesets: StoredRulesets
) -> list[Recheck]:
    """Recheck the forms of a few projects together; store and return the changes."""
    group = list(store.iter_stored(projects=tuple(projects), scores=False))
    cross = cross_form_findings(
        [s.form for s in group], rulesets=[rulesets(s.ruleset) for s in group]
    )
    found = [
        Recheck(stored.id, stored.document_id, stored.form.findings, new)
        for stored, extra in zip(group, cross, strict=True)
        if (new := _with_cross(stored, extra)) != stored.form.findings
    ]
    if found:
        store.update_reviews({r.form_id: r.findings for r in found})
    return found


def rescore(
    store: Store,
    ruleset: Ruleset | None = None,
    filters: Filters | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Score and audit again every matching stored form under ``ruleset`` (else the one
    made for each form's kind), replacing its computed scores and audit findings (parse
    findings stay), then recheck X across projects (a user's own ``ruleset`` is kept in
    the store for that and later rechecks); returns how many forms were done.
    ``on_batch(n)`` is called after each batch of ``n`` forms is stored."""
    keep_ruleset(store, ruleset)
    done = 0
    projects: set[str] = set()
    batch: list[StoredForm] = []

    def flush() -> None:
        reviewed = review_forms([s.form for s in batch], ruleset)
        findings = {s.id: r.report.findings for s, r in zip(batch, reviewed, strict=True)}
        scores: dict[int, FormScore | None] = {
            s.id: r.score for s, r in zip(batch, reviewed, strict=True)
        }
        store.update_reviews(findings, scores)
        if on_batch:
            on_batch(len(batch))
        batch.clear()

    for stored in store.iter_stored(filters):
        batch.append(stored)
        done += 1
        if stored.form.project:
            projects.add(stored.form.project)
        if len(batch) >= _FORMS_PER_BATCH:
            flush()
    if batch:
        flush()
    drain_rechecks(store, projects, across_documents_only=False)
    return done


def delete_document(store: Store, content_hash: str) -> bool:
    """Delete the stored document with this SHA-256 and everything in it, then recheck
    the X findings of the forms left of its projects (a trend or a declaration they were
    compared with may have gone); whether there was one."""
    projects = store.document_projects(content_hash)
    if not store.delete_document(content_hash):
        return False
    drain_rechecks(store, projects, across_documents_only=False)
    return True
