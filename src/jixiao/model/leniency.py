"""Leniency (自评高于复核): a printed score or total above the one the rules compute.

One rule for every place that asks — the CLI's ``audit`` summary and ``--lenient``
filter, the exports' filter, the web's 自评高于复核 marks and API field, and (as SQL,
:mod:`jixiao.store.filters`) the store's filter.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["reported_above", "score_gap"]


def reported_above(reported: Decimal | None, computed: Decimal | None) -> bool | None:
    """Whether the printed figure is above the computed one; ``None`` when either is
    missing (nothing to compare)."""
    if reported is None or computed is None:
        return None
    return reported > computed


def score_gap(reported: Decimal | None, computed: Decimal | None) -> Decimal | None:
    """自评−复核: how far the printed figure lies above the computed one (negative when
    below); ``None`` when either is missing — as :func:`reported_above`, so a form whose
    computed total was withheld has no gap to sort or count."""
    if reported is None or computed is None:
        return None
    return reported - computed
