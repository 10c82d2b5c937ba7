"""Province wording: how each province prints the labels of the same fields.

The words live in the data file ``wording.toml`` beside this module (packaged with
jixiao, like the scoring rulesets), one section per table of synonyms; the layouts read
them from here. A new wording is a new word in that file, never a branch in code
(docs/provinces.md says how to add one). The file is checked when first read: every
section present, every field a non-empty list of words, no word under two fields of one
section.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

__all__ = ["SECTIONS", "Synonyms", "Wording", "WordingError", "parse_wording", "wording"]

Synonyms = tuple[tuple[str, tuple[str, ...]], ...]
"""``(field, words)`` pairs in the file's order."""

SECTIONS: Mapping[str, str] = MappingProxyType(
    {
        "header": "表头标签",
        "indicator_columns": "指标表列名",
        "fund_columns": "资金表列名",
        "fund_rows": "资金行名",
        "goal_columns": "总体目标栏名",
        "legacy_header": "旧式表头标签",
        "department_header": "部门整体表的表头标签",
        "department_budget": "部门整体目标表的年度预算标签",
    }
)
"""The sections of the file and what each holds."""


class WordingError(ValueError):
    """The wording file breaks its format (a bug in the packaged data)."""


@dataclass(frozen=True)
class Wording:
    """Every table of synonyms, field → the words that name it."""

    header: Synonyms
    indicator_columns: Synonyms
    fund_columns: Synonyms
    fund_rows: Synonyms
    goal_columns: Synonyms
    legacy_header: Synonyms
    department_header: Synonyms
    department_budget: Synonyms


def parse_wording(text: str, file: str = "wording.toml") -> Wording:
    """Validate TOML ``text`` as the wording file; :class:`WordingError` names the problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise WordingError(f"{file} 不是有效的 TOML：{err}") from err
    extra = sorted(set(data) - set(SECTIONS))
    if extra:
        raise WordingError(f"{file} 中有未知的节：{'、'.join(extra)}")
    return Wording(**{name: _section(data, name, file) for name in SECTIONS})


def _section(data: dict[str, object], name: str, file: str) -> Synonyms:
    table = data.get(name)
    if not isinstance(table, dict) or not table:
        raise WordingError(f"{file} 缺少节 [{name}]（{SECTIONS[name]}）")
    out: list[tuple[str, tuple[str, ...]]] = []
    owner: dict[str, str] = {}
    for field, words in table.items():
        if not isinstance(words, list) or not words:
            raise WordingError(f"{file} [{name}] {field} 应为非空的词表")
        for word in words:
            if not isinstance(word, str) or not word.strip():
                raise WordingError(f"{file} [{name}] {field} 中有空词或非字符串")
            if owner.setdefault(word, field) != field:
                raise WordingError(f"{file} [{name}] 中「{word}」同时属于 {owner[word]} 和 {field}")
        out.append((field, tuple(words)))
    return tuple(out)


@cache
def wording() -> Wording:
    """The packaged wording file, read and checked once."""
    text = resources.files("jixiao.parse").joinpath("wording.toml").read_text("utf-8")
    return parse_wording(text)
