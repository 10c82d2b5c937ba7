"""The wild corpus: what jixiao reads of real published forms, held to its record.

Each input's hand transcription (``truth/``) is the golden of what it must read. The
record (``record.json``) holds, per input, the transcribed fields read right now; a
change may read more (then ``--update-golden`` writes the new record, to be reviewed)
but never fewer, and never a wrong value where the record has none. A refusal must
say what it saw.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from accuracy import DocResult, measure  # noqa: E402

INPUTS = sorted(
    p for p in (HERE / "inputs").iterdir() if (HERE / "truth" / f"{p.stem}.json").exists()
)
RECORD = HERE / "record.json"


def _record() -> dict[str, dict[str, list[str]]]:
    if not RECORD.exists():
        return {}
    data: dict[str, dict[str, list[str]]] = json.loads(RECORD.read_text(encoding="utf-8"))
    return data


def _paths(result: DocResult, status: str) -> list[str]:
    return sorted(f"{i}:{f.path}" for i, _, f in result.fields if f.status == status)


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_wild_input_keeps_its_record(path: Path, update_golden: bool) -> None:
    result = measure(path, HERE / "truth" / f"{path.stem}.json")
    right, wrong = _paths(result, "right"), _paths(result, "wrong")
    if update_golden:
        record = _record()
        record[path.stem] = {"right": right, "wrong": wrong}
        RECORD.write_text(
            json.dumps(dict(sorted(record.items())), ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8",
        )
        return
    want = _record().get(path.stem)
    assert want is not None, f"{path.stem} has no record: run with --update-golden and review"
    lost = sorted(set(want["right"]) - set(right))
    assert not lost, f"fields no longer read right: {lost}"
    new_wrong = sorted(set(wrong) - set(want["wrong"]))
    assert not new_wrong, f"fields now read wrong: {new_wrong}"


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_wild_refusal_names_what_it_saw(path: Path) -> None:
    result = measure(path, HERE / "truth" / f"{path.stem}.json")
    if result.refusal is None:
        assert result.parsed_forms > 0
        return
    assert result.refusal.startswith("NoLayoutError"), result.refusal
    assert "文中" in result.refusal, result.refusal
