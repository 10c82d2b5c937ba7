"""How much of the wild corpus jixiao reads right: ``python tests/wild/accuracy.py``.

Parses every ``inputs/*`` that has a ``truth/<stem>.json`` and compares each transcribed
field (see ``compare.py``). Prints the share read right overall, by province, by
flattening and by kind; the documents with a wrong value; refusals; and documents whose
forms carry an error-level finding. ``--verbose`` lists every field not read right,
``--json`` prints the numbers as JSON, ``--by-field`` counts the fields by field (indices
and funding-row labels folded: ``indicators.name``, ``funds_extra.adjusted``) and each
missing one by why it is missing (see :func:`reason`). Always exits 0: it is a report.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from compare import Field, compare_form, pair_forms

HERE = Path(__file__).resolve().parent
INPUTS = HERE / "inputs"
TRUTH = HERE / "truth"


@dataclass
class DocResult:
    """One input: its truth metadata, the compared fields per form, and what went wrong."""

    stem: str
    province: str
    flattening: str
    fields: list[tuple[int, str, Field]] = field(default_factory=list)  # (form, kind, field)
    refusal: str | None = None
    parsed_forms: int = 0
    truth_forms: int = 0
    error_findings: list[str] = field(default_factory=list)
    unread_forms: set[int] = field(default_factory=set)  # no parsed form paired them
    error_forms: set[int] = field(default_factory=set)  # paired forms with an error finding


def parse_forms(path: Path) -> list[dict[str, Any]]:
    """The forms jixiao reads from ``path`` as interchange dicts (numbers as ``Decimal``)."""
    from jixiao.model.jsonio import dumps
    from jixiao.parse import parse_file

    forms = parse_file(path).forms
    data: list[dict[str, Any]] = json.loads(dumps(forms, indent=None), parse_float=Decimal)
    return data


def measure(path: Path, truth_path: Path) -> DocResult:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    result = DocResult(path.stem, truth.get("province", "?"), truth.get("flattening", "?"))
    truth_forms: list[dict[str, Any]] = truth.get("forms", [])
    result.truth_forms = len(truth_forms)
    parsed: list[dict[str, Any]] = []
    try:
        parsed = parse_forms(path)
    except Exception as exc:
        result.refusal = f"{type(exc).__name__}: {exc}"
    result.parsed_forms = len(parsed)
    for form in parsed:
        for finding in form.get("findings") or []:
            if finding.get("severity") == "error":
                result.error_findings.append(f"{finding.get('code')} {finding.get('message')}")
    for i, (want, got) in enumerate(pair_forms(truth_forms, parsed)):
        kind = str(want.get("kind", "?"))
        if got is None:
            result.unread_forms.add(i)
        elif any(f.get("severity") == "error" for f in got.get("findings") or []):
            result.error_forms.add(i)
        result.fields += [(i, kind, f) for f in compare_form(want, got)]
    return result


def tally(results: list[DocResult], key: str) -> dict[str, dict[str, int]]:
    """Counts of right/missing/wrong/total grouped by province, flattening or kind."""
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in results:
        for _, kind, f in doc.fields:
            name = {"province": doc.province, "flattening": doc.flattening, "kind": kind}[key]
            groups[name][f.status] += 1
            groups[name]["total"] += 1
    return {k: {s: c[s] for s in ("right", "missing", "wrong", "total")} for k, c in groups.items()}


def pct(right: int, total: int) -> str:
    return f"{100 * right / total:5.1f}%" if total else "   - "


def summary(results: list[DocResult]) -> dict[str, Any]:
    counts = Counter(f.status for doc in results for _, _, f in doc.fields)
    total = sum(counts.values())
    return {
        "documents": len(results),
        "forms": sum(d.truth_forms for d in results),
        "fields": total,
        "right": counts["right"],
        "missing": counts["missing"],
        "wrong": counts["wrong"],
        "accuracy": round(100 * counts["right"] / total, 2) if total else None,
        "by_province": tally(results, "province"),
        "by_flattening": tally(results, "flattening"),
        "by_kind": tally(results, "kind"),
        "documents_with_wrong": sorted(
            d.stem for d in results if any(f.status == "wrong" for _, _, f in d.fields)
        ),
        "refusals": {d.stem: d.refusal for d in results if d.refusal},
        "form_count_mismatch": {
            d.stem: [d.truth_forms, d.parsed_forms]
            for d in results
            if not d.refusal and d.truth_forms != d.parsed_forms
        },
        "error_findings": {d.stem: d.error_findings for d in results if d.error_findings},
    }


def print_report(report: dict[str, Any], results: list[DocResult], verbose: bool) -> None:
    total, right = report["fields"], report["right"]
    print(
        f"wild corpus: {report['documents']} documents, {report['forms']} forms, "
        f"{total} fields: right {right} ({pct(right, total).strip()}), "
        f"missing {report['missing']}, wrong {report['wrong']}"
    )
    for title, key in (("province", "by_province"), ("flattening", "by_flattening")):
        print(f"\nby {title}:")
        for name, c in sorted(report[key].items()):
            print(
                f"  {name:<28} {c['right']:>5}/{c['total']:<5} {pct(c['right'], c['total'])}"
                f"  missing {c['missing']:>4}  wrong {c['wrong']:>4}"
            )
    print("\nby kind:")
    for name, c in sorted(report["by_kind"].items()):
        print(f"  {name:<28} {c['right']:>5}/{c['total']:<5} {pct(c['right'], c['total'])}")
    wrong = report["documents_with_wrong"]
    print(
        f"\ndocuments with a wrong value: {len(wrong)}"
        + (f" ({', '.join(wrong)})" if wrong else "")
    )
    print(f"refusals: {len(report['refusals'])}")
    for stem, message in sorted(report["refusals"].items()):
        print(f"  {stem}: {message}")
    if report["form_count_mismatch"]:
        print("form count differs (truth, parsed):")
        for stem, (t, p) in sorted(report["form_count_mismatch"].items()):
            print(f"  {stem}: {t} vs {p}")
    print(f"documents with an error-level finding: {len(report['error_findings'])}")
    for stem, found in sorted(report["error_findings"].items()):
        print(f"  {stem}: {len(found)} ({found[0]})")
    if verbose:
        print("\nfields not read right:")
        for doc in results:
            for i, _, f in doc.fields:
                if f.status != "right":
                    print(
                        f"  {doc.stem} form {i} {f.path} [{f.status}]"
                        f" truth={f.truth!r} parsed={f.parsed!r}"
                    )


_INDEX = re.compile(r"\.\d+(?=\.|$)")
REASONS = ("refused", "no form", "form error", "no row", "empty")
"""Why a field is missing, the first that holds: the document was refused; no parsed form
paired the transcribed one; the form carries an error-level finding (P013: nothing read);
the indicator (or other) row holding the field was not read; the read row or form left
the field empty."""


def field_name(path: str) -> str:
    """``indicators.3.name`` → ``indicators.name``; ``funds_extra.单位资金.adjusted`` →
    ``funds_extra.adjusted`` (the printed label of an extra funding row folded)."""
    name = _INDEX.sub("", path)
    parts = name.split(".")
    if parts[0] == "funds_extra" and len(parts) == 3:
        return f"funds_extra.{parts[2]}"
    return name


def reason(doc: DocResult, form: int, f: Field) -> str:
    if doc.refusal:
        return "refused"
    if form in doc.unread_forms:
        return "no form"
    if form in doc.error_forms:
        return "form error"
    return "no row" if f.unpaired else "empty"


def print_by_field(results: list[DocResult], verbose: bool) -> None:
    """The fields by field, right and missing, each missing one by its reason; with
    ``--verbose`` the documents missing the most of each field."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    docs: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in results:
        for i, _, f in doc.fields:
            c = counts[field_name(f.path)]
            c["total"] += 1
            c[f.status] += 1
            if f.status == "missing":
                c[reason(doc, i, f)] += 1
                docs[field_name(f.path)][doc.stem] += 1
    head = f"{'field':<34} {'total':>5} {'right':>5} {'wrong':>5} {'miss':>5}"
    print(head + "".join(f" {r:>10}" for r in REASONS))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1]["missing"], kv[0]))
    total: Counter[str] = Counter()
    for name, c in rows:
        total.update(c)
        print(
            f"{name:<34} {c['total']:>5} {c['right']:>5} {c['wrong']:>5} {c['missing']:>5}"
            + "".join(f" {c[r]:>10}" for r in REASONS)
        )
    print(
        f"{'(all)':<34} {total['total']:>5} {total['right']:>5} {total['wrong']:>5}"
        f" {total['missing']:>5}" + "".join(f" {total[r]:>10}" for r in REASONS)
    )
    if verbose:
        print("\nmost missing by field:")
        for name, _ in rows:
            if docs[name]:
                top = ", ".join(f"{s} {n}" for s, n in docs[name].most_common(6))
                print(f"  {name}: {top}")


def print_markdown(report: dict[str, Any], results: list[DocResult]) -> None:
    """The figures as the Markdown tables of ``docs/provinces.md``."""
    docs: dict[str, dict[str, set[str]]] = {"by_province": {}, "by_flattening": {}}
    for r in results:
        docs["by_province"].setdefault(r.province, set()).add(r.stem)
        docs["by_flattening"].setdefault(r.flattening, set()).add(r.stem)
    heads = {"by_province": "省份", "by_flattening": "展平方式", "by_kind": "表种"}
    for key, head in heads.items():
        print(f"| {head} | 文件 | 字段 | 读对 | 缺 | 错 | 读对率 |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        rows = sorted(report[key].items(), key=lambda kv: -kv[1]["total"])
        for name, t in rows:
            n = len(docs[key].get(name, ())) if key in docs else "—"
            share = pct(t["right"], t["total"])
            print(
                f"| {name} | {n} | {t['total']} | {t['right']} | {t['missing']}"
                f" | {t['wrong']} | {share} |"
            )
        print()
    print(
        f"合计：{report['documents']} 个文件、{report['forms']} 张表、{report['fields']} 个字段，"
        f"读对 {report['right']}（{report['accuracy']}%），缺 {report['missing']}，"
        f"错 {report['wrong']}。"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every field not read right")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    parser.add_argument(
        "--markdown", action="store_true", help="print the tables of docs/provinces.md"
    )
    parser.add_argument(
        "--by-field", action="store_true", help="count the fields by field and missing reason"
    )
    parser.add_argument("only", nargs="*", help="only inputs whose name contains one of these")
    args = parser.parse_args(argv)
    results: list[DocResult] = []
    for path in sorted(INPUTS.iterdir()):
        truth_path = TRUTH / f"{path.stem}.json"
        if not path.is_file() or not truth_path.exists():
            continue
        if args.only and not any(s in path.name for s in args.only):
            continue
        results.append(measure(path, truth_path))
    report = summary(results)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif args.markdown:
        print_markdown(report, results)
    elif args.by_field:
        print_by_field(results, args.verbose)
    else:
        print_report(report, results, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
