"""Benchmark: parse the bundled seed documents repeatedly; report speed and peak memory.

    python benchmarks/parse_seeds.py [--rounds N] [--baseline CHECKOUT]

Not a test: the figures go into the README. Measures the whole text pipeline
(decode → detect layout → parse → reconcile) on the 5 seeds (83 forms). With
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

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def measure(rounds: int) -> dict[str, float]:
    """Forms per second, lines per second, peak traced MiB, ms per parse of each seed."""
    from jixiao.parse import parse_document
    from jixiao.read import read_document

    docs = [read_document(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    lines = sum(len(d) for d in docs)
    parse_document(docs[0])  # warm up imports and layout discovery
    forms = 0
    per_doc = {d.name: 0.0 for d in docs}
    start = time.perf_counter()
    for _ in range(rounds):
        for doc in docs:
            t0 = time.perf_counter()
            forms += len(parse_document(doc).forms)
            per_doc[doc.name] += time.perf_counter() - t0
    elapsed = time.perf_counter() - start
    tracemalloc.start()  # a separate round: tracing slows parsing down
    for doc in docs:
        parse_document(doc)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    out = {
        "forms": forms / rounds,
        "forms/s": forms / elapsed,
        "lines/s": lines * rounds / elapsed,
        "peak MiB": peak / 2**20,
    }
    out.update({f"{name} ms": s / rounds * 1000 for name, s in per_doc.items()})
    return out


def _baseline(checkout: Path, rounds: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    cmd = [sys.executable, __file__, "--rounds", str(rounds), "--json"]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    data: dict[str, float] = json.loads(done.stdout)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--repeat", type=int, default=3, help="alternations with --baseline")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.rounds)))
        return
    if args.baseline is None:
        for key, value in measure(args.rounds).items():
            print(f"{key:>32}: {value:10.1f}")
        return
    ours: list[dict[str, float]] = []
    base: list[dict[str, float]] = []
    for _ in range(args.repeat):  # alternate, so both see the same machine load
        base.append(_baseline(args.baseline, args.rounds))
        ours.append(measure(args.rounds))
    print(f"{'':>32}  {'this checkout':>14}  {'baseline':>10}  (best of {args.repeat})")
    for key in ours[0]:
        pick = min if key.endswith("ms") or key.endswith("MiB") else max
        mine, theirs = pick(o[key] for o in ours), pick(b[key] for b in base)
        print(f"{key:>32}: {mine:14.1f}  {theirs:10.1f}  ({mine / theirs:4.2f}×)")


if __name__ == "__main__":
    main()
