"""Print what jixiao reads from the province corpus: per input, the layout chosen,
forms, indicator rows, fields read, target/actual values the grammar reads, and the
parse findings. ``python tests/provinces/summary.py`` (figures in docs/provinces.md).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from jixiao.model import Form
from jixiao.parse import parse_file

INPUTS = Path(__file__).resolve().parent / "inputs"


def _fields(form: Form) -> int:
    """Non-empty leaf values of the form (header, funds, goals, rows, totals)."""

    def count(value: object) -> int:
        if isinstance(value, dict):
            return sum(count(v) for k, v in value.items() if k not in _SKIP)
        if isinstance(value, list | tuple):
            return sum(count(v) for v in value)
        return value is not None

    return count(form.model_dump(mode="python"))


_SKIP = frozenset({"source", "findings", "lines", "parsed_target", "parsed_actual", "kind"})


def main() -> None:
    totals: Counter[str] = Counter()
    print("输入\t版式\t表\t指标行\t字段\t指标值可读/总数\t解析发现")
    for path in sorted(INPUTS.iterdir()):
        result = parse_file(path)
        rows = [r for f in result.forms for r in f.indicators]
        values = [v for r in rows for v in (r.parsed_target, r.parsed_actual) if v is not None]
        readable = sum(v.kind != "unreadable" for v in values)
        codes = Counter(x.code for f in result.forms for x in f.findings)
        fields = sum(_fields(f) for f in result.forms)
        found = "、".join(f"{c}×{n}" for c, n in sorted(codes.items())) or "无"
        print(
            f"{path.name}\t{result.layout}\t{len(result.forms)}\t{len(rows)}\t{fields}"
            f"\t{readable}/{len(values)}\t{found}"
        )
        totals.update(
            forms=len(result.forms),
            rows=len(rows),
            fields=fields,
            values=len(values),
            readable=readable,
            files=1,
        )
        totals.update({f"code {c}": n for c, n in codes.items()})
    print("合计", dict(sorted(totals.items())))


if __name__ == "__main__":
    main()
