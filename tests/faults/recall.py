"""Recall of the audit: plant one anomaly at a time in real forms and count how often
the expected finding reports it at the place it was planted.

For every kind (:data:`~faults.anomalies.ANOMALIES`) and every form with room for
it, one anomaly is planted at a random row (fixed seed) and the form alone is reviewed,
before and after. *Detected*: a finding with the kind's code at the planted field.
*Other errors*: error-level findings the change added anywhere else — noise.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from random import Random

from faults.anomalies import ANOMALIES
from faults.inject import Anomaly, Injection
from jixiao.audit.review import review
from jixiao.model import Finding, Form, Severity
from jixiao.score import Ruleset, ruleset_for, score_form

__all__ = ["KindRecall", "baseline_errors", "measure_recall", "recall_markdown"]


@dataclass
class KindRecall:
    """The tally of one kind of anomaly."""

    kind: Anomaly
    injected: int = 0
    detected: int = 0
    other_errors: int = 0
    missed: list[Injection] = field(default_factory=list)
    noisy: list[tuple[Injection, list[Finding]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.detected / self.injected if self.injected else 0.0


def _errors(form: Form, ruleset: Ruleset | None) -> list[Finding]:
    [reviewed] = review([form], ruleset)
    return [f for f in reviewed.report.findings if f.severity is Severity.ERROR]


def baseline_errors(forms: Sequence[Form], ruleset: Ruleset | None = None) -> int:
    """Error-level findings on the untouched forms, each reviewed alone."""
    return sum(len(_errors(f, ruleset)) for f in forms)


def measure_recall(
    forms: Sequence[Form],
    *,
    seed: int = 2024,
    rounds: int = 1,
    kinds: Iterable[Anomaly] = ANOMALIES,
    ruleset: Ruleset | None = None,
) -> list[KindRecall]:
    """Plant each kind of anomaly in each form (``rounds`` times, other random rows each
    round) and tally what the audit finds."""
    tallies = [KindRecall(kind) for kind in kinds]
    rng = Random(seed)
    before: dict[int, set[tuple[str, str | None]]] = {}
    for _ in range(rounds):
        for index, form in enumerate(forms):
            rs = ruleset_for(form, ruleset)
            score = score_form(form, rs)
            for tally in tallies:
                planted = tally.kind.inject(form, score, rs, rng)
                if planted is None:
                    continue
                if index not in before:
                    before[index] = {(f.code, f.location.field) for f in _errors(form, ruleset)}
                _tally(tally, planted, before[index], ruleset)
    return tallies


def _tally(
    tally: KindRecall,
    planted: Injection,
    before: set[tuple[str, str | None]],
    ruleset: Ruleset | None,
) -> None:
    [reviewed] = review([planted.form], ruleset)
    found = reviewed.report.findings
    tally.injected += 1
    if any(f.code == tally.kind.code and f.location.field == planted.field for f in found):
        tally.detected += 1
    else:
        tally.missed.append(planted)
    companions = tally.kind.companions
    extra = [
        f
        for f in found
        if f.severity is Severity.ERROR
        and (f.code, f.location.field) not in before
        and f.code != tally.kind.code  # the same finding elsewhere follows from the change
        and not (f.code in companions and _same_place(f.location.field, planted.field))
    ]
    if extra:
        tally.other_errors += len(extra)
        tally.noisy.append((planted, extra))


def _same_place(found: str | None, planted: str) -> bool:
    """The same field, or the same indicator row (``indicators.3.score`` / ``.actual``)."""
    if found == planted:
        return True
    if found is None or not planted.startswith("indicators."):
        return False
    return found.split(".")[:2] == planted.split(".")[:2]


def recall_markdown(tallies: Sequence[KindRecall]) -> str:
    """The per-kind table (Markdown), totals last."""
    lines = [
        "| 异常 | 应报编号 | 注入 | 检出 | 漏检 | 召回率 | 新增其他错误 |",
        "|---|---|---|---|---|---|---|",
    ]
    for t in tallies:
        lines.append(
            f"| {t.kind.label}（`{t.kind.name}`） | {t.kind.code} | {t.injected} | "
            f"{t.detected} | {len(t.missed)} | {t.recall:.1%} | {t.other_errors} |"
        )
    injected = sum(t.injected for t in tallies)
    detected = sum(t.detected for t in tallies)
    share = detected / injected if injected else 0.0
    other = sum(t.other_errors for t in tallies)
    lines.append(
        f"| **合计** | | {injected} | {detected} | {injected - detected} | {share:.1%} | {other} |"
    )
    return "\n".join(lines) + "\n"
