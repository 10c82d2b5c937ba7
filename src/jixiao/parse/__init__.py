"""Parsing documents into forms: layout detection and one parser per layout family."""

from jixiao.parse.base import Layout, LayoutResult, Match
from jixiao.parse.files import parse_file
from jixiao.parse.registry import MIN_SCORE, ParseResult, all_layouts, detect, parse_document

__all__ = [
    "MIN_SCORE",
    "Layout",
    "LayoutResult",
    "Match",
    "ParseResult",
    "all_layouts",
    "detect",
    "parse_document",
    "parse_file",
]
