"""The command line's own words: help pages and usage errors in Chinese, one line, exit 2."""

from __future__ import annotations

import csv
import io
import re

import pytest
from rich.cells import cell_len

from support import SEEDS, run_cli

COMMANDS = [
    "parse", "schema", "import", "list", "show", "render", "export",
    "score", "rulesets", "audit", "codes", "rescore", "serve",
]  # fmt: skip
ENGLISH = re.compile(r"Usage|Options|Arguments|Commands|Show this|default:|required|Error")


@pytest.fixture(autouse=True)
def _hundred_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")


@pytest.mark.parametrize(
    "command", [[], *([c] for c in COMMANDS)], ids=lambda c: c[0] if c else "jixiao"
)
def test_help_is_chinese_and_fits_100_columns(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli([*command, "--help"], capsys)
    assert code == 0, err
    assert out.startswith("用法：jixiao")
    assert "选项：" in out
    assert "显示本帮助并退出。" in out
    assert not ENGLISH.search(out), ENGLISH.findall(out)
    assert "<list[Path]>" not in out and "{" not in out.splitlines()[0]
    assert max(cell_len(line) for line in out.splitlines()) <= 100


def test_bare_command_prints_the_help_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli([], capsys)
    assert code == 0
    assert "命令：" in out and "list" in out


def test_arguments_and_defaults_are_named_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run_cli(["show", "--help"], capsys)
    assert "用法：jixiao show [选项] 表单编号" in out
    assert "参数：" in out
    assert "[必填]" in out and "[默认：table]" in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ["list", "--year", "abc"],
            "错误：--year 的值无效：应为整数。用 jixiao list --help 查看用法。",
        ),
        (["list", "--nope"], "错误：没有选项 --nope"),
        (["list", "--db"], "错误：选项 --db 后面要给出一个值。"),
        (["show"], "错误：缺少参数 表单编号。用 jixiao show --help 查看用法。"),
        (["show", "x"], "错误：表单编号 的值无效：应为整数。"),
        (["bogus"], "错误：没有命令 bogus。用 jixiao --help 查看用法。"),
        (["list", "extra"], "错误：多余的参数：extra。"),
        (["render", "a.txt", "--to", "odt"], "错误：--to 的值无效：可选 xlsx、pdf、docx。"),
    ],
)
def test_usage_error_is_one_chinese_line_exit_two(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_cli(args, capsys)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(said), err
    assert not ENGLISH.search(err) and "Try" not in err and "Invalid" not in err


INTERNAL = re.compile(r"\b(hedged|achieved|partial|unscorable|indicators\.\d|funds\.\w)")


def test_explanations_name_no_internal_setting(capsys: pytest.CaptureFixture[str]) -> None:
    """The re-score's explanations and the findings say things in Chinese, never a
    ruleset key (``hedged``) or a field path (``indicators.3.score``)."""
    seed = str(SEEDS[2])  # 2023 forms with hedged actuals, budget and indicator findings
    code, out, err = run_cli(["score", seed], capsys)
    assert code in (0, 1), err
    assert "程度词" in out  # the hedged rows are there, worded
    assert not INTERNAL.search(out), INTERNAL.findall(out)
    code, out, err = run_cli(["audit", seed, "--format", "csv"], capsys)
    records = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    for record in records:
        said = " ".join(v for k, v in record.items() if k != "field")  # field: the path itself
        assert not INTERNAL.search(said), said
    places = {r["place"] for r in records if r["field"] == "funds.total.adjusted"}
    assert places == {"项目资金·年度资金总额·全年预算数"}
    rows = {r["place"] for r in records if r["field"].startswith("indicators.12.")}
    assert rows and all(p.startswith("第 13 项指标·") for p in rows)
