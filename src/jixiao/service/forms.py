"""A stored form as the shells show it: loaded by id, with its score and findings, and
its original lines.

``jixiao show`` and the 表单详情 page (and the JSON API) load forms here, so "no such
form" is said one way and a form stored before it was scored is reviewed one way.
"""

from __future__ import annotations

from jixiao.service.checking import Reviewed, review_forms
from jixiao.service.excerpts import SourceExcerpt, source_excerpt
from jixiao.store import FormNotFoundError, Store, StoredForm

__all__ = ["form_excerpt", "load_form", "reviewed"]


def load_form(store: Store, form_id: int) -> StoredForm:
    """The stored form ``form_id``; :class:`~jixiao.store.FormNotFoundError` if none."""
    stored = store.get(form_id)
    if stored is None:
        raise FormNotFoundError(f"数据库中没有编号为 {form_id} 的表单")
    return stored


def reviewed(stored: StoredForm) -> Reviewed:
    """The form with its findings and computed score as stored; a form stored before it
    was scored is reviewed now (without the cross-form checks, which need the others;
    it has no stored ruleset, so under the one made for its kind)."""
    if stored.score is not None:
        return Reviewed.stored(stored.form, stored.score)
    return review_forms([stored.form])[0]


def form_excerpt(store: Store, stored: StoredForm) -> SourceExcerpt:
    """The original lines of ``stored`` (with a little context), or why not."""
    first, last = stored.form.source.lines
    return source_excerpt(store, stored.document_id, first, last)
