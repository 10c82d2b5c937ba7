"""How texts and projects are compared across forms: one key, used by the cross-form
checks, the store's ``project_key`` column and every lookup of "the same project"."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["project_key", "text_key"]

_IGNORED = re.compile(r"[\s。，,；;：:()]")


def text_key(text: str | None) -> str:
    """``text`` as forms are compared: width folded, spaces, brackets and punctuation
    removed (``≥90(%)`` and ``≥90%`` agree; project names match on this key)."""
    folded = unicodedata.normalize("NFKC", text or "")
    folded = folded.replace("≥", ">=").replace("≤", "<=")
    return _IGNORED.sub("", folded)


def project_key(project: str | None) -> str | None:
    """The key of a project's name (:func:`text_key`); ``None`` for a form without one."""
    return text_key(project) if project else None
