"""Generator: a SQLite (or PostgreSQL) database of N reviewed and scored forms, in minutes.

    python benchmarks/make_db.py --n 100000 --db /tmp/web100k.db
    python benchmarks/make_db.py --n 100000 --db postgresql+psycopg://…

The first ``--base`` forms (default 83 × 35: every seed form in each of the 35 variants
``benchmarks/import_forms.py`` makes: other city, year and amounts) are reviewed by
``jixiao.audit.review`` and stored with the store API, one transaction per document —
the baseline way, timed. The rest are copies of those in SQL
(:func:`jixiao.store.replicate.replicate`: one transaction, ``INSERT … SELECT`` per
table and round; each copy another project). The script prints both rates and what the
baseline way would have taken for all N forms.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_forms import documents  # noqa: E402

BASE = 83 * 35


def build(url: str, n: int, base: int = BASE, quiet: bool = False) -> None:
    """A database at ``url`` (an SQLite path or a URL) with ``n`` forms (see module doc)."""
    from jixiao.audit import review
    from jixiao.store import DocumentInfo, open_store
    from jixiao.store.replicate import replicate

    t0 = time.perf_counter()
    with open_store(url) as store:
        for name, batch in documents(min(n, base)):
            reviewed = review(batch)
            store.save_forms(
                [r.form for r in reviewed],
                DocumentInfo(
                    file_name=name, content_hash=hashlib.sha256(name.encode()).hexdigest()
                ),
                scores=[r.score for r in reviewed],
            )
        stored = store.count_forms()
        t1 = time.perf_counter()
        total = replicate(store, n)
    t2 = time.perf_counter()
    if quiet:
        return
    per_form = (t1 - t0) / stored
    print(
        f"逐个文档审核并保存（基线）：{stored} 张表单 {t1 - t0:.1f} 秒，{stored / (t1 - t0):.0f} 张/秒"
    )
    print(
        f"在 SQL 中复制：{total - stored} 张表单 {t2 - t1:.1f} 秒，"
        f"{(total - stored) / max(t2 - t1, 1e-9):.0f} 张/秒"
    )
    print(
        f"共 {total} 张表单 {t2 - t0:.1f} 秒；全部按基线方式约需 {per_form * total:.0f} 秒"
        f"（{per_form * total / (t2 - t0):.0f}×）"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="forms in the database")
    parser.add_argument("--db", required=True, help="SQLite file (must not exist) or URL")
    parser.add_argument("--base", type=int, default=BASE, help="forms reviewed and stored")
    args = parser.parse_args()
    if "://" not in args.db and Path(args.db).exists():
        raise SystemExit(f"{args.db} 已存在")
    build(args.db, args.n, args.base)


if __name__ == "__main__":
    main()
