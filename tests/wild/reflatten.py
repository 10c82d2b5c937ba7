"""How the reader fares on the same forms flattened another way: ``python tests/wild/reflatten.py``.

Each wild input is rebuilt into its table (:func:`jixiao.parse.rebuild.rebuild`), and the
rows are written out again as pipe rows, one cell a line (``cell |``) and one flat line
(cells separated by single spaces, as a Word or WPS document dumped to text) and one run-on
line (cells run together with no separator, as a document-sharing preview prints them); and
the input's own lines are joined by single spaces (``joined``: a spaced or PDF text as one
flat run, what rebuilding may have lost kept); each text is read and compared with the
input's transcription. A field read right from the input but
wrong from a re-flattening shows a habit that does not carry over to another flattening.
A report, not a test: always exits 0. ``[prefixes…]`` limits the inputs; ``--wrong`` also
lists every field read wrong from a re-flattening (with the truth and what was read).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from accuracy import INPUTS, TRUTH, measure


def flattenings(rows: list[list[str]]) -> dict[str, str]:
    return {
        "pipe": "\n".join("| " + " | ".join(r) + " |" for r in rows),
        "cellline": "\n".join((f"{c} |" if c else "|") for r in rows for c in r),
        "flat": " ".join(c for r in rows for c in r if c),
        "runon": "".join(c for r in rows for c in r),
    }


def main() -> int:
    from jixiao.parse.rebuild import rebuild
    from jixiao.read import read_document

    args = sys.argv[1:]
    show_wrong = "--wrong" in args
    prefixes = [a for a in args if a != "--wrong"]
    wrong: list[str] = []
    total: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(INPUTS.iterdir()):
            truth = TRUTH / f"{path.stem}.json"
            if not truth.exists() or (prefixes and not path.name.startswith(tuple(prefixes))):
                continue
            base = Counter(f.status for _, _, f in measure(path, truth).fields)
            rows = [ln.text.split("\t") for ln in rebuild(read_document(path)).document.lines]
            if not rows:
                continue
            line = f"{path.stem:34} input {base['right']:4}/{base['wrong']}"
            total["input right"] += base["right"]
            total["input wrong"] += base["wrong"]
            lines = path.read_text(encoding="utf-8").splitlines()
            joined = " ".join(" ".join(ln.split()) for ln in lines if ln.strip())
            for name, text in {**flattenings(rows), "joined": joined}.items():
                out = Path(tmp) / f"{path.stem}.txt"
                out.write_text(text, encoding="utf-8")
                fields = measure(out, truth).fields
                got = Counter(f.status for _, _, f in fields)
                wrong += [
                    f"  {path.stem} {name} form {i} {f.path} truth={f.truth!r} parsed={f.parsed!r}"
                    for i, _, f in fields
                    if f.status == "wrong"
                ]
                total[f"{name} right"] += got["right"]
                total[f"{name} wrong"] += got["wrong"]
                line += f" | {name} {got['right']:4}/{got['wrong']}"
            print(line)
    print("right/wrong fields: " + ", ".join(f"{k} {v}" for k, v in total.items()))
    if show_wrong:
        print("\nfields read wrong from a re-flattening:")
        print("\n".join(wrong))
    return 0


if __name__ == "__main__":
    sys.exit(main())
