"""The layouts, each a module or a family's package defining ``LAYOUT``; found by the
registry (:func:`jixiao.parse.registry.all_layouts`).

A family's package (``grid/``, ``spaced/`` …) keeps its modules private (``_layout`` holds
the layout); what other layouts and the rebuilder share of it they import from the
package (``from jixiao.parse.layouts.grid import KEYS``).
"""
