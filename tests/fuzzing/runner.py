"""The long fuzz run: worker processes run cases, the parent keeps count and watches.

Each worker claims case numbers from a shared counter, notes which case it is running
and when it started, and reports each outcome. The parent rebuilds every crashing or
hanging case from its number (:func:`~fuzzing.cases.make_case`) and saves it under
``--out`` as ``<status>-<signature hash>-<number><suffix>`` with a ``.json`` beside it
(kind, seed, signature, traceback); at most :data:`_KEEP` reproducers per signature.
A worker stuck past :data:`WATCHDOG_SECONDS` of wall time (a loop in C that the
case's alarm cannot interrupt) is killed and its case counted as a hang; a worker that dies
(a segmentation fault, the memory limit) is a crash of its case. Each worker runs under
a memory limit (``--memory-mb``, the address space).

Without ``--ocr`` a PDF whose text layer a mutation destroyed is refused as on a machine
without the OCR extra, instead of being recognised for seconds by onnxruntime: the run
fuzzes jixiao's own reading code, many times faster. ``--ocr`` includes the OCR path.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing as mp
import os
import queue
import re
import resource
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from fuzzing.cases import Case, make_case, run_case
from fuzzing.oracle import SUFFIX, Outcome, run_file, run_value
from fuzzing.seeds import ROOT, seeds

__all__ = ["WATCHDOG_SECONDS", "Stats", "main", "replay"]

WATCHDOG_SECONDS = 60.0
_KEEP = 3
_QUOTED = re.compile(r"「[^」]*」|（[^）]*）|\d[\d,.]*")
_RECYCLE = 3000
"""A worker is replaced after this many cases (caches and fragmentation do not pile up)."""


@dataclass
class Stats:
    cases: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    signatures: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    slowest: float = 0.0
    saved: list[str] = field(default_factory=list)

    def add(self, kind: str, outcome: Outcome) -> None:
        self.cases += 1
        self.statuses[outcome.status] += 1
        self.kinds[kind] += 1
        self.slowest = max(self.slowest, outcome.seconds)
        if outcome.status == "refused":
            self.refusals[_QUOTED.sub("「…」", outcome.detail)[:30]] += 1
        if not outcome.allowed:
            self.signatures[f"{outcome.status}: {outcome.signature}"] += 1

    def as_dict(self, seconds: float, run_seed: int, jobs: int) -> dict[str, Any]:
        return {
            "run_seed": run_seed,
            "jobs": jobs,
            "seconds": round(seconds, 1),
            "cases": self.cases,
            "cases_per_second": round(self.cases / seconds, 1) if seconds else 0,
            "statuses": dict(self.statuses),
            "kinds": dict(self.kinds),
            "crashes": sum(n for s, n in self.signatures.items() if s.startswith("crash")),
            "hangs": sum(n for s, n in self.signatures.items() if s.startswith("hang")),
            "signatures": dict(self.signatures.most_common()),
            "slowest_case_seconds": round(self.slowest, 2),
            "refusals": dict(self.refusals.most_common(15)),
            "reproducers": self.saved,
        }


def _worker(
    run_seed: int,
    counter: Synchronized[int],
    slot: Any,
    results: mp.Queue[tuple[int, str, Outcome]],
    limit: int,
    memory_mb: int,
    ocr: bool,
) -> None:
    if not ocr:
        _without_ocr()
    if memory_mb:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    corpus = seeds()
    with tempfile.TemporaryDirectory(prefix="jixiao-fuzz-") as tmp:
        folder = Path(tmp)
        for _ in range(_RECYCLE):
            with counter.get_lock():
                number = counter.value
                if number >= limit:
                    return
                counter.value += 1
            slot[0], slot[1] = number, time.monotonic()
            case = make_case(run_seed, number, corpus)
            results.put((number, case.kind, run_case(case, folder)))
            slot[1] = 0.0


def _without_ocr() -> None:
    from jixiao.read import _ocr_engine

    def unavailable() -> Any:
        raise _ocr_engine.OcrUnavailableError("模糊测试未启用文字识别（--ocr）")

    _ocr_engine._engine = unavailable  # type: ignore[assignment]


def _save(out: Path, number: int, case: Case, outcome: Outcome, stats: Stats) -> None:
    key = f"{outcome.status}: {outcome.signature}"
    if stats.signatures[key] > _KEEP:
        return
    digest = hashlib.sha1(key.encode()).hexdigest()[:8]
    stem = out / f"{outcome.status}-{digest}-{number}"
    stem.with_suffix(case.suffix).write_bytes(case.data)
    meta = {
        "number": number,
        "kind": case.kind,
        "seed": case.seed,
        "status": outcome.status,
        "signature": outcome.signature,
        "seconds": round(outcome.seconds, 2),
        "detail": outcome.detail,
    }
    stem.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), "utf-8")
    stats.saved.append(stem.with_suffix(case.suffix).name)


def run(
    minutes: float,
    jobs: int,
    run_seed: int,
    out: Path,
    max_cases: int | None = None,
    memory_mb: int = 2048,
    report: float = 30.0,
    ocr: bool = False,
) -> dict[str, Any]:
    """Fuzz for ``minutes`` (or ``max_cases``) on ``jobs`` processes; the summary."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = seeds()  # rendered once here; forked workers inherit it
    context = mp.get_context("fork")
    counter: Synchronized[int] = context.Value("q", 0)
    results: mp.Queue[tuple[int, str, Outcome]] = context.Queue()
    limit = max_cases if max_cases is not None else 2**62
    workers: list[tuple[BaseProcess, Any]] = []

    def start() -> tuple[BaseProcess, Any]:
        slot = context.Array("d", [-1.0, 0.0])
        process = context.Process(
            target=_worker, args=(run_seed, counter, slot, results, limit, memory_mb, ocr)
        )
        process.start()
        return process, slot

    stats = Stats()
    begin = time.monotonic()
    deadline = begin + minutes * 60
    last_report = begin
    workers = [start() for _ in range(jobs)]

    def lost(number: int, outcome: Outcome) -> None:
        """Count a crash or hang and save its reproducer (the case rebuilt)."""
        case = make_case(run_seed, number, corpus)
        stats.add(case.kind, outcome)
        _save(out, number, case, outcome, stats)

    while True:
        try:
            number, kind, outcome = results.get(timeout=0.5)
        except queue.Empty:
            pass
        else:
            if outcome.allowed:
                stats.add(kind, outcome)
            else:
                lost(number, outcome)
        now = time.monotonic()
        if now > deadline:
            break
        for i, (process, slot) in enumerate(workers):
            number, started = int(slot[0]), slot[1]
            if started and now - started > WATCHDOG_SECONDS:
                process.kill()
                process.join()
                lost(number, Outcome("hang", "watchdog", f"超过 {WATCHDOG_SECONDS:g} 秒（墙钟）"))
                workers[i] = start()
            elif not process.is_alive():
                if process.exitcode != 0 and started:
                    why = f"工作进程退出，代码 {process.exitcode}"
                    lost(number, Outcome("crash", f"worker died ({process.exitcode})", why))
                if counter.value >= limit:
                    workers[i] = (process, slot)
                else:
                    workers[i] = start()
        if counter.value >= limit and not any(p.is_alive() for p, _ in workers):
            break
        if now - last_report > report:
            last_report = now
            _progress(stats, now - begin)
    for process, _ in workers:
        process.kill()
        process.join()
    summary = stats.as_dict(time.monotonic() - begin, run_seed, jobs)
    (out / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), "utf-8")
    return summary


def _progress(stats: Stats, seconds: float) -> None:
    bad = sum(stats.signatures.values())
    print(
        f"[{seconds / 60:5.1f} 分] {stats.cases} 个用例，{stats.cases / seconds:.0f}/秒；"
        f"{dict(stats.statuses)}；问题 {bad}",
        flush=True,
    )


def replay(path: Path) -> Outcome:
    """Run one reproducer (its kind from its suffix) and return the outcome."""
    if path.name.endswith(".value.txt"):
        return run_value(path.read_text("utf-8", "surrogatepass"))
    kind = {suffix: kind for kind, suffix in SUFFIX.items()}.get(path.suffix, "text")
    with tempfile.TemporaryDirectory(prefix="jixiao-fuzz-") as tmp:
        return run_file(kind, path.read_bytes(), Path(tmp))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jixiao 模糊测试（长时间运行）")
    parser.add_argument("--minutes", type=float, default=1.0, help="运行分钟数")
    parser.add_argument("--cases", type=int, default=None, help="最多运行的用例数")
    parser.add_argument("--jobs", type=int, default=max(1, (os.cpu_count() or 2) - 1))
    parser.add_argument("--seed", type=int, default=None, help="运行种子（默认取时间）")
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "findings")
    parser.add_argument("--memory-mb", type=int, default=2048, help="每个工作进程的内存上限")
    parser.add_argument("--ocr", action="store_true", help="包括扫描件的文字识别（慢）")
    parser.add_argument("--replay", type=Path, nargs="*", help="重放这些复现文件")
    args = parser.parse_args(argv)
    if args.replay:
        bad = 0
        for path in args.replay:
            outcome = replay(path)
            print(f"{path.name}: {outcome.status} {outcome.signature} ({outcome.seconds:.2f} 秒)")
            if not outcome.allowed:
                bad += 1
                print(outcome.detail)
        return 1 if bad else 0
    run_seed = args.seed if args.seed is not None else int(time.time())
    print(f"运行种子 {run_seed}，{args.jobs} 个进程，{args.minutes:g} 分钟；结果写入 {args.out}")
    summary = run(
        args.minutes, args.jobs, run_seed, args.out, args.cases, args.memory_mb, ocr=args.ocr
    )
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 1 if summary["crashes"] or summary["hangs"] else 0
