"""The import on a Dask cluster (a LocalCluster here, as on a bureau's machines): the
same rows as the local import, a file that kills its reader fails alone, and the CLI's
``--executor dask``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from import_dump import dump_tables
from jixiao.service import run_import
from jixiao.service.isolation import WorkerLimits
from jixiao.store import open_store
from support import SEEDS, run_cli
from test_import_rows import DUMP

pytest.importorskip("distributed", reason="Dask (distributed) 未安装：pip install 'jixiao[dask]'")

from jixiao.service.dask_import import DaskExecutor

THREADS = {"processes": False, "n_workers": 1, "threads_per_worker": 2}
"""A cluster inside the test process: quick to start; each file still read in a child."""


def test_the_samples_on_a_dask_cluster_give_the_golden_rows(tmp_path: Path) -> None:
    executor = DaskExecutor(**THREADS)
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        first = run_import(store, SEEDS[::2], jobs=2, executor=executor)
        second = run_import(store, SEEDS[1::2], jobs=2, executor=executor)
        assert not first.failed and not second.failed
        dumped = dump_tables(store)
    assert dumped == json.loads(DUMP.read_text(encoding="utf-8"))


def test_a_bad_file_fails_alone_and_the_workers_keep_the_limits(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.txt"
    garbage.write_bytes(bytes(range(256)) * 4)
    executor = DaskExecutor(**THREADS)
    with open_store(f"sqlite:///{tmp_path / 'd.db'}") as store:
        report = run_import(store, [SEEDS[4], garbage, SEEDS[1]], jobs=2, executor=executor)
        assert [path for path, _ in report.totals.failed] == [str(garbage)]
        assert report.totals.stored == 2
        slow = run_import(
            store, [SEEDS[0]], jobs=1, executor=executor, limits=WorkerLimits(None, 0.001)
        )
        ((path, reason),) = slow.totals.failed  # read in a child, killed when over time
        assert path == str(SEEDS[0]) and reason.startswith("P090") and "时间上限" in reason


def test_the_cli_imports_on_a_local_dask_cluster(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Worker processes as ``dask worker`` runs them (daemonic, under a nanny): each
    still starts the child that reads the file."""
    db = str(tmp_path / "c.db")
    args = ["import", "--db", db, "--executor", "dask", "--jobs", "1", str(SEEDS[4])]
    code, out, err = run_cli(args, capsys)
    assert code == 0, out + err
    assert "新导入 1" in out
    code, out, err = run_cli(["import", "--db", db, "--executor", "spark", str(SEEDS[4])], capsys)
    assert code != 0 and "--executor 应为 local 或 dask" in out + err
