"""Loading rulesets from TOML: the bundled ones by name, those installed packages add
(entry-point group ``jixiao.rulesets``, :mod:`jixiao.plugins`: the path of a TOML file)
by name, a user's own by path.

A bad file raises :class:`RulesetError` whose Chinese message names the file, the dotted
key and the line (TOML syntax errors carry their own line and column).
"""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jixiao.errors import JixiaoError
from jixiao.model.forms import Form
from jixiao.plugins import PluginError, plugins
from jixiao.score.ruleset import Ruleset

__all__ = [
    "BUNDLED",
    "DEFAULT_RULESET",
    "LEGACY_RULESET",
    "RulesetError",
    "bundled_rulesets",
    "bundled_text",
    "installed_rulesets",
    "load_ruleset",
    "parse_ruleset",
    "ruleset_for",
]

DEFAULT_RULESET = "mof2020"
LEGACY_RULESET = "shanghai2019"
BUNDLED: tuple[str, ...] = (DEFAULT_RULESET, LEGACY_RULESET)
"""The names of the rulesets shipped with jixiao, default first."""


class RulesetError(JixiaoError):
    """A ruleset file is missing, not TOML, or breaks the ruleset format."""


def load_ruleset(name_or_path: str | Path | None = None) -> Ruleset:
    """A bundled or installed ruleset by name (``None`` → ``mof2020``) or a ruleset
    file by path."""
    if name_or_path is None:
        return _bundled(DEFAULT_RULESET)
    if isinstance(name_or_path, str) and name_or_path in BUNDLED:
        return _bundled(name_or_path)
    installed = installed_rulesets()
    if isinstance(name_or_path, str) and name_or_path in installed:
        return _installed(name_or_path, installed[name_or_path])
    path = Path(name_or_path)
    if path.suffix.lower() != ".toml" and not path.exists():
        raise RulesetError(
            f"未知的规则集：{name_or_path}（内置规则集：{'、'.join([*BUNDLED, *installed])}；"
            "也可给出 .toml 文件路径）"
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise RulesetError(f"找不到规则集文件：{path}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise RulesetError(f"无法读取规则集文件 {path}：{err}") from err
    return parse_ruleset(text, str(path))


def installed_rulesets() -> dict[str, Traversable]:
    """The TOML files of the rulesets installed packages add, by entry-point name."""
    found = dict(plugins("jixiao.rulesets", Traversable))
    for name in found:
        if name in BUNDLED:
            raise PluginError(f"插件规则集「{name}」与内置规则集同名")
    return found


def _installed(name: str, file: Traversable) -> Ruleset:
    ruleset = parse_ruleset(file.read_text("utf-8"), f"{name}.toml")
    if ruleset.name != name:  # a stored form names its ruleset; the name must find it
        raise PluginError(f"插件规则集「{name}」的文件中 name 为「{ruleset.name}」，应与插件名相同")
    return ruleset


def bundled_rulesets() -> list[Ruleset]:
    """Every bundled ruleset, the default first."""
    return [_bundled(name) for name in BUNDLED]


def ruleset_for(form: Form, chosen: Ruleset | None = None) -> Ruleset:
    """The ruleset to score ``form`` with: the user's choice, else the bundled ruleset
    made for its kind (pre-2020 scorecards → ``shanghai2019``, others → ``mof2020``)."""
    if chosen is not None:
        return chosen
    for ruleset in bundled_rulesets():
        if form.kind in ruleset.kinds:
            return ruleset
    return _bundled(DEFAULT_RULESET)


def parse_ruleset(text: str, file: str) -> Ruleset:
    """Validate TOML ``text`` as a ruleset; ``file`` names it in error messages."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as err:
        detail = str(err)
        at = re.search(r"\(at line (\d+), column (\d+)\)", detail)
        where = f"第 {at.group(1)} 行第 {at.group(2)} 列" if at else ""
        raise RulesetError(f"规则集文件 {file} {where}不是有效的 TOML（{detail}）") from err
    try:
        return Ruleset.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        key = ".".join(str(p) for p in loc) or "（顶层）"
        line = _line_of(text, loc)
        where = f"第 {line} 行，" if line else ""
        raise RulesetError(
            f"规则集文件 {file} {where}键 {key}：{_problem(first)}"
            + (f"（另有 {err.error_count() - 1} 处错误）" if err.error_count() > 1 else "")
        ) from err


def bundled_text(name: str) -> str:
    """The TOML file of a bundled ruleset, comments included (a start for one's own)."""
    if name not in BUNDLED:
        raise RulesetError(f"未知的规则集：{name}（内置规则集：{'、'.join(BUNDLED)}）")
    return resources.files("jixiao.score").joinpath(f"rulesets/{name}.toml").read_text("utf-8")


@cache
def _bundled(name: str) -> Ruleset:
    return parse_ruleset(bundled_text(name), f"{name}.toml")


_PROBLEMS = {
    "extra_forbidden": "未知的键",
    "missing": "缺少此键",
    "literal_error": "取值不在允许范围内",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "string_type": "应为字符串",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "too_short": "不能为空",
    "string_too_short": "不能为空",
    "string_pattern_mismatch": "只能含英文字母、数字、- 和 _",
}


def _problem(error: Any) -> str:
    kind = str(error["type"])
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    text = _PROBLEMS.get(kind, "取值无效")
    if kind == "literal_error":
        expected = (error.get("ctx") or {}).get("expected")
        if expected:
            choices = str(expected).replace(" or ", ", ").replace("'", "").split(", ")
            text += f"（可选 {'、'.join(choices)}）"
    return text


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _split_key(text: str) -> list[str]:
    parts = re.findall(r"""("[^"]*"|'[^']*'|[^.\s]+)""", text)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


def _line_of(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line that sets ``loc`` (or the nearest enclosing table), by scanning ``text``."""
    target = [str(p) for p in loc]
    best: tuple[int, int] | None = None  # (matched parts, line)
    table: list[str] = []
    arrays: dict[tuple[str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = _split_key(header.group(2))
            if header.group(1) == "[[":
                index = arrays.get(tuple(names), -1) + 1
                arrays[tuple(names)] = index
                table = [*names, str(index)]
            else:
                table = names
            path = table
        else:
            key = _KEY.match(line)
            if not key:
                continue
            path = [*table, *_split_key(key.group(1))]
        matched = _common_prefix(path, target)
        if matched == len(path) and (best is None or matched > best[0]):
            best = (matched, number)
    return best[1] if best else None


def _common_prefix(a: list[str], b: list[str]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n
