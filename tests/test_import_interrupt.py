"""Ctrl-C during a real ``jixiao import``: exit 130, only whole documents stored."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from support import SEEDS

FORMS_PER_COPY = 9  # seed 001
COPIES = 300  # documents are stored in batches of up to 200 forms: enough to stop midway


@pytest.mark.slow
def test_sigint_mid_import_keeps_whole_documents(tmp_path: Path) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    text = SEEDS[1].read_bytes()
    for i in range(COPIES):  # distinct bytes (trailing blank lines), same forms
        (folder / f"copy{i:02d}.txt").write_bytes(text + b"\n" * (i + 1))
    db = tmp_path / "int.db"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from jixiao.cli.app import main; main()",
            "import",
            str(folder),
            "--db",
            str(db),
            "--jobs",
            "2",
            "--on-duplicate",
            "version",  # the copies hold the same forms: skipped by default
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                with closing(sqlite3.connect(db, timeout=5)) as conn:
                    stored = conn.execute("SELECT count(*) FROM documents").fetchall()[0][0]
            except sqlite3.OperationalError:
                continue
            if stored >= 3:
                break
    assert proc.poll() is None, "the import finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "导入已中断" in out.decode()
    with closing(sqlite3.connect(db)) as conn:
        docs = conn.execute("SELECT id FROM documents").fetchall()
        per_doc = dict(conn.execute("SELECT document_id, count(*) FROM forms GROUP BY document_id"))
        status = conn.execute("SELECT status, stored FROM import_runs").fetchall()
    assert 3 <= len(docs) < COPIES
    assert all(per_doc.get(d) == FORMS_PER_COPY for (d,) in docs)
    assert status == [("interrupted", len(docs))]
    shutil.rmtree(folder)
