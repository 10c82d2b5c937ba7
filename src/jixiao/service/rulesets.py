"""Which ruleset scores a form, decided here once.

A form being checked or imported is scored under the ruleset the user chose
(:func:`chosen_ruleset`, the ``--ruleset`` option) or, without one, the bundled ruleset
made for its kind. A stored form keeps the name of the ruleset its scores were computed
under; whenever it is checked again (the cross-form recheck after an import, the 表单详情
page) it is under that same ruleset (:class:`StoredRulesets`), found among the bundled
ones or among the rulesets the store keeps (a user's own ruleset is kept there by
:func:`keep_ruleset` when forms are scored under it).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.score import Ruleset, load_ruleset
from jixiao.score.loading import BUNDLED
from jixiao.store import Store

__all__ = ["StoredRulesets", "chosen_ruleset", "keep_ruleset", "load_ruleset"]


def chosen_ruleset(choice: str | Path | None) -> Ruleset | None:
    """The ruleset a user named (a bundled name or a TOML file), ``None`` when none was
    named. Raises :class:`~jixiao.score.loading.RulesetError` for a bad one."""
    return None if choice is None else load_ruleset(choice)


def keep_ruleset(store: Store, ruleset: Ruleset | None) -> None:
    """Keep a user's own ruleset in ``store`` so that forms scored under it are checked
    again under it later (the bundled ones need not be kept)."""
    if ruleset is not None and ruleset.name not in BUNDLED:
        store.save_ruleset(ruleset.name, ruleset.model_dump_json())


class StoredRulesets:
    """The ruleset of each stored form, by the name stored with it, each loaded once.

    ``None`` (a form stored unscored, or a ruleset the store no longer knows) means the
    bundled ruleset made for the form's kind."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._known: dict[str, Ruleset | None] = {}

    def __call__(self, name: str | None) -> Ruleset | None:
        if name is None:
            return None
        if name not in self._known:
            self._known[name] = self._load(name)
        return self._known[name]

    def _load(self, name: str) -> Ruleset | None:
        if name in BUNDLED:
            return load_ruleset(name)
        kept = self._store.ruleset(name)
        return None if kept is None else Ruleset.model_validate_json(kept)
