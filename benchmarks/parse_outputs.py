"""Check: every parse output of this checkout is byte for byte that of another checkout.

    python benchmarks/parse_outputs.py --baseline CHECKOUT      # diff against CHECKOUT/src
    python benchmarks/parse_outputs.py --write out.jsonl        # keep this checkout's outputs

Not a test: a speed change must not change what is read, and the goldens only cover the
seeds. This parses every input the tests hold (the seeds, the wild corpus, the provinces'
and the departments' inputs) and records, per file, the layout chosen, every layout's
match (score and reason), the forms as interchange JSON, or the error. With
``--baseline`` (e.g. ``git worktree add /tmp/base main``) the same runs on that checkout
in a subprocess and every file whose record differs is named; exit status 1 then.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = (
    ROOT / "examples",
    ROOT / "tests" / "wild" / "inputs",
    ROOT / "tests" / "provinces" / "inputs",
    ROOT / "tests" / "department" / "inputs",
)


def inputs() -> list[Path]:
    """Every file under :data:`INPUTS`, in name order."""
    return sorted(
        p for folder in INPUTS if folder.is_dir() for p in folder.rglob("*") if p.is_file()
    )


def record(path: Path) -> str:
    """One line of JSON: what parsing ``path`` gives."""
    from jixiao.errors import JixiaoError
    from jixiao.model.jsonio import dumps
    from jixiao.parse import parse_file

    out: dict[str, object] = {"file": str(path.relative_to(ROOT))}
    try:
        result = parse_file(path)
    except JixiaoError as exc:
        out["error"] = f"{type(exc).__name__}: {exc}"
    else:
        out["layout"] = result.layout
        out["matches"] = [[m.layout, repr(m.score), m.reason] for m in result.matches]
        out["forms"] = json.loads(dumps(result.forms, indent=None))
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


def records(files: list[Path]) -> list[str]:
    return [record(p) for p in files]


def _baseline(checkout: Path, files: list[Path]) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    cmd = [sys.executable, __file__, "--write", "-", *map(str, files)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with")
    parser.add_argument("--write", help="write the records here ('-': standard output)")
    parser.add_argument("files", nargs="*", type=Path, help="only these (default: every input)")
    args = parser.parse_args()
    files = [p.resolve() for p in args.files] or inputs()
    mine = records(files)
    if args.write == "-":
        print("\n".join(mine))
    elif args.write:
        Path(args.write).write_text("\n".join(mine) + "\n", encoding="utf-8")
    if args.baseline is None:
        return
    theirs = _baseline(args.baseline.resolve(), files)
    differ = [p for p, a, b in zip(files, mine, theirs, strict=True) if a != b]
    for path in differ:
        print(f"differs: {path.relative_to(ROOT)}")
    print(f"{len(files) - len(differ)} of {len(files)} files parse byte for byte as the baseline")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
