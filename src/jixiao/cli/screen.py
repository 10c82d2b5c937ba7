"""The console a command prints its tables on, as wide as the reader's screen."""

from __future__ import annotations

import os

from rich.console import Console

__all__ = ["PIPE_WIDTH", "screen"]

PIPE_WIDTH = 160
"""Width of the output sent to a file or a pipe when ``$COLUMNS`` does not say one."""


def screen(pipe_width: int = PIPE_WIDTH) -> Console:
    """A plain console (no markup, no highlighting) on standard output: the terminal's
    width, or ``$COLUMNS`` when set (``COLUMNS=100 jixiao list | less``), or
    ``pipe_width`` for a file or a pipe."""
    console = Console(highlight=False, markup=False)
    if console.is_terminal or os.environ.get("COLUMNS", "").strip().isdigit():
        return console
    return Console(highlight=False, markup=False, width=pipe_width)
