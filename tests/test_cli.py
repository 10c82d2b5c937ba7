"""The ``jixiao`` command: exit codes, messages, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import EXAMPLES, SEEDS, run_cli

LEGACY = EXAMPLES / "001_5643fb32fc07280b.txt"
TARGET = EXAMPLES / "004_30fc85b3e2ff877a.txt"


def test_clean_file_exits_zero_with_chinese_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["parse", str(TARGET)], capsys)
    assert code == 0
    assert "绩效目标表" in out
    assert "高峰人才及其团队服务专项" in out


def test_json_output_is_interchange_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["parse", str(LEGACY), str(TARGET), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [f["kind"] for f in data].count("legacy_self_evaluation") == 9
    assert [f["kind"] for f in data].count("target_declaration") == 4


def test_error_finding_exits_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = LEGACY.read_text(encoding="utf-8")
    assert "合计\t\t\t100\t94\t" in text
    bad = tmp_path / "bad.txt"
    bad.write_text(text.replace("合计\t\t\t100\t94\t", "合计\t\t\t100\t99\t", 1), encoding="utf-8")
    code, out, _ = run_cli(["audit", str(bad)], capsys)
    assert code == 1
    assert "A001" in out


def test_missing_file_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(["parse", "no/such/file.txt"], capsys)
    assert code == 2
    assert "找不到文件" in err


def test_undecodable_file_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(128, 256)) * 20)
    code, _, err = run_cli(["parse", str(junk)], capsys)
    assert code == 2
    assert "编码" in err


@pytest.mark.parametrize("content", ["", "这是一份与绩效无关的通知。\n请各单位按时报送。\n"])
def test_no_form_exits_two_naming_layouts(
    content: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "other.txt"
    path.write_text(content, encoding="utf-8")
    code, _, err = run_cli(["parse", str(path)], capsys)
    assert code == 2
    assert "未识别出任何表单" in err
    for name in ("legacy_kv", "target_kv"):
        assert name in err


def test_one_bad_file_does_not_stop_the_others(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["parse", "missing.txt", str(TARGET), "--format", "json"], capsys)
    assert code == 2
    assert len(json.loads(out)) == 4
    assert "missing.txt" in err


def test_debug_shows_the_traceback_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One ``--debug``: the error of a file read among others raises too, and the next
    command without the option is back to one Chinese line."""
    from jixiao.errors import JixiaoError

    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(128, 256)) * 20)
    with pytest.raises(JixiaoError):
        run_cli(["--debug", "parse", str(junk), str(TARGET)], capsys)
    code, _, err = run_cli(["parse", str(junk), str(TARGET)], capsys)
    assert code == 2 and "编码" in err


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["parse"], capsys)[0] == 2
    assert run_cli(["parse", str(TARGET), "--format", "xml"], capsys)[0] == 2
    assert run_cli(["frobnicate"], capsys)[0] == 2


def test_schema_command_prints_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["schema"], capsys)
    assert code == 0
    assert "$defs" in json.loads(out)


def test_messages_with_brackets_are_printed_intact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    from PIL import Image

    monkeypatch.setitem(sys.modules, "rapidocr_onnxruntime", None)
    scan = tmp_path / "scan.png"
    Image.new("RGB", (300, 200), "white").save(scan)
    code, _, err = run_cli(["parse", str(scan)], capsys)
    assert code == 2
    assert "jixiao[ocr]" in err


def test_summary_shows_bracketed_text_as_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = TARGET.read_text(encoding="utf-8").replace(
        "高峰人才及其团队服务专项", "高峰人才[red]服务[/red]专项", 1
    )
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    code, out, _ = run_cli(["parse", str(path)], capsys)
    assert code == 0
    assert "高峰人才[red]服务[/red]专项" in out


def test_an_internal_error_is_one_chinese_line_and_exit_3(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect (here a layout that raises while detecting) is not a data finding: exit 3
    with one Chinese line, never the exit 1 of error-level findings nor a traceback."""
    from jixiao.parse import registry

    def broken(doc: object) -> list[object]:
        raise IndexError("list index\nout of range")

    monkeypatch.setattr(registry, "detect", broken)
    code, _out, err = run_cli(["parse", str(SEEDS[0])], capsys)
    assert code == 3
    assert "Traceback" not in err and err.count("\n") == 1
    assert err.startswith("内部错误：IndexError")
    with pytest.raises(IndexError):
        run_cli(["--debug", "parse", str(SEEDS[0])], capsys)


def test_lines_of_tabs_alone_are_refused_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Tab-only lines make a run of blank lines: no table, a refusal (exit 2)."""
    path = tmp_path / "tabs.txt"
    path.write_text("\t\n\t\n\t\n\t\n。\n\t", encoding="utf-8")
    code, _out, err = run_cli(["parse", str(path)], capsys)
    assert code == 2
    assert "未识别出任何表单" in err and "Traceback" not in err
