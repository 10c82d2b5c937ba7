"""The long fuzz run: ``python fuzz/run.py --minutes 60 --jobs 1``.

Mutated samples, provinces' inputs and rendered forms (text, xlsx, docx, html, pdf) and
indicator values go through jixiao's readers, parsers, scoring, audit and value grammar
on ``--jobs`` processes; every crash (an exception other than jixiao's documented
errors) and hang (one case over 5 s of CPU) is saved with its reproducer under
``--out`` (default ``fuzz/findings/``), and the summary is printed and written to
``summary.json``. ``--replay FILE…`` runs reproducers again. The harness lives in
``tests/fuzzing`` (docs/reliability.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from fuzzing.runner import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
