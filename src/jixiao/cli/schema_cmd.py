"""``jixiao schema``: the JSON Schema of the interchange format."""

from __future__ import annotations

import json

import typer

from jixiao.model.jsonio import form_schema

__all__ = ["schema"]


def schema() -> None:
    """Print the JSON Schema generated from the model."""
    typer.echo(json.dumps(form_schema(), ensure_ascii=False, indent=2))
