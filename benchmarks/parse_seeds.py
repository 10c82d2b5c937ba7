"""Benchmark: parse the bundled seed documents repeatedly; report speed and peak memory.

    python benchmarks/parse_seeds.py [--rounds N] [--baseline CHECKOUT] [--wild]

Not a test: the figures go into the README. Measures the whole text pipeline
(decode → detect layout → parse → reconcile) on the 5 seeds (83 forms), or with
``--wild`` on the text inputs of the wild corpus (``tests/wild/inputs``; a document
no layout reads counts its time and no form). With
``--baseline`` (another checkout of jixiao, e.g. ``git worktree add /tmp/base <rev>``)
the same measurement runs on that checkout's ``src`` in a subprocess, alternating
with this one, and each figure is printed next to its baseline from the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.read import Document

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
WILD = ROOT / "tests" / "wild" / "inputs"


def _forms(doc: Document) -> int:
    from jixiao.errors import JixiaoError
    from jixiao.parse import parse_document

    try:
        return len(parse_document(doc).forms)
    except JixiaoError:
        return 0


def measure(rounds: int, wild: bool = False) -> dict[str, float]:
    """Forms per second (of wall time and of this process's CPU time: on a loaded machine
    the second is the steadier), lines per second, peak traced MiB, ms per parse of each
    seed (of the whole corpus with ``wild``)."""
    from jixiao.read import read_document

    docs = [read_document(p) for p in sorted((WILD if wild else EXAMPLES).glob("*.txt"))]
    lines = sum(len(d) for d in docs)
    _forms(docs[0])  # warm up imports and layout discovery
    forms = 0
    per_doc = {d.name: 0.0 for d in docs}
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for doc in docs:
            t0 = time.perf_counter()
            forms += _forms(doc)
            per_doc[doc.name] += time.perf_counter() - t0
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    tracemalloc.start()  # a separate round: tracing slows parsing down
    for doc in docs:
        _forms(doc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out = {
        "forms": forms / rounds,
        "forms/s": forms / elapsed,
        "forms/CPU-s": forms / cpu,
        "lines/s": lines * rounds / elapsed,
        "peak MiB": peak / 2**20,
    }
    if not wild:
        out.update({f"{name} ms": s / rounds * 1000 for name, s in per_doc.items()})
    return out


def _baseline(checkout: Path, rounds: int, wild: bool) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    cmd = [sys.executable, __file__, "--rounds", str(rounds), "--json", *(["--wild"] * wild)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    data: dict[str, float] = json.loads(done.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="alternations with --baseline")
    parser.add_argument("--wild", action="store_true", help="the wild corpus, not the seeds")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.rounds, args.wild)))
        return
    if args.baseline is None:
        for key, value in measure(args.rounds, args.wild).items():
            print(f"{key:>32}: {value:10.1f}")
        return
    ours: list[dict[str, float]] = []
    base: list[dict[str, float]] = []
    for _ in range(args.repeat):  # alternate, so both see the same machine load
        base.append(_baseline(args.baseline, args.rounds, args.wild))
        ours.append(measure(args.rounds, args.wild))
    print(f"{'':>32}  {'this checkout':>14}  {'baseline':>10}  (best of {args.repeat})")
    for key in ours[0]:
        pick = min if key.endswith("ms") or key.endswith("MiB") else max
        mine, theirs = pick(o[key] for o in ours), pick(b[key] for b in base)
        print(f"{key:>32}: {mine:14.1f}  {theirs:10.1f}  ({mine / theirs:4.2f}×)")


if __name__ == "__main__":
    main()
