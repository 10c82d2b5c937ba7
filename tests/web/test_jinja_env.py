"""The templates' environment reads a dict's keys directly and renders as Jinja does."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import jinja2
import pytest

from jixiao.web.deps import templates
from jixiao.web.jinja_env import DictFirstEnvironment

_SOURCES = (
    "{{ d.name }}",
    "{{ d.missing is defined }}|{{ d.missing or '—' }}",
    "{{ d.items is callable }}|{{ d['items'] }}",  # a key named like a dict method
    "{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}",
    "{{ d.get('name') }}|{{ d.nested.inner }}|{{ d.nested.absent is undefined }}",
    "{{ d.html }}",  # escaped the same way
    "{{ o.name }}|{{ o.missing is defined }}",  # a dict subclass goes Jinja's way
)


class _Attrs(dict[str, Any]):
    @property
    def name(self) -> str:
        return "attribute"


@pytest.mark.parametrize("source", _SOURCES)
def test_renders_as_jinja_does(source: str) -> None:
    context = {
        "d": {"name": "项目", "items": "键", "nested": {"inner": 3}, "html": "<b>&</b>"},
        "o": _Attrs(name="key"),
    }
    plain = jinja2.Environment(autoescape=True).from_string(source).render(context)
    fast = DictFirstEnvironment(autoescape=True).from_string(source).render(context)
    assert fast == plain


def test_key_read_without_trying_the_attribute(monkeypatch: pytest.MonkeyPatch) -> None:
    def jinja_way(self: jinja2.Environment, obj: Any, attribute: str) -> Any:
        raise AssertionError(f"Jinja's getattr for {attribute}")

    monkeypatch.setattr(jinja2.Environment, "getattr", jinja_way)
    env = DictFirstEnvironment(autoescape=True)
    assert env.getattr({"year": 2024}, "year") == 2024
    with pytest.raises(AssertionError):
        env.getattr({"items": 1}, "items")  # dict's own attribute: Jinja decides
    with pytest.raises(AssertionError):
        env.getattr(OrderedDict(year=1), "year")


def test_the_templates_use_it() -> None:
    assert type(templates.env) is DictFirstEnvironment
