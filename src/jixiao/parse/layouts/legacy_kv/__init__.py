"""The legacy_kv family: the pre-2020 项目绩效自我评价 printed as key/value text.

The family's modules are private (``_layout`` holds the layout); what other modules
share of it is imported from here."""

from jixiao.parse.layouts.legacy_kv._layout import LAYOUT

__all__ = ["LAYOUT"]
