"""Golden files: one parsed-JSON file per seed form, compared field for field.

Run ``pytest tests/test_golden.py --update-golden`` to rewrite them, then read the
diff: a golden is only right if a person checked it against the source text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.model.jsonio import dumps
from jixiao.parse import parse_file
from support import GOLDEN, SEEDS


def _golden_dir(seed: Path) -> Path:
    return GOLDEN / seed.stem


def _form_files(folder: Path) -> list[Path]:
    """The parsed-form goldens ``NN.json`` (not the audit's ``NN.findings.json``)."""
    return sorted(folder.glob("[0-9][0-9].json"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_seed_matches_golden(seed: Path, update_golden: bool) -> None:
    result = parse_file(seed)
    rendered = [dumps([form]) for form in result.forms]
    folder = _golden_dir(seed)
    if update_golden:
        folder.mkdir(parents=True, exist_ok=True)
        for old in _form_files(folder):
            old.unlink()
        for i, text in enumerate(rendered, start=1):
            (folder / f"{i:02d}.json").write_text(text + "\n", encoding="utf-8")
        return
    expected = _form_files(folder)
    assert len(expected) == len(rendered), f"{seed.name}: form count changed"
    for path, text in zip(expected, rendered, strict=True):
        want = json.loads(path.read_text(encoding="utf-8"), parse_float=str)
        got = json.loads(text, parse_float=str)
        assert got == want, f"{path.relative_to(GOLDEN)} differs"
