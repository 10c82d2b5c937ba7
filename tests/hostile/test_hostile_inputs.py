"""Hostile inputs (issue 15): each refused with one Chinese line, quickly, in bounded memory.

The inputs are made at test time (:mod:`hostile_inputs`). In-process, every reader must
raise a :class:`ReadError` naming the problem; through the CLI, ``jixiao parse`` must
print one line per file and exit 2, in a process limited to 500 MiB of address space
whose peak resident memory is measured. The inputs that take a second or more to make
run in the slow stage, each in its own limited process.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile_inputs import CASES, Case, make

from jixiao.errors import ReadError
from jixiao.read.files import read_any

_LIMIT = 500 << 20
"""The address space of a CLI run, and the most resident memory it may reach."""
_CLI = (
    "import atexit, os, resource\n"
    "def peak():\n"
    "    with open(os.environ['PEAK_FILE'], 'w') as out:\n"
    "        out.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "atexit.register(peak)\n"
    "from jixiao.cli.app import main\n"
    "main()\n"
)
LIGHT = [c for c in CASES if not c.heavy]
HEAVY = [c for c in CASES if c.heavy]


def _refused(case: Case, folder: Path) -> str:
    path = make(case, folder)
    with pytest.raises(ReadError) as caught:
        read_any(path)
    message = caught.value.message
    assert case.says in message, message
    assert "\n" not in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)
    return message


@pytest.mark.parametrize("case", LIGHT, ids=lambda c: c.name)
def test_light_input_is_refused_with_one_chinese_line(case: Case, tmp_path: Path) -> None:
    _refused(case, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("case", HEAVY, ids=lambda c: c.name)
def test_heavy_input_is_refused_with_one_chinese_line(case: Case, tmp_path: Path) -> None:
    _refused(case, tmp_path)


def _run_cli(args: list[str], folder: Path, timeout: float) -> tuple[int, str, int, float]:
    """``jixiao args`` in a child limited to :data:`_LIMIT` of address space: its exit
    code, stderr, peak resident memory (bytes, as the child itself saw it at exit) and
    wall time."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (_LIMIT, _LIMIT))

    peak_file = folder / "peak.txt"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path), PEAK_FILE=str(peak_file))
    started = time.monotonic()
    child = subprocess.run(
        [sys.executable, "-c", _CLI, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
        env=env,
        timeout=timeout,
        check=False,
    )
    seconds = time.monotonic() - started
    peak = int(peak_file.read_text()) * 1024  # ru_maxrss is in KiB on Linux
    return child.returncode, child.stderr.decode("utf-8", "replace"), peak, seconds


def test_cli_gives_one_line_per_hostile_file_and_exit_2(tmp_path: Path) -> None:
    paths = [make(case, tmp_path) for case in LIGHT]
    code, err, peak, seconds = _run_cli(["parse", *map(str, paths)], tmp_path, timeout=120)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    for case in LIGHT:
        said = [line for line in lines if f"{case.name}」" in line]
        assert len(said) == 1, (case.name, lines)
        assert said[0].startswith("错误：") and case.says in said[0]
    assert len(lines) == len(LIGHT)
    assert peak < _LIMIT, f"peak resident memory {peak >> 20} MiB"
    assert seconds < 120


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_hostile_file_alone_within_30_s_and_500_mib(case: Case, tmp_path: Path) -> None:
    path = make(case, tmp_path)
    code, err, peak, seconds = _run_cli(["parse", str(path)], tmp_path, timeout=30)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, err
    assert len(lines) == 1 and case.says in lines[0], lines
    assert peak < _LIMIT
    assert seconds < 30


def test_import_refuses_special_files_before_hashing_them(tmp_path: Path) -> None:
    special = [c for c in CASES if c.name in ("x.txt", "zero.txt")]
    paths = [str(make(case, tmp_path)) for case in special]
    for path, case in zip(paths, special, strict=True):
        db = str(tmp_path / "jixiao.db")
        code, err, _, seconds = _run_cli(["import", "--db", db, path], tmp_path, timeout=60)
        assert code == 2 and case.says in err and len(err.strip().splitlines()) == 1, err
        assert seconds < 60
