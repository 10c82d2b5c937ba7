"""Render the official tables of forms (DESIGN §4 shells): as a Table, and into files."""

from jixiao.render.official import official_table, repeat_rows, split_head
from jixiao.render.options import RenderOptions, convert_amount, format_number

__all__ = [
    "RenderOptions",
    "convert_amount",
    "format_number",
    "official_table",
    "repeat_rows",
    "split_head",
]
