"""Golden audit findings: ``tests/golden/<seed>/NN.findings.json`` for every seed form.

Each file holds the A/R/Q/X findings the audit gives the form (all seeds reviewed
together, so the cross-form checks see every form). Rewrite them with
``pytest tests/test_audit_golden.py --update-golden`` and read the diff: every
error-level finding in them was checked against the form text (docs/audit-seeds.md).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from jixiao.audit import Reviewed, review
from jixiao.model import Form, is_audit_code
from jixiao.model.jsonio import encode
from jixiao.parse import parse_file
from support import GOLDEN, SEEDS


@cache
def _reviewed() -> dict[str, list[Reviewed]]:
    forms: list[Form] = [f for seed in SEEDS for f in parse_file(seed).forms]
    out: dict[str, list[Reviewed]] = {}
    for item in review(forms):
        out.setdefault(item.form.source.file, []).append(item)
    return out


def _render(item: Reviewed) -> str:
    form = item.form
    data = {
        "project": form.project,
        "year": form.year,
        "source": form.source.model_dump(mode="python"),
        "findings": [
            f.model_dump(mode="python") for f in item.report.findings if is_audit_code(f.code)
        ],
    }
    return encode(data, indent=2) + "\n"


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_seed_findings_match_golden(seed: Path, update_golden: bool) -> None:
    rendered = [_render(item) for item in _reviewed()[seed.name]]
    folder = GOLDEN / seed.stem
    if update_golden:
        for old in folder.glob("*.findings.json"):
            old.unlink()
        for i, text in enumerate(rendered, start=1):
            (folder / f"{i:02d}.findings.json").write_text(text, encoding="utf-8")
        return
    expected = sorted(folder.glob("*.findings.json"))
    assert len(expected) == len(rendered), f"{seed.name}: form count changed"
    for path, text in zip(expected, rendered, strict=True):
        want = json.loads(path.read_text(encoding="utf-8"), parse_float=str)
        got = json.loads(text, parse_float=str)
        assert got == want, f"{path.relative_to(GOLDEN)} differs"
