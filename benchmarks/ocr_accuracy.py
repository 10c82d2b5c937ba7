"""OCR accuracy on the generated corpus: scans → forms, compared with ``truth.json``.

Usage::

    python scripts/make_corpus.py /tmp/corpus --forms 10
    python benchmarks/ocr_accuracy.py /tmp/corpus [--style plain] [--dpi 300 --dpi 150]

For each resolution it reports the share of forms read exactly (every field equal to
the truth, provenance and findings aside), the share of indicator rows exactly right,
how many wrong forms carry at least one finding (a misread should never pass
silently), and seconds per page. Not a test: the figures go into the README.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from make_corpus import comparable, differences

from jixiao.model.jsonio import dumps
from jixiao.parse import parse_document
from jixiao.read.ocr import read_images


def measure(corpus: Path, style: str, dpi: int, limit: int | None) -> dict[str, Any]:
    truth = json.loads((corpus / "truth.json").read_text(encoding="utf-8"))
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    forms = exact = loose = rows = rows_right = pages = flagged = wrong = 0
    numbers_wrong = silent_numbers = 0
    seconds = 0.0
    for entry in manifest["forms"][:limit]:
        scan = entry["files"].get(f"scan_{style}_{dpi}")
        if not scan:
            continue
        want = comparable(truth[int(entry["id"][1:])])
        start = time.perf_counter()
        doc = read_images([corpus / name for name in scan], entry["id"])
        seconds += time.perf_counter() - start
        pages += len(scan)
        try:
            data = json.loads(dumps(parse_document(doc).forms))
        except Exception as err:  # a layout not recognised: the whole form is wrong
            print(f"  {entry['id']}: {type(err).__name__}: {err}", file=sys.stderr)
            data = []
        got = comparable(data[0]) if len(data) == 1 else {}
        forms += 1
        diffs = differences(want, got)
        exact += not diffs
        loose += not differences(_fold(want), _fold(got))
        numeric = [d for d in diffs if _is_number(d[1]) or _is_number(d[2])]
        numbers_wrong += len(numeric)
        alarms = [
            f for f in (data[0].get("findings", []) if data else []) if f["severity"] != "info"
        ]
        silent_numbers += bool(numeric) and not alarms
        if diffs:
            wrong += 1
            flagged += bool(alarms)
            print(f"  {entry['id']} {dpi}dpi: {len(diffs)} fields differ, e.g. {diffs[0]}"[:300])
        truth_rows = want.get("indicators") or []
        got_rows = got.get("indicators") or []
        rows += len(truth_rows)
        rows_right += sum(1 for row in truth_rows if row in got_rows)
    return {
        "dpi": dpi,
        "style": style,
        "forms": forms,
        "forms_exact": exact,
        "forms_exact_but_punctuation_width": loose,
        "rows": rows,
        "rows_exact": rows_right,
        "wrong_forms_with_findings": f"{flagged}/{wrong}",
        "numbers_wrong": numbers_wrong,
        "forms_with_silently_wrong_numbers": silent_numbers,
        "pages": pages,
        "seconds_per_page": round(seconds / pages, 2) if pages else None,
    }


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _fold(value: Any) -> Any:
    """Full- and half-width punctuation made the same (``，`` = ``,``), for the second
    count: OCR cannot tell them apart in a font that draws them alike."""
    if isinstance(value, str):
        return unicodedata.normalize("NFKC", value)
    if isinstance(value, dict):
        return {k: _fold(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_fold(v) for v in value]
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--style", default="plain", choices=["plain", "narrow"])
    parser.add_argument("--dpi", type=int, action="append")
    parser.add_argument("--forms", type=int, default=None, help="only the first N forms")
    args = parser.parse_args(argv)
    for dpi in args.dpi or [300, 150]:
        r = measure(args.corpus, args.style, dpi, args.forms)
        share = r["forms_exact"] / r["forms"] if r["forms"] else 0
        row_share = r["rows_exact"] / r["rows"] if r["rows"] else 0
        print(
            f"{dpi} dpi ({r['style']}): forms exact {r['forms_exact']}/{r['forms']} ({share:.0%}), "
            f"exact but for punctuation width {r['forms_exact_but_punctuation_width']}, "
            f"indicator rows exact {r['rows_exact']}/{r['rows']} ({row_share:.0%}), "
            f"wrong forms with a warning/error {r['wrong_forms_with_findings']}, "
            f"numbers wrong {r['numbers_wrong']} "
            f"(forms where no warning/error says so: {r['forms_with_silently_wrong_numbers']}), "
            f"{r['seconds_per_page']} s/page over {r['pages']} pages"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
