"""Fuzz cases: what to run, made from a seed and a source of decisions.

:func:`make_case` builds case ``number`` of a run from the run's seed alone (a PRNG
seeded by both), so the long run's parent can rebuild any case a worker ran — to save
its reproducer — without the bytes crossing processes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fuzzing.choices import Choices, RandomChoices
from fuzzing.mutate import mutate_file, mutate_value
from fuzzing.oracle import SUFFIX, Outcome, run_file, run_value
from fuzzing.seeds import KINDS, Seed, value_seeds

__all__ = ["KIND_WEIGHTS", "Case", "draw_case", "make_case", "run_case"]

KIND_WEIGHTS: dict[str, int] = {"text": 7, "xlsx": 3, "docx": 3, "html": 2, "pdf": 2, "value": 3}
"""How often each kind is drawn (out of their sum)."""


@dataclass(frozen=True)
class Case:
    kind: str
    seed: str
    """The seed's name (a file of the corpus, or ``value``)."""
    data: bytes
    """The mutated input; a value case's text in UTF-8."""

    @property
    def suffix(self) -> str:
        return SUFFIX.get(self.kind, ".value.txt")


def draw_case(kind: str, c: Choices, corpus: dict[str, tuple[Seed, ...]]) -> Case:
    """A case of ``kind``: a seed of the corpus mutated by decisions drawn from ``c``."""
    if kind == "value":
        values = value_seeds()
        text = mutate_value(values[c.below(len(values))], c, values)
        return Case(kind, "value", text.encode("utf-8", "surrogatepass"))
    pool = corpus[kind]
    seed = pool[c.below(len(pool))]
    data = mutate_file(kind, seed.data, c, [s.data for s in pool])
    return Case(kind, seed.name, data)


def make_case(run_seed: int, number: int, corpus: dict[str, tuple[Seed, ...]]) -> Case:
    """Case ``number`` of the run seeded ``run_seed``; ``kinds`` weighted by
    :data:`KIND_WEIGHTS`."""
    c = RandomChoices(run_seed * 1_000_000_007 + number)
    ticket = c.below(sum(KIND_WEIGHTS.values()))
    for kind in KINDS:
        ticket -= KIND_WEIGHTS[kind]
        if ticket < 0:
            break
    return draw_case(kind, c, corpus)


def run_case(case: Case, folder: Path) -> Outcome:
    """Run a case through the oracle (file cases are written into ``folder``)."""
    if case.kind == "value":
        return run_value(case.data.decode("utf-8", "surrogatepass"))
    return run_file(case.kind, case.data, folder)
