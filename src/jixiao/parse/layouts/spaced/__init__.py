"""The spaced family: PDF text whose columns are runs of spaces.

The family's modules are private (``_layout`` holds the layout); what other modules
share of it is imported from here."""

from jixiao.parse.layouts.spaced._labels import LEVEL1, LEVEL2
from jixiao.parse.layouts.spaced._layout import LAYOUT, SpacedText, page_starts
from jixiao.parse.layouts.spaced._text import tokens

__all__ = ["LAYOUT", "LEVEL1", "LEVEL2", "SpacedText", "page_starts", "tokens"]
