"""A table of header synonyms as a dictionary: the field a label names, in one lookup.

A synonym table (:data:`jixiao.parse.wording.Synonyms`) lists ``(field, words)`` in
order. A label names the first field one of whose words it is; failing that, the
first field one of whose words it starts with, followed by a bracket (``指标值（万元）``
names the field of ``指标值``). Scanning every word with ``startswith`` for every cell
is the cost of layout detection, so the words are indexed once: each word maps to its
first field, and a label is looked up whole, then cut at each of its brackets.
"""

from __future__ import annotations

from jixiao.parse.wording import Synonyms

__all__ = ["SynonymIndex"]

_BRACKETS = "（("


class SynonymIndex:
    """The field a label names in a synonym table (exact word first, then word + bracket)."""

    __slots__ = ("_first",)

    def __init__(self, table: Synonyms) -> None:
        self._first: dict[str, tuple[int, str]] = {}
        for rank, (name, words) in enumerate(table):
            for word in words:
                self._first.setdefault(word, (rank, name))

    def field(self, label: str) -> str | None:
        """The field ``label`` names, or ``None``; the earlier field wins a tie."""
        hit = self._first.get(label)
        if hit is not None:
            return hit[1]
        best: tuple[int, str] | None = None
        for end, char in enumerate(label):
            if char in _BRACKETS:
                prefix = self._first.get(label[:end])
                if prefix is not None and (best is None or prefix < best):
                    best = prefix
        return None if best is None else best[1]
