"""Coverage of the value grammar: how every 年度指标值 / 实际完成值 in some files is read.

Usage::

    python scripts/value_coverage.py [FILES...]      # default: examples/*

Prints a table (category × 年度指标值 / 实际完成值), the units seen, and every string
the grammar could not read with its file and lines (each is also a P011 finding).
Pre-2020 scorecards are counted apart: their target column is 指标解释 text.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from jixiao.model import LegacySelfEvaluation
from jixiao.parse import parse_file
from jixiao.parse.values import CATEGORIES, VALUE_FIELDS, category, row_values

ROOT = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str]) -> int:
    files = [Path(a) for a in argv] or sorted((ROOT / "examples").glob("*"))
    counts: dict[str, Counter[str]] = {name: Counter() for name in VALUE_FIELDS}
    distinct: dict[str, set[str]] = {name: set() for name in VALUE_FIELDS}
    units: Counter[str] = Counter()
    unreadable: list[str] = []
    forms = legacy_rows = 0
    for path in files:
        for form in parse_file(path).forms:
            forms += 1
            if isinstance(form, LegacySelfEvaluation):
                legacy_rows += len(form.indicators)
                continue
            for row in form.indicators:
                for name, label, value in row_values(row):
                    if value is None:
                        counts[name]["blank"] += 1
                        continue
                    counts[name][category(value)] += 1
                    distinct[name].add(value.text)
                    if value.unit:
                        units[value.unit] += 1
                    if value.kind == "unreadable":
                        lines = "-".join(map(str, row.lines or ()))
                        unreadable.append(f"{path.name}:{lines}  {label}「{value.text}」")
    print(f"{len(files)} 个文件，{forms} 张表", end="")
    print(f"（另有 {legacy_rows} 行为 2019 年前自我评价的指标解释，未计）\n")
    print(f"| 类别 | {' | '.join(VALUE_FIELDS.values())} |")
    print("|---|---:|---:|")
    for key, label in (*CATEGORIES.items(), ("blank", "空白")):
        print(f"| {label} | {' | '.join(str(counts[n][key]) for n in VALUE_FIELDS)} |")
    totals = [sum(c[k] for k in CATEGORIES) for c in counts.values()]
    print(f"| 合计（非空） | {' | '.join(map(str, totals))} |")
    print(f"| 不同字符串 | {' | '.join(str(len(d)) for d in distinct.values())} |\n")
    print("单位：" + "，".join(f"{u} {n}" for u, n in units.most_common()) + "\n")
    print(f"无法识别（{len(unreadable)}）：")
    for line in unreadable:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
