"""What every layout parser provides: ``match()`` and ``parse()``.

A layout lives in a module or a family's package under :mod:`jixiao.parse.layouts` (or
in another package, through the entry point group ``jixiao.layouts``) that defines ``LAYOUT``,
an instance of a :class:`Layout` subclass; the registry finds it there. Adding a layout
is adding a module, never editing a chain of ifs.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import ClassVar

from jixiao.model import Form
from jixiao.read import Document

__all__ = ["Layout", "LayoutResult", "Match"]


@dataclass(frozen=True)
class Match:
    """How well a layout fits a document: ``score`` in [0, 1] and a Chinese reason."""

    layout: str
    score: float
    reason: str


@dataclass
class LayoutResult:
    """What a parser produced.

    ``consumed`` holds every line number the parser placed into some field or
    recognised as part of the printed form (titles, column headers). Every other
    non-blank line is reported by the registry as unplaced text (P001), so a parser
    need not report leftovers itself, only mark what it used.
    """

    forms: list[Form] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)


class Layout(ABC):
    """A family of printed layouts of the same table."""

    name: ClassVar[str]
    """Identifier, e.g. ``spaced``."""
    title: ClassVar[str]
    """Chinese description shown to users."""
    formats: ClassVar[frozenset[str]] = frozenset({"text"})
    """The :attr:`Document.format` values this layout reads; others are not offered to it."""
    fallback: ClassVar[bool] = False
    """A general reader, also tried (after the layouts that fit) when no layout fits well
    or the one that fits finds no form."""

    @abstractmethod
    def match(self, doc: Document) -> Match:
        """How well this layout fits ``doc``; cheap, never raises on odd input."""

    @abstractmethod
    def parse(self, doc: Document) -> LayoutResult:
        """Read every form in ``doc``."""

    def _match(self, score: float, reason: str) -> Match:
        return Match(self.name, max(0.0, min(1.0, score)), reason)
