"""Plug-ins: what other installed packages add to jixiao through Python entry points.

A province's package declares, in its own ``pyproject.toml``::

    [project.entry-points."jixiao.layouts"]
    hunan_grid = "jixiao_hunan.layout:LAYOUT"      # a jixiao.parse.base.Layout

    [project.entry-points."jixiao.checks"]
    hunan_rules = "jixiao_hunan.checks:CHECK"      # a jixiao.audit.registry.Check

    [project.entry-points."jixiao.rulesets"]
    hunan2024 = "jixiao_hunan:RULESET"             # a pathlib.Path or resource of a TOML file

    [project.entry-points."jixiao.readers"]
    ofd = "jixiao_hunan.ofd:READER"                # a jixiao.read.plugin.Reader

and jixiao finds them without being edited: :func:`plugins` loads every entry point of a
group and checks that it is what the group expects. Each layer asks for its own group
(``read`` readers, ``parse`` layouts, ``score`` rulesets, ``audit`` checks) and puts the
plug-ins after its built-ins. jixiao's pyproject lists its own layouts and checks in the
same groups, as the example of each; they are found in the package itself too (a
checkout run from source works the same), and an installed one is not taken twice.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from typing import Literal, TypeVar

from jixiao.errors import JixiaoError

__all__ = ["GROUPS", "Group", "PluginError", "entry_points", "plugins"]

Group = Literal["jixiao.layouts", "jixiao.checks", "jixiao.rulesets", "jixiao.readers"]
GROUPS: tuple[Group, ...] = ("jixiao.layouts", "jixiao.checks", "jixiao.rulesets", "jixiao.readers")
"""The entry-point groups jixiao reads."""

T = TypeVar("T")


class PluginError(JixiaoError):
    """An installed plug-in cannot be loaded or is not what its group expects."""


@cache
def entry_points(group: Group) -> tuple[metadata.EntryPoint, ...]:
    """The entry points installed in ``group``, by name: the one place that asks
    :mod:`importlib.metadata` (once per process; a test replaces this function to register
    a fake plug-in without installing one)."""
    found = metadata.entry_points(group=group)
    return tuple(sorted(found, key=lambda ep: (ep.name, ep.value)))


def plugins(group: Group, kind: type[T] | tuple[type[T], ...]) -> list[tuple[str, T]]:
    """Each entry point of ``group`` as (its name, the object it names), the object an
    instance of ``kind``; raises :class:`PluginError` naming an entry point that fails
    to load or names something else."""
    out: list[tuple[str, T]] = []
    for ep in entry_points(group):
        try:
            obj = ep.load()
        except Exception as err:  # a plug-in's bug: say which one
            raise PluginError(
                f"插件「{ep.name}」（{group} = {ep.value}）无法加载：{type(err).__name__}: {err}"
            ) from err
        if not isinstance(obj, kind):
            raise PluginError(
                f"插件「{ep.name}」（{group} = {ep.value}）不是此类插件应有的对象"
                f"（{type(obj).__name__}）"
            )
        out.append((ep.name, obj))
    return out
