"""Reading the files a command is given, with a progress bar on stderr.

A file that cannot be read is reported as one Chinese line on stderr and skipped; the
caller exits 2 at the end when any was (data on stdout stays complete for the rest).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from jixiao.cli.options import debugging
from jixiao.errors import JixiaoError
from jixiao.service import ParseResult, read_file

__all__ = ["read_files"]


def read_files(files: Sequence[Path], verb: str = "读取") -> tuple[list[ParseResult], bool]:
    """Parse every file; return the results and whether some file failed."""
    console = Console(stderr=True)
    results: list[ParseResult] = []
    failed = False
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=len(files) < 2 or not console.is_terminal,
    )
    with progress:
        task = progress.add_task(verb, total=len(files))
        for path in files:
            progress.update(task, description=f"{verb} {path.name}")
            try:
                results.append(read_file(path))
            except JixiaoError as err:
                if debugging():
                    raise
                failed = True
                progress.console.print(
                    f"[red]错误：[/red]{escape(err.message)}", highlight=False, soft_wrap=True
                )
            progress.advance(task)
    return results, failed
