"""The templates' Jinja environment: ``row.field`` on a plain dict without an exception.

Jinja resolves ``x.name`` by ``getattr(x, "name")`` first and only then ``x["name"]``;
on the dicts the store hands to the templates (a list page's rows, a form's details)
every such lookup raises and catches an ``AttributeError`` first, the largest single
cost of rendering a list page (docs/web-speed.md). :class:`DictFirstEnvironment` looks
a name up in a plain dict directly when the name is not one of ``dict``'s own
attributes, and leaves everything else to Jinja: the result is the same in every case
(a dict's ``items`` is still its method, a missing key still undefined).
"""

from __future__ import annotations

from typing import Any

import jinja2

__all__ = ["DictFirstEnvironment"]

_DICT_ATTRIBUTES = frozenset(dir(dict))


class DictFirstEnvironment(jinja2.Environment):
    """A Jinja environment whose ``getattr`` reads a plain dict's key without trying
    the attribute first."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)
