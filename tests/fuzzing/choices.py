"""Where a mutation's decisions come from: a seeded PRNG or Hypothesis."""

from __future__ import annotations

import random
from typing import Protocol

from hypothesis import strategies as st

__all__ = ["Choices", "HypothesisChoices", "RandomChoices"]


class Choices(Protocol):
    """A source of decisions: every mutator draws through ``below`` only."""

    def below(self, n: int) -> int:
        """An integer in ``[0, n)`` (``n`` ≥ 1)."""
        ...


class RandomChoices:
    """Decisions of a seeded PRNG: case ``k`` of a run is replayed from its seed."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def below(self, n: int) -> int:
        return self._rng.randrange(n) if n > 1 else 0


class HypothesisChoices:
    """Decisions drawn from Hypothesis (``st.data()``), so that a failing case shrinks
    towards fewer and smaller mutations."""

    def __init__(self, data: st.DataObject) -> None:
        self._data = data

    def below(self, n: int) -> int:
        return self._data.draw(st.integers(0, n - 1)) if n > 1 else 0
