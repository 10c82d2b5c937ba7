"""Province wording is data: the packaged ``wording.toml`` is what the layouts read,
and a broken file is refused with a message naming the problem."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from importlib import resources

import pytest

from jixiao.parse.layouts.grid import _columns as _grid_columns
from jixiao.parse.layouts.grid import _header as _grid_header
from jixiao.parse.layouts.grid import _self as _grid_self
from jixiao.parse.layouts.grid._rows import norm
from jixiao.parse.layouts.legacy_kv import _header as _legacy_kv_header
from jixiao.parse.wording import SECTIONS, WordingError, parse_wording, wording
from support import ROOT

_FILE = resources.files("jixiao.parse").joinpath("wording.toml")


def test_the_layouts_read_the_wording_file() -> None:
    data = tomllib.loads(_FILE.read_text("utf-8"))
    assert set(data) == set(SECTIONS)
    w = wording()
    assert w.indicator_columns == _grid_columns.COLUMNS
    assert w.fund_columns == _grid_self.FUND_COLUMNS
    assert w.goal_columns == _grid_self.GOALS
    assert w.fund_rows == _grid_self._FUND_ROWS
    for field, words in data["header"].items():
        assert all(_grid_header.KEYS[norm(word)] == field for word in words), field
    for field, words in data["legacy_header"].items():
        assert all(_legacy_kv_header._KEYS[word] == field for word in words), field


def test_the_file_keeps_its_order() -> None:
    """Column words are tried in order: the file's order is the tables' order."""
    data = tomllib.loads(_FILE.read_text("utf-8"))
    assert [f for f, _ in wording().indicator_columns] == list(data["indicator_columns"])
    assert [tuple(w) for w in data["indicator_columns"].values()] == [
        w for _, w in wording().indicator_columns
    ]


def test_the_wording_file_is_packaged() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "parse/wording.toml" in pyproject["tool"]["setuptools"]["package-data"]["jixiao"]


_GOOD = _FILE.read_text("utf-8")


def _toml(data: dict[str, dict[str, list[str]]]) -> str:
    """``data`` written back as a wording file (a JSON list of strings is a TOML array)."""
    return "\n".join(
        f"[{name}]\n"
        + "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in t.items())
        for name, t in data.items()
    )


def _broken(change: Callable[[dict[str, dict[str, list[str]]]], None]) -> str:
    """The packaged file with ``change`` made to its data (whatever words it holds now)."""
    data = tomllib.loads(_GOOD)
    change(data)
    return _toml(data)


def _rename(d: dict[str, dict[str, list[str]]]) -> None:
    d["fund_row"] = d.pop("fund_rows")


def _twice(d: dict[str, dict[str, list[str]]]) -> None:
    (_, words), (second, _) = list(d["fund_columns"].items())[:2]
    d["fund_columns"][second].append(words[0])


def _empty(d: dict[str, dict[str, list[str]]]) -> None:
    d["fund_columns"]["rate"] = []


def _blank(d: dict[str, dict[str, list[str]]]) -> None:
    d["fund_columns"]["rate"].append(" ")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (_broken(_rename), "fund_row"),
        (_GOOD + '\n[colours]\nred = ["红"]\n', "colours"),
        (_broken(_twice), tomllib.loads(_GOOD)["fund_columns"]["initial"][0]),
        (_broken(_empty), "rate"),
        (_broken(_blank), "rate"),
        (_GOOD.replace("[header]", "[header"), "TOML"),
    ],
)
def test_a_broken_wording_file_is_refused(text: str, problem: str) -> None:
    with pytest.raises(WordingError, match=problem):
        parse_wording(text)


def test_the_packaged_file_is_valid() -> None:
    assert parse_wording(_GOOD) == wording()
    assert parse_wording(_broken(lambda d: None)) == wording()  # the writer above is faithful
