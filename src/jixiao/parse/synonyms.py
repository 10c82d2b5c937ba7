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
_REMEMBER = 1 << 14
"""Labels remembered (not words) before the memory starts over."""


class SynonymIndex:
    """The field a label names in a synonym table (exact word first, then word + bracket)."""

    __slots__ = ("_first", "_longest", "_seen")

    def __init__(self, table: Synonyms) -> None:
        self._first: dict[str, tuple[int, str]] = {}
        for rank, (name, words) in enumerate(table):
            for word in words:
                self._first.setdefault(word, (rank, name))
        self._longest = max(map(len, self._first), default=0)
        self._seen: dict[str, tuple[str | None]] = {}

    def field(self, label: str) -> str | None:
        """The field ``label`` names, or ``None``; the earlier field wins a tie.
        Remembered: detection and parsing ask for the same cells again."""
        hit = self._first.get(label)
        if hit is not None:
            return hit[1]
        seen = self._seen.get(label)  # one lookup: safe when another thread clears it
        if seen is not None:
            return seen[0]
        if len(self._seen) >= _REMEMBER:
            self._seen.clear()
        found = self._cut(label)
        self._seen[label] = (found,)
        return found

    def _cut(self, label: str) -> str | None:
        """The field of the word that ``label`` starts with, followed by a bracket."""
        best: tuple[int, str] | None = None
        for bracket in _BRACKETS:  # only a bracket right after a word can cut a label
            end = label.find(bracket, 0, self._longest + 1)
            while end != -1:
                prefix = self._first.get(label[:end])
                if prefix is not None and (best is None or prefix < best):
                    best = prefix
                end = label.find(bracket, end + 1, self._longest + 1)
        return None if best is None else best[1]
