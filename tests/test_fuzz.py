"""The fuzzing harness in the default run (issue 15): a few seconds of mutated inputs of
every kind through the oracle, the oracle's own verdicts, and the saved reproducers.

The long run is ``python fuzz/run.py --minutes 60 --jobs 1`` (docs/reliability.md).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing.cases import Case, draw_case, make_case, run_case
from fuzzing.choices import HypothesisChoices, RandomChoices
from fuzzing.mutate import mutate_zip
from fuzzing.oracle import judge
from fuzzing.runner import replay
from fuzzing.seeds import KINDS, seeds
from jixiao.errors import ReadError

REPRODUCERS = Path(__file__).resolve().parent / "fuzzing" / "reproducers"
_EXAMPLES = {"text": 8, "xlsx": 4, "docx": 4, "html": 6, "pdf": 3, "value": 30}


def test_the_oracle_tells_the_outcomes_apart() -> None:
    def read_error() -> None:
        raise ReadError("无法读取")

    def spin() -> None:
        end = time.process_time() + 5
        while time.process_time() < end:
            pass

    assert judge(lambda: None).status == "ok"
    assert judge(read_error).status == "refused"
    crash = judge(lambda: [][1])
    assert crash.status == "crash" and crash.signature.startswith("IndexError")
    assert judge(spin, seconds=0.2).status == "hang"


def test_cases_are_replayable_from_their_number() -> None:
    corpus = seeds(rendered=False)
    first = [make_case(7, n, corpus) for n in range(30)]
    assert [make_case(7, n, corpus) for n in range(30)] == first
    assert {c.kind for c in first} == set(KINDS)
    assert len({c.data for c in first}) == 30


def test_zip_members_are_mutated_inside_a_valid_container() -> None:
    import io
    import zipfile

    docx = next(s for s in seeds(rendered=False)["docx"])
    changed = 0
    for n in range(20):
        data = mutate_zip(docx.data, RandomChoices(n))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
        changed += data != docx.data
    assert changed >= 15


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_inputs_never_crash(kind: str, tmp_path: Path) -> None:
    corpus = seeds(rendered=False)

    @settings(
        max_examples=_EXAMPLES[kind],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def check(data: st.DataObject) -> None:
        case = draw_case(kind, HypothesisChoices(data), corpus)
        outcome = run_case(case, tmp_path)
        assert outcome.allowed, (
            f"{case.seed}: {outcome.status} {outcome.signature}\n{outcome.detail}"
        )

    check()


@pytest.mark.parametrize(
    "path", sorted(p for p in REPRODUCERS.glob("*") if p.suffix != ".md"), ids=lambda p: p.name
)
def test_a_fixed_crash_stays_fixed(path: Path) -> None:
    """Every reproducer the fuzzer saved for a crash or hang since fixed."""
    outcome = replay(path)
    assert outcome.allowed, outcome.detail


def test_a_crash_is_saved_with_its_reproducer(tmp_path: Path) -> None:
    from fuzzing.oracle import Outcome
    from fuzzing.runner import Stats, _save

    stats = Stats()
    case = Case("text", "examples/x.txt", "项目名称".encode())
    outcome = Outcome("crash", "IndexError at parse/x.py:f:1", "Traceback …")
    stats.add(case.kind, outcome)
    _save(tmp_path, 42, case, outcome, stats)
    saved = sorted(p.name for p in tmp_path.iterdir())
    assert len(saved) == 2 and saved[0].endswith("-42.json") and saved[1].endswith("-42.txt")
    assert replay(tmp_path / saved[1]).status == "refused"
