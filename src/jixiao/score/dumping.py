"""A ruleset written back as TOML (no comments): a starting point for a user's own file,
and the other half of the load round trip."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from jixiao.score.ruleset import Ruleset

__all__ = ["dump_ruleset"]

_BARE = re.compile(r"^[A-Za-z0-9_\-]+$")


def dump_ruleset(ruleset: Ruleset) -> str:
    """``ruleset`` as TOML text that :func:`~jixiao.score.load_ruleset` reads back equal."""
    lines: list[str] = []
    _table(lines, [], ruleset.model_dump(mode="python"))
    return "\n".join(lines).strip() + "\n"


def _table(lines: list[str], path: list[str], data: Mapping[str, Any]) -> None:
    nested: list[tuple[str, Any]] = []
    for key, value in data.items():
        if isinstance(value, Mapping) or _is_table_array(value):
            nested.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested:
        sub = [*path, key]
        if isinstance(value, Mapping):
            lines.extend(["", f"[{'.'.join(_key(k) for k in sub)}]"])
            _table(lines, sub, value)
        else:
            for item in value:
                lines.extend(["", f"[[{'.'.join(_key(k) for k in sub)}]]"])
                _table(lines, sub, item)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list | tuple) and bool(value) and isinstance(value[0], Mapping)


def _key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
