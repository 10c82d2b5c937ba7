"""``jixiao import`` / ``list`` / ``show``: exit codes, Chinese output, JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import delete

from jixiao.audit import review
from jixiao.model.jsonio import dumps, loads
from jixiao.model.labels import beijing_time
from jixiao.parse import parse_file
from jixiao.read.files import read_any
from jixiao.store import open_store
from jixiao.store.schema import DocumentTextRow
from support import EXAMPLES, SEEDS, run_cli


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.delenv("JIXIAO_DB", raising=False)
    return str(tmp_path / "cli.db")


@pytest.fixture
def small(tmp_path: Path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for seed in (SEEDS[1], SEEDS[4]):
        shutil.copy(seed, folder / seed.name)
    return folder


def test_import_list_show(db: str, small: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["import", str(small), "--db", db, "--jobs", "2"], capsys)
    assert code == 0
    assert "导入完成" in out and "表单 13 张" in out
    code, out, _ = run_cli(["import", str(small), "--db", db], capsys)
    assert code == 0 and "跳过 2" in out

    code, out, _ = run_cli(["list", "--db", db], capsys)
    assert code == 0
    for header in ("编号", "年度", "项目", "实施单位", "总分", "等级"):
        assert header in out
    assert "共 13 张表单" in out
    code, out, _ = run_cli(["list", "--db", db, "--kind", "target_declaration"], capsys)
    assert "共 4 张表单" in out and "高峰人才及其团队服务专项" in out
    code, out, _ = run_cli(["list", "--db", db, "--year", "1999"], capsys)
    assert code == 0 and "没有符合条件的表单" in out

    with open_store(db) as store:
        (row,) = store.forms(kind="target_declaration", search="高峰人才")
    code, out, _ = run_cli(["show", str(row["id"]), "--db", db], capsys)
    assert code == 0
    assert "绩效目标表" in out and "高峰人才及其团队服务专项" in out and "绩效指标" in out
    with open_store(db) as store:
        imported = store.get(row["id"]).imported_at
    assert f"{beijing_time(imported):%Y-%m-%d %H:%M:%S} 北京时间" in out
    code, out, _ = run_cli(["show", str(row["id"]), "--db", db, "--format", "json"], capsys)
    assert code == 0
    both = [*parse_file(SEEDS[1]).forms, *parse_file(SEEDS[4]).forms]  # as imported
    forms = [r.published() for r in review(both)]
    (form,) = [f for f in forms if f.project == row["project"] and f.kind == row["kind"]]
    (shown,) = json.loads(out)
    assert shown.pop("score")["ruleset"] == "mof2020"
    assert [shown] == json.loads(dumps([form]))
    assert loads(out) == [form]


def test_environment_variable_names_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_DB", str(tmp_path / "env.db"))
    code, _, _ = run_cli(["import", str(EXAMPLES / SEEDS[4].name)], capsys)
    assert code == 0
    assert (tmp_path / "env.db").is_file()
    code, out, _ = run_cli(["list"], capsys)
    assert "共 4 张表单" in out


def test_failed_file_exits_one_with_reason(
    db: str, small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small / "empty.txt").write_bytes(b"")
    code, out, _ = run_cli(["import", str(small), "--db", db], capsys)
    assert code == 1
    assert "失败 1" in out and "empty.txt" in out
    with open_store(db) as store:
        assert len(store.forms()) == 13


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "/nonexistent/x.txt"], "找不到文件或文件夹"),
        (["import", ".", "--jobs", "0"], "--jobs"),
        (["show", "999"], "没有编号为 999"),
        (["list", "--kind", "nope"], "未知的表单类型"),
        (["show", "1", "--format", "xml"], "未知的输出格式"),
        (["show", "1", "--format", "json", "--source"], "--source 只用于 table 格式"),
        (["import", ".", "--ruleset", "nope"], "未知的规则集"),
        (["rescore", "--ruleset", "nope"], "未知的规则集"),
        (["rescore", "--kind", "nope"], "未知的表单类型"),
    ],
)
def test_usage_errors_exit_two(
    db: str, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli([*args, "--db", db], capsys)
    assert code == 2
    assert message in err and err.startswith("错误：")


def test_empty_folder_is_a_usage_error(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "none").mkdir()
    code, _, err = run_cli(["import", str(tmp_path / "none"), "--db", db], capsys)
    assert code == 2 and "没有找到可导入的文件" in err


def test_scores_and_audit_in_list_show_and_rescore(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run_cli(["import", str(SEEDS[2]), "--db", db, "--jobs", "1"], capsys)
    assert code == 0 and "审核发现 错误" in out
    with open_store(db) as store:
        rows = store.forms()
        lenient = store.forms(lenient=True)
        r001 = store.forms(code="R001")
    assert lenient and r001
    code, out, _ = run_cli(["list", "--db", db], capsys)
    assert "自评总分" in out and "复核总分" in out and "复核等级" in out
    assert format(rows[0]["computed_total"], "f") in out
    code, out, _ = run_cli(["list", "--db", db, "--lenient"], capsys)
    assert f"共 {len(lenient)} 张表单" in out
    code, out, _ = run_cli(["list", "--db", db, "--code", "R001"], capsys)
    assert f"共 {len(r001)} 张表单" in out

    form_id = r001[0]["id"]
    code, out, _ = run_cli(["show", str(form_id), "--db", db], capsys)
    assert code == 0
    assert "复核得分" in out and "复核说明" in out and "R001" in out
    assert f"复核总分 {format(r001[0]['computed_total'], 'f')}" in out
    assert "复核预算执行" in out and "规则集 mof2020" in out

    code, out, _ = run_cli(["rescore", "--db", db, "--ruleset", "shanghai2019"], capsys)
    assert code == 0 and "规则集 shanghai2019" in out and f"{len(rows)} 张表单" in out
    with open_store(db) as store:
        assert {r["ruleset"] for r in store.forms()} == {"shanghai2019"}
    code, out, _ = run_cli(["show", str(form_id), "--db", db], capsys)
    assert "规则集 shanghai2019" in out


def _source_lines(out: str) -> dict[int, str]:
    """The numbered lines ``jixiao show --source`` printed after its 原文 heading."""
    after = out.split("原文（", 1)[1].splitlines()[1:]
    found = {}
    for line in after:
        number, bar, text = line.partition(" │ ")
        if bar and number.strip().isdigit():
            found[int(number)] = " ".join(text.split())  # the console expands tabs
    return found


def test_show_source_prints_the_stored_lines(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = tmp_path / SEEDS[1].name
    shutil.copy(SEEDS[1], seed)
    assert run_cli(["import", str(seed), "--db", db], capsys)[0] == 0
    with open_store(db) as store:
        row = store.forms()[-1]
        stored = store.get(row["id"])
    assert stored is not None
    first, last = stored.form.source.lines
    document = read_any(seed)
    expected = {n: " ".join(document.line(n).text.split()) for n in range(first, last + 1)}

    code, out, _ = run_cli(["show", str(row["id"]), "--db", db, "--source"], capsys)
    assert code == 0 and "绩效指标" in out
    assert f"原文（{seed.name}）" in out
    assert _source_lines(out) == expected
    assert "不保存原文行" not in out
    code, out, _ = run_cli(["show", str(row["id"]), "--db", db], capsys)
    assert "原文（" not in out

    # imported before the store kept lines: re-read from the file while it is there …
    with open_store(db) as store, store.engine.begin() as conn:
        conn.execute(delete(DocumentTextRow))
    code, out, _ = run_cli(["show", str(row["id"]), "--db", db, "--source"], capsys)
    assert code == 0 and "不保存原文行" in out and "以下从原文件重新读取" in out
    assert _source_lines(out) == expected
    # … and say so when it is gone
    seed.unlink()
    code, out, _ = run_cli(["show", str(row["id"]), "--db", db, "--source"], capsys)
    assert code == 0 and "不保存原文行" in out and "原文件已不在" in out
    assert _source_lines(out) == {}


def test_show_numbers_rows_as_the_findings_do(
    db: str, small: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One numbering: the indicator table's first row is 1, and a finding on the row at
    position k says 第 k+1 项指标."""
    run_cli(["import", str(small), "--db", db], capsys)
    with open_store(db) as store:
        found = next(f for f in store.findings() if f["row"] is not None and f["row"] > 0)
        form = store.get(found["form_id"]).form
    code, out, _ = run_cli(["show", str(found["form_id"]), "--db", db], capsys)
    assert code == 0
    numbered = [line.split("│")[1].strip() for line in out.splitlines() if line.startswith("│")]
    numbers = [int(n) for n in numbered if n.isdigit()]
    assert numbers[:2] == [1, 2] and numbers[-1] == len(form.indicators)
    assert f"第 {found['row'] + 1} 项指标" in out


def test_show_at_100_columns_puts_the_explanations_under_the_names(
    db: str, small: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.cells import cell_len

    run_cli(["import", str(small), "--db", db], capsys)
    with open_store(db) as store:
        (row,) = store.forms(kind="legacy_self_evaluation", search="高峰人才")
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run_cli(["show", str(row["id"]), "--db", db], capsys)
    assert code == 0
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    header = next(line for line in out.splitlines() if "三级指标" in line)
    assert "复核说明" not in header and "一级指标" not in header  # folded into the name cell
    assert "│  1 │" in out and "复核：" in out
