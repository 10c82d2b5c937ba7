"""Recall of planted anomalies (``faults.recall``), a few seed forms per kind.

The full benchmark is ``benchmarks/audit_recall.py`` (every seed form, three rounds);
here each kind is planted in the first three seed forms with room for it.
"""

from __future__ import annotations

from functools import cache
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faults.anomalies import ANOMALIES, anomaly
from faults.inject import Anomaly
from faults.recall import measure_recall, recall_markdown
from jixiao.audit import review
from jixiao.model import Form, SelfEvaluation
from jixiao.parse import parse_file
from jixiao.score import ruleset_for, score_form
from strategies import consistent_self_evaluations
from support import SEEDS


@cache
def _forms() -> tuple[Form, ...]:
    return tuple(f for seed in SEEDS for f in parse_file(seed).forms)


def _room_for(kind: Anomaly, count: int = 3) -> list[Form]:
    out: list[Form] = []
    for form in _forms():
        rs = ruleset_for(form)
        if kind.inject(form, score_form(form, rs), rs, Random(0)) is not None:
            out.append(form)
        if len(out) == count:
            break
    return out


@pytest.mark.parametrize("kind", ANOMALIES, ids=[k.name for k in ANOMALIES])
def test_every_planted_anomaly_is_found_where_planted(kind: Anomaly) -> None:
    forms = _room_for(kind)
    assert forms, f"no seed form has room for {kind.name}"
    [tally] = measure_recall(forms, seed=7, kinds=[kind])
    assert tally.injected == len(forms)
    assert [p.detail for p in tally.missed] == []
    assert tally.detected == tally.injected
    assert [(p.detail, [f.code for f in extra]) for p, extra in tally.noisy] == []


def test_a_planted_form_differs_only_where_planted() -> None:
    kind = anomaly("lenient_full")
    [form] = _room_for(kind, 1)
    rs = ruleset_for(form)
    planted = kind.inject(form, score_form(form, rs), rs, Random(1))
    assert planted is not None
    row = int(planted.field.split(".")[1])
    changed = [
        i
        for i, (a, b) in enumerate(zip(form.indicators, planted.form.indicators, strict=True))
        if a != b
    ]
    assert changed == [row]
    [before] = review([form])
    [after] = review([planted.form])
    assert "R001" not in {f.code for f in before.report.findings if f.location.row == row}
    assert "R001" in {f.code for f in after.report.findings if f.location.row == row}


def test_a_wrong_expectation_counts_as_missed() -> None:
    """The benchmark can fail: a kind expecting a code the audit never gives is missed."""
    real = anomaly("total_off")
    wrong = Anomaly("wrong", "错配", "R007", real.inject)
    forms = _room_for(real, 2)
    [tally] = measure_recall(forms, kinds=[wrong])
    assert tally.injected == 2 and tally.detected == 0 and len(tally.missed) == 2
    # the A001 the change does raise is then an error nobody expected
    assert tally.other_errors == 2
    assert "| 错配（`wrong`） | R007 | 2 | 0 | 2 | 0.0% | 2 |" in recall_markdown([tally])


def test_anomaly_names_are_unique_and_known() -> None:
    names = [k.name for k in ANOMALIES]
    assert len(set(names)) == len(names) >= 12
    with pytest.raises(KeyError):
        anomaly("no_such_kind")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(consistent_self_evaluations(), st.sampled_from(ANOMALIES), st.integers(0, 2**32))
def test_anomalies_planted_in_generated_forms_are_found(
    form: SelfEvaluation, kind: Anomaly, seed: int
) -> None:
    """Forms right by construction, not seen before: the planted anomaly is found at its
    place and nothing else becomes an error."""
    [tally] = measure_recall([form], seed=seed, kinds=[kind])
    assert [p.detail for p in tally.missed] == []
    assert [(p.detail, [f.message for f in extra]) for p, extra in tally.noisy] == []
