"""The ocr_tabbed family: scans read by OCR into tab-separated cells.

The family's modules are private (``_layout`` holds the layout); what other modules
share of it is imported from here."""

from jixiao.parse.layouts.ocr_tabbed._layout import LAYOUT

__all__ = ["LAYOUT"]
