"""Benchmark: parse the bundled seed documents repeatedly; report speed and peak memory.

    python benchmarks/parse_seeds.py [--rounds N]

Not a test: the figures go into the README. Measures the whole text pipeline
(decode → detect layout → parse → reconcile) on the 5 seeds (83 forms).
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

from jixiao.parse import parse_document
from jixiao.read import read_document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    docs = [read_document(p) for p in sorted(EXAMPLES.glob("*.txt"))]
    lines = sum(len(d) for d in docs)
    parse_document(docs[0])  # warm up imports and layout discovery
    forms = 0
    start = time.perf_counter()
    per_doc = {d.name: 0.0 for d in docs}
    for _ in range(args.rounds):
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
    print(f"rounds: {args.rounds}, documents: {len(docs)}, lines per round: {lines}")
    print(f"forms parsed: {forms} in {elapsed:.2f} s → {forms / elapsed:.0f} forms/s")
    print(f"lines per second: {lines * args.rounds / elapsed:.0f}")
    print(f"peak traced memory: {peak / 2**20:.1f} MiB")
    for name, seconds in per_doc.items():
        print(f"  {name}: {seconds / args.rounds * 1000:.1f} ms per parse")


if __name__ == "__main__":
    main()
