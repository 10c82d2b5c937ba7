"""Ruling lines that cross or touch form one table: their connected groups.

Shared by the PDF reader (vector rules) and the OCR reader (rules found in pixels).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["crossing_groups"]

H = TypeVar("H")
V = TypeVar("V")


def crossing_groups(
    horizontal: Sequence[H], vertical: Sequence[V], touch: Callable[[H, V], bool]
) -> list[tuple[list[H], list[V]]]:
    """The rules in groups of those connected by crossings (union-find), in rule order."""
    n_h = len(horizontal)
    parent = list(range(n_h + len(vertical)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if touch(h, v):
                a, b = find(i), find(n_h + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[H], list[V]]] = {}
    for i, h in enumerate(horizontal):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vertical):
        groups.setdefault(find(n_h + j), ([], []))[1].append(v)
    return list(groups.values())
