"""The target_kv family: 绩效目标表 printed as key/value text.

The family's modules are private (``_layout`` holds the layout); what other modules
share of it is imported from here."""

from jixiao.parse.layouts.target_kv._layout import LAYOUT

__all__ = ["LAYOUT"]
