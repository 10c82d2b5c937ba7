"""Benchmark: the audit's recall of planted anomalies on the seed forms.

    python benchmarks/audit_recall.py [--seed N] [--rounds N] [--show-missed]

Plants one anomaly at a time (21 kinds, ``faults.anomalies``) in every seed form
with room for it, at a random row (fixed seed), reviews the form alone and reports per
kind: injected, detected by the expected code at the planted field, missed, and the
error-level findings the change added elsewhere. Then the errors on the untouched forms.
The table goes into docs/audit.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from faults.recall import baseline_errors, measure_recall, recall_markdown
from jixiao.parse import parse_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--show-missed", action="store_true", help="list every miss and noise")
    args = parser.parse_args()
    forms = [f for p in sorted(EXAMPLES.glob("*.txt")) for f in parse_file(p).forms]
    start = time.perf_counter()
    tallies = measure_recall(forms, seed=args.seed, rounds=args.rounds)
    elapsed = time.perf_counter() - start
    print(f"{len(forms)} 张样例表，每种异常 {args.rounds} 轮，随机种子 {args.seed}\n")
    print(recall_markdown(tallies))
    print(f"未改动的表（逐张单独审核）上的错误级发现：{baseline_errors(forms)}")
    print(f"用时 {elapsed:.1f} 秒")
    if args.show_missed:
        for t in tallies:
            for planted in t.missed:
                print(f"漏检 {t.kind.code} {planted.form.source.file}: {planted.detail}")
            for planted, extra in t.noisy:
                codes = "、".join(f"{f.code} {f.location.field}" for f in extra)
                print(f"新增 {codes} ← {t.kind.name} {planted.form.source.file}: {planted.detail}")


if __name__ == "__main__":
    main()
